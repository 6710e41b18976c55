from . import square
from .square import SIDES
import math


def area(r):
    return round(math.pi * r * r, 4)


def describe():
    return f"a square has {SIDES} sides and area {square.area(2)}"

import numpy as np


def build(n):
    return np.ones((n, 2)) @ np.ones((3, 1))


table = build(4)

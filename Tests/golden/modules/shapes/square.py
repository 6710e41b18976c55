SIDES = 4


def area(s):
    return s * s

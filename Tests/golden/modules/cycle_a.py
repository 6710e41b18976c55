print("cycle_a: start")
import cycle_b

LIMIT = 3


def countdown(n):
    return [] if n == 0 else [n] + cycle_b.countdown(n - 1)


print("cycle_a: done, cycle_b.NAME =", cycle_b.NAME)

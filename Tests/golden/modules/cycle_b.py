print("cycle_b: start")
import cycle_a

print("cycle_b sees a partially initialised cycle_a:", hasattr(cycle_a, "LIMIT"))
NAME = "b"


def countdown(n):
    return cycle_a.countdown(n)

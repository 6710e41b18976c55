print("extra_tools runs once, as", __name__)
calls = 0


def double(x):
    global calls
    calls += 1
    return 2 * x


if __name__ == "__main__":
    print("never printed on import")

from cycle_c import main


def helper():
    return 1

from cycle_d import helper


def main():
    return helper()

def fine():
    return 1


weights = [[0.1, 0.2],
           [0.3, 0.4]
print(weights)

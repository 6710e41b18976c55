import numpy as np

EPS = 1e-12


def binary_cross_entropy(y, p):
    p = np.clip(p, EPS, 1 - EPS)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def binary_cross_entropy_grad(y, p):
    p = np.clip(p, EPS, 1 - EPS)
    return (p - y) / (p * (1 - p)) / y.shape[0]


def mse(y, p):
    return np.mean((y - p) ** 2)

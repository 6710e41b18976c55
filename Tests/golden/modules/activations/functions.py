import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_grad(a):
    return a * (1 - a)


def relu(z):
    return np.maximum(z, 0)


def relu_grad(z):
    return (z > 0).astype(float)

"""A fully connected layer, as tutorial repositories keep it: in a file of its own."""
import numpy as np


class Intializer:
    """Weight initialisation (the tutorial's spelling)."""

    def __init__(self, scale=0.1):
        self.scale = scale

    def __call__(self, n_in, n_out):
        return np.random.randn(n_in, n_out) * self.scale


class Dense:
    def __init__(self, n_in, n_out, init=None):
        init = init or Intializer()
        self.W = init(n_in, n_out)
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad, lr):
        dW = self.x.T @ grad
        db = grad.sum(axis=0, keepdims=True)
        dx = grad @ self.W.T
        self.W -= lr * dW
        self.b -= lr * db
        return dx

    def __repr__(self):
        return f"Dense({self.W.shape[0]}, {self.W.shape[1]})"

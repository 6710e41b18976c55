from .functions import sigmoid, sigmoid_grad, relu, relu_grad

__all__ = ["sigmoid", "sigmoid_grad", "relu", "relu_grad"]

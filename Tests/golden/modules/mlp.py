"""A two-layer perceptron built from the sibling modules."""
from dense_layer import Dense, Intializer
from activations import relu, relu_grad, sigmoid, sigmoid_grad
import losses


class MLP:
    def __init__(self, sizes, scale=0.1):
        init = Intializer(scale)
        self.hidden = Dense(sizes[0], sizes[1], init)
        self.out = Dense(sizes[1], sizes[2], init)

    def forward(self, x):
        self.z1 = self.hidden.forward(x)
        self.a1 = relu(self.z1)
        self.a2 = sigmoid(self.out.forward(self.a1))
        return self.a2

    def train_step(self, x, y, lr):
        p = self.forward(x)
        loss = losses.binary_cross_entropy(y, p)
        grad = losses.binary_cross_entropy_grad(y, p) * sigmoid_grad(p)
        grad = self.out.backward(grad, lr)
        self.hidden.backward(grad * relu_grad(self.z1), lr)
        return loss

    def predict(self, x):
        return (self.forward(x) > 0.5).astype(int)

    def __repr__(self):
        return f"MLP({self.hidden!r}, {self.out!r})"

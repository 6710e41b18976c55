# The 784-64-1 sigmoid MLP of e_train.nn written by hand in NumPy, as the tutorials write it:
# the same seed, Glorot uniform weights, shuffled minibatches of 64, 5 epochs, binary
# cross-entropy, plain SGD; the epoch's loss from the batches, as train reports it.
import numpy as np

np.random.seed(0)
n, d, h = 12000, 784, 64
X = np.random.rand(n, d)
y = (X[:, :1] + X[:, 1:2] > 1.0) * 1.0
limit = np.sqrt(6 / (d + h))
W1 = np.random.uniform(-limit, limit, size=(d, h))
b1 = np.zeros(h)
limit = np.sqrt(6 / (h + 1))
W2 = np.random.uniform(-limit, limit, size=(h, 1))
b2 = np.zeros(1)
lr = 0.1


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(5):
    perm = np.random.permutation(n)
    total = 0.0
    for start in range(0, n, 64):
        idx = perm[start:start + 64]
        xb, yb = X[idx], y[idx]
        a1 = sigmoid(xb.dot(W1) + b1)
        a2 = sigmoid(a1.dot(W2) + b2)
        total += -np.mean(yb * np.log(a2) + (1 - yb) * np.log(1 - a2)) * len(xb)
        d2 = (a2 - yb) / len(xb)
        dW2 = a1.T.dot(d2)
        db2 = d2.sum(axis=0)
        d1 = d2.dot(W2.T) * a1 * (1 - a1)
        dW1 = xb.T.dot(d1)
        db1 = d1.sum(axis=0)
        W2 -= lr * dW2
        b2 -= lr * db2
        W1 -= lr * dW1
        b1 -= lr * db1
    print(epoch, total / n)

import NNTensor

/// The activation functions a layer can apply, by the names `train` accepts.
public enum Activation: String, Sendable, CaseIterable {
  case sigmoid, tanh, relu, linear

  /// Applies the activation elementwise, into a new array.
  public func callAsFunction(_ x: NDArray) throws(TensorError) -> NDArray {
    switch self {
    case .sigmoid: try x.map(.sigmoid)
    case .tanh: try x.map(.tanh)
    case .relu: try NDArray.apply(.maximum, x, .scalar(0.0))
    case .linear: x
    }
  }
}

import NNTensor

/// A fully connected layer, laid out as the tutorials lay it out: `a = f(x · W + b)` with
/// `W` of shape (inputs, outputs) and `b` of shape (outputs,). The arrays are the layer's
/// own storage: whoever holds them (the language's `layer.W`) sees training's updates, and
/// training sees writes made through them.
public final class Dense {
  public let inputs: Int
  public let outputs: Int
  public var activation: Activation
  public private(set) var weights: NDArray
  public private(set) var bias: NDArray

  /// Draws the weights from `random` as `initializer` says; the bias starts at zero.
  public init(
    inputs: Int, outputs: Int, activation: Activation = .linear, initializer: Initializer = .xavier,
    random: RandomState
  ) throws(TensorError) {
    guard inputs > 0, outputs > 0 else {
      throw TensorError(
        .valueError, "a Dense layer needs at least one input and one output, not (\(inputs), \(outputs))")
    }
    guard inputs <= Int(Int32.max) / 2, outputs <= Int(Int32.max) / 2 else {
      throw TensorError(.valueError, "Dense layer of shape (\(inputs), \(outputs)) is too large")
    }
    self.inputs = inputs
    self.outputs = outputs
    self.activation = activation
    weights = try initializer.weights(inputs: inputs, outputs: outputs, random: random)
    bias = try NDArray.zeros([outputs])
  }

  /// The number of weights and biases.
  public var parameterCount: Int { inputs * outputs + outputs }

  /// Makes `w` the layer's weights: the same array when it is float64 and C-contiguous,
  /// else a float64 copy. Its shape must be (inputs, outputs).
  @discardableResult
  public func setWeights(_ w: NDArray) throws(TensorError) -> NDArray {
    guard w.shape == [inputs, outputs] else {
      throw TensorError(
        .valueError,
        "W must have shape \(TensorError.tupleText([inputs, outputs])), not \(TensorError.tupleText(w.shape))")
    }
    weights = Dense.owned(w)
    return weights
  }

  /// Makes `b` the layer's bias; its shape must be (outputs,) or (1, outputs).
  @discardableResult
  public func setBias(_ b: NDArray) throws(TensorError) -> NDArray {
    guard b.shape == [outputs] || b.shape == [1, outputs] else {
      throw TensorError(
        .valueError, "b must have shape \(TensorError.tupleText([outputs])), not \(TensorError.tupleText(b.shape))")
    }
    bias = Dense.owned(b)
    return bias
  }

  static func owned(_ x: NDArray) -> NDArray {
    let f = x.astype(.float64)
    return f.isContiguous && f.isWritable ? f : f.copy()
  }

  var weightPointer: UnsafeMutablePointer<Double> { weights.storage.pointer(as: Double.self) + weights.offset }
  var biasPointer: UnsafeMutablePointer<Double> { bias.storage.pointer(as: Double.self) + bias.offset }
}

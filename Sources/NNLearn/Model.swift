import Foundation
import NNTensor

/// Layers applied one after the other: `MLP([784, 16, 1])` and `Sequential([...])` both make one.
public final class Sequential {
  public let layers: [Dense]

  /// Checks that each layer takes as many inputs as the one before gives outputs.
  public init(_ layers: [Dense]) throws(TensorError) {
    guard !layers.isEmpty else { throw TensorError(.valueError, "a model needs at least one layer") }
    for (k, pair) in zip(layers, layers.dropFirst()).enumerated() where pair.0.outputs != pair.1.inputs {
      throw TensorError(
        .valueError,
        "layer \(k + 1) takes \(pair.1.inputs) inputs but layer \(k) gives \(pair.0.outputs) outputs")
    }
    self.layers = layers
  }

  /// Dense layers of the given widths (`[784, 16, 1]`), `activation` on the hidden ones and
  /// `output` on the last, weights drawn layer after layer.
  public convenience init(
    sizes: [Int], activation: Activation, output: Activation, initializer: Initializer, random: RandomState
  ) throws(TensorError) {
    guard sizes.count >= 2 else {
      throw TensorError(.valueError, "MLP needs at least two sizes (inputs and outputs), got \(sizes.count)")
    }
    var layers: [Dense] = []
    for k in 0..<(sizes.count - 1) {
      let last = k == sizes.count - 2
      layers.append(
        try Dense(
          inputs: sizes[k], outputs: sizes[k + 1], activation: last ? output : activation,
          initializer: initializer, random: random))
    }
    try self.init(layers)
  }

  public var inputs: Int { layers[0].inputs }
  public var outputs: Int { layers[layers.count - 1].outputs }
  public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

  /// The network's outputs for the rows of `x` ((n, inputs), or one sample of shape (inputs,)).
  public func predict(_ x: NDArray) throws(TensorError) -> NDArray {
    let rows = try Inputs(x, model: self)
    let out = try NDArray(uninitialized: x.ndim == 1 ? [outputs] : [rows.count, outputs], dtype: .float64)
    let po = out.storage.pointer(as: Double.self) + out.offset
    let work = Workspace(self, capacity: Swift.min(rows.count, Workspace.chunk), training: false)
    var start = 0
    while start < rows.count {
      let m = Swift.min(Workspace.chunk, rows.count - start)
      let a = work.forward(self, rows.pointer + start * inputs, rows: m)
      activationOutput(a, rows: m)
      (po + start * outputs).update(from: a, count: m * outputs)
      start += m
    }
    return out
  }

  /// The loss over all rows, and the accuracy when the loss classifies.
  public func evaluate(
    _ x: NDArray, _ y: NDArray, loss: Loss
  ) throws(TensorError) -> (
    loss: Double, accuracy: Double?
  ) {
    let rows = try Inputs(x, model: self)
    let targets = try Targets.prepare(y, rows: rows.count, outputs: outputs, loss: loss)
    let work = Workspace(self, capacity: Swift.min(rows.count, Workspace.chunk), training: false)
    var (total, correct, start) = (0.0, 0, 0)
    while start < rows.count {
      let m = Swift.min(Workspace.chunk, rows.count - start)
      let z = work.forward(self, rows.pointer + start * inputs, rows: m)
      let t = targets.pointer + start * outputs
      let batch = loss.outputStep(
        z, targets: t, delta: nil, rows: m, columns: outputs, activation: layers[layers.count - 1].activation)
      total += loss.isSum ? batch : batch * Double(m)
      correct += Loss.correct(z, t, rows: m, columns: outputs)
      start += m
    }
    let n = Double(Swift.max(rows.count, 1))
    return (loss.isSum ? total : total / n, loss.isClassification ? Double(correct) / n : nil)
  }

  /// The last layer's activation on its pre-activations (the forward pass leaves it to the caller).
  func activationOutput(_ z: UnsafeMutablePointer<Double>, rows: Int) {
    layers[layers.count - 1].activation.apply(z, rows: rows, columns: outputs)
  }
}

/// A model's input rows as one C-contiguous float64 block (the array itself when it is one).
struct Inputs {
  let array: NDArray
  let count: Int
  var pointer: UnsafeMutablePointer<Double> { array.storage.pointer(as: Double.self) + array.offset }

  init(_ x: NDArray, model: Sequential) throws(TensorError) {
    let width = x.shape.last ?? 0
    guard x.ndim == 2 || x.ndim == 1, width == model.inputs else {
      throw TensorError(
        .valueError,
        "the model takes inputs of shape (n, \(model.inputs)), not \(TensorError.tupleText(x.shape))")
    }
    array = x.astype(.float64).contiguous()
    count = x.ndim == 2 ? x.shape[0] : 1
  }
}

/// Targets as an (n, outputs) float64 block: a column for one output, one-hot rows for
/// integer class labels when there are several outputs.
enum Targets {
  struct Block {
    let array: NDArray
    var pointer: UnsafeMutablePointer<Double> { array.storage.pointer(as: Double.self) + array.offset }
  }

  static func prepare(_ y: NDArray, rows: Int, outputs: Int, loss: Loss) throws(TensorError) -> Block {
    let mismatch = TensorError(
      .valueError,
      "targets of shape \(TensorError.tupleText(y.shape)) do not fit \(rows) samples of \(outputs) output\(outputs == 1 ? "" : "s")"
    )
    guard y.shape.first == rows else { throw mismatch }
    if y.shape == [rows, outputs] || (outputs == 1 && y.shape == [rows]) {
      let f = y.astype(.float64).contiguous()
      return Block(array: f)
    }
    guard y.ndim == 1 else { throw mismatch }
    let labels = y.astype(.float64).contiguous()
    let pl = labels.storage.pointer(as: Double.self) + labels.offset
    let out = try NDArray.zeros([rows, outputs])
    let po = out.storage.pointer(as: Double.self) + out.offset
    for r in 0..<rows {
      let c = pl[r]
      guard c >= 0, c < Double(outputs), c == c.rounded(.towardZero) else {
        let label = c == c.rounded() && Swift.abs(c) < 1e15 ? String(Int(c)) : String(c)
        throw TensorError(
          .valueError, "class labels must be integers in [0, \(outputs)) for \(outputs) outputs, got \(label)")
      }
      po[r * outputs + Int(c)] = 1
    }
    return Block(array: out)
  }
}

/// Buffers for one pass through the model, made once: each layer's outputs and, when
/// training, its deltas and gradients. A pass only writes into them.
final class Workspace {
  static let chunk = 256
  let capacity: Int
  var activations: [UnsafeMutablePointer<Double>] = []
  var deltas: [UnsafeMutablePointer<Double>] = []
  var weightGradients: [UnsafeMutablePointer<Double>] = []
  var biasGradients: [UnsafeMutablePointer<Double>] = []

  init(_ model: Sequential, capacity: Int, training: Bool) {
    self.capacity = Swift.max(capacity, 1)
    for layer in model.layers {
      activations.append(Workspace.buffer(self.capacity * layer.outputs))
      guard training else { continue }
      deltas.append(Workspace.buffer(self.capacity * layer.outputs))
      weightGradients.append(Workspace.buffer(layer.inputs * layer.outputs))
      biasGradients.append(Workspace.buffer(layer.outputs))
    }
  }

  deinit {
    for p in activations + deltas + weightGradients + biasGradients { p.deallocate() }
  }

  /// Refuses, as a MemoryError, buffers larger than the machine's memory (a huge batch).
  static func checkSize(_ model: Sequential, capacity: Int) throws(TensorError) {
    var total = capacity.multipliedReportingOverflow(by: model.inputs + model.outputs)
    for layer in model.layers where !total.overflow {
      let rows = capacity.multipliedReportingOverflow(by: 2 * layer.outputs)
      let sum = total.partialValue.addingReportingOverflow(rows.partialValue + layer.parameterCount)
      total = (sum.partialValue, rows.overflow || sum.overflow)
    }
    let limit = ProcessInfo.processInfo.physicalMemory / 8
    guard !total.overflow, UInt64(total.partialValue) <= limit else {
      throw TensorError(.memoryError, "Unable to allocate the training buffers for batches of \(capacity) rows")
    }
  }

  static func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
    let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(count, 1))
    p.initialize(repeating: 0, count: Swift.max(count, 1))
    return p
  }

  /// `x` (rows×inputs) through every layer; returns the last layer's pre-activations
  /// (bias added), the hidden layers' outputs staying in `activations`.
  func forward(_ model: Sequential, _ x: UnsafePointer<Double>, rows: Int) -> UnsafeMutablePointer<Double> {
    var input = x
    for (l, layer) in model.layers.enumerated() {
      let out = activations[l]
      BLAS.gemm(
        transposeA: false, transposeB: false, m: rows, n: layer.outputs, k: layer.inputs, alpha: 1,
        a: input, lda: layer.inputs, b: layer.weightPointer, ldb: layer.outputs, beta: 0, c: out, ldc: layer.outputs)
      let b = layer.biasPointer
      for r in 0..<rows {
        let row = out + r * layer.outputs
        for j in 0..<layer.outputs { row[j] += b[j] }
      }
      if l < model.layers.count - 1 {
        layer.activation.apply(out, rows: rows, columns: layer.outputs)
        input = UnsafePointer(out)
      }
    }
    return activations[model.layers.count - 1]
  }
}

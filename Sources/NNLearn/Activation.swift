import Foundation
import NNTensor

/// The activation functions a layer can apply, by the names `train` accepts.
public enum Activation: String, Sendable, CaseIterable {
  case sigmoid, tanh, relu
  case leakyRelu = "leaky_relu"
  case softmax, linear

  /// The slope of `leaky_relu` below zero (PyTorch's default).
  public static let leak = 0.01

  /// Reads a name as the user types it (`"leaky_relu"`; `"identity"` and `"none"` are linear).
  public init?(name: String) {
    switch name.lowercased() {
    case "identity", "none": self = .linear
    case "leakyrelu": self = .leakyRelu
    default:
      guard let a = Activation(rawValue: name.lowercased()) else { return nil }
      self = a
    }
  }

  /// Applies the activation to an array (softmax along the last axis), into a new array.
  public func callAsFunction(_ x: NDArray) throws(TensorError) -> NDArray {
    let out = x.astype(.float64).copy()
    let columns = out.shape.last ?? 1
    apply(out.storage.pointer(as: Double.self) + out.offset, rows: out.count / Swift.max(columns, 1), columns: columns)
    return out
  }

  /// In place on a rows×columns buffer: `a = f(z)`. Softmax works row by row.
  func apply(_ p: UnsafeMutablePointer<Double>, rows: Int, columns: Int) {
    let n = rows * columns
    switch self {
    case .sigmoid: for i in 0..<n { p[i] = Activation.sigmoid(p[i]) }
    case .tanh: for i in 0..<n { p[i] = Foundation.tanh(p[i]) }
    case .relu: for i in 0..<n where !(p[i] > 0) { p[i] = p[i].isNaN ? p[i] : 0 }
    case .leakyRelu: for i in 0..<n where p[i] < 0 { p[i] *= Activation.leak }
    case .softmax: for r in 0..<rows { Activation.softmaxRow(p + r * columns, columns) }
    case .linear: break
    }
  }

  /// `δ ← δ · f′` in place, where `a` holds the activation's outputs (every derivative here
  /// can be written with the outputs alone). Softmax applies its Jacobian row by row.
  func backward(_ delta: UnsafeMutablePointer<Double>, outputs a: UnsafePointer<Double>, rows: Int, columns: Int) {
    let n = rows * columns
    switch self {
    case .sigmoid: for i in 0..<n { delta[i] *= a[i] * (1 - a[i]) }
    case .tanh: for i in 0..<n { delta[i] *= 1 - a[i] * a[i] }
    case .relu: for i in 0..<n where !(a[i] > 0) { delta[i] = 0 }
    case .leakyRelu: for i in 0..<n where !(a[i] > 0) { delta[i] *= Activation.leak }
    case .softmax:
      for r in 0..<rows {
        let (d, s) = (delta + r * columns, a + r * columns)
        var dot = 0.0
        for j in 0..<columns { dot += d[j] * s[j] }
        for j in 0..<columns { d[j] = s[j] * (d[j] - dot) }
      }
    case .linear: break
    }
  }

  /// Never evaluates exp of a large positive number, so never overflows.
  @inline(__always) static func sigmoid(_ v: Double) -> Double {
    if v >= 0 { return 1 / (1 + Foundation.exp(-v)) }
    let e = Foundation.exp(v)
    return e / (1 + e)
  }

  /// `exp(z - max) / sum`, in place; returns log(sum exp(z)) for the loss.
  @discardableResult
  static func softmaxRow(_ z: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
    var top = -Double.infinity
    for j in 0..<count where z[j] > top { top = z[j] }
    if !top.isFinite { top = 0 }
    var total = 0.0
    for j in 0..<count {
      z[j] = Foundation.exp(z[j] - top)
      total += z[j]
    }
    for j in 0..<count { z[j] /= total }
    return top + Foundation.log(total)
  }
}

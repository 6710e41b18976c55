import NNTensor

/// How a Dense layer's weights start. Each draws from a NumPy `RandomState` exactly as the
/// NumPy expression beside it, so a seed gives the same weights as the same NumPy code.
/// Biases start at zero.
public enum Initializer: Sendable, Equatable {
  /// `np.random.normal(0, scale, size=(inputs, outputs))`, as seed 3 initializes.
  case normal(scale: Double)
  /// `w = np.random.randn(inputs, outputs); w / np.linalg.norm(w, axis=0)`: every unit's
  /// incoming weights have norm 1 (seed 1's "unit norm initialization").
  case unitNorm
  /// Glorot (Xavier) uniform, Keras's default:
  /// `np.random.uniform(-l, l, size=(inputs, outputs))` with `l = sqrt(6 / (inputs + outputs))`.
  case xavier
  /// He normal: `np.random.normal(0, sqrt(2 / inputs), size=(inputs, outputs))`.
  case he
  /// `np.zeros((inputs, outputs))`.
  case zeros

  /// Reads `"normal"`, `"unit_norm"`, `"xavier"`/`"glorot"`, `"he"`, `"zeros"`.
  public init?(name: String, scale: Double = 0.1) {
    switch name.lowercased() {
    case "normal", "randn", "gaussian": self = .normal(scale: scale)
    case "unit_norm", "unitnorm", "unit": self = .unitNorm
    case "xavier", "glorot", "glorot_uniform", "xavier_uniform": self = .xavier
    case "he", "he_normal", "kaiming": self = .he
    case "zeros", "zero": self = .zeros
    default: return nil
    }
  }

  /// A fresh (inputs, outputs) float64 weight matrix.
  public func weights(inputs: Int, outputs: Int, random: RandomState) throws(TensorError) -> NDArray {
    let shape = [inputs, outputs]
    switch self {
    case .normal(let scale): return try random.normal(loc: 0, scale: scale, shape: shape)
    case .xavier:
      let limit = (6 / Double(inputs + outputs)).squareRoot()
      return try random.uniform(low: -limit, high: limit, shape: shape)
    case .he: return try random.normal(loc: 0, scale: (2 / Double(inputs)).squareRoot(), shape: shape)
    case .zeros: return try NDArray.zeros(shape)
    case .unitNorm:
      let w = try random.standardNormal(shape: shape)
      let p = w.storage.pointer(as: Double.self) + w.offset
      // np.linalg.norm(axis=0) of a C-ordered matrix adds the squares row after row.
      var norms = [Double](repeating: 0, count: outputs)
      for i in 0..<inputs { for j in 0..<outputs { norms[j] += p[i * outputs + j] * p[i * outputs + j] } }
      for j in 0..<outputs { norms[j] = norms[j].squareRoot() }
      for i in 0..<inputs { for j in 0..<outputs { p[i * outputs + j] /= norms[j] } }
      return w
    }
  }
}

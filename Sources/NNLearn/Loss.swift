import Foundation

/// The losses `train` minimizes. Each reduces a batch as its formula says: mse, bce and cce
/// average (cce sums over the classes of a row, then averages over rows), sse is seed 3's
/// `½ Σ (y − ŷ)²` over the whole batch, so its gradient is not divided by the batch size.
public enum Loss: String, Sendable, CaseIterable {
  case mse, sse, bce, cce

  /// Reads `"mse"`, `"sse"`, `"bce"`/`"binary_crossentropy"`, `"cce"`/`"categorical_crossentropy"`.
  public init?(name: String) {
    switch name.lowercased() {
    case "mse", "mean_squared_error": self = .mse
    case "sse", "sum_squared_error", "sum_of_squared_errors": self = .sse
    case "bce", "binary_crossentropy", "binary_cross_entropy", "log_loss": self = .bce
    case "cce", "categorical_crossentropy", "categorical_cross_entropy", "crossentropy", "cross_entropy":
      self = .cce
    default: return nil
    }
  }

  /// Whether the loss is a sum over samples (sse), rather than a mean.
  public var isSum: Bool { self == .sse }

  /// Whether accuracy means something for it.
  public var isClassification: Bool { self == .bce || self == .cce }

  /// Probabilities are kept this far from 0 and 1 when a cross-entropy does not follow its
  /// own activation (Keras's epsilon).
  static let epsilon = 1e-7

  /// The output layer's last step: `z` (rows×columns, bias added) becomes `a = f(z)` in place,
  /// `delta` (when given) receives dLoss/dz, and the batch's loss is returned. Cross-entropy
  /// after its own activation (bce after sigmoid, cce after softmax) is computed from the
  /// logits, so it never takes the log of 0.
  func outputStep(
    _ z: UnsafeMutablePointer<Double>, targets y: UnsafePointer<Double>, delta: UnsafeMutablePointer<Double>?,
    rows: Int, columns: Int, activation: Activation
  ) -> Double {
    let n = rows * columns
    let scale = self == .sse ? 1 : self == .cce ? 1 / Double(rows) : 1 / Double(n)
    var total = 0.0
    switch (self, activation) {
    case (.bce, .sigmoid):
      for i in 0..<n {
        let v = z[i]
        total += Swift.max(v, 0) - v * y[i] + Foundation.log1p(Foundation.exp(-Swift.abs(v)))
        z[i] = Activation.sigmoid(v)
        delta?[i] = (z[i] - y[i]) * scale
      }
      return total * scale
    case (.cce, .softmax):
      for r in 0..<rows {
        let (row, t) = (z + r * columns, y + r * columns)
        var top = -Double.infinity
        for j in 0..<columns where row[j] > top { top = row[j] }
        if !top.isFinite { top = 0 }
        var sum = 0.0
        for j in 0..<columns { sum += Foundation.exp(row[j] - top) }
        let logSum = top + Foundation.log(sum)
        for j in 0..<columns {
          total += t[j] * (logSum - row[j])
          row[j] = Foundation.exp(row[j] - logSum)
          delta?[r * columns + j] = (row[j] - t[j]) * scale
        }
      }
      return total * scale
    default:
      activation.apply(z, rows: rows, columns: columns)
      for i in 0..<n {
        let (a, t) = (z[i], y[i])
        var gradient: Double
        switch self {
        case .mse:
          total += (a - t) * (a - t)
          gradient = 2 * (a - t)
        case .sse:
          total += 0.5 * (a - t) * (a - t)
          gradient = a - t
        case .bce:
          let p = Swift.min(Swift.max(a, Loss.epsilon), 1 - Loss.epsilon)
          total -= t * Foundation.log(p) + (1 - t) * Foundation.log(1 - p)
          gradient = (p - t) / (p * (1 - p))
        case .cce:
          let p = Swift.max(a, Loss.epsilon)
          total -= t * Foundation.log(p)
          gradient = -t / p
        }
        delta?[i] = gradient * scale
      }
      if let delta { activation.backward(delta, outputs: z, rows: rows, columns: columns) }
      return total * scale
    }
  }

  /// How many rows the outputs classify as the targets do: above ½ for one output, the
  /// largest output otherwise.
  static func correct(_ a: UnsafePointer<Double>, _ y: UnsafePointer<Double>, rows: Int, columns: Int) -> Int {
    var count = 0
    if columns == 1 {
      for i in 0..<rows where (a[i] > 0.5) == (y[i] > 0.5) { count += 1 }
      return count
    }
    for r in 0..<rows where argmax(a + r * columns, columns) == argmax(y + r * columns, columns) { count += 1 }
    return count
  }

  static func argmax(_ p: UnsafePointer<Double>, _ count: Int) -> Int {
    var best = 0
    for j in 1..<Swift.max(count, 1) where p[j] > p[best] { best = j }
    return best
  }
}

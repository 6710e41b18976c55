import Foundation

/// How a gradient becomes a step. `g` is the gradient of the batch's loss, `lr` the
/// learning rate:
/// - sgd: `w -= lr * g`
/// - momentum: `v = momentum * v - lr * g; w += v` (v starts at zero)
/// - adam: `m = β1 m + (1 − β1) g; v = β2 v + (1 − β2) g²;
///   w -= lr * (m / (1 − β1ᵗ)) / (sqrt(v / (1 − β2ᵗ)) + ε)`, as in Kingma and Ba's paper.
public enum Optimizer: Sendable, Equatable {
  case sgd
  case momentum(Double)
  case adam(beta1: Double, beta2: Double, epsilon: Double)

  /// Reads `"sgd"`, `"momentum"` (0.9), `"adam"` (0.9, 0.999, 1e-8).
  public init?(name: String) {
    switch name.lowercased() {
    case "sgd", "gd", "gradient_descent": self = .sgd
    case "momentum", "sgd_momentum": self = .momentum(0.9)
    case "adam": self = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    default: return nil
    }
  }

  /// The learning rate when none is given: Keras's defaults.
  public var defaultLearningRate: Double {
    if case .adam = self { return 0.001 }
    return 0.01
  }
}

/// An optimizer's per-parameter memory (velocities, moments), made once per fit.
final class OptimizerState {
  let optimizer: Optimizer
  let learningRate: Double
  private var first: [UnsafeMutablePointer<Double>] = []
  private var second: [UnsafeMutablePointer<Double>] = []
  private var counts: [Int] = []
  private var step = 0

  init(_ optimizer: Optimizer, learningRate: Double, parameterCounts: [Int]) {
    self.optimizer = optimizer
    self.learningRate = learningRate
    counts = parameterCounts
    switch optimizer {
    case .sgd: break
    case .momentum: first = parameterCounts.map(Workspace.buffer)
    case .adam:
      first = parameterCounts.map(Workspace.buffer)
      second = parameterCounts.map(Workspace.buffer)
    }
  }

  deinit { for p in first + second { p.deallocate() } }

  /// Called once per batch, before the updates of that batch.
  func beginStep() { step += 1 }

  /// Updates parameter block `slot` from its gradient.
  func update(_ w: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, slot: Int) {
    let n = counts[slot]
    let lr = learningRate
    switch optimizer {
    case .sgd:
      for i in 0..<n { w[i] -= lr * g[i] }
    case .momentum(let mu):
      let v = first[slot]
      for i in 0..<n {
        v[i] = mu * v[i] - lr * g[i]
        w[i] += v[i]
      }
    case .adam(let beta1, let beta2, let epsilon):
      let (m, v) = (first[slot], second[slot])
      let c1 = 1 - Foundation.pow(beta1, Double(step))
      let c2 = 1 - Foundation.pow(beta2, Double(step))
      for i in 0..<n {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
        w[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon)
      }
    }
  }
}

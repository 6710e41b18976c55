import Foundation
import NNTensor

/// Solving a system and saying what kind of answer it is: exact by LU for a square full-rank
/// system, least squares for an over-determined one, the minimum-norm solution (and the
/// directions that stay free) for a rank-deficient one, or gradient descent as seed 1 does it.
extension Equations {
  enum Method: String, CaseIterable {
    case auto, lu, lstsq, gd
  }

  struct Solution {
    var names: [String]
    var keys: [String]
    var a: NDArray
    var b: NDArray
    var x: NDArray
    var rank: Int
    var residual: Double
    /// "lu", "lstsq", "min-norm" or "gd".
    var method: String
    /// Gradient descent's loss at every iteration.
    var losses: [Double]? = nil
    /// A basis of the null space, one row per free direction, when the rank is short.
    var free: NDArray? = nil
  }

  struct GradientDescent {
    var lr: Double
    var iters: Int
  }

  /// Solves, printing one `name = value` line per unknown (after what kind of answer it is).
  static func solve(
    _ system: System, method: Method, descent: GradientDescent, interpreter: Interpreter
  ) throws(PyError) -> Solution {
    let (m, n) = (system.rows, system.names.count)
    let (a, b) = try tensor { () throws(TensorError) in
      (try NDArray(shape: [m, n], doubles: system.a), try NDArray(shape: [m], doubles: system.b))
    }
    let rank = try tensor { () throws(TensorError) in Int(try Linalg.matrixRank(a).doubles.first ?? 0) }
    var solution = Solution(
      names: system.names, keys: system.keys, a: a, b: b, x: a, rank: rank, residual: 0, method: "lu")
    var header: [String] = []
    var footer: [String] = []
    switch method {
    case .gd:
      let (x, losses) = try gradientDescent(a, b, descent, interpreter: interpreter)
      solution.x = x
      solution.losses = losses
      solution.method = "gd"
    case .lu:
      solution.x = try tensor { () throws(TensorError) in try Linalg.solve(a, b) }
    case .auto where m == n && rank == n:
      solution.x = try tensor { () throws(TensorError) in try Linalg.solve(a, b) }
    case .auto, .lstsq:
      solution.x = try tensor { () throws(TensorError) in try Linalg.lstsq(a, b).x }
      solution.method = rank < n ? "min-norm" : "lstsq"
    }
    solution.residual = residualNorm(system, solution.x.doubles)
    if solution.method == "lstsq" || solution.method == "min-norm" {
      (header, footer) = describe(system, &solution)
    }
    var lines = header
    for (name, value) in zip(system.names, solution.x.doubles) {
      lines.append("\(name) = \(valueText(value))")
    }
    interpreter.emit((lines + footer).map { $0 + "\n" }.joined())
    return solution
  }

  /// What kind of least-squares answer this is, said before and after the values.
  private static func describe(_ system: System, _ s: inout Solution) -> ([String], [String]) {
    let (m, n) = (system.rows, system.names.count)
    let residual = Repr.repr(.float(s.residual))
    let consistent = s.residual <= 1e-9 * max(1, system.b.map(abs).max() ?? 0)
    if s.rank == n {
      guard m > n else { return ([], []) }
      let sizes = "\(plural(m, "equation")), \(plural(n, "unknown"))"
      if consistent { return (["over-determined (\(sizes)) but consistent: exact solution"], []) }
      return (["over-determined (\(sizes)): least-squares solution, residual norm \(residual)"], [])
    }
    if !consistent {
      return (
        [
          "no solution: the equations are inconsistent (least-squares residual norm \(residual))",
          "closest in the least-squares sense, of minimum norm:",
        ], []
      )
    }
    var footer: [String] = []
    guard let directions = freeDirections(system, rank: s.rank) else {
      let count = plural(n - s.rank, "free direction")
      return (["infinitely many solutions (rank \(s.rank) of \(n) unknowns): showing the minimum-norm one"], [count])
    }
    do {
      s.free = try? NDArray(shape: [directions.count, n], doubles: directions.flatMap { $0 })
      footer.append("free directions (adding any multiple of one keeps every equation true):")
      for d in directions.prefix(10) { footer.append("  " + directionText(d, system.names)) }
      if directions.count > 10 { footer.append("  … and \(directions.count - 10) more") }
    }
    return (
      ["infinitely many solutions (rank \(s.rank) of \(n) unknowns): showing the minimum-norm one"], footer
    )
  }

  /// ‖A·x − b‖, scaled by the largest component where the plain sum of squares overflows.
  static func residualNorm(_ system: System, _ x: [Double]) -> Double {
    let n = system.names.count
    var residuals: [Double] = []
    for i in 0..<system.rows {
      var r = 0.0
      for j in 0..<n { r += system.a[i * n + j] * x[j] }
      residuals.append(r - system.b[i])
    }
    let total = residuals.reduce(0) { $0 + $1 * $1 }
    guard total.isInfinite, let scale = residuals.map(abs).max(), scale.isFinite else { return total.squareRoot() }
    return scale * residuals.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
  }

  /// A basis of the null space from the reduced row echelon form: each free unknown set to
  /// 1 in turn, so integer systems give readable directions. Nil when the elimination would
  /// be too long or does not agree with the SVD's rank.
  static func freeDirections(_ system: System, rank: Int) -> [[Double]]? {
    let (m, n) = (system.rows, system.names.count)
    // Each direction is a row of n numbers: past a few million numbers in all, only their
    // count is said.
    guard Double(m) * Double(n) * Double(min(m, n)) <= 2e8, Double(n - rank) * Double(n) <= 4e6 else { return nil }
    var r = system.a
    let tolerance = 1e-10 * max(system.a.map(abs).max() ?? 0, Double.leastNormalMagnitude)
    var pivots: [Int] = []
    var row = 0
    for col in 0..<n where row < m {
      var best = row
      for i in row..<m where abs(r[i * n + col]) > abs(r[best * n + col]) { best = i }
      if abs(r[best * n + col]) <= tolerance { continue }
      if best != row { for j in 0..<n { r.swapAt(best * n + j, row * n + j) } }
      let p = r[row * n + col]
      for j in 0..<n { r[row * n + j] /= p }
      for i in 0..<m where i != row && r[i * n + col] != 0 {
        let f = r[i * n + col]
        for j in 0..<n { r[i * n + j] -= f * r[row * n + j] }
      }
      pivots.append(col)
      row += 1
    }
    guard pivots.count == rank else { return nil }
    let pivotSet = Set(pivots)
    return (0..<n).filter { !pivotSet.contains($0) }.map { free in
      var d = [Double](repeating: 0, count: n)
      d[free] = 1
      for (k, p) in pivots.enumerated() { d[p] = r[k * n + free] == 0 ? 0 : -r[k * n + free] }
      // Pointing so that its first component is positive, in whole numbers where the
      // components are simple fractions, reads best.
      if let first = d.first(where: { $0 != 0 }), first < 0 { d = d.map { $0 == 0 ? 0 : -$0 } }
      var common: Int64 = 1
      for v in d {
        guard let (_, q) = fraction(v, tolerance: 1e-9) else { return d }
        common = common / gcd(common, q) * q
        if common > 1000 { return d }
      }
      return d.map { $0 * Double(common) }
    }
  }

  /// `x, y, z`, or the first nine and the last of many.
  static func listed(_ names: [String]) -> String {
    guard names.count > 10 else { return names.joined(separator: ", ") }
    return names.prefix(9).joined(separator: ", ") + ", …, " + (names.last ?? "")
  }

  static func plural(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

  static func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }

  /// `(x, y, z) = (1, -2, 1)`, or only the nonzero components when there are many unknowns.
  static func directionText(_ d: [Double], _ names: [String]) -> String {
    if names.count <= 12 {
      return "(" + names.joined(separator: ", ") + ") = (" + d.map(shortNumber).joined(separator: ", ") + ")"
    }
    let parts = zip(names, d).filter { $0.1 != 0 }.map { "\($0.0) = \(shortNumber($0.1))" }
    guard parts.count > 8 else { return parts.joined(separator: ", ") }
    return parts.prefix(8).joined(separator: ", ") + ", … (\(parts.count - 8) more nonzero)"
  }

  /// A direction's component: an integer, a simple fraction, or 6 significant digits.
  static func shortNumber(_ v: Double) -> String {
    if let (p, q) = fraction(v, tolerance: 1e-9) { return q == 1 ? "\(p)" : "\(p)/\(q)" }
    return String(format: "%.6g", v)
  }

  /// A value as Python prints a float, with the integer or simple fraction it equals to
  /// 1e-12 when that says more: `0.7142857142857143  (5/7)`.
  static func valueText(_ v: Double) -> String {
    let value = v == 0 ? 0 : v  // no -0.0 in the report
    let shown = Repr.repr(.float(value))
    guard let (p, q) = fraction(value, tolerance: 1e-12) else { return shown }
    if q == 1 { return Double(p) == value ? shown : "\(shown)  (\(p))" }
    return "\(shown)  (\(p)/\(q))"
  }

  /// p/q with q ≤ 1000 within `tolerance` (relative past 1) of v.
  static func fraction(_ v: Double, tolerance: Double) -> (Int64, Int64)? {
    guard v.isFinite, abs(v) < 1e12 else { return nil }
    let allowed = tolerance * max(1, abs(v))
    for q in 1...1000 {
      let p = (v * Double(q)).rounded()
      if abs(v - p / Double(q)) <= allowed { return (Int64(p), Int64(q)) }
    }
    return nil
  }

  /// Seed 1's loop, operation for operation, so its printed losses are NumPy's to the bit:
  ///
  ///     x = np.zeros(X.shape[1])
  ///     for i in range(iters):
  ///         error = X.dot(x) - Y
  ///         loss = np.mean(error * error)
  ///         if i % (iters // 10) == 0: print(f"Loss at iter: {i}: {loss}")
  ///         loss_wrt_x = 2 * X.T.dot(error) / len(Y)
  ///         x = x - lr * loss_wrt_x
  static func gradientDescent(
    _ a: NDArray, _ b: NDArray, _ descent: GradientDescent, interpreter: Interpreter
  ) throws(PyError) -> (NDArray, [Double]) {
    let (m, n) = (a.shape[0], a.shape[1])
    let every = max(1, descent.iters / 10)
    let (two, count, rate) = (NDArray.scalar(Int64(2)), NDArray.scalar(Int64(m)), NDArray.scalar(descent.lr))
    let at = a.transposed()
    var x = try tensor { () throws(TensorError) in try NDArray.zeros([n]) }
    var losses: [Double] = []
    losses.reserveCapacity(min(max(0, descent.iters), 1 << 20))
    for i in 0..<max(0, descent.iters) {
      try interpreter.interrupt.check()
      let loss: Double
      (x, loss) = try tensor { () throws(TensorError) in
        let error = try NDArray.apply(.subtract, try NDArray.dot(a, x), b)
        let loss = try NDArray.apply(.multiply, error, error).reduce(.mean, axes: nil).doubles.first ?? .nan
        let gradient = try NDArray.apply(
          .divide, try NDArray.apply(.multiply, two, try NDArray.dot(at, error)), count)
        return (try NDArray.apply(.subtract, x, try NDArray.apply(.multiply, rate, gradient)), loss)
      }
      losses.append(loss)
      if i % every == 0 { interpreter.emit("Loss at iter: \(i): \(Repr.repr(.float(loss)))\n") }
    }
    return (x, losses)
  }
}

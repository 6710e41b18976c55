import Foundation

/// The legacy `np.random.binomial`, by NumPy's inversion algorithm (n·min(p, 1-p) <= 30), the
/// case of dropout masks and coin flips.
extension RandomState {
  public func binomial(n: Int64, p: Double, count: Int) throws(TensorError) -> [Int64] {
    try binomialInversion(n: n, p: p, count: count, next: randomSample)
  }
}

extension Generator {
  /// `Generator.binomial`: the same algorithm as the legacy stream, on PCG64's doubles.
  public func binomial(n: Int64, p: Double, count: Int) throws(TensorError) -> [Int64] {
    try binomialInversion(n: n, p: p, count: count, next: random)
  }
}

/// NumPy's `random_binomial` for n·min(p, 1-p) <= 30 (`random_binomial_inversion`).
func binomialInversion(n: Int64, p: Double, count: Int, next randomSample: () -> Double) throws(TensorError) -> [Int64]
{
  guard n >= 0 else { throw TensorError(.valueError, "n < 0") }
  guard p >= 0 && p <= 1 else { throw TensorError(.valueError, "p < 0, p > 1 or p is NaN") }
  if n == 0 || p == 0 { return [Int64](repeating: 0, count: count) }
  let flipped = p > 0.5
  let pp = flipped ? 1 - p : p
  guard pp * Double(n) <= 30 else {
    throw TensorError(.valueError, "nn's binomial supports n*min(p, 1-p) <= 30 only (NumPy's BTPE case is missing)")
  }
  let q = 1 - pp
  let qn = exp(Double(n) * log(q))
  let np = Double(n) * pp
  let bound = Int64(Swift.min(Double(n), np + 10 * (np * q + 1).squareRoot()))
  var out = [Int64](repeating: 0, count: count)
  for k in 0..<count {
    var x: Int64 = 0
    var px = qn
    var u = randomSample()
    while u > px {
      x += 1
      if x > bound {
        x = 0
        px = qn
        u = randomSample()
      } else {
        u -= px
        px = (Double(n - x + 1) * pp * px) / (Double(x) * q)
      }
    }
    out[k] = flipped ? n - x : x
  }
  return out
}

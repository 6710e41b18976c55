import Foundation

/// More of the legacy `np.random` distributions, by NumPy's algorithms
/// (`legacy-distributions.c`, `distributions.c`) on the Mersenne Twister's doubles.
extension RandomState {
  /// `standard_exponential`: -log(1 - U).
  public func standardExponential() -> Double { -log(1.0 - randomSample()) }

  /// `laplace(loc, scale)`; U == 0 is drawn again.
  public func laplace(loc: Double, scale: Double) -> Double {
    while true {
      let u = randomSample()
      if u >= 0.5 { return loc - scale * log(2.0 - u - u) }
      if u > 0.0 { return loc + scale * log(u + u) }
    }
  }

  /// `logistic(loc, scale)`.
  public func logistic(loc: Double, scale: Double) -> Double {
    var u = randomSample()
    while u <= 0.0 { u = randomSample() }
    return loc + scale * log(u / (1.0 - u))
  }

  /// `geometric(p)`: a search for p >= 1/3, else inversion.
  public func geometric(p: Double) -> Int64 {
    if p >= 0.333333333333333333333333 {
      var x: Int64 = 1
      var sum = p
      var prod = p
      let q = 1.0 - p
      let u = randomSample()
      while u > sum {
        prod *= q
        sum += prod
        x += 1
      }
      return x
    }
    return Int64(ceil(log(1.0 - randomSample()) / log(1.0 - p)))
  }

  /// `poisson(lam)`: multiplication for lam < 10, else Hörmann's PTRS.
  public func poisson(lam: Double) -> Int64 {
    if lam == 0 { return 0 }
    if lam < 10 {
      let enlam = exp(-lam)
      var x: Int64 = 0
      var prod = 1.0
      while true {
        prod *= randomSample()
        if prod > enlam { x += 1 } else { return x }
      }
    }
    let slam = lam.squareRoot()
    let loglam = log(lam)
    let b = 0.931 + 2.53 * slam
    let a = -0.059 + 0.02483 * b
    let invalpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = randomSample() - 0.5
      let v = randomSample()
      let us = 0.5 - abs(u)
      let kd = floor((2 * a / us + b) * u + lam + 0.43)
      guard kd.isFinite, abs(kd) < 9.2e18 else { continue }
      let k = Int64(kd)
      if us >= 0.07 && v <= vr { return k }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if log(v) + log(invalpha) - log(a / (us * us) + b) <= -lam + Double(k) * loglam
        - RandomState.loggam(Double(k) + 1)
      {
        return k
      }
    }
  }

  /// NumPy's `random_loggam`: log Γ(x) by Stirling's series.
  static func loggam(_ x: Double) -> Double {
    let a: [Double] = [
      8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04,
      8.417508417508418e-04, -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02,
      1.796443723688307e-01, -1.39243221690590e+00,
    ]
    if x == 1.0 || x == 2.0 { return 0.0 }
    let n = x < 7.0 ? Int(7 - x) : 0
    var x0 = x + Double(n)
    let x2 = (1.0 / x0) * (1.0 / x0)
    let lg2pi = 1.8378770664093453e+00
    var gl0 = a[9]
    for k in stride(from: 8, through: 0, by: -1) {
      gl0 *= x2
      gl0 += a[k]
    }
    var gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * log(x0) - x0
    if x < 7.0 {
      for _ in 0..<n {
        gl -= log(x0 - 1.0)
        x0 -= 1.0
      }
    }
    return gl
  }
}

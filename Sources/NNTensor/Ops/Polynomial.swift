import Foundation

/// 1-D signal and polynomial helpers: `convolve`, `correlate`, `interp`, `polyfit`, `polyval`.
extension NDArray {
  public enum ConvolveMode: String, Sendable { case full, same, valid }

  /// `np.convolve(a, v, mode)`: the discrete linear convolution of two 1-D sequences.
  public static func convolve(_ a: NDArray, _ v: NDArray, mode: ConvolveMode) throws(TensorError) -> NDArray {
    guard a.count > 0 else { throw TensorError(.valueError, "a cannot be empty") }
    guard v.count > 0 else { throw TensorError(.valueError, "v cannot be empty") }
    // NumPy swaps so the longer sequence comes first, then correlates with the reversed other.
    guard a.ndim <= 1 && v.ndim <= 1 else { throw TensorError(.valueError, "object too deep for desired array") }
    let (long, short) = v.count > a.count ? (v, a) : (a, v)
    let dtype = Swift.max(Swift.max(a.dtype, v.dtype), .int64)
    return try correlated(long.doubles, short.doubles.reversed(), mode: mode, dtype: dtype)
  }

  /// `np.correlate(a, v, mode='valid')`: c[k] = sum_n a[n+k] * v[n], NumPy's zero-padded 1-D form.
  public static func correlate(_ a: NDArray, _ v: NDArray, mode: ConvolveMode) throws(TensorError) -> NDArray {
    guard a.ndim <= 1 && v.ndim <= 1 else { throw TensorError(.valueError, "object too deep for desired array") }
    guard a.count > 0 else { throw TensorError(.valueError, "a cannot be empty") }
    guard v.count > 0 else { throw TensorError(.valueError, "v cannot be empty") }
    let dtype = Swift.max(Swift.max(a.dtype, v.dtype), .int64)
    // NumPy correlates the longer with the shorter and reverses the result if it swapped them.
    guard v.count > a.count else { return try correlated(a.doubles, v.doubles, mode: mode, dtype: dtype) }
    let swapped = try correlated(v.doubles, a.doubles, mode: mode, dtype: dtype)
    return swapped.view(
      shape: swapped.shape, strides: [-1], offset: swapped.count - 1
    ).copy()
  }

  private static func correlated(
    _ x: [Double], _ y: [Double], mode: ConvolveMode, dtype: DType
  ) throws(TensorError) -> NDArray {
    let (n, m) = (x.count, y.count)
    let (left, length): (Int, Int) =
      switch mode {
      case .valid: (0, n - m + 1)
      case .same: (m / 2, n)
      case .full: (m - 1, n + m - 1)
      }
    var out = [Double](repeating: 0, count: length)
    for k in 0..<length {
      var total = 0.0
      let shift = k - left
      for j in 0..<m where shift + j >= 0 && shift + j < n { total += x[shift + j] * y[j] }
      out[k] = total
    }
    let result = try NDArray(shape: [length], doubles: out)
    return dtype == .float64 ? result : result.astype(.int64)
  }

  /// `np.interp(x, xp, fp, left, right)`: piecewise-linear interpolation on increasing `xp`.
  public static func interp(
    _ x: NDArray, _ xp: NDArray, _ fp: NDArray, left: Double?, right: Double?
  ) throws(TensorError) -> NDArray {
    guard xp.ndim == 1 && fp.ndim == 1 else { throw TensorError(.valueError, "object too deep for desired array") }
    guard xp.count == fp.count else { throw TensorError(.valueError, "fp and xp are not of the same length.") }
    guard xp.count > 0 else { throw TensorError(.valueError, "array of sample points is empty") }
    let (xs, fs) = (xp.doubles, fp.doubles)
    let low = left ?? fs[0]
    let high = right ?? fs[fs.count - 1]
    let out = x.doubles.map { v -> Double in
      if v.isNaN { return v }
      if v < xs[0] { return low }
      if v > xs[xs.count - 1] { return high }
      if v == xs[xs.count - 1] { return fs[fs.count - 1] }
      var lo = 0
      var hi = xs.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if xs[mid] <= v { lo = mid + 1 } else { hi = mid }
      }
      let j = lo - 1
      guard j + 1 < xs.count else { return fs[fs.count - 1] }
      if v == xs[j] { return fs[j] }
      let slope = (fs[j + 1] - fs[j]) / (xs[j + 1] - xs[j])
      var r = slope * (v - xs[j]) + fs[j]
      // NumPy retries from the right end when the slope form gives NaN (an infinite slope).
      if r.isNaN { r = slope * (v - xs[j + 1]) + fs[j + 1] }
      if r.isNaN && fs[j] == fs[j + 1] { r = fs[j] }
      return r
    }
    return try NDArray(shape: x.shape, doubles: out)
  }

  /// `np.polyval(p, x)`: Horner's rule, highest power first.
  public static func polyval(_ p: NDArray, _ x: NDArray) throws(TensorError) -> NDArray {
    let coefficients = try p.reshaped([p.count])
    var y = try NDArray.zeros(x.shape, dtype: Swift.max(x.dtype, p.dtype, .int64))
    for i in 0..<coefficients.count {
      let c = NDArray.scalarArray(try coefficients.item(flat: i))
      y = try NDArray.apply(.add, try NDArray.apply(.multiply, y, x), c)
    }
    return y
  }

  /// `np.polyfit(x, y, deg)`: least-squares polynomial coefficients, highest power first, by
  /// NumPy's route (a column-scaled Vandermonde matrix into `lstsq`).
  public static func polyfit(_ x: NDArray, _ y: NDArray, degree: Int) throws(TensorError) -> NDArray {
    guard degree >= 0 else { throw TensorError(.valueError, "expected deg >= 0") }
    guard x.ndim == 1 else { throw TensorError(.typeError, "expected 1D vector for x") }
    guard x.count > 0 else { throw TensorError(.typeError, "expected non-empty vector for x") }
    guard y.ndim == 1 || y.ndim == 2 else { throw TensorError(.typeError, "expected 1D or 2D array for y") }
    guard y.shape[0] == x.count else { throw TensorError(.typeError, "expected x and y to have same length") }
    let xs = x.doubles
    let order = degree + 1
    let m = xs.count
    var lhs = [Double](repeating: 0, count: m * order)
    for i in 0..<m {
      var power = 1.0
      for j in stride(from: order - 1, through: 0, by: -1) {
        lhs[i * order + j] = power
        power *= xs[i]
      }
    }
    var scale = [Double](repeating: 0, count: order)
    for j in 0..<order {
      // A sum down axis 0 of a C-order matrix: row by row, not pairwise.
      var total = 0.0
      for i in 0..<m { total += lhs[i * order + j] * lhs[i * order + j] }
      scale[j] = total.squareRoot()
    }
    for i in 0..<m { for j in 0..<order { lhs[i * order + j] /= scale[j] } }
    let rcond = Double(m) * Double.ulpOfOne
    let solution = try Linalg.lstsq(try NDArray(shape: [m, order], doubles: lhs), y.astype(.float64), rcond: rcond).x
    let c = solution.doubles
    let columns = y.ndim == 2 ? y.shape[1] : 1
    var out = c
    for j in 0..<order { for k in 0..<columns { out[j * columns + k] = c[j * columns + k] / scale[j] } }
    return try NDArray(shape: solution.shape, doubles: out)
  }
}

extension NDArray {
  fileprivate static func scalarArray(_ s: Scalar) -> NDArray {
    switch s {
    case .bool(let b): .scalar(b)
    case .int(let i): .scalar(i)
    case .float(let d): .scalar(d)
    }
  }
}

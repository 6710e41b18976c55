/// The functions NumPy builds from the SVD and the inverse: `matrix_rank`, `cond`, `pinv`.
extension Linalg {
  /// `matrix_rank(A, tol, rtol)`: the number of singular values above the tolerance, by
  /// default S.max() × max(M, N) × eps. For fewer than two dimensions, 1 unless every element
  /// is zero (NumPy returns a Python int there; this returns a 0-d int64 array).
  public static func matrixRank(
    _ a: NDArray, tol: Double? = nil, rtol: Double? = nil, hermitian: Bool = false
  ) throws(TensorError) -> NDArray {
    if tol != nil && rtol != nil { throw TensorError(.valueError, "`tol` and `rtol` can't be both set.") }
    if a.ndim < 2 {
      let nonzero = try NDArray.apply(.notEqual, a, .scalar(Int64(0))).reduce(.max, axes: nil)
      return .scalar(a.count > 0 && nonzero.item == .bool(true) ? Int64(1) : 0)
    }
    let s = try svd(a, computeUV: false, hermitian: hermitian).s
    let k = s.shape[s.ndim - 1]
    let relative = rtol ?? Double(Swift.max(a.shape[a.ndim - 1], a.shape[a.ndim - 2])) * Double.ulpOfOne
    let out = try NDArray(uninitialized: Array(s.shape.dropLast()), dtype: .int64)
    let ps = s.pointer(Double.self)
    for row in 0..<out.count {
      let values = ps + row * k
      var threshold = tol ?? 0
      if tol == nil {
        // S.max(initial=0), NaN-propagating like NumPy's maximum.
        var largest = 0.0
        for i in 0..<k { largest = values[i].isNaN || largest.isNaN ? .nan : Swift.max(largest, values[i]) }
        threshold = largest * relative
      }
      var rank: Int64 = 0
      for i in 0..<k where values[i] > threshold { rank += 1 }
      out.pointer(Int64.self)[row] = rank
    }
    return out
  }

  /// `cond(x, p)`: the condition number. p nil, 2 or -2 from the singular values; any other
  /// norm order as ‖x‖·‖x⁻¹‖. A singular matrix gives inf, as NumPy's NaN→inf rule does.
  public static func cond(_ x: NDArray, p: NormOrder? = nil) throws(TensorError) -> NDArray {
    if x.count == 0 && x.shape.suffix(2).contains(0) {
      throw TensorError(.linAlgError, "cond is not defined on empty arrays")
    }
    var r: NDArray
    if p == nil || p?.isNumber(2) == true || p?.isNumber(-2) == true {
      let s = try svd(x, computeUV: false).s
      let last = s.shape[s.ndim - 1] - 1
      let first = try s.taking(index: 0)
      let smallest = try s.taking(index: last)
      r =
        p?.isNumber(-2) == true
        ? try NDArray.apply(.divide, smallest, first) : try NDArray.apply(.divide, first, smallest)
    } else {
      try checkSquare(x)
      let (inverse, _) = try inverse(x)
      r = try NDArray.apply(
        .multiply, try norm(x, ord: p, axis: [-2, -1]), try norm(inverse, ord: p, axis: [-2, -1]))
    }
    // NaN from a singular matrix means an infinite condition number; NaN in x stays NaN.
    let inputNaN = try NDArray.apply(.notEqual, x.astype(.float64), x.astype(.float64)).reduce(.max, axes: [-2, -1])
    r = r.contiguous() === r ? r : r.copy()
    let pr = r.pointer(Double.self) + r.offset
    let flags = inputNaN.scalars
    for i in 0..<r.count where pr[i].isNaN && flags[i] == .bool(false) { pr[i] = .infinity }
    return r
  }

  /// `pinv(a, rcond)`: the Moore–Penrose pseudo-inverse from the reduced SVD, singular values
  /// at or below rcond × the largest treated as zero. NumPy 2.4's default rcond is 1e-15.
  public static func pinv(_ a: NDArray, rcond: Double = 1e-15, hermitian: Bool = false) throws(TensorError) -> NDArray {
    try checkStacked2D(a)
    let (m, n) = (a.shape[a.ndim - 2], a.shape[a.ndim - 1])
    let batch = Array(a.shape.dropLast(2))
    if a.count == 0 && (m == 0 || n == 0) { return try NDArray.zeros(batch + [n, m], dtype: a.dtype) }
    let (u, s, vt) = try svd(a, fullMatrices: false, hermitian: hermitian)
    guard let u, let vt else { return s }
    let k = Swift.min(m, n)
    // (s[..., None] * uᵀ) has NumPy's memory layout: each matrix in Fortran order.
    let scaledT = try NDArray(uninitialized: batch + [m, k], dtype: .float64)
    let (ps, pu, po) = (s.pointer(Double.self), u.pointer(Double.self), scaledT.pointer(Double.self))
    for b in 0..<batch.reduce(1, *) {
      let values = ps + b * k
      var largest = 0.0
      for i in 0..<k { largest = values[i].isNaN || largest.isNaN ? .nan : Swift.max(largest, values[i]) }
      let cutoff = rcond * largest
      for i in 0..<k { values[i] = values[i] > cutoff ? 1 / values[i] : 0 }
      for i in 0..<(m * k) { po[b * m * k + i] = values[i % k] * pu[b * m * k + i] }
    }
    return try NDArray.matmul(vt.swappingLastAxes(), scaledT.swappingLastAxes())
  }
}

extension NDArray {
  /// The last two axes exchanged (NumPy's `matrix_transpose`), a view.
  func swappingLastAxes() -> NDArray {
    var order = Array(0..<ndim)
    order.swapAt(ndim - 1, ndim - 2)
    return view(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
  }

  /// `x[..., i]`: the last axis indexed away, a view.
  func taking(index i: Int) throws(TensorError) -> NDArray {
    guard let n = shape.last, i >= 0 && i < n else {
      throw TensorError.indexOutOfBounds(i, axis: ndim - 1, size: shape.last ?? 0)
    }
    return view(
      shape: Array(shape.dropLast()), strides: Array(strides.dropLast()), offset: offset + i * strides[ndim - 1])
  }
}

extension Linalg {
  /// `svd(a, hermitian=True)`: NumPy's SVD of a symmetric matrix from its eigendecomposition.
  /// The singular values are |eigenvalues| in descending order; U holds the eigenvectors in
  /// that order and Vh = (U·sign(λ))ᵀ, a transposed view as NumPy returns it.
  static func hermitianSVD(_ a: NDArray, computeUV: Bool) throws(TensorError) -> (u: NDArray?, s: NDArray, vh: NDArray?)
  {
    guard computeUV else {
      let w = try eigvalsh(a)
      let s = try w.map(.absolute)
      let (n, p) = (w.shape[w.ndim - 1], s.pointer(Double.self))
      for row in 0..<(n == 0 ? 0 : s.count / n) {
        // np.sort(...)[..., ::-1]: ascending with NaN last, then reversed.
        let sorted = (0..<n).map { p[row * n + $0] }.sorted { $0 < $1 || (!$0.isNaN && $1.isNaN) }
        for i in 0..<n { p[row * n + i] = sorted[n - 1 - i] }
      }
      return (nil, s, nil)
    }
    let (w, v) = try eigh(a)
    let n = w.shape[w.ndim - 1]
    let s = try NDArray(uninitialized: w.shape, dtype: .float64)
    let u = try NDArray(uninitialized: v.shape, dtype: .float64)
    let scaled = try NDArray(uninitialized: v.shape, dtype: .float64)
    let (pw, pv, ps, pu, pt) = (
      w.pointer(Double.self), v.pointer(Double.self), s.pointer(Double.self), u.pointer(Double.self),
      scaled.pointer(Double.self)
    )
    for b in 0..<(n == 0 ? 0 : w.count / n) {
      let values = pw + b * n
      // argsort(|λ|)[::-1]: a stable ascending sort (NumPy's for short rows) reversed.
      let order = (0..<n).sorted {
        Swift.abs(values[$0]) < Swift.abs(values[$1]) || ($0 < $1 && Swift.abs(values[$0]) == Swift.abs(values[$1]))
      }
      .reversed()
      for (j, k) in order.enumerated() {
        ps[b * n + j] = Swift.abs(values[k])
        let sign = Double(signOf: values[k], magnitudeOf: 1)
        for i in 0..<n {
          pu[b * n * n + i * n + j] = pv[b * n * n + i * n + k]
          pt[b * n * n + i * n + j] = pv[b * n * n + i * n + k] * sign
        }
      }
    }
    return (u, s, scaled.swappingLastAxes())
  }
}

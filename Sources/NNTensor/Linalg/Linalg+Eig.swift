/// General eigenvalues (`eig`, `eigvals`), `cholesky` and `matrix_power`.
extension Linalg {
  /// `eig(a)`: eigenvalues and right eigenvectors (columns) of a general square matrix, by
  /// `dgeev`. NumPy returns complex arrays when some eigenvalue is complex; nn has no complex
  /// dtype, so that case is an error here.
  public static func eig(_ a: NDArray) throws(TensorError) -> (values: NDArray, vectors: NDArray) {
    let (w, v) = try generalEigen(a, vectors: true)
    return (w, v ?? w)
  }

  /// `eigvals(a)`: the eigenvalues of a general square matrix, in LAPACK's order.
  public static func eigvals(_ a: NDArray) throws(TensorError) -> NDArray {
    try generalEigen(a, vectors: false).0
  }

  private static func generalEigen(_ a: NDArray, vectors: Bool) throws(TensorError) -> (NDArray, NDArray?) {
    try checkSquare(a)
    let af = a.astype(.float64)
    if af.doubles.contains(where: { !$0.isFinite }) {
      throw TensorError(.linAlgError, "Array must not contain infs or NaNs")
    }
    let n = af.shape[af.ndim - 1]
    let batch = Array(af.shape.dropLast(2))
    let values = try NDArray(uninitialized: batch + [n], dtype: .float64)
    let vecs = vectors ? try NDArray(uninitialized: af.shape, dtype: .float64) : nil
    var lapack = try Lapack.GeneralEigen(n: try Lapack.int(n), vectors: vectors)
    defer { lapack.free() }
    let size = try Lapack.size(n, n)
    let scratch = try Lapack.Buffer<Double>(count: 2 * size + n)
    defer { scratch.free() }
    let (pa, pv, wi) = (scratch.pointer, scratch.pointer + size, scratch.pointer + 2 * size)
    for (k, offset) in matrixOffsets(af).enumerated() {
      Lapack.pack(af, at: offset, into: pa, ld: n)
      guard lapack(pa, values.pointer(Double.self) + k * n, wi, pv) == 0 else {
        throw TensorError(.linAlgError, "Eigenvalues did not converge")
      }
      if (0..<n).contains(where: { wi[$0] != 0 }) {
        throw TensorError(.typeError, "complex eigenvalues are not supported: nn has no complex dtype")
      }
      if let vecs { Lapack.unpack(pv, ld: n, rows: n, cols: n, into: vecs.pointer(Double.self) + k * n * n) }
    }
    return (values, vecs)
  }

  /// `cholesky(a, upper=False)`: L with a = L·Lᵀ (or U with a = Uᵀ·U), by `dpotrf`; the
  /// other triangle is zeroed as NumPy does.
  public static func cholesky(_ a: NDArray, upper: Bool = false) throws(TensorError) -> NDArray {
    try checkSquare(a)
    let af = a.astype(.float64)
    let n = af.shape[af.ndim - 1]
    let out = try NDArray(uninitialized: af.shape, dtype: .float64)
    let buffer = try Lapack.Buffer<Double>(count: try Lapack.size(n, n))
    defer { buffer.free() }
    let p = buffer.pointer
    let nn = try Lapack.int(n)
    for (k, offset) in matrixOffsets(af).enumerated() {
      Lapack.pack(af, at: offset, into: p, ld: n)
      guard Lapack.potrf(n: nn, upper: upper, p) == 0 else {
        throw TensorError(.linAlgError, "Matrix is not positive definite")
      }
      for j in 0..<n {
        for i in 0..<n where upper ? i > j : i < j { p[j * n + i] = 0 }
      }
      Lapack.unpack(p, ld: n, rows: n, cols: n, into: out.pointer(Double.self) + k * n * n)
    }
    return out
  }

  /// `matrix_power(a, n)`: a raised to an integer power by repeated squaring with `matmul`,
  /// in NumPy's order of products; n = 0 gives the identity, n < 0 powers of `inv(a)`.
  /// n = 1 returns `a` itself, as NumPy does.
  public static func matrixPower(_ a: NDArray, _ n: Int) throws(TensorError) -> NDArray {
    try checkSquare(a)
    if n == 0 {
      let out = try NDArray.zeros(a.shape, dtype: a.dtype)
      try out.diagonal(axis1: a.ndim - 2, axis2: a.ndim - 1).assign([], .scalar(Int64(1)))
      return out
    }
    let base = n < 0 ? try inv(a) : a
    var k = n.magnitude
    switch k {
    case 1: return base
    case 2: return try .matmul(base, base)
    case 3: return try .matmul(try .matmul(base, base), base)
    default: break
    }
    var z: NDArray? = nil
    var result: NDArray? = nil
    while k > 0 {
      let square = try z.map { (z) throws(TensorError) in try NDArray.matmul(z, z) } ?? base
      z = square
      if k % 2 == 1 { result = try result.map { (r) throws(TensorError) in try NDArray.matmul(r, square) } ?? square }
      k /= 2
    }
    return result ?? base
  }
}

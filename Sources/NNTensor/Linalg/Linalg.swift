import Foundation

/// `numpy.linalg`: the factorizations and solvers, through LAPACK called as NumPy calls it.
/// Every function takes stacks of matrices (the last two axes) as NumPy's gufuncs do,
/// converts integer and boolean input to float64, and throws NumPy's `LinAlgError` with its
/// exact wording.
public enum Linalg {
  /// `solve(a, b)`: x with a·x = b, by LU with partial pivoting (`dgesv`). `b` is a vector
  /// (m,) or a stack of matrices (..., m, k); the batch axes of `a` and `b` broadcast.
  public static func solve(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    try checkSquare(a)
    let n = a.shape[a.ndim - 1]
    let vector = b.ndim == 1
    let gufunc = vector ? Gufunc.solve1 : Gufunc.solve
    try gufunc.checkDimensions(operand: 1, has: b.ndim)
    let rows = b.shape[b.ndim - (vector ? 1 : 2)]
    try gufunc.checkCore(operand: 1, dimension: 0, size: rows, expected: n)
    let nrhs = vector ? 1 : b.shape[b.ndim - 1]
    let outCore = vector ? [n] : [n, nrhs]
    // A vector right-hand side is the one-column matrix of NumPy's `solve1` loop.
    let b2 = vector ? b.view(shape: [n, 1], strides: [b.strides[0], 0], offset: b.offset) : b
    var (af, bf) = (a.astype(.float64), b2.astype(.float64))
    var batch: [Int] = []
    if a.ndim > 2 || b.ndim > 2 {
      batch = try gufunc.batch([(a.shape, 2), (b.shape, vector ? 1 : 2)], outCore: outCore)
      (af, bf) = (try af.broadcast(to: batch + [n, n]), try bf.broadcast(to: batch + [n, nrhs]))
    }
    let out = try NDArray(uninitialized: batch + outCore, dtype: .float64)
    let (aOffsets, bOffsets) = (matrixOffsets(af), matrixOffsets(bf))
    let ok = try luSolve(n: n, nrhs: nrhs, count: aOffsets.count, out: out) { (pa, pb, k) in
      Lapack.pack(af, at: aOffsets[k], into: pa, ld: n)
      Lapack.pack(bf, at: bOffsets[k], into: pb, ld: n)
    }
    guard ok else { throw TensorError.singularMatrix }
    return out
  }

  /// `inv(a)`: the inverse, as NumPy computes it — `dgesv` against the identity.
  public static func inv(_ a: NDArray) throws(TensorError) -> NDArray {
    let (out, ok) = try inverse(a)
    guard ok else { throw TensorError.singularMatrix }
    return out
  }

  /// The inverse of each matrix of a stack, NaN for the singular ones (NumPy's gufunc result
  /// before `inv` raises), and whether every one was regular.
  static func inverse(_ a: NDArray) throws(TensorError) -> (NDArray, Bool) {
    try checkSquare(a)
    let n = a.shape[a.ndim - 1]
    let af = a.astype(.float64)
    let out = try NDArray(uninitialized: af.shape, dtype: .float64)
    let offsets = matrixOffsets(af)
    let ok = try luSolve(n: n, nrhs: n, count: offsets.count, out: out) { (pa, pb, k) in
      Lapack.pack(af, at: offsets[k], into: pa, ld: n)
      pb.update(repeating: 0, count: n * n)
      for i in 0..<n { pb[i * (n + 1)] = 1 }
    }
    return (out, ok)
  }

  /// Runs `dgesv` on each matrix of a stack: `fill` packs A and B into the scratch buffers,
  /// the solution goes to `out` in C order (NaN for a singular matrix, as NumPy fills it).
  /// False when some matrix was singular.
  private static func luSolve(
    n: Int, nrhs: Int, count: Int, out: NDArray,
    fill: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void
  ) throws(TensorError) -> Bool {
    let (nn, nr) = (try Lapack.int(n), try Lapack.int(nrhs))
    // One block for A, B and the pivots: tiny systems are common, and mostly allocation.
    let (sizeA, sizeB) = (try Lapack.size(n, n), try Lapack.size(n, nrhs))
    let (total, overflow) = sizeA.addingReportingOverflow(sizeB + n / 2 + 1)
    guard !overflow else { throw TensorError(.valueError, "array dimensions too large for LAPACK") }
    let scratch = try Lapack.Buffer<Double>(count: total)
    defer { scratch.free() }
    let (a, b) = (scratch.pointer, scratch.pointer + sizeA)
    let ipiv = UnsafeMutableRawPointer(b + sizeB).bindMemory(to: Int32.self, capacity: n)
    let po = out.pointer(Double.self)
    var ok = true
    for index in 0..<count {
      fill(a, b, index)
      if Lapack.gesv(n: nn, nrhs: nr, a, b, ipiv) == 0 {
        Lapack.unpack(b, ld: n, rows: n, cols: nrhs, into: po + index * n * nrhs)
      } else {
        ok = false
        (po + index * n * nrhs).update(repeating: .nan, count: n * nrhs)
      }
    }
    return ok
  }

  /// `det(a)`: from the LU factors, as NumPy does — sign × exp(Σ log|uᵢᵢ|), which is why
  /// `det([[1, 2], [3, 4]])` is -2.0000000000000004 and not -2.
  public static func det(_ a: NDArray) throws(TensorError) -> NDArray {
    let (sign, logdet) = try slogdet(a)
    let ps = sign.pointer(Double.self)
    let pl = logdet.pointer(Double.self)
    for i in 0..<sign.count { ps[i] = ps[i] * Foundation.exp(pl[i]) }
    return sign
  }

  /// `slogdet(a)`: the sign and the natural log of the absolute value of the determinant.
  public static func slogdet(_ a: NDArray) throws(TensorError) -> (sign: NDArray, logAbsDet: NDArray) {
    try checkSquare(a)
    let n = a.shape[a.ndim - 1]
    let af = a.astype(.float64)
    let batch = Array(af.shape.dropLast(2))
    let sign = try NDArray(uninitialized: batch, dtype: .float64)
    let logdet = try NDArray(uninitialized: batch, dtype: .float64)
    let nn = try Lapack.int(n)
    let lu = try Lapack.Buffer<Double>(count: try Lapack.size(n, n))
    defer { lu.free() }
    let ipiv = try Lapack.Buffer<Int32>(count: n)
    defer { ipiv.free() }
    for (k, offset) in matrixOffsets(af).enumerated() {
      Lapack.pack(af, at: offset, into: lu.pointer, ld: n)
      var s = 0.0
      var total = -Double.infinity
      if Lapack.getrf(n: nn, lu.pointer, ipiv.pointer) == 0 {
        // Each row interchange flips the sign; so does each negative pivot.
        var swaps = 0
        for i in 0..<n where ipiv.pointer[i] != Int32(i + 1) { swaps += 1 }
        s = swaps % 2 == 1 ? -1 : 1
        total = 0
        for i in 0..<n {
          var d = lu.pointer[i * (n + 1)]
          if d < 0 {
            s = -s
            d = -d
          }
          total += Foundation.log(d)
        }
      }
      sign.pointer(Double.self)[k] = s
      logdet.pointer(Double.self)[k] = total
    }
    return (sign, logdet)
  }

  /// `eigh(a, UPLO)`: eigenvalues in ascending order and orthonormal eigenvectors (columns)
  /// of a symmetric matrix, by `dsyevd` reading the lower (or upper) triangle only.
  public static func eigh(
    _ a: NDArray, upper: Bool = false
  ) throws(TensorError) -> (
    values: NDArray, vectors: NDArray
  ) {
    let (w, v) = try symmetricEigen(a, upper: upper, vectors: true)
    return (w, v ?? w)
  }

  /// `eigvalsh(a, UPLO)`: the eigenvalues of a symmetric matrix, ascending.
  public static func eigvalsh(_ a: NDArray, upper: Bool = false) throws(TensorError) -> NDArray {
    try symmetricEigen(a, upper: upper, vectors: false).0
  }

  private static func symmetricEigen(
    _ a: NDArray, upper: Bool, vectors: Bool
  ) throws(TensorError) -> (
    NDArray, NDArray?
  ) {
    try checkSquare(a)
    let n = a.shape[a.ndim - 1]
    let af = a.astype(.float64)
    let batch = Array(af.shape.dropLast(2))
    let values = try NDArray(uninitialized: batch + [n], dtype: .float64)
    let vecs = vectors ? try NDArray(uninitialized: af.shape, dtype: .float64) : nil
    var lapack = try Lapack.SymmetricEigen(n: try Lapack.int(n), vectors: vectors, upper: upper)
    defer { lapack.free() }
    let buffer = try Lapack.Buffer<Double>(count: try Lapack.size(n, n))
    defer { buffer.free() }
    for (k, offset) in matrixOffsets(af).enumerated() {
      Lapack.pack(af, at: offset, into: buffer.pointer, ld: n)
      guard lapack(buffer.pointer, values.pointer(Double.self) + k * n) == 0 else {
        throw TensorError(.linAlgError, "Eigenvalues did not converge")
      }
      if let vecs {
        Lapack.unpack(buffer.pointer, ld: n, rows: n, cols: n, into: vecs.pointer(Double.self) + k * n * n)
      }
    }
    return (values, vecs)
  }

  /// `svd(a, full_matrices, compute_uv)`: a = U·diag(S)·Vh by `dgesdd`, singular values in
  /// descending order. U and Vh are nil when `computeUV` is false.
  public static func svd(
    _ a: NDArray, fullMatrices: Bool = true, computeUV: Bool = true, hermitian: Bool = false
  ) throws(TensorError) -> (
    u: NDArray?, s: NDArray, vh: NDArray?
  ) {
    if hermitian { return try hermitianSVD(a, computeUV: computeUV) }
    try checkStacked2D(a)
    let (m, n) = (a.shape[a.ndim - 2], a.shape[a.ndim - 1])
    let k = Swift.min(m, n)
    let af = a.astype(.float64)
    let batch = Array(af.shape.dropLast(2))
    let job: Character = computeUV ? (fullMatrices ? "A" : "S") : "N"
    var lapack = try Lapack.SingularValues(m: try Lapack.int(m), n: try Lapack.int(n), job: job)
    defer { lapack.free() }
    let (uc, vr) = (lapack.uColumns, lapack.vtRows)
    let s = try NDArray(uninitialized: batch + [k], dtype: .float64)
    let u = computeUV ? try NDArray(uninitialized: batch + [m, uc], dtype: .float64) : nil
    let vh = computeUV ? try NDArray(uninitialized: batch + [vr, n], dtype: .float64) : nil
    let buffers = try (0..<3).map { (i) throws(TensorError) in
      try Lapack.Buffer<Double>(count: try Lapack.size(i == 0 ? m : i == 1 ? m : vr, i == 0 ? n : i == 1 ? uc : n))
    }
    defer { for b in buffers { b.free() } }
    let (pa, pu, pv) = (buffers[0].pointer, buffers[1].pointer, buffers[2].pointer)
    for (index, offset) in matrixOffsets(af).enumerated() {
      Lapack.pack(af, at: offset, into: pa, ld: m)
      guard lapack(pa, s.pointer(Double.self) + index * k, pu, pv) == 0 else {
        throw TensorError(.linAlgError, "SVD did not converge")
      }
      guard let u, let vh else { continue }
      if job == "A" && k == 0 {
        // LAPACK leaves U and Vᵀ untouched for an empty matrix; NumPy makes them identities.
        identity(pu, m)
        identity(pv, n)
      }
      Lapack.unpack(pu, ld: m, rows: m, cols: uc, into: u.pointer(Double.self) + index * m * uc)
      Lapack.unpack(pv, ld: Swift.max(vr, 1), rows: vr, cols: n, into: vh.pointer(Double.self) + index * vr * n)
    }
    return (u, s, vh)
  }

  private static func identity(_ p: UnsafeMutablePointer<Double>, _ n: Int) {
    p.update(repeating: 0, count: n * n)
    for i in 0..<n { p[i * (n + 1)] = 1 }
  }

  /// `lstsq(a, b, rcond)`: the least-squares solution of a·x = b by `dgelsd`, with NumPy's
  /// extras: residuals (sums of squared residuals, empty unless rank == N < M), the
  /// effective rank, and a's singular values. `rcond` nil is machine epsilon × max(M, N).
  public static func lstsq(
    _ a: NDArray, _ b: NDArray, rcond: Double? = nil
  ) throws(TensorError) -> (
    x: NDArray, residuals: NDArray, rank: Int, singularValues: NDArray
  ) {
    if b.ndim == 0 {
      throw TensorError(.indexError, "too many indices for array: array is 0-dimensional, but 1 were indexed")
    }
    let vector = b.ndim == 1
    let b2 = vector ? b.view(shape: [b.shape[0], 1], strides: [b.strides[0], 0], offset: b.offset) : b
    for x in [a, b2] where x.ndim != 2 {
      throw TensorError(.linAlgError, "\(x.ndim)-dimensional array given. Array must be two-dimensional")
    }
    let (m, n) = (a.shape[0], a.shape[1])
    guard b2.shape[0] == m else { throw TensorError(.linAlgError, "Incompatible dimensions") }
    let nrhs = b2.shape[1]
    // NumPy solves a zero-column right-hand side as one column of zeros.
    let bf = nrhs == 0 ? try NDArray.zeros([m, 1]) : b2.astype(.float64)
    let cols = Swift.max(nrhs, 1)
    let ldb = Swift.max(m, n)
    let abuf = try Lapack.Buffer<Double>(count: try Lapack.size(m, n))
    defer { abuf.free() }
    let bbuf = try Lapack.Buffer<Double>(count: try Lapack.size(ldb, cols))
    defer { bbuf.free() }
    bbuf.pointer.update(repeating: 0, count: ldb * cols)
    Lapack.pack(a.astype(.float64), at: a.offset, into: abuf.pointer, ld: m)
    Lapack.pack(bf, at: bf.offset, into: bbuf.pointer, ld: ldb)
    let s = try NDArray(uninitialized: [Swift.min(m, n)], dtype: .float64)
    let (info, rank) = try Lapack.gelsd(
      m: try Lapack.int(m), n: try Lapack.int(n), nrhs: try Lapack.int(cols), abuf.pointer, bbuf.pointer,
      s.pointer(Double.self), rcond: rcond ?? Double.ulpOfOne * Double(Swift.max(n, m)))
    guard info == 0 else { throw TensorError(.linAlgError, "SVD did not converge in Linear Least Squares") }
    let x = try NDArray(uninitialized: vector ? [n] : [n, nrhs], dtype: .float64)
    let px = x.pointer(Double.self)
    for i in 0..<n {
      // NumPy zeroes x for an empty system, where LAPACK leaves it unset.
      for j in 0..<nrhs { px[i * nrhs + j] = m == 0 ? 0 : bbuf.pointer[j * ldb + i] }
    }
    var residuals = try NDArray(uninitialized: [0], dtype: .float64)
    if rank == n && m > n {
      // The squared norm of each column's rows n..<m, summed in order as NumPy's `abs2` does.
      residuals = try NDArray(uninitialized: [nrhs], dtype: .float64)
      for j in 0..<nrhs {
        var total = 0.0
        for i in n..<m {
          let e = bbuf.pointer[j * ldb + i]
          total += e * e
        }
        residuals.pointer(Double.self)[j] = total
      }
    }
    return (x, residuals, rank, s)
  }
}

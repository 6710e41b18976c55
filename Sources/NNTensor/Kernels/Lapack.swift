import CBLAS
import Foundation

/// LAPACK as NumPy's `numpy.linalg` calls it (`umath_linalg.cpp`): each matrix is copied into
/// a column-major scratch buffer, handed to the same driver with the same workspace query,
/// and the results are copied back in C order. Calling the same routines the same way is what
/// makes the low bits agree with NumPy's.
enum Lapack {
  /// Scratch memory for one call. malloc, not `allocate`, so that a size the machine cannot
  /// hold is NumPy's MemoryError instead of a trap.
  struct Buffer<T> {
    let pointer: UnsafeMutablePointer<T>

    init(count: Int) throws(TensorError) {
      let (bytes, overflow) = Swift.max(count, 1).multipliedReportingOverflow(by: MemoryLayout<T>.stride)
      guard !overflow, let raw = malloc(bytes) else {
        throw Storage.unableToAllocate(byteCount: overflow ? .max : bytes, shape: [count], dtype: .float64)
      }
      pointer = raw.bindMemory(to: T.self, capacity: Swift.max(count, 1))
    }

    func free() { Foundation.free(pointer) }
  }

  /// A dimension as LAPACK's 32-bit integer.
  static func int(_ n: Int) throws(TensorError) -> Int32 {
    guard n >= 0 && n < Int(Int32.max) else { throw TensorError(.valueError, "array dimensions too large for LAPACK") }
    return Int32(n)
  }

  /// `rows * cols` for buffers whose sizes come from user shapes.
  static func size(_ rows: Int, _ cols: Int) throws(TensorError) -> Int {
    let (n, overflow) = rows.multipliedReportingOverflow(by: cols)
    guard !overflow else { throw TensorError(.valueError, "array dimensions too large for LAPACK") }
    return n
  }

  /// Copies the matrix of the last two axes of `a` at element offset `base` into `dst`,
  /// column-major with leading dimension `ld` (NumPy's `linearize_matrix`).
  static func pack(_ a: NDArray, at base: Int, into dst: UnsafeMutablePointer<Double>, ld: Int) {
    let rows = a.shape[a.ndim - 2]
    let cols = a.shape[a.ndim - 1]
    let rs = a.strides[a.ndim - 2]
    let cs = a.strides[a.ndim - 1]
    let p = a.pointer(Double.self)
    for j in 0..<cols {
      let column = dst + j * ld
      var o = base + j * cs
      for i in 0..<rows {
        column[i] = p[o]
        o += rs
      }
    }
  }

  /// Copies a column-major `rows`×`cols` block (leading dimension `ld`) to C order at `out`.
  static func unpack(
    _ src: UnsafePointer<Double>, ld: Int, rows: Int, cols: Int, into out: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<rows {
      for j in 0..<cols { out[i * cols + j] = src[j * ld + i] }
    }
  }

  /// `dgesv`: solves A X = B in place (A becomes its LU factors, B the solution). Returns
  /// LAPACK's `info`; positive means A is singular.
  static func gesv(
    n: Int32, nrhs: Int32, _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>,
    _ ipiv: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    var n = n
    var nrhs = nrhs
    var ld = Swift.max(n, 1)
    var ldb = ld
    var info: Int32 = 0
    dgesv_(&n, &nrhs, a, &ld, ipiv, b, &ldb, &info)
    return info
  }

  /// `dgetrf`: the LU factorization of a square matrix, in place.
  static func getrf(n: Int32, _ a: UnsafeMutablePointer<Double>, _ ipiv: UnsafeMutablePointer<Int32>) -> Int32 {
    var m = n
    var n = n
    var ld = Swift.max(n, 1)
    var info: Int32 = 0
    dgetrf_(&m, &n, a, &ld, ipiv, &info)
    return info
  }

  /// `dsyevd` for one size of matrix: the workspace is queried once, as NumPy's `init_evd`
  /// does, and reused for every matrix of a stack.
  struct SymmetricEigen {
    let n: Int32
    var jobz: CChar
    var uplo: CChar
    let work: Buffer<Double>
    let iwork: Buffer<Int32>
    let lwork: Int32
    let liwork: Int32

    init(n: Int32, vectors: Bool, upper: Bool) throws(TensorError) {
      self.n = n
      jobz = CChar(UInt8(ascii: vectors ? "V" : "N"))
      uplo = CChar(UInt8(ascii: upper ? "U" : "L"))
      var queryWork = 0.0
      var queryIWork: Int32 = 0
      var nn = n
      var ld = Swift.max(n, 1)
      var lw: Int32 = -1
      var liw: Int32 = -1
      var info: Int32 = 0
      var a = 0.0
      var w = 0.0
      var jz = jobz
      var ul = uplo
      dsyevd_(&jz, &ul, &nn, &a, &ld, &w, &queryWork, &lw, &queryIWork, &liw, &info)
      guard info == 0 else { throw TensorError(.linAlgError, "Eigenvalues did not converge") }
      lwork = Int32(clamping: Int(queryWork))
      liwork = queryIWork
      work = try Buffer(count: Int(lwork))
      iwork = try Buffer(count: Int(liwork))
    }

    /// Eigenvalues into `w`, and eigenvectors over `a` when asked for. Returns `info`.
    mutating func callAsFunction(_ a: UnsafeMutablePointer<Double>, _ w: UnsafeMutablePointer<Double>) -> Int32 {
      var nn = n
      var ld = Swift.max(n, 1)
      var lw = lwork
      var liw = liwork
      var info: Int32 = 0
      dsyevd_(&jobz, &uplo, &nn, a, &ld, w, work.pointer, &lw, iwork.pointer, &liw, &info)
      return info
    }

    func free() {
      work.free()
      iwork.free()
    }
  }

  /// `dgesdd` for one shape of matrix, as NumPy's `init_gesdd` sets it up: jobz `A` (full
  /// U and Vᵀ), `S` (reduced) or `N` (singular values only).
  struct SingularValues {
    let m: Int32
    let n: Int32
    var jobz: CChar
    /// Columns of U and rows of Vᵀ.
    let uColumns: Int
    let vtRows: Int
    let ldvt: Int32
    let work: Buffer<Double>
    let iwork: Buffer<Int32>
    let lwork: Int32

    init(m: Int32, n: Int32, job: Character) throws(TensorError) {
      self.m = m
      self.n = n
      jobz = CChar(UInt8(ascii: job == "A" ? "A" : job == "S" ? "S" : "N"))
      let k = Int(Swift.min(m, n))
      switch job {
      case "A": (uColumns, vtRows) = (Int(m), Int(n))
      case "S": (uColumns, vtRows) = (k, k)
      default: (uColumns, vtRows) = (0, 0)
      }
      ldvt = Int32(Swift.max(1, vtRows))
      iwork = try Buffer(count: 8 * k)
      var mm = m
      var nn = n
      var lda = Swift.max(m, 1)
      var ldu = lda
      var ldv = ldvt
      var query = 0.0
      var lw: Int32 = -1
      var info: Int32 = 0
      var a = 0.0
      var s = 0.0
      var u = 0.0
      var vt = 0.0
      var jz = jobz
      dgesdd_(&jz, &mm, &nn, &a, &lda, &s, &u, &ldu, &vt, &ldv, &query, &lw, iwork.pointer, &info)
      guard info == 0 else {
        iwork.free()
        throw TensorError(.linAlgError, "SVD did not converge")
      }
      // LAPACK 3.0.0 could answer 0; NumPy guards against it, and so do we.
      lwork = Swift.max(1, Int32(clamping: Int(query)))
      do { work = try Buffer(count: Int(lwork)) } catch {
        iwork.free()
        throw error
      }
    }

    /// Factors `a` (destroyed) into `s`, and `u`/`vt` unless only values were asked for.
    mutating func callAsFunction(
      _ a: UnsafeMutablePointer<Double>, _ s: UnsafeMutablePointer<Double>, _ u: UnsafeMutablePointer<Double>,
      _ vt: UnsafeMutablePointer<Double>
    ) -> Int32 {
      var mm = m
      var nn = n
      var lda = Swift.max(m, 1)
      var ldu = lda
      var ldv = ldvt
      var lw = lwork
      var info: Int32 = 0
      dgesdd_(&jobz, &mm, &nn, a, &lda, s, u, &ldu, vt, &ldv, work.pointer, &lw, iwork.pointer, &info)
      return info
    }

    func free() {
      work.free()
      iwork.free()
    }
  }

  /// `dgelsd`: the minimum-norm least-squares solution through the SVD, with NumPy's
  /// workspace query. `b` has leading dimension max(m, n) and receives the solution.
  static func gelsd(
    m: Int32, n: Int32, nrhs: Int32, _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>,
    _ s: UnsafeMutablePointer<Double>, rcond: Double
  ) throws(TensorError) -> (info: Int32, rank: Int) {
    var mm = m
    var nn = n
    var nr = nrhs
    var lda = Swift.max(1, m)
    var ldb = Swift.max(1, Swift.max(m, n))
    var rc = rcond
    var rank: Int32 = 0
    var query = 0.0
    var queryIWork: Int32 = 0
    var lw: Int32 = -1
    var info: Int32 = 0
    dgelsd_(&mm, &nn, &nr, a, &lda, b, &ldb, s, &rc, &rank, &query, &lw, &queryIWork, &info)
    guard info == 0 else { return (info, -1) }
    lw = Int32(clamping: Int(query))
    let work = try Buffer<Double>(count: Int(lw))
    defer { work.free() }
    let iwork = try Buffer<Int32>(count: Int(queryIWork))
    defer { iwork.free() }
    dgelsd_(&mm, &nn, &nr, a, &lda, b, &ldb, s, &rc, &rank, work.pointer, &lw, iwork.pointer, &info)
    return (info, Int(rank))
  }
}

extension Lapack {
  /// `dgeev` for one size of matrix, right eigenvectors only (or none), with the workspace
  /// queried once as NumPy's `init_geev` does.
  struct GeneralEigen {
    let n: Int32
    var jobvr: CChar
    let work: Buffer<Double>
    let lwork: Int32

    init(n: Int32, vectors: Bool) throws(TensorError) {
      self.n = n
      jobvr = CChar(UInt8(ascii: vectors ? "V" : "N"))
      var (jl, jr) = (CChar(UInt8(ascii: "N")), jobvr)
      var (nn, ld, ldvl, ldvr) = (n, Swift.max(n, 1), Swift.max(n, 1), Swift.max(n, 1))
      var (a, wr, wi, vl, vr, query) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
      var lw: Int32 = -1
      var info: Int32 = 0
      dgeev_(&jl, &jr, &nn, &a, &ld, &wr, &wi, &vl, &ldvl, &vr, &ldvr, &query, &lw, &info)
      guard info == 0 else { throw TensorError(.linAlgError, "Eigenvalues did not converge") }
      lwork = Swift.max(1, Int32(clamping: Int(query)))
      work = try Buffer(count: Int(lwork))
    }

    /// Eigenvalues into (wr, wi) and right eigenvectors into `vr` (column-major); `a` is
    /// destroyed. Returns `info`.
    mutating func callAsFunction(
      _ a: UnsafeMutablePointer<Double>, _ wr: UnsafeMutablePointer<Double>, _ wi: UnsafeMutablePointer<Double>,
      _ vr: UnsafeMutablePointer<Double>
    ) -> Int32 {
      var jl = CChar(UInt8(ascii: "N"))
      var (nn, ld, ldvl, ldvr) = (n, Swift.max(n, 1), Swift.max(n, 1), Swift.max(n, 1))
      var vl = 0.0
      var lw = lwork
      var info: Int32 = 0
      dgeev_(&jl, &jobvr, &nn, a, &ld, wr, wi, &vl, &ldvl, vr, &ldvr, work.pointer, &lw, &info)
      return info
    }

    func free() { work.free() }
  }

  /// `dpotrf`: the Cholesky factor of a symmetric positive-definite matrix, in place, from
  /// its lower (or upper) triangle. Positive `info` means it is not positive definite.
  static func potrf(n: Int32, upper: Bool, _ a: UnsafeMutablePointer<Double>) -> Int32 {
    var uplo = CChar(UInt8(ascii: upper ? "U" : "L"))
    var nn = n
    var ld = Swift.max(n, 1)
    var info: Int32 = 0
    dpotrf_(&uplo, &nn, a, &ld, &info)
    return info
  }
}

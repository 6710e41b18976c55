import CBLAS

extension Linalg {
  /// `qr(a, mode='reduced')` of a 2-D array as NumPy computes it: `dgeqrf` on a column-major
  /// copy, then `dorgqr` for Q from the first min(M, N) reflectors; R is the upper triangle.
  /// `reducedOnly == false` (mode 'r') skips Q.
  public static func qr(_ a: NDArray, computeQ: Bool = true) throws(TensorError) -> (q: NDArray?, r: NDArray) {
    guard a.ndim >= 2 else {
      throw TensorError(.linAlgError, "\(a.ndim)-dimensional array given. Array must be at least two-dimensional")
    }
    guard a.ndim == 2 else { throw TensorError(.valueError, "nn's qr takes a 2-D array") }
    let (m, n) = (a.shape[0], a.shape[1])
    let k = Swift.min(m, n)
    let x = a.astype(.float64)
    guard m > 0 && n > 0 else {
      return (computeQ ? try NDArray.zeros([m, k]) : nil, try NDArray.zeros([k, n]))
    }
    var (mm, nn, ld) = (try Lapack.int(m), try Lapack.int(n), try Lapack.int(m))
    let buffer = try Lapack.Buffer<Double>(count: try Lapack.size(m, n))
    defer { buffer.free() }
    Lapack.pack(x, at: x.offset, into: buffer.pointer, ld: m)
    let tau = try Lapack.Buffer<Double>(count: k)
    defer { tau.free() }
    var info: Int32 = 0
    var query = 0.0
    var lwork: Int32 = -1
    dgeqrf_(&mm, &nn, buffer.pointer, &ld, tau.pointer, &query, &lwork, &info)
    lwork = Int32(Swift.max(query, Double(Swift.max(n, 1))))
    let work = try Lapack.Buffer<Double>(count: Int(lwork))
    dgeqrf_(&mm, &nn, buffer.pointer, &ld, tau.pointer, work.pointer, &lwork, &info)
    work.free()
    guard info == 0 else { throw TensorError(.linAlgError, "Incorrect argument found while performing LAPACK routine") }
    let r = try NDArray.zeros([k, n])
    let rp = r.pointer(Double.self)
    for i in 0..<k { for j in i..<n { rp[i * n + j] = buffer.pointer[j * m + i] } }
    guard computeQ else { return (nil, r) }
    var kk = try Lapack.int(k)
    var qn = kk
    lwork = -1
    dorgqr_(&mm, &qn, &kk, buffer.pointer, &ld, tau.pointer, &query, &lwork, &info)
    lwork = Int32(Swift.max(query, Double(Swift.max(k, 1))))
    let work2 = try Lapack.Buffer<Double>(count: Int(lwork))
    dorgqr_(&mm, &qn, &kk, buffer.pointer, &ld, tau.pointer, work2.pointer, &lwork, &info)
    work2.free()
    guard info == 0 else { throw TensorError(.linAlgError, "Incorrect argument found while performing LAPACK routine") }
    let q = try NDArray.zeros([m, k])
    Lapack.unpack(buffer.pointer, ld: m, rows: m, cols: k, into: q.pointer(Double.self))
    return (q, r)
  }
}

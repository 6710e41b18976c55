import CBLAS

extension NDArray {
  /// `np.dot` for every case NumPy has: scalars, 1-D·1-D, 2-D·1-D, 1-D·2-D, 2-D·2-D, and
  /// N-D (sum over the last axis of `a` and the second-to-last of `b`).
  public static func dot(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    if a.ndim == 0 || b.ndim == 0 { return try apply(.multiply, a, b) }
    let ka = a.shape[a.ndim - 1]
    let kbAxis = b.ndim == 1 ? 0 : b.ndim - 2
    guard ka == b.shape[kbAxis] else {
      throw TensorError(
        .valueError,
        "shapes \(TensorError.compact(a.shape)) and \(TensorError.compact(b.shape)) not aligned: \(ka) (dim \(a.ndim - 1)) != \(b.shape[kbAxis]) (dim \(kbAxis))"
      )
    }
    if a.ndim <= 2 && b.ndim <= 2 { return try product(a, b) }
    // N-D: a's leading axes, then b's axes but the contracted one.
    let a2 = try a.reshapedCopy([a.count / Swift.max(ka, 1), ka])
    let bMoved = b.moveAxis(kbAxis, to: 0)
    let b2 = try bMoved.reshapedCopy([ka, b.count / Swift.max(ka, 1)])
    var outShape = Array(a.shape.dropLast())
    var bRest = b.shape
    bRest.remove(at: kbAxis)
    outShape += bRest
    return try product(a2, b2).reshaped(outShape)
  }

  /// `a @ b`: NumPy's matmul, with batch broadcasting over leading axes.
  public static func matmul(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    if a.ndim == 0 || b.ndim == 0 {
      throw TensorError(
        .valueError,
        "matmul: Input operand \(a.ndim == 0 ? 0 : 1) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"
      )
    }
    let ka = a.shape[a.ndim - 1]
    let kb = b.shape[b.ndim == 1 ? 0 : b.ndim - 2]
    guard ka == kb else {
      throw TensorError(
        .valueError,
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(kb) is different from \(ka))"
      )
    }
    if a.ndim <= 2 && b.ndim <= 2 { return try product(a, b) }
    let a3 = a.ndim == 1 ? try a.reshaped([1, ka]) : a
    let b3 = b.ndim == 1 ? try b.reshaped([kb, 1]) : b
    let batchA = Array(a3.shape.dropLast(2))
    let batchB = Array(b3.shape.dropLast(2))
    let batch = try Layout.broadcastShape([batchA, batchB])
    let n = a3.shape[a3.ndim - 2]
    let m = b3.shape[b3.ndim - 1]
    let ab = try a3.broadcast(to: batch + [n, ka])
    let bb = try b3.broadcast(to: batch + [kb, m])
    let count = try Layout.count(batch)
    let dtype = DType.promoted(a.dtype, b.dtype) == .bool ? DType.bool : DType.promoted(a.dtype, b.dtype)
    let out = try NDArray(uninitialized: batch + [n, m], dtype: dtype)
    for k in 0..<count {
      let x = try ab.reshapedCopy([count, n, ka]).subarray(k)
      let y = try bb.reshapedCopy([count, kb, m]).subarray(k)
      let r = try product(x, y)
      out.storage.raw.advanced(by: k * n * m * dtype.itemSize)
        .copyMemory(from: r.storage.raw, byteCount: n * m * dtype.itemSize)
    }
    var shape = batch + [n, m]
    if b.ndim == 1 { shape.removeLast() }
    if a.ndim == 1 { shape.remove(at: shape.count - (b.ndim == 1 ? 1 : 2)) }
    return try out.reshaped(shape)
  }

  /// The product of 1-D or 2-D operands: BLAS for float64 of some size, exact loops for
  /// ints and for tiny operands (a BLAS call costs more than a 3×3 product).
  static func product(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    let n = a.ndim == 2 ? a.shape[0] : 1
    let k = a.shape[a.ndim - 1]
    let m = b.ndim == 2 ? b.shape[1] : 1
    var outShape: [Int] = []
    if a.ndim == 2 { outShape.append(n) }
    if b.ndim == 2 { outShape.append(m) }
    let common = DType.promoted(a.dtype, b.dtype)
    if common != .float64 {
      let x = a.astype(.int64).contiguous()
      let y = b.astype(.int64).contiguous()
      let out = try NDArray.zeros(outShape, dtype: .int64)
      let px = x.pointer(Int64.self) + x.offset
      let py = y.pointer(Int64.self) + y.offset
      let po = out.pointer(Int64.self)
      for i in 0..<n {
        for p in 0..<k {
          let v = px[i * k + p]
          for j in 0..<m { po[i * m + j] = po[i * m + j] &+ v &* py[p * m + j] }
        }
      }
      return common == .bool ? out.astype(.bool) : out
    }
    guard n < Int(Int32.max), k < Int(Int32.max), m < Int(Int32.max) else {
      throw TensorError(.valueError, "array dimensions too large for BLAS")
    }
    // BLAS reads a negative increment from the far end: give it a forward copy instead.
    let x = a.ndim == 1 && a.strides[0] < 1 ? a.copy() : a
    let y = b.ndim == 1 && b.strides[0] < 1 ? b.copy() : b
    return try blasProduct(x.astype(.float64), y.astype(.float64), n: n, k: k, m: m, outShape: outShape)
  }

  /// Row-major storage of a 2-D float operand as BLAS takes it: the data pointer, whether it
  /// is read transposed, and its leading dimension. F-contiguous operands (`A.T`) are passed
  /// transposed without a copy, as NumPy passes them, so the kernels sum in NumPy's order.
  private func blasOperand(rows: Int, cols: Int) -> (UnsafeMutablePointer<Double>, Bool, Int, NDArray) {
    let p = pointer(Double.self) + offset
    if ndim == 2 {
      if (strides[1] == 1 || cols == 1) && strides[0] >= Swift.max(cols, 1) { return (p, false, strides[0], self) }
      if (strides[0] == 1 || rows == 1) && strides[1] >= Swift.max(rows, 1) { return (p, true, strides[1], self) }
    } else if isContiguous {
      return (p, false, Swift.max(cols, 1), self)
    }
    let c = copy()
    return (c.pointer(Double.self), false, Swift.max(cols, 1), c)
  }

  static func blasProduct(
    _ a: NDArray, _ b: NDArray, n: Int, k: Int, m: Int, outShape: [Int]
  ) throws(TensorError) -> NDArray {
    let out = try NDArray(uninitialized: outShape, dtype: .float64)
    let po = out.pointer(Double.self)
    guard n > 0 && m > 0 else { return out }
    guard k > 0 else {
      po.update(repeating: 0, count: n * m)
      return out
    }
    let (pa, ta, lda, keepA) = a.blasOperand(rows: n, cols: k)
    let (pb, tb, ldb, keepB) = b.blasOperand(rows: k, cols: m)
    withExtendedLifetime((keepA, keepB)) {
      if a.ndim == 1 && b.ndim == 1 {
        po[0] = cblas_ddot(Int32(k), pa, Int32(a.strides[0]), pb, Int32(b.strides[0]))
      } else if b.ndim == 1 {
        // A·v: NumPy calls gemv on A's own layout.
        let (order, rows, cols) = ta ? (CblasColMajor, n, k) : (CblasRowMajor, n, k)
        cblas_dgemv(order, CblasNoTrans, Int32(rows), Int32(cols), 1, pa, Int32(lda), pb, Int32(b.strides[0]), 0, po, 1)
      } else if a.ndim == 1 {
        // v·B = Bᵀ·v.
        let (order, rows, cols) = tb ? (CblasColMajor, k, m) : (CblasRowMajor, k, m)
        cblas_dgemv(order, CblasTrans, Int32(rows), Int32(cols), 1, pb, Int32(ldb), pa, Int32(a.strides[0]), 0, po, 1)
      } else {
        cblas_dgemm(
          CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
          Int32(n), Int32(m), Int32(k), 1, pa, Int32(lda), pb, Int32(ldb), 0, po, Int32(m))
      }
    }
    return out
  }
}

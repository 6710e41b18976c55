import CBLAS

/// Which of NumPy's two product implementations to follow. `np.dot` (cblas_matrixproduct)
/// copies operands that are not contiguous and always uses BLAS; `np.matmul` (the matmul
/// gufunc) passes any BLAS-compatible strides as they are and falls back to a plain loop
/// for the rest. The two agree on which BLAS routine a shape gets.
enum ProductRule {
  case dot, matmul
}

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
    if a.ndim <= 2 && b.ndim <= 2 { return try product(a, b, rule: .dot) }
    return try stackedDot(a, b, kbAxis: kbAxis)
  }

  /// N-D `dot` as NumPy's generic loop computes it: one dot product (BLAS `ddot` for floats)
  /// per pair of a row of `a` and a column of `b`, in C order of the result.
  private static func stackedDot(_ a: NDArray, _ b: NDArray, kbAxis: Int) throws(TensorError) -> NDArray {
    let k = a.shape[a.ndim - 1]
    var bRest = b.shape
    bRest.remove(at: kbAxis)
    let dtype = DType.promoted(a.dtype, b.dtype)
    let (x, y) = (a.astype(dtype), b.astype(dtype))
    let sx = x.strides[x.ndim - 1]
    let sy = y.strides[kbAxis]
    var restStrides = y.strides
    restStrides.remove(at: kbAxis)
    var yOffsets: [Int] = []
    Layout.forEachOffset(bRest, restStrides, y.offset) { yOffsets.append($0) }
    let out = try NDArray(uninitialized: Array(a.shape.dropLast()) + bRest, dtype: dtype)
    var i = 0
    Layout.forEachOffset(Array(x.shape.dropLast()), Array(x.strides.dropLast()), x.offset) { ox in
      for oy in yOffsets {
        switch dtype {
        case .float64:
          out.pointer(Double.self)[i] = dotValue(
            k, x.pointer(Double.self) + ox, sx, y.pointer(Double.self) + oy, sy)
        case .int64:
          var total: Int64 = 0
          for p in 0..<k { total = total &+ x.pointer(Int64.self)[ox + p * sx] &* y.pointer(Int64.self)[oy + p * sy] }
          out.pointer(Int64.self)[i] = total
        case .bool:
          var any = false
          for p in 0..<k where x.pointer(Bool.self)[ox + p * sx] && y.pointer(Bool.self)[oy + p * sy] { any = true }
          out.pointer(Bool.self)[i] = any
        }
        i += 1
      }
    }
    return out
  }

  /// NumPy's `DOUBLE_dot`: BLAS `ddot` added to 0.0 for positive strides, a plain loop
  /// otherwise.
  static func dotValue(
    _ n: Int, _ x: UnsafeMutablePointer<Double>, _ sx: Int, _ y: UnsafeMutablePointer<Double>, _ sy: Int
  ) -> Double {
    if sx > 0 && sy > 0 && sx < Int(Int32.max) && sy < Int(Int32.max) {
      var total = 0.0
      var (px, py, left) = (x, y, n)
      // BLAS takes 32-bit counts: NumPy feeds it chunks, and so do we.
      while left > 0 {
        let chunk = Swift.min(left, 1 << 30)
        total += cblas_ddot(Int32(chunk), px, Int32(sx), py, Int32(sy))
        px += chunk * sx
        py += chunk * sy
        left -= chunk
      }
      return total
    }
    var total = 0.0
    for i in 0..<n { total += x[i * sx] * y[i * sy] }
    return total
  }

  /// `a @ b`: NumPy's matmul, with batch broadcasting over leading axes.
  public static func matmul(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    let gufunc = Linalg.Gufunc.matmul
    try gufunc.checkDimensions(operand: 0, has: a.ndim)
    try gufunc.checkDimensions(operand: 1, has: b.ndim)
    let k = a.shape[a.ndim - 1]
    let kb = b.shape[b.ndim == 1 ? 0 : b.ndim - 2]
    try gufunc.checkCore(operand: 1, dimension: 0, size: kb, expected: k)
    if a.ndim <= 2 && b.ndim <= 2 { return try product(a, b, rule: .matmul) }
    // A vector operand is a one-row (or one-column) matrix whose extra axis is dropped after.
    let a2 = a.ndim == 1 ? a.view(shape: [1, k], strides: [0, a.strides[0]], offset: a.offset) : a
    let b2 = b.ndim == 1 ? b.view(shape: [k, 1], strides: [b.strides[0], 0], offset: b.offset) : b
    let n = a2.shape[a2.ndim - 2]
    let m = b2.shape[b2.ndim - 1]
    let batch = try gufunc.batch([(a.shape, a.ndim == 1 ? 1 : 2), (b.shape, b.ndim == 1 ? 1 : 2)], outCore: [n, m])
    let ab = try a2.broadcast(to: batch + [n, k])
    let bb = try b2.broadcast(to: batch + [k, m])
    let dtype = DType.promoted(a.dtype, b.dtype)
    let out = try NDArray(uninitialized: batch + [n, m], dtype: dtype)
    let block = n * m * dtype.itemSize
    let (aOffsets, bOffsets) = (Linalg.matrixOffsets(ab), Linalg.matrixOffsets(bb))
    for i in 0..<aOffsets.count {
      let x = ab.view(shape: [n, k], strides: Array(ab.strides.suffix(2)), offset: aOffsets[i])
      let y = bb.view(shape: [k, m], strides: Array(bb.strides.suffix(2)), offset: bOffsets[i])
      let r = try product(x, y, rule: .matmul)
      (out.storage.raw + i * block).copyMemory(from: r.storage.raw + r.offset * dtype.itemSize, byteCount: block)
    }
    var shape = batch + [n, m]
    if b.ndim == 1 { shape.removeLast() }
    if a.ndim == 1 { shape.remove(at: shape.count - (b.ndim == 1 ? 1 : 2)) }
    return out.reshapedView(shape)
  }

  /// The product of 1-D or 2-D operands with aligned inner dimensions: BLAS for float64,
  /// exact wrapping loops for integers (and logical ones for booleans).
  static func product(_ a: NDArray, _ b: NDArray, rule: ProductRule = .dot) throws(TensorError) -> NDArray {
    let n = a.ndim == 2 ? a.shape[0] : 1
    let k = a.shape[a.ndim - 1]
    let m = b.ndim == 2 ? b.shape[1] : 1
    var outShape: [Int] = []
    if a.ndim == 2 { outShape.append(n) }
    if b.ndim == 2 { outShape.append(m) }
    // Both operands as matrices: a vector is a row (or column) with a zero stride across.
    let x = a.ndim == 2 ? a : a.view(shape: [1, k], strides: [0, a.strides[0]], offset: a.offset)
    let y = b.ndim == 2 ? b : b.view(shape: [k, 1], strides: [b.strides[0], 0], offset: b.offset)
    let common = DType.promoted(a.dtype, b.dtype)
    if common != .float64 {
      let out = try NDArray(uninitialized: outShape, dtype: .int64)
      let (xi, yi) = (x.astype(.int64), y.astype(.int64))
      let (px, py, po) = (xi.pointer(Int64.self), yi.pointer(Int64.self), out.pointer(Int64.self))
      for i in 0..<n {
        for j in 0..<m {
          var total: Int64 = 0
          for p in 0..<k {
            total =
              total &+ px[xi.offset + i * xi.strides[0] + p * xi.strides[1]]
              &* py[yi.offset + p * yi.strides[0] + j * yi.strides[1]]
          }
          po[i * m + j] = total
        }
      }
      return common == .bool ? out.astype(.bool) : out
    }
    guard n < Int(Int32.max), k < Int(Int32.max), m < Int(Int32.max) else {
      throw TensorError(.valueError, "array dimensions too large for BLAS")
    }
    let out = try NDArray(uninitialized: outShape, dtype: .float64)
    try floatProduct(x.astype(.float64), y.astype(.float64), n: n, k: k, m: m, into: out, rule: rule)
    return out
  }
}

/// A 2-D float operand as BLAS reads it: where it starts, whether it is stored transposed
/// (column-major), and its leading dimension. `keep` holds a copy alive while BLAS reads it.
private struct BlasMatrix {
  let base: UnsafeMutablePointer<Double>
  let transposed: Bool
  let ld: Int
  let keep: NDArray

  /// NumPy passes a column-major operand (`A.T`) transposed rather than copying it, which
  /// decides BLAS's summation order. `dot` copies anything not contiguous to C order.
  /// `matmul` takes any BLAS-compatible strides as they are; for gemm it copies the rest
  /// (column-major when its rows are the closer-spaced axis, gh-23588), and for gemv it
  /// gives up (nil) so that the plain loop runs.
  init?(_ x: NDArray, rule: ProductRule, gemm: Bool) {
    let (rows, cols) = (x.shape[0], x.shape[1])
    let (rs, cs) = (x.strides[0], x.strides[1])
    let p = x.pointer(Double.self) + x.offset
    let limit = Int(Int32.max)
    switch rule {
    case .dot:
      if cs == 1 && rs == cols {
        (base, transposed, ld, keep) = (p, false, cols, x)
      } else if rs == 1 && cs == rows {
        (base, transposed, ld, keep) = (p, true, rows, x)
      } else {
        let c = x.copy()
        (base, transposed, ld, keep) = (c.pointer(Double.self), false, cols, c)
      }
    case .matmul:
      if cs == 1 && rs >= cols && rs <= limit {
        (base, transposed, ld, keep) = (p, false, rs, x)
      } else if rs == 1 && cs >= rows && cs <= limit {
        (base, transposed, ld, keep) = (p, true, cs, x)
      } else if gemm && Swift.abs(rs) < Swift.abs(cs) {
        let c = x.transposed().copy()
        (base, transposed, ld, keep) = (c.pointer(Double.self), true, rows, c)
      } else if gemm {
        let c = x.copy()
        (base, transposed, ld, keep) = (c.pointer(Double.self), false, cols, c)
      } else {
        return nil
      }
    }
  }
}

/// A float vector as BLAS reads it: `dot` copies one with a stride BLAS cannot take,
/// `matmul` gives up on it (nil).
private struct BlasVector {
  let base: UnsafeMutablePointer<Double>
  let stride: Int
  let keep: NDArray

  init?(_ x: NDArray, count: Int, stride: Int, rule: ProductRule) {
    if stride > 0 && stride < Int(Int32.max) {
      (base, self.stride, keep) = (x.pointer(Double.self) + x.offset, stride, x)
    } else if rule == .dot {
      let c = x.view(shape: [count], strides: [stride], offset: x.offset).copy()
      (base, self.stride, keep) = (c.pointer(Double.self), 1, c)
    } else {
      return nil
    }
  }
}

extension NDArray {
  /// The float product of an n×k and a k×m matrix (vectors already viewed as matrices)
  /// into `out`, by the routine NumPy picks for the shape: `ddot` for a 1×1 result, exact
  /// products when k is 1, `gemv` when n or m is 1, `syrk` for A·Aᵀ and Aᵀ·A (then mirrored,
  /// as NumPy does), `gemm` otherwise; and `matmul`'s plain loop where its BLAS test fails.
  static func floatProduct(
    _ x: NDArray, _ y: NDArray, n: Int, k: Int, m: Int, into out: NDArray, rule: ProductRule
  ) throws(TensorError) {
    let po = out.pointer(Double.self)
    guard n > 0 && m > 0 else { return }
    guard k > 0 else {
      po.update(repeating: 0, count: n * m)
      return
    }
    let px = x.pointer(Double.self) + x.offset
    let py = y.pointer(Double.self) + y.offset
    let (xr, xc, yr, yc) = (x.strides[0], x.strides[1], y.strides[0], y.strides[1])
    if n == 1 && m == 1 {
      // dot's scalar case multiplies a one-element product directly.
      if rule == .dot && k == 1 {
        po[0] = px[0] * py[0]
      } else if let u = BlasVector(x, count: k, stride: xc, rule: rule),
        let v = BlasVector(y, count: k, stride: yr, rule: rule)
      {
        po[0] = withExtendedLifetime((u.keep, v.keep)) {
          u.stride == 1 && v.stride == 1 && k <= TinyBLAS.dotLimit
            ? TinyBLAS.dot(k, u.base, v.base) : dotValue(k, u.base, u.stride, v.base, v.stride)
        }
      } else {
        po[0] = dotValue(k, px, xc, py, yr)
      }
      return
    }
    if k == 1 {
      for i in 0..<n {
        for j in 0..<m { po[i * m + j] = px[i * xr] * py[j * yc] }
      }
      return
    }
    if n == 1 || m == 1 {
      // Vector·matrix or matrix·vector: one gemv on the matrix's own layout.
      let (matrix, vector, count, stride) = n == 1 ? (y, x, k, xc) : (x, y, k, yr)
      if let a = BlasMatrix(matrix, rule: rule, gemm: false),
        let v = BlasVector(vector, count: count, stride: stride, rule: rule)
      {
        let (rows, cols) = (matrix.shape[0], matrix.shape[1])
        if rows <= TinyBLAS.gemvLimit && cols <= TinyBLAS.gemvLimit {
          // The kernel BLAS would run: dgemv_t for a row-major matrix times a vector (or a
          // column-major one transposed), dgemv_n for the other two.
          withExtendedLifetime((a.keep, v.keep)) {
            switch (a.transposed, n == 1) {
            case (false, false): TinyBLAS.gemvT(m: rows, k: cols, a.base, lda: a.ld, v.base, incx: v.stride, po)
            case (false, true): TinyBLAS.gemvN(m: cols, n: rows, a.base, lda: a.ld, v.base, incx: v.stride, po)
            case (true, false): TinyBLAS.gemvN(m: rows, n: cols, a.base, lda: a.ld, v.base, incx: v.stride, po)
            case (true, true): TinyBLAS.gemvT(m: cols, k: rows, a.base, lda: a.ld, v.base, incx: v.stride, po)
            }
          }
          return
        }
        withExtendedLifetime((a.keep, v.keep)) {
          cblas_dgemv(
            a.transposed ? CblasColMajor : CblasRowMajor, n == 1 ? CblasTrans : CblasNoTrans, Int32(rows),
            Int32(cols), 1, a.base, Int32(a.ld), v.base, Int32(v.stride), 0, po, 1)
        }
        return
      }
    } else if let a = BlasMatrix(x, rule: rule, gemm: true), let b = BlasMatrix(y, rule: rule, gemm: true) {
      if n <= TinyBLAS.gemmLimit && m <= TinyBLAS.gemmLimit && k <= TinyBLAS.gemmLimit {
        let syrk = a.base == b.base && n == m && a.transposed != b.transposed && xr == yc && xc == yr
        let (ar, ac) = a.transposed ? (1, a.ld) : (a.ld, 1)
        let (br, bc) = b.transposed ? (1, b.ld) : (b.ld, 1)
        withExtendedLifetime((a.keep, b.keep)) {
          TinyBLAS.gemm(m: n, n: m, k: k, a.base, ar, ac, b.base, br, bc, po, syrk: syrk)
        }
        return
      }
      withExtendedLifetime((a.keep, b.keep)) {
        if a.base == b.base && n == m && a.transposed != b.transposed && xr == yc && xc == yr {
          // A·Aᵀ or Aᵀ·A: NumPy computes the upper triangle with syrk and mirrors it.
          let (trans, ld) = a.transposed ? (CblasTrans, b.ld) : (CblasNoTrans, a.ld)
          cblas_dsyrk(CblasRowMajor, CblasUpper, trans, Int32(n), Int32(k), 1, a.base, Int32(ld), 0, po, Int32(m))
          for i in 0..<n {
            for j in (i + 1)..<Swift.max(i + 1, n) { po[j * m + i] = po[i * m + j] }
          }
        } else {
          let flops = 2.0 * Double(n) * Double(m) * Double(k)
          BLAS.run(flops: flops < 1e18 ? Int(flops) : Int.max) {
            cblas_dgemm(
              CblasRowMajor, a.transposed ? CblasTrans : CblasNoTrans, b.transposed ? CblasTrans : CblasNoTrans,
              Int32(n), Int32(m), Int32(k), 1, a.base, Int32(a.ld), b.base, Int32(b.ld), 0, po, Int32(m))
          }
        }
      }
      return
    }
    // matmul's loop for a vector product BLAS cannot take: each element summed from 0.
    for i in 0..<n {
      for j in 0..<m {
        var total = 0.0
        for p in 0..<k { total += px[i * xr + p * xc] * py[p * yr + j * yc] }
        po[i * m + j] = total
      }
    }
  }
}

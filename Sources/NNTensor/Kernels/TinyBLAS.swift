/// Small products computed here, in the exact order OpenBLAS 0.3.x's Haswell kernels use
/// (checked bit for bit against Debian's 0.3.21 and NumPy's bundled 0.3.31 over millions of
/// random cases), so results equal NumPy's without paying 40–170 ns for a BLAS call.
/// `fma` marks the fused multiply-adds the kernels make; every other multiply and add is
/// rounded separately (Swift never contracts them on its own).
enum TinyBLAS {
  /// The largest operands the formulas were verified for.
  static let gemvLimit = 64
  static let gemmLimit = 48
  static let dotLimit = 256

  @inline(__always) static func fma(_ a: Double, _ b: Double, _ c: Double) -> Double {
    c.addingProduct(a, b)
  }

  /// `ddot(n, x, 1, y, 1)`: 16-wide blocks in four groups of four FMA accumulators, then a
  /// plain tail. NumPy adds the result to 0.0.
  static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
    let n16 = n & ~15
    var total = 0.0
    if n16 > 0 {
      // Sixteen accumulators: group r = (i >> 2) & 3, lane l = i & 3.
      var acc = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
      total = withUnsafeMutableBytes(of: &acc) { raw -> Double in
        let a = raw.baseAddress!.assumingMemoryBound(to: Double.self)
        for i in 0..<n16 {
          let slot = ((i >> 2) & 3) * 4 + (i & 3)
          a[slot] = fma(x[i], y[i], a[slot])
        }
        let va0 = a[0] + a[2]
        let va1 = a[4] + a[6]
        let va2 = a[8] + a[10]
        let va3 = a[12] + a[14]
        let vb0 = a[1] + a[3]
        let vb1 = a[5] + a[7]
        let vb2 = a[9] + a[11]
        let vb3 = a[13] + a[15]
        return ((va0 + va1) + (va2 + va3)) + ((vb0 + vb1) + (vb2 + vb3))
      }
    }
    for i in n16..<n { total = total + x[i] * y[i] }
    return 0.0 + total
  }

  /// `out[j] = Σ_i a[j·lda + i]·x[i·incx]` for j < m, i < k: OpenBLAS's dgemv_t (a row-major
  /// matrix times a vector): 4×4 FMA blocks for rows in groups of four, plain SSE blocks for
  /// the rest, and an FMA tail over the last k mod 4 columns.
  static func gemvT(
    m: Int, k: Int, _ a: UnsafePointer<Double>, lda: Int, _ x: UnsafePointer<Double>, incx: Int,
    _ out: UnsafeMutablePointer<Double>
  ) {
    let k4 = k & ~3
    let i0 = k4
    let m4 = m & ~3
    for j in 0..<m {
      let row = a + j * lda
      var y = 0.0
      if k4 > 0 {
        let s: Double
        if j < m4 {
          var l0 = 0.0
          var l1 = 0.0
          var l2 = 0.0
          var l3 = 0.0
          var i = 0
          while i < k4 {
            l0 = fma(row[i], x[i * incx], l0)
            l1 = fma(row[i + 1], x[(i + 1) * incx], l1)
            l2 = fma(row[i + 2], x[(i + 2) * incx], l2)
            l3 = fma(row[i + 3], x[(i + 3) * incx], l3)
            i += 4
          }
          s = (l0 + l2) + (l1 + l3)
        } else if m & 3 >= 2 && (j == m4 || j == m4 + 1) {
          var e = 0.0
          var o = 0.0
          var i = 0
          while i < k4 {
            e = e + row[i] * x[i * incx]
            o = o + row[i + 1] * x[(i + 1) * incx]
            i += 2
          }
          s = e + o
        } else {
          var l0 = 0.0
          var l1 = 0.0
          var l2 = 0.0
          var l3 = 0.0
          var i = 0
          while i < k4 {
            l0 = l0 + row[i] * x[i * incx]
            l1 = l1 + row[i + 1] * x[(i + 1) * incx]
            l2 = l2 + row[i + 2] * x[(i + 2) * incx]
            l3 = l3 + row[i + 3] * x[(i + 3) * incx]
            i += 4
          }
          s = (l0 + l2) + (l1 + l3)
        }
        y = 0 + s
      }
      switch k & 3 {
      case 1: y = fma(row[i0], x[i0 * incx], y)
      case 2: y = y + fma(row[i0], x[i0 * incx], row[i0 + 1] * x[(i0 + 1) * incx])
      case 3:
        y = y + fma(row[i0 + 2], x[(i0 + 2) * incx], fma(row[i0], x[i0 * incx], row[i0 + 1] * x[(i0 + 1) * incx]))
      default: break
      }
      out[j] = y
    }
  }

  /// `out[i] = Σ_j a[i + j·lda]·x[j·incx]` for i < m, j < n: OpenBLAS's dgemv_n (a
  /// column-major matrix times a vector, as `A.T @ x` and `x @ B` reach it).
  static func gemvN(
    m: Int, n: Int, _ a: UnsafePointer<Double>, lda: Int, _ x: UnsafePointer<Double>, incx: Int,
    _ out: UnsafeMutablePointer<Double>
  ) {
    let m4 = m & ~3
    let n4 = n & ~3
    for i in 0..<m4 {
      var y = 0.0
      var j = 0
      while j < n4 {
        var t = a[i + j * lda] * x[j * incx]
        var u = a[i + (j + 1) * lda] * x[(j + 1) * incx]
        t = fma(a[i + (j + 2) * lda], x[(j + 2) * incx], t)
        u = fma(a[i + (j + 3) * lda], x[(j + 3) * incx], u)
        y = y + (t + u)
        j += 4
      }
      if incx == 1 {
        if n & 2 != 0 {
          y = y + (a[i + j * lda] * x[j] + a[i + (j + 1) * lda] * x[j + 1])
          j += 2
        }
        if n & 1 != 0 { y = y + a[i + j * lda] * x[j] }
      } else {
        while j < n {
          y = y + a[i + j * lda] * x[j * incx]
          j += 1
        }
      }
      out[i] = y
    }
    for i in m4..<m {
      var temp = 0.0
      if m < 4 && lda == m && incx == 1 {
        var j = 0
        while j < n4 {
          let p0 = a[i + j * lda] * x[j]
          let p1 = a[i + (j + 1) * lda] * x[j + 1]
          let p2 = a[i + (j + 2) * lda] * x[j + 2]
          let p3 = a[i + (j + 3) * lda] * x[j + 3]
          if m == 1 {
            temp = temp + (((p0 + p1) + p2) + p3)
          } else {
            temp = temp + (p0 + p1)
            temp = temp + (p2 + p3)
          }
          j += 4
        }
        while j < n {
          temp = temp + a[i + j * lda] * x[j]
          j += 1
        }
      } else {
        for j in 0..<n { temp = temp + a[i + j * lda] * x[j * incx] }
      }
      out[i] = 0 + temp
    }
  }

  /// `C = A·B` for small matrices, each operand read through (row stride, column stride):
  /// OpenBLAS's Haswell dgemm is a plain FMA chain per element, except the last row of an
  /// odd-height result, which its 4×1 kernel sums in four accumulators. `syrk` (A·Aᵀ) has no
  /// such exception.
  static func gemm(
    m: Int, n: Int, k: Int, _ a: UnsafePointer<Double>, _ ar: Int, _ ac: Int, _ b: UnsafePointer<Double>,
    _ br: Int, _ bc: Int, _ out: UnsafeMutablePointer<Double>, syrk: Bool
  ) {
    let n4 = n & ~3
    for i in 0..<m {
      for j in 0..<n {
        var s: Double
        if !syrk && m & 1 == 1 && i == m - 1 && j < n4 && k >= 8 {
          let k8 = k & ~7
          var acc = (0.0, 0.0, 0.0, 0.0)
          for p in 0..<k8 {
            let v = a[i * ar + p * ac]
            let w = b[p * br + j * bc]
            switch p & 3 {
            case 0: acc.0 = fma(v, w, acc.0)
            case 1: acc.1 = fma(v, w, acc.1)
            case 2: acc.2 = fma(v, w, acc.2)
            default: acc.3 = fma(v, w, acc.3)
            }
          }
          for p in k8..<k { acc.0 = fma(a[i * ar + p * ac], b[p * br + j * bc], acc.0) }
          s = (acc.0 + acc.1) + (acc.2 + acc.3)
        } else {
          s = a[i * ar] * b[j * bc]
          for p in 1..<k { s = fma(a[i * ar + p * ac], b[p * br + j * bc], s) }
        }
        out[i * n + j] = s + 0
      }
    }
  }
}

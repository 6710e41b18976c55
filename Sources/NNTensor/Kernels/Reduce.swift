/// Reductions over all axes or a set of axes, with NumPy's summation order, so float sums
/// agree with NumPy's to the last bit: pairwise along the innermost reduced run, sequential
/// across outer ones.
public enum Reduction: Sendable {
  case sum, mean, prod, min, max
}

extension NDArray {
  public func reduce(_ op: Reduction, axes: [Int]?, keepDims: Bool = false) throws(TensorError) -> NDArray {
    var reduced = [Bool](repeating: axes == nil, count: ndim)
    for axis in axes ?? [] {
      let a = try Layout.axis(axis, ndim: ndim)
      if reduced[a] { throw TensorError(.valueError, "duplicate value in 'axis'") }
      reduced[a] = true
    }
    let kept = (0..<ndim).filter { !reduced[$0] }
    let outShape = keepDims ? (0..<ndim).map { reduced[$0] ? 1 : shape[$0] } : kept.map { shape[$0] }
    let reducedCount = (0..<ndim).filter { reduced[$0] }.reduce(1) { $0 * shape[$1] }
    if reducedCount == 0 && (op == .min || op == .max) {
      throw TensorError(
        .valueError,
        "zero-size array to reduction operation \(op == .min ? "minimum" : "maximum") which has no identity")
    }
    let resultType: DType =
      switch op {
      case .mean: .float64
      case .sum, .prod: dtype == .float64 ? .float64 : .int64
      case .min, .max: dtype
      }
    let source = astype(op == .mean ? .float64 : (dtype == .bool && resultType == .int64 ? .int64 : dtype))
    let out = try NDArray(uninitialized: outShape, dtype: resultType)
    // Reduced axes move innermost, in their order, so each output element reads one run.
    let order = kept + (0..<ndim).filter { reduced[$0] }
    let shapeR = order.map { shape[$0] }
    let stridesR = order.map { source.strides[$0] }
    let outer = kept.count
    let innerShape = Array(shapeR[outer...])
    let innerStrides = Array(stridesR[outer...])
    let outerShape = Array(shapeR[..<outer])
    let outerStrides = Array(stridesR[..<outer])
    var k = 0
    switch source.dtype {
    case .float64:
      let p = source.pointer(Double.self)
      let po = out.pointer(Double.self)
      Layout.forEachOffset(outerShape, outerStrides, source.offset) { base in
        var r = NDArray.reduceRun(p, base, innerShape, innerStrides, op)
        if op == .mean { r /= Double(reducedCount) }
        po[k] = r
        k += 1
      }
      if op == .mean && reducedCount == 0 { po.update(repeating: .nan, count: out.count) }
    case .int64:
      let p = source.pointer(Int64.self)
      let po = out.pointer(Int64.self)
      Layout.forEachOffset(outerShape, outerStrides, source.offset) { base in
        var r: Int64 = op == .prod ? 1 : op == .min ? .max : op == .max ? .min : 0
        Layout.forEachOffset(innerShape, innerStrides, base) { o in
          switch op {
          case .sum, .mean: r = r &+ p[o]
          case .prod: r = r &* p[o]
          case .min: r = Swift.min(r, p[o])
          case .max: r = Swift.max(r, p[o])
          }
        }
        po[k] = r
        k += 1
      }
    case .bool:
      let p = source.pointer(Bool.self)
      let po = out.pointer(Bool.self)
      Layout.forEachOffset(outerShape, outerStrides, source.offset) { base in
        var r = op == .min
        Layout.forEachOffset(innerShape, innerStrides, base) { o in
          r = op == .min ? (r && p[o]) : (r || p[o])
        }
        po[k] = r
        k += 1
      }
    }
    return out
  }

  /// One output element of a float reduction over the inner axes.
  static func reduceRun(
    _ p: UnsafeMutablePointer<Double>, _ base: Int, _ shape: [Int], _ strides: [Int], _ op: Reduction
  ) -> Double {
    switch op {
    case .sum, .mean:
      guard let last = shape.last else { return 0 + p[base] }
      // Outer reduced axes add sequentially; the innermost run is summed pairwise.
      var total = 0.0
      Layout.forEachOffset(Array(shape.dropLast()), Array(strides.dropLast()), base) { o in
        total += pairwiseSum(p + o, last, strides[strides.count - 1])
      }
      return total
    case .prod:
      var r = 1.0
      Layout.forEachOffset(shape, strides, base) { r *= p[$0] }
      return r
    case .min, .max:
      var r = p[base]
      var sawNaN = false
      Layout.forEachOffset(shape, strides, base) { o in
        let v = p[o]
        if v.isNaN { sawNaN = true }
        r = op == .min ? Swift.min(r, v) : Swift.max(r, v)
      }
      return sawNaN ? .nan : r
    }
  }

  /// NumPy's pairwise summation: blocks of 128 with eight accumulators, halves above that.
  static func pairwiseSum(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ stride: Int) -> Double {
    if n < 8 {
      var r = 0.0
      for i in 0..<n { r += a[i * stride] }
      return r
    }
    if n <= 128 {
      var r0 = a[0]
      var r1 = a[stride]
      var r2 = a[2 * stride]
      var r3 = a[3 * stride]
      var r4 = a[4 * stride]
      var r5 = a[5 * stride]
      var r6 = a[6 * stride]
      var r7 = a[7 * stride]
      var i = 8
      while i < n - n % 8 {
        r0 += a[i * stride]
        r1 += a[(i + 1) * stride]
        r2 += a[(i + 2) * stride]
        r3 += a[(i + 3) * stride]
        r4 += a[(i + 4) * stride]
        r5 += a[(i + 5) * stride]
        r6 += a[(i + 6) * stride]
        r7 += a[(i + 7) * stride]
        i += 8
      }
      var r = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
      while i < n {
        r += a[i * stride]
        i += 1
      }
      return r
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(a, half, stride) + pairwiseSum(a + half * stride, n - half, stride)
  }
}

import Foundation

/// NumPy's statistics, composed from the reduction and elementwise kernels in the order NumPy's
/// own Python code composes them (numpy/_core/_methods.py), so the digits agree.
extension NDArray {
  /// `np.mean`: the sum (in float64 for integer input, buffered as NumPy casts it) over the count.
  func mean(
    reduced: [Bool], keepDims: Bool, dtype requested: DType?, warnings: inout Warnings
  ) throws(TensorError)
    -> NDArray
  {
    let n = reducedCount(reduced)
    let total = try reduce(.sum, axes: axesList(reduced), keepDims: keepDims, dtype: .float64, warnings: &warnings)
    if n == 0 { warnings.record("Mean of empty slice") }
    return try total.dividedInPlace(by: Double(n), warnings: &warnings)
  }

  /// `np.var` (and `np.std` with `squareRoot`): the mean first, then the sum of squared
  /// deviations over `n - ddof`.
  public func variance(
    axes: [Int]?, ddof: Double = 0, keepDims: Bool = false, squareRoot: Bool = false, warnings: inout Warnings
  ) throws(TensorError) -> NDArray {
    let reduced = try reducedAxes(axes)
    let axisList = axesList(reduced)
    let n = reducedCount(reduced)
    let mean = try reduce(.sum, axes: axisList, keepDims: true, dtype: .float64, warnings: &warnings)
    _ = try mean.dividedInPlace(by: Double(n), warnings: &warnings)
    let deviations = try NDArray.apply(.subtract, self, mean, warnings: &warnings)
    try deviations.applyInPlace(.multiply, deviations, warnings: &warnings)
    let total = try deviations.reduce(.sum, axes: axisList, keepDims: keepDims, dtype: .float64, warnings: &warnings)
    let divisor = Swift.max(Double(n) - ddof, 0)
    if divisor <= 0 { warnings.record("Degrees of freedom <= 0 for slice") }
    let result = try total.dividedInPlace(by: divisor, warnings: &warnings)
    return squareRoot ? try result.map(.sqrt, warnings: &warnings) : result
  }

  /// `x / n` in place, as NumPy's `true_divide(ret, rcount, out=ret)`; a 0-d result divides as
  /// a NumPy scalar (and warns "in scalar divide").
  func dividedInPlace(by n: Double, warnings: inout Warnings) throws(TensorError) -> NDArray {
    if n >= 1 && dtype == .float64 {
      // x / n with n >= 1 raises nothing NumPy reports (no overflow, no new NaN): skip the flags.
      let p = pointer(Double.self)
      Layout.forEachOffset(shape, strides, offset) { o in p[o] = p[o] / n }
      return self
    }
    var local = Warnings()
    try applyInPlace(.divide, .scalar(n), warnings: &local)
    warnings.record(local.conditions, inExactly: (ndim == 0 ? "scalar " : "") + "divide")
    return self
  }

  func reducedCount(_ reduced: [Bool]) -> Int {
    var n = 1
    for axis in 0..<ndim where reduced[axis] { n &*= shape[axis] }
    return n
  }

  func axesList(_ reduced: [Bool]) -> [Int] { (0..<ndim).filter { reduced[$0] } }

  /// `np.argmax` / `np.argmin`: the first index of the extreme (of the first NaN, if any), over
  /// the flattened array or along one axis.
  public func argExtreme(maximum: Bool, axis: Int?, keepDims: Bool = false) throws(TensorError) -> NDArray {
    let name = maximum ? "argmax" : "argmin"
    guard let axis else {
      guard count > 0 else { throw TensorError(.valueError, "attempt to get \(name) of an empty sequence") }
      let flat = try contiguous().reshaped([count])
      let index = NDArray.argIndex(flat, 0, count, 1, maximum: maximum)
      let shape = keepDims ? [Int](repeating: 1, count: ndim) : []
      return try NDArray(shape: shape, ints: [Int64(index)])
    }
    let a = try Layout.axis(axis, ndim: ndim)
    guard shape[a] > 0 else { throw TensorError(.valueError, "attempt to get \(name) of an empty sequence") }
    let lanes = moveAxis(a, to: ndim - 1)
    let outShape = Array(lanes.shape.dropLast())
    let out = try NDArray(uninitialized: outShape, dtype: .int64)
    let po = out.pointer(Int64.self)
    var k = 0
    Layout.forEachOffset(outShape, Array(lanes.strides.dropLast()), lanes.offset) { base in
      po[k] = Int64(NDArray.argIndex(lanes, base, shape[a], strides[a], maximum: maximum))
      k += 1
    }
    if keepDims {
      var kept = shape
      kept[a] = 1
      return try out.reshaped(kept)
    }
    return out
  }

  private static func argIndex(_ x: NDArray, _ base: Int, _ n: Int, _ stride: Int, maximum: Bool) -> Int {
    switch x.dtype {
    case .float64:
      let p = x.pointer(Double.self)
      var best = 0
      var value = p[base]
      if value.isNaN { return 0 }
      for i in 1..<n {
        let v = p[base + i * stride]
        if v.isNaN { return i }
        if maximum ? v > value : v < value {
          value = v
          best = i
        }
      }
      return best
    case .int64:
      let p = x.pointer(Int64.self)
      var best = 0
      var value = p[base]
      for i in 1..<n {
        let v = p[base + i * stride]
        if maximum ? v > value : v < value {
          value = v
          best = i
        }
      }
      return best
    case .bool:
      let p = x.pointer(Bool.self)
      for i in 0..<n where p[base + i * stride] == maximum { return i }
      return 0
    }
  }

  /// `np.cumsum` / `np.cumprod`: running sums along an axis, or over the flattened array.
  public func accumulate(
    product: Bool, axis: Int?, dtype requested: DType? = nil, warnings: inout Warnings
  )
    throws(TensorError) -> NDArray
  {
    let loopType = requested ?? (dtype == .float64 ? .float64 : .int64)
    var source = astype(loopType)
    var a = 0
    if let axis {
      a = try Layout.axis(axis, ndim: ndim)
    } else {
      source = try source.contiguous().reshaped([count])
    }
    let out = try NDArray(uninitialized: source.shape, dtype: loopType)
    let input = source
    let (_, errors) = FloatingPointErrors.capture { () -> Void in
      NDArray.accumulateLanes(input, into: out, axis: a, product: product)
    }
    if loopType == .float64 { warnings.record(errors, inExactly: "accumulate") }
    return out
  }

  private static func accumulateLanes(_ x: NDArray, into out: NDArray, axis: Int, product: Bool) {
    let n = x.shape[axis]
    let inLanes = x.moveAxis(axis, to: x.ndim - 1)
    let outLanes = out.moveAxis(axis, to: out.ndim - 1)
    let outerShape = Array(inLanes.shape.dropLast())
    let si = x.strides[axis]
    let so = out.strides[axis]
    func run<T>(_: T.Type, _ combine: (T, T) -> T) {
      let pi = x.pointer(T.self)
      let po = out.pointer(T.self)
      Layout.forEachOffset3(
        outerShape, Array(inLanes.strides.dropLast()), inLanes.offset, Array(outLanes.strides.dropLast()),
        outLanes.offset, Array(outLanes.strides.dropLast()), outLanes.offset
      ) { i, o, _ in
        guard n > 0 else { return }
        var acc = pi[i]
        po[o] = acc
        for k in 1..<n {
          acc = combine(acc, pi[i + k * si])
          po[o + k * so] = acc
        }
      }
    }
    switch x.dtype {
    case .float64: run(Double.self, product ? { $0 * $1 } : { $0 + $1 })
    case .int64: run(Int64.self, product ? { $0 &* $1 } : { $0 &+ $1 })
    case .bool: run(Bool.self, product ? { $0 && $1 } : { $0 || $1 })
    }
  }

  /// `np.count_nonzero` along axes (all when nil).
  public func countNonzero(axes: [Int]?, keepDims: Bool = false) throws(TensorError) -> NDArray {
    try astype(.bool).reduce(.sum, axes: axes, keepDims: keepDims)
  }

  /// `np.ptp`: maximum minus minimum.
  public func peakToPeak(axes: [Int]?, keepDims: Bool = false) throws(TensorError) -> NDArray {
    try NDArray.apply(
      .subtract, try reduce(.max, axes: axes, keepDims: keepDims), try reduce(.min, axes: axes, keepDims: keepDims))
  }

  /// A copy (laid out like this array) with NaN replaced by `value`, and whether any was.
  func replacingNaN(with value: Double) -> (NDArray, mask: NDArray?) {
    guard dtype == .float64 else { return (self, nil) }
    let copy = copyKeepingLayout()
    let mask = (try? copy.map(.isnan)) ?? copy
    let p = copy.pointer(Double.self)
    for i in 0..<copy.count where p[i].isNaN { p[i] = value }
    return (copy, mask)
  }

  /// `np.nansum`: the sum with NaN counted as zero.
  public func nanSum(axes: [Int]?, keepDims: Bool = false, warnings: inout Warnings) throws(TensorError) -> NDArray {
    try replacingNaN(with: 0).0.reduce(.sum, axes: axes, keepDims: keepDims, warnings: &warnings)
  }

  /// `np.nanmean`: the mean of the non-NaN elements.
  public func nanMean(axes: [Int]?, keepDims: Bool = false, warnings: inout Warnings) throws(TensorError) -> NDArray {
    let (filled, mask) = replacingNaN(with: 0)
    guard let mask else { return try reduce(.mean, axes: axes, keepDims: keepDims, dtype: nil, warnings: &warnings) }
    let counts = try mask.map(.logicalNot).reduce(.sum, axes: axes, keepDims: keepDims)
    let total = try filled.reduce(.sum, axes: axes, keepDims: keepDims, warnings: &warnings)
    if (try counts.reduce(.min, axes: nil)).item == .int(0) { warnings.record("Mean of empty slice") }
    var local = Warnings()
    let result = try NDArray.apply(.divide, total, counts, warnings: &local)
    warnings.record(local.conditions, inExactly: (total.ndim == 0 ? "scalar " : "") + "divide")
    return result
  }
}

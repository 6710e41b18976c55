import Foundation

/// NumPy's elementwise composites: rounding, clipping, selection, differences, comparisons
/// with tolerance.
extension NDArray {
  /// `np.round(a, decimals)`: NumPy's algorithm, so halves go to even after scaling: multiply
  /// by 10**decimals, `rint`, divide (for negative decimals, divide, `rint`, multiply). Integers
  /// round in float64 and come back as integers.
  public func rounded(decimals: Int, warnings: inout Warnings) throws(TensorError) -> NDArray {
    if dtype == .bool && decimals != 0 {
      // NumPy scales into a boolean output, which the float product cannot be cast to.
      throw TensorError(
        .typeError,
        "Cannot cast ufunc '\(decimals > 0 ? "multiply" : "divide")' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'"
      )
    }
    if dtype == .bool { return try map(.rint, warnings: &warnings) }
    if dtype != .float64 && decimals >= 0 { return copyKeepingLayout() }
    let x = astype(.float64)
    let scale = NDArray.scalar(NDArray.powerOfTen(Int(clamping: decimals.magnitude)))
    let (first, second): (BinaryOperator, BinaryOperator) = decimals >= 0 ? (.multiply, .divide) : (.divide, .multiply)
    let scaled = decimals == 0 ? x : try NDArray.apply(first, x, scale, warnings: &warnings)
    var result = try scaled.map(.rint, warnings: &warnings)
    if decimals != 0 { result = try NDArray.apply(second, result, scale, warnings: &warnings) }
    return dtype == .float64 ? result : result.astype(dtype)
  }

  /// NumPy's `power_of_ten`: exact table entries up to 1e8, then repeated multiplication.
  static func powerOfTen(_ n: Int) -> Double {
    let table: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]
    if n < 9 { return table[n] }
    var r = 1e9
    var k = n
    // Past 1e308 the power is infinite: stop there, whatever `n` is.
    while k > 9 && r.isFinite {
      r *= 10
      k -= 1
    }
    return r
  }

  /// `np.clip(a, a_min, a_max)`: each element raised to `a_min`, then lowered to `a_max`; a
  /// NaN (element or bound) comes through. Where an element equals a bound (0.0 and -0.0),
  /// NumPy's loop keeps the element when the bounds are constant along the inner axis and
  /// takes the bound otherwise; so does this. Either bound may be nil.
  public func clipped(
    min lower: NDArray?, max upper: NDArray?, warnings: inout Warnings
  ) throws(TensorError)
    -> NDArray
  {
    guard lower != nil || upper != nil else { return copyKeepingLayout() }
    let low = lower ?? self
    let high = upper ?? self
    let shape = try Layout.broadcastShape([self.shape, low.shape, high.shape])
    let type = DType.promoted(dtype, DType.promoted(lower?.dtype ?? dtype, upper?.dtype ?? dtype))
    let x = try astype(type).broadcast(to: shape)
    let lo = try low.astype(type).broadcast(to: shape)
    let hi = try high.astype(type).broadcast(to: shape)
    let out = try NDArray(uninitialized: shape, dtype: type)
    let (hasLow, hasHigh) = (lower != nil, upper != nil)
    let keepTies = shape.isEmpty || (lo.strides.last == 0 && hi.strides.last == 0) || shape.last == 1
    func run<T: Comparable>(_: T.Type, _ isNaN: (T) -> Bool) {
      let (px, pl, ph, po) = (x.pointer(T.self), lo.pointer(T.self), hi.pointer(T.self), out.pointer(T.self))
      var k = 0
      Layout.forEachOffset3(shape, x.strides, x.offset, lo.strides, lo.offset, hi.strides, hi.offset) { i, j, l in
        var v = px[i]
        if hasLow && !isNaN(v) {
          let b = pl[j]
          if isNaN(b) || (keepTies ? v < b : !(v > b)) { v = b }
        }
        if hasHigh && !isNaN(v) {
          let b = ph[l]
          if isNaN(b) || (keepTies ? v > b : !(v < b)) { v = b }
        }
        po[k] = v
        k += 1
      }
    }
    switch type {
    case .float64: run(Double.self) { $0.isNaN }
    case .int64: run(Int64.self) { _ in false }
    case .bool: run(UInt8.self) { _ in false }
    }
    return out
  }

  /// `np.where(condition, x, y)`: `x` where the condition holds, else `y`, broadcast together.
  public static func select(_ condition: NDArray, _ x: NDArray, _ y: NDArray) throws(TensorError) -> NDArray {
    let shape = try Layout.broadcastShape([condition.shape, x.shape, y.shape])
    let type = DType.promoted(x.dtype, y.dtype)
    let c = try condition.astype(.bool).broadcast(to: shape)
    let a = try x.astype(type).broadcast(to: shape)
    let b = try y.astype(type).broadcast(to: shape)
    let out = try NDArray(uninitialized: shape, dtype: type)
    func run<T>(_: T.Type) {
      let pc = c.pointer(Bool.self)
      let pa = a.pointer(T.self)
      let pb = b.pointer(T.self)
      let po = out.pointer(T.self)
      var k = 0
      Layout.forEachOffset3(shape, c.strides, c.offset, a.strides, a.offset, b.strides, b.offset) { i, j, l in
        po[k] = pc[i] ? pa[j] : pb[l]
        k += 1
      }
    }
    switch type {
    case .float64: run(Double.self)
    case .int64: run(Int64.self)
    case .bool: run(Bool.self)
    }
    return out
  }

  /// `np.nonzero(a)`: for each axis, the indices of the nonzero elements in C order.
  public func nonzeroIndices() throws(TensorError) -> [NDArray] {
    let truth = astype(.bool)
    let p = truth.pointer(Bool.self)
    var hits: [Int] = []
    var flat = 0
    Layout.forEachOffset(truth.shape, truth.strides, truth.offset) { o in
      if p[o] { hits.append(flat) }
      flat += 1
    }
    if ndim == 0 {
      // NumPy treats a 0-d array as 1-d here (and deprecates it).
      return [try NDArray(shape: [hits.count], ints: hits.map { _ in 0 })]
    }
    var result: [NDArray] = []
    var divisor = count
    for axis in 0..<ndim {
      divisor /= Swift.max(shape[axis], 1)
      let d = Swift.max(shape[axis], 1)
      let stride = Swift.max(divisor, 1)
      result.append(try NDArray(shape: [hits.count], ints: hits.map { Int64(($0 / stride) % d) }))
    }
    return result
  }

  /// `np.diff(a, n, axis)`: `a[1:] - a[:-1]` along the axis, `n` times (`!=` for booleans).
  public func differences(order n: Int, axis: Int, warnings: inout Warnings) throws(TensorError) -> NDArray {
    guard n >= 0 else { throw TensorError(.valueError, "order must be non-negative but got \(n)") }
    guard ndim > 0 else { throw TensorError(.valueError, "diff requires input that is at least one dimensional") }
    let a = try Layout.axis(axis, ndim: ndim)
    var result = self
    for _ in 0..<n {
      let length = result.shape[a]
      guard length > 0 else { break }
      var shape = result.shape
      shape[a] = length - 1
      let step = result.strides[a]
      let upper = result.view(shape: shape, strides: result.strides, offset: result.offset + step)
      let lower = result.view(shape: shape, strides: result.strides, offset: result.offset)
      let op: BinaryOperator = result.dtype == .bool ? .notEqual : .subtract
      result = try NDArray.apply(op, upper, lower, warnings: &warnings)
    }
    return n == 0 ? self : result
  }

  /// `np.isclose(a, b, rtol, atol, equal_nan)`:
  /// `|a - b| <= atol + rtol * |b|` for finite `b`, or `a == b`.
  public static func isClose(
    _ a: NDArray, _ b: NDArray, rtol: Double = 1e-05, atol: Double = 1e-08, equalNaN: Bool = false
  ) throws(TensorError) -> NDArray {
    let y = b.astype(.float64)
    var ignored = Warnings()
    let distance = try apply(.subtract, a, y, warnings: &ignored).map(.absolute)
    let tolerance = try apply(
      .add, .scalar(atol), try apply(.multiply, .scalar(rtol), y.map(.absolute), warnings: &ignored),
      warnings: &ignored)
    let near = try apply(.lessEqual, distance, tolerance)
    var result = try apply(.logicalOr, try apply(.bitwiseAnd, near, try y.map(.isfinite)), try apply(.equal, a, y))
    if equalNaN {
      let bothNaN = try apply(.bitwiseAnd, try a.map(.isnan), try y.map(.isnan))
      result = try apply(.bitwiseOr, result, bothNaN)
    }
    return result
  }

  /// `np.array_equal(a, b, equal_nan)`: same shape and equal elements.
  public static func arrayEqual(_ a: NDArray, _ b: NDArray, equalNaN: Bool = false) throws(TensorError) -> Bool {
    guard a.shape == b.shape else { return false }
    var equal = try apply(.equal, a, b)
    if equalNaN && (a.dtype == .float64 || b.dtype == .float64) {
      equal = try apply(.bitwiseOr, equal, try apply(.bitwiseAnd, try a.map(.isnan), try b.map(.isnan)))
    }
    return try equal.reduce(.all, axes: nil).item == .bool(true)
  }
}

extension NDArray {
  /// This array with `before` and `after` joined along `axis` (`np.diff`'s prepend/append): a
  /// scalar is stretched to one slice.
  public func extended(axis: Int, before: NDArray?, after: NDArray?) throws(TensorError) -> NDArray {
    let a = try Layout.axis(axis, ndim: ndim)
    func slab(_ x: NDArray) throws(TensorError) -> NDArray {
      guard x.ndim == 0 else { return x }
      var shape = self.shape
      shape[a] = 1
      return try x.broadcast(to: shape)
    }
    var parts: [NDArray] = []
    if let before { parts.append(try slab(before)) }
    parts.append(self)
    if let after { parts.append(try slab(after)) }
    var shape = self.shape
    var type = dtype
    shape[a] = 0
    for p in parts {
      guard p.ndim == ndim else {
        throw TensorError(
          .valueError,
          "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has size \(p.shape.first ?? 0) and the array at index 1 has size \(self.shape.first ?? 0)"
        )
      }
      for d in 0..<ndim where d != a && p.shape[d] != self.shape[d] {
        throw TensorError(
          .valueError,
          "all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(p.shape[d]) and the array at index 1 has size \(self.shape[d])"
        )
      }
      shape[a] += p.shape[a]
      type = DType.promoted(type, p.dtype)
    }
    let out = try NDArray(uninitialized: shape, dtype: type)
    var start = 0
    for p in parts {
      var partShape = shape
      partShape[a] = p.shape[a]
      let target = out.view(shape: partShape, strides: out.strides, offset: start * out.strides[a])
      p.astype(type).cast(into: target)
      start += p.shape[a]
    }
    return out
  }
}

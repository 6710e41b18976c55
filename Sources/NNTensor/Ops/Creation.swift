import Foundation

/// NumPy's array constructors.
extension NDArray {
  /// `np.full(shape, value, dtype)`: every element `value`, converted to `dtype`.
  public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) throws(TensorError) -> NDArray {
    let source = NDArray.scalar(value)
    let type = dtype ?? value.dtype
    let a = try NDArray(uninitialized: shape, dtype: type)
    let v = source.astype(type)
    switch type {
    case .float64: a.pointer(Double.self).update(repeating: v.pointer(Double.self)[0], count: a.count)
    case .int64: a.pointer(Int64.self).update(repeating: v.pointer(Int64.self)[0], count: a.count)
    case .bool: a.pointer(Bool.self).update(repeating: v.pointer(Bool.self)[0], count: a.count)
    }
    return a
  }

  public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float64) throws(TensorError) -> NDArray {
    try full(shape, .float(value), dtype: dtype)
  }

  public static func ones(_ shape: [Int], dtype: DType = .float64) throws(TensorError) -> NDArray {
    try full(shape, .int(1), dtype: dtype)
  }

  /// `np.zeros_like(a, dtype)` and friends: a fresh array of `a`'s shape, laid out like `a`
  /// (NumPy's order='K'), filled with `value`.
  public static func full(like a: NDArray, _ value: Scalar, dtype: DType? = nil) throws(TensorError) -> NDArray {
    let type = dtype ?? a.dtype
    let out = try IterationOrder.output(a.shape, dtype: type, like: [a])
    let filled = try full([out.count], value, dtype: type)
    (out.storage.raw).copyMemory(from: filled.storage.raw, byteCount: out.count * type.itemSize)
    return out
  }

  /// `np.eye(n, m, k)`: ones on the k-th diagonal.
  public static func eye(_ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType = .float64) throws(TensorError) -> NDArray
  {
    let columns = m ?? n
    let a = try zeros([n, columns], dtype: dtype)
    let one = try full([1], .int(1), dtype: dtype)
    for i in 0..<Swift.max(n, 0) {
      let (j, overflow) = i.addingReportingOverflow(k)
      guard !overflow && j >= 0 && j < columns else { continue }
      a.assignElement(at: i * columns + j, from: one, 0)
    }
    return a
  }

  /// `np.arange(start, stop, step, dtype)`. NumPy's rules: the length is
  /// `ceil((stop - start) / step)`; the first two values are `start` and `start + step`, and
  /// the rest `start + i * delta` where `delta` is their difference (in the result's dtype).
  public static func arange(
    start: Scalar, stop: Scalar, step: Scalar, dtype: DType? = nil
  ) throws(TensorError)
    -> NDArray
  {
    let isFloat = start.dtype == .float64 || stop.dtype == .float64 || step.dtype == .float64
    let type = dtype ?? (isFloat ? .float64 : .int64)
    let length: Int
    if !isFloat, case .int(let a) = start.promotedInt, case .int(let b) = stop.promotedInt,
      case .int(let s) = step.promotedInt
    {
      guard s != 0 else { throw TensorError(.zeroDivisionError, "division by zero") }
      // Python's true division of the exact difference, then ceil.
      let (delta, overflow) = b.subtractingReportingOverflow(a)
      let ratio = overflow ? (Double(b) - Double(a)) / Double(s) : Double(delta) / Double(s)
      length = try arangeLength(ratio)
    } else {
      let s = step.doubleValue
      guard s != 0 else { throw TensorError(.zeroDivisionError, "float division by zero") }
      let delta = stop.doubleValue - start.doubleValue
      let ratio = delta / s
      // A step so large the ratio underflows still takes the first value (NumPy's rule).
      length = ratio == 0 && delta != 0 ? (ratio.sign == .minus ? 0 : 1) : try arangeLength(ratio)
    }
    let out = try NDArray(uninitialized: [length], dtype: type)
    guard length > 0 else { return out }
    // The first two values as Python computes them, then converted, as NumPy stores them.
    let first = NDArray.scalar(start).astype(type)
    let second =
      isFloat || type == .float64
      ? NDArray.scalar(.float(start.doubleValue + step.doubleValue)).astype(type)
      : NDArray.scalar(.int(start.intValue &+ step.intValue)).astype(type)
    switch type {
    case .float64:
      let p = out.pointer(Double.self)
      let a = first.pointer(Double.self)[0]
      let b = second.pointer(Double.self)[0]
      let delta = b - a
      p[0] = a
      if length > 1 { p[1] = b }
      if length > 2 { for i in 2..<length { p[i] = a + Double(i) * delta } }
    case .int64:
      let p = out.pointer(Int64.self)
      let a = first.pointer(Int64.self)[0]
      let delta = second.pointer(Int64.self)[0] &- a
      for i in 0..<length { p[i] = a &+ Int64(i) &* delta }
    case .bool:
      // NumPy allows a boolean arange only of length <= 2.
      guard length <= 2 else {
        throw TensorError(.typeError, "arange() is only supported for booleans when the result has at most length 2.")
      }
      let p = out.pointer(Bool.self)
      p[0] = first.pointer(Bool.self)[0]
      if length > 1 { p[1] = second.pointer(Bool.self)[0] }
    }
    return out
  }

  private static func arangeLength(_ ratio: Double) throws(TensorError) -> Int {
    guard !ratio.isNaN else { throw TensorError(.valueError, "arange: cannot compute length") }
    let length = ratio.rounded(.up)
    // NumPy refuses a length outside intp's range, negative ones included.
    guard length >= -9.223372036854775808e18 && length < 9.223372036854775808e18 else {
      throw TensorError(.valueError, "Maximum allowed size exceeded")
    }
    guard length > 0 else { return 0 }
    let n = Int(length)
    guard n <= Storage.allocationLimit / 8 else { throw TensorError(.valueError, "Maximum allowed size exceeded") }
    return n
  }

  /// `np.linspace(start, stop, num, endpoint)` with NumPy's formula: `step = (stop - start) / div`,
  /// `y = arange(num) * step + start`, and the last value exactly `stop` with the endpoint.
  /// Returns the step too (NaN when undefined), for `retstep`.
  public static func linspace(
    _ start: Double, _ stop: Double, num: Int, endpoint: Bool = true, dtype: DType? = nil
  ) throws(TensorError) -> (NDArray, step: Double) {
    guard num >= 0 else { throw TensorError(.valueError, "Number of samples, \(num), must be non-negative.") }
    let div = endpoint ? num - 1 : num
    let delta = stop - start
    let out = try NDArray(uninitialized: [num], dtype: .float64)
    let p = out.pointer(Double.self)
    let step: Double
    if div > 0 {
      step = delta / Double(div)
      if step == 0 {
        // NumPy's path for subnormal steps: divide first, then scale.
        for i in 0..<num { p[i] = Double(i) / Double(div) * delta + start }
      } else {
        for i in 0..<num { p[i] = Double(i) * step + start }
      }
    } else {
      step = .nan
      for i in 0..<num { p[i] = Double(i) * delta + start }
    }
    if endpoint && num > 1 { p[num - 1] = stop }
    guard let dtype, dtype != .float64 else { return (out, step) }
    // An integer dtype floors first, as NumPy does.
    return (try out.map(.floor).astype(dtype), step)
  }

  /// `np.meshgrid(*xs, indexing)`: coordinate matrices. With 'xy' (Cartesian) indexing the
  /// first two outputs are transposed, so `x` varies along columns.
  public static func meshgrid(_ xs: [NDArray], cartesian: Bool = true) throws(TensorError) -> [NDArray] {
    let n = xs.count
    let vectors = xs.map { (try? $0.contiguous().reshaped([$0.count])) ?? $0 }
    var shape = vectors.map(\.count)
    if cartesian && n > 1 { shape.swapAt(0, 1) }
    // Each output is a full copy: refuse what memory cannot hold before making any.
    for v in vectors {
      let count = try Layout.count(shape)
      let (bytes, overflow) = count.multipliedReportingOverflow(by: v.dtype.itemSize)
      if overflow || bytes > Storage.allocationLimit {
        throw Storage.unableToAllocate(byteCount: overflow ? .max : bytes, shape: shape, dtype: v.dtype)
      }
    }
    var result: [NDArray] = []
    for (i, v) in vectors.enumerated() {
      var axis = i
      if cartesian && n > 1 && i < 2 { axis = 1 - i }
      var strides = [Int](repeating: 0, count: n)
      strides[axis] = v.strides.first ?? 0
      result.append(v.view(shape: shape, strides: strides, offset: v.offset).copy())
    }
    return result
  }

  /// `np.diag(v, k)`: a 1-D array becomes a square matrix with `v` on the k-th diagonal; a 2-D
  /// array gives (a copy of) its k-th diagonal.
  public func diagonal(k: Int = 0) throws(TensorError) -> NDArray {
    switch ndim {
    case 1:
      let (n, overflow) = count.addingReportingOverflow(Int(clamping: k.magnitude))
      guard !overflow else { throw TensorError(.valueError, "Maximum allowed size exceeded") }
      let out = try NDArray.zeros([n, n], dtype: dtype)
      for i in 0..<count {
        let row = k >= 0 ? i : i - k
        let column = k >= 0 ? i + k : i
        out.assignElement(at: row * n + column, from: self, offset + i * strides[0])
      }
      return out
    case 2:
      let rows = shape[0]
      let columns = shape[1]
      // A diagonal beyond the matrix is empty (and k may be any integer).
      guard k < columns && k > -rows else { return try NDArray(uninitialized: [0], dtype: dtype) }
      let start = k >= 0 ? (0, k) : (-k, 0)
      let length = Swift.max(0, Swift.min(rows - start.0, columns - start.1))
      let view = self.view(
        shape: [length], strides: [strides[0] + strides[1]],
        offset: length == 0 ? offset : offset + start.0 * strides[0] + start.1 * strides[1])
      return view.copy()
    default:
      throw TensorError(.valueError, "Input must be 1- or 2-d.")
    }
  }

  /// Copies one element (at a storage offset of `source`) to a flat position of this
  /// C-contiguous array of the same dtype.
  func assignElement(at flat: Int, from source: NDArray, _ sourceOffset: Int) {
    let size = dtype.itemSize
    (storage.raw + (offset + flat) * size).copyMemory(from: source.storage.raw + sourceOffset * size, byteCount: size)
  }
}

extension NDArray {
  /// `np.meshgrid(..., sparse=True)`: each vector shaped to broadcast against the others.
  public static func sparseMeshgrid(_ xs: [NDArray], cartesian: Bool) throws(TensorError) -> [NDArray] {
    let n = xs.count
    var result: [NDArray] = []
    for (i, x) in xs.enumerated() {
      var shape = [Int](repeating: 1, count: n)
      var axis = i
      if cartesian && n > 1 && i < 2 { axis = 1 - i }
      shape[axis] = x.count
      result.append(try x.contiguous().reshaped(shape).copy())
    }
    return result
  }
}

extension Scalar {
  /// Bools as ints (0, 1); floats unchanged.
  var promotedInt: Scalar {
    if case .bool(let b) = self { return .int(b ? 1 : 0) }
    return self
  }

  var intValue: Int64 {
    switch self {
    case .bool(let b): b ? 1 : 0
    case .int(let i): i
    case .float(let d): NDArray.truncatedInt(d)
    }
  }
}

/// How `tensordot` pairs axes: the last n of `a` with the first n of `b`, or two lists.
public enum TensorDotAxes: Sendable {
  case count(Int)
  case pairs([Int], [Int])
}

/// NumPy's other products — `outer`, `inner`, `vdot`, `tensordot` — and `trace`, each built
/// the way NumPy builds it so that the same BLAS routine sees the same operands.
extension NDArray {
  /// `outer(a, b)`: every element of `a` (flattened) times every element of `b`.
  public static func outer(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    let x = a.contiguous().reshapedView([a.count, 1])
    let y = b.contiguous().reshapedView([1, b.count])
    return try apply(.multiply, x, y)
  }

  /// `inner(a, b)`: sums over the last axes of both; NumPy swaps `b`'s last two axes and
  /// calls `dot`, and so its error messages show `b` swapped.
  public static func inner(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    if a.ndim == 0 || b.ndim == 0 { return try apply(.multiply, a, b) }
    return try dot(a, b.ndim >= 2 ? b.swappingLastAxes() : b)
  }

  /// `vdot(a, b)`: the dot product of the two arrays flattened in C order.
  public static func vdot(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    let dtype = DType.promoted(a.dtype, b.dtype)
    let x = a.astype(dtype).contiguous()
    let y = b.astype(dtype).contiguous()
    guard x.count == y.count else { throw TensorError.cannotReshape(size: y.count, into: [x.count]) }
    let n = x.count
    switch dtype {
    case .float64:
      return .scalar(dotValue(n, x.pointer(Double.self) + x.offset, 1, y.pointer(Double.self) + y.offset, 1))
    case .int64:
      let (px, py) = (x.pointer(Int64.self) + x.offset, y.pointer(Int64.self) + y.offset)
      var total: Int64 = 0
      for i in 0..<n { total = total &+ px[i] &* py[i] }
      return .scalar(total)
    case .bool:
      let (px, py) = (x.pointer(Bool.self) + x.offset, y.pointer(Bool.self) + y.offset)
      var any = false
      for i in 0..<n where px[i] && py[i] { any = true }
      return .scalar(any)
    }
  }

  /// `tensordot(a, b, axes)`: sums products over the paired axes. As NumPy does, both are
  /// transposed and reshaped to matrices (a view where NumPy's reshape makes one, which
  /// decides how BLAS is called) for `dot`.
  public static func tensordot(_ a: NDArray, _ b: NDArray, axes: TensorDotAxes) throws(TensorError) -> NDArray {
    var (axesA, axesB): ([Int], [Int])
    switch axes {
    case .count(let n):
      // NumPy fails at once on a.shape[-n] when n exceeds a's rank; never build such a list.
      if n > a.ndim { throw TensorError(.indexError, "tuple index out of range") }
      (axesA, axesB) = (n > 0 ? Array(-n..<0) : [], n > 0 ? Array(0..<n) : [])
    case .pairs(let x, let y): (axesA, axesB) = (x, y)
    }
    for list in [axesA, axesB] where Set(list).count != list.count {
      throw TensorError(.valueError, "duplicate axes are not allowed in tensordot")
    }
    guard axesA.count == axesB.count else { throw TensorError(.valueError, "shape-mismatch for sum") }
    for k in 0..<axesA.count {
      for (axis, x) in [(axesA[k], a), (axesB[k], b)] where axis < -x.ndim || axis >= x.ndim {
        throw TensorError(.indexError, "tuple index out of range")
      }
      if a.shape[(axesA[k] + a.ndim) % a.ndim] != b.shape[(axesB[k] + b.ndim) % b.ndim] {
        throw TensorError(.valueError, "shape-mismatch for sum")
      }
      if axesA[k] < 0 { axesA[k] += a.ndim }
      if axesB[k] < 0 { axesB[k] += b.ndim }
    }
    let freeA = (0..<a.ndim).filter { !axesA.contains($0) }
    let freeB = (0..<b.ndim).filter { !axesB.contains($0) }
    let summed = axesA.reduce(1) { $0 * a.shape[$1] }
    let at = try a.transposed(freeA + axesA).reshaped([freeA.reduce(1) { $0 * a.shape[$1] }, summed])
    let bt = try b.transposed(axesB + freeB).reshaped([summed, freeB.reduce(1) { $0 * b.shape[$1] }])
    return try dot(at, bt).reshapedView(freeA.map { a.shape[$0] } + freeB.map { b.shape[$0] })
  }

  /// `trace(offset, axis1, axis2, dtype)`: the sum along a diagonal.
  public func trace(
    offset: Int = 0, axis1: Int = 0, axis2: Int = 1, dtype: DType? = nil
  ) throws(TensorError)
    -> NDArray
  {
    let diag = try diagonal(offset: offset, axis1: axis1, axis2: axis2)
    return try (dtype.map { diag.astype($0) } ?? diag).reduce(.sum, axes: [diag.ndim - 1])
  }

  /// `diagonal(offset, axis1, axis2)`: a view, the other axes first and the diagonal last.
  public func diagonal(offset: Int = 0, axis1: Int = 0, axis2: Int = 1) throws(TensorError) -> NDArray {
    guard ndim >= 2 else { throw TensorError(.valueError, "diag requires an array of at least two dimensions") }
    let a1 = try Layout.axis(axis1, ndim: ndim)
    let a2 = try Layout.axis(axis2, ndim: ndim)
    guard a1 != a2 else { throw TensorError(.valueError, "axis1 and axis2 cannot be the same") }
    var start = self.offset
    var length: Int
    if offset >= 0 {
      length = Swift.min(shape[a1], shape[a2] - Swift.min(offset, shape[a2]))
      if length > 0 { start += offset * strides[a2] }
    } else {
      length = Swift.min(shape[a1] - Swift.min(-Swift.max(offset, -shape[a1]), shape[a1]), shape[a2])
      if length > 0 { start -= offset * strides[a1] }
    }
    length = Swift.max(length, 0)
    let rest = (0..<ndim).filter { $0 != a1 && $0 != a2 }
    return view(
      shape: rest.map { shape[$0] } + [length], strides: rest.map { strides[$0] } + [strides[a1] + strides[a2]],
      offset: start)
  }
}

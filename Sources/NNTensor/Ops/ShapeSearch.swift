/// Where elements are: `nonzero`, `argwhere`, `flatnonzero`, and the conversions between flat
/// indices and coordinates, `unravel_index` and `ravel_multi_index`.
extension NDArray {
  /// The C-order flat indices of the elements that are not zero (NaN counts as nonzero).
  func nonzeroFlatIndices() -> [Int] {
    var found: [Int] = []
    var k = 0
    switch dtype {
    case .float64:
      let p = pointer(Double.self)
      Layout.forEachOffset(shape, strides, offset) { o in
        if p[o] != 0 { found.append(k) }
        k += 1
      }
    case .int64:
      let p = pointer(Int64.self)
      Layout.forEachOffset(shape, strides, offset) { o in
        if p[o] != 0 { found.append(k) }
        k += 1
      }
    case .bool:
      let p = pointer(Bool.self)
      Layout.forEachOffset(shape, strides, offset) { o in
        if p[o] { found.append(k) }
        k += 1
      }
    }
    return found
  }

  /// `nonzero(a)`: one int64 array per axis, together the coordinates of the nonzero elements.
  public func nonzero() throws(TensorError) -> [NDArray] {
    guard ndim > 0 else {
      throw TensorError(
        .valueError,
        "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.")
    }
    let found = nonzeroFlatIndices()
    var result: [NDArray] = []
    for _ in 0..<ndim { result.append(try NDArray(uninitialized: [found.count], dtype: .int64)) }
    let pointers = result.map { $0.pointer(Int64.self) }
    for (i, flat) in found.enumerated() {
      var rest = flat
      for axis in stride(from: ndim - 1, through: 0, by: -1) {
        pointers[axis][i] = Int64(rest % shape[axis])
        rest /= shape[axis]
      }
    }
    return result
  }

  /// `argwhere(a)`: the coordinates of the nonzero elements, one row each, shape (N, ndim).
  public func argwhere() throws(TensorError) -> NDArray {
    guard ndim > 0 else {
      return try NDArray.zeros([nonzeroFlatIndices().count, 0], dtype: .int64)
    }
    let columns = try nonzero()
    let n = columns[0].count
    let out = try NDArray(uninitialized: [n, ndim], dtype: .int64)
    let po = out.pointer(Int64.self)
    for (axis, column) in columns.enumerated() {
      let pc = column.pointer(Int64.self)
      for i in 0..<n { po[i * ndim + axis] = pc[i] }
    }
    return out
  }

  /// `flatnonzero(a)`: the indices of the nonzero elements of the flattened array.
  public func flatNonzero() throws(TensorError) -> NDArray {
    let found = nonzeroFlatIndices()
    return try NDArray(shape: [found.count], ints: found.map { Int64($0) })
  }

  /// `unravel_index(indices, shape)`: the coordinates in an array of `shape` of each flat index
  /// in `indices`, one int64 array per axis, in C or Fortran order.
  public static func unravelIndex(
    _ indices: NDArray, shape: [Int], fortranOrder: Bool = false
  ) throws(TensorError)
    -> [NDArray]
  {
    guard indices.dtype != .float64 else { throw TensorError(.typeError, "only int indices permitted") }
    var size = 1
    for d in shape { size = size &* d }
    let flat = indices.elements(as: Int64.self)
    var result: [NDArray] = []
    for _ in shape { result.append(try NDArray(uninitialized: indices.shape, dtype: .int64)) }
    let pointers = result.map { $0.pointer(Int64.self) }
    let axes = fortranOrder ? Array(shape.indices) : shape.indices.reversed()
    for (i, index) in flat.enumerated() {
      guard index >= 0 && index < size else {
        throw TensorError(.valueError, "index \(index) is out of bounds for array with size \(size)")
      }
      var rest = Int(index)
      for axis in axes {
        pointers[axis][i] = Int64(rest % shape[axis])
        rest /= shape[axis]
      }
    }
    return result
  }

  /// How `ravel_multi_index` treats a coordinate outside its dimension.
  public enum ClipMode: Sendable {
    case raise, wrap, clip
  }

  /// `ravel_multi_index(coordinates, shape)`: the flat index of each coordinate tuple (the
  /// coordinate arrays broadcast together), in C or Fortran order.
  public static func ravelMultiIndex(
    _ coordinates: [NDArray], shape: [Int], modes: [ClipMode], fortranOrder: Bool = false
  ) throws(TensorError) -> NDArray {
    guard coordinates.count == shape.count else {
      throw TensorError(.valueError, "parameter multi_index must be a sequence of length \(shape.count)")
    }
    guard modes.count == 1 || modes.count == shape.count else {
      throw TensorError(.valueError, "mode must be a single clipmode or a sequence of length \(shape.count)")
    }
    guard !shape.contains(0) else {
      throw TensorError(.valueError, "cannot unravel if shape has zero entries (is empty).")
    }
    var steps = [Int](repeating: 1, count: shape.count)
    var step = 1
    for axis in (fortranOrder ? Array(shape.indices) : shape.indices.reversed()) {
      steps[axis] = step
      let (m, overflow) = step.multipliedReportingOverflow(by: shape[axis])
      guard !overflow, shape[axis] > 0 else {
        throw TensorError(
          .valueError, "invalid dims: array size defined by dims is larger than the maximum possible size.")
      }
      step = m
    }
    for c in coordinates where c.dtype == .float64 { throw TensorError(.typeError, "only int indices permitted") }
    let outShape = try Layout.broadcastShape(coordinates.map(\.shape))
    let out = try NDArray.zeros(outShape, dtype: .int64)
    let po = out.pointer(Int64.self)
    for (axis, c) in coordinates.enumerated() {
      let values = try c.broadcast(to: outShape).elements(as: Int64.self)
      let d = Int64(shape[axis])
      let mode = modes[modes.count == 1 ? 0 : axis]
      for (i, v) in values.enumerated() {
        var x = v
        if x < 0 || x >= d {
          switch mode {
          case .raise: throw TensorError(.valueError, "invalid entry in coordinates array")
          case .wrap: x = ((x % d) + d) % d
          case .clip: x = x < 0 ? 0 : d - 1
          }
        }
        po[i] += x * Int64(steps[axis])
      }
    }
    return out
  }
}

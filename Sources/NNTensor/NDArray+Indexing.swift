/// A Python slice's three optional parts.
public struct IndexSlice: Sendable, Equatable {
  public var start: Int?, stop: Int?, step: Int?
  public init(start: Int?, stop: Int?, step: Int?) {
    self.start = start
    self.stop = stop
    self.step = step
  }

  /// Python's `slice.indices(count)`: clamped start, stop and step.
  public func resolved(count: Int) throws(TensorError) -> (start: Int, stop: Int, step: Int) {
    let step = self.step ?? 1
    guard step != 0 else { throw TensorError(.valueError, "slice step cannot be zero") }
    func clamp(_ v: Int?, _ defaultValue: Int) -> Int {
      guard var v else { return defaultValue }
      if v < 0 { v += count }
      return step > 0 ? Swift.min(Swift.max(v, 0), count) : Swift.min(Swift.max(v, -1), count - 1)
    }
    return (clamp(start, step > 0 ? 0 : count - 1), clamp(stop, step > 0 ? count : -1), step)
  }

  func length(count: Int) throws(TensorError) -> (start: Int, length: Int, step: Int) {
    let (a, b, s) = try resolved(count: count)
    let n = s > 0 ? (b > a ? (b - a + s - 1) / s : 0) : (a > b ? (a - b - s - 1) / -s : 0)
    return (a, n, s)
  }
}

/// One component of an array subscript.
public enum ArrayIndex {
  case single(Int)
  case slice(IndexSlice)
  case newAxis
  case ellipsis
  /// A boolean mask or integer index array (fancy indexing).
  case array(NDArray)
}

extension NDArray {
  /// `a[...]` with integers, slices, newaxis and Ellipsis: a view. Index arrays come with the
  /// tensor-core issue's fancy indexing.
  public func subscripted(_ indices: [ArrayIndex]) throws(TensorError) -> NDArray {
    var expanded: [ArrayIndex] = []
    let consuming = indices.filter {
      if case .newAxis = $0 { false } else if case .ellipsis = $0 { false } else { true }
    }.count
    guard consuming <= ndim else {
      throw TensorError(
        .indexError, "too many indices for array: array is \(ndim)-dimensional, but \(consuming) were indexed")
    }
    var sawEllipsis = false
    for index in indices {
      if case .ellipsis = index {
        if sawEllipsis { throw TensorError(.indexError, "an index can only have a single ellipsis ('...')") }
        sawEllipsis = true
        expanded += Array(repeating: .slice(IndexSlice(start: nil, stop: nil, step: nil)), count: ndim - consuming)
      } else {
        expanded.append(index)
      }
    }
    var newShape: [Int] = []
    var newStrides: [Int] = []
    var o = offset
    var axis = 0
    for index in expanded {
      switch index {
      case .single(let i):
        let n = shape[axis]
        let k = i < 0 ? i + n : i
        guard k >= 0 && k < n else { throw TensorError.indexOutOfBounds(i, axis: axis, size: n) }
        o += k * strides[axis]
        axis += 1
      case .slice(let s):
        let (start, length, step) = try s.length(count: shape[axis])
        if length > 0 { o += start * strides[axis] }
        newShape.append(length)
        newStrides.append(strides[axis] * step)
        axis += 1
      case .newAxis:
        newShape.append(1)
        newStrides.append(0)
      case .ellipsis:
        break
      case .array:
        throw TensorError(.indexError, "indexing with arrays is not supported yet")
      }
    }
    newShape += shape[axis...]
    newStrides += strides[axis...]
    return view(shape: newShape, strides: newStrides, offset: o)
  }

  /// `a[...] = value`: writes the broadcast value through the view the subscript selects.
  public func assign(_ indices: [ArrayIndex], _ value: NDArray) throws(TensorError) {
    let target = try subscripted(indices)
    guard target.isWritable else { throw TensorError(.valueError, "assignment destination is read-only") }
    let source = value.sharesStorage(with: self) ? value.copy() : value
    let stretched = try source.broadcast(to: target.shape).astype(target.dtype)
    stretched.castStrided(into: target)
  }

  /// Copies elements into a same-shaped view, walking both in C order.
  func castStrided(into out: NDArray) {
    let sa = strides
    let sb = out.strides
    let size = dtype.itemSize
    let src = storage.raw
    let dst = out.storage.raw
    Layout.forEachOffset3(shape, sa, offset, sb, out.offset, sb, out.offset) { i, j, _ in
      (dst + j * size).copyMemory(from: src + i * size, byteCount: size)
    }
  }
}

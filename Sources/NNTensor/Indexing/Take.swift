/// `np.take`, `np.put` and their along-axis forms: indexing by function, built on the same
/// gather as `a[...]`.

/// What `take`/`put` do with an index out of range (NumPy's `mode=`).
public enum ClipMode: String, Sendable {
  /// Raise IndexError.
  case raise
  /// Count modulo the axis length.
  case wrap
  /// Use the nearest end.
  case clip
}

extension NDArray {
  /// `np.take(a, indices, axis, mode)`: the elements at `indices` (int64) along `axis`, or
  /// along the flattened array when `axis` is nil; shape `a.shape[:axis] + indices.shape +
  /// a.shape[axis+1:]`.
  public func take(_ indices: NDArray, axis: Int?, mode: NNTensor.ClipMode = .raise) throws(TensorError) -> NDArray {
    // NumPy casts the indices to integers unsafely: 1.5 takes element 1.
    let indices = indices.astype(.int64)
    let source = axis == nil ? try reshaped([count]) : self
    let ax = try Layout.axis(axis ?? 0, ndim: source.ndim)
    let n = source.shape[ax]
    guard n > 0 || indices.count == 0 else {
      throw TensorError(.indexError, "cannot do a non-empty take from an empty axes.")
    }
    let gather = try Gather(
      base: source.offset, outer: (Array(source.shape[..<ax]), Array(source.strides[..<ax])),
      indices: indices.clipped(mode, size: n), stride: source.strides[ax], size: n, axis: ax,
      inner: (Array(source.shape[(ax + 1)...]), Array(source.strides[(ax + 1)...])), dtype: dtype)
    return try gather.read(source)
  }

  /// `np.put(a, indices, values, mode)`: writes `values` (repeated as needed) at the flat
  /// C-order positions `indices`, in order, so a repeated index keeps the last value.
  public func put(_ indices: NDArray, _ values: NDArray, mode: NNTensor.ClipMode = .raise) throws(TensorError) {
    guard count > 0 || indices.count == 0 else {
      throw TensorError(.indexError, "cannot replace elements of an empty array")
    }
    if indices.count == 0 || values.count == 0 { return }
    let indices = indices.astype(.int64)
    let positions = indices.clipped(mode, size: count).contiguous()
    let source = (values.sharesStorage(with: self) ? values.copy() : values).astype(dtype).contiguous()
    let p = positions.pointer(Int64.self) + positions.offset
    let n = Int64(count)
    for k in 0..<positions.count {
      let v = p[k]
      let i = v < 0 ? v + n : v
      // NumPy writes as it goes: the values before a bad index stay written.
      guard i >= 0 && i < n else { throw TensorError.indexOutOfBounds(Int(v), axis: 0, size: count) }
      let o = isContiguous ? offset + Int(i) : offsetOf(flat: Int(i))
      setScalar(source.scalar(atOffset: source.offset + k % source.count), atOffset: o)
    }
  }

  /// `np.take_along_axis(a, indices, axis)`: picks along `axis` with an index array of the
  /// same number of dimensions, the other axes matched position by position.
  public func takeAlongAxis(_ indices: NDArray, axis: Int?) throws(TensorError) -> NDArray {
    let (target, index) = try alongAxisIndex(indices, axis: axis)
    return try target.subscripted(index)
  }

  /// `np.put_along_axis(a, indices, values, axis)`: the writing counterpart of
  /// `takeAlongAxis`.
  public func putAlongAxis(_ indices: NDArray, _ values: NDArray, axis: Int?) throws(TensorError) {
    let (target, index) = try alongAxisIndex(indices, axis: axis)
    try target.assign(index, values)
    // A flattened copy of a non-contiguous array is written back through it.
    if target !== self && !target.sharesStorage(with: self) {
      try fill(from: target.reshaped(shape), fromSequence: false)
    }
  }

  /// NumPy's `_make_along_axis_idx`: the index arrays, `arange(n)` along the other axes.
  private func alongAxisIndex(_ indices: NDArray, axis: Int?) throws(TensorError) -> (NDArray, [ArrayIndex]) {
    guard indices.dtype == .int64 else { throw TensorError(.indexError, "`indices` must be an integer array") }
    guard let axis else {
      guard indices.ndim == 1 else {
        throw TensorError(.valueError, "when axis=None, `indices` must have a single dimension.")
      }
      return (try reshaped([count]), [.array(indices)])
    }
    guard indices.ndim == ndim else {
      throw TensorError(.valueError, "`indices` and `arr` must have the same number of dimensions")
    }
    let ax = try Layout.axis(axis, ndim: ndim)
    var index: [ArrayIndex] = []
    for d in 0..<ndim {
      if d == ax {
        index.append(.array(indices))
      } else {
        var along = [Int](repeating: 1, count: ndim)
        along[d] = shape[d]
        index.append(.array(try NDArray(shape: along, ints: (0..<shape[d]).map { Int64($0) })))
      }
    }
    return (self, index)
  }

  /// Indices brought into range by `wrap` or `clip`; unchanged for `raise`.
  private func clipped(_ mode: NNTensor.ClipMode, size n: Int) -> NDArray {
    guard mode != .raise, n > 0, let out = try? NDArray(uninitialized: shape, dtype: .int64) else { return self }
    let p = pointer(Int64.self)
    let q = out.pointer(Int64.self)
    let m = Int64(n)
    var k = 0
    Layout.forEachOffset(shape, strides, offset) { o in
      let v = p[o]
      q[k] = mode == .wrap ? ((v % m) + m) % m : Swift.min(Swift.max(v, 0), m - 1)
      k += 1
    }
    return out
  }
}

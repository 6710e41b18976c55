extension NDArray {
  /// A C-contiguous copy with its own storage; MemoryError when memory cannot hold it (a
  /// broadcast view's copy can be far larger than the view's storage).
  public func copied() throws(TensorError) -> NDArray {
    let out = try NDArray(uninitialized: shape, dtype: dtype)
    cast(into: out)
    return out
  }

  /// This array as `dtype`: itself when it already is, else a converted copy; MemoryError
  /// when memory cannot hold it (a wider dtype takes more bytes).
  public func converted(to target: DType) throws(TensorError) -> NDArray {
    if target == dtype { return self }
    let out = try NDArray(uninitialized: shape, dtype: target)
    cast(into: out)
    return out
  }

  /// `copied()` for the kernels' own copies of arrays of ordinary size. User-facing copies
  /// (`x.copy()`, `x.astype(...)`, `np.array(x, dtype=...)`) go through the throwing forms.
  public func copy() -> NDArray {
    // swiftlint:disable:next force_try
    try! copied()
  }

  /// `converted(to:)` for the kernels' own conversions (see `copy()`).
  public func astype(_ target: DType) -> NDArray {
    if target == dtype { return self }
    // swiftlint:disable:next force_try
    return try! converted(to: target)
  }

  /// Writes this array's elements, converted, into `out` (same shape), in C order.
  func cast(into out: NDArray) {
    if dtype == out.dtype && isContiguous && out.isContiguous {
      (out.storage.raw + out.offset * dtype.itemSize).copyMemory(
        from: storage.raw + offset * dtype.itemSize, byteCount: count * dtype.itemSize)
      return
    }
    switch (dtype, out.dtype) {
    case (.float64, .float64): convert(into: out) { (x: Double) in x }
    case (.int64, .int64): convert(into: out) { (x: Int64) in x }
    case (.bool, .bool): convert(into: out) { (x: Bool) in x }
    case (.int64, .float64): convert(into: out) { (x: Int64) in Double(x) }
    case (.bool, .float64): convert(into: out) { (x: Bool) in x ? 1.0 : 0.0 }
    case (.bool, .int64): convert(into: out) { (x: Bool) -> Int64 in x ? 1 : 0 }
    case (.float64, .int64): convert(into: out) { (x: Double) in NDArray.truncatedInt(x) }
    case (.float64, .bool): convert(into: out) { (x: Double) in x != 0 }
    case (.int64, .bool): convert(into: out) { (x: Int64) in x != 0 }
    }
  }

  /// C's `(int64_t)x` as x86-64 computes it: truncation, and INT64_MIN where the value has no
  /// int64 (NaN, infinities, out of range), as NumPy's casts give.
  @inline(__always)
  static func truncatedInt(_ x: Double) -> Int64 {
    x > -9.223372036854775808e18 && x < 9.223372036854775808e18 ? Int64(x.rounded(.towardZero)) : .min
  }

  @inline(__always)
  private func convert<T, R>(into out: NDArray, _ f: (T) -> R) {
    let p = pointer(T.self)
    let po = out.pointer(R.self)
    if isContiguous && out.isContiguous {
      let x = p + offset
      let y = po + out.offset
      for i in 0..<count { y[i] = f(x[i]) }
      return
    }
    Layout.forEachOffset3(shape, strides, offset, out.strides, out.offset, out.strides, out.offset) { i, j, _ in
      po[j] = f(p[i])
    }
  }

  /// The storage offset of the element at a C-order flat index.
  func offsetOf(flat index: Int) -> Int {
    var rest = index
    var o = offset
    for axis in stride(from: ndim - 1, through: 0, by: -1) {
      let d = shape[axis]
      o += (rest % d) * strides[axis]
      rest /= d
    }
    return o
  }
}

extension NDArray {
  /// `np.copy(a)`: a gap-free copy in `a`'s memory order (NumPy's order='K'); a transposed
  /// array's copy is transposed too.
  public func copyPreservingLayout() throws(TensorError) -> NDArray {
    switch dtype {
    case .float64: try mapped(Double.self, .float64) { $0 }
    case .int64: try mapped(Int64.self, .int64) { $0 }
    case .bool: try mapped(Bool.self, .bool) { $0 }
    }
  }
}

/// Single elements: `a.item(...)` and `a.fill(value)`.
extension NDArray {
  /// `a.item(i)`: the element at a C-order flat index (negative counts from the end).
  public func item(flat index: Int) throws(TensorError) -> Scalar {
    let k = index < 0 ? index + count : index
    guard k >= 0 && k < count else {
      throw TensorError(.indexError, "index \(index) is out of bounds for size \(count)")
    }
    return scalar(atOffset: isContiguous ? offset + k : offsetOf(flat: k))
  }

  /// `a.item(i, j, ...)`: the element at one index per axis.
  public func item(at indices: [Int]) throws(TensorError) -> Scalar {
    guard indices.count == ndim else { throw TensorError(.valueError, "incorrect number of indices for array") }
    var o = offset
    for (axis, i) in indices.enumerated() {
      let n = shape[axis]
      let k = i < 0 ? i + n : i
      guard k >= 0 && k < n else { throw TensorError.indexOutOfBounds(i, axis: axis, size: n) }
      o += k * strides[axis]
    }
    return scalar(atOffset: o)
  }

  /// `a.fill(value)`: every element set to `value`, converted as Python converts it (a float
  /// into an int array truncates; NaN and infinity cannot).
  public func fill(_ value: Scalar) throws(TensorError) {
    guard isWritable else { throw TensorError(.valueError, "assignment destination is read-only") }
    let item = try NDArray.converted(value, to: dtype)
    let target = NDArray.zeroDimensional(item)
    let stretched = try target.broadcast(to: shape)
    copyElements(from: stretched)
  }

  /// One Python number as an element of `dtype`, with Python's errors for what `int()` refuses.
  static func converted(_ value: Scalar, to dtype: DType) throws(TensorError) -> Scalar {
    switch (value, dtype) {
    case (.float(let d), .int64):
      if d.isNaN { throw TensorError(.valueError, "cannot convert float NaN to integer") }
      if d.isInfinite { throw TensorError(.overflowError, "cannot convert float infinity to integer") }
      guard d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 else {
        throw TensorError(.overflowError, "Python int too large to convert to C long")
      }
      return .int(Int64(d.rounded(.towardZero)))
    case (.int, .int64): return value
    case (.bool(let b), .int64): return .int(b ? 1 : 0)
    case (_, .float64): return .float(value.doubleValue)
    case (_, .bool): return .bool(value.doubleValue != 0)
    }
  }

  /// A 0-d array holding `s`.
  static func zeroDimensional(_ s: Scalar) -> NDArray {
    switch s {
    case .bool(let b): .scalar(b)
    case .int(let i): .scalar(i)
    case .float(let d): .scalar(d)
    }
  }
}

/// Joining arrays: `concatenate`, `stack` and the `hstack` family built on them.
extension NDArray {
  /// `concatenate(arrays, axis)`: the arrays joined along an existing axis (flattened first
  /// when `axis` is nil), in their promoted dtype or `dtype` (cast by NumPy's 'same_kind' rule).
  public static func concatenate(
    _ arrays: [NDArray], axis: Int?, dtype: DType? = nil
  ) throws(TensorError)
    -> NDArray
  {
    guard let first = arrays.first else { throw TensorError(.valueError, "need at least one array to concatenate") }
    guard let axis else {
      return try concatenate(arrays.map { $0.raveled() }, axis: 0, dtype: dtype)
    }
    guard first.ndim > 0 else { throw TensorError(.valueError, "zero-dimensional arrays cannot be concatenated") }
    let ax = try Layout.axis(axis, ndim: first.ndim)
    var shape = first.shape
    for (i, a) in arrays.enumerated().dropFirst() {
      guard a.ndim == first.ndim else {
        throw TensorError(
          .valueError,
          "all the input arrays must have same number of dimensions, but the array at index 0 has \(first.ndim) dimension(s) and the array at index \(i) has \(a.ndim) dimension(s)"
        )
      }
      for d in 0..<first.ndim where d != ax && a.shape[d] != first.shape[d] {
        throw TensorError(
          .valueError,
          "all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at index \(i) has size \(a.shape[d])"
        )
      }
      let (total, overflow) = shape[ax].addingReportingOverflow(a.shape[ax])
      guard !overflow else { throw TensorError(.valueError, "array is too big.") }
      shape[ax] = total
    }
    let result = try joinedType(arrays, dtype)
    let out = try NDArray(uninitialized: shape, dtype: result)
    var start = 0
    for a in arrays {
      out.slab(axis: ax, start: start, length: a.shape[ax]).copyElements(from: a)
      start += a.shape[ax]
    }
    return out
  }

  /// The promoted dtype of the inputs, or the requested one if every input casts to it
  /// (same kind: bool → int → float, never back).
  private static func joinedType(_ arrays: [NDArray], _ dtype: DType?) throws(TensorError) -> DType {
    guard let dtype else { return arrays.map(\.dtype).max() ?? .float64 }
    for a in arrays where a.dtype > dtype {
      throw TensorError(
        .typeError,
        "Cannot cast array data from dtype('\(a.dtype)') to dtype('\(dtype)') according to the rule 'same_kind'")
    }
    return dtype
  }

  /// `stack(arrays, axis)`: same-shaped arrays joined along a new axis.
  public static func stack(_ arrays: [NDArray], axis: Int = 0, dtype: DType? = nil) throws(TensorError) -> NDArray {
    guard let first = arrays.first else { throw TensorError(.valueError, "need at least one array to stack") }
    for a in arrays where a.shape != first.shape {
      throw TensorError(.valueError, "all input arrays must have the same shape")
    }
    let ax = try Layout.axis(axis, ndim: first.ndim + 1)
    var expanded: [NDArray] = []
    for a in arrays { expanded.append(try a.expandedDims([ax])) }
    return try concatenate(expanded, axis: ax, dtype: dtype)
  }

  /// `hstack`: along the columns (the only axis of 1-D inputs).
  public static func hstack(_ arrays: [NDArray], dtype: DType? = nil) throws(TensorError) -> NDArray {
    let parts = arrays.map { $0.atLeast(1) }
    return try concatenate(parts, axis: parts.first?.ndim == 1 ? 0 : 1, dtype: dtype)
  }

  /// `vstack`: along the rows, 1-D inputs becoming rows.
  public static func vstack(_ arrays: [NDArray], dtype: DType? = nil) throws(TensorError) -> NDArray {
    try concatenate(arrays.map { $0.atLeast(2) }, axis: 0, dtype: dtype)
  }

  /// `dstack`: along the third axis.
  public static func dstack(_ arrays: [NDArray]) throws(TensorError) -> NDArray {
    try concatenate(arrays.map { $0.atLeast(3) }, axis: 2)
  }

  /// `column_stack`: 1-D inputs as columns, 2-D inputs as they are, side by side.
  public static func columnStack(_ arrays: [NDArray]) throws(TensorError) -> NDArray {
    try concatenate(arrays.map { $0.ndim < 2 ? $0.atLeast(2).transposed() : $0 }, axis: 1)
  }
}

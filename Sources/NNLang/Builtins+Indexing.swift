import NNTensor

/// `numpy` indexing functions: `take`, `put`, their along-axis forms, and `ix_`.
/// (`np.add.at` needs `np.add` as a ufunc value with attributes: not in this table.)
extension Builtins {
  nonisolated(unsafe) static let numpyIndexing: [Entry] = [
    (
      "take", "take(a, indices, axis=None, mode='raise'): the elements at indices, along axis or the flattened array",
      take
    ),
    ("put", "put(a, ind, v, mode='raise'): writes v (repeated as needed) at the flat positions ind", put),
    (
      "take_along_axis", "take_along_axis(arr, indices, axis=-1): picks along axis with an index array of arr's ndim",
      takeAlongAxis
    ),
    (
      "put_along_axis", "put_along_axis(arr, indices, values, axis): writes along axis at an index array of arr's ndim",
      putAlongAxis
    ),
    ("ix_", "ix_(*args): open-mesh index arrays, one per axis, for a[np.ix_(rows, cols)]", ix),
  ]

  static func take(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "indices", "axis", "out", "mode"], function: "take")
    let x = try Operators.tensorOperand(try a.required(0, "a", function: "take"))
    let indices = try Operators.tensorOperand(try a.required(1, "indices", function: "take"))
    let axis = try a.optionalInt(2, "axis")
    let mode = try clipMode(a, 4)
    return Operators.wrap(
      try tensor { () throws(TensorError) in try x.take(indices, axis: axis, mode: mode) }, scalarResult: true)
  }

  static func put(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "ind", "v", "mode"], function: "put")
    let target = try a.required(0, "a", function: "put")
    guard case .array(let x) = target else {
      throw PyError("TypeError", "argument 1 must be numpy.ndarray, not <class '\(target.typeName)'>")
    }
    let indices = try Operators.tensorOperand(try a.required(1, "ind", function: "put"))
    let values = try Indexing.assigned(try a.required(2, "v", function: "put"), into: x.dtype, element: false).array
    let mode = try clipMode(a, 3)
    try tensor { () throws(TensorError) in try x.put(indices, values, mode: mode) }
    return .none
  }

  static func takeAlongAxis(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["arr", "indices", "axis"], function: "take_along_axis")
    let x = try ndarray(try a.required(0, "arr", function: "take_along_axis"))
    let indices = try ndarray(try a.required(1, "indices", function: "take_along_axis"))
    // `axis=None` means the flattened array; leaving it out means the last axis.
    let axisValue = a.value(2, "axis")
    let axis = axisValue == nil ? -1 : try a.optionalInt(2, "axis")
    return .array(try tensor { () throws(TensorError) in try x.takeAlongAxis(indices, axis: axis) })
  }

  static func putAlongAxis(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["arr", "indices", "values", "axis"], function: "put_along_axis")
    let x = try ndarray(try a.required(0, "arr", function: "put_along_axis"))
    let indices = try ndarray(try a.required(1, "indices", function: "put_along_axis"))
    let values = try a.required(2, "values", function: "put_along_axis")
    _ = try a.required(3, "axis", function: "put_along_axis")
    let axis = try a.optionalInt(3, "axis")
    let v = try Indexing.assigned(values, into: x.dtype, element: false).array
    try tensor { () throws(TensorError) in try x.putAlongAxis(indices, v, axis: axis) }
    return .none
  }

  static func ix(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords([], function: "ix_")
    var out: [Value] = []
    let n = a.positional.count
    for (k, v) in a.positional.enumerated() {
      var x = try Operators.tensorOperand(v)
      if !v.isArray && x.count == 0 { x = x.astype(.int64) }
      guard x.ndim == 1 else { throw PyError("ValueError", "Cross index must be 1 dimensional") }
      if x.dtype == .bool {
        let mask = x
        x = try tensor { () throws(TensorError) in
          try NDArray.range(from: 0, by: 1, count: mask.count).subscripted([.array(mask)])
        }
      }
      var shape = [Int](repeating: 1, count: n)
      shape[k] = x.count
      let item = x
      out.append(.array(try tensor { () throws(TensorError) in try item.reshaped(shape) }))
    }
    return .tuple(out)
  }

  /// The along-axis functions read `.ndim` of their arguments, so they take arrays only.
  private static func ndarray(_ v: Value) throws(PyError) -> NDArray {
    guard case .array(let x) = v else {
      throw PyError("AttributeError", "'\(v.typeName)' object has no attribute 'ndim'")
    }
    return x
  }

  private static func clipMode(_ a: Arguments, _ index: Int) throws(PyError) -> ClipMode {
    guard let text = try a.string(index, "mode") else { return .raise }
    guard let mode = ClipMode(rawValue: text) else {
      throw PyError("ValueError", "clipmode must be one of 'clip', 'raise', or 'wrap' (got \(Repr.quoted(text)))")
    }
    return mode
  }
}

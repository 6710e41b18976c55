import NNTensor

/// NumPy's products beyond `dot` and `matmul`, and `trace`.
extension Builtins {
  nonisolated(unsafe) static let numpyProducts: [Entry] = [
    (
      "outer", "outer(a, b): every element of a times every element of b",
      { (a) throws(PyError) -> Value in
        try bind(a, "outer", ["a", "b"], required: 2)
        let (x, y) = (try a.array(0, "a"), try a.array(1, "b"))
        return .array(try tensor { () throws(TensorError) in try NDArray.outer(x, y) })
      }
    ),
    (
      "inner", "inner(a, b): sum of products over the last axes",
      { (a) throws(PyError) -> Value in
        try bind(a, "inner", ["a", "b"], required: 2, positionalOnly: 2)
        let (x, y) = (try a.array(0, "a"), try a.array(1, "b"))
        return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.inner(x, y) }, scalarResult: true)
      }
    ),
    (
      "vdot", "vdot(a, b): the dot product of the flattened arrays",
      { (a) throws(PyError) -> Value in
        try bind(a, "vdot", ["a", "b"], required: 2, positionalOnly: 2)
        let (x, y) = (try a.array(0, "a"), try a.array(1, "b"))
        return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.vdot(x, y) }, scalarResult: true)
      }
    ),
    ("tensordot", "tensordot(a, b, axes=2): sum of products over the given axes", tensordot),
    (
      "trace", "trace(a, offset=0, axis1=0, axis2=1, dtype=None): the sum along a diagonal",
      { (a) throws(PyError) -> Value in
        try bind(a, "trace", ["a", "offset", "axis1", "axis2", "dtype", "out"], required: 1)
        if a.given(5, "out") != nil { throw PyError("TypeError", "trace(): out= is not supported by nn") }
        let x = try a.array(0, "a")
        let offset = try a.int(1, "offset", default: 0)
        let axis1 = try a.int(2, "axis1", default: 0)
        let axis2 = try a.int(3, "axis2", default: 1)
        let dtype = try a.dtype(4)
        return Operators.wrap(
          try tensor { () throws(TensorError) in
            try x.trace(offset: offset, axis1: axis1, axis2: axis2, dtype: dtype)
          }, scalarResult: true)
      }
    ),
  ]

  /// `tensordot`: `axes` is an int or a pair of axis lists (or single axes). Unlike `dot`,
  /// NumPy returns a 0-d array, not a scalar, for a full contraction.
  static func tensordot(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "tensordot", ["a", "b", "axes"], required: 2)
    let (x, y) = (try a.array(0, "a"), try a.array(1, "b"))
    let axes: TensorDotAxes
    switch a.given(2, "axes") {
    case nil: axes = .count(2)
    case .list(let l)?: axes = try axisPairs(l.items)
    case .tuple(let t)?: axes = try axisPairs(t)
    case let v?: axes = .count(Int(try Operators.integer(v)))
    }
    return .array(try tensor { () throws(TensorError) in try NDArray.tensordot(x, y, axes: axes) })
  }

  private static func axisPairs(_ items: [Value]) throws(PyError) -> TensorDotAxes {
    guard items.count == 2 else {
      throw PyError(
        "ValueError",
        items.count < 2
          ? "not enough values to unpack (expected 2, got \(items.count))" : "too many values to unpack (expected 2)")
    }
    var lists: [[Int]] = []
    for item in items {
      switch item {
      case .list(let l): lists.append(try l.items.map { (v) throws(PyError) in Int(try Operators.integer(v)) })
      case .tuple(let t): lists.append(try t.map { (v) throws(PyError) in Int(try Operators.integer(v)) })
      default: lists.append([Int(try Operators.integer(item))])
      }
    }
    return .pairs(lists[0], lists[1])
  }
}

import NNTensor

/// The methods of NumPy's binary ufuncs: `np.add.at`, `np.add.outer`, `np.maximum.reduce`,
/// `np.add.accumulate`, ...
extension Builtins {
  static let ufuncMethodNames: Set<String> = ["at", "outer", "reduce", "accumulate"]

  /// `np.<ufunc>.<name>` when `b` is one of numpy's binary ufuncs.
  static func ufuncMethod(_ b: Builtin, _ name: String) -> Value? {
    guard ufuncMethodNames.contains(name), b.doc.hasPrefix("\(b.name)(x1, x2): NumPy's "),
      let op = binaryUfuncs.first(where: { $0.0 == b.name })?.1
    else { return nil }
    let ufunc = b.name
    let body: Function =
      switch name {
      case "outer": { (a) throws(PyError) -> Value in try ufuncOuter(op, a) }
      case "reduce": { (a) throws(PyError) -> Value in try ufuncReduce(op, ufunc, a) }
      case "accumulate": { (a) throws(PyError) -> Value in try ufuncAccumulate(op, a) }
      default: { (a) throws(PyError) -> Value in try ufuncAt(op, a) }
      }
    return .builtin(Builtin(name, doc: "\(ufunc).\(name)", body))
  }

  static func ufuncOuter(_ op: BinaryOperator, _ a: Arguments) throws(PyError) -> Value {
    try bind(a, "outer", ["A", "B"], required: 2, positionalOnly: 2)
    let (x, y) = (try a.array(0, "A"), try a.array(1, "B"))
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      let column = try x.reshaped(x.shape + Array(repeating: 1, count: y.ndim))
      return try NDArray.apply(op, column, y, warnings: &w)
    }
    return Operators.wrap(result, scalarResult: true)
  }

  /// `reduce(array, axis=0, keepdims=False)`: the sum, product, max, min, all or any where
  /// the ufunc is one of those (NumPy's pairwise sums included), else a left fold.
  static func ufuncReduce(_ op: BinaryOperator, _ ufunc: String, _ a: Arguments) throws(PyError) -> Value {
    try bind(a, "reduce", ["array", "axis", "dtype", "out", "keepdims"], required: 1)
    var x = try a.array(0, "array")
    let keep = try a.bool(4, "keepdims", default: false)
    var axes: [Int]? = [0]
    if let v = a.value(1, "axis") { axes = try Builtins.axes(v.isNone ? nil : v) }
    if x.ndim == 0 { throw PyError(tensor: TensorError.axisOutOfBounds(0, ndim: 0)) }
    let known: [BinaryOperator: Reduction] = [
      .add: .sum, .multiply: .prod, .maximum: .max, .minimum: .min, .logicalAnd: .all, .logicalOr: .any,
    ]
    if let reduction = known[op] {
      let result = try warning(a) { (w) throws(TensorError) -> NDArray in
        try x.reduce(reduction, axes: axes, keepDims: keep, dtype: nil, warnings: &w)
      }
      return Operators.wrap(result, scalarResult: true)
    }
    guard let axisList = axes, axisList.count == 1, !keep else {
      throw PyError("TypeError", "nn's \(ufunc).reduce takes one axis and no keepdims")
    }
    let axis = axisList[0] < 0 ? axisList[0] + x.ndim : axisList[0]
    guard axis >= 0 && axis < x.ndim else {
      throw PyError(tensor: TensorError.axisOutOfBounds(axisList[0], ndim: x.ndim))
    }
    x = try tensor { () throws(TensorError) in try x.swappedAxes(0, axis) }
    guard x.shape[0] > 0 else {
      throw PyError("ValueError", "zero-size array to reduction operation \(ufunc) which has no identity")
    }
    var result = try Operators.tensorOperand(try Indexing.read(x, .int(0)))
    for i in 1..<x.shape[0] {
      let item = try Operators.tensorOperand(try Indexing.read(x, .int(Int64(i))))
      let previous = result
      result = try warning(a) { (w) throws(TensorError) -> NDArray in
        try NDArray.apply(op, previous, item, warnings: &w)
      }
    }
    return Operators.wrap(result, scalarResult: true)
  }

  /// `accumulate(array, axis=0)`: running results along an axis.
  static func ufuncAccumulate(_ op: BinaryOperator, _ a: Arguments) throws(PyError) -> Value {
    try bind(a, "accumulate", ["array", "axis", "dtype", "out"], required: 1)
    let x = try a.array(0, "array")
    let axis = try a.int(1, "axis", default: 0)
    if op == .add || op == .multiply {
      return .array(
        try warning(a) { (w) throws(TensorError) -> NDArray in
          try x.accumulate(product: op == .multiply, axis: axis, warnings: &w)
        })
    }
    guard x.ndim >= 1 else { throw PyError("TypeError", "cannot accumulate on a scalar") }
    let moved = try tensor { () throws(TensorError) in try x.swappedAxes(0, axis) }
    var items: [NDArray] = []
    for i in 0..<moved.shape[0] {
      let item = try Operators.tensorOperand(try Indexing.read(moved, .int(Int64(i))))
      items.append(
        try items.last.map { (previous) throws(PyError) -> NDArray in
          try warning(a) { (w) throws(TensorError) -> NDArray in try NDArray.apply(op, previous, item, warnings: &w) }
        } ?? item.copy())
    }
    guard !items.isEmpty else { return .array(x.copy()) }
    let stacked = try tensor { () throws(TensorError) in try NDArray.stack(items, axis: 0).swappedAxes(0, axis) }
    return .array(stacked.copy())
  }

  /// `at(a, indices, b)`: `a[indices] op= b`, unbuffered, so repeated indices accumulate.
  static func ufuncAt(_ op: BinaryOperator, _ a: Arguments) throws(PyError) -> Value {
    try bind(a, "at", ["a", "indices", "b"], required: 2, positionalOnly: 3)
    guard case .array(let target) = try a.required(0, "a") else {
      throw PyError("TypeError", "at() argument 1 must be numpy.ndarray")
    }
    let indexValue = try a.required(1, "indices")
    // One integer index array (into the first axis), or a tuple of them (one per axis).
    let parts: [NDArray]
    if case .tuple(let items) = indexValue {
      var arrays: [NDArray] = []
      for item in items { arrays.append(try Operators.tensorOperand(item)) }
      parts = arrays
    } else {
      parts = [try Operators.tensorOperand(indexValue)]
    }
    for p in parts where p.dtype == .float64 {
      throw PyError("IndexError", "arrays used as indices must be of integer (or boolean) type")
    }
    let shape = try tensor { () throws(TensorError) in try Layout.broadcastShape(parts.map(\.shape)) }
    let columns = try parts.map { (p) throws(PyError) -> [Scalar] in
      try tensor { () throws(TensorError) in try p.broadcast(to: shape).scalars }
    }
    let count = shape.reduce(1, *)
    let rest = Array(target.shape.dropFirst(parts.count))
    let values: NDArray? = try a.optionalArray(2, "b").map { (b) throws(PyError) -> NDArray in
      try tensor { () throws(TensorError) in try b.broadcast(to: shape + rest) }
    }
    if values == nil {
      throw PyError("ValueError", "second operand needed for ufunc")
    }
    for k in 0..<count {
      let index: Value =
        parts.count == 1
        ? .int(Int64(columns[0][k].doubleValue))
        : .tuple(columns.map { .int(Int64($0[k].doubleValue)) })
      let current = try Operators.tensorOperand(try Operators.getItem(.array(target), index))
      let operand = try tensor { () throws(TensorError) -> NDArray in
        guard let values else { return current }
        return try values.reshaped([count] + rest).item(row: k)
      }
      let updated = try warning(a) { (w) throws(TensorError) -> NDArray in
        try NDArray.apply(op, current, operand, warnings: &w)
      }
      try Operators.setItem(.array(target), index, .array(updated))
    }
    return .none
  }
}

extension NDArray {
  /// Row `k` of the first axis, as a view.
  fileprivate func item(row k: Int) throws(TensorError) -> NDArray {
    let rest = Array(shape.dropFirst())
    let restStrides = Array(strides.dropFirst())
    return view(shape: rest, strides: restStrides, offset: offset + k * strides[0])
  }
}

import NNTensor

/// Small array utilities tutorials reach for: `rot90`, `rollaxis`, `kron`, `array_equiv`,
/// `isscalar`, `fix`, `divmod`, `float_power`, `select`.
extension Builtins {
  nonisolated(unsafe) static let numpyArrange: [Entry] = [
    ("rot90", "rot90(m, k=1, axes=(0, 1)): m rotated by 90 degrees k times", rot90),
    ("rollaxis", "rollaxis(a, axis, start=0): axis moved to before start", rollaxis),
    ("kron", "kron(a, b): the Kronecker product", kron),
    ("array_equiv", "array_equiv(a1, a2): whether the arrays are equal after broadcasting", arrayEquiv),
    ("isscalar", "isscalar(element): whether element is a scalar (not an array or list)", isscalar),
    (
      "fix", "fix(x): round toward zero",
      { (a) throws(PyError) -> Value in
        try bind(a, "fix", ["x", "out"], required: 1)
        let x = try a.array(0, "x")
        return Operators.wrap(try tensor { () throws(TensorError) in try x.map(.trunc) }, scalarResult: true)
      }
    ),
    (
      "divmod", "divmod(x1, x2): (floor_divide, remainder)",
      { (a) throws(PyError) -> Value in
        try bind(a, "divmod", ["x1", "x2"], required: 2, positionalOnly: 2)
        let (x, y) = (try a.array(0, "x1"), try a.array(1, "x2"))
        let (q, r) = try warning(a) { (w) throws(TensorError) -> (NDArray, NDArray) in
          (try NDArray.apply(.floorDivide, x, y, warnings: &w), try NDArray.apply(.remainder, x, y, warnings: &w))
        }
        return .tuple([Operators.wrap(q, scalarResult: true), Operators.wrap(r, scalarResult: true)])
      }
    ),
    (
      "float_power", "float_power(x1, x2): x1 ** x2 in float64",
      { (a) throws(PyError) -> Value in
        try bind(a, "float_power", ["x1", "x2"], required: 2, positionalOnly: 2)
        let (x, y) = (try a.array(0, "x1").astype(.float64), try a.array(1, "x2").astype(.float64))
        return Operators.wrap(
          try warning(a) { (w) throws(TensorError) -> NDArray in try NDArray.apply(.power, x, y, warnings: &w) },
          scalarResult: true)
      }
    ),
    (
      "select", "select(condlist, choicelist, default=0): from each choice where its condition first holds",
      selectChoices
    ),
  ]

  static func rot90(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "rot90", ["m", "k", "axes"], required: 1)
    let m = try a.array(0, "m")
    var axes = [0, 1]
    if let v = a.given(2, "axes") {
      axes = try Operators.iterate(v).map { (x) throws(PyError) -> Int in Int(try Operators.integer(x)) }
    }
    guard axes.count == 2 else { throw PyError("ValueError", "len(axes) must be 2.") }
    guard m.ndim >= 2 else { throw PyError("ValueError", "Axes must be different.") }
    let (a0, a1) = (axes[0] < 0 ? axes[0] + m.ndim : axes[0], axes[1] < 0 ? axes[1] + m.ndim : axes[1])
    guard a0 != a1 else { throw PyError("ValueError", "Axes must be different.") }
    guard a0 >= 0, a0 < m.ndim, a1 >= 0, a1 < m.ndim else {
      throw PyError("ValueError", "Axes=(\(axes[0]), \(axes[1])) out of range for array of ndim=\(m.ndim).")
    }
    let k = ((try a.int(1, "k", default: 1)) % 4 + 4) % 4
    let result = try tensor { () throws(TensorError) -> NDArray in
      switch k {
      case 0: return m.view(shape: m.shape, strides: m.strides, offset: m.offset)
      case 2: return try m.flipped([a0]).flipped([a1])
      default:
        var order = Array(0..<m.ndim)
        order.swapAt(a0, a1)
        // k == 1: flip axis 1 then transpose; k == 3: transpose then flip axis 1.
        return k == 1 ? try m.flipped([a1]).transposed(order) : try m.transposed(order).flipped([a1])
      }
    }
    return .array(result)
  }

  static func rollaxis(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "rollaxis", ["a", "axis", "start"], required: 2)
    let x = try a.array(0, "a")
    let n = x.ndim
    var axis = try a.int(1, "axis", default: 0)
    var start = try a.int(2, "start", default: 0)
    if axis < 0 { axis += n }
    guard axis >= 0 && axis < n else {
      throw PyError(tensor: TensorError.axisOutOfBounds(axis < 0 ? axis - n : axis, ndim: n))
    }
    if start < 0 { start += n }
    guard start >= 0 && start <= n else {
      throw PyError("AxisError", "'start' arg requires \(-n) <= start < \(n + 1), but \(start) was passed in")
    }
    if axis < start { start -= 1 }
    if axis == start { return .array(x.view(shape: x.shape, strides: x.strides, offset: x.offset)) }
    var order = Array(0..<n)
    order.remove(at: axis)
    order.insert(axis, at: start)
    return .array(try tensor { () throws(TensorError) in try x.transposed(order) })
  }

  static func kron(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "kron", ["a", "b"], required: 2)
    let (x, y) = (try a.array(0, "a"), try a.array(1, "b"))
    let nd = max(x.ndim, y.ndim)
    let xs = Array(repeating: 1, count: nd - x.ndim) + x.shape
    let ys = Array(repeating: 1, count: nd - y.ndim) + y.shape
    // a[i, None, j, None] * b[None, k, None, l], reshaped to (i*k, j*l).
    var xShape: [Int] = []
    var yShape: [Int] = []
    for d in 0..<nd {
      xShape += [xs[d], 1]
      yShape += [1, ys[d]]
    }
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      let product = try NDArray.apply(.multiply, try x.reshaped(xShape), try y.reshaped(yShape), warnings: &w)
      return try product.reshaped((0..<nd).map { xs[$0] * ys[$0] })
    }
    return .array(result)
  }

  static func arrayEquiv(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "array_equiv", ["a1", "a2"], required: 2)
    let (x, y) = (try a.array(0, "a1"), try a.array(1, "a2"))
    guard (try? Layout.broadcastShape([x.shape, y.shape])) != nil else { return .bool(false) }
    let equal = try tensor { () throws(TensorError) in try NDArray.apply(.equal, x, y).reduce(.all, axes: nil) }
    return .bool(equal.item == .bool(true))
  }

  static func isscalar(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "isscalar", ["element"], required: 1)
    switch try a.required(0, "element") {
    case .int, .float, .bool, .scalar, .str: return .bool(true)
    default: return .bool(false)
    }
  }

  static func selectChoices(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "select", ["condlist", "choicelist", "default"], required: 2)
    let conditions = try arrayList(try a.required(0, "condlist"))
    let choices = try arrayList(try a.required(1, "choicelist"))
    guard conditions.count == choices.count else {
      throw PyError("ValueError", "list of cases must be same length as list of conditions")
    }
    guard !choices.isEmpty else { throw PyError("ValueError", "select with an empty condition list is not possible") }
    for (i, c) in conditions.enumerated() where c.dtype != .bool {
      throw PyError("TypeError", "invalid entry \(i) in condlist: should be boolean ndarray")
    }
    var result = try a.optionalArray(2, "default") ?? .scalar(Int64(0))
    let dtype = choices.map(\.dtype).max() ?? .int64
    let common = max(dtype, result.dtype)
    result = result.astype(common)
    // Later conditions first, so the first that holds wins.
    for (c, x) in zip(conditions, choices).reversed() {
      let current = result
      result = try tensor { () throws(TensorError) in try NDArray.select(c, x.astype(common), current) }
    }
    return .array(result)
  }
}

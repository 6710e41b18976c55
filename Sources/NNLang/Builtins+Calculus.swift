import NNTensor

/// `np.trapezoid`, `np.gradient` (1-D), `np.ediff1d`, and the joining helpers `np.block`,
/// `np.broadcast_arrays`, `np.ascontiguousarray`.
extension Builtins {
  nonisolated(unsafe) static let numpyCalculus: [Entry] = [
    ("trapezoid", "trapezoid(y, x=None, dx=1.0, axis=-1): the integral by the trapezoidal rule", trapezoid),
    ("gradient", "gradient(f, varargs=1): central differences inside, one-sided at the ends (1-D in nn)", gradient),
    (
      "ediff1d", "ediff1d(ary): differences of consecutive elements of the flattened array",
      { (a) throws(PyError) -> Value in
        try bind(a, "ediff1d", ["ary", "to_end", "to_begin"], required: 1)
        let x = try a.array(0, "ary")
        let flat = try tensor { () throws(TensorError) in try x.reshaped([x.count]) }
        let tail = try Operators.getItem(.array(flat), .slice(.int(1), nil, nil))
        let head = try Operators.getItem(.array(flat), .slice(nil, .int(-1), nil))
        return try Operators.binary(.sub, tail, head)
      }
    ),
    ("block", "block(arrays): an array assembled from nested lists of blocks", block),
    (
      "broadcast_arrays", "broadcast_arrays(*args): the arrays broadcast against each other (views)",
      { (a) throws(PyError) -> Value in
        var arrays: [NDArray] = []
        for v in a.positional { arrays.append(try Operators.tensorOperand(v)) }
        let shape = try tensor { () throws(TensorError) in try Layout.broadcastShape(arrays.map(\.shape)) }
        var out: [Value] = []
        for x in arrays {
          out.append(.array(try tensor { () throws(TensorError) in try x.broadcast(to: shape, readOnly: true) }))
        }
        return .tuple(out)
      }
    ),
    (
      "ascontiguousarray", "ascontiguousarray(a, dtype=None): a C-contiguous array (a itself when it is one)",
      { (a) throws(PyError) -> Value in
        try bind(a, "ascontiguousarray", ["a", "dtype"], required: 1)
        let v = try a.required(0, "a")
        var x = try Operators.tensorOperand(v)
        if let dtype = try a.dtype(1), dtype != x.dtype { x = x.astype(dtype) }
        if case .array(let original) = v, original === x, x.isContiguous { return v }
        return .array(x.ndim == 0 ? try tensor { () throws(TensorError) in try x.copy().reshaped([1]) } : x.copy())
      }
    ),
  ]

  static func trapezoid(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "trapezoid", ["y", "x", "dx", "axis"], required: 1)
    let y = try a.array(0, "y")
    guard y.ndim >= 1 else { throw PyError("IndexError", "list assignment index out of range") }
    let axis = try a.int(3, "axis", default: -1)
    func along(_ v: Value, _ s: Value) throws(PyError) -> Value {
      let nd = (try Operators.tensorOperand(v)).ndim
      let k = axis < 0 ? axis + nd : axis
      var index: [Value] = Array(repeating: .slice(nil, nil, nil), count: nd)
      if k >= 0 && k < nd { index[k] = s }
      return try Operators.getItem(v, .tuple(index))
    }
    let upper = Value.slice(.int(1), nil, nil)
    let lower = Value.slice(nil, .int(-1), nil)
    var d: Value = .float(try a.double(2, "dx", default: 1))
    if let x = try a.optionalArray(1, "x") {
      let diffs = try Operators.binary(.sub, try along(.array(x), upper), try along(.array(x), lower))
      d = diffs
    }
    let sums = try Operators.binary(.add, try along(.array(y), upper), try along(.array(y), lower))
    let terms = try Operators.binary(.div, try Operators.binary(.mul, d, sums), .float(2))
    let t = try Operators.tensorOperand(terms)
    let k = axis < 0 ? axis + t.ndim : axis
    let total = try tensor { () throws(TensorError) in try t.reduce(.sum, axes: [k]) }
    return Operators.wrap(total, scalarResult: true)
  }

  static func gradient(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["edge_order", "axis"], function: "gradient")
    let f = try a.array(0, "f")
    guard f.ndim == 1 else { throw PyError("TypeError", "nn's gradient takes a 1-D array") }
    let h = a.positional.count > 1 ? try Operators.number(a.positional[1]) : 1.0
    let n = f.count
    guard n >= 2 else {
      throw PyError(
        "ValueError",
        "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.")
    }
    let v = f.doubles
    var out = [Double](repeating: 0, count: n)
    for i in 1..<(n - 1) { out[i] = (v[i + 1] - v[i - 1]) / (2.0 * h) }
    out[0] = (v[1] - v[0]) / h
    out[n - 1] = (v[n - 1] - v[n - 2]) / h
    return .array(try tensor { () throws(TensorError) in try NDArray(shape: [n], doubles: out) })
  }

  /// `np.block`: the innermost lists join along the last axis, each level out along the one before.
  static func block(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "block", ["arrays"], required: 1)
    let value = try a.required(0, "arrays")
    func depth(_ v: Value) -> Int {
      if case .list(let l) = v, let first = l.items.first { return 1 + depth(first) }
      return 0
    }
    let levels = depth(value)
    func leaves(_ v: Value) throws(PyError) -> Int {
      if case .list(let l) = v {
        var m = 0
        for item in l.items { m = max(m, try leaves(item)) }
        return m
      }
      return try Operators.tensorOperand(v).ndim
    }
    let ndim = max(levels, try leaves(value))
    func assemble(_ v: Value, _ level: Int) throws(PyError) -> NDArray {
      guard case .list(let l) = v else {
        if case .tuple = v {
          throw PyError(
            "TypeError",
            "arrays is a tuple. Only lists can be used to arrange blocks, and np.block does not allow implicit conversion from tuple to ndarray."
          )
        }
        let x = try Operators.tensorOperand(v)
        return try tensor { () throws(TensorError) in
          try x.reshaped(Array(repeating: 1, count: ndim - x.ndim) + x.shape)
        }
      }
      guard !l.items.isEmpty else { throw PyError("ValueError", "List at arrays[0] cannot be empty") }
      var parts: [NDArray] = []
      for item in l.items { parts.append(try assemble(item, level + 1)) }
      let axis = -(levels - level)
      return try tensor { () throws(TensorError) in try NDArray.concatenate(parts, axis: axis) }
    }
    return .array(try assemble(value, 0))
  }
}

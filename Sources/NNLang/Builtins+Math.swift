import NNTensor

/// `numpy`'s elementwise functions: the ufuncs, rounding, clipping, selection, comparisons
/// with tolerance, and the floating-point error policy (`np.seterr`).
extension Builtins {
  static let unaryUfuncs: [(String, UnaryOperator)] = [
    ("negative", .negative), ("positive", .positive), ("absolute", .absolute), ("abs", .absolute),
    ("fabs", .fabs), ("square", .square), ("reciprocal", .reciprocal), ("sign", .sign),
    ("exp", .exp), ("exp2", .exp2), ("log", .log), ("log2", .log2), ("log10", .log10), ("log1p", .log1p),
    ("expm1", .expm1), ("sqrt", .sqrt), ("cbrt", .cbrt),
    ("sin", .sin), ("cos", .cos), ("tan", .tan), ("arcsin", .arcsin), ("arccos", .arccos), ("arctan", .arctan),
    ("sinh", .sinh), ("cosh", .cosh), ("tanh", .tanh), ("arcsinh", .arcsinh), ("arccosh", .arccosh),
    ("arctanh", .arctanh), ("deg2rad", .deg2rad), ("radians", .deg2rad), ("rad2deg", .rad2deg),
    ("degrees", .rad2deg), ("floor", .floor), ("ceil", .ceil), ("trunc", .trunc), ("rint", .rint),
    ("isnan", .isnan), ("isinf", .isinf), ("isfinite", .isfinite), ("signbit", .signbit),
    ("logical_not", .logicalNot), ("invert", .invert), ("bitwise_not", .invert), ("bitwise_invert", .invert),
  ]

  static let binaryUfuncs: [(String, BinaryOperator)] = [
    ("add", .add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide),
    ("true_divide", .divide), ("floor_divide", .floorDivide), ("remainder", .remainder), ("mod", .remainder),
    ("fmod", .fmod), ("power", .power), ("pow", .power), ("maximum", .maximum), ("minimum", .minimum),
    ("fmax", .fmax), ("fmin", .fmin), ("arctan2", .arctan2), ("hypot", .hypot), ("copysign", .copysign),
    ("greater", .greater), ("greater_equal", .greaterEqual), ("less", .less), ("less_equal", .lessEqual),
    ("equal", .equal), ("not_equal", .notEqual), ("logical_and", .logicalAnd), ("logical_or", .logicalOr),
    ("logical_xor", .logicalXor), ("bitwise_and", .bitwiseAnd), ("bitwise_or", .bitwiseOr),
    ("bitwise_xor", .bitwiseXor), ("left_shift", .leftShift), ("right_shift", .rightShift),
  ]

  nonisolated(unsafe) static let numpyMath: [Entry] =
    unaryUfuncs.map { (name, op) in
      (
        name, "\(name)(x): NumPy's \(op.rawValue), elementwise",
        { (a) throws(PyError) -> Value in try unary(op, a, name) }
      )
    }
    + binaryUfuncs.map { (name, op) in
      (
        name, "\(name)(x1, x2): NumPy's \(op.rawValue), elementwise with broadcasting",
        { (a) throws(PyError) -> Value in try binary(op, a, name) }
      )
    } + [
      (
        "round", "round(a, decimals=0): round half to even at the given decimals",
        { (a) throws(PyError) -> Value in try round(a, "round") }
      ),
      (
        "around", "around(a, decimals=0): round half to even at the given decimals",
        { (a) throws(PyError) -> Value in try round(a, "around") }
      ),
      ("clip", "clip(a, a_min, a_max): limit the values to [a_min, a_max]", clip),
      (
        "where", "where(condition, x, y): x where condition holds, else y; where(condition): nonzero(condition)", select
      ),
      ("diff", "diff(a, n=1, axis=-1): n-th differences along an axis", diff),
      (
        "isclose", "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False): elementwise equality within a tolerance",
        isclose
      ),
      ("allclose", "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False): whether all elements are close", allclose),
      ("array_equal", "array_equal(a1, a2, equal_nan=False): same shape and elements", arrayEqual),
      (
        "seterr",
        "seterr(all=None, divide=None, over=None, under=None, invalid=None): set the floating-point error policy",
        seterr
      ),
      (
        "geterr", "geterr(): the floating-point error policy",
        { (a) throws(PyError) -> Value in policyDict(a.interpreter.floatingPointPolicy) }
      ),
    ]

  nonisolated(unsafe) static let arrayMathMethods: [String: Method] = [
    "round": { (x, a) throws(PyError) -> Value in
      try a.checkKeywords(["decimals", "out"], function: "round")
      return try rounded(x, decimals: a.int(0, "decimals", default: 0), a)
    },
    "clip": { (x, a) throws(PyError) -> Value in
      try a.checkKeywords(["min", "max", "out"], function: "clip")
      return try clipped(x, a.optionalArray(0, "min"), a.optionalArray(1, "max"), a)
    },
  ]

  /// Hands the RuntimeWarnings an operation raised to the interpreter, under its `np.seterr`
  /// policy: `raise` throws NumPy's FloatingPointError here; a `warn` is printed by the call
  /// node, which knows the line (`Interpreter.showWarnings`).
  static func report(_ warnings: Warnings, _ a: Arguments) throws(PyError) {
    try a.interpreter.record(warnings)
  }

  /// Runs a tensor operation that records warnings, then reports them.
  static func warning<T>(_ a: Arguments, _ body: (inout Warnings) throws(TensorError) -> T) throws(PyError) -> T {
    var warnings = Warnings()
    let result = try tensor { () throws(TensorError) in try body(&warnings) }
    try report(warnings, a)
    return result
  }

  /// The array `out=` names, if any (NumPy also takes a 1-tuple).
  static func outArgument(_ a: Arguments) throws(PyError) -> NDArray? {
    guard var v = a.given(-1, "out") else { return nil }
    if case .tuple(let items) = v, items.count == 1 { v = items[0] }
    guard case .array(let out) = v else { throw PyError("TypeError", "return arrays must be of ArrayType") }
    return out
  }

  /// A ufunc's result as a value, or written into `out=` (broadcast to it, under NumPy's
  /// 'same_kind' casting rule), which is then the result.
  static func deliver(_ result: NDArray, _ a: Arguments, ufunc: String, inputs: [NDArray]) throws(PyError) -> Value {
    guard let out = try outArgument(a) else { return Operators.wrap(result, scalarResult: true) }
    let shapes = inputs.map(\.shape) + [out.shape]
    guard (try? Layout.broadcastShape(shapes)) == out.shape else {
      throw PyError(tensor: TensorError.cannotBroadcast(shapes))
    }
    guard result.dtype <= out.dtype else {
      throw PyError(
        "TypeError",
        "Cannot cast ufunc '\(ufunc)' output from dtype('\(result.dtype)') to dtype('\(out.dtype)') with casting rule 'same_kind'"
      )
    }
    try tensor { () throws(TensorError) in try out.assign([.ellipsis], result) }
    return .array(out)
  }

  static func unary(_ op: UnaryOperator, _ a: Arguments, _ name: String) throws(PyError) -> Value {
    try a.checkKeywords(["out", "dtype", "where", "casting", "order"], function: name)
    guard a.positional.count == 1 || (a.positional.isEmpty && a.value(0, "x") != nil) else {
      throw PyError(
        "TypeError", "\(name)() takes from 1 to 2 positional arguments but \(a.positional.count) were given")
    }
    let x = try a.array(0, "x")
    let dtype = try a.dtype(-1)
    if let m = a.given(-1, "where") {
      return try maskedUfunc(a, m, ufunc: op.rawValue, inputs: [x]) { (v, w) throws(TensorError) in
        try v[0].map(op, warnings: &w)
      }
    }
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in try x.map(op, warnings: &w) }
    return try deliver(dtype.map { result.astype($0) } ?? result, a, ufunc: op.rawValue, inputs: [x])
  }

  static func binary(_ op: BinaryOperator, _ a: Arguments, _ name: String) throws(PyError) -> Value {
    try a.checkKeywords(["out", "dtype", "where", "casting", "order"], function: name)
    guard a.positional.count == 2 else {
      throw PyError(
        "TypeError", "\(name)() takes from 2 to 3 positional arguments but \(a.positional.count) were given")
    }
    var x = try a.array(0, "x1")
    var y = try a.array(1, "x2")
    if let dtype = try a.dtype(-1) {
      x = x.astype(dtype)
      y = y.astype(dtype)
    }
    let (left, right) = (x, y)
    if let m = a.given(-1, "where") {
      return try maskedUfunc(a, m, ufunc: op.rawValue, inputs: [left, right]) { (v, w) throws(TensorError) in
        try NDArray.apply(op, v[0], v[1], warnings: &w)
      }
    }
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try NDArray.apply(op, left, right, warnings: &w)
    }
    return try deliver(result, a, ufunc: op.rawValue, inputs: [left, right])
  }

  static func rounded(_ x: NDArray, decimals: Int, _ a: Arguments) throws(PyError) -> Value {
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try x.rounded(decimals: decimals, warnings: &w)
    }
    return try deliver(result, a, ufunc: "round", inputs: [x])
  }

  private static func round(_ a: Arguments, _ name: String) throws(PyError) -> Value {
    try a.checkKeywords(["a", "decimals", "out"], function: name)
    return try rounded(try a.array(0, "a"), decimals: a.int(1, "decimals", default: 0), a)
  }

  static func clipped(_ x: NDArray, _ lower: NDArray?, _ upper: NDArray?, _ a: Arguments) throws(PyError) -> Value {
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try x.clipped(min: lower, max: upper, warnings: &w)
    }
    return try deliver(result, a, ufunc: "clip", inputs: [x])
  }

  private static func clip(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "a_min", "a_max", "out", "min", "max"], function: "clip")
    let x = try a.array(0, "a")
    var lower = try a.optionalArray(1, "a_min")
    if lower == nil { lower = try a.optionalArray(-1, "min") }
    var upper = try a.optionalArray(2, "a_max")
    if upper == nil { upper = try a.optionalArray(-1, "max") }
    return try clipped(x, lower, upper, a)
  }

  private static func select(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["condition", "x", "y"], function: "where")
    let condition = try a.array(0, "condition")
    let x = try a.optionalArray(1, "x")
    let y = try a.optionalArray(2, "y")
    switch (x, y) {
    case (nil, nil): return try nonzeroTuple(condition)
    case (let x?, let y?):
      // np.where returns an array, 0-d included.
      return .array(try tensor { () throws(TensorError) in try NDArray.select(condition, x, y) })
    default: throw PyError("ValueError", "either both or neither of x and y should be given")
    }
  }

  static func nonzeroTuple(_ x: NDArray) throws(PyError) -> Value {
    guard x.ndim > 0 else {
      throw PyError(
        "ValueError", "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.")
    }
    return .tuple(try tensor { () throws(TensorError) in try x.nonzeroIndices() }.map { .array($0) })
  }

  private static func diff(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "n", "axis", "prepend", "append"], function: "diff")
    var x = try a.array(0, "a")
    let n = try a.int(1, "n", default: 1)
    let axis = try a.int(2, "axis", default: -1)
    let prepend = try a.optionalArray(3, "prepend")
    let append = try a.optionalArray(4, "append")
    if prepend != nil || append != nil {
      x = try tensor { () throws(TensorError) in try x.extended(axis: axis, before: prepend, after: append) }
    }
    let source = x
    return .array(
      try warning(a) { (w) throws(TensorError) -> NDArray in try source.differences(order: n, axis: axis, warnings: &w)
      })
  }

  private static func tolerance(_ a: Arguments) throws(PyError) -> (NDArray, NDArray, Double, Double, Bool) {
    try a.checkKeywords(["a", "b", "rtol", "atol", "equal_nan"], function: a.function)
    return (
      try a.array(0, "a"), try a.array(1, "b"), try a.double(2, "rtol", default: 1e-05),
      try a.double(3, "atol", default: 1e-08), try a.bool(4, "equal_nan", default: false)
    )
  }

  private static func isclose(_ a: Arguments) throws(PyError) -> Value {
    let (x, y, rtol, atol, equalNaN) = try tolerance(a)
    return Operators.wrap(
      try tensor { () throws(TensorError) in try NDArray.isClose(x, y, rtol: rtol, atol: atol, equalNaN: equalNaN) },
      scalarResult: true)
  }

  private static func allclose(_ a: Arguments) throws(PyError) -> Value {
    let (x, y, rtol, atol, equalNaN) = try tolerance(a)
    let close = try tensor { () throws(TensorError) in
      try NDArray.isClose(x, y, rtol: rtol, atol: atol, equalNaN: equalNaN).reduce(.all, axes: nil)
    }
    return .bool(close.item == .bool(true))
  }

  private static func arrayEqual(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a1", "a2", "equal_nan"], function: "array_equal")
    let x = try a.array(0, "a1")
    let y = try a.array(1, "a2")
    let equalNaN = try a.bool(2, "equal_nan", default: false)
    return .bool(try tensor { () throws(TensorError) in try NDArray.arrayEqual(x, y, equalNaN: equalNaN) })
  }

  /// `np.seterr(...)`: sets the policy, returns the previous one as a dict.
  private static func seterr(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["all", "divide", "over", "under", "invalid"], function: "seterr")
    let old = a.interpreter.floatingPointPolicy
    var policy = old
    func action(_ index: Int, _ name: String) throws(PyError) -> FloatingPointErrorPolicy.Action? {
      guard let text = try a.string(index, name) else { return nil }
      guard let action = FloatingPointErrorPolicy.Action(rawValue: text) else {
        throw PyError("ValueError", "invalid error handling \(Repr.quoted(text))")
      }
      return action
    }
    if let all = try action(0, "all") {
      policy.divide = all
      policy.over = all
      policy.under = all
      policy.invalid = all
    }
    if let v = try action(1, "divide") { policy.divide = v }
    if let v = try action(2, "over") { policy.over = v }
    if let v = try action(3, "under") { policy.under = v }
    if let v = try action(4, "invalid") { policy.invalid = v }
    a.interpreter.floatingPointPolicy = policy
    return policyDict(old)
  }

  static func policyDict(_ p: FloatingPointErrorPolicy) -> Value {
    let d = DictBox()
    for (k, v) in [("divide", p.divide), ("over", p.over), ("under", p.under), ("invalid", p.invalid)] {
      try? d.set(.str(k), .str(v.rawValue))
    }
    return .dict(d)
  }
}

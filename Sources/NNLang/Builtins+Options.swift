import NNTensor

/// NumPy's process settings as the tutorials use them: `np.set_printoptions`, the
/// `np.printoptions` and `np.errstate` context managers, and `np.random.RandomState` objects.
extension Builtins {
  static let printOptionNames = [
    "precision", "threshold", "edgeitems", "linewidth", "suppress", "nanstr", "infstr", "formatter", "sign",
    "floatmode", "legacy",
  ]

  nonisolated(unsafe) static let numpyOptions: [Entry] = [
    (
      "set_printoptions",
      "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, ...): how arrays print from now on",
      { (a) throws(PyError) -> Value in
        a.interpreter.printOptions = try printOptions(a, from: a.interpreter.printOptions, function: "set_printoptions")
        return .none
      }
    ),
    (
      "get_printoptions", "get_printoptions(): the current print options, as a dict",
      { (a) throws(PyError) -> Value in printOptionsDict(a.interpreter.printOptions) }
    ),
    (
      "printoptions", "printoptions(**options): a context manager: `with np.printoptions(precision=3):`",
      { (a) throws(PyError) -> Value in
        let interpreter = a.interpreter
        let options = try printOptions(a, from: interpreter.printOptions, function: "printoptions")
        var saved = interpreter.printOptions
        return .object(
          contextManager("numpy.printoptions") { () throws(PyError) -> Value in
            saved = interpreter.printOptions
            interpreter.printOptions = options
            return printOptionsDict(options)
          } exit: {
            interpreter.printOptions = saved
          })
      }
    ),
    (
      "errstate", "errstate(all=None, divide=None, over=None, under=None, invalid=None): np.seterr for a with block",
      { (a) throws(PyError) -> Value in
        for (k, _) in a.keywords where !["all", "divide", "over", "under", "invalid", "call"].contains(k) {
          throw PyError("TypeError", "errstate.__init__() got an unexpected keyword argument '\(k)'")
        }
        if !a.positional.isEmpty {
          throw PyError(
            "TypeError", "errstate.__init__() takes 1 positional argument but \(a.positional.count + 1) were given")
        }
        let interpreter = a.interpreter
        var saved = interpreter.floatingPointPolicy
        _ = try errorPolicy(a, from: saved)
        return .object(
          contextManager("numpy.errstate") { () throws(PyError) -> Value in
            saved = interpreter.floatingPointPolicy
            interpreter.floatingPointPolicy = try errorPolicy(a, from: saved)
            return .none
          } exit: {
            interpreter.floatingPointPolicy = saved
          })
      }
    ),
  ]

  /// A `with` object: `enter` runs at `__enter__` (its value is what `as` binds), `exit` at
  /// `__exit__`, which never suppresses an exception.
  static func contextManager(
    _ typeName: String, enter: @escaping () throws(PyError) -> Value, exit: @escaping () -> Void
  ) -> NativeObject {
    NativeObject(
      typeName: typeName,
      attributes: [
        "__enter__": .builtin(Builtin("__enter__") { (_) throws(PyError) -> Value in try enter() }),
        "__exit__": .builtin(
          Builtin("__exit__") { (_) throws(PyError) -> Value in
            exit()
            return .bool(false)
          }),
      ],
      repr: { "<\(typeName) object>" })
  }

  /// `options` changed by the keywords given (None leaves an option as it is), validated
  /// with NumPy's wording.
  static func printOptions(_ a: Arguments, from options: PrintOptions, function: String) throws(PyError) -> PrintOptions
  {
    try a.checkKeywords(Set(printOptionNames + ["override_repr"]), function: function)
    if a.positional.count > 1 || (function == "printoptions" && !a.positional.isEmpty) {
      throw PyError("TypeError", "\(function)() takes positional arguments only for precision")
    }
    var o = options
    if let v = a.given(0, "precision") {
      guard case .int(let p) = v else { throw PyError("TypeError", "precision must be an integer") }
      guard p >= 0 else { throw PyError("ValueError", "precision must be >= 0") }
      o.precision = Int(p)
    }
    if let v = a.given(-1, "threshold") {
      guard let t = try? Operators.number(v), !t.isNaN else { throw PyError("TypeError", "threshold must be numeric") }
      o.threshold = t >= Double(Int.max) ? Int.max : Int(Swift.max(t, -1))
    }
    if let v = a.given(-1, "edgeitems") { o.edgeItems = Int(try Operators.integer(v)) }
    if let v = a.given(-1, "linewidth") { o.lineWidth = Int(try Operators.integer(v)) }
    if let v = a.given(-1, "suppress") { o.suppress = try Operators.truth(v) }
    if case .str(let s)? = a.given(-1, "nanstr") { o.nanString = s }
    if case .str(let s)? = a.given(-1, "infstr") { o.infString = s }
    if let v = a.given(-1, "sign") {
      guard case .str(let s) = v else { throw PyError("ValueError", "sign option must be one of ' ', '+', or '-'") }
      o.sign = try tensor { () throws(TensorError) in try PrintOptions.sign(named: s) }
    }
    if let v = a.given(-1, "floatmode") {
      guard case .str(let s) = v else {
        throw PyError("ValueError", "floatmode option must be one of 'fixed', 'unique', 'maxprec', 'maxprec_equal'")
      }
      o.floatMode = try tensor { () throws(TensorError) in try PrintOptions.floatMode(named: s) }
    }
    if let v = a.given(-1, "legacy") {
      if case .bool(false) = v {
        o.legacy = nil
      } else if case .str(let s) = v, let legacy = PrintOptions.Legacy(text: s) {
        o.legacy = legacy
      } else {
        throw PyError(
          "ValueError",
          "legacy printing option can currently only be '1.13', '1.21', '1.25', '2.1', '2.2' or `False`")
      }
    }
    if a.given(-1, "formatter") != nil {
      throw PyError("NotImplementedError", "nn does not support formatter= in print options")
    }
    return o.normalized()
  }

  static func printOptionsDict(_ o: PrintOptions) -> Value {
    let d = DictBox()
    let entries: [(String, Value)] = [
      ("edgeitems", .int(Int64(o.edgeItems))), ("threshold", .int(Int64(o.threshold))),
      ("floatmode", .str(o.floatMode.rawValue)), ("precision", o.precision.map { .int(Int64($0)) } ?? .none),
      ("suppress", .bool(o.suppress)), ("linewidth", .int(Int64(o.lineWidth))), ("nanstr", .str(o.nanString)),
      ("infstr", .str(o.infString)), ("sign", .str(o.sign.rawValue)), ("formatter", .none),
      ("legacy", o.legacy.map { .str($0.text) } ?? .bool(false)), ("override_repr", .none),
    ]
    for (k, v) in entries { try? d.set(.str(k), v) }
    return .dict(d)
  }

  /// `policy` changed by errstate's keywords (`all` first, then the named ones).
  static func errorPolicy(
    _ a: Arguments, from policy: FloatingPointErrorPolicy
  ) throws(PyError)
    -> FloatingPointErrorPolicy
  {
    var p = policy
    func action(_ name: String) throws(PyError) -> FloatingPointErrorPolicy.Action? {
      guard let v = a.given(-1, name) else { return nil }
      guard case .str(let text) = v, let action = FloatingPointErrorPolicy.Action(rawValue: text) else {
        throw PyError("ValueError", "invalid error mode \(Repr.repr(v))")
      }
      return action
    }
    if let all = try action("all") {
      p.divide = all
      p.over = all
      p.under = all
      p.invalid = all
    }
    if let v = try action("divide") { p.divide = v }
    if let v = try action("over") { p.over = v }
    if let v = try action("under") { p.under = v }
    if let v = try action("invalid") { p.invalid = v }
    return p
  }
}

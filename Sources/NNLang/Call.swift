import NNTensor

/// A call's evaluated arguments, as builtins receive them, with typed accessors that raise
/// Python's TypeErrors. Each accessor takes the parameter's position and its keyword name.
public struct Arguments {
  public var positional: [Value]
  public var keywords: [(String, Value)]
  let interpreter: Interpreter
  /// The builtin's name, for error messages.
  var function = ""

  init(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) {
    self.positional = positional
    self.keywords = keywords
    self.interpreter = interpreter
  }

  /// The argument at `index` or named `name`; nil when absent.
  func value(_ index: Int, _ name: String) -> Value? {
    if index >= 0 && index < positional.count { return positional[index] }
    return keywords.first { $0.0 == name }?.1
  }

  /// Like `value`, but None counts as absent.
  func given(_ index: Int, _ name: String) -> Value? {
    guard let v = value(index, name), !v.isNone else { return nil }
    return v
  }

  func required(_ index: Int, _ name: String, function: String? = nil) throws(PyError) -> Value {
    guard let v = value(index, name) else {
      throw PyError(
        "TypeError", "\(function ?? self.function)() missing required argument: '\(name)' (pos \(index + 1))")
    }
    return v
  }

  /// Rejects keywords the builtin does not know, as Python does.
  func checkKeywords(_ allowed: Set<String>, function: String? = nil) throws(PyError) {
    for (k, _) in keywords where !allowed.contains(k) {
      throw PyError("TypeError", "\(function ?? self.function)() got an unexpected keyword argument '\(k)'")
    }
  }

  /// A required array-like argument (arrays, numbers, nested lists), as an array.
  func array(_ index: Int, _ name: String) throws(PyError) -> NDArray {
    try Operators.tensorOperand(try required(index, name))
  }

  func optionalArray(_ index: Int, _ name: String) throws(PyError) -> NDArray? {
    guard let v = given(index, name) else { return nil }
    return try Operators.tensorOperand(v)
  }

  func int(_ index: Int, _ name: String, default defaultValue: Int) throws(PyError) -> Int {
    guard let v = given(index, name) else { return defaultValue }
    return Int(try Operators.integer(v))
  }

  func optionalInt(_ index: Int, _ name: String) throws(PyError) -> Int? {
    guard let v = given(index, name) else { return nil }
    return Int(try Operators.integer(v))
  }

  func double(_ index: Int, _ name: String, default defaultValue: Double) throws(PyError) -> Double {
    guard let v = given(index, name) else { return defaultValue }
    return try Operators.number(v)
  }

  func bool(_ index: Int, _ name: String, default defaultValue: Bool) throws(PyError) -> Bool {
    guard let v = given(index, name) else { return defaultValue }
    return try Operators.truth(v)
  }

  func string(_ index: Int, _ name: String) throws(PyError) -> String? {
    guard let v = given(index, name) else { return nil }
    guard case .str(let s) = v else {
      throw PyError("TypeError", "\(function)() argument '\(name)' must be str, not \(v.typeName)")
    }
    return s
  }

  /// `axis=`: None (all axes), an int, or a tuple of ints.
  func axes(_ index: Int, _ name: String = "axis") throws(PyError) -> [Int]? {
    guard let v = given(index, name) else { return nil }
    if case .tuple(let items) = v {
      var axes: [Int] = []
      for item in items { axes.append(Int(try Operators.integer(item))) }
      return axes
    }
    return [Int(try Operators.integer(v))]
  }

  func dtype(_ index: Int, _ name: String = "dtype") throws(PyError) -> DType? {
    try Convert.dtype(given(index, name))
  }

  /// A shape: an int or a sequence of ints.
  func shape(_ index: Int, _ name: String = "shape") throws(PyError) -> [Int] {
    try Convert.shape(try required(index, name))
  }
}

/// Runs tensor-core code, turning its errors into Python exceptions.
func tensor<T>(_ body: () throws(TensorError) -> T) throws(PyError) -> T {
  do { return try body() } catch { throw PyError(tensor: error) }
}

/// A function implemented in Swift, from the builtin table (or bound to a receiver).
public final class Builtin {
  let name: String
  let doc: String
  let body: (Arguments) throws(PyError) -> Value
  /// A type object (`int`, `list`, `np.ndarray`): calling it constructs, `repr` is `<class '…'>`.
  let isType: Bool

  init(_ name: String, doc: String = "", isType: Bool = false, _ body: @escaping (Arguments) throws(PyError) -> Value) {
    self.name = name
    self.doc = doc
    self.isType = isType
    self.body = body
  }
}

final class CallNode: Node {
  let callee: Node
  let positional: [Node]
  let keywords: [(String, Node)]
  let hasStar: Bool
  unowned let interpreter: Interpreter

  init(
    _ callee: Node, _ positional: [Node], _ keywords: [(String, Node)], hasStar: Bool, interpreter: Interpreter,
    _ span: Span
  ) {
    self.callee = callee
    self.positional = positional
    self.keywords = keywords
    self.hasStar = hasStar
    self.interpreter = interpreter
    super.init(span)
  }

  override func eval(_ f: Frame) throws(PyError) -> Value {
    let function = try callee.eval(f)
    // The common case: a user function called with positional arguments only.
    if case .function(let fn) = function, !hasStar, keywords.isEmpty, positional.count == fn.shape.parameters.count,
      fn.shape.varArgs == nil, fn.shape.varKeywords == nil, fn.keywordOnly.isEmpty
    {
      var frame = fn.makeFrame()
      defer { fn.recycle(&frame) }
      for k in 0..<positional.count { frame.locals[k] = try positional[k].eval(f) }
      do { return try interpreter.run(fn, frame) } catch { throw error.at(span) }
    }
    var args: [Value] = []
    args.reserveCapacity(positional.count)
    for p in positional {
      if hasStar, let star = p as? StarNode {
        let v = try star.value.eval(f)
        do { args.append(contentsOf: try Operators.iterate(v)) } catch { throw error.at(star.span) }
      } else {
        args.append(try p.eval(f))
      }
    }
    var kw: [(String, Value)] = []
    for (k, node) in keywords {
      guard k == "**", let star = node as? StarNode else {
        kw.append((k, try node.eval(f)))
        continue
      }
      guard case .dict(let d) = try star.value.eval(f) else {
        throw PyError("TypeError", "argument after ** must be a mapping").at(star.span)
      }
      for (key, v) in zip(d.keys, d.values) {
        guard case .str(let name) = key else { throw PyError("TypeError", "keywords must be strings").at(star.span) }
        kw.append((name, v))
      }
    }
    let result: Value
    do {
      result = try interpreter.call(function, Arguments(positional: args, keywords: kw, interpreter: interpreter))
    } catch {
      throw error.at(span)
    }
    if !interpreter.pendingWarnings.isEmpty { interpreter.showWarnings(at: span, in: f.source) }
    return result
  }
}

/// `obj.name(args)`: calls built-in types' methods and user methods without first making a
/// bound-method object; anything else goes the general way through the attribute.
final class MethodCallNode: Node {
  let object: Node
  let name: String
  let general: CallNode
  /// The ndarray method of this name, found once.
  private lazy var arrayMethod: Builtins.Method? = Builtins.arrayMethodTables.lazy.compactMap { $0[self.name] }.first

  init(
    _ object: Node, _ name: String, _ attribute: Node, _ positional: [Node], _ keywords: [(String, Node)],
    interpreter: Interpreter, _ span: Span
  ) {
    self.object = object
    self.name = name
    self.general = CallNode(attribute, positional, keywords, hasStar: false, interpreter: interpreter, span)
    super.init(span)
  }

  override func eval(_ f: Frame) throws(PyError) -> Value {
    let receiver = try object.eval(f)
    switch receiver {
    case .list(let box):
      if name == "append" && general.positional.count == 1 && general.keywords.isEmpty {
        box.items.append(try general.positional[0].eval(f))
        return .none
      }
      if let method = Builtins.listMethods[name] {
        let args = try arguments(f)
        do { return try method(box, args) } catch { throw error.at(span) }
      }
    case .array(let a):
      if let method = arrayMethod {
        let args = try arguments(f)
        let result: Value
        do { result = try method(a, args) } catch { throw error.at(span) }
        if !general.interpreter.pendingWarnings.isEmpty { general.interpreter.showWarnings(at: span, in: f.source) }
        return result
      }
    case .instance(let i) where i.attributes[name] == nil:
      if let (v, _) = i.cls.lookup(name), case .function(let fn) = v, general.keywords.isEmpty,
        general.positional.count + 1 == fn.shape.parameters.count, fn.shape.varArgs == nil,
        fn.shape.varKeywords == nil, fn.keywordOnly.isEmpty
      {
        var frame = fn.makeFrame()
        defer { fn.recycle(&frame) }
        frame.locals[0] = receiver
        for k in 0..<general.positional.count { frame.locals[k + 1] = try general.positional[k].eval(f) }
        do { return try general.interpreter.run(fn, frame) } catch { throw error.at(span) }
      }
    default: break
    }
    let method: Value
    // CPython marks the attribute load `obj.name`, not the call, when the lookup fails.
    do { method = try Attributes.get(receiver, name) } catch { throw error.at(general.callee.span) }
    let args = try arguments(f)
    let result: Value
    do { result = try general.interpreter.call(method, args) } catch { throw error.at(span) }
    if !general.interpreter.pendingWarnings.isEmpty { general.interpreter.showWarnings(at: span, in: f.source) }
    return result
  }

  private func arguments(_ f: Frame) throws(PyError) -> Arguments {
    var positional: [Value] = []
    positional.reserveCapacity(general.positional.count)
    for p in general.positional { positional.append(try p.eval(f)) }
    var keywords: [(String, Value)] = []
    for (k, node) in general.keywords {
      guard k == "**", let star = node as? StarNode else {
        keywords.append((k, try node.eval(f)))
        continue
      }
      guard case .dict(let d) = try star.value.eval(f) else {
        throw PyError("TypeError", "argument after ** must be a mapping").at(star.span)
      }
      for (key, v) in zip(d.keys, d.values) {
        guard case .str(let n) = key else { throw PyError("TypeError", "keywords must be strings").at(star.span) }
        keywords.append((n, v))
      }
    }
    var args = Arguments(positional: positional, keywords: keywords, interpreter: general.interpreter)
    args.function = name
    return args
  }
}

extension Interpreter {
  func call(_ function: Value, _ args: Arguments) throws(PyError) -> Value {
    switch function {
    case .builtin(let b):
      var named = args
      named.function = b.name
      return try b.body(named)
    case .function(let fn):
      return try callFunction(fn, args)
    case .method(let m):
      var bound = args
      bound.positional.insert(m.receiver, at: 0)
      return try call(m.function, bound)
    case .classObject(let cls):
      return try instantiate(cls, args)
    case .object(let o) where o.attributes["__call__"] != nil:
      return try call(o.attributes["__call__"] ?? .none, args)
    case .instance(let i):
      guard let (method, _) = i.cls.lookup("__call__") else {
        throw PyError("TypeError", "'\(i.cls.name)' object is not callable")
      }
      var bound = args
      bound.positional.insert(function, at: 0)
      return try call(method, bound)
    default:
      throw PyError("TypeError", "'\(function.typeName)' object is not callable")
    }
  }

  func callFunction(_ fn: Function, _ args: Arguments) throws(PyError) -> Value {
    let shape = fn.shape
    let frame = Frame(
      slots: shape.slotCount, cells: shape.cellCount, closure: fn.closure, globals: shape.globals,
      function: shape.name, source: shape.source)
    let n = fn.parameters.count
    if args.positional.count > n {
      if let star = fn.varArgs {
        frame.locals[star] = .tuple(Array(args.positional[n...]))
      } else {
        throw PyError(
          "TypeError",
          "\(fn.qualifiedName)() takes \(n) positional argument\(n == 1 ? "" : "s") but \(args.positional.count) \(args.positional.count == 1 ? "was" : "were") given"
        )
      }
    } else if let star = fn.varArgs {
      frame.locals[star] = .tuple([])
    }
    for k in 0..<min(n, args.positional.count) { frame.locals[k] = args.positional[k] }
    var extra = DictBox()
    for (name, v) in args.keywords {
      if let k = fn.parameters.firstIndex(of: name) {
        if frame.locals[k] != nil {
          throw PyError("TypeError", "\(fn.qualifiedName)() got multiple values for argument '\(name)'")
        }
        frame.locals[k] = v
      } else if let k = fn.keywordOnly.firstIndex(where: { $0.0 == name }) {
        frame.locals[n + k] = v
      } else if fn.varKeywords != nil {
        try extra.set(.str(name), v)
      } else {
        throw PyError("TypeError", "\(fn.qualifiedName)() got an unexpected keyword argument '\(name)'")
      }
    }
    var missing: [String] = []
    for k in 0..<n where frame.locals[k] == nil {
      if let d = fn.defaults[k] { frame.locals[k] = d } else { missing.append(fn.parameters[k]) }
    }
    for (k, (name, d)) in fn.keywordOnly.enumerated() where frame.locals[n + k] == nil {
      if let d { frame.locals[n + k] = d } else { missing.append(name) }
    }
    if !missing.isEmpty {
      let names = missing.map { "'\($0)'" }
      let list =
        names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
      throw PyError(
        "TypeError",
        "\(fn.qualifiedName)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)"
      )
    }
    if let kw = fn.varKeywords {
      frame.locals[kw] = .dict(extra)
      extra = DictBox()
    }
    return try run(fn, frame)
  }

  /// Runs a function's body in a frame whose parameters are bound.
  func run(_ fn: Function, _ frame: Frame) throws(PyError) -> Value {
    let shape = fn.shape
    for (slot, cell) in shape.cellParameters { frame.cells[cell].value = frame.locals[slot] }
    frame.definingClass = fn.definingClass
    callDepth += 1
    defer { callDepth -= 1 }
    if callDepth > 999 {  // with the module frame, CPython's limit of 1000
      throw PyError("RecursionError", "maximum recursion depth exceeded")
    }
    do {
      for s in shape.body {
        switch try s.exec(frame) {
        case .returnValue(let v): return v
        default: continue
        }
      }
    } catch {
      throw error.framed(shape.source, function: shape.name, fallback: shape.body.first?.span ?? Span(0, 0))
    }
    return .none
  }
}

/// User-defined classes: single and multiple inheritance by depth-first lookup, instances
/// with attribute dictionaries, bound methods, `super()`, and the special methods nn honours
/// (`__init__`, `__repr__`, `__str__`, `__call__`, `__len__`, `__getitem__`, `__setitem__`,
/// `__contains__`, `__iter__` returning a list, and the arithmetic and comparison operators).
public final class PyClass {
  let name: String
  /// The `__name__` of the module whose code defined the class, as its repr shows it.
  var module = "__main__"
  let bases: [PyClass]
  /// The built-in exception class this class derives from, if any (`class MyError(ValueError)`).
  let exceptionBase: String?
  var attributes: [String: Value]
  unowned let interpreter: Interpreter
  /// The method resolution order after this class: C3 linearization, as CPython's `__mro__`.
  private(set) var rest: [PyClass] = []

  init(name: String, bases: [PyClass], exceptionBase: String?, attributes: [String: Value], interpreter: Interpreter) {
    self.name = name
    self.bases = bases
    self.exceptionBase = exceptionBase
    self.attributes = attributes
    self.interpreter = interpreter
    rest = PyClass.linearize(bases) ?? bases.flatMap { [$0] + $0.rest }
  }

  /// This class, then its bases in C3 order.
  var mro: [PyClass] { [self] + rest }

  /// C3: merge the bases' orders and the bases list, taking each time the first head that
  /// is in no other list's tail; nil when no consistent order exists.
  static func linearize(_ bases: [PyClass]) -> [PyClass]? {
    var lists = bases.map(\.mro) + [bases]
    var out: [PyClass] = []
    while true {
      lists.removeAll { $0.isEmpty }
      if lists.isEmpty { return out }
      guard
        let head = lists.lazy.map({ $0[0] }).first(where: { h in
          !lists.contains { $0.dropFirst().contains { $0 === h } }
        })
      else { return nil }
      out.append(head)
      for k in lists.indices where lists[k].first === head { lists[k].removeFirst() }
    }
  }

  /// Finds an attribute on this class or along its MRO, with the class that defines it.
  func lookup(_ name: String) -> (Value, PyClass)? {
    if let v = attributes[name] { return (v, self) }
    for c in rest {
      if let v = c.attributes[name] { return (v, c) }
    }
    return nil
  }

  func isSubclass(of other: PyClass) -> Bool {
    self === other || rest.contains { $0 === other }
  }

  /// `__mro__`: the classes, then the built-in exception classes and `object`.
  func mroValue() -> Value {
    var items: [Value] = mro.map { .classObject($0) }
    var base = exceptionBase.map(Exceptions.shortName)
    while let b = base {
      items.append(interpreter.builtins[b] ?? Exceptions.classValue(b))
      base = Exceptions.bases[b]?.first
    }
    if let object = interpreter.builtins["object"] { items.append(object) }
    return .tuple(items)
  }

  /// `__bases__`: the classes named in the class statement (`object` when none).
  func basesValue() -> Value {
    if !bases.isEmpty { return .tuple(bases.map { .classObject($0) }) }
    if let b = exceptionBase {
      return .tuple([interpreter.builtins[Exceptions.shortName(b)] ?? Exceptions.classValue(b)])
    }
    return .tuple(interpreter.builtins["object"].map { [$0] } ?? [])
  }
}

public final class Instance {
  let cls: PyClass
  var attributes: [String: Value] = [:]
  /// The attribute names in the order they were first set, for `vars()` and `__dict__`.
  var order: [String] = []
  /// For an instance of an exception class: its `args`, set by the constructor call and by
  /// `super().__init__(...)`.
  var args: [Value] = []
  /// For an exception instance: `__cause__`, set by `raise ... from`.
  var cause: Value = .none
  init(_ cls: PyClass) { self.cls = cls }

  /// `vars(obj)` / `obj.__dict__`: the attributes in the order they were set (a snapshot).
  func dictValue() throws(PyError) -> Value {
    let d = DictBox()
    for k in order { if let v = attributes[k] { try d.set(.str(k), v) } }
    return .dict(d)
  }

  /// The exception object this instance is raised as, sharing its class and args.
  var exceptionObject: PyException? {
    guard let base = cls.exceptionBase else { return nil }
    let e = PyException(type: cls.name, args: args, cls: cls, base: base)
    e.instance = self
    return e
  }
}

/// A function bound to its receiver (`obj.method`), or to a class for classmethods.
public final class BoundMethod {
  let function: Value
  let receiver: Value
  init(_ function: Value, _ receiver: Value) {
    self.function = function
    self.receiver = receiver
  }
}

/// `@staticmethod`, `@classmethod` and `@property` wrappers around a function.
public final class MethodWrapper {
  enum Kind { case staticMethod, classMethod, property }
  let kind: Kind
  let function: Value
  var setter: Value?
  init(_ kind: Kind, _ function: Value) {
    self.kind = kind
    self.function = function
  }
}

extension Interpreter {
  func instantiate(_ cls: PyClass, _ args: Arguments) throws(PyError) -> Value {
    if let base = cls.exceptionBase, cls.lookup("__init__") == nil {
      return .exception(PyException(type: cls.name, args: args.positional, cls: cls, base: base))
    }
    let instance = Instance(cls)
    if cls.exceptionBase != nil { instance.args = args.positional }
    let value = Value.instance(instance)
    if let (initializer, _) = cls.lookup("__init__") {
      var bound = args
      bound.positional.insert(value, at: 0)
      let result = try call(initializer, bound)
      if !result.isNone { throw PyError("TypeError", "__init__() should return None, not '\(result.typeName)'") }
    } else if !args.positional.isEmpty || !args.keywords.isEmpty {
      throw PyError("TypeError", "\(cls.name)() takes no arguments")
    }
    return value
  }

  /// Calls a special method if the instance's class defines it.
  func special(_ instance: Instance, _ name: String, _ args: [Value]) throws(PyError) -> Value? {
    guard let (method, _) = instance.cls.lookup(name) else { return nil }
    return try call(method, [.instance(instance)] + args)
  }
}

enum ClassAttributes {
  static func get(_ object: Value, _ name: String) throws(PyError) -> Value? {
    switch object {
    case .instance(let i):
      if let v = i.attributes[name] { return v }
      if name == "__class__" { return .classObject(i.cls) }
      if name == "args", i.cls.exceptionBase != nil { return .tuple(i.args) }
      if name == "__cause__", i.cls.exceptionBase != nil { return i.cause }
      if name == "__dict__" { return try i.dictValue() }
      guard let (v, _) = i.cls.lookup(name) else { return nil }
      return try bind(v, to: object, cls: i.cls)
    case .classObject(let c):
      if name == "__name__" { return c.attributes["__name__"] ?? .str(c.name) }
      if name == "__mro__" { return c.mroValue() }
      if name == "__bases__" { return c.basesValue() }
      guard let (v, _) = c.lookup(name) else { return nil }
      if case .wrapper(let w) = v {
        switch w.kind {
        case .staticMethod: return w.function
        case .classMethod: return .method(BoundMethod(w.function, object))
        case .property: return v
        }
      }
      return v
    case .superProxy(let start, let receiver):
      // The class after `start` in the MRO of the receiver's own class, as CPython's super().
      var order = start.rest
      if case .instance(let i) = receiver, let k = i.cls.mro.firstIndex(where: { $0 === start }) {
        order = Array(i.cls.mro[(k + 1)...])
      } else if case .classObject(let c) = receiver, let k = c.mro.firstIndex(where: { $0 === start }) {
        order = Array(c.mro[(k + 1)...])
      }
      for c in order {
        if let v = c.attributes[name] {
          if case .instance(let i) = receiver { return try bind(v, to: receiver, cls: i.cls) }
          return v
        }
      }
      // `super().__init__(message)` in an exception class reaches BaseException's: it sets args.
      if name == "__init__", case .instance(let i) = receiver, i.cls.exceptionBase != nil {
        return .builtin(
          Builtin("__init__") { (a) throws(PyError) -> Value in
            i.args = a.positional
            return .none
          })
      }
      return nil
    default:
      return nil
    }
  }

  static func bind(_ v: Value, to receiver: Value, cls: PyClass) throws(PyError) -> Value {
    switch v {
    case .function: return .method(BoundMethod(v, receiver))
    case .wrapper(let w):
      switch w.kind {
      case .staticMethod: return w.function
      case .classMethod: return .method(BoundMethod(w.function, .classObject(cls)))
      case .property: return try cls.interpreter.call(w.function, [receiver])
      }
    default: return v
    }
  }

  static func set(_ object: Value, _ name: String, _ value: Value) throws(PyError) -> Bool {
    switch object {
    case .instance(let i):
      if let (v, _) = i.cls.lookup(name), case .wrapper(let w) = v, w.kind == .property {
        guard let setter = w.setter else { throw PyError("AttributeError", "can't set attribute '\(name)'") }
        _ = try i.cls.interpreter.call(setter, [object, value])
        return true
      }
      if i.attributes.updateValue(value, forKey: name) == nil { i.order.append(name) }
      return true
    case .classObject(let c):
      c.attributes[name] = value
      return true
    default:
      return false
    }
  }
}

/// Runs a class body and builds the class from what it bound.
final class ClassStmt: StmtNode {
  let name: String
  let bases: [Node]
  let decorators: [Node]
  let body: (Frame) throws(PyError) -> [String: Value]
  let target: Target
  unowned let interpreter: Interpreter

  init(
    name: String, bases: [Node], decorators: [Node], body: @escaping (Frame) throws(PyError) -> [String: Value],
    target: Target, interpreter: Interpreter, _ span: Span
  ) {
    self.name = name
    self.bases = bases
    self.decorators = decorators
    self.body = body
    self.target = target
    self.interpreter = interpreter
    super.init(span)
  }

  override func exec(_ f: Frame) throws(PyError) -> Flow {
    var baseClasses: [PyClass] = []
    var exceptionBase: String?
    for b in bases {
      switch try b.eval(f) {
      case .classObject(let c):
        baseClasses.append(c)
        exceptionBase = exceptionBase ?? c.exceptionBase
      case .builtin(let t) where t.isType && t.name == "object":
        continue
      case .builtin(let t) where t.isType && Exceptions.bases[Exceptions.shortName(t.name)] != nil:
        exceptionBase = t.name
      case let other:
        throw PyError("TypeError", "nn classes can derive from classes and exceptions, not '\(other.typeName)'").at(
          b.span)
      }
    }
    if PyClass.linearize(baseClasses) == nil {
      throw PyError(
        "TypeError",
        "Cannot create a consistent method resolution\norder (MRO) for bases "
          + baseClasses.map(\.name).joined(separator: ", ")
      ).at(span)
    }
    // The body runs in a frame named after the class, as CPython's tracebacks show.
    let attributes: [String: Value]
    do { attributes = try body(f) } catch { throw error.framed(f.source, function: name, fallback: span).at(span) }
    let cls = PyClass(
      name: name, bases: baseClasses, exceptionBase: exceptionBase, attributes: attributes, interpreter: interpreter)
    if case .str(let module)? = f.globals["__name__"] { cls.module = module }
    for (_, v) in attributes {
      switch v {
      case .function(let fn): fn.definingClass = cls
      case .wrapper(let w): if case .function(let fn) = w.function { fn.definingClass = cls }
      default: break
      }
    }
    var value = Value.classObject(cls)
    for d in decorators.reversed() { value = try interpreter.call(try d.eval(f), [value]) }
    try target.assign(value, f)
    return .normal
  }
}

/// `super()` inside a method: the class after the method's own in the lookup, bound to `self`.
final class SuperNode: Node {
  override func eval(_ f: Frame) throws(PyError) -> Value {
    guard let cls = f.definingClass, f.slotCount > 0, let receiver = f.locals[0] else {
      throw PyError("RuntimeError", "super(): no arguments").at(span)
    }
    return .superProxy(cls, receiver)
  }
}

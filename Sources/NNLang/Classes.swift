/// User-defined classes: single and multiple inheritance by depth-first lookup, instances
/// with attribute dictionaries, bound methods, `super()`, and the special methods nn honours
/// (`__init__`, `__repr__`, `__str__`, `__call__`, `__len__`, `__getitem__`, `__setitem__`,
/// `__contains__`, `__iter__` returning a list, and the arithmetic and comparison operators).
public final class PyClass {
  let name: String
  let bases: [PyClass]
  /// The built-in exception class this class derives from, if any (`class MyError(ValueError)`).
  let exceptionBase: String?
  var attributes: [String: Value]
  unowned let interpreter: Interpreter

  init(name: String, bases: [PyClass], exceptionBase: String?, attributes: [String: Value], interpreter: Interpreter) {
    self.name = name
    self.bases = bases
    self.exceptionBase = exceptionBase
    self.attributes = attributes
    self.interpreter = interpreter
  }

  /// Finds an attribute on this class or its bases (depth first, left to right), with the
  /// class that defines it.
  func lookup(_ name: String) -> (Value, PyClass)? {
    if let v = attributes[name] { return (v, self) }
    for base in bases {
      if let found = base.lookup(name) { return found }
    }
    return nil
  }

  func isSubclass(of other: PyClass) -> Bool {
    self === other || bases.contains { $0.isSubclass(of: other) }
  }
}

public final class Instance {
  let cls: PyClass
  var attributes: [String: Value] = [:]
  init(_ cls: PyClass) { self.cls = cls }
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
      if name == "__dict__" {
        let d = DictBox()
        for (k, v) in i.attributes.sorted(by: { $0.key < $1.key }) { try d.set(.str(k), v) }
        return .dict(d)
      }
      guard let (v, _) = i.cls.lookup(name) else { return nil }
      return try bind(v, to: object, cls: i.cls)
    case .classObject(let c):
      if name == "__name__" { return .str(c.name) }
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
      for base in start.bases {
        if let (v, _) = base.lookup(name) {
          if case .instance(let i) = receiver { return try bind(v, to: receiver, cls: i.cls) }
          return v
        }
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
      i.attributes[name] = value
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
    let attributes = try body(f)
    let cls = PyClass(
      name: name, bases: baseClasses, exceptionBase: exceptionBase, attributes: attributes, interpreter: interpreter)
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

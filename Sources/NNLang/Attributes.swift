import NNTensor

/// Attribute access: module members, and the properties and methods of built-in types,
/// which the builtin table binds to their receiver.
enum Attributes {
  static func get(_ object: Value, _ name: String) throws(PyError) -> Value {
    if let v = try ClassAttributes.get(object, name) { return v }
    switch (object, name) {
    case (.builtin(let b), "__name__"): return .str(Exceptions.shortName(b.name))
    case (.builtin(let b), "__doc__"): return .str(b.doc)
    case (.function(let f), "__name__"): return .str(f.name)
    case (.function(let f), "__doc__"): return f.doc.map { .str($0) } ?? .none
    case (.module(let m), "__name__"): return .str(m.name)
    default: break
    }
    switch object {
    case .module(let m):
      if let v = m.attributes[name] { return v }
      throw PyError("AttributeError", "module '\(m.name)' has no attribute '\(name)'")
    case .object(let o):
      if let v = o.attributes[name] { return v }
    case .exception(let e):
      if name == "args" { return .tuple(e.args) }
    case .wrapper(let w) where w.kind == .property && name == "setter":
      return .builtin(
        Builtin("setter") { (a) throws(PyError) -> Value in
          w.setter = try a.required(0, "fset")
          return .wrapper(w)
        })
    case .array(let a):
      if let p = Builtins.arrayProperties[name] { return try p(a) }
      for table in Builtins.arrayMethodTables {
        if let method = table[name] {
          return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(a, args) })
        }
      }
    case .list(let box):
      if let method = Builtins.listMethods[name] {
        return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(box, args) })
      }
    case .str(let s):
      if let method = Builtins.stringMethods[name] {
        return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(s, args) })
      }
    case .dict(let d):
      if let method = Builtins.dictMethods[name] {
        return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(d, args) })
      }
    case .set(let d):
      if let method = Builtins.setMethods[name] {
        return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(d, args) })
      }
    default: break
    }
    if case .classObject(let c) = object {
      throw PyError("AttributeError", "type object '\(c.name)' has no attribute '\(name)'")
    }
    throw PyError("AttributeError", "'\(object.typeName)' object has no attribute '\(name)'")
  }

  static func set(_ object: Value, _ name: String, _ value: Value) throws(PyError) {
    if try ClassAttributes.set(object, name, value) { return }
    if case .module(let m) = object {
      m.attributes[name] = value
      return
    }
    throw PyError("AttributeError", "'\(object.typeName)' object attribute '\(name)' is read-only")
  }
}

extension Operators {
  static func index(_ i: Int64, count: Int, what: String) throws(PyError) -> Int {
    let k = i < 0 ? Int(i) + count : Int(i)
    guard k >= 0 && k < count else { throw PyError("IndexError", "\(what) index out of range") }
    return k
  }

  static func getItem(_ object: Value, _ index: Value) throws(PyError) -> Value {
    if case .instance(let i) = object {
      guard let v = try i.cls.interpreter.special(i, "__getitem__", [index]) else {
        throw PyError("TypeError", "'\(i.cls.name)' object is not subscriptable")
      }
      return v
    }
    switch (object, index) {
    case (.list(let l), .int(let i)): return l.items[try Operators.index(i, count: l.items.count, what: "list")]
    case (.tuple(let t), .int(let i)): return t[try Operators.index(i, count: t.count, what: "tuple")]
    case (.str(let s), .int(let i)):
      let chars = Array(s)
      return .str(String(chars[try Operators.index(i, count: chars.count, what: "string")]))
    case (.list(let l), .slice(let a, let b, let c)): return .list(ListBox(try sliced(l.items, a, b, c)))
    case (.tuple(let t), .slice(let a, let b, let c)): return .tuple(try sliced(t, a, b, c))
    case (.str(let s), .slice(let a, let b, let c)): return .str(String(try sliced(Array(s), a, b, c)))
    case (.dict(let d), _):
      if let v = try d.get(index) { return v }
      throw PyError.keyError(index)
    case (.array(let a), _):
      return try Indexing.read(a, index)
    case (.scalar(let s), _):
      return try Indexing.read(scalar: s, index)
    default:
      throw PyError("TypeError", "'\(object.typeName)' object is not subscriptable")
    }
  }

  static func setItem(_ object: Value, _ index: Value, _ value: Value) throws(PyError) {
    if case .instance(let i) = object {
      guard try i.cls.interpreter.special(i, "__setitem__", [index, value]) != nil else {
        throw PyError("TypeError", "'\(i.cls.name)' object does not support item assignment")
      }
      return
    }
    switch (object, index) {
    case (.list(let l), .int(let i)):
      l.items[try Operators.index(i, count: l.items.count, what: "list assignment")] = value
    case (.dict(let d), _): try d.set(index, value)
    case (.array(let a), _):
      try Indexing.write(a, index, value)
    default:
      throw PyError("TypeError", "'\(object.typeName)' object does not support item assignment")
    }
  }

  static func sliced<T>(_ items: [T], _ a: Value?, _ b: Value?, _ c: Value?) throws(PyError) -> [T] {
    func bound(_ v: Value?) throws(PyError) -> Int? {
      guard let v, !(v.isNone) else { return nil }
      return Int(try integer(v))
    }
    let slice = IndexSlice(start: try bound(a), stop: try bound(b), step: try bound(c))
    // Counting the items first keeps a huge step (`[1::2**62]`) from overflowing the index.
    let (start, length, step) = try tensor { () throws(TensorError) in try slice.length(count: items.count) }
    var out: [T] = []
    out.reserveCapacity(length)
    for k in 0..<length { out.append(items[start + k * step]) }
    return out
  }
}

extension Value {
  var isNone: Bool {
    if case .none = self { return true }
    return false
  }
}

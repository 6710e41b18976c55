import NNTensor

/// Attribute access: module members, and the properties and methods of built-in types,
/// which the builtin table binds to their receiver.
enum Attributes {
  static func get(_ object: Value, _ name: String) throws(PyError) -> Value {
    if let v = try ClassAttributes.get(object, name) { return v }
    if case .function(let f) = object, let v = f.attributes[name] { return v }
    switch (object, name) {
    case (.builtin(let b), "__name__"): return .str(Exceptions.shortName(b.name))
    case (.builtin(let b), "__doc__"): return .str(b.doc)
    case (.function(let f), "__name__"): return .str(f.name)
    case (.function(let f), "__doc__"): return f.doc.map { .str($0) } ?? .none
    case (.module(let m), "__name__"): return .str(m.name)
    case (.builtin(let b), _) where b.isType:
      if let v = try typeAttribute(b.name, name) { return v }
    case (.builtin(let b), _) where Builtins.ufuncMethodNames.contains(name):
      if let v = Builtins.ufuncMethod(b, name) { return v }
    case (.int, _), (.float, _), (.bool, _):
      if let v = try Builtins.numberAttribute(object, name) { return v }
    default: break
    }
    switch object {
    case .module(let m):
      if let v = m.member(name) { return v }
      throw missing(object, name, "module '\(m.name)' has no attribute '\(name)'")
    case .object(let o):
      if let v = o.attributes[name] { return v }
    case .tuple(let t):
      if let v = Builtins.sequenceAttribute({ t }, "tuple", name) { return v }
    case .slice(let a, let b, let c):
      switch name {
      case "start": return a ?? .none
      case "stop": return b ?? .none
      case "step": return c ?? .none
      case "indices":
        return .builtin(
          Builtin("indices") { (args) throws(PyError) -> Value in
            let n = try Operators.integer(try args.required(0, "length", function: "indices"))
            if n < 0 { throw PyError("ValueError", "length should not be negative") }
            let (x, y, z) = try Operators.sliceIndices(a, b, c, count: n)
            return .tuple([.int(x), .int(y), .int(z)])
          })
      default: break
      }
    case .range(let a, let b, let c):
      switch name {
      case "start": return .int(a)
      case "stop": return .int(b)
      case "step": return .int(c)
      case "index", "count":
        // Arithmetic, so a huge range is never listed.
        let n = Operators.rangeLength(a, b, c)
        func position(_ v: Value) -> Int64? {
          guard case .int(let x) = v.isBoolValue ? .int(v.truthBool ? 1 : 0) : v else { return nil }
          let (d, o) = x.subtractingReportingOverflow(a)
          guard !o, d % c == 0 else { return nil }
          let k = d / c
          return k >= 0 && k < n ? k : nil
        }
        return .builtin(
          Builtin(name) { (args) throws(PyError) -> Value in
            let v = try args.required(0, "value", function: name)
            let k = position(v)
            if name == "count" { return .int(k == nil ? 0 : 1) }
            guard let k else { throw PyError("ValueError", "\(Repr.repr(v)) is not in range") }
            return .int(k)
          })
      default: break
      }
    case .exception(let e):
      if name == "args" { return .tuple(e.args) }
      if name == "__cause__" { return e.cause }
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
    case .scalar(let scalar):
      // NumPy's scalars have the ndarray's attributes, as 0-d arrays whose 0-d results are
      // scalars again (`np.float64(2.5).round()`, `.shape`, `.dtype`, `.item()`); float64 is
      // also a Python float (`is_integer`, `hex`).
      let a = NDArray.scalar(scalar)
      if let p = Builtins.arrayProperties[name] { return Operators.unwrapZeroD(try p(a)) }
      for table in Builtins.arrayMethodTables {
        if let method = table[name] {
          return .builtin(
            Builtin(name) { (args) throws(PyError) -> Value in Operators.unwrapZeroD(try method(a, args)) })
        }
      }
      if case .float(let d) = scalar, let v = try Builtins.numberAttribute(.float(d), name) { return v }
    case .list(let box):
      if let method = Builtins.listMethods[name] {
        return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(box, args) })
      }
    case .str(let s):
      if let method = Builtins.stringMethods[name] {
        return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(s, args) })
      }
    case .dict(let d):
      if name == "default_factory", let factory = d.defaultFactory { return factory.value }
      if let method = Builtins.dictMethods[name] {
        return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(d, args) })
      }
    case .set(let d):
      let mutating: Set<String> = [
        "add", "discard", "remove", "pop", "clear", "update", "difference_update", "intersection_update",
        "symmetric_difference_update",
      ]
      if let method = Builtins.setMethods[name], !(d.frozen && mutating.contains(name)) {
        return .builtin(Builtin(name) { (args) throws(PyError) -> Value in try method(d, args) })
      }
    default: break
    }
    if case .classObject(let c) = object {
      throw missing(object, name, "type object '\(c.name)' has no attribute '\(name)'")
    }
    throw missing(object, name, "'\(object.typeName)' object has no attribute '\(name)'")
  }

  /// Attributes of the built-in types: `str.lower` (an unbound method), `str.maketrans`, `dict.fromkeys`.
  static func typeAttribute(_ type: String, _ name: String) throws(PyError) -> Value? {
    func unbound<T>(
      _ method: @escaping (T, Arguments) throws(PyError) -> Value, _ unwrap: @escaping (Value) -> T?
    )
      -> Value
    {
      .builtin(
        Builtin(name) { (args) throws(PyError) -> Value in
          guard let first = args.positional.first else {
            throw PyError("TypeError", "unbound method \(type).\(name)() needs an argument")
          }
          guard let receiver = unwrap(first) else {
            throw PyError(
              "TypeError", "descriptor '\(name)' for '\(type)' objects doesn't apply to a '\(first.typeName)' object")
          }
          var rest = args
          rest.positional.removeFirst()
          return try method(receiver, rest)
        })
    }
    switch (type, name) {
    case ("str", "maketrans"): return .builtin(Builtin("maketrans", Builtins.maketrans))
    case ("float", "fromhex"): return .builtin(Builtin("fromhex", Builtins.floatFromHex))
    case ("dict", "fromkeys"):
      return .builtin(
        Builtin("fromkeys") { (a) throws(PyError) -> Value in
          let d = DictBox()
          let value = a.value(1, "value") ?? .none
          for k in try Operators.iterate(try a.required(0, "iterable", function: "fromkeys")) { try d.set(k, value) }
          return .dict(d)
        })
    case ("str", _):
      guard let m = Builtins.stringMethods[name] else { return nil }
      return unbound(m) { if case .str(let s) = $0 { s } else { nil } }
    case ("list", _):
      guard let m = Builtins.listMethods[name] else { return nil }
      return unbound(m) { if case .list(let l) = $0 { l } else { nil } }
    case ("dict", _):
      guard let m = Builtins.dictMethods[name] else { return nil }
      return unbound(m) { if case .dict(let d) = $0 { d } else { nil } }
    case ("set", _):
      guard let m = Builtins.setMethods[name] else { return nil }
      return unbound(m) { if case .set(let d) = $0 { d } else { nil } }
    default: return nil
    }
  }

  static func missing(_ object: Value, _ name: String, _ message: String) -> PyError {
    var e = PyError("AttributeError", message)
    e.suggest = { Suggestions.forAttribute(name, of: object) }
    return e
  }

  /// `del obj.name` and `delattr(obj, name)`.
  static func delete(_ object: Value, _ name: String) throws(PyError) {
    switch object {
    case .instance(let i):
      if i.attributes.removeValue(forKey: name) != nil {
        i.order.removeAll { $0 == name }
        return
      }
      throw PyError("AttributeError", "'\(i.cls.name)' object has no attribute '\(name)'")
    case .classObject(let c):
      if c.attributes.removeValue(forKey: name) != nil { return }
      throw PyError("AttributeError", "type object '\(c.name)' has no attribute '\(name)'")
    case .module(let m):
      if m.attributes.removeValue(forKey: name) != nil { return }
      throw PyError("AttributeError", "module '\(m.name)' has no attribute '\(name)'")
    case .object(let o):
      if o.attributes.removeValue(forKey: name) != nil { return }
    default: break
    }
    throw PyError("AttributeError", "'\(object.typeName)' object has no attribute '\(name)'")
  }

  static func set(_ object: Value, _ name: String, _ value: Value) throws(PyError) {
    if try ClassAttributes.set(object, name, value) { return }
    if case .module(let m) = object {
      m.setMember(name, value)
      return
    }
    if case .function(let f) = object {
      f.attributes[name] = value
      return
    }
    if case .object(let o) = object, let setter = o.attributeSetter, try setter(name, value) { return }
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
    case (.list, .bool(let b)), (.tuple, .bool(let b)), (.str, .bool(let b)):
      return try getItem(object, .int(b ? 1 : 0))
    case (.range(let a, let b, let c), _): return try rangeItem(a, b, c, index)
    case (.tuple(let t), .int(let i)): return t[try Operators.index(i, count: t.count, what: "tuple")]
    case (.str(let s), .int(let i)):
      let chars = Array(s)
      return .str(String(chars[try Operators.index(i, count: chars.count, what: "string")]))
    case (.list(let l), .slice(let a, let b, let c)): return .list(ListBox(try sliced(l.items, a, b, c)))
    case (.tuple(let t), .slice(let a, let b, let c)): return .tuple(try sliced(t, a, b, c))
    case (.str(let s), .slice(let a, let b, let c)): return .str(String(try sliced(Array(s), a, b, c)))
    case (.dict(let d), _):
      if let v = try d.get(index) { return v }
      // A defaultdict makes, stores and returns the missing value.
      if let factory = d.defaultFactory, !factory.value.isNone {
        let v = try factory.interpreter.call(factory.value, [])
        try d.set(index, v)
        return v
      }
      throw PyError.keyError(index)
    case (.array(let a), _):
      return try Indexing.read(a, index)
    case (.scalar(let s), _):
      return try Indexing.read(scalar: s, index)
    case (.object(let o), _):
      guard let getter = o.itemGetter else {
        throw PyError("TypeError", "'\(object.typeName)' object is not subscriptable")
      }
      return try getter(index)
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
    case (.list(let l), .bool(let b)):
      l.items[try Operators.index(b ? 1 : 0, count: l.items.count, what: "list assignment")] = value
    case (.list(let l), .slice(let a, let b, let c)): try assignSlice(l, a, b, c, value)
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

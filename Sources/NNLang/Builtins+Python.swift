import Foundation
import NNTensor

/// Python's own builtins beyond the first few: iteration helpers, conversions, introspection.
extension Builtins {
  /// Names in the table that are types: `repr` shows `<class '…'>`, `isinstance` takes them.
  static let pythonTypes: Set<String> = [
    "int", "float", "str", "bool", "list", "tuple", "dict", "set", "range", "object", "type",
  ]

  nonisolated(unsafe) static let pythonFunctions: [Entry] = [
    (
      "enumerate", "enumerate(iterable, start=0): (index, item) pairs",
      { (a) throws(PyError) -> Value in
        let items = try Operators.iterate(try a.required(0, "iterable"))
        let start = Int64(try a.int(1, "start", default: 0))
        return .list(ListBox(items.enumerated().map { .tuple([.int(start + Int64($0.offset)), $0.element]) }))
      }
    ),
    (
      "zip", "zip(*iterables): tuples of corresponding items, as long as the shortest",
      { (a) throws(PyError) -> Value in
        var columns: [[Value]] = []
        for v in a.positional { columns.append(try Operators.iterate(v)) }
        let n = columns.map(\.count).min() ?? 0
        return .list(ListBox((0..<n).map { i in .tuple(columns.map { $0[i] }) }))
      }
    ),
    (
      "map", "map(function, *iterables): the function applied to each item",
      { (a) throws(PyError) -> Value in
        let f = try a.required(0, "function")
        var columns: [[Value]] = []
        for v in a.positional.dropFirst() { columns.append(try Operators.iterate(v)) }
        let n = columns.map(\.count).min() ?? 0
        var out: [Value] = []
        for i in 0..<n { out.append(try a.interpreter.call(f, columns.map { $0[i] })) }
        return .list(ListBox(out))
      }
    ),
    (
      "filter", "filter(function, iterable): the items for which function is true",
      { (a) throws(PyError) -> Value in
        let f = try a.required(0, "function")
        var out: [Value] = []
        for item in try Operators.iterate(try a.required(1, "iterable")) {
          let keep = f.isNone ? item : try a.interpreter.call(f, [item])
          if try Operators.truth(keep) { out.append(item) }
        }
        return .list(ListBox(out))
      }
    ),
    (
      "sum", "sum(iterable, start=0): the total of the items",
      { (a) throws(PyError) -> Value in
        let v = try a.required(0, "iterable")
        if case .array(let x) = v {
          // Python's sum over an array adds its rows (or elements) one by one, left to right.
          var total = try a.given(1, "start") ?? .int(0)
          for item in try Operators.iterate(.array(x)) { total = try Operators.binary(.add, total, item) }
          return total
        }
        var total = try a.given(1, "start") ?? .int(0)
        for item in try Operators.iterate(v) { total = try Operators.binary(.add, total, item) }
        return total
      }
    ),
    (
      "min", "min(iterable, *, key=None) or min(a, b, ...): the smallest item",
      { (a) throws(PyError) -> Value in
        try extreme(a, wantMax: false)
      }
    ),
    (
      "max", "max(iterable, *, key=None) or max(a, b, ...): the largest item",
      { (a) throws(PyError) -> Value in
        try extreme(a, wantMax: true)
      }
    ),
    (
      "sorted", "sorted(iterable, *, key=None, reverse=False): a new sorted list (stable)",
      { (a) throws(PyError) -> Value in
        .list(ListBox(try sortedItems(try Operators.iterate(try a.required(0, "iterable")), a)))
      }
    ),
    (
      "reversed", "reversed(sequence): the items in reverse order",
      { (a) throws(PyError) -> Value in
        .list(ListBox(try Operators.iterate(try a.required(0, "sequence")).reversed()))
      }
    ),
    (
      "any", "any(iterable): True if any item is true",
      { (a) throws(PyError) -> Value in
        for item in try Operators.iterate(try a.required(0, "iterable")) where try Operators.truth(item) {
          return .bool(true)
        }
        return .bool(false)
      }
    ),
    (
      "all", "all(iterable): True if every item is true",
      { (a) throws(PyError) -> Value in
        for item in try Operators.iterate(try a.required(0, "iterable")) where !(try Operators.truth(item)) {
          return .bool(false)
        }
        return .bool(true)
      }
    ),
    (
      "bool", "bool(x): the truth value of x",
      { (a) throws(PyError) -> Value in
        .bool(try a.given(0, "x").map { (v) throws(PyError) -> Bool in try Operators.truth(v) } ?? false)
      }
    ),
    (
      "dict", "dict(mapping or pairs, **kwargs): a new dictionary",
      { (a) throws(PyError) -> Value in
        let d = DictBox()
        if let source = a.positional.first {
          if case .dict(let other) = source {
            for (k, v) in zip(other.keys, other.values) { try d.set(k, v) }
          } else {
            for pair in try Operators.iterate(source) {
              let kv = try Operators.iterate(pair)
              guard kv.count == 2 else {
                throw PyError("ValueError", "dictionary update sequence element has length \(kv.count); 2 is required")
              }
              try d.set(kv[0], kv[1])
            }
          }
        }
        for (k, v) in a.keywords { try d.set(.str(k), v) }
        return .dict(d)
      }
    ),
    (
      "set", "set(iterable): a new set of the distinct items",
      { (a) throws(PyError) -> Value in
        let d = DictBox()
        if let source = a.positional.first {
          for item in try Operators.iterate(source) { try d.set(item, .none) }
        }
        return .set(d)
      }
    ),
    ("round", "round(number, ndigits=None): rounded half to even, as Python does", roundNumber),
    (
      "divmod", "divmod(a, b): (a // b, a % b)",
      { (a) throws(PyError) -> Value in
        let x = try a.required(0, "a")
        let y = try a.required(1, "b")
        return .tuple([try Operators.binary(.floorDiv, x, y), try Operators.binary(.mod, x, y)])
      }
    ),
    (
      "pow", "pow(base, exp, mod=None): base ** exp, optionally modulo mod",
      { (a) throws(PyError) -> Value in
        let r = try Operators.binary(.pow, try a.required(0, "base"), try a.required(1, "exp"))
        guard let m = a.given(2, "mod") else { return r }
        return try Operators.binary(.mod, r, m)
      }
    ),
    (
      "isinstance", "isinstance(obj, class_or_tuple): whether obj is an instance of the type(s)",
      { (a) throws(PyError) -> Value in
        let v = try a.required(0, "obj")
        let types = try a.required(1, "class_or_tuple")
        let candidates = (try? Operators.iterate(types)).flatMap { types.isTuple ? $0 : nil } ?? [types]
        for t in candidates where try isInstance(v, of: t) { return .bool(true) }
        return .bool(false)
      }
    ),
    (
      "type", "type(obj): the type of obj",
      { (a) throws(PyError) -> Value in
        let v = try a.required(0, "obj")
        return typeObject(of: v, a.interpreter)
      }
    ),
    (
      "callable", "callable(obj): whether obj can be called",
      { (a) throws(PyError) -> Value in
        switch try a.required(0, "obj") {
        case .function, .builtin, .method, .classObject: return .bool(true)
        case .instance(let i): return .bool(i.cls.lookup("__call__") != nil)
        default: return .bool(false)
        }
      }
    ),
    (
      "hasattr", "hasattr(obj, name): whether the attribute exists",
      { (a) throws(PyError) -> Value in
        guard let name = try a.string(1, "name") else {
          throw PyError("TypeError", "hasattr(): attribute name must be string")
        }
        return .bool((try? Attributes.get(try a.required(0, "obj"), name)) != nil)
      }
    ),
    (
      "getattr", "getattr(obj, name, default): the attribute, or default when missing",
      { (a) throws(PyError) -> Value in
        guard let name = try a.string(1, "name") else {
          throw PyError("TypeError", "getattr(): attribute name must be string")
        }
        let object = try a.required(0, "obj")
        do throws(PyError) {
          return try Attributes.get(object, name)
        } catch {
          if error.type == "AttributeError", let d = a.value(2, "default") { return d }
          throw error
        }
      }
    ),
    (
      "setattr", "setattr(obj, name, value): set the attribute",
      { (a) throws(PyError) -> Value in
        guard let name = try a.string(1, "name") else {
          throw PyError("TypeError", "setattr(): attribute name must be string")
        }
        try Attributes.set(try a.required(0, "obj"), name, try a.required(2, "value"))
        return .none
      }
    ),
    (
      "chr", "chr(i): the one-character string of code point i",
      { (a) throws(PyError) -> Value in
        let i = try Operators.integer(try a.required(0, "i"))
        guard i >= 0, i <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(i)) else {
          throw PyError("ValueError", "chr() arg not in range(0x110000)")
        }
        return .str(String(Character(scalar)))
      }
    ),
    (
      "ord", "ord(c): the code point of a one-character string",
      { (a) throws(PyError) -> Value in
        guard case .str(let s) = try a.required(0, "c"), s.unicodeScalars.count == 1, let u = s.unicodeScalars.first
        else {
          throw PyError("TypeError", "ord() expected a character")
        }
        return .int(Int64(u.value))
      }
    ),
    (
      "format", "format(value, format_spec=''): the value formatted by the spec",
      { (a) throws(PyError) -> Value in
        .str(try Format.format(try a.required(0, "value"), spec: try a.string(1, "format_spec") ?? ""))
      }
    ),
    (
      "id", "id(obj): an integer unique to the object while it lives",
      { (a) throws(PyError) -> Value in
        .int(identity(try a.required(0, "obj")))
      }
    ),
    (
      "hash", "hash(obj): the hash of a hashable object",
      { (a) throws(PyError) -> Value in
        let v = try a.required(0, "obj")
        guard let k = HashKey(v) else { throw PyError("TypeError", "unhashable type: '\(v.typeName)'") }
        return .int(Int64(truncatingIfNeeded: k.hashValue))
      }
    ),
    (
      "iter", "iter(iterable): an iterator over the items",
      { (a) throws(PyError) -> Value in
        .object(iteratorObject(try Operators.iterate(try a.required(0, "iterable"))))
      }
    ),
    (
      "next", "next(iterator, default): the next item",
      { (a) throws(PyError) -> Value in
        guard case .object(let o) = try a.required(0, "iterator"), case .builtin(let step)? = o.attributes["__next__"]
        else {
          throw PyError("TypeError", "'\(try a.required(0, "iterator").typeName)' object is not an iterator")
        }
        do throws(PyError) {
          return try step.body(a)
        } catch {
          if error.type == "StopIteration", let d = a.value(1, "default") { return d }
          throw error
        }
      }
    ),
    (
      "staticmethod", "staticmethod(function): a method that takes no self",
      { (a) throws(PyError) -> Value in
        .wrapper(MethodWrapper(.staticMethod, try a.required(0, "function")))
      }
    ),
    (
      "classmethod", "classmethod(function): a method that takes the class as its first argument",
      { (a) throws(PyError) -> Value in
        .wrapper(MethodWrapper(.classMethod, try a.required(0, "function")))
      }
    ),
    (
      "property", "property(getter): an attribute computed by a method",
      { (a) throws(PyError) -> Value in
        .wrapper(MethodWrapper(.property, try a.required(0, "fget")))
      }
    ),
    ("object", "object(): the base of every class", { (_) throws(PyError) -> Value in .none }),
    (
      "issubclass", "issubclass(cls, class_or_tuple): whether cls derives from the class(es)",
      { (a) throws(PyError) -> Value in
        let c = try a.required(0, "cls")
        let types = try a.required(1, "class_or_tuple")
        let candidates: [Value] = types.isTuple ? try Operators.iterate(types) : [types]
        for t in candidates {
          switch (c, t) {
          case (.classObject(let x), .classObject(let y)) where x.isSubclass(of: y): return .bool(true)
          case (.classObject(let x), .builtin(let b))
          where b.name == "object" || (x.exceptionBase.map { Exceptions.isSubclass($0, of: b.name) } ?? false):
            return .bool(true)
          case (.builtin(let x), .builtin(let y))
          where x.name == y.name || Exceptions.isSubclass(x.name, of: y.name) && Exceptions.bases[x.name] != nil:
            return .bool(true)
          default: continue
          }
        }
        return .bool(false)
      }
    ),
    (
      "sigmoid", "sigmoid(x): 1 / (1 + exp(-x)), elementwise in one overflow-safe pass (nn's, not NumPy's)",
      { (a) throws(PyError) -> Value in
        let v = try a.required(0, "x")
        let x = try Operators.tensorOperand(v)
        return Operators.wrap(try tensor { () throws(TensorError) in try x.map(.sigmoid) }, scalarResult: !v.isArray)
      }
    ),
    ("exit", "exit(code=None): leave nn", exitProgram),
    ("quit", "quit(code=None): leave nn", exitProgram),
  ]

  static func exitProgram(_ a: Arguments) throws(PyError) -> Value {
    var e = PyError("SystemExit", "")
    if let code = a.given(0, "code") { e.message = Repr.str(code) }
    throw e
  }

  /// `min`/`max` over one iterable or several arguments, with `key=` and `default=`.
  static func extreme(_ a: Arguments, wantMax: Bool) throws(PyError) -> Value {
    let name = wantMax ? "max" : "min"
    let items = a.positional.count == 1 ? try Operators.iterate(a.positional[0]) : a.positional
    let key = a.keywords.first { $0.0 == "key" }?.1
    guard var best = items.first else {
      if let d = a.keywords.first(where: { $0.0 == "default" })?.1 { return d }
      throw PyError("ValueError", "\(name)() iterable argument is empty")
    }
    var bestKey = try key.map { (k) throws(PyError) -> Value in try a.interpreter.call(k, [best]) } ?? best
    for item in items.dropFirst() {
      let k = try key.map { (f) throws(PyError) -> Value in try a.interpreter.call(f, [item]) } ?? item
      let better = try Operators.truth(try Operators.compare(wantMax ? ">" : "<", k, bestKey))
      if better {
        best = item
        bestKey = k
      }
    }
    return best
  }

  static func sortedItems(_ items: [Value], _ a: Arguments) throws(PyError) -> [Value] {
    let key = a.keywords.first { $0.0 == "key" }?.1
    let reverse =
      try a.keywords.first { $0.0 == "reverse" }.map { (kv) throws(PyError) -> Bool in try Operators.truth(kv.1) }
      ?? false
    var keyed: [(Value, Value)] = []
    for item in items {
      keyed.append((try key.map { (f) throws(PyError) -> Value in try a.interpreter.call(f, [item]) } ?? item, item))
    }
    // A stable merge sort that can throw (Python compares with __lt__, which may fail).
    func less(_ x: Value, _ y: Value) throws(PyError) -> Bool {
      try Operators.truth(try Operators.compare("<", x, y))
    }
    var data = keyed
    var width = 1
    while width < data.count {
      var merged: [(Value, Value)] = []
      merged.reserveCapacity(data.count)
      var start = 0
      while start < data.count {
        let mid = min(start + width, data.count)
        let end = min(start + 2 * width, data.count)
        var i = start
        var j = mid
        while i < mid && j < end {
          let takeRight = reverse ? try less(data[i].0, data[j].0) : try less(data[j].0, data[i].0)
          if takeRight {
            merged.append(data[j])
            j += 1
          } else {
            merged.append(data[i])
            i += 1
          }
        }
        merged.append(contentsOf: data[i..<mid])
        merged.append(contentsOf: data[j..<end])
        start = end
      }
      data = merged
      width *= 2
    }
    return data.map(\.1)
  }

  static func roundNumber(_ a: Arguments) throws(PyError) -> Value {
    let v = try a.required(0, "number")
    let digits = try a.optionalInt(1, "ndigits")
    switch v {
    case .int(let i):
      guard let d = digits, d < 0 else { return .int(i) }
      let p = Foundation.pow(10.0, Double(-d))
      return .int(try Operators.exactInt((Double(i) / p).rounded(.toNearestOrEven) * p))
    case .bool(let b): return .int(b ? 1 : 0)
    case .array, .scalar:
      let x = try Operators.tensorOperand(v)
      let r = try roundHalfEven(x, decimals: digits ?? 0)
      return Operators.wrap(r, scalarResult: true)
    default:
      let x = try Operators.number(v)
      guard let d = digits else {
        guard x.isFinite else {
          throw PyError(
            x.isNaN ? "ValueError" : "OverflowError",
            x.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
        }
        return .int(try Operators.exactInt(x.rounded(.toNearestOrEven)))
      }
      return .float(pythonRound(x, d))
    }
  }

  /// Python's `round(x, n)` for floats: the correctly rounded decimal, half to even, via the
  /// shortest repr of the value scaled (CPython rounds the exact binary value; %.*f does too).
  static func pythonRound(_ x: Double, _ n: Int) -> Double {
    guard x.isFinite, n < 300, n > -300 else { return x }
    if n >= 0 {
      let text = String(format: "%.\(n)f", x)
      return Double(text) ?? x
    }
    let p = Foundation.pow(10.0, Double(-n))
    return (x / p).rounded(.toNearestOrEven) * p
  }

  static func roundHalfEven(_ x: NDArray, decimals: Int) throws(PyError) -> NDArray {
    let f = x.astype(.float64)
    if decimals == 0 { return try tensor { () throws(TensorError) in try f.map(.rint) } }
    let scale = Foundation.pow(10.0, Double(decimals))
    return try tensor { () throws(TensorError) in
      try NDArray.apply(.divide, try NDArray.apply(.multiply, f, .scalar(scale)).map(.rint), .scalar(scale))
    }
  }

  /// `isinstance(v, t)` for the built-in types, NumPy's types and native objects.
  static func isInstance(_ v: Value, of t: Value) throws(PyError) -> Bool {
    if case .classObject = t {
    } else {
      guard case .builtin(let b) = t, b.isType else {
        throw PyError("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union")
      }
      _ = b
    }
    let b: Builtin
    if case .builtin(let bt) = t {
      b = bt
    } else {
      b = Builtin("", isType: true) { (_) throws(PyError) -> Value in .none }
    }
    if case .instance(let i) = v, case .classObject(let c) = t { return i.cls.isSubclass(of: c) }
    if case .exception(let e) = v, case .classObject(let c) = t { return e.cls?.isSubclass(of: c) ?? false }
    if case .classObject = t { return false }
    if case .exception(let e) = v, case .builtin(let b) = t, b.isType,
      Exceptions.bases[Exceptions.shortName(b.name)] != nil
    {
      return Exceptions.isSubclass(e.base ?? e.type, of: b.name)
    }
    switch (b.name, v) {
    case ("object", _): return true
    case ("int", .int), ("int", .bool), ("bool", .bool), ("str", .str), ("list", .list), ("tuple", .tuple),
      ("dict", .dict), ("set", .set), ("range", .range), ("float", .float), ("float", .scalar(.float)),
      ("numpy.ndarray", .array), ("numpy.float64", .scalar(.float)), ("numpy.int64", .scalar(.int)),
      ("numpy.bool", .scalar(.bool)):
      return true
    default: return false
    }
  }

  static func typeObject(of v: Value, _ interpreter: Interpreter) -> Value {
    if case .instance(let i) = v { return .classObject(i.cls) }
    if case .exception(let e) = v, let c = e.cls { return .classObject(c) }
    let name = v.typeName
    if let t = interpreter.builtins[name], case .builtin(let b) = t, b.isType { return t }
    return .builtin(
      Builtin(name, isType: true) { (_) throws(PyError) -> Value in
        throw PyError("TypeError", "cannot create '\(name)' instances")
      })
  }

  static func identity(_ v: Value) -> Int64 {
    func address(_ o: AnyObject) -> Int64 { Int64(truncatingIfNeeded: ObjectIdentifier(o).hashValue) }
    switch v {
    case .list(let o): return address(o)
    case .dict(let o), .set(let o): return address(o)
    case .array(let o): return address(o)
    case .function(let o): return address(o)
    case .builtin(let o): return address(o)
    case .module(let o): return address(o)
    case .object(let o): return address(o)
    default: return Int64(truncatingIfNeeded: HashKey(v)?.hashValue ?? 0)
    }
  }

  /// An iterator over a materialized list of items, with `__next__` for `next()`.
  static func iteratorObject(_ items: [Value]) -> NativeObject {
    final class Position { var index = 0 }
    let position = Position()
    let object = NativeObject(typeName: "iterator", repr: { "<iterator object>" })
    object.attributes["__next__"] = .builtin(
      Builtin("__next__") { (_) throws(PyError) -> Value in
        guard position.index < items.count else { throw PyError("StopIteration", "") }
        position.index += 1
        return items[position.index - 1]
      })
    object.attributes["__items__"] = .list(ListBox(items))
    return object
  }
}

extension Value {
  var isTuple: Bool {
    if case .tuple = self { return true }
    return false
  }
}

extension Interpreter {
  /// Calls a value with positional arguments (for `map`, `sorted(key=)`, ...).
  func call(_ f: Value, _ positional: [Value]) throws(PyError) -> Value {
    try call(f, Arguments(positional: positional, keywords: [], interpreter: self))
  }
}

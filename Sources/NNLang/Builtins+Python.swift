import Foundation
import NNTensor

/// Python's own builtins beyond the first few: iteration helpers, conversions, introspection.
extension Builtins {
  /// Names in the table that are types: `repr` shows `<class '…'>`, `isinstance` takes them.
  static let pythonTypes: Set<String> = [
    "int", "float", "str", "bool", "list", "tuple", "dict", "set", "frozenset", "range", "object", "type",
  ]

  nonisolated(unsafe) static let pythonFunctions: [Entry] = [
    (
      "enumerate", "enumerate(iterable, start=0): (index, item) pairs",
      { (a) throws(PyError) -> Value in
        let items = try Operators.iterate(try a.required(0, "iterable"))
        let start = Int64(try a.int(1, "start", default: 0))
        return .object(
          iteratorObject(
            items.enumerated().map { .tuple([.int(start + Int64($0.offset)), $0.element]) }, typeName: "enumerate"))
      }
    ),
    (
      "zip", "zip(*iterables): tuples of corresponding items, as long as the shortest",
      { (a) throws(PyError) -> Value in
        try a.checkKeywords(["strict"], function: "zip")
        let columns = try parallelColumns(a.positional)
        let n = columns.map(\.count).min() ?? 0
        if try a.bool(-1, "strict", default: false), let first = columns.first {
          for (k, c) in columns.enumerated() where c.count != first.count {
            let which = c.count < first.count ? "shorter" : "longer"
            let plural = k == 1 ? "argument 1" : "arguments 1-\(k)"
            throw PyError("ValueError", "zip() argument \(k + 1) is \(which) than \(plural)")
          }
        }
        return .object(iteratorObject((0..<n).map { i in .tuple(columns.map { $0[i] }) }, typeName: "zip"))
      }
    ),
    (
      "map", "map(function, *iterables): the function applied to each item",
      { (a) throws(PyError) -> Value in
        let f = try a.required(0, "function")
        let columns = try parallelColumns(Array(a.positional.dropFirst()))
        let n = columns.map(\.count).min() ?? 0
        var out: [Value] = []
        for i in 0..<n { out.append(try a.interpreter.call(f, columns.map { $0[i] })) }
        return .object(iteratorObject(out, typeName: "map"))
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
        return .object(iteratorObject(out, typeName: "filter"))
      }
    ),
    (
      "sum", "sum(iterable, start=0): the total of the items",
      { (a) throws(PyError) -> Value in
        let v = try a.required(0, "iterable")
        if case .array(let x) = v {
          // Python's sum over an array adds its rows (or elements) one by one, left to right.
          var total = a.given(1, "start") ?? .int(0)
          for item in try Operators.iterate(.array(x)) { total = try Operators.binary(.add, total, item) }
          return total
        }
        var total = a.given(1, "start") ?? .int(0)
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
        .object(
          iteratorObject(
            try Operators.iterate(try a.required(0, "sequence")).reversed(), typeName: "list_reverseiterator"))
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
    (
      "frozenset", "frozenset(iterable): an immutable, hashable set of the distinct items",
      { (a) throws(PyError) -> Value in
        if case .set(let s)? = a.positional.first, s.frozen { return .set(s) }
        let d = DictBox()
        if let source = a.positional.first {
          for item in try Operators.iterate(source) { try d.set(item, .none) }
        }
        d.frozen = true
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
        let base = try a.required(0, "base")
        let exp = try a.required(1, "exp")
        guard let m = a.given(2, "mod") else { return try Operators.binary(.pow, base, exp) }
        if case .int(let b) = base, case .int(let e) = exp, case .int(let n) = m {
          return .int(try modularPower(b, e, n))
        }
        return try Operators.binary(.mod, try Operators.binary(.pow, base, exp), m)
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
        let c = try a.required(0, "c")
        guard case .str(let s) = c else {
          throw PyError("TypeError", "ord() expected string of length 1, but \(c.typeName) found")
        }
        guard s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else {
          throw PyError("TypeError", "ord() expected a character, but string of length \(s.unicodeScalars.count) found")
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
        guard let h = PyHash.of(v) else { throw PyError("TypeError", "unhashable type: '\(v.typeName)'") }
        return .int(h)
      }
    ),
    (
      "iter", "iter(iterable): an iterator over the items",
      { (a) throws(PyError) -> Value in
        let v = try a.required(0, "iterable")
        // An iterator is its own iterator: `iter(it)` continues where it is.
        if case .object(let o) = v, o.iterator != nil || o.lazyNext != nil { return v }
        return .object(iteratorObject(try Operators.iterate(v)))
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
    (
      "object", "object(): the base of every class",
      { (_) throws(PyError) -> Value in
        let o = NativeObject(typeName: "object", repr: { "<object object>" })
        return .object(o)
      }
    ),
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
          where x.name == y.name || y.name == "object" || (x.name == "bool" && y.name == "int")
            || Exceptions.isSubclass(x.name, of: y.name) && Exceptions.bases[x.name] != nil:
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
    if a.positional.isEmpty { throw PyError("TypeError", "\(name) expected at least 1 argument, got 0") }
    let items = a.positional.count == 1 ? try Operators.iterate(a.positional[0]) : a.positional
    let key = a.keywords.first { $0.0 == "key" }?.1
    guard var best = items.first else {
      if let d = a.keywords.first(where: { $0.0 == "default" })?.1 { return d }
      throw PyError("ValueError", "\(name)() arg is an empty sequence")
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
    case .float: break
    default:
      if case .instance(let i) = v,
        let r = try i.cls.interpreter.special(i, "__round__", digits.map { [.int(Int64($0))] } ?? [])
      {
        return r
      }
      throw PyError("TypeError", "type \(v.typeName) doesn't define __round__ method")
    }
    do {
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
    if case .instance(let i) = v, let base = i.cls.exceptionBase, Exceptions.bases[Exceptions.shortName(b.name)] != nil
    {
      return Exceptions.isSubclass(base, of: b.name)
    }
    if case .exception(let e) = v, case .builtin(let b) = t, b.isType,
      Exceptions.bases[Exceptions.shortName(b.name)] != nil
    {
      return Exceptions.isSubclass(e.base ?? e.type, of: b.name)
    }
    switch (b.name, v) {
    case ("object", _): return true
    case ("type", .classObject): return true
    case ("type", .builtin(let t)) where t.isType: return true
    case ("frozenset", .set(let d)): return d.frozen
    case ("set", .set(let d)): return !d.frozen
    case ("int", .int), ("int", .bool), ("bool", .bool), ("str", .str), ("list", .list), ("tuple", .tuple),
      ("dict", .dict), ("range", .range), ("float", .float), ("float", .scalar(.float)),
      ("numpy.ndarray", .array), ("numpy.float64", .scalar(.float)), ("numpy.int64", .scalar(.int)),
      ("numpy.bool", .scalar(.bool)):
      return true
    default: return false
    }
  }

  /// The items of iterables walked side by side (zip, map): an endless iterator gives only
  /// as many items as the shortest finite one has.
  static func parallelColumns(_ iterables: [Value]) throws(PyError) -> [[Value]] {
    var columns: [[Value]?] = []
    var shortest: Int?
    for v in iterables {
      if case .object(let o) = v, o.lazyNext != nil {
        columns.append(nil)
      } else {
        let items = try Operators.iterate(v)
        shortest = min(shortest ?? items.count, items.count)
        columns.append(items)
      }
    }
    var out: [[Value]] = []
    for (v, column) in zip(iterables, columns) {
      if let column {
        out.append(column)
        continue
      }
      guard case .object(let o) = v, let next = o.lazyNext, let n = shortest else {
        throw PyError("MemoryError", "the iterator does not end")
      }
      var items: [Value] = []
      while items.count < n, let x = try next() { items.append(x) }
      out.append(items)
    }
    return out
  }

  /// `pow(b, e, m)` on ints without forming b**e; a negative e uses the modular inverse.
  static func modularPower(_ b: Int64, _ e: Int64, _ m: Int64) throws(PyError) -> Int64 {
    if m == 0 { throw PyError("ValueError", "pow() 3rd argument cannot be 0") }
    let modulus = m.magnitude
    func mulmod(_ x: UInt64, _ y: UInt64) -> UInt64 {
      let (high, low) = x.multipliedFullWidth(by: y)
      return modulus.dividingFullWidth((high, low)).remainder
    }
    let r = b.magnitude % modulus
    var base = b >= 0 || r == 0 ? r : modulus - r
    var exponent = e.magnitude
    if e < 0 {
      guard modulus <= UInt64(Int64.max) else { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      // The inverse by the extended Euclidean algorithm.
      let n = Int64(modulus)
      var (r0, r1) = (n, Int64(base))
      var (t0, t1): (Int64, Int64) = (0, 1)
      while r1 != 0 {
        let q = r0 / r1
        (r0, r1) = (r1, r0 - q * r1)
        (t0, t1) = (t1, t0 - q * t1)
      }
      guard r0 == 1 else { throw PyError("ValueError", "base is not invertible for the given modulus") }
      let t = t0 % n
      base = UInt64(t < 0 ? t + n : t)
    }
    var result: UInt64 = 1 % modulus
    while exponent > 0 {
      if exponent & 1 == 1 { result = mulmod(result, base) }
      base = mulmod(base, base)
      exponent >>= 1
    }
    // Python's result takes the sign of the modulus.
    let value = Int64(bitPattern: result)
    return m < 0 && value != 0 ? value + m : value
  }

  static func typeObject(of v: Value, _ interpreter: Interpreter) -> Value {
    if case .instance(let i) = v { return .classObject(i.cls) }
    if case .exception(let e) = v, let c = e.cls { return .classObject(c) }
    // Classes and the built-in types are instances of `type`.
    switch v {
    case .classObject: if let t = interpreter.builtins["type"] { return t }
    case .builtin(let b) where b.isType: if let t = interpreter.builtins["type"] { return t }
    default: break
    }
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

  /// A one-shot iterator over a materialized list of items, with `__next__` for `next()`.
  static func iteratorObject(_ items: [Value], typeName: String = "list_iterator") -> NativeObject {
    let state = IteratorState(items)
    let object = NativeObject(typeName: typeName, repr: { "<\(typeName) object>" })
    object.iterator = state
    object.attributes["__next__"] = .builtin(
      Builtin("__next__") { (_) throws(PyError) -> Value in
        guard state.index < state.items.count else { throw PyError("StopIteration", "") }
        state.index += 1
        return state.items[state.index - 1]
      })
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

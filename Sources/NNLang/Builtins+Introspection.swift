import Foundation

/// CPython's hash of numbers and tuples (Python/pyhash.c, Objects/tupleobject.c): ints
/// modulo 2**61 - 1, floats by their exact value so `hash(1.0) == hash(1)`, tuples by xxHash.
enum PyHash {
  static let bits: UInt64 = 61
  static let modulus: UInt64 = (1 << 61) - 1

  static func of(_ v: Value) -> Int64? {
    switch v {
    case .int(let i): return int(i)
    case .bool(let b): return b ? 1 : 0
    case .float(let d): return double(d)
    case .scalar(.int(let i)): return int(i)
    case .scalar(.float(let d)): return double(d)
    case .scalar(.bool(let b)): return b ? 1 : 0
    case .tuple(let items):
      var acc: UInt64 = 2_870_177_450_012_600_261
      for item in items {
        guard let h = of(item) else { return nil }
        acc = acc &+ UInt64(bitPattern: h) &* 14_029_467_366_897_019_727
        acc = (acc << 31) | (acc >> 33)
        acc = acc &* 11_400_714_785_074_694_791
      }
      acc = acc &+ (UInt64(items.count) ^ (2_870_177_450_012_600_261 ^ 3_527_539))
      return acc == UInt64.max ? 1_546_275_796 : Int64(bitPattern: acc)
    default:
      // Strings hash differently in every CPython run; any stable hash will do.
      guard let k = HashKey(v) else { return nil }
      return Int64(truncatingIfNeeded: k.hashValue)
    }
  }

  static func int(_ i: Int64) -> Int64 {
    let r = Int64(i.magnitude % modulus)
    let h = i < 0 ? -r : r
    return h == -1 ? -2 : h
  }

  static func double(_ d: Double) -> Int64 {
    if d.isInfinite { return d > 0 ? 314_159 : -314_159 }
    if d.isNaN { return 0 }
    var e32: Int32 = 0
    var m = frexp(d, &e32)
    var e = Int(e32)
    var sign: Int64 = 1
    if m < 0 {
      sign = -1
      m = -m
    }
    var x: UInt64 = 0
    while m != 0 {
      x = ((x << 28) & modulus) | x >> (bits - 28)
      m *= 268_435_456.0
      e -= 28
      let y = UInt64(m)
      m -= Double(y)
      x += y
      if x >= modulus { x -= modulus }
    }
    let shift = e >= 0 ? UInt64(e) % bits : bits - 1 - UInt64(-1 - e) % bits
    x = ((x << shift) & modulus) | x >> (bits - shift)
    let h = Int64(x) * sign
    return h == -1 ? -2 : h
  }
}

/// Builtins that look at objects and namespaces: delattr, vars, globals, slice.
extension Builtins {
  nonisolated(unsafe) static let introspectionFunctions: [Entry] = [
    (
      "delattr", "delattr(obj, name): delete the attribute",
      { (a) throws(PyError) -> Value in
        guard let name = try a.string(1, "name") else {
          throw PyError("TypeError", "delattr expected 2 arguments, got \(a.positional.count)")
        }
        try Attributes.delete(try a.required(0, "obj", function: "delattr"), name)
        return .none
      }
    ),
    (
      "vars", "vars(obj): the object's attributes as a dict",
      { (a) throws(PyError) -> Value in
        let v = try a.required(0, "object", function: "vars")
        switch v {
        case .instance(let i): return try i.dictValue()
        case .module(let m):
          let d = DictBox()
          for k in m.attributes.keys.sorted() { try d.set(.str(k), m.attributes[k] ?? .none) }
          return .dict(d)
        case .classObject(let c):
          let d = DictBox()
          for k in c.attributes.keys.sorted() { try d.set(.str(k), c.attributes[k] ?? .none) }
          return .dict(d)
        default: throw PyError("TypeError", "vars() argument must have __dict__ attribute")
        }
      }
    ),
    (
      "globals", "globals(): the module's names and values, as a dict",
      { (a) throws(PyError) -> Value in try a.interpreter.globals.dictValue() }
    ),
    (
      "slice", "slice(stop) / slice(start, stop[, step]): a slice object",
      { (a) throws(PyError) -> Value in
        switch a.positional.count {
        case 1: return .slice(nil, a.positional[0], nil)
        case 2: return .slice(a.positional[0], a.positional[1], nil)
        case 3: return .slice(a.positional[0], a.positional[1], a.positional[2])
        default: throw PyError("TypeError", "slice expected at least 1 argument, got \(a.positional.count)")
        }
      }
    ),
  ]
}

extension Globals {
  /// The bound names, in the order they were first compiled, as a dict snapshot.
  func dictValue() throws(PyError) -> Value {
    let d = DictBox()
    for (name, slot) in slots.sorted(by: { $0.value < $1.value }) where !name.hasPrefix("\u{0}") {
      if let v = values[slot] { try d.set(.str(name), v) }
    }
    return .dict(d)
  }
}

/// `locals()` (and `vars()` with no argument): the running function's bound locals, or the
/// module's names at module level.
final class LocalsNode: Node {
  let names: [String]?
  init(_ names: [String]?, _ span: Span) {
    self.names = names
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    guard let names else { return try f.globals.dictValue() }
    let d = DictBox()
    for (slot, name) in names.enumerated() where slot < f.slotCount {
      if let v = f.locals[slot] { try d.set(.str(name), v) }
    }
    return .dict(d)
  }
}

import Foundation
import NNTensor

enum BinaryOp: String {
  case add = "+"
  case sub = "-"
  case mul = "*"
  case div = "/"
  case floorDiv = "//"
  case mod = "%"
  case pow = "**"
  case matmul = "@"
  case and = "&"
  case or = "|"
  case xor = "^"
  case lshift = "<<"
  case rshift = ">>"

  var tensorOp: NNTensor.BinaryOperator? {
    switch self {
    case .add: .add
    case .sub: .subtract
    case .mul: .multiply
    case .div: .divide
    case .floorDiv: .floorDivide
    case .mod: .remainder
    case .pow: .power
    case .and: .bitwiseAnd
    case .or: .bitwiseOr
    case .xor: .bitwiseXor
    default: nil
    }
  }
}

/// Python's operator semantics on values; arrays and NumPy scalars go to NNTensor.
enum Operators {
  static func unsupported(_ op: String, _ l: Value, _ r: Value) -> PyError {
    switch (op, l) {
    case ("+", .str), ("+", .list), ("+", .tuple):
      return PyError("TypeError", "can only concatenate \(l.typeName) (not \"\(r.typeName)\") to \(l.typeName)")
    case ("*", .str), ("*", .list), ("*", .tuple):
      return PyError("TypeError", "can't multiply sequence by non-int of type '\(r.typeName)'")
    case ("*", _):
      switch r {
      case .str, .list, .tuple:
        return PyError("TypeError", "can't multiply sequence by non-int of type '\(l.typeName)'")
      default: break
      }
    case ("**", _):
      return PyError("TypeError", "unsupported operand type(s) for ** or pow(): '\(l.typeName)' and '\(r.typeName)'")
    default: break
    }
    return PyError("TypeError", "unsupported operand type(s) for \(op): '\(l.typeName)' and '\(r.typeName)'")
  }

  /// The special method names of each operator, and of its reflected form.
  static let dunder: [BinaryOp: (String, String)] = [
    .add: ("__add__", "__radd__"), .sub: ("__sub__", "__rsub__"), .mul: ("__mul__", "__rmul__"),
    .div: ("__truediv__", "__rtruediv__"), .floorDiv: ("__floordiv__", "__rfloordiv__"),
    .mod: ("__mod__", "__rmod__"), .pow: ("__pow__", "__rpow__"), .matmul: ("__matmul__", "__rmatmul__"),
  ]

  /// `l op r`. Array arithmetic records NumPy's RuntimeWarnings into `interpreter` when given
  /// (the operator nodes give theirs, and show them); other callers let them pass silently.
  static func binary(
    _ op: BinaryOp, _ l: Value, _ r: Value, recordingInto interpreter: Interpreter? = nil
  ) throws(PyError) -> Value {
    if case .instance(let i) = l, let (name, _) = dunder[op], let v = try i.cls.interpreter.special(i, name, [r]) {
      return v
    }
    if case .instance(let i) = r, let (_, name) = dunder[op], let v = try i.cls.interpreter.special(i, name, [l]) {
      return v
    }
    switch (l, r) {
    case (.int(let a), .int(let b)): return try intBinary(op, a, b)
    case (.float, .float), (.float, .int), (.int, .float), (.bool, .float), (.float, .bool):
      return try floatBinary(op, try number(l), try number(r))
    case (.bool(let a), .bool(let b)) where op == .and || op == .or || op == .xor:
      switch op {
      case .and: return .bool(a && b)
      case .or: return .bool(a || b)
      default: return .bool(a != b)
      }
    case (.bool, .int), (.int, .bool), (.bool, .bool):
      return try intBinary(op, try integer(l), try integer(r))
    case (.str(let a), .str(let b)) where op == .add: return .str(a + b)
    case (.str(let s), .int(let n)) where op == .mul, (.int(let n), .str(let s)) where op == .mul:
      guard n > 0 else { return .str("") }
      try checkSize(n, s.utf8.count)
      return .str(String(repeating: s, count: Int(n)))
    case (.str(let s), _) where op == .mod: return .str(try Format.percent(s, r))
    case (.set, .set), (.dict, .dict), (.object, _), (_, .object):
      if let v = try containerBinary(op, l, r) { return v }
    case (.list(let a), .list(let b)) where op == .add: return .list(ListBox(a.items + b.items))
    case (.tuple(let a), .tuple(let b)) where op == .add: return .tuple(a + b)
    case (.int(let n), .list(let a)) where op == .mul:
      return try binary(.mul, .list(a), .int(n))
    case (.tuple(let t), .int(let n)) where op == .mul, (.int(let n), .tuple(let t)) where op == .mul:
      guard n > 0 else { return .tuple([]) }
      try checkSize(n, t.count * 32)
      var items: [Value] = []
      for _ in 0..<Int(n) { items.append(contentsOf: t) }
      return .tuple(items)
    case (.list(let a), .int(let n)) where op == .mul:
      var items: [Value] = []
      guard n > 0 else { return .list(ListBox([])) }
      try checkSize(n, a.items.count * 32)
      for _ in 0..<Int(n) { items.append(contentsOf: a.items) }
      return .list(ListBox(items))
    // A NumPy int repeats a sequence as an int does (it has __index__): `'#' * counts[i]`.
    case (.str, .scalar(.int(let n))) where op == .mul, (.list, .scalar(.int(let n))) where op == .mul,
      (.tuple, .scalar(.int(let n))) where op == .mul:
      return try binary(.mul, l, .int(n))
    case (.scalar(.int(let n)), .str) where op == .mul, (.scalar(.int(let n)), .list) where op == .mul,
      (.scalar(.int(let n)), .tuple) where op == .mul:
      return try binary(.mul, .int(n), r)
    default: break
    }
    if let a = try? tensorOperand(l), let b = try? tensorOperand(r) {
      if l.isTensorLike || r.isTensorLike {
        do {
          if op == .matmul { return wrap(try NDArray.matmul(a, b), scalarResult: false) }
          guard let t = op.tensorOp else { throw unsupported(op.rawValue, l, r) }
          var warnings = Warnings()
          let result = try NDArray.apply(t, a, b, warnings: &warnings)
          try interpreter?.record(warnings)
          return wrap(result, scalarResult: !l.isArray && !r.isArray)
        } catch let e as TensorError {
          throw PyError(tensor: e)
        } catch let e as PyError {
          throw e
        } catch {
          throw PyError("RuntimeError", "\(error)")
        }
      }
    }
    throw unsupported(op.rawValue, l, r)
  }

  /// `x op= y`: arrays update in place (NumPy semantics), everything else rebinds.
  static func inPlace(
    _ op: BinaryOp, _ l: Value, _ r: Value, recordingInto interpreter: Interpreter? = nil
  ) throws(PyError) -> Value {
    if case .instance(let i) = l, let (name, _) = dunder[op],
      let v = try i.cls.interpreter.special(i, "__i" + name.dropFirst(2), [r])
    {
      return v
    }
    if let v = try containerInPlace(op, l, r) { return v }
    if case .array(let a) = l, let t = op.tensorOp {
      let b = try tensorOperand(r)
      var warnings = Warnings()
      do { try a.applyInPlace(t, b, warnings: &warnings) } catch { throw PyError(tensor: error) }
      try interpreter?.record(warnings)
      return l
    }
    if case .list(let box) = l, op == .add {
      box.items.append(contentsOf: try iterate(r))
      return l
    }
    return try binary(op, l, r, recordingInto: interpreter)
  }

  static func intBinary(_ op: BinaryOp, _ a: Int64, _ b: Int64) throws(PyError) -> Value {
    func checked(_ r: (Int64, Bool)) throws(PyError) -> Value {
      if r.1 { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      return .int(r.0)
    }
    switch op {
    case .add: return try checked(a.addingReportingOverflow(b))
    case .sub: return try checked(a.subtractingReportingOverflow(b))
    case .mul: return try checked(a.multipliedReportingOverflow(by: b))
    case .div:
      if b == 0 { throw PyError("ZeroDivisionError", "division by zero") }
      return .float(Double(a) / Double(b))
    case .floorDiv, .mod:
      if b == 0 {
        throw PyError("ZeroDivisionError", op == .mod ? "integer modulo by zero" : "integer division or modulo by zero")
      }
      if a == .min && b == -1 { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      var q = a / b
      var m = a % b
      if m != 0 && ((m < 0) != (b < 0)) {
        q -= 1
        m += b
      }
      return .int(op == .floorDiv ? q : m)
    case .pow:
      if b < 0 { return .float(Foundation.pow(Double(a), Double(b))) }
      var result: Int64 = 1
      var base = a
      var e = b
      while e > 0 {
        if e & 1 == 1 { result = try integerOf(checked(result.multipliedReportingOverflow(by: base))) }
        e >>= 1
        if e > 0 { base = try integerOf(checked(base.multipliedReportingOverflow(by: base))) }
      }
      return .int(result)
    case .and: return .int(a & b)
    case .or: return .int(a | b)
    case .xor: return .int(a ^ b)
    case .lshift:
      if b < 0 { throw PyError("ValueError", "negative shift count") }
      if b >= 64 || (a << b) >> b != a { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      return .int(a << b)
    case .rshift:
      if b < 0 { throw PyError("ValueError", "negative shift count") }
      return .int(a >> min(b, 63))
    case .matmul: throw unsupported("@", .int(a), .int(b))
    }
  }

  private static func integerOf(_ v: Value) throws(PyError) -> Int64 {
    if case .int(let i) = v { return i }
    return 0
  }

  static func floatBinary(_ op: BinaryOp, _ a: Double, _ b: Double) throws(PyError) -> Value {
    switch op {
    case .add: return .float(a + b)
    case .sub: return .float(a - b)
    case .mul: return .float(a * b)
    case .div:
      if b == 0 { throw PyError("ZeroDivisionError", "float division by zero") }
      return .float(a / b)
    case .floorDiv, .mod:
      if b == 0 { throw PyError("ZeroDivisionError", op == .mod ? "float modulo" : "float floor division by zero") }
      var m = fmod(a, b)
      if m != 0 && ((m < 0) != (b < 0)) { m += b }
      if op == .mod { return .float(m == 0 ? (b < 0 ? -0.0 : 0.0) : m) }
      return .float(((a - m) / b).rounded())
    case .pow:
      if a == 0 && b < 0 { throw PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power") }
      if a < 0 && b != b.rounded() { throw PyError("ValueError", "complex results are not supported") }
      let p = Foundation.pow(a, b)
      if p.isInfinite && a.isFinite && b.isFinite {
        throw PyError("OverflowError", "(34, 'Numerical result out of range')")
      }
      return .float(p)
    default: throw unsupported(op.rawValue, .float(a), .float(b))
    }
  }

  /// The number of items in `range(start, stop, step)`, without making them.
  static func rangeLength(_ start: Int64, _ stop: Int64, _ step: Int64) -> Int64 {
    let lo = Double(start)
    let hi = Double(stop)
    let st = Double(step)
    let n = st > 0 ? (hi - lo) / st : (lo - hi) / -st
    guard n > 0 else { return 0 }
    // Exact integer arithmetic where it fits; the double estimate only chooses the path.
    if let width = Optional(
      step > 0 ? stop.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(stop)),
      !width.overflow
    {
      let s = step > 0 ? step : -step
      return (width.partialValue + s - 1) / s
    }
    return Int64(min(n.rounded(.up), 9.2e18))
  }

  /// Refuses a repetition whose result could not be held, as CPython's MemoryError does.
  static func checkSize(_ count: Int64, _ unit: Int) throws(PyError) {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: Int64(max(unit, 1)))
    if overflow || bytes > 1 << 34 { throw PyError("MemoryError", "") }
  }

  /// A float's integer part as an int, raising Python's errors where an int cannot hold it.
  static func exactInt(_ d: Double) throws(PyError) -> Int64 {
    guard d.isFinite else {
      throw PyError(
        d.isNaN ? "ValueError" : "OverflowError",
        d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
    }
    let t = d.rounded(.towardZero)
    guard t >= -9.223_372_036_854_775_808e18 && t < 9.223_372_036_854_775_808e18 else {
      throw PyError("OverflowError", "int too large for nn's 64-bit int")
    }
    return Int64(t)
  }

  static func number(_ v: Value) throws(PyError) -> Double {
    switch v {
    case .int(let i): return Double(i)
    case .float(let d): return d
    case .bool(let b): return b ? 1 : 0
    case .scalar(let s): return s.doubleValue
    default: throw PyError("TypeError", "must be real number, not \(v.typeName)")
    }
  }

  static func integer(_ v: Value) throws(PyError) -> Int64 {
    switch v {
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    case .scalar(.int(let i)): return i
    case .scalar(.bool(let b)): return b ? 1 : 0
    default: throw PyError("TypeError", "'\(v.typeName)' object cannot be interpreted as an integer")
    }
  }

  static func deleteItem(_ object: Value, _ index: Value) throws(PyError) {
    switch (object, index) {
    case (.list(let l), .int(let i)):
      l.items.remove(at: try Operators.index(i, count: l.items.count, what: "list assignment"))
    case (.list(let l), .slice(let a, let b, let c)):
      let keep = Set(try sliced(Array(l.items.indices), a, b, c))
      l.items = l.items.enumerated().filter { !keep.contains($0.offset) }.map(\.element)
    case (.dict(let d), _):
      guard let k = HashKey(index), d.remove(k) != nil else { throw PyError.keyError(index) }
    default:
      throw PyError("TypeError", "'\(object.typeName)' object does not support item deletion")
    }
  }

  static func unary(_ op: String, _ v: Value) throws(PyError) -> Value {
    if case .instance(let i) = v, op != "not",
      let r = try i.cls.interpreter.special(i, op == "-" ? "__neg__" : op == "+" ? "__pos__" : "__invert__", [])
    {
      return r
    }
    switch (op, v) {
    case ("not", _): return .bool(!(try truth(v)))
    case ("-", .int(let i)):
      if i == .min { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      return .int(-i)
    case ("-", .float(let d)): return .float(-d)
    case ("-", .bool(let b)): return .int(b ? -1 : 0)
    case ("+", .int), ("+", .float): return v
    case ("+", .bool(let b)): return .int(b ? 1 : 0)
    case ("~", .int(let i)): return .int(~i)
    case ("~", .bool(let b)): return .int(~(b ? 1 : 0))
    default: break
    }
    if v.isTensorLike, let a = try? tensorOperand(v) {
      do {
        let r: NDArray
        switch op {
        case "-": r = try a.negated()
        case "+": r = a.copy()
        case "~": r = try a.inverted()
        default: throw PyError("TypeError", "bad operand type for unary \(op): '\(v.typeName)'")
        }
        return wrap(r, scalarResult: !v.isArray)
      } catch let e as TensorError {
        throw PyError(tensor: e)
      } catch let e as PyError {
        throw e
      } catch {
        throw PyError("RuntimeError", "\(error)")
      }
    }
    throw PyError("TypeError", "bad operand type for unary \(op): '\(v.typeName)'")
  }

  static func truth(_ v: Value) throws(PyError) -> Bool {
    switch v {
    case .instance(let i):
      if let b = try i.cls.interpreter.special(i, "__bool__", []) { return try truth(b) }
      if let n = try i.cls.interpreter.special(i, "__len__", []) { return try truth(n) }
      return true
    case .none: return false
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .float(let d): return d != 0
    case .str(let s): return !s.isEmpty
    case .list(let l): return !l.items.isEmpty
    case .tuple(let t): return !t.isEmpty
    case .dict(let d), .set(let d): return !d.keys.isEmpty
    case .range(let a, let b, let s): return s > 0 ? a < b : a > b
    case .scalar(let s): return s.doubleValue != 0
    case .array(let a):
      guard a.count == 1, let item = a.item else {
        if a.count == 0 { return false }
        throw PyError(
          "ValueError", "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
      }
      return item.doubleValue != 0
    default: return true
    }
  }

  static func compare(_ op: String, _ l: Value, _ r: Value) throws(PyError) -> Value {
    switch op {
    case "is": return .bool(identical(l, r))
    case "is not": return .bool(!identical(l, r))
    case "in": return .bool(try contains(r, l))
    case "not in": return .bool(!(try contains(r, l)))
    default: break
    }
    if l.isTensorLike || r.isTensorLike, let a = try? tensorOperand(l), let b = try? tensorOperand(r) {
      let t: NNTensor.BinaryOperator
      switch op {
      case "<": t = .less
      case "<=": t = .lessEqual
      case ">": t = .greater
      case ">=": t = .greaterEqual
      case "==": t = .equal
      default: t = .notEqual
      }
      do {
        return wrap(try NDArray.apply(t, a, b), scalarResult: !l.isArray && !r.isArray)
      } catch {
        throw PyError(tensor: error)
      }
    }
    let names: [String: String] = [
      "<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__", "==": "__eq__", "!=": "__ne__",
    ]
    if case .instance(let i) = l, let name = names[op], let v = try i.cls.interpreter.special(i, name, [r]) { return v }
    // The reflected method of the right operand: `a > b` asks `b.__lt__(a)`.
    let reflected: [String: String] = [
      "<": "__gt__", "<=": "__ge__", ">": "__lt__", ">=": "__le__", "==": "__eq__", "!=": "__ne__",
    ]
    if case .instance(let i) = r, let name = reflected[op], let v = try i.cls.interpreter.special(i, name, [l]) {
      return v
    }
    if op == "==" { return .bool(equal(l, r)) }
    if op == "!=" { return .bool(!equal(l, r)) }
    if case .set(let a) = l, case .set(let b) = r { return .bool(try setOrder(op, a, b)) }
    let c = try order(l, r, op)
    switch op {
    case "<": return .bool(c < 0)
    case "<=": return .bool(c <= 0)
    case ">": return .bool(c > 0)
    default: return .bool(c >= 0)
    }
  }

  static func identical(_ l: Value, _ r: Value) -> Bool {
    switch (l, r) {
    case (.none, .none): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.list(let a), .list(let b)): return a === b
    case (.array(let a), .array(let b)): return a === b
    case (.int(let a), .int(let b)): return a == b
    case (.str(let a), .str(let b)): return a == b
    case (.module(let a), .module(let b)): return a === b
    case (.function(let a), .function(let b)): return a === b
    case (.builtin(let a), .builtin(let b)): return a === b || (a.isType && b.isType && a.name == b.name)
    case (.classObject(let a), .classObject(let b)): return a === b
    case (.instance(let a), .instance(let b)): return a === b
    case (.exception(let a), .exception(let b)): return a === b
    case (.ellipsis, .ellipsis): return true
    case (.object(let a), .object(let b)): return a === b
    case (.dict(let a), .dict(let b)), (.set(let a), .set(let b)): return a === b
    default: return false
    }
  }

  static func equal(_ l: Value, _ r: Value, depth: Int = 0) -> Bool {
    // A cycle or a very deep nesting compares as far as it safely can, then by identity.
    if depth > 1000 { return identical(l, r) }
    switch (l, r) {
    case (.none, .none): return true
    case (.str(let a), .str(let b)): return a == b
    case (.list(let a), .list(let b)):
      if a === b { return true }
      return a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { equal($0, $1, depth: depth + 1) }
    case (.tuple(let a), .tuple(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1, depth: depth + 1) }
    case (.dict(let a), .dict(let b)):
      guard a.keys.count == b.keys.count else { return false }
      for (k, v) in zip(a.keys, a.values) {
        guard let other = try? b.get(k), equal(v, other, depth: depth + 1) else { return false }
      }
      return true
    case (.set(let a), .set(let b)):
      return a.keys.count == b.keys.count && a.keys.allSatisfy { (try? b.get($0)) != nil }
    case (.range(let a0, let a1, let a2), .range(let b0, let b1, let b2)):
      let n = rangeLength(a0, a1, a2)
      guard n == rangeLength(b0, b1, b2) else { return false }
      return n == 0 || (a0 == b0 && (n == 1 || a2 == b2))
    case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return exactOrder(a, b) == 0
    case (.object(let o), _) where o.view != nil && o.typeName != "dict_values":
      guard let a = try? setOf(l), let b = try? setOf(r) else { return false }
      return equal(.set(a), .set(b), depth: depth + 1)
    case (_, .object(let o)) where o.view != nil && o.typeName != "dict_values":
      return equal(r, l, depth: depth + 1)
    default:
      if let a = try? number(l), let b = try? number(r) { return a == b }
      return identical(l, r)
    }
  }

  static func order(_ l: Value, _ r: Value, _ op: String) throws(PyError) -> Int {
    switch (l, r) {
    case (.str(let a), .str(let b)): return a < b ? -1 : a == b ? 0 : 1
    case (.list(let a), .list(let b)): return try sequenceOrder(a.items, b.items, op)
    case (.tuple(let a), .tuple(let b)): return try sequenceOrder(a, b, op)
    case (.int(let a), .float(let b)): if let c = exactOrder(a, b) { return c }
    case (.float(let a), .int(let b)): if let c = exactOrder(b, a) { return -c }
    default: break
    }
    guard let a = try? number(l), let b = try? number(r) else {
      throw PyError("TypeError", "'\(op)' not supported between instances of '\(l.typeName)' and '\(r.typeName)'")
    }
    return a < b ? -1 : a == b ? 0 : 1
  }

  static func sequenceOrder(_ a: [Value], _ b: [Value], _ op: String) throws(PyError) -> Int {
    for (x, y) in zip(a, b) where !equal(x, y) { return try order(x, y, op) }
    return a.count < b.count ? -1 : a.count == b.count ? 0 : 1
  }

  static func contains(_ container: Value, _ item: Value) throws(PyError) -> Bool {
    switch container {
    case .instance(let i):
      if let r = try i.cls.interpreter.special(i, "__contains__", [item]) { return try truth(r) }
      return try iterate(container).contains { equal($0, item) }
    case .str(let s):
      guard case .str(let sub) = item else {
        throw PyError("TypeError", "'in <string>' requires string as left operand, not \(item.typeName)")
      }
      return sub.isEmpty || s.contains(sub)
    case .dict(let d), .set(let d): return try d.get(item) != nil
    default: return try iterate(container).contains { equal($0, item) }
    }
  }

  /// The items of an iterable, as a Swift array.
  static func iterate(_ v: Value) throws(PyError) -> [Value] {
    switch v {
    case .object(let o):
      if let view = o.view { return view() }
      if let next = o.lazyNext {
        // CPython would run forever on an endless iterator; stop with an error instead.
        var items: [Value] = []
        while let v = try next() {
          items.append(v)
          if items.count > 50_000_000 { throw PyError("MemoryError", "the iterator does not end") }
        }
        return items
      }
      if let state = o.iterator { return state.drain() }
      throw PyError("TypeError", "'\(v.typeName)' object is not iterable")
    case .instance(let i):
      let interpreter = i.cls.interpreter
      if let it = try interpreter.special(i, "__iter__", []) {
        if case .instance(let iterator) = it, iterator.cls.lookup("__next__") != nil {
          var items: [Value] = []
          while true {
            do {
              guard let next = try interpreter.special(iterator, "__next__", []) else { break }
              items.append(next)
            } catch {
              if error.type == "StopIteration" { break }
              throw error
            }
          }
          return items
        }
        return try iterate(it)
      }
      if i.cls.lookup("__getitem__") != nil {
        var items: [Value] = []
        var k: Int64 = 0
        while true {
          do {
            guard let item = try interpreter.special(i, "__getitem__", [.int(k)]) else { break }
            items.append(item)
          } catch {
            if error.type == "IndexError" || error.type == "StopIteration" { break }
            throw error
          }
          k += 1
        }
        return items
      }
      throw PyError("TypeError", "'\(i.cls.name)' object is not iterable")
    case .list(let l): return l.items
    case .tuple(let t): return t
    case .str(let s): return s.map { .str(String($0)) }
    case .dict(let d), .set(let d): return d.keys
    case .range(let start, let stop, let step):
      try checkSize(rangeLength(start, stop, step), 32)
      var items: [Value] = []
      var i = start
      while step > 0 ? i < stop : i > stop {
        items.append(.int(i))
        i += step
      }
      return items
    case .array(let a):
      guard a.ndim > 0 else { throw PyError("TypeError", "iteration over a 0-d array") }
      var items: [Value] = []
      for k in 0..<a.shape[0] {
        do { items.append(wrap(try a.subarray(k), scalarResult: a.ndim == 1)) } catch { throw PyError(tensor: error) }
      }
      return items
    default:
      throw PyError("TypeError", "'\(v.typeName)' object is not iterable")
    }
  }

  static func tensorOperand(_ v: Value) throws(PyError) -> NDArray {
    switch v {
    case .array(let a): return a
    case .int(let i): return .scalar(i)
    case .float(let d): return .scalar(d)
    case .bool(let b): return .scalar(b)
    case .scalar(.int(let i)): return .scalar(i)
    case .scalar(.float(let d)): return .scalar(d)
    case .scalar(.bool(let b)): return .scalar(b)
    case .list, .tuple: return try Convert.array(v)
    default: throw PyError("TypeError", "unsupported operand type: '\(v.typeName)'")
    }
  }

  /// A tensor result as a value: a NumPy scalar when the operation was on scalars.
  /// A 0-d array as the NumPy scalar it stands for; anything else as it is.
  static func unwrapZeroD(_ v: Value) -> Value {
    if case .array(let a) = v, a.ndim == 0, let s = a.item { return .scalar(s) }
    return v
  }

  static func wrap(_ a: NDArray, scalarResult: Bool) -> Value {
    if scalarResult || a.ndim == 0, a.ndim == 0, let s = a.item { return .scalar(s) }
    return .array(a)
  }
}

extension Value {
  var isArray: Bool {
    if case .array = self { return true }
    return false
  }
  var isTensorLike: Bool {
    switch self {
    case .array, .scalar: return true
    default: return false
    }
  }
}

extension PyError {
  init(tensor e: TensorError) {
    let type: String
    switch e.kind {
    case .axisError: type = "numpy.exceptions.AxisError"
    case .linAlgError: type = "numpy.linalg.LinAlgError"
    default: type = e.kind.rawValue
    }
    self.init(type, e.message)
    context = e.context
  }
}

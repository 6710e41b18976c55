import Foundation
import NNTensor

/// THE table: every name the language offers, Python's and NumPy's, bound to Swift.
/// Each entry is a short function in a topic file (`Builtins+Array.swift`, ...).
enum Builtins {
  typealias Function = (Arguments) throws(PyError) -> Value

  static func makeGlobals(_ interpreter: Interpreter) -> [String: Value] {
    var table: [String: Value] = [:]
    for entries in [python, pythonFunctions, helpFunctions] {
      for (name, doc, fn) in entries {
        table[name] = .builtin(Builtin(name, doc: doc, isType: pythonTypes.contains(name), fn))
      }
    }
    table.merge(Exceptions.classes()) { a, _ in a }
    table["__name__"] = .str("__main__")
    return table
  }

  nonisolated(unsafe) static let python: [(String, String, Function)] = [
    ("print", "print(*values, sep=' ', end='\\n'): write the values' str() to the output", printValues),
    ("len", "len(obj): the number of items in a container", length),
    ("range", "range(stop) / range(start, stop[, step]): a sequence of integers", range),
    (
      "repr", "repr(obj): the printable representation of obj",
      { (a) throws(PyError) -> Value in .str(Repr.repr(try a.required(0, "obj", function: "repr"))) }
    ),
    (
      "str", "str(obj): the string form of obj",
      { (a) throws(PyError) -> Value in .str(a.positional.isEmpty ? "" : Repr.str(a.positional[0])) }
    ),
    ("float", "float(x): x as a floating-point number", toFloat),
    ("int", "int(x): x as an integer, truncating toward zero", toInt),
    ("abs", "abs(x): the absolute value of x", absolute),
    (
      "list", "list(iterable): a new list of the items",
      { (a) throws(PyError) -> Value in
        .list(ListBox(a.positional.isEmpty ? [] : try Operators.iterate(a.positional[0])))
      }
    ),
    (
      "tuple", "tuple(iterable): a new tuple of the items",
      { (a) throws(PyError) -> Value in .tuple(a.positional.isEmpty ? [] : try Operators.iterate(a.positional[0])) }
    ),
  ]

  static func printValues(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["sep", "end", "file", "flush"], function: "print")
    var sep = " "
    var end = "\n"
    if case .str(let s)? = a.keywords.first(where: { $0.0 == "sep" })?.1 { sep = s }
    if case .str(let s)? = a.keywords.first(where: { $0.0 == "end" })?.1 { end = s }
    var toError = false
    if case .object(let o)? = a.keywords.first(where: { $0.0 == "file" })?.1, o.repr().contains("<stderr>") {
      toError = true
    }
    let options = a.interpreter.printOptions
    let text = a.positional.map { Repr.str($0, options) }.joined(separator: sep) + end
    if toError { a.interpreter.emitError(text) } else { a.interpreter.emit(text) }
    return .none
  }

  static func length(_ a: Arguments) throws(PyError) -> Value {
    let v = try a.required(0, "obj", function: "len")
    switch v {
    case .instance(let i):
      guard let n = try i.cls.interpreter.special(i, "__len__", []) else {
        throw PyError("TypeError", "object of type '\(i.cls.name)' has no len()")
      }
      return n
    case .str(let s): return .int(Int64(s.count))
    case .list(let l): return .int(Int64(l.items.count))
    case .tuple(let t): return .int(Int64(t.count))
    case .dict(let d), .set(let d): return .int(Int64(d.keys.count))
    case .array(let x):
      guard let n = x.shape.first else { throw PyError("TypeError", "len() of unsized object") }
      return .int(Int64(n))
    case .range(let a, let b, let c): return .int(Operators.rangeLength(a, b, c))
    default: throw PyError("TypeError", "object of type '\(v.typeName)' has no len()")
    }
  }

  static func range(_ a: Arguments) throws(PyError) -> Value {
    var ints: [Int64] = []
    for v in a.positional { ints.append(try Operators.integer(v)) }
    switch ints.count {
    case 1: return .range(0, ints[0], 1)
    case 2: return .range(ints[0], ints[1], 1)
    case 3:
      if ints[2] == 0 { throw PyError("ValueError", "range() arg 3 must not be zero") }
      return .range(ints[0], ints[1], ints[2])
    default:
      throw PyError("TypeError", "range expected at least 1 argument, got \(ints.count)")
    }
  }

  static func toFloat(_ a: Arguments) throws(PyError) -> Value {
    guard let v = a.positional.first else { return .float(0) }
    switch v {
    case .str(let s):
      let t = s.trimmingCharacters(in: .whitespaces).lowercased()
      if let d = Double(t) { return .float(d) }
      if ["inf", "+inf", "infinity"].contains(t) { return .float(.infinity) }
      if ["-inf", "-infinity"].contains(t) { return .float(-.infinity) }
      if t == "nan" { return .float(.nan) }
      throw PyError("ValueError", "could not convert string to float: \(Repr.quoted(s))")
    case .array(let x):
      guard x.ndim == 0, let item = x.item else {
        throw PyError("TypeError", "only 0-dimensional arrays can be converted to Python scalars")
      }
      return .float(item.doubleValue)
    default: return .float(try Operators.number(v))
    }
  }

  static func toInt(_ a: Arguments) throws(PyError) -> Value {
    guard let v = a.positional.first else { return .int(0) }
    switch v {
    case .str(let s):
      guard let i = Int64(s.trimmingCharacters(in: .whitespaces)) else {
        throw PyError("ValueError", "invalid literal for int() with base 10: \(Repr.quoted(s))")
      }
      return .int(i)
    case .float(let d), .scalar(.float(let d)):
      guard d.isFinite else {
        throw PyError(
          d.isNaN ? "ValueError" : "OverflowError",
          d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
      }
      guard abs(d) < 9.2e18 else { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      return .int(Int64(d.rounded(.towardZero)))
    default: return .int(try Operators.integer(v))
    }
  }

  static func absolute(_ a: Arguments) throws(PyError) -> Value {
    let v = try a.required(0, "x", function: "abs")
    switch v {
    case .int(let i):
      if i == .min { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      return .int(Swift.abs(i))
    case .float(let d): return .float(Swift.abs(d))
    case .bool(let b): return .int(b ? 1 : 0)
    case .array(let x): return .array(x.absolute())
    case .scalar: return Operators.wrap(try Operators.tensorOperand(v).absolute(), scalarResult: true)
    default: throw PyError("TypeError", "bad operand type for abs(): '\(v.typeName)'")
    }
  }
}

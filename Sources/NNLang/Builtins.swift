import Foundation
import NNTensor

/// THE table: every name the language offers, Python's and NumPy's, bound to Swift.
/// Each entry is a short function in a topic file (`Builtins+Array.swift`, ...).
enum Builtins {
  typealias Function = (Arguments) throws(PyError) -> Value

  static func makeGlobals(_ interpreter: Interpreter) -> [String: Value] {
    var table: [String: Value] = [:]
    for entries in [
      python, pythonFunctions, helpFunctions, numberFunctions, introspectionFunctions, equationFunctions,
      plotFunctions, learnFunctions,
    ] {
      for (name, doc, fn) in entries {
        table[name] = .builtin(Builtin(name, doc: doc, isType: pythonTypes.contains(name), fn))
      }
    }
    for (name, doc, fn) in dataFunctions { table[name] = .builtin(Builtin(name, doc: doc, fn)) }
    table.merge(Exceptions.classes()) { a, _ in a }
    table["__name__"] = .str("__main__")
    table["Ellipsis"] = .ellipsis
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
    case .object(let o) where o.view != nil: return .int(Int64(try Operators.iterate(v).count))
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
      var t = s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      // Underscores may only sit between two digits, as in literals.
      if t.contains("_") {
        let c = Array(t)
        for (k, ch) in c.enumerated() where ch == "_" {
          guard k > 0, k + 1 < c.count, c[k - 1].isASCII, c[k - 1].isNumber, c[k + 1].isASCII, c[k + 1].isNumber else {
            throw PyError("ValueError", "could not convert string to float: \(Repr.quoted(s))")
          }
        }
        t.removeAll { $0 == "_" }
      }
      if !t.contains("x"), !t.contains("p"), let d = Double(t) { return .float(d) }
      if ["inf", "+inf", "infinity"].contains(t) { return .float(.infinity) }
      if ["-inf", "-infinity"].contains(t) { return .float(-.infinity) }
      if t == "nan" { return .float(.nan) }
      throw PyError("ValueError", "could not convert string to float: \(Repr.quoted(s))")
    case .array(let x):
      guard case .scalar(let item) = try a.interpreter.scalarForConversion(x, "float") else { return .float(0) }
      return .float(item.doubleValue)
    default: return .float(try Operators.number(v))
    }
  }

  static func toInt(_ a: Arguments) throws(PyError) -> Value {
    guard var v = a.positional.first else {
      if a.value(1, "base") != nil { throw PyError("TypeError", "int() missing string argument") }
      return .int(0)
    }
    if let b = a.value(1, "base") {
      guard case .str(let s) = v else {
        throw PyError("TypeError", "int() can't convert non-string with explicit base")
      }
      let base = try Operators.integer(b)
      guard base == 0 || (base >= 2 && base <= 36) else {
        throw PyError("ValueError", "int() base must be >= 2 and <= 36, or 0")
      }
      return .int(try parseInt(s, base: Int(base)))
    }
    if case .array(let x) = v { v = try a.interpreter.scalarForConversion(x, "int") }
    switch v {
    case .str(let s):
      return .int(try parseInt(s, base: 10))
    case .float(let d), .scalar(.float(let d)):
      guard d.isFinite else {
        throw PyError(
          d.isNaN ? "ValueError" : "OverflowError",
          d.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
      }
      guard abs(d) < 9.2e18 else { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      return .int(Int64(d.rounded(.towardZero)))
    case .int, .bool, .scalar, .array: return .int(try Operators.integer(v))
    case .instance(let i):
      for name in ["__int__", "__index__", "__trunc__"] {
        if let r = try i.cls.interpreter.special(i, name, []) { return r }
      }
      fallthrough
    default:
      throw PyError(
        "TypeError", "int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
    }
  }

  /// `int(text, base)` as CPython reads it: white space, a sign, a prefix matching the base
  /// (base 0 takes it from the prefix), and single underscores between digits.
  static func parseInt(_ s: String, base requested: Int) throws(PyError) -> Int64 {
    let invalid = PyError("ValueError", "invalid literal for int() with base \(requested): \(Repr.quoted(s))")
    var c = Array(s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())[...]
    var negative = false
    if let f = c.first, f == "-" || f == "+" {
      negative = f == "-"
      c = c.dropFirst()
    }
    var base = requested
    var prefixed = false
    if c.count >= 2, c.first == "0", let p = c.dropFirst().first, "xob".contains(p) {
      let prefixBase = p == "x" ? 16 : p == "o" ? 8 : 2
      if base == 0 || base == prefixBase {
        base = prefixBase
        c = c.dropFirst(2)
        prefixed = true
      }
    }
    if base == 0 {
      base = 10
      // Base 0 reads a decimal literal: no leading zeros unless the number is zero.
      if c.first == "0", c.contains(where: { $0 != "0" && $0 != "_" }) { throw invalid }
    }
    guard !c.isEmpty else { throw invalid }
    var value: Int64 = 0
    var previousUnderscore = !prefixed
    for ch in c {
      if ch == "_" {
        if previousUnderscore { throw invalid }
        previousUnderscore = true
        continue
      }
      previousUnderscore = false
      guard let d = ch.hexDigitValue ?? (ch.isASCII && ch.isLetter ? Int(ch.asciiValue ?? 0) - 87 : nil), d < base
      else { throw invalid }
      let (m, o1) = value.multipliedReportingOverflow(by: Int64(base))
      let (r, o2) = m.addingReportingOverflow(Int64(d))
      if o1 || o2 { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      value = r
    }
    if previousUnderscore { throw invalid }
    return negative ? -value : value
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

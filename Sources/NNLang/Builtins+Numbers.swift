import Foundation

/// The attributes and methods of int and float values (`(255).bit_length()`,
/// `(0.5).as_integer_ratio()`, `x.real`), and the builtins bin, hex, oct and ascii.
extension Builtins {
  nonisolated(unsafe) static let numberFunctions: [Entry] = [
    ("bin", "bin(x): the binary text of an integer, '0b...'", { (a) throws(PyError) -> Value in try radix(a, "bin") }),
    (
      "hex", "hex(x): the hexadecimal text of an integer, '0x...'",
      { (a) throws(PyError) -> Value in try radix(a, "hex") }
    ),
    ("oct", "oct(x): the octal text of an integer, '0o...'", { (a) throws(PyError) -> Value in try radix(a, "oct") }),
    (
      "ascii", "ascii(obj): repr(obj) with non-ASCII characters escaped",
      { (a) throws(PyError) -> Value in .str(Repr.ascii(Repr.repr(try a.required(0, "obj", function: "ascii")))) }
    ),
  ]

  static func radix(_ a: Arguments, _ name: String) throws(PyError) -> Value {
    let v = try a.required(0, "number", function: name)
    let i: Int64
    switch v {
    case .int(let n): i = n
    case .bool(let b): i = b ? 1 : 0
    case .scalar(.int(let n)): i = n
    default: throw PyError("TypeError", "'\(v.typeName)' object cannot be interpreted as an integer")
    }
    let (base, prefix) = name == "bin" ? (2, "0b") : name == "hex" ? (16, "0x") : (8, "0o")
    let digits = String(i.magnitude, radix: base)
    return .str((i < 0 ? "-" : "") + prefix + digits)
  }

  /// `x.name` for an int, bool or float; nil when there is no such attribute.
  static func numberAttribute(_ v: Value, _ name: String) throws(PyError) -> Value? {
    func method(_ body: @escaping (Arguments) throws(PyError) -> Value) -> Value {
      .builtin(Builtin(name, body))
    }
    if let (op, _) = Operators.dunder.first(where: { $0.value.0 == name }) {
      return method { (a) throws(PyError) -> Value in try Operators.binary(op, v, try a.required(0, "other")) }
    }
    if let (op, _) = Operators.dunder.first(where: { $0.value.1 == name }) {
      return method { (a) throws(PyError) -> Value in try Operators.binary(op, try a.required(0, "other"), v) }
    }
    switch v {
    case .int, .bool:
      let i: Int64
      if case .int(let n) = v { i = n } else { i = v.isTruthyBool ? 1 : 0 }
      switch name {
      case "real", "numerator": return .int(i)
      case "imag": return .int(0)
      case "denominator": return .int(1)
      case "bit_length":
        return method { _ throws(PyError) -> Value in .int(Int64(64 - i.magnitude.leadingZeroBitCount)) }
      case "bit_count": return method { _ throws(PyError) -> Value in .int(Int64(i.magnitude.nonzeroBitCount)) }
      case "conjugate": return method { _ throws(PyError) -> Value in .int(i) }
      case "as_integer_ratio": return method { _ throws(PyError) -> Value in .tuple([.int(i), .int(1)]) }
      default: return nil
      }
    case .float(let d):
      switch name {
      case "real": return .float(d)
      case "imag": return .float(0)
      case "conjugate": return method { _ throws(PyError) -> Value in .float(d) }
      case "is_integer":
        return method { _ throws(PyError) -> Value in .bool(d.isFinite && d == d.rounded(.towardZero)) }
      case "hex": return method { _ throws(PyError) -> Value in .str(floatHex(d)) }
      case "as_integer_ratio": return method { _ throws(PyError) -> Value in try integerRatio(d) }
      default: return nil
      }
    default: return nil
    }
  }

  /// `float.as_integer_ratio()`: the exact fraction, in lowest terms.
  static func integerRatio(_ d: Double) throws(PyError) -> Value {
    if d.isNaN { throw PyError("ValueError", "cannot convert NaN to integer ratio") }
    if d.isInfinite { throw PyError("OverflowError", "cannot convert Infinity to integer ratio") }
    var m = d
    var e = 0
    while m != m.rounded(.towardZero) {
      m *= 2
      e += 1
    }
    guard e < 63, abs(m) < 9.223372036854775807e18 else {
      throw PyError("OverflowError", "int too large for nn's 64-bit int")
    }
    return .tuple([.int(Int64(m)), .int(Int64(1) << e)])
  }

  /// `float.hex()`: `[-]0x1.<13 hex digits>p<exponent>`, as CPython prints it.
  static func floatHex(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    let sign = d.sign == .minus ? "-" : ""
    if d == 0 { return sign + "0x0.0p+0" }
    let bits = d.significandBitPattern
    let mantissa = String(bits, radix: 16)
    let digits = String(repeating: "0", count: 13 - mantissa.count) + mantissa
    if d.isSubnormal { return sign + "0x0." + digits + "p-1022" }
    let e = Int(d.exponent)
    return sign + "0x1." + digits + "p" + (e < 0 ? "-" : "+") + String(abs(e))
  }

  static func floatFromHex(_ a: Arguments) throws(PyError) -> Value {
    guard case .str(let s)? = a.value(0, "string") else {
      throw PyError("TypeError", "fromhex() argument must be str")
    }
    let t = s.trimmingCharacters(in: .whitespaces)
    var body = Substring(t)
    var negative = false
    if body.first == "-" || body.first == "+" {
      negative = body.first == "-"
      body = body.dropFirst()
    }
    let lower = body.lowercased()
    if ["inf", "infinity"].contains(lower) { return .float(negative ? -.infinity : .infinity) }
    if lower == "nan" { return .float(.nan) }
    let text = lower.hasPrefix("0x") ? lower : "0x" + lower
    guard let d = Double(text.contains("p") ? text : text + "p0") else {
      throw PyError("ValueError", "invalid hexadecimal floating-point string")
    }
    return .float(negative ? -d : d)
  }
}

extension Value {
  fileprivate var isTruthyBool: Bool {
    if case .bool(true) = self { return true }
    return false
  }
}

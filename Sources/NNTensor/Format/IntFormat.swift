/// CPython 3.11's `format(n, spec)` for an `int`.
public enum PythonInt {
  /// `format(n, spec)`: types `d b o x X c n` and none, plus the float types (`e f g %` ...),
  /// which format `float(n)`. Errors carry CPython's exact wording.
  public static func format(_ n: Int64, spec: String) throws(TensorError) -> String {
    if spec.isEmpty { return String(n) }
    let s = try FormatSpec(spec, typeName: "int")
    switch s.type {
    case nil, "b", "c", "d", "o", "x", "X", "n": break
    case "e", "E", "f", "F", "g", "G", "%": return try PythonFloat.format(Double(n), s)
    case let t?: throw FormatSpec.unknownCode(t, typeName: "int")
    }
    guard s.precision < 0 else {
      throw TensorError(.valueError, "Precision not allowed in integer format specifier")
    }
    guard !s.coerceNegativeZero else {
      throw TensorError(.valueError, "Negative zero coercion (z) not allowed in integer format specifier")
    }
    guard s.width <= 1 << 28 else { throw TensorError(.memoryError, "") }
    if s.type == "c" { return try character(n, s) }

    let (radix, prefix): (Int, String) =
      switch s.type {
      case "b": (2, "0b")
      case "o": (8, "0o")
      case "x": (16, "0x")
      case "X": (16, "0X")
      default: (10, "")
      }
    let digits = Array(String(n.magnitude, radix: radix, uppercase: s.type == "X").utf8)
    let groupSize: Int? =
      switch s.grouping {
      case .none: nil
      case .comma: 3
      case .underscore: radix == 10 ? 3 : 4
      }
    return s.layout(
      negative: n < 0, prefix: s.alternate ? prefix : "", digits: digits[...],
      hasDecimal: false, remainder: [], groupSize: s.type == "n" ? nil : groupSize,
      separator: s.grouping == .comma ? UInt8(ascii: ",") : UInt8(ascii: "_"))
  }

  /// Type `c`: the character with that code point, padded like a number.
  private static func character(_ n: Int64, _ s: FormatSpec) throws(TensorError) -> String {
    if s.sign != nil {
      throw TensorError(.valueError, "Sign not allowed with integer format specifier 'c'")
    }
    if s.alternate {
      throw TensorError(
        .valueError, "Alternate form (#) not allowed with integer format specifier 'c'")
    }
    guard n >= 0 && n <= 0x10FFFF else {
      throw TensorError(.overflowError, "%c arg not in range(0x110000)")
    }
    // A lone surrogate cannot live in a Swift string; it prints as U+FFFD.
    let scalar = Unicode.Scalar(UInt32(n)) ?? "\u{FFFD}"
    return s.layout(
      negative: false, digits: [], hasDecimal: false,
      remainder: Array(String(Character(scalar)).utf8)[...], groupSize: nil,
      separator: UInt8(ascii: ","))
  }
}

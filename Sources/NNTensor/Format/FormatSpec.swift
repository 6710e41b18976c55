/// Python's format-spec mini-language, as CPython 3.11 parses it for numbers
/// (`Python/formatter_unicode.c`):
///
///     [[fill]align][sign]["z"]["#"]["0"][width][","|"_"]["." precision][type]
///
/// and the layout of a formatted number inside the field: padding, sign, prefix, zero fill and
/// thousands grouping.
struct FormatSpec {
  enum Grouping {
    case none, comma, underscore
  }

  var fill: Unicode.Scalar = " "
  var align: Unicode.Scalar
  var sign: Unicode.Scalar?
  var coerceNegativeZero = false
  var alternate = false
  var width = -1
  var grouping = Grouping.none
  var precision = -1
  var type: Unicode.Scalar?

  /// Parses `spec` for an object of Python type `typeName` (`"int"`, `"float"`), checking what
  /// CPython checks before it looks at the value: the errors carry CPython's exact wording.
  init(_ spec: String, typeName: String) throws(TensorError) {
    let s = Array(spec.unicodeScalars)
    var pos = 0
    var fillSpecified = false
    var alignSpecified = false
    align = ">"
    if s.count >= 2 && Self.isAlign(s[1]) {
      fill = s[0]
      align = s[1]
      fillSpecified = true
      alignSpecified = true
      pos = 2
    } else if let first = s.first, Self.isAlign(first) {
      align = first
      alignSpecified = true
      pos = 1
    }
    if pos < s.count && (s[pos] == " " || s[pos] == "+" || s[pos] == "-") {
      sign = s[pos]
      pos += 1
    }
    if pos < s.count && s[pos] == "z" {
      coerceNegativeZero = true
      pos += 1
    }
    if pos < s.count && s[pos] == "#" {
      alternate = true
      pos += 1
    }
    if !fillSpecified && pos < s.count && s[pos] == "0" {
      fill = "0"
      if !alignSpecified { align = "=" }
      pos += 1
    }
    if let w = try Self.integer(s, &pos) { width = w }
    if pos < s.count && s[pos] == "," {
      grouping = .comma
      pos += 1
    }
    if pos < s.count && s[pos] == "_" {
      if grouping != .none { throw Self.bothSeparators }
      grouping = .underscore
      pos += 1
    }
    // A comma after an underscore is refused; after a comma it is read as the type.
    if pos < s.count && s[pos] == "," && grouping == .underscore { throw Self.bothSeparators }
    if pos < s.count && s[pos] == "." {
      pos += 1
      guard let p = try Self.integer(s, &pos) else {
        throw TensorError(.valueError, "Format specifier missing precision")
      }
      precision = p
    }
    if s.count - pos > 1 {
      throw TensorError(
        .valueError, "Invalid format specifier '\(spec)' for object of type '\(typeName)'")
    }
    if pos < s.count { type = s[pos] }
    try checkGrouping()
  }

  /// PEP 378 / PEP 515: which presentation types take which separator.
  private func checkGrouping() throws(TensorError) {
    guard grouping != .none else { return }
    switch type {
    case nil, "d", "e", "f", "g", "E", "G", "%", "F": return
    case "b", "o", "x", "X":
      // Underscores group bin/oct/hex digits by four; commas are refused.
      if grouping == .underscore { return }
      fallthrough
    default:
      let mark = grouping == .comma ? "," : "_"
      throw TensorError(.valueError, "Cannot specify '\(mark)' with \(Self.quoted(type ?? "\0")).")
    }
  }

  static let bothSeparators = TensorError(.valueError, "Cannot specify both ',' and '_'.")

  static func isAlign(_ c: Unicode.Scalar) -> Bool {
    c == "<" || c == ">" || c == "=" || c == "^"
  }

  /// A type code as CPython quotes it in errors: `'x'`, or `'\x1'` outside printable ASCII.
  static func quoted(_ c: Unicode.Scalar) -> String {
    c.value > 32 && c.value < 128 ? "'\(Character(c))'" : "'\\x\(String(c.value, radix: 16))'"
  }

  static func unknownCode(_ c: Unicode.Scalar, typeName: String) -> TensorError {
    TensorError(.valueError, "Unknown format code \(quoted(c)) for object of type '\(typeName)'")
  }

  /// Decimal digits (any script, as CPython's `Py_UNICODE_TODECIMAL`), or nil if none.
  private static func integer(_ s: [Unicode.Scalar], _ pos: inout Int) throws(TensorError) -> Int? {
    var value = 0
    var count = 0
    while pos < s.count, let d = decimalValue(s[pos]) {
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (v, o2) = m.addingReportingOverflow(d)
      if o1 || o2 { throw TensorError(.valueError, "Too many decimal digits in format string") }
      value = v
      pos += 1
      count += 1
    }
    return count == 0 ? nil : value
  }

  private static func decimalValue(_ c: Unicode.Scalar) -> Int? {
    if c.value < 128 { return c >= "0" && c <= "9" ? Int(c.value) - 48 : nil }
    guard c.properties.numericType == .decimal, let d = c.properties.numericValue else { return nil }
    return Int(d)
  }
}

// MARK: - Layout of a number in its field

extension FormatSpec {
  /// CPython's `calc_number_widths` + `fill_number`:
  /// `<lpad><sign><prefix><zero/fill pad><grouped digits><.><remainder><rpad>`.
  /// `digits` are the integer digits (grouped); `remainder` follows the decimal point, or is
  /// everything after the digits when `hasDecimal` is false (an exponent, `%`, `nan`).
  func layout(
    negative: Bool, prefix: String = "", digits: ArraySlice<UInt8>, hasDecimal: Bool,
    remainder: ArraySlice<UInt8>, groupSize: Int?, separator: UInt8
  ) -> String {
    var signByte: UInt8? = negative ? ASCII.minus : nil
    if !negative && sign == "+" { signByte = ASCII.plus }
    if !negative && sign == " " { signByte = ASCII.space }
    // Lengths count characters: only a `c` remainder can hold more than one byte per character.
    let remainderLength = remainder.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    let nonDigits =
      (signByte == nil ? 0 : 1) + prefix.utf8.count + (hasDecimal ? 1 : 0) + remainderLength
    let minWidth = fill == "0" && align == "=" ? width - nonDigits : 0
    let grouped =
      digits.isEmpty || (groupSize == nil && minWidth <= digits.count)
      ? digits : Self.grouped(digits, minWidth: minWidth, size: groupSize, separator: separator)[...]
    let padding = max(width - nonDigits - grouped.count, 0)
    var left = 0
    var inner = 0
    var right = 0
    switch align {
    case "<": right = padding
    case "^":
      left = padding / 2
      right = padding - left
    case "=": inner = padding
    default: left = padding
    }
    var out: [UInt8] = []
    out.reserveCapacity(nonDigits + grouped.count + padding * 4)
    func pad(_ n: Int) {
      guard n > 0 else { return }
      if fill.isASCII {
        out += repeatElement(UInt8(fill.value), count: n)
      } else {
        let bytes = Array(String(Character(fill)).utf8)
        for _ in 0..<n { out += bytes }
      }
    }
    pad(left)
    if let signByte { out.append(signByte) }
    out += prefix.utf8
    pad(inner)
    out += grouped
    if hasDecimal { out.append(ASCII.point) }
    out += remainder
    pad(right)
    return String(decoding: out, as: UTF8.self)
  }

  /// `_PyUnicode_InsertThousandsGrouping`: groups of `size` from the right, zero-filled on the
  /// left up to `minWidth` (separators included, so the result may be one longer).
  static func grouped(
    _ digits: ArraySlice<UInt8>, minWidth: Int, size: Int?, separator: UInt8
  ) -> [UInt8] {
    var reversed: [UInt8] = []
    var remaining = digits.count
    var minWidth = minWidth
    var end = digits.endIndex
    var useSeparator = false
    func emit(_ l: Int) {
      let zeros = max(0, l - remaining)
      let chars = max(0, min(remaining, l))
      if useSeparator { reversed.append(separator) }
      reversed += digits[(end - chars)..<end].reversed()
      end -= chars
      reversed += repeatElement(ASCII.zero, count: zeros)
      remaining -= chars
    }
    if let size {
      while true {
        let l = min(size, max(remaining, minWidth, 1))
        emit(l)
        useSeparator = true
        minWidth -= l
        if remaining <= 0 && minWidth <= 0 { return reversed.reversed() }
        minWidth -= 1
      }
    }
    emit(max(remaining, minWidth, 1))
    return reversed.reversed()
  }
}

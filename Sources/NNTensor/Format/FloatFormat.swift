/// CPython 3.11's `float` text: `repr(x)` and `format(x, spec)`.
public enum PythonFloat {
  /// `repr(x)` (and `str(x)`): the shortest digits that round-trip, positional between 1e-4 and
  /// 1e16 (`0.0001`, `1000000000000000.0`), scientific outside (`1e-05`, `1e+16`).
  public static func repr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    // Swift's description has the same digits and layout (`1e-05`, `0.0001`, `1e+16`, `inf`)
    // except in [2^53, 1e16), where it already writes an exponent and CPython does not.
    let m = x.magnitude
    if m < 9_007_199_254_740_992 || m >= 1e16 { return x.description }
    let d = shortestDigits(x)
    var body: [UInt8] = x.sign == .minus ? [ASCII.minus] : []
    body += layout(
      d.digits, decpt: d.decpt, code: UInt8(ascii: "r"), precision: 0, addDotZero: true,
      alternate: false)
    return String(decoding: body, as: UTF8.self)
  }

  /// `format(x, spec)`: the format-spec mini-language for `float`
  /// (types `e E f F g G n %` and none), with CPython's errors.
  public static func format(_ x: Double, spec: String) throws(TensorError) -> String {
    if spec.isEmpty { return repr(x) }
    let s = try FormatSpec(spec, typeName: "float")
    switch s.type {
    case nil, "e", "E", "f", "F", "g", "G", "n", "%": break
    case let t?: throw FormatSpec.unknownCode(t, typeName: "float")
    }
    return try format(x, s)
  }

  /// `format_float_internal`, shared with `int` values formatted by a float type.
  static func format(_ x: Double, _ s: FormatSpec) throws(TensorError) -> String {
    guard s.precision <= Int(Int32.max) else { throw TensorError(.valueError, "precision too big") }
    guard s.precision <= 1 << 28 && s.width <= 1 << 28 else { throw TensorError(.memoryError, "") }
    var code: UInt8
    var precision = s.precision
    var addDotZero = false
    var value = x
    var percent = false
    switch s.type {
    case nil:
      addDotZero = true
      code = UInt8(ascii: "r")
    case "n": code = UInt8(ascii: "g")
    case "%":
      code = UInt8(ascii: "f")
      value = x * 100
      percent = true
    case let t?: code = UInt8(t.value)
    }
    if precision < 0 {
      precision = code == UInt8(ascii: "r") ? 0 : 6
    } else if code == UInt8(ascii: "r") {
      code = UInt8(ascii: "g")
    }
    let upper = code >= UInt8(ascii: "A") && code <= UInt8(ascii: "Z")
    if upper { code += 32 }

    var negative = value.sign == .minus && !value.isNaN
    var body: [UInt8]
    if value.isNaN || value.isInfinite {
      body = Array((value.isNaN ? "nan" : "inf").utf8)
      if upper { body = body.map { $0 - 32 } }
    } else {
      let d = digits(value, code: code, precision: precision)
      if s.coerceNegativeZero && d.digits.allSatisfy({ $0 == ASCII.zero }) { negative = false }
      // dtoa counts significant digits for `e` including the one before the point, and
      // reads a `g` precision of 0 as 1.
      let significant =
        code == UInt8(ascii: "e") ? precision + 1 : code == UInt8(ascii: "g") ? max(precision, 1) : precision
      body = layout(
        d.digits, decpt: d.decpt, code: code, precision: significant,
        addDotZero: addDotZero, alternate: s.alternate)
      if upper { body = body.map { $0 == UInt8(ascii: "e") ? UInt8(ascii: "E") : $0 } }
    }
    if percent { body.append(UInt8(ascii: "%")) }

    // Split into integer digits, decimal point and the rest, as `parse_number` does.
    var i = 0
    while i < body.count && body[i] >= ASCII.zero && body[i] <= ASCII.zero + 9 { i += 1 }
    let hasDecimal = i < body.count && body[i] == ASCII.point
    let grouping = s.type == "n" ? .none : s.grouping
    return s.layout(
      negative: negative, digits: body[..<i], hasDecimal: hasDecimal,
      remainder: body[(hasDecimal ? i + 1 : i)...],
      groupSize: grouping == .none ? nil : 3,
      separator: grouping == .comma ? UInt8(ascii: ",") : UInt8(ascii: "_"))
  }

  // MARK: - Digits, as David Gay's dtoa returns them to CPython

  /// ASCII digits without trailing zeros (`"0"` for zero) and the position of the decimal
  /// point: value = 0.d1d2... × 10^decpt. `code` is `r` (shortest), `e`/`g` (significant
  /// digits) or `f` (digits after the point).
  static func digits(_ x: Double, code: UInt8, precision: Int) -> (digits: [UInt8], decpt: Int) {
    if x == 0 { return ([ASCII.zero], 1) }
    let d: Dragon4.Digits
    switch code {
    case UInt8(ascii: "r"): return shortestDigits(x)
    case UInt8(ascii: "e"):
      d = Dragon4.digits(
        x, unique: false, cutoff: .totalLength, cutoffMax: precision + 1, cutoffMin: -1, bufferSize: 1 << 30)
    case UInt8(ascii: "g"):
      d = Dragon4.digits(
        x, unique: false, cutoff: .totalLength, cutoffMax: max(precision, 1), cutoffMin: -1, bufferSize: 1 << 30)
    default:
      if let n = scaledToInteger(x, precision: precision) {
        if n == 0 { return ([], -precision) }
        var text = Array(String(n).utf8)
        let decpt = text.count - precision
        while text.last == ASCII.zero { text.removeLast() }
        return (text, decpt)
      }
      d = Dragon4.digits(
        x, unique: false, cutoff: .fractionLength, cutoffMax: precision, cutoffMin: -1, bufferSize: 1 << 30)
    }
    var digits = d.digits
    while digits.last == 0 { digits.removeLast() }
    // Rounded away entirely: dtoa's "no digits", with the point just before the cutoff.
    if digits.isEmpty { return ([], -precision) }
    return (digits.map { $0 + ASCII.zero }, d.exponent + 1)
  }

  /// |x| × 10^precision rounded half-to-even on the exact binary value, when it fits in 64 bits:
  /// the `f` digits without Dragon4's big integers. Nil when it does not fit.
  static func scaledToInteger(_ x: Double, precision: Int) -> UInt64? {
    scaledToIntegerRounding(x, precision: precision)?.value
  }

  /// `scaledToInteger`, also telling whether the rounding went up.
  static func scaledToIntegerRounding(
    _ x: Double, precision: Int
  ) -> (value: UInt64, roundedUp: Bool)? {
    guard precision >= 0 && precision <= 19 else { return nil }
    var power: UInt64 = 1
    for _ in 0..<precision { power *= 10 }
    let p = Dragon4.Parts(x)
    if p.exponent >= 0 {
      guard p.exponent < 11 else { return nil }
      let (n, overflow) = (p.mantissa << UInt64(p.exponent)).multipliedReportingOverflow(by: power)
      return overflow ? nil : (n, false)
    }
    // m × 10^p / 2^k as a 128-bit product (hi, lo), split at bit k into quotient and remainder.
    let k = -p.exponent
    let (hi, lo) = p.mantissa.multipliedFullWidth(by: power)
    guard k < 128 else { return (0, false) }  // m × 10^p < 2^117 <= 2^(k-1): rounds to zero
    var q: UInt64
    var remainder: (UInt64, UInt64)
    let half: (UInt64, UInt64) = k - 1 >= 64 ? (1 << UInt64(k - 65), 0) : (0, 1 << UInt64(k - 1))
    if k >= 64 {
      q = k == 64 ? hi : hi >> UInt64(k - 64)
      remainder = (k == 64 ? 0 : hi & ((1 << UInt64(k - 64)) - 1), lo)
    } else {
      guard hi >> UInt64(k) == 0 else { return nil }
      q = (hi << UInt64(64 - k)) | (lo >> UInt64(k))
      remainder = (0, lo & ((1 << UInt64(k)) - 1))
    }
    if remainder > half || (remainder == half && q & 1 == 1) {
      guard q < .max else { return nil }
      return (q + 1, true)
    }
    return (q, false)
  }

  /// The shortest round-tripping digits. Swift's `description` computes the same digits as
  /// CPython's repr (shortest, then nearest); only its layout differs, so it is re-read here.
  static func shortestDigits(_ x: Double) -> (digits: [UInt8], decpt: Int) {
    var digits: [UInt8] = []
    digits.reserveCapacity(17)
    var pointAt: Int? = nil
    var exponent = 0
    var exponentSign = 1
    var inExponent = false
    for c in x.magnitude.description.utf8 {
      if inExponent {
        if c == ASCII.minus {
          exponentSign = -1
        } else if c != ASCII.plus {
          exponent = exponent * 10 + Int(c - ASCII.zero)
        }
      } else if c == ASCII.point {
        pointAt = digits.count
      } else if c == UInt8(ascii: "e") {
        inExponent = true
      } else {
        digits.append(c)
      }
    }
    var decpt = (pointAt ?? digits.count) + exponentSign * exponent
    var start = 0
    while start < digits.count && digits[start] == ASCII.zero {
      start += 1
      decpt -= 1
    }
    var end = digits.count
    while end > start && digits[end - 1] == ASCII.zero { end -= 1 }
    if start == end { return ([ASCII.zero], 1) }
    return (Array(digits[start..<end]), decpt)
  }

  /// CPython's `format_float_short` layout of dtoa digits for codes `e f g r`: pads with zeros
  /// from a virtual infinite digit string, adds the point, and an exponent of at least two digits.
  static func layout(
    _ digits: [UInt8], decpt: Int, code: UInt8, precision: Int, addDotZero: Bool, alternate: Bool
  ) -> [UInt8] {
    var decpt = decpt
    var end = digits.count
    var useExp = false
    switch code {
    case UInt8(ascii: "e"):
      useExp = true
      end = precision
    case UInt8(ascii: "f"):
      end = decpt + precision
    case UInt8(ascii: "g"):
      if decpt <= -4 || decpt > (addDotZero ? precision - 1 : precision) { useExp = true }
      if alternate { end = precision }
    default:
      if decpt <= -4 || decpt > 16 { useExp = true }
    }
    var exponent = 0
    if useExp {
      exponent = decpt - 1
      decpt = 1
    }
    let start = decpt <= 0 ? decpt - 1 : 0
    end = max(end, !useExp && addDotZero ? decpt + 1 : decpt)

    var out: [UInt8] = []
    out.reserveCapacity(end - start + 8)
    if decpt <= 0 {
      out += repeatElement(ASCII.zero, count: max(decpt - start, 0))
      out.append(ASCII.point)
      out += repeatElement(ASCII.zero, count: -decpt)
    }
    if decpt > 0 && decpt <= digits.count {
      out += digits[..<decpt]
      out.append(ASCII.point)
      out += digits[decpt...]
    } else {
      out += digits
    }
    if digits.count < decpt {
      out += repeatElement(ASCII.zero, count: decpt - digits.count)
      out.append(ASCII.point)
      out += repeatElement(ASCII.zero, count: max(end - decpt, 0))
    } else {
      out += repeatElement(ASCII.zero, count: max(end - digits.count, 0))
    }
    if out.last == ASCII.point && !alternate { out.removeLast() }
    if useExp {
      out.append(UInt8(ascii: "e"))
      out.append(exponent < 0 ? ASCII.minus : ASCII.plus)
      let e = Array(String(abs(exponent)).utf8)
      if e.count < 2 { out.append(ASCII.zero) }
      out += e
    }
    return out
  }
}

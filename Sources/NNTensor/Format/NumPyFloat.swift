/// NumPy's `format_float_positional` and `format_float_scientific` (its `dragon4_positional` and
/// `dragon4_scientific`): the element formatter of every float64 array NumPy prints.
/// A `nil` precision, minimum or padding is NumPy's `None` (-1 in its C code).
public enum NumPyFloat {
  /// What to do with trailing zeros and the decimal point (NumPy's `trim`).
  public enum Trim: Character, Sendable {
    /// `'k'`: keep trailing zeros and the decimal point.
    case keep = "k"
    /// `'.'`: drop trailing zeros, keep the decimal point.
    case zeros = "."
    /// `'0'`: drop trailing zeros but keep one after the point.
    case leaveOneZero = "0"
    /// `'-'`: drop trailing zeros and a trailing decimal point.
    case pointAndZeros = "-"
  }

  /// `np.format_float_positional`: `ddd.ddd`, padded with spaces to `padLeft` characters before
  /// the point and `padRight` after it.
  public static func positional(
    _ x: Double, precision: Int? = nil, unique: Bool = true, fractional: Bool = true,
    trim: Trim = .keep, sign: Bool = false, padLeft: Int? = nil, padRight: Int? = nil,
    minDigits: Int? = nil
  ) -> String {
    if let special = infOrNaN(x, sign: sign) { return special }
    let precision = precision ?? -1
    let minDigits = minDigits ?? -1
    var out: [UInt8] = []
    let hasSign = x.sign == .minus || sign
    if hasSign { out.append(x.sign == .minus ? ASCII.minus : ASCII.plus) }

    let d =
      unique && fractional && x != 0
      ? Dragon4.fractionDigits(x, precision: precision, minDigits: minDigits)
      : Dragon4.digits(
        x, unique: unique, cutoff: fractional ? .fractionLength : .totalLength,
        cutoffMax: precision, cutoffMin: minDigits, bufferSize: 16383 - (hasSign ? 1 : 0))
    let digits = d.digits.map { $0 + ASCII.zero }
    var wholeDigits = 1
    var fractionDigits = 0
    if d.exponent >= 0 {
      wholeDigits = d.exponent + 1
      if digits.count <= wholeDigits {
        out += digits
        out += repeatElement(ASCII.zero, count: room(wholeDigits - digits.count, out))
      } else {
        out += digits[..<wholeDigits]
        out.append(ASCII.point)
        out += digits[wholeDigits...]
        fractionDigits = digits.count - wholeDigits
      }
    } else {
      let zeros = -(d.exponent + 1)
      out += [ASCII.zero, ASCII.point]
      out += repeatElement(ASCII.zero, count: zeros)
      out += digits
      fractionDigits = digits.count + zeros
    }

    if trim != .pointAndZeros && fractionDigits == 0 { out.append(ASCII.point) }
    let addDigits = unique ? minDigits : precision
    let desired = fractional ? max(addDigits, 0) : addDigits - wholeDigits
    if trim == .leaveOneZero {
      if fractionDigits == 0 {
        out.append(ASCII.zero)
        fractionDigits += 1
      }
    } else if trim == .keep && desired > fractionDigits {
      let count = room(desired - fractionDigits, out)
      out += repeatElement(ASCII.zero, count: count)
      fractionDigits += count
    }
    if trim != .keep && fractionDigits > 0 {
      while out.last == ASCII.zero {
        out.removeLast()
        fractionDigits -= 1
      }
      if out.last == ASCII.point {
        if trim == .leaveOneZero {
          out.append(ASCII.zero)
          fractionDigits += 1
        } else if trim == .pointAndZeros {
          out.removeLast()
        }
      }
    }

    if let padRight, padRight >= fractionDigits {
      if trim == .pointAndZeros && fractionDigits == 0 { out.append(ASCII.space) }
      out += repeatElement(ASCII.space, count: room(padRight - fractionDigits, out))
    }
    if let padLeft, padLeft > wholeDigits + (hasSign ? 1 : 0) {
      let count = room(padLeft - wholeDigits - (hasSign ? 1 : 0), out)
      out.insert(contentsOf: repeatElement(ASCII.space, count: count), at: 0)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `np.format_float_scientific`: `d.ddde+XX`, the exponent zero-padded to `expDigits`
  /// (at least 2 when nil) and the whole padded with spaces to `padLeft` before the point.
  public static func scientific(
    _ x: Double, precision: Int? = nil, unique: Bool = true, trim: Trim = .keep,
    sign: Bool = false, padLeft: Int? = nil, expDigits: Int? = nil, minDigits: Int? = nil
  ) -> String {
    if let special = infOrNaN(x, sign: sign) { return special }
    let precision = precision ?? -1
    let minDigits = minDigits ?? -1
    var out: [UInt8] = []
    let hasSign = x.sign == .minus || sign
    if let padLeft, padLeft > 1 + (hasSign ? 1 : 0) {
      out += repeatElement(ASCII.space, count: room(padLeft - 1 - (hasSign ? 1 : 0), out))
    }
    if hasSign { out.append(x.sign == .minus ? ASCII.minus : ASCII.plus) }

    let maxCount = precision < 0 ? -1 : precision + 1
    let minCount = minDigits < 0 ? -1 : minDigits + 1
    let d =
      unique && x != 0
      ? Dragon4.significantDigits(x, maxCount: maxCount, minCount: minCount)
      : Dragon4.digits(x, unique: unique, cutoff: .totalLength, cutoffMax: maxCount, cutoffMin: minCount)
    out.append(d.digits[0] + ASCII.zero)
    var fractionDigits = d.digits.count - 1
    if fractionDigits > 0 {
      out.append(ASCII.point)
      out += d.digits.dropFirst().map { $0 + ASCII.zero }
    }
    if trim != .pointAndZeros && fractionDigits == 0 { out.append(ASCII.point) }
    let addDigits = max(unique ? minDigits : precision, 0)
    if trim == .leaveOneZero {
      if fractionDigits == 0 {
        out.append(ASCII.zero)
        fractionDigits += 1
      }
    } else if trim == .keep && addDigits > fractionDigits {
      let count = room(addDigits - fractionDigits, out)
      out += repeatElement(ASCII.zero, count: count)
      fractionDigits += count
    }
    if trim != .keep && fractionDigits > 0 {
      while out.last == ASCII.zero {
        out.removeLast()
        fractionDigits -= 1
      }
      if trim == .leaveOneZero && out.last == ASCII.point { out.append(ASCII.zero) }
    }

    out.append(UInt8(ascii: "e"))
    out.append(d.exponent < 0 ? ASCII.minus : ASCII.plus)
    let expText = Array(String(abs(d.exponent)).utf8)
    let width = min(expDigits.map { $0 < 0 ? 2 : $0 } ?? 2, 5)
    out += repeatElement(ASCII.zero, count: max(width - expText.count, 0))
    out += expText
    return String(decoding: out, as: UTF8.self)
  }

  /// How much of a padding of `count` fits: NumPy prints into a buffer of 16383 characters.
  private static func room(_ count: Int, _ out: [UInt8]) -> Int {
    max(min(count, 16383 - out.count), 0)
  }

  /// Dragon4's `inf` / `nan` (never signed, as NumPy prints it), unpadded.
  static func infOrNaN(_ x: Double, sign: Bool) -> String? {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : sign ? "+inf" : "inf" }
    return nil
  }
}

/// ASCII bytes the formatters assemble text from.
enum ASCII {
  static let zero = UInt8(ascii: "0")
  static let point = UInt8(ascii: ".")
  static let minus = UInt8(ascii: "-")
  static let plus = UInt8(ascii: "+")
  static let space = UInt8(ascii: " ")
}

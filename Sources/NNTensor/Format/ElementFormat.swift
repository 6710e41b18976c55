/// One element of a printed array as text, with the padding that aligns a column: NumPy's
/// `BoolFormat`, `IntegerFormat` and `FloatingFormat`, each set up once from the elements that
/// will be shown.
enum ElementFormat {
  case bool(trueText: String)
  case int(IntElementFormat)
  case float(FloatElementFormat)

  func callAsFunction(_ x: Scalar) -> String {
    switch (self, x) {
    case (.bool(let trueText), .bool(let b)): b ? trueText : "False"
    case (.int(let f), .int(let i)): f.format(i)
    case (.float(let f), .float(let d)): f.format(d)
    // An element of another dtype never reaches a formatter built for this one.
    case (.float(let f), _): f.format(x.doubleValue)
    case (.int(let f), .bool(let b)): f.format(b ? 1 : 0)
    default: "\(x)"
    }
  }
}

/// `IntegerFormat`: right-aligned to the widest shown value, with the sign option.
struct IntElementFormat {
  let width: Int
  let sign: PrintOptions.Sign

  init(_ data: [Int64], sign: PrintOptions.Sign) {
    var sign = sign
    var width = 0
    if let hi = data.max(), let lo = data.min() {
      var hiLength = String(hi).utf8.count
      if sign == .space && lo < 0 { sign = .minus }
      if hi >= 0 && sign != .minus { hiLength += 1 }
      width = max(hiLength, String(lo).utf8.count)
    }
    self.width = width
    self.sign = sign
  }

  func format(_ x: Int64) -> String {
    let prefix = x < 0 ? "" : sign == .minus ? "" : sign.rawValue
    let text = prefix + String(x)
    let n = text.utf8.count
    return n >= width ? text : String(repeating: " ", count: width - n) + text
  }
}

/// `FloatingFormat`: positional or scientific for the whole array, chosen from the shown values
/// (scientific when the largest is >= 1e8, or, unless `suppress`, the smallest nonzero is
/// < 1e-4 or their ratio > 1e3), then padded so that the points line up.
struct FloatElementFormat {
  let sign: PrintOptions.Sign
  let nanString: String
  let infString: String
  var scientific = false
  var precision: Int
  var minDigits: Int? = nil
  var unique = true
  var trim = NumPyFloat.Trim.zeros
  var padLeft = 0
  var padRight = 0
  var expSize = -1

  init(_ data: [Double], isZeroD: Bool, options: PrintOptions) {
    let legacy = options.legacyLevel
    var sign = options.sign
    if legacy <= 113 && !isZeroD && sign == .minus { sign = .space }
    self.sign = sign
    nanString = options.nanString
    infString = options.infString
    precision = options.floatMode == .unique ? -1 : max(options.precision ?? -1, -1)

    let finite = data.filter(\.isFinite)
    let nonZero = finite.lazy.filter { $0 != 0 }.map(\.magnitude)
    if let maxValue = nonZero.max(), let minValue = nonZero.min() {
      scientific =
        maxValue >= 1e8
        || (!options.suppress && (minValue < 0.0001 || maxValue / minValue > 1000))
    }
    if finite.isEmpty {
      trim = .zeros
    } else if scientific {
      fillScientific(finite, options)
    } else {
      fillPositional(finite, options)
    }
    if legacy > 113 && sign == .space && !finite.contains(where: { $0.sign == .minus }) {
      padLeft += 1
    }
    if finite.count != data.count {
      let negativeInf = sign != .minus || data.contains { $0.isInfinite && $0 < 0 }
      let offset = padRight + 1
      padLeft = max(
        padLeft, nanString.unicodeScalars.count - offset,
        infString.unicodeScalars.count + (negativeInf ? 1 : 0) - offset)
    }
  }

  private mutating func fillScientific(_ finite: [Double], _ options: PrintOptions) {
    var trim = NumPyFloat.Trim.zeros
    var unique = true
    if options.floatMode == .fixed || options.legacyLevel <= 113 { (trim, unique) = (.keep, false) }
    var intLength = 0
    var fracLength = 0
    var expLength = 0
    for x in finite {
      let text = NumPyFloat.scientific(
        x, precision: precision < 0 ? nil : precision, unique: unique, trim: trim,
        sign: sign == .plus)
      let (mantissa, exponent) = text.utf8.split(at: UInt8(ascii: "e"))
      let (whole, fraction) = mantissa.split(at: ASCII.point)
      intLength = max(intLength, whole.count)
      fracLength = max(fracLength, fraction.count)
      expLength = max(expLength, exponent.count)
    }
    expSize = expLength - 1
    self.trim = .keep
    precision = fracLength
    minDigits = fracLength
    self.unique = unique
    padLeft = options.legacyLevel <= 113 ? 3 : intLength
    padRight = expSize + 2 + precision
  }

  private mutating func fillPositional(_ finite: [Double], _ options: PrintOptions) {
    var trim = NumPyFloat.Trim.zeros
    var unique = true
    if options.floatMode == .fixed { (trim, unique) = (.keep, false) }
    var intLength = 0
    var fracLength = 0
    for x in finite {
      let text = NumPyFloat.positional(
        x, precision: precision < 0 ? nil : precision, unique: unique, fractional: true,
        trim: trim, sign: sign == .plus)
      let (whole, fraction) = text.utf8.split(at: ASCII.point)
      let unsigned = whole.drop { $0 == ASCII.minus || $0 == ASCII.plus }.count
      intLength = max(intLength, options.legacyLevel <= 113 ? 1 + unsigned : whole.count)
      fracLength = max(fracLength, fraction.count)
    }
    padLeft = intLength
    padRight = fracLength
    self.unique = unique
    if options.floatMode == .fixed || options.floatMode == .maxprecEqual {
      precision = fracLength
      minDigits = fracLength
      self.trim = .keep
    } else {
      self.trim = .zeros
      minDigits = 0
    }
  }

  func format(_ x: Double) -> String {
    if !x.isFinite {
      let text: String
      if x.isNaN {
        text = (sign == .plus ? "+" : "") + nanString
      } else {
        text = (x < 0 ? "-" : sign == .plus ? "+" : "") + infString
      }
      let pad = padLeft + padRight + 1 - text.unicodeScalars.count
      return pad > 0 ? String(repeating: " ", count: pad) + text : text
    }
    let p = precision < 0 ? nil : precision
    if scientific {
      return NumPyFloat.scientific(
        x, precision: p, unique: unique, trim: trim, sign: sign == .plus, padLeft: padLeft,
        expDigits: expSize, minDigits: minDigits)
    }
    return NumPyFloat.positional(
      x, precision: p, unique: unique, fractional: true, trim: trim, sign: sign == .plus,
      padLeft: padLeft, padRight: padRight, minDigits: minDigits)
  }
}

extension Collection where Element == UInt8 {
  /// Python's `str.partition` without the separator: what comes before and after its first
  /// occurrence (all and nothing when absent).
  fileprivate func split(at separator: UInt8) -> (SubSequence, SubSequence) {
    guard let i = firstIndex(of: separator) else { return (self[...], self[endIndex...]) }
    return (self[..<i], self[index(after: i)...])
  }
}

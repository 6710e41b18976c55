/// Decimal digits of a float64 by Steele & White's Dragon4, in the variant NumPy prints
/// with (Ryan Juckett's, as modified in NumPy's `dragon4.c`): either the shortest digits that
/// identify the value ("unique"), or its exact digits, cut off after a number of total or
/// fractional digits and rounded half-to-even on the exact binary value.
enum Dragon4 {
  enum Cutoff {
    /// Counts significant digits.
    case totalLength
    /// Counts digits after the decimal point.
    case fractionLength
  }

  /// Digits `d0 d1 d2 ...` meaning `d0.d1d2... × 10^exponent`. Never empty.
  struct Digits {
    var digits: [UInt8]
    var exponent: Int
  }

  /// The binary parts of a finite double: value = mantissa × 2^exponent.
  struct Parts {
    var mantissa: UInt64
    var exponent: Int
    var mantissaBit: Int
    var unequalMargins: Bool

    init(_ x: Double) {
      let bits = x.bitPattern
      let fraction = bits & ((1 << 52) - 1)
      let biased = Int((bits >> 52) & 0x7FF)
      if biased != 0 {
        mantissa = (1 << 52) | fraction
        exponent = biased - 1075
        mantissaBit = 52
        unequalMargins = biased != 1 && fraction == 0
      } else {
        mantissa = fraction
        exponent = -1074
        mantissaBit = fraction == 0 ? 0 : 63 - fraction.leadingZeroBitCount
        unequalMargins = false
      }
    }
  }

  /// `digits(x, unique: true, cutoff: .fractionLength, ...)` without big integers where the
  /// answer is known from cheaper arithmetic, which is most of what arrays print:
  /// - the shortest digits end at or before the cutoff and reach the minimum: they are the answer;
  /// - they reach past the cutoff: the cutoff digit is then rounded half-to-even on the exact
  ///   value (no neighbour is near), which `PythonFloat.scaledToInteger` computes in 128 bits;
  /// - an integral value below 2^53 asked for more digits: its integer digits.
  static func fractionDigits(_ x: Double, precision: Int, minDigits: Int) -> Digits {
    let shortest = PythonFloat.shortestDigits(x.magnitude)
    let first = shortest.decpt - 1
    let last = first - shortest.digits.count + 1
    let minimumExponent = minDigits < 0 ? first + 1 : min(first + 1, -minDigits)
    if precision < 0 || last >= -precision {
      if last <= minimumExponent {
        return Digits(digits: shortest.digits.map { $0 - ASCII.zero }, exponent: first)
      }
      // Past its shortest digits an integer's exact digits are zeros, which the caller pads.
      if minDigits >= 0 && x.magnitude < 9_007_199_254_740_992 && x == x.rounded(.towardZero) {
        let text = String(UInt64(x.magnitude)).utf8.map { $0 - ASCII.zero }
        return Digits(digits: text, exponent: text.count - 1)
      }
    } else if let (q, roundedUp) = PythonFloat.scaledToIntegerRounding(x, precision: precision) {
      if q == 0 { return Digits(digits: [0], exponent: -precision) }
      var text = String(q).utf8.map { $0 - ASCII.zero }
      let exponent = text.count - 1 - precision
      // A carry through trailing 9s leaves zeros that Dragon4 does not print.
      if roundedUp { while text.last == 0 { text.removeLast() } }
      return Digits(digits: text, exponent: exponent)
    }
    return digits(x, unique: true, cutoff: .fractionLength, cutoffMax: precision, cutoffMin: minDigits)
  }

  /// `digits(x, unique: true, cutoff: .totalLength, ...)` by the same shortcuts as
  /// `fractionDigits`: the shortest digits when they fit between `minCount` and `maxCount`
  /// significant digits, else the exact value rounded at the last allowed digit.
  static func significantDigits(_ x: Double, maxCount: Int, minCount: Int) -> Digits {
    let shortest = PythonFloat.shortestDigits(x.magnitude)
    let count = shortest.digits.count
    let first = shortest.decpt - 1
    if (maxCount < 0 || count <= maxCount) && (minCount < 0 || count >= minCount) {
      return Digits(digits: shortest.digits.map { $0 - ASCII.zero }, exponent: first)
    }
    // Two or more shortest digits never round up to a power of ten, so `first` is the exponent
    // of the value's own first digit and the cutoff is `maxCount - 1` places after it.
    let scale = maxCount - 1 - first
    if maxCount >= 1 && count > maxCount && count >= 2 && scale >= 0,
      let (q, roundedUp) = PythonFloat.scaledToIntegerRounding(x, precision: scale)
    {
      var text = String(q).utf8.map { $0 - ASCII.zero }
      let exponent = text.count - 1 - scale
      if roundedUp { while text.last == 0 { text.removeLast() } }
      return Digits(digits: text, exponent: exponent)
    }
    return digits(x, unique: true, cutoff: .totalLength, cutoffMax: maxCount, cutoffMin: minCount)
  }

  /// NumPy's `Dragon4()`. `cutoffMax` < 0 means no cutoff; `cutoffMin` < 0 means no minimum.
  /// The absolute value of `x` is printed; the caller handles sign, inf and nan.
  static func digits(
    _ x: Double, unique: Bool, cutoff: Cutoff, cutoffMax: Int, cutoffMin: Int,
    bufferSize: Int = 16383
  ) -> Digits {
    let p = Parts(x)
    guard p.mantissa != 0 else { return Digits(digits: [0], exponent: 0) }

    // value = scaledValue / scale; the margins are half the distance to the neighbours.
    var scaledValue = BigUInt(p.mantissa)
    var scale: BigUInt
    var marginLow: BigUInt
    let unequal = p.unequalMargins
    if p.exponent > 0 {
      scaledValue.shiftLeft(p.exponent + (unequal ? 2 : 1))
      scale = BigUInt(unequal ? 4 : 2)
      marginLow = BigUInt.power2(p.exponent)
    } else {
      scaledValue.shiftLeft(unequal ? 2 : 1)
      scale = BigUInt.power2(-p.exponent + (unequal ? 2 : 1))
      marginLow = BigUInt(1)
    }
    // With unequal margins the high margin is twice the low one.
    func marginHigh() -> BigUInt { unequal ? marginLow + marginLow : marginLow }

    // An estimate of floor(log10(v)) + 1 that is right or one too small.
    let log10of2 = 0.30102999566398119521373889472449
    var digitExponent = Int((Double(p.mantissaBit + p.exponent) * log10of2 - 0.69).rounded(.up))
    if cutoffMax >= 0 && cutoff == .fractionLength && digitExponent <= -cutoffMax {
      digitExponent = -cutoffMax + 1
    }
    if digitExponent > 0 {
      scale = scale * BigUInt.power10(digitExponent)
    } else if digitExponent < 0 {
      let power = BigUInt.power10(-digitExponent)
      scaledValue = scaledValue * power
      marginLow = marginLow * power
    }
    if BigUInt.compare(scaledValue, scale) >= 0 {
      digitExponent += 1
    } else {
      scaledValue.multiply(by: 10)
      marginLow.multiply(by: 10)
    }

    var cutoffMaxExponent = digitExponent - bufferSize
    if cutoffMax >= 0 {
      let desired = cutoff == .totalLength ? digitExponent - cutoffMax : -cutoffMax
      cutoffMaxExponent = max(cutoffMaxExponent, desired)
    }
    var cutoffMinExponent = digitExponent
    if cutoffMin >= 0 {
      let desired = cutoff == .totalLength ? digitExponent - cutoffMin : -cutoffMin
      cutoffMinExponent = min(cutoffMinExponent, desired)
    }

    var out: [UInt8] = []
    out.reserveCapacity(20)
    var exponent = digitExponent - 1
    var low = false
    var high = false
    var digit: UInt32 = 0
    let isEven = p.mantissa & 1 == 0
    if unique {
      while true {
        digitExponent -= 1
        digit = scaledValue.divideReturningDigit(by: scale)
        let upper = scaledValue + marginHigh()
        let cmpLow = BigUInt.compare(scaledValue, marginLow)
        low = isEven ? cmpLow <= 0 : cmpLow < 0
        let cmpHigh = BigUInt.compare(upper, scale)
        high = isEven ? cmpHigh >= 0 : cmpHigh > 0
        if ((low || high) && digitExponent <= cutoffMinExponent)
          || digitExponent == cutoffMaxExponent
        {
          break
        }
        out.append(UInt8(digit))
        scaledValue.multiply(by: 10)
        marginLow.multiply(by: 10)
      }
    } else {
      while true {
        digitExponent -= 1
        digit = scaledValue.divideReturningDigit(by: scale)
        if scaledValue.isZero || digitExponent == cutoffMaxExponent { break }
        out.append(UInt8(digit))
        scaledValue.multiply(by: 10)
      }
    }

    // Round the final digit: down if only that is allowed, else to nearest, ties to even.
    var roundDown = low
    if low == high {
      scaledValue.shiftLeft(1)
      let c = BigUInt.compare(scaledValue, scale)
      roundDown = c == 0 ? digit & 1 == 0 : c < 0
    }
    if roundDown {
      out.append(UInt8(digit))
    } else if digit < 9 {
      out.append(UInt8(digit + 1))
    } else {
      while let last = out.last, last == 9 { out.removeLast() }
      if let last = out.last {
        out[out.count - 1] = last + 1
      } else {
        out = [1]
        exponent += 1
      }
    }
    return Digits(digits: out, exponent: exponent)
  }
}

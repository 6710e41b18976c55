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
    var low = false, high = false
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

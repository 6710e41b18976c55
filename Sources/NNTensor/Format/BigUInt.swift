/// The few unsigned big-integer operations Dragon4 needs, on 32-bit limbs, least significant
/// first, with no zero limb at the top (zero is the empty array). Only exact float printing
/// uses it: a float64 needs at most ~1100 bits.
struct BigUInt: Comparable {
  var limbs: [UInt32]

  init() { limbs = [] }

  init(_ value: UInt64) {
    limbs = []
    if value != 0 { limbs.append(UInt32(truncatingIfNeeded: value)) }
    if value >> 32 != 0 { limbs.append(UInt32(truncatingIfNeeded: value >> 32)) }
  }

  var isZero: Bool { limbs.isEmpty }
  var isEven: Bool { limbs.isEmpty || limbs[0] & 1 == 0 }

  /// 2^n.
  static func power2(_ n: Int) -> BigUInt {
    var r = BigUInt()
    r.limbs = [UInt32](repeating: 0, count: n / 32 + 1)
    r.limbs[n / 32] = 1 << UInt32(n % 32)
    return r
  }

  /// 10^n, as 5^n shifted by n.
  static func power10(_ n: Int) -> BigUInt {
    var r = BigUInt(1)
    var left = n
    // 5^13 is the largest power of five below 2^32.
    while left >= 13 {
      r.multiply(by: 1_220_703_125)
      left -= 13
    }
    var small: UInt32 = 1
    for _ in 0..<left { small *= 5 }
    r.multiply(by: small)
    r.shiftLeft(n)
    return r
  }

  static func < (a: BigUInt, b: BigUInt) -> Bool { compare(a, b) < 0 }

  /// Negative, zero or positive as a is less than, equal to or greater than b.
  static func compare(_ a: BigUInt, _ b: BigUInt) -> Int {
    if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
    var i = a.limbs.count - 1
    while i >= 0 {
      if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] ? -1 : 1 }
      i -= 1
    }
    return 0
  }

  static func + (a: BigUInt, b: BigUInt) -> BigUInt {
    let (large, small) = a.limbs.count >= b.limbs.count ? (a, b) : (b, a)
    var r = large
    var carry: UInt64 = 0
    for i in 0..<large.limbs.count {
      let s = UInt64(r.limbs[i]) + (i < small.limbs.count ? UInt64(small.limbs[i]) : 0) + carry
      r.limbs[i] = UInt32(truncatingIfNeeded: s)
      carry = s >> 32
      if carry == 0 && i >= small.limbs.count { break }
    }
    if carry != 0 { r.limbs.append(UInt32(carry)) }
    return r
  }

  static func * (a: BigUInt, b: BigUInt) -> BigUInt {
    if a.isZero || b.isZero { return BigUInt() }
    var out = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count)
    for (i, x) in b.limbs.enumerated() where x != 0 {
      var carry: UInt64 = 0
      for (j, y) in a.limbs.enumerated() {
        let p = UInt64(out[i + j]) + UInt64(x) * UInt64(y) + carry
        out[i + j] = UInt32(truncatingIfNeeded: p)
        carry = p >> 32
      }
      out[i + a.limbs.count] = UInt32(carry)
    }
    var r = BigUInt()
    r.limbs = out
    r.trim()
    return r
  }

  mutating func multiply(by m: UInt32) {
    var carry: UInt64 = 0
    for i in 0..<limbs.count {
      let p = UInt64(limbs[i]) * UInt64(m) + carry
      limbs[i] = UInt32(truncatingIfNeeded: p)
      carry = p >> 32
    }
    if carry != 0 { limbs.append(UInt32(carry)) }
    if m == 0 { limbs = [] }
  }

  mutating func shiftLeft(_ shift: Int) {
    guard !limbs.isEmpty, shift > 0 else { return }
    let blocks = shift / 32
    let bits = UInt32(shift % 32)
    if bits != 0 {
      var carry: UInt32 = 0
      for i in 0..<limbs.count {
        let x = limbs[i]
        limbs[i] = (x << bits) | carry
        carry = x >> (32 - bits)
      }
      if carry != 0 { limbs.append(carry) }
    }
    if blocks > 0 { limbs.insert(contentsOf: repeatElement(0, count: blocks), at: 0) }
  }

  /// Divides by `divisor` when the quotient is known to be below 10, leaving the remainder.
  /// Plain compare-and-subtract: at most nine subtractions, usually one estimate.
  mutating func divideReturningDigit(by divisor: BigUInt) -> UInt32 {
    guard limbs.count >= divisor.limbs.count, let top = divisor.limbs.last else { return 0 }
    var q: UInt32 = 0
    if limbs.count == divisor.limbs.count, let mine = limbs.last {
      // An estimate from the top limbs never overshoots.
      q = top == .max ? 0 : mine / (top + 1)
      if q > 0 { subtract(divisor, times: q) }
    }
    while BigUInt.compare(self, divisor) >= 0 {
      subtract(divisor, times: 1)
      q += 1
    }
    return q
  }

  /// self -= d * m, which the caller guarantees is non-negative.
  private mutating func subtract(_ d: BigUInt, times m: UInt32) {
    var borrow: Int64 = 0
    var carry: UInt64 = 0
    for i in 0..<limbs.count {
      var sub: UInt64 = 0
      if i < d.limbs.count || carry != 0 {
        let p = (i < d.limbs.count ? UInt64(d.limbs[i]) * UInt64(m) : 0) + carry
        carry = p >> 32
        sub = p & 0xFFFF_FFFF
      }
      let diff = Int64(limbs[i]) - Int64(sub) - borrow
      if diff < 0 {
        limbs[i] = UInt32(truncatingIfNeeded: diff + (1 << 32))
        borrow = 1
      } else {
        limbs[i] = UInt32(truncatingIfNeeded: diff)
        borrow = 0
      }
    }
    trim()
  }

  private mutating func trim() {
    while let last = limbs.last, last == 0 { limbs.removeLast() }
  }
}

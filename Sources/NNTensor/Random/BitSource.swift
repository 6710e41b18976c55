/// A bit generator as NumPy's distributions see one (`bitgen_t`): raw 32- and 64-bit words and
/// a double in [0, 1). The bounded-integer and shuffling algorithms below are written once
/// against it and shared by `RandomState` (MT19937) and `Generator` (PCG64).
protocol BitSource: AnyObject {
  func nextUInt32() -> UInt32
  func nextUInt64() -> UInt64
  func nextDouble() -> Double
}

/// NumPy's integer sampling on a closed range `[0, range]` (`distributions.c`,
/// `random_bounded_uint64_fill`, `random_interval`). The legacy RandomState masks and rejects;
/// the Generator uses Lemire's multiply-shift. Both draw 32-bit words while the range fits.
enum BoundedIntegers {
  /// The smallest all-ones mask covering `max` (`gen_mask`).
  @inline(__always) static func mask(_ max: UInt64) -> UInt64 {
    var m = max
    m |= m >> 1
    m |= m >> 2
    m |= m >> 4
    m |= m >> 8
    m |= m >> 16
    m |= m >> 32
    return m
  }

  /// `random_interval`: a value in `[0, max]` by masked rejection; what `shuffle` draws.
  @inline(__always) static func interval<B: BitSource>(_ bits: B, max: UInt64) -> UInt64 {
    if max == 0 { return 0 }
    let m = mask(max)
    if max <= 0xFFFF_FFFF {
      while true {
        let v = UInt64(bits.nextUInt32()) & m
        if v <= max { return v }
      }
    }
    while true {
      let v = bits.nextUInt64() & m
      if v <= max { return v }
    }
  }

  /// `random_bounded_uint64` without masking: one Lemire draw in `[0, range]`.
  @inline(__always) static func lemire<B: BitSource>(_ bits: B, range: UInt64) -> UInt64 {
    if range == 0 { return 0 }
    if range <= 0xFFFF_FFFF {
      if range == 0xFFFF_FFFF { return UInt64(bits.nextUInt32()) }
      return UInt64(lemire32(bits, range: UInt32(range)))
    }
    if range == .max { return bits.nextUInt64() }
    return lemire64(bits, range: range)
  }

  /// `random_bounded_uint64_fill`: `count` values `offset + [0, range]`, wrapping as C does,
  /// written as int64 (`off` and the result reinterpret the signed bounds).
  static func fill<B: BitSource>(
    _ bits: B, offset: UInt64, range: UInt64, masked: Bool,
    into out: UnsafeMutablePointer<Int64>, count: Int
  ) {
    @inline(__always) func put(_ i: Int, _ v: UInt64) { out[i] = Int64(bitPattern: offset &+ v) }
    if range == 0 {
      for i in 0..<count { put(i, 0) }
    } else if range <= 0xFFFF_FFFF {
      let r = UInt32(range)
      if r == .max {
        for i in 0..<count { put(i, UInt64(bits.nextUInt32())) }
      } else if masked {
        let m = UInt32(mask(range))
        for i in 0..<count {
          var v: UInt32
          repeat { v = bits.nextUInt32() & m } while v > r
          put(i, UInt64(v))
        }
      } else {
        for i in 0..<count { put(i, UInt64(lemire32(bits, range: r))) }
      }
    } else if range == .max {
      for i in 0..<count { put(i, bits.nextUInt64()) }
    } else if masked {
      let m = mask(range)
      for i in 0..<count {
        var v: UInt64
        repeat { v = bits.nextUInt64() & m } while v > range
        put(i, v)
      }
    } else {
      for i in 0..<count { put(i, lemire64(bits, range: range)) }
    }
  }

  /// `buffered_bounded_lemire_uint32`; `range` < 2^32 - 1.
  @inline(__always) static func lemire32<B: BitSource>(_ bits: B, range: UInt32) -> UInt32 {
    let exclusive = range &+ 1
    var m = UInt64(bits.nextUInt32()) &* UInt64(exclusive)
    var leftover = UInt32(truncatingIfNeeded: m)
    if leftover < exclusive {
      let threshold = (UInt32.max &- range) % exclusive
      while leftover < threshold {
        m = UInt64(bits.nextUInt32()) &* UInt64(exclusive)
        leftover = UInt32(truncatingIfNeeded: m)
      }
    }
    return UInt32(truncatingIfNeeded: m >> 32)
  }

  /// `bounded_lemire_uint64`; `range` < 2^64 - 1.
  @inline(__always) static func lemire64<B: BitSource>(_ bits: B, range: UInt64) -> UInt64 {
    let exclusive = range &+ 1
    var m = bits.nextUInt64().multipliedFullWidth(by: exclusive)
    if m.low < exclusive {
      let threshold = (UInt64.max &- range) % exclusive
      while m.low < threshold {
        m = bits.nextUInt64().multipliedFullWidth(by: exclusive)
      }
    }
    return m.high
  }
}

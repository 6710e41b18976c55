/// The Mersenne Twister as NumPy runs it (`numpy/random/src/mt19937`): 624 words of state and a
/// position; a double takes two words, `(a >> 5, b >> 6)` into 53 bits.
///
/// The words live in one fixed allocation rather than a Swift array, so the hot loops index
/// memory without bounds checks or copy-on-write checks.
final class MT19937: BitSource {
  static let stateLength = 624
  private static let shift = 397
  private static let matrixA: UInt32 = 0x9908_B0DF
  private static let upperMask: UInt32 = 0x8000_0000
  private static let lowerMask: UInt32 = 0x7FFF_FFFF

  let key: UnsafeMutablePointer<UInt32>
  /// Index of the next word to temper; `stateLength` means the block is used up.
  var pos: Int

  init() {
    key = .allocate(capacity: MT19937.stateLength)
    key.initialize(repeating: 0, count: MT19937.stateLength)
    pos = MT19937.stateLength
  }

  deinit { key.deallocate() }

  /// `mt19937_seed`: Knuth's linear congruential fill from one 32-bit seed.
  func seed(_ seed: UInt32) {
    var s = seed
    for i in 0..<MT19937.stateLength {
      key[i] = s
      s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
    }
    pos = MT19937.stateLength
  }

  /// `mt19937_init_by_array`, the reference implementation's seeding from several words.
  func seed(array initKey: [UInt32]) {
    let n = MT19937.stateLength
    seed(19_650_218)
    var i = 1
    var j = 0
    for _ in 0..<max(n, initKey.count) {
      let prev = key[i - 1]
      key[i] = (key[i] ^ ((prev ^ (prev >> 30)) &* 1_664_525)) &+ initKey[j] &+ UInt32(truncatingIfNeeded: j)
      i += 1
      j += 1
      if i >= n {
        key[0] = key[n - 1]
        i = 1
      }
      if j >= initKey.count { j = 0 }
    }
    for _ in 0..<(n - 1) {
      let prev = key[i - 1]
      key[i] = (key[i] ^ ((prev ^ (prev >> 30)) &* 1_566_083_941)) &- UInt32(i)
      i += 1
      if i >= n {
        key[0] = key[n - 1]
        i = 1
      }
    }
    key[0] = 0x8000_0000
    pos = n
  }

  /// `mt19937_gen`: the twist that makes the next 624 words. Leaves `pos` to the caller.
  private func twist() {
    let n = MT19937.stateLength
    let m = MT19937.shift
    let k = key
    @inline(__always) func mix(_ i: Int, _ next: Int, _ far: Int) {
      let y = (k[i] & MT19937.upperMask) | (k[next] & MT19937.lowerMask)
      k[i] = k[far] ^ (y >> 1) ^ ((0 &- (y & 1)) & MT19937.matrixA)
    }
    for i in 0..<(n - m) { mix(i, i + 1, i + m) }
    for i in (n - m)..<(n - 1) { mix(i, i + 1, i + m - n) }
    mix(n - 1, 0, m - 1)
  }

  @inline(__always) private static func temper(_ word: UInt32) -> UInt32 {
    var y = word
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  @inline(__always) func nextUInt32() -> UInt32 {
    if pos == MT19937.stateLength {
      twist()
      pos = 0
    }
    let y = key[pos]
    pos += 1
    return MT19937.temper(y)
  }

  @inline(__always) func nextUInt64() -> UInt64 {
    let high = UInt64(nextUInt32())
    return high << 32 | UInt64(nextUInt32())
  }

  /// `(a * 67108864.0 + b) / 9007199254740992.0`, exactly: the 53-bit integer is converted
  /// as a signed one, which x86 does in one instruction.
  @inline(__always) private static func double(_ a: UInt32, _ b: UInt32) -> Double {
    Double(Int64(a >> 5) << 26 | Int64(b >> 6)) * 0x1p-53
  }

  @inline(__always) func nextDouble() -> Double {
    let a = nextUInt32()
    return MT19937.double(a, nextUInt32())
  }

  /// `count` doubles, as `count` calls of `nextDouble` make them, a block of words at a time.
  func fill(_ out: UnsafeMutablePointer<Double>, count: Int) {
    let n = MT19937.stateLength
    let k = key
    var p = pos
    var i = 0
    while i < count {
      if p == n {
        twist()
        p = 0
      }
      if p == n - 1 {
        // The pair straddles two blocks: the first word is the last of this one.
        let a = MT19937.temper(k[p])
        twist()
        out[i] = MT19937.double(a, MT19937.temper(k[0]))
        p = 1
        i += 1
        continue
      }
      let take = min(count - i, (n - p) / 2)
      for t in 0..<take {
        out[i + t] = MT19937.double(MT19937.temper(k[p + 2 * t]), MT19937.temper(k[p + 2 * t + 1]))
      }
      p += 2 * take
      i += take
    }
    pos = p
  }
}

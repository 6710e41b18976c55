/// NumPy's `SeedSequence` (`numpy/random/bit_generator.pyx`): hashes seed entropy into a pool of
/// four 32-bit words, then expands the pool into as many state words as a bit generator needs.
/// `default_rng(seed)` seeds its PCG64 from `SeedSequence(seed).generate_state(4, uint64)`.
public struct SeedSequence: Sendable, Equatable {
  private static let poolSize = 4
  private static let initA: UInt32 = 0x43B0_D7E5
  private static let multA: UInt32 = 0x931E_8875
  private static let initB: UInt32 = 0x8B51_F9DD
  private static let multB: UInt32 = 0x58F3_8DED
  private static let mixMultL: UInt32 = 0xCA01_F9DD
  private static let mixMultR: UInt32 = 0x4973_F715

  /// The run entropy as 32-bit words, least significant first.
  public let entropy: [UInt32]
  /// The mixed pool.
  public let pool: [UInt32]

  /// The sequence for entropy already split into 32-bit words (NumPy's `_coerce_to_uint32_array`).
  public init(entropy: [UInt32]) {
    self.entropy = entropy
    self.pool = SeedSequence.mix(entropy)
  }

  /// `SeedSequence(int)`: a non-negative integer, split into 32-bit words.
  public init(_ seed: Int) throws(TensorError) {
    self.init(entropy: try SeedSequence.words(seed))
  }

  /// `SeedSequence([int, ...])`: each integer's words, concatenated.
  public init(_ seeds: [Int]) throws(TensorError) {
    var words: [UInt32] = []
    for s in seeds { words += try SeedSequence.words(s) }
    self.init(entropy: words)
  }

  /// Fresh entropy from the operating system, as `SeedSequence()` draws 128 bits.
  public static func fromSystemEntropy() -> SeedSequence {
    var g = SystemRandomNumberGenerator()
    var words = (0..<4).map { _ in UInt32.random(in: .min ... .max, using: &g) }
    // `_int_to_uint32_array` keeps no leading zero words of the 128-bit integer.
    while words.count > 1, words.last == 0 { words.removeLast() }
    return SeedSequence(entropy: words)
  }

  /// `_int_to_uint32_array`.
  static func words(_ seed: Int) throws(TensorError) -> [UInt32] {
    guard seed >= 0 else { throw TensorError(.valueError, "expected non-negative integer") }
    if seed == 0 { return [0] }
    var n = UInt64(seed)
    var words: [UInt32] = []
    while n > 0 {
      words.append(UInt32(truncatingIfNeeded: n))
      n >>= 32
    }
    return words
  }

  @inline(__always) private static func hashMix(_ value: UInt32, _ hashConst: inout UInt32) -> UInt32 {
    var v = value ^ hashConst
    hashConst = hashConst &* multA
    v = v &* hashConst
    return v ^ (v >> 16)
  }

  @inline(__always) private static func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
    let r = mixMultL &* x &- mixMultR &* y
    return r ^ (r >> 16)
  }

  /// `mix_entropy`: hash the entropy into the pool, then mix every pool word into every other.
  private static func mix(_ entropy: [UInt32]) -> [UInt32] {
    var hashConst = initA
    var pool = (0..<poolSize).map { i in
      hashMix(i < entropy.count ? entropy[i] : 0, &hashConst)
    }
    for src in 0..<poolSize {
      for dst in 0..<poolSize where src != dst {
        pool[dst] = mix(pool[dst], hashMix(pool[src], &hashConst))
      }
    }
    // Entropy beyond the pool's size is mixed into every pool word.
    for src in entropy.indices where src >= poolSize {
      for dst in 0..<poolSize {
        pool[dst] = mix(pool[dst], hashMix(entropy[src], &hashConst))
      }
    }
    return pool
  }

  /// `generate_state(n, uint32)`.
  public func generateState32(_ count: Int) -> [UInt32] {
    var hashConst = SeedSequence.initB
    var out: [UInt32] = []
    out.reserveCapacity(count)
    for i in 0..<max(count, 0) {
      var v = pool[i % pool.count] ^ hashConst
      hashConst = hashConst &* SeedSequence.multB
      v = v &* hashConst
      out.append(v ^ (v >> 16))
    }
    return out
  }

  /// `generate_state(n, uint64)`: pairs of 32-bit words, little-endian.
  public func generateState64(_ count: Int) -> [UInt64] {
    let w = generateState32(2 * max(count, 0))
    return (0..<max(count, 0)).map { UInt64(w[2 * $0]) | UInt64(w[2 * $0 + 1]) << 32 }
  }
}

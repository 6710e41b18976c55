/// NumPy's default bit generator (`numpy/random/src/pcg64`): a 128-bit LCG whose output is the
/// XSL-RR permutation of the new state. 32-bit draws hand out the two halves of one 64-bit
/// output, low half first, and keep the high half for the next 32-bit draw.
///
/// The 128-bit state is two `UInt64` halves: `UInt128` needs macOS 15, and the package supports 13.
final class PCG64: BitSource {
  private static let multiplierHigh: UInt64 = 0x2360_ED05_1FC6_5DA4
  private static let multiplierLow: UInt64 = 0x4385_DF64_9FCC_F645

  var stateHigh: UInt64 = 0
  var stateLow: UInt64 = 0
  var incrementHigh: UInt64 = 0
  var incrementLow: UInt64 = 0
  /// NumPy's `has_uint32` / `uinteger`: the high half of the last 64-bit output, not yet used.
  var hasUInt32 = false
  var uinteger: UInt32 = 0

  /// `PCG64(seed_sequence)`: four 64-bit words; the first two are the initial state, the last
  /// two the stream (`pcg64_set_seed` → `pcg_setseq_128_srandom_r`).
  init(_ seeds: SeedSequence) {
    let w = seeds.generateState64(4)
    incrementHigh = w[2] << 1 | w[3] >> 63
    incrementLow = w[3] << 1 | 1
    step()
    let (low, carry) = stateLow.addingReportingOverflow(w[1])
    stateLow = low
    stateHigh = stateHigh &+ w[0] &+ (carry ? 1 : 0)
    step()
  }

  /// state = state * multiplier + increment (mod 2^128).
  @inline(__always) private func step() {
    let product = stateLow.multipliedFullWidth(by: PCG64.multiplierLow)
    let high = product.high &+ stateLow &* PCG64.multiplierHigh &+ stateHigh &* PCG64.multiplierLow
    let (low, carry) = product.low.addingReportingOverflow(incrementLow)
    stateLow = low
    stateHigh = high &+ incrementHigh &+ (carry ? 1 : 0)
  }

  @inline(__always) func nextUInt64() -> UInt64 {
    step()
    let rotation = stateHigh >> 58
    let x = stateHigh ^ stateLow
    return x >> rotation | x << ((64 &- rotation) & 63)
  }

  @inline(__always) func nextUInt32() -> UInt32 {
    if hasUInt32 {
      hasUInt32 = false
      return uinteger
    }
    let next = nextUInt64()
    hasUInt32 = true
    uinteger = UInt32(truncatingIfNeeded: next >> 32)
    return UInt32(truncatingIfNeeded: next)
  }

  /// The top 53 bits, converted as a signed integer (one x86 instruction), times 2^-53.
  @inline(__always) func nextDouble() -> Double {
    Double(Int64(bitPattern: nextUInt64() >> 11)) * 0x1p-53
  }
}

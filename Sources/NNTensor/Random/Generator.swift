import Foundation

/// NumPy's `Generator` over PCG64, as `np.random.default_rng(seed)` makes it. Doubles take the
/// top 53 bits of a 64-bit word, normals come from NumPy's 256-layer ziggurat, bounded integers
/// from Lemire's method. Every stream is NumPy's, bit for bit.
///
/// Each draw comes three ways, as NumPy's `size` argument allows: one value (`size=None`),
/// a Swift array of `count` values, or an `NDArray` of a shape filled in C order.
public final class Generator {
  let bits: PCG64

  /// `default_rng(seed)` for a non-negative integer seed.
  public convenience init(seed: Int) throws(TensorError) {
    self.init(seedSequence: try SeedSequence(seed))
  }

  public init(seedSequence: SeedSequence) {
    bits = PCG64(seedSequence)
  }

  /// `default_rng()`: seeded from the operating system's entropy.
  public convenience init() {
    self.init(seedSequence: .fromSystemEntropy())
  }

  // MARK: - State

  /// `bit_generator.state`: the 128-bit LCG state and increment, and the unused 32-bit half.
  public struct State: Equatable, Sendable {
    public var state: (high: UInt64, low: UInt64)
    public var increment: (high: UInt64, low: UInt64)
    public var hasUInt32: Bool
    public var uinteger: UInt32

    public init(
      state: (high: UInt64, low: UInt64), increment: (high: UInt64, low: UInt64),
      hasUInt32: Bool = false, uinteger: UInt32 = 0
    ) {
      self.state = state
      self.increment = increment
      self.hasUInt32 = hasUInt32
      self.uinteger = uinteger
    }

    public static func == (a: State, b: State) -> Bool {
      a.state == b.state && a.increment == b.increment && a.hasUInt32 == b.hasUInt32
        && a.uinteger == b.uinteger
    }
  }

  public var state: State {
    get {
      State(
        state: (bits.stateHigh, bits.stateLow), increment: (bits.incrementHigh, bits.incrementLow),
        hasUInt32: bits.hasUInt32, uinteger: bits.uinteger)
    }
    set {
      (bits.stateHigh, bits.stateLow) = newValue.state
      (bits.incrementHigh, bits.incrementLow) = newValue.increment
      bits.hasUInt32 = newValue.hasUInt32
      bits.uinteger = newValue.uinteger
    }
  }

  // MARK: - Uniform doubles

  /// `random()`: `(next_uint64 >> 11) * 2^-53`.
  public func random() -> Double { bits.nextDouble() }

  public func random(count: Int) throws(TensorError) -> [Double] {
    try Sampling.array(count: count) { fillDoubles($0, $1) }
  }

  public func random(shape: [Int]) throws(TensorError) -> NDArray {
    try Sampling.ndarray(shape: shape, dtype: .float64) { fillDoubles($0, $1) }
  }

  private func fillDoubles(_ out: UnsafeMutablePointer<Double>, _ n: Int) {
    for i in 0..<n { out[i] = bits.nextDouble() }
  }

  /// `uniform(low, high)`: `low + (high - low) * random()`; unlike the legacy one it refuses
  /// `high < low`.
  public func uniform(low: Double = 0, high: Double = 1) throws(TensorError) -> Double {
    let range = try Generator.range(low, high)
    return low + range * bits.nextDouble()
  }

  public func uniform(low: Double = 0, high: Double = 1, count: Int) throws(TensorError) -> [Double] {
    let range = try Generator.range(low, high)
    return try Sampling.array(count: count) { out, n in
      for i in 0..<n { out[i] = low + range * bits.nextDouble() }
    }
  }

  public func uniform(low: Double = 0, high: Double = 1, shape: [Int]) throws(TensorError) -> NDArray {
    let range = try Generator.range(low, high)
    return try Sampling.ndarray(shape: shape, dtype: .float64) { out, n in
      for i in 0..<n { out[i] = low + range * bits.nextDouble() }
    }
  }

  private static func range(_ low: Double, _ high: Double) throws(TensorError) -> Double {
    let range = high - low
    guard range.isFinite else {
      throw TensorError(.overflowError, "high - low range exceeds valid bounds")
    }
    if range.sign == .minus { throw TensorError(.valueError, "high - low < 0") }
    return range
  }

  // MARK: - Normal

  /// `random_standard_normal`: the ziggurat. 99% of draws take one 64-bit word: 8 bits pick the
  /// layer, 1 the sign, 52 the magnitude; the rest fall to the wedge or the tail.
  @inline(__always) func nextStandardNormal() -> Double {
    while true {
      var r = bits.nextUInt64()
      let layer = Int(r & 0xFF)
      r >>= 8
      let negative = r & 1 != 0
      let magnitude = (r >> 1) & 0x000F_FFFF_FFFF_FFFF
      var x = Double(magnitude) * Ziggurat.w[layer]
      if negative { x = -x }
      if magnitude < Ziggurat.k[layer] { return x }
      if layer == 0 {
        // The tail beyond r, by Marsaglia's exponential method; 1 - U keeps log away from 0.
        while true {
          let xx = -Ziggurat.inverseR * log1p(-bits.nextDouble())
          let yy = -log1p(-bits.nextDouble())
          if yy + yy > xx * xx {
            return (magnitude >> 8) & 1 != 0 ? -(Ziggurat.r + xx) : Ziggurat.r + xx
          }
        }
      }
      let f0 = Ziggurat.f[layer - 1]
      let f1 = Ziggurat.f[layer]
      if (f0 - f1) * bits.nextDouble() + f1 < exp(-0.5 * x * x) { return x }
    }
  }

  public func standardNormal() -> Double { nextStandardNormal() }

  public func standardNormal(count: Int) throws(TensorError) -> [Double] {
    try Sampling.array(count: count) { out, n in for i in 0..<n { out[i] = nextStandardNormal() } }
  }

  public func standardNormal(shape: [Int]) throws(TensorError) -> NDArray {
    try Sampling.ndarray(shape: shape, dtype: .float64) { out, n in
      for i in 0..<n { out[i] = nextStandardNormal() }
    }
  }

  /// `normal(loc, scale)`: `loc + scale * standard_normal()`.
  public func normal(loc: Double = 0, scale: Double = 1) throws(TensorError) -> Double {
    try RandomState.checkScale(scale)
    return loc + scale * nextStandardNormal()
  }

  public func normal(loc: Double = 0, scale: Double = 1, count: Int) throws(TensorError) -> [Double] {
    try RandomState.checkScale(scale)
    return try Sampling.array(count: count) { out, n in
      for i in 0..<n { out[i] = loc + scale * nextStandardNormal() }
    }
  }

  public func normal(loc: Double = 0, scale: Double = 1, shape: [Int]) throws(TensorError) -> NDArray {
    try RandomState.checkScale(scale)
    return try Sampling.ndarray(shape: shape, dtype: .float64) { out, n in
      for i in 0..<n { out[i] = loc + scale * nextStandardNormal() }
    }
  }

  // MARK: - Integers

  /// `integers(low, high, endpoint=False)`: an int64 in [low, high) (or [low, high] with
  /// `endpoint`), or in [0, low) when `high` is nil. Lemire's method on 32-bit words while the
  /// range fits.
  public func integers(low: Int64, high: Int64? = nil, endpoint: Bool = false) throws(TensorError) -> Int64 {
    let (offset, range) = try BoundedIntegers.bounds(low, high, closed: endpoint)
    var value: Int64 = 0
    BoundedIntegers.fill(bits, offset: offset, range: range, masked: false, into: &value, count: 1)
    return value
  }

  public func integers(
    low: Int64, high: Int64? = nil, endpoint: Bool = false, count: Int
  ) throws(TensorError) -> [Int64] {
    if count == 0 { return [] }
    let (offset, range) = try BoundedIntegers.bounds(low, high, closed: endpoint)
    return try Sampling.array(count: count) {
      BoundedIntegers.fill(bits, offset: offset, range: range, masked: false, into: $0, count: $1)
    }
  }

  public func integers(
    low: Int64, high: Int64? = nil, endpoint: Bool = false, shape: [Int]
  ) throws(TensorError) -> NDArray {
    if shape.contains(0) { return try NDArray(uninitialized: shape, dtype: .int64) }
    let (offset, range) = try BoundedIntegers.bounds(low, high, closed: endpoint)
    return try Sampling.ndarray(shape: shape, dtype: .int64) {
      BoundedIntegers.fill(bits, offset: offset, range: range, masked: false, into: $0, count: $1)
    }
  }
}

import Foundation

/// NumPy's legacy `RandomState` (what `np.random.seed`, `np.random.rand` and friends use):
/// MT19937 plus the cached second value of the polar normal method. Every stream is NumPy's,
/// bit for bit, for the same seed and the same sequence of calls.
///
/// Each draw comes three ways, as NumPy's `size` argument allows: one value (`size=None`),
/// a Swift array of `count` values, or an `NDArray` of a shape filled in C order.
public final class RandomState {
  let bits = MT19937()
  /// `has_gauss` / `gauss`: the polar method makes normals in pairs and keeps the second.
  var hasGauss = false
  var gauss = 0.0

  /// `RandomState(seed)`, as `np.random.seed(seed)` seeds it.
  public init(seed: Int) throws(TensorError) {
    try self.seed(seed)
  }

  /// `RandomState()`: seeded from the operating system's entropy.
  public init() {
    seedFromEntropy()
    // A fresh MT19937 leaves its position at 623, where NumPy's seeding loop stops.
    bits.pos = MT19937.stateLength - 1
  }

  /// `seed(int)`: Knuth's seeding of the Mersenne Twister from a value in [0, 2**32).
  public func seed(_ seed: Int) throws(TensorError) {
    guard let s = UInt32(exactly: seed) else { throw RandomState.seedOutOfRange }
    bits.seed(s)
    resetGauss()
  }

  /// `seed([int, ...])`: the reference implementation's `init_by_array`.
  public func seed(array: [Int]) throws(TensorError) {
    guard !array.isEmpty else { throw TensorError(.valueError, "Seed must be non-empty") }
    var words: [UInt32] = []
    for v in array {
      guard let w = UInt32(exactly: v) else { throw RandomState.seedOutOfRange }
      words.append(w)
    }
    bits.seed(array: words)
    resetGauss()
  }

  /// `seed(None)`: fresh entropy through a `SeedSequence`; the position is left where it was.
  public func seedFromEntropy() {
    let words = SeedSequence.fromSystemEntropy().generateState32(MT19937.stateLength)
    bits.key[0] = 0x8000_0000
    for i in 1..<MT19937.stateLength { bits.key[i] = words[i] }
    resetGauss()
  }

  private static let seedOutOfRange = TensorError(.valueError, "Seed must be between 0 and 2**32 - 1")

  private func resetGauss() {
    hasGauss = false
    gauss = 0
  }

  // MARK: - State

  /// `get_state()`'s tuple: `('MT19937', key, pos, has_gauss, cached_gaussian)`.
  public struct State: Equatable, Sendable {
    public var key: [UInt32]
    public var pos: Int
    public var hasGauss: Bool
    public var cachedGaussian: Double

    public init(key: [UInt32], pos: Int, hasGauss: Bool = false, cachedGaussian: Double = 0) {
      self.key = key
      self.pos = pos
      self.hasGauss = hasGauss
      self.cachedGaussian = cachedGaussian
    }
  }

  public var state: State {
    State(
      key: Array(UnsafeBufferPointer(start: bits.key, count: MT19937.stateLength)),
      pos: bits.pos, hasGauss: hasGauss, cachedGaussian: gauss)
  }

  /// `set_state(state)`. NumPy trusts `pos`; we refuse one that would index outside the key.
  public func setState(_ state: State) throws(TensorError) {
    guard state.key.count == MT19937.stateLength else {
      throw TensorError(.valueError, "state must hold 624 keys, not \(state.key.count)")
    }
    guard (0...MT19937.stateLength).contains(state.pos) else {
      throw TensorError(.valueError, "state pos must be between 0 and 624")
    }
    for i in 0..<MT19937.stateLength { bits.key[i] = state.key[i] }
    bits.pos = state.pos
    hasGauss = state.hasGauss
    gauss = state.cachedGaussian
  }

  // MARK: - Uniform doubles

  /// `random_sample()`: a double in [0, 1) from two 32-bit words.
  public func randomSample() -> Double { bits.nextDouble() }

  public func randomSample(count: Int) throws(TensorError) -> [Double] {
    try Sampling.array(count: count) { bits.fill($0, count: $1) }
  }

  /// `random_sample(shape)`, which is also `rand(*shape)`.
  public func randomSample(shape: [Int]) throws(TensorError) -> NDArray {
    try Sampling.ndarray(shape: shape, dtype: .float64) { bits.fill($0, count: $1) }
  }

  /// `uniform(low, high)`: `low + (high - low) * random_sample()`; `high < low` is allowed.
  public func uniform(low: Double = 0, high: Double = 1) throws(TensorError) -> Double {
    let range = try RandomState.range(low, high)
    return low + range * bits.nextDouble()
  }

  public func uniform(low: Double = 0, high: Double = 1, count: Int) throws(TensorError) -> [Double] {
    let range = try RandomState.range(low, high)
    return try Sampling.array(count: count) { uniformFill($0, $1, low, range) }
  }

  public func uniform(low: Double = 0, high: Double = 1, shape: [Int]) throws(TensorError) -> NDArray {
    let range = try RandomState.range(low, high)
    return try Sampling.ndarray(shape: shape, dtype: .float64) { uniformFill($0, $1, low, range) }
  }

  private static func range(_ low: Double, _ high: Double) throws(TensorError) -> Double {
    let range = high - low
    guard range.isFinite else { throw TensorError(.overflowError, "Range exceeds valid bounds") }
    return range
  }

  private func uniformFill(_ out: UnsafeMutablePointer<Double>, _ n: Int, _ low: Double, _ range: Double) {
    bits.fill(out, count: n)
    for i in 0..<n { out[i] = low + range * out[i] }
  }

  // MARK: - Normal

  /// `legacy_gauss`: Marsaglia's polar method; one call makes two normals and caches one.
  @inline(__always) func nextGauss() -> Double {
    if hasGauss {
      hasGauss = false
      let cached = gauss
      gauss = 0
      return cached
    }
    var x1: Double
    var x2: Double
    var r2: Double
    repeat {
      x1 = 2 * bits.nextDouble() - 1
      x2 = 2 * bits.nextDouble() - 1
      r2 = x1 * x1 + x2 * x2
    } while r2 >= 1 || r2 == 0
    let f = (-2 * log(r2) / r2).squareRoot()
    gauss = f * x1
    hasGauss = true
    return f * x2
  }

  /// `standard_normal()`, which is also `randn()`.
  public func standardNormal() -> Double { nextGauss() }

  public func standardNormal(count: Int) throws(TensorError) -> [Double] {
    try Sampling.array(count: count) { out, n in for i in 0..<n { out[i] = nextGauss() } }
  }

  /// `standard_normal(shape)`, which is also `randn(*shape)`.
  public func standardNormal(shape: [Int]) throws(TensorError) -> NDArray {
    try Sampling.ndarray(shape: shape, dtype: .float64) { out, n in
      for i in 0..<n { out[i] = nextGauss() }
    }
  }

  /// `normal(loc, scale)`: `loc + scale * gauss`.
  public func normal(loc: Double = 0, scale: Double = 1) throws(TensorError) -> Double {
    try RandomState.checkScale(scale)
    return loc + scale * nextGauss()
  }

  public func normal(loc: Double = 0, scale: Double = 1, count: Int) throws(TensorError) -> [Double] {
    try RandomState.checkScale(scale)
    return try Sampling.array(count: count) { out, n in
      for i in 0..<n { out[i] = loc + scale * nextGauss() }
    }
  }

  public func normal(loc: Double = 0, scale: Double = 1, shape: [Int]) throws(TensorError) -> NDArray {
    try RandomState.checkScale(scale)
    return try Sampling.ndarray(shape: shape, dtype: .float64) { out, n in
      for i in 0..<n { out[i] = loc + scale * nextGauss() }
    }
  }

  /// NumPy's non-negative constraint tests the sign bit, so a scale of -0.0 is refused too.
  static func checkScale(_ scale: Double) throws(TensorError) {
    if !scale.isNaN && scale.sign == .minus { throw TensorError(.valueError, "scale < 0") }
  }
}

import Foundation

/// CPython's `random` module on the same Mersenne Twister: `random.seed(n)` seeds with the
/// 32-bit words of |n| through init_by_array, and every method draws as CPython 3.11 does.
public final class PythonRandom {
  private let bits = MT19937()
  private var gaussNext: Double?

  public init() { seedFromEntropy() }

  public func seed(_ n: Int64) {
    var magnitude = n.magnitude
    var words: [UInt32] = []
    repeat {
      words.append(UInt32(truncatingIfNeeded: magnitude))
      magnitude >>= 32
    } while magnitude > 0
    bits.seed(array: words)
    gaussNext = nil
  }

  public func seedFromEntropy() {
    var words = [UInt32](repeating: 0, count: 4)
    for i in words.indices { words[i] = UInt32.random(in: .min ... .max) }
    bits.seed(array: words)
    gaussNext = nil
  }

  /// A double in [0, 1) from 53 random bits.
  public func random() -> Double { bits.nextDouble() }

  /// `getrandbits(k)` for k ≤ 64: whole words little-endian, the last one shifted down.
  public func randomBits(_ k: Int) -> UInt64 {
    if k <= 32 { return UInt64(bits.nextUInt32() >> (32 - UInt32(k))) }
    let low = UInt64(bits.nextUInt32())
    let high = UInt64(bits.nextUInt32() >> (64 - UInt32(k)))
    return high << 32 | low
  }

  /// `_randbelow(n)`: rejection sampling on `n.bit_length()` bits.
  public func below(_ n: UInt64) -> UInt64 {
    guard n > 0 else { return 0 }
    let k = UInt64.bitWidth - n.leadingZeroBitCount
    var r = randomBits(k)
    while r >= n { r = randomBits(k) }
    return r
  }

  /// `randrange(start, stop, step)`.
  public func randrange(_ start: Int64, _ stop: Int64, _ step: Int64 = 1) throws(TensorError) -> Int64 {
    guard step != 0 else { throw TensorError(.valueError, "zero step for randrange()") }
    let (width, overflow) = stop.subtractingReportingOverflow(start)
    guard !overflow else { throw TensorError(.valueError, "range too large") }
    let n = step > 0 ? (width + step - 1) / step : (width + step + 1) / step
    guard n > 0 else {
      throw TensorError(.valueError, "empty range in randrange(\(start), \(stop)\(step == 1 ? "" : ", \(step)"))")
    }
    return start + step * Int64(below(UInt64(n)))
  }

  public func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * random() }

  /// `gauss`: Box–Muller, caching the second value.
  public func gauss(_ mu: Double, _ sigma: Double) -> Double {
    var z: Double
    if let cached = gaussNext {
      z = cached
      gaussNext = nil
    } else {
      let x2pi = random() * 2 * Double.pi
      let g2rad = (-2.0 * log(1.0 - random())).squareRoot()
      z = cos(x2pi) * g2rad
      gaussNext = sin(x2pi) * g2rad
    }
    return mu + z * sigma
  }

  /// `normalvariate`: Kinderman and Monahan's ratio method.
  public func normalVariate(_ mu: Double, _ sigma: Double) -> Double {
    let magic = 4 * exp(-0.5) / 2.0.squareRoot()
    while true {
      let u1 = random()
      let u2 = 1.0 - random()
      let z = magic * (u1 - 0.5) / u2
      if z * z / 4.0 <= -log(u2) { return mu + z * sigma }
    }
  }

  /// `shuffle`: from the end, swapping with `_randbelow(i + 1)`.
  public func shuffle<T>(_ x: inout [T]) {
    var i = x.count - 1
    while i > 0 {
      let j = Int(below(UInt64(i + 1)))
      x.swapAt(i, j)
      i -= 1
    }
  }

  /// `sample(range(n), k)`: the indices CPython picks, by its pool or set method.
  public func sampleIndices(_ n: Int, _ k: Int) throws(TensorError) -> [Int] {
    guard k >= 0 && k <= n else { throw TensorError(.valueError, "Sample larger than population or is negative") }
    var setSize = 21
    if k > 5 { setSize += Int(pow(4, ceil(log(Double(k * 3)) / log(4)))) }
    var result: [Int] = []
    if n <= setSize {
      var pool = Array(0..<n)
      for i in 0..<k {
        let j = Int(below(UInt64(n - i)))
        result.append(pool[j])
        pool[j] = pool[n - i - 1]
      }
    } else {
      var selected = Set<Int>()
      for _ in 0..<k {
        var j = Int(below(UInt64(n)))
        while selected.contains(j) { j = Int(below(UInt64(n))) }
        selected.insert(j)
        result.append(j)
      }
    }
    return result
  }
}

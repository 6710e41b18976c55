import Foundation
import Testing

@testable import NNTensor

// Bit-for-bit comparisons with NumPy 2.4's random streams. The fixtures are written by
// scripts/fixtures/random.py: sections of `# name` followed by one value per line, every section
// drawn from a freshly seeded generator.

/// One fixture file, by section name.
private struct Fixture: Sendable {
  let sections: [String: [String]]

  init(_ name: String) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/random/\(name).txt")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    var sections: [String: [String]] = [:]
    var current = ""
    for line in text.split(separator: "\n") {
      if line.hasPrefix("# ") {
        current = String(line.dropFirst(2))
        sections[current] = []
      } else {
        sections[current, default: []].append(String(line))
      }
    }
    self.sections = sections
  }

  func doubles(_ name: String) -> [Double] {
    let values = sections[name]?.compactMap(Double.init) ?? []
    #expect(!values.isEmpty, "fixture section '\(name)' is missing")
    return values
  }

  func ints(_ name: String) -> [Int64] {
    let values = sections[name]?.compactMap { Int64($0) } ?? []
    #expect(!values.isEmpty, "fixture section '\(name)' is missing")
    return values
  }

  func words(_ name: String) -> [UInt64] { sections[name]?.compactMap { UInt64($0) } ?? [] }
}

private enum Fixtures {
  static let legacy = Dictionary(uniqueKeysWithValues: seeds.map { ($0, Fixture("legacy_seed\($0)")) })
  static let generator = Dictionary(
    uniqueKeysWithValues: seeds.map { ($0, Fixture("generator_seed\($0)")) })
  static let legacySpecial = Fixture("legacy_special")
  static let generatorSpecial = Fixture("generator_special")
  static let seeds = [0, 1, 42]
  /// The (low, high) pairs of the fixture script's RANGES.
  static let ranges: [(Int64, Int64)] = [
    (0, 10), (-5, 5), (1, 2), (0, 1000), (0, 1 << 31), (0, (1 << 32) - 1), (0, 1 << 32),
    (0, (1 << 32) + 1), (-(1 << 40), 1 << 40), (-(1 << 62), 1 << 62), (.min, .max), (0, .max),
  ]
  static let p5 = [0.1, 0.2, 0.3, 0.15, 0.25]
  static let p20 = (1...20).map { Double($0) / 210 }
}

/// Compares doubles by bit pattern, printing the first differences with expected and actual.
private func expectBits(
  _ actual: [Double], _ expected: [Double], _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
    sourceLocation: sourceLocation)
  let wrong = zip(actual, expected).enumerated().filter { $0.element.0.bitPattern != $0.element.1.bitPattern }
  let shown = wrong.prefix(3).map { "[\($0.offset)] expected \($0.element.1), got \($0.element.0)" }
  #expect(
    wrong.isEmpty, "\(what): \(wrong.count) of \(expected.count) differ: \(shown.joined(separator: "; "))",
    sourceLocation: sourceLocation)
}

private func expectSame<T: Equatable>(
  _ actual: [T], _ expected: [T], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
    sourceLocation: sourceLocation)
  let wrong = zip(actual, expected).enumerated().filter { $0.element.0 != $0.element.1 }
  let shown = wrong.prefix(3).map { "[\($0.offset)] expected \($0.element.1), got \($0.element.0)" }
  #expect(
    wrong.isEmpty, "\(what): \(wrong.count) of \(expected.count) differ: \(shown.joined(separator: "; "))",
    sourceLocation: sourceLocation)
}

/// The text of the error `body` throws, as Python would show its last line.
private func message(_ body: () throws -> Void) -> String {
  do { try body() } catch let error as TensorError { return error.description } catch { return "\(error)" }
  return "no error"
}

private func ndDoubles(_ a: NDArray) -> [Double] { a.doubles }
private func ndInts(_ a: NDArray) -> [Int64] {
  a.scalars.map { if case .int(let i) = $0 { i } else { Int64.min } }
}

// MARK: - Legacy RandomState

@Test(arguments: Fixtures.seeds)
func legacyDoubles(seed: Int) throws {
  let f = try #require(Fixtures.legacy[seed])
  let n = 10_000
  expectBits(try RandomState(seed: seed).randomSample(count: n), f.doubles("random_sample"), "random_sample")
  expectBits(
    ndDoubles(try RandomState(seed: seed).randomSample(shape: [100, 100])), f.doubles("random_sample"),
    "random_sample(shape)")
  let one = try RandomState(seed: seed)
  expectBits((0..<n).map { _ in one.randomSample() }, f.doubles("random_sample"), "random_sample()")
  expectBits(try RandomState(seed: seed).standardNormal(count: n), f.doubles("standard_normal"), "standard_normal")
  expectBits(
    ndDoubles(try RandomState(seed: seed).standardNormal(shape: [n])), f.doubles("standard_normal"),
    "standard_normal(shape)")
  expectBits(
    try RandomState(seed: seed).normal(loc: 1.5, scale: 2.5, count: n), f.doubles("normal 1.5 2.5"), "normal")
  expectBits(try RandomState(seed: seed).uniform(low: -3, high: 7, count: n), f.doubles("uniform -3 7"), "uniform")
  expectBits(
    ndDoubles(try RandomState(seed: seed).uniform(low: -3, high: 7, shape: [10, n / 10])),
    f.doubles("uniform -3 7"), "uniform(shape)")
}

@Test(arguments: Fixtures.seeds)
func legacyRandint(seed: Int) throws {
  let f = try #require(Fixtures.legacy[seed])
  for (low, high) in Fixtures.ranges {
    let name = "randint \(low) \(high)"
    let expected = f.ints(name)
    expectSame(try RandomState(seed: seed).randint(low: low, high: high, count: expected.count), expected, name)
    let one = try RandomState(seed: seed)
    expectSame(try (0..<expected.count).map { _ in try one.randint(low: low, high: high) }, expected, name + " scalar")
  }
  expectSame(try RandomState(seed: seed).randint(low: 7, count: 100), f.ints("randint 7"), "randint 7")
  expectSame(
    ndInts(try RandomState(seed: seed).randint(low: 0, high: 10, shape: [100, 100])), f.ints("randint 0 10"),
    "randint(shape)")
}

@Test(arguments: Fixtures.seeds)
func legacyChoiceShufflePermutation(seed: Int) throws {
  let f = try #require(Fixtures.legacy[seed])
  let rs = { try RandomState(seed: seed) }
  expectSame(try rs().choice(10, shape: [1000]), f.ints("choice 10 1000"), "choice 10")
  expectSame(try rs().choice(5, shape: [1000], p: Fixtures.p5), f.ints("choice 5 1000 p"), "choice p")
  expectSame(
    try rs().choice(100, shape: [50], replace: false), f.ints("choice 100 50 noreplace"), "choice noreplace")
  expectSame(
    try rs().choice(20, shape: [10], replace: false, p: Fixtures.p20), f.ints("choice 20 10 noreplace p"),
    "choice noreplace p")
  expectSame(
    try rs().choice(5, shape: [5], replace: false, p: Fixtures.p5), f.ints("choice 5 5 noreplace p"),
    "choice noreplace p, whole population")
  for n in [10, 1000, 20000] {
    expectSame(try rs().permutation(n), f.ints("permutation \(n)"), "permutation \(n)")
    var x = (0..<Int64(n)).map { $0 }
    try rs().shuffle(&x)
    expectSame(x, f.ints("permutation \(n)"), "shuffle \(n)")
  }
  let rows = try NDArray(shape: [5, 3], ints: (0..<15).map { $0 })
  try rs().shuffle(rows)
  expectSame(ndInts(rows), f.ints("shuffle rows 5x3"), "shuffle rows")
}

@Test(arguments: Fixtures.seeds)
func legacyState(seed: Int) throws {
  let f = try #require(Fixtures.legacy[seed])
  let rs = try RandomState(seed: seed)
  expectSame(rs.state.key.map(UInt64.init), f.words("state key"), "key after seed")
  #expect(rs.state.pos == 624)
  _ = try rs.randomSample(count: 1000)
  _ = rs.standardNormal()
  let s = rs.state
  expectSame(s.key.map(UInt64.init), f.words("state after key"), "key after draws")
  expectSame([Int64(s.pos), s.hasGauss ? 1 : 0], f.ints("state after pos has_gauss"), "pos, has_gauss")
  expectBits([s.cachedGaussian], f.doubles("state after gauss"), "cached gaussian")

  // Restoring a state replays the same stream, cached gaussian included.
  let next = try rs.standardNormal(count: 5) + rs.randomSample(count: 5)
  let other = try RandomState(seed: 7)
  try other.setState(s)
  expectBits(try other.standardNormal(count: 5) + other.randomSample(count: 5), next, "after set_state")
}

@Test func legacyCachedGaussianInterleaving() throws {
  let f = Fixtures.legacySpecial
  let rs = try RandomState(seed: 0)
  var values = try rs.standardNormal(count: 3)
  values += try rs.randomSample(count: 2)
  values += try rs.standardNormal(count: 1)
  values += ndDoubles(try rs.standardNormal(shape: [1]))
  values += try rs.randomSample(count: 1)
  values.append(try rs.normal())
  expectBits(values, f.doubles("seed0 randn3 rand2 randn1 randn1 rand1 normal"), "interleaved")

  let normal = try RandomState(seed: 0).normal(loc: 0, scale: 0.1, shape: [3, 4])
  #expect(normal.shape == [3, 4])
  expectBits(ndDoubles(normal), f.doubles("seed0 normal 0 0.1 3x4"), "normal(0, 0.1, (3, 4))")
}

@Test func legacySeedingAndSmallCases() throws {
  let f = Fixtures.legacySpecial
  let rs = try RandomState(seed: 0)
  let ones = try rs.randint(low: 1, high: 2, count: 5)  // a one-value range draws nothing
  expectBits(ones.map(Double.init) + [rs.randomSample()], f.doubles("seed0 randint 1 2 x5 then rand"), "randint(1, 2)")
  try rs.seed(array: [1, 2, 3])
  expectBits(try rs.randomSample(count: 10), f.doubles("seed [1 2 3] random_sample"), "init_by_array")
  try rs.seed(array: Array(0..<1000))
  expectBits(try rs.randomSample(count: 10), f.doubles("seed range(1000) random_sample"), "long init_by_array")
  try rs.seed(4_294_967_295)
  expectBits(try rs.randomSample(count: 10), f.doubles("seed 4294967295 random_sample"), "largest seed")

  try rs.seed(0)
  let floats = try NDArray(shape: [3], doubles: [1.5, 2.5, 3.5])
  expectBits(ndDoubles(try rs.choice(floats, shape: [5])), f.doubles("seed0 choice floats"), "choice of floats")
  let scalar = try RandomState(seed: 0).choice(5, p: Fixtures.p5)
  expectSame(scalar, f.ints("seed0 then choice 5 p scalar"), "choice scalar")
  expectSame(
    try RandomState(seed: 0).choice(20, shape: [2, 3], replace: false, p: Fixtures.p20),
    f.ints("seed0 choice 20 2x3 noreplace p"), "choice 2x3 noreplace p")
  expectBits(try RandomState(seed: 0).uniform(low: 3, high: 1, count: 5), f.doubles("seed0 uniform 3 1"), "high < low")
}

@Test func legacyErrors() throws {
  let rs = try RandomState(seed: 0)
  #expect(message { _ = try RandomState(seed: -1) } == "ValueError: Seed must be between 0 and 2**32 - 1")
  #expect(message { try rs.seed(1 << 32) } == "ValueError: Seed must be between 0 and 2**32 - 1")
  #expect(message { try rs.seed(array: []) } == "ValueError: Seed must be non-empty")
  #expect(message { _ = try rs.randint(low: 5, high: 5) } == "ValueError: low >= high")
  #expect(message { _ = try rs.randint(low: 0) } == "ValueError: high <= 0")
  #expect(
    message { _ = try rs.randint(low: 0, high: 3, count: -1) } == "ValueError: negative dimensions are not allowed")
  #expect(message { _ = try rs.randomSample(shape: [2, -1]) } == "ValueError: negative dimensions are not allowed")
  #expect(message { _ = try rs.normal(scale: -1) } == "ValueError: scale < 0")
  #expect(message { _ = try rs.normal(scale: -0.0) } == "ValueError: scale < 0")
  #expect(message { _ = try rs.uniform(low: -1e308, high: 1e308) } == "OverflowError: Range exceeds valid bounds")
  #expect(
    message { _ = try rs.choice(0, shape: [3]) }
      == "ValueError: a must be greater than 0 unless no samples are taken")
  #expect(
    message { _ = try rs.choice(try NDArray(shape: [1, 2], ints: [1, 2]), shape: [3]) }
      == "ValueError: a must be 1-dimensional")
  #expect(
    message { _ = try rs.choice(try NDArray(shape: [0], ints: []), shape: [3]) }
      == "ValueError: 'a' cannot be empty unless no samples are taken")
  #expect(
    message { _ = try rs.choice(3, shape: [5], replace: false) }
      == "ValueError: Cannot take a larger sample than population when 'replace=False'")
  #expect(
    message { _ = try rs.choice(3, shape: [2], p: [0.5, 0.6, 0]) } == "ValueError: probabilities do not sum to 1")
  #expect(message { _ = try rs.choice(3, shape: [2], p: [0.5, 0.5]) } == "ValueError: 'a' and 'p' must have same size")
  #expect(
    message { _ = try rs.choice(3, shape: [2], p: [1.5, -0.5, 0]) } == "ValueError: probabilities are not non-negative")
  #expect(message { _ = try rs.choice(3, shape: [2], p: [.nan, 0, 0]) } == "ValueError: probabilities contain NaN")
  #expect(
    message { _ = try rs.choice(3, shape: [3], replace: false, p: [1, 0, 0]) }
      == "ValueError: Fewer non-zero entries in p than size")
  #expect(try rs.choice(0, shape: [0]).isEmpty)
  #expect(try rs.permutation(-1).isEmpty)
}

// MARK: - Generator (default_rng)

@Test func seedSequence() throws {
  let f = Fixtures.generatorSpecial
  expectSame(try SeedSequence(0).pool.map(UInt64.init), f.words("seedsequence 0 pool"), "pool of 0")
  expectSame(try SeedSequence(1 << 40).pool.map(UInt64.init), f.words("seedsequence 2**40 pool"), "pool of 2**40")
  expectSame(
    try SeedSequence([1, 2, 3, 4, 5, 6]).pool.map(UInt64.init), f.words("seedsequence [1 2 3 4 5 6] pool"),
    "pool of a list")
  expectSame(try SeedSequence(0).generateState64(4), f.words("seedsequence 0 state64"), "generate_state")
  expectBits(
    try Generator(seed: 123_456_789_012).random(count: 10), f.doubles("default_rng 123456789012 random"),
    "two-word seed")
  let rows = try Generator(seed: 0).choice(try NDArray(shape: [4, 3], ints: (0..<12).map { $0 }), shape: [5])
  #expect(rows.shape == [5, 3])
  expectSame(ndInts(rows), f.ints("seed0 choice rows 4x3 size 5"), "choice of rows")
  expectSame(
    try Generator(seed: 0).choice(7, replace: false), f.ints("seed0 choice 7 noreplace scalar"), "choice scalar")
  let x = try NDArray(shape: [9], doubles: (0..<9).map { Double($0) / 8 })
  try Generator(seed: 0).shuffle(x)
  expectBits(ndDoubles(x), f.doubles("seed0 shuffle linspace 9"), "shuffle 1-d floats")
}

@Test(arguments: Fixtures.seeds)
func generatorDoubles(seed: Int) throws {
  let f = try #require(Fixtures.generator[seed])
  let n = 10_000
  expectBits(try Generator(seed: seed).random(count: n), f.doubles("random"), "random")
  expectBits(ndDoubles(try Generator(seed: seed).random(shape: [100, 100])), f.doubles("random"), "random(shape)")
  let one = try Generator(seed: seed)
  expectBits((0..<n).map { _ in one.random() }, f.doubles("random"), "random()")
  expectBits(try Generator(seed: seed).standardNormal(count: n), f.doubles("standard_normal"), "standard_normal")
  expectBits(
    ndDoubles(try Generator(seed: seed).standardNormal(shape: [n])), f.doubles("standard_normal"),
    "standard_normal(shape)")
  expectBits(try Generator(seed: seed).normal(loc: 1.5, scale: 2.5, count: n), f.doubles("normal 1.5 2.5"), "normal")
  expectBits(try Generator(seed: seed).uniform(low: -3, high: 7, count: n), f.doubles("uniform -3 7"), "uniform")
}

@Test(arguments: Fixtures.seeds)
func generatorIntegers(seed: Int) throws {
  let f = try #require(Fixtures.generator[seed])
  for (low, high) in Fixtures.ranges {
    let name = "integers \(low) \(high)"
    let expected = f.ints(name)
    expectSame(try Generator(seed: seed).integers(low: low, high: high, count: expected.count), expected, name)
    let one = try Generator(seed: seed)
    expectSame(try (0..<expected.count).map { _ in try one.integers(low: low, high: high) }, expected, name + " scalar")
  }
  expectSame(
    try Generator(seed: seed).integers(low: 0, high: 10, endpoint: true, count: 1000),
    f.ints("integers 0 10 endpoint"), "endpoint")
  expectSame(
    try Generator(seed: seed).integers(low: .min, high: .max, endpoint: true, count: 1000),
    f.ints("integers \(Int64.min) \(Int64.max) endpoint"), "full 64-bit range")
  expectSame(try Generator(seed: seed).integers(low: 7, count: 100), f.ints("integers 7"), "integers 7")
  expectSame(
    ndInts(try Generator(seed: seed).integers(low: 0, high: 10, shape: [100, 100])), f.ints("integers 0 10"),
    "integers(shape)")
}

@Test(arguments: Fixtures.seeds)
func generatorChoiceShufflePermutation(seed: Int) throws {
  let f = try #require(Fixtures.generator[seed])
  let rng = { try Generator(seed: seed) }
  expectSame(try rng().choice(10, shape: [1000]), f.ints("choice 10 1000"), "choice 10")
  expectSame(try rng().choice(5, shape: [1000], p: Fixtures.p5), f.ints("choice 5 1000 p"), "choice p")
  expectSame(try rng().choice(100, shape: [50], replace: false), f.ints("choice 100 50 noreplace"), "Floyd")
  expectSame(
    try rng().choice(100, shape: [50], replace: false, shuffle: false), f.ints("choice 100 50 noreplace noshuffle"),
    "Floyd unshuffled")
  expectSame(
    try rng().choice(20000, shape: [1000], replace: false), f.ints("choice 20000 1000 noreplace"), "tail shuffle")
  expectSame(
    try rng().choice(20000, shape: [300], replace: false), f.ints("choice 20000 300 noreplace"), "Floyd, large")
  expectSame(
    try rng().choice(20, shape: [10], replace: false, p: Fixtures.p20), f.ints("choice 20 10 noreplace p"),
    "choice noreplace p")
  for n in [10, 1000, 20000] {
    expectSame(try rng().permutation(n), f.ints("permutation \(n)"), "permutation \(n)")
  }
  let rows = try NDArray(shape: [5, 3], ints: (0..<15).map { $0 })
  try rng().shuffle(rows)
  expectSame(ndInts(rows), f.ints("shuffle rows 5x3"), "shuffle rows")
}

@Test(arguments: Fixtures.seeds)
func generatorHalfWordCache(seed: Int) throws {
  let f = try #require(Fixtures.generator[seed])
  let g = try Generator(seed: seed)
  var values = try g.integers(low: 0, high: 10, count: 3).map(Double.init)
  values += try g.random(count: 2)
  values.append(Double(try g.integers(low: 0, high: 10)))
  values += try g.standardNormal(count: 3)
  values += try g.integers(low: 0, high: 1 << 40, count: 2).map(Double.init)
  values.append(Double(try g.integers(low: 0, high: 10)))
  expectBits(values, f.doubles("mixed"), "mixed 32- and 64-bit draws")
  let s = g.state
  expectSame(
    [s.state.high, s.state.low, s.increment.high, s.increment.low, s.hasUInt32 ? 1 : 0, UInt64(s.uinteger)],
    f.words("mixed state"), "state")
}

@Test func generatorErrors() throws {
  let g = try Generator(seed: 0)
  #expect(message { _ = try Generator(seed: -1) } == "ValueError: expected non-negative integer")
  #expect(message { _ = try g.integers(low: 5, high: 3) } == "ValueError: low >= high")
  #expect(message { _ = try g.integers(low: 0, high: 0) } == "ValueError: high <= 0")
  #expect(message { _ = try g.integers(low: 3, high: 1, endpoint: true) } == "ValueError: low > high")
  #expect(message { _ = try g.integers(low: 0, high: -1, endpoint: true) } == "ValueError: high < 0")
  #expect(try g.integers(low: 0, high: 0, endpoint: true) == 0)
  #expect(message { _ = try g.uniform(low: 3, high: 1) } == "ValueError: high - low < 0")
  #expect(
    message { _ = try g.uniform(low: 0, high: .infinity) } == "OverflowError: high - low range exceeds valid bounds")
  #expect(message { _ = try g.normal(scale: -1) } == "ValueError: scale < 0")
  #expect(
    message { _ = try g.choice(0, shape: [3]) }
      == "ValueError: a must be a positive integer unless no samples are taken")
  #expect(
    message { _ = try g.choice(3, shape: [5], replace: false) }
      == "ValueError: Cannot take a larger sample than population when replace is False")
  #expect(
    message { _ = try g.choice(3, shape: [2], p: [0.5, 0.6, 0]) }
      == "ValueError: Probabilities do not sum to 1. See Notes section of docstring for more information.")
  #expect(message { _ = try g.choice(3, shape: [2], p: [0.5, 0.5]) } == "ValueError: a and p must have same size")
}

@Test func generatorStateRoundTrip() throws {
  let g = try Generator(seed: 42)
  _ = try g.integers(low: 0, high: 10)  // leaves a 32-bit half in the cache
  let saved = g.state
  let expected = try g.integers(low: 0, high: 10, count: 5).map(Double.init) + g.random(count: 5)
  let h = try Generator(seed: 1)
  h.state = saved
  expectBits(try h.integers(low: 0, high: 10, count: 5).map(Double.init) + h.random(count: 5), expected, "replay")
}

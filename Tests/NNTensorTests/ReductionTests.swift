import Foundation
import Testing

@testable import NNTensor

// Reductions and statistics against NumPy, bit for bit, on arrays of many sizes, dtypes and
// layouts (Fixtures/reductions, written by scripts/fixtures/reductions.py).

@Test(arguments: ReductionFixtures.cases)
func reductionMatchesNumPy(_ c: ReductionFixtures.Case) throws {
  let x = try c.input()
  var warnings = Warnings()
  let result = try c.run(x, &warnings)
  let actual = ReductionFixtures.encode(result)
  #expect(result.shape == c.result.shape, "\(c.name): shape \(result.shape), expected \(c.result.shape)")
  #expect(result.dtype.description == c.result.dtype, "\(c.name): dtype \(result.dtype)")
  if let expected = c.result.values {
    #expect(actual.values == expected, "\(c.name)\n\(ReductionFixtures.firstDifference(expected, actual.values))")
  } else {
    #expect(actual.hash == c.result.hash, "\(c.name): hash of \(c.result.count) values differs")
  }
}

@Test func reductionPlanFollowsNumPyBuffering() {
  // A contiguous float array is one run; an int array is cast in 8192-element chunks.
  let whole = ReductionPlan(shape: [100_000], strides: [1], reduced: [true], casts: false)
  #expect(whole.bufferSize == 100_000 && !whole.inputBuffered)
  let cast = ReductionPlan(shape: [100_000], strides: [1], reduced: [true], casts: true)
  #expect(cast.bufferSize == 8192 && cast.inputBuffered)
  // Rows of a C-contiguous matrix summed along axis 0 are added in order, one row per call.
  let rows = ReductionPlan(shape: [20000, 3], strides: [3, 1], reduced: [true, false], casts: false)
  #expect(rows.reduceMode && rows.coreSize == 3)
  // A strided full reduction is gathered across axes into one buffer.
  let strided = ReductionPlan(shape: [10, 3], strides: [7, 2], reduced: [true, true], casts: false)
  #expect(strided.inputBuffered && strided.bufferSize == 30 && !strided.reduceMode, "\(strided)")
}

@Test func reductionErrors() throws {
  let empty = try NDArray(shape: [0, 3], doubles: [])
  #expect(throws: TensorError(.valueError, "zero-size array to reduction operation maximum which has no identity")) {
    try empty.reduce(.max, axes: [0])
  }
  #expect(try empty.reduce(.max, axes: [1]).shape == [0])
  #expect(throws: TensorError(.valueError, "duplicate value in 'axis'")) { try empty.reduce(.sum, axes: [1, -1]) }
  #expect(throws: TensorError.axisOutOfBounds(2, ndim: 2)) { try empty.reduce(.sum, axes: [2]) }
  #expect(throws: TensorError(.valueError, "attempt to get argmax of an empty sequence")) {
    try empty.argExtreme(maximum: true, axis: nil)
  }
}

@Test func reductionWarnings() throws {
  var w = Warnings()
  _ = try NDArray(shape: [2], doubles: [1e308, 1e308]).reduce(.sum, axes: nil, dtype: nil, warnings: &w)
  #expect(w.all.map(\.message) == ["overflow encountered in reduce"])
  w = Warnings()
  _ = try NDArray(shape: [0], doubles: []).reduce(.mean, axes: nil, dtype: nil, warnings: &w)
  #expect(w.all.map(\.message) == ["Mean of empty slice", "invalid value encountered in scalar divide"])
  w = Warnings()
  _ = try NDArray(shape: [1], doubles: [1]).variance(axes: nil, ddof: 1, warnings: &w)
  #expect(w.all.map(\.message) == ["Degrees of freedom <= 0 for slice", "invalid value encountered in scalar divide"])
  w = Warnings()
  _ = try NDArray(shape: [2], doubles: [1e308, 1e308]).accumulate(product: false, axis: nil, warnings: &w)
  #expect(w.all.map(\.message) == ["overflow encountered in accumulate"])
}

enum ReductionFixtures {
  struct Result: Decodable, Sendable {
    let dtype: String
    let shape: [Int]
    let count: Int
    let values: [String]?
    let hash: String?
  }

  enum Axis: Decodable, Sendable {
    case none
    case one(Int)
    case many([Int])

    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        self = .none
      } else if let i = try? c.decode(Int.self) {
        self = .one(i)
      } else {
        self = .many(try c.decode([Int].self))
      }
    }

    var list: [Int]? {
      switch self {
      case .none: nil
      case .one(let i): [i]
      case .many(let a): a
      }
    }

    var single: Int? {
      if case .one(let i) = self { return i }
      return nil
    }
  }

  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let op: String
    let kind: String
    let shape: [Int]
    let seed: Int
    let view: String
    let axis: Axis
    let arg: Double
    let result: Result

    var testDescription: String { name }

    func input() throws -> NDArray {
      let base = try ReductionFixtures.generate(kind, shape, seed: seed)
      switch view {
      case "c": return base
      case "T": return base.transposed()
      case "rev":
        return base.view(
          shape: base.shape, strides: [-base.strides[0]] + base.strides.dropFirst(),
          offset: base.offset + (base.shape[0] - 1) * base.strides[0])
      case "step":
        return base.view(shape: base.shape.map { ($0 + 1) / 2 }, strides: base.strides.map { $0 * 2 }, offset: 0)
      default:
        let axes = view.dropFirst(5).split(separator: ",").compactMap { Int($0) }
        return try base.transposed(axes)
      }
    }

    func run(_ x: NDArray, _ w: inout Warnings) throws -> NDArray {
      switch op {
      case "sum": return try x.reduce(.sum, axes: axis.list, dtype: nil, warnings: &w)
      case "sumf": return try x.reduce(.sum, axes: axis.list, dtype: .float64, warnings: &w)
      case "mean": return try x.reduce(.mean, axes: axis.list, dtype: nil, warnings: &w)
      case "var": return try x.variance(axes: axis.list, ddof: arg, warnings: &w)
      case "std": return try x.variance(axes: axis.list, ddof: arg, squareRoot: true, warnings: &w)
      case "prod": return try x.reduce(.prod, axes: axis.list, dtype: nil, warnings: &w)
      case "max": return try x.reduce(.max, axes: axis.list, dtype: nil, warnings: &w)
      case "min": return try x.reduce(.min, axes: axis.list, dtype: nil, warnings: &w)
      case "argmax": return try x.argExtreme(maximum: true, axis: axis.single)
      case "argmin": return try x.argExtreme(maximum: false, axis: axis.single)
      case "cumsum": return try x.accumulate(product: false, axis: axis.single, warnings: &w)
      case "cumprod": return try x.accumulate(product: true, axis: axis.single, warnings: &w)
      case "nansum": return try x.nanSum(axes: axis.list, warnings: &w)
      case "nanmean": return try x.nanMean(axes: axis.list, warnings: &w)
      case "median": return try x.median(axes: axis.list, warnings: &w)
      case "percentile": return try x.quantiles(.scalar(arg), percent: true, axes: axis.list)
      case "average":
        let n = axis.single.map { x.shape[$0] } ?? x.count
        var weights = try ReductionFixtures.generate("int", [n], seed: 99)
        weights = try NDArray.apply(.add, try NDArray.apply(.remainder, weights, .scalar(Int64(7))), .scalar(Int64(1)))
        if axis.single == nil { weights = try weights.reshaped(x.shape) }
        return try x.average(axes: axis.list, weights: weights, warnings: &w).0
      default: throw FixtureError("unknown op \(op)")
      }
    }
  }

  struct File: Decodable { let cases: [Case] }

  struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
  }

  static let cases: [Case] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/reductions/cases.json")
    guard let data = try? Data(contentsOf: url) else { return [] }
    return (try? JSONDecoder().decode(File.self, from: data).cases) ?? []
  }()

  static let scales: [Double] = [1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0]

  /// The fixture script's data: k = (i * 2654435761 + seed) mod 2000003, then per kind.
  static func generate(_ kind: String, _ shape: [Int], seed: Int) throws -> NDArray {
    let n = shape.reduce(1, *)
    let k = (0..<n).map { (UInt64($0) &* 2_654_435_761 &+ UInt64(seed)) % 2_000_003 }
    switch kind {
    case "float": return try NDArray(shape: shape, doubles: k.map { Double($0) / 7919.0 - 126.0 })
    case "wide":
      return try NDArray(shape: shape, doubles: k.map { (Double($0) / 7919.0 - 126.0) * scales[Int($0 % 7)] })
    case "near1": return try NDArray(shape: shape, doubles: k.map { 1.0 + (Double($0) / 2000003.0 - 0.5) / 64.0 })
    case "nan":
      return try NDArray(shape: shape, doubles: k.map { $0 % 5 == 0 ? .nan : Double($0) / 7919.0 - 126.0 })
    case "int": return try NDArray(shape: shape, ints: k.map { Int64($0) - 1_000_000 })
    case "bool": return try NDArray(shape: shape, bools: k.map { $0 % 3 == 0 })
    default: throw FixtureError("unknown kind \(kind)")
    }
  }

  static func encode(_ a: NDArray) -> (values: [String], hash: String) {
    var words: [UInt64] = []
    var values: [String] = []
    for s in a.scalars {
      switch s {
      case .float(let d):
        words.append(d.bitPattern)
        values.append(String(format: "%016llx", d.bitPattern))
      case .int(let i):
        words.append(UInt64(bitPattern: i))
        values.append(String(i))
      case .bool(let b):
        words.append(b ? 1 : 0)
        values.append(b ? "1" : "0")
      }
    }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for w in words { h = (h ^ w) &* 0x100_0000_01b3 }
    return (values, String(format: "%016llx", h))
  }

  static func firstDifference(_ expected: [String], _ actual: [String]) -> String {
    for (i, (e, a)) in zip(expected, actual).enumerated() where e != a {
      return "first difference at \(i): expected \(show(e)), actual \(show(a))"
    }
    return "expected \(expected.count) values, actual \(actual.count)"
  }

  static func show(_ hex: String) -> String {
    guard hex.count == 16, let bits = UInt64(hex, radix: 16) else { return hex }
    return "\(Double(bitPattern: bits)) (\(hex))"
  }
}

import Foundation
import Testing

@testable import NNTensor

// NumPy's ufuncs over grids of special values for every dtype pair: result dtype, values (bit
// for bit, or within one unit in the last place where NumPy uses its own SIMD libm), the
// RuntimeWarnings, and the errors (Fixtures/elementwise, by scripts/fixtures/elementwise.py).

@Test(arguments: ElementwiseFixtures.file?.binary ?? [])
func binaryUfuncMatchesNumPy(_ c: ElementwiseFixtures.Case) throws {
  let (x, y) = try ElementwiseFixtures.binaryInputs(c)
  let op = try #require(BinaryOperator(rawValue: c.op))
  var warnings = Warnings()
  try ElementwiseFixtures.check(c) { () throws(TensorError) in try NDArray.apply(op, x, y, warnings: &warnings) }
  if c.error == nil {
    #expect(warnings.shown(under: FloatingPointErrorPolicy()).map(\.message) == c.warnings ?? [], "\(c)")
  }
}

@Test(arguments: ElementwiseFixtures.file?.unary ?? [])
func unaryUfuncMatchesNumPy(_ c: ElementwiseFixtures.Case) throws {
  let x = try ElementwiseFixtures.array(c.x, try #require(ElementwiseFixtures.file?.inputs[c.x]))
  let op = try #require(UnaryOperator(rawValue: c.op))
  var warnings = Warnings()
  try ElementwiseFixtures.check(c) { () throws(TensorError) in try x.map(op, warnings: &warnings) }
  if c.error == nil {
    #expect(warnings.shown(under: FloatingPointErrorPolicy()).map(\.message) == c.warnings ?? [], "\(c)")
  }
}

@Test func outputsFollowTheOperandsLayout() throws {
  let a = try NDArray(shape: [2, 3], doubles: [1, 2, 3, 4, 5, 6]).transposed()
  let sum = try NDArray.apply(.add, a, a)
  #expect(sum.shape == [3, 2] && sum.strides == [1, 3], "a.T + a.T is laid out like a.T: \(sum.strides)")
  #expect(sum.doubles == [2, 8, 4, 10, 6, 12])
  let e = try a.map(.exp)
  #expect(e.strides == [1, 3])
  let row = try NDArray(shape: [3], doubles: [1, 2, 3])
  #expect(try NDArray.apply(.add, a, row.reshaped([3, 1])).strides == [1, 3])
  #expect(try NDArray.apply(.multiply, try NDArray.zeros([2, 3]), row).strides == [3, 1])
}

@Test func fastScalarPowers() throws {
  // `a ** 2`, `a ** -1` and `a ** 0.5` are square, reciprocal and sqrt, as in NumPy.
  let a = try NDArray(shape: [3], doubles: [-0.0, 2, 9])
  var w = Warnings()
  #expect(try NDArray.apply(.power, a, .scalar(0.5), warnings: &w).doubles.map(\.sign) == [.minus, .plus, .plus])
  #expect(try NDArray.apply(.power, a, .scalar(2.0)).doubles == [0, 4, 81])
  _ = try NDArray.apply(.power, a, .scalar(Int64(-1)), warnings: &w)
  #expect(w.all.map(\.message) == ["divide by zero encountered in reciprocal"])
}

@Test func warningsFollowThePolicy() {
  var w = Warnings()
  w.record([.invalid, .divideByZero, .underflow], in: "divide")
  #expect(
    w.all.map(\.description) == [
      "RuntimeWarning: divide by zero encountered in divide", "RuntimeWarning: underflow encountered in divide",
      "RuntimeWarning: invalid value encountered in divide",
    ])
  var policy = FloatingPointErrorPolicy()
  #expect(w.shown(under: policy).count == 2)
  #expect(w.raised(under: policy) == nil)
  policy.invalid = .raise
  #expect(w.raised(under: policy)?.message == "invalid value encountered in divide")
  policy.divide = .ignore
  #expect(w.shown(under: policy).isEmpty)
  var scalar = Warnings(operationPrefix: "scalar ")
  scalar.record(.divideByZero, in: "divide")
  scalar.record("Mean of empty slice")
  #expect(scalar.all.map(\.message) == ["divide by zero encountered in scalar divide", "Mean of empty slice"])
}

@Test func floatingPointFlagsAreCaptured() {
  let zero = Double(Int.random(in: 0...0))
  let (_, raised) = FloatingPointErrors.capture { () -> Double in 1 / zero }
  #expect(raised == .divideByZero)
  let (_, clean) = FloatingPointErrors.capture { () -> Double in 1 + zero }
  #expect(clean.isEmpty)
}

enum ElementwiseFixtures {
  struct Case: Decodable, Sendable, CustomTestStringConvertible {
    let op: String
    let x: String
    let y: String?
    let xs: [String]?
    let ys: [String]?
    let dtype: String?
    let values: [String]?
    let warnings: [String]?
    let error: String?
    let message: String?
    let ulps: Int?

    var testDescription: String { y.map { "\(op)(\(x), \($0))" } ?? "\(op)(\(x))" }
  }

  struct File: Decodable, Sendable {
    let inputs: [String: [String]]
    let binary: [Case]
    let unary: [Case]
  }

  static let file: File? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/elementwise/ufuncs.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(File.self, from: data)
  }()

  static func array(_ dtype: String, _ values: [String]) throws -> NDArray {
    switch dtype {
    case "float64":
      return try NDArray(shape: [values.count], doubles: values.map { Double(bitPattern: UInt64($0, radix: 16) ?? 0) })
    case "int64": return try NDArray(shape: [values.count], ints: values.map { Int64($0) ?? 0 })
    default: return try NDArray(shape: [values.count], bools: values.map { $0 == "1" })
    }
  }

  /// Every pair of the two value lists, x major (integer powers: exponents in [0, 70)).
  static func binaryInputs(_ c: Case) throws -> (NDArray, NDArray) {
    let ty = try #require(c.y)
    if let xs = c.xs, let ys = c.ys { return (try array(c.x, xs), try array(ty, ys)) }
    let file = try #require(file)
    let xs = try #require(file.inputs[c.x])
    var ys = try #require(file.inputs[ty])
    if c.op == "power" && c.x != "float64" && ty != "float64" {
      ys = ys.filter { (Int64($0) ?? 0) >= 0 && (Int64($0) ?? 0) < 70 }
    }
    return (try array(c.x, xs.flatMap { v in ys.map { _ in v } }), try array(ty, xs.flatMap { _ in ys }))
  }

  static func check(_ c: Case, _ body: () throws(TensorError) -> NDArray) throws {
    let result: NDArray
    do {
      result = try body()
    } catch {
      #expect(c.error != nil, "\(c): unexpected \(error)")
      let kind: TensorError.Kind = (c.error ?? "").hasSuffix("TypeError") ? .typeError : .valueError
      #expect(error.kind == kind && error.message == c.message, "\(c): \(error), expected \(c.message ?? "")")
      return
    }
    guard c.error == nil else {
      Issue.record("\(c): expected \(c.error ?? ""): \(c.message ?? "")")
      return
    }
    #expect(result.dtype.description == c.dtype, "\(c): dtype \(result.dtype), expected \(c.dtype ?? "")")
    let expected = c.values ?? []
    let actual = result.scalars
    #expect(actual.count == expected.count)
    for (i, (s, e)) in zip(actual, expected).enumerated() {
      if !matches(s, e, ulps: c.ulps ?? 0) {
        Issue.record("\(c): element \(i) is \(s), expected \(describe(e, result.dtype))")
        return
      }
    }
  }

  static func matches(_ s: Scalar, _ e: String, ulps: Int) -> Bool {
    switch s {
    case .float(let d):
      let bits = UInt64(e, radix: 16) ?? 0
      let want = Double(bitPattern: bits)
      if d.bitPattern == bits || (d.isNaN && want.isNaN) { return true }
      guard ulps > 0, d.sign == want.sign, d.isFinite == want.isFinite else { return false }
      let distance = d.bitPattern > bits ? d.bitPattern - bits : bits - d.bitPattern
      return distance <= UInt64(ulps)
    case .int(let i): return String(i) == e
    case .bool(let b): return (b ? "1" : "0") == e
    }
  }

  static func describe(_ e: String, _ dtype: DType) -> String {
    guard dtype == .float64, let bits = UInt64(e, radix: 16) else { return e }
    return "\(Double(bitPattern: bits))"
  }
}

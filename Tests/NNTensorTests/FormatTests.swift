import Foundation
import Testing

@testable import NNTensor

// Printing against NumPy 2.4 / CPython 3.11 output recorded by scripts/fixtures/format.py
// in Fixtures/format/. Every comparison is exact; a mismatch prints expected and actual.

// MARK: - Arrays

@Test(arguments: FormatFixtures.arrays.arrays)
func arrayReprAndStr(_ c: FormatFixtures.ArrayCase) throws {
  let a = try c.array()
  let options = try c.printOptions()
  let repr = a.repr(options: options)
  #expect(repr == c.repr, "repr of \(c.name)\n\(FormatFixtures.diff(c.repr, repr))")
  let str = a.str(options: options)
  #expect(str == c.str, "str of \(c.name)\n\(FormatFixtures.diff(c.str, str))")
}

@Test func arrayFixturesLoaded() {
  #expect(FormatFixtures.arrays.arrays.count >= 150)
  #expect(FormatFixtures.floats.repr.count >= 500)
}

@Test(arguments: FormatFixtures.arrays.array2string)
func arrayString(_ c: FormatFixtures.Array2StringCase) throws {
  let a = try FormatFixtures.makeArray(dtype: c.dtype, shape: c.shape, data: c.data)
  let text = a.arrayString(
    options: PrintOptions(), separator: c.separator, prefix: c.prefix, suffix: c.suffix)
  #expect(text == c.text, "array2string \(c.name)\n\(FormatFixtures.diff(c.text, text))")
}

@Test func scalarReprAndStr() throws {
  var failures: [String] = []
  for c in FormatFixtures.arrays.scalars {
    let x = try FormatFixtures.makeScalar(dtype: c.dtype, value: c.value)
    let legacy = c.legacy.flatMap { PrintOptions.Legacy(text: $0) }
    let repr = x.numpyRepr(legacy: legacy)
    let str = x.numpyStr(legacy: legacy)
    if repr != c.repr || str != c.str {
      failures.append("\(c.dtype) legacy=\(c.legacy ?? "-"): expected \(c.repr) / \(c.str), got \(repr) / \(str)")
    }
  }
  #expect(failures.isEmpty, "\(failures.count) scalar mismatches:\n\(failures.joined(separator: "\n"))")
}

/// A strided view prints as its contiguous copy does.
@Test func transposedViewPrintsLikeCopy() throws {
  let a = try NDArray(shape: [3, 4], doubles: (0..<12).map { Double($0) / 4 - 1 })
  let t = a.view(shape: [4, 3], strides: [1, 4], offset: 0)
  let copy = try NDArray(shape: [4, 3], doubles: t.doubles)
  #expect(t.repr() == copy.repr())
  #expect(t.str() == copy.str())
  let column = a.view(shape: [3], strides: [4], offset: 2)
  #expect(column.repr() == "array([-0.5,  0.5,  1.5])")
}

// MARK: - Python floats and ints

@Test func floatRepr() {
  var failures: [String] = []
  for pair in FormatFixtures.floats.repr {
    let x = FormatFixtures.double(pair[0])
    let got = PythonFloat.repr(x)
    if got != pair[1] { failures.append("\(pair[0]): expected \(pair[1]), got \(got)") }
  }
  #expect(failures.isEmpty, "\(failures.count) repr mismatches:\n\(failures.prefix(40).joined(separator: "\n"))")
}

@Test func floatFormat() {
  var failures: [String] = []
  for row in FormatFixtures.floats.format {
    let x = FormatFixtures.double(row[0])
    let got = FormatFixtures.result { () throws(TensorError) in try PythonFloat.format(x, spec: row[1]) }
    if got != row[2] {
      let call = "format(\(PythonFloat.repr(x)), \(row[1].debugDescription))"
      failures.append("\(call): expected \(row[2].debugDescription), got \(got.debugDescription)")
    }
  }
  #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(40).joined(separator: "\n"))")
}

@Test func intFormat() {
  var failures: [String] = []
  for row in FormatFixtures.floats.intFormat {
    guard let n = Int64(row[0]) else {
      failures.append("bad fixture value \(row[0])")
      continue
    }
    let got = FormatFixtures.result { () throws(TensorError) in try PythonInt.format(n, spec: row[1]) }
    if got != row[2] {
      failures.append(
        "format(\(n), \(row[1].debugDescription)): expected \(row[2].debugDescription), got \(got.debugDescription)")
    }
  }
  #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(40).joined(separator: "\n"))")
}

@Test func numpyFormatFloat() {
  var failures: [String] = []
  for c in FormatFixtures.floats.dragon4 {
    let x = FormatFixtures.double(c.value)
    let a = c.args
    let trim = NumPyFloat.Trim(rawValue: Character(a.trim)) ?? .keep
    let got =
      c.kind == "positional"
      ? NumPyFloat.positional(
        x, precision: a.precision, unique: a.unique, fractional: a.fractional ?? true, trim: trim,
        sign: a.sign, padLeft: a.padLeft, padRight: a.padRight, minDigits: a.minDigits)
      : NumPyFloat.scientific(
        x, precision: a.precision, unique: a.unique, trim: trim, sign: a.sign, padLeft: a.padLeft,
        expDigits: a.expDigits, minDigits: a.minDigits)
    if got != c.text {
      failures.append("\(c.kind) \(c.value) \(a): expected \(c.text.debugDescription), got \(got.debugDescription)")
    }
  }
  #expect(failures.isEmpty, "\(failures.count) mismatches:\n\(failures.prefix(40).joined(separator: "\n"))")
}

// MARK: - Corner cases worth naming

@Test func formatterCorners() throws {
  #expect(PythonFloat.repr(1e16) == "1e+16")
  #expect(PythonFloat.repr(1e15) == "1000000000000000.0")
  #expect(PythonFloat.repr(-0.0) == "-0.0")
  #expect(try PythonFloat.format(0.97315, spec: ".0%") == "97%")
  #expect(try PythonFloat.format(1234567.0, spec: ",") == "1,234,567.0")
  #expect(try PythonInt.format(1_234_567, spec: ",") == "1,234,567")
  #expect(throws: TensorError(.valueError, "Format specifier missing precision")) {
    try PythonFloat.format(1, spec: ".f")
  }
  #expect(NDArray.scalar(5.0).repr() == "array(5.)")
  #expect(NDArray.scalar(5.0).str() == "5.0")
  #expect(Scalar.float(0.5).numpyRepr() == "np.float64(0.5)")
  #expect(Scalar.bool(true).numpyRepr() == "np.True_")
}

// MARK: - Fixture loading

enum FormatFixtures {
  struct ArrayCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let dtype: String
    let shape: [Int]
    let data: Values
    let options: [String: OptionValue]
    let repr: String
    let str: String

    var testDescription: String { name }

    func array() throws -> NDArray { try makeArray(dtype: dtype, shape: shape, data: data) }

    func printOptions() throws -> PrintOptions {
      var o = PrintOptions()
      for (key, value) in options {
        switch (key, value) {
        case ("precision", .int(let n)): o.precision = n
        case ("threshold", .int(let n)): o.threshold = n
        case ("edgeitems", .int(let n)): o.edgeItems = n
        case ("linewidth", .int(let n)): o.lineWidth = n
        case ("suppress", .bool(let b)): o.suppress = b
        case ("nanstr", .string(let s)): o.nanString = s
        case ("infstr", .string(let s)): o.infString = s
        case ("sign", .string(let s)): o.sign = try PrintOptions.sign(named: s)
        case ("floatmode", .string(let s)): o.floatMode = try PrintOptions.floatMode(named: s)
        case ("legacy", .string(let s)): o.legacy = PrintOptions.Legacy(text: s)
        default: throw FixtureError("unknown option \(key)")
        }
      }
      // The fixtures were printed inside `np.printoptions(...)`.
      return o.normalized()
    }
  }

  struct Array2StringCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let dtype: String
    let shape: [Int]
    let data: Values
    let separator: String
    let prefix: String
    let suffix: String
    let text: String
    var testDescription: String { name }
  }

  struct ScalarCase: Decodable, Sendable {
    let dtype: String
    let value: OptionValue
    let legacy: String?
    let repr: String
    let str: String
  }

  struct ArrayFile: Decodable, Sendable {
    let arrays: [ArrayCase]
    let array2string: [Array2StringCase]
    let scalars: [ScalarCase]
  }

  struct Dragon4Args: Decodable, Sendable, CustomStringConvertible {
    let precision: Int?
    let unique: Bool
    let trim: String
    let sign: Bool
    let padLeft: Int?
    let padRight: Int?
    let minDigits: Int?
    let fractional: Bool?
    let expDigits: Int?

    enum CodingKeys: String, CodingKey {
      case precision, unique, trim, sign, fractional
      case padLeft = "pad_left", padRight = "pad_right", minDigits = "min_digits"
      case expDigits = "exp_digits"
    }

    var description: String {
      "precision=\(precision.map(String.init) ?? "None") unique=\(unique) trim=\(trim) sign=\(sign) "
        + "pad_left=\(padLeft.map(String.init) ?? "None") pad_right=\(padRight.map(String.init) ?? "None") "
        + "min_digits=\(minDigits.map(String.init) ?? "None") fractional=\(fractional.map { "\($0)" } ?? "-") "
        + "exp_digits=\(expDigits.map(String.init) ?? "None")"
    }
  }

  struct Dragon4Case: Decodable, Sendable {
    let kind: String
    let value: String
    let args: Dragon4Args
    let text: String
  }

  struct FloatFile: Decodable, Sendable {
    let repr: [[String]]
    let format: [[String]]
    let intFormat: [[String]]
    let dragon4: [Dragon4Case]

    enum CodingKeys: String, CodingKey {
      case repr, format, dragon4
      case intFormat = "int_format"
    }
  }

  /// Array data as stored: float64 as hex IEEE bits, int64 as decimal text, bool as JSON bools.
  enum Values: Decodable, Sendable {
    case strings([String])
    case bools([Bool])

    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let b = try? c.decode([Bool].self) {
        self = .bools(b)
      } else {
        self = .strings(try c.decode([String].self))
      }
    }
  }

  enum OptionValue: Decodable, Sendable {
    case int(Int)
    case bool(Bool)
    case string(String)

    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let b = try? c.decode(Bool.self) {
        self = .bool(b)
      } else if let n = try? c.decode(Int.self) {
        self = .int(n)
      } else {
        self = .string(try c.decode(String.self))
      }
    }
  }

  struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
  }

  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/format")

  static let arrays: ArrayFile = load("arrays.json") ?? ArrayFile(arrays: [], array2string: [], scalars: [])
  static let floats: FloatFile = load("floats.json") ?? FloatFile(repr: [], format: [], intFormat: [], dragon4: [])

  private static func load<T: Decodable>(_ name: String) -> T? {
    guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else { return nil }
    return try? JSONDecoder().decode(T.self, from: data)
  }

  static func double(_ hex: String) -> Double { Double(bitPattern: UInt64(hex, radix: 16) ?? 0) }

  static func makeArray(dtype: String, shape: [Int], data: Values) throws -> NDArray {
    switch (dtype, data) {
    case ("float64", .strings(let s)): return try NDArray(shape: shape, doubles: s.map(double))
    case ("int64", .strings(let s)): return try NDArray(shape: shape, ints: s.map { Int64($0) ?? 0 })
    case ("bool", .bools(let b)): return try NDArray(shape: shape, bools: b)
    case (_, .strings([])), (_, .bools([])):
      return try NDArray.zeros(shape, dtype: dtype == "bool" ? .bool : dtype == "int64" ? .int64 : .float64)
    default: throw FixtureError("bad data for dtype \(dtype)")
    }
  }

  static func makeScalar(dtype: String, value: OptionValue) throws -> Scalar {
    switch (dtype, value) {
    case ("float64", .string(let s)): return .float(double(s))
    case ("int64", .string(let s)): return .int(Int64(s) ?? 0)
    case ("bool", .bool(let b)): return .bool(b)
    default: throw FixtureError("bad scalar \(dtype)")
    }
  }

  /// The text of a call, or `!Kind: message` for a thrown error, as the fixture stores it.
  static func result(_ body: () throws(TensorError) -> String) -> String {
    do { return try body() } catch { return "!\(error.description)" }
  }

  /// Expected and actual, line by line, marking the first line that differs.
  static func diff(_ expected: String, _ actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var first = min(e.count, a.count)
    for (i, (x, y)) in zip(e, a).enumerated() where x != y {
      first = i
      break
    }
    return "expected:\n\(expected)\nactual:\n\(actual)\nfirst difference at line \(first + 1)"
  }
}

import Foundation
import Testing

@testable import NNTensor

// np.arange and np.linspace against NumPy, bit for bit (Fixtures/creation, written by
// scripts/fixtures/creation.py), and the other constructors' shapes and values.

@Test(arguments: CreationFixtures.file?.arange ?? [])
func arangeMatchesNumPy(_ c: CreationFixtures.RangeCase) throws {
  let dtype = c.dtype.flatMap { $0 == "int64" ? DType.int64 : .float64 }
  do {
    let a = try NDArray.arange(start: c.start.scalar, stop: c.stop.scalar, step: c.step.scalar, dtype: dtype)
    #expect(c.error == nil, "\(c): expected \(c.error ?? "")")
    #expect(CreationFixtures.encode(a) == c.values ?? [], "\(c)")
  } catch {
    #expect(error.kind.rawValue == c.error && error.message == c.message, "\(c): \(error)")
  }
}

@Test(arguments: CreationFixtures.file?.linspace ?? [])
func linspaceMatchesNumPy(_ c: CreationFixtures.LinspaceCase) throws {
  let (y, step) = try NDArray.linspace(c.start.double, c.stop.double, num: c.num, endpoint: c.endpoint)
  #expect(CreationFixtures.encode(y) == c.values, "\(c)")
  #expect(String(format: "%016llx", step.bitPattern) == c.step || (step.isNaN && c.step.hasPrefix("7ff8")), "\(c) step")
}

@Test func constructors() throws {
  #expect(try NDArray.full([2], .int(7)).scalars == [.int(7), .int(7)])
  #expect(try NDArray.full([2], .float(1.5), dtype: .int64).scalars == [.int(1), .int(1)])
  #expect(try NDArray.full([2], .bool(true)).dtype == .bool)
  #expect(try NDArray.ones([2, 2], dtype: .bool).scalars == [Scalar](repeating: .bool(true), count: 4))
  let eye = try NDArray.eye(3, 4, k: 1)
  #expect(eye.doubles == [0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
  #expect(try NDArray.eye(3, k: -5).doubles == [Double](repeating: 0, count: 9))
  let v = try NDArray(shape: [2], ints: [1, 2])
  #expect(try v.diagonal(k: -1).scalars.map(\.doubleValue) == [0, 0, 0, 1, 0, 0, 0, 2, 0])
  let m = try NDArray(shape: [3, 3], ints: Array(0..<9))
  #expect(try m.diagonal(k: 1).scalars == [.int(1), .int(5)])
  #expect(try m.transposed().diagonal(k: 1).scalars == [.int(3), .int(7)])
  #expect(try m.diagonal(k: 5).shape == [0])
  #expect(throws: TensorError(.valueError, "Input must be 1- or 2-d.")) { try NDArray.zeros([2, 2, 2]).diagonal() }
  let t = try NDArray.full(like: m.transposed(), .float(2), dtype: .float64)
  #expect(t.strides == [1, 3], "zeros_like keeps the layout")
}

@Test func meshgridIndexing() throws {
  let x = try NDArray(shape: [3], ints: [1, 2, 3])
  let y = try NDArray(shape: [2], ints: [10, 20])
  let xy = try NDArray.meshgrid([x, y])
  #expect(xy[0].shape == [2, 3] && xy[0].scalars.map(\.doubleValue) == [1, 2, 3, 1, 2, 3])
  #expect(xy[1].scalars.map(\.doubleValue) == [10, 10, 10, 20, 20, 20])
  let ij = try NDArray.meshgrid([x, y], cartesian: false)
  #expect(ij[0].shape == [3, 2] && ij[0].scalars.map(\.doubleValue) == [1, 1, 2, 2, 3, 3])
  let sparse = try NDArray.sparseMeshgrid([x, y], cartesian: true)
  #expect(sparse[0].shape == [1, 3] && sparse[1].shape == [2, 1])
}

enum CreationFixtures {
  struct Number: Decodable, Sendable {
    let int: Int64?
    let float: String?
    var scalar: Scalar { int.map { .int($0) } ?? .float(double) }
    var double: Double { int.map(Double.init) ?? Double(bitPattern: UInt64(float ?? "0", radix: 16) ?? 0) }
  }

  struct RangeCase: Decodable, Sendable, CustomTestStringConvertible {
    let start: Number
    let stop: Number
    let step: Number
    let dtype: String?
    let values: [String]?
    let error: String?
    let message: String?
    var testDescription: String { "arange(\(start.scalar), \(stop.scalar), \(step.scalar), dtype=\(dtype ?? "None"))" }
  }

  struct LinspaceCase: Decodable, Sendable, CustomTestStringConvertible {
    let start: Number
    let stop: Number
    let num: Int
    let endpoint: Bool
    let values: [String]
    let step: String
    var testDescription: String { "linspace(\(start.double), \(stop.double), \(num), endpoint=\(endpoint))" }
  }

  struct File: Decodable, Sendable {
    let arange: [RangeCase]
    let linspace: [LinspaceCase]
  }

  static let file: File? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/creation/ranges.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(File.self, from: data)
  }()

  static func encode(_ a: NDArray) -> [String] {
    a.scalars.map { s in
      switch s {
      case .float(let d): String(format: "%016llx", d.bitPattern)
      case .int(let i): String(i)
      case .bool(let b): b ? "1" : "0"
      }
    }
  }
}

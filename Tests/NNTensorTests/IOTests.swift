import Foundation
import Testing

@testable import NNTensor

// File formats against files NumPy wrote (scripts/fixtures/io.py): nn reads them, and what nn
// writes for the same arrays is the same bytes (.npy) or reads back the same (.npz, whose zip
// timestamps NumPy takes from the clock).

private func fixture(_ name: String) throws -> [UInt8] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/io/\(name)")
  return [UInt8](try Data(contentsOf: url))
}

private func expectArray(
  _ a: NDArray, shape: [Int], _ values: [Scalar], sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(a.shape == shape, "shape: expected \(shape), got \(a.shape)", sourceLocation: sourceLocation)
  #expect(a.scalars == values, "values: expected \(values), got \(a.scalars)", sourceLocation: sourceLocation)
}

struct NpyTests {
  @Test func readsWhatNumPyWrote() throws {
    expectArray(try Npy.decode(fixture("f8_2x3.npy")), shape: [2, 3], [-1, -0.5, 0, 0.5, 1, 1.5].map { .float($0) })
    expectArray(try Npy.decode(fixture("i8_5.npy")), shape: [5], [-2, 0, 3, 7, 1 << 40].map { .int($0) })
    expectArray(try Npy.decode(fixture("b1_4.npy")), shape: [4], [true, false, false, true].map { .bool($0) })
    expectArray(try Npy.decode(fixture("f8_fortran_3x4.npy")), shape: [3, 4], (0..<12).map { .float(Double($0)) })
    expectArray(try Npy.decode(fixture("i8_transposed_3x2.npy")), shape: [3, 2], [0, 3, 1, 4, 2, 5].map { .int($0) })
    expectArray(try Npy.decode(fixture("f8_scalar.npy")), shape: [], [.float(3.25)])
    expectArray(try Npy.decode(fixture("f8_2x3x4.npy")), shape: [2, 3, 4], (0..<24).map { .float(Double($0) / 7) })
    expectArray(try Npy.decode(fixture("f8_empty_0x3.npy")), shape: [0, 3], [])
    expectArray(try Npy.decode(fixture("f4_3.npy")), shape: [3], [0.5, 1.25, -3].map { .float($0) })
    expectArray(try Npy.decode(fixture("i4_big_endian_3.npy")), shape: [3], [1, -2, 3].map { .int($0) })
    expectArray(try Npy.decode(fixture("u1_3.npy")), shape: [3], [0, 255, 7].map { .int($0) })
  }

  @Test(arguments: [
    "f8_2x3.npy", "i8_5.npy", "b1_4.npy", "f8_fortran_3x4.npy", "i8_transposed_3x2.npy", "f8_scalar.npy",
    "f8_2x3x4.npy", "f8_empty_0x3.npy",
  ])
  func writesWhatNumPyWrites(_ name: String) throws {
    let bytes = try fixture(name)
    let written = Npy.encode(try Npy.decode(bytes))
    #expect(written == bytes, "\(name): nn wrote \(written.count) bytes, NumPy \(bytes.count)")
  }

  @Test func refusesOtherFiles() {
    #expect(throws: TensorError.self) { try Npy.decode(Array("hello world".utf8)) }
    #expect(throws: TensorError.self) {
      try Npy.decode([0x93] + Array("NUMPY".utf8) + [1, 0, 4, 0] + Array("{}  ".utf8))
    }
  }
}

struct NpzTests {
  @Test(arguments: ["stored.npz", "compressed.npz"])
  func readsWhatNumPyWrote(_ name: String) throws {
    let members = try Zip.members(fixture(name))
    // NumPy writes the keyword arrays first.
    #expect(members.map(\.name) == ["labels.npy", "mask.npy", "arr_0.npy"])
    expectArray(try Npy.decode(members[2].bytes), shape: [2, 3], (0..<6).map { .float(Double($0)) })
    expectArray(try Npy.decode(members[0].bytes), shape: [3], [1, 2, 3].map { .int($0) })
    expectArray(try Npy.decode(members[1].bytes), shape: [2], [.bool(true), .bool(false)])
  }

  @Test(arguments: [false, true])
  func membersRoundTrip(_ compressed: Bool) throws {
    let numpy = try Zip.members(fixture(compressed ? "compressed.npz" : "stored.npz"))
    let ours = try Zip.members(Zip.archive(numpy, compressed: compressed))
    #expect(ours.map(\.name) == numpy.map(\.name))
    #expect(ours.map(\.bytes) == numpy.map(\.bytes))
  }

  @Test func refusesTruncatedArchives() throws {
    let bytes = try fixture("stored.npz")
    #expect(throws: TensorError.self) { try Zip.members(Array(bytes.prefix(100))) }
  }
}

struct IdxTests {
  @Test func readsPlainAndGzipped() throws {
    let pixels: [Scalar] = [0, 1, 2, 3, 4, 5, 255, 128, 0, 9, 9, 9, 7, 0, 7, 0, 7, 0].map { .int($0) }
    expectArray(try Idx.decode(fixture("images-idx3-ubyte")), shape: [3, 2, 3], pixels)
    expectArray(try Idx.decode(fixture("images-idx3-ubyte.gz")), shape: [3, 2, 3], pixels)
    expectArray(try Idx.decode(fixture("labels-idx1-ubyte.gz")), shape: [3], [5, 0, 4].map { .int($0) })
    expectArray(try Idx.decode(fixture("doubles-idx2-f8")), shape: [2, 2], [0.5, -1, 3.25, 1e-3].map { .float($0) })
  }

  @Test func refusesTruncatedFiles() throws {
    let bytes = try fixture("images-idx3-ubyte")
    #expect(throws: TensorError.self) { try Idx.decode(Array(bytes.prefix(20))) }
    #expect(throws: TensorError.self) { try Idx.decode(Array(try fixture("images-idx3-ubyte.gz").prefix(30))) }
  }
}

struct TextTableTests {
  @Test func loadsWhitespaceTables() throws {
    let text = String(decoding: try fixture("table.txt"), as: UTF8.self)
    let t = try TextTable.load(text, TextTable.Options())
    expectArray(t, shape: [3, 3], [1, 2, 3, 4, 5.5, 6, 7, 8, 0.9].map { .float($0) })
  }

  @Test func genfromtxtMakesMissingValuesNaN() throws {
    var o = TextTable.Options()
    o.delimiter = ","
    let (t, names) = try TextTable.generate(String(decoding: try fixture("missing.csv"), as: UTF8.self), o, names: true)
    #expect(names == ["a", "b", "c"])
    #expect(t.shape == [3, 3])
    #expect(t.doubles[4].isNaN && t.doubles[8].isNaN)
  }
}

import Foundation
import Testing

@testable import NNTensor

// Subscripts against NumPy 2.4: random cases from scripts/fixtures/indexing.py (reads, writes and
// errors on plain, transposed and reversed views), then what golden files reach badly: overflow
// at the edges of Int, the kernels' fast and general paths, views versus copies, and the
// errors of np.take/np.put, which NumPy raises from Python code (its frames would be in a
// golden traceback).

private struct Case {
  let shape: [Int]
  let view: String
  let index: [ArrayIndex]
  let description: String
  let read: (shape: [Int], data: [Int64])?
  let error: String?
  let written: [Int64]?
}

private enum Fixture {
  nonisolated(unsafe) static let cases: [Case] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/indexing/cases.json")
    guard let data = try? Data(contentsOf: url),
      let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else { return [] }
    return list.compactMap(parse)
  }()

  static func ints(_ v: Any?) -> [Int] { (v as? [NSNumber])?.map(\.intValue) ?? [] }

  static func array(_ v: Any?) -> (shape: [Int], data: [Int64])? {
    guard let d = v as? [String: Any] else { return nil }
    return (ints(d["shape"]), ints(d["data"]).map(Int64.init))
  }

  static func parse(_ c: [String: Any]) -> Case? {
    var index: [ArrayIndex] = []
    for item in c["index"] as? [[String: Any]] ?? [] {
      if let i = item["int"] as? NSNumber {
        index.append(.single(i.intValue))
      } else if let s = item["slice"] as? [Any] {
        let parts = s.map { ($0 as? NSNumber)?.intValue }
        index.append(.slice(IndexSlice(start: parts[0], stop: parts[1], step: parts[2])))
      } else if let a = array(item["ints"]), let x = try? NDArray(shape: a.shape, ints: a.data) {
        index.append(.array(x))
      } else if let b = item["bools"] as? [String: Any],
        let x = try? NDArray(shape: ints(b["shape"]), bools: (b["data"] as? [Bool]) ?? [])
      {
        index.append(.array(x))
      } else if item["none"] != nil {
        index.append(.newAxis)
      } else {
        index.append(.ellipsis)
      }
    }
    let text = String(data: (try? JSONSerialization.data(withJSONObject: c["index"] ?? [])) ?? Data(), encoding: .utf8)
    return Case(
      shape: ints(c["shape"]), view: c["view"] as? String ?? "none", index: index,
      description: "shape \(ints(c["shape"])) view \(c["view"] ?? "") index \(text ?? "")",
      read: array(c["read"]), error: c["error"] as? String, written: array(c["written"])?.data)
  }
}

/// `arange(prod(shape)).reshape(shape)` and the view the case indexes.
private func arrays(_ c: Case) throws -> (base: NDArray, view: NDArray) {
  let n = c.shape.reduce(1, *)
  let base = try NDArray(shape: c.shape, ints: (0..<n).map(Int64.init))
  switch c.view {
  case "T": return (base, base.transposed())
  case "rev": return (base, try base.subscripted([.slice(IndexSlice(start: nil, stop: nil, step: -1))]))
  default: return (base, base)
  }
}

private func ints(_ a: NDArray) -> [Int64] {
  a.scalars.map { if case .int(let i) = $0 { i } else { .min } }
}

struct IndexingTests {
  @Test func fixturesLoaded() {
    #expect(Fixture.cases.count == 1500)
  }

  @Test func readsMatchNumPy() throws {
    for c in Fixture.cases {
      let (_, a) = try arrays(c)
      do {
        let r = try a.subscripted(c.index)
        #expect(c.error == nil, "\(c.description): expected \(c.error ?? ""), got shape \(r.shape)")
        if let expected = c.read {
          #expect(r.shape == expected.shape, "\(c.description): shape \(expected.shape) expected, got \(r.shape)")
          #expect(ints(r) == expected.data, "\(c.description): \(expected.data) expected, got \(ints(r))")
        }
      } catch {
        #expect(error.description == c.error, "\(c.description): \(c.error ?? "a result") expected, got \(error)")
      }
    }
  }

  @Test func writesMatchNumPy() throws {
    for c in Fixture.cases {
      guard let expected = c.written, let read = c.read else { continue }
      let (base, a) = try arrays(c)
      let n = read.shape.reduce(1, *)
      let value = try NDArray(shape: read.shape, ints: (0..<n).map { -Int64($0) - 1 })
      try a.assign(c.index, value)
      #expect(ints(base) == expected, "\(c.description): \(expected) expected, got \(ints(base))")
    }
  }

  // MARK: Edges of Int

  @Test func slicesWithExtremeSteps() throws {
    let x = try NDArray(shape: [5], ints: [0, 1, 2, 3, 4])
    for (step, expected) in [(Int.max, [0]), (Int.min, [4]), (Int.max - 1, [0]), (-Int.max, [4])] as [(Int, [Int64])] {
      let r = try x.subscripted([.slice(IndexSlice(start: nil, stop: nil, step: step))])
      #expect(ints(r) == expected, "step \(step): \(expected) expected, got \(ints(r))")
    }
    let r = try x.subscripted([.slice(IndexSlice(start: Int.min, stop: Int.max, step: 2))])
    #expect(ints(r) == [0, 2, 4])
    let b = try NDArray(shape: [2, 3], ints: [0, 1, 2, 3, 4, 5])
    let c = try b.subscripted([
      .slice(IndexSlice(start: nil, stop: nil, step: nil)), .slice(IndexSlice(start: 1, stop: nil, step: Int.max)),
    ])
    #expect(c.shape == [2, 1] && ints(c) == [1, 4])
  }

  @Test func extremeIndicesRaise() throws {
    let x = try NDArray(shape: [3], ints: [0, 1, 2])
    for i in [Int.max, Int.min, Int.min + 1, 1 << 62] {
      #expect(throws: TensorError.indexOutOfBounds(i, axis: 0, size: 3)) { try x.subscripted([.single(i)]) }
      #expect(throws: TensorError.indexOutOfBounds(i, axis: 0, size: 3)) { try x.element(i) }
      #expect(throws: TensorError.indexOutOfBounds(i, axis: 0, size: 3)) {
        try x.subscripted([.array(try NDArray(shape: [1], ints: [Int64(i)]))])
      }
      #expect(throws: TensorError.indexOutOfBounds(i, axis: 0, size: 3)) { try x.setElement(.int(1), i) }
    }
  }

  @Test func hugeBroadcastIndexIsAMemoryErrorNotACrash() throws {
    // Two stride-0 index arrays whose outer product would have 2^62 elements.
    let one = try NDArray(shape: [1], ints: [1])
    let rows = one.view(shape: [1 << 31, 1], strides: [0, 0], offset: 0)
    let cols = one.view(shape: [1, 1 << 31], strides: [0, 0], offset: 0)
    let b = try NDArray(shape: [3, 3], ints: Array(repeating: 0, count: 9))
    #expect(throws: TensorError.self) { try b.subscripted([.array(rows), .array(cols)]) }
    #expect(throws: TensorError.self) { try b.assign([.array(rows), .array(cols)], .scalar(Int64(1))) }
  }

  @Test func rangeBuildsIndices() throws {
    #expect(ints(try NDArray.range(from: 5, by: -2, count: 3)) == [5, 3, 1])
    #expect(try NDArray.range(from: 0, by: 1, count: 0).shape == [0])
  }

  // MARK: Paths through the kernels

  @Test func viewsAndCopies() throws {
    let b = try NDArray(shape: [2, 3], doubles: [0, 1, 2, 3, 4, 5])
    let mask = try NDArray(shape: [2, 3], bools: [true, false, true, false, true, false])
    #expect(try b.indexPlan([.single(1)]).isView)
    #expect(try b.indexPlan([.single(1), .single(2)]).selectsElement)
    #expect(!(try b.indexPlan([.single(1), .ellipsis]).selectsElement))
    #expect(!(try b.indexPlan([.array(mask)]).isView))
    #expect(!(try b.indexPlan([.array(try NDArray(shape: [1], ints: [0]))]).isView))
    let row = try b.subscripted([.single(1)])
    #expect(row.sharesStorage(with: b))
    let picked = try b.subscripted([.array(mask)])
    #expect(!picked.sharesStorage(with: b) && picked.doubles == [0, 2, 4])
  }

  @Test func gatherWithNonContiguousInnerAxes() throws {
    // Rows picked from a transposed array: the inner axis is strided, not one run.
    let a = try NDArray(shape: [3, 4], doubles: (0..<12).map(Double.init)).transposed()
    let r = try a.subscripted([.array(try NDArray(shape: [2], ints: [3, 0]))])
    #expect(r.shape == [2, 3] && r.doubles == [3, 7, 11, 0, 4, 8], "got \(r.doubles)")
    try a.assign([.array(try NDArray(shape: [2], ints: [3, 0]))], try NDArray(shape: [3], doubles: [-1, -2, -3]))
    #expect(a.transposed().doubles == [-1, 1, 2, -1, -2, 5, 6, -2, -3, 9, 10, -3], "got \(a.transposed().doubles)")
  }

  @Test func maskOnNonContiguousArrays() throws {
    let a = try NDArray(shape: [2, 3], ints: [0, 1, 2, 3, 4, 5]).transposed()
    let mask = try NDArray(shape: [2, 3], bools: [true, false, false, true, true, false]).transposed()
    let r = try a.subscripted([.array(mask)])
    #expect(ints(r) == [0, 3, 4], "got \(ints(r))")
    try a.assign([.array(mask)], try NDArray(shape: [3], ints: [7, 8, 9]))
    #expect(ints(a.transposed()) == [7, 1, 2, 8, 9, 5], "got \(ints(a.transposed()))")
    try a.assign([.array(mask)], .scalar(Int64(-1)))
    #expect(ints(a.transposed()) == [-1, 1, 2, -1, -1, 5])
  }

  @Test func maskSharingStorageWithTarget() throws {
    let m = try NDArray(shape: [4], bools: [true, false, true, true])
    try m.assign([.array(m)], .scalar(false))
    #expect(m.scalars == [.bool(false), .bool(false), .bool(false), .bool(false)])
    let flip = try NDArray(shape: [3], bools: [true, false, false])
    let reversed = try flip.subscripted([.slice(IndexSlice(start: nil, stop: nil, step: -1))])
    try flip.assign([.array(reversed)], .scalar(true))
    #expect(flip.scalars == [.bool(true), .bool(false), .bool(true)])
  }

  @Test func writesCastToTheTarget() throws {
    let x = try NDArray(shape: [4], ints: [0, 0, 0, 0])
    try x.assign(
      [.slice(IndexSlice(start: nil, stop: nil, step: nil))],
      try NDArray(shape: [4], doubles: [1.9, -1.9, .nan, 1e300]))
    #expect(ints(x) == [1, -1, .min, .min], "got \(ints(x))")
    let m = try NDArray(shape: [3], bools: [false, false, false])
    try m.assign([.array(try NDArray(shape: [2], ints: [0, 2]))], try NDArray(shape: [2], doubles: [0.5, 0]))
    #expect(m.scalars == [.bool(true), .bool(false), .bool(false)])
  }

  @Test func elementFastPaths() throws {
    let b = try NDArray(shape: [2, 3], doubles: [0, 1, 2, 3, 4, 5])
    #expect(try b.element(1, -1) == .float(5))
    try b.setElement(.int(9), -2, 0)
    #expect(try b.element(0, 0) == .float(9))
    #expect(throws: TensorError.indexOutOfBounds(3, axis: 1, size: 3)) { try b.element(0, 3) }
    #expect(throws: TensorError.tooManyIndices(ndim: 2, indexed: 3)) {
      try b.subscripted([.single(0), .single(0), .single(0)])
    }
    let x = try NDArray(shape: [3], ints: [1, 2, 3])
    #expect(throws: TensorError.tooManyIndices(ndim: 1, indexed: 2)) { try x.element(0, 0) }
  }

  // MARK: take / put (NumPy raises these from Python, so golden tracebacks cannot show them)

  @Test func takeErrors() throws {
    let b = try NDArray(shape: [2, 3], doubles: [1, 2, 3, 4, 5, 6])
    let bad = try NDArray(shape: [2], ints: [0, 3])
    #expect(throws: TensorError.indexOutOfBounds(3, axis: 1, size: 3)) { try b.take(bad, axis: 1) }
    #expect(throws: TensorError.indexOutOfBounds(7, axis: 0, size: 6)) {
      try b.take(try NDArray(shape: [1], ints: [7]), axis: nil)
    }
    #expect(throws: TensorError.axisOutOfBounds(2, ndim: 2)) { try b.take(bad, axis: 2) }
    let empty = try NDArray.zeros([2, 0])
    #expect(throws: TensorError(.indexError, "cannot do a non-empty take from an empty axes.")) {
      try empty.take(try NDArray(shape: [1], ints: [0]), axis: 1, mode: .wrap)
    }
    #expect(try empty.take(try NDArray(shape: [0], ints: []), axis: 1).shape == [2, 0])
  }

  @Test func putWritesInOrderUntilABadIndex() throws {
    let x = try NDArray(shape: [5], ints: [0, 1, 2, 3, 4])
    #expect(throws: TensorError.indexOutOfBounds(9, axis: 0, size: 5)) {
      try x.put(try NDArray(shape: [3], ints: [1, 9, 2]), try NDArray(shape: [3], ints: [5, 6, 7]))
    }
    #expect(ints(x) == [0, 5, 2, 3, 4])
    #expect(throws: TensorError(.indexError, "cannot replace elements of an empty array")) {
      try NDArray.zeros([0]).put(try NDArray(shape: [1], ints: [0]), .scalar(1.0))
    }
    try x.put(try NDArray(shape: [2], ints: [-1, 7]), try NDArray(shape: [1], ints: [8]), mode: .wrap)
    #expect(ints(x) == [0, 5, 8, 3, 8])
  }

  @Test func alongAxisErrors() throws {
    let b = try NDArray(shape: [2, 3], doubles: [1, 2, 3, 4, 5, 6])
    #expect(throws: TensorError(.valueError, "`indices` and `arr` must have the same number of dimensions")) {
      try b.takeAlongAxis(try NDArray(shape: [2], ints: [0, 1]), axis: 1)
    }
    #expect(throws: TensorError(.valueError, "when axis=None, `indices` must have a single dimension.")) {
      try b.takeAlongAxis(try NDArray(shape: [1, 1], ints: [0]), axis: nil)
    }
    #expect(throws: TensorError(.indexError, "`indices` must be an integer array")) {
      try b.takeAlongAxis(try NDArray(shape: [1, 1], doubles: [0]), axis: 1)
    }
    #expect(throws: TensorError.indexOutOfBounds(3, axis: 1, size: 3)) {
      try b.takeAlongAxis(try NDArray(shape: [1, 1], ints: [3]), axis: 1)
    }
    // A non-contiguous array is written through its flattened copy.
    let t = b.transposed()
    try t.putAlongAxis(try NDArray(shape: [1], ints: [1]), .scalar(-1.0), axis: nil)
    #expect(b.doubles == [1, 2, 3, -1, 5, 6], "got \(b.doubles)")
  }
}

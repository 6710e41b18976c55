import Testing

@testable import NNTensor

/// Shape operations where golden files reach badly: which reshapes are views (and their
/// strides), copies between arbitrary layouts, and the rearranging kernels checked against
/// naive index arithmetic on many layouts.
struct ShapeTests {
  static func arange(_ n: Int) -> NDArray {
    // Sizes here are small: construction cannot fail.
    (try? NDArray(shape: [n], doubles: (0..<n).map(Double.init))) ?? .scalar(0.0)
  }

  static func all(_ n: Int? = nil) -> ArrayIndex { .slice(IndexSlice(start: nil, stop: n, step: nil)) }
  static func step(_ s: Int) -> ArrayIndex { .slice(IndexSlice(start: nil, stop: nil, step: s)) }

  /// The element at a multi-index, by the array's own strides.
  static func element(_ a: NDArray, _ index: [Int]) -> Double {
    var o = a.offset
    for (k, i) in index.enumerated() { o += i * a.strides[k] }
    return a.scalar(atOffset: o).doubleValue
  }

  /// Every multi-index of a shape, in C order.
  static func indices(_ shape: [Int]) -> [[Int]] {
    var result: [[Int]] = [[]]
    for d in shape { result = result.flatMap { prefix in (0..<d).map { prefix + [$0] } } }
    return shape.contains(0) ? [] : result
  }

  // MARK: - Reshape views

  struct ReshapeCase: Sendable, CustomStringConvertible {
    let name: String
    let newShape: [Int]
    let isView: Bool
    let strides: [Int]
    let offset: Int
    var description: String { "\(name) -> \(newShape)" }
  }

  /// NumPy 2.4's answers (np.shares_memory, strides / itemsize, data offset) for a base of 24.
  static let reshapeCases: [ReshapeCase] = [
    ReshapeCase(name: "T", newShape: [24], isView: false, strides: [1], offset: 0),
    ReshapeCase(name: "T", newShape: [4, 6], isView: false, strides: [6, 1], offset: 0),
    ReshapeCase(name: "T", newShape: [2, 2, 3, 2], isView: true, strides: [2, 1, 4, 12], offset: 0),
    ReshapeCase(name: "cols", newShape: [12], isView: false, strides: [1], offset: 0),
    ReshapeCase(name: "cols", newShape: [4, 3, 1], isView: true, strides: [6, 1, 1], offset: 0),
    ReshapeCase(name: "cols", newShape: [2, 2, 3], isView: true, strides: [12, 6, 1], offset: 0),
    ReshapeCase(name: "step", newShape: [3, 4], isView: true, strides: [8, 2], offset: 0),
    ReshapeCase(name: "step", newShape: [3, 2, 2], isView: true, strides: [8, 4, 2], offset: 0),
    ReshapeCase(name: "rev", newShape: [4, 6], isView: true, strides: [-6, -1], offset: 23),
    ReshapeCase(name: "rev2", newShape: [4, 2, 3], isView: true, strides: [6, -3, -1], offset: 5),
    ReshapeCase(name: "rev2", newShape: [24], isView: false, strides: [1], offset: 0),
    ReshapeCase(name: "unit", newShape: [4, 3], isView: true, strides: [6, 2], offset: 0),
    ReshapeCase(name: "unit", newShape: [2, 2, 1, 3, 1], isView: true, strides: [12, 6, 6, 2, 2], offset: 0),
  ]

  static func source(_ name: String) throws -> NDArray {
    let base = arange(24)
    switch name {
    case "T": return try base.reshaped([2, 3, 4]).transposed()
    case "cols": return try base.reshaped([4, 6]).subscripted([all(), all(3)])
    case "step": return try base.subscripted([step(2)])
    case "rev": return try base.subscripted([step(-1)])
    case "rev2": return try base.reshaped([4, 6]).subscripted([all(), step(-1)])
    default: return try base.reshaped([4, 6]).subscripted([all(), .newAxis, step(2)])
    }
  }

  @Test("reshape is a view exactly when NumPy's is", arguments: reshapeCases)
  func reshapeViews(_ c: ReshapeCase) throws {
    let v = try ShapeTests.source(c.name)
    let r = try v.reshaped(c.newShape)
    #expect(r.sharesStorage(with: v) == c.isView, "\(c): view expected \(c.isView)")
    #expect(r.strides == c.strides, "\(c): strides expected \(c.strides), got \(r.strides)")
    if c.isView { #expect(r.offset == c.offset, "\(c): offset expected \(c.offset), got \(r.offset)") }
    // Whatever the layout, the elements read in C order are the source's.
    #expect(r.doubles == v.doubles, "\(c): elements expected \(v.doubles), got \(r.doubles)")
  }

  @Test func reshapeFortranOrderReadsColumns() throws {
    let m = try ShapeTests.arange(6).reshaped([2, 3])
    let f = try m.reshaped([3, 2], order: .fortran)
    #expect(f.doubles == [0, 4, 3, 2, 1, 5], "got \(f.doubles)")
    #expect(m.raveled(order: .fortran).doubles == [0, 3, 1, 4, 2, 5])
    #expect(m.transposed().raveled(order: .keep).sharesStorage(with: m))
  }

  @Test func reshapeErrorTextMatchesNumPy() {
    let a = ShapeTests.arange(6)
    let cases: [([Int], String)] = [
      ([4], "(4,)"), ([4, 5], "(4,5)"), ([4, -1], "(4,newaxis)"), ([-1, 0], "(0)"), ([], "()"),
      ([2, -1, 4], "(2,newaxis,4)"),
    ]
    for (shape, text) in cases {
      #expect(throws: TensorError(.valueError, "cannot reshape array of size 6 into shape \(text)")) {
        try a.reshaped(shape)
      }
    }
  }

  // MARK: - Copies between layouts

  static func layouts() throws -> [NDArray] {
    let base = arange(60)
    let cube = try base.reshaped([3, 4, 5])
    return [
      cube, cube.transposed(), try cube.subscripted([all(), step(-2), all()]),
      try cube.subscripted([step(2), all(), step(3)]), try cube.swappedAxes(0, 2),
      try cube.subscripted([all(), .single(1), all()]).broadcast(to: [4, 3, 5]),
      try cube.flipped(), try cube.expandedDims([1]), try cube.subscripted([all(), all(0), all()]),
    ]
  }

  @Test func copyElementsMatchesCOrderOnEveryLayout() throws {
    for v in try ShapeTests.layouts() {
      for dtype in [DType.float64, .int64, .bool] {
        let out = try NDArray(uninitialized: v.shape, dtype: dtype)
        out.copyElements(from: v)
        let expected = v.astype(dtype).doubles
        #expect(out.doubles == expected, "shape \(v.shape) strides \(v.strides) as \(dtype)")
      }
      // Into a strided destination too: the transpose of a fresh array.
      let target = try NDArray.zeros(v.shape.reversed()).transposed()
      target.copyElements(from: v)
      #expect(target.doubles == v.doubles, "into transposed, shape \(v.shape)")
    }
  }

  @Test func concatenateAlongEachAxisMatchesIndexing() throws {
    for v in try ShapeTests.layouts() where v.ndim == 3 {
      for axis in 0..<3 {
        let joined = try NDArray.concatenate([v, v.flipped([axis]), v], axis: axis)
        let n = v.shape[axis]
        for index in ShapeTests.indices(joined.shape) {
          var i = index
          let part = i[axis] / n
          i[axis] %= n
          if part == 1 { i[axis] = n - 1 - i[axis] }
          let got = ShapeTests.element(joined, index)
          let want = ShapeTests.element(v, i)
          guard got == want else {
            Issue.record("axis \(axis) at \(index): expected \(want), got \(got)")
            return
          }
        }
      }
    }
  }

  // MARK: - Rearranging kernels against index arithmetic

  @Test func rollMatchesShiftedIndices() throws {
    for v in try ShapeTests.layouts() where v.ndim == 3 {
      let shifts = [1, -7, 12]
      let r = try v.rolled(shifts, axes: [0, 1, 2])
      for index in ShapeTests.indices(v.shape) {
        let source = (0..<3).map { k in ((index[k] - shifts[k]) % v.shape[k] + v.shape[k]) % v.shape[k] }
        #expect(ShapeTests.element(r, index) == ShapeTests.element(v, source), "at \(index)")
      }
    }
  }

  @Test func tileAndRepeatMatchIndices() throws {
    for v in try ShapeTests.layouts() where v.ndim == 3 {
      let t = try v.tiled([2, 1, 3])
      for index in ShapeTests.indices(t.shape) {
        let source = (0..<3).map { index[$0] % v.shape[$0] }
        #expect(ShapeTests.element(t, index) == ShapeTests.element(v, source))
      }
      let counts = (0..<v.shape[1]).map { $0 % 3 }
      let r = try v.repeated(counts, axis: 1)
      var origin: [Int] = []
      for (i, c) in counts.enumerated() { origin += Array(repeating: i, count: c) }
      #expect(r.shape == [v.shape[0], origin.count, v.shape[2]])
      for index in ShapeTests.indices(r.shape) {
        let source = [index[0], origin[index[1]], index[2]]
        #expect(ShapeTests.element(r, index) == ShapeTests.element(v, source))
      }
    }
  }

  @Test func sortAndArgsortOnStridedLanes() throws {
    // A deterministic shuffle with ties and NaN, viewed through negative and skipping strides.
    var values: [Double] = (0..<120).map { Double(($0 * 37) % 23) }
    values[5] = .nan
    values[77] = .nan
    let base = try NDArray(shape: [4, 30], doubles: values)
    for v in [base, base.transposed(), try base.subscripted([ShapeTests.step(-1), ShapeTests.step(3)])] {
      for axis in 0..<2 {
        let s = try v.sorted(axis: axis)
        let order = try v.argsorted(axis: axis)
        for lane in 0..<v.shape[1 - axis] {
          var raw: [Double] = []
          var idx: [Double] = []
          var got: [Double] = []
          for i in 0..<v.shape[axis] {
            let at = axis == 0 ? [i, lane] : [lane, i]
            raw.append(ShapeTests.element(v, at))
            got.append(ShapeTests.element(s, at))
            idx.append(ShapeTests.element(order, at))
          }
          let expected = raw.filter { !$0.isNaN }.sorted() + raw.filter(\.isNaN)
          #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "lane \(lane) axis \(axis)")
          // Stable: equal values keep their original order.
          let stable = raw.indices.sorted { a, b in
            let x = raw[a]
            let y = raw[b]
            return x < y || (!x.isNaN && y.isNaN)
          }
          #expect(idx == stable.map(Double.init), "argsort lane \(lane) axis \(axis)")
        }
      }
    }
  }

  /// Long lanes take the radix path: it must give exactly what the stable comparison sort
  /// gives, signed zeros and NaN payloads included.
  @Test func radixSortMatchesStableComparisonSort() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    let specials: [Double] = [
      0.0, -0.0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
      .greatestFiniteMagnitude,
      -.greatestFiniteMagnitude, 1, -1, Double(bitPattern: 0x7FF8_0000_0000_0001),
    ]
    let n = 3000
    let doubles: [Double] = (0..<n).map { i in
      let r = next()
      if r % 5 == 0 { return specials[Int(r / 5) % specials.count] }
      return Double(Int64(bitPattern: r << 11) >> 40) / 8  // many ties, both signs
    }
    let less: (Double, Double) -> Bool = { $0 < $1 || (!$0.isNaN && $1.isNaN) }
    let a = try NDArray(shape: [3, n / 3], doubles: doubles)
    for axis in [0, 1, nil] as [Int?] {
      let lanes: [[Double]]
      switch axis {
      case 0?: lanes = (0..<(n / 3)).map { j in (0..<3).map { doubles[$0 * (n / 3) + j] } }
      case 1?: lanes = (0..<3).map { Array(doubles[($0 * (n / 3))..<(($0 + 1) * (n / 3))]) }
      default: lanes = [doubles]
      }
      let sorted = try a.sorted(axis: axis)
      let order = try a.argsorted(axis: axis)
      let laneSorted = axis == 0 ? sorted.transposed() : sorted
      let laneOrder = axis == 0 ? order.transposed() : order
      let gotValues = laneSorted.doubles.map(\.bitPattern)
      let gotOrder = laneOrder.elements(as: Int64.self)
      var wantValues: [UInt64] = []
      var wantOrder: [Int64] = []
      for lane in lanes {
        let stable = lane.indices.sorted { less(lane[$0], lane[$1]) }
        wantOrder += stable.map { Int64($0) }
        wantValues += stable.map { lane[$0].bitPattern }
      }
      #expect(gotValues == wantValues, "sort values, axis \(String(describing: axis))")
      #expect(gotOrder == wantOrder, "argsort, axis \(String(describing: axis))")
    }
    let ints: [Int64] = (0..<n).map { _ in
      let r = next()
      return r % 7 == 0 ? (r % 2 == 0 ? .min : .max) : Int64(bitPattern: r << 11) >> 50
    }
    let b = try NDArray(shape: [n], ints: ints)
    #expect(try b.sorted().elements(as: Int64.self) == ints.sorted())
    #expect(try b.argsorted().elements(as: Int64.self) == ints.indices.sorted { ints[$0] < ints[$1] }.map { Int64($0) })
    let u = try a.unique()
    #expect(u.inverse.elements(as: Int64.self).count == n)
    #expect(u.values.doubles.filter(\.isNaN).count == 1, "NaNs collapse into one value")
  }

  @Test func uniqueCountsAndInverseRebuildTheInput() throws {
    let values: [Int64] = (0..<200).map { Int64(($0 * 7919) % 31) - 15 }
    let a = try NDArray(shape: [10, 20], ints: values)
    let u = try a.unique()
    let distinct = Array(Set(values)).sorted()
    #expect(u.values.elements(as: Int64.self) == distinct)
    let counts = distinct.map { d in Int64(values.filter { $0 == d }.count) }
    #expect(u.counts.elements(as: Int64.self) == counts)
    let inverse = u.inverse.elements(as: Int64.self)
    #expect(inverse.map { distinct[Int($0)] } == values)
    let first = distinct.map { d in Int64(values.firstIndex(of: d) ?? -1) }
    #expect(u.indices.elements(as: Int64.self) == first)
  }

  @Test func searchSortedMatchesLinearScan() throws {
    let keys: [Double] = [-3, -1, -1, 0, 2, 2, 2, 5, 9, .nan]
    let a = try NDArray(shape: [keys.count], doubles: keys)
    let probes: [Double] = [-4, -3, -1, 0, 1, 2, 3, 9, 10, .nan, -.infinity, .infinity]
    let v = try NDArray(shape: [probes.count], doubles: probes)
    let less: (Double, Double) -> Bool = { $0 < $1 || (!$0.isNaN && $1.isNaN) }
    let left = try a.searchSorted(v).elements(as: Int64.self)
    let right = try a.searchSorted(v, right: true).elements(as: Int64.self)
    for (i, x) in probes.enumerated() {
      #expect(left[i] == Int64(keys.filter { less($0, x) }.count), "left \(x)")
      #expect(right[i] == Int64(keys.filter { !less(x, $0) }.count), "right \(x)")
    }
  }

  // MARK: - Read-only views and refusals without traps

  @Test func broadcastToIsReadOnlyAndItsViewsToo() throws {
    let b = try ShapeTests.arange(3).broadcast(to: [2, 3], readOnly: true)
    let destination = TensorError(.valueError, "assignment destination is read-only")
    #expect(throws: destination) { try b.assign([.single(0)], .scalar(1.0)) }
    #expect(throws: destination) { try b.transposed().assign([.single(0)], .scalar(1.0)) }
    #expect(throws: destination) { try b.fill(.float(1)) }
    #expect(throws: TensorError(.valueError, "output array is read-only")) { try b.applyInPlace(.add, .scalar(1.0)) }
    #expect(throws: TensorError(.valueError, "sort array is read-only")) { try b.sort() }
    #expect(b.copy().isWritable)
    let reshapedCopy = try b.reshaped([6])
    #expect(reshapedCopy.isWritable)
  }

  @Test func hugeSizesThrowInsteadOfTrapping() throws {
    let a = ShapeTests.arange(3)
    let big = Int.max / 2
    #expect(throws: TensorError.self) { try a.tiled([big, 4]) }
    #expect(throws: TensorError.self) { try a.repeated([big], axis: nil) }
    #expect(throws: TensorError.self) { try a.repeated([big, big, big], axis: 0) }
    #expect(throws: TensorError.self) { try a.reshaped([big, 4, -1]) }
    #expect(throws: TensorError.self) { try a.split(sections: Int.max, axis: 0, equal: false) }
    #expect(throws: TensorError.self) { try NDArray.ravelMultiIndex([a, a], shape: [big, 8], modes: [.raise]) }
    #expect(throws: TensorError.self) { try NDArray.zeros([2], dtype: .int64).fill(.float(1e300)) }
    let empty = try NDArray.zeros([0, 3])
    #expect(try empty.tiled([big, 1]).count == 0)
    #expect(try empty.rolled([Int.min], axes: [1]).shape == [0, 3])
    // The shifts add up (wrapping) to -1.
    #expect(try a.rolled([Int.min, Int.max], axes: [0]).doubles == [1, 2, 0])
  }
}

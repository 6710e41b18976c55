import Testing

@testable import NNTensor

struct LayoutTests {
  @Test func contiguousStrides() {
    #expect(Layout.contiguousStrides([2, 3, 4]) == [12, 4, 1])
    #expect(Layout.contiguousStrides([]) == [])
  }

  @Test func broadcastShapes() throws {
    #expect(try Layout.broadcastShape([[3, 1], [4]]) == [3, 4])
    #expect(try Layout.broadcastShape([[2, 1, 5], [7, 1]]) == [2, 7, 5])
    #expect(throws: TensorError.cannotBroadcast([[3, 2], [3]])) { try Layout.broadcastShape([[3, 2], [3]]) }
  }

  @Test func broadcastErrorWording() {
    #expect(
      TensorError.cannotBroadcast([[3, 2], [3]]).message
        == "operands could not be broadcast together with shapes (3,2) (3,) ")
  }

  @Test func transposedViewSharesStorage() throws {
    let a = try NDArray(shape: [2, 3], doubles: [1, 2, 3, 4, 5, 6])
    let t = a.transposed()
    #expect(t.shape == [3, 2])
    #expect(t.sharesStorage(with: a))
    #expect(!t.isContiguous)
    #expect(t.doubles == [1, 4, 2, 5, 3, 6])
  }

  @Test func sizeOverflowIsAnErrorNotATrap() {
    #expect(throws: TensorError.self) { try Layout.count([Int.max, 4]) }
    #expect(throws: TensorError.self) { try NDArray(uninitialized: [1 << 40, 1 << 30], dtype: .float64) }
  }

  @Test func allocationLargerThanMemoryIsRefusedWithNumPyWording() {
    #expect(
      throws: TensorError(
        .memoryError, "Unable to allocate 74.5 GiB for an array with shape (100000, 100000) and data type float64")
    ) {
      try NDArray.zeros([100_000, 100_000])
    }
  }

  @Test func pairwiseSumMatchesNumPysOrder() throws {
    // 1000 values whose naive left-to-right sum differs from the pairwise one in the last bits.
    var values: [Double] = []
    for i in 0..<1000 {
      let scale: Double = i % 3 == 0 ? -1e3 : 1
      values.append(1.0 / Double(i + 1) * scale)
    }
    let a = try NDArray(shape: [1000], doubles: values)
    let sum = try a.reduce(.sum, axes: nil).doubles[0]
    // np.sum of the same values, from python3 + NumPy 2.4.
    #expect(sum.bitPattern == (-2976.387427924731).bitPattern, "got \(sum)")
  }
}

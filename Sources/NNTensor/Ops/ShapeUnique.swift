/// `unique`: the distinct values of an array, or its distinct slices along an axis.
/// What `unique` finds: the sorted distinct values, where each first occurs, which of them
/// each input element is, and how often each occurs.
public struct UniqueResult {
  public let values: NDArray
  /// int64: the index of each value's first occurrence.
  public let indices: NDArray
  /// int64: for each input element (or slice along the axis), the index of its value.
  public let inverse: NDArray
  /// int64: how many times each value occurs.
  public let counts: NDArray
}

extension NDArray {
  /// `unique(a)`: the sorted distinct elements of the flattened array (NaNs counted as one
  /// value unless `equalNaN` is false), or with `axis`, the distinct slices along that axis
  /// in lexicographic order.
  public func unique(axis: Int? = nil, equalNaN: Bool = true) throws(TensorError) -> UniqueResult {
    guard let axis else { return try uniqueElements(equalNaN: equalNaN) }
    let ax = try Layout.axis(axis, ndim: ndim)
    // Rows are the slices along the axis, flattened: compare them lexicographically.
    let moved = moveAxis(ax, to: 0)
    let n = shape[ax]
    let width = n == 0 ? 0 : count / n
    let rows = try moved.reshaped([n, width])
    let (order, starts): ([Int], [Int])
    switch dtype {
    case .float64: (order, starts) = try rows.rowGroups(Double.self, width) { $0 < $1 || (!$0.isNaN && $1.isNaN) }
    case .int64: (order, starts) = try rows.rowGroups(Int64.self, width, <)
    case .bool: (order, starts) = try rows.rowGroups(Bool.self, width) { !$0 && $1 }
    }
    let picked = try NDArray(uninitialized: [starts.count, width], dtype: dtype)
    for (g, s) in starts.enumerated() {
      picked.slab(axis: 0, start: g, length: 1).copyElements(from: rows.slab(axis: 0, start: order[s], length: 1))
    }
    var uniqueShape = moved.shape
    uniqueShape[0] = starts.count
    let values = picked.view(shape: uniqueShape, strides: Layout.contiguousStrides(uniqueShape), offset: 0)
    return try NDArray.uniqueResult(values.moveAxis(0, to: ax), order: order, starts: starts, inverseShape: [n])
  }

  private func uniqueElements(equalNaN: Bool) throws(TensorError) -> UniqueResult {
    let flat = raveled()
    let order: [Int]
    let starts: [Int]
    switch dtype {
    case .float64:
      let v = flat.elements(as: Double.self)
      order = NDArray.stableOrder(v.count) { (sorter, order) in
        v.withUnsafeBufferPointer { sorter.order($0, into: order) }
      }
      starts = NDArray.runStarts(order) { v[$0] == v[$1] || (equalNaN && v[$0].isNaN && v[$1].isNaN) }
    case .int64:
      let v = flat.elements(as: Int64.self)
      order = NDArray.stableOrder(v.count) { (sorter, order) in
        v.withUnsafeBufferPointer { sorter.order($0, into: order) }
      }
      starts = NDArray.runStarts(order) { v[$0] == v[$1] }
    case .bool:
      let v = flat.elements(as: Bool.self)
      order = NDArray.stableOrder(v.count) { (_, order) in
        v.withUnsafeBufferPointer { RadixSorter.order($0, into: order) { !$0 && $1 } }
      }
      starts = NDArray.runStarts(order) { v[$0] == v[$1] }
    }
    // `raveled()` is contiguous: the value of group g is the element at its first index.
    let values = try NDArray(uninitialized: [starts.count], dtype: dtype)
    let size = dtype.itemSize
    for (g, s) in starts.enumerated() {
      (values.storage.raw + g * size).copyMemory(
        from: flat.storage.raw + (flat.offset + order[s]) * size, byteCount: size)
    }
    return try NDArray.uniqueResult(values, order: order, starts: starts, inverseShape: shape)
  }

  /// The stable sorting order of `n` items, which `body` writes with a sorter sized for them.
  private static func stableOrder(
    _ n: Int, _ body: (RadixSorter, UnsafeMutableBufferPointer<Int>) -> Void
  ) -> [Int] {
    let sorter = RadixSorter(capacity: n >= RadixSorter.threshold ? n : 0, withOrder: true)
    defer { sorter.deallocate() }
    var order = [Int](repeating: 0, count: n)
    order.withUnsafeMutableBufferPointer { body(sorter, $0) }
    return order
  }

  /// Where in `order` each run of equal items starts.
  private static func runStarts(_ order: [Int], same: (Int, Int) -> Bool) -> [Int] {
    var starts: [Int] = order.isEmpty ? [] : [0]
    for i in 1..<Swift.max(order.count, 1) where !same(order[i - 1], order[i]) { starts.append(i) }
    return starts
  }

  /// Groups `n` items: their stable sorted order, and where in it each run of equal items starts.
  private static func groups(_ n: Int, less: (Int, Int) -> Bool, same: (Int, Int) -> Bool) -> ([Int], [Int]) {
    var order = Array(0..<n)
    order.sort(by: less)
    return (order, runStarts(order, same: same))
  }

  /// `groups` for the rows of this 2-D array: lexicographic order; rows equal when every
  /// element is `==` (so a row holding NaN equals no other row, as in NumPy).
  private func rowGroups<T: Equatable>(
    _: T.Type, _ width: Int, _ less: @escaping (T, T) -> Bool
  ) throws(TensorError)
    -> ([Int], [Int])
  {
    let v = elements(as: T.self)
    let n = shape[0]
    return NDArray.groups(
      n,
      less: { i, j in
        for k in 0..<width {
          let a = v[i * width + k]
          let b = v[j * width + k]
          if less(a, b) { return true }
          if less(b, a) { return false }
        }
        return false
      },
      same: { i, j in (0..<width).allSatisfy { v[i * width + $0] == v[j * width + $0] } })
  }

  private static func uniqueResult(
    _ values: NDArray, order: [Int], starts: [Int], inverseShape: [Int]
  )
    throws(TensorError) -> UniqueResult
  {
    let n = order.count
    let indices = try NDArray(uninitialized: [starts.count], dtype: .int64)
    let counts = try NDArray(uninitialized: [starts.count], dtype: .int64)
    let inverse = try NDArray(uninitialized: inverseShape, dtype: .int64)
    let pi = indices.pointer(Int64.self)
    let pc = counts.pointer(Int64.self)
    let pv = inverse.pointer(Int64.self)
    for (g, s) in starts.enumerated() {
      let end = g + 1 < starts.count ? starts[g + 1] : n
      pi[g] = Int64(order[s])
      pc[g] = Int64(end - s)
      for i in s..<end { pv[order[i]] = Int64(g) }
    }
    return UniqueResult(values: values, indices: indices, inverse: inverse, counts: counts)
  }
}

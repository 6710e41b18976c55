/// Sorting and searching: `sort`, `argsort`, `searchsorted`, `unique`.
///
/// Every sort here is stable (Swift's `sort` is) and orders NaN after every number, as NumPy
/// does. NumPy's default `kind='quicksort'` is not stable, so `argsort` of float arrays with
/// ties may list equal elements in another order than NumPy's; the sorted values are the same.
extension NDArray {
  /// `sort(a, axis)`: a sorted copy along `axis`, or of the flattened array when `axis` is nil.
  public func sorted(axis: Int? = -1) throws(TensorError) -> NDArray {
    let out = axis == nil ? flattened() : copy()
    try out.sort(axis: axis ?? 0)
    return out
  }

  /// `a.sort(axis)`: sorts the elements along `axis` in place.
  public func sort(axis: Int = -1) throws(TensorError) {
    guard isWritable else { throw TensorError(.valueError, "sort array is read-only") }
    let ax = try Layout.axis(axis, ndim: ndim)
    switch dtype {
    case .float64: sortLanes(Double.self, axis: ax) { $0.sortNaNLast() }
    case .int64: sortLanes(Int64.self, axis: ax) { $0.sort() }
    case .bool:
      sortLanes(Bool.self, axis: ax) { lane in
        let falses = lane.reduce(0) { $0 + ($1 ? 0 : 1) }
        for i in lane.indices { lane[i] = i >= falses }
      }
    }
  }

  /// Sorts every lane along `axis` with `body`: in place when the lane is contiguous, else
  /// through one reused buffer.
  private func sortLanes<T>(_: T.Type, axis: Int, _ body: (inout UnsafeMutableBufferPointer<T>) -> Void) {
    let n = shape[axis]
    let step = strides[axis]
    guard n > 1 && count > 0 else { return }
    let p = pointer(T.self)
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
    defer { buffer.deallocate() }
    forEachLane(axis: axis) { base in
      if step == 1 {
        var lane = UnsafeMutableBufferPointer(start: p + base, count: n)
        body(&lane)
        return
      }
      for i in 0..<n { buffer[i] = p[base + i * step] }
      var lane = buffer
      body(&lane)
      for i in 0..<n { p[base + i * step] = buffer[i] }
    }
  }

  /// Calls `body` with the offset of the first element of every lane along `axis`.
  func forEachLane(axis: Int, _ body: (Int) -> Void) {
    var others = shape
    var otherStrides = strides
    others.remove(at: axis)
    otherStrides.remove(at: axis)
    Layout.forEachOffset(others, otherStrides, offset, body)
  }

  /// `argsort(a, axis)`: int64 indices that sort each lane along `axis` (of the flattened
  /// array when nil); ties keep their original order.
  public func argsorted(axis: Int? = -1) throws(TensorError) -> NDArray {
    guard let axis else { return try raveled().argsorted(axis: 0) }
    if ndim == 0 { return try raveled().argsorted(axis: 0) }
    let ax = try Layout.axis(axis, ndim: ndim)
    let out = try NDArray(uninitialized: shape, dtype: .int64)
    guard count > 0 else { return out }
    switch dtype {
    case .float64: argsortLanes(Double.self, axis: ax, into: out) { $0 < $1 || (!$0.isNaN && $1.isNaN) }
    case .int64: argsortLanes(Int64.self, axis: ax, into: out, by: <)
    case .bool: argsortLanes(Bool.self, axis: ax, into: out) { !$0 && $1 }
    }
    return out
  }

  private func argsortLanes<T>(_: T.Type, axis: Int, into out: NDArray, by less: (T, T) -> Bool) {
    let n = shape[axis]
    let step = strides[axis]
    let outStep = out.strides[axis]
    let p = pointer(T.self)
    let po = out.pointer(Int64.self)
    var values = [T]()
    values.reserveCapacity(n)
    var order = [Int](repeating: 0, count: n)
    var bases: [Int] = []
    out.forEachLane(axis: axis) { bases.append($0) }
    var k = 0
    forEachLane(axis: axis) { base in
      values.removeAll(keepingCapacity: true)
      for i in 0..<n { values.append(p[base + i * step]) }
      for i in 0..<n { order[i] = i }
      values.withUnsafeBufferPointer { v in order.sort { less(v[$0], v[$1]) } }
      let o = bases[k]
      for i in 0..<n { po[o + i * outStep] = Int64(order[i]) }
      k += 1
    }
  }

  /// `searchsorted(a, v, side)`: for each element of `values`, the index in this sorted 1-D
  /// array where it would be inserted to keep the order: before equal elements (left) or after
  /// them (right). `sorter` holds the indices that sort an unsorted array.
  public func searchSorted(
    _ values: NDArray, right: Bool = false, sorter: NDArray? = nil
  ) throws(TensorError)
    -> NDArray
  {
    guard ndim <= 1 else { throw TensorError(.valueError, "object too deep for desired array") }
    guard ndim == 1 else { throw TensorError(.valueError, "object of too small depth for desired array") }
    let order = try sorter.map { (s) throws(TensorError) in try checkedSorter(s) }
    let out = try NDArray(uninitialized: values.shape, dtype: .int64)
    let po = out.pointer(Int64.self)
    if dtype == .float64 || values.dtype == .float64 {
      let keys = elements(as: Double.self)
      let v = values.elements(as: Double.self)
      let less: (Double, Double) -> Bool = { $0 < $1 || (!$0.isNaN && $1.isNaN) }
      for (i, x) in v.enumerated() { po[i] = Int64(NDArray.insertionPoint(x, keys, order, right: right, less)) }
    } else {
      let keys = elements(as: Int64.self)
      let v = values.elements(as: Int64.self)
      for (i, x) in v.enumerated() { po[i] = Int64(NDArray.insertionPoint(x, keys, order, right: right, <)) }
    }
    return out
  }

  private func checkedSorter(_ sorter: NDArray) throws(TensorError) -> [Int] {
    guard sorter.ndim == 1 else { throw TensorError(.typeError, "could not parse sorter argument") }
    guard sorter.dtype != .float64 else { throw TensorError(.typeError, "sorter must only contain integers") }
    guard sorter.count == count else { throw TensorError(.valueError, "sorter.size must equal a.size") }
    let order = sorter.elements(as: Int64.self).map { Int($0) }
    for i in order where i < 0 || i >= count { throw TensorError(.valueError, "Sorter index out of range.") }
    return order
  }

  /// Binary search for the first position whose key is not before `x` (left) or is after it
  /// (right).
  private static func insertionPoint<T>(
    _ x: T, _ keys: [T], _ order: [Int]?, right: Bool, _ less: (T, T) -> Bool
  ) -> Int {
    var lo = 0
    var hi = keys.count
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      let key = keys[order?[mid] ?? mid]
      if right ? !less(x, key) : less(key, x) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The elements in C order as Swift values of type `T` (Double, Int64 or Bool), converted.
  public func elements<T>(as _: T.Type) -> [T] {
    let source = T.self == Double.self ? astype(.float64) : T.self == Int64.self ? astype(.int64) : astype(.bool)
    var out: [T] = []
    out.reserveCapacity(count)
    let p = source.pointer(T.self)
    if source.isContiguous {
      out.append(contentsOf: UnsafeBufferPointer(start: p + source.offset, count: count))
    } else {
      Layout.forEachOffset(source.shape, source.strides, source.offset) { out.append(p[$0]) }
    }
    return out
  }
}

extension UnsafeMutableBufferPointer where Element == Double {
  /// Sorts ascending with NaN last: NaNs moved to the end, the numbers sorted with `<`.
  mutating func sortNaNLast() {
    var end = count
    var i = 0
    while i < end {
      if self[i].isNaN {
        end -= 1
        swapAt(i, end)
      } else {
        i += 1
      }
    }
    var numbers = UnsafeMutableBufferPointer(rebasing: self[0..<end])
    numbers.sort()
  }
}

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
  /// value), or with `axis`, the distinct slices along that axis in lexicographic order.
  public func unique(axis: Int? = nil) throws(TensorError) -> UniqueResult {
    guard let axis else { return try uniqueElements() }
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

  private func uniqueElements() throws(TensorError) -> UniqueResult {
    let flat = raveled()
    let (order, starts): ([Int], [Int])
    switch dtype {
    case .float64:
      let v = flat.elements(as: Double.self)
      (order, starts) = NDArray.groups(
        v.count, less: { v[$0] < v[$1] || (!v[$0].isNaN && v[$1].isNaN) },
        same: { v[$0] == v[$1] || (v[$0].isNaN && v[$1].isNaN) })
    case .int64:
      let v = flat.elements(as: Int64.self)
      (order, starts) = NDArray.groups(v.count, less: { v[$0] < v[$1] }, same: { v[$0] == v[$1] })
    case .bool:
      let v = flat.elements(as: Bool.self)
      (order, starts) = NDArray.groups(v.count, less: { !v[$0] && v[$1] }, same: { v[$0] == v[$1] })
    }
    let values = try NDArray(uninitialized: [starts.count], dtype: dtype)
    let size = dtype.itemSize
    for (g, s) in starts.enumerated() {
      let o = flat.isContiguous ? flat.offset + order[s] : flat.offsetOf(flat: order[s])
      (values.storage.raw + g * size).copyMemory(from: flat.storage.raw + o * size, byteCount: size)
    }
    return try NDArray.uniqueResult(values, order: order, starts: starts, inverseShape: shape)
  }

  /// Groups `n` items: their stable sorted order, and where in it each run of equal items starts.
  private static func groups(_ n: Int, less: (Int, Int) -> Bool, same: (Int, Int) -> Bool) -> ([Int], [Int]) {
    var order = Array(0..<n)
    order.sort(by: less)
    var starts: [Int] = n > 0 ? [0] : []
    for i in 1..<Swift.max(n, 1) where !same(order[i - 1], order[i]) { starts.append(i) }
    return (order, starts)
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

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
    let n = shape[ax]
    let sorter = RadixSorter(capacity: n >= RadixSorter.threshold ? n : 0, withOrder: false)
    defer { sorter.deallocate() }
    switch dtype {
    case .float64: sortLanes(Double.self, axis: ax) { sorter.sort($0) }
    case .int64: sortLanes(Int64.self, axis: ax) { sorter.sort($0) }
    case .bool:
      sortLanes(Bool.self, axis: ax) { lane in
        let falses = lane.reduce(0) { $0 + ($1 ? 0 : 1) }
        for i in lane.indices { lane[i] = i >= falses }
      }
    }
  }

  /// Sorts every lane along `axis` with `body`: in place when the lane is contiguous, else
  /// through one reused buffer.
  private func sortLanes<T>(_: T.Type, axis: Int, _ body: (UnsafeMutableBufferPointer<T>) -> Void) {
    let n = shape[axis]
    let step = strides[axis]
    guard n > 1 && count > 0 else { return }
    let p = pointer(T.self)
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
    defer { buffer.deallocate() }
    forEachLane(axis: axis) { base in
      if step == 1 {
        body(UnsafeMutableBufferPointer(start: p + base, count: n))
        return
      }
      for i in 0..<n { buffer[i] = p[base + i * step] }
      body(buffer)
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
    let n = shape[ax]
    let sorter = RadixSorter(capacity: n >= RadixSorter.threshold ? n : 0, withOrder: true)
    defer { sorter.deallocate() }
    switch dtype {
    case .float64: argsortLanes(Double.self, axis: ax, into: out) { sorter.order($0, into: $1) }
    case .int64: argsortLanes(Int64.self, axis: ax, into: out) { sorter.order($0, into: $1) }
    case .bool: argsortLanes(Bool.self, axis: ax, into: out) { RadixSorter.order($0, into: $1, by: { !$0 && $1 }) }
    }
    return out
  }

  /// Calls `body` with each lane's elements (gathered) and a buffer for its sorting order,
  /// then writes that order into `out`.
  private func argsortLanes<T>(
    _: T.Type, axis: Int, into out: NDArray, _ body: (UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<Int>) -> Void
  ) {
    let n = shape[axis]
    let step = strides[axis]
    let outStep = out.strides[axis]
    let p = pointer(T.self)
    let po = out.pointer(Int64.self)
    let values = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
    let order = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
    defer {
      values.deallocate()
      order.deallocate()
    }
    var bases: [Int] = []
    out.forEachLane(axis: axis) { bases.append($0) }
    var k = 0
    forEachLane(axis: axis) { base in
      for i in 0..<n { values[i] = p[base + i * step] }
      body(UnsafeBufferPointer(values), order)
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

/// Stable sorting of lanes. Long lanes go through an LSD radix sort of 64-bit keys (one byte
/// per pass, passes where every key has the same byte skipped), which keeps equal keys in
/// order; short lanes through Swift's stable `sort`. Float keys order NaN last and treat -0.0
/// and 0.0 as equal, exactly as the comparison `a < b || (b.isNaN && !a.isNaN)` does, so both
/// paths give the same result.
struct RadixSorter {
  static let threshold = 256
  private let capacity: Int
  private let keys: UnsafeMutablePointer<UInt64>
  private let spareKeys: UnsafeMutablePointer<UInt64>
  private let indices: UnsafeMutablePointer<Int>
  private let spareIndices: UnsafeMutablePointer<Int>
  private let counts: UnsafeMutablePointer<Int>
  private let carriesIndices: Bool

  /// Buffers for lanes of up to `capacity` elements (none when 0: every lane is short).
  init(capacity: Int, withOrder: Bool) {
    self.capacity = capacity
    carriesIndices = withOrder
    keys = .allocate(capacity: capacity)
    spareKeys = .allocate(capacity: capacity)
    indices = .allocate(capacity: withOrder ? capacity : 0)
    spareIndices = .allocate(capacity: withOrder ? capacity : 0)
    counts = .allocate(capacity: 8 * 256)
  }

  func deallocate() {
    for p in [keys, spareKeys] { p.deallocate() }
    for p in [indices, spareIndices] { p.deallocate() }
    counts.deallocate()
  }

  @inline(__always) static func key(_ d: Double) -> UInt64 {
    if d.isNaN { return .max }
    let bits = (d == 0 ? 0.0 : d).bitPattern
    return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
  }

  @inline(__always) static func double(_ k: UInt64) -> Double {
    Double(bitPattern: k >> 63 == 1 ? k & ~(1 << 63) : ~k)
  }

  @inline(__always) static func key(_ i: Int64) -> UInt64 { UInt64(bitPattern: i) ^ (1 << 63) }

  /// Sorts a lane of doubles in place, NaN last.
  func sort(_ lane: UnsafeMutableBufferPointer<Double>) {
    let n = lane.count
    guard n >= RadixSorter.threshold && n <= capacity else {
      var lane = lane
      lane.sort { $0 < $1 || (!$0.isNaN && $1.isNaN) }
      return
    }
    // Keys lose the sign of zero and NaN payloads: put the originals back, in their order.
    var zeros: [Double] = []
    var nans: [Double] = []
    for i in 0..<n {
      let d = lane[i]
      if d == 0 { zeros.append(d) } else if d.isNaN { nans.append(d) }
      keys[i] = RadixSorter.key(d)
    }
    radixSort(n)
    for i in 0..<n { lane[i] = RadixSorter.double(keys[i]) }
    if !zeros.isEmpty, let first = lane.firstIndex(where: { $0 == 0 }) {
      for (j, z) in zeros.enumerated() { lane[first + j] = z }
    }
    for (j, x) in nans.enumerated() { lane[n - nans.count + j] = x }
  }

  /// Sorts a lane of integers in place.
  func sort(_ lane: UnsafeMutableBufferPointer<Int64>) {
    let n = lane.count
    guard n >= RadixSorter.threshold && n <= capacity else {
      var lane = lane
      lane.sort()
      return
    }
    for i in 0..<n { keys[i] = RadixSorter.key(lane[i]) }
    radixSort(n)
    for i in 0..<n { lane[i] = Int64(bitPattern: keys[i] ^ (1 << 63)) }
  }

  /// The stable sorting order of a lane of doubles, NaN last.
  func order(_ values: UnsafeBufferPointer<Double>, into order: UnsafeMutableBufferPointer<Int>) {
    guard values.count >= RadixSorter.threshold && values.count <= capacity && carriesIndices else {
      RadixSorter.order(values, into: order) { $0 < $1 || (!$0.isNaN && $1.isNaN) }
      return
    }
    for i in 0..<values.count { keys[i] = RadixSorter.key(values[i]) }
    radixOrder(into: order)
  }

  /// The stable sorting order of a lane of integers.
  func order(_ values: UnsafeBufferPointer<Int64>, into order: UnsafeMutableBufferPointer<Int>) {
    guard values.count >= RadixSorter.threshold && values.count <= capacity && carriesIndices else {
      RadixSorter.order(values, into: order, by: <)
      return
    }
    for i in 0..<values.count { keys[i] = RadixSorter.key(values[i]) }
    radixOrder(into: order)
  }

  /// The stable sorting order by a comparison (short lanes, and bools).
  static func order<T>(
    _ values: UnsafeBufferPointer<T>, into order: UnsafeMutableBufferPointer<Int>, by less: (T, T) -> Bool
  ) {
    var order = order
    for i in 0..<values.count { order[i] = i }
    order.sort { less(values[$0], values[$1]) }
  }

  private func radixOrder(into order: UnsafeMutableBufferPointer<Int>) {
    for i in 0..<order.count { indices[i] = i }
    radixSort(order.count)
    for i in 0..<order.count { order[i] = indices[i] }
  }

  /// Sorts `keys[0..<n]` (and `indices` with them) by byte, least significant first.
  private func radixSort(_ n: Int) {
    counts.update(repeating: 0, count: 8 * 256)
    for i in 0..<n {
      var k = keys[i]
      for pass in 0..<8 {
        counts[pass &* 256 &+ Int(k & 255)] &+= 1
        k >>= 8
      }
    }
    var (from, to) = (keys, spareKeys)
    var (fromIndices, toIndices) = (indices, spareIndices)
    for pass in 0..<8 {
      let c = counts + pass * 256
      if (0..<256).contains(where: { c[$0] == n }) { continue }
      var sum = 0
      for b in 0..<256 {
        let t = c[b]
        c[b] = sum
        sum += t
      }
      let shift = UInt64(pass * 8)
      if carriesIndices {
        for i in 0..<n {
          let b = Int((from[i] >> shift) & 255)
          to[c[b]] = from[i]
          toIndices[c[b]] = fromIndices[i]
          c[b] += 1
        }
        swap(&fromIndices, &toIndices)
      } else {
        for i in 0..<n {
          let b = Int((from[i] >> shift) & 255)
          to[c[b]] = from[i]
          c[b] += 1
        }
      }
      swap(&from, &to)
    }
    if from != keys {
      keys.update(from: from, count: n)
      if carriesIndices { indices.update(from: fromIndices, count: n) }
    }
  }
}

/// Advanced ("fancy") indexing, after NumPy's mapiter: the index arrays (with any integers and
/// boolean arrays among them) broadcast together to one shape B, and each position of B picks
/// an element offset. The result is `outer + B + inner`, where outer and inner are the axes
/// the slices, newaxis and Ellipsis keep. When the advanced indices are not side by side (a
/// slice, newaxis or Ellipsis between them), NumPy cannot say where B belongs, and puts it first.
///
/// Every result element is then at `base + outer[p] + fancy[f] + inner[q]`, taken in C order,
/// so reading and writing are two plain loops over three offset lists.
struct Gather {
  /// The shape `a[...]` has.
  let shape: [Int]
  /// The storage offset the three lists are relative to (integers' offsets included).
  let base: Int
  let outer: [Int]
  let fancy: [Int]
  /// The inner axes as one run of consecutive elements when they are C-contiguous (the common
  /// `X[rows]`), else nil and their offsets in `inner`.
  let innerRun: Int?
  let inner: [Int]

  /// One advanced index, before broadcasting.
  private enum Component {
    case indices(NDArray, axis: Int)
    case mask(NDArray, axis: Int, trueCount: Int)
    case scalarBool(Bool)

    var shape: [Int] {
      switch self {
      case .indices(let a, _): a.shape
      case .mask(_, _, let n): [n]
      case .scalarBool(let b): [b ? 1 : 0]
      }
    }
  }

  /// Axes kept whole or sliced: their lengths and strides.
  typealias Axes = (shape: [Int], strides: [Int])

  init(_ a: NDArray, _ items: [PreparedIndex]) throws(TensorError) {
    var base = a.offset
    var axis = 0
    // The axes slices, newaxis and Ellipsis keep, and whether each comes before the advanced indices.
    var kept: [(size: Int, stride: Int, leading: Bool)] = []
    var components: [Component] = []
    // 0: no advanced index yet; 1: in the first run of them; 2: after it; 3: separated.
    var state = 0
    for item in items {
      if item.isAdvanced {
        if state == 0 { state = 1 } else if state == 2 { state = 3 }
      } else if state == 1 {
        state = 2
      }
      switch item {
      case .integer(let i):
        // Integers are checked here, before the index arrays, as NumPy's view step does.
        base &+= try a.axisOffset(i, axis: axis)
        axis += 1
      case .slice(let s):
        let (start, length, step) = try s.length(count: a.shape[axis])
        if length > 0 { base &+= start &* a.strides[axis] }
        kept.append((length, length > 1 ? a.strides[axis] &* step : a.strides[axis], state == 0))
        axis += 1
      case .newAxis:
        kept.append((1, 0, state == 0))
      case .ellipsis(let count):
        for k in axis..<(axis + count) { kept.append((a.shape[k], a.strides[k], state == 0)) }
        axis += count
      case .indexArray(let x):
        components.append(.indices(x, axis: axis))
        axis += 1
      case .boolArray(let m):
        components.append(.mask(m, axis: axis, trueCount: m.trueCount))
        axis += m.ndim
      case .boolScalar(let b):
        components.append(.scalarBool(b))
      }
    }
    // Advanced indices apart from each other put the broadcast dimensions first.
    let outer = state == 3 ? [] : kept.filter(\.leading)
    let inner = state == 3 ? kept : kept.filter { !$0.leading }
    let broadcast = try Gather.broadcastShape(components.map(\.shape))
    try self.init(
      base: base, outer: (outer.map(\.size), outer.map(\.stride)), broadcast: broadcast,
      inner: (inner.map(\.size), inner.map(\.stride)), dtype: a.dtype
    ) { () throws(TensorError) in try Gather.broadcastOffsets(components, broadcast, a) }
  }

  /// Gathers from explicit pieces: `np.take` along an axis is `outer + indices + inner`.
  init(
    base: Int, outer: Axes, indices: NDArray, stride: Int, size: Int, axis: Int, inner: Axes, dtype: DType
  ) throws(TensorError) {
    try self.init(base: base, outer: outer, broadcast: indices.shape, inner: inner, dtype: dtype) {
      () throws(TensorError) in try Gather.indexOffsets(indices, stride: stride, size: size, axis: axis)
    }
  }

  /// Checks the size of the selection before `fancy` builds its offset list.
  private init(
    base: Int, outer: Axes, broadcast: [Int], inner: Axes, dtype: DType, fancy: () throws(TensorError) -> [Int]
  ) throws(TensorError) {
    let shape = outer.shape + broadcast + inner.shape
    let total = try Gather.checkSize(shape, broadcast, dtype: dtype)
    self.shape = shape
    self.base = base
    // Index arrays are checked even when they select nothing, as NumPy checks them.
    self.fancy = try fancy()
    if total == 0 {
      // Nothing to visit; the other axes' products might not even fit in an Int.
      self.outer = []
      innerRun = 0
      self.inner = []
      return
    }
    self.outer = Gather.offsets(outer.shape, outer.strides)
    if Layout.isContiguous(inner.shape, inner.strides) {
      innerRun = inner.shape.reduce(1, *)
      self.inner = []
    } else {
      innerRun = nil
      self.inner = Gather.offsets(inner.shape, inner.strides)
    }
  }

  private static func broadcastShape(_ shapes: [[Int]]) throws(TensorError) -> [Int] {
    do {
      return try Layout.broadcastShape(shapes)
    } catch {
      throw TensorError(
        .indexError,
        "shape mismatch: indexing arrays could not be broadcast together with shapes "
          + shapes.map(TensorError.compact).joined(separator: " ") + " ")
    }
  }

  /// Refuses a selection too large to hold before any offset list is built for it.
  private static func checkSize(_ shape: [Int], _ broadcast: [Int], dtype: DType) throws(TensorError) -> Int {
    let total = try Layout.count(shape)
    let points = try Layout.count(broadcast)
    let limit = Storage.allocationLimit / 8
    guard total <= limit, points <= limit else {
      let bytes = total.multipliedReportingOverflow(by: dtype.itemSize)
      throw Storage.unableToAllocate(byteCount: bytes.overflow ? .max : bytes.partialValue, shape: shape, dtype: dtype)
    }
    return total
  }

  /// Offsets of a (shape, strides) layout from 0, in C order.
  private static func offsets(_ shape: [Int], _ strides: [Int]) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(shape.reduce(1, *))
    Layout.forEachOffset(shape, strides, 0) { out.append($0) }
    return out
  }

  /// The offset each position of the broadcast shape adds: the sum over the components.
  private static func broadcastOffsets(
    _ components: [Component], _ broadcast: [Int], _ a: NDArray
  ) throws(TensorError)
    -> [Int]
  {
    var total: [Int] = []
    for (k, c) in components.enumerated() {
      let own: [Int]
      switch c {
      case .indices(let x, let axis):
        own = try indexOffsets(x, stride: a.strides[axis], size: a.shape[axis], axis: axis)
      case .mask(let m, let axis, let n):
        own = maskOffsets(m, strides: Array(a.strides[axis..<(axis + m.ndim)]), count: n)
      case .scalarBool(let b):
        own = b ? [0] : []
      }
      let shape = c.shape
      if k == 0 && shape == broadcast {
        total = own
        continue
      }
      if total.isEmpty { total = [Int](repeating: 0, count: broadcast.reduce(1, *)) }
      let stretched = Layout.broadcastStrides(shape, Layout.contiguousStrides(shape), to: broadcast)
      var i = 0
      total.withUnsafeMutableBufferPointer { t in
        Layout.forEachOffset(broadcast, stretched, 0) { j in
          t[i] &+= own[j]
          i += 1
        }
      }
    }
    return total
  }

  /// `index * stride` for each index (negative ones count from the end), in C order; the
  /// first index out of bounds raises NumPy's IndexError.
  static func indexOffsets(_ x: NDArray, stride: Int, size: Int, axis: Int) throws(TensorError) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(x.count)
    var bad: Int64?
    let p = x.pointer(Int64.self)
    let n = Int64(size)
    Layout.forEachOffset(x.shape, x.strides, x.offset) { o in
      let v = p[o]
      let k = v < 0 ? v + n : v
      if k >= 0 && k < n {
        out.append(Int(k) &* stride)
      } else {
        if bad == nil { bad = v }
        out.append(0)
      }
    }
    if let bad { throw TensorError.indexOutOfBounds(Int(bad), axis: axis, size: size) }
    return out
  }

  /// The offsets of a boolean array's true positions, in C order, for an array whose masked
  /// axes have these strides.
  private static func maskOffsets(_ m: NDArray, strides: [Int], count: Int) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(count)
    let p = m.pointer(Bool.self)
    Layout.forEachOffset3(m.shape, m.strides, m.offset, strides, 0, strides, 0) { mo, o, _ in
      if p[mo] { out.append(o) }
    }
    return out
  }
}

// MARK: - Reading and writing

extension Gather {
  /// The selected elements, copied into a new C-contiguous array.
  func read(_ a: NDArray) throws(TensorError) -> NDArray {
    let out = try NDArray(uninitialized: shape, dtype: a.dtype)
    switch a.dtype {
    case .bool: copyOut(a.pointer(Bool.self), out.pointer(Bool.self))
    case .int64: copyOut(a.pointer(Int64.self), out.pointer(Int64.self))
    case .float64: copyOut(a.pointer(Double.self), out.pointer(Double.self))
    }
    return out
  }

  private func copyOut<T>(_ src: UnsafeMutablePointer<T>, _ dst: UnsafeMutablePointer<T>) {
    var k = 0
    for p in outer {
      for f in fancy {
        let b = base + p + f
        if let run = innerRun {
          if run == 1 { dst[k] = src[b] } else { (dst + k).update(from: src + b, count: run) }
          k += run
        } else {
          for q in inner {
            dst[k] = src[b + q]
            k += 1
          }
        }
      }
    }
  }

  /// Writes `value`, broadcast to the selection, in C order: a repeated index keeps the
  /// last value written to it, as in NumPy.
  func write(_ a: NDArray, _ value: NDArray) throws(TensorError) {
    var v = value.droppingLeadingOnes(to: shape.count)
    guard let result = try? Layout.broadcastShape([v.shape, shape]), result == shape else {
      throw TensorError(
        .valueError,
        "shape mismatch: value array of shape \(TensorError.compact(value.shape)) could not be broadcast to indexing result of shape \(TensorError.compact(shape))"
      )
    }
    if v.sharesStorage(with: a) { v = v.copy() }
    v = v.astype(a.dtype)
    let source: NDArray
    if v.count == 1 {
      source = v
    } else {
      let stretched = try v.broadcast(to: shape)
      source = stretched.isContiguous ? stretched : stretched.copy()
    }
    let constant = source.count == 1
    switch a.dtype {
    case .bool: copyIn(source.pointer(Bool.self) + source.offset, constant: constant, a.pointer(Bool.self))
    case .int64: copyIn(source.pointer(Int64.self) + source.offset, constant: constant, a.pointer(Int64.self))
    case .float64: copyIn(source.pointer(Double.self) + source.offset, constant: constant, a.pointer(Double.self))
    }
  }

  private func copyIn<T>(_ src: UnsafeMutablePointer<T>, constant: Bool, _ dst: UnsafeMutablePointer<T>) {
    var k = 0
    let step = constant ? 0 : 1
    for p in outer {
      for f in fancy {
        let b = base + p + f
        if let run = innerRun {
          if constant {
            (dst + b).update(repeating: src[0], count: run)
          } else if run == 1 {
            dst[b] = src[k]
          } else {
            (dst + b).update(from: src + k, count: run)
          }
          k += run * step
        } else {
          for q in inner {
            dst[b + q] = src[k]
            k += step
          }
        }
      }
    }
  }
}

extension NDArray {
  /// A view without leading axes of length 1, while there are more than `ndim` axes: NumPy
  /// lets an assigned value carry such axes.
  func droppingLeadingOnes(to ndim: Int) -> NDArray {
    var k = 0
    while shape.count - k > ndim && shape[k] == 1 { k += 1 }
    if k == 0 { return self }
    return view(shape: Array(shape[k...]), strides: Array(strides[k...]), offset: offset)
  }

  /// The number of true elements of a boolean array.
  var trueCount: Int {
    let p = pointer(Bool.self)
    var n = 0
    if isContiguous {
      for i in offset..<(offset + count) where p[i] { n += 1 }
    } else {
      Layout.forEachOffset(shape, strides, offset) { if p[$0] { n += 1 } }
    }
    return n
  }
}

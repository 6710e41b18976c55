/// A Python slice's three optional parts.
public struct IndexSlice: Sendable, Equatable {
  public var start: Int?, stop: Int?, step: Int?
  public init(start: Int?, stop: Int?, step: Int?) {
    self.start = start
    self.stop = stop
    self.step = step
  }

  /// Python's `slice.indices(count)`: clamped start, stop and step.
  public func resolved(count: Int) throws(TensorError) -> (start: Int, stop: Int, step: Int) {
    let step = self.step ?? 1
    guard step != 0 else { throw TensorError(.valueError, "slice step cannot be zero") }
    func clamp(_ v: Int?, _ defaultValue: Int) -> Int {
      guard var v else { return defaultValue }
      if v < 0 { v += count }
      return step > 0 ? Swift.min(Swift.max(v, 0), count) : Swift.min(Swift.max(v, -1), count - 1)
    }
    return (clamp(start, step > 0 ? 0 : count - 1), clamp(stop, step > 0 ? count : -1), step)
  }

  /// The first index, the number of indices and the step the slice selects from `count` items.
  public func length(count: Int) throws(TensorError) -> (start: Int, length: Int, step: Int) {
    let (a, b, s) = try resolved(count: count)
    // Written so that no step, however large (even Int.min), can overflow.
    if s > 0 { return (a, b > a ? (b - a - 1) / s + 1 : 0, s) }
    return (a, a > b ? -((a - b - 1) / s) + 1 : 0, s)
  }
}

/// One component of an array subscript, as the language hands it over.
public enum ArrayIndex {
  case single(Int)
  case slice(IndexSlice)
  case newAxis
  case ellipsis
  /// An integer or boolean array (advanced indexing). A 0-d integer array counts as an
  /// integer; a 0-d boolean adds an axis of length 1 (True) or 0 (False).
  case array(NDArray)
  /// Something NumPy refuses as an index (a float, a string, a list of floats): it raises
  /// NumPy's IndexError in its turn, after the errors of the components before it.
  case invalid
}

/// A subscript resolved against one array: which elements `a[...]` selects, ready to be read
/// or written. Resolving checks the whole subscript (NumPy's errors, in NumPy's order).
public struct IndexPlan {
  enum Selection {
    /// Integers only, one per axis: one element, at this storage offset.
    case element(Int)
    /// Basic indexing (integers, slices, newaxis, Ellipsis): a view.
    case view(NDArray)
    /// One boolean array of the array's own shape (NumPy's single-mask path).
    case mask(NDArray)
    /// Advanced indexing: the elements listed by offset.
    case gather(Gather)
  }

  let selection: Selection

  /// Integers only, one per axis: NumPy reads a scalar (`np.float64`), not a 0-d array.
  public var selectsElement: Bool {
    if case .element = selection { return true }
    return false
  }

  /// Whether reading gives a view on the array's storage (basic indexing), not a copy.
  public var isView: Bool {
    switch selection {
    case .element, .view: true
    case .mask, .gather: false
    }
  }
}

extension NDArray {
  /// `a[...]`: a view for basic indexing, a copy for advanced indexing, as NumPy. A subscript
  /// of one integer per axis gives a 0-d view; `element(_:)` reads that element directly.
  public func subscripted(_ indices: [ArrayIndex]) throws(TensorError) -> NDArray {
    try read(indexPlan(indices))
  }

  /// The array a resolved subscript selects (see `subscripted`).
  public func read(_ plan: IndexPlan) throws(TensorError) -> NDArray {
    switch plan.selection {
    case .element(let o): return view(shape: [], strides: [], offset: o)
    case .view(let v): return v
    case .mask(let m): return try maskedCopy(m)
    case .gather(let g): return try g.read(self)
    }
  }

  /// The element a subscript of one integer per axis selects; nil for any other subscript.
  public func element(_ plan: IndexPlan) -> Scalar? {
    if case .element(let o) = plan.selection { return scalar(atOffset: o) }
    return nil
  }

  /// `a[...] = value`: the value, broadcast to the selection and converted to this array's
  /// dtype, is written into the storage, so every array sharing it sees the change.
  /// `fromSequence` says the value came from a Python list, which NumPy does not let carry
  /// more dimensions than the view it fills.
  public func assign(_ indices: [ArrayIndex], _ value: NDArray, fromSequence: Bool = false) throws(TensorError) {
    try assign(indexPlan(indices), value, fromSequence: fromSequence)
  }

  /// `a[...] = value` for a resolved subscript (see `assign(_:_:fromSequence:)`).
  public func assign(_ plan: IndexPlan, _ value: NDArray, fromSequence: Bool = false) throws(TensorError) {
    guard isWritable else { throw TensorError(.valueError, "assignment destination is read-only") }
    switch plan.selection {
    case .element(let o):
      guard value.ndim == 0, let s = value.item else {
        throw TensorError(.valueError, "setting an array element with a sequence.")
      }
      setScalar(s, atOffset: o)
    case .view(let target):
      try target.fill(from: value, fromSequence: fromSequence)
    case .mask(let m):
      try assignMasked(m, value)
    case .gather(let g):
      try g.write(self, value)
    }
  }

  // MARK: Fast element access (the language's `a[i]`, `a[i, j]`)

  /// `a[i]` of a 1-d array, without resolving a subscript.
  public func element(_ i: Int) throws(TensorError) -> Scalar {
    guard ndim == 1 else { return try elementSlow([.single(i)]) }
    return scalar(atOffset: offset + (try axisOffset(i, axis: 0)))
  }

  /// `a[i, j]` of a 2-d array, without resolving a subscript.
  public func element(_ i: Int, _ j: Int) throws(TensorError) -> Scalar {
    guard ndim == 2 else { return try elementSlow([.single(i), .single(j)]) }
    let o = offset + (try axisOffset(i, axis: 0)) + (try axisOffset(j, axis: 1))
    return scalar(atOffset: o)
  }

  /// `a[i]` along the first axis of an array of 2 or more dimensions: a view.
  public func row(_ i: Int) throws(TensorError) -> NDArray {
    guard ndim >= 2 else { return try subscripted([.single(i)]) }
    let o = offset &+ (try axisOffset(i, axis: 0))
    return view(shape: Array(shape[1...]), strides: Array(strides[1...]), offset: o)
  }

  /// `a[i] = value` of a 1-d array; the value is converted to the array's dtype.
  public func setElement(_ value: Scalar, _ i: Int) throws(TensorError) {
    guard isWritable else { throw TensorError(.valueError, "assignment destination is read-only") }
    guard ndim == 1 else { return try assign([.single(i)], NDArray.scalar(value)) }
    setScalar(value, atOffset: offset + (try axisOffset(i, axis: 0)))
  }

  /// `a[i, j] = value` of a 2-d array; the value is converted to the array's dtype.
  public func setElement(_ value: Scalar, _ i: Int, _ j: Int) throws(TensorError) {
    guard isWritable else { throw TensorError(.valueError, "assignment destination is read-only") }
    guard ndim == 2 else { return try assign([.single(i), .single(j)], NDArray.scalar(value)) }
    let o = offset + (try axisOffset(i, axis: 0)) + (try axisOffset(j, axis: 1))
    setScalar(value, atOffset: o)
  }

  private func elementSlow(_ indices: [ArrayIndex]) throws(TensorError) -> Scalar {
    let plan = try indexPlan(indices)
    // Only a subscript with one integer per axis reaches here without throwing.
    guard let s = element(plan) else { throw TensorError.tooManyIndices(ndim: ndim, indexed: indices.count) }
    return s
  }

  /// The storage step to index `index` (negative counts from the end) along `axis`.
  @inline(__always)
  func axisOffset(_ index: Int, axis: Int) throws(TensorError) -> Int {
    let n = shape[axis]
    let k = index < 0 ? index + n : index
    guard k >= 0 && k < n else { throw TensorError.indexOutOfBounds(index, axis: axis, size: n) }
    // Wrapping: only an array with no elements (an axis of length 0 elsewhere) can have strides
    // whose products overflow, and its offsets are never used to read or write.
    return k &* strides[axis]
  }

  /// Writes one value, converted to this array's dtype as NumPy's casts convert it.
  @inline(__always)
  func setScalar(_ s: Scalar, atOffset o: Int) {
    switch dtype {
    case .float64: pointer(Double.self)[o] = s.doubleValue
    case .int64: pointer(Int64.self)[o] = s.int64Value
    case .bool: pointer(Bool.self)[o] = s.doubleValue != 0
    }
  }
}

extension NDArray {
  /// `start, start + step, ...`, `count` int64 values: a Python `range` used as an index.
  public static func range(from start: Int64, by step: Int64, count: Int) throws(TensorError) -> NDArray {
    let a = try NDArray(uninitialized: [count], dtype: .int64)
    let p = a.pointer(Int64.self)
    var v = start
    for k in 0..<count {
      p[k] = v
      // The last value is still inside the range; only the step past it may overflow.
      v = v &+ step
    }
    return a
  }

  /// A 0-d array holding one scalar.
  public static func scalar(_ s: Scalar) -> NDArray {
    switch s {
    case .bool(let b): .scalar(b)
    case .int(let i): .scalar(i)
    case .float(let d): .scalar(d)
    }
  }
}

extension Scalar {
  /// The value as int64, truncating floats as NumPy's cast does (NaN, ±inf and values out of
  /// range become Int64.min, as x86's conversion gives).
  public var int64Value: Int64 {
    switch self {
    case .int(let i): i
    case .bool(let b): b ? 1 : 0
    case .float(let d): d >= -0x1p63 && d < 0x1p63 ? Int64(d.rounded(.towardZero)) : .min
    }
  }
}

extension TensorError {
  static func tooManyIndices(ndim: Int, indexed: Int) -> TensorError {
    TensorError(
      .indexError, "too many indices for array: array is \(ndim)-dimensional, but \(indexed) were indexed")
  }

  static let invalidIndex = TensorError(
    .indexError,
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"
  )

  static let nonIntegerIndexArray = TensorError(
    .indexError, "arrays used as indices must be of integer (or boolean) type")
}

/// The order in which `reshape`, `ravel` and `flatten` read and place elements: NumPy's
/// `order=` letters C (row-major), F (column-major), A (F only for Fortran-ordered data) and
/// K (memory order).
public enum IndexOrder: Sendable {
  case c, fortran, any, keep
}

extension NDArray {
  /// `.T`: the axes reversed, a view.
  public func transposed() -> NDArray {
    view(shape: shape.reversed(), strides: strides.reversed(), offset: offset)
  }

  /// `transpose(axes)`: a view with the axes permuted.
  public func transposed(_ axes: [Int]) throws(TensorError) -> NDArray {
    guard axes.count == ndim else { throw TensorError(.valueError, "axes don't match array") }
    var seen = [Bool](repeating: false, count: ndim)
    var normalized: [Int] = []
    for a in axes {
      let k = try Layout.axis(a, ndim: ndim)
      if seen[k] { throw TensorError(.valueError, "repeated axis in transpose") }
      seen[k] = true
      normalized.append(k)
    }
    return permuted(normalized)
  }

  /// A view with the axes in `order`, a permutation the caller has checked.
  func permuted(_ order: [Int]) -> NDArray {
    view(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
  }

  func moveAxis(_ from: Int, to: Int) -> NDArray {
    var order = Array(0..<ndim)
    order.remove(at: from)
    order.insert(from, at: to)
    return permuted(order)
  }

  /// `swapaxes(axis1, axis2)`: a view with two axes exchanged.
  public func swappedAxes(_ axis1: Int, _ axis2: Int) throws(TensorError) -> NDArray {
    let a = try NDArray.axis(axis1, ndim: ndim, argument: "axis1")
    let b = try NDArray.axis(axis2, ndim: ndim, argument: "axis2")
    var order = Array(0..<ndim)
    order.swapAt(a, b)
    return permuted(order)
  }

  /// `moveaxis(source, destination)`: a view with the `source` axes moved to `destination`,
  /// the other axes keeping their order.
  public func movedAxes(from source: [Int], to destination: [Int]) throws(TensorError) -> NDArray {
    let from = try NDArray.normalizedAxes(source, ndim: ndim, argument: "source")
    let to = try NDArray.normalizedAxes(destination, ndim: ndim, argument: "destination")
    guard from.count == to.count else {
      throw TensorError(.valueError, "`source` and `destination` arguments must have the same number of elements")
    }
    var order = (0..<ndim).filter { !from.contains($0) }
    for (d, s) in zip(to, from).sorted(by: { $0.0 < $1.0 }) { order.insert(s, at: d) }
    return permuted(order)
  }

  /// `expand_dims(axis)`: a view with length-1 axes inserted where `axes` say, counted in the
  /// result's dimensions. NumPy reshapes to insert them, and its strides are shown: so do we.
  public func expandedDims(_ axes: [Int]) throws(TensorError) -> NDArray {
    let outNdim = ndim + axes.count
    let inserted = try NDArray.normalizedAxes(axes, ndim: outNdim)
    var newShape: [Int] = []
    var newStrides: [Int] = []
    var k = 0
    for axis in 0..<outNdim {
      if inserted.contains(axis) {
        newShape.append(1)
        newStrides.append(0)
      } else {
        newShape.append(shape[k])
        newStrides.append(strides[k])
        k += 1
      }
    }
    return unitAxesView(newShape, fallback: newStrides)
  }

  /// This array's elements under `newShape`, which only adds or drops length-1 axes: strides as
  /// NumPy's reshape gives them, else `fallback` (always a view, never a copy).
  private func unitAxesView(_ newShape: [Int], fallback: [Int]) -> NDArray {
    if isContiguous { return view(shape: newShape, strides: Layout.contiguousStrides(newShape), offset: offset) }
    return view(shape: newShape, strides: noCopyStrides(newShape) ?? fallback, offset: offset)
  }

  /// `squeeze(axis)`: a view without the given length-1 axes (all of them when nil).
  public func squeezed(_ axes: [Int]? = nil) throws(TensorError) -> NDArray {
    var drop = [Bool](repeating: false, count: ndim)
    if let axes {
      for a in axes {
        let k = try Layout.axis(a, ndim: ndim)
        if drop[k] { throw TensorError(.valueError, "duplicate value in 'axis'") }
        drop[k] = true
      }
      for k in 0..<ndim where drop[k] && shape[k] != 1 {
        throw TensorError(.valueError, "cannot select an axis to squeeze out which has size not equal to one")
      }
    } else {
      for k in 0..<ndim { drop[k] = shape[k] == 1 }
    }
    let keep = (0..<ndim).filter { !drop[$0] }
    return view(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, offset: offset)
  }

  /// `atleast_1d`, `atleast_2d`, `atleast_3d`: a view with length-1 axes added as NumPy places
  /// them (`(n,)` becomes `(1, n)` and `(1, n, 1)`; `(m, n)` becomes `(m, n, 1)`).
  public func atLeast(_ dims: Int) -> NDArray {
    guard ndim < dims else { return self }
    // A 0-d array is reshaped (C strides); the others are indexed with newaxis (stride 0).
    if ndim == 0 {
      let ones = [Int](repeating: 1, count: dims)
      return unitAxesView(ones, fallback: [Int](repeating: 0, count: dims))
    }
    var newShape = shape
    var newStrides = strides
    switch (dims, ndim) {
    case (2, _), (3, 0), (3, 1):
      newShape.insert(1, at: 0)
      newStrides.insert(0, at: 0)
    default: break
    }
    while newShape.count < dims {
      newShape.append(1)
      newStrides.append(0)
    }
    return view(shape: newShape, strides: newStrides, offset: offset)
  }

  /// `flip(axis)`: a view that reads the given axes (all when nil) backwards, through
  /// negative strides.
  public func flipped(_ axes: [Int]? = nil) throws(TensorError) -> NDArray {
    let which = try axes.map { (a) throws(TensorError) in try NDArray.normalizedAxes(a, ndim: ndim) } ?? Array(0..<ndim)
    var newStrides = strides
    var o = offset
    for k in which {
      if shape[k] > 0 { o += (shape[k] - 1) * strides[k] }
      newStrides[k] = -strides[k]
    }
    return view(shape: shape, strides: newStrides, offset: o)
  }

  /// This array if C-contiguous, else a contiguous copy.
  public func contiguous() -> NDArray { isContiguous ? self : copy() }

  /// Whether the elements are consecutive in column-major (Fortran) order.
  public var isFortranContiguous: Bool { Layout.isContiguous(shape.reversed(), strides.reversed()) }

  /// Resolves the unknown (negative) dimension of a requested shape and checks the size, as
  /// NumPy's `_fix_unknown_dimension` does.
  func resolvedShape(_ requested: [Int]) throws(TensorError) -> [Int] {
    var shape = requested
    var unknown: Int?
    var known = 1
    for (i, d) in requested.enumerated() {
      if d < 0 {
        guard unknown == nil else { throw TensorError(.valueError, "can only specify one unknown dimension") }
        unknown = i
      } else {
        let (m, overflow) = known.multipliedReportingOverflow(by: d)
        guard !overflow else { throw NDArray.reshapeMismatch(count, requested) }
        known = m
      }
    }
    if let u = unknown {
      guard known != 0, count % known == 0 else { throw NDArray.reshapeMismatch(count, requested) }
      shape[u] = count / known
    } else if known != count {
      throw NDArray.reshapeMismatch(count, requested)
    }
    return shape
  }

  /// NumPy's reshape error, which prints the requested shape its own way: no spaces, leading
  /// unknown dimensions dropped, later ones shown as `newaxis`.
  static func reshapeMismatch(_ size: Int, _ requested: [Int]) -> TensorError {
    let shown = requested.drop(while: { $0 < 0 })
    var text = "()"
    if let first = shown.first {
      let rest = shown.dropFirst().map { $0 < 0 ? "newaxis" : String($0) }
      text = "(" + ([String(first)] + rest).joined(separator: ",") + (requested.count == 1 ? ",)" : ")")
    }
    return TensorError(.valueError, "cannot reshape array of size \(size) into shape \(text)")
  }

  /// `reshape`: a view whenever the strides allow one (NumPy's no-copy rule), else a copy.
  /// `copy: true` always copies; `copy: false` refuses to.
  public func reshaped(_ requested: [Int], order: IndexOrder = .c, copy: Bool? = nil) throws(TensorError) -> NDArray {
    switch order {
    case .keep: throw TensorError(.valueError, "order 'K' is not permitted for reshaping")
    case .any where isFortranContiguous && !isContiguous, .fortran:
      // Column-major order of this array is row-major order of its transpose.
      let shape = try resolvedShape(requested)
      return try transposed().reshapedRowMajor(shape.reversed(), copy: copy).transposed()
    default:
      return try reshapedRowMajor(try resolvedShape(requested), copy: copy)
    }
  }

  private func reshapedRowMajor(_ shape: [Int], copy: Bool?) throws(TensorError) -> NDArray {
    if copy != true {
      if isContiguous { return view(shape: shape, strides: Layout.contiguousStrides(shape), offset: offset) }
      if let strides = noCopyStrides(shape) { return view(shape: shape, strides: strides, offset: offset) }
      if copy == false { throw TensorError(.valueError, "Unable to avoid creating a copy while reshaping.") }
    }
    let base = self.copy()
    return base.view(shape: shape, strides: Layout.contiguousStrides(shape), offset: 0)
  }

  /// NumPy's `_attempt_nocopy_reshape`: strides that read this non-contiguous array in C order
  /// as `newShape`, when each group of old axes that merges into new ones is contiguous.
  func noCopyStrides(_ newShape: [Int]) -> [Int]? {
    var oldDims: [Int] = []
    var oldStrides: [Int] = []
    for (d, s) in zip(shape, strides) where d != 1 {
      oldDims.append(d)
      oldStrides.append(s)
    }
    var newStrides = [Int](repeating: 0, count: newShape.count)
    var (oi, oj, ni, nj) = (0, 1, 0, 1)
    while ni < newShape.count && oi < oldDims.count {
      var np = newShape[ni]
      var op = oldDims[oi]
      while np != op {
        if np < op {
          guard nj < newShape.count else { return nil }
          np &*= newShape[nj]
          nj += 1
        } else {
          guard oj < oldDims.count else { return nil }
          op &*= oldDims[oj]
          oj += 1
        }
      }
      for ok in oi..<(oj - 1) where oldStrides[ok] != oldDims[ok + 1] &* oldStrides[ok + 1] { return nil }
      newStrides[nj - 1] = oldStrides[oj - 1]
      var nk = nj - 1
      while nk > ni {
        newStrides[nk - 1] = newStrides[nk] &* newShape[nk]
        nk -= 1
      }
      ni = nj
      nj += 1
      oi = oj
      oj += 1
    }
    let last = ni >= 1 ? newStrides[ni - 1] : 1
    for nk in ni..<newShape.count { newStrides[nk] = last }
    return newStrides
  }

  func reshapedCopy(_ requested: [Int]) throws(TensorError) -> NDArray { try reshaped(requested) }

  /// `ravel`: the elements as a 1-D array, a view when they already lie in that order.
  public func raveled(order: IndexOrder = .c) -> NDArray {
    switch order {
    case .keep:
      let memoryOrder = memoryOrdered()
      if memoryOrder.isContiguous { return memoryOrder.view(shape: [count], strides: [1], offset: offset) }
      return memoryOrder.copy().view(shape: [count], strides: [1], offset: 0)
    case .fortran,
      .any where isFortranContiguous && !isContiguous:
      return transposed().raveled(order: .c)
    default:
      return contiguous().view(shape: [count], strides: [1], offset: isContiguous ? offset : 0)
    }
  }

  /// `flatten`: a 1-D copy, in the given order.
  public func flattened(order: IndexOrder = .c) -> NDArray {
    let source: NDArray
    switch order {
    case .keep: source = memoryOrdered()
    case .fortran,
      .any where isFortranContiguous && !isContiguous:
      source = transposed()
    default: source = self
    }
    return source.copy().view(shape: [count], strides: [1], offset: 0)
  }

  /// A view with the axes sorted by decreasing stride magnitude (stably), the order NumPy's
  /// order='K' copies in; negative strides stay negative.
  private func memoryOrdered() -> NDArray {
    permuted((0..<ndim).sorted { Swift.abs(strides[$0]) > Swift.abs(strides[$1]) })
  }

  /// A view of this array stretched to `target` (stride 0 where stretched). `readOnly` marks
  /// it as NumPy's `broadcast_to` does, since its elements alias each other.
  public func broadcast(to target: [Int], readOnly: Bool = false) throws(TensorError) -> NDArray {
    guard target.allSatisfy({ $0 >= 0 }) else {
      throw TensorError(.valueError, "all elements of broadcast shape must be non-negative")
    }
    guard target.count >= ndim else {
      throw TensorError(.valueError, "input operand has more dimensions than allowed by the axis remapping")
    }
    let pad = target.count - ndim
    for (i, d) in shape.enumerated() where d != target[pad + i] && d != 1 {
      throw TensorError(
        .valueError,
        "operands could not be broadcast together with remapped shapes [original->remapped]: \(TensorError.compact(shape))  and requested shape \(TensorError.compact(target))"
      )
    }
    let v = view(shape: target, strides: Layout.broadcastStrides(shape, strides, to: target), offset: offset)
    if readOnly { v.isWritable = false }
    return v
  }

  /// `a[k]` along the first axis, a view.
  public func subarray(_ k: Int) throws(TensorError) -> NDArray {
    guard let n = shape.first else {
      throw TensorError(.indexError, "too many indices for array: array is 0-dimensional, but 1 were indexed")
    }
    let i = k < 0 ? k + n : k
    guard i >= 0 && i < n else { throw TensorError.indexOutOfBounds(k, axis: 0, size: n) }
    return view(shape: Array(shape.dropFirst()), strides: Array(strides.dropFirst()), offset: offset + i * strides[0])
  }
}

// MARK: - Axis arguments

extension NDArray {
  /// One axis, normalized; the AxisError names the argument when NumPy's does (`axis1: ...`).
  static func axis(_ axis: Int, ndim: Int, argument: String?) throws(TensorError) -> Int {
    do {
      return try Layout.axis(axis, ndim: ndim)
    } catch {
      guard let argument else { throw error }
      throw TensorError(.axisError, "\(argument): \(error.message)")
    }
  }

  /// NumPy's `normalize_axis_tuple`: each axis normalized, repeats refused.
  static func normalizedAxes(_ axes: [Int], ndim: Int, argument: String? = nil) throws(TensorError) -> [Int] {
    var result: [Int] = []
    for a in axes { result.append(try axis(a, ndim: ndim, argument: argument)) }
    if Set(result).count != result.count {
      throw TensorError(.valueError, argument.map { "repeated axis in `\($0)` argument" } ?? "repeated axis")
    }
    return result
  }
}

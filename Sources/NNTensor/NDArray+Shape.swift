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
    return view(shape: normalized.map { shape[$0] }, strides: normalized.map { strides[$0] }, offset: offset)
  }

  func moveAxis(_ from: Int, to: Int) -> NDArray {
    var order = Array(0..<ndim)
    order.remove(at: from)
    order.insert(from, at: to)
    return view(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
  }

  /// This array if C-contiguous, else a contiguous copy.
  public func contiguous() -> NDArray { isContiguous ? self : copy() }

  /// Resolves one `-1` in a requested shape and checks the size.
  func resolvedShape(_ requested: [Int]) throws(TensorError) -> [Int] {
    var shape = requested
    let unknown = requested.indices.filter { requested[$0] == -1 }
    guard unknown.count <= 1 else { throw TensorError(.valueError, "can only specify one unknown dimension") }
    for d in requested where d < -1 { throw TensorError(.valueError, "negative dimensions not allowed") }
    if let u = unknown.first {
      var known = 1
      for (i, d) in requested.enumerated() where i != u {
        known = known.multipliedReportingOverflow(by: d).partialValue
      }
      guard known != 0, count % known == 0 else { throw TensorError.cannotReshape(size: count, into: requested) }
      shape[u] = count / known
    }
    guard try Layout.count(shape) == count else { throw TensorError.cannotReshape(size: count, into: requested) }
    return shape
  }

  /// `reshape`: a view when the data is contiguous, a copy otherwise (as NumPy does).
  public func reshaped(_ requested: [Int]) throws(TensorError) -> NDArray {
    let shape = try resolvedShape(requested)
    let base = contiguous()
    return base.view(shape: shape, strides: Layout.contiguousStrides(shape), offset: base.offset)
  }

  func reshapedCopy(_ requested: [Int]) throws(TensorError) -> NDArray { try reshaped(requested) }

  /// A read-only-in-spirit view of this array stretched to `target` (stride 0 where stretched).
  public func broadcast(to target: [Int]) throws(TensorError) -> NDArray {
    let result = try Layout.broadcastShape([shape, target])
    guard result == target else {
      throw TensorError(
        .valueError,
        "operands could not be broadcast together with remapped shapes [original->remapped]: \(TensorError.compact(shape))  and requested shape \(TensorError.compact(target))"
      )
    }
    return view(shape: target, strides: Layout.broadcastStrides(shape, strides, to: target), offset: offset)
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

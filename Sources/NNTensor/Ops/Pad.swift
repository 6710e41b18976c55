/// `np.pad`: widths before and after each axis, filled by one of NumPy's simple modes.
extension NDArray {
  public enum PadMode: String, Sendable { case constant, edge, reflect, symmetric, wrap }

  /// `widths[axis] = (before, after)`; `constants[axis]` the fill values of a constant pad.
  public func padded(
    _ widths: [(Int, Int)], mode: PadMode, constants: [(Double, Double)]
  ) throws(TensorError) -> NDArray {
    guard widths.count == ndim else { throw TensorError(.valueError, "pad widths do not match the array's dimensions") }
    for (b, a) in widths where b < 0 || a < 0 {
      throw TensorError(.valueError, "index can't contain negative values")
    }
    for (n, (b, a)) in zip(shape, widths) where b > Int.max / 4 || a > Int.max / 4 || n > Int.max / 4 {
      throw TensorError(
        .valueError, "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.")
    }
    let outShape = zip(shape, widths).map { $0 + $1.0 + $1.1 }
    if mode != .constant {
      for (axis, n) in shape.enumerated() where n == 0 && (widths[axis].0 > 0 || widths[axis].1 > 0) {
        throw TensorError(
          .valueError, "can't extend empty axis \(axis) using modes other than 'constant' or 'empty'")
      }
    }
    let source = copy()
    let out = try NDArray.zeros(outShape, dtype: dtype)
    let total = out.count
    guard total > 0 else { return out }
    var index = [Int](repeating: 0, count: ndim)
    var sourceStrides = [Int](repeating: 1, count: ndim)
    for axis in stride(from: ndim - 2, through: 0, by: -1) {
      sourceStrides[axis] = sourceStrides[axis + 1] * shape[axis + 1]
    }
    for flat in 0..<total {
      var sourceFlat = 0
      var fill: Double? = nil
      for axis in 0..<ndim {
        let n = shape[axis]
        let i = index[axis] - widths[axis].0
        if i >= 0 && i < n {
          sourceFlat += i * sourceStrides[axis]
          continue
        }
        switch mode {
        case .constant:
          // NumPy pads axis by axis, so a corner takes the last axis's constant.
          fill = i < 0 ? constants[axis].0 : constants[axis].1
        case .edge: sourceFlat += (i < 0 ? 0 : n - 1) * sourceStrides[axis]
        case .wrap: sourceFlat += (((i % n) + n) % n) * sourceStrides[axis]
        case .reflect, .symmetric:
          sourceFlat += NDArray.mirrored(i, n, symmetric: mode == .symmetric) * sourceStrides[axis]
        }
      }
      if let fill {
        out.assignElement(at: flat, from: NDArray.constant(fill, dtype), 0)
      } else {
        out.assignElement(at: flat, from: source, source.offset + sourceFlat)
      }
      var axis = ndim - 1
      while axis >= 0 {
        index[axis] += 1
        if index[axis] < outShape[axis] { break }
        index[axis] = 0
        axis -= 1
      }
    }
    return out
  }

  /// The index a reflecting pad reads for position `i` of an axis of length `n`.
  static func mirrored(_ i: Int, _ n: Int, symmetric: Bool) -> Int {
    if n == 1 { return 0 }
    let period = symmetric ? 2 * n : 2 * (n - 1)
    var j = ((i % period) + period) % period
    if symmetric {
      if j >= n { j = period - 1 - j }
    } else if j >= n {
      j = period - j
    }
    return j
  }

  static func constant(_ value: Double, _ dtype: DType) -> NDArray {
    switch dtype {
    case .bool: .scalar(value != 0)
    // NumPy casts the fill value unsafely (truncating toward zero).
    case .int64: .scalar(value.isFinite && abs(value) < 9.2e18 ? Int64(value) : Int64.min)
    case .float64: .scalar(value)
    }
  }
}

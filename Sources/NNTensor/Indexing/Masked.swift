/// Writing through a view, and NumPy's single-mask path: `a[mask]` where the boolean mask has
/// the array's own shape, which reads and writes the true positions in C order without
/// building any index list.
extension NDArray {
  /// `view[...] = value`: the value (broadcast, converted) written through this view.
  func fill(from value: NDArray, fromSequence: Bool) throws(TensorError) {
    // `w[:, 0] -= g` updates the view in place, then stores it back onto itself: nothing to do.
    if value.storage === storage && value.offset == offset && value.shape == shape && value.strides == strides {
      return
    }
    if fromSequence && value.ndim > ndim {
      throw TensorError(
        .valueError,
        "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of \(ndim)."
      )
    }
    var v = value.droppingLeadingOnes(to: ndim)
    guard let result = try? Layout.broadcastShape([v.shape, shape]), result == shape else {
      throw TensorError(
        .valueError,
        "could not broadcast input array from shape \(TensorError.compact(v.shape)) into shape \(TensorError.compact(shape))"
      )
    }
    if v.sharesStorage(with: self) { v = v.copy() }
    v = try v.astype(dtype).broadcast(to: shape)
    switch dtype {
    case .bool: copyElements(from: v, Bool.self)
    case .int64: copyElements(from: v, Int64.self)
    case .float64: copyElements(from: v, Double.self)
    }
  }

  /// Copies a same-dtype array of this shape into this view, in C order.
  private func copyElements<T>(from v: NDArray, _: T.Type) {
    let src = v.pointer(T.self)
    let dst = pointer(T.self)
    if v.count == 1 || v.strides.allSatisfy({ $0 == 0 }) {
      let x = src[v.offset]
      if isContiguous {
        (dst + offset).update(repeating: x, count: count)
      } else {
        Layout.forEachOffset(shape, strides, offset) { dst[$0] = x }
      }
    } else if isContiguous && v.isContiguous {
      (dst + offset).update(from: src + v.offset, count: count)
    } else {
      Layout.forEachOffset3(shape, v.strides, v.offset, strides, offset, strides, offset) { i, j, _ in
        dst[j] = src[i]
      }
    }
  }

  /// `a[mask]` for a mask of the array's shape: the true positions' elements, as a 1-d copy.
  func maskedCopy(_ mask: NDArray) throws(TensorError) -> NDArray {
    let out = try NDArray(uninitialized: [mask.trueCount], dtype: dtype)
    switch dtype {
    case .bool: gatherMasked(mask, into: out.pointer(Bool.self))
    case .int64: gatherMasked(mask, into: out.pointer(Int64.self))
    case .float64: gatherMasked(mask, into: out.pointer(Double.self))
    }
    return out
  }

  private func gatherMasked<T>(_ mask: NDArray, into dst: UnsafeMutablePointer<T>) {
    let src = pointer(T.self)
    let m = mask.pointer(Bool.self)
    var k = 0
    if isContiguous && mask.isContiguous {
      let s = src + offset
      let b = m + mask.offset
      for i in 0..<count where b[i] {
        dst[k] = s[i]
        k += 1
      }
    } else {
      Layout.forEachOffset3(shape, strides, offset, mask.strides, mask.offset, mask.strides, mask.offset) { o, mo, _ in
        if m[mo] {
          dst[k] = src[o]
          k += 1
        }
      }
    }
  }

  /// `a[mask] = value` for a mask of the array's shape: the value is one element or one per
  /// true position, with NumPy's own errors for anything else.
  func assignMasked(_ mask: NDArray, _ value: NDArray) throws(TensorError) {
    guard value.ndim <= 1 else {
      throw TensorError(
        .typeError,
        "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has \(value.ndim) dimensions"
      )
    }
    // `m[m] = False` would change the mask while it is read.
    let mask = mask.sharesStorage(with: self) ? mask.copy() : mask
    let n = mask.trueCount
    guard value.count == 1 || value.count == n else {
      throw TensorError(
        .valueError,
        "NumPy boolean array indexing assignment cannot assign \(value.count) input values to the \(n) output values where the mask is true"
      )
    }
    var v = value.sharesStorage(with: self) ? value.copy() : value
    v = v.astype(dtype).contiguous()
    switch dtype {
    case .bool: scatterMasked(mask, v.pointer(Bool.self) + v.offset, constant: v.count == 1)
    case .int64: scatterMasked(mask, v.pointer(Int64.self) + v.offset, constant: v.count == 1)
    case .float64: scatterMasked(mask, v.pointer(Double.self) + v.offset, constant: v.count == 1)
    }
  }

  private func scatterMasked<T>(_ mask: NDArray, _ src: UnsafeMutablePointer<T>, constant: Bool) {
    let dst = pointer(T.self)
    let m = mask.pointer(Bool.self)
    let step = constant ? 0 : 1
    var k = 0
    if isContiguous && mask.isContiguous {
      let d = dst + offset
      let b = m + mask.offset
      for i in 0..<count where b[i] {
        d[i] = src[k]
        k += step
      }
    } else {
      Layout.forEachOffset3(shape, strides, offset, mask.strides, mask.offset, mask.strides, mask.offset) { o, mo, _ in
        if m[mo] {
          dst[o] = src[k]
          k += step
        }
      }
    }
  }
}

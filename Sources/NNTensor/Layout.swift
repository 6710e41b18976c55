/// Shape and stride arithmetic: the only place that turns indices into element offsets.
/// Strides are in elements, not bytes (NumPy's byte strides are `stride * itemSize`).
public enum Layout {
  /// C-order (row-major) strides for a shape.
  public static func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[axis] = step
      step &*= max(shape[axis], 1)
    }
    return strides
  }

  /// The element count of a shape, refusing negative dimensions and overflow.
  public static func count(_ shape: [Int]) throws(TensorError) -> Int {
    var n = 1
    for d in shape {
      guard d >= 0 else {
        throw TensorError(.valueError, "negative dimensions are not allowed")
      }
      let (m, overflow) = n.multipliedReportingOverflow(by: d)
      guard !overflow else {
        throw TensorError(
          .valueError, "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.")
      }
      n = m
    }
    return n
  }

  /// Whether (shape, strides) walk memory in C order without gaps.
  public static func isContiguous(_ shape: [Int], _ strides: [Int]) -> Bool {
    var step = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] != 1 {
      if shape[axis] == 0 { return true }
      if strides[axis] != step { return false }
      step *= shape[axis]
    }
    return true
  }

  /// Normalizes a possibly negative axis, throwing NumPy's AxisError when out of range.
  public static func axis(_ axis: Int, ndim: Int) throws(TensorError) -> Int {
    let a = axis < 0 ? axis + ndim : axis
    guard a >= 0 && a < ndim else { throw TensorError.axisOutOfBounds(axis, ndim: ndim) }
    return a
  }

  /// The broadcast shape of several shapes, by NumPy's rules (align right; 1 stretches).
  public static func broadcastShape(_ shapes: [[Int]]) throws(TensorError) -> [Int] {
    let ndim = shapes.map(\.count).max() ?? 0
    var result = [Int](repeating: 1, count: ndim)
    for shape in shapes {
      let pad = ndim - shape.count
      for (i, d) in shape.enumerated() {
        let r = result[pad + i]
        if r == d || d == 1 { continue }
        if r == 1 {
          result[pad + i] = d
        } else {
          throw TensorError.cannotBroadcast(shapes)
        }
      }
    }
    return result
  }

  /// Strides that view an array of `shape`/`strides` as `target` (stride 0 where stretched).
  static func broadcastStrides(_ shape: [Int], _ strides: [Int], to target: [Int]) -> [Int] {
    let pad = target.count - shape.count
    var result = [Int](repeating: 0, count: target.count)
    for i in 0..<shape.count where shape[i] == target[pad + i] && shape[i] != 1 {
      result[pad + i] = strides[i]
    }
    return result
  }

  /// Calls `body` with the element offset of every index of `shape`, in C order.
  @inline(__always)
  static func forEachOffset(
    _ shape: [Int], _ strides: [Int], _ offset: Int, _ body: (Int) throws -> Void
  ) rethrows {
    let n = shape.count
    if n == 0 {
      try body(offset)
      return
    }
    for d in shape where d == 0 {
      _ = d
      return
    }
    let inner = shape[n - 1]
    let innerStride = strides[n - 1]
    var index = [Int](repeating: 0, count: n)
    var base = offset
    while true {
      var o = base
      for _ in 0..<inner {
        try body(o)
        o += innerStride
      }
      // Advance the outer index like an odometer.
      var axis = n - 2
      while axis >= 0 {
        index[axis] += 1
        base += strides[axis]
        if index[axis] < shape[axis] { break }
        base -= strides[axis] * shape[axis]
        index[axis] = 0
        axis -= 1
      }
      if axis < 0 { return }
    }
  }
}

extension Layout {
  /// Walks three operands of one broadcast shape together, calling `body` with their offsets.
  @inline(__always)
  static func forEachOffset3(
    _ shape: [Int], _ s1: [Int], _ o1: Int, _ s2: [Int], _ o2: Int, _ s3: [Int], _ o3: Int,
    _ body: (Int, Int, Int) -> Void
  ) {
    let n = shape.count
    if n == 0 {
      body(o1, o2, o3)
      return
    }
    for d in shape where d == 0 {
      _ = d
      return
    }
    let inner = shape[n - 1]
    let i1 = s1[n - 1]
    let i2 = s2[n - 1]
    let i3 = s3[n - 1]
    var index = [Int](repeating: 0, count: n)
    var b1 = o1
    var b2 = o2
    var b3 = o3
    while true {
      var x = b1
      var y = b2
      var z = b3
      for _ in 0..<inner {
        body(x, y, z)
        x += i1
        y += i2
        z += i3
      }
      var axis = n - 2
      while axis >= 0 {
        index[axis] += 1
        b1 += s1[axis]
        b2 += s2[axis]
        b3 += s3[axis]
        if index[axis] < shape[axis] { break }
        b1 -= s1[axis] * shape[axis]
        b2 -= s2[axis] * shape[axis]
        b3 -= s3[axis] * shape[axis]
        index[axis] = 0
        axis -= 1
      }
      if axis < 0 { return }
    }
  }
}

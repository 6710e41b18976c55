import Foundation

/// Order statistics (`np.median`, `np.percentile`, `np.quantile`) and the weighted average,
/// with NumPy's formulas.
extension NDArray {
  /// The lanes to take statistics over: the reduced axes moved last and merged into one, so
  /// each lane is one run; also the shape the result keeps.
  func lanes(
    _ axes: [Int]?, keepDims: Bool
  ) throws(TensorError) -> (lanes: NDArray, keptShape: [Int], resultShape: [Int]) {
    let reduced = try reducedAxes(axes)
    let kept = (0..<ndim).filter { !reduced[$0] }
    let order = kept + (0..<ndim).filter { reduced[$0] }
    let moved = try transposed(order).contiguous()
    let keptShape = kept.map { shape[$0] }
    let laneLength = reducedCount(reduced)
    let lanes = try moved.reshaped(keptShape + [laneLength])
    return (lanes, keptShape, reducedShape(reduced, keepDims: keepDims))
  }

  /// The values of each lane, as doubles, sorted (NaN last), and whether the lane has a NaN.
  private static func sortedLanes(_ lanes: NDArray) -> [(values: [Double], hasNaN: Bool)] {
    let n = lanes.shape.last ?? 1
    let all = lanes.astype(.float64).contiguous()
    let p = all.pointer(Double.self) + all.offset
    let count = lanes.shape.dropLast().reduce(1, *)
    var result: [(values: [Double], hasNaN: Bool)] = []
    result.reserveCapacity(count)
    for lane in 0..<count {
      var values = Array(UnsafeBufferPointer(start: p + lane * n, count: n))
      let hasNaN = values.contains { $0.isNaN }
      values.sort { a, b in !a.isNaN && (b.isNaN || a < b) }
      result.append((values, hasNaN))
    }
    return result
  }

  /// `np.median`: the middle element, or the mean of the middle two (as `np.mean` adds them).
  public func median(axes: [Int]?, keepDims: Bool = false, warnings: inout Warnings) throws(TensorError) -> NDArray {
    let (lanes, _, resultShape) = try self.lanes(axes, keepDims: keepDims)
    let out = try NDArray(uninitialized: resultShape, dtype: .float64)
    let po = out.pointer(Double.self)
    for (k, lane) in NDArray.sortedLanes(lanes).enumerated() {
      let n = lane.values.count
      if n == 0 {
        warnings.record("Mean of empty slice")
        warnings.record(.invalid, inExactly: out.ndim == 0 ? "scalar divide" : "divide")
        po[k] = .nan
      } else if lane.hasNaN {
        po[k] = .nan
      } else if n % 2 == 1 {
        po[k] = (0 + lane.values[n / 2]) / 1
      } else {
        po[k] = (0 + (lane.values[n / 2 - 1] + lane.values[n / 2])) / 2
      }
    }
    return out
  }

  /// `np.percentile` (`percent`) and `np.quantile` with the linear method: the virtual index
  /// `(n - 1) * q` between two sorted neighbours, interpolated by NumPy's `_lerp`.
  public func quantiles(
    _ q: NDArray, percent: Bool, axes: [Int]?, keepDims: Bool = false
  ) throws(TensorError)
    -> NDArray
  {
    var ignored = Warnings()
    let fractions = percent ? try NDArray.apply(.divide, q, .scalar(100.0), warnings: &ignored) : q
    let qs = fractions.astype(.float64).doubles
    for v in qs where !(v >= 0 && v <= 1) {
      throw TensorError(
        .valueError, percent ? "Percentiles must be in the range [0, 100]" : "Quantiles must be in the range [0, 1]")
    }
    let (lanes, _, resultShape) = try self.lanes(axes, keepDims: keepDims)
    let exact = fractions.dtype != .float64
    if !exact && dtype == .bool {
      // NumPy's interpolation subtracts neighbours, which booleans refuse.
      _ = try NDArray.apply(.subtract, .scalar(true), .scalar(false))
    }
    let type: DType = exact ? dtype : .float64
    let out = try NDArray(uninitialized: q.shape + resultShape, dtype: type)
    let sorted = NDArray.sortedLanes(lanes)
    let laneCount = sorted.count
    for (j, fraction) in qs.enumerated() {
      for (k, lane) in sorted.enumerated() {
        let n = lane.values.count
        guard n > 0 else { throw TensorError.indexOutOfBounds(-1, axis: 0, size: 0) }
        let value: Double
        if lane.hasNaN {
          value = .nan
        } else if exact {
          value = lane.values[Int(fraction) * (n - 1)]
        } else {
          value = NDArray.interpolate(lane.values, virtualIndex: Double(n - 1) * fraction, isInteger: dtype != .float64)
        }
        let flat = j * laneCount + k
        switch type {
        case .float64: out.pointer(Double.self)[flat] = value
        case .int64: out.pointer(Int64.self)[flat] = NDArray.truncatedInt(value)
        case .bool: out.pointer(Bool.self)[flat] = value != 0
        }
      }
    }
    return out
  }

  /// NumPy's `_get_indexes`, `_get_gamma` and `_lerp` for one sorted lane.
  private static func interpolate(_ values: [Double], virtualIndex v: Double, isInteger: Bool) -> Double {
    let n = values.count
    var previous = v.rounded(.down)
    var next = previous + 1
    if v >= Double(n - 1) {
      previous = -1
      next = -1
    } else if v < 0 {
      previous = 0
      next = 0
    }
    let gamma = v - previous
    let a = values[previous < 0 ? n + Int(previous) : Int(previous)]
    let b = values[next < 0 ? n + Int(next) : Int(next)]
    // Integer input subtracts in int64 first, as NumPy's `subtract(b, a)` on the int array.
    let difference = isInteger ? Double(Int64(b) &- Int64(a)) : b - a
    if gamma >= 0.5 { return b - difference * (1 - gamma) }
    return a + difference * gamma
  }

  /// `np.average(a, axis, weights)`: the mean, or `sum(a * w) / sum(w)`; also the sum of the
  /// weights (`returned=True`).
  public func average(
    axes: [Int]?, weights: NDArray?, keepDims: Bool = false, warnings: inout Warnings
  )
    throws(TensorError) -> (NDArray, NDArray)
  {
    guard let weights else {
      let avg = try reduce(.mean, axes: axes, keepDims: keepDims, dtype: nil, warnings: &warnings)
      let scale = Double(count) / Double(Swift.max(avg.count, 1))
      return (avg, try NDArray.full(avg.shape, .float(scale)))
    }
    var w = weights
    if shape != weights.shape {
      guard let axes else {
        throw TensorError(.typeError, "Axis must be specified when shapes of a and weights differ.")
      }
      var normalized: [Int] = []
      for axis in axes { normalized.append(try Layout.axis(axis, ndim: ndim)) }
      guard weights.shape == normalized.map({ shape[$0] }) else {
        throw TensorError(.valueError, "Shape of weights must be consistent with shape of a along specified axis.")
      }
      let order = normalized.indices.sorted { normalized[$0] < normalized[$1] }
      var target = [Int](repeating: 1, count: ndim)
      for axis in normalized { target[axis] = shape[axis] }
      w = try weights.transposed(order).contiguous().reshaped(target)
    }
    let scale = try w.reduce(.sum, axes: axes, keepDims: keepDims, dtype: .float64, warnings: &warnings)
    if try NDArray.apply(.equal, scale, .scalar(0.0)).reduce(.any, axes: nil).item == .bool(true) {
      throw TensorError(.zeroDivisionError, "Weights sum to zero, can't be normalized")
    }
    let products = try NDArray.apply(.multiply, astype(.float64), w.astype(.float64), warnings: &warnings)
    let total = try products.reduce(.sum, axes: axes, keepDims: keepDims, warnings: &warnings)
    let avg = try NDArray.apply(.divide, total, scale, warnings: &warnings)
    let scales = scale.shape == avg.shape ? scale : try scale.broadcast(to: avg.shape).copy()
    return (avg, scales)
  }
}

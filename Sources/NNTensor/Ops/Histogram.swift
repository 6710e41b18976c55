import Foundation

/// `np.histogram`, `np.bincount`, `np.digitize`: counting values into bins.
extension NDArray {
  /// Counts (or sums `weights`) of the values in each bin, with NumPy's bin edges. `bins` is a
  /// number of equal bins over `range` (the data's min and max by default), or the edges.
  public static func histogram(
    _ a: NDArray, bins: Int?, edges: NDArray?, range: (Double, Double)?, weights: NDArray?, density: Bool
  ) throws(TensorError) -> (NDArray, NDArray) {
    let values = a.doubles
    var weightValues: [Double]? = nil
    if let weights {
      guard weights.shape == a.shape else { throw TensorError(.valueError, "weights should have the same shape as a.") }
      weightValues = weights.doubles
    }
    let edgeArray: NDArray
    let edgeValues: [Double]
    if let edges {
      guard edges.ndim == 1 else { throw TensorError(.valueError, "`bins` must be 1d, when an array") }
      edgeValues = edges.doubles
      for i in 1..<max(edgeValues.count, 1) where edgeValues[i] < edgeValues[i - 1] {
        throw TensorError(.valueError, "`bins` must increase monotonically, when an array")
      }
      edgeArray = edges
    } else {
      let n = bins ?? 10
      guard n >= 1 else { throw TensorError(.valueError, "`bins` must be positive, when an integer") }
      guard n < 1 << 32 else { throw TensorError(.memoryError, "Unable to allocate \(n) bins") }
      var (first, last): (Double, Double)
      if let range {
        guard range.0 <= range.1 else {
          throw TensorError(.valueError, "max must be larger than min in range parameter.")
        }
        guard range.0.isFinite && range.1.isFinite else {
          throw TensorError(.valueError, "supplied range of [\(range.0), \(range.1)] is not finite")
        }
        (first, last) = range
      } else if values.isEmpty {
        (first, last) = (0, 1)
      } else {
        first = values.min() ?? 0
        last = values.max() ?? 1
        guard first.isFinite && last.isFinite else {
          throw TensorError(.valueError, "autodetected range of [\(first), \(last)] is not finite")
        }
      }
      if first == last {
        first -= 0.5
        last += 0.5
      }
      edgeArray = try linspace(first, last, num: n + 1).0
      edgeValues = edgeArray.doubles
    }
    let nBins = max(edgeValues.count - 1, 0)
    var counts = [Double](repeating: 0, count: nBins)
    if let first = edgeValues.first, let last = edgeValues.last, nBins > 0 {
      for (i, x) in values.enumerated() where x >= first && x <= last {
        // The last bin is closed; the others are half-open, [e_i, e_i+1).
        var lo = 0
        var hi = edgeValues.count
        while lo < hi {
          let mid = (lo + hi) / 2
          if edgeValues[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        let bin = min(lo - 1, nBins - 1)
        guard bin >= 0 else { continue }
        counts[bin] += weightValues?[i] ?? 1
      }
    }
    if density {
      let total = counts.reduce(0, +)
      var out = [Double](repeating: 0, count: nBins)
      for i in 0..<nBins { out[i] = counts[i] / (edgeValues[i + 1] - edgeValues[i]) / total }
      return (try NDArray(shape: [nBins], doubles: out), edgeArray)
    }
    if let weights, weights.dtype == .float64 { return (try NDArray(shape: [nBins], doubles: counts), edgeArray) }
    return (try NDArray(shape: [nBins], ints: counts.map { Int64($0) }), edgeArray)
  }

  /// The number of times each non-negative int occurs (or the sum of its `weights`).
  public static func bincount(_ x: NDArray, weights: NDArray?, minlength: Int) throws(TensorError) -> NDArray {
    guard x.ndim == 1 else { throw TensorError(.valueError, "object too deep for desired array") }
    guard minlength >= 0 else { throw TensorError(.valueError, "'minlength' must not be negative") }
    let values = x.scalars.map { s -> Int64 in
      switch s {
      case .int(let i): i
      case .bool(let b): b ? 1 : 0
      // NumPy 2.1 still truncates floats (with a DeprecationWarning nn does not print).
      case .float(let d): d.isFinite && abs(d) < 9.2e18 ? Int64(d) : -1
      }
    }
    if values.contains(where: { $0 < 0 }) {
      throw TensorError(.valueError, "'list' argument must have no negative elements")
    }
    let top = Int(values.max() ?? -1) + 1
    let n = max(top, minlength)
    guard n < 1 << 32 else {
      throw TensorError(
        .memoryError, "Unable to allocate \(n &* 8) bytes for an array with shape (\(n),) and data type int64")
    }
    if let weights {
      guard weights.shape == x.shape else {
        throw TensorError(.valueError, "The weights and list don't have the same length.")
      }
      var sums = [Double](repeating: 0, count: n)
      for (v, w) in zip(values, weights.doubles) { sums[Int(v)] += w }
      return try NDArray(shape: [n], doubles: sums)
    }
    var counts = [Int64](repeating: 0, count: n)
    for v in values { counts[Int(v)] += 1 }
    return try NDArray(shape: [n], ints: counts)
  }

  /// The index of the bin each value falls in: `bins[i-1] <= x < bins[i]` (or
  /// `bins[i-1] < x <= bins[i]` with `right`), for increasing or decreasing bins.
  public static func digitize(_ x: NDArray, bins: NDArray, right: Bool) throws(TensorError) -> NDArray {
    guard bins.ndim == 1 else { throw TensorError(.valueError, "object of too small depth for desired array") }
    let edges = bins.doubles
    let increasing = zip(edges, edges.dropFirst()).allSatisfy { $0 <= $1 }
    let decreasing = zip(edges, edges.dropFirst()).allSatisfy { $0 >= $1 }
    guard increasing || decreasing else {
      throw TensorError(.valueError, "bins must be monotonically increasing or decreasing")
    }
    let ascending = increasing ? edges : edges.reversed()
    // searchsorted(bins, x, side = right ? 'left' : 'right')
    func position(_ v: Double) -> Int {
      var lo = 0
      var hi = ascending.count
      while lo < hi {
        let mid = (lo + hi) / 2
        let goesRight = right ? ascending[mid] < v : ascending[mid] <= v
        if goesRight { lo = mid + 1 } else { hi = mid }
      }
      return lo
    }
    let out = x.doubles.map { v -> Int64 in
      if v.isNaN { return Int64(increasing ? ascending.count : 0) }
      let p = position(v)
      return Int64(increasing ? p : ascending.count - p)
    }
    return try NDArray(shape: x.shape, ints: out)
  }
}

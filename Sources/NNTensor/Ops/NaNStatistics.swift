import Foundation

/// The NaN-ignoring reductions beyond `nansum`/`nanmean`, and `nan_to_num`, as NumPy's
/// `nanfunctions` compose them: NaN replaced, reduced, all-NaN slices given back as NaN.
extension NDArray {
  /// `np.nanmax` / `np.nanmin`: NaN where a whole slice is NaN ("All-NaN slice encountered").
  public func nanExtreme(
    maximum: Bool, axes: [Int]?, keepDims: Bool = false, fromArray: Bool = true, warnings: inout Warnings
  ) throws(TensorError) -> NDArray {
    let (filled, mask) = replacingNaN(with: maximum ? -.infinity : .infinity)
    let result = try filled.reduce(maximum ? .max : .min, axes: axes, keepDims: keepDims)
    guard let mask else { return result }
    let allNaN = try mask.reduce(.all, axes: axes, keepDims: keepDims)
    let flags = allNaN.scalars
    guard flags.contains(.bool(true)) else { return result }
    // NumPy's fast path for ndarrays says "slice"; its path for other inputs, "axis".
    warnings.record(fromArray ? "All-NaN slice encountered" : "All-NaN axis encountered")
    let out = result.copy()
    let p = out.pointer(Double.self)
    for (i, f) in flags.enumerated() where f == .bool(true) { p[i] = .nan }
    return out
  }

  /// `np.nanargmax` / `np.nanargmin`: a ValueError for an all-NaN slice.
  public func nanArgExtreme(maximum: Bool, axis: Int?, keepDims: Bool = false) throws(TensorError) -> NDArray {
    let (filled, mask) = replacingNaN(with: maximum ? -.infinity : .infinity)
    if let mask {
      let allNaN = try mask.reduce(.all, axes: axis.map { [$0] }, keepDims: false)
      if allNaN.scalars.contains(.bool(true)) { throw TensorError(.valueError, "All-NaN slice encountered") }
    }
    return try filled.argExtreme(maximum: maximum, axis: axis, keepDims: keepDims)
  }

  /// `np.nanvar` / `np.nanstd`: the variance of the non-NaN elements.
  public func nanVariance(
    axes: [Int]?, ddof: Double, keepDims: Bool = false, squareRoot: Bool, warnings: inout Warnings
  ) throws(TensorError) -> NDArray {
    let (filled, mask) = replacingNaN(with: 0)
    guard let mask else {
      return try variance(axes: axes, ddof: ddof, keepDims: keepDims, squareRoot: squareRoot, warnings: &warnings)
    }
    let present = try mask.map(.logicalNot)
    let counts = try present.reduce(.sum, axes: axes, keepDims: true)
    var local = Warnings()
    let mean = try NDArray.apply(
      .divide, try filled.reduce(.sum, axes: axes, keepDims: true), counts, warnings: &local)
    let deviations = try NDArray.apply(.subtract, filled, mean, warnings: &local)
    let squares = try NDArray.apply(
      .multiply, try NDArray.apply(.multiply, deviations, deviations, warnings: &local), present.astype(.float64),
      warnings: &local)
    let total = try squares.reduce(.sum, axes: axes, keepDims: keepDims)
    let dof = try NDArray.apply(
      .subtract, try present.reduce(.sum, axes: axes, keepDims: keepDims).astype(.float64), .scalar(ddof))
    if (try dof.reduce(.min, axes: nil)).item?.doubleValue ?? 1 <= 0 {
      warnings.record("Degrees of freedom <= 0 for slice.")
    }
    var result = try NDArray.apply(.divide, total, dof, warnings: &local)
    if squareRoot { result = try result.map(.sqrt, warnings: &local) }
    return result
  }

  /// `np.nan_to_num`: NaN to `nan`, infinities to `posinf`/`neginf` (the largest finite floats
  /// by default), in a copy.
  public func nanToNum(nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil) -> NDArray {
    let out = copy()
    guard dtype == .float64 else { return out }
    let p = out.pointer(Double.self)
    for i in 0..<out.count {
      if p[i].isNaN {
        p[i] = nan
      } else if p[i] == .infinity {
        p[i] = posinf ?? .greatestFiniteMagnitude
      } else if p[i] == -.infinity {
        p[i] = neginf ?? -.greatestFiniteMagnitude
      }
    }
    return out
  }
}

/// Splitting an array into views along an axis: `split` and `array_split`.
extension NDArray {
  /// The axis a split works along. NumPy reads `ary.shape[axis]`, so an axis out of range is
  /// Python's tuple IndexError, not an AxisError.
  public func splitAxis(_ axis: Int) throws(TensorError) -> Int {
    guard axis >= -ndim && axis < ndim else { throw TensorError(.indexError, "tuple index out of range") }
    return axis < 0 ? axis + ndim : axis
  }

  /// `array_split(a, sections)`: `sections` views along `axis`, the first `n % sections` one
  /// element longer. `equal` (np.split) refuses a division that leaves a remainder.
  public func split(sections: Int, axis: Int = 0, equal: Bool) throws(TensorError) -> [NDArray] {
    let ax = try splitAxis(axis)
    let n = shape[ax]
    if equal && sections != 0 && n % sections != 0 {
      throw TensorError(.valueError, "array split does not result in an equal division")
    }
    guard sections > 0 else { throw TensorError(.valueError, "number sections must be larger than 0.") }
    // NumPy first builds the (sections + 1) division points: so, like it, refuse what cannot fit.
    _ = try NDArray(uninitialized: [Swift.min(sections, Int.max - 1) + 1], dtype: .int64)
    let each = n / sections
    let extras = n % sections
    var pieces: [NDArray] = []
    pieces.reserveCapacity(sections)
    var start = 0
    for i in 0..<sections {
      let length = each + (i < extras ? 1 : 0)
      pieces.append(slab(axis: ax, start: start, length: length))
      start += length
    }
    return pieces
  }

  /// `split(a, indices)`: the views `a[:i0]`, `a[i0:i1]`, ..., `a[ik:]` along `axis`, each
  /// bound read as a Python slice bound (negative from the end, clamped).
  public func split(indices: [Int], axis: Int = 0) throws(TensorError) -> [NDArray] {
    let ax = try splitAxis(axis)
    let n = shape[ax]
    let bounds = [0] + indices + [n]
    var pieces: [NDArray] = []
    for k in 0..<(bounds.count - 1) {
      let (start, length, _) = try IndexSlice(start: bounds[k], stop: bounds[k + 1], step: nil).length(count: n)
      pieces.append(slab(axis: ax, start: start, length: length))
    }
    return pieces
  }
}

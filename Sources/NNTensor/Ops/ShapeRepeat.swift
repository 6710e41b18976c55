import Foundation

/// Rearranging copies: `repeat`, `tile` and `roll`.
extension NDArray {
  /// `repeat(a, repeats, axis)`: each element (or each slice along `axis`) repeated, by one
  /// count for all or one count each. A nil axis repeats the flattened elements.
  public func repeated(_ repeats: [Int], axis: Int?) throws(TensorError) -> NDArray {
    let source = (axis == nil ? raveled() : self).contiguous()
    let ax = try Layout.axis(axis ?? 0, ndim: source.ndim)
    let n = source.shape[ax]
    guard repeats.count == 1 || repeats.count == n else {
      throw TensorError(
        .valueError, "operands could not be broadcast together with shape (\(n),) (\(repeats.count),)")
    }
    if repeats.count == 1, repeats[0] < 0 { throw TensorError(.valueError, "negative dimensions are not allowed") }
    if repeats.contains(where: { $0 < 0 }) {
      throw TensorError(.valueError, "repeats may not contain negative values.")
    }
    var shape = source.shape
    if repeats.count == 1 {
      shape[ax] = try Layout.count([repeats[0], n])
    } else {
      var total = 0
      for r in repeats {
        let (t, overflow) = total.addingReportingOverflow(r)
        guard !overflow else { throw TensorError(.valueError, "array is too big.") }
        total = t
      }
      shape[ax] = total
    }
    let out = try NDArray(uninitialized: shape, dtype: dtype)
    guard out.count > 0 else { return out }
    // Each slice along the axis is one contiguous chunk of the source, copied `r` times.
    let chunk = source.shape[(ax + 1)...].reduce(dtype.itemSize, *)
    let outer = source.shape[..<ax].reduce(1, *)
    var from = source.storage.raw + source.offset * dtype.itemSize
    var to = out.storage.raw
    for _ in 0..<outer {
      for i in 0..<n {
        for _ in 0..<(repeats.count == 1 ? repeats[0] : repeats[i]) {
          if chunk == 8 {
            to.storeBytes(of: from.load(as: UInt64.self), as: UInt64.self)
          } else {
            to.copyMemory(from: from, byteCount: chunk)
          }
          to += chunk
        }
        from += chunk
      }
    }
    return out
  }

  /// `tile(a, reps)`: the array repeated `reps[i]` times along each axis; the shorter of
  /// `reps` and the shape is padded with leading ones.
  public func tiled(_ reps: [Int]) throws(TensorError) -> NDArray {
    guard reps.allSatisfy({ $0 >= 0 }) else { throw TensorError(.valueError, "negative dimensions are not allowed") }
    let d = Swift.max(reps.count, ndim)
    let dims = [Int](repeating: 1, count: d - ndim) + shape
    let steps = [Int](repeating: 0, count: d - ndim) + strides
    let counts = [Int](repeating: 1, count: d - reps.count) + reps
    // View the array as (r0, s0, r1, s1, ...) with stride 0 along each r, then copy it.
    var bigShape: [Int] = []
    var bigStrides: [Int] = []
    for k in 0..<d {
      bigShape += [counts[k], dims[k]]
      bigStrides += [0, steps[k]]
    }
    let out = try NDArray(uninitialized: bigShape, dtype: dtype)
    out.copyElements(from: view(shape: bigShape, strides: bigStrides, offset: offset))
    var shape: [Int] = []
    for k in 0..<d {
      let (m, overflow) = counts[k].multipliedReportingOverflow(by: dims[k])
      guard !overflow else { throw TensorError(.valueError, "array is too big.") }
      shape.append(m)
    }
    return out.view(shape: shape, strides: Layout.contiguousStrides(shape), offset: 0)
  }

  /// `roll(a, shift, axis)`: elements shifted cyclically along each axis (the flattened array
  /// when `axes` is nil). `shifts` and `axes` broadcast against each other.
  public func rolled(_ shifts: [Int], axes: [Int]?) throws(TensorError) -> NDArray {
    guard let axes else {
      return try raveled().rolled(shifts, axes: [0]).reshaped(shape)
    }
    guard shifts.count == axes.count || shifts.count == 1 || axes.count == 1 else {
      throw TensorError(
        .valueError,
        "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (\(shifts.count),) and arg 1 with shape (\(axes.count),)."
      )
    }
    var total = [Int](repeating: 0, count: ndim)
    let pairs = Swift.max(shifts.count, axes.count)
    for k in 0..<(shifts.isEmpty || axes.isEmpty ? 0 : pairs) {
      let ax = try Layout.axis(axes[axes.count == 1 ? 0 : k], ndim: ndim)
      total[ax] = total[ax] &+ shifts[shifts.count == 1 ? 0 : k]
    }
    // Per rolled axis, two blocks move: [0, n-s) to [s, n) and [n-s, n) to [0, s).
    var moves: [(axis: Int, shift: Int)] = []
    for ax in 0..<ndim where shape[ax] > 0 {
      let s = ((total[ax] % shape[ax]) + shape[ax]) % shape[ax]
      if s != 0 { moves.append((ax, s)) }
    }
    let out = try NDArray(uninitialized: shape, dtype: dtype)
    for combination in 0..<(1 << moves.count) {
      var source = self
      var target = out
      for (bit, move) in moves.enumerated() {
        let n = shape[move.axis]
        let s = move.shift
        if combination & (1 << bit) == 0 {
          source = source.slab(axis: move.axis, start: 0, length: n - s)
          target = target.slab(axis: move.axis, start: s, length: n - s)
        } else {
          source = source.slab(axis: move.axis, start: n - s, length: s)
          target = target.slab(axis: move.axis, start: 0, length: s)
        }
      }
      target.copyElements(from: source)
    }
    return out
  }
}

import Foundation

/// Reductions over all axes or a set of axes. Float sums visit the elements in NumPy's order
/// (`ReductionPlan`) and sum each run pairwise, so they agree with NumPy's to the last bit.
public enum Reduction: Sendable {
  case sum, mean, prod, min, max, all, any

  /// NumPy's name for the ufunc, in errors.
  var ufuncName: String {
    switch self {
    case .sum, .mean: "add"
    case .prod: "multiply"
    case .min: "minimum"
    case .max: "maximum"
    case .all: "logical_and"
    case .any: "logical_or"
    }
  }
}

extension NDArray {
  public func reduce(_ op: Reduction, axes: [Int]?, keepDims: Bool = false) throws(TensorError) -> NDArray {
    var warnings = Warnings()
    return try reduce(op, axes: axes, keepDims: keepDims, dtype: nil, warnings: &warnings)
  }

  /// `op` over `axes` (all when nil), computing in `dtype` when given (`np.sum(a, dtype=float)`),
  /// recording RuntimeWarnings (`overflow encountered in reduce`) into `warnings`.
  public func reduce(
    _ op: Reduction, axes: [Int]?, keepDims: Bool = false, dtype requested: DType? = nil,
    warnings: inout Warnings
  ) throws(TensorError) -> NDArray {
    let reduced = try reducedAxes(axes)
    if op == .mean { return try mean(reduced: reduced, keepDims: keepDims, dtype: requested, warnings: &warnings) }
    let loopType: DType =
      switch op {
      case .sum, .prod, .mean: requested ?? (dtype == .float64 ? .float64 : .int64)
      case .min, .max: dtype
      case .all, .any: .bool
      }
    if op == .min || op == .max {
      for axis in 0..<ndim where reduced[axis] && shape[axis] == 0 {
        throw TensorError(
          .valueError, "zero-size array to reduction operation \(op.ufuncName) which has no identity")
      }
    }
    let resultShape = reducedShape(reduced, keepDims: keepDims)
    // The common case (a whole contiguous float array) is one pairwise sum: no plan needed.
    if isContiguous && dtype == .float64 && loopType == .float64 && !reduced.contains(false) {
      let out = try NDArray(uninitialized: resultShape, dtype: .float64)
      let p = pointer(Double.self) + offset
      let n = count
      let errors = FloatingPointErrors.raised(writing: out, repeatable: true) { () -> Void in
        out.pointer(Double.self)[0] = NDArray.foldFloat(op, identity: NDArray.floatIdentity(op), p, n, 1)
      }
      if op == .sum || op == .prod { warnings.record(errors, in: "reduce") }
      return out
    }
    let plan = ReductionPlan(shape: shape, strides: strides, reduced: reduced, casts: dtype != loopType)
    let flat = try NDArray(uninitialized: [plan.resultCount], dtype: loopType)
    if loopType == .float64 && (op == .sum || op == .prod) {
      let errors = FloatingPointErrors.raised(writing: flat, repeatable: true) { () -> Void in
        reduceAlongPlan(op, plan, into: flat)
      }
      warnings.record(errors, in: "reduce")
    } else {
      reduceAlongPlan(op, plan, into: flat)
    }
    var strides: [Int] = []
    for axis in 0..<ndim where !reduced[axis] || keepDims {
      strides.append(reduced[axis] ? 0 : plan.resultStrides[axis])
    }
    return flat.view(shape: resultShape, strides: strides, offset: 0)
  }

  /// Which axes a reduction folds; NumPy's AxisError and duplicate check.
  func reducedAxes(_ axes: [Int]?) throws(TensorError) -> [Bool] {
    guard let axes else { return [Bool](repeating: true, count: ndim) }
    var reduced = [Bool](repeating: false, count: ndim)
    for axis in axes {
      let a = try Layout.axis(axis, ndim: ndim)
      if reduced[a] { throw TensorError(.valueError, "duplicate value in 'axis'") }
      reduced[a] = true
    }
    return reduced
  }

  /// The shape a reduction returns.
  func reducedShape(_ reduced: [Bool], keepDims: Bool) -> [Int] {
    var result: [Int] = []
    for axis in 0..<ndim {
      if !reduced[axis] { result.append(shape[axis]) } else if keepDims { result.append(1) }
    }
    return result
  }

  /// Fills `flat` (the result, in the plan's order) with `op` over this array.
  private func reduceAlongPlan(_ op: Reduction, _ plan: ReductionPlan, into flat: NDArray) {
    switch flat.dtype {
    case .float64:
      let out = flat.pointer(Double.self)
      out.update(repeating: NDArray.floatIdentity(op), count: plan.resultCount)
      runPlan(plan, out, load: floatLoader()) { o, os, i, iStride, n in
        if os == 0 {
          o[0] = NDArray.foldFloat(op, identity: o[0], i, n, iStride)
        } else if op == .sum || op == .mean {
          // One element per output: NumPy's binary add loop, `o[k] = o[k] + x[k]` (what a
          // pairwise sum of one element gives too), in a loop the compiler can vectorize.
          if os == 1 && iStride == 1 {
            for k in 0..<n { o[k] += i[k] }
          } else {
            for k in 0..<n { o[k * os] += i[k * iStride] }
          }
        } else {
          for k in 0..<n { o[k * os] = NDArray.foldFloat(op, identity: o[k * os], i + k * iStride, 1, 1) }
        }
      }
    case .int64:
      let out = flat.pointer(Int64.self)
      let identity: Int64 = op == .prod ? 1 : op == .min ? .max : op == .max ? .min : 0
      out.update(repeating: identity, count: plan.resultCount)
      runPlan(plan, out, load: intLoader()) { o, os, i, iStride, n in
        for k in 0..<n {
          let v = i[k * iStride]
          let r = o[k * os]
          switch op {
          case .prod: o[k * os] = r &* v
          case .min: o[k * os] = Swift.min(r, v)
          case .max: o[k * os] = Swift.max(r, v)
          default: o[k * os] = r &+ v
          }
        }
      }
    case .bool:
      let out = flat.pointer(Bool.self)
      let conjunction = op == .all || op == .min
      out.update(repeating: conjunction, count: plan.resultCount)
      runPlan(plan, out, load: boolLoader()) { o, os, i, iStride, n in
        for k in 0..<n {
          o[k * os] = conjunction ? (o[k * os] && i[k * iStride]) : (o[k * os] || i[k * iStride])
        }
      }
    }
  }

  static func floatIdentity(_ op: Reduction) -> Double {
    switch op {
    case .prod: 1
    case .min: .infinity
    case .max: -.infinity
    default: 0
    }
  }

  /// `identity op x[0] op x[stride] ...`: pairwise for sums (NumPy's add loop), sequential
  /// otherwise; min and max propagate NaN. (NumPy's SIMD max of a long run may keep another
  /// of two equal zeros: only the sign of a zero can differ.)
  @inline(__always)
  static func foldFloat(
    _ op: Reduction, identity: Double, _ x: UnsafePointer<Double>, _ n: Int, _ stride: Int
  ) -> Double {
    switch op {
    case .sum, .mean: return identity + pairwiseSum(x, n, stride)
    case .prod:
      var r = identity
      for k in 0..<n { r *= x[k * stride] }
      return r
    case .min, .max:
      var r = identity
      if r.isNaN { return r }
      for k in 0..<n {
        let v = x[k * stride]
        if v.isNaN { return v }
        // Ties (0 and -0) take the later element, as NumPy's loop does.
        r = op == .min ? (r < v ? r : v) : (r > v ? r : v)
      }
      return r
    case .all, .any:
      var r = identity != 0
      for k in 0..<n { r = op == .all ? (r && x[k * stride] != 0) : (r || x[k * stride] != 0) }
      return r ? 1 : 0
    }
  }

  /// Runs `inner(output, outputStride, input, inputStride, count)` for each inner-loop call of
  /// `plan`, converting buffered input with `load`.
  private func runPlan<T>(
    _ plan: ReductionPlan, _ out: UnsafeMutablePointer<T>, load: (Int) -> T,
    _ inner: (UnsafeMutablePointer<T>, Int, UnsafePointer<T>, Int, Int) -> Void
  ) {
    let chunk = plan.reduceMode ? plan.coreSize : plan.bufferSize
    let scratch = UnsafeMutablePointer<T>.allocate(capacity: plan.inputBuffered ? chunk : 1)
    defer { scratch.deallocate() }
    let base = UnsafePointer(pointer(T.self))
    // T is a trivial type (Double, Int64, Bool): the scratch needs no deinitialization.
    plan.forEachCall(inputOffset: offset) { offsets in
      for (k, o) in offsets.enumerated() { scratch[k] = load(o) }
    } _: { input, output, inputStride, outputStride, count in
      if plan.inputBuffered {
        inner(out + output, outputStride, UnsafePointer(scratch), 1, count)
      } else {
        inner(out + output, outputStride, base + input, inputStride, count)
      }
    }
  }

  private func floatLoader() -> (Int) -> Double {
    switch dtype {
    case .float64:
      let p = pointer(Double.self)
      return { p[$0] }
    case .int64:
      let p = pointer(Int64.self)
      return { Double(p[$0]) }
    case .bool:
      let p = pointer(Bool.self)
      return { p[$0] ? 1 : 0 }
    }
  }

  private func intLoader() -> (Int) -> Int64 {
    switch dtype {
    case .float64:
      let p = pointer(Double.self)
      return { NDArray.truncatedInt(p[$0]) }
    case .int64:
      let p = pointer(Int64.self)
      return { p[$0] }
    case .bool:
      let p = pointer(Bool.self)
      return { p[$0] ? 1 : 0 }
    }
  }

  private func boolLoader() -> (Int) -> Bool {
    switch dtype {
    case .float64:
      let p = pointer(Double.self)
      return { p[$0] != 0 }
    case .int64:
      let p = pointer(Int64.self)
      return { p[$0] != 0 }
    case .bool:
      let p = pointer(Bool.self)
      return { p[$0] }
    }
  }

  /// NumPy's pairwise summation: blocks of 128 with eight accumulators, halves above that.
  static func pairwiseSum(_ a: UnsafePointer<Double>, _ n: Int, _ stride: Int) -> Double {
    if n < 8 {
      var r = -0.0
      for i in 0..<n { r += a[i * stride] }
      return r
    }
    if n <= 128 {
      var r0 = a[0]
      var r1 = a[stride]
      var r2 = a[2 * stride]
      var r3 = a[3 * stride]
      var r4 = a[4 * stride]
      var r5 = a[5 * stride]
      var r6 = a[6 * stride]
      var r7 = a[7 * stride]
      var i = 8
      while i < n - n % 8 {
        r0 += a[i * stride]
        r1 += a[(i + 1) * stride]
        r2 += a[(i + 2) * stride]
        r3 += a[(i + 3) * stride]
        r4 += a[(i + 4) * stride]
        r5 += a[(i + 5) * stride]
        r6 += a[(i + 6) * stride]
        r7 += a[(i + 7) * stride]
        i += 8
      }
      var r = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
      while i < n {
        r += a[i * stride]
        i += 1
      }
      return r
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(a, half, stride) + pairwiseSum(a + half * stride, n - half, stride)
  }
}

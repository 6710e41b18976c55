import NNTensor

/// Reductions with `where=` (only the selected elements count) and `initial=` (the starting
/// value, required by max/min under a mask), as NumPy's ufunc reductions take them.
extension Builtins {
  static func maskedReduction(_ op: Reduction, _ x: NDArray, _ a: Arguments, _ first: Int) throws(PyError) -> Value {
    let takesDType = op == .sum || op == .prod || op == .mean
    var names = takesDType ? sumParameters : op == .all || op == .any ? truthParameters : extremeParameters
    if op == .mean { names = ["axis", "dtype", "out", "keepdims", "where"] }
    try a.checkKeywords(Set(names + (first == 1 ? ["a"] : [])))
    func given(_ name: String) -> Value? {
      guard let i = names.firstIndex(of: name) else { return nil }
      return a.given(first + i, name)
    }
    let axisList = try axes(given("axis"))
    let keep = try flag(given("keepdims"))
    let dtype = takesDType ? try Convert.dtype(given("dtype")) : nil
    let initial = try given("initial").map { (v) throws(PyError) -> NDArray in try Operators.tensorOperand(v) }
    let shape = x.shape
    let mask = try given("where").map { (v) throws(PyError) -> NDArray in
      let m = try Operators.tensorOperand(v)
      return try tensor { () throws(TensorError) in try m.broadcast(to: shape).astype(.bool) }
    }
    let ufunc = op == .max ? "maximum" : op == .min ? "minimum" : ""
    if mask != nil && initial == nil && (op == .max || op == .min) {
      throw PyError(
        "ValueError",
        "reduction operation '\(ufunc)' does not have an identity, so to use a where mask one has to specify 'initial'")
    }
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      let identity: NDArray =
        switch op {
        case .sum, .mean: .scalar(Int64(0))
        case .prod: .scalar(Int64(1))
        case .all: .scalar(true)
        case .any: .scalar(false)
        case .max, .min: initial ?? .scalar(Int64(0))
        }
      let source = try mask.map { (m) throws(TensorError) -> NDArray in try NDArray.select(m, x, identity) } ?? x
      // NumPy's masked loops add one element after another, not pairwise.
      let sequential =
        mask != nil && (op == .sum || op == .mean)
        && (op == .mean || dtype == .float64 || (dtype == nil && x.dtype == .float64))
      if op == .mean {
        let total =
          sequential
          ? try sequentialSum(source.astype(dtype ?? .float64), axes: axisList, keepDims: keep)
          : try source.reduce(.sum, axes: axisList, keepDims: keep, dtype: dtype ?? .float64, warnings: &w)
        let selected: NDArray
        if let mask { selected = mask } else { selected = try NDArray.full(shape, .bool(true)) }
        let counts = try selected.reduce(.sum, axes: axisList, keepDims: keep)
        if (try counts.reduce(.min, axes: nil)).item == .int(0) { w.record("Mean of empty slice") }
        return try NDArray.apply(.divide, total, counts, warnings: &w)
      }
      var r =
        sequential
        ? try sequentialSum(source.astype(dtype ?? .float64), axes: axisList, keepDims: keep)
        : try source.reduce(op, axes: axisList, keepDims: keep, dtype: dtype, warnings: &w)
      if let initial {
        // NumPy casts the initial value to the reduction's dtype (`initial=0.5` on ints is 0).
        let start = initial.astype(r.dtype)
        let combine: BinaryOperator = op == .sum ? .add : op == .prod ? .multiply : op == .max ? .maximum : .minimum
        r = try NDArray.apply(combine, r, start, warnings: &w)
      }
      return r
    }
    return try deliver(result, out: given("out"), a)
  }

  /// The float64 sum over `axes`, one element after another in C order.
  static func sequentialSum(_ x: NDArray, axes: [Int]?, keepDims: Bool) throws(TensorError) -> NDArray {
    let reduced = Set(
      try (axes ?? Array(0..<x.ndim)).map { (k) throws(TensorError) -> Int in
        let a = k < 0 ? k + x.ndim : k
        guard a >= 0 && a < x.ndim else { throw TensorError.axisOutOfBounds(k, ndim: x.ndim) }
        return a
      })
    let kept = (0..<x.ndim).filter { !reduced.contains($0) }
    let order = kept + (0..<x.ndim).filter { reduced.contains($0) }
    let outer = kept.map { x.shape[$0] }
    let outerCount = outer.reduce(1, *)
    let innerCount = outerCount == 0 ? 0 : x.count / max(outerCount, 1)
    let values = try x.transposed(order).copy().doubles
    var sums = [Double](repeating: 0, count: outerCount)
    for o in 0..<outerCount {
      var total = 0.0
      for i in 0..<innerCount { total += values[o * innerCount + i] }
      sums[o] = total
    }
    let shape = keepDims ? (0..<x.ndim).map { reduced.contains($0) ? 1 : x.shape[$0] } : outer
    return try NDArray(shape: shape, doubles: sums)
  }
}

import NNTensor

/// `numpy`'s reductions and statistics, as functions (`np.sum(a, axis)`) and as ndarray methods
/// (`a.sum(axis)`). The function form takes the array first, so its other parameters sit one
/// position later: `first` is that offset.
extension Builtins {
  /// Where each reduction's parameters sit after the array, as NumPy declares them.
  static let sumParameters = ["axis", "dtype", "out", "keepdims", "initial", "where"]
  static let extremeParameters = ["axis", "out", "keepdims", "initial", "where"]
  static let varianceParameters = ["axis", "dtype", "out", "ddof", "keepdims", "where", "mean", "correction"]
  static let argParameters = ["axis", "out", "keepdims"]
  static let truthParameters = ["axis", "out", "keepdims", "where"]
  static let accumulateParameters = ["axis", "dtype", "out"]

  nonisolated(unsafe) static let numpyReductions: [Entry] = [
    (
      "sum", "sum(a, axis=None, dtype=None, keepdims=False): sum of elements",
      function { (x, a) throws(PyError) -> Value in try reduction(.sum, x, a, 1) }
    ),
    (
      "prod", "prod(a, axis=None, dtype=None, keepdims=False): product of elements",
      function { (x, a) throws(PyError) -> Value in try reduction(.prod, x, a, 1) }
    ),
    (
      "mean", "mean(a, axis=None, keepdims=False): arithmetic mean",
      function { (x, a) throws(PyError) -> Value in try reduction(.mean, x, a, 1) }
    ),
    (
      "max", "max(a, axis=None, keepdims=False): the largest element",
      function { (x, a) throws(PyError) -> Value in try reduction(.max, x, a, 1) }
    ),
    (
      "amax", "amax(a, axis=None, keepdims=False): the largest element",
      function { (x, a) throws(PyError) -> Value in try reduction(.max, x, a, 1) }
    ),
    (
      "min", "min(a, axis=None, keepdims=False): the smallest element",
      function { (x, a) throws(PyError) -> Value in try reduction(.min, x, a, 1) }
    ),
    (
      "amin", "amin(a, axis=None, keepdims=False): the smallest element",
      function { (x, a) throws(PyError) -> Value in try reduction(.min, x, a, 1) }
    ),
    (
      "all", "all(a, axis=None, keepdims=False): whether every element is true",
      function { (x, a) throws(PyError) -> Value in try reduction(.all, x, a, 1) }
    ),
    (
      "any", "any(a, axis=None, keepdims=False): whether some element is true",
      function { (x, a) throws(PyError) -> Value in try reduction(.any, x, a, 1) }
    ),
    (
      "var", "var(a, axis=None, ddof=0, keepdims=False): variance",
      function { (x, a) throws(PyError) -> Value in try variance(x, a, 1, squareRoot: false) }
    ),
    (
      "std", "std(a, axis=None, ddof=0, keepdims=False): standard deviation",
      function { (x, a) throws(PyError) -> Value in try variance(x, a, 1, squareRoot: true) }
    ),
    (
      "argmax", "argmax(a, axis=None, keepdims=False): index of the first largest element",
      function { (x, a) throws(PyError) -> Value in try argExtreme(x, a, 1, maximum: true) }
    ),
    (
      "argmin", "argmin(a, axis=None, keepdims=False): index of the first smallest element",
      function { (x, a) throws(PyError) -> Value in try argExtreme(x, a, 1, maximum: false) }
    ),
    (
      "cumsum", "cumsum(a, axis=None, dtype=None): running sum (flattened when axis is None)",
      function { (x, a) throws(PyError) -> Value in try accumulate(x, a, 1, product: false) }
    ),
    (
      "cumprod", "cumprod(a, axis=None, dtype=None): running product (flattened when axis is None)",
      function { (x, a) throws(PyError) -> Value in try accumulate(x, a, 1, product: true) }
    ),
    (
      "ptp", "ptp(a, axis=None, keepdims=False): maximum minus minimum",
      function { (x, a) throws(PyError) -> Value in try peakToPeak(x, a) }
    ),
    (
      "count_nonzero", "count_nonzero(a, axis=None, keepdims=False): how many elements are nonzero",
      function { (x, a) throws(PyError) -> Value in try countNonzero(x, a) }
    ),
    (
      "nansum", "nansum(a, axis=None, keepdims=False): sum, NaN counting as zero",
      function { (x, a) throws(PyError) -> Value in try nanReduction(x, a, mean: false) }
    ),
    (
      "nanmean", "nanmean(a, axis=None, keepdims=False): mean of the non-NaN elements",
      function { (x, a) throws(PyError) -> Value in try nanReduction(x, a, mean: true) }
    ),
    (
      "average", "average(a, axis=None, weights=None, returned=False, keepdims=False): weighted mean",
      function { (x, a) throws(PyError) -> Value in try average(x, a) }
    ),
    (
      "median", "median(a, axis=None, keepdims=False): the middle value",
      function { (x, a) throws(PyError) -> Value in try median(x, a) }
    ),
    (
      "percentile", "percentile(a, q, axis=None, keepdims=False): q-th percentiles (linear)",
      function { (x, a) throws(PyError) -> Value in try quantile(x, a, percent: true) }
    ),
    (
      "quantile", "quantile(a, q, axis=None, keepdims=False): q-th quantiles (linear)",
      function { (x, a) throws(PyError) -> Value in try quantile(x, a, percent: false) }
    ),
  ]

  nonisolated(unsafe) static let arrayReductionMethods: [String: Method] = [
    "sum": { (x, a) throws(PyError) -> Value in try reduction(.sum, x, a, 0) },
    "prod": { (x, a) throws(PyError) -> Value in try reduction(.prod, x, a, 0) },
    "mean": { (x, a) throws(PyError) -> Value in try reduction(.mean, x, a, 0) },
    "max": { (x, a) throws(PyError) -> Value in try reduction(.max, x, a, 0) },
    "min": { (x, a) throws(PyError) -> Value in try reduction(.min, x, a, 0) },
    "all": { (x, a) throws(PyError) -> Value in try reduction(.all, x, a, 0) },
    "any": { (x, a) throws(PyError) -> Value in try reduction(.any, x, a, 0) },
    "var": { (x, a) throws(PyError) -> Value in try variance(x, a, 0, squareRoot: false) },
    "std": { (x, a) throws(PyError) -> Value in try variance(x, a, 0, squareRoot: true) },
    "argmax": { (x, a) throws(PyError) -> Value in try argExtreme(x, a, 0, maximum: true) },
    "argmin": { (x, a) throws(PyError) -> Value in try argExtreme(x, a, 0, maximum: false) },
    "cumsum": { (x, a) throws(PyError) -> Value in try accumulate(x, a, 0, product: false) },
    "cumprod": { (x, a) throws(PyError) -> Value in try accumulate(x, a, 0, product: true) },
  ]

  /// A function-form entry: its first argument is the array.
  static func function(_ body: @escaping (NDArray, Arguments) throws(PyError) -> Value) -> Function {
    { (a) throws(PyError) -> Value in
      guard let v = a.value(0, "a") else {
        throw PyError("TypeError", "\(a.function)() missing required argument 'a' (pos 1)")
      }
      return try body(try Operators.tensorOperand(v), a)
    }
  }

  /// Binds the parameters after the array: checks keywords and the positional count, and
  /// rejects the ones nn does not offer (`where=`, `initial=`).
  static func bind(_ a: Arguments, _ names: [String], _ first: Int) throws(PyError) -> [Value?] {
    let allowed = Set(names + (first == 1 ? ["a"] : []))
    try a.checkKeywords(allowed)
    if a.positional.count > names.count + first {
      throw PyError(
        "TypeError",
        "\(a.function)() takes from \(first) to \(names.count + first) positional arguments but \(a.positional.count) were given"
      )
    }
    var values: [Value?] = []
    for (i, name) in names.enumerated() { values.append(a.given(first + i, name)) }
    for (i, name) in names.enumerated() where values[i] != nil && ["where", "initial", "mean"].contains(name) {
      throw PyError("TypeError", "\(a.function)(): nn does not support \(name)=")
    }
    return values
  }

  static func axes(_ v: Value?) throws(PyError) -> [Int]? {
    guard let v else { return nil }
    if case .tuple(let items) = v {
      var axes: [Int] = []
      for item in items { axes.append(Int(try Operators.integer(item))) }
      return axes
    }
    return [Int(try Operators.integer(v))]
  }

  static func flag(_ v: Value?) throws(PyError) -> Bool {
    try v.map { (x) throws(PyError) -> Bool in try Operators.truth(x) } ?? false
  }

  static func reduction(_ op: Reduction, _ x: NDArray, _ a: Arguments, _ first: Int) throws(PyError) -> Value {
    if a.given(-1, "where") != nil || a.given(-1, "initial") != nil { return try maskedReduction(op, x, a, first) }
    let takesDType = op == .sum || op == .prod || op == .mean
    let names = takesDType ? sumParameters : op == .all || op == .any ? truthParameters : extremeParameters
    let p = try bind(a, names, first)
    let axisList = try axes(p[0])
    let dtype = takesDType ? try Convert.dtype(p[1]) : nil
    let keep = try flag(p[takesDType ? 3 : 2])
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try x.reduce(op, axes: axisList, keepDims: keep, dtype: dtype, warnings: &w)
    }
    return try deliver(result, out: p[takesDType ? 2 : 1], a)
  }

  /// A reduction's result as a value, or written into `out=` (NumPy casts it there
  /// unconditionally), which is then the result.
  static func deliver(_ result: NDArray, out: Value?, _ a: Arguments) throws(PyError) -> Value {
    guard var v = out else { return Operators.wrap(result, scalarResult: true) }
    if case .tuple(let items) = v, items.count == 1 { v = items[0] }
    guard case .array(let target) = v else { throw PyError("TypeError", "return arrays must be of ArrayType") }
    guard target.shape == result.shape else {
      throw PyError(
        "ValueError",
        "output parameter for reduction operation \(a.function) has the wrong shape: \(TensorError.tupleText(target.shape)), expected \(TensorError.tupleText(result.shape))"
      )
    }
    try tensor { () throws(TensorError) in try target.assign([.ellipsis], result) }
    return .array(target)
  }

  static func variance(_ x: NDArray, _ a: Arguments, _ first: Int, squareRoot: Bool) throws(PyError) -> Value {
    let p = try bind(a, varianceParameters, first)
    let axisList = try axes(p[0])
    _ = try Convert.dtype(p[1])
    let ddof = try p[3].map { (v) throws(PyError) -> Double in try Operators.number(v) } ?? 0
    let correction = try p[7].map { (v) throws(PyError) -> Double in try Operators.number(v) }
    let keep = try flag(p[4])
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try x.variance(axes: axisList, ddof: correction ?? ddof, keepDims: keep, squareRoot: squareRoot, warnings: &w)
    }
    return try deliver(result, out: p[2], a)
  }

  static func argExtreme(_ x: NDArray, _ a: Arguments, _ first: Int, maximum: Bool) throws(PyError) -> Value {
    let p = try bind(a, argParameters, first)
    let axis = try p[0].map { (v) throws(PyError) -> Int in Int(try Operators.integer(v)) }
    let keep = try flag(p[2])
    let result = try tensor { () throws(TensorError) in try x.argExtreme(maximum: maximum, axis: axis, keepDims: keep) }
    return try deliver(result, out: p[1], a)
  }

  static func accumulate(_ x: NDArray, _ a: Arguments, _ first: Int, product: Bool) throws(PyError) -> Value {
    let p = try bind(a, accumulateParameters, first)
    let axis = try p[0].map { (v) throws(PyError) -> Int in Int(try Operators.integer(v)) }
    let dtype = try Convert.dtype(p[1])
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try x.accumulate(product: product, axis: axis, dtype: dtype, warnings: &w)
    }
    return p[2] == nil ? .array(result) : try deliver(result, out: p[2], a)
  }

  static func peakToPeak(_ x: NDArray, _ a: Arguments) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "out", "keepdims"], 1)
    let axisList = try axes(p[0])
    let keep = try flag(p[2])
    let result = try tensor { () throws(TensorError) in try x.peakToPeak(axes: axisList, keepDims: keep) }
    return try deliver(result, out: p[1], a)
  }

  /// `np.count_nonzero`: an int64 scalar over the whole array, an int64 array along axes.
  static func countNonzero(_ x: NDArray, _ a: Arguments) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "keepdims"], 1)
    let axisList = try axes(p[0])
    let keep = try flag(p[1])
    let result = try tensor { () throws(TensorError) in try x.countNonzero(axes: axisList, keepDims: keep) }
    return Operators.wrap(result, scalarResult: true)
  }

  static func nanReduction(_ x: NDArray, _ a: Arguments, mean: Bool) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "dtype", "out", "keepdims"], 1)
    let axisList = try axes(p[0])
    let keep = try flag(p[3])
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      mean
        ? try x.nanMean(axes: axisList, keepDims: keep, warnings: &w)
        : try x.nanSum(axes: axisList, keepDims: keep, warnings: &w)
    }
    return try deliver(result, out: p[2], a)
  }

  static func average(_ x: NDArray, _ a: Arguments) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "weights", "returned", "keepdims"], 1)
    let axisList = try axes(p[0])
    let weights = try p[1].map { (v) throws(PyError) -> NDArray in try Operators.tensorOperand(v) }
    let returned = try flag(p[2])
    let keep = try flag(p[3])
    let (avg, scale) = try warning(a) { (w) throws(TensorError) -> (NDArray, NDArray) in
      try x.average(axes: axisList, weights: weights, keepDims: keep, warnings: &w)
    }
    let average = Operators.wrap(avg, scalarResult: true)
    return returned ? .tuple([average, Operators.wrap(scale, scalarResult: true)]) : average
  }

  static func median(_ x: NDArray, _ a: Arguments) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "out", "overwrite_input", "keepdims"], 1)
    let axisList = try axes(p[0])
    let keep = try flag(p[3])
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try x.median(axes: axisList, keepDims: keep, warnings: &w)
    }
    return try deliver(result, out: p[1], a)
  }

  static func quantile(_ x: NDArray, _ a: Arguments, percent: Bool) throws(PyError) -> Value {
    let p = try bind(a, ["q", "axis", "out", "overwrite_input", "method", "keepdims", "weights", "interpolation"], 1)
    guard let qValue = p[0] else {
      throw PyError("TypeError", "\(a.function)() missing required argument 'q' (pos 2)")
    }
    let q = try Operators.tensorOperand(qValue)
    let axisList = try axes(p[1])
    let keep = try flag(p[5])
    if let method = p[4], case .str(let m) = method, m != "linear" {
      throw PyError("ValueError", "nn's \(a.function) supports method='linear' only, not \(Repr.quoted(m))")
    }
    let result = try tensor { () throws(TensorError) in
      try x.quantiles(q, percent: percent, axes: axisList, keepDims: keep)
    }
    return try deliver(result, out: p[2], a)
  }
}

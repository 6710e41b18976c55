import NNTensor

/// `np.cov`, `np.corrcoef`, composed as NumPy composes them (mean, centred product, scale).
extension Builtins {
  nonisolated(unsafe) static let numpyCovariance: [Entry] = [
    ("cov", "cov(m, y=None, rowvar=True, bias=False, ddof=None): the covariance matrix", cov),
    ("corrcoef", "corrcoef(x, y=None, rowvar=True): Pearson correlation coefficients", corrcoef),
  ]

  static func cov(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "cov", ["m", "y", "rowvar", "bias", "ddof", "fweights", "aweights", "dtype"], required: 1)
    for (i, name) in [(5, "fweights"), (6, "aweights"), (7, "dtype")] where a.given(i, name) != nil {
      throw PyError("TypeError", "cov(): nn does not support \(name)=")
    }
    let bias = try a.bool(3, "bias", default: false)
    let ddof = try a.optionalInt(4, "ddof") ?? (bias ? 0 : 1)
    let c = try covariance(a, ddof: ddof)
    return Operators.wrap(c, scalarResult: true)
  }

  static func corrcoef(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "corrcoef", ["x", "y", "rowvar", "dtype"], required: 1)
    let c = try covariance(a, ddof: 1)
    guard c.ndim == 2 else {
      // A single variable: c / c, as NumPy does (1.0, or nan with a warning for zero variance).
      return Operators.wrap(
        try warning(a) { (w) throws(TensorError) -> NDArray in try NDArray.apply(.divide, c, c, warnings: &w) },
        scalarResult: true)
    }
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      let n = c.shape[0]
      let d = try c.diagonal(k: 0).map(.sqrt, warnings: &w)
      let column = try d.reshaped([n, 1])
      let row = try d.reshaped([1, n])
      let scaled = try NDArray.apply(.divide, try NDArray.apply(.divide, c, column, warnings: &w), row, warnings: &w)
      return try scaled.clipped(min: .scalar(-1.0), max: .scalar(1.0), warnings: &w)
    }
    return .array(result)
  }

  /// NumPy's `cov` body: rows are variables (columns with rowvar=False), y's stacked below.
  private static func covariance(_ a: Arguments, ddof: Int) throws(PyError) -> NDArray {
    let rowvar = try a.bool(2, "rowvar", default: true)
    func variables(_ v: NDArray) throws(PyError) -> NDArray {
      guard v.ndim <= 2 else { throw PyError("ValueError", "m has more than 2 dimensions") }
      var x = try tensor { () throws(TensorError) in try v.reshaped(v.ndim < 2 ? [1, v.count] : v.shape) }.astype(
        .float64)
      if !rowvar && x.shape[0] != 1 { x = x.transposed() }
      return x
    }
    var x = try variables(try a.array(0, a.function == "cov" ? "m" : "x"))
    if let y = try a.optionalArray(1, "y") {
      let yv = try variables(y)
      x = try tensor { () throws(TensorError) in try NDArray.concatenate([x, yv], axis: 0) }
    }
    let n = x.shape[1]
    return try warning(a) { (w) throws(TensorError) -> NDArray in
      let mean = try x.reduce(.mean, axes: [1], keepDims: true, warnings: &w)
      let centred = try NDArray.apply(.subtract, x, mean, warnings: &w)
      let fact = Double(n - ddof)
      if fact <= 0 { w.record("Degrees of freedom <= 0 for slice") }
      let product = try NDArray.dot(centred, centred.transposed())
      let c = try NDArray.apply(.multiply, product, .scalar(1 / fact), warnings: &w)
      return try c.squeezed()
    }
  }
}

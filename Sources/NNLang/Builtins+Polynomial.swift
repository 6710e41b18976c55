import NNTensor

/// 1-D signal and polynomial functions: `convolve`, `correlate`, `interp`, `polyfit`, `polyval`.
extension Builtins {
  nonisolated(unsafe) static let numpyPolynomial: [Entry] = [
    ("convolve", "convolve(a, v, mode='full'): discrete linear convolution of two 1-D sequences", convolve),
    ("correlate", "correlate(a, v, mode='valid'): cross-correlation of two 1-D sequences", correlate),
    ("interp", "interp(x, xp, fp, left=None, right=None): piecewise-linear interpolation", interp),
    ("polyfit", "polyfit(x, y, deg): least-squares polynomial coefficients, highest power first", polyfit),
    ("polyval", "polyval(p, x): the polynomial p (highest power first) at x", polyval),
  ]

  static func convolveMode(_ a: Arguments, default name: String) throws(PyError) -> NDArray.ConvolveMode {
    guard let v = a.given(2, "mode") else { return NDArray.ConvolveMode(rawValue: name) ?? .full }
    guard case .str(let s) = v, let mode = NDArray.ConvolveMode(rawValue: s) else {
      throw PyError("ValueError", "mode must be one of 'valid', 'same', or 'full' (got \(Repr.repr(v)))")
    }
    return mode
  }

  static func convolve(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "convolve", ["a", "v", "mode"], required: 2)
    let (x, v) = (try a.array(0, "a"), try a.array(1, "v"))
    let mode = try convolveMode(a, default: "full")
    return .array(try tensor { () throws(TensorError) in try NDArray.convolve(x, v, mode: mode) })
  }

  static func correlate(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "correlate", ["a", "v", "mode"], required: 2)
    let (x, v) = (try a.array(0, "a"), try a.array(1, "v"))
    let mode = try convolveMode(a, default: "valid")
    return .array(try tensor { () throws(TensorError) in try NDArray.correlate(x, v, mode: mode) })
  }

  static func interp(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "interp", ["x", "xp", "fp", "left", "right", "period"], required: 3)
    if a.given(5, "period") != nil { throw PyError("TypeError", "interp(): nn does not support period=") }
    let (x, xp, fp) = (try a.array(0, "x"), try a.array(1, "xp"), try a.array(2, "fp"))
    let left = try a.given(3, "left").map { (v) throws(PyError) -> Double in try Operators.number(v) }
    let right = try a.given(4, "right").map { (v) throws(PyError) -> Double in try Operators.number(v) }
    let result = try tensor { () throws(TensorError) in try NDArray.interp(x, xp, fp, left: left, right: right) }
    return Operators.wrap(result, scalarResult: true)
  }

  static func polyfit(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "polyfit", ["x", "y", "deg", "rcond", "full", "w", "cov"], required: 3)
    for (i, name) in [(3, "rcond"), (5, "w"), (6, "cov")] where a.given(i, name) != nil {
      throw PyError("TypeError", "polyfit(): nn does not support \(name)=")
    }
    if try a.bool(4, "full", default: false) { throw PyError("TypeError", "polyfit(): nn does not support full=True") }
    let (x, y) = (try a.array(0, "x"), try a.array(1, "y"))
    let degree = try a.int(2, "deg", default: 0)
    return .array(try tensor { () throws(TensorError) in try NDArray.polyfit(x, y, degree: degree) })
  }

  static func polyval(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "polyval", ["p", "x"], required: 2)
    let (p, x) = (try a.array(0, "p"), try a.array(1, "x"))
    return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.polyval(p, x) }, scalarResult: true)
  }
}

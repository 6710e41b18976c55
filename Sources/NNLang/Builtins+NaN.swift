import NNTensor

/// NaN-ignoring reductions beyond `nansum`/`nanmean`, and `nan_to_num`.
extension Builtins {
  nonisolated(unsafe) static let numpyNaN: [Entry] = [
    (
      "nan_to_num", "nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None): NaN and infinities as numbers",
      nanToNum
    ),
    (
      "nanmax", "nanmax(a, axis=None, keepdims=False): maximum ignoring NaN",
      function { (x, a) throws(PyError) -> Value in try nanExtreme(x, a, maximum: true) }
    ),
    (
      "nanmin", "nanmin(a, axis=None, keepdims=False): minimum ignoring NaN",
      function { (x, a) throws(PyError) -> Value in try nanExtreme(x, a, maximum: false) }
    ),
    (
      "nanargmax", "nanargmax(a, axis=None, keepdims=False): index of the maximum ignoring NaN",
      function { (x, a) throws(PyError) -> Value in try nanArgExtreme(x, a, maximum: true) }
    ),
    (
      "nanargmin", "nanargmin(a, axis=None, keepdims=False): index of the minimum ignoring NaN",
      function { (x, a) throws(PyError) -> Value in try nanArgExtreme(x, a, maximum: false) }
    ),
    (
      "nanvar", "nanvar(a, axis=None, ddof=0, keepdims=False): variance ignoring NaN",
      function { (x, a) throws(PyError) -> Value in try nanVariance(x, a, squareRoot: false) }
    ),
    (
      "nanstd", "nanstd(a, axis=None, ddof=0, keepdims=False): standard deviation ignoring NaN",
      function { (x, a) throws(PyError) -> Value in try nanVariance(x, a, squareRoot: true) }
    ),
    (
      "nanmedian", "nanmedian(a, axis=None, keepdims=False): median ignoring NaN",
      function { (x, a) throws(PyError) -> Value in try nanMedian(x, a) }
    ),
  ]

  static func nanToNum(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "nan_to_num", ["x", "copy", "nan", "posinf", "neginf"], required: 1)
    let x = try a.array(0, "x")
    let nan = try a.double(2, "nan", default: 0)
    let posinf = try a.given(3, "posinf").map { (v) throws(PyError) -> Double in try Operators.number(v) }
    let neginf = try a.given(4, "neginf").map { (v) throws(PyError) -> Double in try Operators.number(v) }
    let result = x.nanToNum(nan: nan, posinf: posinf, neginf: neginf)
    return Operators.wrap(result, scalarResult: true)
  }

  static func nanExtreme(_ x: NDArray, _ a: Arguments, maximum: Bool) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "out", "keepdims"], 1)
    let axisList = try axes(p[0])
    let keep = try flag(p[2])
    let isArray = if case .array? = a.value(0, "a") { true } else { false }
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try x.nanExtreme(maximum: maximum, axes: axisList, keepDims: keep, fromArray: isArray, warnings: &w)
    }
    return try deliver(result, out: p[1], a)
  }

  static func nanArgExtreme(_ x: NDArray, _ a: Arguments, maximum: Bool) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "out", "keepdims"], 1)
    let axis = try p[0].map { (v) throws(PyError) -> Int in Int(try Operators.integer(v)) }
    let keep = try flag(p[2])
    let result = try tensor { () throws(TensorError) in
      try x.nanArgExtreme(maximum: maximum, axis: axis, keepDims: keep)
    }
    return try deliver(result, out: p[1], a)
  }

  static func nanVariance(_ x: NDArray, _ a: Arguments, squareRoot: Bool) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "dtype", "out", "ddof", "keepdims"], 1)
    let axisList = try axes(p[0])
    let ddof = try p[3].map { (v) throws(PyError) -> Double in try Operators.number(v) } ?? 0
    let keep = try flag(p[4])
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try x.nanVariance(axes: axisList, ddof: ddof, keepDims: keep, squareRoot: squareRoot, warnings: &w)
    }
    return try deliver(result, out: p[2], a)
  }

  static func nanMedian(_ x: NDArray, _ a: Arguments) throws(PyError) -> Value {
    let p = try bind(a, ["axis", "out", "overwrite_input", "keepdims"], 1)
    guard p[0] == nil else { throw PyError("TypeError", "nanmedian(): nn supports only axis=None") }
    let kept = x.doubles.filter { !$0.isNaN }
    let values = try tensor { () throws(TensorError) in try NDArray(shape: [kept.count], doubles: kept) }
    let result = try warning(a) { (w) throws(TensorError) -> NDArray in
      try (x.dtype == .float64 ? values : x).median(axes: nil, keepDims: false, warnings: &w)
    }
    return try deliver(result, out: p[1], a)
  }
}

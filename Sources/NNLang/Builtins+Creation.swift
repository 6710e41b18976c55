import NNTensor

/// `numpy`'s array constructors and scalar types.
extension Builtins {
  nonisolated(unsafe) static let numpyCreation: [Entry] = [
    (
      "zeros", "zeros(shape, dtype=float64): an array of zeros",
      { (a) throws(PyError) -> Value in try filled(a, "zeros", .int(0)) }
    ),
    (
      "ones", "ones(shape, dtype=float64): an array of ones",
      { (a) throws(PyError) -> Value in try filled(a, "ones", .int(1)) }
    ),
    (
      "empty", "empty(shape, dtype=float64): a new array (nn fills it with zeros)",
      { (a) throws(PyError) -> Value in try filled(a, "empty", .int(0)) }
    ),
    ("full", "full(shape, fill_value, dtype=None): an array filled with fill_value", full),
    (
      "zeros_like", "zeros_like(a, dtype=None): zeros with a's shape and dtype",
      { (a) throws(PyError) -> Value in try like(a, "zeros_like", .int(0)) }
    ),
    (
      "ones_like", "ones_like(a, dtype=None): ones with a's shape and dtype",
      { (a) throws(PyError) -> Value in try like(a, "ones_like", .int(1)) }
    ),
    (
      "empty_like", "empty_like(a, dtype=None): a new array with a's shape and dtype (zeros in nn)",
      { (a) throws(PyError) -> Value in try like(a, "empty_like", .int(0)) }
    ),
    ("full_like", "full_like(a, fill_value, dtype=None): fill_value with a's shape and dtype", fullLike),
    ("eye", "eye(N, M=None, k=0, dtype=float64): ones on the k-th diagonal", eye),
    ("identity", "identity(n, dtype=float64): the n x n identity matrix", identity),
    ("arange", "arange([start,] stop[, step], dtype=None): evenly spaced values in [start, stop)", arange),
    (
      "linspace", "linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None): num evenly spaced values",
      linspace
    ),
    ("meshgrid", "meshgrid(*xi, indexing='xy', sparse=False): coordinate matrices from coordinate vectors", meshgrid),
    ("diag", "diag(v, k=0): a diagonal matrix from a 1-D array, or the k-th diagonal of a 2-D one", diag),
    ("asarray", "asarray(a, dtype=None): a as an array, without copying an array that fits", asarray),
    (
      "copy", "copy(a): an array copy (keeping a's memory layout)",
      { (a) throws(PyError) -> Value in
        try a.checkKeywords(["a", "order", "subok"], function: "copy")
        let x = try a.array(0, "a")
        return .array(try tensor { () throws(TensorError) in try x.copyPreservingLayout() })
      }
    ),
  ]

  /// `np.float64` and friends: the NumPy scalar types nn's arrays hold, usable as dtypes and as
  /// constructors (`np.float64(2)`). Other widths exist in NumPy only.
  static func numpyScalarTypes() -> [(String, Builtin)] {
    let supported: [(String, DType)] = [
      ("float64", .float64), ("double", .float64), ("int64", .int64), ("int_", .int64), ("intp", .int64),
      ("bool_", .bool), ("bool", .bool),
    ]
    var types: [(String, Builtin)] = supported.map { (name, dtype) in
      (
        name,
        Builtin("numpy.\(dtype == .bool ? "bool" : dtype.description)", isType: true) { (a) throws(PyError) -> Value in
          try scalarOfType(dtype, a)
        }
      )
    }
    for name in unsupportedTypeNames {
      types.append(
        (
          name,
          Builtin("numpy.\(name)", isType: true) { (_) throws(PyError) -> Value in
            throw unsupportedDType(name)
          }
        ))
    }
    return types
  }

  static let unsupportedTypeNames = [
    "float32", "float16", "longdouble", "int32", "int16", "int8", "uint8", "uint16", "uint32", "uint64",
    "complex64", "complex128",
  ]

  static func unsupportedDType(_ name: String) -> PyError {
    PyError("TypeError", "nn arrays hold float64, int64 or bool; \(name) is not supported")
  }

  /// `np.float64(x)`, `np.int64(x)`, `np.bool_(x)`: a NumPy scalar (an array converted, for arrays).
  static func scalarOfType(_ dtype: DType, _ a: Arguments) throws(PyError) -> Value {
    guard let v = a.value(0, "x") else {
      switch dtype {
      case .float64: return .scalar(.float(0))
      case .int64: return .scalar(.int(0))
      case .bool: return .scalar(.bool(false))
      }
    }
    switch v {
    case .str(let s):
      let converted = try Builtins.toFloat(Arguments(positional: [.str(s)], keywords: [], interpreter: a.interpreter))
      if dtype == .int64 {
        guard let i = Int64(s.trimmingCharacters(in: .whitespaces)) else {
          throw PyError("ValueError", "invalid literal for int() with base 10: \(Repr.quoted(s))")
        }
        return .scalar(.int(i))
      }
      return dtype == .bool
        ? .scalar(.bool(!s.isEmpty)) : Operators.wrap(try Operators.tensorOperand(converted), scalarResult: true)
    case .array(let x):
      return Operators.wrap(try tensor { () throws(TensorError) in try x.converted(to: dtype) }, scalarResult: true)
    default:
      let x = try Operators.tensorOperand(v)
      return Operators.wrap(try tensor { () throws(TensorError) in try x.converted(to: dtype) }, scalarResult: true)
    }
  }

  /// A shape argument, with NumPy's message for a float (`np.zeros(2.5)`).
  static func shapeArgument(_ a: Arguments, _ index: Int) throws(PyError) -> [Int] {
    if case .float(let d)? = a.value(index, "shape") {
      throw PyError("TypeError", "expected a sequence of integers or a single integer, got '\(PythonFloat.repr(d))'")
    }
    return try a.shape(index)
  }

  private static func filled(_ a: Arguments, _ name: String, _ value: Scalar) throws(PyError) -> Value {
    try a.checkKeywords(["shape", "dtype", "order", "like"], function: name)
    let shape = try shapeArgument(a, 0)
    let dtype = try a.dtype(1) ?? .float64
    return .array(try tensor { () throws(TensorError) in try NDArray.full(shape, value, dtype: dtype) })
  }

  private static func full(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["shape", "fill_value", "dtype", "order", "like"], function: "full")
    let shape = try shapeArgument(a, 0)
    let fill = try a.array(1, "fill_value")
    let dtype = try a.dtype(2)
    return .array(
      try tensor { () throws(TensorError) in
        if let value = fill.item, fill.ndim == 0 { return try NDArray.full(shape, value, dtype: dtype) }
        return try filledBroadcast(fill.astype(dtype ?? fill.dtype), to: shape)
      })
  }

  /// An array-valued fill, stretched to `shape` with NumPy's copy-in message when it cannot be.
  private static func filledBroadcast(_ fill: NDArray, to shape: [Int]) throws(TensorError) -> NDArray {
    guard (try? Layout.broadcastShape([fill.shape, shape])) == shape else {
      throw TensorError(
        .valueError,
        "could not broadcast input array from shape \(TensorError.tupleText(fill.shape).replacingOccurrences(of: " ", with: "")) into shape \(TensorError.tupleText(shape).replacingOccurrences(of: " ", with: ""))"
      )
    }
    return try fill.broadcast(to: shape).copy()
  }

  private static func like(_ a: Arguments, _ name: String, _ value: Scalar) throws(PyError) -> Value {
    try a.checkKeywords(["a", "prototype", "dtype", "order", "subok", "shape"], function: name)
    let x = try a.array(0, "a")
    let dtype = try a.dtype(1)
    return .array(try tensor { () throws(TensorError) in try NDArray.full(like: x, value, dtype: dtype) })
  }

  private static func fullLike(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "fill_value", "dtype", "order", "subok", "shape"], function: "full_like")
    let x = try a.array(0, "a")
    let fill = try a.array(1, "fill_value")
    let dtype = try a.dtype(2)
    return .array(
      try tensor { () throws(TensorError) in
        if let value = fill.item, fill.ndim == 0 { return try NDArray.full(like: x, value, dtype: dtype) }
        return try filledBroadcast(fill.astype(dtype ?? x.dtype), to: x.shape)
      })
  }

  private static func eye(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["N", "M", "k", "dtype", "order", "like"], function: "eye")
    guard let n = try a.optionalInt(0, "N") else {
      throw PyError("TypeError", "eye() missing required argument 'N' (pos 1)")
    }
    let m = try a.optionalInt(1, "M")
    let k = try a.int(2, "k", default: 0)
    let dtype = try a.dtype(3) ?? .float64
    return .array(try tensor { () throws(TensorError) in try NDArray.eye(n, m, k: k, dtype: dtype) })
  }

  private static func identity(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["n", "dtype", "like"], function: "identity")
    guard let n = try a.optionalInt(0, "n") else {
      throw PyError("TypeError", "identity() missing required argument 'n' (pos 1)")
    }
    let dtype = try a.dtype(1) ?? .float64
    return .array(try tensor { () throws(TensorError) in try NDArray.eye(n, dtype: dtype) })
  }

  private static func arange(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["start", "stop", "step", "dtype", "like", "device"], function: "arange")
    func number(_ v: Value?) throws(PyError) -> Scalar? {
      guard let v, !v.isNone else { return nil }
      let x = try Operators.tensorOperand(v)
      // NumPy takes the truth of `stop - start` and so on: one element will do.
      guard x.count == 1, let s = x.item else {
        throw PyError(
          "ValueError",
          "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
      }
      guard x.ndim == 0 else {
        throw PyError("TypeError", "only 0-dimensional arrays can be converted to Python scalars")
      }
      return s
    }
    var start = try number(a.value(0, "start"))
    var stop = try number(a.value(1, "stop"))
    let step = try number(a.value(2, "step")) ?? .int(1)
    let dtype = try a.dtype(3)
    if stop == nil {
      stop = start
      start = .int(0)
    }
    guard let first = start, let last = stop else {
      throw PyError("TypeError", "arange() requires stop to be specified.")
    }
    return .array(
      try tensor { () throws(TensorError) in try NDArray.arange(start: first, stop: last, step: step, dtype: dtype) })
  }

  private static func linspace(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(
      ["start", "stop", "num", "endpoint", "retstep", "dtype", "axis", "device"], function: "linspace")
    let start = try a.array(0, "start")
    let stop = try a.array(1, "stop")
    guard start.ndim == 0, stop.ndim == 0, let s0 = start.item, let s1 = stop.item else {
      throw PyError("TypeError", "nn's linspace takes scalar start and stop")
    }
    let num = try a.int(2, "num", default: 50)
    let endpoint = try a.bool(3, "endpoint", default: true)
    let retstep = try a.bool(4, "retstep", default: false)
    let dtype = try a.dtype(5)
    let (y, step) = try tensor { () throws(TensorError) in
      try NDArray.linspace(s0.doubleValue, s1.doubleValue, num: num, endpoint: endpoint, dtype: dtype)
    }
    guard retstep else { return .array(y) }
    // NumPy's step is a NumPy scalar, except the undefined one (Python's nan).
    return .tuple([.array(y), step.isNaN ? .float(step) : .scalar(.float(step))])
  }

  private static func meshgrid(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["indexing", "sparse", "copy"], function: "meshgrid")
    var xs: [NDArray] = []
    for v in a.positional { xs.append(try Operators.tensorOperand(v)) }
    let indexing = try a.string(-1, "indexing") ?? "xy"
    guard indexing == "xy" || indexing == "ij" else {
      throw PyError("ValueError", "Valid values for `indexing` are 'xy' and 'ij'.")
    }
    let sparse = try a.bool(-1, "sparse", default: false)
    let grids = try tensor { () throws(TensorError) in
      sparse
        ? try NDArray.sparseMeshgrid(xs, cartesian: indexing == "xy")
        : try NDArray.meshgrid(xs, cartesian: indexing == "xy")
    }
    return .tuple(grids.map { .array($0) })
  }

  private static func diag(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["v", "k"], function: "diag")
    let v = try a.array(0, "v")
    let k = try a.int(1, "k", default: 0)
    return .array(try tensor { () throws(TensorError) in try v.diagonal(k: k) })
  }

  private static func asarray(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "dtype", "order", "device", "copy", "like"], function: "asarray")
    let v = try a.required(0, "a")
    let dtype = try a.dtype(1)
    if case .array(let x) = v, let dtype {
      return .array(try tensor { () throws(TensorError) in try x.converted(to: dtype) })
    }
    if case .array(let x) = v { return .array(x) }
    return .array(try Convert.array(v, dtype: dtype))
  }
}

import NNTensor

/// `np.finfo`, `np.iinfo`: the limits of nn's float64 and int64.
extension Builtins {
  nonisolated(unsafe) static let numpyLimits: [Entry] = [
    ("finfo", "finfo(dtype): machine limits of a float type (eps, max, min, tiny, resolution)", finfo),
    ("iinfo", "iinfo(dtype): machine limits of an integer type (min, max, bits)", iinfo),
  ]

  /// The dtype a limits query names: a type, a dtype name, or an array (its dtype).
  private static func limitsType(_ a: Arguments, _ name: String) throws(PyError) -> DType {
    try bind(a, name, ["dtype"], required: 1)
    let v = try a.required(0, "dtype")
    if case .array(let x) = v {
      // NumPy's finfo takes an array as an object; iinfo takes its dtype.
      guard name == "iinfo" else { throw PyError("ValueError", "data type <class 'numpy.object_'> not inexact") }
      return x.dtype
    }
    if case .float = v { return .float64 }
    if case .scalar(let s) = v { return s.dtype }
    return try Convert.dtype(v) ?? .float64
  }

  static func finfo(_ a: Arguments) throws(PyError) -> Value {
    let dtype = try limitsType(a, "finfo")
    guard dtype == .float64 else {
      throw PyError("ValueError", "data type <class 'numpy.\(dtype == .bool ? "bool" : "int64")'> not inexact")
    }
    let f = { (x: Double) -> Value in .scalar(.float(x)) }
    let attributes: [String: Value] = [
      "eps": f(.ulpOfOne), "epsneg": f(.ulpOfOne / 2), "max": f(.greatestFiniteMagnitude),
      "min": f(-.greatestFiniteMagnitude), "tiny": f(.leastNormalMagnitude),
      "smallest_normal": f(.leastNormalMagnitude), "smallest_subnormal": f(.leastNonzeroMagnitude),
      "resolution": f(1e-15), "precision": .int(15), "bits": .int(64), "dtype": .str("float64"),
      "machep": .int(-52), "negep": .int(-53), "maxexp": .int(1024), "minexp": .int(-1022), "nmant": .int(52),
      "nexp": .int(11), "iexp": .int(11),
    ]
    return .object(
      NativeObject(typeName: "finfo", attributes: attributes) {
        "finfo(resolution=1e-15, min=-1.7976931348623157e+308, max=1.7976931348623157e+308, dtype=float64)"
      })
  }

  static func iinfo(_ a: Arguments) throws(PyError) -> Value {
    let dtype = try limitsType(a, "iinfo")
    guard dtype == .int64 else {
      throw PyError("ValueError", "Invalid integer data type '\(dtype == .bool ? "b" : "f")'.")
    }
    let attributes: [String: Value] = [
      "min": .int(.min), "max": .int(.max), "bits": .int(64), "dtype": .str("int64"), "kind": .str("i"),
    ]
    return .object(
      NativeObject(typeName: "iinfo", attributes: attributes) {
        "iinfo(min=-9223372036854775808, max=9223372036854775807, dtype=int64)"
      })
  }
}

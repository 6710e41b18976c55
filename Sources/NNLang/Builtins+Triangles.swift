import NNTensor

/// `np.triu`, `np.tril`, `np.tri`, and the `trace`/`diagonal` methods of arrays.
extension Builtins {
  nonisolated(unsafe) static let numpyTriangles: [Entry] = [
    (
      "triu", "triu(m, k=0): a copy with the elements below the k-th diagonal zeroed",
      { (a) throws(PyError) -> Value in try triangle(a, upper: true) }
    ),
    (
      "tril", "tril(m, k=0): a copy with the elements above the k-th diagonal zeroed",
      { (a) throws(PyError) -> Value in try triangle(a, upper: false) }
    ),
    ("tri", "tri(N, M=None, k=0, dtype=float): ones at and below the k-th diagonal", tri),
    ("diagonal", "diagonal(a, offset=0): the offset-th diagonal of a 2-D array", diagonal),
  ]

  /// Array methods that are the numpy function of the same name with the array first.
  nonisolated(unsafe) static let arrayTriangleMethods: [String: Method] = [
    "trace": forwarding("trace"),
    "diagonal": forwarding("diagonal"),
  ]

  /// A method calling `np.<name>(self, *args, **kwargs)`.
  static func forwarding(_ name: String) -> Method {
    { (x, a) throws(PyError) -> Value in
      guard let entry = numpyTables.lazy.flatMap({ $0 }).first(where: { $0.name == name }) else {
        throw PyError("AttributeError", "'numpy.ndarray' object has no attribute '\(name)'")
      }
      var args = a
      args.positional.insert(.array(x), at: 0)
      args.function = name
      return try entry.function(args)
    }
  }

  static func triangle(_ a: Arguments, upper: Bool) throws(PyError) -> Value {
    let name = upper ? "triu" : "tril"
    try bind(a, name, ["m", "k"], required: 1)
    let m = try a.array(0, "m")
    let k = try a.int(1, "k", default: 0)
    return .array(try tensor { () throws(TensorError) in try m.triangle(upper: upper, k: k) })
  }

  static func diagonal(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "diagonal", ["a", "offset", "axis1", "axis2"], required: 1)
    let x = try a.array(0, "a")
    let offset = try a.int(1, "offset", default: 0)
    let (axis1, axis2) = (try a.int(2, "axis1", default: 0), try a.int(3, "axis2", default: 1))
    guard x.ndim == 2, (axis1, axis2) == (0, 1) else {
      guard x.ndim >= 2 else { throw PyError("ValueError", "diag requires an array of at least two dimensions") }
      throw PyError("TypeError", "nn's diagonal supports 2-D arrays and axis1=0, axis2=1 only")
    }
    return .array(try tensor { () throws(TensorError) in try x.diagonal(k: offset) })
  }

  static func tri(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "tri", ["N", "M", "k", "dtype"], required: 1)
    let n = try a.int(0, "N", default: 0)
    let m = try a.optionalInt(1, "M")
    let k = try a.int(2, "k", default: 0)
    let dtype = try a.dtype(3) ?? .float64
    return .array(try tensor { () throws(TensorError) in try NDArray.tri(n, m, k: k, dtype: dtype) })
  }
}

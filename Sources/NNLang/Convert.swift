import NNTensor

/// Conversions between values and arrays.
enum Convert {
  /// `np.array(nested lists)`: finds the shape, rejects ragged nesting, picks the dtype.
  static func array(_ v: Value, dtype: DType? = nil) throws(PyError) -> NDArray {
    if case .array(let a) = v {
      return try tensor { () throws(TensorError) in
        if let dtype, dtype != a.dtype { return try a.converted(to: dtype) }
        return try a.copied()
      }
    }
    var shape: [Int] = []
    var probe = v
    while true {
      switch probe {
      case .list(let l):
        shape.append(l.items.count)
        guard let first = l.items.first else { break }
        probe = first
        continue
      case .tuple(let t):
        shape.append(t.count)
        guard let first = t.first else { break }
        probe = first
        continue
      case .array(let a):
        shape.append(contentsOf: a.shape)
      default: break
      }
      break
    }
    var scalars: [Scalar] = []
    try flatten(v, shape, 0, &scalars)
    let kind = dtype ?? scalars.map(\.dtype).max() ?? .float64
    do {
      switch kind {
      case .float64: return try NDArray(shape: shape, doubles: scalars.map(\.doubleValue))
      case .int64:
        return try NDArray(
          shape: shape,
          ints: scalars.map { (s) -> Int64 in
            switch s {
            case .int(let i): i
            case .bool(let b): b ? 1 : 0
            case .float(let d): d.isFinite && abs(d) < 9.2e18 ? Int64(d.rounded(.towardZero)) : .min
            }
          })
      case .bool: return try NDArray(shape: shape, bools: scalars.map { $0.doubleValue != 0 })
      }
    } catch {
      throw PyError(tensor: error)
    }
  }

  private static func flatten(_ v: Value, _ shape: [Int], _ depth: Int, _ out: inout [Scalar]) throws(PyError) {
    let items: [Value]?
    switch v {
    case .list(let l): items = l.items
    case .tuple(let t): items = t
    case .array(let a):
      guard Array(shape[depth...]) == a.shape else { throw ragged(depth) }
      out.append(contentsOf: a.scalars)
      return
    default: items = nil
    }
    if let items {
      guard depth < shape.count, items.count == shape[depth] else { throw ragged(depth) }
      for item in items { try flatten(item, shape, depth + 1, &out) }
      return
    }
    guard depth == shape.count else { throw ragged(depth) }
    switch v {
    case .bool(let b): out.append(.bool(b))
    case .int(let i): out.append(.int(i))
    case .float(let d): out.append(.float(d))
    case .scalar(let s): out.append(s)
    default:
      throw PyError("TypeError", "nn arrays hold numbers and booleans, not '\(v.typeName)'")
    }
  }

  private static func ragged(_ depth: Int) -> PyError {
    PyError(
      "ValueError",
      "setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions. The detected shape was (\(depth == 0 ? "" : "...")) + inhomogeneous part."
    )
  }

  static func shape(_ v: Value) throws(PyError) -> [Int] {
    switch v {
    case .int(let i): return [Int(i)]
    case .tuple, .list:
      var s: [Int] = []
      for x in try Operators.iterate(v) { s.append(Int(try Operators.integer(x))) }
      return s
    default: return [Int(try Operators.integer(v))]
    }
  }

  static func dtype(_ v: Value?) throws(PyError) -> DType? {
    guard let v, !v.isNone else { return nil }
    switch v {
    case .str(let s):
      switch s {
      case "float64", "float", "f8", "d": return .float64
      case "int64", "int", "i8": return .int64
      case "bool", "?": return .bool
      default:
        if Builtins.unsupportedTypeNames.contains(s) { throw Builtins.unsupportedDType(s) }
        throw PyError("TypeError", "data type '\(s)' not understood")
      }
    case .builtin(let b):
      switch b.name {
      case "float", "float64", "numpy.float64": return .float64
      case "int", "int64", "numpy.int64": return .int64
      case "bool", "bool_", "numpy.bool": return .bool
      default:
        if b.name.hasPrefix("numpy."), Builtins.unsupportedTypeNames.contains(String(b.name.dropFirst(6))) {
          throw Builtins.unsupportedDType(String(b.name.dropFirst(6)))
        }
      }
    default: break
    }
    throw PyError("TypeError", "Cannot interpret '\(Repr.repr(v))' as a data type")
  }
}

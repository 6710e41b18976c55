import Foundation
import NNTensor

/// The `numpyShape` entries that join, split and repeat arrays.
extension Builtins {
  static func concatenate(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["arrays", "axis", "out", "dtype", "casting"])
    try refuseOut(a)
    let arrays = try arrayList(try a.required(0, "arrays"))
    let axis: Int?
    switch a.value(1, "axis") {
    case nil: axis = 0
    case .none?: axis = nil
    case let v?: axis = Int(try Operators.integer(v))
    }
    let dtype = try a.dtype(-1)
    return .array(try tensor { () throws(TensorError) in try NDArray.concatenate(arrays, axis: axis, dtype: dtype) })
  }

  static func stack(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["arrays", "axis", "out", "dtype", "casting"])
    try refuseOut(a)
    let arrays = try arrayList(try a.required(0, "arrays"))
    let axis = Int(try Operators.integer(a.value(1, "axis") ?? .int(0)))
    let dtype = try a.dtype(-1)
    return .array(try tensor { () throws(TensorError) in try NDArray.stack(arrays, axis: axis, dtype: dtype) })
  }

  static func hstack(_ a: Arguments) throws(PyError) -> Value {
    try join(a) { (x, d) throws(TensorError) in try NDArray.hstack(x, dtype: d) }
  }

  static func vstack(_ a: Arguments) throws(PyError) -> Value {
    try join(a) { (x, d) throws(TensorError) in try NDArray.vstack(x, dtype: d) }
  }

  static func dstack(_ a: Arguments) throws(PyError) -> Value {
    try join(a) { (x, _) throws(TensorError) in try NDArray.dstack(x) }
  }

  static func columnStack(_ a: Arguments) throws(PyError) -> Value {
    try join(a) { (x, _) throws(TensorError) in try NDArray.columnStack(x) }
  }

  static func refuseOut(_ a: Arguments) throws(PyError) {
    if a.given(-1, "out") != nil { throw PyError("TypeError", "\(a.function)(): out= is not supported by nn") }
  }

  /// `hstack(tup)` and its kin: a sequence of arrays in, one array out.
  static func join(
    _ a: Arguments, _ body: ([NDArray], DType?) throws(TensorError) -> NDArray
  ) throws(PyError) -> Value {
    try a.checkKeywords(["tup", "dtype", "casting"])
    let arrays = try arrayList(try a.required(0, "tup"))
    let dtype = try a.dtype(-1)
    return .array(try tensor { () throws(TensorError) in try body(arrays, dtype) })
  }

  static func splitEqual(_ a: Arguments) throws(PyError) -> Value { try split(a, equal: true) }
  static func arraySplit(_ a: Arguments) throws(PyError) -> Value { try split(a, equal: false) }

  static func hsplit(_ a: Arguments) throws(PyError) -> Value {
    try directionalSplit(a, "hsplit", minimumDims: 1) { $0 > 1 ? 1 : 0 }
  }

  static func vsplit(_ a: Arguments) throws(PyError) -> Value {
    try directionalSplit(a, "vsplit", minimumDims: 2) { _ in 0 }
  }

  static func dsplit(_ a: Arguments) throws(PyError) -> Value {
    try directionalSplit(a, "dsplit", minimumDims: 3) { _ in 2 }
  }

  /// `split` and `array_split`: sections (an int) or cut indices (a sequence), as a list.
  static func split(_ a: Arguments, equal: Bool) throws(PyError) -> Value {
    let x = try a.array(0, "ary")
    let axis = Int(try Operators.integer(a.value(2, "axis") ?? .int(0)))
    return try splitPieces(x, try a.required(1, "indices_or_sections"), axis: axis, equal: equal)
  }

  static func splitPieces(_ x: NDArray, _ how: Value, axis: Int, equal: Bool) throws(PyError) -> Value {
    let pieces: [NDArray]
    switch how {
    case .list, .tuple, .array:
      let indices = try intList(how)
      pieces = try tensor { () throws(TensorError) in try x.split(indices: indices, axis: axis) }
    default:
      let number = try Operators.number(how)
      // np.split divides first: by zero that is Python's error, after the axis is looked up.
      let n = try tensor { () throws(TensorError) in x.shape[try x.splitAxis(axis)] }
      if equal && number == 0 {
        if case .float = how { throw PyError("ZeroDivisionError", "float modulo") }
        throw PyError("ZeroDivisionError", "integer modulo by zero")
      }
      if equal && fmod(Double(n), number) != 0 {
        throw PyError("ValueError", "array split does not result in an equal division")
      }
      guard number.magnitude < 9.2e18 else { throw PyError("OverflowError", "cannot convert float to integer") }
      let sections = Int(number.rounded(.towardZero))
      pieces = try tensor { () throws(TensorError) in try x.split(sections: sections, axis: axis, equal: false) }
    }
    return .list(ListBox(pieces.map { .array($0) }))
  }

  /// `hsplit`, `vsplit`, `dsplit`: `split` along a fixed axis, for arrays with enough axes.
  static func directionalSplit(
    _ a: Arguments, _ name: String, minimumDims: Int, axis: (Int) -> Int
  ) throws(PyError) -> Value {
    let x = try a.array(0, "ary")
    guard x.ndim >= minimumDims else {
      throw PyError("ValueError", "\(name) only works on arrays of \(minimumDims) or more dimensions")
    }
    return try splitPieces(x, try a.required(1, "indices_or_sections"), axis: axis(x.ndim), equal: true)
  }

  static func repeatFunction(_ a: Arguments) throws(PyError) -> Value {
    try repeatArray(try a.array(0, "a"), a, first: 1)
  }

  /// `repeat(a, repeats, axis=None)` and `a.repeat(repeats, axis=None)`.
  static func repeatArray(_ x: NDArray, _ a: Arguments, first: Int) throws(PyError) -> Value {
    let repeats = try repeatCounts(try a.required(first, "repeats"))
    let axis = try a.optionalInt(first + 1, "axis")
    return .array(try tensor { () throws(TensorError) in try x.repeated(repeats, axis: axis) })
  }

  /// Repeat counts: a number (a float truncates) or a 1-D sequence of them; an integer
  /// array may not hold floats.
  static func repeatCounts(_ v: Value) throws(PyError) -> [Int] {
    switch v {
    case .float(let d), .scalar(.float(let d)):
      guard d.isFinite, d.magnitude < 9.2e18 else { throw PyError("OverflowError", "cannot convert float to integer") }
      return [Int(d.rounded(.towardZero))]
    case .list, .tuple, .array:
      let counts = try Operators.tensorOperand(v)
      if case .array = v, counts.dtype == .float64 {
        throw PyError(
          "TypeError", "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'")
      }
      guard counts.ndim <= 1 else {
        throw PyError(
          "ValueError",
          "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1."
        )
      }
      return counts.astype(.int64).elements(as: Int64.self).map { Int($0) }
    default:
      return [Int(try Operators.integer(v))]
    }
  }

  static func tile(_ a: Arguments) throws(PyError) -> Value {
    let x = try a.array(0, "A")
    let reps = try intList(try a.required(1, "reps"))
    return .array(try tensor { () throws(TensorError) in try x.tiled(reps) })
  }

  static func roll(_ a: Arguments) throws(PyError) -> Value {
    let x = try a.array(0, "a")
    let shiftValue = try a.required(1, "shift")
    let shifts = try Operators.tensorOperand(shiftValue)
    let axes = try a.given(2, "axis").map { (v) throws(PyError) in try intList(v) }
    guard shifts.ndim <= 1 else { throw PyError("ValueError", "'shift' and 'axis' should be scalars or 1D sequences") }
    var counts: [Int] = []
    if shifts.dtype == .float64 {
      for d in shifts.elements(as: Double.self) {
        guard d.isFinite, d.magnitude < 9.2e18 else {
          throw PyError("OverflowError", "cannot convert float to integer")
        }
        counts.append(Int(d.rounded(.towardZero)))
      }
    } else {
      counts = shifts.elements(as: Int64.self).map { Int($0) }
    }
    return .array(try tensor { () throws(TensorError) in try x.rolled(counts, axes: axes) })
  }
}

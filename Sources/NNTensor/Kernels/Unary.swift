import Foundation

/// NumPy's unary ufuncs that nn offers (`sigmoid` is nn's own, fused and overflow-safe).
public enum UnaryOperator: String, Sendable, CaseIterable {
  case negative, positive, absolute, fabs, square, reciprocal, sign
  case exp, exp2, log, log2, log10, log1p, expm1, sqrt, cbrt
  case sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh, arcsinh, arccosh, arctanh
  case deg2rad, rad2deg
  case floor, ceil, trunc, rint
  case isnan, isinf, isfinite, signbit
  case logicalNot = "logical_not"
  case invert
  case sigmoid

  /// Tests that return bool for any input.
  var isPredicate: Bool {
    switch self {
    case .isnan, .isinf, .isfinite, .signbit, .logicalNot: true
    default: false
    }
  }

  /// Whether NumPy keeps an integer input's dtype (and a bool's, where it has a bool loop).
  var keepsIntegers: Bool {
    switch self {
    case .negative, .positive, .absolute, .square, .reciprocal, .sign, .floor, .ceil, .trunc, .invert: true
    default: false
    }
  }
}

extension NDArray {
  /// Elementwise unary functions into a fresh array laid out like this one. Integer input
  /// computes in float64 except where NumPy keeps integers.
  public func map(_ op: UnaryOperator) throws(TensorError) -> NDArray {
    var warnings = Warnings()
    return try map(op, warnings: &warnings)
  }

  /// `map`, recording the RuntimeWarnings NumPy would issue into `warnings`.
  public func map(_ op: UnaryOperator, warnings: inout Warnings) throws(TensorError) -> NDArray {
    if op.isPredicate { return try predicate(op) }
    if dtype != .float64 && op.keepsIntegers {
      var errors: FloatingPointErrors = []
      let result = try integerMap(op, &errors)
      warnings.record(errors, in: op.rawValue)
      return result
    }
    if op == .invert { throw BinaryOperator.bitwiseAnd.unsupportedTypes(named: "invert") }
    let x = astype(.float64)
    let (result, errors) = try FloatingPointErrors.capture { () throws(TensorError) -> NDArray in
      try x.floatMap(op)
    }
    warnings.record(errors, in: op.rawValue)
    return result
  }

  private func floatMap(_ op: UnaryOperator) throws(TensorError) -> NDArray {
    switch op {
    case .negative: return try mapped(Double.self, .float64) { -$0 }
    case .positive: return try mapped(Double.self, .float64) { $0 }
    case .absolute, .fabs: return try mapped(Double.self, .float64) { Swift.abs($0) }
    case .square: return try mapped(Double.self, .float64) { $0 * $0 }
    case .reciprocal: return try mapped(Double.self, .float64) { 1 / $0 }
    case .sign: return try mapped(Double.self, .float64) { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 == 0 ? 0 : $0 }
    case .exp: return try mapped(Double.self, .float64) { Foundation.exp($0) }
    case .exp2: return try mapped(Double.self, .float64) { Foundation.exp2($0) }
    case .log: return try mapped(Double.self, .float64) { Foundation.log($0) }
    case .log2: return try mapped(Double.self, .float64) { Foundation.log2($0) }
    case .log10: return try mapped(Double.self, .float64) { Foundation.log10($0) }
    case .log1p: return try mapped(Double.self, .float64) { Foundation.log1p($0) }
    case .expm1: return try mapped(Double.self, .float64) { Foundation.expm1($0) }
    case .sqrt: return try mapped(Double.self, .float64) { $0.squareRoot() }
    case .cbrt: return try mapped(Double.self, .float64) { Foundation.cbrt($0) }
    case .sin: return try mapped(Double.self, .float64) { Foundation.sin($0) }
    case .cos: return try mapped(Double.self, .float64) { Foundation.cos($0) }
    case .tan: return try mapped(Double.self, .float64) { Foundation.tan($0) }
    case .arcsin: return try mapped(Double.self, .float64) { Foundation.asin($0) }
    case .arccos: return try mapped(Double.self, .float64) { Foundation.acos($0) }
    case .arctan: return try mapped(Double.self, .float64) { Foundation.atan($0) }
    case .sinh: return try mapped(Double.self, .float64) { Foundation.sinh($0) }
    case .cosh: return try mapped(Double.self, .float64) { Foundation.cosh($0) }
    case .tanh: return try mapped(Double.self, .float64) { Foundation.tanh($0) }
    case .arcsinh: return try mapped(Double.self, .float64) { Foundation.asinh($0) }
    case .arccosh: return try mapped(Double.self, .float64) { Foundation.acosh($0) }
    case .arctanh: return try mapped(Double.self, .float64) { Foundation.atanh($0) }
    case .deg2rad: return try mapped(Double.self, .float64) { $0 * (Double.pi / 180) }
    case .rad2deg: return try mapped(Double.self, .float64) { $0 * (180 / Double.pi) }
    case .floor: return try mapped(Double.self, .float64) { $0.rounded(.down) }
    case .ceil: return try mapped(Double.self, .float64) { $0.rounded(.up) }
    case .trunc: return try mapped(Double.self, .float64) { $0.rounded(.towardZero) }
    case .rint: return try mapped(Double.self, .float64) { $0.rounded(.toNearestOrEven) }
    case .sigmoid:
      // One pass that never evaluates exp of a large positive number, so never overflows.
      return try mapped(Double.self, .float64) { v in
        if v >= 0 { return 1 / (1 + Foundation.exp(-v)) }
        let e = Foundation.exp(v)
        return e / (1 + e)
      }
    case .isnan, .isinf, .isfinite, .signbit, .logicalNot, .invert:
      throw BinaryOperator.bitwiseAnd.unsupportedTypes(named: op.rawValue)
    }
  }

  /// The integer and bool loops NumPy has for these functions.
  private func integerMap(_ op: UnaryOperator, _ errors: inout FloatingPointErrors) throws(TensorError) -> NDArray {
    if dtype == .bool {
      switch op {
      case .negative:
        throw TensorError(
          .typeError,
          "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."
        )
      case .positive, .sign:
        throw TensorError(
          .typeError,
          "ufunc '\(op.rawValue)' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None"
        )
      case .absolute, .floor, .ceil, .trunc: return copyKeepingLayout()
      case .invert: return try mapped(Bool.self, .bool) { !$0 }
      default: return try astype(.int64).integerMap(op, &errors)
      }
    }
    switch op {
    case .negative: return try mapped(Int64.self, .int64) { 0 &- $0 }
    case .positive, .floor, .ceil, .trunc: return copyKeepingLayout()
    case .absolute: return try mapped(Int64.self, .int64) { $0 < 0 ? 0 &- $0 : $0 }
    case .square: return try mapped(Int64.self, .int64) { $0 &* $0 }
    case .sign: return try mapped(Int64.self, .int64) { $0.signum() }
    case .invert: return try mapped(Int64.self, .int64) { ~$0 }
    case .reciprocal:
      // NumPy computes 1.0 / x and converts back: 1 / 0 is inf, which has no int64.
      if contains(Int64(0)) { errors.formUnion([.divideByZero, .invalid]) }
      return try mapped(Int64.self, .int64) { NDArray.truncatedInt(1 / Double($0)) }
    default: throw BinaryOperator.bitwiseAnd.unsupportedTypes(named: op.rawValue)
    }
  }

  private func predicate(_ op: UnaryOperator) throws(TensorError) -> NDArray {
    switch dtype {
    case .float64:
      switch op {
      case .isnan: return try mapped(Double.self, .bool) { $0.isNaN }
      case .isinf: return try mapped(Double.self, .bool) { $0.isInfinite }
      case .isfinite: return try mapped(Double.self, .bool) { $0.isFinite }
      case .signbit: return try mapped(Double.self, .bool) { $0.sign == .minus }
      default: return try mapped(Double.self, .bool) { $0 == 0 }
      }
    case .int64:
      switch op {
      case .isnan, .isinf: return try mapped(Int64.self, .bool) { _ in false }
      case .isfinite: return try mapped(Int64.self, .bool) { _ in true }
      case .signbit: return try mapped(Int64.self, .bool) { $0 < 0 }
      default: return try mapped(Int64.self, .bool) { $0 == 0 }
      }
    case .bool:
      switch op {
      case .isnan, .isinf, .signbit: return try mapped(Bool.self, .bool) { _ in false }
      case .isfinite: return try mapped(Bool.self, .bool) { _ in true }
      default: return try mapped(Bool.self, .bool) { !$0 }
      }
    }
  }

  private func contains(_ value: Int64) -> Bool {
    let p = pointer(Int64.self)
    var found = false
    Layout.forEachOffset(shape, strides, offset) { o in if p[o] == value { found = true } }
    return found
  }

  /// A copy laid out like this array (NumPy's `positive`, `floor` of integers...).
  func copyKeepingLayout() -> NDArray {
    let result: NDArray?
    switch dtype {
    case .float64: result = try? mapped(Double.self, .float64) { $0 }
    case .int64: result = try? mapped(Int64.self, .int64) { $0 }
    case .bool: result = try? mapped(Bool.self, .bool) { $0 }
    }
    return result ?? copy()
  }

  /// `f` over every element into a fresh array of `result` dtype laid out like this one.
  @inline(__always)
  func mapped<T, R>(_: T.Type, _ result: DType, _ f: (T) -> R) throws(TensorError) -> NDArray {
    let out =
      isContiguous
      ? try NDArray(uninitializedLike: self, dtype: result)
      : try IterationOrder.output(shape, dtype: result, like: [self])
    let p = pointer(T.self)
    let po = out.pointer(R.self)
    if isContiguous {
      let x = p + offset
      for i in 0..<count { po[i] = f(x[i]) }
    } else if out.strides == strides && out.storage.byteCount == count * MemoryLayout<R>.stride {
      // Same layout (a transposed array): the elements are one run of memory.
      let x = p + offset
      for i in 0..<count { po[i] = f(x[i]) }
    } else {
      Layout.forEachOffset3(shape, strides, offset, out.strides, 0, out.strides, 0) { i, j, _ in
        po[j] = f(p[i])
      }
    }
    return out
  }

  public func negated() throws(TensorError) -> NDArray { try map(.negative) }
  public func absolute() -> NDArray { (try? map(.absolute)) ?? copy() }

  public func inverted() throws(TensorError) -> NDArray { try map(.invert) }
}

extension BinaryOperator {
  func unsupportedTypes(named name: String) -> TensorError {
    TensorError(
      .typeError,
      "ufunc '\(name)' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    )
  }
}

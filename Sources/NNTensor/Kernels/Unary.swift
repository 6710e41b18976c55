import CBLAS
import Foundation
import NNVectorMath

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
    let result = try x.mapOutput(.float64)
    let errors = FloatingPointErrors.raised(writing: result, repeatable: true) { () -> Void in
      x.floatMap(op, into: result)
    }
    warnings.record(errors, in: op.rawValue)
    return result
  }

  /// Writes `op` of each element into `out` (float64, laid out by `mapOutput`).
  private func floatMap(_ op: UnaryOperator, into out: NDArray) {
    if (op == .exp || op == .sigmoid) && VectorKernels.available && isContiguous {
      // NumPy's exp on this processor (SVML's algorithm), eight lanes at a time.
      let x = pointer(Double.self) + offset
      let y = out.pointer(Double.self)
      let isExp = op == .exp
      let total = count
      guard total >= VectorKernels.parallelCount && VectorKernels.cores > 1 else {
        VectorKernels.run(isExp, x, y, total)
        return
      }
      // Large arrays on two cores (NumPy's ufuncs use one). Elements are independent: the
      // bits are the same however the work is split.
      let half = (total / 2) & ~7
      nonisolated(unsafe) let (xs, ys) = (x, y)
      nonisolated(unsafe) let hadSlow = UnsafeMutablePointer<Bool>.allocate(capacity: 2)
      hadSlow.initialize(repeating: false, count: 2)
      defer { hadSlow.deallocate() }
      DispatchQueue.concurrentPerform(iterations: 2) { k in
        let start = k == 0 ? 0 : half
        hadSlow[k] = VectorKernels.run(isExp, xs + start, ys + start, k == 0 ? half : total - half)
      }
      if hadSlow[0] || hadSlow[1] {
        // The workers' floating-point flags stay in their threads: the rare arguments once
        // more here, so that overflow is reported as NumPy reports it.
        for i in 0..<total where VectorMath.isSlow(x[i]) {
          y[i] = isExp ? Foundation.exp(x[i]) : NDArray.sigmoid(x[i])
        }
      }
      return
    }
    switch op {
    case .negative: mapped(Double.self, into: out) { -$0 }
    case .positive: mapped(Double.self, into: out) { $0 }
    case .absolute, .fabs: mapped(Double.self, into: out) { Swift.abs($0) }
    case .square: mapped(Double.self, into: out) { $0 * $0 }
    case .reciprocal: mapped(Double.self, into: out) { 1 / $0 }
    case .sign: mapped(Double.self, into: out) { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 == 0 ? 0 : $0 }
    case .exp:
      if VectorKernels.available {
        mapped(Double.self, into: out) { v in VectorKernels.exp(v) }
      } else {
        mapped(Double.self, into: out) { Foundation.exp($0) }
      }
    case .exp2: mapped(Double.self, into: out) { Foundation.exp2($0) }
    case .log: mapped(Double.self, into: out) { Foundation.log($0) }
    case .log2: mapped(Double.self, into: out) { Foundation.log2($0) }
    case .log10: mapped(Double.self, into: out) { Foundation.log10($0) }
    case .log1p: mapped(Double.self, into: out) { Foundation.log1p($0) }
    case .expm1: mapped(Double.self, into: out) { Foundation.expm1($0) }
    case .sqrt: mapped(Double.self, into: out) { $0.squareRoot() }
    case .cbrt: mapped(Double.self, into: out) { Foundation.cbrt($0) }
    case .sin: mapped(Double.self, into: out) { Foundation.sin($0) }
    case .cos: mapped(Double.self, into: out) { Foundation.cos($0) }
    case .tan: mapped(Double.self, into: out) { Foundation.tan($0) }
    case .arcsin: mapped(Double.self, into: out) { Foundation.asin($0) }
    case .arccos: mapped(Double.self, into: out) { Foundation.acos($0) }
    case .arctan: mapped(Double.self, into: out) { Foundation.atan($0) }
    case .sinh: mapped(Double.self, into: out) { Foundation.sinh($0) }
    case .cosh: mapped(Double.self, into: out) { Foundation.cosh($0) }
    case .tanh: mapped(Double.self, into: out) { Foundation.tanh($0) }
    case .arcsinh: mapped(Double.self, into: out) { Foundation.asinh($0) }
    case .arccosh: mapped(Double.self, into: out) { Foundation.acosh($0) }
    case .arctanh: mapped(Double.self, into: out) { Foundation.atanh($0) }
    case .deg2rad: mapped(Double.self, into: out) { $0 * (Double.pi / 180) }
    case .rad2deg: mapped(Double.self, into: out) { $0 * (180 / Double.pi) }
    case .floor: mapped(Double.self, into: out) { $0.rounded(.down) }
    case .ceil: mapped(Double.self, into: out) { $0.rounded(.up) }
    case .trunc: mapped(Double.self, into: out) { $0.rounded(.towardZero) }
    case .rint: mapped(Double.self, into: out) { $0.rounded(.toNearestOrEven) }
    case .sigmoid:
      if VectorKernels.available {
        mapped(Double.self, into: out) { v in VectorKernels.sigmoid(v) }
      } else {
        mapped(Double.self, into: out, NDArray.sigmoid)
      }
    case .isnan, .isinf, .isfinite, .signbit, .logicalNot, .invert:
      // Handled before: predicates return bool, invert has no float loop.
      break
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

  /// A fresh array of this shape and `result` dtype laid out like this one.
  func mapOutput(_ result: DType) throws(TensorError) -> NDArray {
    isContiguous
      ? try NDArray(uninitializedLike: self, dtype: result)
      : try IterationOrder.output(shape, dtype: result, like: [self])
  }

  /// `f` over every element into a fresh array of `result` dtype laid out like this one.
  @inline(__always)
  func mapped<T, R>(_: T.Type, _ result: DType, _ f: (T) -> R) throws(TensorError) -> NDArray {
    let out = try mapOutput(result)
    mapped(T.self, into: out, f)
    return out
  }

  /// `f` over every element into `out`, made by `mapOutput`.
  @inline(__always)
  func mapped<T, R>(_: T.Type, into out: NDArray, _ f: (T) -> R) {
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
  }

  /// sigmoid without the vector kernel: `1 / (1 + exp(-v))`, NumPy's bits for the formula
  /// tutorials write, without its overflow: where exp(-v) is infinite the formula's 0.
  static func sigmoid(_ v: Double) -> Double {
    v >= -709.782712893384 ? 1 / (1 + Foundation.exp(-v)) : v.isNaN ? v : 0
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

/// Whether NNVectorMath's kernels run here (x86-64 with AVX-512, where NumPy runs SVML's), and
/// scalar entry points to them for strided arrays.
enum VectorKernels {
  static let available = nn_cpu_has_avx512f() != 0
  /// From this many elements exp and sigmoid split the work over two cores.
  static let parallelCount = 1 << 20
  static let cores = ProcessInfo.processInfo.activeProcessorCount

  /// exp or sigmoid of `n` contiguous elements; whether any took the slow path.
  @discardableResult
  static func run(_ isExp: Bool, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
    isExp
      ? VectorMath.exp(x, y, count: n) { Foundation.exp($0) }
      : VectorMath.sigmoid(x, y, count: n, slow: NDArray.sigmoid)
  }

  static func exp(_ v: Double) -> Double {
    var x = v
    var y = 0.0
    VectorMath.exp(&x, &y, count: 1) { Foundation.exp($0) }
    return y
  }

  static func sigmoid(_ v: Double) -> Double {
    var x = v
    var y = 0.0
    VectorMath.sigmoid(&x, &y, count: 1, slow: NDArray.sigmoid)
    return y
  }
}

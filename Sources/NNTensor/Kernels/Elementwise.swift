import Foundation

/// NumPy's binary ufuncs that nn offers.
public enum BinaryOperator: String, Sendable, CaseIterable {
  case add, subtract, multiply, divide
  case floorDivide = "floor_divide"
  case remainder, fmod, power
  case maximum, minimum, fmax, fmin
  case arctan2, hypot, copysign
  case less
  case lessEqual = "less_equal"
  case greater
  case greaterEqual = "greater_equal"
  case equal
  case notEqual = "not_equal"
  case bitwiseAnd = "bitwise_and"
  case bitwiseOr = "bitwise_or"
  case bitwiseXor = "bitwise_xor"
  case leftShift = "left_shift"
  case rightShift = "right_shift"
  case logicalAnd = "logical_and"
  case logicalOr = "logical_or"
  case logicalXor = "logical_xor"

  var isComparison: Bool {
    switch self {
    case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd, .logicalOr, .logicalXor: true
    default: false
    }
  }

  /// Whether NumPy checks the floating-point flags after the loop (comparisons and min/max
  /// never warn, even on NaN).
  var reportsFloatingPointErrors: Bool {
    switch self {
    case .add, .subtract, .multiply, .divide, .floorDivide, .remainder, .fmod, .power, .arctan2, .hypot: true
    default: false
    }
  }

  /// The dtype the operation computes in and returns, by NumPy's rules. NumPy gives bool
  /// operands of `//`, `%`, `**` and the shifts int8 results, and of the float functions
  /// float16: nn has neither, and uses int64 and float64.
  func resultType(_ a: DType, _ b: DType) throws(TensorError) -> (compute: DType, result: DType) {
    let common = DType.promoted(a, b)
    if isComparison {
      return (self == .logicalAnd || self == .logicalOr || self == .logicalXor ? .bool : common, .bool)
    }
    switch self {
    case .divide, .arctan2, .hypot, .copysign: return (.float64, .float64)
    case .subtract where common == .bool:
      throw TensorError(
        .typeError,
        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."
      )
    case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .leftShift, .rightShift:
      if common == .float64 { throw unsupportedTypes() }
      return self == .leftShift || self == .rightShift ? (.int64, .int64) : (common, common)
    case .floorDivide, .remainder, .fmod, .power:
      return common == .bool ? (.int64, .int64) : (common, common)
    default: return (common, common)
    }
  }

  func unsupportedTypes() -> TensorError {
    TensorError(
      .typeError,
      "ufunc '\(rawValue)' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    )
  }
}

extension NDArray {
  /// `a op b` with broadcasting, into a fresh array laid out like its operands.
  public static func apply(_ op: BinaryOperator, _ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    var warnings = Warnings()
    return try apply(op, a, b, warnings: &warnings)
  }

  /// `a op b`, recording the RuntimeWarnings NumPy would issue into `warnings`.
  public static func apply(
    _ op: BinaryOperator, _ a: NDArray, _ b: NDArray, warnings: inout Warnings
  ) throws(TensorError) -> NDArray {
    let (compute, result) = try op.resultType(a.dtype, b.dtype)
    let shape = a.shape == b.shape ? a.shape : try Layout.broadcastShape([a.shape, b.shape])
    let x = a.astype(compute)
    let y = b.astype(compute)
    // `a ** 2`, `a ** -1`, `a ** 0.5` are square, reciprocal and sqrt in NumPy (bit for bit).
    if op == .power && compute == .float64 && y.count == 1 && y.ndim <= x.ndim, let e = y.item?.doubleValue {
      let fast: UnaryOperator? = e == 2 ? .square : e == -1 ? .reciprocal : e == 0.5 ? .sqrt : nil
      if let fast { return try x.broadcast(to: shape).map(fast, warnings: &warnings) }
    }
    let out: NDArray
    if a.shape == b.shape && a.isContiguous {
      out = try NDArray(uninitializedLike: a, dtype: result)
    } else if b.count == 1 && a.ndim >= b.ndim && a.isContiguous {
      out = try NDArray(uninitializedLike: a, dtype: result)
    } else {
      out = try IterationOrder.output(shape, dtype: result, like: [a, b])
    }
    let errors = try run(op, x, y, into: out)
    warnings.record(errors, in: op.rawValue)
    return out
  }

  /// `a op= b`: writes into `self` (and every view of its storage), as NumPy's in-place
  /// operators do. The result must keep `self`'s shape and fit its dtype.
  public func applyInPlace(_ op: BinaryOperator, _ b: NDArray) throws(TensorError) {
    var warnings = Warnings()
    try applyInPlace(op, b, warnings: &warnings)
  }

  /// `a op= b`, recording RuntimeWarnings into `warnings`.
  public func applyInPlace(_ op: BinaryOperator, _ b: NDArray, warnings: inout Warnings) throws(TensorError) {
    guard isWritable else { throw TensorError(.valueError, "output array is read-only") }
    let (compute, result) = try op.resultType(dtype, b.dtype)
    let shape = try Layout.broadcastShape([self.shape, b.shape])
    guard shape == self.shape else {
      throw TensorError(
        .valueError,
        "non-broadcastable output operand with shape \(TensorError.compact(self.shape)) doesn't match the broadcast shape \(TensorError.compact(shape))"
      )
    }
    guard result <= dtype else {
      throw TensorError(
        .typeError,
        "Cannot cast ufunc '\(op.rawValue)' output from dtype('\(result)') to dtype('\(dtype)') with casting rule 'same_kind'"
      )
    }
    // An operand that overlaps the output is read from a copy, as NumPy buffers it.
    let right = b.sharesStorage(with: self) ? b.copy() : b
    let errors: FloatingPointErrors
    if result == dtype && compute == dtype {
      errors = try NDArray.run(op, self, right.astype(compute), into: self)
    } else {
      let tmp = try NDArray(uninitialized: shape, dtype: result)
      errors = try NDArray.run(op, astype(compute), right.astype(compute), into: tmp)
      tmp.cast(into: self)
    }
    warnings.record(errors, in: op.rawValue)
  }

  /// Runs the loop for operands already in the compute dtype; returns the conditions raised.
  static func run(
    _ op: BinaryOperator, _ a: NDArray, _ b: NDArray, into out: NDArray
  ) throws(TensorError)
    -> FloatingPointErrors
  {
    switch (a.dtype, out.dtype) {
    case (.float64, .float64): return runFloat(op, a, b, out)
    case (.float64, .bool): loop(a, b, out, compareOp(op) as (Double, Double) -> Bool)
    case (.int64, .int64): return try runInt(op, a, b, out)
    case (.int64, .bool): loop(a, b, out, compareOp(op) as (Int64, Int64) -> Bool)
    case (.bool, .bool): try runBool(op, a, b, out)
    default:
      throw TensorError(.typeError, "ufunc '\(op.rawValue)' did not contain a loop with signature matching types")
    }
    return []
  }

  static func runFloat(_ op: BinaryOperator, _ a: NDArray, _ b: NDArray, _ out: NDArray) -> FloatingPointErrors {
    var explicit: FloatingPointErrors = []
    // maximum, minimum and their NaN-ignoring kin never warn: no flags to read.
    guard op.reportsFloatingPointErrors else {
      floatKernel(op, a, b, out, &explicit)
      return []
    }
    let repeatable = !out.sharesStorage(with: a) && !out.sharesStorage(with: b)
    return FloatingPointErrors.raised(writing: out, repeatable: repeatable) { () -> Void in
      floatKernel(op, a, b, out, &explicit)
    }.union(explicit)
  }

  @inline(__always)
  static func floatKernel(
    _ op: BinaryOperator, _ a: NDArray, _ b: NDArray, _ out: NDArray, _ explicit: inout FloatingPointErrors
  ) {
    switch op {
    case .add: loop(a, b, out) { (x: Double, y: Double) in x + y }
    case .subtract: loop(a, b, out) { (x: Double, y: Double) in x - y }
    case .multiply: loop(a, b, out) { (x: Double, y: Double) in x * y }
    case .divide: loop(a, b, out) { (x: Double, y: Double) in x / y }
    case .floorDivide: loop(a, b, out) { (x: Double, y: Double) in FloatDivision.floorDivide(x, y, &explicit) }
    case .remainder: loop(a, b, out) { (x: Double, y: Double) in FloatDivision.remainder(x, y) }
    case .fmod: loop(a, b, out) { (x: Double, y: Double) in Foundation.fmod(x, y) }
    case .power: loop(a, b, out) { (x: Double, y: Double) in Foundation.pow(x, y) }
    case .arctan2: loop(a, b, out) { (y: Double, x: Double) in Foundation.atan2(y, x) }
    case .hypot: loop(a, b, out) { (x: Double, y: Double) in Foundation.hypot(x, y) }
    case .copysign: loop(a, b, out) { (x: Double, y: Double) in Foundation.copysign(x, y) }
    // NaN wins in maximum/minimum and loses in fmax/fmin; a tie (0 and -0) gives the second
    // operand, as NumPy's loops do.
    case .maximum: loop(a, b, out) { (x: Double, y: Double) in x > y || x.isNaN ? x : y }
    case .minimum: loop(a, b, out) { (x: Double, y: Double) in x < y || x.isNaN ? x : y }
    case .fmax: loop(a, b, out) { (x: Double, y: Double) in x > y || y.isNaN ? x : y }
    case .fmin: loop(a, b, out) { (x: Double, y: Double) in x < y || y.isNaN ? x : y }
    default: break
    }
  }

  static func runInt(
    _ op: BinaryOperator, _ a: NDArray, _ b: NDArray, _ out: NDArray
  ) throws(TensorError)
    -> FloatingPointErrors
  {
    var errors: FloatingPointErrors = []
    switch op {
    case .add: loop(a, b, out) { (x: Int64, y: Int64) in x &+ y }
    case .subtract: loop(a, b, out) { (x: Int64, y: Int64) in x &- y }
    case .multiply: loop(a, b, out) { (x: Int64, y: Int64) in x &* y }
    case .floorDivide: loop(a, b, out) { (x: Int64, y: Int64) in IntDivision.floorDivide(x, y, &errors) }
    case .remainder: loop(a, b, out) { (x: Int64, y: Int64) in IntDivision.remainder(x, y, &errors) }
    case .fmod: loop(a, b, out) { (x: Int64, y: Int64) in IntDivision.fmod(x, y, &errors) }
    case .power:
      if b.containsNegative() {
        throw TensorError(.valueError, "Integers to negative integer powers are not allowed.")
      }
      loop(a, b, out) { (x: Int64, y: Int64) in IntDivision.power(x, y) }
    case .maximum, .fmax: loop(a, b, out) { (x: Int64, y: Int64) in Swift.max(x, y) }
    case .minimum, .fmin: loop(a, b, out) { (x: Int64, y: Int64) in Swift.min(x, y) }
    case .bitwiseAnd: loop(a, b, out) { (x: Int64, y: Int64) in x & y }
    case .bitwiseOr: loop(a, b, out) { (x: Int64, y: Int64) in x | y }
    case .bitwiseXor: loop(a, b, out) { (x: Int64, y: Int64) in x ^ y }
    // C's shifts by a count outside 0..<64 are undefined; NumPy defines them as all bits
    // shifted out (0, or -1 for a negative number shifted right).
    case .leftShift: loop(a, b, out) { (x: Int64, y: Int64) in UInt64(bitPattern: y) < 64 ? x << y : 0 }
    case .rightShift:
      loop(a, b, out) { (x: Int64, y: Int64) in UInt64(bitPattern: y) < 64 ? x >> y : (x < 0 ? -1 : 0) }
    default: throw TensorError(.typeError, "ufunc '\(op.rawValue)' not supported for int64")
    }
    return errors
  }

  static func runBool(_ op: BinaryOperator, _ a: NDArray, _ b: NDArray, _ out: NDArray) throws(TensorError) {
    switch op {
    case .add, .bitwiseOr, .logicalOr, .maximum, .fmax: loop(a, b, out) { (x: Bool, y: Bool) in x || y }
    case .multiply, .bitwiseAnd, .logicalAnd, .minimum, .fmin: loop(a, b, out) { (x: Bool, y: Bool) in x && y }
    case .bitwiseXor, .logicalXor, .notEqual: loop(a, b, out) { (x: Bool, y: Bool) in x != y }
    case .equal: loop(a, b, out) { (x: Bool, y: Bool) in x == y }
    case .less: loop(a, b, out) { (x: Bool, y: Bool) in !x && y }
    case .lessEqual: loop(a, b, out) { (x: Bool, y: Bool) in !x || y }
    case .greater: loop(a, b, out) { (x: Bool, y: Bool) in x && !y }
    case .greaterEqual: loop(a, b, out) { (x: Bool, y: Bool) in x || !y }
    default:
      throw TensorError(
        .typeError, "ufunc '\(op.rawValue)' did not contain a loop with signature matching types (bool, bool)")
    }
  }

  static func compareOp<T: Comparable & Numeric>(_ op: BinaryOperator) -> (T, T) -> Bool {
    switch op {
    case .less: { $0 < $1 }
    case .lessEqual: { $0 <= $1 }
    case .greater: { $0 > $1 }
    case .greaterEqual: { $0 >= $1 }
    case .equal: { $0 == $1 }
    case .logicalAnd: { $0 != 0 && $1 != 0 }
    case .logicalOr: { $0 != 0 || $1 != 0 }
    case .logicalXor: { ($0 != 0) != ($1 != 0) }
    default: { $0 != $1 }
    }
  }

  /// Whether `row`'s shape, leading 1s aside, is the trailing part of `out`'s: broadcasting
  /// repeats it whole along the leading axes.
  static func isTrailingRow(_ row: NDArray, of out: NDArray) -> Bool {
    let own = row.shape.drop { $0 == 1 }
    guard own.count <= out.ndim, !own.isEmpty else { return false }
    return Array(out.shape.suffix(own.count)) == Array(own)
  }

  /// Whether an int64 array holds a negative element.
  func containsNegative() -> Bool {
    let p = pointer(Int64.self)
    var found = false
    Layout.forEachOffset(shape, strides, offset) { o in if p[o] < 0 { found = true } }
    return found
  }

  /// The broadcasting loop: contiguous, scalar and same-layout fast paths, offsets otherwise.
  @inline(__always)
  static func loop<T, R>(_ a: NDArray, _ b: NDArray, _ out: NDArray, _ f: (T, T) -> R) {
    let pa = a.pointer(T.self)
    let pb = b.pointer(T.self)
    let po = out.pointer(R.self)
    let n = out.count
    if out.isContiguous && a.count == n && b.count == n && a.isContiguous && b.isContiguous {
      let x = pa + a.offset
      let y = pb + b.offset
      let z = po + out.offset
      for i in 0..<n { z[i] = f(x[i], y[i]) }
      return
    }
    if out.isContiguous && b.count == 1 && a.count == n && a.isContiguous {
      let x = pa + a.offset
      let s = pb[b.offset]
      let z = po + out.offset
      for i in 0..<n { z[i] = f(x[i], s) }
      return
    }
    if out.isContiguous && a.count == 1 && b.count == n && b.isContiguous {
      let s = pa[a.offset]
      let y = pb + b.offset
      let z = po + out.offset
      for i in 0..<n { z[i] = f(s, y[i]) }
      return
    }
    // A fresh output laid out like both operands (say, all transposed) walks memory in order.
    if out.offset == 0 && out.storage.byteCount == n * MemoryLayout<R>.stride && a.strides == out.strides
      && b.strides == out.strides && a.shape == out.shape && b.shape == out.shape
    {
      let x = pa + a.offset
      let y = pb + b.offset
      for i in 0..<n { po[i] = f(x[i], y[i]) }
      return
    }
    // A matrix and a row broadcast along it (`X + b`, `b + X`): one contiguous run per row.
    let z = po + out.offset
    @inline(__always) func alongRows(
      _ full: UnsafeMutablePointer<T>, _ row: UnsafeMutablePointer<T>, _ m: Int, _ g: (T, T) -> R
    ) {
      var start = 0
      while start < n {
        for j in 0..<m { z[start + j] = g(full[start + j], row[j]) }
        start += m
      }
    }
    if out.isContiguous && a.count == n && a.isContiguous && b.isContiguous && b.count > 1
      && NDArray.isTrailingRow(b, of: out)
    {
      alongRows(pa + a.offset, pb + b.offset, b.count, f)
      return
    }
    if out.isContiguous && b.count == n && b.isContiguous && a.isContiguous && a.count > 1
      && NDArray.isTrailingRow(a, of: out)
    {
      alongRows(pb + b.offset, pa + a.offset, a.count) { full, row in f(row, full) }
      return
    }
    let sa = Layout.broadcastStrides(a.shape, a.strides, to: out.shape)
    let sb = Layout.broadcastStrides(b.shape, b.strides, to: out.shape)
    Layout.forEachOffset3(out.shape, sa, a.offset, sb, b.offset, out.strides, out.offset) { i, j, k in
      po[k] = f(pa[i], pb[j])
    }
  }
}

/// NumPy's float `//` and `%` (npy_divmod): Python's floor semantics, the quotient snapped to
/// the nearest integer, signed zeros kept.
enum FloatDivision {
  @inline(__always)
  static func divmod(_ a: Double, _ b: Double) -> (quotient: Double, remainder: Double) {
    var mod = Foundation.fmod(a, b)
    if b == 0 { return (a / b, mod) }
    var div = (a - mod) / b
    if mod != 0 {
      if (b < 0) != (mod < 0) {
        mod += b
        div -= 1
      }
    } else {
      mod = Foundation.copysign(0, b)
    }
    var floorDiv: Double
    if div != 0 {
      floorDiv = div.rounded(.down)
      if div - floorDiv > 0.5 { floorDiv += 1 }
    } else {
      floorDiv = Foundation.copysign(0, a / b)
    }
    return (floorDiv, mod)
  }

  @inline(__always)
  static func floorDivide(_ a: Double, _ b: Double, _ errors: inout FloatingPointErrors) -> Double {
    if b == 0 {
      // NumPy flags these itself: inf / 0 and nan / 0 raise nothing in hardware.
      errors.insert(a == 0 || a.isNaN ? .invalid : .divideByZero)
      return a / b
    }
    return divmod(a, b).quotient
  }

  /// The remainder alone: NumPy does not compute the quotient here (which could overflow).
  @inline(__always)
  static func remainder(_ a: Double, _ b: Double) -> Double {
    var mod = Foundation.fmod(a, b)
    if b == 0 { return mod }
    if mod != 0 {
      if (b < 0) != (mod < 0) { mod += b }
    } else {
      mod = Foundation.copysign(0, b)
    }
    return mod
  }
}

/// NumPy's integer `//`, `%`, `fmod` and `**`: division by zero gives 0 and a warning,
/// INT64_MIN // -1 wraps with an overflow warning.
enum IntDivision {
  @inline(__always)
  static func floorDivide(_ x: Int64, _ y: Int64, _ errors: inout FloatingPointErrors) -> Int64 {
    if y == 0 {
      errors.insert(.divideByZero)
      return 0
    }
    if x == .min && y == -1 {
      errors.insert(.overflow)
      return .min
    }
    let q = x / y
    return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q
  }

  @inline(__always)
  static func remainder(_ x: Int64, _ y: Int64, _ errors: inout FloatingPointErrors) -> Int64 {
    if y == 0 {
      errors.insert(.divideByZero)
      return 0
    }
    if y == -1 { return 0 }
    let m = x % y
    return (m != 0 && ((m < 0) != (y < 0))) ? m + y : m
  }

  @inline(__always)
  static func fmod(_ x: Int64, _ y: Int64, _ errors: inout FloatingPointErrors) -> Int64 {
    if y == 0 {
      errors.insert(.divideByZero)
      return 0
    }
    return y == -1 ? 0 : x % y
  }

  /// Exponentiation by squaring, wrapping on overflow as NumPy's does. The exponent is >= 0.
  @inline(__always)
  static func power(_ base: Int64, _ exponent: Int64) -> Int64 {
    var r: Int64 = 1
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { r = r &* b }
      b = b &* b
      e >>= 1
    }
    return r
  }
}

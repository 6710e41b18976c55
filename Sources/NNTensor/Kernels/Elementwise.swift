import Foundation

/// NumPy's binary ufuncs that nn offers.
public enum BinaryOperator: String, Sendable {
  case add, subtract, multiply, divide
  case floorDivide = "floor_divide"
  case remainder, power
  case maximum, minimum
  case less
  case lessEqual = "less_equal"
  case greater
  case greaterEqual = "greater_equal"
  case equal
  case notEqual = "not_equal"
  case bitwiseAnd = "bitwise_and"
  case bitwiseOr = "bitwise_or"
  case bitwiseXor = "bitwise_xor"
  case logicalAnd = "logical_and"
  case logicalOr = "logical_or"
  case logicalXor = "logical_xor"

  var isComparison: Bool {
    switch self {
    case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd, .logicalOr, .logicalXor: true
    default: false
    }
  }

  /// The dtype the operation computes in and returns, by NumPy's rules.
  func resultType(_ a: DType, _ b: DType) throws(TensorError) -> (compute: DType, result: DType) {
    let common = DType.promoted(a, b)
    if isComparison {
      return (self == .logicalAnd || self == .logicalOr || self == .logicalXor ? .bool : common, .bool)
    }
    switch self {
    case .divide: return (.float64, .float64)
    case .subtract where common == .bool:
      throw TensorError(
        .typeError,
        "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."
      )
    case .bitwiseAnd, .bitwiseOr, .bitwiseXor:
      if common == .float64 {
        throw TensorError(
          .typeError,
          "ufunc '\(rawValue)' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
        )
      }
      return (common, common)
    case .floorDivide, .remainder, .power:
      return common == .bool ? (.int64, .int64) : (common, common)
    default: return (common, common)
    }
  }
}

/// NumPy's unary ufuncs that nn offers.
public enum UnaryOperator: String, Sendable {
  case negative, absolute, exp, log, log2, log10, log1p, expm1, sqrt, square, sin, cos, tan
  case arctan, tanh, sinh, cosh, sign, floor, ceil, trunc, rint, sigmoid
}

extension NDArray {
  /// `a op b` with broadcasting, into a fresh array.
  public static func apply(_ op: BinaryOperator, _ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    let (compute, result) = try op.resultType(a.dtype, b.dtype)
    let out: NDArray
    if a.shape == b.shape {
      out = a.isContiguous ? try NDArray(uninitializedLike: a, dtype: result) : try NDArray(uninitialized: a.shape, dtype: result)
    } else if b.count == 1 && a.ndim >= b.ndim && a.isContiguous {
      out = try NDArray(uninitializedLike: a, dtype: result)
    } else {
      out = try NDArray(uninitialized: try Layout.broadcastShape([a.shape, b.shape]), dtype: result)
    }
    try run(op, a.astype(compute), b.astype(compute), into: out)
    return out
  }

  /// `a op= b`: writes into `self` (and every view of its storage), as NumPy's in-place
  /// operators do. The result must keep `self`'s shape and fit its dtype.
  public func applyInPlace(_ op: BinaryOperator, _ b: NDArray) throws(TensorError) {
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
    if result == dtype && compute == dtype {
      try NDArray.run(op, self, right.astype(compute), into: self)
    } else {
      let tmp = try NDArray(uninitialized: shape, dtype: result)
      try NDArray.run(op, astype(compute), right.astype(compute), into: tmp)
      tmp.cast(into: self)
    }
  }

  static func run(_ op: BinaryOperator, _ a: NDArray, _ b: NDArray, into out: NDArray) throws(TensorError) {
    switch (a.dtype, out.dtype) {
    case (.float64, .float64): loop(a, b, out, floatOp(op))
    case (.float64, .bool): loop(a, b, out, compareOp(op) as (Double, Double) -> Bool)
    case (.int64, .int64): loop(a, b, out, try intOp(op))
    case (.int64, .bool): loop(a, b, out, compareOp(op) as (Int64, Int64) -> Bool)
    case (.bool, .bool):
      switch op {
      case .add, .bitwiseOr, .logicalOr, .maximum: loop(a, b, out) { (x: Bool, y: Bool) in x || y }
      case .multiply, .bitwiseAnd, .logicalAnd, .minimum: loop(a, b, out) { (x: Bool, y: Bool) in x && y }
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
    default:
      throw TensorError(.typeError, "ufunc '\(op.rawValue)' did not contain a loop with signature matching types")
    }
  }

  static func floatOp(_ op: BinaryOperator) -> (Double, Double) -> Double {
    switch op {
    case .add: { $0 + $1 }
    case .subtract: { $0 - $1 }
    case .multiply: { $0 * $1 }
    case .divide: { $0 / $1 }
    case .floorDivide:
      { x, y in
        if y == 0 { return x / y }
        let m = fmod(x, y)
        var d = (x - m) / y
        if m != 0 && ((y < 0) != (m < 0)) { d -= 1 }
        if d == 0 { return copysign(0, x / y) }
        let f = d.rounded(.down)
        return d - f > 0.5 ? f + 1 : f
      }
    case .remainder:
      { x, y in
        if y == 0 { return .nan }
        var m = fmod(x, y)
        if m != 0 { if (y < 0) != (m < 0) { m += y } } else { m = copysign(0, y) }
        return m
      }
    case .power: { Foundation.pow($0, $1) }
    case .maximum: { x, y in x.isNaN || y.isNaN ? .nan : Swift.max(x, y) }
    case .minimum: { x, y in x.isNaN || y.isNaN ? .nan : Swift.min(x, y) }
    default: { _, _ in .nan }
    }
  }

  static func intOp(_ op: BinaryOperator) throws(TensorError) -> (Int64, Int64) -> Int64 {
    switch op {
    case .add: { $0 &+ $1 }
    case .subtract: { $0 &- $1 }
    case .multiply: { $0 &* $1 }
    case .floorDivide:
      { x, y in
        if y == 0 || (x == .min && y == -1) { return y == 0 ? 0 : .min }
        let q = x / y
        return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q
      }
    case .remainder:
      { x, y in
        if y == 0 || y == -1 { return 0 }
        let m = x % y
        return (m != 0 && ((m < 0) != (y < 0))) ? m + y : m
      }
    case .power:
      { base, exp in
        if exp < 0 { return 0 }
        var r: Int64 = 1
        var b = base
        var e = exp
        while e > 0 {
          if e & 1 == 1 { r = r &* b }
          b = b &* b
          e >>= 1
        }
        return r
      }
    case .maximum: { Swift.max($0, $1) }
    case .minimum: { Swift.min($0, $1) }
    case .bitwiseAnd: { $0 & $1 }
    case .bitwiseOr: { $0 | $1 }
    case .bitwiseXor: { $0 ^ $1 }
    default: throw TensorError(.typeError, "ufunc '\(op.rawValue)' not supported for int64")
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

  /// The broadcasting loop: contiguous and scalar fast paths, offsets otherwise.
  @inline(__always)
  static func loop<T, R>(_ a: NDArray, _ b: NDArray, _ out: NDArray, _ f: (T, T) -> R) {
    let pa = a.pointer(T.self)
    let pb = b.pointer(T.self)
    let po = out.pointer(R.self)
    let n = out.count
    if out.isContiguous && a.count == n && b.count == n && a.isContiguous && b.isContiguous && out.offset == 0 {
      let x = pa + a.offset
      let y = pb + b.offset
      for i in 0..<n { po[i] = f(x[i], y[i]) }
      return
    }
    if out.isContiguous && out.offset == 0 && b.count == 1 && a.count == n && a.isContiguous {
      let x = pa + a.offset
      let s = pb[b.offset]
      for i in 0..<n { po[i] = f(x[i], s) }
      return
    }
    if out.isContiguous && out.offset == 0 && a.count == 1 && b.count == n && b.isContiguous {
      let s = pa[a.offset]
      let y = pb + b.offset
      for i in 0..<n { po[i] = f(s, y[i]) }
      return
    }
    let sa = Layout.broadcastStrides(a.shape, a.strides, to: out.shape)
    let sb = Layout.broadcastStrides(b.shape, b.strides, to: out.shape)
    Layout.forEachOffset3(out.shape, sa, a.offset, sb, b.offset, out.strides, out.offset) { i, j, k in
      po[k] = f(pa[i], pb[j])
    }
  }

  /// Elementwise unary functions; integer input computes in float64 except where NumPy keeps ints.
  public func map(_ op: UnaryOperator) throws(TensorError) -> NDArray {
    if dtype != .float64 {
      switch op {
      case .negative:
        if dtype == .bool {
          throw TensorError(
            .typeError,
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."
          )
        }
        return try mapped(Int64.self, .int64) { 0 &- $0 }
      case .absolute: return dtype == .bool ? copy() : try mapped(Int64.self, .int64) { $0 < 0 ? 0 &- $0 : $0 }
      case .square: return try astype(.int64).mapped(Int64.self, .int64) { $0 &* $0 }
      case .sign: return try astype(.int64).mapped(Int64.self, .int64) { $0.signum() }
      default: break
      }
    }
    let x = astype(.float64)
    let f: (Double) -> Double
    switch op {
    case .negative: f = { -$0 }
    case .absolute: f = { Swift.abs($0) }
    case .exp: f = { Foundation.exp($0) }
    case .log: f = { Foundation.log($0) }
    case .log2: f = { Foundation.log2($0) }
    case .log10: f = { Foundation.log10($0) }
    case .log1p: f = { Foundation.log1p($0) }
    case .expm1: f = { Foundation.expm1($0) }
    case .sqrt: f = { $0.squareRoot() }
    case .square: f = { $0 * $0 }
    case .sin: f = { Foundation.sin($0) }
    case .cos: f = { Foundation.cos($0) }
    case .tan: f = { Foundation.tan($0) }
    case .arctan: f = { Foundation.atan($0) }
    case .tanh: f = { Foundation.tanh($0) }
    case .sinh: f = { Foundation.sinh($0) }
    case .cosh: f = { Foundation.cosh($0) }
    case .sign: f = { $0.isNaN ? .nan : $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }
    case .floor: f = { $0.rounded(.down) }
    case .ceil: f = { $0.rounded(.up) }
    case .trunc: f = { $0.rounded(.towardZero) }
    case .rint: f = { $0.rounded(.toNearestOrEven) }
    case .sigmoid:
      // Overflow-safe in one pass: never evaluates exp of a large positive number.
      f = { v in
        if v >= 0 { return 1 / (1 + Foundation.exp(-v)) }
        let e = Foundation.exp(v)
        return e / (1 + e)
      }
    }
    return try x.mapped(Double.self, .float64, f)
  }

  @inline(__always)
  func mapped<T, R>(_: T.Type, _ result: DType, _ f: (T) -> R) throws(TensorError) -> NDArray {
    let out = isContiguous ? try NDArray(uninitializedLike: self, dtype: result) : try NDArray(uninitialized: shape, dtype: result)
    let p = pointer(T.self)
    let po = out.pointer(R.self)
    if isContiguous {
      let x = p + offset
      for i in 0..<count { po[i] = f(x[i]) }
    } else {
      var k = 0
      Layout.forEachOffset(shape, strides, offset) { o in
        po[k] = f(p[o])
        k += 1
      }
    }
    return out
  }

  public func negated() throws(TensorError) -> NDArray { try map(.negative) }
  public func absolute() -> NDArray { (try? map(.absolute)) ?? copy() }

  public func inverted() throws(TensorError) -> NDArray {
    switch dtype {
    case .bool: return try mapped(Bool.self, .bool) { !$0 }
    case .int64: return try mapped(Int64.self, .int64) { ~$0 }
    case .float64:
      throw TensorError(
        .typeError,
        "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
      )
    }
  }

  /// A C-contiguous copy with its own storage.
  public func copy() -> NDArray {
    // The copy has the size of an array that already exists: it cannot exceed the limit.
    let out = try! NDArray(uninitialized: shape, dtype: dtype)
    cast(into: out)
    return out
  }

  /// This array as `dtype`: itself when it already is, else a converted copy.
  public func astype(_ target: DType) -> NDArray {
    if target == dtype { return self }
    let out = try! NDArray(uninitialized: shape, dtype: target)
    cast(into: out)
    return out
  }

  /// Writes this array's elements, converted, into `out` (same shape), in C order.
  func cast(into out: NDArray) {
    func write<T>(_ convert: (Scalar) -> T) {
      let po = out.pointer(T.self)
      var k = 0
      Layout.forEachOffset(shape, strides, offset) { o in
        po[out.isContiguous ? out.offset + k : out.offsetOf(flat: k)] = convert(scalar(atOffset: o))
        k += 1
      }
    }
    if dtype == out.dtype && isContiguous && out.isContiguous {
      (out.storage.raw + out.offset * dtype.itemSize).copyMemory(
        from: storage.raw + offset * dtype.itemSize, byteCount: count * dtype.itemSize)
      return
    }
    switch out.dtype {
    case .float64: write { $0.doubleValue }
    case .int64:
      write { s -> Int64 in
        switch s {
        case .int(let i): i
        case .bool(let b): b ? 1 : 0
        case .float(let d): d.isFinite && Swift.abs(d) < 9.2e18 ? Int64(d.rounded(.towardZero)) : .min
        }
      }
    case .bool: write { $0.doubleValue != 0 }
    }
  }

  /// The storage offset of the element at a C-order flat index.
  func offsetOf(flat index: Int) -> Int {
    var rest = index
    var o = offset
    for axis in stride(from: ndim - 1, through: 0, by: -1) {
      let d = shape[axis]
      o += (rest % d) * strides[axis]
      rest /= d
    }
    return o
  }

  public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float64) throws(TensorError) -> NDArray {
    let a = try NDArray(uninitialized: shape, dtype: dtype)
    switch dtype {
    case .float64: a.pointer(Double.self).update(repeating: value, count: a.count)
    case .int64: a.pointer(Int64.self).update(repeating: Int64(value), count: a.count)
    case .bool: a.pointer(Bool.self).update(repeating: value != 0, count: a.count)
    }
    return a
  }
}

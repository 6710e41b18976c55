/// The `ord` of `norm`: a number (Python int or float: NumPy treats `-1` and `-1.0`
/// differently on one fast path) or a name such as `'fro'` and `'nuc'`.
public enum NormOrder: Equatable, Sendable {
  case int(Int)
  case float(Double)
  case name(String)

  var number: Double? {
    switch self {
    case .int(let i): Double(i)
    case .float(let d): d
    case .name: nil
    }
  }

  func isNumber(_ v: Double) -> Bool { number == v }
  var isFrobenius: Bool { self == .name("fro") || self == .name("f") }
}

extension Linalg {
  /// `norm(x, ord, axis, keepdims)`: vector norms over one axis, matrix norms over two,
  /// computed by NumPy's formulas in NumPy's order. `axis` nil means every axis (a vector
  /// or matrix norm by the array's rank).
  public static func norm(
    _ x: NDArray, ord: NormOrder? = nil, axis: [Int]? = nil, keepDims: Bool = false
  ) throws(TensorError) -> NDArray {
    let x = x.astype(.float64)
    let nd = x.ndim
    if axis == nil && (ord == nil || (ord?.isFrobenius == true && nd == 2) || (ord?.isNumber(2) == true && nd == 1)) {
      // sqrt(x·x) over the elements in memory order, by BLAS's dot as NumPy does.
      let flat = memoryOrder(x)
      let r = NDArray.scalar(dotSelf(flat).squareRoot())
      return keepDims ? try r.reshaped([Int](repeating: 1, count: nd)) : r
    }
    let axes = axis ?? Array(0..<nd)
    switch axes.count {
    case 1: return try vectorNorm(x, ord: ord, axis: axes[0], keepDims: keepDims)
    case 2: return try matrixNorm(x, ord: ord, axes: (axes[0], axes[1]), keepDims: keepDims)
    default: throw TensorError(.valueError, "Improper number of dimensions to norm.")
    }
  }

  /// The elements in memory order (NumPy's `ravel(order='K')`): a view when they already are.
  static func memoryOrder(_ x: NDArray) -> NDArray {
    if x.isContiguous { return x.reshapedView([x.count]) }
    var offset = x.offset
    var strides = x.strides
    for i in 0..<x.ndim where strides[i] < 0 {
      offset += strides[i] * (x.shape[i] - 1)
      strides[i] = -strides[i]
    }
    let order = (0..<x.ndim).sorted { strides[$0] > strides[$1] || (strides[$0] == strides[$1] && $0 < $1) }
    let permuted = x.view(shape: order.map { x.shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
    return permuted.contiguous().reshapedView([x.count])
  }

  /// `x.dot(x)` of a contiguous float vector: NumPy multiplies a one-element vector directly
  /// and adds BLAS's dot to 0.0 otherwise.
  static func dotSelf(_ x: NDArray) -> Double {
    let p = x.pointer(Double.self) + x.offset
    return x.count == 1 ? p[0] * p[0] : NDArray.dotValue(x.count, p, 1, p, 1)
  }

  private static func vectorNorm(
    _ x: NDArray, ord: NormOrder?, axis: Int, keepDims: Bool
  ) throws(TensorError) -> NDArray {
    let k = try Layout.axis(axis, ndim: x.ndim)
    guard let ord else { return try sumOfSquares(x, axes: [k], keepDims: keepDims).map(.sqrt) }
    if case .name(let name) = ord { throw TensorError(.valueError, "Invalid norm order '\(name)' for vectors") }
    switch ord.number ?? 0 {
    case .infinity: return try maxWithInitialZero(try x.map(.absolute), axis: k, keepDims: keepDims)
    case -.infinity: return try x.map(.absolute).reduce(.min, axes: [k], keepDims: keepDims)
    case 0:
      let nonzero = try NDArray.apply(.notEqual, x, .scalar(0.0)).astype(.float64)
      return try nonzero.reduce(.sum, axes: [k], keepDims: keepDims)
    case 1: return try x.map(.absolute).reduce(.sum, axes: [k], keepDims: keepDims)
    case 2: return try sumOfSquares(x, axes: [k], keepDims: keepDims).map(.sqrt)
    default:
      let p = ord.number ?? 0
      let absx = try x.map(.absolute)
      // `absx **= ord` takes NumPy's fast paths for the int -1 and the float 0.5.
      let powered: NDArray =
        ord == .int(-1)
        ? try NDArray.apply(.divide, .scalar(1.0), absx)
        : ord == .float(0.5) ? try absx.map(.sqrt) : try NDArray.apply(.power, absx, .scalar(p))
      let total = try powered.reduce(.sum, axes: [k], keepDims: keepDims)
      return try NDArray.apply(.power, total, .scalar(1.0 / p))
    }
  }

  private static func matrixNorm(
    _ x: NDArray, ord: NormOrder?, axes: (Int, Int), keepDims: Bool
  ) throws(TensorError) -> NDArray {
    var row = try Layout.axis(axes.0, ndim: x.ndim)
    var col = try Layout.axis(axes.1, ndim: x.ndim)
    guard row != col else { throw TensorError(.valueError, "Duplicate axes given.") }
    let result: NDArray
    switch ord {
    case .some(let o) where o.isNumber(2): result = try singularValueNorm(x, row, col, .max)
    case .some(let o) where o.isNumber(-2): result = try singularValueNorm(x, row, col, .min)
    case .some(let o) where o.isNumber(1) || o.isNumber(-1):
      if col > row { col -= 1 }
      let sums = try x.map(.absolute).reduce(.sum, axes: [row])
      result = o.isNumber(1) ? try maxWithInitialZero(sums, axis: col) : try sums.reduce(.min, axes: [col])
    case .some(let o) where o.isNumber(.infinity) || o.isNumber(-.infinity):
      if row > col { row -= 1 }
      let sums = try x.map(.absolute).reduce(.sum, axes: [col])
      result = o.isNumber(.infinity) ? try maxWithInitialZero(sums, axis: row) : try sums.reduce(.min, axes: [row])
    case .none, .some(.name("fro")), .some(.name("f")):
      result = try sumOfSquares(x, axes: [row, col]).map(.sqrt)
    case .some(.name("nuc")): result = try singularValueNorm(x, row, col, .sum)
    default: throw TensorError(.valueError, "Invalid norm order for matrices.")
    }
    guard keepDims else { return result }
    var shape = x.shape
    shape[axes.0 < 0 ? axes.0 + x.ndim : axes.0] = 1
    shape[axes.1 < 0 ? axes.1 + x.ndim : axes.1] = 1
    return try result.reshaped(shape)
  }

  /// Σ x² over `axes`. Over every axis NumPy's reduction runs through the squares in memory
  /// order as one pairwise sum, so that case is summed as one run here too.
  private static func sumOfSquares(_ x: NDArray, axes: [Int], keepDims: Bool = false) throws(TensorError) -> NDArray {
    guard axes.count == x.ndim && axes.count > 1 else {
      return try x.applying(.multiply).reduce(.sum, axes: axes, keepDims: keepDims)
    }
    let total = try memoryOrder(x).applying(.multiply).reduce(.sum, axes: [0])
    return keepDims ? try total.reshaped([Int](repeating: 1, count: x.ndim)) : total
  }

  /// `max(axis, initial=0)`: an empty axis gives 0 instead of an error.
  private static func maxWithInitialZero(_ x: NDArray, axis: Int, keepDims: Bool = false) throws(TensorError) -> NDArray
  {
    guard x.shape[axis] == 0 else { return try x.reduce(.max, axes: [axis], keepDims: keepDims) }
    var shape = x.shape
    if keepDims { shape[axis] = 1 } else { shape.remove(at: axis) }
    return try NDArray.zeros(shape)
  }

  /// `_multi_svd_norm`: the largest, smallest or summed singular values of the matrices on
  /// axes (row, col).
  private static func singularValueNorm(
    _ x: NDArray, _ row: Int, _ col: Int, _ op: Reduction
  ) throws(TensorError)
    -> NDArray
  {
    let rest = (0..<x.ndim).filter { $0 != row && $0 != col }
    let order = rest + [row, col]
    let moved = x.view(shape: order.map { x.shape[$0] }, strides: order.map { x.strides[$0] }, offset: x.offset)
    let s = try svd(moved, computeUV: false).s
    if op == .max { return try maxWithInitialZero(s, axis: s.ndim - 1) }
    return try s.reduce(op, axes: [s.ndim - 1])
  }
}

extension NDArray {
  /// A view with a new shape of a contiguous array.
  func reshapedView(_ shape: [Int]) -> NDArray {
    view(shape: shape, strides: Layout.contiguousStrides(shape), offset: offset)
  }

  /// `x op x`, elementwise.
  func applying(_ op: BinaryOperator) throws(TensorError) -> NDArray { try NDArray.apply(op, self, self) }
}

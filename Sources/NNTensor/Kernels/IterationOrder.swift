/// NumPy's iteration order (nditer with order='K'): the axes sorted by stride, so kernels walk
/// memory forwards and fresh results take their inputs' memory layout. A ufunc on a transposed
/// array returns a transposed-layout array, and later reductions over it add in the same order
/// as NumPy's.
enum IterationOrder {
  /// The axes from innermost to outermost. NumPy's stable insertion sort on |stride|: a zero
  /// stride (a broadcast or length-1 axis) has no say, and where operands disagree C order wins.
  static func axesInnerFirst(_ shape: [Int], _ operandStrides: [[Int]]) -> [Int] {
    let ndim = shape.count
    var perm = Array((0..<ndim).reversed())
    if ndim < 2 { return perm }
    func stride(_ op: [Int], _ axis: Int) -> Int { shape[axis] == 1 ? 0 : op[axis] }
    for i0 in 1..<ndim {
      var insertAt = i0
      let j0 = perm[i0]
      var i1 = i0 - 1
      while i1 >= 0 {
        let j1 = perm[i1]
        var ambiguous = true
        var shouldSwap = false
        for op in operandStrides {
          let s0 = stride(op, j0)
          let s1 = stride(op, j1)
          guard s0 != 0 && s1 != 0 else { continue }
          if Swift.abs(s1) <= Swift.abs(s0) {
            shouldSwap = false
          } else if ambiguous {
            shouldSwap = true
          }
          ambiguous = false
        }
        if !ambiguous {
          if shouldSwap { insertAt = i1 } else { break }
        }
        i1 -= 1
      }
      if insertAt != i0 {
        perm.remove(at: i0)
        perm.insert(j0, at: insertAt)
      }
    }
    return perm
  }

  /// Strides (in elements) of a fresh gap-free array of `shape` laid out in `innerFirst` order.
  static func strides(_ shape: [Int], innerFirst: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: shape.count)
    var step = 1
    for axis in innerFirst {
      strides[axis] = step
      step &*= Swift.max(shape[axis], 1)
    }
    return strides
  }

  /// A fresh array of `shape` laid out as NumPy lays out a ufunc's output over `operands`:
  /// C order unless the operands' strides say otherwise.
  static func output(_ shape: [Int], dtype: DType, like operands: [NDArray]) throws(TensorError) -> NDArray {
    var operandStrides: [[Int]] = []
    var cOrder = true
    for op in operands where op.count > 1 {
      if !op.isContiguous || op.shape != shape { cOrder = false }
      operandStrides.append(Layout.broadcastStrides(op.shape, op.strides, to: shape))
    }
    if cOrder || shape.count < 2 { return try NDArray(uninitialized: shape, dtype: dtype) }
    let perm = axesInnerFirst(shape, operandStrides)
    if perm == Array((0..<shape.count).reversed()) { return try NDArray(uninitialized: shape, dtype: dtype) }
    let flat = try NDArray(uninitialized: [try Layout.count(shape)], dtype: dtype)
    return flat.view(shape: shape, strides: strides(shape, innerFirst: perm), offset: 0)
  }
}

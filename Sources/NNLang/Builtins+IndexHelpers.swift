import NNTensor

/// `np.triu_indices`, `np.tril_indices` (and `_from`), `np.diag_indices`, `np.fill_diagonal`,
/// `np.indices`.
extension Builtins {
  nonisolated(unsafe) static let numpyIndexHelpers: [Entry] = [
    (
      "triu_indices", "triu_indices(n, k=0, m=None): row and column indices of the upper triangle",
      { (a) throws(PyError) -> Value in try triangleIndices(a, "triu_indices", upper: true) }
    ),
    (
      "tril_indices", "tril_indices(n, k=0, m=None): row and column indices of the lower triangle",
      { (a) throws(PyError) -> Value in try triangleIndices(a, "tril_indices", upper: false) }
    ),
    (
      "triu_indices_from", "triu_indices_from(arr, k=0): triu_indices for arr's shape",
      { (a) throws(PyError) -> Value in try triangleIndicesFrom(a, "triu_indices_from", upper: true) }
    ),
    (
      "tril_indices_from", "tril_indices_from(arr, k=0): tril_indices for arr's shape",
      { (a) throws(PyError) -> Value in try triangleIndicesFrom(a, "tril_indices_from", upper: false) }
    ),
    ("diag_indices", "diag_indices(n, ndim=2): indices of the main diagonal", diagIndices),
    ("fill_diagonal", "fill_diagonal(a, val, wrap=False): writes val on the main diagonal, in place", fillDiagonal),
    ("indices", "indices(dimensions): an array of the index grids", indices),
  ]

  static func triangleIndexPairs(_ n: Int, _ m: Int, k: Int, upper: Bool) throws(PyError) -> Value {
    let (size, overflow) = max(n, 0).multipliedReportingOverflow(by: max(m, 0))
    guard !overflow, size < 1 << 32 else {
      throw PyError("MemoryError", "Unable to allocate the indices of a (\(n), \(m)) triangle")
    }
    var rows: [Int64] = []
    var columns: [Int64] = []
    for i in 0..<max(n, 0) {
      for j in 0..<max(m, 0) where upper ? j - i >= k : j - i <= k {
        rows.append(Int64(i))
        columns.append(Int64(j))
      }
    }
    return .tuple([
      .array(try tensor { () throws(TensorError) in try NDArray(shape: [rows.count], ints: rows) }),
      .array(try tensor { () throws(TensorError) in try NDArray(shape: [columns.count], ints: columns) }),
    ])
  }

  static func triangleIndices(_ a: Arguments, _ name: String, upper: Bool) throws(PyError) -> Value {
    try bind(a, name, ["n", "k", "m"], required: 1)
    let n = try a.int(0, "n", default: 0)
    return try triangleIndexPairs(
      n, try a.optionalInt(2, "m") ?? n, k: try a.int(1, "k", default: 0), upper: upper)
  }

  static func triangleIndicesFrom(_ a: Arguments, _ name: String, upper: Bool) throws(PyError) -> Value {
    try bind(a, name, ["arr", "k"], required: 1)
    let x = try a.array(0, "arr")
    guard x.ndim == 2 else { throw PyError("ValueError", "input array must be 2-d") }
    return try triangleIndexPairs(x.shape[0], x.shape[1], k: try a.int(1, "k", default: 0), upper: upper)
  }

  static func diagIndices(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "diag_indices", ["n", "ndim"], required: 1)
    let n = try a.int(0, "n", default: 0)
    let ndim = try a.int(1, "ndim", default: 2)
    let idx = try tensor { () throws(TensorError) in
      try NDArray.arange(start: .int(0), stop: .int(Int64(max(n, 0))), step: .int(1))
    }
    return .tuple(Array(repeating: .array(idx), count: max(ndim, 0)))
  }

  static func fillDiagonal(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "fill_diagonal", ["a", "val", "wrap"], required: 2)
    guard case .array(let x) = try a.required(0, "a") else {
      throw PyError("TypeError", "fill_diagonal() argument 'a' must be an array")
    }
    guard x.ndim >= 2 else { throw PyError("ValueError", "array must be at least 2-d") }
    if x.ndim > 2, Set(x.shape).count != 1 {
      throw PyError("ValueError", "All dimensions of input must be of equal length")
    }
    let wrap = try a.bool(2, "wrap", default: false)
    let values = try a.array(1, "val").scalars
    guard !values.isEmpty else { return .none }
    // NumPy writes a.flat[::step] with step = 1 + sum of the C strides in elements.
    let columns = x.shape[x.ndim - 1]
    var step = 1
    var product = 1
    for d in x.shape.dropLast() {
      product *= d
      step += product
    }
    if x.ndim == 2 { step = columns + 1 }
    var end = x.count
    if x.ndim == 2 && !wrap { end = min(end, columns * columns) }
    var k = 0
    var flat = 0
    while flat < end {
      var index: [Value] = []
      var rest = flat
      for d in x.shape.reversed() {
        index.insert(.int(Int64(rest % d)), at: 0)
        rest /= d
      }
      try Operators.setItem(.array(x), .tuple(index), .scalar(values[k % values.count]))
      k += 1
      flat += step
    }
    return .none
  }

  static func indices(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "indices", ["dimensions", "dtype", "sparse"], required: 1)
    let dims = try a.shape(0, "dimensions")
    var axes: [NDArray] = []
    for d in dims {
      axes.append(
        try tensor { () throws(TensorError) in try NDArray.arange(start: .int(0), stop: .int(Int64(d)), step: .int(1)) }
      )
    }
    if dims.isEmpty { return .array(try tensor { () throws(TensorError) in try NDArray.zeros([0], dtype: .int64) }) }
    let grids = try tensor { () throws(TensorError) in try NDArray.meshgrid(axes, cartesian: false) }
    return .array(try tensor { () throws(TensorError) in try NDArray.stack(grids, axis: 0) })
  }
}

import NNTensor

/// `np.linalg.qr`, `np.linalg.multi_dot`.
extension Builtins {
  nonisolated(unsafe) static let linalgExtras: [Entry] = [
    ("qr", "qr(a, mode='reduced'): (Q, R) with Q orthonormal and R upper triangular", qr),
    ("multi_dot", "multi_dot(arrays): the product of several matrices, left to right", multiDot),
  ]

  static func qr(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "qr", ["a", "mode"], required: 1)
    let x = try a.array(0, "a")
    let mode = try a.string(1, "mode") ?? "reduced"
    guard mode == "reduced" || mode == "r" else {
      throw PyError("ValueError", "nn's qr supports mode='reduced' and mode='r', not '\(mode)'")
    }
    let (q, r) = try tensor { () throws(TensorError) in try Linalg.qr(x, computeQ: mode == "reduced") }
    guard let q else { return .array(r) }
    return .tuple([.array(q), .array(r)])
  }

  static func multiDot(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "multi_dot", ["arrays", "out"], required: 1)
    let arrays = try arrayList(try a.required(0, "arrays"))
    guard arrays.count >= 2 else { throw PyError("ValueError", "Expecting at least two arrays.") }
    // NumPy picks the cheapest parenthesization for three or more; for three it compares two.
    let result = try tensor { () throws(TensorError) -> NDArray in
      var first = arrays[0]
      var last = arrays[arrays.count - 1]
      let vectorFirst = first.ndim == 1
      let vectorLast = last.ndim == 1
      if vectorFirst { first = try first.reshaped([1, first.count]) }
      if vectorLast { last = try last.reshaped([last.count, 1]) }
      var ms = arrays
      ms[0] = first
      ms[ms.count - 1] = last
      for m in ms where m.ndim != 2 {
        throw TensorError(.linAlgError, "\(m.ndim)-dimensional array given. Array must be two-dimensional")
      }
      var product: NDArray
      if ms.count == 3 {
        let (p0, p1, p2, p3) = (ms[0].shape[0], ms[1].shape[0], ms[2].shape[0], ms[2].shape[1])
        let costLeft = p0 * p1 * p2 + p0 * p2 * p3
        let costRight = p1 * p2 * p3 + p0 * p1 * p3
        product =
          costLeft < costRight
          ? try NDArray.dot(try NDArray.dot(ms[0], ms[1]), ms[2])
          : try NDArray.dot(ms[0], try NDArray.dot(ms[1], ms[2]))
      } else {
        product = ms[0]
        for m in ms.dropFirst() { product = try NDArray.dot(product, m) }
      }
      if vectorFirst && vectorLast { return try product.reshaped([]) }
      if vectorFirst { return try product.reshaped([product.shape[1]]) }
      if vectorLast { return try product.reshaped([product.shape[0]]) }
      return product
    }
    return Operators.wrap(result, scalarResult: true)
  }
}

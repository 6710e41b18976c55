import NNTensor

/// `np.vectorize`, `np.apply_along_axis`: a Python function applied element by element or
/// slice by slice.
extension Builtins {
  nonisolated(unsafe) static let numpyFunctional: [Entry] = [
    (
      "vectorize", "vectorize(pyfunc, otypes=None): a function applied to each element of its array arguments",
      vectorize
    ),
    (
      "apply_along_axis",
      "apply_along_axis(func1d, axis, arr, *args, **kwargs): func1d applied to 1-D slices along axis",
      applyAlongAxis
    ),
  ]

  static func vectorize(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "vectorize", ["pyfunc", "otypes", "doc", "excluded", "cache", "signature"], required: 1)
    for (i, name) in [(3, "excluded"), (5, "signature")] where a.given(i, name) != nil {
      throw PyError("TypeError", "vectorize(): nn does not support \(name)=")
    }
    let f = try a.required(0, "pyfunc")
    let otype: DType? =
      switch a.given(1, "otypes") {
      case nil: nil
      case .str(let s)?: try Convert.dtype(.str(String(s.prefix(1)) == "d" ? "float64" : s == "l" ? "int64" : s))
      case let v?: try Convert.dtype(try Operators.iterate(v).first)
      }
    let interpreter = a.interpreter
    return .builtin(
      Builtin("vectorize", doc: "a vectorized function") { (call) throws(PyError) -> Value in
        var inputs: [NDArray] = []
        for v in call.positional { inputs.append(try Operators.tensorOperand(v)) }
        let shape = try tensor { () throws(TensorError) in try Layout.broadcastShape(inputs.map(\.shape)) }
        let columns = try inputs.map { (x) throws(PyError) -> [Scalar] in
          try tensor { () throws(TensorError) in try x.broadcast(to: shape).scalars }
        }
        let count = shape.reduce(1, *)
        var results: [Value] = []
        for i in 0..<count {
          let args = Arguments(
            positional: columns.map { .scalar($0[i]) }, keywords: call.keywords, interpreter: interpreter)
          // NumPy calls the function on the first elements once more, to learn the output type.
          if i == 0 && otype == nil && count > 0 { _ = try interpreter.call(f, args) }
          results.append(try interpreter.call(f, args))
        }
        guard let first = results.first else {
          if otype == nil {
            throw PyError("ValueError", "cannot call `vectorize` on size 0 inputs unless `otypes` is set")
          }
          return .array(try tensor { () throws(TensorError) in try NDArray.zeros(shape, dtype: otype ?? .float64) })
        }
        let firstType = try Operators.tensorOperand(first).dtype
        let dtype = otype ?? firstType
        let flat = try Convert.array(.list(ListBox(results)), dtype: dtype)
        return .array(try tensor { () throws(TensorError) in try flat.reshaped(shape) })
      })
  }

  static func applyAlongAxis(_ a: Arguments) throws(PyError) -> Value {
    guard a.positional.count >= 3 else {
      throw PyError("TypeError", "apply_along_axis() missing required positional arguments: func1d, axis, arr")
    }
    let f = a.positional[0]
    let x = try Operators.tensorOperand(a.positional[2])
    let given = Int(try Operators.integer(a.positional[1]))
    let axis = given < 0 ? given + x.ndim : given
    guard axis >= 0 && axis < x.ndim else {
      throw PyError(tensor: TensorError.axisOutOfBounds(given, ndim: x.ndim))
    }
    let extra = Array(a.positional.dropFirst(3))
    let order = Array(0..<axis) + Array((axis + 1)..<x.ndim) + [axis]
    let moved = try tensor { () throws(TensorError) in try x.transposed(order) }
    let outer = Array(moved.shape.dropLast())
    let count = outer.reduce(1, *)
    guard count > 0 else {
      throw PyError("ValueError", "Cannot apply_along_axis when any iteration dimensions are 0")
    }
    var results: [NDArray] = []
    var index = [Int](repeating: 0, count: outer.count)
    for _ in 0..<count {
      let slice = try Indexing.read(moved, .tuple(index.map { .int(Int64($0)) }))
      let args = Arguments(positional: [slice] + extra, keywords: a.keywords, interpreter: a.interpreter)
      results.append(try Operators.tensorOperand(try a.interpreter.call(f, args)))
      var k = outer.count - 1
      while k >= 0 {
        index[k] += 1
        if index[k] < outer[k] { break }
        index[k] = 0
        k -= 1
      }
    }
    let dtype = results[0].dtype
    let inner = results[0].shape
    let stacked = try tensor { () throws(TensorError) in
      try NDArray.stack(results.map { $0.dtype == dtype ? $0 : $0.astype(dtype) }, axis: 0)
    }
    let buffer = try tensor { () throws(TensorError) in try stacked.reshaped(outer + inner) }
    let r = inner.count
    let back = Array(0..<axis) + Array(outer.count..<(outer.count + r)) + Array(axis..<outer.count)
    let result = try tensor { () throws(TensorError) in try buffer.transposed(back) }
    return Operators.wrap(result, scalarResult: true)
  }
}

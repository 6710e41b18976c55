import NNTensor

/// A ufunc's `where=` mask: the result only where the mask holds, the rest of `out=` left as
/// it was (NumPy leaves it uninitialized without `out=`; nn gives zeros there). RuntimeWarnings
/// come only from the selected elements, so `np.log(p, out=..., where=p > 0)` is silent.
extension Builtins {
  static func maskedUfunc(
    _ a: Arguments, _ mask: Value, ufunc: String, inputs: [NDArray],
    _ body: ([NDArray], inout Warnings) throws(TensorError) -> NDArray
  ) throws(PyError) -> Value {
    let condition = try Operators.tensorOperand(mask)
    let out = try outArgument(a)
    // NumPy names the shapes in this order: the inputs, out=, where=.
    let shapes = inputs.map(\.shape) + (out.map { [$0.shape] } ?? []) + [condition.shape]
    let shape = try tensor { () throws(TensorError) in try Layout.broadcastShape(shapes) }
    if let out, out.shape != shape { throw PyError(tensor: TensorError.cannotBroadcast(shapes)) }
    let selector = try tensor { () throws(TensorError) in try condition.broadcast(to: shape).astype(.bool) }
    // The warnings of the selected elements alone.
    var selected: [NDArray] = []
    for x in inputs {
      let b = try tensor { () throws(TensorError) in try x.broadcast(to: shape) }
      selected.append(try Operators.tensorOperand(try Operators.getItem(.array(b), .array(selector))))
    }
    _ = try warning(a) { (w) throws(TensorError) -> NDArray in try body(selected, &w) }
    var ignored = Warnings()
    let full = try tensor { () throws(TensorError) in try body(inputs, &ignored) }
    if let out, full.dtype > out.dtype {
      throw PyError(
        "TypeError",
        "Cannot cast ufunc '\(ufunc)' output from dtype('\(full.dtype)') to dtype('\(out.dtype)') with casting rule 'same_kind'"
      )
    }
    let base: NDArray
    if let out {
      base = out
    } else {
      base = try tensor { () throws(TensorError) in try NDArray.zeros(shape, dtype: full.dtype) }
    }
    let merged = try tensor { () throws(TensorError) in try NDArray.select(selector, full, base) }
    guard let out else { return Operators.wrap(merged, scalarResult: true) }
    try tensor { () throws(TensorError) in try out.assign([.ellipsis], merged) }
    return .array(out)
  }
}

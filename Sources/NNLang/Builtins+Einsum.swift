import NNTensor

/// `np.einsum(subscripts, *operands)`.
extension Builtins {
  nonisolated(unsafe) static let numpyEinsum: [Entry] = [
    ("einsum", "einsum(subscripts, *operands): Einstein summation, as 'ij,jk->ik'", einsum)
  ]

  static func einsum(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["optimize"], function: "einsum")
    guard let first = a.positional.first else {
      throw PyError("TypeError", "einsum() missing required argument 'subscripts' (pos 1)")
    }
    guard case .str(let subscripts) = first else {
      throw PyError("TypeError", "nn's einsum takes its subscripts as a string")
    }
    var operands: [NDArray] = []
    for v in a.positional.dropFirst() { operands.append(try Operators.tensorOperand(v)) }
    let result = try tensor { () throws(TensorError) in try NDArray.einsum(subscripts, operands) }
    return Operators.wrap(result, scalarResult: true)
  }
}

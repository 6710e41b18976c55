/// The argument checks of `numpy.linalg`, with NumPy's wording: the Python-level asserts
/// (`_assert_stacked_square`, `_assert_stacked_2d`) and the gufunc machinery's dimension and
/// broadcasting errors.
extension Linalg {
  /// `_assert_stacked_2d`.
  static func checkStacked2D(_ a: NDArray) throws(TensorError) {
    guard a.ndim >= 2 else {
      throw TensorError(.linAlgError, "\(a.ndim)-dimensional array given. Array must be at least two-dimensional")
    }
  }

  /// `_assert_stacked_square`. NumPy finds a missing dimension by failing to unpack
  /// `a.shape[-2:]`, so its LinAlgError arrives while handling that ValueError.
  static func checkSquare(_ a: NDArray) throws(TensorError) {
    guard a.ndim >= 2 else {
      throw TensorError(
        .linAlgError, "\(a.ndim)-dimensional array given. Array must be at least two-dimensional",
        context: "ValueError: not enough values to unpack (expected 2, got \(a.ndim))")
    }
    guard a.shape[a.ndim - 1] == a.shape[a.ndim - 2] else {
      throw TensorError(.linAlgError, "Last 2 dimensions of the array must be square")
    }
  }

  /// The element offset of each matrix (the last `core` axes) of a stack, in C order.
  static func matrixOffsets(_ a: NDArray, core: Int = 2) -> [Int] {
    var offsets: [Int] = []
    Layout.forEachOffset(Array(a.shape.dropLast(core)), Array(a.strides.dropLast(core)), a.offset) {
      offsets.append($0)
    }
    return offsets
  }

  /// A generalized ufunc's name and signature, for its error messages.
  struct Gufunc {
    let name: String
    let signature: String
    /// Core dimensions each input needs.
    let cores: [Int]

    static let solve = Gufunc(name: "solve", signature: "(m,m),(m,n)->(m,n)", cores: [2, 2])
    static let solve1 = Gufunc(name: "solve1", signature: "(m,m),(m)->(m)", cores: [2, 1])
    static let matmul = Gufunc(name: "matmul", signature: "(n?,k),(k,m?)->(n?,m?)", cores: [1, 1])

    func checkDimensions(operand: Int, has ndim: Int) throws(TensorError) {
      guard ndim >= cores[operand] else {
        throw TensorError(
          .valueError,
          "\(name): Input operand \(operand) does not have enough dimensions (has \(ndim), gufunc core with signature \(signature) requires \(cores[operand]))"
        )
      }
    }

    func checkCore(operand: Int, dimension: Int, size: Int, expected: Int) throws(TensorError) {
      guard size == expected else {
        throw TensorError(
          .valueError,
          "\(name): Input operand \(operand) has a mismatch in its core dimension \(dimension), with gufunc signature \(signature) (size \(size) is different from \(expected))"
        )
      }
    }

    /// The broadcast batch shape of the operands (shape, core axes), or NumPy's
    /// "remapped shapes" error naming each operand's batch axes and the output's core.
    func batch(_ operands: [(shape: [Int], core: Int)], outCore: [Int]) throws(TensorError) -> [Int] {
      let batches = operands.map { Array($0.shape.dropLast($0.core)) }
      do {
        return try Layout.broadcastShape(batches)
      } catch {
        let newaxes = [String](repeating: "newaxis", count: outCore.count)
        let remapped = zip(operands, batches).map { op, batch in
          TensorError.compact(op.shape) + "->(" + (batch.map(String.init) + newaxes).joined(separator: ",") + ")"
        }
        throw TensorError(
          .valueError,
          "operands could not be broadcast together with remapped shapes [original->remapped]: "
            + remapped.joined(separator: " ") + "  and requested shape " + TensorError.compact(outCore))
      }
    }
  }
}

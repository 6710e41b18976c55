/// `np.triu`, `np.tril`, `np.tri`: the triangles of the last two axes.
extension NDArray {
  /// A copy with the elements below (`upper`) or above the k-th diagonal set to zero; a 1-D
  /// array is first repeated into a square matrix, as NumPy does.
  public func triangle(upper: Bool, k: Int) throws(TensorError) -> NDArray {
    let source = ndim == 1 ? try broadcast(to: [shape[0], shape[0]]) : self
    guard source.ndim >= 2 else {
      throw TensorError(.valueError, "input array must be at least 1-d")
    }
    let out = source.copy()
    let (rows, columns) = (out.shape[out.ndim - 2], out.shape[out.ndim - 1])
    let planes = rows * columns == 0 ? 0 : out.count / (rows * columns)
    let zero = NDArray.zeros1(dtype)
    for plane in 0..<planes {
      for i in 0..<rows {
        for j in 0..<columns where upper ? j - i < k : j - i > k {
          out.assignElement(at: plane * rows * columns + i * columns + j, from: zero, 0)
        }
      }
    }
    return out
  }

  /// `np.tri(N, M, k)`: ones at and below the k-th diagonal.
  public static func tri(_ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType = .float64) throws(TensorError) -> NDArray
  {
    // NumPy builds tri from outer comparisons of aranges: a negative size is an empty axis.
    let n = Swift.max(n, 0)
    let columns = Swift.max(m ?? n, 0)
    let (size, overflow) = n.multipliedReportingOverflow(by: columns)
    guard !overflow, size < 1 << 32 else {
      throw TensorError(.memoryError, "Unable to allocate an array with shape (\(n), \(columns)) and data type float64")
    }
    var values = [Double](repeating: 0, count: n * columns)
    for i in 0..<n { for j in 0..<columns where j - i <= k { values[i * columns + j] = 1 } }
    let ones = try NDArray(shape: [n, columns], doubles: values)
    return dtype == .float64 ? ones : ones.astype(dtype)
  }

  fileprivate static func zeros1(_ dtype: DType) -> NDArray {
    switch dtype {
    case .bool: .scalar(false)
    case .int64: .scalar(Int64(0))
    case .float64: .scalar(0.0)
    }
  }
}

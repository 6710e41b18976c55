/// `np.cross(a, b)`: the cross product of 3-vectors (or the z component for 2-vectors) along the
/// last axis, the leading axes broadcast.
extension NDArray {
  public static func cross(_ a: NDArray, _ b: NDArray) throws(TensorError) -> NDArray {
    guard let na = a.shape.last, let nb = b.shape.last, [2, 3].contains(na), [2, 3].contains(nb) else {
      throw TensorError(
        .valueError, "incompatible dimensions for cross product\n(dimension must be 2 or 3)")
    }
    let lead = try Layout.broadcastShape([Array(a.shape.dropLast()), Array(b.shape.dropLast())])
    let xs = try a.broadcast(to: lead + [na]).doubles
    let ys = try b.broadcast(to: lead + [nb]).doubles
    let n = lead.reduce(1, *)
    let width = na == 2 && nb == 2 ? 1 : 3
    var out = [Double](repeating: 0, count: n * width)
    for i in 0..<n {
      let x = Array(xs[(i * na)..<(i * na + na)]) + (na == 2 ? [0] : [])
      let y = Array(ys[(i * nb)..<(i * nb + nb)]) + (nb == 2 ? [0] : [])
      let z = x[0] * y[1] - x[1] * y[0]
      if width == 1 {
        out[i] = z
      } else {
        out[i * 3] = x[1] * y[2] - x[2] * y[1]
        out[i * 3 + 1] = x[2] * y[0] - x[0] * y[2]
        out[i * 3 + 2] = z
      }
    }
    let result = try NDArray(shape: width == 1 ? lead : lead + [3], doubles: out)
    let dtype = Swift.max(a.dtype, b.dtype)
    return dtype == .float64 ? result : result.astype(.int64)
  }
}

/// `np.heaviside(x1, x2)`: 0 below zero, `x2` at zero, 1 above, NaN for NaN; float64.
extension NDArray {
  public static func heaviside(_ x: NDArray, _ h: NDArray) throws(TensorError) -> NDArray {
    let shape = try Layout.broadcastShape([x.shape, h.shape])
    let xs = try x.broadcast(to: shape).doubles
    let hs = try h.broadcast(to: shape).doubles
    var out = [Double](repeating: 0, count: xs.count)
    for i in 0..<xs.count {
      let v = xs[i]
      out[i] = v.isNaN ? .nan : v < 0 ? 0 : v > 0 ? 1 : hs[i]
    }
    return try NDArray(shape: shape, doubles: out)
  }
}

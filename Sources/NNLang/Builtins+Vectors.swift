import NNTensor

/// `np.cross`, `np.heaviside`.
extension Builtins {
  nonisolated(unsafe) static let numpyVectors: [Entry] = [
    (
      "cross", "cross(a, b): cross product of 3-vectors (z component for 2-vectors) along the last axis",
      { (a) throws(PyError) -> Value in
        try bind(a, "cross", ["a", "b", "axisa", "axisb", "axisc", "axis"], required: 2)
        for (i, name) in [(2, "axisa"), (3, "axisb"), (4, "axisc"), (5, "axis")] where a.given(i, name) != nil {
          throw PyError("TypeError", "cross(): nn does not support \(name)=")
        }
        let (x, y) = (try a.array(0, "a"), try a.array(1, "b"))
        return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.cross(x, y) }, scalarResult: true)
      }
    ),
    (
      "heaviside", "heaviside(x1, x2): the Heaviside step function, x2 where x1 == 0",
      { (a) throws(PyError) -> Value in
        try bind(a, "heaviside", ["x1", "x2"], required: 2, positionalOnly: 2)
        let (x, h) = (try a.array(0, "x1"), try a.array(1, "x2"))
        return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.heaviside(x, h) }, scalarResult: true)
      }
    ),
  ]
}

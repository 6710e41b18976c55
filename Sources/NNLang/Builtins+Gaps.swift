import NNTensor

/// The registration points of the tutorial-gap topics (index tricks, histograms, einsum, NaN
/// reductions, polynomials, padding, limits, ...): one table each, joined here so the shared
/// registries need one line.
extension Builtins {
  static var numpyGaps: [Entry] {
    numpyHistogram + numpyEinsum + numpyNaN + numpyPolynomial + numpySpacing + numpyTriangles + numpyPad
      + numpyVectors + numpyLimits + numpyFunctional + numpyCovariance + numpySets + numpyIndexHelpers + numpyArrange
  }

  static var arrayGapMethods: [String: Method] { arrayTriangleMethods }

  /// `np.random.sample` and `np.random.ranf` (aliases of `random_sample`), `np.random.binomial`.
  static func randomAliases(_ rs: RandomState) -> [Entry] {
    let sample: Function = { (a) throws(PyError) -> Value in
      try a.checkKeywords(["size"])
      guard let shape = try size(a, 0) else { return .float(rs.randomSample()) }
      return .array(try tensor { () throws(TensorError) in try rs.randomSample(shape: shape) })
    }
    return [
      ("sample", "sample(size=None): uniform samples in [0, 1) (random_sample)", sample),
      ("ranf", "ranf(size=None): uniform samples in [0, 1) (random_sample)", sample),
      (
        "binomial", "binomial(n, p, size=None): binomial samples (dropout masks: binomial(1, keep, shape))",
        { (a) throws(PyError) -> Value in
          try bind(a, "binomial", ["n", "p", "size"], required: 2)
          let n = try Operators.integer(try a.required(0, "n"))
          let p = try Operators.number(try a.required(1, "p"))
          guard let shape = try size(a, 2) else {
            let one = try tensor { () throws(TensorError) in try rs.binomial(n: n, p: p, count: 1) }
            return .int(one.first ?? 0)
          }
          let count = shape.reduce(1, *)
          let draws = try tensor { () throws(TensorError) in try rs.binomial(n: n, p: p, count: count) }
          return .array(try tensor { () throws(TensorError) in try NDArray(shape: shape, ints: draws) })
        }
      ),
    ]
  }
}

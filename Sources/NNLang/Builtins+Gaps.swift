import Foundation
import NNTensor

/// The registration points of the tutorial-gap topics (index tricks, histograms, einsum, NaN
/// reductions, polynomials, padding, limits, ...): one table each, joined here so the shared
/// registries need one line.
extension Builtins {
  static var numpyGaps: [Entry] {
    numpyHistogram + numpyEinsum + numpyNaN + numpyPolynomial + numpySpacing + numpyTriangles + numpyPad
      + numpyVectors + numpyLimits + numpyFunctional + numpyCovariance + numpySets + numpyIndexHelpers + numpyArrange
      + numpyArrayText + numpyPoly1d + numpyCalculus
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
          let count = try sampleCount(shape)
          let draws = try tensor { () throws(TensorError) in try rs.binomial(n: n, p: p, count: count) }
          return .array(try tensor { () throws(TensorError) in try NDArray(shape: shape, ints: draws) })
        }
      ),
    ]
  }
}

extension Builtins {
  /// `np.random.exponential`, `standard_exponential`, `laplace`, `logistic`, `lognormal`,
  /// `geometric`, `poisson` (legacy streams; scalar parameters).
  static func randomDistributions(_ rs: RandomState) -> [Entry] {
    func continuous(
      _ name: String, _ params: [(String, Double)], _ draw: @escaping ([Double]) -> Double
    ) -> Entry {
      let signature = params.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
      return (
        name, "\(name)(\(signature), size=None): NumPy's legacy \(name) samples",
        { (a) throws(PyError) -> Value in
          try bind(a, name, params.map(\.0) + ["size"], required: 0)
          var values: [Double] = []
          for (i, (p, d)) in params.enumerated() { values.append(try a.double(i, p, default: d)) }
          if name != "logistic" && name != "laplace" && name != "standard_exponential",
            let scale = values.last, scale < 0
          {
            throw PyError("ValueError", name == "lognormal" ? "sigma < 0" : "scale < 0")
          }
          if name == "logistic" || name == "laplace", let scale = values.last, scale < 0 {
            throw PyError("ValueError", "scale < 0")
          }
          guard let shape = try size(a, params.count) else { return .float(draw(values)) }
          let n = try sampleCount(shape)
          var out: [Double] = []
          out.reserveCapacity(n)
          for _ in 0..<n { out.append(draw(values)) }
          return .array(try tensor { () throws(TensorError) in try NDArray(shape: shape, doubles: out) })
        }
      )
    }
    func discrete(
      _ name: String, _ param: String, _ check: @escaping (Double) -> String?, _ draw: @escaping (Double) -> Int64
    ) -> Entry {
      (
        name, "\(name)(\(param), size=None): NumPy's legacy \(name) samples",
        { (a) throws(PyError) -> Value in
          try bind(a, name, [param, "size"], required: name == "geometric" ? 1 : 0)
          let v = try a.double(0, param, default: 1)
          if let message = check(v) { throw PyError("ValueError", message) }
          guard let shape = try size(a, 1) else { return .int(draw(v)) }
          let n = try sampleCount(shape)
          var out: [Int64] = []
          for _ in 0..<n { out.append(draw(v)) }
          return .array(try tensor { () throws(TensorError) in try NDArray(shape: shape, ints: out) })
        }
      )
    }
    return [
      continuous("standard_exponential", []) { _ in rs.standardExponential() },
      continuous("exponential", [("scale", 1.0)]) { $0[0] * rs.standardExponential() },
      continuous("laplace", [("loc", 0.0), ("scale", 1.0)]) { rs.laplace(loc: $0[0], scale: $0[1]) },
      continuous("logistic", [("loc", 0.0), ("scale", 1.0)]) { rs.logistic(loc: $0[0], scale: $0[1]) },
      continuous("lognormal", [("mean", 0.0), ("sigma", 1.0)]) { exp($0[0] + $0[1] * rs.standardNormal()) },
      discrete("geometric", "p", { $0 <= 0 || $0 > 1 || $0.isNaN ? "p <= 0, p > 1 or p contains NaNs" : nil }) {
        rs.geometric(p: $0)
      },
      discrete(
        "poisson", "lam",
        { $0 < 0 || $0.isNaN ? "lam < 0 or lam is NaN" : $0 > 9.223372006484771e18 ? "lam value too large" : nil }
      ) {
        rs.poisson(lam: $0)
      },
    ]
  }
}

extension Builtins {
  /// `Generator.binomial` (Generators from `default_rng`), added to the object.
  static func generatorExtras(_ g: NNTensor.Generator, _ o: NativeObject) -> NativeObject {
    o.attributes["binomial"] = .builtin(
      Builtin("binomial") { (a) throws(PyError) -> Value in
        try bind(a, "binomial", ["n", "p", "size"], required: 2)
        let n = try Operators.integer(try a.required(0, "n"))
        let p = try Operators.number(try a.required(1, "p"))
        guard let shape = try size(a, 2) else {
          let one = try tensor { () throws(TensorError) in try g.binomial(n: n, p: p, count: 1) }
          return .int(one.first ?? 0)
        }
        let count = try sampleCount(shape)
        let draws = try tensor { () throws(TensorError) in try g.binomial(n: n, p: p, count: count) }
        return .array(try tensor { () throws(TensorError) in try NDArray(shape: shape, ints: draws) })
      })
    return o
  }
}

extension Builtins {
  /// The number of samples a `size=` asks for, refusing negative sizes and ones no memory
  /// could hold (NumPy's MemoryError) before any buffer is made.
  static func sampleCount(_ shape: [Int]) throws(PyError) -> Int {
    var n = 1
    for d in shape {
      guard d >= 0 else { throw PyError("ValueError", "negative dimensions are not allowed") }
      let (m, overflow) = n.multipliedReportingOverflow(by: d)
      guard !overflow else {
        throw PyError(
          "ValueError", "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.")
      }
      n = m
    }
    guard n <= 1 << 32 else {
      throw PyError(
        "MemoryError",
        "Unable to allocate \(n * 8) bytes for an array with shape \(TensorError.tupleText(shape)) and data type float64"
      )
    }
    return n
  }
}

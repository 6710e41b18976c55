import NNTensor

/// `np.histogram`, `np.bincount`, `np.digitize`.
extension Builtins {
  nonisolated(unsafe) static let numpyHistogram: [Entry] = [
    (
      "histogram",
      "histogram(a, bins=10, range=None, density=None, weights=None): counts in bins, and the bin edges",
      histogram
    ),
    ("bincount", "bincount(x, weights=None, minlength=0): how often each non-negative int occurs", bincount),
    ("digitize", "digitize(x, bins, right=False): the index of the bin each value falls in", digitize),
  ]

  static func histogram(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "histogram", ["a", "bins", "range", "density", "weights"], required: 1)
    let x = try a.array(0, "a")
    var bins: Int? = nil
    var edges: NDArray? = nil
    switch a.given(1, "bins") {
    case nil: bins = 10
    case .str(let s)?:
      throw PyError("ValueError", "nn's histogram does not support bins='\(s)'; give a number or the edges")
    case let v?:
      let b = try Operators.tensorOperand(v)
      if b.ndim == 0 {
        guard b.dtype != .float64, let item = b.item else {
          throw PyError("TypeError", "`bins` must be an integer, a string, or an array")
        }
        bins = Int(item.doubleValue)
      } else {
        edges = b
      }
    }
    var range: (Double, Double)? = nil
    if let r = a.given(2, "range") {
      let items = try Operators.iterate(r)
      guard items.count == 2 else { throw PyError("ValueError", "too many values to unpack (expected 2)") }
      range = (try Operators.number(items[0]), try Operators.number(items[1]))
    }
    let density = try a.bool(3, "density", default: false)
    let weights = try a.optionalArray(4, "weights")
    let (counts, binEdges) = try tensor { () throws(TensorError) in
      try NDArray.histogram(x, bins: bins, edges: edges, range: range, weights: weights, density: density)
    }
    return .tuple([.array(counts), .array(binEdges)])
  }

  static func bincount(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "bincount", ["x", "weights", "minlength"], required: 1)
    let x = try a.array(0, "x")
    let weights = try a.optionalArray(1, "weights")
    let minlength = try a.int(2, "minlength", default: 0)
    return .array(
      try tensor { () throws(TensorError) in try NDArray.bincount(x, weights: weights, minlength: minlength) })
  }

  static func digitize(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "digitize", ["x", "bins", "right"], required: 2)
    let x = try a.array(0, "x")
    let bins = try a.array(1, "bins")
    let right = try a.bool(2, "right", default: false)
    let result = try tensor { () throws(TensorError) in try NDArray.digitize(x, bins: bins, right: right) }
    return Operators.wrap(result, scalarResult: true)
  }
}

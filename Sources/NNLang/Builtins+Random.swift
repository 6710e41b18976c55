import NNTensor

/// `numpy.random`: the legacy global stream (`seed`, `rand`, `randn`, ...) on the session's
/// `RandomState`, and `default_rng` Generators, drawing what NumPy draws for the same seed.
extension Builtins {
  /// The functions of `numpy.random` on `state` (the session's global stream when nil; a
  /// `RandomState` object's own otherwise).
  static func random(_ interpreter: Interpreter, state: RandomState? = nil) -> [Entry] {
    let rs = state ?? interpreter.random
    return state != nil
      ? legacyRandom(rs)
      : legacyRandom(rs) + [randomStateEntry(interpreter)] + generatorEntries + randomAliases(rs)
        + randomDistributions(rs)
  }

  /// `np.random.RandomState(seed=None)`: a legacy stream of its own, with the same methods.
  static func randomStateEntry(_ interpreter: Interpreter) -> Entry {
    (
      "RandomState", "RandomState(seed=None): a Mersenne Twister stream of its own, as NumPy's legacy RandomState",
      { (a) throws(PyError) -> Value in
        try a.checkKeywords(["seed"], function: "RandomState")
        let state = RandomState()
        let methods = random(interpreter, state: state)
        var attributes: [String: Value] = [:]
        for (name, doc, fn) in methods { attributes[name] = .builtin(Builtin(name, doc: doc, fn)) }
        if let seed = attributes["seed"] {
          _ = try interpreter.call(
            seed, Arguments(positional: a.positional, keywords: a.keywords, interpreter: interpreter))
        }
        return .object(
          NativeObject(typeName: "numpy.random.mtrand.RandomState", attributes: attributes) { "RandomState(MT19937)" })
      }
    )
  }

  static func legacyRandom(_ rs: RandomState) -> [Entry] {
    [
      (
        "seed", "seed(seed): reseed the global stream, as np.random.seed does",
        { (a) throws(PyError) -> Value in
          if let s = a.given(0, "seed") {
            if case .list = s {
              var words: [Int] = []
              for v in try Operators.iterate(s) { words.append(Int(try Operators.integer(v))) }
              try tensor { () throws(TensorError) in try rs.seed(array: words) }
            } else {
              let n = try Operators.integer(s)
              try tensor { () throws(TensorError) in try rs.seed(Int(n)) }
            }
          } else {
            rs.seedFromEntropy()
          }
          return .none
        }
      ),
      (
        "rand", "rand(d0, d1, ...): uniform samples in [0, 1) of the given shape",
        { (a) throws(PyError) -> Value in
          if a.positional.isEmpty { return .float(rs.randomSample()) }
          let shape = try dims(a.positional)
          return .array(try tensor { () throws(TensorError) in try rs.randomSample(shape: shape) })
        }
      ),
      (
        "randn", "randn(d0, d1, ...): standard normal samples of the given shape",
        { (a) throws(PyError) -> Value in
          if a.positional.isEmpty { return .float(rs.standardNormal()) }
          let shape = try dims(a.positional)
          return .array(try tensor { () throws(TensorError) in try rs.standardNormal(shape: shape) })
        }
      ),
      (
        "random", "random(size=None): uniform samples in [0, 1)",
        { (a) throws(PyError) -> Value in
          guard let shape = try size(a, 0) else { return .float(rs.randomSample()) }
          return .array(try tensor { () throws(TensorError) in try rs.randomSample(shape: shape) })
        }
      ),
      (
        "random_sample", "random_sample(size=None): uniform samples in [0, 1)",
        { (a) throws(PyError) -> Value in
          guard let shape = try size(a, 0) else { return .float(rs.randomSample()) }
          return .array(try tensor { () throws(TensorError) in try rs.randomSample(shape: shape) })
        }
      ),
      (
        "standard_normal", "standard_normal(size=None): standard normal samples",
        { (a) throws(PyError) -> Value in
          guard let shape = try size(a, 0) else { return .float(rs.standardNormal()) }
          return .array(try tensor { () throws(TensorError) in try rs.standardNormal(shape: shape) })
        }
      ),
      (
        "normal", "normal(loc=0.0, scale=1.0, size=None): normal samples",
        { (a) throws(PyError) -> Value in
          let loc = try a.double(0, "loc", default: 0)
          let scale = try a.double(1, "scale", default: 1)
          guard let shape = try size(a, 2) else {
            return .float(try tensor { () throws(TensorError) in try rs.normal(loc: loc, scale: scale) })
          }
          return .array(try tensor { () throws(TensorError) in try rs.normal(loc: loc, scale: scale, shape: shape) })
        }
      ),
      (
        "uniform", "uniform(low=0.0, high=1.0, size=None): uniform samples in [low, high)",
        { (a) throws(PyError) -> Value in
          let low = try a.double(0, "low", default: 0)
          let high = try a.double(1, "high", default: 1)
          guard let shape = try size(a, 2) else {
            return .float(try tensor { () throws(TensorError) in try rs.uniform(low: low, high: high) })
          }
          return .array(try tensor { () throws(TensorError) in try rs.uniform(low: low, high: high, shape: shape) })
        }
      ),
      (
        "randint", "randint(low, high=None, size=None): integers in [low, high)",
        { (a) throws(PyError) -> Value in
          let low = try Operators.integer(try a.required(0, "low"))
          let high = try a.given(1, "high").map { (v) throws(PyError) -> Int64 in try Operators.integer(v) }
          guard let shape = try size(a, 2) else {
            return .int(try tensor { () throws(TensorError) in try rs.randint(low: low, high: high) })
          }
          return .array(try tensor { () throws(TensorError) in try rs.randint(low: low, high: high, shape: shape) })
        }
      ),
      (
        "choice", "choice(a, size=None, replace=True, p=None): a random sample from a",
        { (a) throws(PyError) -> Value in
          let population = try a.required(0, "a")
          let shape = try size(a, 1)
          let replace = try a.bool(2, "replace", default: true)
          let p = try a.optionalArray(3, "p").map { $0.astype(.float64).doubles }
          if case .int(let n) = population {
            let picks = try tensor { () throws(TensorError) in
              try rs.choice(Int(n), shape: shape, replace: replace, p: p)
            }
            guard let shape else { return .int(picks.first ?? 0) }
            return .array(try tensor { () throws(TensorError) in try NDArray(shape: shape, ints: picks) })
          }
          let pool = try Operators.tensorOperand(population)
          let result = try tensor { () throws(TensorError) in try rs.choice(pool, shape: shape, replace: replace, p: p)
          }
          return Operators.wrap(result, scalarResult: true)
        }
      ),
      (
        "shuffle", "shuffle(x): shuffle a list or an array's rows in place",
        { (a) throws(PyError) -> Value in
          let x = try a.required(0, "x")
          switch x {
          case .list(let box): rs.shuffle(&box.items)
          case .array(let arr): try tensor { () throws(TensorError) in try rs.shuffle(arr) }
          default: throw PyError("TypeError", "shuffle() argument must be a list or an array, not \(x.typeName)")
          }
          return .none
        }
      ),
      (
        "permutation", "permutation(x): a shuffled arange(x), or a shuffled copy of an array",
        { (a) throws(PyError) -> Value in
          let x = try a.required(0, "x")
          if case .int(let n) = x {
            let p = try tensor { () throws(TensorError) in try rs.permutation(Int(n)) }
            return .array(try tensor { () throws(TensorError) in try NDArray(shape: [p.count], ints: p) })
          }
          let arr = try Operators.tensorOperand(x).copy()
          try tensor { () throws(TensorError) in try rs.shuffle(arr) }
          return .array(arr)
        }
      ),
    ]
  }

  nonisolated(unsafe) static let generatorEntries: [Entry] = [
    (
      "default_rng", "default_rng(seed=None): a new Generator (PCG64)",
      { (a) throws(PyError) -> Value in
        let generator: NNTensor.Generator
        if let s = a.given(0, "seed") {
          let n = Int(try Operators.integer(s))
          generator = try tensor { () throws(TensorError) in try NNTensor.Generator(seed: n) }
        } else {
          generator = NNTensor.Generator()
        }
        return .object(generatorObject(generator))
      }
    )
  ]

  /// The `size=` argument: None (one Python scalar), an int, or a tuple.
  static func size(_ a: Arguments, _ index: Int) throws(PyError) -> [Int]? {
    guard let v = a.given(index, "size") else { return nil }
    return try Convert.shape(v)
  }

  /// `rand(2, 3)`-style dimensions.
  static func dims(_ values: [Value]) throws(PyError) -> [Int] {
    var shape: [Int] = []
    for v in values {
      let d = Int(try Operators.integer(v))
      if d < 0 { throw PyError("ValueError", "negative dimensions are not allowed") }
      shape.append(d)
    }
    return shape
  }

  /// A `Generator` as a language object with NumPy's methods.
  static func generatorObject(_ g: NNTensor.Generator) -> NativeObject {
    func method(_ name: String, _ body: @escaping (Arguments) throws(PyError) -> Value) -> Value {
      .builtin(Builtin(name, body))
    }
    let object = NativeObject(
      typeName: "numpy.random._generator.Generator",
      attributes: [
        "random": method("random") { (a) throws(PyError) -> Value in
          guard let shape = try size(a, 0) else { return .float(g.random()) }
          return .array(try tensor { () throws(TensorError) in try g.random(shape: shape) })
        },
        "standard_normal": method("standard_normal") { (a) throws(PyError) -> Value in
          guard let shape = try size(a, 0) else { return .float(g.standardNormal()) }
          return .array(try tensor { () throws(TensorError) in try g.standardNormal(shape: shape) })
        },
        "normal": method("normal") { (a) throws(PyError) -> Value in
          let loc = try a.double(0, "loc", default: 0)
          let scale = try a.double(1, "scale", default: 1)
          guard let shape = try size(a, 2) else {
            return .float(try tensor { () throws(TensorError) in try g.normal(loc: loc, scale: scale) })
          }
          return .array(try tensor { () throws(TensorError) in try g.normal(loc: loc, scale: scale, shape: shape) })
        },
        "uniform": method("uniform") { (a) throws(PyError) -> Value in
          let low = try a.double(0, "low", default: 0)
          let high = try a.double(1, "high", default: 1)
          guard let shape = try size(a, 2) else {
            return .float(try tensor { () throws(TensorError) in try g.uniform(low: low, high: high) })
          }
          return .array(try tensor { () throws(TensorError) in try g.uniform(low: low, high: high, shape: shape) })
        },
        "integers": method("integers") { (a) throws(PyError) -> Value in
          let low = try Operators.integer(try a.required(0, "low"))
          let high = try a.given(1, "high").map { (v) throws(PyError) -> Int64 in try Operators.integer(v) }
          let endpoint = try a.bool(3, "endpoint", default: false)
          guard let shape = try size(a, 2) else {
            return .scalar(
              .int(try tensor { () throws(TensorError) in try g.integers(low: low, high: high, endpoint: endpoint) }))
          }
          return .array(
            try tensor { () throws(TensorError) in
              try g.integers(low: low, high: high, endpoint: endpoint, shape: shape)
            })
        },
        "permutation": method("permutation") { (a) throws(PyError) -> Value in
          let x = try a.required(0, "x")
          if case .int(let n) = x {
            let p = try tensor { () throws(TensorError) in try g.permutation(Int(n)) }
            return .array(try tensor { () throws(TensorError) in try NDArray(shape: [p.count], ints: p) })
          }
          let arr = try Operators.tensorOperand(x).copy()
          try tensor { () throws(TensorError) in try g.shuffle(arr) }
          return .array(arr)
        },
        "shuffle": method("shuffle") { (a) throws(PyError) -> Value in
          let x = try a.required(0, "x")
          switch x {
          case .list(let box): g.shuffle(&box.items)
          case .array(let arr): try tensor { () throws(TensorError) in try g.shuffle(arr) }
          default: throw PyError("TypeError", "shuffle() argument must be a list or an array, not \(x.typeName)")
          }
          return .none
        },
        "choice": method("choice") { (a) throws(PyError) -> Value in
          let population = try a.required(0, "a")
          let shape = try size(a, 1)
          let replace = try a.bool(2, "replace", default: true)
          let p = try a.optionalArray(3, "p").map { $0.astype(.float64).doubles }
          if case .int(let n) = population {
            let picks = try tensor { () throws(TensorError) in
              try g.choice(Int(n), shape: shape, replace: replace, p: p)
            }
            guard let shape else { return .scalar(.int(picks.first ?? 0)) }
            return .array(try tensor { () throws(TensorError) in try NDArray(shape: shape, ints: picks) })
          }
          let pool = try Operators.tensorOperand(population)
          let result = try tensor { () throws(TensorError) in try g.choice(pool, shape: shape, replace: replace, p: p) }
          return Operators.wrap(result, scalarResult: true)
        },
      ],
      repr: { "Generator(PCG64)" })
    return generatorExtras(g, object)
  }
}

import Foundation
import NNTensor

/// Python's standard modules that tutorials import: math, time, random, sys, typing.
extension Builtins {
  static func standardModule(_ path: String, _ interpreter: Interpreter) -> Module? {
    switch path {
    case "math":
      let m = math()
      for (n, doc, fn) in moreMath { m.attributes[n] = .builtin(Builtin(n, doc: doc, fn)) }
      return m
    case "time": return addTimeExtras(time())
    case "random":
      let m = addRandomExtras(random(interpreter.pythonRandom), interpreter.pythonRandom)
      m.attributes["Random"] = randomClass()
      return m
    case "sys": return addSysExtras(sys(interpreter))
    case "typing": return typingModule()
    case "operator": return operatorModule()
    case "copy": return copyModule()
    default: return nil
    }
  }

  static func module(_ name: String, _ entries: [Entry]) -> Module {
    let m = Module(name)
    for (n, doc, fn) in entries { m.attributes[n] = .builtin(Builtin(n, doc: doc, fn)) }
    return m
  }

  static func unaryMath(_ name: String, _ f: @escaping (Double) -> Double, domain: ((Double) -> Bool)? = nil) -> Entry {
    (
      name, "math.\(name)(x)",
      { (a) throws(PyError) -> Value in
        let x = try Operators.number(try a.required(0, "x"))
        if let domain, !domain(x) { throw PyError("ValueError", "math domain error") }
        let r = f(x)
        if r.isInfinite && x.isFinite { throw PyError("OverflowError", "math range error") }
        return .float(r)
      }
    )
  }

  static func math() -> Module {
    let m = module(
      "math",
      [
        unaryMath("exp", Foundation.exp), unaryMath("log", Foundation.log, domain: { $0 > 0 }),
        unaryMath("log2", Foundation.log2, domain: { $0 > 0 }),
        unaryMath("log10", Foundation.log10, domain: { $0 > 0 }),
        unaryMath("log1p", Foundation.log1p, domain: { $0 > -1 }), unaryMath("expm1", Foundation.expm1),
        unaryMath("sqrt", { $0.squareRoot() }, domain: { $0 >= 0 || $0.isNaN }),
        unaryMath("sin", Foundation.sin), unaryMath("cos", Foundation.cos), unaryMath("tan", Foundation.tan),
        unaryMath("asin", Foundation.asin, domain: { abs($0) <= 1 }),
        unaryMath("acos", Foundation.acos, domain: { abs($0) <= 1 }),
        unaryMath("atan", Foundation.atan), unaryMath("tanh", Foundation.tanh), unaryMath("sinh", Foundation.sinh),
        unaryMath("cosh", Foundation.cosh), unaryMath("fabs", { Swift.abs($0) }),
        unaryMath("degrees", { $0 * 180 / Double.pi }), unaryMath("radians", { $0 * Double.pi / 180 }),
        unaryMath("erf", Foundation.erf), unaryMath("erfc", Foundation.erfc), unaryMath("gamma", Foundation.tgamma),
        (
          "floor", "math.floor(x): the largest integer <= x", { (a) throws(PyError) -> Value in try integral(a, .down) }
        ),
        ("ceil", "math.ceil(x): the smallest integer >= x", { (a) throws(PyError) -> Value in try integral(a, .up) }),
        (
          "trunc", "math.trunc(x): x truncated toward zero",
          { (a) throws(PyError) -> Value in try integral(a, .towardZero) }
        ),
        (
          "pow", "math.pow(x, y)",
          { (a) throws(PyError) -> Value in
            .float(
              Foundation.pow(try Operators.number(try a.required(0, "x")), try Operators.number(try a.required(1, "y")))
            )
          }
        ),
        (
          "atan2", "math.atan2(y, x)",
          { (a) throws(PyError) -> Value in
            .float(
              Foundation.atan2(
                try Operators.number(try a.required(0, "y")), try Operators.number(try a.required(1, "x"))))
          }
        ),
        (
          "hypot", "math.hypot(*coordinates)",
          { (a) throws(PyError) -> Value in
            var s = 0.0
            for v in a.positional {
              let x = try Operators.number(v)
              s += x * x
            }
            return .float(s.squareRoot())
          }
        ),
        (
          "isnan", "math.isnan(x)",
          { (a) throws(PyError) -> Value in .bool(try Operators.number(try a.required(0, "x")).isNaN) }
        ),
        (
          "isinf", "math.isinf(x)",
          { (a) throws(PyError) -> Value in .bool(try Operators.number(try a.required(0, "x")).isInfinite) }
        ),
        (
          "isfinite", "math.isfinite(x)",
          { (a) throws(PyError) -> Value in .bool(try Operators.number(try a.required(0, "x")).isFinite) }
        ),
        (
          "isclose", "math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)",
          { (a) throws(PyError) -> Value in
            let x = try Operators.number(try a.required(0, "a"))
            let y = try Operators.number(try a.required(1, "b"))
            let rel = try a.double(-1, "rel_tol", default: 1e-9)
            let absTol = try a.double(-1, "abs_tol", default: 0)
            if x == y { return .bool(true) }
            if x.isInfinite || y.isInfinite { return .bool(false) }
            let d = Swift.abs(x - y)
            return .bool(d <= Swift.max(rel * Swift.max(Swift.abs(x), Swift.abs(y)), absTol))
          }
        ),
        (
          "factorial", "math.factorial(n)",
          { (a) throws(PyError) -> Value in
            let n = try Operators.integer(try a.required(0, "n"))
            guard n >= 0 else { throw PyError("ValueError", "factorial() not defined for negative values") }
            var r: Int64 = 1
            for k in stride(from: 2, through: n, by: 1) {
              let (p, o) = r.multipliedReportingOverflow(by: k)
              if o { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
              r = p
            }
            return .int(r)
          }
        ),
        (
          "gcd", "math.gcd(*integers)",
          { (a) throws(PyError) -> Value in
            var g: Int64 = 0
            for v in a.positional {
              var x = Swift.abs(try Operators.integer(v))
              var y = g
              while y != 0 { (x, y) = (y, x % y) }
              g = x
            }
            return .int(g)
          }
        ),
        (
          "fsum", "math.fsum(iterable): an accurately rounded sum",
          { (a) throws(PyError) -> Value in
            var values: [Double] = []
            for v in try Operators.iterate(try a.required(0, "iterable")) { values.append(try Operators.number(v)) }
            return .float(exactSum(values))
          }
        ),
        (
          "prod", "math.prod(iterable, *, start=1)",
          { (a) throws(PyError) -> Value in
            var r: Value = a.keywords.first { $0.0 == "start" }?.1 ?? .int(1)
            for v in try Operators.iterate(try a.required(0, "iterable")) { r = try Operators.binary(.mul, r, v) }
            return r
          }
        ),
      ])
    m.attributes["pi"] = .float(Double.pi)
    m.attributes["e"] = .float(2.718281828459045)
    m.attributes["tau"] = .float(2 * Double.pi)
    m.attributes["inf"] = .float(.infinity)
    m.attributes["nan"] = .float(.nan)
    return m
  }

  static func integral(_ a: Arguments, _ rule: FloatingPointRoundingRule) throws(PyError) -> Value {
    let v = try a.required(0, "x")
    if case .int = v { return v }
    let x = try Operators.number(v).rounded(rule)
    guard x.isFinite else {
      throw PyError(
        x.isNaN ? "ValueError" : "OverflowError",
        x.isNaN ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer")
    }
    guard Swift.abs(x) < 9.2e18 else { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
    return .int(Int64(x))
  }

  /// Shewchuk's exact summation, as `math.fsum`.
  static func exactSum(_ values: [Double]) -> Double {
    var partials: [Double] = []
    for var x in values {
      var i = 0
      for var y in partials {
        if Swift.abs(x) < Swift.abs(y) { swap(&x, &y) }
        let hi = x + y
        let lo = y - (hi - x)
        if lo != 0 {
          partials[i] = lo
          i += 1
        }
        x = hi
      }
      partials.removeSubrange(i...)
      partials.append(x)
    }
    return partials.reduce(0, +)
  }

  static func time() -> Module {
    let clock = ContinuousClock()
    let start = clock.now
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    return module(
      "time",
      [
        (
          "time", "time.time(): seconds since the epoch",
          { (_) throws(PyError) -> Value in .float(Date().timeIntervalSince1970) }
        ),
        (
          "perf_counter", "time.perf_counter(): a monotonic clock in seconds",
          { (_) throws(PyError) -> Value in
            .float(seconds(clock.now - start))
          }
        ),
        (
          "monotonic", "time.monotonic(): a monotonic clock in seconds",
          { (_) throws(PyError) -> Value in
            .float(seconds(clock.now - start))
          }
        ),
        (
          "sleep", "time.sleep(seconds)",
          { (a) throws(PyError) -> Value in
            let s = try Operators.number(try a.required(0, "secs"))
            if s < 0 { throw PyError("ValueError", "sleep length must be non-negative") }
            // Sleep in slices so Ctrl-C is felt within 100 ms.
            var left = s
            while left > 0 {
              try a.interpreter.interrupt.check()
              let slice = Swift.min(left, 0.05)
              usleep(UInt32(slice * 1_000_000))
              left -= slice
            }
            return .none
          }
        ),
      ])
  }

  static func random(_ r: PythonRandom) -> Module {
    module(
      "random",
      [
        (
          "seed", "random.seed(a=None)",
          { (a) throws(PyError) -> Value in
            if let s = a.given(0, "a") { r.seed(try Operators.integer(s)) } else { r.seedFromEntropy() }
            return .none
          }
        ),
        ("random", "random.random(): a float in [0, 1)", { (_) throws(PyError) -> Value in .float(r.random()) }),
        (
          "uniform", "random.uniform(a, b)",
          { (a) throws(PyError) -> Value in
            .float(
              r.uniform(try Operators.number(try a.required(0, "a")), try Operators.number(try a.required(1, "b"))))
          }
        ),
        (
          "gauss", "random.gauss(mu=0.0, sigma=1.0)",
          { (a) throws(PyError) -> Value in
            .float(r.gauss(try a.double(0, "mu", default: 0), try a.double(1, "sigma", default: 1)))
          }
        ),
        (
          "normalvariate", "random.normalvariate(mu=0.0, sigma=1.0)",
          { (a) throws(PyError) -> Value in
            .float(r.normalVariate(try a.double(0, "mu", default: 0), try a.double(1, "sigma", default: 1)))
          }
        ),
        (
          "randint", "random.randint(a, b): an integer in [a, b]",
          { (a) throws(PyError) -> Value in
            let lo = try Operators.integer(try a.required(0, "a"))
            let hi = try Operators.integer(try a.required(1, "b"))
            return .int(try tensor { () throws(TensorError) in try r.randrange(lo, hi &+ 1) })
          }
        ),
        (
          "randrange", "random.randrange(start, stop=None, step=1)",
          { (a) throws(PyError) -> Value in
            let first = try Operators.integer(try a.required(0, "start"))
            let stop = try a.given(1, "stop").map { (v) throws(PyError) -> Int64 in try Operators.integer(v) }
            let step = Int64(try a.int(2, "step", default: 1))
            return .int(
              try tensor { () throws(TensorError) in
                try stop == nil ? r.randrange(0, first) : r.randrange(first, stop ?? 0, step)
              })
          }
        ),
        (
          "choice", "random.choice(seq)",
          { (a) throws(PyError) -> Value in
            let items = try Operators.iterate(try a.required(0, "seq"))
            guard !items.isEmpty else { throw PyError("IndexError", "Cannot choose from an empty sequence") }
            return items[Int(r.below(UInt64(items.count)))]
          }
        ),
        (
          "shuffle", "random.shuffle(x): shuffle a list in place",
          { (a) throws(PyError) -> Value in
            guard case .list(let box) = try a.required(0, "x") else {
              throw PyError("TypeError", "shuffle() needs a list")
            }
            r.shuffle(&box.items)
            return .none
          }
        ),
        (
          "sample", "random.sample(population, k)",
          { (a) throws(PyError) -> Value in
            let items = try Operators.iterate(try a.required(0, "population"))
            let k = try a.int(1, "k", default: 0)
            let picks = try tensor { () throws(TensorError) in try r.sampleIndices(items.count, k) }
            return .list(ListBox(picks.map { items[$0] }))
          }
        ),
      ])
  }

  static func sys(_ interpreter: Interpreter) -> Module {
    let m = module(
      "sys",
      [
        ("exit", "sys.exit(code=None)", exitProgram)
      ])
    m.attributes["argv"] = .list(ListBox(interpreter.argv.map { .str($0) }))
    m.attributes["version"] = .str("3.11.7 (nn)")
    m.attributes["maxsize"] = .int(Int64.max)
    m.attributes["path"] = .list(ListBox([]))
    let stream = { (name: String) -> Value in
      .object(
        NativeObject(
          typeName: "_io.TextIOWrapper",
          attributes: [
            "write": .builtin(
              Builtin("write") { (a) throws(PyError) -> Value in
                guard case .str(let s) = try a.required(0, "s") else {
                  throw PyError("TypeError", "write() argument must be str")
                }
                if name == "stdout" { a.interpreter.emit(s) } else { a.interpreter.emitError(s) }
                return .int(Int64(s.count))
              }),
            "flush": .builtin(Builtin("flush") { (_) throws(PyError) -> Value in .none }),
          ], repr: { "<_io.TextIOWrapper name='<\(name)>' mode='w' encoding='utf-8'>" }))
    }
    m.attributes["stdout"] = stream("stdout")
    m.attributes["stderr"] = stream("stderr")
    return m
  }
}

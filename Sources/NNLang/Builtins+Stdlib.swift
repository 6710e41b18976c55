import Foundation
import NNTensor

/// More of Python's standard modules: the rest of math, operator, copy, and additions to
/// sys, time, typing and random, each with CPython's results and error texts.
extension Builtins {
  static func checkedInt(_ a: Arguments, _ i: Int, _ name: String, _ function: String) throws(PyError) -> Int64 {
    let v = try a.required(i, name, function: function)
    switch v {
    case .int(let n): return n
    case .bool(let b): return b ? 1 : 0
    default: throw PyError("TypeError", "'\(v.typeName)' object cannot be interpreted as an integer")
    }
  }

  static func mathRange(_ x: Double, _ inputs: Double...) throws(PyError) -> Value {
    if x.isInfinite && inputs.allSatisfy(\.isFinite) { throw PyError("OverflowError", "math range error") }
    if x.isNaN && !inputs.contains(where: \.isNaN) { throw PyError("ValueError", "math domain error") }
    return .float(x)
  }

  static func overflowChecked(_ r: (Int64, Bool)) throws(PyError) -> Int64 {
    if r.1 { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
    return r.0
  }

  /// `math.comb` and `math.perm` by exact products, failing only when the result overflows.
  static func combinatorial(_ n: Int64, _ k: Int64, choose: Bool) throws(PyError) -> Int64 {
    if k > n { return 0 }
    let kk = choose ? min(k, n - k) : k
    var result: Int64 = 1
    for i in 0..<kk {
      if choose {
        // result * (n - i) / (i + 1) stays exact: each prefix product is a binomial coefficient.
        let g = gcdOf(result, i + 1)
        let num = try overflowChecked((result / g).multipliedReportingOverflow(by: (n - i) / ((i + 1) / g)))
        result = num
      } else {
        result = try overflowChecked(result.multipliedReportingOverflow(by: n - i))
      }
    }
    return result
  }

  static func gcdOf(_ a: Int64, _ b: Int64) -> Int64 {
    var (x, y) = (a.magnitude, b.magnitude)
    while y != 0 { (x, y) = (y, x % y) }
    return Int64(truncatingIfNeeded: x)
  }

  nonisolated(unsafe) static let moreMath: [Entry] = [
    (
      "log", "math.log(x[, base]): the natural logarithm, or the logarithm to base",
      { (a) throws(PyError) -> Value in
        let x = try Operators.number(try a.required(0, "x", function: "log"))
        guard x > 0 || x.isNaN else { throw PyError("ValueError", "math domain error") }
        guard let b = a.value(1, "base") else { return .float(Foundation.log(x)) }
        let base = try Operators.number(b)
        guard base > 0 || base.isNaN else { throw PyError("ValueError", "math domain error") }
        let denominator = Foundation.log(base)
        if denominator == 0 { throw PyError("ZeroDivisionError", "float division by zero") }
        return .float(Foundation.log(x) / denominator)
      }
    ),
    (
      "dist", "math.dist(p, q): the Euclidean distance between two points",
      { (a) throws(PyError) -> Value in
        let p = try Operators.iterate(try a.required(0, "p", function: "dist"))
        let q = try Operators.iterate(try a.required(1, "q", function: "dist"))
        guard p.count == q.count else {
          throw PyError("ValueError", "both points must have the same number of dimensions")
        }
        var total = 0.0
        for (x, y) in zip(p, q) {
          let d = try Operators.number(x) - Operators.number(y)
          total += d * d
        }
        return .float(total.squareRoot())
      }
    ),
    (
      "copysign", "math.copysign(x, y): x with the sign of y",
      { (a) throws(PyError) -> Value in
        .float(
          Foundation.copysign(
            try Operators.number(try a.required(0, "x")), try Operators.number(try a.required(1, "y"))))
      }
    ),
    (
      "fmod", "math.fmod(x, y): the C remainder, with the sign of x",
      { (a) throws(PyError) -> Value in
        let x = try Operators.number(try a.required(0, "x"))
        let y = try Operators.number(try a.required(1, "y"))
        if (x.isInfinite && !y.isNaN) || y == 0 { throw PyError("ValueError", "math domain error") }
        return .float(Foundation.fmod(x, y))
      }
    ),
    (
      "remainder", "math.remainder(x, y): the IEEE 754 remainder",
      { (a) throws(PyError) -> Value in
        let x = try Operators.number(try a.required(0, "x"))
        let y = try Operators.number(try a.required(1, "y"))
        if (x.isInfinite && !y.isNaN) || (y == 0 && !x.isNaN) { throw PyError("ValueError", "math domain error") }
        return .float(Foundation.remainder(x, y))
      }
    ),
    (
      "modf", "math.modf(x): the fractional and integer parts",
      { (a) throws(PyError) -> Value in
        let x = try Operators.number(try a.required(0, "x"))
        if x.isInfinite { return .tuple([.float(Foundation.copysign(0, x)), .float(x)]) }
        let whole = x.rounded(.towardZero)
        return .tuple([.float(Foundation.copysign(x - whole, x)), .float(whole)])
      }
    ),
    (
      "frexp", "math.frexp(x): mantissa and exponent, x == m * 2**e",
      { (a) throws(PyError) -> Value in
        let x = try Operators.number(try a.required(0, "x"))
        if x == 0 || !x.isFinite { return .tuple([.float(x), .int(0)]) }
        var e: Int32 = 0
        let m = Foundation.frexp(x, &e)
        return .tuple([.float(m), .int(Int64(e))])
      }
    ),
    (
      "ldexp", "math.ldexp(x, i): x * 2**i",
      { (a) throws(PyError) -> Value in
        let x = try Operators.number(try a.required(0, "x"))
        let i = try checkedInt(a, 1, "i", "ldexp")
        let r = Foundation.scalbn(x, Int(max(-100_000, min(100_000, i))))
        if r.isInfinite && x.isFinite { throw PyError("OverflowError", "math range error") }
        return .float(r)
      }
    ),
    (
      "lcm", "math.lcm(*integers): the least common multiple",
      { (a) throws(PyError) -> Value in
        var result: Int64 = 1
        for k in 0..<a.positional.count {
          let n = try checkedInt(a, k, "x", "lcm")
          if n == 0 || result == 0 {
            result = 0
            continue
          }
          guard n != .min else { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
          let g = gcdOf(result, n)
          result = try overflowChecked((result / g).multipliedReportingOverflow(by: Swift.abs(n)))
        }
        return .int(result)
      }
    ),
    (
      "comb", "math.comb(n, k): the ways to choose k of n items",
      { (a) throws(PyError) -> Value in
        let n = try checkedInt(a, 0, "n", "comb")
        let k = try checkedInt(a, 1, "k", "comb")
        if n < 0 { throw PyError("ValueError", "n must be a non-negative integer") }
        if k < 0 { throw PyError("ValueError", "k must be a non-negative integer") }
        return .int(try combinatorial(n, k, choose: true))
      }
    ),
    (
      "perm", "math.perm(n, k=None): the ways to arrange k of n items",
      { (a) throws(PyError) -> Value in
        let n = try checkedInt(a, 0, "n", "perm")
        let k = a.given(1, "k") == nil ? n : try checkedInt(a, 1, "k", "perm")
        if n < 0 { throw PyError("ValueError", "n must be a non-negative integer") }
        if k < 0 { throw PyError("ValueError", "k must be a non-negative integer") }
        return .int(try combinatorial(n, k, choose: false))
      }
    ),
    (
      "isqrt", "math.isqrt(n): the integer square root",
      { (a) throws(PyError) -> Value in
        let n = try checkedInt(a, 0, "n", "isqrt")
        if n < 0 { throw PyError("ValueError", "isqrt() argument must be nonnegative") }
        var r = Int64(Double(n).squareRoot())
        while r > 0 && r.multipliedReportingOverflow(by: r).overflow || r * r > n { r -= 1 }
        while !(r + 1).multipliedReportingOverflow(by: r + 1).overflow && (r + 1) * (r + 1) <= n { r += 1 }
        return .int(r)
      }
    ),
    (
      "cbrt", "math.cbrt(x): the cube root",
      { (a) throws(PyError) -> Value in .float(Foundation.cbrt(try Operators.number(try a.required(0, "x")))) }
    ),
    (
      "exp2", "math.exp2(x): 2 ** x",
      { (a) throws(PyError) -> Value in
        let x = try Operators.number(try a.required(0, "x"))
        return try mathRange(Foundation.exp2(x), x)
      }
    ),
  ]

  static func operatorModule() -> Module {
    func binary(_ name: String, _ op: BinaryOp) -> Entry {
      (
        name, "operator.\(name)(a, b)",
        { (a) throws(PyError) -> Value in try Operators.binary(op, try a.required(0, "a"), try a.required(1, "b")) }
      )
    }
    func comparison(_ name: String, _ op: String) -> Entry {
      (
        name, "operator.\(name)(a, b)",
        { (a) throws(PyError) -> Value in try Operators.compare(op, try a.required(0, "a"), try a.required(1, "b")) }
      )
    }
    func unary(_ name: String, _ op: String) -> Entry {
      (name, "operator.\(name)(a)", { (a) throws(PyError) -> Value in try Operators.unary(op, try a.required(0, "a")) })
    }
    var entries: [Entry] = [
      binary("add", .add), binary("sub", .sub), binary("mul", .mul), binary("truediv", .div),
      binary("floordiv", .floorDiv), binary("mod", .mod), binary("pow", .pow), binary("matmul", .matmul),
      binary("and_", .and), binary("or_", .or), binary("xor", .xor), binary("lshift", .lshift),
      binary("rshift", .rshift), comparison("lt", "<"), comparison("le", "<="), comparison("eq", "=="),
      comparison("ne", "!="), comparison("gt", ">"), comparison("ge", ">="), comparison("is_", "is"),
      comparison("is_not", "is not"), unary("neg", "-"), unary("pos", "+"), unary("invert", "~"),
      unary("not_", "not"),
    ]
    entries += [
      (
        "truth", "operator.truth(a)",
        { (a) throws(PyError) -> Value in .bool(try Operators.truth(try a.required(0, "a"))) }
      ),
      ("abs", "operator.abs(a)", absolute),
      (
        "contains", "operator.contains(a, b)",
        { (a) throws(PyError) -> Value in .bool(try Operators.contains(try a.required(0, "a"), try a.required(1, "b")))
        }
      ),
      (
        "getitem", "operator.getitem(a, b)",
        { (a) throws(PyError) -> Value in try Operators.getItem(try a.required(0, "a"), try a.required(1, "b")) }
      ),
      (
        "itemgetter", "operator.itemgetter(*items): a function fetching those items",
        { (a) throws(PyError) -> Value in
          let keys = a.positional
          guard !keys.isEmpty else { throw PyError("TypeError", "itemgetter expected 1 argument, got 0") }
          return .builtin(
            Builtin("itemgetter") { (b) throws(PyError) -> Value in
              let obj = try b.required(0, "obj")
              if keys.count == 1 { return try Operators.getItem(obj, keys[0]) }
              var out: [Value] = []
              for k in keys { out.append(try Operators.getItem(obj, k)) }
              return .tuple(out)
            })
        }
      ),
      (
        "attrgetter", "operator.attrgetter(*names): a function fetching those attributes",
        { (a) throws(PyError) -> Value in
          var names: [String] = []
          for v in a.positional {
            guard case .str(let s) = v else { throw PyError("TypeError", "attribute name must be a string") }
            names.append(s)
          }
          return .builtin(
            Builtin("attrgetter") { (b) throws(PyError) -> Value in
              let obj = try b.required(0, "obj")
              var out: [Value] = []
              for n in names {
                var v = obj
                for part in n.split(separator: ".") { v = try Attributes.get(v, String(part)) }
                out.append(v)
              }
              return out.count == 1 ? out[0] : .tuple(out)
            })
        }
      ),
      (
        "methodcaller", "operator.methodcaller(name, *args): a function calling that method",
        { (a) throws(PyError) -> Value in
          guard case .str(let name)? = a.positional.first else {
            throw PyError("TypeError", "method name must be a string")
          }
          let rest = Array(a.positional.dropFirst())
          let keywords = a.keywords
          return .builtin(
            Builtin("methodcaller") { (b) throws(PyError) -> Value in
              let method = try Attributes.get(try b.required(0, "obj"), name)
              return try b.interpreter.call(
                method, Arguments(positional: rest, keywords: keywords, interpreter: b.interpreter))
            })
        }
      ),
    ]
    return module("operator", entries)
  }

  /// `copy.copy` and `copy.deepcopy`: containers, instances and arrays, with a memo so
  /// shared and self-referencing parts stay shared.
  static func copyModule() -> Module {
    func copy(_ v: Value, deep: Bool, _ memo: inout [ObjectIdentifier: Value], depth: Int) throws(PyError) -> Value {
      if depth > 900 {
        throw PyError("RecursionError", "maximum recursion depth exceeded while calling a Python object")
      }
      func inner(_ x: Value, _ memo: inout [ObjectIdentifier: Value]) throws(PyError) -> Value {
        deep ? try copy(x, deep: true, &memo, depth: depth + 1) : x
      }
      switch v {
      case .list(let l):
        if let m = memo[ObjectIdentifier(l)] { return m }
        let out = ListBox([])
        memo[ObjectIdentifier(l)] = .list(out)
        for x in l.items { out.items.append(try inner(x, &memo)) }
        return .list(out)
      case .dict(let d), .set(let d):
        if let m = memo[ObjectIdentifier(d)] { return m }
        let out = DictBox()
        let result: Value = if case .dict = v { .dict(out) } else { .set(out) }
        memo[ObjectIdentifier(d)] = result
        for (k, x) in zip(d.keys, d.values) { try out.set(try inner(k, &memo), try inner(x, &memo)) }
        return result
      case .tuple(let t):
        guard deep else { return v }
        var out: [Value] = []
        for x in t { out.append(try inner(x, &memo)) }
        return .tuple(out)
      case .array(let a):
        if let m = memo[ObjectIdentifier(a)] { return m }
        let out = Value.array(a.copy())
        memo[ObjectIdentifier(a)] = out
        return out
      case .instance(let i):
        if let m = memo[ObjectIdentifier(i)] { return m }
        let special = deep ? "__deepcopy__" : "__copy__"
        if i.cls.lookup(special) != nil {
          let memoArgument: [Value] = deep ? [.dict(DictBox())] : []
          if let r = try i.cls.interpreter.special(i, special, memoArgument) { return r }
        }
        let out = Instance(i.cls)
        memo[ObjectIdentifier(i)] = .instance(out)
        out.args = i.args
        for name in i.order {
          if let x = i.attributes[name] {
            out.attributes[name] = try inner(x, &memo)
            out.order.append(name)
          }
        }
        return .instance(out)
      default:
        return v
      }
    }
    return module(
      "copy",
      [
        (
          "copy", "copy.copy(x): a shallow copy",
          { (a) throws(PyError) -> Value in
            var memo: [ObjectIdentifier: Value] = [:]
            return try copy(try a.required(0, "x", function: "copy"), deep: false, &memo, depth: 0)
          }
        ),
        (
          "deepcopy", "copy.deepcopy(x): a copy of x and of everything in it",
          { (a) throws(PyError) -> Value in
            var memo: [ObjectIdentifier: Value] = [:]
            return try copy(try a.required(0, "x", function: "deepcopy"), deep: true, &memo, depth: 0)
          }
        ),
      ])
  }

  static func addSysExtras(_ m: Module) -> Module {
    // A plain tuple: it compares and indexes as CPython's version_info (`.major` is missing).
    m.attributes["version_info"] = .tuple([.int(3), .int(11), .int(7), .str("final"), .int(0)])
    m.attributes["float_info"] = .object(
      NativeObject(
        typeName: "sys.float_info",
        attributes: [
          "max": .float(Double.greatestFiniteMagnitude), "min": .float(Double.leastNormalMagnitude),
          "epsilon": .float(Double.ulpOfOne), "dig": .int(15), "mant_dig": .int(53), "max_exp": .int(1024),
          "min_exp": .int(-1021), "radix": .int(2),
        ],
        repr: {
          "sys.float_info(max=1.7976931348623157e+308, max_exp=1024, max_10_exp=308, min=2.2250738585072014e-308, min_exp=-1021, min_10_exp=-307, dig=15, mant_dig=53, epsilon=2.220446049250313e-16, radix=2, rounds=1)"
        }))
    m.attributes["getrecursionlimit"] = .builtin(
      Builtin("getrecursionlimit") { (_) throws(PyError) -> Value in .int(1000) })
    m.attributes["platform"] = .str("linux")
    return m
  }

  static func addTimeExtras(_ m: Module) -> Module {
    let clock = ContinuousClock()
    let start = clock.now
    func nanoseconds(_ d: Duration) -> Int64 {
      d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }
    m.attributes["time_ns"] = .builtin(
      Builtin("time_ns") { (_) throws(PyError) -> Value in .int(Int64(Date().timeIntervalSince1970 * 1e9)) })
    m.attributes["perf_counter_ns"] = .builtin(
      Builtin("perf_counter_ns") { (_) throws(PyError) -> Value in .int(nanoseconds(clock.now - start) + 1) })
    m.attributes["monotonic_ns"] = m.attributes["perf_counter_ns"]
    m.attributes["process_time"] = .builtin(
      Builtin("process_time") { (_) throws(PyError) -> Value in
        .float(Double(clock_t(Foundation.clock())) / Double(CLOCKS_PER_SEC))
      })
    return m
  }

  /// `typing`: names that annotate, subscriptable (`Union[int, float]`), and TYPE_CHECKING.
  static func typingModule() -> Module {
    let m = Module("typing")
    for name in [
      "List", "Tuple", "Dict", "Optional", "Callable", "Any", "Union", "Sequence", "Iterable", "Set", "Iterator",
      "Mapping", "Type", "FrozenSet", "Generator", "Literal", "ClassVar", "Final", "Deque", "DefaultDict",
    ] {
      m.attributes[name] = .object(typingAlias(name))
    }
    m.attributes["TYPE_CHECKING"] = .bool(false)
    m.attributes["TypeVar"] = .builtin(
      Builtin("TypeVar") { (a) throws(PyError) -> Value in
        let name = try a.string(0, "name") ?? "T"
        return .object(NativeObject(typeName: "TypeVar", repr: { "~" + name }))
      })
    m.attributes["cast"] = .builtin(Builtin("cast") { (a) throws(PyError) -> Value in try a.required(1, "val") })
    return m
  }

  static func typingAlias(_ display: String) -> NativeObject {
    let o = NativeObject(typeName: "_GenericAlias", repr: { "typing." + display })
    o.itemGetter = { (index: Value) throws(PyError) -> Value in
      let parameters: [Value] = if case .tuple(let t) = index { t } else { [index] }
      let inner = parameters.map { p -> String in
        switch p {
        case .builtin(let b): return b.name
        case .classObject(let c): return c.name
        case .none: return "None"
        case .object(let x): return x.repr()
        default: return Repr.repr(p)
        }
      }.joined(separator: ", ")
      return .object(typingAlias(display + "[" + inner + "]"))
    }
    return o
  }
}

extension Builtins {
  /// CPython's `random.gammavariate` (Lib/random.py), on the module's Mersenne Twister.
  static func gammaVariate(_ r: PythonRandom, _ alpha: Double, _ beta: Double) throws(PyError) -> Double {
    if alpha <= 0 || beta <= 0 { throw PyError("ValueError", "gammavariate: alpha and beta must be > 0.0") }
    if alpha > 1 {
      let ainv = (2 * alpha - 1).squareRoot()
      let bbb = alpha - Foundation.log(4.0)
      let ccc = alpha + ainv
      let magic = 1 + Foundation.log(4.5)
      while true {
        let u1 = r.random()
        if !(1e-7 < u1 && u1 < 0.9999999) { continue }
        let u2 = 1 - r.random()
        let v = Foundation.log(u1 / (1 - u1)) / ainv
        let x = alpha * Foundation.exp(v)
        let z = u1 * u1 * u2
        let rr = bbb + ccc * v - x
        if rr + magic - 4.5 * z >= 0 || rr >= Foundation.log(z) { return x * beta }
      }
    }
    if alpha == 1 { return -Foundation.log(1 - r.random()) * beta }
    var x = 0.0
    while true {
      let u = r.random()
      let b = (M_E + alpha) / M_E
      let p = b * u
      x = p <= 1 ? Foundation.pow(p, 1 / alpha) : -Foundation.log((b - p) / alpha)
      let u1 = r.random()
      if p > 1 {
        if u1 <= Foundation.pow(x, alpha - 1) { break }
      } else if u1 <= Foundation.exp(-x) {
        break
      }
    }
    return x * beta
  }

  static func addRandomExtras(_ m: Module, _ r: PythonRandom) -> Module {
    let entries: [Entry] = [
      (
        "choices", "random.choices(population, weights=None, *, cum_weights=None, k=1)",
        { (a) throws(PyError) -> Value in
          let population = try Operators.iterate(try a.required(0, "population", function: "choices"))
          let k = try a.int(-1, "k", default: 1)
          let n = population.count
          var cumulative: [Double]?
          if let c = a.given(-1, "cum_weights") {
            if a.given(1, "weights") != nil {
              throw PyError("TypeError", "Cannot specify both weights and cumulative weights")
            }
            var values: [Double] = []
            for x in try Operators.iterate(c) { values.append(try Operators.number(x)) }
            cumulative = values
          } else if let w = a.given(1, "weights") {
            var total = 0.0
            var values: [Double] = []
            for x in try Operators.iterate(w) {
              total += try Operators.number(x)
              values.append(total)
            }
            cumulative = values
          }
          guard let cum = cumulative else {
            if n == 0 && k > 0 { throw PyError("IndexError", "list index out of range") }
            return .list(ListBox((0..<max(0, k)).map { _ in population[min(n - 1, Int(r.random() * Double(n)))] }))
          }
          guard cum.count == n else {
            throw PyError("ValueError", "The number of weights does not match the population")
          }
          guard let total = cum.last, total > 0 else {
            throw PyError("ValueError", "Total of weights must be greater than zero")
          }
          guard total.isFinite else { throw PyError("ValueError", "Total of weights must be finite") }
          var out: [Value] = []
          for _ in 0..<max(0, k) {
            // bisect_right(cum, x, 0, n - 1)
            let x = r.random() * total
            var lo = 0
            var hi = n - 1
            while lo < hi {
              let mid = (lo + hi) / 2
              if x < cum[mid] { hi = mid } else { lo = mid + 1 }
            }
            out.append(population[lo])
          }
          return .list(ListBox(out))
        }
      ),
      (
        "expovariate", "random.expovariate(lambd=1.0)",
        { (a) throws(PyError) -> Value in
          let lambd = try a.double(0, "lambd", default: 1)
          if lambd == 0 { throw PyError("ZeroDivisionError", "float division by zero") }
          return .float(-Foundation.log(1 - r.random()) / lambd)
        }
      ),
      (
        "triangular", "random.triangular(low=0.0, high=1.0, mode=None)",
        { (a) throws(PyError) -> Value in
          var low = try a.double(0, "low", default: 0)
          var high = try a.double(1, "high", default: 1)
          var u = r.random()
          var c = 0.5
          if let mode = a.given(2, "mode") {
            if high == low { return .float(low) }
            c = (try Operators.number(mode) - low) / (high - low)
          }
          if u > c {
            u = 1 - u
            c = 1 - c
            swap(&low, &high)
          }
          return .float(low + (high - low) * (u * c).squareRoot())
        }
      ),
      (
        "gammavariate", "random.gammavariate(alpha, beta)",
        { (a) throws(PyError) -> Value in
          .float(
            try gammaVariate(
              r, try Operators.number(try a.required(0, "alpha")), try Operators.number(try a.required(1, "beta"))))
        }
      ),
      (
        "betavariate", "random.betavariate(alpha, beta)",
        { (a) throws(PyError) -> Value in
          let alpha = try Operators.number(try a.required(0, "alpha"))
          let beta = try Operators.number(try a.required(1, "beta"))
          let y = try gammaVariate(r, alpha, 1)
          if y == 0 { return .float(0) }
          return .float(y / (y + (try gammaVariate(r, beta, 1))))
        }
      ),
    ]
    for (n, doc, fn) in entries { m.attributes[n] = .builtin(Builtin(n, doc: doc, fn)) }
    return m
  }
}

extension Builtins {
  /// `collections.defaultdict(default_factory=None, *args, **kwargs)`: a dict that makes
  /// missing values, so it is a dict everywhere (`isinstance`, `dict(dd)`, `**dd`).
  nonisolated(unsafe) static let defaultDict: Value = .builtin(
    Builtin("defaultdict", isType: true) { (a) throws(PyError) -> Value in
      let factory = a.positional.first ?? .none
      if !factory.isNone && !Builtins.isCallable(factory) {
        throw PyError("TypeError", "first argument must be callable or None")
      }
      var rest = a
      if !rest.positional.isEmpty { rest.positional.removeFirst() }
      let made = try a.interpreter.call(a.interpreter.builtins["dict"] ?? .none, rest)
      guard case .dict(let d) = made else { return made }
      d.defaultFactory = DefaultFactory(factory, a.interpreter)
      return .dict(d)
    })

  static func isCallable(_ v: Value) -> Bool {
    switch v {
    case .function, .builtin, .method, .classObject: return true
    case .instance(let i): return i.cls.lookup("__call__") != nil
    default: return false
    }
  }
}

extension Builtins {
  /// `random.Random(seed)`: an independent generator with the module's methods.
  static func randomClass() -> Value {
    .builtin(
      Builtin("Random", isType: true) { (a) throws(PyError) -> Value in
        let generator = PythonRandom()
        let methods = addRandomExtras(random(generator), generator)
        if let s = a.given(0, "x") { generator.seed(try Operators.integer(s)) }
        let object = NativeObject(typeName: "Random", repr: { "<random.Random object>" })
        for (name, v) in methods.attributes where name != "Random" { object.attributes[name] = v }
        return .object(object)
      })
  }
}

extension Builtins {
  /// An iterator that makes its items on demand, with `__next__` for `next()`.
  static func lazyIterator(
    _ typeName: String, repr: @escaping () -> String, _ next: @escaping () throws(PyError) -> Value?
  )
    -> Value
  {
    let o = NativeObject(typeName: typeName, repr: repr)
    o.lazyNext = next
    o.attributes["__next__"] = .builtin(
      Builtin("__next__") { (_) throws(PyError) -> Value in
        guard let v = try next() else { throw PyError("StopIteration", "") }
        return v
      })
    return .object(o)
  }

  /// itertools' endless iterators, lazy: count, cycle and repeat.
  static func addLazyItertools(_ m: Module) {
    m.attributes["count"] = .builtin(
      Builtin("count", isType: true) { (a) throws(PyError) -> Value in
        var current = a.value(0, "start") ?? .int(0)
        let step = a.value(1, "step") ?? .int(1)
        return lazyIterator("count", repr: { "count(\(Repr.repr(current)))" }) { () throws(PyError) -> Value? in
          let v = current
          current = try Operators.binary(.add, current, step)
          return v
        }
      })
    m.attributes["cycle"] = .builtin(
      Builtin("cycle", isType: true) { (a) throws(PyError) -> Value in
        let items = try Operators.iterate(try a.required(0, "iterable", function: "cycle"))
        var k = 0
        return lazyIterator("cycle", repr: { "<itertools.cycle object>" }) { () throws(PyError) -> Value? in
          guard !items.isEmpty else { return nil }
          defer { k = (k + 1) % items.count }
          return items[k]
        }
      })
    m.attributes["repeat"] = .builtin(
      Builtin("repeat", isType: true) { (a) throws(PyError) -> Value in
        let object = try a.required(0, "object", function: "repeat")
        var left = try a.given(1, "times").map { (t) throws(PyError) -> Int64 in try Operators.integer(t) }
        return lazyIterator("repeat", repr: { "repeat(\(Repr.repr(object)))" }) { () throws(PyError) -> Value? in
          if let n = left {
            if n <= 0 { return nil }
            left = n - 1
          }
          return object
        }
      })
  }
}

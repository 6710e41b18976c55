import NNTensor

/// `np.poly1d` (a callable polynomial with NumPy's repr and two-line str), `np.roots` (real
/// roots only: nn has no complex numbers), `np.polyder`, `np.polyint`.
extension Builtins {
  nonisolated(unsafe) static let numpyPoly1d: [Entry] = [
    ("poly1d", "poly1d(c_or_r): a polynomial from its coefficients, highest power first", poly1d),
    ("roots", "roots(p): the roots of a polynomial (real ones only in nn)", roots),
    (
      "polyder", "polyder(p, m=1): the m-th derivative's coefficients",
      { (a) throws(PyError) -> Value in
        try bind(a, "polyder", ["p", "m"], required: 1)
        var p = try a.array(0, "p")
        let m = try a.int(1, "m", default: 1)
        guard m >= 0 else { throw PyError("ValueError", "Order of derivative must be positive (see polyint)") }
        for _ in 0..<m {
          let n = p.count - 1
          let powers = try tensor { () throws(TensorError) in
            try NDArray.arange(start: .int(Int64(n)), stop: .int(0), step: .int(-1))
          }
          p = try tensor { () throws(TensorError) in
            try NDArray.apply(
              .multiply, try p.reshaped([p.count]).view(shape: [max(n, 0)], strides: [1], offset: 0).copy(), powers)
          }
        }
        return .array(p)
      }
    ),
    (
      "polyint", "polyint(p, m=1, k=None): the m-th antiderivative's coefficients",
      { (a) throws(PyError) -> Value in
        try bind(a, "polyint", ["p", "m", "k"], required: 1)
        var values = try a.array(0, "p").doubles
        let m = try a.int(1, "m", default: 1)
        guard m >= 0 else { throw PyError("ValueError", "Order of integral must be positive (see polyder)") }
        let k = try a.double(2, "k", default: 0)
        for _ in 0..<m {
          let n = values.count
          values = (0..<n).map { values[$0] / Double(n - $0) } + [k]
        }
        return .array(try tensor { () throws(TensorError) in try NDArray(shape: [values.count], doubles: values) })
      }
    ),
  ]

  static func poly1d(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "poly1d", ["c_or_r", "r", "variable"], required: 1)
    if try a.bool(1, "r", default: false) { throw PyError("TypeError", "poly1d(): nn does not support r=True") }
    let variable = try a.string(2, "variable") ?? "x"
    let given = try a.array(0, "c_or_r")
    guard given.ndim <= 1 else { throw PyError("ValueError", "Polynomial must be 1d only.") }
    let flat = try tensor { () throws(TensorError) in try given.reshaped([given.count]) }
    // Leading zeros are dropped; no coefficients at all is the zero polynomial.
    let scalars = flat.scalars
    let first = scalars.firstIndex { $0.doubleValue != 0 } ?? scalars.count
    let index = try tensor { () throws(TensorError) in
      try NDArray.arange(start: .int(Int64(first)), stop: .int(Int64(scalars.count)), step: .int(1))
    }
    var coeffs = try Operators.tensorOperand(try Operators.getItem(.array(flat), .array(index)))
    if coeffs.count == 0 { coeffs = try tensor { () throws(TensorError) in try NDArray.zeros([1], dtype: flat.dtype) } }
    let c = coeffs
    let reprText = Repr.repr(.array(c))
    let o = NativeObject(typeName: "poly1d") { "poly1d(" + String(reprText.dropFirst(6).dropLast()) + ")" }
    o.attributes = [
      "coeffs": .array(c), "c": .array(c), "coef": .array(c), "coefficients": .array(c),
      "order": .int(Int64(c.count - 1)), "o": .int(Int64(c.count - 1)), "variable": .str(variable),
      "__call__": .builtin(
        Builtin("__call__") { (args) throws(PyError) -> Value in
          let x = try args.array(0, "val")
          return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.polyval(c, x) }, scalarResult: true)
        }),
      "__str__": .str(try polyText(c, variable)),
    ]
    return .object(o)
  }

  /// NumPy's `poly1d.__str__`: terms with `%.4g` coefficients, powers raised onto a line above.
  static func polyText(_ c: NDArray, _ variable: String) throws(PyError) -> String {
    var text = "0"
    let values = c.scalars
    let first = values.firstIndex { $0.doubleValue != 0 } ?? values.count
    let kept = Array(values[first...])
    let n = kept.count - 1
    for (k, coefficient) in kept.enumerated() {
      var s: String
      if case .str(let t) = try Operators.binary(.mod, .str("%.4g"), .scalar(coefficient)) { s = t } else { s = "" }
      if s.hasSuffix(".0000") { s = String(s.dropLast(5)) }
      let power = n - k
      let term: String
      if power == 0 {
        term = s != "0" ? s : (k == 0 ? "0" : "")
      } else if power == 1 {
        term = s == "0" ? "" : "\(s) \(variable)"
      } else {
        term = s == "0" ? "" : "\(s) \(variable)**\(power)"
      }
      if k > 0 {
        if !term.isEmpty {
          text = term.hasPrefix("-") ? "\(text) - \(term.dropFirst())" : "\(text) + \(term)"
        }
      } else {
        text = term
      }
    }
    return raisePowers(text)
  }

  /// NumPy's `_raise_power`: each `**k` becomes k on the line above its term.
  static func raisePowers(_ text: String, wrap: Int = 70) -> String {
    let chars = Array(text)
    var line1 = ""
    var line2 = ""
    var output = " "
    var n = 0
    var i = 0
    while i + 1 < chars.count {
      guard chars[i] == "*", chars[i + 1] == "*" else {
        i += 1
        continue
      }
      var j = i + 2
      while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
      let power = String(chars[(i + 2)..<j])
      let part = String(chars[n..<i])
      n = j
      let toAdd2 = part + String(repeating: " ", count: max(power.count - 1, 0))
      let toAdd1 = String(repeating: " ", count: max(part.count - 1, 0)) + power
      if line2.count + toAdd2.count > wrap || line1.count + toAdd1.count > wrap {
        output += line1 + "\n" + line2 + "\n "
        line1 = toAdd1
        line2 = toAdd2
      } else {
        line2 += toAdd2
        line1 += toAdd1
      }
      i = j
    }
    output += line1 + "\n" + line2
    return output + String(chars[n...])
  }

  static func roots(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "roots", ["p"], required: 1)
    let p = try a.array(0, "p")
    guard p.ndim == 1 else { throw PyError("ValueError", "Input must be a rank-1 array.") }
    var values = p.doubles
    // Leading zeros drop the degree; trailing zeros are roots at 0.
    while let f = values.first, f == 0 { values.removeFirst() }
    var zeros = 0
    while let l = values.last, l == 0 {
      values.removeLast()
      zeros += 1
    }
    let n = values.count
    var found: [Double] = []
    if n > 1 {
      var companion = [Double](repeating: 0, count: (n - 1) * (n - 1))
      for j in 0..<(n - 1) { companion[j] = -values[j + 1] / values[0] }
      for i in 1..<(n - 1) { companion[i * (n - 1) + i - 1] = 1 }
      let matrix = try tensor { () throws(TensorError) in try NDArray(shape: [n - 1, n - 1], doubles: companion) }
      let eigenvalues = try tensor { () throws(TensorError) in try Linalg.eigvals(matrix) }
      guard eigenvalues.dtype == .float64 else {
        throw PyError("TypeError", "roots(): this polynomial has complex roots, and nn has no complex numbers")
      }
      found = eigenvalues.doubles
    }
    found += Array(repeating: 0, count: zeros)
    return .array(try tensor { () throws(TensorError) in try NDArray(shape: [found.count], doubles: found) })
  }
}

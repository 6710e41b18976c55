import NNTensor

/// `numpy.linalg`: NNTensor's `Linalg` under NumPy's names and argument conventions.
extension Builtins {
  nonisolated(unsafe) static let linalg: [Entry] = [
    (
      "solve", "solve(a, b): x such that a @ x == b, for square a",
      { (a) throws(PyError) -> Value in
        try bind(a, "solve", ["a", "b"], required: 2)
        let (x, y) = (try a.array(0, "a"), try a.array(1, "b"))
        return .array(try tensor { () throws(TensorError) in try Linalg.solve(x, y) })
      }
    ),
    (
      "inv", "inv(a): the inverse of a square matrix",
      { (a) throws(PyError) -> Value in
        try bind(a, "inv", ["a"], required: 1)
        let x = try a.array(0, "a")
        return .array(try tensor { () throws(TensorError) in try Linalg.inv(x) })
      }
    ),
    (
      "det", "det(a): the determinant",
      { (a) throws(PyError) -> Value in
        try bind(a, "det", ["a"], required: 1)
        let x = try a.array(0, "a")
        return Operators.wrap(try tensor { () throws(TensorError) in try Linalg.det(x) }, scalarResult: true)
      }
    ),
    (
      "slogdet", "slogdet(a): (sign, logabsdet) of the determinant",
      { (a) throws(PyError) -> Value in
        try bind(a, "slogdet", ["a"], required: 1)
        let x = try a.array(0, "a")
        let (sign, log) = try tensor { () throws(TensorError) in try Linalg.slogdet(x) }
        return .tuple([Operators.wrap(sign, scalarResult: true), Operators.wrap(log, scalarResult: true)])
      }
    ),
    ("lstsq", "lstsq(a, b, rcond=None): (x, residuals, rank, s), the least-squares solution", lstsq),
    ("norm", "norm(x, ord=None, axis=None, keepdims=False): a vector or matrix norm", norm),
    (
      "matrix_rank", "matrix_rank(A, tol=None, hermitian=False, *, rtol=None): the rank by SVD",
      matrixRank
    ),
    (
      "cond", "cond(x, p=None): the condition number",
      { (a) throws(PyError) -> Value in
        try bind(a, "cond", ["x", "p"], required: 1)
        let x = try a.array(0, "x")
        let p = try normOrder(a.given(1, "p"))
        return Operators.wrap(try tensor { () throws(TensorError) in try Linalg.cond(x, p: p) }, scalarResult: true)
      }
    ),
    ("pinv", "pinv(a, rcond=None, hermitian=False, *, rtol): the pseudo-inverse", pinv),
    (
      "eigh", "eigh(a, UPLO='L'): (eigenvalues, eigenvectors) of a symmetric matrix",
      { (a) throws(PyError) -> Value in
        try bind(a, "eigh", ["a", "UPLO"], required: 1)
        let upper = try uplo(a)
        let x = try a.array(0, "a")
        let (w, v) = try tensor { () throws(TensorError) in try Linalg.eigh(x, upper: upper) }
        return .tuple([.array(w), .array(v)])
      }
    ),
    (
      "eigvalsh", "eigvalsh(a, UPLO='L'): the eigenvalues of a symmetric matrix, ascending",
      { (a) throws(PyError) -> Value in
        try bind(a, "eigvalsh", ["a", "UPLO"], required: 1)
        let upper = try uplo(a)
        let x = try a.array(0, "a")
        return .array(try tensor { () throws(TensorError) in try Linalg.eigvalsh(x, upper: upper) })
      }
    ),
    (
      "svd",
      "svd(a, full_matrices=True, compute_uv=True, hermitian=False): (U, S, Vh), the singular value decomposition", svd
    ),
    (
      "eig", "eig(a): (eigenvalues, eigenvectors) of a square matrix (real eigenvalues only)",
      { (a) throws(PyError) -> Value in
        try bind(a, "eig", ["a"], required: 1)
        let x = try a.array(0, "a")
        let (w, v) = try tensor { () throws(TensorError) in try Linalg.eig(x) }
        return .tuple([.array(w), .array(v)])
      }
    ),
    (
      "eigvals", "eigvals(a): the eigenvalues of a square matrix (real eigenvalues only)",
      { (a) throws(PyError) -> Value in
        try bind(a, "eigvals", ["a"], required: 1)
        let x = try a.array(0, "a")
        return .array(try tensor { () throws(TensorError) in try Linalg.eigvals(x) })
      }
    ),
    (
      "cholesky", "cholesky(a, /, *, upper=False): the Cholesky factor of a positive-definite matrix",
      { (a) throws(PyError) -> Value in
        try bind(a, "cholesky", ["a"], required: 1, positionalOnly: 1, keywordOnly: ["upper"])
        let x = try a.array(0, "a")
        let upper = try a.bool(-1, "upper", default: false)
        return .array(try tensor { () throws(TensorError) in try Linalg.cholesky(x, upper: upper) })
      }
    ),
    (
      "matrix_power", "matrix_power(a, n): a square matrix raised to an integer power",
      { (a) throws(PyError) -> Value in
        try bind(a, "matrix_power", ["a", "n"], required: 2)
        let x = try a.array(0, "a")
        let v = try a.required(1, "n")
        let n: Int
        do throws(PyError) { n = Int(try Operators.integer(v)) } catch {
          // NumPy raises from operator.index's TypeError.
          var e = PyError("TypeError", "exponent must be an integer")
          e.context = "\(error.type): \(error.message)"
          e.contextIsCause = true
          throw e
        }
        return .array(try tensor { () throws(TensorError) in try Linalg.matrixPower(x, n) })
      }
    ),
    (
      "matmul", "matmul(x1, x2): matrix product with broadcasting",
      { (a) throws(PyError) -> Value in
        try bind(a, "matmul", ["x1", "x2"], required: 2, positionalOnly: 2)
        let (x, y) = (try a.array(0, "x1"), try a.array(1, "x2"))
        return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.matmul(x, y) }, scalarResult: true)
      }
    ),
    (
      "outer", "outer(x1, x2): the outer product of two vectors",
      { (a) throws(PyError) -> Value in
        try bind(a, "outer", ["x1", "x2"], required: 2, positionalOnly: 2)
        let (x, y) = (try a.array(0, "x1"), try a.array(1, "x2"))
        guard x.ndim == 1 && y.ndim == 1 else {
          throw PyError(
            "ValueError",
            "Input arrays must be one-dimensional, but they are x1.ndim=\(x.ndim) and x2.ndim=\(y.ndim).")
        }
        return .array(try tensor { () throws(TensorError) in try NDArray.outer(x, y) })
      }
    ),
  ]

  /// Binds a call to a Python-level signature as CPython does, raising its TypeErrors:
  /// `params` positional-or-keyword (the first `positionalOnly` of them positional-only),
  /// the first `required` of them required, then keyword-only names.
  static func bind(
    _ a: Arguments, _ name: String, _ params: [String], required: Int, positionalOnly: Int = 0,
    keywordOnly: [String] = []
  ) throws(PyError) {
    let given = a.positional.count
    if given > params.count {
      let takes =
        required == params.count
        ? "\(params.count) positional argument\(params.count == 1 ? "" : "s")"
        : "from \(required) to \(params.count) positional arguments"
      throw PyError("TypeError", "\(name)() takes \(takes) but \(given) \(given == 1 ? "was" : "were") given")
    }
    let positionalOnlyNames = a.keywords.map(\.0).filter { params.prefix(positionalOnly).contains($0) }
    if !positionalOnlyNames.isEmpty {
      throw PyError(
        "TypeError",
        "\(name)() got some positional-only arguments passed as keyword arguments: '\(positionalOnlyNames.joined(separator: ", "))'"
      )
    }
    for (key, _) in a.keywords {
      if let i = params.firstIndex(of: key) {
        if i < given { throw PyError("TypeError", "\(name)() got multiple values for argument '\(key)'") }
      } else if !keywordOnly.contains(key) {
        throw PyError("TypeError", "\(name)() got an unexpected keyword argument '\(key)'")
      }
    }
    let missing = params.prefix(required).enumerated().filter { i, p in
      i >= given && !a.keywords.contains { $0.0 == p }
    }.map { "'\($0.element)'" }
    guard !missing.isEmpty else { return }
    let list =
      missing.count == 1
      ? missing[0]
      : missing.count == 2
        ? "\(missing[0]) and \(missing[1])"
        : missing.dropLast().joined(separator: ", ") + ", and " + missing[missing.count - 1]
    throw PyError(
      "TypeError",
      "\(name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
  }

  static func lstsq(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "lstsq", ["a", "b", "rcond"], required: 2)
    let (x, y) = (try a.array(0, "a"), try a.array(1, "b"))
    let rcond = try a.given(2, "rcond").map { (v) throws(PyError) in try Operators.number(v) }
    let r = try tensor { () throws(TensorError) in try Linalg.lstsq(x, y, rcond: rcond) }
    return .tuple([.array(r.x), .array(r.residuals), .int(Int64(r.rank)), .array(r.singularValues)])
  }

  static func norm(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "norm", ["x", "ord", "axis", "keepdims"], required: 1)
    let x = try a.array(0, "x")
    let ord = try normOrder(a.given(1, "ord"))
    if case .list? = a.given(2, "axis") {
      throw PyError("TypeError", "'axis' must be None, an integer or a tuple of integers")
    }
    let axis = try a.axes(2)
    let keep = try a.bool(3, "keepdims", default: false)
    return Operators.wrap(
      try tensor { () throws(TensorError) in try Linalg.norm(x, ord: ord, axis: axis, keepDims: keep) },
      scalarResult: true)
  }

  /// `ord=`/`p=`: None, an int, a float or a name such as 'fro'.
  static func normOrder(_ v: Value?) throws(PyError) -> NormOrder? {
    switch v {
    case nil, .none?: return nil
    case .int(let i)?, .scalar(.int(let i))?: return .int(Int(i))
    case .bool(let b)?, .scalar(.bool(let b))?: return .int(b ? 1 : 0)
    case .float(let d)?, .scalar(.float(let d))?: return .float(d)
    case .str(let s)?: return .name(s)
    case let other?: throw PyError("TypeError", "unsupported norm order of type '\(other.typeName)'")
    }
  }

  static func matrixRank(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "matrix_rank", ["A", "tol", "hermitian"], required: 1, keywordOnly: ["rtol"])
    let x = try a.array(0, "A")
    let tol = try a.given(1, "tol").map { (v) throws(PyError) in try Operators.number(v) }
    let rtol = try a.given(-1, "rtol").map { (v) throws(PyError) in try Operators.number(v) }
    let hermitian = try a.bool(2, "hermitian", default: false)
    let r = try tensor { () throws(TensorError) in
      try Linalg.matrixRank(x, tol: tol, rtol: rtol, hermitian: hermitian)
    }
    // Below two dimensions NumPy answers with a Python int.
    if x.ndim < 2, case .int(let i)? = r.item { return .int(i) }
    return Operators.wrap(r, scalarResult: true)
  }

  static func pinv(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "pinv", ["a", "rcond", "hermitian"], required: 1, keywordOnly: ["rtol"])
    let x = try a.array(0, "a")
    let rtol = a.value(-1, "rtol")
    var rcond = 1e-15
    if let v = a.given(1, "rcond") {
      if rtol != nil { throw PyError("ValueError", "`rtol` and `rcond` can't be both set.") }
      rcond = try Operators.number(v)
    } else if let rtol {
      rcond =
        rtol.isNone
        ? Double(x.shape.suffix(2).max() ?? 0) * Double.ulpOfOne : try Operators.number(rtol)
    }
    let hermitian = try a.bool(2, "hermitian", default: false)
    return .array(try tensor { () throws(TensorError) in try Linalg.pinv(x, rcond: rcond, hermitian: hermitian) })
  }

  static func svd(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "svd", ["a", "full_matrices", "compute_uv", "hermitian"], required: 1)
    let x = try a.array(0, "a")
    let full = try a.bool(1, "full_matrices", default: true)
    let uv = try a.bool(2, "compute_uv", default: true)
    let hermitian = try a.bool(3, "hermitian", default: false)
    let r = try tensor { () throws(TensorError) in
      try Linalg.svd(x, fullMatrices: full, computeUV: uv, hermitian: hermitian)
    }
    guard let u = r.u, let vh = r.vh else { return .array(r.s) }
    return .tuple([.array(u), .array(r.s), .array(vh)])
  }

  /// `UPLO=`: 'L' (the default) or 'U', in either case.
  static func uplo(_ a: Arguments) throws(PyError) -> Bool {
    guard let v = a.given(1, "UPLO") else { return false }
    guard case .str(let s) = v, ["L", "U"].contains(s.uppercased()) else {
      throw PyError("ValueError", "UPLO argument must be 'L' or 'U'")
    }
    return s.uppercased() == "U"
  }
}

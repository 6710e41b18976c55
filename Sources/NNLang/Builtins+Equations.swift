import NNTensor

/// `solve` and `equations`: written linear equations (or A and b) in, a solution out.
extension Builtins {
  static let solveDoc = """
    solve(equations, method=None, lr=0.01, iters=10000, plot=False)
    solve(A, b, ...)

    Solve a system of linear equations, written as in a book, and print one
    `name = value` line per unknown (with the exact fraction when there is one):

        >>> solve("5x + y - z = 1; 2x - y + z = 4; x + 3y - 2z = 0")
        x = 0.7142857142857142  (5/7)
        y = 4.428571428571429  (31/7)
        z = 7.0

    Equations are separated by newlines, ';' or ','; `5x`, `2(x + y)`, `(1/3)x`,
    `x/2`, `x₁`, `x_1`, `−` and `×` are understood. Square full-rank systems are
    solved exactly (LU, as np.linalg.solve), over-determined ones by least squares,
    rank-deficient ones by the minimum-norm solution with their free directions;
    inconsistent ones say so. method="gd" runs gradient descent on the mean squared
    error from x = 0 (lr=, iters=), printing the loss ten times.

    Returns a result: .x (array), .names, .A, .b, .residual (norm of A·x − b), .rank,
    .method, .losses (gd), .free (null-space rows); sol["x"] is one unknown's value.

    Three ways in: paste the equations at the prompt (they are solved when they are
    not Python); call solve("...") or solve(A, b); or equations("...") -> (A, b,
    names) to run your own code on them.
    """

  nonisolated(unsafe) static let equationFunctions: [Entry] = [
    ("solve", solveDoc, solve),
    (
      "equations",
      "equations(text): (A, b, names), the matrix, right-hand side and unknowns of written linear equations",
      { (a) throws(PyError) -> Value in
        try bind(a, "equations", ["text"], required: 1)
        guard case .str(let text) = try a.required(0, "text") else {
          throw PyError("TypeError", "equations() expects the equations as a str")
        }
        let system = try Equations.parse(text)
        let (m, n) = (system.rows, system.names.count)
        let (matrix, rhs) = try tensor { () throws(TensorError) in
          (try NDArray(shape: [m, n], doubles: system.a), try NDArray(shape: [m], doubles: system.b))
        }
        return .tuple([.array(matrix), .array(rhs), .list(ListBox(system.names.map { .str($0) }))])
      }
    ),
  ]

  static func solve(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "solve", ["a", "b"], required: 1, keywordOnly: ["method", "lr", "iters", "plot"])
    let system: Equations.System
    if case .str(let text) = try a.required(0, "a") {
      if a.given(1, "b") != nil { throw PyError("TypeError", "solve(text) takes no b: the equations hold it") }
      system = try Equations.parse(text)
    } else {
      guard a.given(1, "b") != nil else {
        throw PyError("TypeError", "solve() takes the equations as a str, or A and b")
      }
      system = try arraySystem(try a.array(0, "a"), try a.array(1, "b"))
    }
    let methodName = try a.string(-1, "method") ?? "auto"
    guard let method = Equations.Method(rawValue: methodName) else {
      let known = Equations.Method.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
      throw PyError("ValueError", "solve(): unknown method \(Repr.quoted(methodName)); use one of \(known)")
    }
    let iters = try a.int(-1, "iters", default: 10000)
    let lr = try a.double(-1, "lr", default: 0.01)
    let solution = try Equations.solve(
      system, method: method, descent: .init(lr: lr, iters: iters), interpreter: a.interpreter)
    if try a.bool(-1, "plot", default: false), let losses = solution.losses {
      showLossCurve(losses, a.interpreter)
    }
    return .object(solutionObject(solution))
  }

  /// THE place where `solve(..., method="gd", plot=True)` draws its loss curve in the
  /// terminal, once NNPlot's line charts are merged. Until then the losses are only kept
  /// in the result (`.losses`).
  static func showLossCurve(_ losses: [Double], _ interpreter: Interpreter) {
    _ = (losses, interpreter)
  }

  /// A and b given as arrays: unknowns named x1, x2, …
  static func arraySystem(_ matrix: NDArray, _ rhs: NDArray) throws(PyError) -> Equations.System {
    guard matrix.ndim == 2 else {
      throw PyError("ValueError", "solve(A, b): A must be 2-dimensional, not \(matrix.ndim)-dimensional")
    }
    let (m, n) = (matrix.shape[0], matrix.shape[1])
    guard rhs.count == m, rhs.ndim == 1 || (rhs.ndim == 2 && rhs.shape[1] == 1) else {
      throw PyError(
        "ValueError",
        "solve(A, b): b must be a vector of \(m) values, one per row of A, not shape \(Repr.repr(.tuple(rhs.shape.map { .int(Int64($0)) })))"
      )
    }
    guard n > 0, m > 0 else { throw PyError("ValueError", "solve(A, b): A has no rows or no columns") }
    guard n <= Equations.maxUnknowns else {
      throw PyError("ValueError", "solve(A, b): more than 10,000 unknowns")
    }
    let names = (1...n).map { "x\($0)" }
    let (a, b) = (matrix.astype(.float64).doubles, rhs.astype(.float64).doubles)
    guard a.allSatisfy(\.isFinite), b.allSatisfy(\.isFinite) else {
      throw PyError("ValueError", "solve(A, b): A and b must hold finite numbers (no inf or nan)")
    }
    return Equations.System(names: names, keys: names.map { "x#" + $0.dropFirst() }, rows: m, a: a, b: b)
  }

  /// The result object: attributes, `sol["x"]`, and a short repr.
  static func solutionObject(_ s: Equations.Solution) -> NativeObject {
    let shown = Equations.listed(s.names)
    let o = NativeObject(typeName: "Solution") {
      "<solution of \(Equations.plural(s.a.shape[0], "equation")) in \(shown): .x .names .A .b .residual .rank>"
    }
    o.attributes = [
      "x": .array(s.x), "names": .list(ListBox(s.names.map { .str($0) })), "A": .array(s.a), "b": .array(s.b),
      "residual": .float(s.residual), "rank": .int(Int64(s.rank)), "method": .str(s.method),
      "losses": s.losses.map { .list(ListBox($0.map { .float($0) })) } ?? .none,
      "free": s.free.map { .array($0) } ?? .none,
    ]
    let values = s.x.doubles
    var columns: [String: Int] = [:]
    for (j, (name, key)) in zip(s.names, s.keys).enumerated() {
      columns[name] = j
      columns[key.replacingOccurrences(of: "#", with: "")] = j
    }
    o.itemGetter = { (index: Value) throws(PyError) -> Value in
      guard case .str(let name) = index else {
        throw PyError("TypeError", "a solution is indexed by an unknown's name, not \(index.typeName)")
      }
      let key = name.map { EquationParser.subscripts[$0].map(String.init) ?? String($0) }.joined()
        .replacingOccurrences(of: "_", with: "")
      guard let j = columns[name] ?? columns[key], j < values.count else {
        throw PyError.keyError(.str(name))
      }
      return .float(values[j])
    }
    return o
  }
}

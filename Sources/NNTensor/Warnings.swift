import CBLAS

/// The floating-point conditions NumPy reports: the categories of `np.seterr`.
public struct FloatingPointErrors: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let divideByZero = FloatingPointErrors(rawValue: 1)
  public static let overflow = FloatingPointErrors(rawValue: 2)
  public static let underflow = FloatingPointErrors(rawValue: 4)
  public static let invalid = FloatingPointErrors(rawValue: 8)

  /// In the order NumPy checks (and so prints) them.
  static let ordered: [(FloatingPointErrors, String)] = [
    (.divideByZero, "divide by zero"), (.overflow, "overflow"), (.underflow, "underflow"),
    (.invalid, "invalid value"),
  ]

  /// Clears the processor's status flags, runs `body`, and returns what it raised alongside
  /// its result. The flags are the processor's own (MXCSR on x86-64): reading them is cheap,
  /// and they see what libm raises too, as NumPy's checks do.
  @inline(__always)
  static func capture<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, FloatingPointErrors) {
    nn_fp_clear()
    let result = try body()
    return (result, FloatingPointErrors(status: nn_fp_status()))
  }

  /// The conditions `body` raised while writing the float64 array `result`. Reading the flags
  /// costs ~9 ns each way on some machines, a good part of a tiny operation, so a small result
  /// whose `body` may run again is checked instead: the conditions leave an infinity, a NaN or
  /// a subnormal behind, and only then does `body` run again under the flags. (An underflow to
  /// exactly zero in such a small result goes unseen; NumPy ignores underflow by default.)
  @inline(__always)
  static func raised(writing result: NDArray, repeatable: Bool, _ body: () -> Void) -> FloatingPointErrors {
    if repeatable && result.count <= 256 && result.dtype == .float64 {
      body()
      if result.storageHoldsOnlyNormalNumbers { return [] }
    }
    return capture(body).1
  }

  init(status: UInt32) {
    var e: FloatingPointErrors = []
    if status & nn_fp_divbyzero != 0 { e.insert(.divideByZero) }
    if status & nn_fp_overflow != 0 { e.insert(.overflow) }
    if status & nn_fp_underflow != 0 { e.insert(.underflow) }
    if status & nn_fp_invalid != 0 { e.insert(.invalid) }
    self = e
  }
}

extension NDArray {
  /// Whether every element of this fresh, gap-free float64 array is zero or a normal number.
  var storageHoldsOnlyNormalNumbers: Bool {
    let p = pointer(Double.self) + offset
    var normal = true
    for i in 0..<count {
      let x = p[i]
      normal = normal && (x == 0 || x.isNormal)
    }
    return normal
  }
}

/// What a program wants done with each condition (`np.seterr`). NumPy's default warns on all
/// but underflow.
public struct FloatingPointErrorPolicy: Sendable, Equatable {
  public enum Action: String, Sendable, CaseIterable {
    case ignore, warn, raise, call, print, log
  }

  public var divide = Action.warn
  public var over = Action.warn
  public var under = Action.ignore
  public var invalid = Action.warn

  public init() {}

  public func action(for condition: FloatingPointErrors) -> Action {
    switch condition {
    case .divideByZero: divide
    case .overflow: over
    case .underflow: under
    default: invalid
    }
  }
}

/// One RuntimeWarning as NumPy words it: `divide by zero encountered in divide`.
public struct RuntimeWarning: Equatable, Sendable, CustomStringConvertible {
  /// The floating-point condition, or empty for a warning NumPy issues from Python code
  /// (`Mean of empty slice`).
  public let condition: FloatingPointErrors
  public let message: String

  public var description: String { "RuntimeWarning: \(message)" }
}

/// The warnings one operation raised, in the order NumPy issues them. A kernel records into
/// the value its caller passes in; the language decides, by its `FloatingPointErrorPolicy`,
/// which to print (CPython prints each once per call site, on stderr).
public struct Warnings: Sendable, Equatable {
  public private(set) var all: [RuntimeWarning] = []
  /// `"scalar "` for NumPy's scalar arithmetic (`np.float64(1) / 0` warns "in scalar divide").
  public var operationPrefix: String

  public init(operationPrefix: String = "") { self.operationPrefix = operationPrefix }

  public var isEmpty: Bool { all.isEmpty }

  /// Records the conditions an operation named `operation` (NumPy's ufunc name) raised.
  public mutating func record(_ errors: FloatingPointErrors, in operation: String) {
    guard !errors.isEmpty else { return }
    for (condition, text) in FloatingPointErrors.ordered where errors.contains(condition) {
      all.append(RuntimeWarning(condition: condition, message: "\(text) encountered in \(operationPrefix)\(operation)"))
    }
  }

  /// Records conditions under an operation name used as is (no prefix): composite operations
  /// name the step that raised them ("scalar divide" in `np.mean` of a whole array).
  mutating func record(_ errors: FloatingPointErrors, inExactly operation: String) {
    let prefix = operationPrefix
    operationPrefix = ""
    record(errors, in: operation)
    operationPrefix = prefix
  }

  /// The union of the conditions recorded so far.
  var conditions: FloatingPointErrors { all.reduce(into: []) { $0.formUnion($1.condition) } }

  /// Records a warning NumPy raises from its Python code, such as `Mean of empty slice`.
  public mutating func record(_ message: String) {
    all.append(RuntimeWarning(condition: [], message: message))
  }

  /// The warnings `policy` asks to show (action `warn`; Python-level ones always).
  public func shown(under policy: FloatingPointErrorPolicy) -> [RuntimeWarning] {
    all.filter { $0.condition.isEmpty || policy.action(for: $0.condition) == .warn }
  }

  /// The first warning `policy` turns into a `FloatingPointError` (action `raise`), if any.
  public func raised(under policy: FloatingPointErrorPolicy) -> RuntimeWarning? {
    all.first { !$0.condition.isEmpty && policy.action(for: $0.condition) == .raise }
  }
}

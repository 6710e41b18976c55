/// NumPy's print options (`np.set_printoptions`), as a value handed to each formatting call
/// rather than global state. The defaults are NumPy 2's.
public struct PrintOptions: Equatable, Sendable {
  /// `floatmode`: how `precision` limits the digits of float elements.
  public enum FloatMode: String, Sendable, CaseIterable {
    /// Exactly `precision` fractional digits.
    case fixed
    /// As many digits as each value needs to round-trip; `precision` is ignored.
    case unique
    /// At most `precision` digits, fewer where a value needs fewer.
    case maxprec
    /// At most `precision` digits, the same number for every element.
    case maxprecEqual = "maxprec_equal"
  }

  /// `sign`: what goes in the sign position of non-negative values.
  public enum Sign: String, Sendable, CaseIterable {
    case minus = "-"
    case plus = "+"
    case space = " "
  }

  /// `legacy`: imitate the printing of an older NumPy.
  public enum Legacy: Int, Sendable, Comparable, CaseIterable {
    case v1_13 = 113
    case v1_21 = 121
    case v1_25 = 125
    case v2_1 = 201
    case v2_2 = 202

    public static func < (a: Legacy, b: Legacy) -> Bool { a.rawValue < b.rawValue }

    /// The option's text: `'1.13'`, `'2.2'`.
    public var text: String {
      switch self {
      case .v1_13: "1.13"
      case .v1_21: "1.21"
      case .v1_25: "1.25"
      case .v2_1: "2.1"
      case .v2_2: "2.2"
      }
    }

    public init?(text: String) {
      guard let match = Legacy.allCases.first(where: { $0.text == text }) else { return nil }
      self = match
    }
  }

  /// Digits after the point for floats; nil is NumPy's `None` (as many as needed, unless
  /// `floatMode` is `.fixed`).
  public var precision: Int? = 8
  /// Arrays with more elements than this are summarized with `...`.
  public var threshold: Int = 1000
  /// Items shown at each end of a summarized axis.
  public var edgeItems: Int = 3
  /// Characters per line before wrapping.
  public var lineWidth: Int = 75
  /// Never use scientific notation for small values (they print as zero).
  public var suppress: Bool = false
  public var nanString: String = "nan"
  public var infString: String = "inf"
  public var sign: Sign = .minus
  public var floatMode: FloatMode = .maxprec
  public var legacy: Legacy? = nil

  public init() {}

  /// NumPy's integer form of `legacy`: `sys.maxsize` when not set, else 113, 121, ...
  var legacyLevel: Int { legacy?.rawValue ?? Int.max }

  /// The options as `np.set_printoptions` (and `np.printoptions`) store them: under legacy
  /// 1.13 the sign option is reset to `'-'`. `np.array2string(..., sign=)` does not do this.
  public func normalized() -> PrintOptions {
    var o = self
    if legacy == .v1_13 { o.sign = .minus }
    return o
  }

  // MARK: Validation, with NumPy's wording (for `np.set_printoptions`)

  public static func floatMode(named name: String) throws(TensorError) -> FloatMode {
    guard let mode = FloatMode(rawValue: name) else {
      throw TensorError(
        .valueError,
        "floatmode option must be one of "
          + FloatMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
    }
    return mode
  }

  public static func sign(named name: String) throws(TensorError) -> Sign {
    guard let sign = Sign(rawValue: name) else {
      throw TensorError(.valueError, "sign option must be one of ' ', '+', or '-'")
    }
    return sign
  }
}

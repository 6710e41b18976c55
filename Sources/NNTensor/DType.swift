/// The element types an array can hold, named as NumPy names them.
public enum DType: Int, Sendable, Comparable, CustomStringConvertible {
  case bool = 0
  case int64 = 1
  case float64 = 2

  /// Bytes per element, as NumPy's `itemsize`.
  public var itemSize: Int { self == .bool ? 1 : 8 }

  public var description: String {
    switch self {
    case .bool: "bool"
    case .int64: "int64"
    case .float64: "float64"
    }
  }

  /// NumPy's promotion of two array dtypes (`int64 + float64 → float64`).
  public static func promoted(_ a: DType, _ b: DType) -> DType { max(a, b) }

  public static func < (a: DType, b: DType) -> Bool { a.rawValue < b.rawValue }
}

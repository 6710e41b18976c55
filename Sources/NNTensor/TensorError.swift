/// An error from the tensor core. It knows its Python exception type and NumPy's wording, but
/// not where in the user's source it happened: the language attaches that.
public struct TensorError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case valueError = "ValueError"
    case typeError = "TypeError"
    case indexError = "IndexError"
    case memoryError = "MemoryError"
    case linAlgError = "LinAlgError"
    case axisError = "AxisError"
    case overflowError = "OverflowError"
    case zeroDivisionError = "ZeroDivisionError"
    case osError = "OSError"
    case fileNotFoundError = "FileNotFoundError"
    case isADirectoryError = "IsADirectoryError"
    case permissionError = "PermissionError"
  }

  public let kind: Kind
  public let message: String
  /// The exception NumPy was handling when it raised this one (`Type: message`), which
  /// Python prints first, as "During handling of the above exception...".
  public let context: String?

  public init(_ kind: Kind, _ message: String, context: String? = nil) {
    self.kind = kind
    self.message = message
    self.context = context
  }

  public var description: String { "\(kind.rawValue): \(message)" }

  /// NumPy's tuple text for a shape: `(3,)`, `(3,2)` in broadcast errors.
  static func compact(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
  }

  /// Python's tuple repr for a shape: `(3,)`, `(3, 2)`.
  public static func tupleText(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }

  public static func cannotBroadcast(_ shapes: [[Int]]) -> TensorError {
    TensorError(
      .valueError,
      "operands could not be broadcast together with shapes "
        + shapes.map(compact).joined(separator: " ") + " ")
  }

  public static func cannotReshape(size: Int, into shape: [Int]) -> TensorError {
    TensorError(.valueError, "cannot reshape array of size \(size) into shape \(tupleText(shape))")
  }

  public static func axisOutOfBounds(_ axis: Int, ndim: Int) -> TensorError {
    TensorError(.axisError, "axis \(axis) is out of bounds for array of dimension \(ndim)")
  }

  public static func indexOutOfBounds(_ index: Int, axis: Int, size: Int) -> TensorError {
    TensorError(.indexError, "index \(index) is out of bounds for axis \(axis) with size \(size)")
  }

  public static let singularMatrix = TensorError(.linAlgError, "Singular matrix")
}

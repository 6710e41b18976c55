import Foundation
import NNTensor

/// `np.pad(array, pad_width, mode='constant', constant_values=0)`.
extension Builtins {
  nonisolated(unsafe) static let numpyPad: [Entry] = [
    (
      "pad",
      "pad(array, pad_width, mode='constant', constant_values=0): widths added before and after each axis",
      pad
    )
  ]

  static func pad(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["array", "pad_width", "mode", "constant_values"], function: "pad")
    let x = try a.array(0, "array")
    let widths = try perAxisPairs(try a.required(1, "pad_width"), ndim: x.ndim, name: "pad_width").map {
      (Int($0.0), Int($0.1))
    }
    let modeName = try a.string(2, "mode") ?? "constant"
    guard let mode = NDArray.PadMode(rawValue: modeName) else {
      let numpyModes = ["empty", "linear_ramp", "maximum", "mean", "median", "minimum"]
      throw PyError(
        "ValueError",
        numpyModes.contains(modeName)
          ? "nn's pad supports modes 'constant', 'edge', 'reflect', 'symmetric' and 'wrap', not '\(modeName)'"
          : "mode '\(modeName)' is not supported")
    }
    let constants =
      try a.given(-1, "constant_values").map { (v) throws(PyError) -> [(Double, Double)] in
        try perAxisPairs(v, ndim: x.ndim, name: "constant_values")
      } ?? Array(repeating: (0, 0), count: x.ndim)
    return .array(try tensor { () throws(TensorError) in try x.padded(widths, mode: mode, constants: constants) })
  }

  /// NumPy's `_as_pairs`: a number, `(n,)`, `(before, after)` or one pair per axis.
  static func perAxisPairs(_ v: Value, ndim: Int, name: String) throws(PyError) -> [(Double, Double)] {
    let x = try Operators.tensorOperand(v)
    let values = x.doubles
    if name == "pad_width" && x.dtype == .float64 {
      throw PyError("TypeError", "`pad_width` must be of integral type.")
    }
    switch x.shape {
    case [], [1], [1, 1]:
      return Array(repeating: (values[0], values[0]), count: ndim)
    case [2], [1, 2]:
      return Array(repeating: (values[0], values[1]), count: ndim)
    case [ndim, 2]:
      return (0..<ndim).map { (values[2 * $0], values[2 * $0 + 1]) }
    case [ndim, 1]:
      return (0..<ndim).map { (values[$0], values[$0]) }
    default:
      throw PyError(
        "ValueError",
        "operands could not be broadcast together with remapped shapes [original->remapped]: \(TensorError.tupleText(x.shape).replacingOccurrences(of: " ", with: ""))  and requested shape (\(ndim),2)"
      )
    }
  }
}

import Foundation
import NNTensor

/// `np.logspace`, `np.geomspace`: numbers evenly spaced on a log scale.
extension Builtins {
  nonisolated(unsafe) static let numpySpacing: [Entry] = [
    ("logspace", "logspace(start, stop, num=50, endpoint=True, base=10.0): base ** linspace(start, stop)", logspace),
    (
      "geomspace", "geomspace(start, stop, num=50, endpoint=True): a geometric progression from start to stop",
      geomspace
    ),
  ]

  private static func scalarBound(_ a: Arguments, _ index: Int, _ name: String) throws(PyError) -> Double {
    let x = try a.array(index, name)
    guard x.ndim == 0, let item = x.item else {
      throw PyError("TypeError", "nn's \(a.function) takes scalar start and stop")
    }
    return item.doubleValue
  }

  /// `base ** y` for each y, as NumPy's `power` (libm's pow).
  private static func powers(_ y: NDArray, base: Double) throws(PyError) -> NDArray {
    try tensor { () throws(TensorError) in try NDArray(shape: y.shape, doubles: y.doubles.map { pow(base, $0) }) }
  }

  static func logspace(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "logspace", ["start", "stop", "num", "endpoint", "base", "dtype", "axis"], required: 2)
    let (start, stop) = (try scalarBound(a, 0, "start"), try scalarBound(a, 1, "stop"))
    let num = try a.int(2, "num", default: 50)
    let endpoint = try a.bool(3, "endpoint", default: true)
    let base = try a.double(4, "base", default: 10)
    let dtype = try a.dtype(5)
    let (y, _) = try tensor { () throws(TensorError) in try NDArray.linspace(start, stop, num: num, endpoint: endpoint)
    }
    let result = try powers(y, base: base)
    return .array(dtype.map { result.astype($0) } ?? result)
  }

  static func geomspace(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "geomspace", ["start", "stop", "num", "endpoint", "dtype", "axis"], required: 2)
    var (start, stop) = (try scalarBound(a, 0, "start"), try scalarBound(a, 1, "stop"))
    let num = try a.int(2, "num", default: 50)
    let endpoint = try a.bool(3, "endpoint", default: true)
    let dtype = try a.dtype(4)
    guard start != 0 && stop != 0 else { throw PyError("ValueError", "Geometric sequence cannot include zero") }
    let sign: Double = start < 0 ? -1 : 1
    start /= sign
    stop /= sign
    let (y, _) = try tensor { () throws(TensorError) in
      try NDArray.linspace(log10(start), log10(stop), num: num, endpoint: endpoint)
    }
    var values = try powers(y, base: 10).doubles
    if num > 0 {
      values[0] = start
      if num > 1 && endpoint { values[num - 1] = stop }
    }
    let result = try tensor { () throws(TensorError) in try NDArray(shape: [num], doubles: values.map { sign * $0 }) }
    return .array(dtype.map { result.astype($0) } ?? result)
  }
}

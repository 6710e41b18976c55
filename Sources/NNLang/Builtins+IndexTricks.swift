import Foundation
import NNTensor

/// NumPy's index-trick objects: `np.r_`, `np.c_` (concatenate what is indexed) and `np.mgrid`,
/// `np.ogrid` (grids from slices). Complex steps (`0:1:5j`) need complex numbers, which nn lacks.
extension Builtins {
  /// Adds `r_`, `c_`, `mgrid`, `ogrid` to the numpy module.
  static func addIndexTricks(_ numpy: Module) {
    numpy.attributes["r_"] = .object(concatenator("RClass", axis: 0, ndmin: 1, trans1d: -1))
    numpy.attributes["c_"] = .object(concatenator("CClass", axis: -1, ndmin: 2, trans1d: 0))
    numpy.attributes["mgrid"] = .object(grid("MGridClass", sparse: false))
    numpy.attributes["ogrid"] = .object(grid("OGridClass", sparse: true))
  }

  private static func concatenator(_ type: String, axis: Int, ndmin: Int, trans1d: Int) -> NativeObject {
    let o = NativeObject(typeName: type, repr: { "<numpy.lib._index_tricks_impl.\(type) object>" })
    o.itemGetter = { (key: Value) throws(PyError) -> Value in
      var items: [Value] = if case .tuple(let t) = key { t } else { [key] }
      var axis = axis
      var ndmin = ndmin
      var trans1d = trans1d
      if case .str(let directive)? = items.first {
        items.removeFirst()
        (axis, ndmin, trans1d) = try concatenationDirective(directive, ndmin: ndmin, trans1d: trans1d)
      }
      var arrays: [NDArray] = []
      for item in items {
        switch item {
        case .slice(let start, let stop, let step):
          var x = try sliceRange(start, stop, step)
          if ndmin > 1 {
            x = try withLeadingOnes(x, ndmin)
            if trans1d != -1 { x = try tensor { () throws(TensorError) in try x.swappedAxes(-1, trans1d) } }
          }
          arrays.append(x)
        case .str:
          throw PyError("ValueError", "string directive must be placed at the beginning")
        case .int, .float, .bool, .scalar:
          arrays.append(try withLeadingOnes(try Operators.tensorOperand(item), ndmin))
        default:
          let x = try Operators.tensorOperand(item)
          var y = try withLeadingOnes(x, ndmin)
          if trans1d != -1 && x.ndim < ndmin {
            let k2 = ndmin - x.ndim
            var k1 = trans1d
            if k1 < 0 { k1 += k2 + 1 }
            let axes = Array(0..<ndmin)
            guard k1 >= 0 && k1 <= k2 else { throw PyError("ValueError", "axes don't match array") }
            let order = Array(axes[..<k1] + axes[k2...] + axes[k1..<k2])
            y = try tensor { () throws(TensorError) in try y.transposed(order) }
          }
          arrays.append(y)
        }
      }
      return .array(try tensor { () throws(TensorError) in try NDArray.concatenate(arrays, axis: axis) })
    }
    return o
  }

  /// `'0'`, `'0,2'`, `'-1,2,0'`: axis, then the minimum number of dimensions, then where a 1-d
  /// item's axis goes.
  private static func concatenationDirective(
    _ text: String, ndmin: Int, trans1d: Int
  ) throws(PyError) -> (Int, Int, Int) {
    if text == "r" || text == "c" {
      throw PyError("NotImplementedError", "nn has no np.matrix: the 'r' and 'c' directives are not supported")
    }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    guard !parts.isEmpty, parts.count <= 3, parts.allSatisfy({ $0 != nil }) else {
      throw PyError("ValueError", "unknown special directive")
    }
    let numbers = parts.compactMap { $0 }
    return (numbers[0], numbers.count > 1 ? numbers[1] : ndmin, numbers.count > 2 ? numbers[2] : trans1d)
  }

  /// `array(x, ndmin=n)`: ones prepended to the shape.
  private static func withLeadingOnes(_ x: NDArray, _ ndmin: Int) throws(PyError) -> NDArray {
    guard x.ndim < ndmin else { return x }
    let shape = Array(repeating: 1, count: ndmin - x.ndim) + x.shape
    return try tensor { () throws(TensorError) in try x.reshaped(shape) }
  }

  private static func sliceBound(_ v: Value?) throws(PyError) -> Scalar? {
    guard let v, !v.isNone else { return nil }
    let x = try Operators.tensorOperand(v)
    guard x.ndim == 0, let s = x.item else {
      throw PyError("TypeError", "only length-1 arrays can be converted to Python scalars")
    }
    return s
  }

  /// `start:stop:step` as `arange(start, stop, step)`.
  private static func sliceRange(_ start: Value?, _ stop: Value?, _ step: Value?) throws(PyError) -> NDArray {
    let first = try sliceBound(start) ?? .int(0)
    let last = try sliceBound(stop) ?? .int(0)
    let by = try sliceBound(step) ?? .int(1)
    return try tensor { () throws(TensorError) in try NDArray.arange(start: first, stop: last, step: by) }
  }

  private static func grid(_ type: String, sparse: Bool) -> NativeObject {
    let o = NativeObject(typeName: type, repr: { "<numpy.lib._index_tricks_impl.\(type) object>" })
    o.itemGetter = { (key: Value) throws(PyError) -> Value in
      guard case .tuple(let items) = key else {
        guard case .slice(let start, let stop, let step) = key else {
          throw PyError("AttributeError", "'\(key.typeName)' object has no attribute 'step'")
        }
        return .array(try sliceRange(start, stop, step))
      }
      var axes: [NDArray] = []
      for item in items {
        guard case .slice(let start, let stop, let step) = item else {
          throw PyError("AttributeError", "'\(item.typeName)' object has no attribute 'step'")
        }
        axes.append(try sliceRange(start, stop, step))
      }
      // The grid's size is checked first: building it copies (NumPy's MemoryError, not a trap).
      _ = try sampleCount([axes.count] + axes.map(\.count))
      // NumPy makes every axis one dtype: float if any slice is.
      if axes.contains(where: { $0.dtype == .float64 }) { axes = axes.map { $0.astype(.float64) } }
      let grids = try tensor { () throws(TensorError) in
        sparse ? try NDArray.sparseMeshgrid(axes, cartesian: false) : try NDArray.meshgrid(axes, cartesian: false)
      }
      if sparse { return .tuple(grids.map { .array($0) }) }
      return .array(try tensor { () throws(TensorError) in try NDArray.stack(grids, axis: 0) })
    }
    return o
  }
}

import NNTensor

/// The `numpyShape` entries that sort and search: sort, argsort, unique, nonzero,
/// searchsorted, unravel_index, ravel_multi_index.
extension Builtins {
  static func sort(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "axis", "kind", "order", "stable"])
    let x = try a.array(0, "a")
    try checkKind(a.given(2, "kind"))
    let axis = try sortAxis(a, 1)
    return .array(try tensor { () throws(TensorError) in try x.sorted(axis: axis) })
  }

  static func argsort(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "axis", "kind", "order", "stable"])
    return try argsorted(try a.array(0, "a"), a, first: 1)
  }

  static func argsorted(_ x: NDArray, _ a: Arguments, first: Int) throws(PyError) -> Value {
    try checkKind(a.given(first + 1, "kind"))
    let axis = try sortAxis(a, first)
    return .array(try tensor { () throws(TensorError) in try x.argsorted(axis: axis) })
  }

  /// `axis=`: -1 when absent, nil (the flattened array) when None.
  static func sortAxis(_ a: Arguments, _ index: Int) throws(PyError) -> Int? {
    guard let v = a.value(index, "axis") else { return -1 }
    if v.isNone { return nil }
    return Int(try Operators.integer(v))
  }

  /// `kind=`: NumPy's names (by first letter); every kind sorts stably here.
  static func checkKind(_ v: Value?) throws(PyError) {
    guard let v else { return }
    guard case .str(let s) = v, let c = s.lowercased().first, "qhms".contains(c) else {
      throw PyError("ValueError", "sort kind must be one of 'quick', 'heap', or 'stable' (got \(Repr.repr(v)))")
    }
  }

  static func unique(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["ar", "return_index", "return_inverse", "return_counts", "axis", "equal_nan", "sorted"])
    let x = try a.array(0, "ar")
    let wantIndex = try a.bool(1, "return_index", default: false)
    let wantInverse = try a.bool(2, "return_inverse", default: false)
    let wantCounts = try a.bool(3, "return_counts", default: false)
    let axis = try a.optionalInt(4, "axis")
    let equalNaN = try a.bool(-1, "equal_nan", default: true)
    let result = try tensor { () throws(TensorError) in try x.unique(axis: axis, equalNaN: equalNaN) }
    var parts: [Value] = [.array(result.values)]
    if wantIndex { parts.append(.array(result.indices)) }
    if wantInverse { parts.append(.array(result.inverse)) }
    if wantCounts { parts.append(.array(result.counts)) }
    return parts.count == 1 ? parts[0] : .tuple(parts)
  }

  static func nonzeroFunction(_ a: Arguments) throws(PyError) -> Value { try nonzero(try a.array(0, "a")) }

  static func argwhere(_ a: Arguments) throws(PyError) -> Value {
    let x = try a.array(0, "a")
    return .array(try tensor { () throws(TensorError) in try x.argwhere() })
  }

  static func flatnonzero(_ a: Arguments) throws(PyError) -> Value {
    let x = try a.array(0, "a")
    return .array(try tensor { () throws(TensorError) in try x.flatNonzero() })
  }

  static func searchsorted(_ a: Arguments) throws(PyError) -> Value {
    try searchSorted(try a.array(0, "a"), a, first: 1)
  }

  static func nonzero(_ x: NDArray) throws(PyError) -> Value {
    arrayTuple(try tensor { () throws(TensorError) in try x.nonzero() })
  }

  /// `searchsorted(a, v, side, sorter)` and `a.searchsorted(v, side, sorter)`; a scalar `v`
  /// gives a NumPy int.
  static func searchSorted(_ x: NDArray, _ a: Arguments, first: Int) throws(PyError) -> Value {
    let v = try a.required(first, "v")
    let values = try Operators.tensorOperand(v)
    var right = false
    if let side = a.given(first + 1, "side") {
      guard case .str(let s) = side, s == "left" || s == "right" else {
        throw PyError("ValueError", "search side must be 'left' or 'right' (got \(Repr.repr(side)))")
      }
      right = s == "right"
    }
    let sorter = try a.optionalArray(first + 2, "sorter")
    let out = try tensor { () throws(TensorError) in try x.searchSorted(values, right: right, sorter: sorter) }
    return Operators.wrap(out, scalarResult: true)
  }

  static func unravelIndex(_ a: Arguments) throws(PyError) -> Value {
    let indices = try a.array(0, "indices")
    let shape = try intList(try a.required(1, "shape"))
    let fortran = try cOrFortran(a.given(2, "order"))
    let result = try tensor { () throws(TensorError) in
      try NDArray.unravelIndex(indices, shape: shape, fortranOrder: fortran)
    }
    return arrayTuple(result, scalars: true)
  }

  static func ravelMultiIndex(_ a: Arguments) throws(PyError) -> Value {
    let coordinates = try arrayList(try a.required(0, "multi_index"))
    let dims = try intList(try a.required(1, "dims"))
    var modes: [NDArray.ClipMode] = [.raise]
    if let m = a.given(2, "mode") {
      let names: [Value]
      if case .str = m { names = [m] } else { names = try Operators.iterate(m) }
      modes = []
      for name in names {
        switch name {
        case .str("raise"): modes.append(.raise)
        case .str("wrap"): modes.append(.wrap)
        case .str("clip"): modes.append(.clip)
        default:
          throw PyError("ValueError", "clipmode must be one of 'clip', 'raise', or 'wrap' (got \(Repr.repr(name)))")
        }
      }
    }
    let fortran = try cOrFortran(a.given(3, "order"))
    let out = try tensor { () throws(TensorError) in
      try NDArray.ravelMultiIndex(coordinates, shape: dims, modes: modes, fortranOrder: fortran)
    }
    return Operators.wrap(out, scalarResult: true)
  }

  /// `order=` where only 'C' and 'F' make sense.
  static func cOrFortran(_ v: Value?) throws(PyError) -> Bool {
    switch try order(v) {
    case .c: return false
    case .fortran: return true
    default: throw PyError("ValueError", "only 'C' or 'F' order is permitted")
    }
  }
}

import NNTensor

/// `a[...]` and `a[...] = v` on arrays: Python subscripts become NNTensor's `[ArrayIndex]`,
/// and assigned Python values are converted as NumPy converts them (through Python's
/// `int()`/`float()` for scalars, so `x[0] = nan` on an int array raises as in NumPy).
enum Indexing {
  /// `a[index]`: a NumPy scalar for one element, else a view (basic) or a copy (advanced).
  static func read(_ a: NDArray, _ index: Value) throws(PyError) -> Value {
    // `a[i]` and `a[i, j]`, the loops' daily bread, skip resolving a subscript.
    if let i = smallInt(index) {
      if a.ndim == 1 { return .scalar(try tensor { () throws(TensorError) in try a.element(i) }) }
      if a.ndim > 1 { return .array(try tensor { () throws(TensorError) in try a.row(i) }) }
    } else if case .tuple(let items) = index, items.count == 2, a.ndim == 2,
      let i = smallInt(items[0]), let j = smallInt(items[1])
    {
      return .scalar(try tensor { () throws(TensorError) in try a.element(i, j) })
    }
    let list = try indices(index)
    let plan = try tensor { () throws(TensorError) in try a.indexPlan(list) }
    if let s = a.element(plan) { return .scalar(s) }
    return .array(try tensor { () throws(TensorError) in try a.read(plan) })
  }

  /// `s[index]` of a NumPy scalar: a 0-d array's subscripts (`s[()]`, `s[None]`), with
  /// NumPy's own error for an index that would need an axis.
  static func read(scalar s: Scalar, _ index: Value) throws(PyError) -> Value {
    do {
      return try read(NDArray.scalar(s), index)
    } catch {
      if error.type == "IndexError" { throw PyError("IndexError", "invalid index to scalar variable.") }
      throw error
    }
  }

  /// `a[index] = value`, written into `a`'s storage.
  static func write(_ a: NDArray, _ index: Value, _ value: Value) throws(PyError) {
    if let s = plainScalar(value, into: a.dtype) {
      if a.ndim == 1, let i = smallInt(index) {
        return try tensor { () throws(TensorError) in try a.setElement(s, i) }
      }
      if a.ndim == 2, case .tuple(let items) = index, items.count == 2,
        let i = smallInt(items[0]), let j = smallInt(items[1])
      {
        return try tensor { () throws(TensorError) in try a.setElement(s, i, j) }
      }
    }
    let list = try indices(index)
    // NumPy checks the subscript before it converts the value.
    let plan = try tensor { () throws(TensorError) in try a.indexPlan(list) }
    let (v, fromSequence) = try assigned(value, into: a.dtype, element: plan.selectsElement)
    try tensor { () throws(TensorError) in try a.assign(plan, v, fromSequence: fromSequence) }
  }

  @inline(__always)
  private static func smallInt(_ v: Value) -> Int? {
    switch v {
    case .int(let i), .scalar(.int(let i)): Int(i)
    default: nil
    }
  }

  /// A number that converts into `dtype` without any error to raise.
  @inline(__always)
  private static func plainScalar(_ v: Value, into dtype: DType) -> Scalar? {
    switch v {
    case .int(let i): .int(i)
    case .bool(let b): .bool(b)
    case .float(let d): dtype != .int64 || d >= -0x1p63 && d < 0x1p63 ? .float(d) : nil
    case .scalar(let s):
      if case .float(let d) = s, dtype == .int64, !(d >= -0x1p63 && d < 0x1p63) { nil } else { s }
    default: nil
    }
  }

  // MARK: Subscripts

  static func indices(_ index: Value) throws(PyError) -> [ArrayIndex] {
    if case .tuple(let items) = index {
      var result: [ArrayIndex] = []
      result.reserveCapacity(items.count)
      for item in items { result.append(try one(item)) }
      return result
    }
    return [try one(index)]
  }

  static func one(_ v: Value) throws(PyError) -> ArrayIndex {
    switch v {
    case .int(let i), .scalar(.int(let i)): return .single(Int(i))
    case .bool(let b), .scalar(.bool(let b)): return .array(.scalar(b))
    case .none: return .newAxis
    case .ellipsis: return .ellipsis
    case .slice(let a, let b, let c):
      return .slice(IndexSlice(start: try bound(a), stop: try bound(b), step: try bound(c)))
    case .array(let a): return .array(a)
    case .list, .tuple: return try sequence(v)
    case .range(let start, let stop, let step): return .array(try rangeArray(start, stop, step))
    default: return .invalid
    }
  }

  private static func bound(_ v: Value?) throws(PyError) -> Int? {
    switch v {
    case nil, .none?: return nil
    case .int(let i)?, .scalar(.int(let i))?: return Int(i)
    case .bool(let b)?, .scalar(.bool(let b))?: return b ? 1 : 0
    default: throw PyError("TypeError", "slice indices must be integers or None or have an __index__ method")
    }
  }

  /// A list (or a tuple inside the subscript) is an index array, as `np.array` makes it.
  private static func sequence(_ v: Value) throws(PyError) -> ArrayIndex {
    let a: NDArray
    do {
      a = try Convert.array(v)
    } catch {
      // A ragged list fails as np.array fails; anything else in it is simply not an index.
      if error.type == "ValueError" { throw error }
      return .invalid
    }
    guard a.dtype == .float64 else { return .array(a) }
    // `[]` is an empty integer index; a list of floats is no index at all.
    return a.count == 0 ? .array(a.astype(.int64)) : .invalid
  }

  private static func rangeArray(_ start: Int64, _ stop: Int64, _ step: Int64) throws(PyError) -> NDArray {
    let (span, overflow) =
      step > 0 ? stop.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(stop)
    guard !overflow else { throw PyError("OverflowError", "Python int too large to convert to C ssize_t") }
    let n = span > 0 ? Int(UInt64(span - 1) / step.magnitude) + 1 : 0
    return try tensor { () throws(TensorError) in try NDArray.range(from: start, by: step, count: n) }
  }

  // MARK: Assigned values

  /// The value as an array to write, and whether it came from a Python sequence.
  static func assigned(
    _ v: Value, into dtype: DType, element: Bool
  ) throws(PyError) -> (array: NDArray, fromSequence: Bool) {
    switch v {
    case .array(let a): return (a, false)
    case .int(let i), .scalar(.int(let i)): return (.scalar(i), false)
    case .bool(let b), .scalar(.bool(let b)): return (.scalar(b), false)
    case .float(let d), .scalar(.float(let d)):
      if dtype == .int64 { try checkConvertible(d) }
      return (.scalar(d), false)
    case .list, .tuple, .range:
      if element {
        switch dtype {
        case .int64: throw notANumber(v, dtype)
        case .float64: throw PyError("ValueError", "setting an array element with a sequence.")
        case .bool: return (.scalar(try Operators.truth(v)), false)
        }
      }
      let a = try Convert.array(v.isRange ? .list(ListBox(try Operators.iterate(v))) : v)
      if dtype == .int64 && a.dtype == .float64 {
        for d in a.doubles { try checkConvertible(d) }
      }
      return (a, true)
    case .none:
      switch dtype {
      case .float64: return (.scalar(Double.nan), false)
      case .bool: return (.scalar(false), false)
      case .int64: throw notANumber(v, dtype)
      }
    case .str(let s):
      let text = s.trimmingCharacters(in: .whitespaces)
      switch dtype {
      case .int64:
        guard let i = Int64(text) else {
          throw PyError("ValueError", "invalid literal for int() with base 10: \(Repr.quoted(s))")
        }
        return (.scalar(i), false)
      case .float64:
        guard let d = Double(text) else {
          throw PyError("ValueError", "could not convert string to float: \(Repr.quoted(s))")
        }
        return (.scalar(d), false)
      case .bool: return (.scalar(!s.isEmpty), false)
      }
    default:
      if dtype == .bool { return (.scalar(try Operators.truth(v)), false) }
      throw notANumber(v, dtype)
    }
  }

  /// Python's `int(d)` refusals, which NumPy raises when a float goes into an int array.
  private static func checkConvertible(_ d: Double) throws(PyError) {
    if d.isNaN { throw PyError("ValueError", "cannot convert float NaN to integer") }
    if d.isInfinite { throw PyError("OverflowError", "cannot convert float infinity to integer") }
    if !(d >= -0x1p63 && d < 0x1p63) { throw PyError("OverflowError", "Python int too large to convert to C long") }
  }

  private static func notANumber(_ v: Value, _ dtype: DType) -> PyError {
    dtype == .int64
      ? PyError(
        "TypeError", "int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
      : PyError("TypeError", "float() argument must be a string or a real number, not '\(v.typeName)'")
  }
}

extension Value {
  fileprivate var isRange: Bool {
    if case .range = self { return true }
    return false
  }
}

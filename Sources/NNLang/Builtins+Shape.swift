import NNTensor

/// NumPy's shape and arrangement functions: reshaping views, joining and splitting, repeating,
/// flipping and rolling, sorting and searching.
extension Builtins {
  nonisolated(unsafe) static let numpyShape: [Entry] = [
    ("reshape", "reshape(a, shape, order='C', copy=None): a new shape, a view when possible", reshape),
    ("ravel", "ravel(a, order='C'): the elements in 1-D, a view when contiguous", ravel),
    ("transpose", "transpose(a, axes=None): the axes reversed or permuted (a view)", transpose),
    ("swapaxes", "swapaxes(a, axis1, axis2): two axes exchanged (a view)", swapaxes),
    ("moveaxis", "moveaxis(a, source, destination): axes moved (a view)", moveaxis),
    ("expand_dims", "expand_dims(a, axis): length-1 axes inserted (a view)", expandDims),
    ("squeeze", "squeeze(a, axis=None): length-1 axes removed (a view)", squeeze),
    ("broadcast_to", "broadcast_to(array, shape): a read-only view stretched to shape", broadcastTo),
    ("atleast_1d", "atleast_1d(*arys): each input with at least one dimension", atLeast1d),
    ("atleast_2d", "atleast_2d(*arys): each input with at least two dimensions", atLeast2d),
    ("atleast_3d", "atleast_3d(*arys): each input with at least three dimensions", atLeast3d),
    ("concatenate", "concatenate(arrays, axis=0, dtype=None): joined along an axis", concatenate),
    ("stack", "stack(arrays, axis=0, dtype=None): joined along a new axis", stack),
    ("hstack", "hstack(tup, dtype=None): arrays joined column-wise", hstack),
    ("vstack", "vstack(tup, dtype=None): arrays joined row-wise", vstack),
    ("dstack", "dstack(tup): arrays joined along the third axis", dstack),
    ("column_stack", "column_stack(tup): 1-D arrays as the columns of a 2-D array", columnStack),
    ("split", "split(ary, indices_or_sections, axis=0): equal views, or cut at indices", splitEqual),
    ("array_split", "array_split(ary, indices_or_sections, axis=0): sections may differ by one", arraySplit),
    ("hsplit", "hsplit(ary, indices_or_sections): split along the columns", hsplit),
    ("vsplit", "vsplit(ary, indices_or_sections): split along the rows", vsplit),
    ("dsplit", "dsplit(ary, indices_or_sections): split along the third axis", dsplit),
    ("repeat", "repeat(a, repeats, axis=None): each element repeated", repeatFunction),
    ("tile", "tile(A, reps): the array repeated along each axis", tile),
    ("flip", "flip(m, axis=None): the order along the axes reversed (a view)", flip),
    ("fliplr", "fliplr(m): the columns reversed (a view)", fliplr),
    ("flipud", "flipud(m): the rows reversed (a view)", flipud),
    ("roll", "roll(a, shift, axis=None): elements shifted cyclically", roll),
    ("sort", "sort(a, axis=-1, kind=None): a sorted copy; every kind is stable, NaN last", sort),
    (
      "argsort",
      "argsort(a, axis=-1, kind=None): indices that sort a; stable for every kind, so ties may be "
        + "ordered differently from NumPy's default (unstable) quicksort",
      argsort
    ),
    ("unique", "unique(ar, return_index, return_inverse, return_counts, axis): sorted distinct values", unique),
    ("nonzero", "nonzero(a): the indices of the nonzero elements, one array per axis", nonzeroFunction),
    ("argwhere", "argwhere(a): the indices of the nonzero elements, one row each", argwhere),
    ("flatnonzero", "flatnonzero(a): the flat indices of the nonzero elements", flatnonzero),
    ("unravel_index", "unravel_index(indices, shape, order='C'): flat indices as coordinates", unravelIndex),
    (
      "ravel_multi_index", "ravel_multi_index(multi_index, dims, mode, order): coordinates as flat indices",
      ravelMultiIndex
    ),
    ("searchsorted", "searchsorted(a, v, side='left', sorter=None): insertion points keeping a sorted", searchsorted),
    ("shape", "shape(a): the shape of an array", shapeOf),
    ("ndim", "ndim(a): the number of dimensions of an array", ndimOf),
    ("size", "size(a): the number of elements of an array", sizeOf),
  ]
}

extension Builtins {
  nonisolated(unsafe) static let arrayShapeMethods: [String: Method] = [
    "reshape": { (x, a) throws(PyError) -> Value in
      for (k, _) in a.keywords where k != "order" && k != "copy" {
        throw PyError("TypeError", "'\(k)' is an invalid keyword argument for this function")
      }
      let shape = try reshapeArguments(a)
      return try reshaped(x, shape, a)
    },
    "ravel": { (x, a) throws(PyError) -> Value in .array(x.raveled(order: try order(a.value(0, "order")))) },
    "flatten": { (x, a) throws(PyError) -> Value in .array(x.flattened(order: try order(a.value(0, "order")))) },
    "transpose": { (x, a) throws(PyError) -> Value in
      let axes: Value? = a.positional.count > 1 ? .tuple(a.positional) : a.given(0, "axes")
      return try transposed(x, axes)
    },
    "swapaxes": { (x, a) throws(PyError) -> Value in try swapped(x, a, first: 0) },
    "squeeze": { (x, a) throws(PyError) -> Value in try squeezed(x, a.given(0, "axis")) },
    "repeat": { (x, a) throws(PyError) -> Value in try repeatArray(x, a, first: 0) },
    "sort": { (x, a) throws(PyError) -> Value in
      try a.checkKeywords(["axis", "kind", "order", "stable"])
      try checkKind(a.given(1, "kind"))
      let axis = try a.value(0, "axis").map { (v) throws(PyError) in Int(try Operators.integer(v)) } ?? -1
      try tensor { () throws(TensorError) in try x.sort(axis: axis) }
      return .none
    },
    "argsort": { (x, a) throws(PyError) -> Value in try argsorted(x, a, first: 0) },
    "nonzero": { (x, _) throws(PyError) -> Value in try nonzero(x) },
    "searchsorted": { (x, a) throws(PyError) -> Value in try searchSorted(x, a, first: 0) },
    "tolist": { (x, _) throws(PyError) -> Value in list(x) },
    "item": { (x, a) throws(PyError) -> Value in try item(x, a) },
    "fill": { (x, a) throws(PyError) -> Value in
      let value = try fillValue(try a.required(0, "value"), dtype: x.dtype)
      try tensor { () throws(TensorError) in try x.fill(value) }
      return .none
    },
    "astype": { (x, a) throws(PyError) -> Value in
      try a.checkKeywords(["dtype", "order", "casting", "subok", "copy"])
      guard let dtype = try a.dtype(0) else { throw PyError("TypeError", "Cannot interpret 'None' as a data type") }
      let copy = try a.bool(4, "copy", default: true)
      if dtype == x.dtype { return .array(copy ? try tensor { () throws(TensorError) in try x.copied() } : x) }
      return .array(try tensor { () throws(TensorError) in try x.converted(to: dtype) })
    },
  ]
}

// MARK: - Shapes and views

extension Builtins {
  static func atLeast1d(_ a: Arguments) throws(PyError) -> Value { try atLeast(1, a) }
  static func atLeast2d(_ a: Arguments) throws(PyError) -> Value { try atLeast(2, a) }
  static func atLeast3d(_ a: Arguments) throws(PyError) -> Value { try atLeast(3, a) }
  static func fliplr(_ a: Arguments) throws(PyError) -> Value { try flipAxis(a, axis: 1) }
  static func flipud(_ a: Arguments) throws(PyError) -> Value { try flipAxis(a, axis: 0) }

  static func shapeOf(_ a: Arguments) throws(PyError) -> Value {
    .tuple(try a.array(0, "a").shape.map { .int(Int64($0)) })
  }

  static func ndimOf(_ a: Arguments) throws(PyError) -> Value { .int(Int64(try a.array(0, "a").ndim)) }
  static func sizeOf(_ a: Arguments) throws(PyError) -> Value { .int(Int64(try a.array(0, "a").count)) }

  static func reshape(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "shape", "order", "newshape", "copy"])
    let x = try a.array(0, "a")
    guard let shape = a.given(1, "shape") ?? a.given(-1, "newshape") else {
      throw PyError("TypeError", "reshape() missing 1 required positional argument: 'shape'")
    }
    return try reshaped(x, try intList(shape), a, orderIndex: 2)
  }

  /// `a.reshape(2, 3)` and `a.reshape((2, 3))`.
  static func reshapeArguments(_ a: Arguments) throws(PyError) -> [Int] {
    if a.positional.count == 1 { return try intList(a.positional[0]) }
    if a.positional.isEmpty { throw PyError("TypeError", "reshape() takes exactly 1 argument (0 given)") }
    return try intList(.tuple(a.positional))
  }

  static func reshaped(_ x: NDArray, _ shape: [Int], _ a: Arguments, orderIndex: Int = -1) throws(PyError) -> Value {
    let order = try order(a.value(orderIndex, "order"))
    let copy = try a.given(-1, "copy").map { (v) throws(PyError) in try Operators.truth(v) }
    return .array(try tensor { () throws(TensorError) in try x.reshaped(shape, order: order, copy: copy) })
  }

  static func ravel(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "order"])
    let x = try a.array(0, "a")
    return .array(x.raveled(order: try order(a.value(1, "order"))))
  }

  static func transpose(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["a", "axes"])
    return try transposed(try a.array(0, "a"), a.given(1, "axes"))
  }

  static func transposed(_ x: NDArray, _ axes: Value?) throws(PyError) -> Value {
    guard let axes else { return .array(x.transposed()) }
    let order = try intList(axes)
    return .array(try tensor { () throws(TensorError) in try x.transposed(order) })
  }

  static func swapaxes(_ a: Arguments) throws(PyError) -> Value {
    try swapped(try a.array(0, "a"), a, first: 1)
  }

  static func swapped(_ x: NDArray, _ a: Arguments, first: Int) throws(PyError) -> Value {
    let axis1 = Int(try Operators.integer(try a.required(first, "axis1")))
    let axis2 = Int(try Operators.integer(try a.required(first + 1, "axis2")))
    return .array(try tensor { () throws(TensorError) in try x.swappedAxes(axis1, axis2) })
  }

  static func moveaxis(_ a: Arguments) throws(PyError) -> Value {
    let x = try a.array(0, "a")
    let source = try intList(try a.required(1, "source"))
    let destination = try intList(try a.required(2, "destination"))
    return .array(try tensor { () throws(TensorError) in try x.movedAxes(from: source, to: destination) })
  }

  static func expandDims(_ a: Arguments) throws(PyError) -> Value {
    let x = try a.array(0, "a")
    let axes = try intList(try a.required(1, "axis"))
    return .array(try tensor { () throws(TensorError) in try x.expandedDims(axes) })
  }

  static func squeeze(_ a: Arguments) throws(PyError) -> Value {
    try squeezed(try a.array(0, "a"), a.given(1, "axis"))
  }

  static func squeezed(_ x: NDArray, _ axis: Value?) throws(PyError) -> Value {
    let axes = try axis.map { (v) throws(PyError) in try intList(v) }
    return .array(try tensor { () throws(TensorError) in try x.squeezed(axes) })
  }

  static func broadcastTo(_ a: Arguments) throws(PyError) -> Value {
    let x = try a.array(0, "array")
    let shape = try intList(try a.required(1, "shape"))
    return .array(try tensor { () throws(TensorError) in try x.broadcast(to: shape, readOnly: true) })
  }

  /// `atleast_Nd(*arys)`: one array for one input, else a tuple of them.
  static func atLeast(_ dims: Int, _ a: Arguments) throws(PyError) -> Value {
    var results: [Value] = []
    for v in a.positional { results.append(.array(try Operators.tensorOperand(v).atLeast(dims))) }
    return results.count == 1 ? results[0] : .tuple(results)
  }

  static func flip(_ a: Arguments) throws(PyError) -> Value {
    let x = try a.array(0, "m")
    let axes = try a.given(1, "axis").map { (v) throws(PyError) in try intList(v) }
    return Operators.wrap(try tensor { () throws(TensorError) in try x.flipped(axes) }, scalarResult: true)
  }

  static func flipAxis(_ a: Arguments, axis: Int) throws(PyError) -> Value {
    let x = try a.array(0, "m")
    guard x.ndim > axis else { throw PyError("ValueError", "Input must be >= \(axis + 1)-d.") }
    return .array(try tensor { () throws(TensorError) in try x.flipped([axis]) })
  }
}

// MARK: - Argument conversions

extension Builtins {
  /// An int or a sequence of ints (tuple, list, integer array) as a list: shapes, axes, reps.
  static func intList(_ v: Value) throws(PyError) -> [Int] {
    let items: [Value]
    switch v {
    case .tuple(let t): items = t
    case .list(let l): items = l.items
    case .array(let x):
      guard x.dtype != .float64 else {
        throw PyError("TypeError", "'float' object cannot be interpreted as an integer")
      }
      guard x.ndim <= 1 else {
        throw PyError("TypeError", "only integer scalar arrays can be converted to a scalar index")
      }
      return x.elements(as: Int64.self).map { Int($0) }
    default:
      return [Int(try Operators.integer(v))]
    }
    var result: [Int] = []
    for item in items { result.append(Int(try Operators.integer(item))) }
    return result
  }

  /// The arrays of a sequence argument (`concatenate((a, b))`): each item as an array.
  static func arrayList(_ v: Value) throws(PyError) -> [NDArray] {
    var result: [NDArray] = []
    for item in try Operators.iterate(v) { result.append(try Operators.tensorOperand(item)) }
    return result
  }

  /// `order=`: 'C', 'F', 'A' or 'K' (either case); None is 'C'.
  static func order(_ v: Value?) throws(PyError) -> IndexOrder {
    guard let v, !v.isNone else { return .c }
    guard case .str(let s) = v else {
      throw PyError("TypeError", "order must be str, not \(v.typeName)")
    }
    switch s.uppercased() {
    case "C": return .c
    case "F": return .fortran
    case "A": return .any
    case "K": return .keep
    default: throw PyError("ValueError", "order must be one of 'C', 'F', 'A', or 'K' (got \(Repr.quoted(s)))")
    }
  }

  /// A tuple of arrays, as `nonzero` and `unravel_index` return.
  static func arrayTuple(_ arrays: [NDArray], scalars: Bool = false) -> Value {
    .tuple(arrays.map { Operators.wrap($0, scalarResult: scalars) })
  }

  /// An element as the Python number `item()` and `tolist()` give.
  static func pythonScalar(_ s: Scalar) -> Value {
    switch s {
    case .bool(let b): .bool(b)
    case .int(let i): .int(i)
    case .float(let d): .float(d)
    }
  }
}

// MARK: - Elements

extension Builtins {
  /// `a.tolist()`: nested lists of Python numbers (a number for a 0-d array).
  static func list(_ x: NDArray) -> Value {
    let scalars = x.scalars
    var k = 0
    func build(_ axis: Int) -> Value {
      if axis == x.ndim {
        defer { k += 1 }
        return pythonScalar(scalars[k])
      }
      var items: [Value] = []
      items.reserveCapacity(x.shape[axis])
      for _ in 0..<x.shape[axis] { items.append(build(axis + 1)) }
      return .list(ListBox(items))
    }
    return build(0)
  }

  /// `a.item()`, `a.item(flat)`, `a.item(i, j)`, `a.item((i, j))`.
  static func item(_ x: NDArray, _ a: Arguments) throws(PyError) -> Value {
    let s: Scalar
    switch a.positional.count {
    case 0:
      guard x.count == 1, let only = x.item else {
        throw PyError("ValueError", "can only convert an array of size 1 to a Python scalar")
      }
      s = only
    case 1:
      let v = a.positional[0]
      if case .tuple = v {
        let indices = try intList(v)
        s = try tensor { () throws(TensorError) in try x.item(at: indices) }
      } else {
        if case .bool = v { throw PyError("TypeError", "an integer is required") }
        let i = Int(try Operators.integer(v))
        s = try tensor { () throws(TensorError) in x.ndim == 1 ? try x.item(at: [i]) : try x.item(flat: i) }
      }
    default:
      let indices = try intList(.tuple(a.positional))
      s = try tensor { () throws(TensorError) in try x.item(at: indices) }
    }
    return pythonScalar(s)
  }

  /// The value `a.fill(value)` writes, refused as NumPy refuses sequences and strings.
  static func fillValue(_ v: Value, dtype: DType) throws(PyError) -> Scalar {
    switch v {
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    case .scalar(let s): return s
    case .array(let x) where x.ndim == 0:
      guard let s = x.item else { break }
      return s
    case .list, .tuple, .array: throw PyError("ValueError", "setting an array element with a sequence.")
    case .str(let s):
      if dtype == .float64 { throw PyError("ValueError", "could not convert string to float: \(Repr.quoted(s))") }
      throw PyError("ValueError", "invalid literal for int() with base 10: \(Repr.quoted(s))")
    default: break
    }
    throw PyError("TypeError", "float() argument must be a string or a real number, not '\(v.typeName)'")
  }
}

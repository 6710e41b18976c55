import NNTensor

/// NumPy-1-era idioms that tutorial code on the web still uses and NumPy 2 rejects: nn
/// accepts them, with one note per kind and session on stderr. Everything else stays NumPy 2.
extension Interpreter {
  /// Names NumPy 2 removed (or deprecated): the numpy name that does the work, and the note.
  static let numpy1Names: [String: (target: String, note: String)] = [
    "float_": ("float64", "np.float_ was removed in NumPy 2 (np.float64 is the same); nn accepts it"),
    "bool8": ("bool_", "np.bool8 was removed in NumPy 2 (np.bool_ is the same); nn accepts it"),
    "product": ("prod", "np.product was removed in NumPy 2 (np.prod is the same); nn accepts it"),
    "cumproduct": ("cumprod", "np.cumproduct was removed in NumPy 2 (np.cumprod is the same); nn accepts it"),
    "alltrue": ("all", "np.alltrue was removed in NumPy 2 (np.all is the same); nn accepts it"),
    "sometrue": ("any", "np.sometrue was removed in NumPy 2 (np.any is the same); nn accepts it"),
    "row_stack": ("vstack", "np.row_stack is deprecated in NumPy 2 (np.vstack is the same); nn accepts it"),
    "in1d": ("\u{0}in1d", "np.in1d was removed in NumPy 2.4 (np.isin(a, b).ravel() is the same); nn accepts it"),
    "asscalar": ("\u{0}asscalar", "np.asscalar was removed in NumPy 2 (a.item() is the same); nn accepts it"),
  ]

  /// `numpy`'s fallback: a NumPy 1 name, with its note.
  func numpy1Attribute(_ name: String, in numpy: Module) -> Value? {
    guard let (target, text) = Interpreter.numpy1Names[name] else { return nil }
    let value: Value?
    switch target {
    case "\u{0}in1d": value = .builtin(Builtin("in1d", doc: "in1d(ar1, ar2, invert=False)", Builtins.in1d))
    case "\u{0}asscalar": value = .builtin(Builtin("asscalar", doc: "asscalar(a): a.item()", Builtins.asscalar))
    default: value = numpy.member(target)
    }
    if value != nil { note(name, text) }
    return value
  }

  /// `float(a)` / `int(a)`: a 0-d array's value; NumPy 1 also took any 1-element array.
  func scalarForConversion(_ x: NDArray, _ function: String) throws(PyError) -> Value {
    guard x.count == 1, let item = x.item else {
      throw PyError("TypeError", "only 0-dimensional arrays can be converted to Python scalars")
    }
    if x.ndim > 0 {
      note("\(function)()", "\(function)() of a 1-element array is an error in NumPy 2; nn accepts it")
    }
    return .scalar(item)
  }

  /// `a[0] = np.array([1.0])`: NumPy 2 refuses a 1-element array as one element; NumPy 1 took it.
  func setItemAcceptingNumPy1(_ object: Value, _ index: Value, _ value: Value) throws(PyError) {
    do {
      try Operators.setItem(object, index, value)
    } catch {
      guard case .array = object, case .array(let v) = value, v.ndim > 0, v.count == 1, let s = v.item,
        error.message.hasPrefix("setting an array element with a sequence")
      else { throw error }
      try Operators.setItem(object, index, .scalar(s))
      note(
        "element-from-array",
        "assigning a 1-element array to one array element is an error in NumPy 2; nn accepts it")
    }
  }
}

extension Builtins {
  nonisolated(unsafe) static let numpy1Methods: [String: Method] = [
    "itemset": itemset
  ]

  /// `np.isin(element, test_elements, invert=False)`: whether each element is among the others.
  nonisolated(unsafe) static let numpyMembership: [Entry] = [
    (
      "isin", "isin(element, test_elements, invert=False): element-wise membership, shaped as element",
      { (a) throws(PyError) -> Value in
        let x = try arrayArgument(a, 0, "element", function: "isin")
        let r = try membership(x, a, function: "isin")
        return .array(try tensor { () throws(TensorError) in try NDArray(shape: x.shape, bools: r) })
      }
    )
  ]

  static func in1d(_ a: Arguments) throws(PyError) -> Value {
    let x = try arrayArgument(a, 0, "ar1", function: "in1d")
    let r = try membership(x, a, function: "in1d")
    return .array(try tensor { () throws(TensorError) in try NDArray(shape: [r.count], bools: r) })
  }

  private static func membership(_ x: NDArray, _ a: Arguments, function: String) throws(PyError) -> [Bool] {
    let test = try arrayArgument(a, 1, function == "isin" ? "test_elements" : "ar2", function: function)
    let invert = try a.value(3, "invert").map { (v) throws(PyError) in try Operators.truth(v) } ?? false
    let values = Set(test.doubles)
    return x.doubles.map { values.contains($0) != invert }
  }

  static func asscalar(_ a: Arguments) throws(PyError) -> Value {
    let x = try arrayArgument(a, 0, "a", function: "asscalar")
    guard x.count == 1, let s = x.item else {
      throw PyError("ValueError", "can only convert an array of size 1 to a Python scalar")
    }
    return pythonScalar(s)
  }

  /// `a.itemset(value)`, `a.itemset(flat, value)`, `a.itemset((i, j), value)`, `a.itemset(i, j, value)`.
  static func itemset(_ x: NDArray, _ a: Arguments) throws(PyError) -> Value {
    a.interpreter.note(
      "itemset", "ndarray.itemset was removed in NumPy 2 (a[index] = value is the same); nn accepts it")
    guard let value = a.positional.last else { throw PyError("ValueError", "itemset must have at least one argument") }
    let indices = a.positional.dropLast()
    let index: Value
    if indices.isEmpty {
      guard x.count == 1 else { throw PyError("ValueError", "can only convert an array of size 1 to a Python scalar") }
      index = .tuple(Array(repeating: .int(0), count: x.ndim))
    } else if indices.count == 1, x.ndim != 1, case .int(let flat)? = indices.first {
      guard flat >= -Int64(x.count) && flat < Int64(x.count) else {
        throw PyError("IndexError", "index \(flat) is out of bounds for size \(x.count)")
      }
      var rest = Int(flat < 0 ? flat + Int64(x.count) : flat)
      var multi: [Value] = []
      for n in x.shape.reversed() {
        multi.insert(.int(Int64(rest % n)), at: 0)
        rest /= n
      }
      index = .tuple(multi)
    } else {
      index = indices.count == 1 ? indices[indices.startIndex] : .tuple(Array(indices))
    }
    try Indexing.write(x, index, value)
    return .none
  }
}

import NNTensor

/// `numpy`: NNTensor under NumPy's names.
extension Builtins {
  typealias Entry = (name: String, doc: String, function: Function)
  typealias Method = (NDArray, Arguments) throws(PyError) -> Value
  typealias Property = (NDArray) throws(PyError) -> Value

  /// The `numpy` namespace: one table per topic file.
  static var numpyTables: [[Entry]] {
    [
      numpy, numpyCreation, numpyMath, numpyReductions, numpyShape, numpyIndexing, numpyProducts, numpyOptions,
      numpyMembership, numpyIO, numpyGaps,
    ]
  }

  /// `numpy.linalg`.
  static var linalgTables: [[Entry]] { [linalg, linalgExtras] }

  /// `ndarray` methods, one table per topic file.
  static var arrayMethodTables: [[String: Method]] {
    [arrayMethods, arrayMathMethods, arrayReductionMethods, arrayShapeMethods, numpy1Methods, arrayGapMethods]
  }

  static func arrayArgument(_ a: Arguments, _ index: Int, _ name: String, function: String) throws(PyError) -> NDArray {
    try Operators.tensorOperand(try a.required(index, name, function: function))
  }

  static func axisArgument(_ a: Arguments, _ index: Int) throws(PyError) -> [Int]? {
    try a.axes(index)
  }

  static func keepDims(_ a: Arguments) throws(PyError) -> Bool {
    guard let v = a.keywords.first(where: { $0.0 == "keepdims" })?.1 else { return false }
    return try Operators.truth(v)
  }

  nonisolated(unsafe) static let numpy: [Entry] = [
    (
      "array", "array(object, dtype=None): an array from nested lists",
      { (a) throws(PyError) -> Value in
        .array(
          try Convert.array(
            try a.required(0, "object", function: "array"), dtype: try Convert.dtype(a.value(1, "dtype"))))
      }
    ),
    (
      "dot", "dot(a, b): dot product; matrix product for 2-D arrays",
      { (a) throws(PyError) -> Value in
        let x = try arrayArgument(a, 0, "a", function: "dot")
        let y = try arrayArgument(a, 1, "b", function: "dot")
        return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.dot(x, y) }, scalarResult: true)
      }
    ),
    (
      "matmul", "matmul(a, b): matrix product with broadcasting",
      { (a) throws(PyError) -> Value in
        let x = try arrayArgument(a, 0, "a", function: "matmul")
        let y = try arrayArgument(a, 1, "b", function: "matmul")
        return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.matmul(x, y) }, scalarResult: true)
      }
    ),
  ]

  nonisolated(unsafe) static let arrayProperties: [String: Property] = [
    "shape": { (x) throws(PyError) -> Value in .tuple(x.shape.map { .int(Int64($0)) }) },
    "ndim": { (x) throws(PyError) -> Value in .int(Int64(x.ndim)) },
    "size": { (x) throws(PyError) -> Value in .int(Int64(x.count)) },
    "dtype": { (x) throws(PyError) -> Value in .str(x.dtype.description) },
    "T": { (x) throws(PyError) -> Value in .array(x.transposed()) },
    "strides": { (x) throws(PyError) -> Value in .tuple(x.strides.map { .int(Int64($0 * x.dtype.itemSize)) }) },
    "itemsize": { (x) throws(PyError) -> Value in .int(Int64(x.dtype.itemSize)) },
    "nbytes": { (x) throws(PyError) -> Value in .int(Int64(x.count * x.dtype.itemSize)) },
  ]

  nonisolated(unsafe) static let arrayMethods: [String: Method] = [
    "dot": { (x, a) throws(PyError) -> Value in
      let y = try arrayArgument(a, 0, "b", function: "dot")
      return Operators.wrap(try tensor { () throws(TensorError) in try NDArray.dot(x, y) }, scalarResult: true)
    },
    "copy": { (x, _) throws(PyError) -> Value in .array(try tensor { () throws(TensorError) in try x.copied() }) },
  ]
}

extension Interpreter {
  /// Finds a module we provide; user modules come with the language issue.
  func importModule(_ path: String) throws(PyError) -> Module {
    if let m = modules[path] { return m }
    let module: Module
    switch path {
    case "numpy":
      module = Module("numpy")
      for table in Builtins.numpyTables {
        for (name, doc, fn) in table { module.attributes[name] = .builtin(Builtin(name, doc: doc, fn)) }
      }
      for (name, type) in Builtins.numpyScalarTypes() { module.attributes[name] = .builtin(type) }
      module.attributes["linalg"] = .module(try importModule("numpy.linalg"))
      module.attributes["random"] = .module(try importModule("numpy.random"))
      module.attributes["pi"] = .float(Double.pi)
      module.attributes["e"] = .float(2.718281828459045)
      module.attributes["inf"] = .float(.infinity)
      module.attributes["nan"] = .float(.nan)
      module.attributes["newaxis"] = Value.none
      Builtins.addIndexTricks(module)
      module.fallback = { [unowned self, unowned module] name in self.numpy1Attribute(name, in: module) }
    case "numpy.random":
      module = Module("numpy.random")
      for (name, doc, fn) in Builtins.random(self) { module.attributes[name] = .builtin(Builtin(name, doc: doc, fn)) }
    case "numpy.linalg":
      module = Module("numpy.linalg")
      for table in Builtins.linalgTables {
        for (name, doc, fn) in table { module.attributes[name] = .builtin(Builtin(name, doc: doc, fn)) }
      }
      module.attributes["LinAlgError"] = Exceptions.classValue("LinAlgError")
    case "sklearn", "nn", "tempfile",
      _ where path.hasPrefix("sklearn.") || path.hasPrefix("nn."):
      // scikit-learn's dataset calls and nn.datasets (Builtins+Sklearn.swift).
      guard let m = try Builtins.dataModule(path, self) else {
        throw PyError("ModuleNotFoundError", "No module named '\(path)'")
      }
      module = m
    case "matplotlib", "matplotlib.pyplot", "matplotlib.cm", "matplotlib.colors", "seaborn", "mpl_toolkits",
      "mpl_toolkits.mplot3d":
      module = try Builtins.plotModule(path, self)
    case _ where Prelude.modules[path] != nil:
      module = try sourceModule(path, Prelude.modules[path] ?? "")
      if path == "collections" { module.attributes["defaultdict"] = Builtins.defaultDict }
      if path == "itertools" { Builtins.addLazyItertools(module) }
    default:
      guard let standard = Builtins.standardModule(path, self) else {
        if let user = try userModule(path) { return user }
        // As CPython, the first missing package is named: `a` for `a.b` when `a` is missing.
        if let dot = path.lastIndex(of: "."), (try? importModule(String(path[..<dot]))) == nil {
          return try importModule(String(path[..<dot]))
        }
        throw PyError("ModuleNotFoundError", "No module named '\(path)'")
      }
      module = standard
    }
    modules[path] = module
    return module
  }
}

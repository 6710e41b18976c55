import Foundation
import NNLearn
import NNTensor

/// The few scikit-learn calls tutorials make for their data — `sklearn.datasets` (load_digits,
/// make_moons, make_circles, make_blobs), `sklearn.model_selection.train_test_split`,
/// `sklearn.metrics.accuracy_score` — with scikit-learn's signatures and, for the same seed,
/// its results (it draws from NumPy's RandomState; `NNLearn/Datasets.swift` follows its
/// order of draws). Also `nn.datasets`, which adds `load_digits01`, `load_idx`, `read_csv`.
extension Builtins {
  /// What each sklearn module provides, for the ImportError of any other name.
  static let sklearnProvides: [String: [String]] = [
    "sklearn.datasets": ["load_digits", "make_blobs", "make_circles", "make_moons"],
    "sklearn.model_selection": ["train_test_split"],
    "sklearn.metrics": ["accuracy_score"],
    "sklearn": ["datasets", "metrics", "model_selection"],
  ]

  /// The module for `sklearn...` and `nn...` paths, nil for others.
  static func dataModule(_ path: String, _ interpreter: Interpreter) throws(PyError) -> Module? {
    switch path {
    case "tempfile": return tempfileModule()
    case "sklearn":
      let m = Module("sklearn")
      m.attributes["__version__"] = .str("1.9.1")
      for sub in ["datasets", "model_selection", "metrics"] {
        m.attributes[sub] = .module(try interpreter.importModule("sklearn." + sub))
      }
      return m
    case "sklearn.datasets": return module("sklearn.datasets", sklearnDatasets)
    case "sklearn.model_selection":
      return module("sklearn.model_selection", [("train_test_split", trainTestSplitDoc, trainTestSplit)])
    case "sklearn.metrics":
      return module(
        "sklearn.metrics", [("accuracy_score", "accuracy_score(y_true, y_pred, *, normalize=True)", accuracyScore)])
    case "nn":
      // train, MLP, ... (Builtins+Learn.swift) and the datasets.
      let m = learnModule(interpreter)
      m.attributes["datasets"] = .module(try interpreter.importModule("nn.datasets"))
      return m
    case "nn.datasets":
      return module(
        "nn.datasets",
        sklearnDatasets + dataFunctions + [
          (
            "load_digits01",
            "load_digits01(): (X, y) of the digits 0 and 1, as load_digits(n_class=2, return_X_y=True)",
            { (a) throws(PyError) -> Value in
              try bind(a, "load_digits01", [], required: 0)
              let (data, target) = try tensor { () throws(TensorError) in try Digits.load(classes: 2) }
              return .tuple([.array(data), .array(target)])
            }
          )
        ])
    case _ where path.hasPrefix("sklearn."):
      throw PyError(
        "ModuleNotFoundError",
        "No module named '\(path)' (nn provides only sklearn.datasets, sklearn.metrics, sklearn.model_selection)")
    default: return nil
    }
  }

  /// The note CPython puts after `cannot import name 'x' from 'm'`: for our sklearn modules,
  /// what nn does provide.
  static func importNote(_ module: String) -> String? {
    guard let names = sklearnProvides[module] else { return nil }
    return " (nn provides only \(names.joined(separator: ", ")))"
  }

  nonisolated(unsafe) static let sklearnDatasets: [Entry] = [
    (
      "load_digits", "load_digits(*, n_class=10, return_X_y=False): the 8x8 digits as a Bunch or (data, target)",
      loadDigits
    ),
    ("make_moons", "make_moons(n_samples=100, *, shuffle=True, noise=None, random_state=None)", makeMoons),
    (
      "make_circles", "make_circles(n_samples=100, *, shuffle=True, noise=None, random_state=None, factor=0.8)",
      makeCircles
    ),
    (
      "make_blobs",
      "make_blobs(n_samples=100, n_features=2, *, centers=None, cluster_std=1.0, center_box=(-10.0, 10.0), shuffle=True, random_state=None, return_centers=False)",
      makeBlobs
    ),
  ]

  /// scikit-learn's `check_random_state`: None is NumPy's global stream, an int seeds a new one.
  static func randomState(_ a: Arguments) throws(PyError) -> RandomState {
    guard let v = a.given(-1, "random_state") else { return a.interpreter.random }
    guard case .int(let seed) = v else {
      throw PyError("ValueError", "\(Repr.repr(v)) cannot be used to seed a numpy.random.RandomState instance")
    }
    return try tensor { () throws(TensorError) in try RandomState(seed: Int(seed)) }
  }

  /// `n_samples` as an int (split outer/inner as scikit-learn does) or a pair.
  static func twoCounts(_ a: Arguments) throws(PyError) -> (Int, Int) {
    guard let v = a.given(0, "n_samples") else { return (50, 50) }
    if case .int(let n) = v {
      guard n >= 1 else {
        throw PyError(
          "InvalidParameterError",
          "The 'n_samples' parameter of \(a.function) must be an int in the range [1, inf) or an array-like. Got \(n) instead."
        )
      }
      return (Int(n / 2), Int(n - n / 2))
    }
    let items = try Operators.iterate(v)
    guard items.count == 2 else {
      throw PyError(
        "ValueError",
        a.function == "make_moons"
          ? "`n_samples` can be either an int or a two-element tuple."
          : "When a tuple, n_samples must have exactly two elements.")
    }
    return (Int(try Operators.integer(items[0])), Int(try Operators.integer(items[1])))
  }

  static func noise(_ a: Arguments) throws(PyError) -> Double? {
    guard let v = a.given(-1, "noise") else { return nil }
    return try Operators.number(v)
  }

  static func makeMoons(_ a: Arguments) throws(PyError) -> Value {
    var a = a
    a.function = "make_moons"
    try bind(a, "make_moons", ["n_samples"], required: 0, keywordOnly: ["shuffle", "noise", "random_state"])
    let (outer, inner) = try twoCounts(a)
    let shuffle = try a.bool(-1, "shuffle", default: true)
    let noise = try noise(a)
    let rs = try randomState(a)
    let (x, y) = try tensor { () throws(TensorError) in
      try Datasets.moons(outer: outer, inner: inner, shuffle: shuffle, noise: noise, random: rs)
    }
    return .tuple([.array(x), .array(y)])
  }

  static func makeCircles(_ a: Arguments) throws(PyError) -> Value {
    var a = a
    a.function = "make_circles"
    try bind(
      a, "make_circles", ["n_samples"], required: 0, keywordOnly: ["shuffle", "noise", "random_state", "factor"])
    let (outer, inner) = try twoCounts(a)
    let shuffle = try a.bool(-1, "shuffle", default: true)
    let noise = try noise(a)
    let factor = try a.double(-1, "factor", default: 0.8)
    guard factor >= 0 && factor < 1 else {
      throw PyError(
        "InvalidParameterError",
        "The 'factor' parameter of make_circles must be a float in the range [0.0, 1.0). Got \(Repr.repr(.float(factor))) instead."
      )
    }
    let rs = try randomState(a)
    let (x, y) = try tensor { () throws(TensorError) in
      try Datasets.circles(outer: outer, inner: inner, shuffle: shuffle, noise: noise, factor: factor, random: rs)
    }
    return .tuple([.array(x), .array(y)])
  }

  static func makeBlobs(_ a: Arguments) throws(PyError) -> Value {
    try bind(
      a, "make_blobs", ["n_samples", "n_features"], required: 0,
      keywordOnly: ["centers", "cluster_std", "center_box", "shuffle", "random_state", "return_centers"])
    var features = try a.int(1, "n_features", default: 2)
    let rs = try randomState(a)
    var given: [[Double]]?
    var centerCount = 3
    if let c = a.given(-1, "centers") {
      if case .int(let k) = c {
        centerCount = Int(k)
      } else {
        let m = try Operators.tensorOperand(c).astype(.float64)
        guard m.ndim == 2 else { throw PyError("ValueError", "Expected 2D array, got \(m.ndim)D array instead") }
        let d = m.contiguous().doubles
        given = (0..<m.shape[0]).map { Array(d[($0 * m.shape[1])..<(($0 + 1) * m.shape[1])]) }
        centerCount = m.shape[0]
        features = m.shape[1]
      }
    }
    guard features >= 1, centerCount >= 1 else {
      throw PyError("ValueError", "make_blobs needs n_features >= 1 and at least one center")
    }
    var counts: [Int]
    let samples = a.given(0, "n_samples") ?? .int(100)
    if case .int(let n) = samples {
      counts = Array(repeating: Int(n) / centerCount, count: centerCount)
      for i in 0..<(Int(n) % max(centerCount, 1)) { counts[i] += 1 }
    } else {
      counts = try Operators.iterate(samples).map { v throws(PyError) -> Int in Int(try Operators.integer(v)) }
      if given == nil { centerCount = counts.count }
      guard given == nil || given?.count == counts.count else {
        throw PyError(
          "ValueError",
          "Length of `n_samples` not consistent with number of centers. Got n_samples = \(Repr.repr(samples)) and centers = \(Repr.repr(a.given(-1, "centers") ?? .none))"
        )
      }
    }
    guard counts.allSatisfy({ $0 >= 0 }) else {
      throw PyError("ValueError", "make_blobs: n_samples must not be negative, got \(Repr.repr(samples))")
    }
    var std: [Double]
    let s = a.given(-1, "cluster_std") ?? .float(1)
    switch s {
    case .int, .float, .scalar: std = Array(repeating: try Operators.number(s), count: centerCount)
    default:
      std = try Operators.iterate(s).map { v throws(PyError) -> Double in try Operators.number(v) }
      guard std.count == centerCount else {
        throw PyError(
          "ValueError",
          "Length of `clusters_std` not consistent with number of centers. Got centers = \(centerCount) and cluster_std = \(Repr.repr(s))"
        )
      }
    }
    var box = (-10.0, 10.0)
    if let b = a.given(-1, "center_box") {
      let items = try Operators.iterate(b)
      guard items.count == 2 else { throw PyError("ValueError", "center_box must be a pair (low, high)") }
      box = (try Operators.number(items[0]), try Operators.number(items[1]))
    }
    let shuffle = try a.bool(-1, "shuffle", default: true)
    let (x, y, centers) = try tensor { () throws(TensorError) in
      try Datasets.blobs(
        counts: counts, features: features, centers: given, centerCount: centerCount, std: std, box: box,
        shuffle: shuffle, random: rs)
    }
    if try a.bool(-1, "return_centers", default: false) { return .tuple([.array(x), .array(y), .array(centers)]) }
    return .tuple([.array(x), .array(y)])
  }

  static func loadDigits(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "load_digits", [], required: 0, keywordOnly: ["n_class", "return_X_y", "as_frame"])
    let classes = try a.int(-1, "n_class", default: 10)
    guard (1...10).contains(classes) else {
      throw PyError(
        "InvalidParameterError",
        "The 'n_class' parameter of load_digits must be an int in the range [1, 10]. Got \(classes) instead.")
    }
    if try a.bool(-1, "as_frame", default: false) {
      throw PyError("ValueError", "nn has no pandas: load_digits(as_frame=True) is not supported")
    }
    let (data, target) = try tensor { () throws(TensorError) in try Digits.load(classes: classes) }
    if try a.bool(-1, "return_X_y", default: false) { return .tuple([.array(data), .array(target)]) }
    let images = try tensor { () throws(TensorError) in try data.reshaped([data.shape[0], 8, 8]) }
    var fields: [(String, Value)] = [
      ("data", .array(data)), ("target", .array(target)), ("frame", .none),
      (
        "feature_names",
        .list(ListBox((0..<8).flatMap { r in (0..<8).map { c in Value.str("pixel_\(r)_\(c)") } }))
      ),
      ("target_names", .array(try tensor { () throws(TensorError) in try NDArray(shape: [10], ints: Array(0...9)) })),
      ("images", .array(images)),
    ]
    fields.append(("DESCR", .str(digitsDescription)))
    return .object(bunch(fields))
  }

  static let digitsDescription = """
    .. _digits_dataset:

    Optical recognition of handwritten digits dataset
    --------------------------------------------------

    1797 8x8 images of integer pixels in the range 0..16, 10 classes: a copy of the test set
    of the UCI ML hand-written digits dataset (E. Alpaydin, C. Kaynak, 1998),
    https://archive.ics.uci.edu/ml/datasets/Optical+Recognition+of+Handwritten+Digits
    as scikit-learn ships it (see nn's examples/data/README.md).
    """

  /// scikit-learn's Bunch: a dict whose keys are also attributes.
  static func bunch(_ fields: [(String, Value)]) -> NativeObject {
    let d = DictBox()
    for (k, v) in fields { try? d.set(.str(k), v) }
    let object = NativeObject(
      typeName: "sklearn.utils._bunch.Bunch", attributes: Dictionary(uniqueKeysWithValues: fields),
      repr: { Repr.repr(.dict(d)) })
    object.itemGetter = { (key: Value) throws(PyError) -> Value in
      guard case .str(let k) = key, let v = fields.first(where: { $0.0 == k })?.1 else {
        throw PyError("KeyError", Repr.repr(key))
      }
      return v
    }
    object.view = { fields.map { .str($0.0) } }
    object.attributes["keys"] = .builtin(
      Builtin("keys") { (_) throws(PyError) -> Value in .list(ListBox(fields.map { .str($0.0) })) })
    return object
  }

  // MARK: - model_selection and metrics

  static let trainTestSplitDoc =
    "train_test_split(*arrays, test_size=None, train_size=None, random_state=None, shuffle=True, stratify=None)"

  static func trainTestSplit(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(
      ["test_size", "train_size", "random_state", "shuffle", "stratify"], function: "train_test_split")
    guard !a.positional.isEmpty else { throw PyError("ValueError", "At least one array required as input") }
    let lengths = try a.positional.map { v throws(PyError) -> Int in try sampleCount(v) }
    if Set(lengths).count > 1 {
      throw PyError(
        "ValueError",
        "Found input variables with inconsistent numbers of samples: [\(lengths.map(String.init).joined(separator: ", "))]"
      )
    }
    let n = lengths[0]
    let (train, test) = try splitSizes(n, a.given(-1, "test_size"), a.given(-1, "train_size"))
    let shuffle = try a.bool(-1, "shuffle", default: true)
    let rs = try randomState(a)
    var stratify: [Double]?
    if let labels = a.given(-1, "stratify") {
      guard shuffle else {
        throw PyError("ValueError", "Stratified train/test split is not implemented for shuffle=False")
      }
      let y = try Operators.tensorOperand(labels)
      guard y.ndim == 1, y.count == n else {
        throw PyError("ValueError", "nn's train_test_split takes stratify= as one label per sample (1-D, length \(n))")
      }
      stratify = y.doubles
    }
    let (trainIndex, testIndex) = try tensor { () throws(TensorError) in
      if let stratify {
        return try Datasets.stratifiedSplitIndices(labels: stratify, train: train, test: test, random: rs)
      }
      return try Datasets.splitIndices(count: n, train: train, test: test, shuffle: shuffle, random: rs)
    }
    var out: [Value] = []
    for v in a.positional {
      out.append(try rows(v, trainIndex))
      out.append(try rows(v, testIndex))
    }
    return .list(ListBox(out))
  }

  static func sampleCount(_ v: Value) throws(PyError) -> Int {
    switch v {
    case .list(let l): return l.items.count
    case .tuple(let t): return t.count
    default:
      let x = try Operators.tensorOperand(v)
      guard let n = x.shape.first else {
        throw PyError("TypeError", "Singleton array \(Repr.repr(v)) cannot be considered a valid collection.")
      }
      return n
    }
  }

  static func rows(_ v: Value, _ index: [Int64]) throws(PyError) -> Value {
    switch v {
    case .list(let l): return .list(ListBox(index.map { l.items[Int($0)] }))
    case .tuple(let t): return .list(ListBox(index.map { t[Int($0)] }))
    default:
      let x = try Operators.tensorOperand(v)
      return .array(
        try tensor { () throws(TensorError) in try x.take(NDArray(shape: [index.count], ints: index), axis: 0) })
    }
  }

  /// `_validate_shuffle_split`: (n_train, n_test) from fractions or counts.
  static func splitSizes(_ n: Int, _ testSize: Value?, _ trainSize: Value?) throws(PyError) -> (Int, Int) {
    func kind(_ v: Value?) -> Character? {
      switch v {
      case .int?, .scalar(.int)?: return "i"
      case .float?, .scalar(.float)?: return "f"
      default: return nil
      }
    }
    let test = testSize ?? (trainSize == nil ? .float(0.25) : nil)
    for (v, name) in [(test, "test_size"), (trainSize, "train_size")] {
      guard let v else { continue }
      guard let k = kind(v) else { throw PyError("ValueError", "Invalid value for \(name): \(Repr.str(v))") }
      let x = try Operators.number(v)
      if (k == "i" && x < 1) || (k == "f" && (x <= 0 || x >= 1)) {
        throw PyError(
          "InvalidParameterError",
          "The '\(name)' parameter of train_test_split must be a float in the range (0.0, 1.0), an int in the range [1, inf) or None. Got \(Repr.repr(v)) instead."
        )
      }
      if k == "i" && x >= Double(n) {
        throw PyError(
          "ValueError",
          "\(name)=\(Repr.str(v)) should be either positive and smaller than the number of samples \(n) or a float in the (0, 1) range"
        )
      }
    }
    if kind(test) == "f", kind(trainSize) == "f", let t = test, let r = trainSize,
      try Operators.number(t) + Operators.number(r) > 1
    {
      throw PyError(
        "ValueError",
        "The sum of test_size and train_size = \(Repr.str(.float(try Operators.number(t) + Operators.number(r)))), should be in the (0, 1) range. Reduce test_size and/or train_size."
      )
    }
    var nTest: Double?
    var nTrain: Double?
    if let t = test {
      nTest = kind(t) == "f" ? (try Operators.number(t) * Double(n)).rounded(.up) : try Operators.number(t)
    }
    if let r = trainSize {
      nTrain = kind(r) == "f" ? (try Operators.number(r) * Double(n)).rounded(.down) : try Operators.number(r)
    }
    let testCount = Int(nTest ?? Double(n) - (nTrain ?? 0))
    let trainCount = Int(nTrain ?? Double(n) - Double(testCount))
    if trainCount + testCount > n {
      throw PyError(
        "ValueError",
        "The sum of train_size and test_size = \(trainCount + testCount), should be smaller than the number of samples \(n). Reduce test_size and/or train_size."
      )
    }
    if trainCount == 0 {
      throw PyError(
        "ValueError",
        "With n_samples=\(n), test_size=\(Repr.str(testSize ?? .none)) and train_size=\(Repr.str(trainSize ?? .none)), the resulting train set will be empty. Adjust any of the aforementioned parameters."
      )
    }
    return (trainCount, testCount)
  }

  static func accuracyScore(_ a: Arguments) throws(PyError) -> Value {
    try bind(a, "accuracy_score", ["y_true", "y_pred"], required: 2, keywordOnly: ["normalize", "sample_weight"])
    let t = try a.array(0, "y_true").contiguous()
    let p = try a.array(1, "y_pred").contiguous()
    guard t.count == p.count else {
      throw PyError(
        "ValueError",
        "Found input variables with inconsistent numbers of samples: [\(t.shape.first ?? 1), \(p.shape.first ?? 1)]")
    }
    func targetType(_ x: NDArray) -> String {
      let d = x.doubles
      if x.dtype == .float64 && d.contains(where: { $0.rounded() != $0 }) { return "continuous" }
      return Set(d).count <= 2 ? "binary" : "multiclass"
    }
    let (tt, pt) = (targetType(t), targetType(p))
    if tt == "continuous" && pt == "continuous" { throw PyError("ValueError", "continuous is not supported") }
    if (tt == "continuous") != (pt == "continuous") {
      throw PyError("ValueError", "Classification metrics can't handle a mix of \(tt) and \(pt) targets")
    }
    // A 2-D label matrix (multilabel) scores whole rows, as scikit-learn's subset accuracy.
    let width = t.ndim == 2 && t.shape[1] > 1 ? t.shape[1] : 1
    let (x, y) = (t.doubles, p.doubles)
    let rows = x.count / width
    var weights = [Double](repeating: 1, count: rows)
    if let w = try a.optionalArray(-1, "sample_weight") { weights = w.astype(.float64).contiguous().doubles }
    guard weights.count == rows else {
      throw PyError(
        "ValueError", "Found input variables with inconsistent numbers of samples: [\(rows), \(weights.count)]")
    }
    var correct = 0.0
    var total = 0.0
    for i in 0..<rows {
      if x[(i * width)..<((i + 1) * width)] == y[(i * width)..<((i + 1) * width)] { correct += weights[i] }
      total += weights[i]
    }
    if try a.bool(-1, "normalize", default: true) { return .float(total == 0 ? .nan : correct / total) }
    return .float(correct)
  }
}

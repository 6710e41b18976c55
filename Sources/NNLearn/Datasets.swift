import Foundation
import NNTensor

/// scikit-learn's toy datasets, drawing from a `RandomState` in the order scikit-learn's own
/// code draws (`sklearn/datasets/_samples_generator.py`), so the same seed gives the same points.
public enum Datasets {
  /// `make_moons`: two interleaving half circles, `outer` points with label 0 then `inner` with 1.
  public static func moons(
    outer: Int, inner: Int, shuffle: Bool, noise: Double?, random: RandomState
  )
    throws(TensorError) -> (x: NDArray, y: NDArray)
  {
    let a = try NDArray.linspace(0, Double.pi, num: outer).0.doubles
    let b = try NDArray.linspace(0, Double.pi, num: inner).0.doubles
    let xs = a.map { Foundation.cos($0) } + b.map { 1 - Foundation.cos($0) }
    let ys = a.map { Foundation.sin($0) } + b.map { 1 - Foundation.sin($0) - 0.5 }
    return try finish(xs, ys, outer: outer, inner: inner, shuffle: shuffle, noise: noise, random: random)
  }

  /// `make_circles`: a large circle (label 0) around a small one scaled by `factor` (label 1).
  public static func circles(
    outer: Int, inner: Int, shuffle: Bool, noise: Double?, factor: Double, random: RandomState
  ) throws(TensorError) -> (x: NDArray, y: NDArray) {
    let a = try NDArray.linspace(0, 2 * Double.pi, num: outer, endpoint: false).0.doubles
    let b = try NDArray.linspace(0, 2 * Double.pi, num: inner, endpoint: false).0.doubles
    let xs = a.map { Foundation.cos($0) } + b.map { Foundation.cos($0) * factor }
    let ys = a.map { Foundation.sin($0) } + b.map { Foundation.sin($0) * factor }
    return try finish(xs, ys, outer: outer, inner: inner, shuffle: shuffle, noise: noise, random: random)
  }

  private static func finish(
    _ xs: [Double], _ ys: [Double], outer: Int, inner: Int, shuffle: Bool, noise: Double?, random: RandomState
  ) throws(TensorError) -> (x: NDArray, y: NDArray) {
    let n = xs.count
    var points = [Double](repeating: 0, count: 2 * n)
    var labels = [Int64](repeating: 0, count: outer) + [Int64](repeating: 1, count: inner)
    for i in 0..<n {
      points[2 * i] = xs[i]
      points[2 * i + 1] = ys[i]
    }
    if shuffle { (points, labels) = shuffled(points, labels, width: 2, random: random) }
    if let noise {
      let e = try random.normal(scale: noise, count: 2 * n)
      for i in 0..<(2 * n) { points[i] += e[i] }
    }
    return (try NDArray(shape: [n, 2], doubles: points), try NDArray(shape: [n], ints: labels))
  }

  /// `sklearn.utils.shuffle(X, y, random_state=rs)`: `arange(n)` shuffled in place, then rows taken.
  static func shuffled(
    _ points: [Double], _ labels: [Int64], width: Int, random: RandomState
  )
    -> ([Double], [Int64])
  {
    var order = Array(0..<labels.count)
    random.shuffle(&order)
    var p = points
    var l = labels
    for (i, k) in order.enumerated() {
      l[i] = labels[k]
      for j in 0..<width { p[i * width + j] = points[k * width + j] }
    }
    return (p, l)
  }

  /// `make_blobs`: `counts[i]` points around center i with standard deviation `std[i]`.
  /// When `centers` is nil, `centerCount` centers are drawn uniformly in `box` first.
  public static func blobs(
    counts: [Int], features: Int, centers given: [[Double]]?, centerCount: Int, std: [Double],
    box: (Double, Double), shuffle: Bool, random: RandomState
  ) throws(TensorError) -> (x: NDArray, y: NDArray, centers: NDArray) {
    let centers: [[Double]]
    if let given {
      centers = given
    } else {
      let u = try random.uniform(low: box.0, high: box.1, count: centerCount * features)
      centers = (0..<centerCount).map { Array(u[($0 * features)..<(($0 + 1) * features)]) }
    }
    let width = centers.first?.count ?? features
    var points: [Double] = []
    var labels: [Int64] = []
    for (i, n) in counts.enumerated() where i < centers.count && i < std.count {
      try RandomStateCheck.scale(std[i])
      let (size, overflow) = n.multipliedReportingOverflow(by: width)
      guard !overflow else { throw TensorError(.valueError, "Maximum allowed size exceeded") }
      let g = try random.normal(count: size)
      for r in 0..<n {
        for j in 0..<width { points.append(centers[i][j] + std[i] * g[r * width + j]) }
        labels.append(Int64(i))
      }
    }
    if shuffle { (points, labels) = shuffled(points, labels, width: width, random: random) }
    return (
      try NDArray(shape: [labels.count, width], doubles: points), try NDArray(shape: [labels.count], ints: labels),
      try NDArray(shape: [centers.count, width], doubles: centers.flatMap { $0 })
    )
  }

  /// `ShuffleSplit`'s partition for `train_test_split`: `permutation(n)`, test first.
  public static func splitIndices(
    count n: Int, train: Int, test: Int, shuffle: Bool, random: RandomState
  )
    throws(TensorError) -> (train: [Int64], test: [Int64])
  {
    guard shuffle else { return (Array(0..<Int64(train)), Array(Int64(train)..<Int64(train + test))) }
    let p = try random.permutation(n)
    return (Array(p[test..<(test + train)]), Array(p[0..<test]))
  }
}

extension Datasets {
  /// `StratifiedShuffleSplit`'s partition for `train_test_split(..., stratify=labels)`: each
  /// class keeps its share, drawn in scikit-learn's order (`_approximate_mode` for the train
  /// and test counts per class, a permutation per class, then a permutation of each side).
  public static func stratifiedSplitIndices(
    labels: [Double], train: Int, test: Int, random: RandomState
  )
    throws(TensorError) -> (train: [Int64], test: [Int64])
  {
    let classes = Array(Set(labels)).sorted()
    var members = [[Int64]](repeating: [], count: classes.count)
    var position: [Double: Int] = [:]
    for (i, c) in classes.enumerated() { position[c] = i }
    for (i, label) in labels.enumerated() { members[position[label] ?? 0].append(Int64(i)) }
    let counts = members.map(\.count)
    guard counts.min() ?? 0 >= 2 else {
      // NumPy's str of the classes' array: `[0 3]`, or `[0.5 2. ]`-like for floats (approximated).
      let few = classes.indices.filter { counts[$0] < 2 }.map { i -> String in
        let c = classes[i]
        return c.rounded() == c && abs(c) < 1e15 ? String(Int64(c)) : String(c)
      }
      throw TensorError(
        .valueError,
        "The least populated classes in y have only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2. Classes with too few members are: [\(few.joined(separator: " "))]"
      )
    }
    guard train >= classes.count else {
      throw TensorError(
        .valueError, "The train_size = \(train) should be greater or equal to the number of classes = \(classes.count)")
    }
    guard test >= classes.count else {
      throw TensorError(
        .valueError, "The test_size = \(test) should be greater or equal to the number of classes = \(classes.count)")
    }
    let trainCounts = try approximateMode(counts, draws: train, random: random)
    let testCounts = try approximateMode(zip(counts, trainCounts).map { $0 - $1 }, draws: test, random: random)
    var trainIndex: [Int64] = []
    var testIndex: [Int64] = []
    for (i, group) in members.enumerated() {
      let order = try random.permutation(group.count).map { group[Int($0)] }
      trainIndex += order[0..<trainCounts[i]]
      testIndex += order[trainCounts[i]..<(trainCounts[i] + testCounts[i])]
    }
    random.shuffle(&trainIndex)
    random.shuffle(&testIndex)
    return (trainIndex, testIndex)
  }

  /// scikit-learn's `_approximate_mode`: `draws` split in proportion to `counts`, the rounding
  /// remainder going to the largest fractional parts, ties broken by `choice`.
  static func approximateMode(_ counts: [Int], draws: Int, random: RandomState) throws(TensorError) -> [Int] {
    let total = Double(counts.reduce(0, +))
    let continuous = counts.map { Double($0) / total * Double(draws) }
    var floored = continuous.map { $0.rounded(.down) }
    var need = Int(Double(draws) - floored.reduce(0, +))
    if need > 0 {
      let remainder = zip(continuous, floored).map { $0 - $1 }
      for value in Array(Set(remainder)).sorted(by: >) {
        let indices = remainder.indices.filter { remainder[$0] == value }
        let now = min(indices.count, need)
        let picked = try random.choice(indices.count, shape: [now], replace: false)
        for k in picked { floored[indices[Int(k)]] += 1 }
        need -= now
        if need == 0 { break }
      }
    }
    return floored.map { Int($0) }
  }
}

enum RandomStateCheck {
  /// `normal(scale=...)` refuses a negative scale, as NumPy does.
  static func scale(_ s: Double) throws(TensorError) {
    if !s.isNaN && s.sign == .minus { throw TensorError(.valueError, "scale < 0") }
  }
}

/// The 8×8 handwritten digits that scikit-learn ships (`load_digits`): 1797 images of integer
/// pixels 0...16 with their digit, read from the copy compiled into the binary.
public enum Digits {
  /// (data, target) for the digits below `classes`, in the file's order: data float64
  /// (n, 64), target int64 (n,).
  public static func load(classes: Int = 10) throws(TensorError) -> (data: NDArray, target: NDArray) {
    let all = try table()
    var data: [Double] = []
    var target: [Int64] = []
    for row in all where row[64] < Double(classes) {
      data += row[0..<64]
      target.append(Int64(row[64]))
    }
    return (try NDArray(shape: [target.count, 64], doubles: data), try NDArray(shape: [target.count], ints: target))
  }

  /// Decoded once, thread-safely (a static let), on first use.
  private static let decoded: Result<[[Double]], TensorError> = Result { () throws(TensorError) in try decode() }

  /// The CSV's rows: 64 pixels and the label.
  static func table() throws(TensorError) -> [[Double]] { try decoded.get() }

  private static func decode() throws(TensorError) -> [[Double]] {
    guard let gz = Data(base64Encoded: gzipBase64, options: .ignoreUnknownCharacters) else {
      throw TensorError(.valueError, "the digits data compiled into nn is damaged")
    }
    let csv = try Zlib.inflate([UInt8](gz), .gzip)
    var rows: [[Double]] = []
    for line in String(decoding: csv, as: UTF8.self).split(separator: "\n") {
      let row = line.split(separator: ",").compactMap { Double($0) }
      if row.count == 65 { rows.append(row) }
    }
    return rows
  }
}

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

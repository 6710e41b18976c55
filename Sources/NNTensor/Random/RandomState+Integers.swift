/// `randint`, `choice`, `shuffle` and `permutation` of the legacy `RandomState`.
extension RandomState {
  // MARK: - randint

  /// `randint(low, high)`: an int64 in [low, high), or in [0, low) when `high` is nil.
  /// Masked rejection sampling, on 32-bit words while the range fits in 32 bits.
  public func randint(low: Int64, high: Int64? = nil) throws(TensorError) -> Int64 {
    let (offset, range) = try BoundedIntegers.bounds(low, high, closed: false)
    var value: Int64 = 0
    BoundedIntegers.fill(bits, offset: offset, range: range, masked: true, into: &value, count: 1)
    return value
  }

  public func randint(low: Int64, high: Int64? = nil, count: Int) throws(TensorError) -> [Int64] {
    if count == 0 { return [] }
    let (offset, range) = try BoundedIntegers.bounds(low, high, closed: false)
    return try Sampling.array(count: count) {
      BoundedIntegers.fill(bits, offset: offset, range: range, masked: true, into: $0, count: $1)
    }
  }

  public func randint(low: Int64, high: Int64? = nil, shape: [Int]) throws(TensorError) -> NDArray {
    // NumPy returns an empty array before it looks at the bounds.
    if shape.contains(0) { return try NDArray(uninitialized: shape, dtype: .int64) }
    let (offset, range) = try BoundedIntegers.bounds(low, high, closed: false)
    return try Sampling.ndarray(shape: shape, dtype: .int64) {
      BoundedIntegers.fill(bits, offset: offset, range: range, masked: true, into: $0, count: $1)
    }
  }

  // MARK: - shuffle, permutation

  /// `shuffle(x)` of a sequence: Fisher-Yates from the end, `j = random_interval(i)`.
  /// To shuffle the rows of an array, shuffle a list of row indices (or use `shuffle(_: NDArray)`).
  public func shuffle<T>(_ x: inout [T]) {
    Sampling.shuffle(&x, bits)
  }

  /// `shuffle(a)` in place along the first axis, writing through the array's view.
  public func shuffle(_ a: NDArray) throws(TensorError) {
    guard a.ndim > 0 else { throw TensorError(.typeError, "len() of unsized object") }
    Sampling.shuffleRows(a, bits)
  }

  /// `permutation(n)`: `arange(n)` shuffled. A negative `n` gives an empty permutation, as in NumPy.
  public func permutation(_ n: Int) throws(TensorError) -> [Int64] {
    var x = try Sampling.arange(n)
    shuffle(&x)
    return x
  }

  // MARK: - choice

  /// `choice(n, size, replace, p)`: indices into a population of `n`; `shape` nil is `size=None`.
  public func choice(
    _ n: Int, shape: [Int]? = nil, replace: Bool = true, p: [Double]? = nil
  ) throws(TensorError) -> [Int64] {
    let size = shape.map(Sampling.product)
    if n <= 0 && size != 0 {
      throw TensorError(.valueError, "a must be greater than 0 unless no samples are taken")
    }
    return try choiceIndices(n, shape: shape, replace: replace, p: p)
  }

  /// `choice(a, size, replace, p)` of a 1-d array, or of an integer held in a 0-d int64 array;
  /// the result has `shape` (0-d when `shape` is nil).
  public func choice(
    _ a: NDArray, shape: [Int]? = nil, replace: Bool = true, p: [Double]? = nil
  ) throws(TensorError) -> NDArray {
    if a.ndim == 0 {
      let n: Int
      switch a.item {
      case .int(let i)?: n = Int(i)
      case .bool(let b)?: n = b ? 1 : 0
      default: throw TensorError(.valueError, "a must be 1-dimensional or an integer")
      }
      let idx = try choice(n, shape: shape, replace: replace, p: p)
      return try NDArray(shape: shape ?? [], ints: idx)
    }
    guard a.ndim == 1 else { throw TensorError(.valueError, "a must be 1-dimensional") }
    let size = shape.map(Sampling.product)
    if a.count == 0 && size != 0 {
      throw TensorError(.valueError, "'a' cannot be empty unless no samples are taken")
    }
    let idx = try choiceIndices(a.count, shape: shape, replace: replace, p: p)
    return try Sampling.takeRows(a, idx, shape: shape ?? [])
  }

  private func choiceIndices(
    _ n: Int, shape: [Int]?, replace: Bool, p: [Double]?
  ) throws(TensorError) -> [Int64] {
    if let p { try Sampling.validate(p, populationSize: n, .legacy) }
    let dims = shape ?? []
    if replace {
      if let p {
        let cdf = Sampling.cdf(p)
        return try randomSample(count: Sampling.count(dims)).map { Int64(Sampling.searchRight(cdf, $0)) }
      }
      return try randint(low: 0, high: Int64(n), count: Sampling.count(dims))
    }
    let size = Sampling.product(dims)
    if size > n {
      throw TensorError(
        .valueError, "Cannot take a larger sample than population when 'replace=False'")
    }
    if size < 0 { throw TensorError(.valueError, "Negative dimensions are not allowed") }
    _ = try Sampling.count(dims)
    if let p {
      return try Sampling.weightedWithoutReplacement(p, count: size) { n in
        Sampling.filled(n) { bits.fill($0, count: $1) }
      }
    }
    return Array(try permutation(n).prefix(size))
  }
}

extension BoundedIntegers {
  /// NumPy's bounds check for `randint`/`integers` (`_rand_int64`): the offset and the width of
  /// the closed range, both as the unsigned words the C code works in.
  static func bounds(
    _ low: Int64, _ high: Int64?, closed: Bool
  ) throws(TensorError) -> (offset: UInt64, range: UInt64) {
    let (low, high) = high.map { (low, $0) } ?? (0, low)
    guard closed ? low <= high : low < high else {
      let message =
        low == 0 ? (closed ? "high < 0" : "high <= 0") : (closed ? "low > high" : "low >= high")
      throw TensorError(.valueError, message)
    }
    let top = closed ? high : high - 1
    return (UInt64(bitPattern: low), UInt64(bitPattern: top &- low))
  }
}

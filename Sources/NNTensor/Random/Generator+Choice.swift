/// `shuffle`, `permutation` and `choice` of `Generator`.
extension Generator {
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

  /// `choice(n, size, replace, p, shuffle)`: indices into a population of `n`; `shape` nil is
  /// `size=None`.
  public func choice(
    _ n: Int, shape: [Int]? = nil, replace: Bool = true, p: [Double]? = nil, shuffle: Bool = true
  ) throws(TensorError) -> [Int64] {
    if n <= 0 && shape.map(Sampling.product) != 0 {
      throw TensorError(.valueError, "a must be a positive integer unless no samples are taken")
    }
    return try choiceIndices(n, shape: shape, replace: replace, p: p, shuffle: shuffle)
  }

  /// `choice(a, size, replace, p, shuffle)` along the first axis of `a`, or of an integer held in
  /// a 0-d array; the result's shape is `shape + a.shape[1...]` (0-d for one sample of a 1-d `a`).
  public func choice(
    _ a: NDArray, shape: [Int]? = nil, replace: Bool = true, p: [Double]? = nil, shuffle: Bool = true
  ) throws(TensorError) -> NDArray {
    if a.ndim == 0 {
      let n: Int
      switch a.item {
      case .int(let i)?: n = Int(i)
      case .bool(let b)?: n = b ? 1 : 0
      default:
        throw TensorError(.valueError, "a must be a sequence or an integer, not <class 'float'>")
      }
      let idx = try choice(n, shape: shape, replace: replace, p: p, shuffle: shuffle)
      return try NDArray(shape: shape ?? [], ints: idx)
    }
    if a.shape[0] == 0 && shape.map(Sampling.product) != 0 {
      throw TensorError(.valueError, "a cannot be empty unless no samples are taken")
    }
    let idx = try choiceIndices(a.shape[0], shape: shape, replace: replace, p: p, shuffle: shuffle)
    return try Sampling.takeRows(a, idx, shape: shape ?? [])
  }

  private func choiceIndices(
    _ n: Int, shape: [Int]?, replace: Bool, p: [Double]?, shuffle: Bool
  ) throws(TensorError) -> [Int64] {
    if let p { try Sampling.validate(p, populationSize: n, .generator) }
    let dims = shape ?? []
    if replace {
      if let p {
        let cdf = Sampling.cdf(p)
        return try random(count: Sampling.count(dims)).map { Int64(Sampling.searchRight(cdf, $0)) }
      }
      return try integers(low: 0, high: Int64(n), count: Sampling.count(dims))
    }
    let size = Sampling.product(dims)
    if size > n {
      throw TensorError(
        .valueError, "Cannot take a larger sample than population when replace is False")
    }
    if size < 0 { throw TensorError(.valueError, "negative dimensions are not allowed") }
    _ = try Sampling.count(dims)
    if let p {
      return try Sampling.weightedWithoutReplacement(p, count: size) { m in
        Sampling.filled(m) { out, k in for i in 0..<k { out[i] = bits.nextDouble() } }
      }
    }
    // NumPy's heuristic: shuffle the tail of the whole population when the sample is a large
    // part of it, else Floyd's algorithm.
    if n > 10_000 && size > n / (shuffle ? 50 : 20) {
      var idx = try Sampling.arange(n)
      shuffleIntegers(&idx, from: max(n - size, 1))
      return Array(idx[(n - size)...])
    }
    var idx = try floydSample(n, size)
    if shuffle { shuffleIntegers(&idx, from: 1) }
    return idx
  }

  /// `_shuffle_int`: Fisher-Yates over positions `count-1` down to `first`, with Lemire's bound
  /// where `shuffle` itself uses masking.
  private func shuffleIntegers(_ x: inout [Int64], from first: Int) {
    x.withUnsafeMutableBufferPointer { b in
      var i = b.count - 1
      while i >= first {
        b.swapAt(i, Int(BoundedIntegers.lemire(bits, range: UInt64(i))))
        i -= 1
      }
    }
  }

  /// Floyd's algorithm for `size` distinct values of [0, n), with NumPy's open-addressing set
  /// (a power of two at least 1.2 * size, linear probing) deciding membership.
  private func floydSample(_ n: Int, _ size: Int) throws(TensorError) -> [Int64] {
    let mask = BoundedIntegers.mask(UInt64(1.2 * Double(size)))
    try Sampling.checkAllocation(Int(mask) + 1, of: UInt64.self)
    let empty = UInt64.max
    var set = [UInt64](repeating: empty, count: Int(mask) + 1)
    var out = [Int64](repeating: 0, count: size)
    for j in (n - size)..<n {
      let value = BoundedIntegers.lemire(bits, range: UInt64(j))
      var slot = Int(value & mask)
      while set[slot] != empty && set[slot] != value { slot = (slot + 1) & Int(mask) }
      let pick: UInt64
      if set[slot] == empty {
        pick = value
      } else {
        // value was taken already: j itself cannot have been, and goes in instead.
        pick = UInt64(j)
        slot = j & Int(mask)
        while set[slot] != empty { slot = (slot + 1) & Int(mask) }
      }
      set[slot] = pick
      out[j - n + size] = Int64(pick)
    }
    return out
  }
}

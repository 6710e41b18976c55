/// Pieces shared by `RandomState` and `Generator`: output buffers and the parts of `choice` the
/// two implement alike (checking `p`, sampling from its cumulative distribution).
enum Sampling {
  /// A Swift array of `count` values written in place by `body`.
  static func array<T>(
    count: Int, _ body: (UnsafeMutablePointer<T>, Int) -> Void
  ) throws(TensorError) -> [T] {
    guard count >= 0 else { throw TensorError(.valueError, "negative dimensions are not allowed") }
    try checkAllocation(count, of: T.self)
    return filled(count, body)
  }

  /// NumPy's MemoryError for a buffer the machine cannot hold, rather than a trap.
  static func checkAllocation<T>(_ count: Int, of _: T.Type) throws(TensorError) {
    let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
    guard !overflow && bytes <= Storage.allocationLimit else {
      throw Storage.unableToAllocate(
        byteCount: overflow ? .max : bytes, shape: [count], dtype: T.self == Double.self ? .float64 : .int64)
    }
  }

  /// `arange(n)` as int64, for shuffling; empty for a negative `n`, as NumPy's is.
  static func arange(_ n: Int) throws(TensorError) -> [Int64] {
    try array(count: max(n, 0)) { out, k in for i in 0..<k { out[i] = Int64(i) } }
  }

  /// `array(count:)` for a count the caller knows is not negative.
  static func filled<T>(_ count: Int, _ body: (UnsafeMutablePointer<T>, Int) -> Void) -> [T] {
    let n = max(count, 0)
    return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      if let base = buffer.baseAddress { body(base, n) }
      initialized = n
    }
  }

  /// A fresh array of `shape` whose elements `body` writes in C order.
  static func ndarray<T>(
    shape: [Int], dtype: DType, _ body: (UnsafeMutablePointer<T>, Int) -> Void
  ) throws(TensorError) -> NDArray {
    let a = try NDArray(uninitialized: shape, dtype: dtype)
    body(a.pointer(T.self), a.count)
    return a
  }

  /// NumPy's `size` argument: the element count of a shape, or the error NumPy gives.
  static func count(_ shape: [Int]) throws(TensorError) -> Int { try Layout.count(shape) }

  /// `np.prod(size)` as `choice` computes it: signs kept, wrapping like a C integer.
  static func product(_ shape: [Int]) -> Int { shape.reduce(1, &*) }

  /// NumPy's `kahan_sum` over the probabilities.
  static func kahanSum(_ x: [Double]) -> Double {
    guard var sum = x.first else { return 0 }
    var c = 0.0
    for v in x.dropFirst() {
      let y = v - c
      let t = sum + y
      c = (t - sum) - y
      sum = t
    }
    return sum
  }

  /// The messages differ in wording between the legacy `RandomState` and `Generator`.
  struct ProbabilityMessages {
    let sizeMismatch: String
    let containsNaN: String
    let negative: String
    let notSummingToOne: String

    static let legacy = ProbabilityMessages(
      sizeMismatch: "'a' and 'p' must have same size",
      containsNaN: "probabilities contain NaN",
      negative: "probabilities are not non-negative",
      notSummingToOne: "probabilities do not sum to 1")
    static let generator = ProbabilityMessages(
      sizeMismatch: "a and p must have same size",
      containsNaN: "Probabilities contain NaN",
      negative: "Probabilities are not non-negative",
      notSummingToOne:
        "Probabilities do not sum to 1. See Notes section of docstring for more information.")
  }

  /// `choice`'s checks of `p`, in NumPy's order.
  static func validate(
    _ p: [Double], populationSize: Int, _ messages: ProbabilityMessages
  ) throws(TensorError) {
    guard p.count == populationSize else { throw TensorError(.valueError, messages.sizeMismatch) }
    let sum = kahanSum(p)
    guard !sum.isNaN else { throw TensorError(.valueError, messages.containsNaN) }
    guard !p.contains(where: { $0 < 0 }) else { throw TensorError(.valueError, messages.negative) }
    // atol = sqrt(finfo(float64).eps) = 2^-26
    guard abs(sum - 1) <= 0x1p-26 else {
      throw TensorError(.valueError, messages.notSummingToOne)
    }
  }

  /// `cdf = p.cumsum(); cdf /= cdf[-1]`: NumPy's cumulative sum runs left to right.
  static func cdf(_ p: [Double]) -> [Double] {
    var cdf = p
    var running = 0.0
    for i in cdf.indices {
      running += cdf[i]
      cdf[i] = running
    }
    if let total = cdf.last {
      for i in cdf.indices { cdf[i] /= total }
    }
    return cdf
  }

  /// `cdf.searchsorted(u, side='right')`: how many entries are <= u (the cdf never decreases).
  @inline(__always) static func searchRight(_ cdf: [Double], _ u: Double) -> Int {
    var low = 0
    var high = cdf.count
    while low < high {
      let mid = (low + high) / 2
      if cdf[mid] <= u { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Sampling without replacement under `p`, as both `choice`s loop: draw the missing number of
  /// uniforms, zero the probabilities already taken, keep the first occurrence of each new index.
  static func weightedWithoutReplacement(
    _ p: [Double], count: Int, uniforms: (Int) -> [Double]
  ) throws(TensorError) -> [Int64] {
    guard p.count(where: { $0 > 0 }) >= count else {
      throw TensorError(.valueError, "Fewer non-zero entries in p than size")
    }
    var weights = p
    var found: [Int64] = []
    found.reserveCapacity(count)
    while found.count < count {
      let u = uniforms(count - found.count)
      for i in found { weights[Int(i)] = 0 }
      let cdf = cdf(weights)
      var seen = Set<Int64>()
      for x in u {
        let index = Int64(searchRight(cdf, x))
        if seen.insert(index).inserted { found.append(index) }
      }
    }
    return found
  }
}

// MARK: - Shuffling and gathering

extension Sampling {
  /// `_shuffle_raw`: Fisher-Yates from the last element down, `j = random_interval(i)`.
  static func shuffle<T, B: BitSource>(_ x: inout [T], _ bits: B) {
    x.withUnsafeMutableBufferPointer { b in
      var i = b.count - 1
      while i > 0 {
        b.swapAt(i, Int(BoundedIntegers.interval(bits, max: UInt64(i))))
        i -= 1
      }
    }
  }

  /// `shuffle(a)` of an array with at least one axis: the same swaps, of whole sub-arrays along
  /// the first axis, written through the view.
  static func shuffleRows<B: BitSource>(_ a: NDArray, _ bits: B) {
    switch a.dtype {
    case .bool: shuffleRows(a, Bool.self, bits)
    case .int64: shuffleRows(a, Int64.self, bits)
    case .float64: shuffleRows(a, Double.self, bits)
    }
  }

  private static func shuffleRows<T, B: BitSource>(_ a: NDArray, _: T.Type, _ bits: B) {
    let p = a.pointer(T.self)
    let rowShape = Array(a.shape.dropFirst())
    let rowStrides = Array(a.strides.dropFirst())
    var i = a.shape[0] - 1
    while i > 0 {
      let j = Int(BoundedIntegers.interval(bits, max: UInt64(i)))
      if j != i {
        let delta = (j - i) * a.strides[0]
        Layout.forEachOffset(rowShape, rowStrides, a.offset + i * a.strides[0]) { o in
          p.swapAt(o, o + delta)
        }
      }
      i -= 1
    }
  }

  /// `a[idx]` along the first axis, as `choice` returns its samples: `shape + a.shape[1...]`.
  static func takeRows(_ a: NDArray, _ idx: [Int64], shape: [Int]) throws(TensorError) -> NDArray {
    let out = try NDArray(uninitialized: shape + a.shape.dropFirst(), dtype: a.dtype)
    switch a.dtype {
    case .bool: takeRows(a, Bool.self, idx, into: out)
    case .int64: takeRows(a, Int64.self, idx, into: out)
    case .float64: takeRows(a, Double.self, idx, into: out)
    }
    return out
  }

  private static func takeRows<T>(_ a: NDArray, _: T.Type, _ idx: [Int64], into out: NDArray) {
    let src = a.pointer(T.self)
    let dst = out.pointer(T.self)
    let rowShape = Array(a.shape.dropFirst())
    let rowStrides = Array(a.strides.dropFirst())
    var k = 0
    for i in idx {
      Layout.forEachOffset(rowShape, rowStrides, a.offset + Int(i) * a.strides[0]) { o in
        dst[k] = src[o]
        k += 1
      }
    }
  }
}

extension UnsafeMutablePointer {
  @inline(__always) fileprivate func swapAt(_ i: Int, _ j: Int) {
    let t = self[i]
    self[i] = self[j]
    self[j] = t
  }
}

/// An N-dimensional array with NumPy's reference semantics: a view onto shared `Storage`
/// through (shape, strides, offset). Views made by slicing, transposing or reshaping share
/// the storage; an in-place operation writes through to every array that shares it.
public final class NDArray {
  public let storage: Storage
  public let dtype: DType
  public let shape: [Int]
  /// In elements, not bytes.
  public let strides: [Int]
  /// In elements, from the start of the storage.
  public let offset: Int
  public let count: Int
  /// C-contiguous: the elements are `count` consecutive slots from `offset`.
  public let isContiguous: Bool
  /// False for NumPy's read-only views (`broadcast_to`); views made from this array inherit it.
  public internal(set) var isWritable = true

  init(storage: Storage, dtype: DType, shape: [Int], strides: [Int], offset: Int, count: Int) {
    self.storage = storage
    self.dtype = dtype
    self.shape = shape
    self.strides = strides
    self.offset = offset
    self.count = count
    self.isContiguous = Layout.isContiguous(shape, strides)
  }

  /// A fresh C-contiguous array; its contents are uninitialized.
  public convenience init(uninitialized shape: [Int], dtype: DType) throws(TensorError) {
    try self.init(uninitialized: shape, strides: Layout.contiguousStrides(shape), dtype: dtype)
  }

  /// A fresh C-contiguous array with the shape and strides of `other`, which must be
  /// C-contiguous: it shares their (immutable) Swift arrays instead of allocating new ones.
  convenience init(uninitializedLike other: NDArray, dtype: DType) throws(TensorError) {
    assert(other.isContiguous)
    try self.init(uninitialized: other.shape, strides: other.strides, dtype: dtype, count: other.count)
  }

  private init(uninitialized shape: [Int], strides: [Int], dtype: DType, count: Int? = nil) throws(TensorError) {
    let n: Int
    if let count { n = count } else { n = try Layout.count(shape) }
    let (bytes, overflow) = n.multipliedReportingOverflow(by: dtype.itemSize)
    guard !overflow else { throw Storage.unableToAllocate(byteCount: .max, shape: shape, dtype: dtype) }
    self.storage = try Storage(byteCount: bytes, shape: shape, dtype: dtype)
    self.dtype = dtype
    self.shape = shape
    self.strides = strides
    self.offset = 0
    self.count = n
    self.isContiguous = true
  }

  public var ndim: Int { shape.count }

  /// A view on the same storage with another layout.
  public func view(shape: [Int], strides: [Int], offset: Int) -> NDArray {
    var n = 1
    for d in shape { n &*= d }
    let v = NDArray(storage: storage, dtype: dtype, shape: shape, strides: strides, offset: offset, count: n)
    v.isWritable = isWritable
    return v
  }

  /// Whether two arrays may touch the same memory.
  public func sharesStorage(with other: NDArray) -> Bool { storage === other.storage }

  @inline(__always) func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
    storage.pointer(as: T.self)
  }
}

// MARK: - Construction from Swift values

extension NDArray {
  public convenience init(shape: [Int], doubles: [Double]) throws(TensorError) {
    try self.init(uninitialized: shape, dtype: .float64)
    try fill(from: doubles)
  }

  public convenience init(shape: [Int], ints: [Int64]) throws(TensorError) {
    try self.init(uninitialized: shape, dtype: .int64)
    try fill(from: ints)
  }

  public convenience init(shape: [Int], bools: [Bool]) throws(TensorError) {
    try self.init(uninitialized: shape, dtype: .bool)
    try fill(from: bools)
  }

  private func fill<T>(from values: [T]) throws(TensorError) {
    guard values.count == count else {
      throw TensorError(
        .valueError, "cannot reshape array of size \(values.count) into shape \(TensorError.tupleText(shape))")
    }
    let p = pointer(T.self)
    for i in 0..<values.count { p[i] = values[i] }
  }

  /// A 0-d array holding one value.
  public static func scalar(_ x: Double) -> NDArray {
    // A 0-d float64 array needs 8 bytes: allocation cannot meaningfully fail.
    let a = try! NDArray(uninitialized: [], dtype: .float64)
    a.pointer(Double.self)[0] = x
    return a
  }

  public static func scalar(_ x: Int64) -> NDArray {
    let a = try! NDArray(uninitialized: [], dtype: .int64)
    a.pointer(Int64.self)[0] = x
    return a
  }

  public static func scalar(_ x: Bool) -> NDArray {
    let a = try! NDArray(uninitialized: [], dtype: .bool)
    a.pointer(Bool.self)[0] = x
    return a
  }

  public static func zeros(_ shape: [Int], dtype: DType = .float64) throws(TensorError) -> NDArray {
    let a = try NDArray(uninitialized: shape, dtype: dtype)
    a.storage.raw.initializeMemory(as: UInt8.self, repeating: 0, count: a.storage.byteCount)
    return a
  }
}

// MARK: - Reading elements

/// One element, whatever the dtype.
public enum Scalar: Equatable, Sendable {
  case bool(Bool)
  case int(Int64)
  case float(Double)

  public var dtype: DType {
    switch self {
    case .bool: .bool
    case .int: .int64
    case .float: .float64
    }
  }

  public var doubleValue: Double {
    switch self {
    case .bool(let b): b ? 1 : 0
    case .int(let i): Double(i)
    case .float(let d): d
    }
  }
}

extension NDArray {
  @inline(__always) func scalar(atOffset o: Int) -> Scalar {
    switch dtype {
    case .bool: .bool(pointer(Bool.self)[o])
    case .int64: .int(pointer(Int64.self)[o])
    case .float64: .float(pointer(Double.self)[o])
    }
  }

  /// The elements in C order.
  public var scalars: [Scalar] {
    var out: [Scalar] = []
    out.reserveCapacity(count)
    Layout.forEachOffset(shape, strides, offset) { out.append(scalar(atOffset: $0)) }
    return out
  }

  /// The elements in C order, converted to Double.
  public var doubles: [Double] { scalars.map(\.doubleValue) }

  /// The single element of a size-1 array.
  public var item: Scalar? { count == 1 ? scalars.first : nil }
}

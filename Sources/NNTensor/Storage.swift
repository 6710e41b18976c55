import Foundation

/// The shared buffer behind one or more arrays. Views hold the same `Storage`, so a write
/// through any of them is seen by all: NumPy's reference semantics, never copy-on-write.
/// The elements live in one 64-byte-aligned block that the storage frees when the last array
/// using it goes.
public final class Storage {
  public let byteCount: Int
  public let raw: UnsafeMutableRawPointer

  /// Refuses, with NumPy's MemoryError text, any allocation larger than the machine can hold.
  init(byteCount: Int, shape: [Int], dtype: DType) throws(TensorError) {
    let limit = Storage.allocationLimit
    guard byteCount <= limit else {
      throw Storage.unableToAllocate(byteCount: byteCount, shape: shape, dtype: dtype)
    }
    self.byteCount = byteCount
    // 64-byte alignment suits the vector units; malloc of 0 bytes may return nil.
    guard let p = aligned_alloc_wrapper(max(byteCount, 8)) else {
      throw Storage.unableToAllocate(byteCount: byteCount, shape: shape, dtype: dtype)
    }
    raw = p
  }

  deinit { free(raw) }

  @inline(__always) public func pointer<T>(as: T.Type) -> UnsafeMutablePointer<T> {
    raw.assumingMemoryBound(to: T.self)
  }

  /// Physical memory: no array may be larger.
  static let allocationLimit: Int = {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let size = sysconf(Int32(_SC_PAGESIZE))
    return pages > 0 && size > 0 ? pages.multipliedReportingOverflow(by: size).partialValue : Int.max
  }()

  static func unableToAllocate(byteCount: Int, shape: [Int], dtype: DType) -> TensorError {
    TensorError(
      .memoryError,
      "Unable to allocate \(humanBytes(byteCount)) for an array with shape "
        + "\(TensorError.tupleText(shape)) and data type \(dtype)")
  }

  /// NumPy's `_size_to_string`: a binary unit, three significant figures (`74.5 GiB`, `201. GiB`).
  static func humanBytes(_ n: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    let bitLength = Int.bitWidth - n.leadingZeroBitCount
    var unit = max(bitLength - 1, 1) / 10
    var value = Double(n) / Double(1 << (unit * 10))
    if value.rounded() == 1024 {
      unit += 1
      value /= 1024
    }
    if unit >= units.count {
      value *= Double(1 << ((unit - units.count + 1) * 10))
      unit = units.count - 1
    }
    if unit == 0 { return "\(n) bytes" }
    let text = value.rounded() < 1000 ? String(format: "%#.3g", value) : String(format: "%#.0f", value)
    return "\(text) \(units[unit])"
  }
}

private func aligned_alloc_wrapper(_ bytes: Int) -> UnsafeMutableRawPointer? {
  var p: UnsafeMutableRawPointer?
  return posix_memalign(&p, 64, bytes) == 0 ? p : nil
}

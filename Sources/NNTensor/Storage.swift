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
    guard let p = Storage.allocate(byteCount) else {
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

extension Storage {
  /// Large blocks are 2 MiB-aligned and asked to live on huge pages, as NumPy does: a fresh
  /// 80 MB temporary then costs ~40 page faults instead of ~20,000. Small blocks come from
  /// malloc (16-byte aligned: unaligned vector loads cost nothing on these cores).
  static func allocate(_ bytes: Int) -> UnsafeMutableRawPointer? {
    let hugeThreshold = 4 << 20
    guard bytes >= hugeThreshold else { return malloc(max(bytes, 8)) }
    var p: UnsafeMutableRawPointer?
    guard posix_memalign(&p, 2 << 20, bytes) == 0, let block = p else { return nil }
    #if os(Linux)
      _ = madvise(block, bytes, MADV_HUGEPAGE)
    #endif
    return block
  }
}

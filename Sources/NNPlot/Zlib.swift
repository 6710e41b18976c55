import CZlib

/// The two zlib calls PNG needs.
enum Zlib {
  static func compress(_ data: [UInt8]) -> [UInt8] {
    var size = compressBound(uLong(data.count))
    var out = [UInt8](repeating: 0, count: Int(size))
    let status = out.withUnsafeMutableBufferPointer { o in
      data.withUnsafeBufferPointer { i in compress2(o.baseAddress, &size, i.baseAddress, uLong(data.count), 9) }
    }
    guard status == Z_OK else { return [] }
    return Array(out.prefix(Int(size)))
  }

  static func crc(_ data: [UInt8]) -> UInt32 {
    UInt32(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
  }
}

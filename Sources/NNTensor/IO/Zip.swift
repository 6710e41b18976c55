/// The zip container of `.npz` files: enough of PKWARE's format to write stored or deflated
/// members (as `np.savez` / `np.savez_compressed` do) and to read what Python's `zipfile`
/// writes, zip64 extra fields included.
public enum Zip {
  public struct Member {
    public let name: String
    public let bytes: [UInt8]
    public init(name: String, bytes: [UInt8]) {
      self.name = name
      self.bytes = bytes
    }
  }

  /// A zip archive holding the members in order; `compressed` deflates them.
  public static func archive(_ members: [Member], compressed: Bool) throws(TensorError) -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for m in members {
      let name = Array(m.name.utf8)
      let data = compressed ? try Zlib.deflate(m.bytes) : m.bytes
      let crc = Zlib.crc32(m.bytes)
      guard out.count < 0xffff_ffff, data.count < 0xffff_ffff else {
        throw TensorError(.valueError, "nn writes .npz files smaller than 4 GB")
      }
      let method: UInt16 = compressed ? 8 : 0
      let offset = UInt32(out.count)
      // Local file header; time and date are zip's epoch (1980-01-01), so output is reproducible.
      out += le32(0x0403_4b50) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21)
      out += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(m.bytes.count))
      out += le16(UInt16(name.count)) + le16(0) + name + data
      central += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21)
      central += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(m.bytes.count))
      central += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0o600 << 16) + le32(offset)
      central += name
    }
    let start = UInt32(out.count)
    out += central
    out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(members.count)) + le16(UInt16(members.count))
    out += le32(UInt32(central.count)) + le32(start) + le16(0)
    return out
  }

  /// Whether bytes start like a zip archive.
  public static func isZip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && bytes[2] == 3 && bytes[3] == 4
  }

  /// The members of an archive, in the order the central directory lists them, inflated.
  public static func members(_ bytes: [UInt8]) throws(TensorError) -> [Member] {
    let bad = TensorError(.valueError, "File is not a zip file")
    // The end-of-central-directory record: the last signature within 64 KB of the end.
    var eocd = -1
    var i = bytes.count - 22
    while i >= 0 && i >= bytes.count - 22 - 65535 {
      if u32(bytes, i) == 0x0605_4b50 {
        eocd = i
        break
      }
      i -= 1
    }
    guard eocd >= 0 else { throw bad }
    let count = Int(u16(bytes, eocd + 10))
    var p = Int(u32(bytes, eocd + 16))
    var out: [Member] = []
    for _ in 0..<count {
      guard p + 46 <= bytes.count, u32(bytes, p) == 0x0201_4b50 else { throw bad }
      let method = u16(bytes, p + 10)
      var compressedSize = UInt64(u32(bytes, p + 20))
      var size = UInt64(u32(bytes, p + 24))
      let nameLength = Int(u16(bytes, p + 28))
      let extraLength = Int(u16(bytes, p + 30))
      let commentLength = Int(u16(bytes, p + 32))
      var offset = UInt64(u32(bytes, p + 42))
      guard p + 46 + nameLength + extraLength <= bytes.count else { throw bad }
      let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
      // zip64: the fields set to 0xffffffff are in the extra field 0x0001, in this order.
      var e = p + 46 + nameLength
      let extraEnd = e + extraLength
      while e + 4 <= extraEnd {
        let id = u16(bytes, e)
        let length = Int(u16(bytes, e + 2))
        if id == 1 {
          var q = e + 4
          if size == 0xffff_ffff, q + 8 <= extraEnd {
            size = u64(bytes, q)
            q += 8
          }
          if compressedSize == 0xffff_ffff, q + 8 <= extraEnd {
            compressedSize = u64(bytes, q)
            q += 8
          }
          if offset == 0xffff_ffff, q + 8 <= extraEnd { offset = u64(bytes, q) }
        }
        e += 4 + length
      }
      p = extraEnd + commentLength
      let local = Int(clamping: offset)
      guard local + 30 <= bytes.count, u32(bytes, local) == 0x0403_4b50 else { throw bad }
      let dataStart = local + 30 + Int(u16(bytes, local + 26)) + Int(u16(bytes, local + 28))
      guard compressedSize <= UInt64(bytes.count), dataStart + Int(compressedSize) <= bytes.count else { throw bad }
      let data = Array(bytes[dataStart..<(dataStart + Int(compressedSize))])
      switch method {
      case 0: out.append(Member(name: name, bytes: data))
      case 8:
        out.append(Member(name: name, bytes: try Zlib.inflate(data, .raw, expectedSize: Int(clamping: size))))
      default: throw TensorError(.valueError, "That compression method is not supported")
      }
    }
    return out
  }

  static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
  static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xff) } }
  static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
    guard i >= 0, i + 2 <= b.count else { return 0 }
    return UInt16(b[i]) | UInt16(b[i + 1]) << 8
  }
  static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
    guard i >= 0, i + 4 <= b.count else { return 0 }
    return (0..<4).reduce(0) { $0 | UInt32(b[i + $1]) << (8 * $1) }
  }
  static func u64(_ b: [UInt8], _ i: Int) -> UInt64 {
    guard i >= 0, i + 8 <= b.count else { return 0 }
    return (0..<8).reduce(0) { $0 | UInt64(b[i + $1]) << (8 * $1) }
  }
}

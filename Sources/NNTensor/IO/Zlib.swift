import CZlib

/// zlib's deflate, inflate and crc32 on byte arrays: what .npz (zip) members and gzip'd IDX
/// files need.
public enum Zlib {
  /// CRC-32 as zip and gzip store it.
  public static func crc32(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { p in
      UInt32(truncatingIfNeeded: CZlib.crc32(0, p.baseAddress, uInt(p.count)))
    }
  }

  /// Raw deflate (no zlib or gzip header), as zip's method 8 stores it.
  public static func deflate(_ bytes: [UInt8], level: Int32 = 6) throws(TensorError) -> [UInt8] {
    var stream = z_stream()
    // windowBits -15: a raw stream; 8: zlib's default memory level.
    guard
      deflateInit2_(
        &stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { throw TensorError(.valueError, "zlib: cannot start deflate") }
    defer { deflateEnd(&stream) }
    var input = bytes
    var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 16)
    let status = input.withUnsafeMutableBufferPointer { inp in
      out.withUnsafeMutableBufferPointer { o in
        stream.next_in = inp.baseAddress
        stream.avail_in = uInt(inp.count)
        stream.next_out = o.baseAddress
        stream.avail_out = uInt(o.count)
        return CZlib.deflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END else { throw TensorError(.valueError, "zlib: deflate failed (\(status))") }
    return Array(out.prefix(Int(stream.total_out)))
  }

  public enum Wrapper: Int32 {
    /// A raw deflate stream (zip members).
    case raw = -15
    /// A gzip file (header, deflate, crc and size).
    case gzip = 31
  }

  /// Inflates a raw deflate stream or a gzip file. For gzip, concatenated members are read
  /// one after another, as gunzip does.
  public static func inflate(
    _ bytes: [UInt8], _ wrapper: Wrapper, expectedSize: Int? = nil
  ) throws(TensorError)
    -> [UInt8]
  {
    var result: [UInt8] = []
    // A size from a file header is a hint only: never reserve more than a modest multiple.
    result.reserveCapacity(min(expectedSize ?? bytes.count * 4, bytes.count * 8 + 4096))
    var start = 0
    while start < bytes.count {
      var stream = z_stream()
      guard inflateInit2_(&stream, wrapper.rawValue, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw TensorError(.valueError, "zlib: cannot start inflate")
      }
      defer { inflateEnd(&stream) }
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      var status: Int32 = Z_OK
      var consumed = 0
      bytes.withUnsafeBufferPointer { inp in
        stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress.map { $0 + start })
        stream.avail_in = uInt(inp.count - start)
        repeat {
          let produced = chunk.withUnsafeMutableBufferPointer { o -> Int in
            stream.next_out = o.baseAddress
            stream.avail_out = uInt(o.count)
            status = CZlib.inflate(&stream, Z_NO_FLUSH)
            return o.count - Int(stream.avail_out)
          }
          result.append(contentsOf: chunk.prefix(produced))
        } while status == Z_OK
        consumed = inp.count - start - Int(stream.avail_in)
      }
      guard status == Z_STREAM_END else {
        throw TensorError(
          .valueError,
          wrapper == .gzip
            ? "Not a gzipped file or the file is truncated"
            : "Error -3 while decompressing data: invalid stored block lengths")
      }
      guard wrapper == .gzip, consumed > 0 else { break }
      start += consumed
      // Trailing zero padding after the last member is allowed, as gunzip allows it.
      if bytes[start...].allSatisfy({ $0 == 0 }) { break }
    }
    return result
  }

  /// Whether bytes start with gzip's magic number.
  public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b }
}

/// MNIST's IDX files (`train-images-idx3-ubyte`, optionally gzip'd): two zero bytes, a type
/// code, the number of dimensions, big-endian 32-bit sizes, then the big-endian elements.
/// Integer types become int64 arrays and floating types float64 (nn has no uint8).
public enum Idx {
  public static func decode(_ file: [UInt8]) throws(TensorError) -> NDArray {
    let bytes = Zlib.isGzip(file) ? try Zlib.inflate(file, .gzip) : file
    guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else {
      throw TensorError(.valueError, "not an IDX file: it must start with two zero bytes")
    }
    let size: Int
    switch bytes[2] {
    case 0x08, 0x09: size = 1
    case 0x0b: size = 2
    case 0x0c, 0x0d: size = 4
    case 0x0e: size = 8
    default:
      throw TensorError(.valueError, "not an IDX file: unknown element type 0x\(String(bytes[2], radix: 16))")
    }
    let ndim = Int(bytes[3])
    guard bytes.count >= 4 + 4 * ndim else { throw TensorError(.valueError, "IDX file is truncated") }
    var shape: [Int] = []
    for d in 0..<ndim {
      let i = 4 + 4 * d
      shape.append(Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]))
    }
    let count = try Layout.count(shape)
    let start = 4 + 4 * ndim
    guard (bytes.count - start) / size >= count else {
      throw TensorError(
        .valueError, "IDX file is truncated: \(TensorError.tupleText(shape)) needs \(count * size) bytes of data")
    }
    func raw(_ k: Int) -> UInt64 {
      var v: UInt64 = 0
      for j in 0..<size { v = v << 8 | UInt64(bytes[start + k * size + j]) }
      return v
    }
    let type = bytes[2]
    if type == 0x0d || type == 0x0e {
      let out = try NDArray(uninitialized: shape, dtype: .float64)
      let p = out.pointer(Double.self)
      for k in 0..<count {
        p[k] = type == 0x0e ? Double(bitPattern: raw(k)) : Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw(k))))
      }
      return out
    }
    let out = try NDArray(uninitialized: shape, dtype: .int64)
    let p = out.pointer(Int64.self)
    let shift = Int64(64 - 8 * size)
    for k in 0..<count {
      // 0x08 is unsigned; the others are signed.
      p[k] = type == 0x08 ? Int64(raw(k)) : Int64(bitPattern: raw(k) << UInt64(shift)) >> shift
    }
    return out
  }
}

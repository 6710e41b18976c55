/// NumPy's `.npy` format: a magic string, a version, a header that is a Python dict literal
/// (`{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`), then the raw elements.
/// Writing follows `numpy.lib.format.write_array` byte for byte (format 1.0, the header padded
/// for growth and to 64 bytes); reading takes versions 1–3, little- or big-endian numbers and
/// bools of any size, converted to the three dtypes nn holds.
public enum Npy {
  static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// The bytes `np.save` writes for an array: C order, or Fortran order for an array that is
  /// Fortran- but not C-contiguous (as `a.T` of a matrix), as NumPy chooses.
  public static func encode(_ a: NDArray) -> [UInt8] {
    let fortran = !a.isContiguous && isFortranContiguous(a)
    let descr: String
    switch a.dtype {
    case .bool: descr = "|b1"
    case .int64: descr = "<i8"
    case .float64: descr = "<f8"
    }
    let shape = a.shape
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(tupleRepr(shape)), }"
    // Room for the growing axis to reach 21 digits, as NumPy leaves it.
    if let growing = fortran ? shape.last : shape.first {
      header += String(repeating: " ", count: max(0, 21 - String(growing).utf8.count))
    }
    var headerBytes = Array(header.utf8)
    let long = headerBytes.count + 1 + 12 >= 65536
    let prefix = long ? 12 : 10
    let pad = 64 - ((prefix + headerBytes.count + 1) % 64)
    headerBytes += [UInt8](repeating: 0x20, count: pad) + [0x0a]
    var out = magic + [long ? 2 : 1, 0]
    let n = headerBytes.count
    out +=
      long
      ? [UInt8(n & 0xff), UInt8((n >> 8) & 0xff), UInt8((n >> 16) & 0xff), UInt8(n >> 24)]
      : [UInt8(n & 0xff), UInt8(n >> 8)]
    out += headerBytes
    let data = fortran ? a.transposed().copy() : a.contiguous()
    let bytes = data.count * data.dtype.itemSize
    let start = data.storage.raw + data.offset * data.dtype.itemSize
    out += UnsafeRawBufferPointer(start: start, count: bytes)
    return out
  }

  /// `(2, 3)`, `(3,)`, `()`: Python's repr of a shape tuple.
  static func tupleRepr(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }

  static func isFortranContiguous(_ a: NDArray) -> Bool {
    var step = 1
    for axis in 0..<a.ndim where a.shape[axis] != 1 {
      if a.shape[axis] == 0 { return true }
      if a.strides[axis] != step { return false }
      step *= a.shape[axis]
    }
    return true
  }

  /// Reads an `.npy` file's bytes into an array.
  public static func decode(_ bytes: [UInt8]) throws(TensorError) -> NDArray {
    guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
      // NumPy hands anything that is neither .npy nor .npz to pickle, which it refuses.
      throw TensorError(
        .valueError,
        "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`."
      )
    }
    let major = bytes[6]
    let headerStart: Int
    let headerLength: Int
    switch major {
    case 1:
      headerStart = 10
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    case 2, 3:
      guard bytes.count >= 12 else { throw truncated }
      headerStart = 12
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
    default:
      throw TensorError(
        .valueError, "we only support format version (1,0), (2,0), and (3,0), not (\(major), \(bytes[7]))")
    }
    guard bytes.count >= headerStart + headerLength else { throw truncated }
    let text = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
    let header = try Header(text)
    let count = try Layout.count(header.shape)
    let dataStart = headerStart + headerLength
    let (needed, overflow) = count.multipliedReportingOverflow(by: header.size)
    guard !overflow, bytes.count - dataStart >= needed else {
      throw TensorError(
        .valueError,
        "cannot reshape array of size \((bytes.count - dataStart) / max(header.size, 1)) into shape \(TensorError.tupleText(header.shape))"
      )
    }
    let stored = header.fortran ? Array(header.shape.reversed()) : header.shape
    let out = try NDArray(uninitialized: stored, dtype: header.kind.dtype)
    try bytes.withUnsafeBufferPointer { (p) throws(TensorError) in
      guard let base = p.baseAddress else { throw Npy.truncated }
      try convert(UnsafeRawPointer(base) + dataStart, count: count, header: header, into: out)
    }
    return header.fortran ? out.transposed() : out
  }

  static let truncated = TensorError(.valueError, "EOF: reading array header, expected more bytes")

  static func bytesRepr(_ b: [UInt8]) -> String {
    "b'"
      + b.map {
        (32..<127).contains($0) && $0 != 39 && $0 != 92
          ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16).ioLeftPadded(2)
      }.joined() + "'"
  }

  private static func convert(
    _ src: UnsafeRawPointer, count: Int, header: Header, into out: NDArray
  ) throws(TensorError) {
    let size = header.size
    func raw(_ i: Int) -> UInt64 {
      var v: UInt64 = 0
      let base = src + i * size
      if header.bigEndian {
        for k in 0..<size { v = v << 8 | UInt64(base.load(fromByteOffset: k, as: UInt8.self)) }
      } else {
        for k in stride(from: size - 1, through: 0, by: -1) {
          v = v << 8 | UInt64(base.load(fromByteOffset: k, as: UInt8.self))
        }
      }
      return v
    }
    switch header.kind {
    case .bool:
      let p = out.pointer(Bool.self)
      for i in 0..<count { p[i] = raw(i) != 0 }
    case .signed:
      let p = out.pointer(Int64.self)
      let shift = UInt64(64 - 8 * size)
      for i in 0..<count { p[i] = Int64(bitPattern: raw(i) << shift) >> Int64(shift) }
    case .unsigned:
      let p = out.pointer(Int64.self)
      for i in 0..<count { p[i] = Int64(bitPattern: raw(i)) }
    case .float:
      let p = out.pointer(Double.self)
      for i in 0..<count {
        let r = raw(i)
        switch size {
        case 8: p[i] = Double(bitPattern: r)
        case 4: p[i] = Double(Float(bitPattern: UInt32(truncatingIfNeeded: r)))
        default:
          #if arch(arm64)
            p[i] = Double(Float16(bitPattern: UInt16(truncatingIfNeeded: r)))
          #else
            p[i] = halfToDouble(UInt16(truncatingIfNeeded: r))
          #endif
        }
      }
    }
  }

  static func halfToDouble(_ h: UInt16) -> Double {
    let sign: Double = h & 0x8000 != 0 ? -1 : 1
    let exponent = Int((h >> 10) & 0x1f)
    let fraction = Double(h & 0x3ff)
    if exponent == 0 { return sign * fraction * 0x1p-24 }
    if exponent == 31 { return fraction == 0 ? sign * .infinity : .nan }
    return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
  }

  /// The parsed header dict.
  struct Header {
    enum Kind {
      case bool, signed, unsigned, float
      var dtype: DType {
        switch self {
        case .bool: .bool
        case .signed, .unsigned: .int64
        case .float: .float64
        }
      }
    }
    var kind = Kind.float
    var size = 8
    var bigEndian = false
    var fortran = false
    var shape: [Int] = []

    init(_ text: String) throws(TensorError) {
      let bad = TensorError(.valueError, "Cannot parse header: \(Npy.stringRepr(text))")
      guard let descr = Header.value(of: "descr", in: text), let order = Header.value(of: "fortran_order", in: text),
        let shapeText = Header.value(of: "shape", in: text)
      else { throw bad }
      let d = descr.ioTrimmed("'\"")
      guard d.count >= 3, let size = Int(d.dropFirst(2)), let code = d.dropFirst().first else {
        throw TensorError(.valueError, "descr is not a valid dtype descriptor: \(descr)")
      }
      bigEndian = d.first == ">"
      self.size = size
      switch (code, size) {
      case ("b", 1): kind = .bool
      case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
      case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
      case ("f", 2), ("f", 4), ("f", 8): kind = .float
      default:
        throw TensorError(.typeError, "nn arrays hold float64, int64 or bool; the file holds dtype \(descr)")
      }
      fortran = order == "True"
      guard order == "True" || order == "False" else { throw bad }
      let inner = shapeText.ioTrimmed("() ")
      shape = []
      for part in inner.split(separator: ",") {
        let t = String(part).ioTrimmed(" L")
        if t.isEmpty { continue }
        guard let n = Int(t), n >= 0 else { throw bad }
        shape.append(n)
      }
    }

    /// The text of a key's value: up to the next `,` outside parentheses, or the `}`.
    static func value(of key: String, in text: String) -> String? {
      guard let r = text.range(of: "'\(key)':") ?? text.range(of: "\"\(key)\":") else { return nil }
      var depth = 0
      var out = ""
      for c in text[r.upperBound...] {
        if c == "(" { depth += 1 }
        if c == ")" { depth -= 1 }
        if depth == 0 && (c == "," || c == "}") { break }
        out.append(c)
      }
      return out.ioTrimmed(" ")
    }
  }

  static func stringRepr(_ s: String) -> String { "\"" + s + "\"" }
}

extension String {
  func ioTrimmed(_ set: String) -> String {
    var s = Substring(self)
    while let c = s.first, set.contains(c) { s = s.dropFirst() }
    while let c = s.last, set.contains(c) { s = s.dropLast() }
    return String(s)
  }

  func ioLeftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}

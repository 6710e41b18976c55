import Foundation

/// Delimited text of numbers, as `np.loadtxt` and `np.genfromtxt` read it: lines split on a
/// delimiter (whitespace when none), comments cut, blank lines skipped, columns picked.
public enum TextTable {
  public struct Options {
    /// nil: runs of whitespace separate fields.
    public var delimiter: String?
    public var comments: [String] = ["#"]
    /// Lines skipped first, comment and blank lines included (loadtxt's `skiprows`,
    /// genfromtxt's `skip_header`).
    public var skipRows = 0
    /// Columns to keep, in this order; negative counts from the end.
    public var usecols: [Int]?
    public var maxRows: Int?
    public init() {}
  }

  /// A field: a range of the file's bytes.
  typealias Field = Range<Int>

  /// Splits the text's bytes into data lines (comments cut, blank lines dropped) and calls
  /// `body` with each line's 0-based number after the skipped ones (NumPy's "row" in some
  /// messages) and its fields, up to `maxRows` lines. Works on bytes: a megabyte table splits
  /// without building a String per line or per field.
  static func forEachRow(
    _ b: UnsafeBufferPointer<UInt8>, _ o: Options, _ body: (Int, [Field]) throws(TensorError) -> Void
  ) throws(TensorError) {
    let delimiter = o.delimiter.map { Array($0.utf8) }
    let comments = o.comments.filter { !$0.isEmpty }.map { Array($0.utf8) }
    var line = 0
    var start = 0
    var rows = 0
    var fields: [Field] = []
    while start <= b.count {
      var end = start
      while end < b.count && b[end] != 0x0a { end += 1 }
      defer {
        start = end + 1
        line += 1
      }
      if start == b.count && end == b.count { break }
      guard line >= o.skipRows else { continue }
      if let max = o.maxRows, rows >= max { break }
      var stop = end
      if stop > start && b[stop - 1] == 0x0d { stop -= 1 }
      for marker in comments {
        if let k = find(marker, in: b, start, stop) { stop = k }
      }
      fields.removeAll(keepingCapacity: true)
      if let delimiter {
        var blank = true
        for k in start..<stop where b[k] != 0x20 && b[k] != 0x09 {
          blank = false
          break
        }
        if blank { continue }
        var fieldStart = start
        var k = start
        while k < stop {
          if b[k] == delimiter[0], k + delimiter.count <= stop,
            delimiter.indices.allSatisfy({ b[k + $0] == delimiter[$0] })
          {
            fields.append(trimmed(b, fieldStart, k))
            k += delimiter.count
            fieldStart = k
          } else {
            k += 1
          }
        }
        fields.append(trimmed(b, fieldStart, stop))
      } else {
        var k = start
        while k < stop {
          while k < stop && (b[k] == 0x20 || b[k] == 0x09) { k += 1 }
          let fieldStart = k
          while k < stop && b[k] != 0x20 && b[k] != 0x09 { k += 1 }
          if k > fieldStart { fields.append(fieldStart..<k) }
        }
        if fields.isEmpty { continue }
      }
      try body(line - o.skipRows, fields)
      rows += 1
    }
  }

  static func find(_ marker: [UInt8], in b: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int) -> Int? {
    var k = start
    while k + marker.count <= stop {
      if b[k] == marker[0] && marker.indices.allSatisfy({ b[k + $0] == marker[$0] }) { return k }
      k += 1
    }
    return nil
  }

  static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Field {
    var s = start
    var e = end
    while s < e && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
    while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x09) { e -= 1 }
    return s..<e
  }

  static func text(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: b[f]), as: UTF8.self)
  }

  static func column(_ c: Int, count: Int) -> Int? {
    let k = c < 0 ? c + count : c
    return k >= 0 && k < count ? k : nil
  }

  /// Python's float() of a field: C's strtod on the whole field, without its hexadecimal forms.
  static func double(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> Double? {
    let n = f.count
    guard n > 0, n < 400 else { return n == 0 ? nil : Double(text(b, f)) }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buffer -> Double? in
      guard let p = buffer.baseAddress else { return nil }
      for i in 0..<n {
        let c = b[f.lowerBound + i]
        if c == 0x78 || c == 0x58 || c == 0x20 || c == 0x09 { return nil }  // x, X (hex), inner blanks
        p[i] = CChar(bitPattern: c)
      }
      p[n] = 0
      var end: UnsafeMutablePointer<CChar>?
      let value = strtod(p, &end)
      guard let end, end == p + n else { return nil }
      return value
    }
  }

  /// Python's int() of a field: optional sign, decimal digits.
  static func integer(_ b: UnsafeBufferPointer<UInt8>, _ f: Field) -> Int64? {
    var k = f.lowerBound
    var negative = false
    if k < f.upperBound && (b[k] == 0x2b || b[k] == 0x2d) {
      negative = b[k] == 0x2d
      k += 1
    }
    guard k < f.upperBound else { return nil }
    var value: Int64 = 0
    while k < f.upperBound {
      let d = Int64(b[k]) - 0x30
      guard d >= 0 && d <= 9 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (r, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
      if o1 || o2 { return nil }
      value = r
      k += 1
    }
    return value
  }

  /// Python's float() of a string (header-free callers and tests).
  public static func double(_ s: Substring) -> Double? {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBufferPointer { double($0, 0..<bytes.count) }
  }

  /// `np.loadtxt`: a (rows, columns) array of `dtype`, not yet squeezed.
  public static func load(_ text: String, _ o: Options, dtype: DType = .float64) throws(TensorError) -> NDArray {
    try load(Array(text.utf8), o, dtype: dtype)
  }

  public static func load(_ bytes: [UInt8], _ o: Options, dtype: DType = .float64) throws(TensorError) -> NDArray {
    var columns = -1
    var doubles: [Double] = []
    var ints: [Int64] = []
    var rows = 0
    try bytes.withUnsafeBufferPointer { (b) throws(TensorError) in
      var picked: [Field] = []
      try forEachRow(b, o) { (_, f) throws(TensorError) in
        let row = rows
        picked.removeAll(keepingCapacity: true)
        if let use = o.usecols {
          for c in use {
            guard let k = column(c, count: f.count) else {
              throw TensorError(.valueError, "invalid column index \(c) at row \(row + 1) with \(f.count) columns")
            }
            picked.append(f[k])
          }
        } else {
          picked = f
        }
        if columns < 0 { columns = picked.count }
        guard picked.count == columns else {
          throw TensorError(
            .valueError,
            "the number of columns changed from \(columns) to \(picked.count) at row \(row + 1); use `usecols` to select a subset and avoid this error"
          )
        }
        for (j, s) in picked.enumerated() {
          let column = (o.usecols?[j]).map { $0 < 0 ? $0 + f.count : $0 } ?? j
          switch dtype {
          case .float64:
            guard let d = double(b, s) else { throw cannotConvert(text(b, s), "float64", row, column) }
            doubles.append(d)
          case .int64:
            guard let n = integer(b, s) else { throw cannotConvert(text(b, s), "int64", row, column) }
            ints.append(n)
          case .bool:
            guard let n = integer(b, s) else { throw cannotConvert(text(b, s), "bool", row, column) }
            ints.append(n == 0 ? 0 : 1)
          }
        }
        rows += 1
      }
    }
    let shape = [rows, max(columns, 0)]
    switch dtype {
    case .float64: return try NDArray(shape: shape, doubles: doubles)
    case .int64: return try NDArray(shape: shape, ints: ints)
    case .bool: return try NDArray(shape: shape, bools: ints.map { $0 != 0 })
    }
  }

  static func cannotConvert(_ s: String, _ type: String, _ row: Int, _ column: Int) -> TensorError {
    let quoted = s.contains("'") ? "\"\(s)\"" : "'\(s)'"
    return TensorError(
      .valueError, "could not convert string \(quoted) to \(type) at row \(row), column \(column + 1).")
  }

  /// `np.genfromtxt`: a (rows, columns) float64 array with missing or unreadable fields as
  /// NaN, and the header's names when `names` is set (the first line after the skipped ones).
  public static func generate(
    _ text: String, _ o: Options, names: Bool, dtype: DType = .float64
  ) throws(TensorError) -> (NDArray, names: [String]?) {
    try generate(Array(text.utf8), o, names: names, dtype: dtype)
  }

  public static func generate(
    _ bytes: [UInt8], _ o: Options, names: Bool, dtype: DType = .float64
  ) throws(TensorError) -> (NDArray, names: [String]?) {
    var header: [String]?
    var columns = -1
    var values: [Double] = []
    var errors: [String] = []
    try bytes.withUnsafeBufferPointer { (b) throws(TensorError) in
      if names, let marker = o.comments.first(where: { !$0.isEmpty }) {
        // A commented first line (`# a b c`) names the columns, as NumPy reads it.
        var raw = o
        raw.comments = []
        raw.maxRows = 1
        try forEachRow(b, raw) { (_, f) throws(TensorError) in
          let first = f.map { text(b, $0) }
          guard let lead = first.first, lead.hasPrefix(marker) else { return }
          header = ([String(lead.dropFirst(marker.count))] + first.dropFirst()).map { sanitized($0) }
            .filter { !$0.isEmpty }
        }
      }
      var picked: [Field] = []
      try forEachRow(b, o) { (row, f) throws(TensorError) in
        if names && header == nil {
          header = f.map { sanitized(text(b, $0)) }
          return
        }
        picked.removeAll(keepingCapacity: true)
        if let use = o.usecols {
          for c in use {
            guard let k = column(c, count: f.count) else { throw TensorError(.indexError, "list index out of range") }
            picked.append(f[k])
          }
        } else {
          picked = f
        }
        if columns < 0 { columns = header?.count ?? picked.count }
        guard picked.count == columns else {
          errors.append("    Line #\(row + o.skipRows + 1) (got \(picked.count) columns instead of \(columns))")
          return
        }
        // NumPy fills what does not read as the dtype with nan (float) or -1 (int).
        for s in picked {
          values.append(dtype == .int64 ? integer(b, s).map(Double.init) ?? -1 : double(b, s) ?? .nan)
        }
      }
    }
    if !errors.isEmpty {
      throw TensorError(.valueError, "Some errors were detected !\n" + errors.joined(separator: "\n"))
    }
    if let use = o.usecols, let h = header {
      header = use.compactMap { c in column(c, count: h.count).map { h[$0] } }
    }
    let n = values.count / max(columns, 1)
    let table = try NDArray(shape: [n, max(columns, 0)], doubles: values)
    return (dtype == .int64 ? table.astype(.int64) : table, header)
  }

  /// NumPy's NameValidator: spaces become underscores, other punctuation is dropped.
  static func sanitized(_ name: String) -> String {
    let trimmed = name.ioTrimmed(" \t\"'")
    var out = ""
    for c in trimmed {
      if c == " " { out.append("_") } else if c.isLetter || c.isNumber || c == "_" { out.append(c) }
    }
    return out
  }
}

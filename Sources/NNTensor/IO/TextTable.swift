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

  /// A line's fields, or nil when the line holds none (blank or all comment).
  static func fields(_ line: Substring, _ o: Options) -> [Substring]? {
    var text = line
    if text.hasSuffix("\r") { text = text.dropLast() }
    for marker in o.comments where !marker.isEmpty {
      if let r = text.range(of: marker) { text = text[..<r.lowerBound] }
    }
    guard let delimiter = o.delimiter else {
      let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
      return parts.isEmpty ? nil : parts
    }
    if text.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
    return text.split(separator: delimiter, omittingEmptySubsequences: false).map { trim($0) }
  }

  static func trim(_ s: Substring) -> Substring {
    var t = s
    while let c = t.first, c == " " || c == "\t" { t = t.dropFirst() }
    while let c = t.last, c == " " || c == "\t" { t = t.dropLast() }
    return t
  }

  /// The data lines with their 0-based line number after the skipped ones (NumPy's "row" in
  /// error messages), up to `maxRows` of them.
  static func rows(_ text: String, _ o: Options) -> [(row: Int, fields: [Substring])] {
    var out: [(Int, [Substring])] = []
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, line) in lines.enumerated().dropFirst(o.skipRows) {
      if let max = o.maxRows, out.count >= max { break }
      if let f = fields(line, o) { out.append((i - o.skipRows, f)) }
    }
    return out
  }

  static func column(_ c: Int, count: Int) -> Int? {
    let k = c < 0 ? c + count : c
    return k >= 0 && k < count ? k : nil
  }

  /// Python's float(): Swift's parser without its hexadecimal forms.
  public static func double(_ s: Substring) -> Double? {
    if s.contains("x") || s.contains("X") || s.isEmpty { return nil }
    let t = s.replacingOccurrences(of: "_", with: "")
    return Double(t)
  }

  /// `np.loadtxt`: a (rows, columns) array of `dtype`, not yet squeezed.
  public static func load(_ text: String, _ o: Options, dtype: DType = .float64) throws(TensorError) -> NDArray {
    let rows = rows(text, o)
    var columns = -1
    var doubles: [Double] = []
    var ints: [Int64] = []
    for (row, (_, f)) in rows.enumerated() {
      var picked: [Substring] = []
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
          guard let d = double(s) else { throw cannotConvert(s, "float64", row, column) }
          doubles.append(d)
        case .int64:
          guard let n = Int64(s.hasPrefix("+") ? s.dropFirst() : s) else {
            throw cannotConvert(s, "int64", row, column)
          }
          ints.append(n)
        case .bool:
          guard let n = Int64(s) else { throw cannotConvert(s, "bool", row, column) }
          ints.append(n == 0 ? 0 : 1)
        }
      }
    }
    let shape = [rows.count, max(columns, 0)]
    switch dtype {
    case .float64: return try NDArray(shape: shape, doubles: doubles)
    case .int64: return try NDArray(shape: shape, ints: ints)
    case .bool: return try NDArray(shape: shape, bools: ints.map { $0 != 0 })
    }
  }

  static func cannotConvert(_ s: Substring, _ type: String, _ row: Int, _ column: Int) -> TensorError {
    let quoted = s.contains("'") ? "\"\(s)\"" : "'\(s)'"
    return TensorError(
      .valueError, "could not convert string \(quoted) to \(type) at row \(row), column \(column + 1).")
  }

  /// `np.genfromtxt`: a (rows, columns) float64 array with missing or unreadable fields as
  /// NaN, and the header's names when `names` is set (the first line after the skipped ones).
  public static func generate(
    _ text: String, _ o: Options, names: Bool, dtype: DType = .float64
  ) throws(TensorError)
    -> (NDArray, names: [String]?)
  {
    var all = rows(text, o)
    var header: [String]?
    if names, !all.isEmpty {
      header = all.removeFirst().fields.map { sanitized(String($0)) }
    }
    if names, all.isEmpty, let first = text.split(separator: "\n").dropFirst(o.skipRows).first {
      // A commented header (`# a b c`) names the columns, as NumPy reads it.
      var uncommented = o
      uncommented.comments = []
      var line = Substring(first)
      if let marker = o.comments.first, line.hasPrefix(marker) { line = line.dropFirst(marker.count) }
      header = fields(line, uncommented)?.map { sanitized(String($0)) }
    }
    var columns = -1
    var values: [Double] = []
    var errors: [String] = []
    for (row, f) in all {
      var picked: [Substring] = []
      if let use = o.usecols {
        for c in use {
          guard let k = column(c, count: f.count) else {
            throw TensorError(.indexError, "list index out of range")
          }
          picked.append(f[k])
        }
      } else {
        picked = f
      }
      if columns < 0 { columns = header?.count ?? picked.count }
      guard picked.count == columns else {
        errors.append("    Line #\(row + o.skipRows + 1) (got \(picked.count) columns instead of \(columns))")
        continue
      }
      // NumPy fills what does not read as the dtype with nan (float) or -1 (int).
      for s in picked { values.append(dtype == .int64 ? Int64(s).map(Double.init) ?? -1 : double(s) ?? .nan) }
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
    let trimmed = String(trim(Substring(name)))
    var out = ""
    for c in trimmed {
      if c == " " { out.append("_") } else if c.isLetter || c.isNumber || c == "_" { out.append(c) }
    }
    return out
  }
}

/// Linear equations as people write them (`5x₁ + x₂ − x₃ = 1`), read into A·x = b. Its own
/// small grammar, not a mode of the Python parser: implicit multiplication, Unicode minus
/// signs, subscripts and numbered lines are normal here and errors there.
///
///     system    := equation (separator equation)*        separator: newline, ';' or ','
///     equation  := [label] expression '=' expression     label: `(1)`, `1.`, `1)` + space
///
/// Unknowns are ordered by first appearance, except that indexed ones of one family
/// (`x1`, `x_2`, `x₁₀`) sit together in numeric order where the first of them appears.
enum Equations {
  /// Past this many unknowns the text is refused: a dense system that size is no longer
  /// something pasted by hand.
  static let maxUnknowns = 10_000

  /// A · x = b, with the unknowns' names as first written and their canonical keys (`x₁` and
  /// `x_1` are both `x1`).
  struct System {
    var names: [String]
    var keys: [String]
    var rows: Int
    /// Row-major, rows × names.count.
    var a: [Double]
    var b: [Double]
  }

  /// Reads a system, or throws a ValueError naming the equation, with a caret under the
  /// offending part.
  static func parse(_ text: String) throws(PyError) -> System {
    do throws(EquationError) {
      var reader = Reader(text)
      return try reader.system()
    } catch {
      throw error.pyError
    }
  }

  /// What text entered at the prompt (and not Python) is: a system to solve, written math
  /// with a non-linear term (whose error says more than Python's), or neither.
  enum PromptReading {
    case system(System)
    case notLinear(PyError)
    case other
  }

  static func readAtPrompt(_ text: String) -> PromptReading {
    var reader = Reader(text)
    do throws(EquationError) {
      return .system(try reader.system())
    } catch {
      // Only text that cannot be Python anyway (`2x`, `x₁`, `−`, `²`): `x*y = 3` typed as
      // Python keeps Python's SyntaxError.
      guard error.isNotLinear, looksWritten(text) else { return .other }
      return .notLinear(error.pyError)
    }
  }

  /// Math notation Python has no reading of: a digit before a letter or bracket, or a
  /// subscript, superscript, minus sign or multiplication sign.
  static func looksWritten(_ text: String) -> Bool {
    var previous: Character = " "
    for c in text {
      if previous.isASCII && previous.isWholeNumber && (c.isLetter || c == "(") { return true }
      if EquationParser.subscripts[c] != nil || EquationParser.superscripts.contains(c)
        || "−–×·".contains(c)
      {
        return true
      }
      previous = c
    }
    return false
  }
}

/// An error in one equation: its message, the equation's text and the columns to mark.
struct EquationError: Error {
  var message: String
  var line: [Character]? = nil
  var columns: Range<Int>? = nil
  var isNotLinear = false

  var pyError: PyError {
    guard let line, let columns else { return PyError("ValueError", message) }
    // The equation is shown without its indentation and trailing spaces, and a long one only
    // around the caret, so the caret stays under what it marks.
    var first = 0
    while first < min(columns.lowerBound, line.count) && line[first].isWhitespace { first += 1 }
    var last = line.count
    while last > first && line[last - 1].isWhitespace { last -= 1 }
    let width = 72
    var (prefix, suffix) = ("", "")
    if last - first > width {
      let start = max(first, min(columns.lowerBound - width / 3, last - width))
      if start > first { (first, prefix) = (start, "…") }
      if last - first > width { (last, suffix) = (first + width, "…") }
    }
    let shown = prefix + String(line[first..<last]) + suffix
    let caretStart = min(max(columns.lowerBound, first), max(last, first) + 1)
    let lead =
      prefix + line[first..<min(caretStart, last)].map { $0 == "\t" ? "\t" : " " }.joined()
      + String(repeating: " ", count: max(0, caretStart - last))
    let marks = String(repeating: "^", count: max(1, min(columns.upperBound, last + 1) - caretStart))
    return PyError(
      "ValueError", "\(message)\n    \(shown)\n    \(lead.replacingOccurrences(of: "…", with: " "))\(marks)")
  }
}

/// x ↦ constant + Σ coefficient·x[id]: every value a linear expression can have.
struct Affine {
  var constant: Double
  var terms: [Int: Double] = [:]
  var hasUnknowns: Bool { !terms.isEmpty }

  mutating func add(_ other: Affine, sign: Double) {
    constant += sign * other.constant
    for (id, c) in other.terms { terms[id, default: 0] += sign * c }
  }

  func scaled(_ k: Double) -> Affine {
    Affine(constant: constant * k, terms: terms.mapValues { $0 * k })
  }

  /// Divides each coefficient, so `7/10` is 0.7 as Python computes it, not 7 × 0.1.
  func divided(by k: Double) -> Affine {
    Affine(constant: constant / k, terms: terms.mapValues { $0 / k })
  }
}

/// One pass over the text: splits it into equations, reads each, numbers the unknowns.
struct Reader {
  let text: String
  var ids: [String: Int] = [:]
  var names: [String] = []
  var keys: [String] = []

  init(_ text: String) { self.text = text }

  mutating func system() throws(EquationError) -> Equations.System {
    var rows: [Affine] = []
    var number = 0
    for segment in Reader.segments(text) {
      let line = Reader.droppingLabel(segment)
      if line.allSatisfy(\.isWhitespace) { continue }
      number += 1
      var parser = try EquationParser(line: line, shown: segment, number: number)
      rows.append(try parser.equation(&self))
    }
    if rows.isEmpty { throw EquationError(message: "no equations given") }
    if names.isEmpty { throw EquationError(message: "no unknowns: every equation is only numbers") }
    let order = columnOrder()
    let n = names.count
    var a = [Double](repeating: 0, count: rows.count * n)
    var b: [Double] = []
    for (i, row) in rows.enumerated() {
      for (id, c) in row.terms { a[i * n + order[id]] = c }
      b.append(row.constant == 0 ? 0 : -row.constant)
    }
    var sortedNames = names
    var sortedKeys = keys
    for id in 0..<n {
      sortedNames[order[id]] = names[id]
      sortedKeys[order[id]] = keys[id]
    }
    return Equations.System(names: sortedNames, keys: sortedKeys, rows: rows.count, a: a, b: b)
  }

  /// The id of an unknown, numbering it on first sight.
  mutating func unknown(key: String, name: String) -> Int? {
    if let id = ids[key] { return id }
    guard names.count < Equations.maxUnknowns else { return nil }
    ids[key] = names.count
    names.append(name)
    keys.append(key)
    return names.count - 1
  }

  /// Column of each unknown id: first appearance, indexed families together in numeric order.
  func columnOrder() -> [Int] {
    var families: [String: [Int]] = [:]
    for (id, key) in keys.enumerated() {
      if let (base, _) = Reader.splitIndex(key) { families[base, default: []].append(id) }
    }
    var order = [Int](repeating: 0, count: keys.count)
    var placed = Set<String>()
    var column = 0
    for (id, key) in keys.enumerated() {
      guard let (base, _) = Reader.splitIndex(key) else {
        order[id] = column
        column += 1
        continue
      }
      if placed.contains(base) { continue }
      placed.insert(base)
      let members = (families[base] ?? []).sorted { x, y in
        let (i, j) = (Reader.splitIndex(keys[x])?.1 ?? "", Reader.splitIndex(keys[y])?.1 ?? "")
        let (ti, tj) = (Reader.trimmedZeros(i), Reader.trimmedZeros(j))
        if ti.count != tj.count { return ti.count < tj.count }
        if ti != tj { return ti < tj }
        return x < y
      }
      for member in members {
        order[member] = column
        column += 1
      }
    }
    return order
  }

  /// `x12` → ("x", "12"); nil for a key with no index.
  static func splitIndex(_ key: String) -> (String, String)? {
    guard let hash = key.firstIndex(of: "#") else { return nil }
    return (String(key[..<hash]), String(key[key.index(after: hash)...]))
  }

  static func trimmedZeros(_ digits: String) -> Substring {
    let t = digits.drop { $0 == "0" }
    return t.isEmpty ? "0" : t
  }

  /// The equations of the text: separated by newlines, ';' and ','.
  static func segments(_ text: String) -> [[Character]] {
    var out: [[Character]] = []
    var current: [Character] = []
    for c in text {
      if c == "\n" || c == "\r\n" || c == "\r" || c == ";" || c == "," {
        out.append(current)
        current = []
      } else {
        current.append(c)
      }
    }
    out.append(current)
    return out
  }

  /// A leading `(1)`, `[1]`, `1.` or `1)` followed by a space numbers the equation: gone.
  static func droppingLabel(_ line: [Character]) -> [Character] {
    var i = 0
    while i < line.count && line[i].isWhitespace { i += 1 }
    var j = i
    let bracketed = j < line.count && (line[j] == "(" || line[j] == "[")
    if bracketed { j += 1 }
    let digitsStart = j
    while j < line.count && line[j].isASCII && line[j].isWholeNumber { j += 1 }
    guard j > digitsStart, j < line.count else { return line }
    if bracketed {
      guard line[j] == (line[i] == "(" ? ")" : "]") else { return line }
    } else {
      guard line[j] == "." || line[j] == ")" else { return line }
    }
    j += 1
    guard j == line.count || line[j].isWhitespace else { return line }
    // Blank it out rather than cut it, so columns in errors stay the user's.
    return Array(repeating: " ", count: j) + line[j...]
  }
}

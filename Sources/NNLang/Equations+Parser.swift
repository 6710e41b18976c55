import Foundation

/// One equation's tokens and its recursive-descent parser. Every value is an `Affine`; a
/// product or power of two things that both hold unknowns is the "not linear" error.
struct EquationParser {
  enum Kind: Equatable {
    case number(Double)
    /// An unknown: its canonical key (`x#1` for `x₁`, `x_1`, `x1`) and its text.
    case name(key: String, text: String)
    /// A known function's name (`sin`), only when `(` follows.
    case function(String)
    case plus, minus, times, divide, power, equals
    /// ², ³ …: read only to say that powers are not linear.
    case superscript
    case open(Character)
    case close(Character)
    case end
  }

  struct Token {
    var kind: Kind
    var start: Int
    var end: Int
  }

  static let functions: Set<String> = [
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "asin", "acos", "atan", "sinh", "cosh",
    "tanh", "exp", "log", "ln", "lg", "sqrt", "abs", "sgn", "sign", "floor", "ceil", "max", "min",
  ]
  static let minusSigns: Set<Character> = ["-", "\u{2212}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{FE63}", "\u{FF0D}"]
  static let timesSigns: Set<Character> = ["*", "×", "·", "\u{22C5}", "\u{2217}", "\u{2022}"]
  static let divideSigns: Set<Character> = ["/", "÷", "\u{2215}"]
  static let subscripts: [Character: Character] = [
    "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
  ]
  static let superscripts: Set<Character> = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁺", "⁻", "ⁿ"]
  /// Deeper nesting than this is refused rather than recursed into.
  static let maxDepth = 200

  let line: [Character]
  let shown: [Character]
  let number: Int
  var tokens: [Token] = []
  var position = 0
  var depth = 0

  init(line: [Character], shown: [Character], number: Int) throws(EquationError) {
    self.line = line
    self.shown = shown
    self.number = number
    tokens = try tokenize()
  }

  func error(_ message: String, _ columns: Range<Int>) -> EquationError {
    EquationError(message: message, line: shown, columns: columns)
  }

  // MARK: Tokens

  private func tokenize() throws(EquationError) -> [Token] {
    var out: [Token] = []
    var i = 0
    while i < line.count {
      let c = line[i]
      let start = i
      if c.isWhitespace {
        i += 1
        continue
      }
      let kind: Kind
      if Self.isDigit(c) || (c == "." && i + 1 < line.count && Self.isDigit(line[i + 1])) {
        (kind, i) = try numberToken(from: i)
      } else if c.isLetter && !Self.superscripts.contains(c) {
        (kind, i) = wordToken(from: i)
      } else {
        i += 1
        switch c {
        case "+": kind = .plus
        case _ where Self.minusSigns.contains(c): kind = .minus
        case "*" where i < line.count && line[i] == "*":
          i += 1
          kind = .power
        case _ where Self.timesSigns.contains(c): kind = .times
        case _ where Self.divideSigns.contains(c): kind = .divide
        case "^": kind = .power
        case "=":
          if i < line.count && line[i] == "=" { i += 1 }
          kind = .equals
        case "(", "[", "{": kind = .open(c)
        case ")", "]", "}": kind = .close(c)
        case _ where Self.superscripts.contains(c):
          while i < line.count && Self.superscripts.contains(line[i]) { i += 1 }
          kind = .superscript
        default:
          throw error("equation \(number): unexpected character \(Repr.quoted(String(c)))", start..<i)
        }
      }
      out.append(Token(kind: kind, start: start, end: i))
    }
    out.append(Token(kind: .end, start: contentEnd, end: contentEnd + 1))
    return out
  }

  /// Just past the last character that is not a space.
  private var contentEnd: Int {
    var end = line.count
    while end > 0 && line[end - 1].isWhitespace { end -= 1 }
    return end
  }

  static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isWholeNumber }

  /// 12, 0.5, .5, 5., 1e-3, 2.5E+4 (an `e` not followed by digits is the unknown `e`).
  private func numberToken(from start: Int) throws(EquationError) -> (Kind, Int) {
    var i = start
    var text = ""
    while i < line.count && (Self.isDigit(line[i]) || line[i] == ".") {
      if line[i] == "." && text.contains(".") { break }
      text.append(line[i])
      i += 1
    }
    if i < line.count && (line[i] == "e" || line[i] == "E") {
      var j = i + 1
      var exponent = "e"
      if j < line.count && (line[j] == "+" || Self.minusSigns.contains(line[j])) {
        exponent.append(line[j] == "+" ? "+" : "-")
        j += 1
      }
      if j < line.count && Self.isDigit(line[j]) {
        while j < line.count && Self.isDigit(line[j]) {
          exponent.append(line[j])
          j += 1
        }
        text += exponent
        i = j
      }
    }
    guard let value = Double(text.hasSuffix(".") ? text + "0" : text), value.isFinite else {
      throw error("equation \(number): the number \(text) is out of range", start..<i)
    }
    return (.number(value), i)
  }

  /// An unknown (`x`, `x1`, `x_1`, `x₁`, `w12`, `α`, `price`) or a function's name.
  private func wordToken(from start: Int) -> (Kind, Int) {
    var i = start
    var base = ""
    while i < line.count {
      if line[i].isLetter && !Self.superscripts.contains(line[i]) {
        base.append(line[i])
        i += 1
      } else if line[i] == "_" && i + 1 < line.count && line[i + 1].isLetter {
        base.append("_")
        i += 1
      } else {
        break
      }
    }
    var index = ""
    var j = i
    if j < line.count && line[j] == "_" { j += 1 }
    while j < line.count {
      if Self.isDigit(line[j]) {
        index.append(line[j])
      } else if let d = Self.subscripts[line[j]] {
        index.append(d)
      } else {
        break
      }
      j += 1
    }
    if !index.isEmpty { i = j }
    let text = String(line[start..<i])
    if index.isEmpty && Self.functions.contains(base.lowercased()) {
      var k = i
      while k < line.count && line[k].isWhitespace { k += 1 }
      if k < line.count && line[k] == "(" { return (.function(base), i) }
    }
    return (.name(key: index.isEmpty ? base : base + "#" + index, text: text), i)
  }

  // MARK: Grammar

  private var current: Token { tokens[min(position, tokens.count - 1)] }

  private mutating func advance() -> Token {
    let t = current
    if position < tokens.count - 1 { position += 1 }
    return t
  }

  private func text(_ columns: Range<Int>) -> String {
    String(line[max(0, columns.lowerBound)..<min(line.count, columns.upperBound)])
  }

  /// equation := expression '=' expression
  mutating func equation(_ reader: inout Reader) throws(EquationError) -> Affine {
    let equals = tokens.filter { $0.kind == .equals }
    if equals.isEmpty {
      let end = contentEnd
      throw error("equation \(number) has no '='", end..<end + 1)
    }
    if equals.count > 1 {
      throw error("equation \(number) has more than one '='", equals[1].start..<equals[1].end)
    }
    if current.kind == .equals {
      throw error("equation \(number) has nothing left of '='", current.start..<current.end)
    }
    var (left, _) = try expression(&reader)
    guard current.kind == .equals else { throw unexpected() }
    _ = advance()
    if current.kind == .end {
      throw error("equation \(number) has nothing right of '='", equals[0].start..<equals[0].end)
    }
    let (right, _) = try expression(&reader)
    guard current.kind == .end else { throw unexpected() }
    left.add(right, sign: -1)
    if !left.constant.isFinite || left.terms.values.contains(where: { !$0.isFinite }) {
      throw error("equation \(number): its numbers overflow", 0..<contentEnd)
    }
    return left
  }

  /// The error for a token that cannot come here.
  private func unexpected() -> EquationError {
    let t = current
    switch t.kind {
    case .end: return error("equation \(number) ends where a term should follow", t.start..<t.end)
    case .equals, .times, .divide, .power, .superscript:
      return error("equation \(number): a term is missing before '\(text(t.start..<t.end))'", t.start..<t.end)
    case .close(let c): return error("equation \(number): unmatched '\(c)'", t.start..<t.end)
    case .number, .name, .function:
      return error("equation \(number): an operator is missing before \(text(t.start..<t.end))", t.start..<t.end)
    default: return error("equation \(number): unexpected \(text(t.start..<t.end))", t.start..<t.end)
    }
  }

  /// expression := term (('+' | '-') term)*
  private mutating func expression(_ reader: inout Reader) throws(EquationError) -> (Affine, Range<Int>) {
    var (value, span) = try term(&reader)
    while current.kind == .plus || current.kind == .minus {
      let sign: Double = advance().kind == .plus ? 1 : -1
      let (next, nextSpan) = try term(&reader)
      value.add(next, sign: sign)
      span = span.lowerBound..<nextSpan.upperBound
    }
    return (value, span)
  }

  /// term := unary (('*' | '/' | nothing, before an unknown or '(') unary)*
  private mutating func term(_ reader: inout Reader) throws(EquationError) -> (Affine, Range<Int>) {
    var (value, span) = try unary(&reader)
    while true {
      let kind = current.kind
      var divides = false
      switch kind {
      case .times: _ = advance()
      case .divide:
        _ = advance()
        divides = true
      case .name, .function, .open: break
      default: return (value, span)
      }
      let (next, nextSpan) = try unary(&reader)
      let whole = span.lowerBound..<nextSpan.upperBound
      if divides {
        if next.hasUnknowns { throw notLinear(whole) }
        if next.constant == 0 { throw error("equation \(number) divides by zero", whole) }
        value = value.divided(by: next.constant)
      } else {
        if value.hasUnknowns && next.hasUnknowns { throw notLinear(whole) }
        value = value.hasUnknowns ? value.scaled(next.constant) : next.scaled(value.constant)
      }
      span = whole
    }
  }

  /// unary := ('+' | '-') unary | power
  private mutating func unary(_ reader: inout Reader) throws(EquationError) -> (Affine, Range<Int>) {
    guard current.kind == .plus || current.kind == .minus else { return try power(&reader) }
    let sign = advance()
    try enter(sign)
    defer { depth -= 1 }
    let (value, span) = try unary(&reader)
    return (sign.kind == .plus ? value : value.scaled(-1), sign.start..<span.upperBound)
  }

  /// power := atom [('^' | '**') unary | superscript]
  private mutating func power(_ reader: inout Reader) throws(EquationError) -> (Affine, Range<Int>) {
    let (base, span) = try atom(&reader)
    if current.kind == .superscript {
      let t = advance()
      let whole = span.lowerBound..<t.end
      if base.hasUnknowns { throw notLinear(whole) }
      throw error("equation \(number): write powers of numbers with ^, not superscripts: \(text(whole))", whole)
    }
    guard current.kind == .power else { return (base, span) }
    let caret = advance()
    try enter(caret)
    defer { depth -= 1 }
    let (exponent, exponentSpan) = try unary(&reader)
    let whole = span.lowerBound..<exponentSpan.upperBound
    if base.hasUnknowns || exponent.hasUnknowns { throw notLinear(whole) }
    let value = Foundation.pow(base.constant, exponent.constant)
    guard value.isFinite else { throw error("equation \(number): \(text(whole)) is not a finite number", whole) }
    return (Affine(constant: value), whole)
  }

  /// atom := number | unknown | function '(' expression ')' | '(' expression ')'
  private mutating func atom(_ reader: inout Reader) throws(EquationError) -> (Affine, Range<Int>) {
    let t = current
    switch t.kind {
    case .number(let v):
      _ = advance()
      return (Affine(constant: v), t.start..<t.end)
    case .name(let key, let text):
      _ = advance()
      guard let id = reader.unknown(key: key, name: text) else {
        throw error("more than 10,000 unknowns: \(text) would be one too many", t.start..<t.end)
      }
      return (Affine(constant: 0, terms: [id: 1]), t.start..<t.end)
    case .function(let name):
      _ = advance()
      let (inner, span) = try group(&reader)
      let whole = t.start..<span.upperBound
      if inner.hasUnknowns { throw notLinear(whole) }
      throw error("equation \(number): functions such as \(name) are not supported: \(text(whole))", whole)
    case .open:
      return try group(&reader)
    default:
      throw unexpected()
    }
  }

  /// '(' expression ')', with its closing bracket matching the opening one.
  private mutating func group(_ reader: inout Reader) throws(EquationError) -> (Affine, Range<Int>) {
    let open = advance()
    guard case .open(let c) = open.kind else { throw unexpected() }
    try enter(open)
    defer { depth -= 1 }
    let (value, _) = try expression(&reader)
    guard case .close(let d) = current.kind else {
      if current.kind == .end || current.kind == .equals {
        throw error("equation \(number): '\(c)' was never closed", open.start..<open.end)
      }
      throw unexpected()
    }
    let expected: Character = c == "(" ? ")" : c == "[" ? "]" : "}"
    guard d == expected else {
      throw error("equation \(number): '\(d)' does not match '\(c)'", current.start..<current.end)
    }
    let close = advance()
    return (value, open.start..<close.end)
  }

  private mutating func enter(_ t: Token) throws(EquationError) {
    depth += 1
    if depth > Self.maxDepth { throw error("equation \(number) is nested too deeply", t.start..<t.end) }
  }

  private func notLinear(_ columns: Range<Int>) -> EquationError {
    var e = error("equation \(number) is not linear: \(text(columns))", columns)
    e.isNotLinear = true
    return e
  }
}

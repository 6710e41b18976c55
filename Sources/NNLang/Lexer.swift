/// Turns source text into tokens, with Python's rules: INDENT/DEDENT from leading
/// white space, implicit line joining inside brackets, backslash continuation, comments,
/// every number form, string literals with prefixes, and f-strings (kept raw for the parser).
struct Lexer {
  let source: Source
  private let b: [UInt8]
  private var i = 0
  private var tokens: [Token] = []
  private var indents = [0]
  private var altIndents = [0]
  private var depth = 0  // open brackets
  private var openers: [(char: UInt8, at: Int)] = []
  private var atLineStart = true
  /// Where lexing stops: the end of the source, or of an f-string's `{expression}`.
  private let limit: Int
  /// 1 for an f-string expression, which lexes as if inside brackets (no indentation).
  private let baseDepth: Int

  init(_ source: Source, range: Range<Int>? = nil) {
    self.source = source
    self.b = source.bytes
    self.i = range?.lowerBound ?? 0
    self.limit = range?.upperBound ?? source.bytes.count
    self.baseDepth = range == nil ? 0 : 1
    self.depth = baseDepth
    self.atLineStart = range == nil
  }

  static func tokens(_ source: Source, range: Range<Int>? = nil) throws(PyError) -> [Token] {
    var lexer = Lexer(source, range: range)
    return try lexer.run()
  }

  private func peek(_ k: Int = 0) -> UInt8 { i + k < limit ? b[i + k] : 0 }

  /// The Unicode scalar whose UTF-8 encoding starts at `k`, with its length in bytes.
  private func scalarAndLength(at k: Int) -> (Unicode.Scalar, Int)? {
    var end = k + 1
    while end < limit && b[end] & 0xC0 == 0x80 { end += 1 }
    guard let u = String(decoding: b[k..<end], as: UTF8.self).unicodeScalars.first else { return nil }
    return (u, end - k)
  }

  private func scalar(at k: Int) -> Unicode.Scalar? { scalarAndLength(at: k)?.0 }

  private func error(
    _ message: String, at start: Int, _ end: Int? = nil, incomplete: Bool = false
  )
    -> PyError
  {
    .syntax(message, source, Span(start, end ?? start + 1), incomplete: incomplete)
  }

  private mutating func run() throws(PyError) -> [Token] {
    while i < limit {
      if atLineStart && depth == 0 {
        if try indentation() { continue }
        if baseDepth == 0 && i < limit && (b[i] == UInt8(ascii: "%") || b[i] == UInt8(ascii: "!")) {
          magicLine()
          continue
        }
      }
      let c = b[i]
      switch c {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\u{0C}"), UInt8(ascii: "\r"):
        i += 1
      case UInt8(ascii: "#"):
        while i < limit && b[i] != UInt8(ascii: "\n") { i += 1 }
      case UInt8(ascii: "\n"):
        if depth == baseDepth && baseDepth == 0 { add(.newline, i, i + 1, "\n") }
        i += 1
        // Inside brackets a newline only joins lines: the next one has no indentation.
        if depth == 0 { atLineStart = true }
      case UInt8(ascii: "\\"):
        guard peek(1) == UInt8(ascii: "\n") || (peek(1) == UInt8(ascii: "\r") && peek(2) == UInt8(ascii: "\n")) else {
          throw error("unexpected character after line continuation character", at: i)
        }
        i += peek(1) == UInt8(ascii: "\n") ? 2 : 3
        if i >= limit { throw error("unexpected EOF while parsing", at: i - 1, incomplete: true) }
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        try number()
      case UInt8(ascii: "."):
        if isDigit(peek(1)) { try number() } else { try op() }
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        try string(prefixStart: i, raw: false, isFormat: false)
      default:
        if isNameStart(c) && (c < 0x80 || scalar(at: i).map(\.properties.isXIDStart) == true) {
          try nameOrString()
        } else {
          try op()
        }
      }
    }
    if depth > baseDepth, let open = openers.last {
      throw error("'\(Character(Unicode.Scalar(open.char)))' was never closed", at: open.at, incomplete: true)
    }
    if let last = tokens.last, last.kind != .newline, last.kind != .dedent {
      add(.newline, limit, limit, "")
    }
    while indents.count > 1 {
      indents.removeLast()
      add(.dedent, limit, limit, "")
    }
    add(.end, limit, limit, "")
    return tokens
  }

  /// The builtin an IPython line calls, hidden (a NUL-prefixed name) from completion and dir().
  static let magicFunction = "\u{0}magic"

  /// A notebook cell's `%magic` or `!shell` line (never Python: no statement starts with
  /// `%` or `!`) lexes as a call of a hidden builtin with the line's text.
  private mutating func magicLine() {
    let start = i
    while i < limit && b[i] != UInt8(ascii: "\n") && b[i] != UInt8(ascii: "\r") { i += 1 }
    let text = String(decoding: b[start..<i], as: UTF8.self)
    add(.name, start, i, Lexer.magicFunction)
    add(.op, start, start, "(")
    add(.string, start, i, text)
    add(.op, i, i, ")")
  }

  private mutating func add(_ kind: Token.Kind, _ start: Int, _ end: Int, _ text: String) {
    tokens.append(Token(kind, Span(start, end), text))
  }

  /// Measures a line's indentation; returns true when the line was blank or a comment.
  private mutating func indentation() throws(PyError) -> Bool {
    var col = 0
    // CPython also measures with tabs as one column: the two must order lines alike.
    var alt = 0
    var j = i
    while j < limit {
      if b[j] == UInt8(ascii: " ") {
        col += 1
        alt += 1
      } else if b[j] == UInt8(ascii: "\t") {
        col = (col / 8 + 1) * 8
        alt += 1
      } else if b[j] == UInt8(ascii: "\u{0C}") {
        col = 0
        alt = 0
      } else {
        break
      }
      j += 1
    }
    let blank =
      j >= limit || b[j] == UInt8(ascii: "\n") || b[j] == UInt8(ascii: "#")
      || (b[j] == UInt8(ascii: "\r"))
    if blank {
      while j < limit && b[j] != UInt8(ascii: "\n") { j += 1 }
      i = min(j + 1, limit)
      return true
    }
    atLineStart = false
    i = j
    let tabError = PyError.syntax(
      "inconsistent use of tabs and spaces in indentation", source, Span(i, i + 1), type: "TabError", caret: false)
    let current = indents[indents.count - 1]
    if col > current {
      if alt <= altIndents[altIndents.count - 1] { throw tabError }
      indents.append(col)
      altIndents.append(alt)
      add(.indent, i, i, "")
    } else if col < current {
      while col < indents[indents.count - 1] {
        indents.removeLast()
        altIndents.removeLast()
        add(.dedent, i, i, "")
      }
      if col != indents[indents.count - 1] {
        // CPython's caret sits just past the end of the line.
        var end = i
        while end < limit && b[end] != UInt8(ascii: "\n") && b[end] != UInt8(ascii: "\r") { end += 1 }
        throw .syntax(
          "unindent does not match any outer indentation level", source, Span(end, end + 1),
          type: "IndentationError")
      }
      if alt != altIndents[altIndents.count - 1] { throw tabError }
    } else if alt != altIndents[altIndents.count - 1] {
      throw tabError
    }
    return false
  }

  private mutating func nameOrString() throws(PyError) {
    let start = i
    while i < limit && (isNameStart(b[i]) || isDigit(b[i])) {
      // A non-ASCII character belongs to a name only if Unicode says it may (`×` does not).
      if b[i] >= 0x80 {
        guard let (u, length) = scalarAndLength(at: i), u.properties.isXIDContinue else { break }
        i += length
        continue
      }
      i += 1
    }
    let text = String(decoding: b[start..<i], as: UTF8.self)
    if peek() == UInt8(ascii: "\"") || peek() == UInt8(ascii: "'") {
      let prefix = text.lowercased()
      if ["r", "f", "b", "u", "rf", "fr", "rb", "br"].contains(prefix) {
        try string(prefixStart: start, raw: prefix.contains("r"), isFormat: prefix.contains("f"))
        return
      }
    }
    add(pythonKeywords.contains(text) ? .keyword : .name, start, i, text)
  }

  private mutating func number() throws(PyError) {
    let start = i
    var isFloat = false
    var kind = "decimal"
    if peek() == UInt8(ascii: "0"), let radixChar = Optional(peek(1) | 0x20),
      radixChar == UInt8(ascii: "x") || radixChar == UInt8(ascii: "o") || radixChar == UInt8(ascii: "b")
    {
      kind = radixChar == UInt8(ascii: "x") ? "hexadecimal" : radixChar == UInt8(ascii: "o") ? "octal" : "binary"
      i += 2
      while i < limit && (isHexDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
    } else {
      while i < limit && (isDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
      if peek() == UInt8(ascii: ".") {
        isFloat = true
        i += 1
        while i < limit && (isDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
      }
      if peek() | 0x20 == UInt8(ascii: "e"),
        isDigit(peek(1)) || ((peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")) && isDigit(peek(2)))
      {
        isFloat = true
        i += 2
        while i < limit && (isDigit(b[i]) || (b[i] == UInt8(ascii: "_") && isDigit(peek(1)))) { i += 1 }
      }
      if peek() | 0x20 == UInt8(ascii: "j") {
        throw error("complex numbers are not supported", at: start, i + 1)
      }
    }
    if i < limit && isNameStart(b[i]) {
      // CPython points at the literal's last character.
      throw error("invalid \(kind) literal", at: max(start, i - 1), i)
    }
    let text = String(decoding: b[start..<i], as: UTF8.self)
    add(isFloat ? .float : .int, start, i, text)
  }

  private mutating func string(prefixStart: Int, raw: Bool, isFormat: Bool) throws(PyError) {
    let quote = b[i]
    let triple = peek(1) == quote && peek(2) == quote
    i += triple ? 3 : 1
    var out: [UInt8] = []
    while true {
      guard i < limit else {
        let line = source.lineNumber(of: max(limit - 1, 0))
        if triple {
          throw error(
            "unterminated triple-quoted string literal (detected at line \(line))", at: prefixStart, incomplete: true)
        }
        throw error("unterminated string literal (detected at line \(line))", at: prefixStart)
      }
      let c = b[i]
      if c == quote {
        if !triple {
          i += 1
          break
        }
        if peek(1) == quote && peek(2) == quote {
          i += 3
          break
        }
      }
      if c == UInt8(ascii: "\n") && !triple {
        throw error("unterminated string literal (detected at line \(source.lineNumber(of: i)))", at: prefixStart)
      }
      if c == UInt8(ascii: "\\") && i + 1 < limit {
        if raw || isFormat {
          // Raw text keeps the backslash; f-strings decode escapes per literal part later.
          out.append(c)
          out.append(b[i + 1])
          i += 2
          continue
        }
        i += 1
        try escape(into: &out)
        continue
      }
      out.append(c)
      i += 1
    }
    let text = String(decoding: out, as: UTF8.self)
    add(isFormat ? .fstring : .string, prefixStart, i, isFormat && raw ? "r" + text : (isFormat ? "-" + text : text))
  }

  /// Decodes one escape sequence after a backslash.
  private mutating func escape(into out: inout [UInt8]) throws(PyError) {
    let c = b[i]
    i += 1
    switch c {
    case UInt8(ascii: "n"): out.append(10)
    case UInt8(ascii: "t"): out.append(9)
    case UInt8(ascii: "r"): out.append(13)
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      // Up to three octal digits: `\101` is "A".
      var v = UInt32(c - 48)
      var n = 1
      while n < 3, i < limit, b[i] >= 48, b[i] <= 55 {
        v = v * 8 + UInt32(b[i] - 48)
        i += 1
        n += 1
      }
      if let scalar = Unicode.Scalar(v) { out.append(contentsOf: Array(String(Character(scalar)).utf8)) }
    case UInt8(ascii: "N") where peek() == UInt8(ascii: "{"):
      var end = i + 1
      while end < limit && b[end] != UInt8(ascii: "}") && b[end] != UInt8(ascii: "\n") { end += 1 }
      let name = String(decoding: b[(i + 1)..<min(end, limit)], as: UTF8.self)
      guard end < limit, b[end] == UInt8(ascii: "}"), let scalar = unicodeScalar(named: name) else {
        throw error(
          "(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name", at: i - 2)
      }
      out.append(contentsOf: Array(String(Character(scalar)).utf8))
      i = end + 1
    case UInt8(ascii: "a"): out.append(7)
    case UInt8(ascii: "b"): out.append(8)
    case UInt8(ascii: "f"): out.append(12)
    case UInt8(ascii: "v"): out.append(11)
    case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(c)
    case UInt8(ascii: "\n"): break
    case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
      let n = c == UInt8(ascii: "x") ? 2 : c == UInt8(ascii: "u") ? 4 : 8
      guard i + n <= limit, let v = UInt32(String(decoding: b[i..<i + n], as: UTF8.self), radix: 16),
        let scalar = Unicode.Scalar(v)
      else {
        throw error("(unicode error) truncated \\\(Character(Unicode.Scalar(c)))XX escape", at: i - 2)
      }
      out.append(contentsOf: Array(String(Character(scalar)).utf8))
      i += n
    default:
      out.append(UInt8(ascii: "\\"))
      out.append(c)
    }
  }

  private static let threeCharOps: Set<String> = ["**=", "//=", ">>=", "<<=", "...", "!="]
  private static let twoCharOps: Set<String> = [
    "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=",
    "^=", "<<", ">>", ":=",
  ]

  private mutating func op() throws(PyError) {
    let start = i
    for length in [3, 2] where i + length <= limit {
      let text = String(decoding: b[i..<i + length], as: UTF8.self)
      if (length == 3 ? Lexer.threeCharOps : Lexer.twoCharOps).contains(text) {
        i += length
        add(.op, start, i, text)
        return
      }
    }
    let c = b[i]
    guard "()[]{},:;.+-*/%@&|^~<>=".utf8.contains(c) else {
      // Report the whole UTF-8 character, not a byte of it.
      var end = i + 1
      while end < limit && b[end] & 0xC0 == 0x80 { end += 1 }
      let ch = String(decoding: b[i..<end], as: UTF8.self)
      if c < 0x80 {
        throw error("invalid syntax", at: start)
      }
      let code = ch.unicodeScalars.first.map { String($0.value, radix: 16, uppercase: true) } ?? "?"
      throw error(
        "invalid character '\(ch)' (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))", at: start, end)
    }
    i += 1
    switch c {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
      depth += 1
      openers.append((c, start))
    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
      guard depth > baseDepth else { throw error("unmatched '\(Character(Unicode.Scalar(c)))'", at: start) }
      depth -= 1
      if let open = openers.popLast(), open.char != (c == UInt8(ascii: ")") ? UInt8(ascii: "(") : c - 2) {
        throw error(
          "closing parenthesis '\(Character(Unicode.Scalar(c)))' does not match opening parenthesis '\(Character(Unicode.Scalar(open.char)))'",
          at: start)
      }
    default: break
    }
    add(.op, start, i, String(Character(Unicode.Scalar(c))))
  }
}

/// The character a `\N{NAME}` escape names (its Unicode name or alias, any case).
func unicodeScalar(named name: String) -> Unicode.Scalar? {
  let wanted = name.uppercased()
  for v in UInt32(0)...0x10FFFF {
    guard let u = Unicode.Scalar(v) else { continue }
    if u.properties.name == wanted || u.properties.nameAlias == wanted { return u }
  }
  return nil
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
@inline(__always) func isHexDigit(_ c: UInt8) -> Bool {
  isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
}
@inline(__always) func isNameStart(_ c: UInt8) -> Bool {
  (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_") || c >= 0x80
}

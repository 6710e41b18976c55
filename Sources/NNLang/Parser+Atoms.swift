extension Parser {
  // atom: NAME | NUMBER | STRING+ | '(' ... ')' | '[' ... ']' | '{' ... '}' | None | True | False | '...'
  mutating func atom() throws(PyError) -> Expr {
    let t = current
    switch t.kind {
    case .name:
      advance()
      return .name(t.text, t.span)
    case .int:
      advance()
      return try intLiteral(t)
    case .float:
      advance()
      guard let value = Double(t.text.replacingOccurrences(of: "_", with: "")) else {
        throw .syntax("invalid decimal literal", source, t.span)
      }
      return .float(value, t.span)
    case .string, .fstring:
      return try strings()
    case .keyword:
      switch t.text {
      case "None":
        advance()
        return .constant(.none, t.span)
      case "True":
        advance()
        return .constant(.true, t.span)
      case "False":
        advance()
        return .constant(.false, t.span)
      default: throw unexpected("invalid syntax")
      }
    case .op:
      switch t.text {
      case "(": return try parenthesized()
      case "[": return try listDisplay()
      case "{": return try braceDisplay()
      case "...":
        advance()
        return .constant(.ellipsis, t.span)
      default: throw unexpected("invalid syntax")
      }
    default:
      throw unexpected("invalid syntax")
    }
  }

  func intLiteral(_ t: Token) throws(PyError) -> Expr {
    var text = t.text.replacingOccurrences(of: "_", with: "").lowercased()
    var radix = 10
    if text.hasPrefix("0x") {
      radix = 16
    } else if text.hasPrefix("0o") {
      radix = 8
    } else if text.hasPrefix("0b") {
      radix = 2
    }
    if radix != 10 { text.removeFirst(2) }
    if radix == 10 && text.count > 1 && text.hasPrefix("0") && text.contains(where: { $0 != "0" }) {
      throw .syntax(
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", source,
        t.span)
    }
    if let value = Int64(text, radix: radix) { return .int(value, t.span) }
    guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit }) else {
      throw .syntax(
        "invalid \(radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : radix == 2 ? "binary" : "decimal") literal",
        source, t.span)
    }
    return .bigInt(t.text, t.span)
  }

  /// Adjacent string literals concatenate; any f-string among them makes the whole an f-string.
  mutating func strings() throws(PyError) -> Expr {
    let start = current.span.start
    var parts: [FPart] = []
    var isFormat = false
    while current.kind == .string || current.kind == .fstring {
      let t = advance()
      if t.kind == .string {
        parts.append(.text(t.text))
      } else {
        isFormat = true
        parts.append(contentsOf: try fstringParts(t))
      }
    }
    let span = Span(start, previousEnd)
    if !isFormat {
      return .string(parts.map { if case .text(let s) = $0 { s } else { "" } }.joined(), span)
    }
    return .fstring(parts, span)
  }

  /// Splits an f-string body into literal text and `{expression!conversion:spec}` parts.
  func fstringParts(_ t: Token) throws(PyError) -> [FPart] {
    let raw = t.text.hasPrefix("r")
    let body = Array(t.text.utf8.dropFirst())
    // Where the body starts in the source: after the prefix letters and the opening quotes.
    let sourceBytes = source.bytes
    var bodyStart = t.span.start
    while bodyStart < t.span.end && sourceBytes[bodyStart] != UInt8(ascii: "\"")
      && sourceBytes[bodyStart] != UInt8(ascii: "'")
    { bodyStart += 1 }
    let quote = bodyStart < sourceBytes.count ? sourceBytes[bodyStart] : UInt8(ascii: "\"")
    var q = bodyStart
    while q < t.span.end && sourceBytes[q] == quote && q - bodyStart < 3 { q += 1 }
    bodyStart = (q - bodyStart == 2) ? bodyStart + 1 : q
    return try FStringSplitter(parser: self, body: body, base: bodyStart, raw: raw, span: t.span).parts()
  }

  // '(' [expression_list | generator] ')'
  mutating func parenthesized() throws(PyError) -> Expr {
    let open = advance()
    if current.isOp(")") {
      let close = advance()
      return .tuple([], Span(open.span.start, close.span.end))
    }
    let first = try listItem()
    if current.isKeyword("for") {
      let generator = try comprehensionTail(.generator, element: first, value: nil, start: open.span.start)
      let close = try expect(")")
      return generator.ending(at: close.span.end)
    }
    if !current.isOp(",") {
      _ = try expect(")")
      return first
    }
    var items = [first]
    while accept(",") {
      if current.isOp(")") { break }
      items.append(try listItem())
    }
    let close = try expect(")")
    return .tuple(items, Span(open.span.start, close.span.end))
  }

  mutating func listDisplay() throws(PyError) -> Expr {
    let open = advance()
    var items: [Expr] = []
    if !current.isOp("]") {
      let first = try listItem()
      if current.isKeyword("for") {
        let comprehension = try comprehensionTail(.list, element: first, value: nil, start: open.span.start)
        let close = try expect("]")
        return comprehension.ending(at: close.span.end)
      }
      items.append(first)
      while accept(",") {
        if current.isOp("]") { break }
        items.append(try listItem())
      }
    }
    let close = try expect("]")
    return .list(items, Span(open.span.start, close.span.end))
  }

  mutating func braceDisplay() throws(PyError) -> Expr {
    let open = advance()
    if current.isOp("}") {
      let close = advance()
      return .dict([], Span(open.span.start, close.span.end))
    }
    // `{**a, "k": v}`: an unpacked mapping is a pair whose key is `.starred`.
    var unpacked: Expr?
    if current.isOp("**") {
      let star = advance()
      let mapping = try bitwiseOr()
      unpacked = .starred(mapping, Span(star.span.start, previousEnd))
    }
    let first: Expr
    if let unpacked { first = unpacked } else { first = try listItem() }
    if unpacked != nil || accept(":") {
      let value: Expr
      if let unpacked { value = unpacked } else { value = try expression() }
      if unpacked == nil && current.isKeyword("for") {
        let comprehension = try comprehensionTail(.dict, element: first, value: value, start: open.span.start)
        let close = try expect("}")
        return comprehension.ending(at: close.span.end)
      }
      var pairs = [(first, value)]
      while accept(",") {
        if current.isOp("}") { break }
        if current.isOp("**") {
          let star = advance()
          let mapping = try bitwiseOr()
          let item = Expr.starred(mapping, Span(star.span.start, previousEnd))
          pairs.append((item, item))
          continue
        }
        let key = try expression()
        _ = try expect(":")
        pairs.append((key, try expression()))
      }
      let close = try expect("}")
      return .dict(pairs, Span(open.span.start, close.span.end))
    }
    if current.isKeyword("for") {
      let comprehension = try comprehensionTail(.set, element: first, value: nil, start: open.span.start)
      let close = try expect("}")
      return comprehension.ending(at: close.span.end)
    }
    var items = [first]
    while accept(",") {
      if current.isOp("}") { break }
      items.append(try listItem())
    }
    let close = try expect("}")
    return .set(items, Span(open.span.start, close.span.end))
  }

  // comp_for: ('for' target_list 'in' or_test ('if' or_test)*)+
  mutating func comprehensionTail(
    _ kind: Expr.ComprehensionKind, element: Expr, value: Expr?, start: Int
  ) throws(PyError) -> Expr {
    var clauses: [ComprehensionFor] = []
    while acceptKeyword("for") {
      let target = try targetList()
      try expectKeyword("in")
      let iterable = try orTest()
      var conditions: [Expr] = []
      while acceptKeyword("if") { conditions.append(try orTest()) }
      clauses.append(ComprehensionFor(target: target, iterable: iterable, conditions: conditions))
    }
    return .comprehension(kind: kind, element: element, value: value, clauses, Span(start, max(previousEnd, start)))
  }
}

/// Splits an f-string body; each `{...}` expression is parsed by a sub-parser whose spans
/// point back into the original source.
struct FStringSplitter {
  let parser: Parser
  let body: [UInt8]
  let base: Int
  let raw: Bool
  let span: Span

  func parts() throws(PyError) -> [FPart] {
    var i = 0
    return try parts(&i, inSpec: false)
  }

  private func parts(_ i: inout Int, inSpec: Bool) throws(PyError) -> [FPart] {
    var result: [FPart] = []
    var text: [UInt8] = []
    func flush() {
      if !text.isEmpty {
        result.append(.text(raw ? String(decoding: text, as: UTF8.self) : decodeEscapes(text)))
        text = []
      }
    }
    while i < body.count {
      let c = body[i]
      if c == UInt8(ascii: "{") {
        if !inSpec && i + 1 < body.count && body[i + 1] == UInt8(ascii: "{") {
          text.append(c)
          i += 2
          continue
        }
        flush()
        result.append(try replacement(&i))
      } else if c == UInt8(ascii: "}") {
        if inSpec { break }
        if i + 1 < body.count && body[i + 1] == UInt8(ascii: "}") {
          text.append(c)
          i += 2
          continue
        }
        throw .syntax("f-string: single '}' is not allowed", parser.source, Span(base + i, base + i + 1))
      } else {
        text.append(c)
        i += 1
      }
    }
    flush()
    return result
  }

  /// `{` expression [`=`] [`!` conversion] [`:` spec] `}`
  private func replacement(_ i: inout Int) throws(PyError) -> FPart {
    let open = i
    i += 1
    let exprStart = i
    var depth = 0
    var quote: UInt8?
    while i < body.count {
      let c = body[i]
      if let q = quote {
        if c == q { quote = nil }
      } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
        quote = c
      } else if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
        depth += 1
      } else if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || (c == UInt8(ascii: "}") && depth > 0) {
        depth -= 1
      } else if depth == 0
        && (c == UInt8(ascii: "}") || c == UInt8(ascii: ":")
          || (c == UInt8(ascii: "!") && i + 1 < body.count && body[i + 1] != UInt8(ascii: "=")))
      {
        break
      }
      i += 1
    }
    var exprEnd = i
    var selfDocumenting: String?
    var k = exprEnd
    while k > exprStart && body[k - 1] == UInt8(ascii: " ") { k -= 1 }
    if k > exprStart && body[k - 1] == UInt8(ascii: "=") && (k < 2 || !"=!<>".utf8.contains(body[k - 2])) {
      selfDocumenting = String(decoding: body[exprStart..<exprEnd], as: UTF8.self)
      exprEnd = k - 1
    }
    guard i < body.count else {
      throw .syntax("f-string: expecting '}'", parser.source, Span(base + open, base + open + 1))
    }
    // CPython 3.11 reports these at the end of the string token.
    let atEnd = Span(span.end, span.end + 1)
    if body[exprStart..<exprEnd].allSatisfy({ $0 == UInt8(ascii: " ") }) {
      let message =
        body[i] == UInt8(ascii: "!") ? "expression required before '!'" : "empty expression not allowed"
      throw .syntax("f-string: " + message, parser.source, atEnd)
    }
    let expr = try Parser.expression(in: parser.source, range: (base + exprStart)..<(base + exprEnd))
    var conversion: Character?
    if body[i] == UInt8(ascii: "!") {
      guard i + 1 < body.count, "rsa".utf8.contains(body[i + 1]) else {
        throw .syntax(
          "f-string: invalid conversion character: expected 's', 'r', or 'a'", parser.source, atEnd)
      }
      conversion = Character(Unicode.Scalar(body[i + 1]))
      i += 2
    }
    var spec: [FPart]?
    if i < body.count && body[i] == UInt8(ascii: ":") {
      i += 1
      spec = try parts(&i, inSpec: true)
    }
    guard i < body.count && body[i] == UInt8(ascii: "}") else {
      throw .syntax("f-string: expecting '}'", parser.source, Span(base + open, base + open + 1))
    }
    i += 1
    if selfDocumenting != nil && conversion == nil && spec == nil { conversion = "r" }
    return .value(expr, conversion: conversion, spec: spec, selfDocumenting: selfDocumenting)
  }
}

extension Expr {
  /// A comprehension whose span reaches its closing bracket, as CPython's does.
  func ending(at end: Int) -> Expr {
    guard case .comprehension(let kind, let element, let value, let clauses, let span) = self else { return self }
    return .comprehension(kind: kind, element: element, value: value, clauses, Span(span.start, end))
  }
}

extension Parser {
  /// Parses the expression at `range` of `source` (an f-string's `{...}`), keeping real spans.
  static func expression(in source: Source, range: Range<Int>) throws(PyError) -> Expr {
    var parser = try Parser(source, range: range)
    let e = try parser.expressionList()
    guard parser.current.kind == .newline || parser.current.kind == .end else {
      var error = parser.unexpected("invalid syntax")
      error.message = "f-string: " + error.message
      throw error
    }
    return e
  }
}

/// Decodes Python escape sequences in literal text.
func decodeEscapes(_ bytes: [UInt8]) -> String {
  var out: [UInt8] = []
  var i = 0
  while i < bytes.count {
    let c = bytes[i]
    guard c == UInt8(ascii: "\\"), i + 1 < bytes.count else {
      out.append(c)
      i += 1
      continue
    }
    let e = bytes[i + 1]
    i += 2
    switch e {
    case UInt8(ascii: "n"): out.append(10)
    case UInt8(ascii: "t"): out.append(9)
    case UInt8(ascii: "r"): out.append(13)
    case UInt8(ascii: "0")...UInt8(ascii: "7"):
      var v = UInt32(e - 48)
      var n = 1
      while n < 3, i < bytes.count, bytes[i] >= 48, bytes[i] <= 55 {
        v = v * 8 + UInt32(bytes[i] - 48)
        i += 1
        n += 1
      }
      if let scalar = Unicode.Scalar(v) { out.append(contentsOf: Array(String(Character(scalar)).utf8)) }
    case UInt8(ascii: "a"): out.append(7)
    case UInt8(ascii: "b"): out.append(8)
    case UInt8(ascii: "f"): out.append(12)
    case UInt8(ascii: "v"): out.append(11)
    case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
    case UInt8(ascii: "\n"): break
    case UInt8(ascii: "x") where i + 2 <= bytes.count:
      if let v = UInt32(String(decoding: bytes[i..<i + 2], as: UTF8.self), radix: 16), let s = Unicode.Scalar(v) {
        out.append(contentsOf: Array(String(Character(s)).utf8))
        i += 2
      } else {
        out.append(contentsOf: [UInt8(ascii: "\\"), e])
      }
    default: out.append(contentsOf: [UInt8(ascii: "\\"), e])
    }
  }
  return String(decoding: out, as: UTF8.self)
}

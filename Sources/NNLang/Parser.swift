/// Recursive descent over tokens, one method per grammar rule. Running out of input inside
/// a block or bracket throws an error marked `isIncomplete`, which the prompt reads as
/// "show `... ` and read another line".
struct Parser {
  let source: Source
  let tokens: [Token]
  var position = 0

  init(_ source: Source, range: Range<Int>? = nil) throws(PyError) {
    self.source = source
    self.tokens = try Lexer.tokens(source, range: range)
  }

  static func module(_ source: Source) throws(PyError) -> [Stmt] {
    var parser = try Parser(source)
    return try parser.module()
  }

  var current: Token { tokens[min(position, tokens.count - 1)] }
  func peek(_ k: Int) -> Token { tokens[min(position + k, tokens.count - 1)] }

  @discardableResult
  mutating func advance() -> Token {
    let t = current
    if position < tokens.count - 1 { position += 1 }
    return t
  }

  mutating func accept(_ op: String) -> Bool {
    if current.isOp(op) {
      advance()
      return true
    }
    return false
  }

  mutating func acceptKeyword(_ k: String) -> Bool {
    if current.isKeyword(k) {
      advance()
      return true
    }
    return false
  }

  mutating func expect(_ op: String) throws(PyError) -> Token {
    guard current.isOp(op) else { throw unexpected("expected '\(op)'") }
    return advance()
  }

  mutating func expectKeyword(_ k: String) throws(PyError) {
    guard current.isKeyword(k) else { throw unexpected("expected '\(k)'") }
    advance()
  }

  mutating func expectName() throws(PyError) -> Token {
    guard current.kind == .name else { throw unexpected("invalid syntax") }
    return advance()
  }

  /// A syntax error at the current token; at the end of input it is "incomplete".
  func unexpected(_ message: String) -> PyError {
    let t = current
    if t.kind == .end || (t.kind == .dedent && t.span.start >= source.bytes.count) {
      return .syntax("unexpected EOF while parsing", source, t.span, incomplete: true)
    }
    if t.kind == .indent { return .syntax("unexpected indent", source, t.span, type: "IndentationError") }
    return .syntax(
      message == "expected ':'" ? "expected ':'" : "invalid syntax", source,
      Span(t.span.start, max(t.span.end, t.span.start + 1)))
  }

  // module: statement* END
  mutating func module() throws(PyError) -> [Stmt] {
    var body: [Stmt] = []
    while current.kind != .end {
      if current.kind == .newline {
        advance()
        continue
      }
      body.append(contentsOf: try statement())
    }
    return body
  }

  // statement: compound | simple (';' simple)* NEWLINE
  mutating func statement() throws(PyError) -> [Stmt] {
    if current.kind == .keyword || current.isOp("@") {
      if let compound = try compoundStatement() { return [compound] }
    }
    if current.kind == .indent {
      throw .syntax("unexpected indent", source, current.span, type: "IndentationError")
    }
    var statements = [try simpleStatement()]
    while accept(";") {
      if current.kind == .newline || current.kind == .end { break }
      statements.append(try simpleStatement())
    }
    guard current.kind == .newline || current.kind == .end else { throw unexpected("invalid syntax") }
    advance()
    return statements
  }

  // block: NEWLINE INDENT statement+ DEDENT | simple statements on the same line
  mutating func block() throws(PyError) -> [Stmt] {
    _ = try expect(":")
    if current.kind != .newline {
      var body = [try simpleStatement()]
      while accept(";") {
        if current.kind == .newline || current.kind == .end { break }
        body.append(try simpleStatement())
      }
      if current.kind == .newline { advance() }
      return body
    }
    advance()
    guard current.kind == .indent else {
      if current.kind == .end {
        throw .syntax("unexpected EOF while parsing", source, current.span, incomplete: true)
      }
      throw .syntax("expected an indented block", source, current.span, type: "IndentationError")
    }
    advance()
    var body: [Stmt] = []
    while current.kind != .dedent && current.kind != .end {
      if current.kind == .newline {
        advance()
        continue
      }
      body.append(contentsOf: try statement())
    }
    if current.kind == .end {
      // A block still open at the end of the text: at the prompt, more may follow.
      throw .syntax("unexpected EOF while parsing", source, current.span, incomplete: true)
    }
    advance()
    return body
  }
}

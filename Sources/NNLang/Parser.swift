/// Recursive descent over tokens, one method per grammar rule. Running out of input inside
/// a block or bracket throws an error marked `isIncomplete`, which the prompt reads as
/// "show `... ` and read another line".
struct Parser {
  let source: Source
  let tokens: [Token]
  var position = 0
  /// The span of the last whole expression read, for the "forgot a comma?" hint.
  var lastExpression: Span?

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
    guard current.isOp(op) else {
      if op == ")" || op == "]" || op == "}", let last = lastExpression, startsExpression(current) {
        // `[1 2]`: CPython suggests the missing comma, marking both items.
        var rest = self
        if (try? rest.expression()) != nil {
          throw .syntax("invalid syntax. Perhaps you forgot a comma?", source, Span(last.start, rest.previousEnd))
        }
      }
      throw unexpected("expected '\(op)'")
    }
    return advance()
  }

  func startsExpression(_ t: Token) -> Bool {
    switch t.kind {
    case .name, .int, .float, .string, .fstring: return true
    case .keyword: return ["None", "True", "False", "lambda", "not"].contains(t.text)
    case .op: return t.text == "(" || t.text == "[" || t.text == "{"
    default: return false
    }
  }

  /// What opened the block being read, as CPython's "expected an indented block after ..." says.
  func blockHeader() -> String {
    // The colon was the last token read; the header's first token begins its line.
    var k = max(position - 1, 0)
    while k > 0 && ![.newline, .indent, .dedent].contains(tokens[k - 1].kind) { k -= 1 }
    if k > 0, tokens[k].isOp("@") {
      while k < position && !tokens[k].isKeyword("def") && !tokens[k].isKeyword("class") { k += 1 }
    }
    let t = tokens[k]
    let line = source.lineNumber(of: t.span.start)
    switch t.text {
    case "def": return "function definition on line \(line)"
    case "class": return "class definition on line \(line)"
    default: return "'\(t.text)' statement on line \(line)"
    }
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
    if t.kind == .indent {
      return .syntax("unexpected indent", source, t.span, type: "IndentationError", caret: false)
    }
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
    // `match` is a soft keyword: a match statement only if it parses as one.
    if current.kind == .name && current.text == "match" && !peek(1).isOp("=") && !peek(1).isOp(".") {
      var attempt = self
      do {
        let m = try attempt.matchStatement()
        self = attempt
        return [m]
      } catch {
        // At the prompt, `match x:` with its cases still to come asks for more lines.
        if error.isIncomplete && attempt.position > position + 2 { throw error }
      }
    }
    if current.kind == .keyword || current.isOp("@") {
      if let compound = try compoundStatement() { return [compound] }
    }
    if current.kind == .indent {
      throw .syntax("unexpected indent", source, current.span, type: "IndentationError", caret: false)
    }
    let start = current
    var statements = [try simpleStatement()]
    while accept(";") {
      if current.kind == .newline || current.kind == .end { break }
      statements.append(try simpleStatement())
    }
    guard current.kind == .newline || current.kind == .end else {
      // `print "x"`: CPython names the Python 2 statement and marks it whole.
      if statements.count == 1, case .expression(.name(let name, _), _) = statements[0],
        name == "print" || name == "exec", start.kind == .name
      {
        var rest = self
        if (try? rest.expressionList()) != nil {
          throw .syntax(
            "Missing parentheses in call to '\(name)'. Did you mean \(name)(...)?", source,
            Span(start.span.start, rest.previousEnd))
        }
      }
      throw unexpected("invalid syntax")
    }
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
      throw .syntax(
        "expected an indented block after \(blockHeader())", source,
        Span(current.span.start, current.span.start + 1), type: "IndentationError")
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

extension Parser {
  mutating func compoundStatement() throws(PyError) -> Stmt? {
    let start = current.span.start
    if current.isOp("@") { return try decorated() }
    switch current.text {
    case "if": return try ifStatement()
    case "while":
      advance()
      let condition = try condition()
      let body = try block()
      let orElse = try elseBlock()
      return .whileLoop(condition, body, orElse, Span(start, current.span.start))
    case "for":
      advance()
      let target = try targetList()
      try expectKeyword("in")
      let iterable = try expressionList()
      let body = try block()
      let orElse = try elseBlock()
      return .forLoop(target, iterable, body, orElse, Span(start, current.span.start))
    case "def": return try functionDef(decorators: [], start: start)
    case "class": return try classDef(decorators: [], start: start)
    case "try": return try tryStatement()
    case "with":
      advance()
      var items: [(Expr, Expr?)] = []
      repeat {
        let context = try expression()
        var target: Expr?
        if acceptKeyword("as") { target = try target_() }
        items.append((context, target))
      } while accept(",")
      let body = try block()
      return .with(items, body, Span(start, current.span.start))
    default: return nil
    }
  }

  /// An `if`/`while` condition; `if x = 1:` gets CPython's hint about `==`.
  mutating func condition() throws(PyError) -> Expr {
    let e = try namedExpression()
    if current.isOp("="), case .name = e {
      var rest = self
      rest.advance()
      if (try? rest.bitwiseOr()) != nil, !rest.current.isOp("="), !rest.current.isOp(":=") {
        throw .syntax(
          "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", source, Span(e.span.start, rest.previousEnd))
      }
    }
    return e
  }

  mutating func elseBlock() throws(PyError) -> [Stmt]? {
    acceptKeyword("else") ? try block() : nil
  }

  // if_stmt: 'if' expr block ('elif' expr block)* ['else' block]
  mutating func ifStatement() throws(PyError) -> Stmt {
    let start = advance().span.start
    var branches = [(try condition(), try block())]
    while acceptKeyword("elif") {
      branches.append((try condition(), try block()))
    }
    let orElse = try elseBlock()
    return .ifElse(branches, orElse, Span(start, current.span.start))
  }

  mutating func decorated() throws(PyError) -> Stmt {
    let start = current.span.start
    var decorators: [Expr] = []
    while accept("@") {
      decorators.append(try expression())
      guard current.kind == .newline else { throw unexpected("invalid syntax") }
      advance()
    }
    if current.isKeyword("def") { return try functionDef(decorators: decorators, start: start) }
    if current.isKeyword("class") { return try classDef(decorators: decorators, start: start) }
    throw unexpected("invalid syntax")
  }

  // funcdef: 'def' NAME '(' parameters ')' ['->' expr] block
  mutating func functionDef(decorators: [Expr], start: Int) throws(PyError) -> Stmt {
    advance()
    let name = try expectName().text
    _ = try expect("(")
    let parameters = try parameterList(closing: ")")
    _ = try expect(")")
    if accept("->") { _ = try expression() }
    let body = try block()
    return .function(name: name, parameters, body, decorators: decorators, Span(start, current.span.start))
  }

  // parameters: (NAME [':' expr] ['=' expr] | '*' [NAME] | '**' NAME | '/') ','...
  mutating func parameterList(closing: String) throws(PyError) -> Parameters {
    var p = Parameters()
    var keywordOnly = false
    while !current.isOp(closing) {
      if accept("/") {
      } else if accept("**") {
        p.varKeywords = try expectName().text
        if closing == ")" && accept(":") { _ = try expression() }
      } else if accept("*") {
        keywordOnly = true
        if current.kind == .name {
          p.varArgs = advance().text
          if closing == ")" && accept(":") { _ = try expression() }
        }
      } else {
        let nameToken = try expectName()
        if closing == ")" && accept(":") { _ = try expression() }
        let defaultValue = accept("=") ? try expression() : nil
        if defaultValue == nil && !keywordOnly && p.positional.last?.defaultValue != nil {
          throw .syntax("non-default argument follows default argument", source, nameToken.span)
        }
        let parameter = Parameters.Parameter(name: nameToken.text, defaultValue: defaultValue, span: nameToken.span)
        if keywordOnly { p.keywordOnly.append(parameter) } else { p.positional.append(parameter) }
      }
      if !accept(",") { break }
    }
    return p
  }

  mutating func classDef(decorators: [Expr], start: Int) throws(PyError) -> Stmt {
    advance()
    let name = try expectName().text
    var bases: [Expr] = []
    if accept("(") {
      while !current.isOp(")") {
        bases.append(try expression())
        if !accept(",") { break }
      }
      _ = try expect(")")
    }
    let body = try block()
    return .classDef(name: name, bases: bases, body, decorators: decorators, Span(start, current.span.start))
  }

  mutating func tryStatement() throws(PyError) -> Stmt {
    let start = advance().span.start
    let body = try block()
    var handlers: [ExceptClause] = []
    while current.isKeyword("except") {
      let clauseStart = advance().span.start
      var type: Expr?
      var name: String?
      if !current.isOp(":") {
        type = try expression()
        if acceptKeyword("as") { name = try expectName().text }
      }
      handlers.append(
        ExceptClause(type: type, name: name, body: try block(), span: Span(clauseStart, current.span.start)))
    }
    let orElse = try elseBlock()
    let finally = acceptKeyword("finally") ? try block() : nil
    if handlers.isEmpty && finally == nil { throw unexpected("expected 'except' or 'finally' block") }
    return .tryExcept(body, handlers, orElse, finally, Span(start, current.span.start))
  }

  // simple_stmt: keyword statements | expression statements and assignments
  mutating func simpleStatement() throws(PyError) -> Stmt {
    let t = current
    let start = t.span.start
    if t.kind == .keyword {
      switch t.text {
      case "pass":
        advance()
        return .pass(t.span)
      case "break":
        advance()
        return .breakLoop(t.span)
      case "continue":
        advance()
        return .continueLoop(t.span)
      case "return":
        advance()
        let value = atStatementEnd ? nil : try expressionList()
        return .returnValue(value, Span(start, previousEnd))
      case "import": return try importStatement()
      case "from": return try fromImport()
      case "global", "nonlocal":
        advance()
        var names = [try expectName().text]
        while accept(",") { names.append(try expectName().text) }
        return t.text == "global"
          ? .global(names, Span(start, previousEnd)) : .nonlocal(names, Span(start, previousEnd))
      case "del":
        advance()
        var targets = [try expression()]
        while accept(",") { targets.append(try expression()) }
        return .delete(targets, Span(start, previousEnd))
      case "assert":
        advance()
        let test = try expression()
        let message = accept(",") ? try expression() : nil
        return .assert(test, message, Span(start, previousEnd))
      case "raise":
        advance()
        if atStatementEnd { return .raise(nil, nil, t.span) }
        let exception = try expression()
        let cause = acceptKeyword("from") ? try expression() : nil
        return .raise(exception, cause, Span(start, previousEnd))
      default: break
      }
    }
    let first = try expressionList(allowStar: true)
    if accept(":") {
      let annotation = try expression()
      _ = annotation
      let value = accept("=") ? try expressionList() : nil
      return .annotated(first, value, Span(start, previousEnd))
    }
    if current.kind == .op, current.text.count >= 2, current.text.hasSuffix("="),
      !["==", "<=", ">=", "!="].contains(current.text)
    {
      switch first {
      case .name, .attribute, .index: break
      case .tuple, .list, .call, .int, .float, .string, .constant, .compare, .lambda, .ifElse:
        let what: String
        switch first {
        case .tuple: what = "tuple"
        case .list: what = "list"
        default: what = Compiler.describe(first)
        }
        throw .syntax("'\(what)' is an illegal expression for augmented assignment", source, first.span)
      default:
        throw .syntax("'expression' is an illegal expression for augmented assignment", source, first.span)
      }
      let opToken = advance()
      let value = try expressionList()
      return .augmented(first, String(opToken.text.dropLast()), value, opSpan: opToken.span, Span(start, previousEnd))
    }
    if current.isOp("=") {
      var targets = [first]
      var value = first
      while accept("=") {
        value = try expressionList(allowStar: true)
        targets.append(value)
      }
      targets.removeLast()
      for target in targets { try checkAssignable(target) }
      return .assign(targets, value, Span(start, previousEnd))
    }
    return .expression(first, Span(start, previousEnd))
  }

  var atStatementEnd: Bool { current.kind == .newline || current.kind == .end || current.isOp(";") }
  var previousEnd: Int { position > 0 ? tokens[position - 1].span.end : 0 }

  func checkAssignable(_ e: Expr) throws(PyError) {
    switch e {
    case .name, .attribute, .index: return
    case .tuple(let items, _), .list(let items, _):
      for item in items { try checkAssignable(item) }
    case .starred(let inner, _): try checkAssignable(inner)
    case .call(_, _, let span):
      throw .syntax("cannot assign to function call here. Maybe you meant '==' instead of '='?", source, span)
    case .int(_, let span), .float(_, let span), .string(_, let span), .constant(_, let span):
      throw .syntax("cannot assign to literal here. Maybe you meant '==' instead of '='?", source, span)
    // Above `|` in the grammar, CPython offers no `==` hint.
    case .compare, .lambda, .ifElse, .boolOp, .unary("not", _, _), .namedExpr:
      throw .syntax("cannot assign to \(Compiler.describe(e))", source, e.span)
    default:
      throw .syntax("cannot assign to expression here. Maybe you meant '==' instead of '='?", source, e.span)
    }
  }

  mutating func dottedName() throws(PyError) -> String {
    var name = try expectName().text
    while accept(".") { name += "." + (try expectName().text) }
    return name
  }

  mutating func importStatement() throws(PyError) -> Stmt {
    let start = advance().span.start
    var modules: [(path: String, alias: String?)] = []
    repeat {
      let path = try dottedName()
      let alias = acceptKeyword("as") ? try expectName().text : nil
      modules.append((path, alias))
    } while accept(",")
    return .importModule(modules, Span(start, previousEnd))
  }

  mutating func fromImport() throws(PyError) -> Stmt {
    let start = advance().span.start
    var module = ""
    while accept(".") { module += "." }
    if current.kind == .name { module += try dottedName() }
    try expectKeyword("import")
    var names: [(name: String, alias: String?)] = []
    if accept("*") {
      names.append(("*", nil))
    } else {
      let parenthesized = accept("(")
      repeat {
        if parenthesized && current.isOp(")") { break }
        let name = try expectName().text
        let alias = acceptKeyword("as") ? try expectName().text : nil
        names.append((name, alias))
      } while accept(",")
      if parenthesized { _ = try expect(")") }
    }
    return .importFrom(module, names, Span(start, previousEnd))
  }
}

extension Parser {
  mutating func matchStatement() throws(PyError) -> Stmt {
    let start = advance().span.start
    let subject = try expressionList(allowStar: true)
    _ = try expect(":")
    guard current.kind == .newline else { throw unexpected("invalid syntax") }
    advance()
    guard current.kind == .indent else { throw unexpected("expected an indented block") }
    advance()
    var cases: [MatchCase] = []
    while current.kind == .name && current.text == "case" {
      advance()
      let pattern = try openPattern()
      let guardExpr = acceptKeyword("if") ? try namedExpression() : nil
      let body = try block()
      cases.append(MatchCase(pattern: pattern, guardExpr: guardExpr, body: body))
      while current.kind == .newline { advance() }
    }
    guard !cases.isEmpty, current.kind == .dedent || current.kind == .end else { throw unexpected("invalid syntax") }
    if current.kind == .dedent { advance() }
    return .match(subject, cases, Span(start, previousEnd))
  }

  /// `case a, b:` is a sequence pattern without brackets.
  mutating func openPattern() throws(PyError) -> Pattern {
    let first = try asPattern()
    guard current.isOp(",") else { return first }
    var items = [first]
    while accept(",") {
      if current.isOp(":") || current.isKeyword("if") { break }
      items.append(try asPattern())
    }
    return .sequence(items, star: items.firstIndex { if case .star = $0 { true } else { false } })
  }

  mutating func asPattern() throws(PyError) -> Pattern {
    var alternatives = [try closedPattern()]
    while accept("|") { alternatives.append(try closedPattern()) }
    var p = alternatives.count == 1 ? alternatives[0] : .or(alternatives)
    if acceptKeyword("as") { p = .bind(p, try expectName().text) }
    return p
  }

  mutating func closedPattern() throws(PyError) -> Pattern {
    let t = current
    if t.isOp("*") {
      advance()
      let name = try expectName().text
      return .star(name == "_" ? nil : name)
    }
    if t.isOp("(") || t.isOp("[") {
      let close = t.isOp("(") ? ")" : "]"
      advance()
      var items: [Pattern] = []
      var sawComma = false
      while !current.isOp(close) {
        items.append(try asPattern())
        if !accept(",") { break }
        sawComma = true
      }
      _ = try expect(close)
      if close == ")" && items.count == 1 && !sawComma { return items[0] }
      return .sequence(items, star: items.firstIndex { if case .star = $0 { true } else { false } })
    }
    if t.isOp("{") {
      advance()
      var items: [(Expr, Pattern)] = []
      var rest: String?
      while !current.isOp("}") {
        if accept("**") {
          rest = try expectName().text
        } else {
          let key = try literalOrValue()
          _ = try expect(":")
          items.append((key, try asPattern()))
        }
        if !accept(",") { break }
      }
      _ = try expect("}")
      return .mapping(items, rest: rest)
    }
    if t.kind == .name {
      if t.text == "_" && !peek(1).isOp(".") && !peek(1).isOp("(") {
        advance()
        return .wildcard
      }
      if !peek(1).isOp(".") && !peek(1).isOp("(") {
        advance()
        return .capture(t.text)
      }
      let value = try literalOrValue()
      guard accept("(") else { return .value(value) }
      var positional: [Pattern] = []
      var keywords: [(String, Pattern)] = []
      while !current.isOp(")") {
        if current.kind == .name && peek(1).isOp("=") {
          let name = advance().text
          advance()
          keywords.append((name, try asPattern()))
        } else {
          positional.append(try asPattern())
        }
        if !accept(",") { break }
      }
      _ = try expect(")")
      return .classPattern(value, positional, keywords)
    }
    return .value(try literalOrValue())
  }

  /// A literal (`-1`, `"s"`, `None`) or a dotted name (`Color.RED`).
  mutating func literalOrValue() throws(PyError) -> Expr {
    let t = current
    switch t.kind {
    case .name:
      var e = Expr.name(advance().text, t.span)
      while accept(".") {
        let n = try expectName()
        e = .attribute(e, n.text, Span(t.span.start, n.span.end))
      }
      return e
    case .int, .float, .string, .fstring: return try unary()
    case .keyword where ["None", "True", "False"].contains(t.text): return try atom()
    case .op where t.text == "-": return try unary()
    default: throw unexpected("invalid syntax")
    }
  }
}

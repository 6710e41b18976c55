extension Parser {
  /// Binding power of each binary operator, as Python's grammar orders them.
  static let binaryPriority: [String: Int] = [
    "|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5,
    "*": 6, "@": 6, "/": 6, "//": 6, "%": 6,
  ]

  // expression_list: expression (',' expression)* [',']  → a tuple when there is a comma
  mutating func expressionList(allowStar: Bool = false) throws(PyError) -> Expr {
    let start = current.span.start
    let first = try listItem(allowStar: allowStar)
    guard current.isOp(",") else { return first }
    var items = [first]
    while accept(",") {
      if atStatementEnd || current.isOp("=") || current.isOp(")") || current.isKeyword("in") || current.isOp(":") {
        break
      }
      items.append(try listItem(allowStar: allowStar))
    }
    return .tuple(items, Span(start, previousEnd))
  }

  mutating func listItem(allowStar: Bool = true) throws(PyError) -> Expr {
    if current.isOp("*") {
      let start = advance().span.start
      let value = try bitwiseOr()
      return .starred(value, Span(start, previousEnd))
    }
    return try expression()
  }

  // target_list: like expression_list, but stops before 'in'
  mutating func targetList() throws(PyError) -> Expr {
    let start = current.span.start
    var items = [try target_()]
    if !current.isOp(",") { return items[0] }
    while accept(",") {
      if current.isKeyword("in") || current.isOp("=") { break }
      items.append(try target_())
    }
    let tuple = Expr.tuple(items, Span(start, previousEnd))
    try checkAssignable(tuple)
    return tuple
  }

  mutating func target_() throws(PyError) -> Expr {
    if current.isOp("*") {
      let start = advance().span.start
      return .starred(try bitwiseOr(), Span(start, previousEnd))
    }
    return try bitwiseOr()
  }

  mutating func namedExpression() throws(PyError) -> Expr { try expression() }

  // expression: lambda | or_test ['if' or_test 'else' expression]
  mutating func expression() throws(PyError) -> Expr {
    if current.isKeyword("lambda") { return try lambda() }
    let start = current.span.start
    if current.kind == .name && peek(1).isOp(":=") {
      let name = advance().text
      advance()
      let value = try expression()
      lastExpression = Span(start, previousEnd)
      return .namedExpr(name, value, Span(start, previousEnd))
    }
    let value = try orTest()
    if current.isKeyword("if") {
      advance()
      let condition = try orTest()
      try expectKeyword("else")
      let orElse = try expression()
      lastExpression = Span(start, previousEnd)
      return .ifElse(condition, value, orElse, Span(start, previousEnd))
    }
    lastExpression = Span(start, previousEnd)
    return value
  }

  mutating func lambda() throws(PyError) -> Expr {
    let start = advance().span.start
    let parameters = try parameterList(closing: ":")
    _ = try expect(":")
    let body = try expression()
    return .lambda(parameters, body, Span(start, previousEnd))
  }

  mutating func orTest() throws(PyError) -> Expr {
    var left = try andTest()
    while current.isKeyword("or") {
      advance()
      let right = try andTest()
      left = .boolOp("or", left, right, left.span.to(right.span))
    }
    return left
  }

  mutating func andTest() throws(PyError) -> Expr {
    var left = try notTest()
    while current.isKeyword("and") {
      advance()
      let right = try notTest()
      left = .boolOp("and", left, right, left.span.to(right.span))
    }
    return left
  }

  mutating func notTest() throws(PyError) -> Expr {
    if current.isKeyword("not") {
      let start = advance().span.start
      let operand = try notTest()
      return .unary("not", operand, Span(start, operand.span.end))
    }
    return try comparison()
  }

  // comparison: bitwise_or (comp_op bitwise_or)*
  mutating func comparison() throws(PyError) -> Expr {
    let start = current.span.start
    let first = try bitwiseOr()
    var operands = [first]
    var ops: [String] = []
    while true {
      let t = current
      var op: String?
      if t.kind == .op, ["<", ">", "==", ">=", "<=", "!="].contains(t.text) {
        op = t.text
        advance()
      } else if t.isKeyword("in") {
        op = "in"
        advance()
      } else if t.isKeyword("not") && peek(1).isKeyword("in") {
        op = "not in"
        advance()
        advance()
      } else if t.isKeyword("is") {
        advance()
        op = acceptKeyword("not") ? "is not" : "is"
      }
      guard let found = op else { break }
      ops.append(found)
      operands.append(try bitwiseOr())
    }
    if ops.isEmpty { return first }
    return .compare(operands, ops, Span(start, previousEnd))
  }

  /// Every binary operator from `|` to `%`, by priority climbing over one table.
  mutating func bitwiseOr() throws(PyError) -> Expr { try binary(minimum: 1) }

  mutating func binary(minimum: Int) throws(PyError) -> Expr {
    // CPython's spans start at the left operand's first token, its parenthesis included.
    let start = current.span.start
    var left = try unary()
    while current.kind == .op, let priority = Parser.binaryPriority[current.text], priority >= minimum {
      let opToken = advance()
      let right = try binary(minimum: priority + 1)
      left = .binary(opToken.text, left, right, opSpan: opToken.span, Span(start, previousEnd))
    }
    return left
  }

  // unary: ('-' | '+' | '~') unary | power
  mutating func unary() throws(PyError) -> Expr {
    if current.kind == .op, ["-", "+", "~"].contains(current.text) {
      let opToken = advance()
      let operand = try unary()
      return .unary(opToken.text, operand, Span(opToken.span.start, operand.span.end))
    }
    return try power()
  }

  // power: primary ['**' unary]   (right-associative, binds tighter than unary minus on its left)
  mutating func power() throws(PyError) -> Expr {
    let start = current.span.start
    let base = try primary()
    if current.isOp("**") {
      let opToken = advance()
      let exponent = try unary()
      return .binary("**", base, exponent, opSpan: opToken.span, Span(start, previousEnd))
    }
    return base
  }

  // primary: atom ('.' NAME | '(' arguments ')' | '[' subscript ']')*
  mutating func primary() throws(PyError) -> Expr {
    var e = try atom()
    while true {
      if accept(".") {
        let name = try expectName()
        e = .attribute(e, name.text, Span(e.span.start, name.span.end))
      } else if current.isOp("(") {
        advance()
        let arguments = try callArguments()
        let close = try expect(")")
        e = .call(e, arguments, Span(e.span.start, close.span.end))
      } else if current.isOp("[") {
        advance()
        let index = try subscriptList()
        let close = try expect("]")
        e = .index(e, index, Span(e.span.start, close.span.end))
      } else {
        return e
      }
    }
  }

  mutating func callArguments() throws(PyError) -> [Argument] {
    var arguments: [Argument] = []
    var misplaced: String?
    while !current.isOp(")") {
      if misplaced == nil, !current.isOp("*"), !current.isOp("**"),
        !(current.kind == .name && peek(1).isOp("="))
      {
        if arguments.contains(where: { if case .doubleStar = $0.kind { true } else { false } }) {
          misplaced = "positional argument follows keyword argument unpacking"
        } else if arguments.contains(where: { if case .keyword = $0.kind { true } else { false } }) {
          misplaced = "positional argument follows keyword argument"
        }
      }
      if accept("*") {
        arguments.append(Argument(kind: .star, value: try expression()))
      } else if accept("**") {
        arguments.append(Argument(kind: .doubleStar, value: try expression()))
      } else if current.kind == .name && peek(1).isOp("=") {
        let name = advance().text
        advance()
        arguments.append(Argument(kind: .keyword(name), value: try expression()))
      } else {
        let value = try expression()
        if current.isKeyword("for") {
          let generator = try comprehensionTail(.generator, element: value, value: nil, start: value.span.start)
          // A bare generator must be the only argument: `f(x for x in y, 1)` is an error.
          if !arguments.isEmpty || current.isOp(",") {
            throw .syntax("Generator expression must be parenthesized", source, generator.span)
          }
          arguments.append(Argument(kind: .positional, value: generator))
        } else {
          arguments.append(Argument(kind: .positional, value: value))
        }
      }
      if !accept(",") { break }
    }
    // CPython reports it at the closing parenthesis, once the arguments are read.
    if let misplaced, current.isOp(")") { throw .syntax(misplaced, source, current.span) }
    return arguments
  }

  // subscript_list: subscript (',' subscript)* → a tuple when there is a comma
  mutating func subscriptList() throws(PyError) -> Expr {
    let start = current.span.start
    let first = try subscriptItem()
    guard current.isOp(",") else { return first }
    var items = [first]
    while accept(",") {
      if current.isOp("]") { break }
      items.append(try subscriptItem())
    }
    return .tuple(items, Span(start, previousEnd))
  }

  // subscript: expression | [expression] ':' [expression] [':' [expression]]
  mutating func subscriptItem() throws(PyError) -> Expr {
    let start = current.span.start
    var lower: Expr?
    if !current.isOp(":") {
      let value = try listItem()
      if !current.isOp(":") { return value }
      lower = value
    }
    advance()
    let upper = current.isOp(":") || current.isOp("]") || current.isOp(",") ? nil : try expression()
    var step: Expr?
    if accept(":") {
      step = current.isOp("]") || current.isOp(",") ? nil : try expression()
    }
    return .slice(lower, upper, step, Span(start, previousEnd))
  }
}

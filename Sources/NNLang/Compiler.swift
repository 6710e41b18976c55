/// Resolves names to slots and turns the syntax tree into evaluation nodes, once.
final class Compiler {
  let interpreter: Interpreter
  let source: Source
  /// The local slots of the function being compiled; nil at module level.
  private var locals: [String: Int]?
  /// The local names in slot order, for NameError suggestions.
  private var localOrder: [String] = []
  private var declaredGlobal: Set<String> = []
  /// The class whose body (or method) is being compiled: `self.__x` becomes `self._Class__x`.
  private var className: String?

  /// Whether a name means the builtin here: not bound in this scope or the module.
  func isBuiltinName(_ n: String) -> Bool {
    if locals?[n] != nil || cells[n] != nil || frees[n] != nil { return false }
    return globals.slots[n] == nil || interpreter.builtins[n] != nil
  }

  /// CPython's private name mangling, inside a class.
  func mangle(_ name: String) -> String {
    guard let className, name.hasPrefix("__"), !name.hasSuffix("__") else { return name }
    let stripped = className.drop(while: { $0 == "_" })
    return stripped.isEmpty ? name : "_" + stripped + name
  }

  /// How CPython names an expression that cannot be assigned or deleted.
  static func describe(_ e: Expr) -> String {
    switch e {
    case .call: return "function call"
    case .int, .bigInt, .float, .string, .constant: return "literal"
    case .fstring: return "f-string expression"
    case .compare: return "comparison"
    case .lambda: return "lambda"
    case .ifElse: return "conditional expression"
    case .dict: return "dict literal"
    case .set: return "set display"
    case .comprehension(let kind, _, _, _, _):
      switch kind {
      case .list: return "list comprehension"
      case .set: return "set comprehension"
      case .dict: return "dict comprehension"
      case .generator: return "generator expression"
      }
    case .namedExpr: return "named expression"
    case .boolOp, .unary("not", _, _): return "expression"
    default: return "expression"
    }
  }

  /// Loops around the statement being compiled, in this function (for `break outside loop`).
  private var loopDepth = 0
  private var slotCount = 0
  private var functionName = "<module>"
  /// The function compiler this one is nested in, for closures.
  private weak var parent: Compiler?
  /// Locals that nested functions capture: they live in cells, not slots.
  private var cells: [String: Int] = [:]
  /// Names of enclosing functions that this function captures, by closure index.
  private var frees: [String: Int] = [:]
  private var freeOrder: [String] = []
  /// Comprehension variables in scope, innermost last: each name has a hidden slot.
  private var comprehensionScopes: [[String: Target]] = []
  /// A class body: its names become class attributes, and methods do not see them.
  private var isClassBody = false
  private var hiddenCount = 0

  /// The module-level namespace this code binds and reads.
  let globals: Globals

  init(interpreter: Interpreter, source: Source, globals: Globals? = nil) {
    self.interpreter = interpreter
    self.source = source
    self.globals = globals ?? interpreter.globals
  }

  func module(_ statements: [Stmt], echo: Bool) throws(PyError) -> [StmtNode] {
    var nodes: [StmtNode] = []
    for (k, s) in statements.enumerated() {
      if echo, k == statements.count - 1, case .expression(let e, let span) = s {
        nodes.append(ExprStmt(try expr(e), echo: true, span))
      } else {
        nodes.append(try stmt(s))
      }
    }
    return nodes
  }

  // MARK: Names

  func load(_ name: String, _ span: Span) -> Node {
    for scope in comprehensionScopes.reversed() {
      if let t = scope[name] {
        switch t {
        case .local(let slot): return LocalNode(slot, name, span)
        case .global(let slot): return GlobalNode(slot, name, builtin: nil, span)
        default: break
        }
      }
    }
    if !declaredGlobal.contains(name) {
      if let cell = cells[name] { return CellNode(cell, name, span) }
      if let slot = locals?[name] { return LocalNode(slot, name, span) }
      if let free = resolveFree(name) { return FreeNode(free, name, span) }
    }
    return GlobalNode(
      globals.slot(name), name, builtin: interpreter.builtins[name], localNames: localOrder, span)
  }

  func store(_ name: String) -> Target {
    for scope in comprehensionScopes.reversed() {
      if let t = scope[name] { return t }
    }
    return storeOutsideComprehensions(name)
  }

  /// Where `name := ...` binds: the enclosing function or module, even inside a comprehension.
  func storeOutsideComprehensions(_ name: String) -> Target {
    if !declaredGlobal.contains(name) {
      if let cell = cells[name] { return .cell(cell) }
      if let slot = locals?[name] { return .local(slot) }
      if let free = resolveFree(name) { return .free(free) }
    }
    return .global(globals.slot(name))
  }

  /// A name bound in an enclosing function: captured by closure index (and, transitively, by
  /// every function in between).
  func resolveFree(_ name: String) -> Int? {
    if let i = frees[name] { return i }
    guard let parent, parent.locals != nil, !parent.declaredGlobal.contains(name) else { return nil }
    if parent.isClassBody {
      guard parent.resolveFree(name) != nil else { return nil }
    } else {
      guard parent.cells[name] != nil || parent.resolveFree(name) != nil else { return nil }
    }
    frees[name] = freeOrder.count
    freeOrder.append(name)
    return freeOrder.count - 1
  }

  /// Where each captured name comes from in the defining frame: its cell or its own closure.
  func closureSources(for child: Compiler) -> [CaptureSource] {
    child.freeOrder.map { name in
      if let c = cells[name] { return .cell(c) }
      return .free(frees[name] ?? 0)
    }
  }

  /// A fresh hidden slot for a comprehension variable.
  func hiddenTarget(_ name: String) -> Target {
    hiddenCount += 1
    if locals != nil {
      let slot = slotCount
      slotCount += 1
      return .local(slot)
    }
    return .global(globals.slot("\u{0}comprehension\(hiddenCount).\(name)"))
  }

  func target(_ e: Expr) throws(PyError) -> Target {
    switch e {
    case .name(let n, _): return store(n)
    case .attribute(let o, let name, _): return .attribute(try expr(o), mangle(name))
    case .index(let o, let i, let span): return .item(try expr(o), try expr(i), span, interpreter)
    case .tuple(let items, let span), .list(let items, let span):
      var targets: [Target] = []
      var starred: Int?
      for (k, item) in items.enumerated() {
        if case .starred(let inner, let span) = item {
          if starred != nil { throw .syntax("multiple starred expressions in assignment", source, span) }
          starred = k
          targets.append(try target(inner))
        } else {
          targets.append(try target(item))
        }
      }
      return .unpack(targets, starred: starred, span)
    default:
      throw .syntax("cannot assign to expression", source, e.span)
    }
  }

  // MARK: Statements

  func block(_ statements: [Stmt]?) throws(PyError) -> [StmtNode] {
    var nodes: [StmtNode] = []
    for s in statements ?? [] { nodes.append(try stmt(s)) }
    return nodes
  }

  func pattern(_ p: Pattern) throws(PyError) -> MatchStmt.CompiledPattern {
    switch p {
    case .wildcard: return .wildcard
    case .capture(let n): return .capture(store(n))
    case .value(let e):
      if case .constant(let c, _) = e, c != .ellipsis { return .value(try expr(e), identity: true) }
      return .value(try expr(e), identity: false)
    case .star(let n): return .star(n.map { store($0) })
    case .sequence(let items, let star):
      var out: [MatchStmt.CompiledPattern] = []
      for item in items { out.append(try pattern(item)) }
      return .sequence(out, star: star)
    case .mapping(let items, let rest):
      var out: [(Node, MatchStmt.CompiledPattern)] = []
      for (k, v) in items { out.append((try expr(k), try pattern(v))) }
      return .mapping(out, rest: rest.map { store($0) })
    case .classPattern(let cls, let positional, let keywords):
      var ps: [MatchStmt.CompiledPattern] = []
      for q in positional { ps.append(try pattern(q)) }
      var ks: [(String, MatchStmt.CompiledPattern)] = []
      for (n, q) in keywords { ks.append((n, try pattern(q))) }
      return .cls(try expr(cls), ps, ks)
    case .or(let alternatives):
      var out: [MatchStmt.CompiledPattern] = []
      for a in alternatives { out.append(try pattern(a)) }
      return .or(out)
    case .bind(let inner, let n): return .bind(try pattern(inner), store(n))
    }
  }

  /// A loop's body, where `break` and `continue` are allowed.
  private func loopBody(_ body: [Stmt]) throws(PyError) -> [StmtNode] {
    loopDepth += 1
    defer { loopDepth -= 1 }
    return try block(body)
  }

  func stmt(_ s: Stmt) throws(PyError) -> StmtNode {
    switch s {
    case .expression(let e, let span):
      return ExprStmt(try expr(e), echo: false, span)
    case .assign(let targets, let value, let span):
      var ts: [Target] = []
      for t in targets { ts.append(try target(t)) }
      return AssignStmt(ts, try expr(value), span)
    case .annotated(let t, let value, let span):
      guard let value else { return FlowStmt(.normal, span) }
      return AssignStmt([try target(t)], try expr(value), span)
    case .augmented(let t, let op, let value, let opSpan, let span):
      guard let binary = BinaryOp(rawValue: op) else {
        throw .syntax("invalid syntax", source, opSpan)
      }
      return AugAssignStmt(
        try target(t), read: try expr(t), binary, try expr(value), opSpan: opSpan, interpreter: interpreter, span)
    case .pass(let span): return FlowStmt(.normal, span)
    case .breakLoop(let span):
      if loopDepth == 0 { throw .syntax("'break' outside loop", source, span) }
      return FlowStmt(.breakLoop, span)
    case .continueLoop(let span):
      if loopDepth == 0 { throw .syntax("'continue' not properly in loop", source, span) }
      return FlowStmt(.continueLoop, span)
    case .returnValue(let value, let span):
      if locals == nil { throw .syntax("'return' outside function", source, span) }
      return ReturnStmt(try value.map { (v) throws(PyError) -> Node in try expr(v) }, span)
    case .ifElse(let branches, let orElse, let span):
      var compiled: [(Node, [StmtNode])] = []
      for (c, body) in branches { compiled.append((try expr(c), try block(body))) }
      return IfStmt(compiled, try block(orElse), span)
    case .whileLoop(let c, let body, let orElse, let span):
      return WhileStmt(try expr(c), try loopBody(body), try block(orElse), interrupt: interpreter.interrupt, span)
    case .forLoop(let t, let iterable, let body, let orElse, let span):
      return ForStmt(
        try target(t), try expr(iterable), try loopBody(body), try block(orElse), interrupt: interpreter.interrupt,
        span)
    case .function(let name, let parameters, let body, let decorators, let span):
      let make = try functionMaker(name: name, parameters, body)
      let decoratorNodes = try exprs(decorators)
      let interpreter = self.interpreter
      return DefStmt(
        store(name),
        make: { (f: Frame) throws(PyError) -> Value in
          var value = try make(f)
          for d in decoratorNodes.reversed() { value = try interpreter.call(try d.eval(f), [value]) }
          return value
        }, span)
    case .classDef(let name, let bases, let body, let decorators, let span):
      return ClassStmt(
        name: name, bases: try exprs(bases), decorators: try exprs(decorators), body: try classBody(name, body),
        target: store(name), interpreter: interpreter, span)
    case .importModule(let modules, let span):
      var bindings: [(path: String, target: Target, bindTop: Bool)] = []
      for (path, alias) in modules {
        let name = alias ?? String(path.split(separator: ".")[0])
        bindings.append((path, store(name), alias == nil && path.contains(".")))
      }
      return ImportStmt(bindings, interpreter, span)
    case .importFrom(let module, let names, let span):
      if names.count == 1 && names[0].name == "*" {
        if locals != nil { throw .syntax("import * only allowed at module level", source, span) }
        return ImportStarStmt(module, interpreter, span)
      }
      return FromImportStmt(module, names.map { ($0.name, store($0.alias ?? $0.name)) }, interpreter, span)
    case .global(let names, _):
      declaredGlobal.formUnion(names)
      return FlowStmt(.normal, s.span)
    case .nonlocal(_, let span):
      if locals == nil { throw .syntax("nonlocal declaration not allowed at module level", source, span) }
      return FlowStmt(.normal, span)
    case .with(let items, let body, let span):
      var compiled: [(Node, Target?)] = []
      for (context, target) in items {
        compiled.append((try expr(context), try target.map { (t) throws(PyError) -> Target in try self.target(t) }))
      }
      return WithStmt(compiled, try block(body), interpreter: interpreter, span)
    case .raise(let exception, let cause, let span):
      return RaiseStmt(try optional(exception), cause: try optional(cause), span)
    case .tryExcept(let body, let handlers, let orElse, let finally, let span):
      var compiled: [TryStmt.Handler] = []
      for h in handlers {
        compiled.append(
          TryStmt.Handler(types: try optional(h.type), name: h.name.map { store($0) }, body: try block(h.body)))
      }
      return TryStmt(try block(body), compiled, try block(orElse), try block(finally), span)
    case .delete(let targets, let span):
      var items: [DeleteStmt.Item] = []
      for t in targets {
        switch t {
        case .name(let n, _):
          switch store(n) {
          case .local(let slot): items.append(.local(slot, n))
          case .global(let slot): items.append(.global(slot, n))
          default: throw .syntax("cannot delete a captured variable", source, t.span)
          }
        case .index(let o, let i, _): items.append(.item(try expr(o), try expr(i)))
        case .attribute(let o, let name, _): items.append(.attribute(try expr(o), mangle(name)))
        case .tuple(let inner, _), .list(let inner, _):
          for e in inner {
            if let node = try stmt(.delete([e], span)) as? DeleteStmt { items.append(contentsOf: node.items) }
          }
        default: throw .syntax("cannot delete \(Compiler.describe(t))", source, t.span)
        }
      }
      return DeleteStmt(items, span)
    case .match(let subject, let cases, let span):
      var compiled: [MatchStmt.Case] = []
      for c in cases {
        compiled.append(
          MatchStmt.Case(
            pattern: try pattern(c.pattern), guardNode: try optional(c.guardExpr), body: try block(c.body)))
      }
      return MatchStmt(try expr(subject), compiled, span)
    case .assert(let test, let message, let span):
      return AssertStmt(try expr(test), try message.map { (m) throws(PyError) -> Node in try expr(m) }, span)
    }
  }

  func functionDef(name: String, _ parameters: Parameters, _ body: [Stmt], _ span: Span) throws(PyError) -> StmtNode {
    let make = try functionMaker(name: name, parameters, body)
    return DefStmt(store(name), make: make, span)
  }

  /// Compiles a function body once; the returned closure makes the function object when
  /// `def` (or `lambda`) runs, evaluating defaults and capturing cells then.
  func functionMaker(
    name: String, _ parameters: Parameters, _ body: [Stmt]
  ) throws(PyError)
    -> (Frame) throws(PyError) -> Value
  {
    let nested = Compiler(interpreter: interpreter, source: source, globals: globals)
    nested.functionName = name
    nested.parent = self
    nested.className = className
    var slots: [String: Int] = [:]
    var order: [String] = []
    func add(_ n: String) {
      if slots[n] == nil {
        slots[n] = order.count
        order.append(n)
      }
    }
    for p in parameters.positional { add(p.name) }
    for p in parameters.keywordOnly { add(p.name) }
    if let v = parameters.varArgs { add(v) }
    if let v = parameters.varKeywords { add(v) }
    let globalsDeclared = Scan.globals(body)
    let nonlocals = Scan.nonlocals(body)
    for n in Scan.assignedNames(body) where !globalsDeclared.contains(n) && !nonlocals.contains(n) { add(n) }
    // Locals that an inner function or lambda refers to become cells.
    let captured = Scan.namesUsedInNestedFunctions(body)
    var cellParameters: [(slot: Int, cell: Int)] = []
    for n in order where captured.contains(n) {
      let cell = nested.cells.count
      nested.cells[n] = cell
      if let slot = slots[n],
        slot < parameters.positional.count + parameters.keywordOnly.count
          + (parameters.varArgs == nil ? 0 : 1) + (parameters.varKeywords == nil ? 0 : 1)
      {
        cellParameters.append((slot, cell))
      }
    }
    nested.locals = slots
    nested.localOrder = order
    nested.slotCount = order.count
    nested.declaredGlobal = globalsDeclared
    for n in nonlocals where nested.resolveFree(n) == nil {
      throw .syntax("no binding for nonlocal '\(n)' found", source, Span(0, 0))
    }
    var doc: String?
    var statements = body
    if case .expression(.string(let text, _), _)? = body.first {
      doc = text
      statements.removeFirst()
    }
    let compiledBody = try nested.block(statements)
    var defaultNodes: [Node?] = []
    for p in parameters.positional {
      defaultNodes.append(try p.defaultValue.map { (d) throws(PyError) -> Node in try expr(d) })
    }
    var keywordDefaults: [(String, Node?)] = []
    for p in parameters.keywordOnly {
      keywordDefaults.append((p.name, try p.defaultValue.map { (d) throws(PyError) -> Node in try expr(d) }))
    }
    let shape = Function.Shape(
      name: name, parameters: parameters.positional.map(\.name),
      varArgs: parameters.varArgs.flatMap { slots[$0] }, varKeywords: parameters.varKeywords.flatMap { slots[$0] },
      slotCount: nested.slotCount, cellCount: nested.cells.count, cellParameters: cellParameters,
      body: compiledBody, globals: globals, source: source, doc: doc)
    let captures = closureSources(for: nested)
    return { (f: Frame) throws(PyError) -> Value in
      var defaults: [Value?] = []
      for d in defaultNodes { defaults.append(try d?.eval(f)) }
      var keywordOnly: [(String, Value?)] = []
      for (n, d) in keywordDefaults { keywordOnly.append((n, try d?.eval(f))) }
      let closure = captures.map { source -> Cell in
        switch source {
        case .cell(let i): f.cells[i]
        case .free(let i): f.closure[i]
        }
      }
      return .function(Function(shape: shape, defaults: defaults, keywordOnly: keywordOnly, closure: closure))
    }
  }

  /// Compiles a class body once; the closure runs it and returns the names it bound.
  func classBody(_ name: String, _ body: [Stmt]) throws(PyError) -> (Frame) throws(PyError) -> [String: Value] {
    let nested = Compiler(interpreter: interpreter, source: source, globals: globals)
    nested.functionName = name
    nested.parent = self
    nested.className = className
    nested.isClassBody = true
    nested.className = name
    var slots: [String: Int] = [:]
    var order: [String] = []
    let globalsDeclared = Scan.globals(body)
    for n in Scan.assignedNames(body) where !globalsDeclared.contains(n) && slots[n] == nil {
      slots[n] = order.count
      order.append(n)
    }
    nested.locals = slots
    nested.localOrder = order
    nested.slotCount = order.count
    nested.declaredGlobal = globalsDeclared
    var statements = body
    var doc: Value?
    if case .expression(.string(let text, _), _)? = body.first {
      doc = .str(text)
      statements.removeFirst()
    }
    let compiled = try nested.block(statements)
    let captures = closureSources(for: nested)
    let globals = self.globals
    let source = self.source
    return { (f: Frame) throws(PyError) -> [String: Value] in
      let closure = captures.map { c -> Cell in
        switch c {
        case .cell(let i): f.cells[i]
        case .free(let i): f.closure[i]
        }
      }
      let frame = Frame(slots: nested.slotCount, closure: closure, globals: globals, function: name, source: source)
      for s in compiled { _ = try s.exec(frame) }
      var attributes: [String: Value] = [:]
      for (n, slot) in slots { if let v = frame.locals[slot] { attributes[n] = v } }
      if let doc { attributes["__doc__"] = doc }
      return attributes
    }
  }

  /// `[element for target in iterable if condition ...]` (and set, dict, generator forms),
  /// run inline with its variables in hidden slots.
  func comprehension(
    _ kind: Expr.ComprehensionKind, _ element: Expr, _ value: Expr?, _ clauses: [ComprehensionFor], _ span: Span
  ) throws(PyError) -> Node {
    var compiled: [ComprehensionNode.Clause] = []
    var pushed = 0
    defer { comprehensionScopes.removeLast(pushed) }
    for clause in clauses {
      // The iterable is evaluated in the scope outside this clause's variables.
      let iterable = try expr(clause.iterable)
      var scope: [String: Target] = [:]
      for n in Scan.targetNames(clause.target) { scope[n] = hiddenTarget(n) }
      comprehensionScopes.append(scope)
      pushed += 1
      let target = try self.target(clause.target)
      compiled.append(
        ComprehensionNode.Clause(target: target, iterable: iterable, conditions: try exprs(clause.conditions)))
    }
    let elementNode = try expr(element)
    let valueNode = try value.map { (v) throws(PyError) -> Node in try expr(v) }
    return ComprehensionNode(kind, elementNode, valueNode, compiled, interrupt: interpreter.interrupt, span)
  }

  // MARK: Expressions

  func expr(_ e: Expr) throws(PyError) -> Node {
    switch e {
    case .name(let n, let span): return load(n, span)
    case .int(let v, let span): return ConstantNode(.int(v), span)
    case .bigInt(_, let span):
      throw PyError("OverflowError", "integer literal too large for nn's 64-bit int").at(span)
    case .float(let v, let span): return ConstantNode(.float(v), span)
    case .string(let s, let span): return ConstantNode(.str(s), span)
    case .fstring(let parts, let span): return FStringNode(try fparts(parts), span)
    case .constant(let c, let span):
      switch c {
      case .none: return ConstantNode(.none, span)
      case .true: return ConstantNode(.bool(true), span)
      case .false: return ConstantNode(.bool(false), span)
      case .ellipsis: return ConstantNode(.ellipsis, span)
      }
    case .list(let items, let span): return ListNode(try exprs(items), isTuple: false, span)
    case .tuple(let items, let span): return ListNode(try exprs(items), isTuple: true, span)
    case .dict(let pairs, let span):
      var keys: [Node] = []
      var values: [Node] = []
      for (k, v) in pairs {
        if case .starred(let mapping, let starSpan) = k {
          let node = StarNode(try expr(mapping), starSpan)
          keys.append(node)
          values.append(node)
        } else {
          keys.append(try expr(k))
          values.append(try expr(v))
        }
      }
      return DictNode(keys, values, span)
    case .namedExpr(let name, let value, let span):
      return NamedExprNode(storeOutsideComprehensions(name), try expr(value), span)
    case .set(let items, let span): return SetNode(try exprs(items), span)
    case .unary(let op, let operand, let span): return UnaryNode(op, try expr(operand), span)
    case .binary(let op, let l, let r, let opSpan, let span):
      guard let binary = BinaryOp(rawValue: op) else { throw .syntax("invalid syntax", source, opSpan) }
      return BinaryNode(binary, try expr(l), try expr(r), opSpan: opSpan, interpreter: interpreter, span)
    case .boolOp(let op, let l, let r, let span):
      return BoolOpNode(isAnd: op == "and", try expr(l), try expr(r), span)
    case .compare(let operands, let ops, let span): return CompareNode(try exprs(operands), ops, span)
    case .ifElse(let c, let t, let o, let span): return IfElseNode(try expr(c), try expr(t), try expr(o), span)
    case .call(.name("super", _), let arguments, let span) where arguments.isEmpty && locals != nil && !isClassBody:
      return SuperNode(span)
    case .call(let callee, let arguments, let span):
      var positional: [Node] = []
      var keywords: [(String, Node)] = []
      var hasStar = false
      for a in arguments {
        switch a.kind {
        case .positional: positional.append(try expr(a.value))
        case .keyword(let k): keywords.append((k, try expr(a.value)))
        case .star:
          hasStar = true
          positional.append(StarNode(try expr(a.value), a.value.span))
        case .doubleStar: keywords.append(("**", StarNode(try expr(a.value), a.value.span)))
        }
      }
      // `locals()` and `vars()` read the running frame, which builtins cannot see.
      if case .name(let n, _) = callee, n == "locals" || n == "vars", arguments.isEmpty, isBuiltinName(n) {
        return LocalsNode(locals == nil ? nil : localOrder, span)
      }
      if case .attribute(let object, let name, _) = callee, !hasStar {
        return MethodCallNode(
          try expr(object), mangle(name), try expr(callee), positional, keywords, interpreter: interpreter, span)
      }
      return CallNode(try expr(callee), positional, keywords, hasStar: hasStar, interpreter: interpreter, span)
    case .attribute(let o, let name, let span): return AttributeNode(try expr(o), mangle(name), span)
    case .index(let o, let i, let span): return SubscriptNode(try expr(o), try expr(i), span)
    case .slice(let lo, let hi, let st, let span):
      return SliceNode(try optional(lo), try optional(hi), try optional(st), span)
    case .starred(let inner, let span): return StarNode(try expr(inner), span)
    case .lambda(let parameters, let body, let span):
      let make = try functionMaker(name: "<lambda>", parameters, [.returnValue(body, body.span)])
      return LambdaNode(make, span)
    case .comprehension(let kind, let element, let value, let clauses, let span):
      return try comprehension(kind, element, value, clauses, span)
    }
  }

  func optional(_ e: Expr?) throws(PyError) -> Node? {
    guard let e else { return nil }
    return try expr(e)
  }

  func exprs(_ items: [Expr]) throws(PyError) -> [Node] {
    var nodes: [Node] = []
    for item in items { nodes.append(try expr(item)) }
    return nodes
  }

  func fparts(_ parts: [FPart]) throws(PyError) -> [FStringNode.Part] {
    var result: [FStringNode.Part] = []
    for p in parts {
      switch p {
      case .text(let s): result.append(.text(s))
      case .value(let e, let conversion, let spec, let prefix):
        result.append(
          .value(
            try expr(e), conversion: conversion,
            spec: try spec.map { (s) throws(PyError) -> [FStringNode.Part] in try fparts(s) }, prefix: prefix))
      }
    }
    return result
  }
}

/// Walks a function body (not into nested functions) for the names it binds.
enum Scan {
  static func assignedNames(_ body: [Stmt]) -> [String] {
    var names: [String] = []
    func targets(_ e: Expr) {
      switch e {
      case .name(let n, _): names.append(n)
      case .tuple(let items, _), .list(let items, _): items.forEach(targets)
      case .starred(let inner, _): targets(inner)
      default: break
      }
    }
    func visit(_ s: Stmt) {
      // `name := value` anywhere in the statement's expressions binds a local too.
      forEachExpr(s) { e in
        Scan.visit(e) { if case .namedExpr(let n, _, _) = $0 { names.append(n) } }
      }
      switch s {
      case .assign(let ts, _, _): ts.forEach(targets)
      case .augmented(let t, _, _, _, _), .annotated(let t, _, _): targets(t)
      case .forLoop(let t, _, let body, let orElse, _):
        targets(t)
        body.forEach(visit)
        orElse?.forEach(visit)
      case .whileLoop(_, let body, let orElse, _):
        body.forEach(visit)
        orElse?.forEach(visit)
      case .ifElse(let branches, let orElse, _):
        branches.forEach { $0.1.forEach(visit) }
        orElse?.forEach(visit)
      case .function(let name, _, _, _, _), .classDef(let name, _, _, _, _): names.append(name)
      case .importModule(let modules, _):
        for m in modules { names.append(m.alias ?? String(m.path.split(separator: ".")[0])) }
      case .importFrom(_, let items, _): for i in items { names.append(i.alias ?? i.name) }
      case .tryExcept(let body, let handlers, let orElse, let finally, _):
        body.forEach(visit)
        for h in handlers {
          if let n = h.name { names.append(n) }
          h.body.forEach(visit)
        }
        orElse?.forEach(visit)
        finally?.forEach(visit)
      case .with(let items, let body, _):
        for (_, t) in items { if let t { targets(t) } }
        body.forEach(visit)
      case .match(_, let cases, _):
        for c in cases {
          names.append(contentsOf: c.pattern.names)
          c.body.forEach(visit)
        }
      default: break
      }
    }
    body.forEach(visit)
    return names
  }

  static func targetNames(_ e: Expr) -> [String] {
    switch e {
    case .name(let n, _): return [n]
    case .tuple(let items, _), .list(let items, _): return items.flatMap(targetNames)
    case .starred(let inner, _): return targetNames(inner)
    default: return []
    }
  }

  static func nonlocals(_ body: [Stmt]) -> Set<String> {
    var names: Set<String> = []
    walk(body) { s in
      if case .nonlocal(let ns, _) = s { names.formUnion(ns) }
    }
    return names
  }

  /// Every name mentioned inside functions and lambdas nested in `body` (an over-estimate of
  /// what they capture: a local that is mentioned there becomes a cell).
  static func namesUsedInNestedFunctions(_ body: [Stmt]) -> Set<String> {
    var names: Set<String> = []
    func allNames(_ statements: [Stmt]) {
      walk(statements, intoFunctions: true) { s in
        if case .nonlocal(let ns, _) = s { names.formUnion(ns) }
        forEachExpr(s) { e in collectNames(e, into: &names) }
      }
    }
    walk(body, intoFunctions: false) { s in
      if case .function(_, _, let inner, _, _) = s { allNames(inner) }
      forEachExpr(s) { e in
        forEachLambda(e) { body in collectNames(body, into: &names) }
      }
    }
    return names
  }

  static func collectNames(_ e: Expr, into names: inout Set<String>) {
    visit(e) { if case .name(let n, _) = $0 { names.insert(n) } }
  }

  static func forEachLambda(_ e: Expr, _ body: (Expr) -> Void) {
    visit(e) { if case .lambda(_, let b, _) = $0 { body(b) } }
  }

  /// Calls `f` on `e` and every expression inside it.
  static func visit(_ e: Expr, _ f: (Expr) -> Void) {
    f(e)
    switch e {
    case .list(let items, _), .tuple(let items, _), .set(let items, _): items.forEach { visit($0, f) }
    case .dict(let pairs, _):
      pairs.forEach {
        visit($0.0, f)
        visit($0.1, f)
      }
    case .unary(_, let x, _), .attribute(let x, _, _), .starred(let x, _), .namedExpr(_, let x, _): visit(x, f)
    case .binary(_, let l, let r, _, _), .boolOp(_, let l, let r, _), .index(let l, let r, _):
      visit(l, f)
      visit(r, f)
    case .compare(let items, _, _): items.forEach { visit($0, f) }
    case .ifElse(let a, let b, let c, _): [a, b, c].forEach { visit($0, f) }
    case .call(let callee, let args, _):
      visit(callee, f)
      args.forEach { visit($0.value, f) }
    case .slice(let a, let b, let c, _): [a, b, c].compactMap { $0 }.forEach { visit($0, f) }
    case .lambda(let p, let body, _):
      (p.positional + p.keywordOnly).compactMap(\.defaultValue).forEach { visit($0, f) }
      visit(body, f)
    case .comprehension(_, let element, let value, let clauses, _):
      visit(element, f)
      if let value { visit(value, f) }
      for c in clauses {
        visit(c.target, f)
        visit(c.iterable, f)
        c.conditions.forEach { visit($0, f) }
      }
    case .fstring(let parts, _):
      func parts_(_ ps: [FPart]) {
        for p in ps {
          if case .value(let x, _, let spec, _) = p {
            visit(x, f)
            if let spec { parts_(spec) }
          }
        }
      }
      parts_(parts)
    default: break
    }
  }

  /// The expressions directly in a statement (not in its nested blocks).
  static func forEachExpr(_ s: Stmt, _ f: (Expr) -> Void) {
    switch s {
    case .expression(let e, _): f(e)
    case .assign(let ts, let v, _):
      ts.forEach(f)
      f(v)
    case .augmented(let t, _, let v, _, _):
      f(t)
      f(v)
    case .annotated(let t, let v, _):
      f(t)
      if let v { f(v) }
    case .returnValue(let v, _): if let v { f(v) }
    case .ifElse(let branches, _, _): branches.forEach { f($0.0) }
    case .whileLoop(let c, _, _, _): f(c)
    case .forLoop(let t, let i, _, _, _):
      f(t)
      f(i)
    case .delete(let ts, _): ts.forEach(f)
    case .assert(let t, let m, _):
      f(t)
      if let m { f(m) }
    case .raise(let e, let c, _):
      if let e { f(e) }
      if let c { f(c) }
    case .with(let items, _, _):
      for (c, t) in items {
        f(c)
        if let t { f(t) }
      }
    case .function(_, let p, _, let decorators, _):
      (p.positional + p.keywordOnly).compactMap(\.defaultValue).forEach(f)
      decorators.forEach(f)
    case .classDef(_, let bases, _, let decorators, _):
      bases.forEach(f)
      decorators.forEach(f)
    case .tryExcept(_, let handlers, _, _, _): handlers.compactMap(\.type).forEach(f)
    case .match(let subject, let cases, _):
      f(subject)
      cases.compactMap(\.guardExpr).forEach(f)
    default: break
    }
  }

  /// Calls `f` on every statement in `body` and its nested blocks (and, unless told not to,
  /// inside nested function bodies).
  static func walk(_ body: [Stmt], intoFunctions: Bool = false, _ f: (Stmt) -> Void) {
    for s in body {
      f(s)
      switch s {
      case .ifElse(let branches, let orElse, _):
        branches.forEach { walk($0.1, intoFunctions: intoFunctions, f) }
        walk(orElse ?? [], intoFunctions: intoFunctions, f)
      case .whileLoop(_, let b, let e, _), .forLoop(_, _, let b, let e, _):
        walk(b, intoFunctions: intoFunctions, f)
        walk(e ?? [], intoFunctions: intoFunctions, f)
      case .tryExcept(let b, let handlers, let e, let fin, _):
        walk(b, intoFunctions: intoFunctions, f)
        handlers.forEach { walk($0.body, intoFunctions: intoFunctions, f) }
        walk(e ?? [], intoFunctions: intoFunctions, f)
        walk(fin ?? [], intoFunctions: intoFunctions, f)
      case .with(_, let b, _): walk(b, intoFunctions: intoFunctions, f)
      case .match(_, let cases, _): cases.forEach { walk($0.body, intoFunctions: intoFunctions, f) }
      case .function(_, _, let b, _, _): if intoFunctions { walk(b, intoFunctions: true, f) }
      case .classDef(_, _, let b, _, _): walk(b, intoFunctions: intoFunctions, f)
      default: break
      }
    }
  }

  static func globals(_ body: [Stmt]) -> Set<String> {
    var names: Set<String> = []
    func visit(_ s: Stmt) {
      switch s {
      case .global(let ns, _): names.formUnion(ns)
      case .forLoop(_, _, let body, _, _), .whileLoop(_, let body, _, _): body.forEach(visit)
      case .ifElse(let branches, let orElse, _):
        branches.forEach { $0.1.forEach(visit) }
        orElse?.forEach(visit)
      default: break
      }
    }
    body.forEach(visit)
    return names
  }
}

/// Resolves names to slots and turns the syntax tree into evaluation nodes, once.
final class Compiler {
  let interpreter: Interpreter
  let source: Source
  /// The local slots of the function being compiled; nil at module level.
  private var locals: [String: Int]?
  private var declaredGlobal: Set<String> = []
  private var slotCount = 0
  private var functionName = "<module>"

  init(interpreter: Interpreter, source: Source) {
    self.interpreter = interpreter
    self.source = source
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
    if let slot = locals?[name], !declaredGlobal.contains(name) { return LocalNode(slot, name, span) }
    return GlobalNode(interpreter.globals.slot(name), name, builtin: interpreter.builtins[name], span)
  }

  func store(_ name: String) -> Target {
    if let slot = locals?[name], !declaredGlobal.contains(name) { return .local(slot) }
    return .global(interpreter.globals.slot(name))
  }

  func target(_ e: Expr) throws(PyError) -> Target {
    switch e {
    case .name(let n, _): return store(n)
    case .attribute(let o, let name, _): return .attribute(try expr(o), name)
    case .index(let o, let i, let span): return .item(try expr(o), try expr(i), span)
    case .tuple(let items, _), .list(let items, _):
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
      return .unpack(targets, starred: starred)
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
      return AugAssignStmt(try target(t), read: try expr(t), binary, try expr(value), opSpan: opSpan, span)
    case .pass(let span): return FlowStmt(.normal, span)
    case .breakLoop(let span): return FlowStmt(.breakLoop, span)
    case .continueLoop(let span): return FlowStmt(.continueLoop, span)
    case .returnValue(let value, let span):
      if locals == nil { throw .syntax("'return' outside function", source, span) }
      return ReturnStmt(try value.map { (v) throws(PyError) -> Node in try expr(v) }, span)
    case .ifElse(let branches, let orElse, let span):
      var compiled: [(Node, [StmtNode])] = []
      for (c, body) in branches { compiled.append((try expr(c), try block(body))) }
      return IfStmt(compiled, try block(orElse), span)
    case .whileLoop(let c, let body, let orElse, let span):
      return WhileStmt(try expr(c), try block(body), try block(orElse), interrupt: interpreter.interrupt, span)
    case .forLoop(let t, let iterable, let body, let orElse, let span):
      return ForStmt(
        try target(t), try expr(iterable), try block(body), try block(orElse), interrupt: interpreter.interrupt, span)
    case .function(let name, let parameters, let body, let decorators, let span):
      if !decorators.isEmpty { throw .syntax("decorators are not supported yet", source, span) }
      return try functionDef(name: name, parameters, body, span)
    case .importModule(let modules, let span):
      var bindings: [(path: String, target: Target, bindTop: Bool)] = []
      for (path, alias) in modules {
        let name = alias ?? String(path.split(separator: ".")[0])
        bindings.append((path, store(name), alias == nil && path.contains(".")))
      }
      return ImportStmt(bindings, interpreter, span)
    case .importFrom(let module, let names, let span):
      if names.count == 1 && names[0].name == "*" {
        throw .syntax("'import *' is not supported", source, span)
      }
      return FromImportStmt(module, names.map { ($0.name, store($0.alias ?? $0.name)) }, interpreter, span)
    case .global(let names, _):
      declaredGlobal.formUnion(names)
      return FlowStmt(.normal, s.span)
    case .assert(let test, let message, let span):
      return AssertStmt(try expr(test), try message.map { (m) throws(PyError) -> Node in try expr(m) }, span)
    default:
      throw .syntax("this statement is not supported yet", source, s.span)
    }
  }

  func functionDef(name: String, _ parameters: Parameters, _ body: [Stmt], _ span: Span) throws(PyError) -> StmtNode {
    let nested = Compiler(interpreter: interpreter, source: source)
    nested.functionName = name
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
    for n in Scan.assignedNames(body) where !globalsDeclared.contains(n) { add(n) }
    nested.locals = slots
    nested.declaredGlobal = globalsDeclared
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
    let positional = parameters.positional.map(\.name)
    let varArgs = parameters.varArgs.flatMap { slots[$0] }
    let varKeywords = parameters.varKeywords.flatMap { slots[$0] }
    let count = order.count
    let source = self.source
    let globals = interpreter.globals
    return DefStmt(
      store(name),
      make: { (f: Frame) throws(PyError) -> Value in
        var defaults: [Value?] = []
        for d in defaultNodes { defaults.append(try d?.eval(f)) }
        var keywordOnly: [(String, Value?)] = []
        for (n, d) in keywordDefaults { keywordOnly.append((n, try d?.eval(f))) }
        return .function(
          Function(
            name: name, parameters: positional, defaults: defaults, keywordOnly: keywordOnly,
            varArgs: varArgs, varKeywords: varKeywords, slotCount: count, body: compiledBody,
            globals: globals, source: source, doc: doc))
      }, span)
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
      return DictNode(try exprs(pairs.map(\.0)), try exprs(pairs.map(\.1)), span)
    case .unary(let op, let operand, let span): return UnaryNode(op, try expr(operand), span)
    case .binary(let op, let l, let r, let opSpan, let span):
      guard let binary = BinaryOp(rawValue: op) else { throw .syntax("invalid syntax", source, opSpan) }
      return BinaryNode(binary, try expr(l), try expr(r), opSpan: opSpan, span)
    case .boolOp(let op, let l, let r, let span):
      return BoolOpNode(isAnd: op == "and", try expr(l), try expr(r), span)
    case .compare(let operands, let ops, let span): return CompareNode(try exprs(operands), ops, span)
    case .ifElse(let c, let t, let o, let span): return IfElseNode(try expr(c), try expr(t), try expr(o), span)
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
        case .doubleStar: throw .syntax("** arguments are not supported yet", source, a.value.span)
        }
      }
      return CallNode(try expr(callee), positional, keywords, hasStar: hasStar, interpreter: interpreter, span)
    case .attribute(let o, let name, let span): return AttributeNode(try expr(o), name, span)
    case .index(let o, let i, let span): return SubscriptNode(try expr(o), try expr(i), span)
    case .slice(let lo, let hi, let st, let span):
      return SliceNode(try optional(lo), try optional(hi), try optional(st), span)
    case .starred(let inner, let span): return StarNode(try expr(inner), span)
    default:
      throw .syntax("this expression is not supported yet", source, e.span)
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
      default: break
      }
    }
    body.forEach(visit)
    return names
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

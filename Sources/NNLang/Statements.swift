/// Compiled statements.
final class ExprStmt: StmtNode {
  let value: Node
  let echo: Bool
  init(_ value: Node, echo: Bool, _ span: Span) {
    self.value = value
    self.echo = echo
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    let v = try value.eval(f)
    return echo ? .echo(v) : .normal
  }
}

/// Where an assignment stores: a local or global slot, an attribute, an item, or a pattern.
indirect enum Target {
  case local(Int)
  case global(Int)
  case attribute(Node, String)
  /// The object, the index, and the span of the whole `x[...]`.
  case item(Node, Node, Span)
  case unpack([Target], starred: Int?)

  func assign(_ value: Value, _ f: Frame) throws(PyError) {
    switch self {
    case .local(let slot): f.locals[slot] = value
    case .global(let slot): f.globals.values[slot] = value
    case .attribute(let object, let name):
      try Attributes.set(try object.eval(f), name, value)
    case .item(let object, let index, let span):
      let o = try object.eval(f)
      let i = try index.eval(f)
      // CPython marks `x[5] = 1` as `~^^^`: the object, then the brackets.
      do { try Operators.setItem(o, i, value) } catch { throw error.at(span, focus: Span(object.span.end, span.end)) }
    case .unpack(let targets, let starred):
      let items = try Operators.iterate(value)
      if let star = starred {
        let after = targets.count - star - 1
        guard items.count >= targets.count - 1 else {
          throw PyError(
            "ValueError", "not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
        }
        for k in 0..<star { try targets[k].assign(items[k], f) }
        try targets[star].assign(.list(ListBox(Array(items[star..<(items.count - after)]))), f)
        for k in 0..<after { try targets[star + 1 + k].assign(items[items.count - after + k], f) }
        return
      }
      guard items.count == targets.count else {
        if items.count > targets.count {
          throw PyError("ValueError", "too many values to unpack (expected \(targets.count))")
        }
        throw PyError("ValueError", "not enough values to unpack (expected \(targets.count), got \(items.count))")
      }
      for (t, v) in zip(targets, items) { try t.assign(v, f) }
    }
  }
}

final class AssignStmt: StmtNode {
  let targets: [Target]
  let value: Node
  init(_ targets: [Target], _ value: Node, _ span: Span) {
    self.targets = targets
    self.value = value
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    let v = try value.eval(f)
    for t in targets {
      do { try t.assign(v, f) } catch { throw error.at(span) }
    }
    return .normal
  }
}

/// `x op= y`: in place on arrays (every name bound to the array sees it), rebinding otherwise.
final class AugAssignStmt: StmtNode {
  let target: Target
  let read: Node
  let op: BinaryOp
  let value: Node
  let opSpan: Span
  init(_ target: Target, read: Node, _ op: BinaryOp, _ value: Node, opSpan: Span, _ span: Span) {
    self.target = target
    self.read = read
    self.op = op
    self.value = value
    self.opSpan = opSpan
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    // `x[i] += v` evaluates `x` and `i` once, as Python does (`i` may be a random draw).
    if case .item(let object, let index, let itemSpan) = target {
      let o = try object.eval(f)
      let i = try index.eval(f)
      let focus = Span(object.span.end, itemSpan.end)
      let current: Value
      do { current = try Operators.getItem(o, i) } catch { throw error.at(itemSpan, focus: focus) }
      let v = try value.eval(f)
      let result: Value
      do { result = try Operators.inPlace(op, current, v) } catch { throw error.at(span, focus: opSpan) }
      do { try Operators.setItem(o, i, result) } catch { throw error.at(itemSpan, focus: focus) }
      return .normal
    }
    let current = try read.eval(f)
    let v = try value.eval(f)
    let result: Value
    do { result = try Operators.inPlace(op, current, v) } catch { throw error.at(span, focus: opSpan) }
    try target.assign(result, f)
    return .normal
  }
}

final class IfStmt: StmtNode {
  let branches: [(Node, [StmtNode])]
  let orElse: [StmtNode]
  init(_ branches: [(Node, [StmtNode])], _ orElse: [StmtNode], _ span: Span) {
    self.branches = branches
    self.orElse = orElse
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    for (condition, body) in branches {
      let c = try condition.eval(f)
      let t: Bool
      do { t = try Operators.truth(c) } catch { throw error.at(condition.span) }
      if t { return try runBlock(body, f) }
    }
    return try runBlock(orElse, f)
  }
}

@inline(__always)
func runBlock(_ body: [StmtNode], _ f: Frame) throws(PyError) -> Flow {
  for s in body {
    let flow = try s.exec(f)
    if case .normal = flow { continue }
    return flow
  }
  return .normal
}

final class WhileStmt: StmtNode {
  let condition: Node
  let body: [StmtNode]
  let orElse: [StmtNode]
  let interrupt: Interrupt
  init(_ condition: Node, _ body: [StmtNode], _ orElse: [StmtNode], interrupt: Interrupt, _ span: Span) {
    self.condition = condition
    self.body = body
    self.orElse = orElse
    self.interrupt = interrupt
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    while try Operators.truth(try condition.eval(f)) {
      try interrupt.check()
      switch try runBlock(body, f) {
      case .breakLoop: return .normal
      case .returnValue(let v): return .returnValue(v)
      default: continue
      }
    }
    return try runBlock(orElse, f)
  }
}

final class ForStmt: StmtNode {
  let target: Target
  let iterable: Node
  let body: [StmtNode]
  let orElse: [StmtNode]
  let interrupt: Interrupt
  init(_ target: Target, _ iterable: Node, _ body: [StmtNode], _ orElse: [StmtNode], interrupt: Interrupt, _ span: Span)
  {
    self.target = target
    self.iterable = iterable
    self.body = body
    self.orElse = orElse
    self.interrupt = interrupt
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    let source = try iterable.eval(f)
    if case .range(let start, let stop, let step) = source {
      // Ranges run without materializing a list.
      var i = start
      while step > 0 ? i < stop : i > stop {
        try interrupt.check()
        try target.assign(.int(i), f)
        switch try runBlock(body, f) {
        case .breakLoop: return .normal
        case .returnValue(let v): return .returnValue(v)
        default: break
        }
        i += step
      }
      return try runBlock(orElse, f)
    }
    let items: [Value]
    do { items = try Operators.iterate(source) } catch { throw error.at(iterable.span) }
    for item in items {
      try interrupt.check()
      try target.assign(item, f)
      switch try runBlock(body, f) {
      case .breakLoop: return .normal
      case .returnValue(let v): return .returnValue(v)
      default: continue
      }
    }
    return try runBlock(orElse, f)
  }
}

final class FlowStmt: StmtNode {
  let flow: Flow
  init(_ flow: Flow, _ span: Span) {
    self.flow = flow
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow { flow }
}

final class ReturnStmt: StmtNode {
  let value: Node?
  init(_ value: Node?, _ span: Span) {
    self.value = value
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    .returnValue(try value?.eval(f) ?? .none)
  }
}

/// Binds a function object, evaluating its defaults once, when `def` runs.
final class DefStmt: StmtNode {
  let target: Target
  let make: (Frame) throws(PyError) -> Value
  init(_ target: Target, make: @escaping (Frame) throws(PyError) -> Value, _ span: Span) {
    self.target = target
    self.make = make
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    try target.assign(try make(f), f)
    return .normal
  }
}

final class ImportStmt: StmtNode {
  let bindings: [(path: String, target: Target, bindTop: Bool)]
  let interpreter: Interpreter
  init(_ bindings: [(path: String, target: Target, bindTop: Bool)], _ interpreter: Interpreter, _ span: Span) {
    self.bindings = bindings
    self.interpreter = interpreter
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    for b in bindings {
      do {
        let module = try interpreter.importModule(b.path)
        let bound = b.bindTop ? try interpreter.importModule(String(b.path.split(separator: ".")[0])) : module
        try b.target.assign(.module(bound), f)
      } catch { throw error.at(span) }
    }
    return .normal
  }
}

final class FromImportStmt: StmtNode {
  let module: String
  let names: [(name: String, target: Target)]
  let interpreter: Interpreter
  init(_ module: String, _ names: [(name: String, target: Target)], _ interpreter: Interpreter, _ span: Span) {
    self.module = module
    self.names = names
    self.interpreter = interpreter
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    do throws(PyError) {
      let m = try interpreter.importModule(module)
      for (name, target) in names {
        if let v = m.attributes[name] {
          try target.assign(v, f)
        } else if let sub = try? interpreter.importModule(module + "." + name) {
          try target.assign(.module(sub), f)
        } else {
          throw PyError("ImportError", "cannot import name '\(name)' from '\(module)'")
        }
      }
    } catch { throw error.at(span) }
    return .normal
  }
}

final class AssertStmt: StmtNode {
  let test: Node
  let message: Node?
  init(_ test: Node, _ message: Node?, _ span: Span) {
    self.test = test
    self.message = message
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    if try Operators.truth(try test.eval(f)) { return .normal }
    let text = try message.map { (m) throws(PyError) -> String in Repr.str(try m.eval(f)) } ?? ""
    throw PyError("AssertionError", text).at(span)
  }
}

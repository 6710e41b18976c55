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
enum Target {
  case local(Int)
  case global(Int)
  case cell(Int)
  case free(Int)
  case attribute(Node, String)
  /// The object, the index, and the span of the whole `x[...]`.
  case item(Node, Node, Span)
  /// The targets, the starred one's position, and the span CPython marks when counts differ.
  case unpack([Target], starred: Int?, Span)

  /// Removes a name's binding (the `except ... as name` variable after its handler).
  func unbind(_ f: Frame) {
    switch self {
    case .local(let slot): f.locals[slot] = nil
    case .global(let slot): f.globals.values[slot] = nil
    case .cell(let i): f.cells[i].value = nil
    case .free(let i): f.closure[i].value = nil
    default: break
    }
  }

  func assign(_ value: Value, _ f: Frame) throws(PyError) {
    switch self {
    case .local(let slot): f.locals[slot] = value
    case .global(let slot): f.globals.values[slot] = value
    case .cell(let i): f.cells[i].value = value
    case .free(let i): f.closure[i].value = value
    case .attribute(let object, let name):
      try Attributes.set(try object.eval(f), name, value)
    case .item(let object, let index, let span):
      let o = try object.eval(f)
      let i = try index.eval(f)
      // CPython marks `x[5] = 1` as `~^^^`: the object, then the brackets.
      do { try Operators.setItem(o, i, value) } catch { throw error.at(span, focus: Span(object.span.end, span.end)) }
    case .unpack(let targets, let starred, let span):
      let items: [Value]
      do { items = try Operators.iterate(value) } catch {
        guard error.message.hasSuffix("object is not iterable") else { throw error }
        throw PyError("TypeError", "cannot unpack non-iterable \(value.typeName) object").at(span)
      }
      if let star = starred {
        let after = targets.count - star - 1
        guard items.count >= targets.count - 1 else {
          throw PyError(
            "ValueError", "not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))"
          ).at(span)
        }
        for k in 0..<star { try targets[k].assign(items[k], f) }
        try targets[star].assign(.list(ListBox(Array(items[star..<(items.count - after)]))), f)
        for k in 0..<after { try targets[star + 1 + k].assign(items[items.count - after + k], f) }
        return
      }
      guard items.count == targets.count else {
        if items.count > targets.count {
          throw PyError("ValueError", "too many values to unpack (expected \(targets.count))").at(span)
        }
        throw PyError("ValueError", "not enough values to unpack (expected \(targets.count), got \(items.count))")
          .at(span)
      }
      for (t, v) in zip(targets, items) { try t.assign(v, f) }
    }
  }
}

/// A compiled store: a class, so running it copies no enum payload (no retains).
class Store {
  func assign(_ value: Value, _ f: Frame) throws(PyError) {}

  static func make(_ target: Target) -> Store {
    switch target {
    case .local(let slot): LocalStore(slot)
    case .global(let slot): GlobalStore(slot)
    default: GeneralStore(target)
    }
  }
}

final class LocalStore: Store {
  let slot: Int
  init(_ slot: Int) { self.slot = slot }
  override func assign(_ value: Value, _ f: Frame) throws(PyError) { f.locals[slot] = value }
}

final class GlobalStore: Store {
  let slot: Int
  init(_ slot: Int) { self.slot = slot }
  override func assign(_ value: Value, _ f: Frame) throws(PyError) { f.globals.values[slot] = value }
}

final class GeneralStore: Store {
  let target: Target
  init(_ target: Target) { self.target = target }
  override func assign(_ value: Value, _ f: Frame) throws(PyError) { try target.assign(value, f) }
}

final class AssignStmt: StmtNode {
  let targets: [Target]
  let value: Node
  /// The first (usually only) target, compiled; further ones in `more`.
  let first: Store
  let more: [Store]
  init(_ targets: [Target], _ value: Node, _ span: Span) {
    self.targets = targets
    self.value = value
    self.first = targets.first.map(Store.make) ?? Store()
    self.more = targets.dropFirst().map(Store.make)
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    let v = try value.eval(f)
    do { try first.assign(v, f) } catch { throw error.at(span) }
    for t in more {
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
      // CPython marks an augmented assignment as a whole statement, with no operator focus.
      do { result = try Operators.inPlace(op, current, v) } catch { throw error.at(span) }
      do { try Operators.setItem(o, i, result) } catch { throw error.at(itemSpan, focus: focus) }
      return .normal
    }
    let current = try read.eval(f)
    let v = try value.eval(f)
    let result: Value
    do { result = try Operators.inPlace(op, current, v) } catch { throw error.at(span) }
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

extension ForStmt {
  /// A loop over a lazy iterator (`for i in itertools.count():`), taking one item at a time.
  func lazyLoop(_ next: () throws(PyError) -> Value?, _ f: Frame) throws(PyError) -> Flow {
    while true {
      try interrupt.check()
      let item: Value?
      do { item = try next() } catch { throw error.at(iterable.span) }
      guard let item else { break }
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

final class ForStmt: StmtNode {
  let target: Target
  private lazy var store: Store = Store.make(target)
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
        try store.assign(.int(i), f)
        switch try runBlock(body, f) {
        case .breakLoop: return .normal
        case .returnValue(let v): return .returnValue(v)
        default: break
        }
        i += step
      }
      return try runBlock(orElse, f)
    }
    if case .object(let o) = source, let next = o.lazyNext { return try lazyLoop(next, f) }
    let items: [Value]
    do { items = try Operators.iterate(source) } catch { throw error.at(iterable.span) }
    for item in items {
      try interrupt.check()
      try store.assign(item, f)
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
          // CPython names where the module lives; a built-in module has no file.
          let location =
            Builtins.importNote(module)
            ?? (["sys", "time", "itertools", "builtins"].contains(module) ? " (unknown location)" : "")
          throw PyError("ImportError", "cannot import name '\(name)' from '\(module)'\(location)")
        }
      }
    } catch { throw error.at(span) }
    return .normal
  }
}

/// `from module import *`: the module's public names (or its `__all__`) become globals.
final class ImportStarStmt: StmtNode {
  let module: String
  let interpreter: Interpreter
  init(_ module: String, _ interpreter: Interpreter, _ span: Span) {
    self.module = module
    self.interpreter = interpreter
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    do throws(PyError) {
      let m = try interpreter.importModule(module)
      var names: [String]
      if let all = m.attributes["__all__"] {
        names = []
        for v in try Operators.iterate(all) {
          guard case .str(let s) = v else { throw PyError("TypeError", "Item in \(module).__all__ must be str") }
          names.append(s)
        }
      } else {
        names = m.attributes.keys.filter { !$0.hasPrefix("_") }.sorted()
      }
      for name in names {
        guard let v = m.attributes[name] else {
          throw PyError("AttributeError", "module '\(module)' has no attribute '\(name)'")
        }
        f.globals.values[f.globals.slot(name)] = v
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
    throw PyError("AssertionError", text).at(test.span)
  }
}

/// `raise`, `raise X`, `raise X("message")`, `raise ... from cause`.
final class RaiseStmt: StmtNode {
  let exception: Node?
  let cause: Node?
  init(_ exception: Node?, cause: Node?, _ span: Span) {
    self.exception = exception
    self.cause = cause
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    guard let exception else {
      if var active = f.handling {
        active.isReraise = true
        throw active
      }
      throw PyError("RuntimeError", "No active exception to reraise").at(span)
    }
    let v = try exception.eval(f)
    var error = try Raise.error(from: v, interpreter: nil)
    if let cause { try attachCause(try cause.eval(f), to: &error, f) }
    throw error.at(span)
  }

  /// `raise X from Y`: Y becomes `X.__cause__` and is printed first; `from None` hides the context.
  private func attachCause(_ c: Value, to error: inout PyError, _ f: Frame) throws(PyError) {
    if c.isNone {
      error.suppressContext = true
      return
    }
    var causeError = try Raise.error(from: c, interpreter: nil)
    guard causeError.exception != nil else { return }
    if let handled = f.handling, handled.isSame(causeError) {
      causeError = handled.framed(f.source, function: f.function, fallback: span)
    }
    let causeValue = causeError.exceptionValue
    error.exception?.cause = causeValue
    error.exception?.instance?.cause = causeValue
    error.chain = PyError.Chain(causeError, isCause: true)
  }
}

enum Raise {
  /// The error a raised value stands for: an exception object, or a class to instantiate.
  static func error(from v: Value, interpreter: Interpreter?) throws(PyError) -> PyError {
    switch v {
    case .exception(let e):
      var error = PyError(e.type, e.message)
      error.exception = e
      return error
    case .instance(let i) where i.cls.exceptionBase != nil:
      guard let e = i.exceptionObject else { break }
      var error = PyError(i.cls.name, Repr.str(v))
      error.exception = e
      return error
    case .classObject(let cls) where cls.exceptionBase != nil:
      return try error(
        from: try cls.interpreter.instantiate(
          cls, Arguments(positional: [], keywords: [], interpreter: cls.interpreter)), interpreter: interpreter)
    case .builtin(let b) where b.isType && Exceptions.bases[Exceptions.shortName(b.name)] != nil:
      let e = PyException(type: b.name, args: [])
      var error = PyError(b.name, "")
      error.exception = e
      return error
    default: break
    }
    throw PyError("TypeError", "exceptions must derive from BaseException")
  }
}

/// `try` / `except` / `else` / `finally`.
final class TryStmt: StmtNode {
  struct Handler {
    let types: Node?
    let name: Target?
    let body: [StmtNode]
  }
  let body: [StmtNode]
  let handlers: [Handler]
  let orElse: [StmtNode]
  let finally: [StmtNode]

  init(_ body: [StmtNode], _ handlers: [Handler], _ orElse: [StmtNode], _ finally: [StmtNode], _ span: Span) {
    self.body = body
    self.handlers = handlers
    self.orElse = orElse
    self.finally = finally
    super.init(span)
  }

  override func exec(_ f: Frame) throws(PyError) -> Flow {
    let flow: Flow
    do {
      flow = try runProtected(f)
    } catch {
      // `finally` runs on the way out; its own control flow or error wins.
      let after = try runBlock(finally, f)
      if case .normal = after { throw error }
      return after
    }
    let after = try runBlock(finally, f)
    if case .normal = after { return flow }
    return after
  }

  private func runProtected(_ f: Frame) throws(PyError) -> Flow {
    let flow: Flow
    do {
      flow = try runBlock(body, f)
    } catch {
      for handler in handlers where try matches(error, handler, f) {
        var error = error
        // Raised while an outer handler of this frame ran: that exception is its context.
        if error.chain == nil, !error.suppressContext, let outer = f.handling, !outer.isSame(error) {
          error.chain = PyError.Chain(outer.framed(f.source, function: f.function, fallback: span), isCause: false)
        }
        // One exception object, so `raise e` is known to be the handled exception.
        if error.exception == nil, case .exception(let object) = error.exceptionValue { error.exception = object }
        if let name = handler.name { try name.assign(error.exceptionValue, f) }
        let saved = f.handling
        f.handling = error
        defer {
          f.handling = saved
          // As CPython, `except E as name` unbinds the name when the handler ends.
          if let name = handler.name { name.unbind(f) }
        }
        do {
          return try runBlock(handler.body, f)
        } catch var raised {
          if raised.isReraise {
            raised.isReraise = false
          } else if raised.chain == nil, !raised.suppressContext, !raised.isSame(error) {
            raised.chain = PyError.Chain(error.framed(f.source, function: f.function, fallback: span), isCause: false)
          }
          throw raised
        }
      }
      throw error
    }
    if case .normal = flow { return try runBlock(orElse, f) }
    return flow
  }

  private func matches(_ error: PyError, _ handler: Handler, _ f: Frame) throws(PyError) -> Bool {
    guard let types = handler.types else { return true }
    let v = try types.eval(f)
    let candidates: [Value] = v.isTuple ? try Operators.iterate(v) : [v]
    for c in candidates {
      switch c {
      case .builtin(let b) where b.isType:
        let type = error.exception?.base ?? error.type
        if Exceptions.isSubclass(type, of: b.name) { return true }
      case .classObject(let cls):
        if let own = error.exception?.cls, own.isSubclass(of: cls) { return true }
      default:
        throw PyError("TypeError", "catching classes that do not inherit from BaseException is not allowed")
      }
    }
    return false
  }
}

final class DeleteStmt: StmtNode {
  enum Item {
    case local(Int, String)
    case global(Int, String)
    case item(Node, Node)
    case attribute(Node, String)
  }
  let items: [Item]
  init(_ items: [Item], _ span: Span) {
    self.items = items
    super.init(span)
  }
  override func exec(_ f: Frame) throws(PyError) -> Flow {
    for item in items {
      switch item {
      case .local(let slot, let name):
        if f.locals[slot] == nil {
          throw PyError(
            "UnboundLocalError", "cannot access local variable '\(name)' where it is not associated with a value"
          ).at(span)
        }
        f.locals[slot] = nil
      case .global(let slot, let name):
        if f.globals.values[slot] == nil { throw PyError("NameError", "name '\(name)' is not defined").at(span) }
        f.globals.values[slot] = nil
      case .item(let object, let index):
        let o = try object.eval(f)
        let i = try index.eval(f)
        do { try Operators.deleteItem(o, i) } catch { throw error.at(span) }
      case .attribute(let object, let name):
        let o = try object.eval(f)
        do { try Attributes.delete(o, name) } catch { throw error.at(span) }
      }
    }
    return .normal
  }
}

/// `with a as x, b:` — `__enter__` on the way in, `__exit__` on the way out (an exception is
/// suppressed when `__exit__` returns true), for user classes and built-in context managers.
final class WithStmt: StmtNode {
  let items: [(Node, Target?)]
  let body: [StmtNode]
  unowned let interpreter: Interpreter

  init(_ items: [(Node, Target?)], _ body: [StmtNode], interpreter: Interpreter, _ span: Span) {
    self.items = items
    self.body = body
    self.interpreter = interpreter
    super.init(span)
  }

  override func exec(_ f: Frame) throws(PyError) -> Flow { try enter(0, f) }

  private func method(_ v: Value, _ name: String) throws(PyError) -> Value {
    do { return try Attributes.get(v, name) } catch {
      throw PyError("TypeError", "'\(v.typeName)' object does not support the context manager protocol").at(span)
    }
  }

  private func enter(_ k: Int, _ f: Frame) throws(PyError) -> Flow {
    guard k < items.count else { return try runBlock(body, f) }
    let (contextNode, target) = items[k]
    let context = try contextNode.eval(f)
    let exit = try method(context, "__exit__")
    let entered = try interpreter.call(try method(context, "__enter__"), [])
    if let target { try target.assign(entered, f) }
    let flow: Flow
    do {
      flow = try enter(k + 1, f)
    } catch {
      let suppress = try interpreter.call(exit, [exceptionType(error), error.exceptionValue, .none])
      if try Operators.truth(suppress) { return .normal }
      throw error
    }
    _ = try interpreter.call(exit, [.none, .none, .none])
    return flow
  }

  private func exceptionType(_ error: PyError) -> Value {
    if let cls = error.exception?.cls { return .classObject(cls) }
    return interpreter.builtins[Exceptions.shortName(error.type)] ?? .none
  }
}

/// `match subject:` — the first case whose pattern matches (and whose guard holds) runs.
final class MatchStmt: StmtNode {
  indirect enum CompiledPattern {
    case wildcard
    case capture(Target)
    case value(Node, identity: Bool)
    case sequence([CompiledPattern], star: Int?)
    case star(Target?)
    case mapping([(Node, CompiledPattern)], rest: Target?)
    case cls(Node, [CompiledPattern], [(String, CompiledPattern)])
    case or([CompiledPattern])
    case bind(CompiledPattern, Target)
  }
  struct Case {
    let pattern: CompiledPattern
    let guardNode: Node?
    let body: [StmtNode]
  }
  let subject: Node
  let cases: [Case]
  init(_ subject: Node, _ cases: [Case], _ span: Span) {
    self.subject = subject
    self.cases = cases
    super.init(span)
  }

  override func exec(_ f: Frame) throws(PyError) -> Flow {
    let v = try subject.eval(f)
    for c in cases where try matches(c.pattern, v, f) {
      if let g = c.guardNode, !(try Operators.truth(try g.eval(f))) { continue }
      return try runBlock(c.body, f)
    }
    return .normal
  }

  /// The built-in types whose single positional sub-pattern matches the subject itself.
  static let selfMatching: Set<String> = [
    "bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple",
  ]

  func matches(_ p: CompiledPattern, _ v: Value, _ f: Frame) throws(PyError) -> Bool {
    switch p {
    case .wildcard: return true
    case .capture(let t):
      try t.assign(v, f)
      return true
    case .value(let node, let identity):
      let expected = try node.eval(f)
      return identity ? Operators.identical(v, expected) : Operators.equal(v, expected)
    case .star: return true
    case .sequence(let items, let star):
      let elements: [Value]
      switch v {
      case .list(let l): elements = l.items
      case .tuple(let t): elements = t
      case .range: elements = try Operators.iterate(v)
      default: return false
      }
      guard let star else {
        guard elements.count == items.count else { return false }
        for (item, x) in zip(items, elements) where !(try matches(item, x, f)) { return false }
        return true
      }
      let after = items.count - star - 1
      guard elements.count >= items.count - 1 else { return false }
      for k in 0..<star where !(try matches(items[k], elements[k], f)) { return false }
      for k in 0..<after where !(try matches(items[star + 1 + k], elements[elements.count - after + k], f)) {
        return false
      }
      if case .star(let target?) = items[star] {
        try target.assign(.list(ListBox(Array(elements[star..<(elements.count - after)]))), f)
      }
      return true
    case .mapping(let items, let rest):
      guard case .dict(let d) = v else { return false }
      var used = Set<HashKey>()
      for (keyNode, sub) in items {
        let key = try keyNode.eval(f)
        guard let x = try d.get(key), try matches(sub, x, f) else { return false }
        if let h = HashKey(key) { used.insert(h) }
      }
      if let rest {
        let remaining = DictBox()
        for (k, x) in zip(d.keys, d.values) where !(HashKey(k).map(used.contains) ?? false) { try remaining.set(k, x) }
        try rest.assign(.dict(remaining), f)
      }
      return true
    case .cls(let clsNode, let positional, let keywords):
      let cls = try clsNode.eval(f)
      guard try Builtins.isInstance(v, of: cls) else { return false }
      if !positional.isEmpty {
        if case .builtin(let b) = cls, MatchStmt.selfMatching.contains(b.name) {
          guard positional.count == 1 else {
            throw PyError("TypeError", "\(b.name)() accepts 1 positional sub-pattern (\(positional.count) given)")
          }
          guard try matches(positional[0], v, f) else { return false }
        } else {
          guard case .classObject(let c) = cls, let (args, _) = c.lookup("__match_args__") else {
            throw PyError(
              "TypeError", "\(Repr.functionName(cls))() accepts 0 positional sub-patterns (\(positional.count) given)")
          }
          let names = try Operators.iterate(args)
          guard positional.count <= names.count else {
            throw PyError(
              "TypeError", "\(c.name)() accepts \(names.count) positional sub-patterns (\(positional.count) given)")
          }
          for (sub, nameValue) in zip(positional, names) {
            guard case .str(let name) = nameValue, let x = try? Attributes.get(v, name), try matches(sub, x, f) else {
              return false
            }
          }
        }
      }
      for (name, sub) in keywords {
        guard let x = try? Attributes.get(v, name), try matches(sub, x, f) else { return false }
      }
      return true
    case .or(let alternatives):
      for a in alternatives where try matches(a, v, f) { return true }
      return false
    case .bind(let inner, let target):
      guard try matches(inner, v, f) else { return false }
      try target.assign(v, f)
      return true
    }
  }
}

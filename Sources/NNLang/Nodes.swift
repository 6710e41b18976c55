import NNTensor

/// An expression compiled once from the syntax tree. Children are `let` references and
/// names are slots, so evaluation does no lookups by string.
class Node {
  let span: Span
  init(_ span: Span) { self.span = span }
  func eval(_ f: Frame) throws(PyError) -> Value { .none }
}

/// A statement compiled once from the syntax tree.
class StmtNode {
  let span: Span
  init(_ span: Span) { self.span = span }
  func exec(_ f: Frame) throws(PyError) -> Flow { .normal }
}

final class ConstantNode: Node {
  let value: Value
  init(_ value: Value, _ span: Span) {
    self.value = value
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value { value }
}

final class LocalNode: Node {
  let slot: Int
  let name: String
  init(_ slot: Int, _ name: String, _ span: Span) {
    self.slot = slot
    self.name = name
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    if let v = f.locals[slot] { return v }
    throw PyError("UnboundLocalError", "cannot access local variable '\(name)' where it is not associated with a value")
      .at(span)
  }
}

final class GlobalNode: Node {
  let slot: Int
  let name: String
  let builtin: Value?
  /// The enclosing function's local names, for the NameError's suggestion.
  let localNames: [String]
  init(_ slot: Int, _ name: String, builtin: Value?, localNames: [String] = [], _ span: Span) {
    self.slot = slot
    self.name = name
    self.builtin = builtin
    self.localNames = localNames
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    if let v = f.globals.values[slot] { return v }
    if let b = builtin { return b }
    throw notDefined(f)
  }

  private func notDefined(_ f: Frame) -> PyError {
    var e = PyError("NameError", "name '\(name)' is not defined")
    let (name, locals, globals) = (name, localNames, f.globals)
    e.suggest = { Suggestions.forName(name, locals: locals, globals: globals) }
    return e.at(span)
  }
}

final class CellNode: Node {
  let index: Int
  let name: String
  init(_ index: Int, _ name: String, _ span: Span) {
    self.index = index
    self.name = name
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    if let v = f.cells[index].value { return v }
    throw PyError("UnboundLocalError", "cannot access local variable '\(name)' where it is not associated with a value")
      .at(span)
  }
}

final class FreeNode: Node {
  let index: Int
  let name: String
  init(_ index: Int, _ name: String, _ span: Span) {
    self.index = index
    self.name = name
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    if let v = f.closure[index].value { return v }
    throw PyError(
      "NameError", "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope"
    ).at(span)
  }
}

final class LambdaNode: Node {
  let make: (Frame) throws(PyError) -> Value
  init(_ make: @escaping (Frame) throws(PyError) -> Value, _ span: Span) {
    self.make = make
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value { try make(f) }
}

/// A comprehension, run inline: each clause loops, filters, then the element is collected.
final class ComprehensionNode: Node {
  struct Clause {
    let target: Target
    let iterable: Node
    let conditions: [Node]
  }
  let kind: Expr.ComprehensionKind
  let element: Node
  let value: Node?
  let clauses: [Clause]
  let interrupt: Interrupt

  init(
    _ kind: Expr.ComprehensionKind, _ element: Node, _ value: Node?, _ clauses: [Clause], interrupt: Interrupt,
    _ span: Span
  ) {
    self.kind = kind
    self.element = element
    self.value = value
    self.clauses = clauses
    self.interrupt = interrupt
    super.init(span)
  }

  override func eval(_ f: Frame) throws(PyError) -> Value {
    var items: [Value] = []
    let dict = DictBox()
    // The first iterable belongs to the enclosing scope; the rest runs in CPython's own
    // `<listcomp>` frame, which its tracebacks show.
    let first = try clauses[0].iterable.eval(f)
    do {
      try run(0, f, &items, dict, first: first)
    } catch {
      throw error.framed(f.source, function: frameName, fallback: span).at(span)
    }
    switch kind {
    case .list, .generator: return .list(ListBox(items))
    case .set: return .set(dict)
    case .dict: return .dict(dict)
    }
  }

  private var frameName: String {
    switch kind {
    case .list: "<listcomp>"
    case .set: "<setcomp>"
    case .dict: "<dictcomp>"
    case .generator: "<genexpr>"
    }
  }

  private func run(_ k: Int, _ f: Frame, _ items: inout [Value], _ dict: DictBox, first: Value? = nil) throws(PyError) {
    if k == clauses.count {
      let e = try element.eval(f)
      switch kind {
      case .list, .generator: items.append(e)
      case .set: try dict.set(e, .none)
      case .dict: try dict.set(e, try value?.eval(f) ?? .none)
      }
      return
    }
    let clause = clauses[k]
    let source: Value
    if let first { source = first } else { source = try clause.iterable.eval(f) }
    let values: [Value]
    do { values = try Operators.iterate(source) } catch { throw error.at(clause.iterable.span) }
    outer: for v in values {
      try interrupt.check()
      try clause.target.assign(v, f)
      for c in clause.conditions where !(try Operators.truth(try c.eval(f))) { continue outer }
      try run(k + 1, f, &items, dict)
    }
  }
}

final class BinaryNode: Node {
  let op: BinaryOp
  let left: Node, right: Node
  let opSpan: Span
  unowned let interpreter: Interpreter
  init(_ op: BinaryOp, _ left: Node, _ right: Node, opSpan: Span, interpreter: Interpreter, _ span: Span) {
    self.op = op
    self.opSpan = opSpan
    self.left = left
    self.right = right
    self.interpreter = interpreter
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let l = try left.eval(f)
    let r = try right.eval(f)
    // Float and int fast paths: the scalar loops of the tutorials live here.
    switch (l, r) {
    case (.float(let a), .float(let b)):
      if let v = BinaryNode.floats(op, a, b) { return v }
    case (.int(let a), .float(let b)):
      if let v = BinaryNode.floats(op, Double(a), b) { return v }
    case (.float(let a), .int(let b)):
      if let v = BinaryNode.floats(op, a, Double(b)) { return v }
    case (.int(let a), .int(let b)):
      switch op {
      case .add:
        let (v, o) = a.addingReportingOverflow(b)
        if !o { return .int(v) }
      case .sub:
        let (v, o) = a.subtractingReportingOverflow(b)
        if !o { return .int(v) }
      case .mul:
        let (v, o) = a.multipliedReportingOverflow(by: b)
        if !o { return .int(v) }
      case .mod where b > 0 && a >= 0: return .int(a % b)
      case .floorDiv where b > 0 && a >= 0: return .int(a / b)
      default: break
      }
    default: break
    }
    let result: Value
    do {
      result = try Operators.binary(op, l, r, recordingInto: interpreter)
    } catch {
      throw error.at(span, focus: opSpan)
    }
    if !interpreter.pendingWarnings.isEmpty { interpreter.showWarnings(at: span, in: f.source) }
    return result
  }
}

extension BinaryNode {
  @inline(__always) static func floats(_ op: BinaryOp, _ a: Double, _ b: Double) -> Value? {
    switch op {
    case .add: .float(a + b)
    case .sub: .float(a - b)
    case .mul: .float(a * b)
    case .div: b == 0 ? nil : .float(a / b)
    default: nil
    }
  }
}

final class UnaryNode: Node {
  let op: String
  let operand: Node
  init(_ op: String, _ operand: Node, _ span: Span) {
    self.op = op
    self.operand = operand
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let v = try operand.eval(f)
    do { return try Operators.unary(op, v) } catch { throw error.at(span) }
  }
}

final class CompareNode: Node {
  let operands: [Node]
  let ops: [String]
  init(_ operands: [Node], _ ops: [String], _ span: Span) {
    self.operands = operands
    self.ops = ops
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    var left = try operands[0].eval(f)
    if ops.count == 1 {
      let right = try operands[1].eval(f)
      // Numbers compare without the general path.
      switch (left, right) {
      case (.int(let a), .int(let b)): if let r = CompareNode.fast(ops[0], a, b) { return .bool(r) }
      case (.float(let a), .float(let b)): if let r = CompareNode.fast(ops[0], a, b) { return .bool(r) }
      // Past 2**53 an int is compared exactly, on the general path.
      case (.int(let a), .float(let b)) where a.magnitude <= 1 << 53:
        if let r = CompareNode.fast(ops[0], Double(a), b) { return .bool(r) }
      case (.float(let a), .int(let b)) where b.magnitude <= 1 << 53:
        if let r = CompareNode.fast(ops[0], a, Double(b)) { return .bool(r) }
      default: break
      }
      do { return try Operators.compare(ops[0], left, right) } catch { throw error.at(span) }
    }
    var result = Value.bool(true)
    for (k, op) in ops.enumerated() {
      let right = try operands[k + 1].eval(f)
      do { result = try Operators.compare(op, left, right) } catch { throw error.at(span) }
      if ops.count > 1, !(try Operators.truth(result)) { return result }
      left = right
    }
    return result
  }
}

extension CompareNode {
  @inline(__always) static func fast<T: Comparable>(_ op: String, _ a: T, _ b: T) -> Bool? {
    switch op {
    case "<": a < b
    case "<=": a <= b
    case ">": a > b
    case ">=": a >= b
    case "==": a == b
    case "!=": a != b
    default: nil
    }
  }
}

final class BoolOpNode: Node {
  let isAnd: Bool
  let left: Node, right: Node
  init(isAnd: Bool, _ left: Node, _ right: Node, _ span: Span) {
    self.isAnd = isAnd
    self.left = left
    self.right = right
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let l = try left.eval(f)
    let t = try Operators.truth(l)
    if isAnd ? !t : t { return l }
    return try right.eval(f)
  }
}

final class IfElseNode: Node {
  let condition: Node, then: Node, orElse: Node
  init(_ condition: Node, _ then: Node, _ orElse: Node, _ span: Span) {
    self.condition = condition
    self.then = then
    self.orElse = orElse
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    try Operators.truth(try condition.eval(f)) ? try then.eval(f) : try orElse.eval(f)
  }
}

final class ListNode: Node {
  let items: [Node]
  let isTuple: Bool
  init(_ items: [Node], isTuple: Bool, _ span: Span) {
    self.items = items
    self.isTuple = isTuple
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    var values: [Value] = []
    values.reserveCapacity(items.count)
    for item in items {
      if let star = item as? StarNode {
        values.append(contentsOf: try Operators.iterate(try star.value.eval(f)))
      } else {
        values.append(try item.eval(f))
      }
    }
    return isTuple ? .tuple(values) : .list(ListBox(values))
  }
}

final class StarNode: Node {
  let value: Node
  init(_ value: Node, _ span: Span) {
    self.value = value
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    throw PyError("SyntaxError", "can't use starred expression here")
  }
}

final class DictNode: Node {
  let keys: [Node], values: [Node]
  init(_ keys: [Node], _ values: [Node], _ span: Span) {
    self.keys = keys
    self.values = values
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let d = DictBox()
    for (k, v) in zip(keys, values) {
      if let star = k as? StarNode {
        let mapping = try star.value.eval(f)
        guard case .dict(let m) = mapping else {
          throw PyError("TypeError", "'\(mapping.typeName)' object is not a mapping").at(star.span)
        }
        for (mk, mv) in zip(m.keys, m.values) { try d.set(mk, mv) }
        continue
      }
      let key = try k.eval(f)
      let value = try v.eval(f)
      do { try d.set(key, value) } catch { throw error.at(span) }
    }
    return .dict(d)
  }
}

/// `name := value`: binds the name and gives the value.
final class NamedExprNode: Node {
  let target: Target
  let value: Node
  init(_ target: Target, _ value: Node, _ span: Span) {
    self.target = target
    self.value = value
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let v = try value.eval(f)
    try target.assign(v, f)
    return v
  }
}

final class SetNode: Node {
  let items: [Node]
  init(_ items: [Node], _ span: Span) {
    self.items = items
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let d = DictBox()
    for item in items {
      if let star = item as? StarNode {
        for v in try Operators.iterate(try star.value.eval(f)) { try d.set(v, .none) }
      } else {
        try d.set(try item.eval(f), .none)
      }
    }
    return .set(d)
  }
}

final class AttributeNode: Node {
  let object: Node
  let name: String
  init(_ object: Node, _ name: String, _ span: Span) {
    self.object = object
    self.name = name
    super.init(span)
  }
  /// An inline cache: the module last read and its version, or the array property found.
  private var cachedModule: Module?
  private var cachedVersion = -1
  private var cachedValue: Value = .none
  private lazy var arrayProperty: Builtins.Property? = Builtins.arrayProperties[name]

  override func eval(_ f: Frame) throws(PyError) -> Value {
    let o = try object.eval(f)
    switch o {
    case .module(let m):
      if m === cachedModule && m.version == cachedVersion { return cachedValue }
      do {
        let v = try Attributes.get(o, name)
        guard m.isCacheable(name) else { return v }
        cachedModule = m
        cachedVersion = m.version
        cachedValue = v
        return v
      } catch { throw error.at(span) }
    case .array(let a):
      if let property = arrayProperty {
        do { return try property(a) } catch { throw error.at(span) }
      }
    default: break
    }
    do { return try Attributes.get(o, name) } catch { throw error.at(span) }
  }
}

final class SubscriptNode: Node {
  let object: Node, index: Node
  init(_ object: Node, _ index: Node, _ span: Span) {
    self.object = object
    self.index = index
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let o = try object.eval(f)
    let i = try index.eval(f)
    // CPython marks `x[5]` as `~^^^`: the object, then the brackets.
    do { return try Operators.getItem(o, i) } catch { throw error.at(span, focus: Span(object.span.end, span.end)) }
  }
}

final class SliceNode: Node {
  let lower: Node?, upper: Node?, step: Node?
  init(_ lower: Node?, _ upper: Node?, _ step: Node?, _ span: Span) {
    self.lower = lower
    self.upper = upper
    self.step = step
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    .slice(try lower?.eval(f), try upper?.eval(f), try step?.eval(f))
  }
}

final class FStringNode: Node {
  enum Part {
    case text(String)
    case value(Node, conversion: Character?, spec: [Part]?, prefix: String?)
  }
  let parts: [Part]
  init(_ parts: [Part], _ span: Span) {
    self.parts = parts
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    .str(try render(parts, f))
  }
  private func render(_ parts: [Part], _ f: Frame) throws(PyError) -> String {
    var out = ""
    for part in parts {
      switch part {
      case .text(let s): out += s
      case .value(let node, let conversion, let spec, let prefix):
        if let prefix { out += prefix }
        let v = try node.eval(f)
        let specText = try spec.map { (s) throws(PyError) -> String in try render(s, f) } ?? ""
        switch conversion {
        case "r": out += try Format.padded(Repr.repr(v), spec: specText)
        case "a": out += try Format.padded(Repr.ascii(Repr.repr(v)), spec: specText)
        case "s": out += try Format.padded(Repr.str(v), spec: specText)
        default: out += try Format.format(v, spec: specText)
        }
      }
    }
    return out
  }
}

extension DictBox {
  func set(_ key: Value, _ value: Value) throws(PyError) {
    guard let k = HashKey(key) else { throw PyError("TypeError", "unhashable type: '\(key.typeName)'") }
    if let i = index[k] {
      values[i] = value
    } else {
      index[k] = keys.count
      keys.append(key)
      values.append(value)
    }
  }

  func get(_ key: Value) throws(PyError) -> Value? {
    guard let k = HashKey(key) else { throw PyError("TypeError", "unhashable type: '\(key.typeName)'") }
    return index[k].map { values[$0] }
  }
}

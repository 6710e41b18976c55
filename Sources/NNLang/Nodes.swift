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
  init(_ slot: Int, _ name: String, builtin: Value?, _ span: Span) {
    self.slot = slot
    self.name = name
    self.builtin = builtin
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    if let v = f.globals.values[slot] { return v }
    if let b = builtin { return b }
    throw PyError("NameError", "name '\(name)' is not defined").at(span)
  }
}

final class BinaryNode: Node {
  let op: BinaryOp
  let left: Node, right: Node
  let opSpan: Span
  init(_ op: BinaryOp, _ left: Node, _ right: Node, opSpan: Span, _ span: Span) {
    self.op = op
    self.opSpan = opSpan
    self.left = left
    self.right = right
    super.init(span)
  }
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let l = try left.eval(f)
    let r = try right.eval(f)
    // Float and int fast paths: the scalar loops of the tutorials live here.
    if case .float(let a) = l, case .float(let b) = r {
      switch op {
      case .add: return .float(a + b)
      case .sub: return .float(a - b)
      case .mul: return .float(a * b)
      default: break
      }
    }
    do { return try Operators.binary(op, l, r) } catch { throw error.at(span, focus: opSpan) }
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
    for (k, v) in zip(keys, values) { try d.set(try k.eval(f), try v.eval(f)) }
    return .dict(d)
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
  override func eval(_ f: Frame) throws(PyError) -> Value {
    let o = try object.eval(f)
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
        case "s", "a": out += try Format.padded(Repr.str(v), spec: specText)
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

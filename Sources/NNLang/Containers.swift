import NNTensor

/// Set and dict operators, list slice assignment, range and tuple methods, and the exact
/// comparison of ints with floats: the container semantics beyond the basic ones.
extension Operators {
  /// `a | b`, `a & b`, `a - b`, `a ^ b` on sets, and `d1 | d2` on dicts; nil for other operands.
  static func containerBinary(_ op: BinaryOp, _ l: Value, _ r: Value) throws(PyError) -> Value? {
    // Keys and items views combine as sets: `d.keys() & other` is a set.
    if isSetLikeView(l) || isSetLikeView(r), [.or, .and, .sub, .xor].contains(op) {
      return try containerBinary(op, .set(try setOf(l)), .set(try setOf(r)))
    }
    switch (l, r) {
    case (.set(let a), .set(let b)):
      let out = DictBox()
      switch op {
      case .or:
        for k in a.keys { try out.set(k, .none) }
        for k in b.keys { try out.set(k, .none) }
      case .and: for k in a.keys where try b.get(k) != nil { try out.set(k, .none) }
      case .sub: for k in a.keys where try b.get(k) == nil { try out.set(k, .none) }
      case .xor:
        for k in a.keys where try b.get(k) == nil { try out.set(k, .none) }
        for k in b.keys where try a.get(k) == nil { try out.set(k, .none) }
      default: return nil
      }
      out.frozen = a.frozen
      return .set(out)
    case (.dict(let a), .dict(let b)) where op == .or:
      let out = DictBox()
      for (k, v) in zip(a.keys, a.values) { try out.set(k, v) }
      for (k, v) in zip(b.keys, b.values) { try out.set(k, v) }
      return .dict(out)
    default: return nil
    }
  }

  static func isSetLikeView(_ v: Value) -> Bool {
    if case .object(let o) = v, o.view != nil, o.typeName != "dict_values" { return true }
    return false
  }

  /// A set's box, or a new one holding an iterable's items.
  static func setOf(_ v: Value) throws(PyError) -> DictBox {
    if case .set(let d) = v { return d }
    let d = DictBox()
    for k in try iterate(v) { try d.set(k, .none) }
    return d
  }

  /// `s |= t` and the like on sets, `d |= other` on dicts: in place, as CPython does.
  static func containerInPlace(_ op: BinaryOp, _ l: Value, _ r: Value) throws(PyError) -> Value? {
    switch (l, r) {
    case (.set(let a), .set) where !a.frozen:
      guard case .set(let result)? = try containerBinary(op, l, r) else { return nil }
      a.replace(with: result)
      return l
    case (.dict(let a), _) where op == .or:
      if case .dict(let b) = r {
        for (k, v) in zip(b.keys, b.values) { try a.set(k, v) }
      } else {
        for item in try iterate(r) {
          let pair = try iterate(item)
          guard pair.count == 2 else {
            throw PyError("ValueError", "dictionary update sequence element has length \(pair.count); 2 is required")
          }
          try a.set(pair[0], pair[1])
        }
      }
      return l
    default: return nil
    }
  }

  /// `<`, `<=`, `>`, `>=` between sets: subset and superset tests.
  static func setOrder(_ op: String, _ a: DictBox, _ b: DictBox) throws(PyError) -> Bool {
    func subset(_ x: DictBox, _ y: DictBox) throws(PyError) -> Bool {
      for k in x.keys where try y.get(k) == nil { return false }
      return true
    }
    switch op {
    case "<=": return try subset(a, b)
    case "<":
      guard a.keys.count < b.keys.count else { return false }
      return try subset(a, b)
    case ">=": return try subset(b, a)
    default:
      guard b.keys.count < a.keys.count else { return false }
      return try subset(b, a)
    }
  }

  /// An int against a float without rounding the int (2**53 + 1 > 2.0**53): -1, 0 or 1,
  /// nil when the float is NaN.
  static func exactOrder(_ a: Int64, _ b: Double) -> Int? {
    if b.isNaN { return nil }
    if b >= 9.223372036854775807e18 { return -1 }
    if b < -9.223372036854775807e18 { return 1 }
    let t = b.rounded(.towardZero)
    let i = Int64(t)
    if a != i { return a < i ? -1 : 1 }
    let fraction = b - t
    return fraction > 0 ? -1 : fraction < 0 ? 1 : 0
  }

  /// `xs[a:b] = items` and `xs[a:b:c] = items` on a list.
  static func assignSlice(_ l: ListBox, _ a: Value?, _ b: Value?, _ c: Value?, _ value: Value) throws(PyError) {
    let items = try iterate(value)
    func bound(_ v: Value?) throws(PyError) -> Int? {
      guard let v, !v.isNone else { return nil }
      return Int(try integer(v))
    }
    let slice = IndexSlice(start: try bound(a), stop: try bound(b), step: try bound(c))
    let (start, length, step) = try tensor { () throws(TensorError) in try slice.length(count: l.items.count) }
    if step == 1 {
      l.items.replaceSubrange(start..<(start + length), with: items)
      return
    }
    guard items.count == length else {
      throw PyError(
        "ValueError", "attempt to assign sequence of size \(items.count) to extended slice of size \(length)")
    }
    for k in 0..<length { l.items[start + k * step] = items[k] }
  }

  /// `slice(a, b, c).indices(count)`: start, stop and step clamped as CPython does.
  static func sliceIndices(_ a: Value?, _ b: Value?, _ c: Value?, count: Int64) throws(PyError) -> (Int64, Int64, Int64)
  {
    func bound(_ v: Value?) throws(PyError) -> Int64? {
      guard let v, !v.isNone else { return nil }
      return try integer(v)
    }
    let step = try bound(c) ?? 1
    if step == 0 { throw PyError("ValueError", "slice step cannot be zero") }
    let (low, high) = step < 0 ? (Int64(-1), count - 1) : (Int64(0), count)
    func clamp(_ v: Int64?, _ defaultValue: Int64) -> Int64 {
      guard var v else { return defaultValue }
      if v < 0 { v = max(v + count, low) }
      return min(v, high)
    }
    return (clamp(try bound(a), step < 0 ? high : low), clamp(try bound(b), step < 0 ? low : high), step)
  }

  /// `r[i]` and `r[a:b:c]` on a range.
  static func rangeItem(_ start: Int64, _ stop: Int64, _ step: Int64, _ index: Value) throws(PyError) -> Value {
    let n = rangeLength(start, stop, step)
    switch index {
    case .int, .bool:
      let i = try integer(index)
      let k = i < 0 ? i + n : i
      guard k >= 0 && k < n else { throw PyError("IndexError", "range object index out of range") }
      return .int(start + k * step)
    case .slice(let a, let b, let c):
      func bound(_ v: Value?) throws(PyError) -> Int? {
        guard let v, !v.isNone else { return nil }
        return Int(try integer(v))
      }
      let (first, last, by) = try sliceIndices(a, b, c, count: n)
      // Checked: a slice of a huge range can reach past the 64-bit ints.
      func at(_ k: Int64) throws(PyError) -> Int64 {
        let (offset, o1) = k.multipliedReportingOverflow(by: step)
        let (v, o2) = start.addingReportingOverflow(offset)
        if o1 || o2 { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
        return v
      }
      let (newStep, o) = step.multipliedReportingOverflow(by: by)
      if o { throw PyError("OverflowError", "int too large for nn's 64-bit int") }
      return .range(try at(first), try at(last), newStep)
    default:
      throw PyError("TypeError", "range indices must be integers or slices, not \(index.typeName)")
    }
  }
}

extension Value {
  var isBoolValue: Bool {
    if case .bool = self { return true }
    return false
  }
  var truthBool: Bool {
    if case .bool(true) = self { return true }
    return false
  }
}

extension DictBox {
  func replace(with other: DictBox) {
    keys = other.keys
    values = other.values
    index = other.index
  }
}

extension Builtins {
  /// `t.count(x)`, `t.index(x[, start[, stop]])` on tuples, and the same on ranges.
  static func sequenceAttribute(_ items: @escaping () -> [Value], _ kind: String, _ name: String) -> Value? {
    switch name {
    case "count":
      return .builtin(
        Builtin("count") { (a) throws(PyError) -> Value in
          let v = try a.required(0, "value", function: "count")
          return .int(Int64(items().filter { Operators.equal($0, v) }.count))
        })
    case "index":
      return .builtin(
        Builtin("index") { (a) throws(PyError) -> Value in
          let v = try a.required(0, "value", function: "index")
          let all = items()
          let (start, end) = try bounds(a, 1, count: all.count)
          if start < end {
            for k in start..<end where Operators.equal(all[k], v) { return .int(Int64(k)) }
          }
          throw PyError(
            "ValueError", kind == "range" ? "\(Repr.repr(v)) is not in range" : "\(kind).index(x): x not in \(kind)")
        })
    default: return nil
    }
  }
}

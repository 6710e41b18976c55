import Foundation
import NNTensor

/// Methods of Python's built-in types: str, list, dict, set.
extension Builtins {
  typealias StringMethod = (String, Arguments) throws(PyError) -> Value
  typealias ListMethod = (ListBox, Arguments) throws(PyError) -> Value
  typealias DictMethod = (DictBox, Arguments) throws(PyError) -> Value

  nonisolated(unsafe) static let listMethods: [String: ListMethod] = [
    "append": { (l, a) throws(PyError) -> Value in
      l.items.append(try a.required(0, "object"))
      return .none
    },
    "extend": { (l, a) throws(PyError) -> Value in
      l.items.append(contentsOf: try Operators.iterate(try a.required(0, "iterable")))
      return .none
    },
    "insert": { (l, a) throws(PyError) -> Value in
      let i = try a.int(0, "index", default: 0)
      let n = l.items.count
      let k = i < 0 ? max(0, i + n) : min(i, n)
      l.items.insert(try a.required(1, "object"), at: k)
      return .none
    },
    "pop": { (l, a) throws(PyError) -> Value in
      guard !l.items.isEmpty else { throw PyError("IndexError", "pop from empty list") }
      let i = try a.int(0, "index", default: -1)
      return l.items.remove(at: try Operators.index(Int64(i), count: l.items.count, what: "pop"))
    },
    "remove": { (l, a) throws(PyError) -> Value in
      let v = try a.required(0, "value")
      guard let i = l.items.firstIndex(where: { Operators.equal($0, v) }) else {
        throw PyError("ValueError", "list.remove(x): x not in list")
      }
      l.items.remove(at: i)
      return .none
    },
    "index": { (l, a) throws(PyError) -> Value in
      let v = try a.required(0, "value")
      guard let i = l.items.firstIndex(where: { Operators.equal($0, v) }) else {
        throw PyError("ValueError", "\(Repr.repr(v)) is not in list")
      }
      return .int(Int64(i))
    },
    "count": { (l, a) throws(PyError) -> Value in
      let v = try a.required(0, "value")
      return .int(Int64(l.items.filter { Operators.equal($0, v) }.count))
    },
    "reverse": { (l, _) throws(PyError) -> Value in
      l.items.reverse()
      return .none
    },
    "sort": { (l, a) throws(PyError) -> Value in
      l.items = try sortedItems(l.items, a)
      return .none
    },
    "copy": { (l, _) throws(PyError) -> Value in .list(ListBox(l.items)) },
    "clear": { (l, _) throws(PyError) -> Value in
      l.items.removeAll()
      return .none
    },
  ]

  nonisolated(unsafe) static let dictMethods: [String: DictMethod] = [
    "keys": { (d, _) throws(PyError) -> Value in dictView(d, "dict_keys") { d.keys } },
    "values": { (d, _) throws(PyError) -> Value in dictView(d, "dict_values") { d.values } },
    "items": { (d, _) throws(PyError) -> Value in
      dictView(d, "dict_items") { zip(d.keys, d.values).map { .tuple([$0, $1]) } }
    },
    "get": { (d, a) throws(PyError) -> Value in
      try d.get(try a.required(0, "key")) ?? (a.value(1, "default") ?? .none)
    },
    "setdefault": { (d, a) throws(PyError) -> Value in
      let k = try a.required(0, "key")
      if let v = try d.get(k) { return v }
      let v = a.value(1, "default") ?? .none
      try d.set(k, v)
      return v
    },
    "pop": { (d, a) throws(PyError) -> Value in
      let k = try a.required(0, "key")
      guard let h = HashKey(k) else { throw PyError("TypeError", "unhashable type: '\(k.typeName)'") }
      if let v = d.remove(h) { return v }
      if let fallback = a.value(1, "default") { return fallback }
      throw PyError.keyError(k)
    },
    "update": { (d, a) throws(PyError) -> Value in
      if let other = a.positional.first {
        if case .dict(let o) = other {
          for (k, v) in zip(o.keys, o.values) { try d.set(k, v) }
        } else {
          for pair in try Operators.iterate(other) {
            let kv = try Operators.iterate(pair)
            if kv.count == 2 { try d.set(kv[0], kv[1]) }
          }
        }
      }
      for (k, v) in a.keywords { try d.set(.str(k), v) }
      return .none
    },
    "copy": { (d, _) throws(PyError) -> Value in
      let c = DictBox()
      for (k, v) in zip(d.keys, d.values) { try c.set(k, v) }
      c.defaultFactory = d.defaultFactory
      return .dict(c)
    },
    "popitem": { (d, _) throws(PyError) -> Value in
      guard let k = d.keys.last, let h = HashKey(k), let v = d.remove(h) else {
        throw PyError("KeyError", "'popitem(): dictionary is empty'")
      }
      return .tuple([k, v])
    },
    "clear": { (d, _) throws(PyError) -> Value in
      d.keys.removeAll()
      d.values.removeAll()
      d.index.removeAll()
      return .none
    },
  ]

  /// A live view of a dict, printed as CPython prints it: `dict_keys(['a', 'b'])`.
  static func dictView(_ d: DictBox, _ typeName: String, _ items: @escaping () -> [Value]) -> Value {
    let o = NativeObject(typeName: typeName, repr: { typeName + "(" + Repr.repr(.list(ListBox(items()))) + ")" })
    o.view = items
    return .object(o)
  }

  /// The items of any iterable, as a set, for the set methods that take "other".
  static func asSet(_ v: Value) throws(PyError) -> DictBox {
    if case .set(let d) = v { return d }
    let d = DictBox()
    for k in try Operators.iterate(v) { try d.set(k, .none) }
    return d
  }

  /// A set method that combines the set with each argument by a set operator.
  static func combining(_ op: BinaryOp, inPlace: Bool) -> DictMethod {
    { (d, a) throws(PyError) -> Value in
      var result = Value.set(d)
      if !inPlace {
        let copy = DictBox()
        copy.replace(with: d)
        copy.frozen = d.frozen
        result = .set(copy)
      }
      for other in a.positional {
        guard case .set(let r)? = try Operators.containerBinary(op, result, .set(try asSet(other))) else { break }
        if case .set(let box) = result, inPlace { box.replace(with: r) } else { result = .set(r) }
      }
      return inPlace ? .none : result
    }
  }

  nonisolated(unsafe) static let setMethods: [String: DictMethod] = [
    "difference": combining(.sub, inPlace: false),
    "symmetric_difference": combining(.xor, inPlace: false),
    "update": combining(.or, inPlace: true),
    "difference_update": combining(.sub, inPlace: true),
    "intersection_update": combining(.and, inPlace: true),
    "symmetric_difference_update": combining(.xor, inPlace: true),
    "issubset": { (d, a) throws(PyError) -> Value in
      .bool(try Operators.setOrder("<=", d, try asSet(try a.required(0, "other", function: "issubset"))))
    },
    "issuperset": { (d, a) throws(PyError) -> Value in
      .bool(try Operators.setOrder(">=", d, try asSet(try a.required(0, "other", function: "issuperset"))))
    },
    "isdisjoint": { (d, a) throws(PyError) -> Value in
      let other = try asSet(try a.required(0, "other", function: "isdisjoint"))
      for k in d.keys where try other.get(k) != nil { return .bool(false) }
      return .bool(true)
    },
    "pop": { (d, _) throws(PyError) -> Value in
      guard let k = d.keys.first, let h = HashKey(k) else { throw PyError("KeyError", "'pop from an empty set'") }
      _ = d.remove(h)
      return k
    },
    "copy": { (d, _) throws(PyError) -> Value in
      let c = DictBox()
      c.replace(with: d)
      return .set(c)
    },
    "clear": { (d, _) throws(PyError) -> Value in
      d.replace(with: DictBox())
      return .none
    },
    "add": { (d, a) throws(PyError) -> Value in
      try d.set(try a.required(0, "elem"), .none)
      return .none
    },
    "discard": { (d, a) throws(PyError) -> Value in
      if let h = HashKey(try a.required(0, "elem")) { _ = d.remove(h) }
      return .none
    },
    "remove": { (d, a) throws(PyError) -> Value in
      let v = try a.required(0, "elem")
      guard let h = HashKey(v), d.remove(h) != nil else { throw PyError.keyError(v) }
      return .none
    },
    "union": combining(.or, inPlace: false),
    "intersection": combining(.and, inPlace: false),
  ]

  nonisolated(unsafe) static let coreStringMethods: [String: StringMethod] = [
    "upper": { (s, _) throws(PyError) -> Value in .str(s.uppercased()) },
    "lower": { (s, _) throws(PyError) -> Value in .str(s.lowercased()) },
    "title": { (s, _) throws(PyError) -> Value in .str(titleCased(s)) },
    "capitalize": { (s, _) throws(PyError) -> Value in .str(s.prefix(1).uppercased() + s.dropFirst().lowercased()) },
    "strip": { (s, a) throws(PyError) -> Value in .str(try stripped(s, a, leading: true, trailing: true)) },
    "lstrip": { (s, a) throws(PyError) -> Value in .str(try stripped(s, a, leading: true, trailing: false)) },
    "rstrip": { (s, a) throws(PyError) -> Value in .str(try stripped(s, a, leading: false, trailing: true)) },
    "split": { (s, a) throws(PyError) -> Value in
      let maxSplit = try a.int(1, "maxsplit", default: -1)
      if let sep = try a.string(0, "sep") {
        guard !sep.isEmpty else { throw PyError("ValueError", "empty separator") }
        var parts = s.components(separatedBy: sep)
        if maxSplit >= 0 && parts.count > maxSplit + 1 {
          parts = Array(parts[..<maxSplit]) + [parts[maxSplit...].joined(separator: sep)]
        }
        return .list(ListBox(parts.map { .str($0) }))
      }
      var parts = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
      if maxSplit >= 0 && parts.count > maxSplit + 1 {
        // Python keeps the rest of the text, with its inner white space, as the last part.
        var rest = Substring(s)
        for _ in 0..<maxSplit {
          rest = rest.drop(while: { $0.isWhitespace })
          rest = rest.drop(while: { !$0.isWhitespace })
        }
        parts = Array(parts[..<maxSplit]) + [String(rest.drop(while: { $0.isWhitespace }))]
      }
      return .list(ListBox(parts.map { .str($0) }))
    },
    "splitlines": { (s, _) throws(PyError) -> Value in
      .list(
        ListBox(
          s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).map { .str(String($0)) }
            .dropLastIfEmpty()))
    },
    "join": { (s, a) throws(PyError) -> Value in
      var parts: [String] = []
      for item in try Operators.iterate(try a.required(0, "iterable")) {
        guard case .str(let p) = item else {
          throw PyError("TypeError", "sequence item \(parts.count): expected str instance, \(item.typeName) found")
        }
        parts.append(p)
      }
      return .str(parts.joined(separator: s))
    },
    "replace": { (s, a) throws(PyError) -> Value in
      guard let old = try a.string(0, "old"), let new = try a.string(1, "new") else {
        throw PyError("TypeError", "replace() takes at least 2 arguments")
      }
      return .str(s.replacingOccurrences(of: old, with: new))
    },
    "startswith": { (s, a) throws(PyError) -> Value in .bool(s.hasPrefix(try a.string(0, "prefix") ?? "")) },
    "endswith": { (s, a) throws(PyError) -> Value in .bool(s.hasSuffix(try a.string(0, "suffix") ?? "")) },
    "find": { (s, a) throws(PyError) -> Value in
      guard let sub = try a.string(0, "sub"), let r = s.range(of: sub) else { return .int(-1) }
      return .int(Int64(s.distance(from: s.startIndex, to: r.lowerBound)))
    },
    "index": { (s, a) throws(PyError) -> Value in
      guard let sub = try a.string(0, "sub"), let r = s.range(of: sub) else {
        throw PyError("ValueError", "substring not found")
      }
      return .int(Int64(s.distance(from: s.startIndex, to: r.lowerBound)))
    },
    "count": { (s, a) throws(PyError) -> Value in
      guard let sub = try a.string(0, "sub") else { return .int(0) }
      if sub.isEmpty { return .int(Int64(s.count + 1)) }
      return .int(Int64(s.components(separatedBy: sub).count - 1))
    },
    "ljust": { (s, a) throws(PyError) -> Value in .str(try justified(s, a, "<")) },
    "rjust": { (s, a) throws(PyError) -> Value in .str(try justified(s, a, ">")) },
    "center": { (s, a) throws(PyError) -> Value in .str(try justified(s, a, "^")) },
    "zfill": { (s, a) throws(PyError) -> Value in
      let width = try a.int(0, "width", default: 0)
      let sign = s.hasPrefix("-") || s.hasPrefix("+") ? String(s.prefix(1)) : ""
      let digits = sign.isEmpty ? s : String(s.dropFirst())
      return .str(sign + String(repeating: "0", count: max(0, width - s.count)) + digits)
    },
    "isdigit": { (s, _) throws(PyError) -> Value in .bool(!s.isEmpty && s.allSatisfy(\.isNumber)) },
    "isalpha": { (s, _) throws(PyError) -> Value in .bool(!s.isEmpty && s.allSatisfy(\.isLetter)) },
    "isspace": { (s, _) throws(PyError) -> Value in .bool(!s.isEmpty && s.allSatisfy(\.isWhitespace)) },
    "format": { (s, a) throws(PyError) -> Value in .str(try Format.method(s, a)) },
  ]

  static func titleCased(_ s: String) -> String {
    var out = ""
    var previousIsLetter = false
    for c in s {
      out += previousIsLetter ? c.lowercased() : c.uppercased()
      previousIsLetter = c.isLetter
    }
    return out
  }

  static func stripped(_ s: String, _ a: Arguments, leading: Bool, trailing: Bool) throws(PyError) -> String {
    let chars = try a.string(0, "chars")
    let strip: (Character) -> Bool = { c in chars.map { $0.contains(c) } ?? c.isWhitespace }
    var sub = Substring(s)
    if leading { sub = sub.drop(while: strip) }
    if trailing {
      while let last = sub.last, strip(last) { sub = sub.dropLast() }
    }
    return String(sub)
  }

  static func justified(_ s: String, _ a: Arguments, _ align: Character) throws(PyError) -> String {
    let width = try a.int(0, "width", default: 0)
    let fill = try a.string(1, "fillchar") ?? " "
    guard fill.count == 1 else { throw PyError("TypeError", "The fill character must be exactly one character long") }
    return try Format.padded(s, spec: fill + String(align) + String(max(width, 0)))
  }
}

extension Array where Element == Value {
  fileprivate func dropLastIfEmpty() -> [Value] {
    if case .str("")? = last { return Array(dropLast()) }
    return self
  }
}

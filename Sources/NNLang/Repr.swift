import NNTensor

/// `repr()` and `str()` of values, as CPython and NumPy 2 print them.
enum Repr {
  /// Containers being printed, so a list that holds itself prints `[...]` as CPython's does,
  /// and a depth limit, so a deeply nested one cannot exhaust the stack.
  struct Guard {
    var open: Set<ObjectIdentifier> = []
    var depth = 0
  }

  static func repr(_ v: Value, _ options: PrintOptions = PrintOptions()) -> String {
    var guard_ = Guard()
    return repr(v, options, &guard_)
  }

  static func repr(_ v: Value, _ options: PrintOptions, _ g: inout Guard) -> String {
    switch v {
    case .list, .tuple, .dict, .set:
      return container(v, options, &g)
    default:
      return leaf(v, options)
    }
  }

  private static func container(_ v: Value, _ options: PrintOptions, _ g: inout Guard) -> String {
    let id: ObjectIdentifier?
    switch v {
    case .list(let l): id = ObjectIdentifier(l)
    case .dict(let d), .set(let d): id = ObjectIdentifier(d)
    default: id = nil
    }
    if let id {
      if g.open.contains(id) {
        if case .list = v { return "[...]" }
        return "{...}"
      }
      g.open.insert(id)
    }
    g.depth += 1
    defer {
      g.depth -= 1
      if let id { g.open.remove(id) }
    }
    if g.depth > 1000 { return "..." }
    func item(_ x: Value) -> String { repr(x, options, &g) }
    switch v {
    case .list(let l): return "[" + l.items.map(item).joined(separator: ", ") + "]"
    case .tuple(let t):
      if t.count == 1 { return "(" + item(t[0]) + ",)" }
      return "(" + t.map(item).joined(separator: ", ") + ")"
    case .set(let d):
      return d.keys.isEmpty ? "set()" : "{" + d.keys.map(item).joined(separator: ", ") + "}"
    case .dict(let d):
      var parts: [String] = []
      for (k, x) in zip(d.keys, d.values) { parts.append(item(k) + ": " + item(x)) }
      return "{" + parts.joined(separator: ", ") + "}"
    default: return leaf(v, options)
    }
  }

  private static func leaf(_ v: Value, _ options: PrintOptions) -> String {
    switch v {
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return String(i)
    case .float(let d): return PythonFloat.repr(d)
    case .str(let s): return quoted(s)
    case .list, .tuple, .set, .dict: return repr(v, options)
    case .array(let a): return a.repr(options: options)
    case .scalar(let s): return s.numpyRepr(legacy: options.legacy)
    case .function(let f): return "<function \(f.name)>"
    case .builtin(let b): return b.isType ? "<class '\(b.name)'>" : "<built-in function \(b.name)>"
    case .module(let m): return "<module '\(m.name)'>"
    case .range(let a, let b, let s): return s == 1 ? "range(\(a), \(b))" : "range(\(a), \(b), \(s))"
    case .slice(let a, let b, let c):
      return "slice(\([a, b, c].map { $0.map { repr($0, options) } ?? "None" }.joined(separator: ", ")))"
    case .ellipsis: return "Ellipsis"
    case .object(let o): return o.repr()
    case .exception(let e): return e.repr
    case .classObject(let c): return "<class '__main__.\(c.name)'>"
    case .instance(let i):
      if let text = try? i.cls.interpreter.special(i, "__repr__", []), case .str(let s) = text { return s }
      return
        "<__main__.\(i.cls.name) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(i).hashValue), radix: 16))>"
    case .method(let m): return "<bound method \(Repr.functionName(m.function)) of \(repr(m.receiver, options))>"
    case .wrapper(let w): return "<\(v.typeName) object>" + (w.setter == nil ? "" : "")
    case .superProxy(let c, _): return "<super: <class '\(c.name)'>>"
    }
  }

  static func str(_ v: Value, _ options: PrintOptions = PrintOptions()) -> String {
    switch v {
    case .str(let s): return s
    case .array(let a): return a.str(options: options)
    case .scalar(let s): return s.numpyStr(legacy: options.legacy)
    case .exception(let e): return e.message
    case .instance(let i):
      if let text = try? i.cls.interpreter.special(i, "__str__", []), case .str(let s) = text { return s }
      return repr(v, options)
    default: return repr(v, options)
    }
  }

  static func functionName(_ v: Value) -> String {
    switch v {
    case .function(let f): return f.name
    case .builtin(let b): return b.name
    default: return v.typeName
    }
  }

  /// Python's string repr: single quotes unless the text has a single quote and no double.
  static func quoted(_ s: String) -> String {
    let useDouble = s.contains("'") && !s.contains("\"")
    let q: Character = useDouble ? "\"" : "'"
    var out = String(q)
    for c in s.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if Character(c) == q {
          out += "\\" + String(q)
        } else if c.value < 0x20 || c.value == 0x7f {
          out += "\\x" + (c.value < 16 ? "0" : "") + String(c.value, radix: 16)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + String(q)
  }
}

/// `format(value, spec)` and `%`-formatting, on top of NNTensor's Python number formatting.
enum Format {
  static func format(_ v: Value, spec: String) throws(PyError) -> String {
    do {
      switch v {
      case .float(let d): return try PythonFloat.format(d, spec: spec)
      case .scalar(.float(let d)): return try PythonFloat.format(d, spec: spec)
      case .int(let i): return try PythonInt.format(i, spec: spec)
      case .scalar(.int(let i)): return try PythonInt.format(i, spec: spec)
      case .bool(let b) where !spec.isEmpty: return try PythonInt.format(b ? 1 : 0, spec: spec)
      default: return try padded(Repr.str(v), spec: spec)
      }
    } catch let e as PyError {
      throw e
    } catch let e as TensorError {
      throw PyError(tensor: e)
    } catch {
      throw PyError("ValueError", "\(error)")
    }
  }

  /// A string under a format spec: fill, alignment and width only.
  static func padded(_ s: String, spec: String) throws(PyError) -> String {
    if spec.isEmpty { return s }
    var chars = Array(spec)
    var fill: Character = " "
    var align: Character = "<"
    if chars.count >= 2 && "<>^".contains(chars[1]) {
      fill = chars[0]
      align = chars[1]
      chars.removeFirst(2)
    } else if let c = chars.first, "<>^".contains(c) {
      align = c
      chars.removeFirst()
    }
    if chars.last == "s" { chars.removeLast() }
    var precision: Int?
    if let dot = chars.firstIndex(of: ".") {
      precision = Int(String(chars[(dot + 1)...]))
      chars = Array(chars[..<dot])
    }
    guard let width = chars.isEmpty ? 0 : Int(String(chars)) else {
      throw PyError("ValueError", "Invalid format specifier '\(spec)' for object of type 'str'")
    }
    var text = s
    if let p = precision { text = String(text.prefix(p)) }
    let pad = max(0, width - text.count)
    switch align {
    case ">": return String(repeating: fill, count: pad) + text
    case "^": return String(repeating: fill, count: pad / 2) + text + String(repeating: fill, count: pad - pad / 2)
    default: return text + String(repeating: fill, count: pad)
    }
  }

  /// `"{} of {:.2f} {name!r}".format(...)`: auto and explicit field numbering, keywords,
  /// conversions and specs.
  static func method(_ template: String, _ a: Arguments) throws(PyError) -> String {
    var out = ""
    var chars = Array(template)[...]
    var auto = 0
    while let c = chars.first {
      chars = chars.dropFirst()
      if c == "}" {
        guard chars.first == "}" else { throw PyError("ValueError", "Single '}' encountered in format string") }
        chars = chars.dropFirst()
        out.append("}")
        continue
      }
      guard c == "{" else {
        out.append(c)
        continue
      }
      if chars.first == "{" {
        chars = chars.dropFirst()
        out.append("{")
        continue
      }
      var field = ""
      var depth = 0
      while let d = chars.first, d != "}" || depth > 0 {
        if d == "{" { depth += 1 }
        if d == "}" { depth -= 1 }
        field.append(d)
        chars = chars.dropFirst()
      }
      guard chars.first == "}" else { throw PyError("ValueError", "expected '}' before end of string") }
      chars = chars.dropFirst()
      var spec = ""
      if let colon = field.firstIndex(of: ":") {
        spec = String(field[field.index(after: colon)...])
        field = String(field[..<colon])
      }
      var conversion: Character?
      if let bang = field.firstIndex(of: "!") {
        conversion = field[field.index(after: bang)...].first
        field = String(field[..<bang])
      }
      let value: Value
      if field.isEmpty {
        guard auto < a.positional.count else {
          throw PyError("IndexError", "Replacement index \(auto) out of range for positional args tuple")
        }
        value = a.positional[auto]
        auto += 1
      } else if let n = Int(field) {
        guard n < a.positional.count else {
          throw PyError("IndexError", "Replacement index \(n) out of range for positional args tuple")
        }
        value = a.positional[n]
      } else {
        guard let v = a.keywords.first(where: { $0.0 == field })?.1 else {
          throw PyError("KeyError", Repr.quoted(field))
        }
        value = v
      }
      switch conversion {
      case "r": out += try padded(Repr.repr(value), spec: spec)
      case "s": out += try padded(Repr.str(value), spec: spec)
      default: out += try format(value, spec: spec)
      }
    }
    return out
  }

  /// `"%d items, %.3f" % (n, x)`.
  static func percent(_ template: String, _ args: Value) throws(PyError) -> String {
    var values: [Value]
    if case .tuple(let t) = args { values = t } else { values = [args] }
    var out = ""
    var chars = Array(template)[...]
    while let c = chars.first {
      chars = chars.dropFirst()
      guard c == "%" else {
        out.append(c)
        continue
      }
      var spec = ""
      while let d = chars.first, !"diouxXeEfFgGcrs%".contains(d) {
        spec.append(d)
        chars = chars.dropFirst()
      }
      guard let type = chars.first else { throw PyError("ValueError", "incomplete format") }
      chars = chars.dropFirst()
      if type == "%" {
        out += "%"
        continue
      }
      guard !values.isEmpty else { throw PyError("TypeError", "not enough arguments for format string") }
      let v = values.removeFirst()
      switch type {
      case "r": out += try padded(Repr.repr(v), spec: spec.replacingOccurrences(of: "-", with: "<"))
      case "s": out += try padded(Repr.str(v), spec: spec.hasPrefix("-") ? "<" + spec.dropFirst() : ">" + spec)
      case "d", "i", "u":
        out += try format(
          .int(try Operators.exactInt(try Operators.number(v))), spec: (spec.hasPrefix("-") ? "<" + spec.dropFirst() : spec) + "d")
      default:
        out += try format(
          .float(try Operators.number(v)), spec: (spec.hasPrefix("-") ? "<" + spec.dropFirst() : spec) + String(type))
      }
    }
    if !values.isEmpty { throw PyError("TypeError", "not all arguments converted during string formatting") }
    return out
  }
}

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
      if d.frozen {
        return d.keys.isEmpty ? "frozenset()" : "frozenset({" + d.keys.map(item).joined(separator: ", ") + "})"
      }
      return d.keys.isEmpty ? "set()" : "{" + d.keys.map(item).joined(separator: ", ") + "}"
    case .dict(let d):
      var parts: [String] = []
      for (k, x) in zip(d.keys, d.values) { parts.append(item(k) + ": " + item(x)) }
      let body = "{" + parts.joined(separator: ", ") + "}"
      if let factory = d.defaultFactory { return "defaultdict(" + item(factory.value) + ", " + body + ")" }
      return body
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
    case .module(let m):
      // A user module names its file; a namespace package, its directories.
      if case .str(let file)? = m.member("__file__") { return "<module '\(m.name)' from '\(file)'>" }
      if m.namespace != nil, let path = m.packagePath {
        return "<module '\(m.name)' (namespace) from [\(path.map { "'\($0)'" }.joined(separator: ", "))]>"
      }
      return "<module '\(m.name)'>"
    case .range(let a, let b, let s): return s == 1 ? "range(\(a), \(b))" : "range(\(a), \(b), \(s))"
    case .slice(let a, let b, let c):
      return "slice(\([a, b, c].map { $0.map { repr($0, options) } ?? "None" }.joined(separator: ", ")))"
    case .ellipsis: return "Ellipsis"
    case .object(let o): return o.repr()
    case .exception(let e): return e.repr
    case .classObject(let c): return "<class '\(c.module).\(c.name)'>"
    case .instance(let i):
      if let text = try? i.cls.interpreter.special(i, "__repr__", []), case .str(let s) = text { return s }
      if let e = i.exceptionObject { return e.repr }
      return
        "<\(i.cls.module).\(i.cls.name) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(i).hashValue), radix: 16))>"
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
    case .object(let o) where o.attributes["__str__"] != nil:
      if case .str(let s)? = o.attributes["__str__"] { return s }
      return repr(v, options)
    case .instance(let i):
      if let text = try? i.cls.interpreter.special(i, "__str__", []), case .str(let s) = text { return s }
      if let e = i.exceptionObject { return e.message }
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

  /// `ascii()`: a repr with every non-ASCII character escaped as `\\xhh`, `\\uhhhh` or `\\Uhhhhhhhh`.
  static func ascii(_ text: String) -> String {
    var out = ""
    for u in text.unicodeScalars {
      if u.isASCII {
        out.unicodeScalars.append(u)
        continue
      }
      let hex = String(u.value, radix: 16)
      let (prefix, width) = u.value < 0x100 ? ("\\x", 2) : u.value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
      out += prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
    }
    return out
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
    if width > 100_000_000 { throw PyError("MemoryError", "") }
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
      // `{0[1]}`, `{p.real}`: the argument, then item and attribute lookups.
      var accessors = ""
      if let cut = field.firstIndex(where: { $0 == "." || $0 == "[" }) {
        accessors = String(field[cut...])
        field = String(field[..<cut])
      }
      var value: Value
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
      var rest = Array(accessors)[...]
      while let first = rest.first {
        rest = rest.dropFirst()
        var key = ""
        if first == "." {
          while let d = rest.first, d != ".", d != "[" {
            key.append(d)
            rest = rest.dropFirst()
          }
          if key.isEmpty { throw PyError("ValueError", "Empty attribute in format string") }
          value = try Attributes.get(value, key)
        } else {
          while let d = rest.first, d != "]" {
            key.append(d)
            rest = rest.dropFirst()
          }
          guard rest.first == "]" else { throw PyError("ValueError", "Missing ']' in format string") }
          rest = rest.dropFirst()
          if key.isEmpty { throw PyError("ValueError", "Empty attribute in format string") }
          value = try Operators.getItem(value, Int64(key).map { .int($0) } ?? .str(key))
        }
      }
      switch conversion {
      case "r": out += try padded(Repr.repr(value), spec: spec)
      case "s": out += try padded(Repr.str(value), spec: spec)
      default: out += try format(value, spec: spec)
      }
    }
    return out
  }

  /// `"%d items, %.3f" % (n, x)` and `"%(name)s" % mapping`, as CPython's printf-style
  /// formatting: flags `-+ 0#`, `*` widths and precisions, and its error texts.
  static func percent(_ template: String, _ args: Value) throws(PyError) -> String {
    var values: [Value]
    if case .tuple(let t) = args { values = t } else { values = [args] }
    var mapping: Value?
    switch args {
    case .dict, .instance: mapping = args
    default: break
    }
    var usedMapping = false
    var out = ""
    var chars = Array(template)[...]
    func next() throws(PyError) -> Value {
      guard !values.isEmpty else { throw PyError("TypeError", "not enough arguments for format string") }
      return values.removeFirst()
    }
    func number() -> Int? {
      var digits = ""
      while let d = chars.first, d.isASCII, d.isNumber {
        digits.append(d)
        chars = chars.dropFirst()
      }
      return Int(digits)
    }
    while let c = chars.first {
      chars = chars.dropFirst()
      guard c == "%" else {
        out.append(c)
        continue
      }
      var argument: Value?
      if chars.first == "(" {
        guard let mapping else { throw PyError("TypeError", "format requires a mapping") }
        chars = chars.dropFirst()
        var key = ""
        var depth = 1
        while let d = chars.first {
          chars = chars.dropFirst()
          if d == "(" { depth += 1 }
          if d == ")" {
            depth -= 1
            if depth == 0 { break }
          }
          key.append(d)
        }
        if depth > 0 { throw PyError("ValueError", "incomplete format key") }
        argument = try Operators.getItem(mapping, .str(key))
        usedMapping = true
      }
      var flags = Set<Character>()
      while let d = chars.first, "-+ #0".contains(d) {
        flags.insert(d)
        chars = chars.dropFirst()
      }
      var width: Int?
      if chars.first == "*" {
        chars = chars.dropFirst()
        guard case .int(let w) = try next() else { throw PyError("TypeError", "* wants int") }
        width = Int(w)
        if w < 0 {
          flags.insert("-")
          width = Int(-w)
        }
      } else {
        width = number()
      }
      var precision: Int?
      if chars.first == "." {
        chars = chars.dropFirst()
        if chars.first == "*" {
          chars = chars.dropFirst()
          guard case .int(let p) = try next() else { throw PyError("TypeError", "* wants int") }
          precision = max(0, Int(p))
        } else {
          precision = number() ?? 0
        }
      }
      while let d = chars.first, "hlL".contains(d) { chars = chars.dropFirst() }
      guard let type = chars.first else { throw PyError("ValueError", "incomplete format") }
      chars = chars.dropFirst()
      if type == "%" {
        out += "%"
        continue
      }
      let v: Value
      if let argument { v = argument } else { v = try next() }
      // A width or precision past what fits in memory fails as CPython's would, without a trap.
      if (width ?? 0) > 100_000_000 || (precision ?? 0) > 100_000_000 {
        throw PyError("MemoryError", "")
      }
      let left = flags.contains("-")
      let widthText = width.map(String.init) ?? ""
      func pad(_ text: String) -> String {
        let n = max(0, (width ?? 0) - text.count)
        return left ? text + String(repeating: " ", count: n) : String(repeating: " ", count: n) + text
      }
      var numberSpec: String {
        var spec = left ? "<" : ""
        if flags.contains("+") { spec += "+" } else if flags.contains(" ") { spec += " " }
        if flags.contains("#") { spec += "#" }
        if flags.contains("0") && !left { spec += "0" }
        return spec + widthText
      }
      switch type {
      case "s", "r", "a":
        var text = type == "s" ? Repr.str(v) : Repr.repr(v)
        if type == "a" { text = Repr.ascii(text) }
        if let precision { text = String(text.prefix(precision)) }
        out += pad(text)
      case "d", "i", "u", "x", "X", "o":
        let integer: Int64
        switch v {
        case .int(let i): integer = i
        case .bool(let b): integer = b ? 1 : 0
        case .float(let d) where "diu".contains(type):
          guard d.isFinite else {
            throw PyError("OverflowError", "cannot convert float \(d.isNaN ? "NaN" : "infinity") to integer")
          }
          integer = try Operators.exactInt(d.rounded(.towardZero))
        case .scalar(.int(let i)): integer = i
        case .scalar(.float(let d)) where "diu".contains(type): integer = try Operators.exactInt(d.rounded(.towardZero))
        default:
          if "diu".contains(type) {
            throw PyError("TypeError", "%\(type) format: a real number is required, not \(v.typeName)")
          }
          throw PyError("TypeError", "%\(type) format: an integer is required, not \(v.typeName)")
        }
        var text = try format(.int(integer), spec: numberSpec + (type == "i" || type == "u" ? "d" : String(type)))
        if let precision, precision > 0, width == nil, !flags.contains("#") {
          // A precision pads the digits with zeros, inside the sign.
          let negative = text.hasPrefix("-")
          let body = negative ? String(text.dropFirst()) : text
          text = (negative ? "-" : "") + String(repeating: "0", count: max(0, precision - body.count)) + body
        }
        out += text
      case "e", "E", "f", "F", "g", "G":
        let d: Double
        switch v {
        case .int(let i): d = Double(i)
        case .float(let f): d = f
        case .bool(let b): d = b ? 1 : 0
        case .scalar(let s): d = try Operators.number(.scalar(s))
        default: throw PyError("TypeError", "must be real number, not \(v.typeName)")
        }
        out += try format(.float(d), spec: numberSpec + "." + String(precision ?? 6) + String(type))
      case "c":
        switch v {
        case .int(let i):
          guard i >= 0, i <= 0x10FFFF, let u = Unicode.Scalar(UInt32(i)) else {
            throw PyError("OverflowError", "%c arg not in range(0x110000)")
          }
          out += pad(String(Character(u)))
        case .str(let s) where s.count == 1: out += pad(s)
        default: throw PyError("TypeError", "%c requires int or char")
        }
      default:
        let code = type.unicodeScalars.first.map { String($0.value, radix: 16) } ?? "0"
        throw PyError(
          "ValueError",
          "unsupported format character '\(type)' (0x\(code)) at index \(template.count - chars.count - 1)")
      }
    }
    if !values.isEmpty && !usedMapping && mapping == nil {
      throw PyError("TypeError", "not all arguments converted during string formatting")
    }
    return out
  }
}

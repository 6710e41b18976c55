import Foundation

/// The rest of Python's str methods, with CPython's rules for start/end arguments, counts
/// and edge cases. Strings index by character, as `len` and `s[i]` do.
extension Builtins {
  nonisolated(unsafe) static let stringMethods: [String: StringMethod] = coreStringMethods.merging(
    moreStringMethods
  ) { $1 }

  /// `s[start:end]` bounds of the optional start/end arguments at `index`, `index + 1`, clamped as slices are.
  static func bounds(_ a: Arguments, _ index: Int, count: Int) throws(PyError) -> (Int, Int) {
    func clamp(_ v: Int) -> Int { v < 0 ? max(0, v + count) : min(v, count) }
    // A start past the end stays there: nothing is found, not even "".
    let start = try a.optionalInt(index, "start").map { $0 < 0 ? max(0, $0 + count) : $0 } ?? 0
    let end = try a.optionalInt(index + 1, "end").map(clamp) ?? count
    return (start, end)
  }

  /// Where `sub` occurs in `chars[start..<end]`: the first (or last) position, or nil.
  static func search(_ chars: [Character], _ sub: [Character], _ start: Int, _ end: Int, last: Bool) -> Int? {
    if start > chars.count || end - start < sub.count { return nil }
    let positions = Array(start...(end - sub.count))
    for p in last ? positions.reversed() : positions where chars[p..<(p + sub.count)].elementsEqual(sub) {
      return p
    }
    return nil
  }

  static func find(_ s: String, _ a: Arguments, last: Bool) throws(PyError) -> Int? {
    guard let sub = try a.string(0, "sub") else { throw PyError("TypeError", "find() takes at least 1 argument") }
    let chars = Array(s)
    let (start, end) = try bounds(a, 1, count: chars.count)
    return search(chars, Array(sub), start, end, last: last)
  }

  /// Non-overlapping occurrences of `sub` in `chars[start..<end]`, left to right.
  static func occurrences(
    _ chars: [Character], _ sub: [Character], _ start: Int, _ end: Int, limit: Int = -1
  )
    -> [Int]
  {
    var found: [Int] = []
    if sub.isEmpty {
      if start > end { return [] }
      for p in start...end where limit < 0 || found.count < limit { found.append(p) }
      return found
    }
    var p = start
    while p + sub.count <= end && (limit < 0 || found.count < limit) {
      if chars[p..<(p + sub.count)].elementsEqual(sub) {
        found.append(p)
        p += sub.count
      } else {
        p += 1
      }
    }
    return found
  }

  /// startswith / endswith: a prefix or a tuple of them, within optional start/end.
  static func affix(_ s: String, _ a: Arguments, _ name: String, suffix: Bool) throws(PyError) -> Value {
    let chars = Array(s)
    let (start, end) = try bounds(a, 1, count: chars.count)
    let given = try a.required(0, suffix ? "suffix" : "prefix", function: name)
    var candidates: [Value]
    if case .tuple(let t) = given { candidates = t } else { candidates = [given] }
    for c in candidates {
      guard case .str(let x) = c else {
        if case .tuple = given {
          throw PyError("TypeError", "tuple for \(name) must only contain str, not \(c.typeName)")
        }
        throw PyError(
          "TypeError", "\(name) first arg must be str or a tuple of str, not \(c.typeName)")
      }
      let sub = Array(x)
      if start > chars.count || end - start < sub.count { continue }
      let window = suffix ? chars[(end - sub.count)..<end] : chars[start..<(start + sub.count)]
      if window.elementsEqual(sub) { return .bool(true) }
    }
    return .bool(false)
  }

  static let lineBreaks: Set<Character> = [
    "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}",
  ]

  static func isCased(_ c: Character) -> Bool { c.isUppercase || c.isLowercase }

  nonisolated(unsafe) static let moreStringMethods: [String: StringMethod] = [
    "find": { (s, a) throws(PyError) -> Value in .int(Int64(try find(s, a, last: false) ?? -1)) },
    "rfind": { (s, a) throws(PyError) -> Value in .int(Int64(try find(s, a, last: true) ?? -1)) },
    "index": { (s, a) throws(PyError) -> Value in
      guard let i = try find(s, a, last: false) else { throw PyError("ValueError", "substring not found") }
      return .int(Int64(i))
    },
    "rindex": { (s, a) throws(PyError) -> Value in
      guard let i = try find(s, a, last: true) else { throw PyError("ValueError", "substring not found") }
      return .int(Int64(i))
    },
    "count": { (s, a) throws(PyError) -> Value in
      guard let sub = try a.string(0, "sub") else { throw PyError("TypeError", "count() takes at least 1 argument") }
      let chars = Array(s)
      let (start, end) = try bounds(a, 1, count: chars.count)
      if start > chars.count { return .int(0) }
      return .int(Int64(occurrences(chars, Array(sub), start, end).count))
    },
    "startswith": { (s, a) throws(PyError) -> Value in try affix(s, a, "startswith", suffix: false) },
    "endswith": { (s, a) throws(PyError) -> Value in try affix(s, a, "endswith", suffix: true) },
    "replace": { (s, a) throws(PyError) -> Value in
      guard let old = try a.string(0, "old"), let new = try a.string(1, "new") else {
        throw PyError("TypeError", "replace expected at least 2 arguments, got \(a.positional.count)")
      }
      let count = try a.int(2, "count", default: -1)
      let chars = Array(s)
      let sub = Array(old)
      let at = occurrences(chars, sub, 0, chars.count, limit: count)
      var out = ""
      var p = 0
      for q in at {
        out += String(chars[p..<q]) + new
        p = q + sub.count
      }
      out += String(chars[min(p, chars.count)...])
      return .str(out)
    },
    "center": { (s, a) throws(PyError) -> Value in
      let width = try a.int(0, "width", default: 0)
      let fillText = try a.string(1, "fillchar") ?? " "
      guard fillText.count == 1, let fill = fillText.first else {
        throw PyError("TypeError", "The fill character must be exactly one character long")
      }
      let n = s.count
      guard width > n else { return .str(s) }
      if width > 100_000_000 { throw PyError("MemoryError", "") }
      // CPython's rule: the odd fill character goes left when the width is odd.
      let margin = width - n
      let left = margin / 2 + (margin & width & 1)
      return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: margin - left))
    },
    "rsplit": { (s, a) throws(PyError) -> Value in
      let maxSplit = try a.int(1, "maxsplit", default: -1)
      if let sep = try a.string(0, "sep") {
        guard !sep.isEmpty else { throw PyError("ValueError", "empty separator") }
        let chars = Array(s)
        let sub = Array(sep)
        var parts: [Value] = []
        var end = chars.count
        var p = chars.count - sub.count
        while p >= 0 && (maxSplit < 0 || parts.count < maxSplit) {
          if chars[p..<(p + sub.count)].elementsEqual(sub) {
            parts.append(.str(String(chars[(p + sub.count)..<end])))
            end = p
            p -= sub.count
          } else {
            p -= 1
          }
        }
        parts.append(.str(String(chars[0..<end])))
        return .list(ListBox(parts.reversed()))
      }
      var parts: [Value] = []
      var rest = Substring(s)
      while true {
        while let l = rest.last, l.isWhitespace { rest = rest.dropLast() }
        if rest.isEmpty { break }
        if maxSplit >= 0 && parts.count >= maxSplit {
          parts.append(.str(String(rest)))
          break
        }
        var word = rest
        while let l = word.last, !l.isWhitespace { word = word.dropLast() }
        parts.append(.str(String(rest[word.endIndex...])))
        rest = word
      }
      return .list(ListBox(parts.reversed()))
    },
    "partition": { (s, a) throws(PyError) -> Value in
      guard let sep = try a.string(0, "sep") else {
        throw PyError("TypeError", "partition() takes exactly one argument")
      }
      guard !sep.isEmpty else { throw PyError("ValueError", "empty separator") }
      let chars = Array(s)
      guard let p = search(chars, Array(sep), 0, chars.count, last: false) else {
        return .tuple([.str(s), .str(""), .str("")])
      }
      return .tuple([.str(String(chars[..<p])), .str(sep), .str(String(chars[(p + sep.count)...]))])
    },
    "rpartition": { (s, a) throws(PyError) -> Value in
      guard let sep = try a.string(0, "sep") else {
        throw PyError("TypeError", "rpartition() takes exactly one argument")
      }
      guard !sep.isEmpty else { throw PyError("ValueError", "empty separator") }
      let chars = Array(s)
      guard let p = search(chars, Array(sep), 0, chars.count, last: true) else {
        return .tuple([.str(""), .str(""), .str(s)])
      }
      return .tuple([.str(String(chars[..<p])), .str(sep), .str(String(chars[(p + sep.count)...]))])
    },
    "swapcase": { (s, _) throws(PyError) -> Value in
      .str(s.map { $0.isUppercase ? $0.lowercased() : $0.isLowercase ? $0.uppercased() : String($0) }.joined())
    },
    "casefold": { (s, _) throws(PyError) -> Value in
      .str(s.lowercased().replacingOccurrences(of: "ß", with: "ss"))
    },
    "removeprefix": { (s, a) throws(PyError) -> Value in
      let p = try a.string(0, "prefix") ?? ""
      return .str(!p.isEmpty && s.hasPrefix(p) ? String(s.dropFirst(p.count)) : s)
    },
    "removesuffix": { (s, a) throws(PyError) -> Value in
      let p = try a.string(0, "suffix") ?? ""
      return .str(!p.isEmpty && s.hasSuffix(p) ? String(s.dropLast(p.count)) : s)
    },
    "splitlines": { (s, a) throws(PyError) -> Value in
      let keep = try a.bool(0, "keepends", default: false)
      var lines: [Value] = []
      var line = ""
      for c in s {
        if lineBreaks.contains(c) {
          lines.append(.str(keep ? line + String(c) : line))
          line = ""
        } else {
          line.append(c)
        }
      }
      if !line.isEmpty { lines.append(.str(line)) }
      return .list(ListBox(lines))
    },
    "expandtabs": { (s, a) throws(PyError) -> Value in
      let size = try a.int(0, "tabsize", default: 8)
      var out = ""
      var column = 0
      for c in s {
        if c == "\t" {
          if size > 0 {
            let n = size - column % size
            out += String(repeating: " ", count: n)
            column += n
          }
        } else {
          out.append(c)
          column = c == "\n" || c == "\r" ? 0 : column + 1
        }
      }
      return .str(out)
    },
    "translate": { (s, a) throws(PyError) -> Value in
      let table = try a.required(0, "table", function: "translate")
      var out = ""
      for u in s.unicodeScalars {
        var mapped: Value?
        do throws(PyError) {
          mapped = try Operators.getItem(table, .int(Int64(u.value)))
        } catch {
          if error.type != "KeyError" && error.type != "IndexError" { throw error }
        }
        switch mapped {
        case nil: out.unicodeScalars.append(u)
        case .none?: break
        case .str(let r)?: out += r
        case .int(let code)?:
          guard code >= 0, code <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(code)) else {
            throw PyError("ValueError", "character mapping must be in range(0x110000)")
          }
          out.unicodeScalars.append(scalar)
        case let other?:
          throw PyError("TypeError", "character mapping must return integer, None or str, not \(other.typeName)")
        }
      }
      return .str(out)
    },
    "isalnum": { (s, _) throws(PyError) -> Value in .bool(!s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber }) },
    "isdecimal": { (s, _) throws(PyError) -> Value in
      .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal })
    },
    "isdigit": { (s, _) throws(PyError) -> Value in
      .bool(
        !s.isEmpty
          && s.unicodeScalars.allSatisfy {
            $0.properties.numericType == .decimal || $0.properties.numericType == .digit
          }
      )
    },
    "isnumeric": { (s, _) throws(PyError) -> Value in
      .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType != nil })
    },
    "isupper": { (s, _) throws(PyError) -> Value in
      .bool(s.contains(where: isCased) && !s.contains(where: { $0.isLowercase }))
    },
    "islower": { (s, _) throws(PyError) -> Value in
      .bool(s.contains(where: isCased) && !s.contains(where: { $0.isUppercase }))
    },
    "istitle": { (s, _) throws(PyError) -> Value in
      // Uppercase letters only after uncased ones, lowercase only after cased ones.
      var previousCased = false
      var sawCased = false
      for c in s {
        if c.isUppercase {
          if previousCased { return .bool(false) }
          previousCased = true
          sawCased = true
        } else if c.isLowercase {
          if !previousCased { return .bool(false) }
          previousCased = true
          sawCased = true
        } else {
          previousCased = false
        }
      }
      return .bool(sawCased)
    },
    "isidentifier": { (s, _) throws(PyError) -> Value in
      guard let first = s.unicodeScalars.first else { return .bool(false) }
      return .bool(
        (first == "_" || first.properties.isXIDStart)
          && s.unicodeScalars.dropFirst().allSatisfy { $0.properties.isXIDContinue })
    },
    "isascii": { (s, _) throws(PyError) -> Value in .bool(s.unicodeScalars.allSatisfy(\.isASCII)) },
    "isprintable": { (s, _) throws(PyError) -> Value in
      .bool(
        s.unicodeScalars.allSatisfy { u in
          u == " "
            || !(u.properties.generalCategory == .control || u.properties.generalCategory == .format
              || u.properties.generalCategory == .spaceSeparator || u.properties.generalCategory == .lineSeparator
              || u.properties.generalCategory == .paragraphSeparator || u.properties.generalCategory == .unassigned
              || u.properties.generalCategory == .surrogate || u.properties.generalCategory == .privateUse)
        })
    },
  ]

  /// `str.maketrans(x[, y[, z]])`: a dict from code points to replacements.
  static func maketrans(_ a: Arguments) throws(PyError) -> Value {
    let table = DictBox()
    if a.positional.count == 1 {
      guard case .dict(let d) = a.positional[0] else {
        throw PyError("TypeError", "if you give only one argument to maketrans it must be a dict")
      }
      for (k, v) in zip(d.keys, d.values) {
        switch k {
        case .int: try table.set(k, v)
        case .str(let c) where c.unicodeScalars.count == 1:
          try table.set(.int(Int64(c.unicodeScalars.first?.value ?? 0)), v)
        default: throw PyError("ValueError", "string keys in translate table must be of length 1")
        }
      }
      return .dict(table)
    }
    guard case .str(let x)? = a.value(0, "x"), case .str(let y)? = a.value(1, "y") else {
      throw PyError("TypeError", "maketrans() arguments must be str")
    }
    let xs = Array(x.unicodeScalars)
    let ys = Array(y.unicodeScalars)
    guard xs.count == ys.count else {
      throw PyError("ValueError", "the first two maketrans arguments must have equal length")
    }
    for (p, q) in zip(xs, ys) { try table.set(.int(Int64(p.value)), .int(Int64(q.value))) }
    if case .str(let z)? = a.value(2, "z") {
      for p in z.unicodeScalars { try table.set(.int(Int64(p.value)), .none) }
    }
    return .dict(table)
  }
}

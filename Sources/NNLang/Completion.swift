import Foundation

/// Names for tab completion and `dir()`: what is in scope, and the attributes of a value.
enum Completion {
  /// The attribute names a value offers, sorted.
  static func attributeNames(_ v: Value) -> [String] {
    var names: Set<String> = []
    switch v {
    case .module(let m): names.formUnion(m.attributes.keys)
    case .array:
      names.formUnion(Builtins.arrayProperties.keys)
      for table in Builtins.arrayMethodTables { names.formUnion(table.keys) }
    case .list: names.formUnion(Builtins.listMethods.keys)
    case .str: names.formUnion(Builtins.stringMethods.keys)
    case .dict: names.formUnion(Builtins.dictMethods.keys)
    case .set: names.formUnion(Builtins.setMethods.keys)
    case .object(let o): names.formUnion(o.attributes.keys.filter { !$0.hasPrefix("__") })
    case .instance(let i):
      names.formUnion(i.attributes.keys)
      var classes = [i.cls]
      while let c = classes.popLast() {
        names.formUnion(c.attributes.keys)
        classes.append(contentsOf: c.bases)
      }
    case .classObject(let c):
      var classes = [c]
      while let c = classes.popLast() {
        names.formUnion(c.attributes.keys)
        classes.append(contentsOf: c.bases)
      }
    case .exception: names.insert("args")
    default: break
    }
    return names.sorted()
  }

  /// The text of the string literal `text` ends inside, if it does (quotes, escapes and
  /// comments followed as the lexer would, one line at a time).
  static func openString(_ text: String) -> String? {
    var quote: Character?
    var content = ""
    var escaped = false
    for c in text {
      if let q = quote {
        if escaped {
          escaped = false
          content.append(c)
        } else if c == "\\" {
          escaped = true
          content.append(c)
        } else if c == q {
          quote = nil
        } else {
          content.append(c)
        }
      } else if c == "#" {
        return nil
      } else if c == "\"" || c == "'" {
        quote = c
        content = ""
      }
    }
    return quote == nil ? nil : content
  }

  /// File names that complete `partial` (a path so far): entries of its directory with its
  /// last component as prefix, directories with a `/`; hidden files only when asked for.
  static func paths(_ partial: String) -> [String] {
    let slash = partial.lastIndex(of: "/")
    let directory = slash.map { String(partial[...$0]) } ?? ""
    let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    var lookIn = directory.isEmpty ? "." : directory
    if lookIn.hasPrefix("~"), let home = ProcessInfo.processInfo.environment["HOME"] {
      lookIn = home + lookIn.dropFirst()
    }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: lookIn) else { return [] }
    return names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(
        atPath: (lookIn as NSString).appendingPathComponent($0), isDirectory: &isDirectory)
      return directory + $0 + (isDirectory.boolValue ? "/" : "")
    }
  }
}

extension Session {
  /// What Tab completes at the end of `text`: inside a string literal, a file name (`word` is
  /// the string so far, `isPath` true); elsewhere a name or `a.b.` attribute path.
  public func completion(_ text: String) -> (word: String, candidates: [String], isPath: Bool) {
    if let partial = Completion.openString(text) {
      return (partial, Completion.paths(partial), true)
    }
    let word = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
    return (word, completions(text), false)
  }

  /// Completions of the word that ends `text` (names, or `a.b.` attributes), whole words.
  /// Attribute paths are followed through names only: nothing is called or evaluated.
  public func completions(_ text: String) -> [String] {
    let word = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }.reversed())
    var parts = word.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let partial = parts.removeLast()
    if parts.isEmpty {
      var names = Set(pythonKeywords)
      names.formUnion(interpreter.builtins.keys)
      for (name, slot) in interpreter.globals.slots
      where !name.hasPrefix("\u{0}") && interpreter.globals.values[slot] != nil {
        names.insert(name)
      }
      return names.filter { $0.hasPrefix(partial) }.sorted()
    }
    guard var value = interpreter.globals[parts[0]] ?? interpreter.builtins[parts[0]] else { return [] }
    for name in parts.dropFirst() {
      guard let next = try? Attributes.get(value, name) else { return [] }
      value = next
    }
    let prefix = parts.joined(separator: ".") + "."
    return Completion.attributeNames(value).filter {
      $0.hasPrefix(partial) && (partial.hasPrefix("_") || !$0.hasPrefix("_"))
    }
    .map { prefix + $0 }
  }
}

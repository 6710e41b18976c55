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
}

extension Session {
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

/// CPython 3.11's "Did you mean: 'x'?" for NameError and AttributeError (Python/suggestions.c):
/// a Levenshtein distance where a case change costs 1 and any other edit 2, accepting a name
/// only when no more than a third of the characters change.
enum Suggestions {
  private static let moveCost = 2
  private static let caseCost = 1
  private static let maxStringSize = 40
  private static let maxCandidates = 750

  /// The closest of `candidates` to `name`, first found winning ties, as CPython picks it.
  static func best(_ name: String, _ candidates: [String]) -> String? {
    guard candidates.count < maxCandidates else { return nil }
    let a = Array(name.utf8)
    var bestDistance = Int.max
    var suggestion: String?
    for item in candidates where item != name {
      let b = Array(item.utf8)
      var maxDistance = (a.count + b.count + 3) * moveCost / 6
      maxDistance = min(maxDistance, bestDistance - 1)
      let d = distance(a[...], b[...], maxCost: maxDistance)
      if d > maxDistance { continue }
      if suggestion == nil || d < bestDistance {
        suggestion = item
        bestDistance = d
      }
    }
    return suggestion
  }

  private static func substitutionCost(_ x: UInt8, _ y: UInt8) -> Int {
    if x & 31 != y & 31 { return moveCost }
    if x == y { return 0 }
    func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
    return lower(x) == lower(y) ? caseCost : moveCost
  }

  private static func distance(_ a0: ArraySlice<UInt8>, _ b0: ArraySlice<UInt8>, maxCost: Int) -> Int {
    var a = a0
    var b = b0
    while let x = a.first, let y = b.first, x == y {
      a.removeFirst()
      b.removeFirst()
    }
    while let x = a.last, let y = b.last, x == y {
      a.removeLast()
      b.removeLast()
    }
    if a.isEmpty || b.isEmpty { return (a.count + b.count) * moveCost }
    if a.count > maxStringSize || b.count > maxStringSize { return maxCost + 1 }
    if b.count < a.count { swap(&a, &b) }
    if (b.count - a.count) * moveCost > maxCost { return maxCost + 1 }
    let aa = Array(a)
    var buffer = [Int](repeating: 0, count: aa.count)
    var tmp = moveCost
    for i in 0..<aa.count {
      buffer[i] = tmp
      tmp += moveCost
    }
    var result = 0
    for (bIndex, code) in b.enumerated() {
      var distance = bIndex * moveCost
      result = distance
      var minimum = Int.max
      for index in 0..<aa.count {
        let substitute = distance + substitutionCost(code, aa[index])
        distance = buffer[index]
        let insertDelete = min(result, distance) + moveCost
        result = min(insertDelete, substitute)
        buffer[index] = result
        if result < minimum { minimum = result }
      }
      if minimum > maxCost { return maxCost + 1 }
    }
    return result
  }

  /// For a NameError: the function's locals, then the module's globals, then the builtins.
  static func forName(_ name: String, locals: [String], globals: Globals) -> String? {
    if let s = best(name, locals) { return s }
    let defined = globals.slots.filter { globals.values[$0.value] != nil }.sorted { $0.value < $1.value }.map(\.key)
    if let s = best(name, ["__name__", "__doc__", "__package__", "__loader__", "__spec__"] + defined) { return s }
    return best(name, builtinNames)
  }

  /// For an AttributeError: the object's attribute names, sorted as `dir()` lists them.
  static func forAttribute(_ name: String, of object: Value) -> String? {
    best(name, Attributes.names(of: object).sorted())
  }

  /// CPython 3.11's builtins, in the order of its builtins dictionary.
  static let builtinNames: [String] = [
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__", "__import__", "abs",
    "all", "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile", "delattr", "dir", "divmod", "eval",
    "exec", "format", "getattr", "globals", "hasattr", "hash", "hex", "id", "input", "isinstance", "issubclass",
    "iter", "aiter", "len", "locals", "max", "min", "next", "anext", "oct", "ord", "pow", "print", "repr", "round",
    "setattr", "sorted", "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True", "bool",
    "memoryview", "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter", "float",
    "frozenset", "property", "int", "list", "map", "object", "range", "reversed", "set", "slice", "staticmethod",
    "str", "super", "tuple", "type", "zip", "__debug__", "BaseException", "BaseExceptionGroup", "Exception",
    "GeneratorExit", "KeyboardInterrupt", "SystemExit", "ArithmeticError", "AssertionError", "AttributeError",
    "BufferError", "EOFError", "ImportError", "LookupError", "MemoryError", "NameError", "OSError",
    "ReferenceError", "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError", "SystemError",
    "TypeError", "ValueError", "Warning", "FloatingPointError", "OverflowError", "ZeroDivisionError",
    "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning", "ImportWarning",
    "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning", "UnicodeWarning",
    "UserWarning", "BlockingIOError", "ChildProcessError", "ConnectionError", "FileExistsError",
    "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError",
    "ProcessLookupError", "TimeoutError", "IndentationError", "IndexError", "KeyError", "ModuleNotFoundError",
    "NotImplementedError", "RecursionError", "UnboundLocalError", "UnicodeError", "BrokenPipeError",
    "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError", "TabError",
    "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError", "ExceptionGroup", "EnvironmentError",
    "IOError", "open", "quit", "exit", "copyright", "credits", "license", "help",
  ]
}

extension Attributes {
  /// The attribute names `dir()` would list for a value (without the dunder methods of
  /// built-in types), for suggestions.
  static func names(of object: Value) -> [String] {
    switch object {
    case .module(let m): return Array(m.attributes.keys)
    case .instance(let i):
      var names = Set(i.attributes.keys)
      func add(_ c: PyClass) {
        names.formUnion(c.attributes.keys)
        for b in c.bases { add(b) }
      }
      add(i.cls)
      return Array(names)
    case .classObject(let c):
      var names = Set<String>()
      func add(_ c: PyClass) {
        names.formUnion(c.attributes.keys)
        for b in c.bases { add(b) }
      }
      add(c)
      return Array(names)
    case .list: return Array(Builtins.listMethods.keys)
    case .str: return Array(Builtins.stringMethods.keys)
    case .dict: return Array(Builtins.dictMethods.keys)
    case .set: return Array(Builtins.setMethods.keys)
    case .array:
      return Array(Builtins.arrayProperties.keys) + Builtins.arrayMethodTables.flatMap { $0.keys }
    case .object(let o): return Array(o.attributes.keys)
    default: return []
    }
  }
}

import NNTensor

/// `np.array2string`, `np.array_str`, `np.array_repr`: an array's text under the current
/// print options, some overridden for this call.
extension Builtins {
  nonisolated(unsafe) static let numpyArrayText: [Entry] = [
    (
      "array2string",
      "array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=' ', prefix='', suffix='', ...)",
      { (a) throws(PyError) -> Value in
        let x = try a.array(0, "a")
        let options = try textOptions(
          a, ["max_line_width", "precision", "suppress_small", "separator", "prefix", "suffix"], "array2string")
        let separator = try a.string(4, "separator") ?? " "
        let prefix = try a.string(5, "prefix") ?? ""
        let suffix = try a.string(6, "suffix") ?? ""
        return .str(x.arrayString(options: options, separator: separator, prefix: prefix, suffix: suffix))
      }
    ),
    (
      "array_str", "array_str(a, max_line_width=None, precision=None, suppress_small=None): str(a) with these options",
      { (a) throws(PyError) -> Value in
        let x = try a.array(0, "a")
        return .str(x.str(options: try textOptions(a, ["max_line_width", "precision", "suppress_small"], "array_str")))
      }
    ),
    (
      "array_repr",
      "array_repr(arr, max_line_width=None, precision=None, suppress_small=None): repr(arr) with these options",
      { (a) throws(PyError) -> Value in
        let x = try a.array(0, "arr")
        return .str(
          x.repr(options: try textOptions(a, ["max_line_width", "precision", "suppress_small"], "array_repr")))
      }
    ),
  ]

  /// The interpreter's print options with this call's overrides, through `printOptions`'s
  /// validation (its names: `linewidth`, `precision`, `suppress`, ...).
  private static func textOptions(
    _ a: Arguments, _ positional: [String], _ function: String
  ) throws(PyError) -> PrintOptions {
    let passthrough = ["threshold", "edgeitems", "sign", "floatmode", "legacy", "formatter"]
    try a.checkKeywords(Set(["a", "arr"] + positional + passthrough), function: function)
    let renamed = ["max_line_width": "linewidth", "suppress_small": "suppress"]
    var keywords: [(String, Value)] = []
    for (i, name) in positional.enumerated() where !["separator", "prefix", "suffix"].contains(name) {
      if let v = a.given(i + 1, name) { keywords.append((renamed[name] ?? name, v)) }
    }
    for (k, v) in a.keywords where passthrough.contains(k) && !v.isNone { keywords.append((k, v)) }
    var precision: [Value] = []
    if let i = keywords.firstIndex(where: { $0.0 == "precision" }) { precision = [keywords.remove(at: i).1] }
    let args = Arguments(positional: precision, keywords: keywords, interpreter: a.interpreter)
    return try printOptions(args, from: a.interpreter.printOptions, function: function)
  }
}

/// NumPy 2's scalars as text: `repr(np.float64(0.5))` is `np.float64(0.5)`, its `str` is `0.5`
/// (the same digits as Python's float repr); `np.int64(3)`, `np.True_`.
extension Scalar {
  /// `repr` of the NumPy scalar (`np.float64(1e-05)`, `np.int64(3)`, `np.True_`); under
  /// `legacy` 1.25 or older, the bare value as NumPy 1 printed it.
  public func numpyRepr(legacy: PrintOptions.Legacy? = nil) -> String {
    let level = legacy?.rawValue ?? Int.max
    switch self {
    case .bool(let b):
      return level <= 125 ? (b ? "True" : "False") : (b ? "np.True_" : "np.False_")
    case .int(let i):
      return level <= 125 ? String(i) : "np.int64(\(i))"
    case .float(let x):
      if level <= 113 { return Self.legacyText(x, significant: 17) }
      let text = PythonFloat.repr(x)
      return level <= 125 ? text : "np.float64(\(text))"
    }
  }

  /// `str` of the NumPy scalar: `0.5`, `3`, `True`.
  public func numpyStr(legacy: PrintOptions.Legacy? = nil) -> String {
    switch self {
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return String(i)
    case .float(let x):
      if let legacy, legacy <= .v1_13 { return Self.legacyText(x, significant: 12) }
      return PythonFloat.repr(x)
    }
  }

  /// Python's `repr` of the value as a Python object (`a.item()`): `0.5`, `3`, `True`.
  public var pythonRepr: String {
    switch self {
    case .bool(let b): b ? "True" : "False"
    case .int(let i): String(i)
    case .float(let x): PythonFloat.repr(x)
    }
  }

  /// NumPy 1.13's `%.<n>g`, with `.0` added when that leaves only digits.
  private static func legacyText(_ x: Double, significant: Int) -> String {
    guard x.isFinite else { return PythonFloat.repr(x) }
    let text = (try? PythonFloat.format(x, spec: ".\(significant)g")) ?? PythonFloat.repr(x)
    let digitsOnly = text.utf8.drop { $0 == ASCII.minus }.allSatisfy { $0 >= ASCII.zero && $0 <= ASCII.zero + 9 }
    return digitsOnly ? text + ".0" : text
  }
}

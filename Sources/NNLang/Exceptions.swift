/// Python's built-in exception classes: their hierarchy, and exception objects as values.
enum Exceptions {
  /// Each class's bases (AxisError is both a ValueError and an IndexError, as in NumPy).
  static let bases: [String: [String]] = [
    "BaseException": [], "Exception": ["BaseException"], "SystemExit": ["BaseException"],
    "KeyboardInterrupt": ["BaseException"], "ArithmeticError": ["Exception"],
    "ZeroDivisionError": ["ArithmeticError"], "OverflowError": ["ArithmeticError"],
    "FloatingPointError": ["ArithmeticError"], "LookupError": ["Exception"], "IndexError": ["LookupError"],
    "KeyError": ["LookupError"], "ValueError": ["Exception"], "TypeError": ["Exception"],
    "NameError": ["Exception"], "UnboundLocalError": ["NameError"], "AttributeError": ["Exception"],
    "RuntimeError": ["Exception"], "RecursionError": ["RuntimeError"], "NotImplementedError": ["RuntimeError"],
    "ImportError": ["Exception"], "ModuleNotFoundError": ["ImportError"], "AssertionError": ["Exception"],
    "StopIteration": ["Exception"], "MemoryError": ["Exception"], "OSError": ["Exception"],
    "FileNotFoundError": ["OSError"], "IsADirectoryError": ["OSError"], "PermissionError": ["OSError"],
    "SyntaxError": ["Exception"], "IndentationError": ["SyntaxError"],
    "TabError": ["IndentationError"], "UnicodeError": ["ValueError"],
    "LinAlgError": ["ValueError"], "InvalidParameterError": ["ValueError", "TypeError"],
    "AxisError": ["ValueError", "IndexError"],
    "RuntimeWarning": ["Exception"], "UserWarning": ["Exception"],
  ]

  /// The module a class is shown with in a traceback (`numpy.linalg.LinAlgError: ...`).
  static let qualified: [String: String] = [
    "LinAlgError": "numpy.linalg.LinAlgError", "AxisError": "numpy.exceptions.AxisError",
    "InvalidParameterError": "sklearn.utils._param_validation.InvalidParameterError",
  ]

  /// The class name without its module.
  static func shortName(_ type: String) -> String {
    type.split(separator: ".").last.map(String.init) ?? type
  }

  /// Whether class `type` is `ancestor` or derives from it.
  static func isSubclass(_ type: String, of ancestor: String) -> Bool {
    let t = shortName(type)
    let a = shortName(ancestor)
    if t == a { return true }
    return (bases[t] ?? ["Exception"]).contains { isSubclass($0, of: a) }
  }

  /// The class objects, callable to make exception values: `ValueError("bad")`.
  static func classes() -> [String: Value] {
    var table: [String: Value] = [:]
    for name in bases.keys where qualified[name] == nil {
      table[name] = .builtin(
        Builtin(name, isType: true) { (a) throws(PyError) -> Value in
          .exception(PyException(type: name, args: a.positional))
        })
    }
    return table
  }

  static func classValue(_ name: String) -> Value {
    let display = qualified[name] ?? name
    return .builtin(
      Builtin(display, isType: true) { (a) throws(PyError) -> Value in
        .exception(PyException(type: display, args: a.positional))
      })
  }
}

/// An exception object: `except ValueError as e` binds one, `raise` throws one.
public final class PyException {
  public let type: String
  public let args: [Value]
  /// For an instance of a user-defined exception class: the class, and its built-in base.
  let cls: PyClass?
  let base: String?
  /// `__cause__`: set by `raise ... from`.
  var cause: Value = .none
  /// The instance of a user exception class with its own `__init__`, which `except ... as e` binds.
  var instance: Instance?

  init(type: String, args: [Value], cls: PyClass? = nil, base: String? = nil) {
    self.type = type
    self.args = args
    self.cls = cls
    self.base = base
  }

  /// `str(e)`: the message (for KeyError, the repr of the key).
  var message: String {
    switch args.count {
    case 0: return ""
    case 1:
      if Exceptions.shortName(type) == "KeyError" { return Repr.repr(args[0]) }
      return Repr.str(args[0])
    default: return Repr.repr(.tuple(args))
    }
  }

  var repr: String {
    "\(Exceptions.shortName(type))(" + args.map { Repr.repr($0) }.joined(separator: ", ") + ")"
  }
}

extension PyError {
  /// The exception as a value, for `except ... as e`.
  var exceptionValue: Value {
    if let i = exception?.instance { return .instance(i) }
    if let e = exception { return .exception(e) }
    let args: [Value] = message.isEmpty ? [] : [.str(message)]
    return .exception(PyException(type: type, args: args))
  }
}

extension PyError {
  /// `KeyError(key)`: its message is the key's repr, its args the key itself.
  static func keyError(_ key: Value) -> PyError {
    var e = PyError("KeyError", Repr.repr(key))
    e.exception = PyException(type: "KeyError", args: [key])
    return e
  }
}

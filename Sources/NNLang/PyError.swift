/// A Python exception raised while compiling or running code: its type, its message and
/// where it passed through. The renderer (`Traceback`) decides how it is shown.
public struct PyError: Error, @unchecked Sendable {
  /// One line of a traceback: a call site in a named function.
  public struct Frame: Sendable {
    public let source: Source
    public let span: Span
    public let focus: Span?
    public let function: String
  }

  public var type: String
  public var message: String
  /// Outermost call first, as CPython prints them.
  public var frames: [Frame] = []
  /// The exception being handled when this one was raised (`Type: message`, raised inside
  /// NumPy, so it has no frames of the user's), printed before it as CPython does.
  public var context: String?
  /// The context was raised `from` (`__cause__`), which CPython introduces differently.
  public var contextIsCause = false
  /// For SyntaxError: the offending span, shown with a caret and no traceback header.
  public var syntaxLocation: (source: Source, span: Span)?
  /// The parser ran out of input inside a bracket, string or block: at the prompt this
  /// means "read another line", not an error.
  public var isIncomplete = false
  /// CPython prints no caret for some errors of indentation (unexpected indent, TabError).
  var syntaxCaret = true
  /// The innermost expression that failed, not yet made into a frame: the span to show and,
  /// for a binary operation, the operator's span (the `^` among the `~`).
  var pending: Pending?
  /// The exception object when one was raised as a value (`raise ValueError(...)`), so
  /// `except ... as e` sees the same object and its args.
  var exception: PyException?
  /// For NameError and AttributeError: finds CPython's "Did you mean" name. Run only when the
  /// traceback is printed, as CPython does, so a caught error costs no search.
  var suggest: (() -> String?)?
  /// The exception this one was raised while handling (`__context__`) or from (`__cause__`),
  /// with its own traceback, printed first as CPython does.
  var chain: Chain?
  /// `raise ... from None`: no context is shown.
  var suppressContext = false
  /// Raised again by a bare `raise`: not chained to itself.
  var isReraise = false

  final class Chain: @unchecked Sendable {
    let error: PyError
    let isCause: Bool
    init(_ error: PyError, isCause: Bool) {
      self.error = error
      self.isCause = isCause
    }
  }

  /// Whether two errors stand for the same exception object.
  func isSame(_ other: PyError) -> Bool {
    if let a = exception?.instance, let b = other.exception?.instance { return a === b }
    if let a = exception, let b = other.exception { return a === b }
    return false
  }

  struct Pending: Sendable {
    let span: Span
    let focus: Span?
  }

  public init(_ type: String, _ message: String) {
    self.type = type
    self.message = message
  }

  static func syntax(
    _ message: String, _ source: Source, _ span: Span, type: String = "SyntaxError",
    incomplete: Bool = false, caret: Bool = true
  ) -> PyError {
    var e = PyError(type, message)
    e.syntaxCaret = caret
    e.syntaxLocation = (source, span)
    e.isIncomplete = incomplete
    return e
  }

  /// Records where the error happened, unless an inner expression already did.
  func at(_ span: Span, focus: Span? = nil) -> PyError {
    if pending != nil || syntaxLocation != nil { return self }
    var e = self
    e.pending = Pending(span: span, focus: focus)
    return e
  }

  /// Closes the innermost pending location into a frame of `function` in `source`.
  /// `at` for an import statement: a SyntaxError in the imported file gets the importing
  /// frames too, as CPython shows them above the bad line.
  func atImport(_ span: Span) -> PyError {
    guard syntaxLocation != nil && frames.isEmpty && pending == nil else { return at(span) }
    var e = self
    e.pending = Pending(span: span, focus: nil)
    return e
  }

  func framed(_ source: Source, function: String, fallback: Span) -> PyError {
    if syntaxLocation != nil && frames.isEmpty && pending == nil { return self }
    var e = self
    let p = pending ?? Pending(span: fallback, focus: nil)
    e.frames.insert(Frame(source: source, span: p.span, focus: p.focus, function: function), at: 0)
    e.pending = nil
    return e
  }

  /// Adds the frame of the code that was running when the error passed through.
  func adding(_ frame: Frame) -> PyError {
    var e = self
    e.frames.insert(frame, at: 0)
    return e
  }
}

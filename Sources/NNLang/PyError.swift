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
  /// The innermost expression that failed, not yet made into a frame: the span to show and,
  /// for a binary operation, the operator's span (the `^` among the `~`).
  var pending: Pending?
  /// The exception object when one was raised as a value (`raise ValueError(...)`), so
  /// `except ... as e` sees the same object and its args.
  var exception: PyException?

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
    incomplete: Bool = false
  ) -> PyError {
    var e = PyError(type, message)
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

/// The state behind a prompt or a script: text goes in, output and errors come out.
/// The executable only moves text between the terminal and a session.
public final class Session {
  public let interpreter = Interpreter()
  private var entryCount = 0

  public init() {}

  /// What feeding text produced.
  public enum Outcome {
    /// Ran to the end; `echo` is the repr of a final bare expression at the prompt.
    case ran(echo: String?)
    /// More input is needed (an open bracket or block).
    case incomplete
    /// An uncaught exception, rendered as a traceback.
    case failed(PyError)
  }

  /// Runs a whole script. Output goes to the interpreter's sink.
  public func runScript(_ text: String, name: String) -> Outcome {
    run(Source(name: name, text: text), echo: false)
  }

  /// Runs one prompt entry; a final bare expression is echoed and bound to `_`. Unless the
  /// entry is `final`, running out of input inside a bracket or block asks for more.
  public func runEntry(_ text: String, final: Bool = false) -> Outcome {
    entryCount += 1
    return run(Source(name: "<stdin>", text: text), echo: true, final: final)
  }

  private func run(_ source: Source, echo: Bool, final: Bool = true) -> Outcome {
    do {
      let statements = try Parser.module(source)
      let value = try interpreter.run(statements, source: source, echo: echo)
      guard echo, let value else { return .ran(echo: nil) }
      if case .none = value { return .ran(echo: nil) }
      interpreter.globals["_"] = value
      return .ran(echo: Repr.repr(value, interpreter.printOptions))
    } catch {
      if error.isIncomplete && !final { return .incomplete }
      return .failed(error)
    }
  }
}

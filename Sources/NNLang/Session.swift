import Foundation

/// The state behind a prompt or a script: text goes in, output and errors come out.
/// The executable only moves text between the terminal and a session.
public final class Session {
  public let interpreter = Interpreter()
  private var entryCount = 0

  public init() {
    interpreter.magicHandler = { [unowned self] line in self.inlineMagic(line) }
  }

  /// What feeding text produced.
  public enum Outcome {
    /// Ran to the end; `echo` is the repr of a final bare expression at the prompt.
    case ran(echo: String?)
    /// More input is needed (an open bracket or block).
    case incomplete
    /// An uncaught exception, rendered as a traceback.
    case failed(PyError)
  }

  /// Runs a whole script. Output goes to the interpreter's sink. The script's own modules
  /// are found beside it: in the directory its `name` gives, relative to `directory` (the
  /// working directory when nil), as `python3 path/to/train.py` finds them.
  public func runScript(_ text: String, name: String, directory: String? = nil) -> Outcome {
    locate(name, directory: directory)
    if !name.hasPrefix("<") { interpreter.globals["__file__"] = .str(name) }
    return run(Source(name: name, text: text), echo: false)
  }

  /// Makes a script's (or notebook's) directory the first place its imports look.
  func locate(_ name: String, directory: String?) {
    if !name.hasPrefix("<") { interpreter.mainDirectory = (name as NSString).deletingLastPathComponent }
    if let directory { interpreter.workingDirectory = directory }
  }

  /// Runs a script whose output is discarded (%timeit's loops).
  func runScript(_ text: String, name: String, quiet: Bool) -> Outcome {
    let saved = interpreter.write
    let savedOutput = interpreter.output
    interpreter.write = { _ in }
    defer {
      interpreter.write = saved
      interpreter.output = savedOutput
    }
    return run(Source(name: name, text: text), echo: false)
  }

  /// The names the user bound, for %who.
  public func userNames() -> [String] {
    interpreter.globals.slots.compactMap { name, slot in
      guard !name.hasPrefix("\u{0}"), !name.hasPrefix("_"), let v = interpreter.globals.values[slot] else { return nil }
      if case .module = v { return nil }
      return name
    }.sorted()
  }

  /// Unbinds every name the user made (%reset).
  public func reset() {
    for (_, slot) in interpreter.globals.slots { interpreter.globals.values[slot] = nil }
  }

  /// Whether an entry parses, needs more lines, or has a syntax error; nothing runs.
  public func check(_ text: String) -> Outcome {
    do {
      _ = try Parser.module(Source(name: "<stdin>", text: text))
      return .ran(echo: nil)
    } catch {
      return error.isIncomplete ? .incomplete : .failed(error)
    }
  }

  /// Runs one prompt entry; a final bare expression is echoed and bound to `_`. Unless the
  /// entry is `final`, running out of input inside a bracket or block asks for more.
  public func runEntry(_ text: String, final: Bool = false) -> Outcome {
    entryCount += 1
    // As IPython: a trailing `;` runs the entry without echoing its value.
    let silent = text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(";")
    return run(Source(name: "<stdin>", text: text), echo: !silent, final: final, equations: true)
  }

  func run(_ source: Source, echo: Bool, final: Bool = true, equations: Bool = false) -> Outcome {
    Session.onLargeStack { self.runHere(source, echo: echo, final: final, equations: equations) }
  }

  /// The evaluator recurses on the native stack, and 1000 nested Python calls (the
  /// RecursionError limit) need more than a default thread's stack: run on one that has it.
  static func onLargeStack<T>(_ body: @escaping () -> T) -> T {
    let box = ResultBox<T>()
    box.body = body
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.value = box.body?()
      done.signal()
    }
    thread.stackSize = 1 << 29
    thread.start()
    done.wait()
    // The thread always sets the value before it signals.
    return box.value!
  }

  private func runHere(_ source: Source, echo: Bool, final: Bool, equations: Bool) -> Outcome {
    do throws(PyError) {
      let statements: [Stmt]
      do throws(PyError) { statements = try Parser.module(source) } catch {
        // Pasted equations are not Python: solved when every line reads as a linear equation.
        guard equations && !error.isIncomplete else { throw error }
        switch Equations.readAtPrompt(source.text) {
        case .system(let system): return solvePasted(system)
        case .notLinear(let notLinear): throw notLinear
        case .other: throw error
        }
      }
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

extension Session {
  /// Solves equations entered at the prompt, as `solve` would, binding the result to `_`.
  fileprivate func solvePasted(_ system: Equations.System) -> Outcome {
    let count = Equations.plural(system.rows, "linear equation")
    interpreter.emit("solving \(count) in \(Equations.listed(system.names))\n")
    do {
      let solution = try Equations.solve(
        system, method: .auto, descent: .init(lr: 0.01, iters: 10000), interpreter: interpreter)
      interpreter.globals["_"] = .object(Builtins.solutionObject(solution))
      return .ran(echo: nil)
    } catch {
      return .failed(error)
    }
  }
}

/// Carries a result from the large-stack thread back to its caller, who waits for it.
private final class ResultBox<T>: @unchecked Sendable {
  var body: (() -> T)?
  var value: T?
}

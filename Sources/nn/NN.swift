import ArgumentParser
import Foundation
import NNLang

#if canImport(Glibc)
  import Glibc
#endif

/// The `nn` command: runs a script, `-c` code or standard input, or opens the prompt.
@main
struct NN: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "nn",
    abstract: "NumPy-flavored Python on Swift: a prompt, a script runner and an equation solver.",
    discussion: """
      With no script, nn opens the prompt when standard input is a terminal and otherwise
      runs standard input as a script. Exit status: 0, 1 after an uncaught exception, 2 for
      bad usage.
      """,
    version: version)

  @Option(name: .customShort("c"), help: "Run this code, then exit.")
  var code: String?

  @Flag(name: .customShort("i"), help: "Open the prompt after running the script.")
  var interactive = false

  @Flag(name: .customShort("q"), help: "Do not print the banner at the prompt.")
  var quiet = false

  @Argument(parsing: .captureForPassthrough, help: "A script file (.nn or .py) and its arguments.")
  var script: [String] = []

  mutating func run() throws {
    // Everything from the script name on is the script's; an option before it is ours.
    if let first = script.first, first.hasPrefix("-"), first != "-" {
      switch first {
      case "-h", "--help":
        print(NN.helpMessage())
        return
      case "--version":
        print(NN.version)
        return
      default:
        throw ValidationError("unknown option \(first)")
      }
    }
    let runner = Runner()
    let status: Int32
    if code != nil || !script.isEmpty || isatty(0) != 1 {
      ScriptInterrupt.install(runner.session.interpreter.interrupt.address)
    }
    if let code {
      runner.session.interpreter.argv = ["-c"] + script
      status = runner.runScript(code, name: "<string>")
    } else if let path = script.first {
      runner.session.interpreter.argv = script
      guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(
          Data("nn: can't open file '\(path)': [Errno 2] No such file or directory\n".utf8))
        throw ExitCode(2)
      }
      status =
        path.hasSuffix(".ipynb")
        ? runner.report(runner.session.runNotebook(data, name: path))
        : runner.runScript(String(decoding: data, as: UTF8.self), name: path)
      if interactive && isatty(0) == 1 {
        throw ExitCode(REPL(session: runner.session, output: runner.output, quiet: true).run())
      }
    } else if isatty(0) == 1 {
      status = REPL(session: runner.session, output: runner.output, quiet: quiet).run()
    } else {
      let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
      status = runner.runScript(text, name: "<stdin>")
    }
    // Leave without tearing the session down: its values are freed by the system at once,
    // and a deeply nested structure released on this thread's stack could overflow it.
    runner.output.flush()
    Foundation.exit(status)
  }

  /// Usage errors exit with 2, as python's do (ArgumentParser's default is 64).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}

/// Runs whole scripts through a session, writing output as it comes.
final class Runner {
  let session = Session()
  let output = OutputBuffer()

  init() {
    let output = self.output
    session.interpreter.write = { output.write($0) }
    session.interpreter.flush = { output.flush() }
    session.interpreter.outputIsTerminal = isatty(1) == 1
    session.interpreter.writeError = { text in
      output.flush()
      OutputBuffer.writeError(text)
    }
    session.interpreter.display = Runner.display()
  }

  /// What plots draw on: the terminal on standard output (its size, and colour unless
  /// `NO_COLOR` is set or `TERM=dumb`; 24-bit with `COLORTERM=truecolor`), or a pipe.
  static func display() -> Display {
    var d = Display()
    guard isatty(1) == 1 else { return d }
    let env = ProcessInfo.processInfo.environment
    d.isTerminal = true
    if env["NO_COLOR"].map({ !$0.isEmpty }) == true || env["TERM"] == "dumb" {
      d.colors = .none
    } else {
      d.colors = ["truecolor", "24bit"].contains(env["COLORTERM"] ?? "") ? .truecolor : .basic
    }
    d.measure = {
      var size = winsize()
      guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
      return (Int(size.ws_col), Int(size.ws_row))
    }
    if let (columns, rows) = d.measure?() {
      d.columns = columns
      d.rows = rows
    }
    return d
  }

  func runScript(_ text: String, name: String) -> Int32 {
    report(session.runScript(text, name: name))
  }

  /// Shows how a run ended; returns the exit status.
  func report(_ outcome: Session.Outcome) -> Int32 {
    output.flush()
    switch outcome {
    case .failed(let error):
      if let status = Runner.exitStatus(error) { return status }
      OutputBuffer.writeError(Traceback.render(error))
      // python3 ends with SIGINT's status after an uncaught KeyboardInterrupt.
      return error.type == "KeyboardInterrupt" ? 130 : 1
    default:
      return 0
    }
  }
}

/// Ctrl-C while a script runs: the first asks the program to stop (a KeyboardInterrupt at
/// its next loop or call, or `train` ending after its batch); a second one before the
/// program has noticed ends the process, as Ctrl-C did before.
enum ScriptInterrupt {
  nonisolated(unsafe) static var flag: UnsafeMutablePointer<Int32>?

  static func install(_ interrupt: UnsafeMutablePointer<Int32>) {
    flag = interrupt
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      guard let f = ScriptInterrupt.flag, f.pointee == 0 else {
        signal(SIGINT, SIG_DFL)
        raise(SIGINT)
        return
      }
      f.pointee = 1
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = Int32(SA_RESTART)
    sigaction(SIGINT, &action, nil)
  }
}

extension Runner {
  /// The exit status a `SystemExit` asks for, as python: `exit()` 0, `exit(3)` 3, and
  /// `exit("message")` prints the message and exits 1. Nil for any other exception.
  static func exitStatus(_ error: PyError) -> Int32? {
    guard error.type == "SystemExit" else { return nil }
    if error.message.isEmpty || error.message == "None" { return 0 }
    if let code = Int32(error.message) { return code }
    OutputBuffer.writeError(error.message + "\n")
    return 1
  }
}

/// Buffered standard output: a script printing in a loop is not slowed by a write per line.
/// The buffer is flushed when it fills, at exit, and before the prompt reads input.
final class OutputBuffer {
  private var bytes: [UInt8] = []

  func write(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    if bytes.count >= 1 << 16 { flush() }
  }

  func flush() {
    OutputBuffer.writeAll(1, bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  static func writeError(_ text: String) { writeAll(2, Array(text.utf8)) }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
      var done = 0
      while done < buffer.count {
        let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
        if n <= 0 { return }
        done += n
      }
    }
  }
}

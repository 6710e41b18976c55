import Foundation
import NNLang

/// The interactive prompt: reads entries with `LineEditor`, runs them in a `Session`, echoes
/// results and shows tracebacks. An error never ends the session.
struct REPL {
  let session: Session
  let output: OutputBuffer
  let quiet: Bool

  /// Colour only on a terminal, and never with NO_COLOR set.
  static let color = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

  func run() -> Int32 {
    let editor = LineEditor(interrupt: session.interpreter.interrupt.address)
    editor.completer = { [session] text in session.completion(text) }
    if !quiet {
      output.write("nn \(NN.version) — NumPy-flavored Python on Swift. help() for help, Ctrl-D to exit.\n")
    }
    var lines: [String] = []
    while true {
      output.flush()
      switch editor.read(prompt: lines.isEmpty ? ">>> " : "... ", indent: REPL.indent(after: lines)) {
      case .end:
        output.write("\n")
        output.flush()
        if lines.isEmpty { return 0 }
        lines = []
      case .interrupt:
        output.write("\nKeyboardInterrupt\n")
        lines = []
      case .paste(let text):
        // Show the paste where it was typed, under its prompts, as if it had been typed.
        var shown = text.split(separator: "\n", omittingEmptySubsequences: false)
        while shown.last == "" { shown.removeLast() }
        output.write(
          "\r" + (lines.isEmpty ? ">>> " : "... ") + shown.joined(separator: "\n... ") + "\n")
        let block = (lines + [REPL.strippingPrompts(text)]).joined(separator: "\n")
        lines = []
        editor.addHistory(block)
        if let status = runAndShow(block, final: true) { return status }
      case .line(let line):
        lines.append(line)
        let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
        if lines.count == 1 && isBlank {
          lines = []
          continue
        }
        // A block (its first line ends in ':') continues until a blank line, as in Python.
        let opensBlock = lines[0].trimmingCharacters(in: .whitespaces).hasSuffix(":")
        if opensBlock && !isBlank { continue }
        let entry = lines.joined(separator: "\n")
        if lines.count == 1, let trimmed = Optional(entry.trimmingCharacters(in: .whitespaces)),
          trimmed == "exit" || trimmed == "quit"
        {
          output.write("Use \(trimmed)() or Ctrl-D (i.e. EOF) to exit\n")
          editor.addHistory(entry)
          lines = []
          continue
        }
        if entry.hasPrefix("%") {
          editor.addHistory(entry)
          lines = []
          session.magic(entry, history: editor.entries)
          continue
        }
        if case .incomplete = session.check(entry + "\n"), !opensBlock { continue }
        editor.addHistory(entry)
        lines = []
        if let status = runAndShow(entry, final: opensBlock) { return status }
      }
    }
  }

  /// Runs an entry and shows its echo or traceback; returns an exit status to leave with.
  func runAndShow(_ entry: String, final: Bool) -> Int32? {
    session.interpreter.interrupt.address.pointee = 0
    let outcome = session.runEntry(entry + "\n", final: true)
    switch outcome {
    case .ran(let echo):
      if let echo { output.write(echo + "\n") }
    case .failed(let error):
      output.flush()
      if let status = Runner.exitStatus(error) { return status }
      OutputBuffer.writeError(REPL.colored(Traceback.render(error)))
    case .incomplete:
      break
    }
    return nil
  }

  /// The indentation a continuation line starts with, as IPython and Python 3.13 type it:
  /// the last line's, one level deeper after a line ending in `:`. Enter on it alone ends the
  /// block; Backspace dedents.
  static func indent(after lines: [String]) -> String {
    guard let last = lines.last(where: { !$0.allSatisfy { $0 == " " || $0 == "\t" } }) else { return "" }
    let leading = String(last.prefix { $0 == " " || $0 == "\t" })
    let code = last.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return code.trimmingCharacters(in: .whitespaces).hasSuffix(":") ? leading + "    " : leading
  }

  /// A pasted transcript (`>>> ` / `... ` lines) keeps only its code, as IPython does.
  static func strippingPrompts(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.contains(where: { $0.hasPrefix(">>> ") || $0 == ">>>" }) else { return text }
    return lines.compactMap { line -> String? in
      if line.hasPrefix(">>> ") || line.hasPrefix("... ") { return String(line.dropFirst(4)) }
      if line == ">>>" || line == "..." { return "" }
      return nil  // output lines of the transcript
    }.joined(separator: "\n")
  }

  /// The exception line in red, the file lines dim, on a terminal.
  static func colored(_ traceback: String) -> String {
    guard color else { return traceback }
    var lines = traceback.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    guard let last = lines.indices.last else { return traceback }
    lines[last] = "\u{1B}[1;31m" + lines[last] + "\u{1B}[0m"
    for i in lines.indices where lines[i].hasPrefix("  File ") {
      lines[i] = "\u{1B}[2m" + lines[i] + "\u{1B}[0m"
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

import Foundation
import NNLang

/// The interactive prompt: reads entries with `LineEditor`, runs them in a `Session`, echoes
/// results and shows tracebacks. An error never ends the session.
struct REPL {
  let session: Session
  let output: OutputBuffer
  let quiet: Bool

  func run() -> Int32 {
    let editor = LineEditor()
    if !quiet {
      output.write("nn \(NN.version) — NumPy-flavored Python on Swift. help() for help, Ctrl-D to exit.\n")
    }
    var lines: [String] = []
    while true {
      output.flush()
      guard let line = editor.readLine(prompt: lines.isEmpty ? ">>> " : "... ") else {
        output.write("\n")
        output.flush()
        if lines.isEmpty { return 0 }
        lines = []
        continue
      }
      lines.append(line)
      let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
      if lines.count == 1 && isBlank {
        lines = []
        continue
      }
      // A block (its first line ends in ':') continues until a blank line, as in Python.
      let opensBlock = lines[0].trimmingCharacters(in: .whitespaces).hasSuffix(":")
      if opensBlock && !isBlank { continue }
      let entry = lines.joined(separator: "\n") + "\n"
      switch session.runEntry(entry, final: opensBlock) {
      case .incomplete:
        continue
      case .ran(let echo):
        if let echo { output.write(echo + "\n") }
      case .failed(let error):
        output.flush()
        if let status = Runner.exitStatus(error) { return status }
        OutputBuffer.writeError(Traceback.render(error))
      }
      editor.addHistory(lines.joined(separator: "\n"))
      lines = []
    }
  }
}

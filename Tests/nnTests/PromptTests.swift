import Foundation
import Testing

/// The prompt as a terminal user meets it: the real binary on a pseudo-terminal.
@Suite(.serialized)
struct PromptTests {
  static func history() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("nn-history-\(getpid())-\(UUID().uuidString)").path
  }

  @Test func promptsContinuationAndEcho() throws {
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    pty.send("def f(x):\r")
    #expect(pty.expect("... "))
    pty.send("    return x * 2\r\r")
    let mark = pty.transcript.endIndex
    pty.send("f(21)\r")
    #expect(pty.expect("42", after: mark))
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func continuationLinesComeIndented() throws {
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    // Typed without indentation: the prompt indents after `:` and keeps the level; Backspace
    // dedents; Enter on an indentation alone ends the block.
    pty.send("def f(n):\r")
    #expect(pty.expect("...     "))
    pty.send("for i in range(n):\r")
    pty.send("n += i\r")
    pty.send("\u{7F}\u{7F}\u{7F}\u{7F}return n\r")
    pty.send("\r")
    let mark = pty.transcript.endIndex
    pty.send("f(4)\r")
    #expect(pty.expect("10", after: mark))
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func bracketedPasteRunsTheBlockWhole() throws {
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    // A def with a blank line and tab indentation inside its body, then a call.
    pty.send("\u{1B}[200~def g(x):\n\ty = x + 1\n\n\treturn y * 2\n\nprint(g(20))\n\u{1B}[201~")
    #expect(pty.expect("42"))
    let mark = pty.transcript.endIndex
    pty.send("g(1)\r")
    #expect(pty.expect("4\r\n", after: mark), "\(pty.transcript)")
    #expect(pty.expect(">>> ", after: pty.transcript.range(of: "4\r\n")?.upperBound))
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func pastedEquationsAreSolved() throws {
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    // Seed 1's system as the tutorial page writes it: subscripts and Unicode minus signs.
    pty.send("\u{1B}[200~5x₁ + x₂ − x₃ = 1\n2x₁ − x₂ + x₃ = 4\nx₁ + 3x₂ − 2x₃ = 0\n\u{1B}[201~")
    #expect(pty.expect("solving 3 linear equations in x₁, x₂, x₃\r\n"), "\(pty.transcript)")
    #expect(pty.expect("x₁ = 0.7142857142857142  (5/7)\r\n"), "\(pty.transcript)")
    #expect(pty.expect("x₂ = 4.428571428571429  (31/7)\r\n"), "\(pty.transcript)")
    #expect(pty.expect("x₃ = 7.0\r\n"), "\(pty.transcript)")
    let mark = pty.transcript.endIndex
    pty.send("_.x\r")
    #expect(pty.expect("array([0.71428571, 4.42857143, 7.        ])", after: mark), "\(pty.transcript)")
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func historyIsRecalledInTheNextSession() throws {
    let path = PromptTests.history()
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      let first = try PTY(["-q"], environment: ["NN_HISTORY": path])
      #expect(first.expect(">>> "))
      let mark = first.transcript.endIndex
      first.send("value = 6 * 7\r")
      #expect(first.expect(">>> ", after: mark))
      first.send("\u{04}")
      #expect(first.exitStatus() == 0)
    }
    let second = try PTY(["-q"], environment: ["NN_HISTORY": path])
    #expect(second.expect(">>> "))
    // Up recalls the entry of the session before; Enter runs it; the value is then there.
    second.send("\u{1B}[A\r")
    let mark = second.transcript.endIndex
    second.send("value\r")
    #expect(second.expect("42", after: mark))
    second.send("\u{04}")
    #expect(second.exitStatus() == 0)
  }

  @Test func tabCompletesFileNamesInStrings() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-complete-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = FileManager.default.createFile(
      atPath: directory.appendingPathComponent("train_data.csv").path, contents: Data())
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    pty.send("path = \"\(directory.path)/tra\t")
    #expect(pty.expect("in_data.csv"), "\(pty.transcript)")
    pty.send("\"\r")
    let mark = pty.transcript.endIndex
    pty.send("path[-14:]\r")
    #expect(pty.expect("'train_data.csv'", after: mark), "\(pty.transcript)")
    #expect(pty.expect(">>> ", after: mark))
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0, "\(pty.transcript)")
  }

  @Test func tabCompletesModuleAttributes() throws {
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    pty.send("import numpy as np\r")
    // An ambiguous prefix lists the candidates; a unique one is completed in place.
    pty.send("np.ra\t")
    #expect(pty.expect("ravel"), "\(pty.transcript)")
    pty.send("n\t")
    // libedit redraws only what the completion added.
    #expect(pty.expect("dom"), "\(pty.transcript)")
    pty.send(".seed(0)\r")
    let mark = pty.transcript.endIndex
    pty.send("np.random.rand()\r")
    #expect(pty.expect("0.5488135039273248", after: mark))
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func ctrlCStopsARunningLoopAndKeepsState() throws {
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    pty.send("kept = 'still here'\r")
    pty.send("while True: pass\r\r")
    Thread.sleep(forTimeInterval: 0.5)
    pty.send("\u{03}")
    #expect(pty.expect("KeyboardInterrupt"), "\(pty.transcript)")
    let mark = pty.transcript.endIndex
    pty.send("kept\r")
    #expect(pty.expect("'still here'", after: mark))
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func ctrlDExitsWithStatusZero() throws {
    let pty = try PTY([], environment: ["NN_HISTORY": ""])
    #expect(pty.expect("Ctrl-D to exit"))
    #expect(pty.expect(">>> "))
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }
}

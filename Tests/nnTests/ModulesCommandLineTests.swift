import Foundation
import Testing

/// `nn` with the user's own modules, notebooks and NumPy 1 idioms, as a shell runs it.
struct ModulesCommandLineTests {
  static func run(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  ) throws
    -> CommandLineTests.Result
  {
    let process = Process()
    process.executableURL = CommandLineTests.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandLineTests.Result(
      status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  /// A fresh directory holding `files` (relative paths to contents).
  static func directory(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("nn-modules-\(UUID().uuidString)")
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test func scriptFindsModulesBesideItFromAnotherDirectory() throws {
    let root = try Self.directory([
      "project/train.nn": "import helpers\nfrom lib.layers import scale\nprint(helpers.twice(scale(2)))\n",
      "project/helpers.py": "def twice(x):\n    return 2 * x\n",
      "project/lib/layers.nn": "def scale(x):\n    return x * 10\n",
      "project/lib/oops.py": "def f():\n    return 1 / 0\n",
      "project/fail.nn": "from lib import oops\noops.f()\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try Self.run(["project/train.nn"], in: root)
    #expect(r.stdout == "40\n")
    #expect(r.status == 0)
    let f = try Self.run(["project/fail.nn"], in: root)
    #expect(f.status == 1)
    #expect(f.stderr.contains("File \"project/lib/oops.py\", line 2, in f\n    return 1 / 0\n"))
  }

  @Test func nnpathIsSearchedAfterTheScriptsDirectory() throws {
    let root = try Self.directory([
      "app/main.nn": "import tools, shared\nprint(tools.WHERE, shared.WHERE)\n",
      "app/tools.py": "WHERE = 'beside'\n",
      "libs/tools.py": "WHERE = 'nnpath'\n",
      "more/shared.py": "WHERE = 'nnpath2'\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try Self.run(["app/main.nn"], in: root, environment: ["NNPATH": root.path + "/libs:" + root.path + "/more"])
    #expect(r.stdout == "beside nnpath2\n")
  }

  @Test func notebookRunsItsCodeCellsAndStopsAtAnError() throws {
    let cells = """
      {"cells": [
        {"cell_type": "code", "source": ["%matplotlib inline\\n", "!pip install numpy\\n", "x = 2\\n", "x * 21"]},
        {"cell_type": "markdown", "source": "# not code"},
        {"cell_type": "code", "source": "%time y = x + 1\\nprint(y)"},
        {"cell_type": "code", "source": "1 / 0"},
        {"cell_type": "code", "source": "print('not reached')"}
      ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
      """
    let root = try Self.directory(["nb.ipynb": cells])
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try Self.run(["nb.ipynb"], in: root)
    #expect(r.stdout.hasPrefix("42\nWall time: "))
    #expect(r.stdout.hasSuffix("\n3\n"))
    #expect(r.stderr.hasPrefix("note: nn runs no shell commands; skipped `!pip install numpy`\n"))
    #expect(r.stderr.contains("File \"Cell In[3]\", line 1, in <module>"))
    #expect(r.status == 1)
  }

  @Test func numpy1NotesGoToStandardErrorOncePerKind() throws {
    let root = try Self.directory([
      "old.nn": "import numpy as np\nfor i in range(3):\n    print(float(np.array([i])), np.product([i, 2]))\n"
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try Self.run(["old.nn"], in: root)
    #expect(r.stdout == "0.0 0\n1.0 2\n2.0 4\n")
    #expect(
      r.stderr == """
        note: float() of a 1-element array is an error in NumPy 2; nn accepts it
        note: np.product was removed in NumPy 2 (np.prod is the same); nn accepts it

        """)
  }
}

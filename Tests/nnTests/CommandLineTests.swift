import Foundation
import Testing

/// Drives the built `nn` binary as a user's shell does: arguments, standard input, exit status.
struct CommandLineTests {
  /// The `nn` built beside this test bundle.
  static let binary: URL = {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for dir in [here, here.deletingLastPathComponent()] {
      let candidate = dir.appendingPathComponent("nn")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/nn")
  }()

  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  @Test func codeArgument() throws {
    let r = try Self.run(["-c", "print(1 + 2)"])
    #expect(r.stdout == "3\n")
    #expect(r.status == 0)
  }

  @Test func pipedStandardInputRunsAsAScript() throws {
    let r = try Self.run([], stdin: "print(2 * 3)\nx = 4\nx\n")
    // No prompt, no banner, no echo of bare expressions: a script.
    #expect(r.stdout == "6\n")
    #expect(r.status == 0)
  }

  @Test func scriptFileAnyExtension() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nn-test-\(getpid()).py")
    try "import numpy as np\nprint(np.array([1, 2]) * 2)\n".write(to: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: path) }
    let r = try Self.run([path.path])
    #expect(r.stdout == "[2 4]\n")
    #expect(r.status == 0)
  }

  @Test func uncaughtErrorExitsOneWithTracebackOnStderr() throws {
    let r = try Self.run(["-c", "print('a')\n1 / 0"])
    #expect(r.stdout == "a\n")
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\n"))
    #expect(r.stderr.hasSuffix("ZeroDivisionError: division by zero\n"))
  }

  @Test func badUsageExitsTwo() throws {
    let r = try Self.run(["--no-such-flag"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--no-such-flag"))
  }

  @Test func missingFileExitsTwo() throws {
    let r = try Self.run(["/no/such/file.nn"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("can't open file '/no/such/file.nn'"))
  }

  @Test func versionAndHelp() throws {
    let v = try Self.run(["--version"])
    #expect(v.stdout.hasPrefix("0."))
    #expect(v.status == 0)
    let h = try Self.run(["--help"])
    #expect(h.stdout.contains("USAGE: nn"))
    #expect(h.status == 0)
  }
}

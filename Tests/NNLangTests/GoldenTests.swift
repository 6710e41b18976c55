import Foundation
import NNLang
import Testing

/// Runs every `Tests/golden/<topic>/<case>.nn` (a script) and `.repl` (a prompt transcript)
/// through a `Session` in-process and compares the text with what is written beside it.
struct GoldenTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("golden")

  /// The repository's `examples/`: each `examples/x.nn` is checked against
  /// `Tests/golden/examples/x.out`.
  static let examples = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

  static let cases: [String] = {
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    let exampleFiles = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
    return files.filter { $0.hasSuffix(".nn") || $0.hasSuffix(".repl") || $0.hasSuffix(".ipynb") }.sorted()
      + exampleFiles.filter { $0.hasSuffix(".nn") }.sorted().map { "example:" + $0 }
  }()

  @Test("golden", arguments: cases)
  func golden(_ name: String) throws {
    if name.hasPrefix("example:") {
      let file = String(name.dropFirst("example:".count))
      let text = try String(contentsOf: GoldenTests.examples.appendingPathComponent(file), encoding: .utf8)
      let out = GoldenTests.root.appendingPathComponent("examples")
        .appendingPathComponent(file).deletingPathExtension().appendingPathExtension("out")
      let expected = try String(contentsOf: out, encoding: .utf8)
      GoldenTests.check(name, expected: expected, actual: GoldenTests.runScript(text, name: file))
      return
    }
    let url = GoldenTests.root.appendingPathComponent(name)
    if name.hasSuffix(".ipynb") {
      let expected = try String(
        contentsOf: url.deletingPathExtension().appendingPathExtension("out"), encoding: .utf8)
      GoldenTests.check(name, expected: expected, actual: try GoldenTests.runNotebook(url))
      return
    }
    let text = try String(contentsOf: url, encoding: .utf8)
    // A module that golden cases import is not a case of its own.
    if text.hasPrefix("# module:") { return }
    if let first = text.split(separator: "\n", maxSplits: 1).first, first.hasPrefix("# skip:") {
      withKnownIssue("\(name): \(first.dropFirst(7).trimmingCharacters(in: .whitespaces))") {
        throw SkipError()
      }
      return
    }
    if name.hasSuffix(".repl") {
      let (input, expected) = GoldenTests.splitTranscript(text)
      let actual = GoldenTests.runTranscript(input)
      GoldenTests.check(name, expected: expected, actual: actual)
      return
    }
    let outURL = url.deletingPathExtension().appendingPathExtension("out")
    let expected = try String(contentsOf: outURL, encoding: .utf8)
    let actual = GoldenTests.runScript(text, name: name)
    GoldenTests.check(name, expected: expected, actual: actual)
  }

  /// Records a mismatch as a line diff only (`-` expected, `+` actual), not two text dumps.
  static func check(_ name: String, expected: String, actual: String) {
    if actual != expected {
      Issue.record("\(name) differs from its expected output:\n\(diff(expected: expected, actual: actual))")
    }
  }

  struct SkipError: Error {}

  /// A script's stdout, then its traceback (as `python3 file 2>&1` shows it at exit).
  static func runScript(_ text: String, name: String) -> String {
    let session = Session()
    // Run beside the file, by its bare name, as scripts/oracle runs python3: sibling
    // modules are found and tracebacks name them as CPython's (after the oracle's stripping).
    let directory = root.appendingPathComponent(name).deletingLastPathComponent().path
    let outcome = session.runScript(text, name: (name as NSString).lastPathComponent, directory: directory)
    var output = session.interpreter.takeOutput()
    if case .failed(let error) = outcome {
      if error.type == "SystemExit" {
        // python exits quietly for `exit()` / `exit(0)` / `exit(3)`, and prints a message.
        if !error.message.isEmpty && error.message != "None" && Int(error.message) == nil {
          output += error.message + "\n"
        }
      } else {
        output += Traceback.render(error)
      }
    }
    return output
  }

  /// A notebook's output (notes included: the session has no separate error sink), then its
  /// traceback; `%time`'s clock readings vary, so they read `Wall time: ...`.
  static func runNotebook(_ url: URL) throws -> String {
    let session = Session()
    let outcome = session.runNotebook(
      try Data(contentsOf: url), name: url.lastPathComponent, directory: url.deletingLastPathComponent().path)
    var output = session.interpreter.takeOutput()
    if case .failed(let error) = outcome { output += Traceback.render(error) }
    return output.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("Wall time: ") ? "Wall time: ..." : String($0) }.joined(separator: "\n")
  }

  /// A transcript's input lines (those after `>>> ` and `... `) and the expected transcript.
  static func splitTranscript(_ text: String) -> (input: [String], expected: String) {
    var input: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix(">>> ") || line.hasPrefix("... ") || line == ">>>" || line == "..." {
        input.append(String(line.dropFirst(4)))
      }
    }
    return (input, text)
  }

  /// Feeds input lines to a session as the prompt does, writing the transcript it would show.
  static func runTranscript(_ lines: [String]) -> String {
    let session = Session()
    var out = ""
    var pending: [String] = []
    for line in lines {
      out += (pending.isEmpty ? ">>> " : "... ") + line
      out = out.hasSuffix(" ") && line.isEmpty ? String(out.dropLast()) + "\n" : out + "\n"
      pending.append(line)
      let isBlank = line.allSatisfy { $0 == " " }
      if pending.count == 1 && isBlank {
        pending = []
        continue
      }
      if pending.count == 1 && line.hasPrefix("%") {
        session.magic(line, history: [])
        out += session.interpreter.takeOutput()
        pending = []
        continue
      }
      let opensBlock = pending[0].trimmingCharacters(in: .whitespaces).hasSuffix(":")
      if opensBlock && !isBlank { continue }
      let outcome = session.runEntry(pending.joined(separator: "\n") + "\n", final: opensBlock)
      if case .incomplete = outcome { continue }
      out += session.interpreter.takeOutput()
      switch outcome {
      case .ran(let echo): if let echo { out += echo + "\n" }
      case .failed(let error): out += Traceback.render(error)
      case .incomplete: break
      }
      pending = []
    }
    return out
  }

  /// A line diff: `-` expected, `+` actual, for the first lines that differ.
  static func diff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out = ""
    for i in 0..<max(e.count, a.count) {
      let el = i < e.count ? String(e[i]) : nil
      let al = i < a.count ? String(a[i]) : nil
      if el == al {
        out += "  \(el ?? "")\n"
        continue
      }
      if let el { out += "- \(el)\n" }
      if let al { out += "+ \(al)\n" }
    }
    return out
  }
}

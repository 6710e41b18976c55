import Foundation

/// IPython's line magics at the prompt: %timeit, %time, %who, %reset, %run, %history.
/// Their output goes where the program's output goes; errors where tracebacks go.
extension Session {
  /// Runs a `%magic` line; `history` is the prompt's entries so far, for %history.
  public func magic(_ entry: String, history: [String] = []) {
    let body = entry.dropFirst()
    let name = String(body.prefix { !$0.isWhitespace })
    let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
    switch name {
    case "timeit": timeit(argument)
    case "time": time(argument)
    case "who": who()
    case "reset":
      reset()
      interpreter.emit("Namespace cleared.\n")
    case "run": runFile(argument)
    case "history":
      for (i, e) in history.enumerated() { interpreter.emit("\(i + 1): \(e)\n") }
    case "matplotlib":
      break  // accepted silently, as a notebook cell expects
    case _ where Session.ipythonMagics.contains(name):
      interpreter.note(entry, "%\(name) is an IPython magic nn does not run; skipped")
    default: interpreter.emitError("UsageError: Line magic function `%\(name)` not found.\n")
    }
  }

  /// A `%magic` or `!shell` line inside code (a notebook cell pasted or run as a script):
  /// the magics nn has run as at the prompt; the rest are skipped with a note (once per
  /// line and session: a loop does not repeat it), never an error.
  func inlineMagic(_ line: String) {
    if line.hasPrefix("!") {
      interpreter.note(line, "nn runs no shell commands; skipped `\(line)`")
    } else if line.hasPrefix("%%") {
      interpreter.note(line, "cell magic `\(line)` skipped; the rest of the cell runs as code")
    } else {
      magic(line)
    }
  }

  /// IPython's other line magics: known, not run by nn.
  static let ipythonMagics: Set<String> = [
    "alias", "autoawait", "autocall", "automagic", "autoreload", "aimport", "autosave", "bookmark", "cat", "cd",
    "clear", "colors", "conda", "config", "debug", "dhist", "dirs", "doctest_mode", "edit", "env", "gui", "hist",
    "killbgscripts", "load", "load_ext", "loadpy", "logoff", "logon", "logstart", "logstate", "logstop", "ls",
    "lsmagic", "macro", "magic", "mamba", "man", "micromamba", "mkdir", "notebook", "page", "pastebin", "pdb",
    "pdef", "pdoc", "pfile", "pinfo", "pinfo2", "pip", "popd", "pprint", "precision", "prun", "psearch",
    "psource", "pushd", "pwd", "pycat", "pylab", "qtconsole", "quickref", "recall", "rehashx", "reload_ext",
    "rerun", "save", "sc", "set_env", "store", "sx", "system", "tb", "unalias", "unload_ext", "xdel", "xmode",
  ]

  /// Runs `code` `times` times, returning the seconds it took, or nil after showing its error.
  private func timed(_ code: String, times: Int = 1) -> Double? {
    let source =
      times == 1
      ? code : "for _nn_timeit in range(\(times)):\n    " + code.replacingOccurrences(of: "\n", with: "\n    ")
    let clock = ContinuousClock()
    let start = clock.now
    let outcome = runScript(source, name: "<magic-timeit>", quiet: true)
    let d = clock.now - start
    if case .failed(let error) = outcome {
      interpreter.emitError(Traceback.render(error))
      return nil
    }
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  /// `%timeit stmt`: as IPython: loops grow by 10 until a run takes 0.2 s, then 7 runs.
  func timeit(_ code: String) {
    var loops = 1
    while true {
      guard let t = timed(code, times: loops) else { return }
      if t >= 0.2 || loops >= 100_000_000 { break }
      loops *= 10
    }
    var perLoop: [Double] = []
    for _ in 0..<7 {
      guard let t = timed(code, times: loops) else { return }
      perLoop.append(t / Double(loops))
    }
    let mean = perLoop.reduce(0, +) / 7
    let std = (perLoop.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 7).squareRoot()
    interpreter.emit(
      "\(Session.duration(mean)) ± \(Session.duration(std)) per loop (mean ± std. dev. of 7 runs, "
        + "\(Session.grouped(loops)) loop\(loops == 1 ? "" : "s") each)\n")
  }

  func time(_ code: String) {
    let clock = ContinuousClock()
    let start = clock.now
    let outcome = runEntry(code + "\n", final: true)
    let d = clock.now - start
    let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    interpreter.emit("Wall time: \(Session.duration(seconds))\n")
    switch outcome {
    case .ran(let echo): if let echo { interpreter.emit(echo + "\n") }
    case .failed(let error): interpreter.emitError(Traceback.render(error))
    case .incomplete: break
    }
  }

  func who() {
    let names = userNames()
    interpreter.emit(names.isEmpty ? "Interactive namespace is empty.\n" : names.joined(separator: "\t") + "\n")
  }

  func runFile(_ path: String) {
    guard let data = FileManager.default.contents(atPath: path) else {
      interpreter.emitError("ERROR:root:File `\(path)` not found.\n")
      return
    }
    if case .failed(let error) = runScript(String(decoding: data, as: UTF8.self), name: path) {
      interpreter.emitError(Traceback.render(error))
    }
  }

  /// IPython's time format: three significant digits and the best unit.
  static func duration(_ seconds: Double) -> String {
    let units: [(String, Double)] = [("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)]
    for (name, scale) in units where seconds >= scale || name == "ns" {
      let v = seconds / scale
      let digits = v >= 100 ? 0 : v >= 10 ? 1 : 2
      return String(format: "%.\(digits)f \(name)", v)
    }
    return "\(seconds) s"
  }

  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(d)
    }
    return out
  }
}

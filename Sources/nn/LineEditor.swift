@preconcurrency import CEditline
import Foundation

/// Line input for the prompt: libedit when standard input is a terminal (history, Ctrl-R,
/// completion, bracketed paste, Ctrl-C), plain reading otherwise.
final class LineEditor {
  /// What one read produced.
  enum Input {
    case line(String)
    /// A bracketed paste, whole (with what was typed before it on the line).
    case paste(String)
    /// Ctrl-C at the prompt.
    case interrupt
    case end
  }

  private let editLine: OpaquePointer?
  private let history: OpaquePointer?
  private let historyPath: String?
  private let bracketedPaste: Bool
  /// Given the text left of the cursor, the completions of its last word (whole words).
  /// The word Tab completes at the end of the text before the cursor, its candidates (whole
  /// words), and whether they are file paths.
  var completer: ((String) -> (word: String, candidates: [String], isPath: Bool))?

  /// The one editor the C callbacks talk to: only the main thread reads lines.
  nonisolated(unsafe) private static var current: LineEditor?
  nonisolated(unsafe) private static var promptText: UnsafeMutablePointer<CChar> = strdup(">>> ")
  /// Set by the SIGINT handler; the evaluation's flag is set there too.
  nonisolated(unsafe) static var sigint: sig_atomic_t = 0
  nonisolated(unsafe) static var evaluationInterrupt: UnsafeMutablePointer<Int32>?
  private var pasted: String?

  init(interrupt: UnsafeMutablePointer<Int32>) {
    LineEditor.evaluationInterrupt = interrupt
    LineEditor.installSignalHandler()
    guard isatty(0) == 1 else {
      editLine = nil
      history = nil
      historyPath = nil
      bracketedPaste = false
      return
    }
    // libedit decodes with the locale: without a UTF-8 one, non-ASCII input is dropped.
    setlocale(LC_ALL, "")
    if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    let el = el_init("nn", stdin, stdout, stderr)
    let h = history_init()
    editLine = el
    history = h
    historyPath = LineEditor.historyFile()
    let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
    bracketedPaste =
      isatty(1) == 1
      && ["xterm", "screen", "tmux", "ansi", "st", "rxvt", "alacritty", "kitty", "vt"].contains { term.hasPrefix($0) }
    LineEditor.current = self
    guard let el, let h else { return }
    nn_hist_setsize(h, 10_000)
    nn_hist_setunique(h, 1)
    if let historyPath { nn_hist_load(h, historyPath) }
    nn_el_set_hist(el, h)
    nn_el_set_editor(el, "emacs")
    nn_el_set_prompt(el) { _ in UnsafePointer(LineEditor.promptText) }
    nn_el_bind(el, "^R", "em-inc-search-prev")
    nn_el_addfn(el, "nn-complete", "complete the word before the cursor") { el, _ in
      LineEditor.current?.complete(el) ?? UInt8(CC_ERROR)
    }
    nn_el_bind(el, "^I", "nn-complete")
    nn_el_addfn(el, "nn-paste", "read a bracketed paste whole") { el, _ in
      LineEditor.current?.readPaste(el) ?? UInt8(CC_ERROR)
    }
    nn_el_bind(el, "\\e[200~", "nn-paste")
  }

  deinit {
    if let editLine { el_end(editLine) }
    if let history { history_end(history) }
  }

  /// `NN_HISTORY` names the file; set but empty, there is none; unset, `~/.nn_history`.
  static func historyFile() -> String? {
    let env = ProcessInfo.processInfo.environment
    if let path = env["NN_HISTORY"] { return path.isEmpty ? nil : path }
    guard let home = env["HOME"], !home.isEmpty else { return nil }
    return home + "/.nn_history"
  }

  static func installSignalHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      LineEditor.sigint = 1
      LineEditor.evaluationInterrupt?.pointee = 1
    }
    sigemptyset(&action.sa_mask)
    // No SA_RESTART: a Ctrl-C must interrupt the terminal read.
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
  }

  /// Reads one line after `prompt`, the line starting with `indent` already typed.
  func read(prompt: String, indent: String = "") -> Input {
    guard let editLine else {
      guard let line = Swift.readLine(strippingNewline: true) else { return .end }
      return .line(line)
    }
    free(LineEditor.promptText)
    LineEditor.promptText = strdup(prompt)
    LineEditor.sigint = 0
    pasted = nil
    if bracketedPaste { fputs("\u{1B}[?2004h", stdout) }
    fflush(stdout)
    if !indent.isEmpty { el_push(editLine, indent) }
    var count: Int32 = 0
    let raw = el_gets(editLine, &count)
    let interrupted = LineEditor.sigint != 0
    if bracketedPaste {
      fputs("\u{1B}[?2004l", stdout)
      fflush(stdout)
    }
    if let paste = pasted {
      pasted = nil
      var prefix = ""
      if let raw, count > 0 {
        prefix = String(decoding: UnsafeRawBufferPointer(start: raw, count: Int(count)), as: UTF8.self)
      }
      if prefix.hasSuffix("\n") { prefix.removeLast() }
      return .paste(prefix + paste)
    }
    if interrupted {
      el_reset(editLine)
      return .interrupt
    }
    // libedit returns NULL for an empty line only at end of input.
    guard let raw, count > 0 else { return .end }
    var line = String(decoding: UnsafeRawBufferPointer(start: raw, count: Int(count)), as: UTF8.self)
    if line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  /// The entries of this session, oldest first (for %history).
  private(set) var entries: [String] = []

  /// Adds an entry (a whole block is one entry) and saves the history file atomically: a
  /// crash or a second session never leaves it half written.
  func addHistory(_ entry: String) {
    guard !entry.isEmpty else { return }
    entries.append(entry)
    guard let history else { return }
    nn_hist_enter(history, entry)
    guard let historyPath else { return }
    let temporary = historyPath + ".tmp.\(getpid())"
    if nn_hist_save(history, temporary) >= 0 {
      rename(temporary, historyPath)
    } else {
      unlink(temporary)
    }
  }

  /// Reads the pasted text up to the terminal's end marker, keeping tabs and newlines.
  private func readPaste(_ el: OpaquePointer?) -> UInt8 {
    var scalars: [Unicode.Scalar] = []
    let end = Array("\u{1B}[201~".unicodeScalars)
    // The wide reader: the narrow `el_getc` gives up at the first character beyond one
    // byte (`x₁`, `−`), which cut a paste of written equations short.
    var c: wchar_t = 0
    while el_wgetc(el, &c) == 1 {
      scalars.append(Unicode.Scalar(UInt32(bitPattern: c)) ?? "\u{FFFD}")
      if scalars.count >= end.count && Array(scalars.suffix(end.count)) == end {
        scalars.removeLast(end.count)
        break
      }
      if LineEditor.sigint != 0 { break }
    }
    var text = String(String.UnicodeScalarView(scalars))
    text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    pasted = text
    return UInt8(CC_NEWLINE)
  }

  /// Tab: indents at the start of a line; otherwise completes the word before the cursor,
  /// listing the candidates when they share no longer prefix.
  private func complete(_ el: OpaquePointer?) -> UInt8 {
    guard let info = el_line(el)?.pointee, let start = info.buffer else { return UInt8(CC_ERROR) }
    let length = info.cursor - start
    let before = String(
      decoding: UnsafeRawBufferPointer(start: UnsafeRawPointer(start), count: max(0, length)), as: UTF8.self)
    if before.allSatisfy({ $0 == " " || $0 == "\t" }) {
      el_insertstr(el, "    ")
      return UInt8(CC_REFRESH)
    }
    guard let (word, candidates, isPath) = completer?(before) else { return UInt8(CC_REFRESH_BEEP) }
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let common = LineEditor.commonPrefix(candidates)
    if common.count > word.count {
      el_insertstr(el, String(common.dropFirst(word.count)))
      return UInt8(CC_REFRESH)
    }
    if candidates.count > 1 {
      let names = candidates.map { candidate in
        isPath
          ? String(candidate.dropLast(candidate.hasSuffix("/") ? 1 : 0).split(separator: "/").last ?? "")
            + (candidate.hasSuffix("/") ? "/" : "")
          : candidate.split(separator: ".").last.map(String.init) ?? candidate
      }
      let width = (names.map(\.count).max() ?? 0) + 2
      let perLine = max(1, 78 / width)
      var text = "\n"
      for (i, n) in names.enumerated() {
        text += n.padding(toLength: width, withPad: " ", startingAt: 0)
        if (i + 1) % perLine == 0 { text += "\n" }
      }
      if !text.hasSuffix("\n") { text += "\n" }
      fputs(text, stdout)
      return UInt8(CC_REDISPLAY)
    }
    return UInt8(CC_REFRESH)
  }

  static func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first else { return "" }
    for w in words.dropFirst() {
      while !w.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix
  }
}

@preconcurrency import CEditline
import Foundation

/// Line input: libedit when standard input is a terminal, plain reading otherwise.
final class LineEditor {
  private let editLine: OpaquePointer?
  private let history: OpaquePointer?

  init() {
    guard isatty(0) == 1 else {
      editLine = nil
      history = nil
      return
    }
    // libedit decodes with the locale: without a UTF-8 one, non-ASCII input is dropped.
    setlocale(LC_ALL, "")
    if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    let el = el_init("nn", stdin, stdout, stderr)
    let h = history_init()
    editLine = el
    history = h
    if let el, let h {
      nn_hist_setsize(h, 10_000)
      nn_el_set_hist(el, h)
      nn_el_set_editor(el, "emacs")
      nn_el_set_prompt(el) { _ in UnsafePointer(LineEditor.promptText) }
      nn_el_bind(el, "^R", "em-inc-search-prev")
    }
  }

  deinit {
    if let editLine { el_end(editLine) }
    if let history { history_end(history) }
  }

  /// The prompt the C callback returns; only the main thread reads lines.
  nonisolated(unsafe) private static var promptText: UnsafeMutablePointer<CChar> = strdup(">>> ")

  /// One line without its newline, or nil at end of input.
  func readLine(prompt: String) -> String? {
    guard let editLine else {
      return Swift.readLine(strippingNewline: true)
    }
    free(LineEditor.promptText)
    LineEditor.promptText = strdup(prompt)
    var count: Int32 = 0
    guard let raw = el_gets(editLine, &count), count > 0 else { return nil }
    let bytes = UnsafeRawBufferPointer(start: raw, count: Int(count))
    var line = String(decoding: bytes, as: UTF8.self)
    if line.hasSuffix("\n") { line.removeLast() }
    return line
  }

  func addHistory(_ entry: String) {
    guard let history, !entry.isEmpty else { return }
    nn_hist_enter(history, entry)
  }
}

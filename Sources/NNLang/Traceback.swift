/// Renders a `PyError` as CPython 3.11 does: the frames with their source lines and
/// markers, then `Type: message`. A SyntaxError shows its line and a caret instead.
public enum Traceback {
  public static func render(_ error: PyError) -> String {
    var out = ""
    if let context = error.context {
      out += "Traceback (most recent call last):\n\(context)\n\n"
      out +=
        error.contextIsCause
        ? "The above exception was the direct cause of the following exception:\n\n"
        : "During handling of the above exception, another exception occurred:\n\n"
    }
    if !error.frames.isEmpty {
      out += "Traceback (most recent call last):\n"
      // As CPython: after three identical frames in a row, one line counts the rest.
      var previous: (String, Int, String)?
      var repeats = 0
      func flushRepeats() {
        if repeats > 3 {
          let n = repeats - 3
          out += "  [Previous line repeated \(n) more time\(n == 1 ? "" : "s")]\n"
        }
      }
      for frame in error.frames {
        let line = frame.source.lineNumber(of: frame.span.start)
        let key = (frame.source.name, line, frame.function)
        if let p = previous, p == key {
          repeats += 1
          if repeats > 3 { continue }
        } else {
          flushRepeats()
          repeats = 1
          previous = key
        }
        out += "  File \"\(frame.source.name)\", line \(line), in \(frame.function)\n"
        // CPython's prompt cannot show lines typed at it; neither do we, to match its transcript.
        if frame.source.name != "<stdin>" {
          out += sourceLine(frame.source, frame.span, focus: frame.focus)
        }
      }
      flushRepeats()
    }
    if let (source, span) = error.syntaxLocation {
      let line = source.lineNumber(of: span.start)
      out += "  File \"\(source.name)\", line \(line)\n"
      let (text, start) = source.line(containing: span.start)
      let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
      let indent = text.utf8.count - trimmed.utf8.count
      out += "    " + trimmed + "\n"
      let column = columns(text, from: start, to: span.start) - indent
      let endColumn = columns(text, from: start, to: min(span.end, start + text.utf8.count)) - indent
      out +=
        "    " + String(repeating: " ", count: max(column, 0))
        + String(repeating: "^", count: max(1, endColumn - column)) + "\n"
    }
    out += error.message.isEmpty ? error.type + "\n" : "\(error.type): \(error.message)\n"
    return out
  }

  /// The frame's line, and under it `^^^^` (or `~~^~~` around an operator) when the span
  /// covers less than the whole line, as CPython 3.11 does.
  static func sourceLine(_ source: Source, _ span: Span, focus: Span?) -> String {
    let (text, start) = source.line(containing: span.start)
    let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
    let indent = text.utf8.count - trimmed.utf8.count
    var out = "    " + trimmed + "\n"
    let lineEnd = start + text.utf8.count
    let spanEnd = min(span.end, lineEnd)
    let from = columns(text, from: start, to: span.start) - indent
    let to = columns(text, from: start, to: spanEnd) - indent
    let whole = span.start <= start + indent && span.end >= lineEnd
    // CPython elides the markers of a whole-line span, unless `~` and `^` would tell its parts apart.
    let split = focus.map { $0.start > span.start || $0.end < span.end } ?? false
    if (whole && !split) || to <= from { return out }
    var marker = String(repeating: " ", count: from)
    if let focus, focus.start >= span.start, focus.end <= spanEnd {
      let fFrom = columns(text, from: start, to: focus.start) - indent
      let fTo = columns(text, from: start, to: focus.end) - indent
      marker +=
        String(repeating: "~", count: fFrom - from) + String(repeating: "^", count: fTo - fFrom)
        + String(repeating: "~", count: to - fTo)
    } else {
      marker += String(repeating: "^", count: to - from)
    }
    out += "    " + marker + "\n"
    return out
  }

  /// The display width of the bytes from `start` to `offset` on a line (one column per character).
  static func columns(_ text: String, from start: Int, to offset: Int) -> Int {
    let bytes = Array(text.utf8)
    let n = max(0, min(offset - start, bytes.count))
    return String(decoding: bytes[0..<n], as: UTF8.self).count
  }
}

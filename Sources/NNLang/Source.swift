/// A named piece of program text: a script file, `-c` code, or one entry at the prompt.
/// Tokens and nodes hold byte offsets into it; lines and columns are computed only when an
/// error is shown.
public final class Source: Sendable {
  public let name: String
  public let text: String
  public let bytes: [UInt8]
  /// The byte offset where each line starts.
  let lineStarts: [Int]
  /// Added to line numbers when shown: a prompt entry that continues an earlier one.
  public let firstLine: Int

  public init(name: String, text: String, firstLine: Int = 1) {
    self.name = name
    self.text = text
    self.firstLine = firstLine
    let bytes = Array(text.utf8)
    self.bytes = bytes
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
    self.lineStarts = starts
  }

  /// The 0-based line index containing a byte offset.
  func lineIndex(of offset: Int) -> Int {
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  /// The 1-based line number (shifted by `firstLine`) of a byte offset.
  public func lineNumber(of offset: Int) -> Int { lineIndex(of: offset) + firstLine }

  /// The text of the line holding `offset`, without its newline, and the byte where it starts.
  func line(containing offset: Int) -> (text: String, start: Int) {
    let index = lineIndex(of: min(max(offset, 0), bytes.count))
    let start = lineStarts[index]
    var end = start
    while end < bytes.count && bytes[end] != UInt8(ascii: "\n") && bytes[end] != UInt8(ascii: "\r") {
      end += 1
    }
    return (String(decoding: bytes[start..<end], as: UTF8.self), start)
  }
}

/// A half-open byte range in a `Source`.
public struct Span: Sendable, Equatable {
  public var start: Int
  public var end: Int
  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }
  public func to(_ other: Span) -> Span { Span(start, max(end, other.end)) }
}

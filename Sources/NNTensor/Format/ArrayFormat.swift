/// `repr(a)`, `str(a)` and `np.array2string(a)`, line for line as NumPy 2 prints them
/// (`numpy/_core/arrayprint.py`): nested brackets, wrapping at the line width with a hanging
/// indent, blank lines between blocks, `...` past the threshold, `shape=`/`dtype=` where the
/// text alone would not say them.
extension NDArray {
  /// `repr(a)`: `array([1., 2.])`, `array([], shape=(0, 3), dtype=float64)`.
  public func repr(options: PrintOptions = PrintOptions()) -> String {
    let prefix = "array("
    let legacy = options.legacyLevel
    let body =
      legacy <= 113 && ndim == 0
      ? scalar(atOffset: offset).pythonRepr
      : arrayString(options: options, separator: ", ", prefix: prefix, suffix: ")")

    var extras: [String] = []
    if (count == 0 && shape != [0]) || (legacy > 210 && count > options.threshold) {
      extras.append("shape=" + TensorError.tupleText(shape))
    }
    if count == 0 || (legacy <= 113 && dtype == .bool) {
      extras.append("dtype=" + dtype.description)
    }
    if extras.isEmpty { return prefix + body + ")" }

    let head = prefix + body + ","
    let tail = extras.joined(separator: ", ") + ")"
    let lastLine = head.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).last
    let lastLength = lastLine?.count ?? 0
    let spacer =
      legacy > 113 && lastLength + tail.unicodeScalars.count + 1 > options.lineWidth
      ? "\n" + String(repeating: " ", count: prefix.unicodeScalars.count) : " "
    return head + spacer + tail
  }

  /// `str(a)`: `[1. 2.]`; a 0-d array prints as its scalar (`5.0`).
  public func str(options: PrintOptions = PrintOptions()) -> String {
    if ndim == 0 {
      // NumPy 1.13 printed `str(a.item())`, the Python object's text.
      let item = scalar(atOffset: offset)
      return options.legacyLevel <= 113 ? item.pythonRepr : item.numpyStr(legacy: options.legacy)
    }
    return arrayString(options: options, separator: " ", prefix: "")
  }

  /// `np.array2string(a, separator=, prefix=, suffix=)`. `prefix` and `suffix` are not
  /// printed: the prefix's length indents continuation lines, the suffix's narrows the last.
  public func arrayString(
    options: PrintOptions, separator: String = " ", prefix: String = "", suffix: String = ""
  ) -> String {
    var options = options
    let legacy = options.legacyLevel
    if legacy <= 113 && ndim == 0 { return scalar(atOffset: offset).pythonRepr }
    if legacy > 113 { options.lineWidth -= suffix.unicodeScalars.count }
    if count == 0 { return "[]" }
    let printer = ArrayPrinter(
      array: self, options: options, separator: separator, summarize: count > options.threshold)
    return printer.text(nextLinePrefix: " " + String(repeating: " ", count: prefix.unicodeScalars.count))
  }
}

/// NumPy's `_formatArray` over one array: the recursion by axis, the line filling, the summary.
private struct ArrayPrinter {
  let array: NDArray
  let separator: String
  let trimmedSeparator: String
  let summarize: Bool
  let edgeItems: Int
  let lineWidth: Int
  let legacy: Int
  let format: ElementFormat

  init(array: NDArray, options: PrintOptions, separator: String, summarize: Bool) {
    self.array = array
    self.separator = separator
    trimmedSeparator = separator.rstripped
    self.summarize = summarize
    edgeItems = options.edgeItems
    lineWidth = options.lineWidth
    legacy = options.legacyLevel
    // The column widths come from the elements that will be shown, as `_leading_trailing`.
    var shown: [Scalar] = []
    Self.collect(array, axis: 0, offset: array.offset, summarize: summarize, edge: edgeItems) {
      shown.append($0)
    }
    switch array.dtype {
    case .bool:
      format = .bool(trueText: array.ndim == 0 ? "True" : " True")
    case .int64:
      format = .int(IntElementFormat(shown.map { if case .int(let i) = $0 { i } else { 0 } }, sign: options.sign))
    case .float64:
      format = .float(FloatElementFormat(shown.map(\.doubleValue), isZeroD: array.ndim == 0, options: options))
    }
  }

  private static func collect(
    _ a: NDArray, axis: Int, offset: Int, summarize: Bool, edge: Int, _ body: (Scalar) -> Void
  ) {
    if axis == a.ndim {
      body(a.scalar(atOffset: offset))
      return
    }
    let n = a.shape[axis]
    var indices = Array(0..<n)
    if summarize && n > 2 * edge {
      // Python's a[:edge] and a[-edge:], whatever the sign: a[-0:] is the whole axis, so NumPy
      // keeps everything when edgeitems is 0.
      let headEnd = edge < 0 ? max(n + edge, 0) : min(edge, n)
      let tailStart = edge > 0 ? max(n - edge, 0) : min(-edge, n)
      indices = Array(0..<headEnd) + Array(tailStart..<n)
    }
    for i in indices {
      collect(a, axis: axis + 1, offset: offset + i * a.strides[axis], summarize: summarize, edge: edge, body)
    }
  }

  func text(nextLinePrefix: String) -> String {
    recurse(axis: 0, offset: array.offset, hangingIndent: nextLinePrefix, width: lineWidth)
  }

  private func recurse(axis: Int, offset: Int, hangingIndent: String, width: Int) -> String {
    let axesLeft = array.ndim - axis
    if axesLeft == 0 { return format(array.scalar(atOffset: offset)) }
    let nextIndent = hangingIndent + " "
    let nextWidth = legacy <= 113 ? width : width - 1
    let n = array.shape[axis]
    let stride = array.strides[axis]
    let showSummary = summarize && 2 * edgeItems < n
    let leading = showSummary ? max(edgeItems, 0) : 0
    let trailing = showSummary ? edgeItems : n
    func child(_ i: Int) -> String {
      recurse(axis: axis + 1, offset: offset + i * stride, hangingIndent: nextIndent, width: nextWidth)
    }
    var s = ""
    if axesLeft == 1 {
      let separatorLength = Line(trimmedSeparator).length
      var elementWidth = width - (legacy <= 113 ? separatorLength : max(separatorLength, 1))
      let indent = Line(hangingIndent)
      let separator = Line(self.separator)
      var line = indent
      for i in 0..<leading {
        extendPretty(&s, &line, child(i), elementWidth, indent)
        line.append(separator)
      }
      if showSummary {
        extend(&s, &line, Line("..."), elementWidth, indent)
        line.append(legacy <= 113 ? Line(", ") : separator)
      }
      for i in Swift.stride(from: trailing, to: 1, by: -1) {
        extendPretty(&s, &line, child(n - i), elementWidth, indent)
        line.append(separator)
      }
      if legacy <= 113 { elementWidth = width }
      extendPretty(&s, &line, child(n - 1), elementWidth, indent)
      s += line.text
    } else {
      let lineSeparator = trimmedSeparator + String(repeating: "\n", count: axesLeft - 1)
      for i in 0..<leading {
        s += hangingIndent + child(i) + lineSeparator
      }
      if showSummary {
        s += hangingIndent + "..." + (legacy <= 113 ? ", \n" : lineSeparator)
      }
      for i in Swift.stride(from: trailing, to: 1, by: -1) {
        s += hangingIndent + child(n - i) + lineSeparator
      }
      s += hangingIndent + child(n - 1)
    }
    // The indent is spaces only, so characters and code points agree here.
    return "[" + s.dropFirst(hangingIndent.count) + "]"
  }

  /// `_extendLine`: starts a new line when the word would pass the width, unless the line
  /// holds nothing but its indent (wrapping would not help).
  private func extend(_ s: inout String, _ line: inout Line, _ word: Line, _ width: Int, _ indent: Line) {
    var needsWrap = line.length + word.length > width
    if legacy > 113 && line.length <= indent.length { needsWrap = false }
    if needsWrap {
      s += line.text.rstripped + "\n"
      line = indent
    }
    line.append(word)
  }

  /// `_extendLine_pretty`: a word of several lines (an element whose text holds newlines, from
  /// a `nanstr` say) is placed as a block.
  private func extendPretty(_ s: inout String, _ line: inout Line, _ word: String, _ width: Int, _ indent: Line) {
    let words = word.pythonLines
    if words.count <= 1 || legacy <= 113 {
      extend(&s, &line, Line(word), width, indent)
      return
    }
    let longest = words.map(\.length).max() ?? 0
    let blockIndent: Line
    if line.length + longest > width && line.length > indent.length {
      s += line.text.rstripped + "\n"
      line = indent
      line.append(words[0])
      blockIndent = indent
    } else {
      blockIndent = Line(String(repeating: " ", count: line.length))
      line.append(words[0])
    }
    for w in words.dropFirst() {
      s += line.text.rstripped + "\n"
      line = blockIndent
      line.append(w)
    }
    line.append(Line(String(repeating: " ", count: longest - (words.last?.length ?? 0))))
  }
}

/// Text with its length as Python counts it (code points), kept as the line grows.
private struct Line {
  var text: String
  var length: Int

  init(_ text: String) {
    self.text = text
    // Most text is ASCII, where bytes and code points agree.
    let bytes = text.utf8.count
    length = text.utf8.allSatisfy { $0 < 0x80 } ? bytes : text.unicodeScalars.count
  }

  mutating func append(_ other: Line) {
    text += other.text
    length += other.length
  }
}

extension String {
  /// Python's `str.splitlines()`: split at \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, U+2028
  /// and U+2029; a final line break does not start another line.
  fileprivate var pythonLines: [Line] {
    if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x80 }) { return [Line(self)] }
    var lines: [Line] = []
    var current = String.UnicodeScalarView()
    var previousCR = false
    for c in unicodeScalars {
      if c == "\n" && previousCR {
        previousCR = false
        continue
      }
      previousCR = c == "\r"
      switch c.value {
      case 0x0A...0x0D, 0x1C...0x1E, 0x85, 0x2028, 0x2029:
        lines.append(Line(String(current)))
        current = String.UnicodeScalarView()
      default:
        current.append(c)
      }
    }
    if !current.isEmpty { lines.append(Line(String(current))) }
    return lines
  }

  /// Python's `str.rstrip()`.
  fileprivate var rstripped: String {
    var scalars = Substring(self).unicodeScalars
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}

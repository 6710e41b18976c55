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
      ? scalars[0].pythonRepr
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
      let item = scalars[0]
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
    if legacy <= 113 && ndim == 0 { return scalars[0].pythonRepr }
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
  let summarize: Bool
  let edgeItems: Int
  let lineWidth: Int
  let legacy: Int
  let format: ElementFormat

  init(array: NDArray, options: PrintOptions, separator: String, summarize: Bool) {
    self.array = array
    self.separator = separator
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
      // a[-0:] is the whole axis, so NumPy keeps everything when edgeitems is 0.
      indices = Array(0..<edge) + Array((edge == 0 ? 0 : n - edge)..<n)
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
    let n = array.shape[axis], stride = array.strides[axis]
    let showSummary = summarize && 2 * edgeItems < n
    let leading = showSummary ? edgeItems : 0
    let trailing = showSummary ? edgeItems : n
    func child(_ i: Int) -> String {
      recurse(axis: axis + 1, offset: offset + i * stride, hangingIndent: nextIndent, width: nextWidth)
    }
    let trimmedSeparator = separator.rstripped

    var s = ""
    if axesLeft == 1 {
      var elementWidth = width - (legacy <= 113 ? trimmedSeparator.count : max(trimmedSeparator.count, 1))
      var line = hangingIndent
      for i in 0..<leading {
        extendPretty(&s, &line, child(i), elementWidth, hangingIndent)
        line += separator
      }
      if showSummary {
        extend(&s, &line, "...", elementWidth, hangingIndent)
        line += legacy <= 113 ? ", " : separator
      }
      for i in Swift.stride(from: trailing, to: 1, by: -1) {
        extendPretty(&s, &line, child(n - i), elementWidth, hangingIndent)
        line += separator
      }
      if legacy <= 113 { elementWidth = width }
      extendPretty(&s, &line, child(n - 1), elementWidth, hangingIndent)
      s += line
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
  private func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
    let lineLength = line.unicodeScalars.count
    var needsWrap = lineLength + word.unicodeScalars.count > width
    if legacy > 113 && lineLength <= indent.unicodeScalars.count { needsWrap = false }
    if needsWrap {
      s += line.rstripped + "\n"
      line = indent
    }
    line += word
  }

  /// `_extendLine_pretty`: a word of several lines (an element whose text holds newlines) is
  /// placed as a block.
  private func extendPretty(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ indent: String) {
    let words = word.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    if words.count <= 1 || legacy <= 113 {
      extend(&s, &line, word, width, indent)
      return
    }
    let longest = words.map { $0.unicodeScalars.count }.max() ?? 0
    let blockIndent: String
    if line.unicodeScalars.count + longest > width && line.unicodeScalars.count > indent.unicodeScalars.count {
      s += line.rstripped + "\n"
      line = indent + words[0]
      blockIndent = indent
    } else {
      blockIndent = String(repeating: " ", count: line.unicodeScalars.count)
      line += words[0]
    }
    for w in words.dropFirst() {
      s += line.rstripped + "\n"
      line = blockIndent + w
    }
    line += String(repeating: " ", count: longest - (words.last?.unicodeScalars.count ?? 0))
  }
}

extension String {
  /// Python's `str.rstrip()`.
  fileprivate var rstripped: String {
    var scalars = Substring(self).unicodeScalars
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}

/// How a text plot is coloured: not at all (a pipe, `NO_COLOR`), with the 16 ANSI colours,
/// or with 24-bit colours.
public enum ColorMode: Sendable {
  case none, basic, truecolor
}

/// One character cell of a text plot.
struct TextCell {
  var character: Character = " "
  var color: RGB?
  var background: RGB?
}

/// A rectangle of character cells, turned into lines at the end.
struct TextGrid {
  let width: Int
  let height: Int
  var cells: [TextCell]

  init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: TextCell(), count: self.width * self.height)
  }

  subscript(row: Int, column: Int) -> TextCell {
    get { cells[row * width + column] }
    set {
      guard row >= 0, row < height, column >= 0, column < width else { return }
      cells[row * width + column] = newValue
    }
  }

  func contains(_ row: Int, _ column: Int) -> Bool { row >= 0 && row < height && column >= 0 && column < width }

  mutating func put(_ text: String, row: Int, column: Int, color: RGB? = nil, maxColumn: Int? = nil) {
    var c = column
    for ch in text {
      if c >= (maxColumn ?? width) { break }
      if contains(row, c) { self[row, c] = TextCell(character: ch, color: color) }
      c += 1
    }
  }

  mutating func paste(_ other: TextGrid, row: Int, column: Int) {
    for r in 0..<other.height {
      for c in 0..<other.width where contains(row + r, column + c) {
        self[row + r, column + c] = other[r, c]
      }
    }
  }

  func lines(_ mode: ColorMode) -> [String] {
    (0..<height).map { r in
      var line = ""
      var active = ""
      for c in 0..<width {
        let cell = self[r, c]
        if mode != .none {
          let code = TextGrid.escape(cell, mode)
          if code != active {
            line += code.isEmpty ? "\u{1B}[0m" : (active.isEmpty ? "" : "\u{1B}[0m") + code
            active = code
          }
        }
        line.append(cell.character)
      }
      if !active.isEmpty { line += "\u{1B}[0m" }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }

  static func escape(_ cell: TextCell, _ mode: ColorMode) -> String {
    var codes: [String] = []
    if let c = cell.color {
      if mode == .truecolor {
        codes.append("38;2;\(c.r);\(c.g);\(c.b)")
      } else if let basic = basicCode(c) {
        codes.append(String(basic))
      }
    }
    if let b = cell.background, mode == .truecolor { codes.append("48;2;\(b.r);\(b.g);\(b.b)") }
    return codes.isEmpty ? "" : "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  /// The nearest of the six ANSI hues; greys and black keep the terminal's own colour.
  static func basicCode(_ c: RGB) -> Int? {
    let r = Double(c.r) / 255
    let g = Double(c.g) / 255
    let b = Double(c.b) / 255
    let hi = max(r, g, b)
    let lo = min(r, g, b)
    guard hi - lo > 0.15 else { return nil }
    var hue: Double
    if hi == r {
      hue = 60 * ((g - b) / (hi - lo))
    } else if hi == g {
      hue = 60 * ((b - r) / (hi - lo) + 2)
    } else {
      hue = 60 * ((r - g) / (hi - lo) + 4)
    }
    if hue < 0 { hue += 360 }
    switch hue {
    case ..<15, 330...: return 31
    case ..<75: return 33
    case ..<165: return 32
    case ..<200: return 36
    case ..<260: return 34
    default: return 35
    }
  }
}

/// A grid of Unicode braille cells: each character holds 2×4 dots, so a terminal of
/// `columns`×`rows` characters draws `2·columns`×`4·rows` dots.
public struct Canvas: Sendable {
  public let columns: Int
  public let rows: Int
  private var cells: [UInt8]

  public init(columns: Int, rows: Int) {
    self.columns = max(columns, 1)
    self.rows = max(rows, 1)
    cells = [UInt8](repeating: 0, count: self.columns * self.rows)
  }

  /// Sets the dot at (x, y), with y growing downward; dots outside the canvas are ignored.
  public mutating func set(x: Int, y: Int) {
    guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
    // Braille dot numbering: left column 1,2,3,7 and right column 4,5,6,8.
    let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
    cells[(y / 4) * columns + x / 2] |= bits[y % 4][x % 2]
  }

  /// The canvas as lines of text.
  public var lines: [String] {
    (0..<rows).map { r in
      String(
        String.UnicodeScalarView(
          (0..<columns).compactMap { c in
            Unicode.Scalar(0x2800 + UInt32(cells[r * columns + c]))
          }))
    }
  }
}

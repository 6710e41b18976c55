/// A grid of Unicode braille cells: each character holds 2×4 dots, so a terminal of
/// `columns`×`rows` characters draws `2·columns`×`4·rows` dots. Each cell keeps the colour
/// of the last dot set in it.
public struct Canvas: Sendable {
  public let columns: Int
  public let rows: Int
  private var cells: [UInt8]
  private(set) var colors: [RGB?]

  public init(columns: Int, rows: Int) {
    self.columns = max(columns, 1)
    self.rows = max(rows, 1)
    cells = [UInt8](repeating: 0, count: self.columns * self.rows)
    colors = [RGB?](repeating: nil, count: self.columns * self.rows)
  }

  public var width: Int { columns * 2 }
  public var height: Int { rows * 4 }

  /// Sets the dot at (x, y), with y growing downward; dots outside the canvas are ignored.
  public mutating func set(x: Int, y: Int, color: RGB? = nil) {
    guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
    // Braille dot numbering: left column 1,2,3,7 and right column 4,5,6,8.
    let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
    let i = (y / 4) * columns + x / 2
    cells[i] |= bits[y % 4][x % 2]
    if let color { colors[i] = color }
  }

  /// The braille character of a cell, nil when no dot is set.
  func character(row: Int, column: Int) -> Character? {
    let bits = cells[row * columns + column]
    guard bits != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits)) else { return nil }
    return Character(scalar)
  }

  func color(row: Int, column: Int) -> RGB? { colors[row * columns + column] }

  /// Draws a segment between two points in dot coordinates, clipped to the canvas, with an
  /// optional dash pattern (on/off lengths in dots) carried on through `phase`.
  public mutating func line(
    from a: (Double, Double), to b: (Double, Double), color: RGB? = nil, dashes: [Int] = [], phase: inout Int
  ) {
    guard let (p, q) = Clip.segment(a, b, width: Double(width - 1), height: Double(height - 1)) else { return }
    let period = dashes.reduce(0, +)
    Clip.walk(from: p, to: q) { x, y in
      if period == 0 || Clip.isOn(dashes, phase % period) { set(x: x, y: y, color: color) }
      phase += 1
    }
  }

  /// The canvas as lines of text.
  public var lines: [String] {
    (0..<rows).map { r in String((0..<columns).map { c in character(row: r, column: c) ?? "\u{2800}" }) }
  }
}

/// Segment clipping (Liang–Barsky) and dash patterns, shared by the canvas and the rasteriser.
enum Clip {
  /// Bresenham's walk over the grid points of a segment (its ends rounded), in order.
  static func walk(from p: (Double, Double), to q: (Double, Double), _ body: (Int, Int) -> Void) {
    var x = Int(p.0.rounded())
    var y = Int(p.1.rounded())
    let x1 = Int(q.0.rounded())
    let y1 = Int(q.1.rounded())
    let dx = abs(x1 - x)
    let dy = -abs(y1 - y)
    let sx = x < x1 ? 1 : -1
    let sy = y < y1 ? 1 : -1
    var err = dx + dy
    while true {
      body(x, y)
      if x == x1 && y == y1 { return }
      let e2 = 2 * err
      if e2 >= dy {
        err += dy
        x += sx
      }
      if e2 <= dx {
        err += dx
        y += sy
      }
    }
  }

  /// The part of a segment inside [0, width]×[0, height], nil when none is or a coordinate
  /// is not finite.
  static func segment(
    _ a: (Double, Double), _ b: (Double, Double), width: Double, height: Double
  ) -> (
    (Double, Double), (Double, Double)
  )? {
    guard a.0.isFinite, a.1.isFinite, b.0.isFinite, b.1.isFinite else { return nil }
    var t0 = 0.0
    var t1 = 1.0
    let dx = b.0 - a.0
    let dy = b.1 - a.1
    for (p, q) in [(-dx, a.0), (dx, width - a.0), (-dy, a.1), (dy, height - a.1)] {
      if p == 0 {
        if q < 0 { return nil }
      } else {
        let r = q / p
        if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
      }
    }
    guard t0 <= t1 else { return nil }
    return ((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy))
  }

  static func isOn(_ dashes: [Int], _ position: Int) -> Bool {
    var p = position
    for (i, length) in dashes.enumerated() {
      if p < length { return i % 2 == 0 }
      p -= length
    }
    return true
  }
}

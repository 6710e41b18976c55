/// The plot area of an axes: braille dots for lines, glyphs for markers and bars, shaded
/// cells for images and contours, then texts and the legend on top.
struct Area {
  let rows: Int
  let columns: Int
  let limits: Limits
  var canvas: Canvas
  var overlay: TextGrid
  var shades: TextGrid

  init(rows: Int, columns: Int, limits: Limits) {
    self.rows = rows
    self.columns = columns
    self.limits = limits
    canvas = Canvas(columns: columns, rows: rows)
    overlay = TextGrid(width: columns, height: rows)
    shades = TextGrid(width: columns, height: rows)
  }

  func dot(_ x: Double, _ y: Double) -> (Double, Double) {
    (limits.fx(x) * Double(canvas.width - 1), limits.fy(y) * Double(canvas.height - 1))
  }

  func row(_ fy: Double) -> Int { Area.index(fy * Double(canvas.height - 1), canvas.height - 1) / 4 }
  func column(_ fx: Double) -> Int { Area.index(fx * Double(canvas.width - 1), canvas.width - 1) / 2 }

  /// A dot coordinate rounded and clamped to 0...upper; NaN is 0.
  static func index(_ v: Double, _ upper: Int) -> Int {
    guard v.isFinite else { return 0 }
    return Int(min(max(v, 0), Double(upper)).rounded())
  }

  /// The cell of a data point, nil outside the area.
  func cell(_ x: Double, _ y: Double) -> (Int, Int)? {
    let (px, py) = dot(x, y)
    guard px.isFinite, py.isFinite, px > -0.5, py > -0.5, px < Double(canvas.width) - 0.5,
      py < Double(canvas.height) - 0.5
    else { return nil }
    return (Int(py.rounded()) / 4, Int(px.rounded()) / 2)
  }

  mutating func draw(_ axes: Axes, colors: ColorMode, xTicks: [(Double, String)], yTicks: [(Double, String)]) {
    if axes.grid { drawGrid(xTicks: xTicks, yTicks: yTicks) }
    var glyphs: [Character] = []
    var seen: [(Character, RGB?)] = []
    for s in axes.series {
      let glyph = Area.glyph(for: s, colors: colors, seen: &seen)
      glyphs.append(glyph)
      draw(s, glyph: glyph, colors: colors)
    }
    for a in axes.annotations {
      guard let (r, c) = cell(a.x, a.y) else { continue }
      overlay.put(plainText(a.text), row: r, column: c)
    }
    if let location = axes.legend { drawLegend(axes, glyphs: glyphs, location: location) }
  }

  /// The glyph of a series' markers: its marker's, or without colour the next one not yet
  /// taken by a series of another colour, so series stay apart.
  static func glyph(for s: Series, colors: ColorMode, seen: inout [(Character, RGB?)]) -> Character {
    var g = s.style.marker?.glyph ?? "•"
    let drawsMarkers: Bool
    switch s.kind {
    case .scatter: drawsMarkers = true
    case .line: drawsMarkers = s.style.marker != nil && s.style.marker != .point && s.style.marker != .pixel
    default: drawsMarkers = false
    }
    guard drawsMarkers else { return g }
    if colors == .none, seen.contains(where: { $0.0 == g && $0.1 != s.style.color }) {
      g = AxesText.fallbackGlyphs.first { f in !seen.contains { $0.0 == f } } ?? g
    }
    seen.append((g, s.style.color))
    return g
  }

  /// Sparse dots along the ticks, under everything else.
  mutating func drawGrid(xTicks: [(Double, String)], yTicks: [(Double, String)]) {
    for (v, _) in xTicks {
      let px = Area.index(limits.fx(v) * Double(canvas.width - 1), canvas.width - 1)
      for y in stride(from: 0, to: canvas.height, by: 8) { canvas.set(x: px, y: y) }
    }
    for (v, _) in yTicks {
      let py = Area.index(limits.fy(v) * Double(canvas.height - 1), canvas.height - 1)
      for x in stride(from: 0, to: canvas.width, by: 8) { canvas.set(x: x, y: py) }
    }
  }

  mutating func draw(_ s: Series, glyph: Character, colors: ColorMode) {
    let color = s.style.color
    switch s.kind {
    case .line:
      if s.style.line != .none {
        var phase = 0
        for i in 1..<max(1, s.x.count) {
          canvas.line(
            from: dot(s.x[i - 1], s.y[i - 1]), to: dot(s.x[i], s.y[i]), color: color, dashes: s.style.line.textDashes,
            phase: &phase)
        }
      }
      if let m = s.style.marker { drawMarkers(s, marker: m, glyph: glyph, classes: nil, colors: colors) }
    case .scatter(let classes):
      drawMarkers(s, marker: s.style.marker ?? .circle, glyph: glyph, classes: classes, colors: colors)
    case .bars(let width): drawBars(s, width: width)
    case .heat(let g), .image(let g): drawGrid(g, colors: colors)
    case .horizontal(let y):
      var phase = 0
      canvas.line(
        from: (0, dot(0, y).1), to: (Double(canvas.width - 1), dot(0, y).1), color: color,
        dashes: s.style.line.textDashes, phase: &phase)
    case .vertical(let x):
      var phase = 0
      canvas.line(
        from: (dot(x, 0).0, 0), to: (dot(x, 0).0, Double(canvas.height - 1)), color: color,
        dashes: s.style.line.textDashes, phase: &phase)
    }
  }

  mutating func drawMarkers(_ s: Series, marker: Marker, glyph: Character, classes: [Int]?, colors: ColorMode) {
    let palette = s.classColors ?? RGB.cycle
    for i in 0..<min(s.x.count, s.y.count) {
      var color = s.style.color
      var g = glyph
      if let classes, i < classes.count {
        let k = max(0, classes[i])
        color = palette[k % palette.count]
        if colors == .none { g = AxesText.fallbackGlyphs[k % AxesText.fallbackGlyphs.count] }
      }
      if marker == .point || marker == .pixel {
        let (px, py) = dot(s.x[i], s.y[i])
        if px.isFinite, py.isFinite, abs(px) < 1e9, abs(py) < 1e9 {
          canvas.set(x: Int(px.rounded()), y: Int(py.rounded()), color: color)
        }
        continue
      }
      guard let (r, c) = cell(s.x[i], s.y[i]) else { continue }
      overlay[r, c] = TextCell(character: g, color: color)
    }
  }

  mutating func drawBars(_ s: Series, width: Double) {
    let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let base = limits.fy(0) * Double(rows)
    for c in 0..<columns {
      let (x, _) = limits.point(fx: (Double(c) + 0.5) / Double(columns), fy: 0)
      guard let i = s.x.indices.first(where: { abs(x - s.x[$0]) <= width / 2 }), i < s.y.count else { continue }
      let topRow = limits.fy(s.y[i]) * Double(rows)
      let from = min(topRow, base)
      let to = max(topRow, base)
      for r in 0..<rows {
        let covered = min(Double(r + 1), to) - max(Double(r), from)
        guard covered > 0 else { continue }
        let filled = Int((covered * 8).rounded())
        guard filled > 0 else { continue }
        overlay[r, c] = TextCell(character: eighths[min(8, filled)], color: s.style.color)
      }
    }
  }

  /// Shaded cells; with 24-bit colour each cell shows two samples, the upper half block
  /// in the top one's colour over the bottom one's background.
  mutating func drawGrid(_ g: Grid, colors: ColorMode) {
    func sample(_ c: Int, _ fy: Double) -> RGB? {
      let (x, y) = limits.point(fx: (Double(c) + 0.5) / Double(columns), fy: fy)
      guard let (gr, gc) = g.cell(x: x, y: y) else { return nil }
      return g.color(row: gr, column: gc)
    }
    for r in 0..<rows {
      for c in 0..<columns {
        if colors == .truecolor {
          let top = sample(c, (Double(r) + 0.25) / Double(rows))
          let bottom = sample(c, (Double(r) + 0.75) / Double(rows))
          guard top != nil || bottom != nil else { continue }
          shades[r, c] = TextCell(character: top == nil ? " " : "▀", color: top, background: bottom)
          continue
        }
        guard let color = sample(c, (Double(r) + 0.5) / Double(rows)) else { continue }
        let light = (0.299 * Double(color.r) + 0.587 * Double(color.g) + 0.114 * Double(color.b)) / 255
        shades[r, c] = TextCell(character: AxesText.shades[Int((light * 4).rounded())])
      }
    }
  }

  mutating func drawLegend(_ axes: Axes, glyphs: [Character], location: LegendLocation) {
    var entries: [(String, RGB?, String)] = []
    for (s, glyph) in zip(axes.series, glyphs) {
      guard let label = s.label, !label.isEmpty, !label.hasPrefix("_") else { continue }
      entries.append((Area.sample(s, glyph: glyph), s.style.color, plainText(label)))
    }
    guard !entries.isEmpty else { return }
    let inner = 4 + (entries.map { $0.2.count }.max() ?? 0)
    let w = min(columns, inner + 2)
    let h = min(rows, entries.count + 2)
    guard w >= 5, h >= 3 else { return }
    let (r0, c0) = legendCorner(location, w, h)
    overlay.put("┌" + String(repeating: "─", count: w - 2) + "┐", row: r0, column: c0)
    for (i, e) in entries.prefix(h - 2).enumerated() {
      let r = r0 + 1 + i
      overlay.put("│" + String(repeating: " ", count: w - 2) + "│", row: r, column: c0)
      overlay.put(e.0, row: r, column: c0 + 1, color: e.1)
      overlay.put(e.2, row: r, column: c0 + 5, maxColumn: c0 + w - 1)
      for c in c0 + 1..<c0 + w - 1 { canvasMask.append((r, c)) }
    }
    overlay.put("└" + String(repeating: "─", count: w - 2) + "┘", row: r0 + h - 1, column: c0)
    for r in r0..<r0 + h { for c in c0..<c0 + w { canvasMask.append((r, c)) } }
  }

  /// Cells the legend covers: braille and shades under them are hidden.
  var canvasMask: [(Int, Int)] = []

  func legendCorner(_ location: LegendLocation, _ w: Int, _ h: Int) -> (Int, Int) {
    let corners: [LegendLocation: (Int, Int)] = [
      .upperRight: (0, columns - w), .upperLeft: (0, 0), .lowerLeft: (rows - h, 0),
      .lowerRight: (rows - h, columns - w),
      .right: ((rows - h) / 2, columns - w), .centerRight: ((rows - h) / 2, columns - w),
      .centerLeft: ((rows - h) / 2, 0), .lowerCenter: (rows - h, (columns - w) / 2),
      .upperCenter: (0, (columns - w) / 2), .center: ((rows - h) / 2, (columns - w) / 2),
    ]
    if let corner = corners[location] { return corner }
    // `best`: the corner that hides the fewest drawn cells.
    let candidates = [(0, columns - w), (0, 0), (rows - h, 0), (rows - h, columns - w)]
    return candidates.min { occupied($0, w, h) < occupied($1, w, h) } ?? (0, columns - w)
  }

  func occupied(_ corner: (Int, Int), _ w: Int, _ h: Int) -> Int {
    var n = 0
    for r in corner.0..<corner.0 + h {
      for c in corner.1..<corner.1 + w where r < rows && c < columns {
        if canvas.character(row: r, column: c) != nil || overlay[r, c].character != " " { n += 1 }
      }
    }
    return n
  }

  /// A legend's sample of a series: its line pattern and/or its marker, three cells wide.
  static func sample(_ s: Series, glyph: Character) -> String {
    let line: Character? =
      switch s.style.line {
      case .solid: "─"
      case .dashed: "╌"
      case .dotted: "┄"
      case .dashDot: "─"
      case .none: nil
      }
    switch s.kind {
    case .scatter: return " \(glyph) "
    case .bars, .heat, .image: return "███"
    case .horizontal, .vertical: return String(repeating: line ?? "─", count: 3)
    case .line:
      guard let line else { return " \(glyph) " }
      if s.style.line == .dashDot { return "─·─" }
      guard let m = s.style.marker else { return String(repeating: line, count: 3) }
      return m == .point || m == .pixel ? String(repeating: line, count: 3) : "\(line)\(glyph)\(line)"
    }
  }

  /// Shades, then braille, then glyphs and text on top.
  func grid(colors: ColorMode) -> TextGrid {
    var grid = shades
    let hidden = Set(canvasMask.map { $0.0 * columns + $0.1 })
    for r in 0..<rows {
      for c in 0..<columns {
        let top = overlay[r, c]
        if top.character != " " || hidden.contains(r * columns + c) {
          grid[r, c] = TextCell(character: top.character, color: top.color, background: nil)
        } else if let ch = canvas.character(row: r, column: c) {
          grid[r, c] = TextCell(
            character: ch, color: canvas.color(row: r, column: c), background: grid[r, c].background)
        }
      }
    }
    return grid
  }
}

import Foundation

/// A figure laid out in pixels: the shapes the SVG writer prints and the rasteriser paints.
struct Scene {
  struct Rect {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
  }

  enum Anchor: String { case start, middle, end }

  enum Shape {
    case rect(Rect, fill: RGB?, stroke: RGB?, clip: Rect?)
    case polyline([(Double, Double)], color: RGB, width: Double, dashes: [Double], clip: Rect?)
    case marker(Marker, x: Double, y: Double, size: Double, color: RGB, clip: Rect?)
    case text(String, x: Double, y: Double, size: Double, anchor: Anchor, vertical: Bool, color: RGB)
  }

  let width: Double
  let height: Double
  var shapes: [Shape] = []

  init(_ figure: Figure, scale: Double) {
    width = (figure.width * 100 * scale).rounded()
    height = (figure.height * 100 * scale).rounded()
    let s = scale
    var top = 0.0
    if !figure.title.isEmpty {
      shapes.append(
        .text(
          plainText(figure.title), x: width / 2, y: 22 * s, size: 14 * s, anchor: .middle, vertical: false,
          color: .black))
      top = 28 * s
    }
    let cellWidth = width / Double(figure.columns)
    let cellHeight = (height - top) / Double(figure.rows)
    for (index, axes) in figure.axes {
      let r = Double(index / figure.columns)
      let c = Double(index % figure.columns)
      let cell = Rect(x: c * cellWidth, y: top + r * cellHeight, width: cellWidth, height: cellHeight)
      add(axes, in: cell, scale: s)
    }
  }

  mutating func add(_ axes: Axes, in cell: Rect, scale s: Double) {
    let limits = Limits(axes)
    let show = axes.axisVisible
    let left = show ? 62 * s : 8 * s
    let top = (axes.title.isEmpty ? 10 : 30) * s
    let bottom = show ? (axes.xLabel.isEmpty ? 30 : 48) * s : 8 * s
    var box = Rect(
      x: cell.x + left, y: cell.y + top, width: max(10, cell.width - left - 16 * s),
      height: max(10, cell.height - top - bottom))
    if axes.hasImage, axes.xLimits == nil, let g = axes.series.compactMap(\.grid).first, g.rowCount > 0 {
      let k = min(box.width / Double(g.columnCount), box.height / Double(g.rowCount))
      box.width = k * Double(g.columnCount)
      box.height = k * Double(g.rowCount)
    }
    func px(_ x: Double) -> Double { box.x + limits.fx(x) * box.width }
    func py(_ y: Double) -> Double { box.y + limits.fy(y) * box.height }
    let xTicks = limits.xTicks(axes, maxCount: max(2, Int(box.width / (60 * s))))
    let yTicks = limits.yTicks(axes, maxCount: max(2, Int(box.height / (40 * s))))
    if show {
      shapes.append(.rect(box, fill: .white, stroke: nil, clip: nil))
    }
    if axes.grid && show {
      let light = RGB(0xb0, 0xb0, 0xb0)
      for (v, _) in xTicks {
        shapes.append(
          .polyline([(px(v), box.y), (px(v), box.y + box.height)], color: light, width: 0.8 * s, dashes: [], clip: nil))
      }
      for (v, _) in yTicks {
        shapes.append(
          .polyline([(box.x, py(v)), (box.x + box.width, py(v))], color: light, width: 0.8 * s, dashes: [], clip: nil))
      }
    }
    for series in axes.series { add(series, limits: limits, box: box, scale: s, px: px, py: py) }
    for a in axes.annotations {
      shapes.append(
        .text(plainText(a.text), x: px(a.x), y: py(a.y), size: 10 * s, anchor: .start, vertical: false, color: .black))
    }
    if show {
      shapes.append(.rect(box, fill: nil, stroke: .black, clip: nil))
      for (v, label) in xTicks {
        let x = px(v)
        shapes.append(
          .polyline(
            [(x, box.y + box.height), (x, box.y + box.height + 4 * s)], color: .black, width: 0.8 * s, dashes: [],
            clip: nil))
        shapes.append(
          .text(
            label, x: x, y: box.y + box.height + 17 * s, size: 10 * s, anchor: .middle, vertical: false, color: .black))
      }
      for (v, label) in yTicks {
        let y = py(v)
        shapes.append(
          .polyline([(box.x - 4 * s, y), (box.x, y)], color: .black, width: 0.8 * s, dashes: [], clip: nil))
        shapes.append(
          .text(label, x: box.x - 7 * s, y: y + 4 * s, size: 10 * s, anchor: .end, vertical: false, color: .black))
      }
      if !axes.xLabel.isEmpty {
        shapes.append(
          .text(
            plainText(axes.xLabel), x: box.x + box.width / 2, y: box.y + box.height + 38 * s, size: 12 * s,
            anchor: .middle, vertical: false, color: .black))
      }
      if !axes.yLabel.isEmpty {
        shapes.append(
          .text(
            plainText(axes.yLabel), x: cell.x + 14 * s, y: box.y + box.height / 2, size: 12 * s, anchor: .middle,
            vertical: true, color: .black))
      }
    }
    if !axes.title.isEmpty {
      shapes.append(
        .text(
          plainText(axes.title), x: box.x + box.width / 2, y: box.y - 10 * s, size: 12 * s, anchor: .middle,
          vertical: false, color: .black))
    }
    if axes.legend != nil { addLegend(axes, box: box, scale: s) }
  }

  mutating func add(
    _ series: Series, limits: Limits, box: Rect, scale s: Double, px: (Double) -> Double, py: (Double) -> Double
  ) {
    let color = series.style.color ?? .black
    switch series.kind {
    case .line:
      if series.style.line != .none {
        var run: [(Double, Double)] = []
        for (x, y) in zip(series.x, series.y) {
          if x.isFinite && y.isFinite {
            run.append((px(x), py(y)))
          } else if !run.isEmpty {
            shapes.append(
              .polyline(
                run, color: color, width: 1.5 * s, dashes: series.style.line.dashes.map { Double($0) * s }, clip: box))
            run = []
          }
        }
        if !run.isEmpty {
          shapes.append(
            .polyline(
              run, color: color, width: 1.5 * s, dashes: series.style.line.dashes.map { Double($0) * s }, clip: box))
        }
      }
      if let m = series.style.marker {
        for (x, y) in zip(series.x, series.y) where x.isFinite && y.isFinite {
          shapes.append(.marker(m, x: px(x), y: py(y), size: 3 * s, color: color, clip: box))
        }
      }
    case .scatter(let classes):
      let palette = series.classColors ?? RGB.cycle
      for (i, (x, y)) in zip(series.x, series.y).enumerated() where x.isFinite && y.isFinite {
        var c = color
        if let classes, i < classes.count { c = palette[max(0, classes[i]) % palette.count] }
        shapes.append(.marker(series.style.marker ?? .circle, x: px(x), y: py(y), size: 3 * s, color: c, clip: box))
      }
    case .bars(let w):
      for (x, y) in zip(series.x, series.y) where x.isFinite && y.isFinite {
        let x0 = px(x - w / 2)
        let x1 = px(x + w / 2)
        let y0 = py(0)
        let y1 = py(y)
        shapes.append(
          .rect(
            Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0)), fill: color, stroke: nil,
            clip: box))
      }
    case .heat(let g), .image(let g):
      addGrid(g, box: box, px: px, py: py)
    case .horizontal(let y):
      shapes.append(
        .polyline(
          [(box.x, py(y)), (box.x + box.width, py(y))], color: color, width: 1.5 * s,
          dashes: series.style.line.dashes.map { Double($0) * s }, clip: box))
    case .vertical(let x):
      shapes.append(
        .polyline(
          [(px(x), box.y), (px(x), box.y + box.height)], color: color, width: 1.5 * s,
          dashes: series.style.line.dashes.map { Double($0) * s }, clip: box))
    }
  }

  /// One rect per grid cell, spanning halfway to its neighbours.
  mutating func addGrid(_ g: Grid, box: Rect, px: (Double) -> Double, py: (Double) -> Double) {
    func edges(_ coords: [Double]?, _ n: Int) -> [Double] {
      guard let c = coords, c.count == n, n > 1 else { return (0...n).map { Double($0) - 0.5 } }
      var e = [c[0] - (c[1] - c[0]) / 2]
      for i in 1..<n { e.append((c[i - 1] + c[i]) / 2) }
      e.append(c[n - 1] + (c[n - 1] - c[n - 2]) / 2)
      return e
    }
    let xe = edges(g.xs, g.columnCount)
    let ye = edges(g.ys, g.rowCount)
    for r in 0..<g.rowCount {
      for c in 0..<g.columnCount {
        let x0 = px(xe[c])
        let x1 = px(xe[c + 1])
        let y0 = py(ye[r])
        let y1 = py(ye[r + 1])
        let rect = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
        shapes.append(.rect(rect, fill: g.color(row: r, column: c), stroke: nil, clip: box))
      }
    }
  }

  mutating func addLegend(_ axes: Axes, box: Rect, scale s: Double) {
    let entries = axes.labelled
    guard !entries.isEmpty else { return }
    let longest = entries.map { plainText($0.label ?? "").count }.max() ?? 0
    let w = (44 + Double(longest) * 7) * s
    let h = (Double(entries.count) * 18 + 8) * s
    let right = axes.legend == .upperLeft || axes.legend == .lowerLeft || axes.legend == .centerLeft
    let lower = axes.legend == .lowerLeft || axes.legend == .lowerRight
    let x = right ? box.x + 8 * s : box.x + box.width - w - 8 * s
    let y = lower ? box.y + box.height - h - 8 * s : box.y + 8 * s
    shapes.append(.rect(Rect(x: x, y: y, width: w, height: h), fill: .white, stroke: RGB(0xcc, 0xcc, 0xcc), clip: nil))
    for (i, e) in entries.enumerated() {
      let cy = y + (Double(i) * 18 + 13) * s
      let color = e.style.color ?? .black
      switch e.kind {
      case .line, .horizontal, .vertical:
        if e.style.line != .none {
          shapes.append(
            .polyline(
              [(x + 6 * s, cy), (x + 30 * s, cy)], color: color, width: 1.5 * s,
              dashes: e.style.line.dashes.map { Double($0) * s }, clip: nil))
        }
        if let m = e.style.marker {
          shapes.append(.marker(m, x: x + 18 * s, y: cy, size: 3 * s, color: color, clip: nil))
        }
      case .scatter:
        shapes.append(.marker(e.style.marker ?? .circle, x: x + 18 * s, y: cy, size: 3 * s, color: color, clip: nil))
      default:
        shapes.append(
          .rect(Rect(x: x + 8 * s, y: cy - 5 * s, width: 20 * s, height: 10 * s), fill: color, stroke: nil, clip: nil))
      }
      shapes.append(
        .text(
          plainText(e.label ?? ""), x: x + 36 * s, y: cy + 4 * s, size: 10 * s, anchor: .start, vertical: false,
          color: .black))
    }
  }
}

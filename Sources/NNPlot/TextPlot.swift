extension Figure {
  /// The figure drawn with braille dots and shaded cells in `columns`×`rows` characters.
  public func text(columns: Int, rows: Int, colors: ColorMode = .none) -> String {
    var grid = TextGrid(width: columns, height: rows)
    var top = 0
    if !title.isEmpty {
      let t = plainText(title)
      grid.put(t, row: 0, column: max(0, (columns - t.count) / 2))
      top = 1
    }
    let cellWidth = columns / self.columns
    let cellHeight = (rows - top) / self.rows
    for (index, axes) in axes {
      let r = index / self.columns
      let c = index % self.columns
      guard r < self.rows else { continue }
      let panel = AxesText(
        axes: axes, width: cellWidth - (c < self.columns - 1 ? 1 : 0), height: cellHeight, colors: colors
      )
      .render()
      grid.paste(panel, row: top + r * cellHeight, column: c * cellWidth)
    }
    return grid.lines(colors).joined(separator: "\n") + "\n"
  }
}

/// Lays out and draws one axes as text: title, y tick labels, the braille plot area, the
/// x axis with its tick labels, the axis labels and the legend.
struct AxesText {
  let axes: Axes
  let width: Int
  let height: Int
  let colors: ColorMode

  static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
  static let fallbackGlyphs: [Character] = ["•", "×", "+", "*", "◆", "▲", "■", "○", "▼", "□"]

  func render() -> TextGrid {
    var grid = TextGrid(width: width, height: height)
    guard width >= 4, height >= 3 else { return grid }
    let limits = Limits(axes)
    let title = plainText(axes.title)
    let xLabel = plainText(axes.xLabel)
    let yLabel = plainText(axes.yLabel)
    let showAxis = axes.axisVisible
    let top = title.isEmpty ? 0 : 1
    let bottom = showAxis ? 2 + (xLabel.isEmpty ? 0 : 1) : 0
    var plotRows = max(1, height - top - bottom)
    let yTicks = showAxis ? limits.yTicks(axes, maxCount: max(2, plotRows / 3 + 1)) : []
    let labelWidth = yTicks.map { $0.1.count }.max() ?? 0
    let left = showAxis ? (yLabel.isEmpty ? 0 : 2) + labelWidth + 1 : 0
    var plotColumns = max(1, width - left)
    if axes.hasImage && axes.xLimits == nil, let g = axes.series.compactMap(\.grid).first, g.rowCount > 0 {
      // Keep the image's aspect: a character cell is about twice as tall as wide.
      let scale = min(Double(plotRows) / Double(g.rowCount), Double(plotColumns) / Double(2 * g.columnCount))
      plotRows = max(1, Int(Double(g.rowCount) * scale))
      plotColumns = max(1, Int(Double(2 * g.columnCount) * scale))
    }
    var area = Area(rows: plotRows, columns: plotColumns, limits: limits)
    let xTicks = limits.xTicks(axes, maxCount: min(9, max(2, plotColumns / (tickWidth(limits) + 4))))
    area.draw(axes, colors: colors, xTicks: showAxis ? xTicks : [], yTicks: yTicks)
    grid.paste(area.grid(colors: colors), row: top, column: left)
    if !title.isEmpty {
      grid.put(title, row: 0, column: left + max(0, (plotColumns - title.count) / 2))
    }
    guard showAxis else { return grid }
    // The y axis with its ticks and labels, and the vertical y label.
    for r in 0..<plotRows { grid.put("│", row: top + r, column: left - 1) }
    for (value, label) in yTicks {
      let r = area.row(limits.fy(value))
      grid.put("┤", row: top + r, column: left - 1)
      grid.put(label, row: top + r, column: left - 1 - label.count)
    }
    if !yLabel.isEmpty {
      let shown = Array(yLabel.prefix(plotRows))
      let start = top + max(0, (plotRows - shown.count) / 2)
      for (i, ch) in shown.enumerated() { grid.put(String(ch), row: start + i, column: 0) }
    }
    // The x axis, its ticks and labels, and the x label.
    let axisRow = top + plotRows
    grid.put("└" + String(repeating: "─", count: plotColumns), row: axisRow, column: left - 1)
    var free = 0
    for (value, label) in xTicks {
      let c = area.column(limits.fx(value))
      grid.put("┬", row: axisRow, column: left + c)
      let start = max(0, min(left + c - (label.count - 1) / 2, width - label.count))
      if start >= free {
        grid.put(label, row: axisRow + 1, column: start)
        free = start + label.count + 1
      }
    }
    if !xLabel.isEmpty {
      grid.put(xLabel, row: axisRow + 2, column: left + max(0, (plotColumns - xLabel.count) / 2))
    }
    return grid
  }

  /// The widest x tick label round numbers would need, for spacing the ticks.
  private func tickWidth(_ limits: Limits) -> Int {
    if let names = axes.xCategories { return names.map(\.count).max() ?? 1 }
    let t = Ticks.positions(min(limits.x0, limits.x1), max(limits.x0, limits.x1), maxCount: 10)
    return Ticks.labels(t).map(\.count).max() ?? 3
  }
}

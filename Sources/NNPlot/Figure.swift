/// A grid of values drawn as coloured cells: a filled contour over (x, y) coordinates or an
/// image whose row 0 is at the top.
public struct Grid: Sendable {
  /// `values[row][column]`.
  public var values: [[Double]]
  /// The x of each column and the y of each row (a contour's coordinates); nil for an image.
  public var xs: [Double]?
  public var ys: [Double]?
  public var colormap: Colormap
  /// Value range mapped to the colormap; nil: the data's.
  public var limits: (low: Double, high: Double)?
  /// For a filled contour: the number of bands the range is cut into.
  public var levels: Int?
  /// RGB pixels for a colour image, same shape as `values`.
  public var pixels: [[RGB]]?
  /// Opacity over a white background (`alpha=0.3` lightens a contour under scattered points).
  public var alpha = 1.0

  public init(
    values: [[Double]], xs: [Double]? = nil, ys: [Double]? = nil, colormap: Colormap = .viridis,
    limits: (low: Double, high: Double)? = nil, levels: Int? = nil, pixels: [[RGB]]? = nil
  ) {
    self.values = values
    self.xs = xs
    self.ys = ys
    self.colormap = colormap
    self.limits = limits
    self.levels = levels
    self.pixels = pixels
  }

  var rowCount: Int { values.count }
  var columnCount: Int { values.first?.count ?? 0 }

  /// The data's finite range, or the given limits.
  var range: (low: Double, high: Double) {
    if let limits { return limits }
    let finite = values.joined().filter { $0.isFinite }
    return (finite.min() ?? 0, finite.max() ?? 1)
  }

  /// The value scaled to [0, 1], cut into bands for a filled contour.
  func fraction(_ v: Double) -> Double {
    let (lo, hi) = range
    var t = hi > lo ? (v - lo) / (hi - lo) : 0.5
    if let levels, levels > 1 {
      t = min(Double(levels - 1), (t * Double(levels)).rounded(.down)) / Double(levels - 1)
    }
    return min(1, max(0, t))
  }

  /// The colour of one cell.
  func color(row: Int, column: Int) -> RGB {
    let c = pixels?[row][column] ?? colormap.color(fraction(values[row][column]))
    return alpha < 1 ? RGB.mix(.white, c, max(0, alpha)) : c
  }

  /// The extent in data coordinates: columns' and rows' edges.
  var extent: (x0: Double, x1: Double, y0: Double, y1: Double) {
    if let xs, let ys, let fx = xs.first, let lx = xs.last, let fy = ys.first, let ly = ys.last {
      return (min(fx, lx), max(fx, lx), min(fy, ly), max(fy, ly))
    }
    return (-0.5, Double(columnCount) - 0.5, Double(rowCount) - 0.5, -0.5)
  }

  /// The cell under a data point, nil outside.
  func cell(x: Double, y: Double) -> (row: Int, column: Int)? {
    guard rowCount > 0, columnCount > 0 else { return nil }
    if let xs, let ys {
      guard let c = Grid.nearest(xs, x), let r = Grid.nearest(ys, y) else { return nil }
      return (r, c)
    }
    let c = Int((x + 0.5).rounded(.down))
    let r = Int((y + 0.5).rounded(.down))
    guard c >= 0, c < columnCount, r >= 0, r < rowCount else { return nil }
    return (r, c)
  }

  /// The index of the coordinate nearest `v`, nil outside the covered range.
  static func nearest(_ coords: [Double], _ v: Double) -> Int? {
    guard let first = coords.first, let last = coords.last else { return nil }
    let lo = min(first, last)
    let hi = max(first, last)
    let half = coords.count > 1 ? (hi - lo) / Double(coords.count - 1) / 2 : 0.5
    guard v >= lo - half, v <= hi + half else { return nil }
    guard coords.count > 1, hi > lo else { return 0 }
    let t = (v - first) / (last - first) * Double(coords.count - 1)
    return min(coords.count - 1, max(0, Int(t.rounded())))
  }
}

/// One thing drawn on an axes.
public struct Series: Sendable {
  public enum Kind: Sendable {
    /// Points joined by segments (and/or markers, by the style).
    case line
    /// Markers at points; `classes` (the `c=` labels) pick each point's colour.
    case scatter(classes: [Int]?)
    /// Bars from 0 to y, centred on x.
    case bars(width: Double)
    /// Shaded cells (a filled contour or a heat map).
    case heat(Grid)
    /// An image (`imshow`): shaded cells, row 0 at the top.
    case image(Grid)
    /// A horizontal or vertical line across the whole axes.
    case horizontal(Double)
    case vertical(Double)
  }

  public var kind: Kind
  public var x: [Double]
  public var y: [Double]
  public var style: Style
  public var label: String?
  /// Colours for `classes` of a scatter (class i takes `classColors[i]`).
  public var classColors: [RGB]?

  public init(kind: Kind, x: [Double] = [], y: [Double] = [], style: Style = Style(), label: String? = nil) {
    self.kind = kind
    self.x = x
    self.y = y
    self.style = style
    self.label = label
  }

  var grid: Grid? {
    switch kind {
    case .heat(let g), .image(let g): g
    default: nil
    }
  }
}

/// Text placed at a data point (`plt.text`).
public struct Annotation: Sendable {
  public var x: Double
  public var y: Double
  public var text: String
  public init(x: Double, y: Double, text: String) {
    self.x = x
    self.y = y
    self.text = text
  }
}

/// Where the legend goes, as matplotlib's `loc` numbers them.
public enum LegendLocation: Int, Sendable {
  case best = 0
  case upperRight, upperLeft, lowerLeft, lowerRight, right, centerLeft, centerRight, lowerCenter
  case upperCenter, center
}

/// One plot: its series, texts, limits, labels and legend.
public final class Axes {
  public var series: [Series] = []
  public var annotations: [Annotation] = []
  public var title = ""
  public var xLabel = ""
  public var yLabel = ""
  public var xLimits: (Double, Double)?
  public var yLimits: (Double, Double)?
  public var legend: LegendLocation?
  public var grid = false
  public var axisVisible = true
  /// Category names of bar charts, as tick labels at 0, 1, ...
  public var xCategories: [String]?
  /// Explicit ticks (`xticks(...)`), with their labels.
  public var xTicks: [(Double, String)]?
  public var yTicks: [(Double, String)]?
  /// 3-D axes draw nothing in nn.
  public var is3D = false

  public init() {}

  /// Adds a series, giving it the next colour of the cycle when it has none.
  public func add(_ s: Series) {
    var s = s
    if s.style.color == nil {
      let used = series.filter {
        if case .heat = $0.kind { false } else if case .image = $0.kind { false } else { true }
      }
      s.style.color = RGB.cycle[used.count % RGB.cycle.count]
    }
    series.append(s)
  }

  /// The labelled series, in order, for the legend.
  var labelled: [Series] {
    series.filter { s in
      guard let l = s.label, !l.isEmpty, !l.hasPrefix("_") else { return false }
      return true
    }
  }

  var hasImage: Bool { series.contains { if case .image = $0.kind { true } else { false } } }
}

/// A figure: a grid of axes and a size in inches.
public final class Figure {
  public var width: Double
  public var height: Double
  public var rows: Int
  public var columns: Int
  /// The axes and their 0-based place in the grid, row by row.
  public var axes: [(index: Int, axes: Axes)] = []
  public var title = ""

  public init(width: Double = 6.4, height: Double = 4.8, rows: Int = 1, columns: Int = 1) {
    self.width = width > 0 ? width : 6.4
    self.height = height > 0 ? height : 4.8
    self.rows = max(1, rows)
    self.columns = max(1, columns)
  }

  /// The axes at `index` (0-based) of a rows×columns grid, made when missing. A different
  /// grid shape re-places the figure's axes, as matplotlib's `subplot` does.
  public func axes(rows: Int, columns: Int, index: Int) -> Axes {
    if rows != self.rows || columns != self.columns {
      if axes.count == 1 && axes[0].axes.series.isEmpty { axes = [] }
      self.rows = max(1, rows)
      self.columns = max(1, columns)
    }
    if let existing = axes.first(where: { $0.index == index }) { return existing.axes }
    let a = Axes()
    axes.append((index, a))
    return a
  }
}

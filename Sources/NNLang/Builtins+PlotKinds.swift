import Foundation
import NNPlot
import NNTensor

/// What each drawing call adds to an axes: lines, scatters, contours, images, histograms, bars.
extension Builtins {
  static func label(_ a: Arguments) throws(PyError) -> String? {
    guard let v = a.given(-1, "label") else { return nil }
    return Repr.str(v)
  }

  /// The style of a line from its format string and keywords (`color=`, `linestyle=`, `marker=`).
  static func lineStyle(_ a: Arguments, format: String?) throws(PyError) -> Style {
    var style = Style()
    if let format {
      guard let s = Style(format: format) else {
        throw PyError("ValueError", "\(Repr.quoted(format)) is not a valid format string (unrecognized character)")
      }
      style = s
    }
    if let c = try color(a.given(-1, "color") ?? a.given(-1, "c")) { style.color = c }
    if let m = try a.string(-1, "marker"), let first = m.first {
      style.marker = Marker(rawValue: first)
      if format == nil && a.given(-1, "linestyle") == nil && a.given(-1, "ls") == nil { style.line = .solid }
    }
    if let ls = a.given(-1, "linestyle") ?? a.given(-1, "ls"), case .str(let s) = ls {
      switch s {
      case "-", "solid": style.line = .solid
      case "--", "dashed": style.line = .dashed
      case ":", "dotted": style.line = .dotted
      case "-.", "dashdot": style.line = .dashDot
      case "", " ", "None", "none": style.line = .none
      default: throw PyError("ValueError", "\(Repr.quoted(s)) is not a valid value for ls")
      }
    }
    return style
  }

  /// `plot([x], y, [fmt], [x2], y2, [fmt2], ..., label=...)`.
  static func plotLines(_ axes: Axes, _ a: Arguments) throws(PyError) -> Value {
    var groups: [(Value?, Value, String?)] = []
    var i = 0
    let p = a.positional
    while i < p.count {
      if case .str = p[i] { throw PyError("TypeError", "plot() got a format string without data") }
      var x: Value?
      var y = p[i]
      i += 1
      if i < p.count, !isString(p[i]) {
        x = y
        y = p[i]
        i += 1
      }
      var fmt: String?
      if i < p.count, case .str(let s) = p[i] {
        fmt = s
        i += 1
      }
      groups.append((x, y, fmt))
    }
    var lines: [Value] = []
    for (xv, yv, fmt) in groups {
      let style = try lineStyle(a, format: fmt)
      let ys = try Operators.tensorOperand(yv)
      let columns: [[Double]]
      if ys.ndim == 2, let n = ys.shape.last {
        let flat = ys.doubles
        columns = (0..<n).map { c in stride(from: c, to: flat.count, by: n).map { flat[$0] } }
      } else {
        columns = [ys.doubles]
      }
      for column in columns {
        let xs = try xv.map { (v) throws(PyError) -> [Double] in try numbers(v) } ?? column.indices.map(Double.init)
        guard xs.count == column.count else {
          throw PyError(
            "ValueError",
            "x and y must have same first dimension, but have shapes (\(xs.count),) and (\(column.count),)")
        }
        axes.add(Series(kind: .line, x: xs, y: column, style: style, label: try label(a)))
        lines.append(artist("Line2D"))
      }
    }
    return .list(ListBox(lines))
  }

  static func isString(_ v: Value) -> Bool { if case .str = v { true } else { false } }

  /// `scatter(x, y, s=None, c=None, marker=None, cmap=None, label=...)`: `c=` labels colour
  /// the points by class.
  static func scatter(_ axes: Axes, _ a: Arguments) throws(PyError) -> Value {
    let xs = try numbers(try a.required(0, "x"))
    let ys = try numbers(try a.required(1, "y"))
    guard xs.count == ys.count else { throw PyError("ValueError", "x and y must be the same size") }
    var style = Style(line: .none, marker: .circle)
    if let m = try a.string(-1, "marker"), let first = m.first, let marker = Marker(rawValue: first) {
      style.marker = marker
    }
    var classes: [Int]?
    var palette: [RGB]?
    if let c = a.given(3, "c") ?? a.given(-1, "color") {
      if let single = try? color(c) {
        style.color = single
      } else if let (k, values) = try classify(c, count: xs.count) {
        classes = k
        let map = try colormap(a.given(-1, "cmap"), a.interpreter.plotState) ?? .viridis
        let n = max(1, values - 1)
        palette = (0..<values).map { map.color(Double($0) / Double(n)) }
      }
    }
    var s = Series(kind: .scatter(classes: classes), x: xs, y: ys, style: style, label: try label(a))
    s.classColors = palette
    axes.add(s)
    return artist("PathCollection")
  }

  /// `c=` as classes: integer labels (or a few distinct values) keep their order; many
  /// continuous values fall into 8 bins. Nil when `c` is not per point.
  static func classify(_ c: Value, count: Int) throws(PyError) -> ([Int], Int)? {
    let items = try Operators.iterate(c)
    guard items.count == count else {
      throw PyError(
        "ValueError",
        "'c' argument has \(items.count) elements, which is inconsistent with 'x' and 'y' with size \(count).")
    }
    if items.allSatisfy(isString) {
      let names = items.map { Repr.str($0) }
      let distinct = Array(Set(names)).sorted()
      return (names.map { distinct.firstIndex(of: $0) ?? 0 }, distinct.count)
    }
    let values = try numbers(c)
    let distinct = Array(Set(values.filter { $0.isFinite })).sorted()
    if distinct.count <= 10 {
      return (values.map { v in distinct.firstIndex(of: v) ?? 0 }, max(1, distinct.count))
    }
    let lo = distinct.first ?? 0
    let hi = distinct.last ?? 1
    return (
      values.map { v in
        let t = (v - lo) / (hi - lo) * 8
        return t.isFinite ? min(7, max(0, Int(t))) : 0
      }, 8
    )
  }

  /// Rows of a 2-D array.
  static func matrix(_ v: Value) throws(PyError) -> [[Double]] {
    let x = try Operators.tensorOperand(v)
    guard x.ndim == 2 else {
      throw PyError("TypeError", "Input z must be 2D, not \(x.ndim)D")
    }
    let flat = x.doubles
    let w = x.shape[1]
    return (0..<x.shape[0]).map { Array(flat[$0 * w..<($0 + 1) * w]) }
  }

  /// `contourf([X, Y,] Z, levels=None, cmap=None)`: bands of Z over the grid.
  static func contour(_ axes: Axes, _ a: Arguments, filled: Bool) throws(PyError) -> Value {
    let p = a.positional
    guard p.count == 1 || p.count >= 3 else {
      throw PyError("TypeError", "\(a.function)() takes 1 or 3 positional arguments but \(p.count) were given")
    }
    let z = try matrix(p.count >= 3 ? p[2] : p[0])
    var xs = (0..<(z.first?.count ?? 0)).map(Double.init)
    var ys = z.indices.map(Double.init)
    if p.count >= 3 {
      let X = try Operators.tensorOperand(p[0])
      let Y = try Operators.tensorOperand(p[1])
      xs = X.ndim == 2 ? Array(X.doubles.prefix(X.shape[1])) : X.doubles
      ys = Y.ndim == 2 ? stride(from: 0, to: Y.count, by: Y.shape[1]).map { Y.doubles[$0] } : Y.doubles
      guard xs.count == z.first?.count, ys.count == z.count else {
        throw PyError("TypeError", "Shapes of x and y do not match that of z")
      }
    }
    // A line contour over a filled one adds nothing a terminal can show.
    if !filled && axes.series.contains(where: { if case .heat = $0.kind { true } else { false } }) {
      return artist("QuadContourSet")
    }
    var levels = 8
    var limits: (Double, Double)?
    if let l = a.given(3, "levels") {
      if case .int(let n) = l {
        levels = max(1, min(64, Int(n)))
      } else {
        let edges = try numbers(l)
        if let lo = edges.min(), let hi = edges.max() {
          levels = max(1, edges.count - 1)
          limits = (lo, hi)
        }
      }
    }
    let map = try colormap(a.given(-1, "cmap"), a.interpreter.plotState) ?? .viridis
    var grid = Grid(values: z, xs: xs, ys: ys, colormap: map, limits: limits, levels: levels)
    grid.alpha = try a.double(-1, "alpha", default: 1)
    axes.add(Series(kind: .heat(grid)))
    return artist("QuadContourSet")
  }

  /// `imshow(X, cmap=None, vmin=None, vmax=None)`: a 2-D array, or (h, w, 3|4) colours.
  static func image(_ axes: Axes, _ a: Arguments) throws(PyError) -> Value {
    let x = try Operators.tensorOperand(try a.required(0, "X"))
    var values: [[Double]]
    var pixels: [[RGB]]?
    if x.ndim == 3, let channels = x.shape.last, channels == 3 || channels == 4 {
      let flat = x.doubles
      let scale = (flat.max() ?? 0) > 1 ? 1.0 : 255.0
      let (h, w) = (x.shape[0], x.shape[1])
      var rows: [[RGB]] = []
      values = []
      for r in 0..<h {
        var row: [RGB] = []
        for c in 0..<w {
          let i = (r * w + c) * channels
          let ch = (0..<3).map { UInt8(min(255, max(0, (flat[i + $0] * scale).rounded()))) }
          row.append(RGB(ch[0], ch[1], ch[2]))
        }
        rows.append(row)
        values.append(row.map { 0.299 * Double($0.r) + 0.587 * Double($0.g) + 0.114 * Double($0.b) })
      }
      pixels = rows
    } else if x.ndim == 2 && x.count > 0 {
      values = try matrix(.array(x))
    } else if x.ndim == 1 && x.count > 0 {
      throw PyError("TypeError", "Invalid shape (\(x.count),) for image data")
    } else {
      throw PyError("TypeError", "Invalid shape \(Repr.repr(.tuple(x.shape.map { .int(Int64($0)) }))) for image data")
    }
    let map = try colormap(a.given(1, "cmap"), a.interpreter.plotState) ?? .viridis
    var limits: (Double, Double)?
    if a.given(-1, "vmin") != nil || a.given(-1, "vmax") != nil {
      let finite = values.joined().filter { $0.isFinite }
      limits = (
        try a.double(-1, "vmin", default: finite.min() ?? 0), try a.double(-1, "vmax", default: finite.max() ?? 1)
      )
    }
    axes.add(Series(kind: .image(Grid(values: values, colormap: map, limits: limits, pixels: pixels))))
    return artist("AxesImage")
  }

  /// `hist(x, bins=10, range=None, density=False)`: returns (counts, edges, patches).
  static func histogram(_ axes: Axes, _ a: Arguments) throws(PyError) -> Value {
    let xs = try numbers(try a.required(0, "x")).filter { $0.isFinite }
    var edges: [Double]
    let binsValue = a.given(1, "bins")
    if let b = binsValue, !isInt(b) {
      edges = try numbers(b)
    } else {
      let n = try a.int(1, "bins", default: 10)
      guard n > 0, n <= 10_000 else { throw PyError("ValueError", "`bins` must be positive, when an integer") }
      var lo = xs.min() ?? 0
      var hi = xs.max() ?? 1
      if let r = a.given(-1, "range") {
        let pair = try numbers(r)
        if pair.count == 2 { (lo, hi) = (pair[0], pair[1]) }
      }
      if lo == hi { (lo, hi) = (lo - 0.5, hi + 0.5) }
      edges = (0...n).map { lo + (hi - lo) * Double($0) / Double(n) }
    }
    guard edges.count >= 2 else { throw PyError("ValueError", "`bins` must have at least 2 edges") }
    var counts = [Double](repeating: 0, count: edges.count - 1)
    for v in xs {
      guard v >= edges[0], let last = edges.last, v <= last else { continue }
      var k = edges.count - 2
      for j in 0..<edges.count - 1 where v < edges[j + 1] {
        k = j
        break
      }
      counts[k] += 1
    }
    if try a.bool(-1, "density", default: false) {
      let total = counts.reduce(0, +)
      for k in counts.indices where total > 0 { counts[k] /= total * (edges[k + 1] - edges[k]) }
    }
    let centers = (0..<counts.count).map { (edges[$0] + edges[$0 + 1]) / 2 }
    let width = counts.count > 0 ? (edges[edges.count - 1] - edges[0]) / Double(counts.count) : 1
    var style = Style(line: .none)
    style.color = try color(a.given(-1, "color"))
    axes.add(Series(kind: .bars(width: width), x: centers, y: counts, style: style, label: try label(a)))
    let n = try tensor { () throws(TensorError) in try NDArray(shape: [counts.count], doubles: counts) }
    let bins = try tensor { () throws(TensorError) in try NDArray(shape: [edges.count], doubles: edges) }
    let patches = NativeObject(typeName: "BarContainer", repr: { "<BarContainer object of \(counts.count) artists>" })
    return .tuple([.array(n), .array(bins), .object(patches)])
  }

  static func isInt(_ v: Value) -> Bool { if case .int = v { true } else { false } }

  /// `bar(x, height, width=0.8, color=None, label=None)`; string x values are categories.
  static func bars(_ axes: Axes, _ a: Arguments) throws(PyError) -> Value {
    let xv = try a.required(0, "x")
    let heights = try numbers(try a.required(1, "height"))
    var xs: [Double]
    let items = (try? Operators.iterate(xv)) ?? [xv]
    if !items.isEmpty && items.allSatisfy(isString) {
      let names = items.map { Repr.str($0) }
      var categories = axes.xCategories ?? []
      xs = names.map { n in
        if let i = categories.firstIndex(of: n) { return Double(i) }
        categories.append(n)
        return Double(categories.count - 1)
      }
      axes.xCategories = categories
    } else {
      xs = try numbers(xv)
    }
    if xs.count == 1 && heights.count > 1 { xs = Array(repeating: xs[0], count: heights.count) }
    let hs = heights.count == 1 && xs.count > 1 ? Array(repeating: heights[0], count: xs.count) : heights
    guard xs.count == hs.count else {
      throw PyError("ValueError", "shape mismatch: objects cannot be broadcast to a single shape")
    }
    var style = Style(line: .none)
    style.color = try color(a.given(-1, "color"))
    let width = try a.double(2, "width", default: 0.8)
    axes.add(Series(kind: .bars(width: width), x: xs, y: hs, style: style, label: try label(a)))
    return artist("BarContainer")
  }
}

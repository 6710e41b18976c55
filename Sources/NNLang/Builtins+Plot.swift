import Foundation
import NNPlot
import NNTensor

/// Where the program's output goes, as far as plots care: a terminal of some size and
/// colour depth, or a pipe (80×24, no colour). The executable sets it; tests keep the default.
public struct Display {
  public enum Colors: Sendable { case none, basic, truecolor }
  public var isTerminal = false
  public var columns = 80
  public var rows = 24
  public var colors: Colors = .none
  /// The terminal's current size, asked at each `show()` (the window may have been resized).
  public var measure: (() -> (columns: Int, rows: Int)?)?

  public init() {}
}

/// pyplot's state machine: the open figures, the current figure and axes, and whether the
/// one note about ignored calls has been shown.
final class PlotState {
  var figures: [Figure] = []
  var figure: Figure?
  var axes: Axes?
  var noted = false
  /// The language objects standing for figures and axes, so `gcf()` returns the same one.
  var figureObjects: [ObjectIdentifier: NativeObject] = [:]
  var axesObjects: [ObjectIdentifier: NativeObject] = [:]
  /// Colormap objects (`plt.cm.RdBu`, `ListedColormap([...])`) by identity.
  var colormaps: [ObjectIdentifier: Colormap] = [:]

  func currentFigure() -> Figure {
    if let figure { return figure }
    return newFigure(Figure())
  }

  func newFigure(_ f: Figure) -> Figure {
    figures.append(f)
    figure = f
    axes = nil
    return f
  }

  func currentAxes() -> Axes {
    if let axes { return axes }
    let f = currentFigure()
    let a = f.axes.first?.axes ?? f.axes(rows: f.rows, columns: f.columns, index: 0)
    axes = a
    return a
  }

  func close(_ f: Figure?) {
    guard let f else {
      figures = []
      figure = nil
      axes = nil
      return
    }
    figures.removeAll { $0 === f }
    if figure === f {
      figure = figures.last
      axes = nil
    }
  }
}

/// Entry points for the rest of nn: drawing a loss curve from Swift.
public enum PlotBuiltins {
  /// Draws a loss curve (for `solve(..., plot=True)` and training), in the terminal.
  public static func lossCurve(_ losses: [Double], interpreter: Interpreter, title: String = "loss") {
    let figure = Figure()
    let axes = figure.axes(rows: 1, columns: 1, index: 0)
    axes.add(Series(kind: .line, x: losses.indices.map(Double.init), y: losses))
    axes.title = title
    axes.xLabel = "iteration"
    interpreter.emit(Builtins.renderText(figure, interpreter))
  }
}

extension Builtins {
  /// The modules behind `import matplotlib.pyplot as plt` and the imports tutorials pair
  /// with it (`matplotlib`, `matplotlib.colors`, `matplotlib.cm`, `seaborn`, `mpl_toolkits.mplot3d`).
  static func plotModule(_ path: String, _ interpreter: Interpreter) throws(PyError) -> Module {
    let state = interpreter.plotState
    switch path {
    case "matplotlib":
      let m = Module("matplotlib")
      m.attributes["use"] = quiet("use")
      m.attributes["rcParams"] = .dict(DictBox())
      m.attributes["pyplot"] = .module(try interpreter.importModule("matplotlib.pyplot"))
      m.attributes["cm"] = .module(try interpreter.importModule("matplotlib.cm"))
      m.attributes["colors"] = .module(try interpreter.importModule("matplotlib.colors"))
      return m
    case "matplotlib.pyplot":
      let m = Module("matplotlib.pyplot")
      for (name, body) in pyplotFunctions(interpreter) { m.attributes[name] = .builtin(Builtin(name, body)) }
      for name in axesOperationNames {
        m.attributes[name] = .builtin(
          Builtin(name) { (a) throws(PyError) -> Value in
            try axesOperation(name, state.currentAxes(), a)
          })
      }
      for (name, method) in [
        ("title", "set_title"), ("xlabel", "set_xlabel"), ("ylabel", "set_ylabel"), ("xlim", "set_xlim"),
        ("ylim", "set_ylim"), ("xticks", "set_xticks"), ("yticks", "set_yticks"),
      ] {
        m.attributes[name] = .builtin(
          Builtin(name) { (a) throws(PyError) -> Value in
            if a.positional.isEmpty && a.keywords.isEmpty && (name == "xlim" || name == "ylim") {
              return try axesOperation(name == "xlim" ? "get_xlim" : "get_ylim", state.currentAxes(), a)
            }
            return try axesOperation(method, state.currentAxes(), a)
          })
      }
      for name in noteNames { m.attributes[name] = noted(name, interpreter) }
      for name in quietNames { m.attributes[name] = quiet(name) }
      m.attributes["rcParams"] = .dict(DictBox())
      m.attributes["cm"] = .module(try interpreter.importModule("matplotlib.cm"))
      m.attributes["style"] = .module(
        Module("matplotlib.style", ["use": quiet("use"), "available": .list(ListBox([]))]))
      return m
    case "matplotlib.cm":
      let m = Module("matplotlib.cm")
      for name in [
        "viridis", "plasma", "inferno", "magma", "cividis", "gray", "Greys", "binary", "jet", "hot",
        "coolwarm", "bwr", "seismic", "RdBu", "RdYlBu", "RdYlGn", "Spectral", "Blues", "Reds", "Greens", "Oranges",
        "Purples", "YlGnBu", "cool", "rainbow", "Paired", "tab10", "bone", "spring", "summer", "autumn", "winter",
        "PiYG",
      ] {
        m.attributes[name] = colormapValue(Colormap(named: name), state)
        m.attributes[name + "_r"] = colormapValue(Colormap(named: name + "_r"), state)
      }
      m.attributes["get_cmap"] = .builtin(
        Builtin("get_cmap") { (a) throws(PyError) -> Value in
          colormapValue(try colormap(a.given(0, "name"), state) ?? .viridis, state)
        })
      return m
    case "matplotlib.colors":
      let m = Module("matplotlib.colors")
      m.attributes["ListedColormap"] = .builtin(
        Builtin("ListedColormap") { (a) throws(PyError) -> Value in
          let colors = try colorList(try a.required(0, "colors"))
          return colormapValue(Colormap(listing: colors), state)
        })
      m.attributes["Normalize"] = quiet("Normalize")
      return m
    case "seaborn":
      let m = Module("seaborn")
      for name in ["set", "set_style", "set_theme", "set_context", "set_palette", "despine"] {
        m.attributes[name] = quiet(name)
      }
      m.attributes["color_palette"] = .builtin(
        Builtin("color_palette") { _ throws(PyError) -> Value in
          .list(ListBox(RGB.cycle.map { .str($0.hex) }))
        })
      return m
    case "mpl_toolkits":
      return Module("mpl_toolkits", ["mplot3d": .module(try interpreter.importModule("mpl_toolkits.mplot3d"))])
    case "mpl_toolkits.mplot3d":
      return Module("mpl_toolkits.mplot3d", ["Axes3D": quiet("Axes3D")])
    default:
      throw PyError("ModuleNotFoundError", "No module named '\(path)'")
    }
  }

  /// Calls that draw nothing in a terminal: accepted, with one quiet note per session.
  static let noteNames = [
    "colorbar", "tight_layout", "subplots_adjust", "fill_between", "barh", "pie", "boxplot", "violinplot", "quiver",
    "streamplot", "pcolormesh", "pcolor", "stem", "margins", "xscale", "yscale",
    "minorticks_on", "clim", "set_cmap",
  ]
  /// Calls with no visible effect anywhere: accepted silently.
  static let quietNames = [
    "ion", "ioff", "draw", "pause", "rc", "switch_backend", "box", "tick_params", "locator_params",
  ]

  static func quiet(_ name: String) -> Value {
    .builtin(Builtin(name) { _ throws(PyError) -> Value in .none })
  }

  static func noted(_ name: String, _ interpreter: Interpreter) -> Value {
    .builtin(
      Builtin(name) { _ throws(PyError) -> Value in
        note(name, interpreter)
        return .none
      })
  }

  /// The one note per session about calls nn accepts and ignores.
  static func note(_ name: String, _ interpreter: Interpreter) {
    let state = interpreter.plotState
    guard !state.noted else { return }
    state.noted = true
    interpreter.emitError(
      "nn: \(name)() is accepted and ignored (3-D plots, colour bars, styles and layout calls draw nothing here;"
        + " this note shows once)\n")
  }

  /// A colormap as a language value: callable (`cm.viridis(0.5)` is an RGBA tuple), and
  /// recognised when passed as `cmap=`.
  static func colormapValue(_ map: Colormap, _ state: PlotState) -> Value {
    let b = Builtin(map.name) { (a) throws(PyError) -> Value in
      let x = try a.required(0, "X")
      func rgba(_ t: Double) -> Value {
        let c = map.color(t)
        return .tuple([.float(Double(c.r) / 255), .float(Double(c.g) / 255), .float(Double(c.b) / 255), .float(1)])
      }
      if case .array(let arr) = x { return .list(ListBox(arr.doubles.map(rgba))) }
      return rgba(try Operators.number(x))
    }
    state.colormaps[ObjectIdentifier(b)] = map
    return .builtin(b)
  }

  /// `cmap=`: a name, a colormap object, or a list of colours.
  static func colormap(_ v: Value?, _ state: PlotState) throws(PyError) -> Colormap? {
    guard let v else { return nil }
    switch v {
    case .str(let name): return Colormap(named: name)
    case .builtin(let b): return state.colormaps[ObjectIdentifier(b)] ?? Colormap(named: b.name)
    case .list, .tuple: return Colormap(listing: try colorList(v))
    default: return nil
    }
  }

  static func colorList(_ v: Value) throws(PyError) -> [RGB] {
    var colors: [RGB] = []
    for item in try Operators.iterate(v) {
      if let c = try color(item) { colors.append(c) }
    }
    return colors
  }

  /// A colour argument: a name, `#rrggbb`, a grey level string, or an RGB(A) tuple of floats.
  static func color(_ v: Value?) throws(PyError) -> RGB? {
    guard let v, !v.isNone else { return nil }
    switch v {
    case .str(let s):
      if let c = RGB.named(s) { return c }
      if let grey = Double(s), grey >= 0, grey <= 1 {
        let g = UInt8((grey * 255).rounded())
        return RGB(g, g, g)
      }
      throw PyError("ValueError", "\(Repr.repr(v)) is not a valid value for color")
    case .tuple, .list:
      let parts = try Operators.iterate(v)
      guard parts.count == 3 || parts.count == 4 else {
        throw PyError("ValueError", "\(Repr.repr(v)) is not a valid value for color")
      }
      var channels: [UInt8] = []
      for p in parts.prefix(3) {
        let x = try Operators.number(p)
        channels.append(UInt8(min(255, max(0, (x.isFinite ? x : 0) * 255)).rounded()))
      }
      return RGB(channels[0], channels[1], channels[2])
    default: return nil
    }
  }

  /// A sequence of numbers from a list, tuple, array or scalar, flattened.
  static func numbers(_ v: Value) throws(PyError) -> [Double] {
    try Operators.tensorOperand(v).doubles
  }

  /// The terminal rendering of a figure, sized to the display.
  static func renderText(_ figure: Figure, _ interpreter: Interpreter) -> String {
    let d = interpreter.display
    guard d.isTerminal else { return figure.text(columns: 80, rows: 24, colors: .none) }
    let size = d.measure?() ?? (d.columns, d.rows)
    let columns = max(20, size.columns)
    let wanted = Int(Double(columns) * figure.height / figure.width * 0.45)
    let rows = max(8, min(size.rows - 2, wanted))
    let mode: ColorMode =
      switch d.colors {
      case .none: .none
      case .basic: .basic
      case .truecolor: .truecolor
      }
    return figure.text(columns: columns, rows: rows, colors: mode)
  }

  /// `plot(x)` at top level: a training history (a dict of lists, one panel per key) or a
  /// 1-D sequence, drawn at once.
  static func plotValue(_ a: Arguments) throws(PyError) -> Value {
    let v = try a.required(0, "x", function: "plot")
    let figure: Figure
    if case .dict(let d) = v {
      let keys = d.keys.filter { if case .str = $0 { true } else { false } }
      figure = Figure(rows: 1, columns: max(1, keys.count))
      for (i, key) in keys.enumerated() {
        guard let j = d.keys.firstIndex(where: { HashKey($0) == HashKey(key) }) else { continue }
        let ys = try numbers(d.values[j])
        let axes = figure.axes(rows: 1, columns: keys.count, index: i)
        axes.add(Series(kind: .line, x: ys.indices.map(Double.init), y: ys, style: Style(color: RGB.cycle[i % 10])))
        axes.title = Repr.str(key)
        axes.xLabel = "epoch"
      }
    } else {
      let ys = try numbers(v)
      figure = Figure()
      figure.axes(rows: 1, columns: 1, index: 0).add(Series(kind: .line, x: ys.indices.map(Double.init), y: ys))
    }
    a.interpreter.emit(renderText(figure, a.interpreter))
    return .none
  }

  nonisolated(unsafe) static let plotFunctions: [(String, String, Function)] = [
    ("plot", "plot(x): draw a training history (its loss and accuracy) or a sequence in the terminal", plotValue)
  ]
}

import Foundation
import NNPlot
import NNTensor

/// The drawing calls of an axes, shared by `plt.plot(...)` (on the current axes) and
/// `ax.plot(...)`.
extension Builtins {
  static let axesOperationNames = [
    "plot", "scatter", "contourf", "contour", "imshow", "matshow", "hist", "bar", "text", "annotate", "axhline",
    "axvline", "legend", "grid", "axis", "semilogy", "semilogx", "loglog", "step", "errorbar",
  ]

  static let axesMethodNames =
    axesOperationNames + [
      "set_title", "set_xlabel", "set_ylabel", "set_xlim", "set_ylim", "get_xlim", "get_ylim", "set_xticks",
      "set_yticks", "set_xticklabels", "set_yticklabels", "set", "cla", "clear",
    ]

  static func axesOperation(_ name: String, _ axes: Axes, _ a: Arguments) throws(PyError) -> Value {
    var a = a
    a.function = name
    let interpreter = a.interpreter
    if axes.is3D && !["set_title", "set_xlabel", "set_ylabel", "legend", "grid", "axis"].contains(name) {
      note(name, interpreter)
      return .none
    }
    switch name {
    case "plot", "semilogy", "semilogx", "loglog", "step": return try plotLines(axes, a)
    case "errorbar":
      // The points and their line; the error bars themselves are not drawn.
      var b = a
      b.positional = Array(a.positional.prefix(2))
      b.keywords = a.keywords.filter { ["label", "color", "c", "fmt", "marker", "linestyle", "ls"].contains($0.0) }
      if case .str(let fmt)? = a.given(-1, "fmt") { b.positional.append(.str(fmt)) }
      b.keywords.removeAll { $0.0 == "fmt" }
      return try plotLines(axes, b)
    case "scatter": return try scatter(axes, a)
    case "contourf", "contour": return try contour(axes, a, filled: name == "contourf")
    case "imshow", "matshow": return try image(axes, a)
    case "hist": return try histogram(axes, a)
    case "bar": return try bars(axes, a)
    case "text":
      let xv = try a.required(0, "x")
      let yv = try a.required(1, "y")
      let s = Repr.str(try a.required(2, "s"))
      axes.annotations.append(Annotation(x: try Operators.number(xv), y: try Operators.number(yv), text: s))
      return text(Repr.repr(xv), Repr.repr(yv), s)
    case "annotate":
      let text = Repr.str(try a.required(0, "text"))
      let xy = try a.required(1, "xy")
      let at = try numbers(a.given(-1, "xytext") ?? xy)
      guard at.count == 2 else { throw PyError("ValueError", "xy must be a pair of numbers") }
      axes.annotations.append(Annotation(x: at[0], y: at[1], text: text))
      return artist("Annotation")
    case "axhline", "axvline":
      let v = try a.double(0, name == "axhline" ? "y" : "x", default: 0)
      var style = try lineStyle(a, format: nil)
      if style.line == .none { style.line = .solid }
      axes.add(
        Series(kind: name == "axhline" ? .horizontal(v) : .vertical(v), style: style, label: try label(a)))
      return artist("Line2D")
    case "legend":
      if let labels = a.given(a.positional.count == 1 ? 0 : 1, "labels") {
        let names = try Operators.iterate(labels).map { Repr.str($0) }
        for (i, n) in names.enumerated() where i < axes.series.count { axes.series[i].label = n }
      }
      axes.legend = try legendLocation(a.given(-1, "loc"))
      return artist("Legend")
    case "grid":
      if let v = a.value(0, "visible") ?? a.value(0, "b") {
        axes.grid = v.isNone ? !axes.grid : try Operators.truth(v)
      } else {
        axes.grid = true
      }
      return .none
    case "axis": return try axisCall(axes, a)
    case "set_title":
      axes.title = Repr.str(try a.required(0, "label"))
      return text("0.5", "1.0", axes.title)
    case "set_xlabel":
      axes.xLabel = Repr.str(try a.required(0, "xlabel"))
      return text("0.5", "0", axes.xLabel)
    case "set_ylabel":
      axes.yLabel = Repr.str(try a.required(0, "ylabel"))
      return text("0", "0.5", axes.yLabel)
    case "set_xlim":
      axes.xLimits = try limits(a, ("left", "right"), ("xmin", "xmax"), current: axes.currentLimits.x)
      return tupleOf(axes.currentLimits.x)
    case "set_ylim":
      axes.yLimits = try limits(a, ("bottom", "top"), ("ymin", "ymax"), current: axes.currentLimits.y)
      return tupleOf(axes.currentLimits.y)
    case "get_xlim": return tupleOf(axes.currentLimits.x)
    case "get_ylim": return tupleOf(axes.currentLimits.y)
    case "set_xticks", "set_yticks":
      guard let v = a.given(0, "ticks") else { return .none }
      let ticks = try numbers(v)
      var labels = tickLabels(ticks)
      if let l = a.given(1, "labels") { labels = try Operators.iterate(l).map { Repr.str($0) } }
      let pairs = Array(zip(ticks, labels))
      if name == "set_xticks" { axes.xTicks = pairs } else { axes.yTicks = pairs }
      return .none
    case "set_xticklabels", "set_yticklabels":
      let labels = try Operators.iterate(try a.required(0, "labels")).map { Repr.str($0) }
      if name == "set_xticklabels" {
        axes.xTicks = Array(zip((axes.xTicks?.map(\.0)) ?? labels.indices.map(Double.init), labels))
      } else {
        axes.yTicks = Array(zip((axes.yTicks?.map(\.0)) ?? labels.indices.map(Double.init), labels))
      }
      return .none
    case "set":
      for (key, value) in a.keywords {
        let inner = Arguments(positional: [value], keywords: [], interpreter: interpreter)
        if ["title", "xlabel", "ylabel", "xlim", "ylim"].contains(key) {
          _ = try axesOperation("set_" + key, axes, inner)
        }
      }
      return .none
    case "cla", "clear":
      axes.series = []
      axes.annotations = []
      return .none
    default:
      note(name, interpreter)
      return .none
    }
  }

  static func tickLabels(_ values: [Double]) -> [String] {
    values.map { v in v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : Repr.repr(.float(v)) }
  }

  static func tupleOf(_ p: (Double, Double)) -> Value { .tuple([.float(p.0), .float(p.1)]) }

  /// A text artist, printed as matplotlib's `Text(0.5, 1.0, 'title')`.
  static func text(_ x: String, _ y: String, _ s: String) -> Value {
    let shown = "Text(\(x), \(y), \(Repr.repr(.str(s))))"
    return .object(NativeObject(typeName: "Text", repr: { shown }))
  }

  /// A stand-in for a matplotlib artist, returned so `line, = plt.plot(...)` works.
  static func artist(_ kind: String) -> Value {
    let module =
      switch kind {
      case "Line2D": "lines"
      case "Text", "Annotation": "text"
      case "Legend": "legend"
      case "PathCollection": "collections"
      case "AxesImage": "image"
      case "QuadContourSet": "contour"
      default: "container"
      }
    return .object(NativeObject(typeName: kind, repr: { "<matplotlib.\(module).\(kind) object>" }))
  }

  /// `xlim(lo, hi)`, `xlim((lo, hi))`, `xlim(left=lo)`: missing ends keep the current ones.
  static func limits(
    _ a: Arguments, _ names: (String, String), _ aliases: (String, String), current: (Double, Double)
  ) throws(PyError) -> (Double, Double) {
    var lo = a.given(0, names.0) ?? a.given(-1, aliases.0)
    var hi = a.given(1, names.1) ?? a.given(-1, aliases.1)
    if a.positional.count == 1, let pair = lo, case .tuple = pair {
      let items = try Operators.iterate(pair)
      lo = items.first
      hi = items.count > 1 ? items[1] : nil
    } else if a.positional.count == 1, let pair = lo, case .list = pair {
      let items = try Operators.iterate(pair)
      lo = items.first
      hi = items.count > 1 ? items[1] : nil
    }
    let l = try lo.map { (v) throws(PyError) -> Double in try Operators.number(v) } ?? current.0
    let h = try hi.map { (v) throws(PyError) -> Double in try Operators.number(v) } ?? current.1
    guard l.isFinite, h.isFinite else {
      throw PyError("ValueError", "Axis limits cannot be NaN or Inf")
    }
    return (l, h)
  }

  /// `axis('off')`, `axis([x0, x1, y0, y1])`, `axis('equal')`; returns the limits.
  static func axisCall(_ axes: Axes, _ a: Arguments) throws(PyError) -> Value {
    if let v = a.given(0, "arg") {
      switch v {
      case .str(let s):
        switch s {
        case "off": axes.axisVisible = false
        case "on": axes.axisVisible = true
        case "equal", "scaled", "tight", "auto", "image", "square": break
        default: throw PyError("ValueError", "Unrecognized string '\(s)' to axis; try 'on' or 'off'")
        }
      case .bool(let b): axes.axisVisible = b
      default:
        let l = try numbers(v)
        guard l.count == 4 else {
          throw PyError(
            "TypeError", "The first argument to axis() must be an iterable of the form [xmin, xmax, ymin, ymax]")
        }
        axes.xLimits = (l[0], l[1])
        axes.yLimits = (l[2], l[3])
      }
    }
    let c = axes.currentLimits
    return .tuple([.float(c.x.0), .float(c.x.1), .float(c.y.0), .float(c.y.1)])
  }

  static func legendLocation(_ v: Value?) throws(PyError) -> LegendLocation {
    guard let v else { return .best }
    if case .str(let s) = v {
      let names = [
        "best", "upper right", "upper left", "lower left", "lower right", "right", "center left", "center right",
        "lower center", "upper center", "center",
      ]
      guard let i = names.firstIndex(of: s), let loc = LegendLocation(rawValue: i) else {
        throw PyError("ValueError", "\(Repr.quoted(s)) is not a valid value for loc")
      }
      return loc
    }
    if case .int(let i) = v, let loc = LegendLocation(rawValue: Int(i)) { return loc }
    return .best
  }

  /// The language object for an axes: its drawing and labelling methods.
  static func axesObject(_ axes: Axes, _ interpreter: Interpreter) -> Value {
    let state = interpreter.plotState
    if let o = state.axesObjects[ObjectIdentifier(axes)] { return .object(o) }
    let o = NativeObject(typeName: "Axes", repr: { axes.is3D ? "<Axes3D: >" : "<Axes: >" })
    for name in axesMethodNames {
      o.attributes[name] = .builtin(
        Builtin(name) { (a) throws(PyError) -> Value in
          try axesOperation(name, axes, a)
        })
    }
    for name in [
      "plot_surface", "plot_wireframe", "scatter3D", "plot3D", "contour3D", "set_zlabel", "set_zlim", "view_init",
      "colorbar", "fill_between", "barh", "pie", "quiver", "set_xscale", "set_yscale",
    ] {
      o.attributes[name] = noted(name, interpreter)
    }
    for name in ["set_aspect", "tick_params", "margins", "invert_yaxis", "set_axis_off", "set_facecolor"] {
      o.attributes[name] = quiet(name)
    }
    o.attributes["set_axis_off"] = .builtin(
      Builtin("set_axis_off") { _ throws(PyError) -> Value in
        axes.axisVisible = false
        return .none
      })
    state.axesObjects[ObjectIdentifier(axes)] = o
    return .object(o)
  }
}

import Foundation
import NNPlot
import NNTensor

/// pyplot's figure-level calls: figure, subplot(s), show, savefig, close.
extension Builtins {
  static func pyplotFunctions(_ interpreter: Interpreter) -> [(String, Function)] {
    let state = interpreter.plotState
    return [
      (
        "figure",
        { (a) throws(PyError) -> Value in
          let (w, h) = try figureSize(a)
          return figureObject(state.newFigure(Figure(width: w, height: h)), interpreter)
        }
      ),
      (
        "subplot",
        { (a) throws(PyError) -> Value in
          let (rows, columns, index) = try subplotPosition(a, function: "subplot")
          let f = state.currentFigure()
          let axes = f.axes(rows: rows, columns: columns, index: index)
          if let p = a.given(-1, "projection"), case .str("3d") = p { axes.is3D = true }
          state.axes = axes
          return axesObject(axes, interpreter)
        }
      ),
      (
        "subplots",
        { (a) throws(PyError) -> Value in
          let rows = try a.int(0, "nrows", default: 1)
          let columns = try a.int(1, "ncols", default: 1)
          guard rows > 0, columns > 0, rows * columns <= 400 else {
            throw PyError("ValueError", "Number of rows and columns must be > 0, not \(rows) and \(columns)")
          }
          let (w, h) = try figureSize(a)
          let f = state.newFigure(Figure(width: w, height: h, rows: rows, columns: columns))
          let all = (0..<rows * columns).map { f.axes(rows: rows, columns: columns, index: $0) }
          if let kw = a.given(-1, "subplot_kw"), case .dict(let d) = kw,
            d.values.contains(where: { if case .str("3d") = $0 { true } else { false } })
          {
            for axes in all { axes.is3D = true }
          }
          state.axes = all.first
          let objects = all.map { axesObject($0, interpreter) }
          let squeeze = try a.bool(-1, "squeeze", default: true)
          if squeeze && objects.count == 1 { return .tuple([figureObject(f, interpreter), objects[0]]) }
          let grid: Value =
            squeeze && (rows == 1 || columns == 1)
            ? axesArray(objects, shape: [objects.count])
            : axesArray(objects, shape: [rows, columns])
          return .tuple([figureObject(f, interpreter), grid])
        }
      ),
      (
        "show",
        { _ throws(PyError) -> Value in
          for f in state.figures where !f.axes.isEmpty { interpreter.emit(renderText(f, interpreter)) }
          state.close(nil)
          return .none
        }
      ),
      (
        "savefig",
        { (a) throws(PyError) -> Value in
          try saveFigure(state.currentFigure(), a, interpreter)
          return .none
        }
      ),
      (
        "close",
        { (a) throws(PyError) -> Value in
          switch a.given(0, "fig") {
          case nil, .str("all")?: state.close(nil)
          case .object(let o)?:
            if let f = state.figures.first(where: { state.figureObjects[ObjectIdentifier($0)] === o }) {
              state.close(f)
            }
          default: state.close(state.figure)
          }
          return .none
        }
      ),
      (
        "clf",
        { _ throws(PyError) -> Value in
          let f = state.currentFigure()
          f.axes = []
          f.title = ""
          state.axes = nil
          return .none
        }
      ),
      (
        "cla",
        { _ throws(PyError) -> Value in
          state.currentAxes().series = []
          return .none
        }
      ),
      ("gcf", { _ throws(PyError) -> Value in figureObject(state.currentFigure(), interpreter) }),
      ("gca", { _ throws(PyError) -> Value in axesObject(state.currentAxes(), interpreter) }),
      (
        "suptitle",
        { (a) throws(PyError) -> Value in
          state.currentFigure().title = Repr.str(try a.required(0, "t", function: "suptitle"))
          return .none
        }
      ),
      (
        "get_cmap",
        { (a) throws(PyError) -> Value in
          colormapValue(try colormap(a.given(0, "name"), state) ?? .viridis, state)
        }
      ),
    ]
  }

  /// `figsize=(w, h)` in inches, matplotlib's 6.4×4.8 by default.
  static func figureSize(_ a: Arguments) throws(PyError) -> (Double, Double) {
    guard let v = a.given(-1, "figsize") else { return (6.4, 4.8) }
    let parts = try numbers(v)
    guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] < 1000, parts[1] < 1000 else {
      throw PyError("ValueError", "figure size must be positive finite not \(Repr.repr(v))")
    }
    return (parts[0], parts[1])
  }

  /// `subplot(2, 2, 3)` or `subplot(223)`: the grid and the 0-based index.
  static func subplotPosition(_ a: Arguments, function: String) throws(PyError) -> (Int, Int, Int) {
    var rows = 1
    var columns = 1
    var index = 1
    if a.positional.count >= 3 {
      rows = Int(try Operators.integer(a.positional[0]))
      columns = Int(try Operators.integer(a.positional[1]))
      if case .tuple(let span) = a.positional[2], let first = span.first {
        index = Int(try Operators.integer(first))
      } else {
        index = Int(try Operators.integer(a.positional[2]))
      }
    } else if let code = a.positional.first {
      let n = Int(try Operators.integer(code))
      guard n >= 111, n <= 999 else {
        throw PyError("ValueError", "Integer subplot specification must be a three-digit number, not \(n)")
      }
      rows = n / 100
      columns = n / 10 % 10
      index = n % 10
    }
    guard rows > 0, columns > 0, rows * columns <= 400 else {
      throw PyError("ValueError", "Number of rows must be a positive integer, not \(rows)")
    }
    guard index >= 1, index <= rows * columns else {
      throw PyError("ValueError", "num must be an integer with 1 <= num <= \(rows * columns), not \(index)")
    }
    return (rows, columns, index - 1)
  }

  /// `savefig(path)`: SVG or PNG by the extension (or `format=`); `savefig(sys.stdout,
  /// format='svg')` writes the SVG text to the output.
  static func saveFigure(_ figure: Figure, _ a: Arguments, _ interpreter: Interpreter) throws(PyError) {
    let target = try a.required(0, "fname", function: "savefig")
    let format = try a.string(-1, "format")?.lowercased()
    let dpi = try a.double(-1, "dpi", default: 100)
    guard dpi > 0, dpi <= 600, dpi.isFinite else { throw PyError("ValueError", "dpi must be between 1 and 600") }
    if case .object(let o) = target, o.repr().contains("<stdout>") {
      guard format == "svg" else { throw PyError("ValueError", "nn writes only format='svg' to a stream") }
      interpreter.emit(figure.svg())
      return
    }
    guard case .str(let path) = target else {
      throw PyError("TypeError", "savefig() fname must be a path string, not \(target.typeName)")
    }
    let ext = format ?? (path.contains(".") ? String(path.split(separator: ".").last ?? "").lowercased() : "png")
    let data: Data
    switch ext {
    case "svg": data = Data(figure.svg().utf8)
    case "png":
      let w = Int(figure.width * dpi)
      let h = Int(figure.height * dpi)
      guard w < 16384, h < 16384 else {
        throw PyError(
          "ValueError", "Image size of \(w)x\(h) pixels is too large. It must be less than 2^14 in each direction.")
      }
      data = Data(figure.png(scale: dpi / 100))
    default:
      throw PyError("ValueError", "Format '\(ext)' is not supported (supported formats: png, svg)")
    }
    let file = path.contains(".") || format == nil ? path : path + "." + ext
    guard FileManager.default.createFile(atPath: file, contents: data) else {
      throw PyError("FileNotFoundError", "[Errno 2] No such file or directory: \(Repr.quoted(file))")
    }
  }

  /// The language object for a figure: `fig.add_subplot`, `fig.savefig`, `fig.suptitle`, ...
  static func figureObject(_ figure: Figure, _ interpreter: Interpreter) -> Value {
    let state = interpreter.plotState
    if let o = state.figureObjects[ObjectIdentifier(figure)] { return .object(o) }
    let o = NativeObject(
      typeName: "Figure",
      repr: { "<Figure size \(Int(figure.width * 100))x\(Int(figure.height * 100)) with \(figure.axes.count) Axes>" })
    func method(_ name: String, _ body: @escaping (Arguments) throws(PyError) -> Value) {
      o.attributes[name] = .builtin(Builtin(name, body))
    }
    method("add_subplot") { (a) throws(PyError) -> Value in
      let (rows, columns, index) = a.positional.isEmpty ? (1, 1, 0) : try subplotPosition(a, function: "add_subplot")
      let axes = figure.axes(rows: rows, columns: columns, index: index)
      if let p = a.given(-1, "projection"), case .str("3d") = p { axes.is3D = true }
      state.figure = figure
      state.axes = axes
      return axesObject(axes, interpreter)
    }
    method("gca") { _ throws(PyError) -> Value in
      state.figure = figure
      return axesObject(state.currentAxes(), interpreter)
    }
    method("savefig") { (a) throws(PyError) -> Value in
      try saveFigure(figure, a, interpreter)
      return .none
    }
    method("suptitle") { (a) throws(PyError) -> Value in
      figure.title = Repr.str(try a.required(0, "t", function: "suptitle"))
      return .none
    }
    method("show") { _ throws(PyError) -> Value in
      interpreter.emit(renderText(figure, interpreter))
      return .none
    }
    method("set_size_inches") { (a) throws(PyError) -> Value in
      let size = try numbers(.tuple(a.positional))
      if size.count == 2, size[0] > 0, size[1] > 0, size[0] < 1000, size[1] < 1000 {
        figure.width = size[0]
        figure.height = size[1]
      }
      return .none
    }
    method("clf") { _ throws(PyError) -> Value in
      figure.axes = []
      return .none
    }
    for name in ["colorbar", "tight_layout", "subplots_adjust", "add_axes"] {
      o.attributes[name] = noted(name, interpreter)
    }
    state.figureObjects[ObjectIdentifier(figure)] = o
    return .object(o)
  }

  /// `axes` of `plt.subplots(2, 3)`: indexable as `axes[i]`, `axes[i, j]` or `axes[i][j]`,
  /// iterable, with `.flat`, `.flatten()`, `.ravel()` and `.shape`.
  static func axesArray(_ items: [Value], shape: [Int]) -> Value {
    let rows: [Value] =
      shape.count == 2
      ? (0..<shape[0]).map { r in axesArray(Array(items[r * shape[1]..<(r + 1) * shape[1]]), shape: [shape[1]]) }
      : items
    let o = NativeObject(typeName: "numpy.ndarray", repr: { "array(\(Repr.repr(.list(ListBox(rows)))), dtype=object)" })
    o.view = { rows }
    o.itemGetter = { (index) throws(PyError) -> Value in
      var parts: [Value] = [index]
      if case .tuple(let t) = index { parts = t }
      var current: [Value] = rows
      var result: Value = .none
      for (k, p) in parts.enumerated() {
        var i = Int(try Operators.integer(p))
        if i < 0 { i += current.count }
        guard i >= 0, i < current.count else {
          throw PyError("IndexError", "index \(i) is out of bounds for axis \(k) with size \(current.count)")
        }
        result = current[i]
        if case .object(let inner) = result, let v = inner.view { current = v() } else { current = [] }
      }
      return result
    }
    o.attributes["flat"] = .list(ListBox(items))
    o.attributes["shape"] = .tuple(shape.map { .int(Int64($0)) })
    o.attributes["flatten"] = .builtin(Builtin("flatten") { _ throws(PyError) -> Value in .list(ListBox(items)) })
    o.attributes["ravel"] = .builtin(Builtin("ravel") { _ throws(PyError) -> Value in .list(ListBox(items)) })
    return .object(o)
  }
}

import Foundation

/// A Jupyter notebook run as "Run All" does: its code cells in order, in one namespace.
extension Session {
  /// Runs a notebook's code cells; each cell's printed output comes as it runs, then the repr
  /// of its last expression (what Jupyter shows as `Out[n]`), unless the cell ends in `;`.
  /// Like Jupyter, it stops at the first cell that raises. Cells are named `Cell In[n]` in
  /// tracebacks, as IPython names them; `%` and `!` lines run as in scripts.
  public func runNotebook(_ data: Data, name: String, directory: String? = nil) -> Outcome {
    guard let cells = Session.codeCells(data) else {
      return .failed(PyError("ValueError", "\(name) is not a Jupyter notebook: no list of cells in its JSON"))
    }
    locate(name, directory: directory)
    var count = 0
    for text in cells where !text.allSatisfy(\.isWhitespace) {
      count += 1
      if let magic = Session.cellMagic(text) {
        runCellMagic(magic, text)
        continue
      }
      let silent = text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(";")
      let outcome = run(Source(name: "Cell In[\(count)]", text: text), echo: !silent)
      switch outcome {
      case .ran(let echo): if let echo { interpreter.emit(echo + "\n") }
      case .failed, .incomplete: return outcome
      }
    }
    return .ran(echo: nil)
  }

  /// The sources of a notebook's code cells; `source` is a list of lines or one string.
  static func codeCells(_ data: Data) -> [String]? {
    guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
      let cells = root["cells"] as? [[String: Any]]
    else { return nil }
    return cells.compactMap { cell in
      guard cell["cell_type"] as? String == "code" else { return nil }
      if let lines = cell["source"] as? [String] { return lines.joined() }
      return cell["source"] as? String ?? ""
    }
  }

  /// The name of a cell magic on a cell's first line (`%%time`), if any.
  static func cellMagic(_ text: String) -> String? {
    let first = text.drop { $0.isWhitespace }
    guard first.hasPrefix("%%") else { return nil }
    return String(first.dropFirst(2).prefix { !$0.isWhitespace })
  }

  /// `%%time` and `%%timeit` time the rest of the cell; other cell magics (`%%bash`,
  /// `%%writefile`...) hold no Python: the cell is skipped with a note.
  private func runCellMagic(_ name: String, _ text: String) {
    let first = text.drop { $0.isWhitespace }
    let body = first.firstIndex(of: "\n").map { String(first[first.index(after: $0)...]) } ?? ""
    switch name {
    case "time": time(body)
    case "timeit": timeit(body)
    default: interpreter.emitError("note: cell magic %%\(name) is IPython's; its cell is skipped\n")
    }
  }
}

/// `help()` and `dir()`: signatures and one-line docs from the builtin table, docstrings of
/// the user's own functions and classes.
extension Builtins {
  static let tour = """
    nn: NumPy-flavored Python on Swift.

      import numpy as np              NumPy's names: np.array, np.dot, X.T, np.mean, np.random ...
      A = np.array([[5, 1], [2, -1]]) arrays print as NumPy prints them
      def f(x): ...                   functions, classes, loops, f-strings, try/except, comprehensions
      sigmoid(x)                      nn's own builtins: sigmoid (fused and overflow-safe)
      solve("2x + y = 3; x - y = 0")  linear equations as written; or paste them at the prompt
      np.load, np.loadtxt, read_csv   files: .npy/.npz, text and CSV tables; load_idx for MNIST's IDX
      from sklearn.datasets import *  load_digits, make_moons/circles/blobs: scikit-learn's, same seeds
      model = MLP([784, 16, 1])       a small network; train(model, X, y, epochs=10, lr=0.1,
      h = train(model, X, y, ...)       batch_size=64) trains it, help(train) says how
      help(np.dot), dir(np)           what a name does, what an object offers
      %timeit expr, %time, %who       IPython's magics; %run file.nn runs a script here
      nn script.nn                    scripts run the same way; `nn -i script.nn` then opens this prompt

    An expression's value is echoed and bound to `_`; a block ends with a blank line;
    Tab completes names and attributes; Ctrl-C stops what runs; Ctrl-D leaves.
    """

  nonisolated(unsafe) static let helpFunctions: [Entry] = [
    (
      "help", "help(obj): the signature and description of obj; help() for a short tour",
      { (a) throws(PyError) -> Value in
        guard let v = a.positional.first else {
          a.interpreter.emit(tour + "\n")
          return .none
        }
        a.interpreter.emit(helpText(v) + "\n")
        return .none
      }
    ),
    (
      "dir", "dir(obj): the names obj offers, sorted; dir() for the names in scope",
      { (a) throws(PyError) -> Value in
        guard let v = a.positional.first else {
          let g = a.interpreter.globals
          let names = g.slots.compactMap { n, s in !n.hasPrefix("\u{0}") && g.values[s] != nil ? n : nil }.sorted()
          return .list(ListBox(names.map { .str($0) }))
        }
        return .list(ListBox(Completion.attributeNames(v).map { .str($0) }))
      }
    ),
  ]

  /// `(a, b=1, *args, c=2, **kwargs)`
  static func signature(_ f: NNLang.Function) -> String {
    var parts: [String] = []
    for (k, p) in f.parameters.enumerated() {
      if k < f.defaults.count, let d = f.defaults[k] { parts.append("\(p)=\(Repr.repr(d))") } else { parts.append(p) }
    }
    if f.shape.varArgs != nil { parts.append("*args") }
    for (name, d) in f.keywordOnly { parts.append(d.map { "\(name)=\(Repr.repr($0))" } ?? name) }
    if f.shape.varKeywords != nil { parts.append("**kwargs") }
    return "(" + parts.joined(separator: ", ") + ")"
  }

  static func helpText(_ v: Value) -> String {
    switch v {
    case .builtin(let b):
      let kind = b.isType ? "class" : "built-in function"
      return "Help on \(kind) \(Exceptions.shortName(b.name)):\n\n" + (b.doc.isEmpty ? "\(b.name)(...)" : b.doc)
    case .function(let f):
      var text = "Help on function \(f.name):\n\n\(f.name)\(signature(f))"
      if let doc = f.doc { text += "\n    " + doc.trimmingCharacters(in: .whitespacesAndNewlines) }
      return text
    case .method(let m):
      return helpText(m.function)
    case .classObject(let c):
      var text = "Help on class \(c.name):\n\nclass \(c.name)"
      if !c.bases.isEmpty { text += "(" + c.bases.map(\.name).joined(separator: ", ") + ")" }
      if case .str(let doc)? = c.attributes["__doc__"] { text += "\n |  " + doc }
      let methods = c.attributes.compactMap { name, value -> String? in
        if case .function(let f) = value { return " |  \(name)\(signature(f))" }
        return nil
      }.sorted()
      if !methods.isEmpty { text += "\n |\n |  Methods defined here:\n" + methods.joined(separator: "\n") }
      return text
    case .instance(let i):
      return helpText(.classObject(i.cls))
    case .module(let m):
      let names = m.attributes.keys.filter { !$0.hasPrefix("_") }.sorted()
      var text = "Help on module \(m.name):\n\nNAME\n    \(m.name)\n\nCONTENTS\n"
      for n in names {
        if case .builtin(let b)? = m.attributes[n], !b.doc.isEmpty {
          text += "    \(b.doc)\n"
        } else {
          text += "    \(n)\n"
        }
      }
      return text
    default:
      return "Help on \(v.typeName) object:\n\n\(Repr.repr(v))"
    }
  }
}

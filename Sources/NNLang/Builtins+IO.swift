import Foundation
import NNTensor

/// Files: NumPy's `save`/`load` (.npy, .npz), `savez`, `savez_compressed`, `loadtxt`,
/// `genfromtxt`, `savetxt`, and nn's `load_idx` (MNIST) and `read_csv` (a header and numeric
/// columns). The formats live in NNTensor (`IO/`); this file binds them to NumPy's signatures.
extension Builtins {
  nonisolated(unsafe) static let numpyIO: [Entry] = [
    ("save", "save(file, arr): write arr to file (.npy appended if missing) in NumPy's .npy format", save),
    ("load", "load(file): an array from a .npy file, or an NpzFile of arrays from a .npz file", load),
    (
      "savez", "savez(file, *args, **kwds): several arrays in one uncompressed .npz file",
      { (a) throws(PyError) -> Value in try savez(a, compressed: false) }
    ),
    (
      "savez_compressed", "savez_compressed(file, *args, **kwds): several arrays in one deflated .npz file",
      { (a) throws(PyError) -> Value in try savez(a, compressed: true) }
    ),
    (
      "loadtxt",
      "loadtxt(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, unpack=False, ndmin=0, max_rows=None)",
      loadtxt
    ),
    (
      "genfromtxt",
      "genfromtxt(fname, dtype=float, comments='#', delimiter=None, skip_header=0, usecols=None, names=None, unpack=False, max_rows=None): missing values become nan",
      genfromtxt
    ),
    (
      "savetxt", "savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# ')",
      savetxt
    ),
  ]

  /// nn's own readers, global names beside `sigmoid` and in `nn.datasets`.
  nonisolated(unsafe) static let dataFunctions: [Entry] = [
    (
      "load_idx", "load_idx(path): an MNIST IDX file (gzip'd or not) as an int64 (or float64) array",
      { (a) throws(PyError) -> Value in
        try a.checkKeywords(["path"], function: "load_idx")
        let path = try pathArgument(a, 0, "path", function: "load_idx")
        return .array(try tensor { () throws(TensorError) in try Idx.decode(try FileBytes.read(path)) })
      }
    ),
    (
      "read_csv",
      "read_csv(path, delimiter=','): a table of numeric columns by header name (.columns, .values, t['gre'])", readCSV
    ),
  ]

  static func pathArgument(_ a: Arguments, _ index: Int, _ name: String, function: String) throws(PyError) -> String {
    let v = try a.required(index, name, function: function)
    guard case .str(let s) = v else {
      throw PyError("TypeError", "\(function)() needs a file name (str) for '\(name)', not \(v.typeName)")
    }
    return s
  }

  static func readText(_ path: String, numpyWording: Bool) throws(PyError) -> String {
    do {
      return String(decoding: try FileBytes.read(path), as: UTF8.self)
    } catch {
      // loadtxt and genfromtxt go through NumPy's DataSource, which words it its own way.
      if numpyWording && error.kind == .fileNotFoundError { throw PyError("FileNotFoundError", "\(path) not found.") }
      throw PyError(tensor: error)
    }
  }

  /// Keywords NumPy has and nn does not implement: an error rather than a silent difference.
  static func unsupported(_ a: Arguments, _ function: String, _ names: [String]) throws(PyError) {
    for (k, v) in a.keywords where names.contains(k) && !v.isNone {
      throw PyError("NotImplementedError", "nn's \(function) does not support \(k)=")
    }
  }

  // MARK: - .npy and .npz

  static func save(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["file", "arr", "allow_pickle"], function: "save")
    var path = try pathArgument(a, 0, "file", function: "save")
    let array = try Operators.tensorOperand(try a.required(1, "arr", function: "save"))
    if !path.hasSuffix(".npy") { path += ".npy" }
    try tensor { () throws(TensorError) in try FileBytes.write(path, Npy.encode(array)) }
    return .none
  }

  static func savez(_ a: Arguments, compressed: Bool) throws(PyError) -> Value {
    let function = compressed ? "savez_compressed" : "savez"
    var path = try pathArgument(a, 0, "file", function: function)
    if !path.hasSuffix(".npz") { path += ".npz" }
    // As NumPy: the keyword arrays first, then arr_0, arr_1, ... for the positional ones.
    var members: [Zip.Member] = []
    for (name, v) in a.keywords {
      members.append(Zip.Member(name: name + ".npy", bytes: Npy.encode(try Operators.tensorOperand(v))))
    }
    for (i, v) in a.positional.dropFirst().enumerated() {
      if a.keywords.contains(where: { $0.0 == "arr_\(i)" }) {
        throw PyError("ValueError", "Cannot use un-named variables and keyword arr_\(i)")
      }
      members.append(Zip.Member(name: "arr_\(i).npy", bytes: Npy.encode(try Operators.tensorOperand(v))))
    }
    try tensor { () throws(TensorError) in try FileBytes.write(path, Zip.archive(members, compressed: compressed)) }
    return .none
  }

  static func load(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(
      ["file", "mmap_mode", "allow_pickle", "fix_imports", "encoding", "max_header_size"], function: "load")
    let path = try pathArgument(a, 0, "file", function: "load")
    let bytes = try tensor { () throws(TensorError) in try FileBytes.read(path) }
    if Zip.isZip(bytes) {
      let members = try tensor { () throws(TensorError) in try Zip.members(bytes) }
      return .object(npzFile(path, members))
    }
    return .array(try tensor { () throws(TensorError) in try Npy.decode(bytes) })
  }

  /// NumPy's NpzFile: `.files`, `f["x"]`, `keys()`, iteration, `in`, `with ... as f`.
  static func npzFile(_ path: String, _ members: [Zip.Member]) -> NativeObject {
    let files = members.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
    let object = NativeObject(
      typeName: "NpzFile",
      attributes: ["files": .list(ListBox(files.map { .str($0) }))],
      repr: {
        "NpzFile \(Repr.quoted(path)) with keys: \(files.prefix(5).joined(separator: ", "))\(files.count > 5 ? "..." : "")"
      })
    let get = { (key: Value) throws(PyError) -> Value in
      guard case .str(let name) = key else {
        throw PyError("KeyError", "\(Repr.repr(key)) is not a file in the archive")
      }
      guard let m = members.first(where: { $0.name == name || $0.name == name + ".npy" }) else {
        throw PyError("KeyError", "\(name) is not a file in the archive")
      }
      if !m.name.hasSuffix(".npy") { return .str(String(decoding: m.bytes, as: UTF8.self)) }
      return .array(try tensor { () throws(TensorError) in try Npy.decode(m.bytes) })
    }
    object.itemGetter = get
    object.view = { files.map { .str($0) } }
    object.attributes["keys"] = .builtin(
      Builtin("keys") { (_) throws(PyError) -> Value in .list(ListBox(files.map { .str($0) })) })
    object.attributes["items"] = .builtin(
      Builtin("items") { (_) throws(PyError) -> Value in
        var out: [Value] = []
        for f in files { out.append(.tuple([.str(f), try get(.str(f))])) }
        return .list(ListBox(out))
      })
    object.attributes["values"] = .builtin(
      Builtin("values") { (_) throws(PyError) -> Value in
        var out: [Value] = []
        for f in files { out.append(try get(.str(f))) }
        return .list(ListBox(out))
      })
    object.attributes["close"] = .builtin(Builtin("close") { (_) throws(PyError) -> Value in .none })
    object.attributes["__enter__"] = .builtin(Builtin("__enter__") { (_) throws(PyError) -> Value in .object(object) })
    object.attributes["__exit__"] = .builtin(Builtin("__exit__") { (_) throws(PyError) -> Value in .bool(false) })
    return object
  }

  // MARK: - text

  static func textOptions(
    _ a: Arguments, skip: String, usecolsIndex: Int, commentsIndex: Int, delimiterIndex: Int
  )
    throws(PyError) -> TextTable.Options
  {
    var o = TextTable.Options()
    if let d = a.value(delimiterIndex, "delimiter") {
      switch d {
      case .none: o.delimiter = nil
      case .str(let s): o.delimiter = s.isEmpty ? nil : s
      default:
        throw PyError(
          "TypeError",
          "Text reading control character must be a single unicode character or None; but got: \(Repr.repr(d))")
      }
    }
    if let c = a.value(commentsIndex, "comments") {
      switch c {
      case .none: o.comments = []
      case .str(let s): o.comments = [s]
      default:
        o.comments = try Operators.iterate(c).map { v throws(PyError) -> String in
          guard case .str(let s) = v else { throw PyError("TypeError", "comments must be str") }
          return s
        }
      }
    }
    o.skipRows = try a.int(-1, skip, default: 0)
    if o.skipRows < 0 { throw PyError("ValueError", "argument '\(skip)' must be non-negative") }
    if let u = a.given(usecolsIndex, "usecols") {
      if case .int(let k) = u {
        o.usecols = [Int(k)]
      } else {
        o.usecols = try Operators.iterate(u).map { v throws(PyError) -> Int in Int(try Operators.integer(v)) }
      }
    }
    o.maxRows = try a.optionalInt(-1, "max_rows")
    return o
  }

  /// NumPy's result shape for loadtxt/genfromtxt: single rows or columns squeezed, then at
  /// least `ndmin` dimensions; `unpack` transposes.
  static func shaped(_ table: NDArray, _ a: Arguments, ndminDefault: Int = 0) throws(PyError) -> NDArray {
    let ndmin = try a.int(-1, "ndmin", default: ndminDefault)
    guard [0, 1, 2].contains(ndmin) else { throw PyError("ValueError", "Illegal value of ndmin keyword: \(ndmin)") }
    var out = try tensor { () throws(TensorError) in try table.squeezed() }
    if out.ndim < ndmin {
      if ndmin == 1 {
        out = try tensor { () throws(TensorError) in try out.reshaped([out.count]) }
      } else {
        out = try tensor { () throws(TensorError) in
          try out.ndim == 0 ? out.reshaped([1, 1]) : out.reshaped([out.count, 1])
        }
        if table.shape.first == 1 { out = out.transposed() }
      }
    }
    if try a.bool(-1, "unpack", default: false) { out = out.transposed() }
    return out
  }

  static func loadtxt(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(
      [
        "fname", "dtype", "comments", "delimiter", "converters", "skiprows", "usecols", "unpack", "ndmin", "encoding",
        "max_rows", "quotechar", "like",
      ], function: "loadtxt")
    try unsupported(a, "loadtxt", ["converters", "quotechar"])
    let path = try pathArgument(a, 0, "fname", function: "loadtxt")
    let dtype = try Convert.dtype(a.value(1, "dtype")) ?? .float64
    let o = try textOptions(a, skip: "skiprows", usecolsIndex: 6, commentsIndex: 2, delimiterIndex: 3)
    let text = try readText(path, numpyWording: true)
    let table = try tensor { () throws(TensorError) in try TextTable.load(text, o, dtype: dtype) }
    return .array(try shaped(table, a))
  }

  static func genfromtxt(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(
      [
        "fname", "dtype", "comments", "delimiter", "skip_header", "skip_footer", "converters", "missing_values",
        "filling_values", "usecols", "names", "encoding", "unpack", "ndmin", "max_rows", "autostrip", "invalid_raise",
        "like",
      ], function: "genfromtxt")
    try unsupported(a, "genfromtxt", ["converters", "missing_values", "filling_values"])
    if try a.int(-1, "skip_footer", default: 0) != 0 {
      throw PyError("NotImplementedError", "nn's genfromtxt does not support skip_footer")
    }
    let path = try pathArgument(a, 0, "fname", function: "genfromtxt")
    var o = try textOptions(a, skip: "skip_header", usecolsIndex: -1, commentsIndex: 2, delimiterIndex: 3)
    if let u = a.given(-1, "usecols"), case .int(let k) = u { o.usecols = [Int(k)] }
    let names = try a.bool(-1, "names", default: false)
    let text = try readText(path, numpyWording: true)
    let dtypeValue = a.value(1, "dtype")
    let asInt = try dtypeValue.map { v throws(PyError) in v.isNone ? false : try Convert.dtype(v) == .int64 } ?? false
    let (table, header) = try tensor { () throws(TensorError) in
      try TextTable.generate(text, o, names: names, dtype: asInt ? .int64 : .float64)
    }
    var result = table
    if dtypeValue?.isNone == true {
      let integral = table.doubles.allSatisfy { $0.rounded() == $0 && abs($0) < 9e15 }
      if integral && table.count > 0 { result = table.astype(.int64) }
    } else if let d = try Convert.dtype(dtypeValue), d != .float64 {
      result = table.astype(d)
    }
    if names, let header {
      return .object(columnTable(header, table, typeName: "genfromtxt table", names: true))
    }
    return .array(try shaped(result, a))
  }

  static func savetxt(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(
      ["fname", "X", "fmt", "delimiter", "newline", "header", "footer", "comments", "encoding"], function: "savetxt")
    let path = try pathArgument(a, 0, "fname", function: "savetxt")
    var x = try Operators.tensorOperand(try a.required(1, "X", function: "savetxt"))
    guard x.ndim == 1 || x.ndim == 2 else {
      throw PyError("ValueError", "Expected 1D or 2D array, got \(x.ndim)D array instead")
    }
    if x.ndim == 1 { x = try tensor { () throws(TensorError) in try x.reshaped([x.count, 1]) } }
    func text(_ index: Int, _ name: String, _ fallback: String) throws(PyError) -> String {
      guard let v = a.value(index, name) else { return fallback }
      guard case .str(let s) = v else { throw PyError("TypeError", "savetxt() argument '\(name)' must be str") }
      return s
    }
    let delimiter = try text(3, "delimiter", " ")
    let newline = try text(4, "newline", "\n")
    let header = try text(5, "header", "")
    let footer = try text(6, "footer", "")
    let comments = try text(7, "comments", "# ")
    let columns = x.shape[1]
    let format: String
    switch a.value(2, "fmt") ?? .str("%.18e") {
    case .str(let f):
      let percents = f.filter { $0 == "%" }.count
      if percents == 1 {
        format = Array(repeating: f, count: columns).joined(separator: delimiter)
      } else if percents == columns {
        format = f
      } else {
        throw PyError("ValueError", "fmt has wrong number of % formats:  \(f)")
      }
    case let v:
      let parts = try Operators.iterate(v).map { p throws(PyError) -> String in
        guard case .str(let s) = p else { throw PyError("TypeError", "fmt must be a str or a sequence of str") }
        return s
      }
      guard parts.count == columns else {
        throw PyError("AttributeError", "fmt has wrong shape.  \(Repr.repr(v))")
      }
      format = parts.joined(separator: delimiter)
    }
    var out = ""
    if !header.isEmpty { out += comments + header.replacingOccurrences(of: "\n", with: "\n" + comments) + newline }
    let values = x.contiguous().scalars
    for r in 0..<x.shape[0] {
      let row = values[(r * columns)..<((r + 1) * columns)].map { Value.scalar($0) }
      guard case .str(let line) = try Operators.binary(.mod, .str(format), .tuple(Array(row))) else {
        throw PyError("TypeError", "fmt must format numbers")
      }
      out += line + newline
    }
    if !footer.isEmpty { out += comments + footer.replacingOccurrences(of: "\n", with: "\n" + comments) + newline }
    try tensor { () throws(TensorError) in try FileBytes.write(path, Array(out.utf8)) }
    return .none
  }

  // MARK: - read_csv

  static func readCSV(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["path", "delimiter", "sep"], function: "read_csv")
    let path = try pathArgument(a, 0, "path", function: "read_csv")
    var o = TextTable.Options()
    let delimiter = try a.string(1, "delimiter")
    let sep = try a.string(-1, "sep")
    o.delimiter = delimiter ?? sep ?? ","
    o.comments = []
    let text = try readText(path, numpyWording: false)
    let (table, header) = try tensor { () throws(TensorError) in try TextTable.generate(text, o, names: true) }
    let names = header ?? []
    return .object(columnTable(names, table, typeName: "nn.Table", names: false))
  }

  /// Named numeric columns: `t["gre"]`, `.columns`, `.values`, `.shape`. Columns whose values are all integers are int64, as pandas reads them.
  static func columnTable(
    _ names: [String], _ table: NDArray, typeName: String, names isStructured: Bool
  ) -> NativeObject {
    let rows = table.shape.first ?? 0
    var columns: [NDArray] = []
    for j in 0..<names.count {
      let col = (try? table.take(NDArray(shape: [1], ints: [Int64(j)]), axis: 1).reshaped([rows])) ?? table
      let integral = !isStructured && col.doubles.allSatisfy { $0.rounded() == $0 && abs($0) < 9e15 }
      columns.append(integral ? col.astype(.int64) : col)
    }
    let allInt = !columns.isEmpty && columns.allSatisfy { $0.dtype == .int64 }
    let object = NativeObject(
      typeName: typeName, attributes: [:],
      repr: {
        isStructured
          ? "<genfromtxt names=True: \(rows) rows of columns \(names.joined(separator: ", ")) (nn has no structured dtype)>"
          : "<nn table: \(rows) rows × \(names.count) columns: \(names.joined(separator: ", "))>"
      })
    object.itemGetter = { (key: Value) throws(PyError) -> Value in
      guard case .str(let name) = key, let j = names.firstIndex(of: name) else {
        if isStructured { throw PyError("ValueError", "no field of name \(Repr.str(key))") }
        throw PyError("KeyError", Repr.repr(key))
      }
      return .array(columns[j])
    }
    let nameValues = names.map { Value.str($0) }
    if isStructured {
      object.attributes["dtype"] = .object(
        NativeObject(
          typeName: "numpy.dtype", attributes: ["names": .tuple(nameValues)],
          repr: {
            "dtype([" + names.map { "('\($0)', '<f8')" }.joined(separator: ", ") + "])"
          }))
      object.attributes["shape"] = .tuple([.int(Int64(rows))])
    } else {
      object.attributes["columns"] = .list(ListBox(nameValues))
      object.attributes["values"] = .array(allInt ? table.astype(.int64) : table)
      object.attributes["shape"] = .tuple([.int(Int64(rows)), .int(Int64(names.count))])
    }
    return object
  }
}

/// `tempfile`, as far as writing files in tests and tutorials needs: `gettempdir()`,
/// `mkdtemp()`, and `TemporaryDirectory()` (a context manager that removes its directory).
extension Builtins {
  static func tempfileModule() -> Module {
    module(
      "tempfile",
      [
        (
          "gettempdir", "gettempdir(): the directory for temporary files",
          { (_) throws(PyError) -> Value in .str(temporaryRoot) }
        ),
        (
          "mkdtemp", "mkdtemp(suffix=None, prefix=None, dir=None): a new private directory",
          { (a) throws(PyError) -> Value in .str(try makeTemporaryDirectory(a)) }
        ),
        (
          "TemporaryDirectory", "TemporaryDirectory(suffix=None, prefix=None, dir=None): a directory removed on exit",
          { (a) throws(PyError) -> Value in
            let path = try makeTemporaryDirectory(a)
            let cleanup = Value.builtin(
              Builtin("cleanup") { (_) throws(PyError) -> Value in
                try? FileManager.default.removeItem(atPath: path)
                return .none
              })
            let object = NativeObject(
              typeName: "tempfile.TemporaryDirectory", attributes: ["name": .str(path), "cleanup": cleanup],
              repr: { "<TemporaryDirectory \(Repr.quoted(path))>" })
            object.attributes["__enter__"] = .builtin(
              Builtin("__enter__") { (_) throws(PyError) -> Value in .str(path) })
            object.attributes["__exit__"] = .builtin(
              Builtin("__exit__") { (_) throws(PyError) -> Value in
                try? FileManager.default.removeItem(atPath: path)
                return .bool(false)
              })
            return .object(object)
          }
        ),
      ])
  }

  static var temporaryRoot: String {
    for name in ["TMPDIR", "TEMP", "TMP"] {
      if let d = ProcessInfo.processInfo.environment[name], !d.isEmpty { return d }
    }
    return "/tmp"
  }

  static func makeTemporaryDirectory(_ a: Arguments) throws(PyError) -> String {
    let suffix = try a.string(0, "suffix") ?? ""
    let prefix = try a.string(1, "prefix") ?? "tmp"
    let dir = try a.string(2, "dir") ?? temporaryRoot
    var template = Array((dir + "/" + prefix + "XXXXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
    guard made != nil else {
      throw PyError("FileNotFoundError", "[Errno 2] No such file or directory: \(Repr.quoted(dir))")
    }
    let path = String(cString: template)
    guard !suffix.isEmpty else { return path }
    guard rename(path, path + suffix) == 0 else { throw PyError("OSError", "cannot create \(path + suffix)") }
    return path + suffix
  }
}

import Foundation

/// The user's own modules: `import helpers`, `from dense_layer import Dense`, `import pkg.mod`.
/// A module is a `.nn` or `.py` file, or a package directory (with an `__init__` file or
/// without), found along `sys.path`: the script's directory (the working directory at the
/// prompt), then `NNPATH`'s directories, then whatever the program appends. Each module runs
/// once, in globals of its own; the modules nn provides (numpy, math, ...) come first.
extension Interpreter {
  /// `sys.path` as it starts; once `sys` is imported its live list is read instead.
  var defaultSearchPath: [String] {
    var path = [mainDirectory]
    if let nnpath = ProcessInfo.processInfo.environment["NNPATH"] {
      path += nnpath.split(separator: ":").map(String.init)
    }
    return path
  }

  func searchPath() -> [String] {
    if let sys = modules["sys"], case .list(let list)? = sys.member("path") {
      return list.items.compactMap { if case .str(let s) = $0 { s } else { nil } }
    }
    return defaultSearchPath
  }

  /// `sys.modules`: a new dict of the modules loaded so far, by name.
  func loadedModules() -> Value {
    let dict = DictBox()
    for name in modules.keys.sorted() {
      guard let module = modules[name] else { continue }
      dict.index[.str(name)] = dict.keys.count
      dict.keys.append(.str(name))
      dict.values.append(.module(module))
    }
    return .dict(dict)
  }

  /// Finds and runs a user module; nil when no file or directory has its name.
  func userModule(_ path: String) throws(PyError) -> Module? {
    let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard let name = parts.last, !parts.contains(where: \.isEmpty) else { return nil }
    var directories = searchPath()
    var parent: Module?
    if parts.count > 1 {
      let parentName = parts.dropLast().joined(separator: ".")
      let p = try importModule(parentName)
      // A module nn provides has no submodules but those it lists.
      guard p.namespace != nil else { return nil }
      guard let packagePath = p.packagePath else {
        throw PyError("ModuleNotFoundError", "No module named '\(path)'; '\(parentName)' is not a package")
      }
      directories = packagePath
      parent = p
    }
    var portions: [String] = []
    for directory in directories {
      let package = Interpreter.joined(directory, name)
      if isDirectory(package) {
        for ext in ["nn", "py"] {
          let initFile = Interpreter.joined(package, "__init__." + ext)
          if isFile(initFile) { return try load(path, file: initFile, packagePath: [package], parent: parent) }
        }
        portions.append(package)
      }
      for ext in ["nn", "py"] {
        let file = Interpreter.joined(directory, name + "." + ext)
        if isFile(file) { return try load(path, file: file, packagePath: nil, parent: parent) }
      }
    }
    guard !portions.isEmpty else { return nil }
    // A namespace package: directories of the name, none with an `__init__`.
    let module = Module(path)
    let namespace = Globals()
    namespace["__name__"] = .str(path)
    namespace["__path__"] = .list(ListBox(portions.map { .str($0) }))
    module.namespace = namespace
    module.packagePath = portions
    modules[path] = module
    parent?.setMember(name, .module(module))
    return module
  }

  /// Runs a module's file in its own globals. The module is registered before it runs, so
  /// an import cycle sees it partially initialized, as in Python.
  private func load(_ path: String, file: String, packagePath: [String]?, parent: Module?) throws(PyError) -> Module {
    guard let data = FileManager.default.contents(atPath: onDisk(file)) else {
      throw PyError("ImportError", "cannot read '\(file)'")
    }
    let source = Source(name: file, text: String(decoding: data, as: UTF8.self))
    let module = Module(path)
    let namespace = Globals()
    namespace["__name__"] = .str(path)
    namespace["__file__"] = .str(file)
    if let packagePath {
      namespace["__path__"] = .list(ListBox(packagePath.map { .str($0) }))
      module.packagePath = packagePath
    }
    module.namespace = namespace
    modules[path] = module
    loadingModules.insert(path)
    defer { loadingModules.remove(path) }
    do {
      _ = try run(try Parser.module(source), source: source, echo: false, globals: namespace)
    } catch {
      modules[path] = nil
      throw error
    }
    if let name = path.split(separator: ".").last { parent?.setMember(String(name), .module(module)) }
    return module
  }

  /// `from .layers import Dense` in module `pkg.train`: `pkg.layers`.
  static func absoluteModuleName(_ module: String, _ globals: Globals) throws(PyError) -> String {
    guard module.hasPrefix(".") else { return module }
    let dots = module.prefix { $0 == "." }.count
    let rest = module.dropFirst(dots)
    guard case .str(let name)? = globals["__name__"], name != "__main__" else {
      throw PyError("ImportError", "attempted relative import with no known parent package")
    }
    let isPackage = globals["__path__"] != nil
    var package = isPackage ? name : name.lastIndex(of: ".").map { String(name[..<$0]) } ?? ""
    if package.isEmpty { throw PyError("ImportError", "attempted relative import with no known parent package") }
    for _ in 1..<dots {
      guard let dot = package.lastIndex(of: ".") else {
        throw PyError("ImportError", "attempted relative import beyond top-level package")
      }
      package = String(package[..<dot])
    }
    return rest.isEmpty ? package : package + "." + rest
  }

  /// What `from m import name` says when `m` lacks the name: CPython's wording, with the
  /// module's file, and its guess when the module is still running (an import cycle).
  func missingName(_ name: String, in module: Module) -> PyError {
    let location: String
    if case .str(let file)? = module.member("__file__") {
      location = " (\(file))"
    } else {
      location = " (unknown location)"
    }
    if loadingModules.contains(module.name) {
      return PyError(
        "ImportError",
        "cannot import name '\(name)' from partially initialized module '\(module.name)' "
          + "(most likely due to a circular import)\(location)")
    }
    return PyError("ImportError", "cannot import name '\(name)' from '\(module.name)'\(location)")
  }

  /// A path as shown (relative to the working directory) made into one the file system finds.
  private func onDisk(_ path: String) -> String {
    guard let workingDirectory, !path.hasPrefix("/") else { return path }
    return Interpreter.joined(workingDirectory, path)
  }

  private func isDirectory(_ path: String) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: onDisk(path), isDirectory: &directory) && directory.boolValue
  }

  private func isFile(_ path: String) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: onDisk(path), isDirectory: &directory) && !directory.boolValue
  }

  /// `os.path.join` for two parts: "" is the working directory.
  static func joined(_ directory: String, _ name: String) -> String {
    if directory.isEmpty { return name }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}

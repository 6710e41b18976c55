import NNTensor

/// Holds one program's state: its globals, the printed output, the random stream and the
/// print options. It runs compiled nodes; it never touches the terminal.
public final class Interpreter {
  let globals = Globals()
  public internal(set) var output = ""
  public var printOptions = PrintOptions()
  var builtins: [String: Value] = [:]
  var modules: [String: Module] = [:]
  var callDepth = 0
  public let interrupt = Interrupt()
  /// `np.random`'s global legacy stream, seeded from entropy until `np.random.seed`.
  public let random = RandomState()
  /// Python's `random` module's stream.
  public let pythonRandom = PythonRandom()
  /// What `np.seterr` asked for: how NumPy's floating-point conditions are reported.
  public var floatingPointPolicy = FloatingPointErrorPolicy()
  /// RuntimeWarnings the running operation recorded, until the node that called it shows them.
  var pendingWarnings: [RuntimeWarning] = []
  /// The (file, line, message) warnings already shown.
  var shownWarnings: Set<String> = []
  /// `sys.argv`: the script's name and arguments.
  public var argv: [String] = [""]
  /// `sys.path[0]`: the running script's directory as its path gives it ("" is the working
  /// directory, as at the prompt). User modules are found there first.
  public var mainDirectory = ""
  /// Where relative paths are found; nil is the process's working directory.
  public var workingDirectory: String?
  /// User modules whose code is running (an import cycle finds them partially initialized).
  var loadingModules: Set<String> = []
  /// Called with text written to `sys.stderr` (and warnings), when set.
  public var writeError: ((String) -> Void)?
  /// Called with text the program prints, when set; otherwise text collects in `output`.
  public var write: ((String) -> Void)?
  /// Where plots are drawn: a terminal (its size and colours) or a pipe. Set by the executable.
  public var display = Display()
  /// pyplot's figures and current axes.
  lazy var plotState = PlotState()

  /// Runs an IPython `%magic` or `!shell` line met inside code (the session sets it).
  var magicHandler: ((String) -> Void)?
  /// The kinds of note already shown: each shows once per session.
  var notesShown: Set<String> = []
  /// Pushes buffered output to its destination now (a progress line updated in place).
  public var flush: (() -> Void)?
  /// Whether standard output is a terminal: `train` then updates one progress line in place.
  public var outputIsTerminal = false

  public init() {
    // One BLAS thread (products of 5·10⁸ flops and more take every core, BLAS.run): spinning
    // OpenBLAS workers cost a loaded two-core machine more than they gain on small products.
    BLAS.useOneThread()
    builtins = Builtins.makeGlobals(self)
    builtins[Lexer.magicFunction] = .builtin(
      Builtin(Lexer.magicFunction) { [unowned self] (a) throws(PyError) -> Value in
        guard case .str(let line) = try a.required(0, "line") else { return .none }
        if let magicHandler { magicHandler(line) } else { emitError("note: `\(line)` is IPython's; skipped\n") }
        return .none
      })
  }

  /// A note on stderr, shown once per kind and session (`float()` of a 1-element array...).
  func note(_ kind: String, _ text: String) {
    guard notesShown.insert(kind).inserted else { return }
    emitError("note: \(text)\n")
  }

  func emit(_ text: String) {
    if let write { write(text) } else { output += text }
  }

  /// Runs Python source as a module of its own: its globals become the module's attributes.
  func sourceModule(_ name: String, _ text: String) throws(PyError) -> Module {
    let source = Source(name: "<nn:\(name)>", text: text)
    let namespace = Globals()
    namespace["__name__"] = .str(name)
    _ = try run(try Parser.module(source), source: source, echo: false, globals: namespace)
    let module = Module(name)
    for (n, slot) in namespace.slots where !n.hasPrefix("\u{0}") {
      if let v = namespace.values[slot] { module.attributes[n] = v }
    }
    return module
  }

  func emitError(_ text: String) {
    if let writeError { writeError(text) } else { output += text }
  }

  /// Takes the RuntimeWarnings an operation recorded: a `raise` policy throws NumPy's
  /// FloatingPointError now; those to show wait for the calling node, which knows the line.
  func record(_ warnings: Warnings) throws(PyError) {
    guard !warnings.isEmpty else { return }
    if let raised = warnings.raised(under: floatingPointPolicy) {
      throw PyError("FloatingPointError", raised.message)
    }
    pendingWarnings += warnings.shown(under: floatingPointPolicy)
  }

  /// Prints the pending warnings as CPython does (`file:line: RuntimeWarning: message`, then
  /// the source line for a file), each once per line and message, as its default filter does.
  func showWarnings(at span: Span, in source: Source) {
    defer { pendingWarnings.removeAll() }
    let line = source.lineNumber(of: span.start)
    for warning in pendingWarnings {
      guard shownWarnings.insert("\(source.name):\(line):\(warning.message)").inserted else { continue }
      var text = "\(source.name):\(line): \(warning)\n"
      if !source.name.hasPrefix("<") {
        text += "  " + source.line(containing: span.start).text.trimmingCharacters(in: .whitespaces) + "\n"
      }
      emitError(text)
    }
  }

  public func takeOutput() -> String {
    defer { output = "" }
    return output
  }

  /// Compiles and runs a module; returns the value of a final bare expression when `echo`.
  func run(_ statements: [Stmt], source: Source, echo: Bool, globals: Globals? = nil) throws(PyError) -> Value? {
    let namespace = globals ?? self.globals
    let compiler = Compiler(interpreter: self, source: source, globals: namespace)
    let body = try compiler.module(statements, echo: echo)
    let frame = Frame(slots: 0, globals: namespace, function: "<module>", source: source)
    var last: Value?
    for node in body {
      do {
        let flow = try node.exec(frame)
        if case .echo(let v) = flow { last = v }
      } catch {
        throw error.framed(source, function: "<module>", fallback: node.span)
      }
    }
    return last
  }
}

/// Module-level names, resolved to slots at compile time. The values live in one fixed
/// buffer, so reading a global at run time is a pointer load: no bounds, uniqueness or
/// exclusivity checks.
final class Globals {
  static let capacity = 1 << 16
  let values: UnsafeMutablePointer<Value?>
  private(set) var count = 0
  var slots: [String: Int] = [:]

  init() {
    values = .allocate(capacity: Globals.capacity)
    for i in 0..<Globals.capacity { (values + i).initialize(to: nil) }
  }

  deinit {
    for i in 0..<Globals.capacity { (values + i).deinitialize(count: 1) }
    values.deallocate()
  }

  /// The slot of a name, made on first use (at compile time). Past the capacity every new
  /// name shares the last slot's overflow table instead of trapping.
  func slot(_ name: String) -> Int {
    if let s = slots[name] { return s }
    let s = Swift.min(count, Globals.capacity - 1)
    if count < Globals.capacity { count += 1 }
    slots[name] = s
    return s
  }

  /// The bound names (hidden ones, starting with NUL, left out), as a module's attributes.
  var names: [String: Value] {
    var out: [String: Value] = [:]
    for (n, slot) in slots where !n.hasPrefix("\u{0}") {
      if let v = values[slot] { out[n] = v }
    }
    return out
  }

  func replaceNames(with new: [String: Value]) {
    for (n, slot) in slots where !n.hasPrefix("\u{0}") && new[n] == nil { values[slot] = nil }
    for (n, v) in new { self[n] = v }
  }

  subscript(name: String) -> Value? {
    get { slots[name].flatMap { values[$0] } }
    set { values[slot(name)] = newValue }
  }
}

/// One activation: its local slots (one raw buffer, for the same reason as `Globals`), its
/// cells, the globals it sees, and where it is (for tracebacks).
final class Frame {
  let locals: UnsafeMutablePointer<Value?>
  let slotCount: Int
  /// This call's captured locals, shared with the closures made in it.
  var cells: [Cell]
  /// The cells the running function captured from where it was defined.
  var closure: [Cell]
  let globals: Globals
  let function: String
  let source: Source
  /// The exception an `except` block is handling, for a bare `raise`.
  var handling: PyError?
  /// The class whose body defined the running method, for `super()`.
  var definingClass: PyClass?

  init(slots: Int, cells: Int = 0, closure: [Cell] = [], globals: Globals, function: String, source: Source) {
    slotCount = slots
    locals = .allocate(capacity: Swift.max(slots, 1))
    for i in 0..<slots { (locals + i).initialize(to: nil) }
    self.cells = []
    if cells > 0 {
      self.cells.reserveCapacity(cells)
      for _ in 0..<cells { self.cells.append(Cell()) }
    }
    self.closure = closure
    self.globals = globals
    self.function = function
    self.source = source
  }

  deinit {
    for i in 0..<slotCount { (locals + i).deinitialize(count: 1) }
    locals.deallocate()
  }
}

/// A variable shared between a function and the closures defined in it.
final class Cell {
  var value: Value?
}

/// Where a new closure finds a captured variable in the frame that defines it.
enum CaptureSource {
  case cell(Int)
  case free(Int)
}

/// What a statement tells the loop that runs it.
enum Flow {
  case normal
  case breakLoop
  case continueLoop
  case returnValue(Value)
  /// A bare expression statement at the prompt: echo this value.
  case echo(Value)
}

/// A user-defined function: its compiled shape (shared by every function object a `def`
/// makes), plus what each object has of its own: defaults and captured cells.
public final class Function {
  final class Shape {
    let name: String
    let parameters: [String]
    let varArgs: Int?
    let varKeywords: Int?
    let slotCount: Int
    let cellCount: Int
    /// Parameters that closures capture: copied from their slot into their cell on entry.
    let cellParameters: [(slot: Int, cell: Int)]
    let body: [StmtNode]
    /// A frame kept from the last call, reused by the next (functions without cells only):
    /// most calls then allocate nothing.
    var spare: Frame?
    let globals: Globals
    let source: Source
    let doc: String?

    init(
      name: String, parameters: [String], varArgs: Int?, varKeywords: Int?, slotCount: Int, cellCount: Int,
      cellParameters: [(slot: Int, cell: Int)], body: [StmtNode], globals: Globals, source: Source, doc: String?
    ) {
      self.name = name
      self.parameters = parameters
      self.varArgs = varArgs
      self.varKeywords = varKeywords
      self.slotCount = slotCount
      self.cellCount = cellCount
      self.cellParameters = cellParameters
      self.body = body
      self.globals = globals
      self.source = source
      self.doc = doc
    }
  }

  let shape: Shape
  /// The class whose body defined this function (set when the class is made), for `super()`.
  weak var definingClass: PyClass?
  let defaults: [Value?]
  let keywordOnly: [(String, Value?)]
  let closure: [Cell]
  /// Attributes set on the function (`f.__name__ = ...`, `wrapper.cache_clear = ...`).
  var attributes: [String: Value] = [:]

  init(shape: Shape, defaults: [Value?], keywordOnly: [(String, Value?)], closure: [Cell]) {
    self.shape = shape
    self.defaults = defaults
    self.keywordOnly = keywordOnly
    self.closure = closure
  }

  /// A frame for a call: the spare one when free, else a new one.
  @inline(__always) func makeFrame() -> Frame {
    if let frame = shape.spare {
      shape.spare = nil
      frame.closure = closure
      return frame
    }
    return Frame(
      slots: shape.slotCount, cells: shape.cellCount, closure: closure, globals: shape.globals,
      function: shape.name, source: shape.source)
  }

  /// Clears a finished call's frame and keeps it when nothing else holds it.
  @inline(__always) func recycle(_ frame: inout Frame) {
    guard shape.cellCount == 0 else { return }
    for i in 0..<frame.slotCount { frame.locals[i] = nil }
    frame.handling = nil
    frame.definingClass = nil
    if isKnownUniquelyReferenced(&frame) { shape.spare = frame }
  }

  var name: String { shape.name }
  /// `Class.method` for a method, as CPython's `__qualname__` names it in call errors.
  var qualifiedName: String { definingClass.map { $0.name + "." + shape.name } ?? shape.name }
  var parameters: [String] { shape.parameters }
  var varArgs: Int? { shape.varArgs }
  var varKeywords: Int? { shape.varKeywords }
  var source: Source { shape.source }
  var body: [StmtNode] { shape.body }
  var doc: String? { shape.doc }
}

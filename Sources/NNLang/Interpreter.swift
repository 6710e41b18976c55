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
  /// Called with text the program prints, when set; otherwise text collects in `output`.
  public var write: ((String) -> Void)?

  public init() {
    builtins = Builtins.makeGlobals(self)
  }

  func emit(_ text: String) {
    if let write { write(text) } else { output += text }
  }

  public func takeOutput() -> String {
    defer { output = "" }
    return output
  }

  /// Compiles and runs a module; returns the value of a final bare expression when `echo`.
  func run(_ statements: [Stmt], source: Source, echo: Bool) throws(PyError) -> Value? {
    let compiler = Compiler(interpreter: self, source: source)
    let body = try compiler.module(statements, echo: echo)
    let frame = Frame(slots: 0, globals: globals, function: "<module>", source: source)
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

/// Module-level names, resolved to slots at compile time.
final class Globals {
  var values: [Value?] = []
  var slots: [String: Int] = [:]

  func slot(_ name: String) -> Int {
    if let s = slots[name] { return s }
    slots[name] = values.count
    values.append(nil)
    return values.count - 1
  }

  subscript(name: String) -> Value? {
    get { slots[name].flatMap { values[$0] } }
    set { values[slot(name)] = newValue }
  }
}

/// One activation: its local slots, the globals it sees, and where it is (for tracebacks).
final class Frame {
  var locals: [Value?]
  let globals: Globals
  let function: String
  let source: Source

  init(slots: Int, globals: Globals, function: String, source: Source) {
    locals = [Value?](repeating: nil, count: slots)
    self.globals = globals
    self.function = function
    self.source = source
  }
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

/// A user-defined function: compiled once, called by slot.
public final class Function {
  let name: String
  let parameters: [String]
  let defaults: [Value?]
  let keywordOnly: [(String, Value?)]
  let varArgs: Int?
  let varKeywords: Int?
  let slotCount: Int
  let body: [StmtNode]
  let globals: Globals
  let source: Source
  let doc: String?

  init(
    name: String, parameters: [String], defaults: [Value?], keywordOnly: [(String, Value?)],
    varArgs: Int?, varKeywords: Int?, slotCount: Int, body: [StmtNode], globals: Globals,
    source: Source, doc: String?
  ) {
    self.name = name
    self.parameters = parameters
    self.defaults = defaults
    self.keywordOnly = keywordOnly
    self.varArgs = varArgs
    self.varKeywords = varKeywords
    self.slotCount = slotCount
    self.body = body
    self.globals = globals
    self.source = source
    self.doc = doc
  }
}

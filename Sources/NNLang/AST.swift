/// The syntax tree the parser builds. It is compiled once into evaluation nodes
/// (`Compiler`), so it favours plain data over speed.
indirect enum Expr {
  case name(String, Span)
  case int(Int64, Span)
  case bigInt(String, Span)
  case float(Double, Span)
  case string(String, Span)
  case fstring([FPart], Span)
  case constant(Constant, Span)
  case list([Expr], Span)
  case tuple([Expr], Span)
  case dict([(Expr, Expr)], Span)
  case set([Expr], Span)
  case unary(String, Expr, Span)
  /// `op` is the operator text; `opSpan` is where the operator stands (for the caret line).
  case binary(String, Expr, Expr, opSpan: Span, Span)
  case boolOp(String, Expr, Expr, Span)
  case compare([Expr], [String], Span)
  case ifElse(Expr, Expr, Expr, Span)
  case call(Expr, [Argument], Span)
  case attribute(Expr, String, Span)
  case index(Expr, Expr, Span)
  case slice(Expr?, Expr?, Expr?, Span)
  case starred(Expr, Span)
  case lambda(Parameters, Expr, Span)
  case comprehension(kind: ComprehensionKind, element: Expr, value: Expr?, [ComprehensionFor], Span)
  /// `name := value`
  case namedExpr(String, Expr, Span)

  enum Constant { case none, `true`, `false`, ellipsis }
  enum ComprehensionKind { case list, set, dict, generator }

  var span: Span {
    switch self {
    case .name(_, let s), .int(_, let s), .bigInt(_, let s), .float(_, let s), .string(_, let s),
      .fstring(_, let s), .constant(_, let s), .list(_, let s), .tuple(_, let s), .dict(_, let s),
      .set(_, let s), .unary(_, _, let s), .binary(_, _, _, _, let s), .boolOp(_, _, _, let s),
      .compare(_, _, let s), .ifElse(_, _, _, let s), .call(_, _, let s), .attribute(_, _, let s),
      .index(_, _, let s), .slice(_, _, _, let s), .starred(_, let s), .lambda(_, _, let s),
      .comprehension(_, _, _, _, let s), .namedExpr(_, _, let s):
      s
    }
  }
}

/// A piece of an f-string: literal text, or an expression with its conversion and spec.
enum FPart {
  case text(String)
  case value(Expr, conversion: Character?, spec: [FPart]?, selfDocumenting: String?)
}

struct Argument {
  enum Kind {
    case positional
    case keyword(String)
    case star, doubleStar
  }
  let kind: Kind
  let value: Expr
}

struct ComprehensionFor {
  let target: Expr
  let iterable: Expr
  let conditions: [Expr]
}

struct Parameters {
  struct Parameter {
    let name: String
    let defaultValue: Expr?
    let span: Span
  }
  var positional: [Parameter] = []
  var varArgs: String?
  var keywordOnly: [Parameter] = []
  var varKeywords: String?
}

indirect enum Stmt {
  case expression(Expr, Span)
  case assign([Expr], Expr, Span)
  case augmented(Expr, String, Expr, opSpan: Span, Span)
  case annotated(Expr, Expr?, Span)
  case pass(Span)
  case breakLoop(Span)
  case continueLoop(Span)
  case returnValue(Expr?, Span)
  case ifElse([(Expr, [Stmt])], [Stmt]?, Span)
  case whileLoop(Expr, [Stmt], [Stmt]?, Span)
  case forLoop(Expr, Expr, [Stmt], [Stmt]?, Span)
  case function(name: String, Parameters, [Stmt], decorators: [Expr], Span)
  case classDef(name: String, bases: [Expr], [Stmt], decorators: [Expr], Span)
  case importModule([(path: String, alias: String?)], Span)
  case importFrom(String, [(name: String, alias: String?)], Span)
  case global([String], Span)
  case nonlocal([String], Span)
  case delete([Expr], Span)
  case assert(Expr, Expr?, Span)
  case raise(Expr?, Expr?, Span)
  case tryExcept([Stmt], [ExceptClause], [Stmt]?, [Stmt]?, Span)
  case with([(Expr, Expr?)], [Stmt], Span)
  /// `match subject:` and its `case pattern [if guard]:` blocks.
  case match(Expr, [MatchCase], Span)

  var span: Span {
    switch self {
    case .expression(_, let s), .assign(_, _, let s), .augmented(_, _, _, _, let s),
      .annotated(_, _, let s), .pass(let s), .breakLoop(let s), .continueLoop(let s),
      .returnValue(_, let s), .ifElse(_, _, let s), .whileLoop(_, _, _, let s),
      .forLoop(_, _, _, _, let s), .function(_, _, _, _, let s), .classDef(_, _, _, _, let s),
      .importModule(_, let s), .importFrom(_, _, let s), .global(_, let s), .nonlocal(_, let s), .match(_, _, let s),
      .delete(_, let s), .assert(_, _, let s), .raise(_, _, let s), .tryExcept(_, _, _, _, let s),
      .with(_, _, let s):
      s
    }
  }
}

struct ExceptClause {
  let type: Expr?
  let name: String?
  let body: [Stmt]
  let span: Span
}

/// One `case` of a match statement.
struct MatchCase {
  let pattern: Pattern
  let guardExpr: Expr?
  let body: [Stmt]
}

/// A structural pattern (PEP 634).
indirect enum Pattern {
  case wildcard
  case capture(String)
  /// A literal or dotted name, compared with `==` (None, True, False by identity).
  case value(Expr)
  /// `[a, *rest, b]` / `(a, b)`; `star` is the position of the starred element.
  case sequence([Pattern], star: Int?)
  /// `*name` (nil for `*_`) inside a sequence.
  case star(String?)
  case mapping([(Expr, Pattern)], rest: String?)
  case classPattern(Expr, [Pattern], [(String, Pattern)])
  case or([Pattern])
  case bind(Pattern, String)

  /// The names the pattern binds.
  var names: [String] {
    switch self {
    case .wildcard, .value: return []
    case .capture(let n): return [n]
    case .star(let n): return n.map { [$0] } ?? []
    case .sequence(let items, _): return items.flatMap(\.names)
    case .mapping(let items, let rest): return items.flatMap(\.1.names) + (rest.map { [$0] } ?? [])
    case .classPattern(_, let positional, let keywords):
      return positional.flatMap(\.names) + keywords.flatMap(\.1.names)
    case .or(let alternatives): return alternatives.first?.names ?? []
    case .bind(let p, let n): return p.names + [n]
    }
  }
}

/// A lexical token: its kind and where it stands in the source. The text is read back from
/// the source only where needed (names, numbers, strings).
public struct Token: Sendable {
  public enum Kind: Sendable, Equatable {
    case name, int, float, string, fstring
    case newline, indent, dedent, end
    case op  // an operator or delimiter; `text` tells which
    case keyword
  }

  public let kind: Kind
  public let span: Span
  /// Name, keyword or operator text, or the decoded value of a string literal.
  public let text: String

  public init(_ kind: Kind, _ span: Span, _ text: String) {
    self.kind = kind
    self.span = span
    self.text = text
  }

  func isOp(_ s: String) -> Bool { kind == .op && text == s }
  func isKeyword(_ s: String) -> Bool { kind == .keyword && text == s }
}

let pythonKeywords: Set<String> = [
  "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
  "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]

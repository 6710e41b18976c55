import NNTensor

/// A runtime value. Ints and floats are payload-free of references, so the scalar hot path
/// pays no retain/release; everything with identity lives in a class box.
public enum Value {
  case none
  case bool(Bool)
  case int(Int64)
  case float(Double)
  case str(String)
  case list(ListBox)
  case tuple([Value])
  case dict(DictBox)
  /// A set: a dict whose values are unused.
  case set(DictBox)
  case array(NDArray)
  /// A NumPy scalar such as the `np.float64` a reduction returns.
  case scalar(Scalar)
  case function(Function)
  case builtin(Builtin)
  case module(Module)
  case range(Int64, Int64, Int64)
  indirect case slice(Value?, Value?, Value?)
  case ellipsis
  /// A Swift-backed object with attributes (a random Generator, a solve result, a model).
  case object(NativeObject)
  case exception(PyException)
  case classObject(PyClass)
  case instance(Instance)
  case method(BoundMethod)
  case wrapper(MethodWrapper)
  indirect case superProxy(PyClass, Value)
}

/// An object implemented in Swift: its type name, its repr and its attributes.
public final class NativeObject {
  public let typeName: String
  public var attributes: [String: Value]
  let repr: () -> String
  /// For an iterator (`iter`, `map`, `zip`, ...): its items and how far it has gone, so it
  /// runs once, as CPython's iterators do.
  var iterator: IteratorState?
  /// For a live view (`d.keys()`, `d.values()`, `d.items()`): its current items.
  var view: (() -> [Value])?
  /// For an endless or lazy iterator (`itertools.count()`): the next item, nil at the end.
  var lazyNext: (() throws(PyError) -> Value?)?
  /// `obj[index]` for objects that support it (typing's `Union[int, float]`).
  var itemGetter: ((Value) throws(PyError) -> Value)?
  /// `obj.name = value` for objects that allow it (a layer's `W`); false leaves it read-only.
  var attributeSetter: ((String, Value) throws(PyError) -> Bool)?
  /// The Swift object behind a language object (a model's `Sequential`, a layer's `Dense`).
  var payload: AnyObject?

  init(typeName: String, attributes: [String: Value] = [:], repr: @escaping () -> String) {
    self.typeName = typeName
    self.attributes = attributes
    self.repr = repr
  }
}

final class IteratorState {
  let items: [Value]
  var index = 0
  init(_ items: [Value]) { self.items = items }

  /// The items not yet taken; the iterator is exhausted afterwards.
  func drain() -> [Value] {
    let rest = index < items.count ? Array(items[index...]) : []
    index = items.count
    return rest
  }
}

public final class ListBox {
  public var items: [Value]
  public init(_ items: [Value]) { self.items = items }
}

/// A dict keyed by hashable values (str, int, float, bool, None, tuples of those), in
/// insertion order.
public final class DictBox {
  public var keys: [Value] = []
  public var values: [Value] = []
  var index: [HashKey: Int] = [:]
  /// For a `collections.defaultdict`: what makes the value of a missing key.
  var defaultFactory: DefaultFactory?
  /// A frozenset: immutable and hashable.
  var frozen = false
  public init() {}

  /// Removes a key, keeping the others in insertion order; returns its value.
  func remove(_ key: HashKey) -> Value? {
    guard let i = index[key] else { return nil }
    let v = values[i]
    keys.remove(at: i)
    values.remove(at: i)
    index[key] = nil
    for (k, j) in index where j > i { index[k] = j - 1 }
    return v
  }
}

/// A defaultdict's `default_factory`, with the interpreter that calls it.
final class DefaultFactory {
  let value: Value
  unowned let interpreter: Interpreter
  init(_ value: Value, _ interpreter: Interpreter) {
    self.value = value
    self.interpreter = interpreter
  }
}

/// The hashable form of a dict key.
enum HashKey: Hashable {
  case none
  case int(Int64)
  case float(Double)
  case str(String)
  case tuple([HashKey])
  case frozen(Set<HashKey>)

  init?(_ v: Value) {
    switch v {
    case .none: self = .none
    case .bool(let b): self = .int(b ? 1 : 0)
    case .int(let i): self = .int(i)
    case .float(let d): self = d == d.rounded(.towardZero) && abs(d) < 9.2e18 ? .int(Int64(d)) : .float(d)
    case .str(let s): self = .str(s)
    case .set(let d) where d.frozen:
      var members = Set<HashKey>()
      for k in d.keys {
        guard let h = HashKey(k) else { return nil }
        members.insert(h)
      }
      self = .frozen(members)
    case .tuple(let items):
      var keys: [HashKey] = []
      for item in items {
        guard let k = HashKey(item) else { return nil }
        keys.append(k)
      }
      self = .tuple(keys)
    case .scalar(let s):
      switch s {
      case .bool(let b): self = .int(b ? 1 : 0)
      case .int(let i): self = .int(i)
      case .float(let d): self = HashKey(.float(d)) ?? .float(d)
      }
    default: return nil
    }
  }
}

public final class Module {
  public let name: String
  /// Bumped on every change, so attribute nodes can cache what they read. A user module's
  /// globals change without it: nodes never cache those (`namespace` is set).
  private(set) var version = 0
  private var stored: [String: Value]
  /// A user module's globals: its attributes are the live names of its namespace, so a
  /// partially run module (an import cycle) shows what it has defined so far.
  var namespace: Globals?
  /// A package's directories (`__path__`), as paths show them.
  var packagePath: [String]?
  /// Names found when missing from the attributes (NumPy 1's removed names, with a note).
  var fallback: ((String) -> Value?)?

  public var attributes: [String: Value] {
    get { namespace?.names ?? stored }
    set {
      if let namespace { namespace.replaceNames(with: newValue) } else { stored = newValue }
      version &+= 1
    }
  }

  public init(_ name: String, _ attributes: [String: Value] = [:]) {
    self.name = name
    self.stored = attributes
  }

  /// One attribute, without building the whole dictionary of a user module.
  func member(_ name: String) -> Value? {
    if let namespace { return namespace[name] }
    return stored[name] ?? fallback?(name)
  }

  /// Whether a read of the name may be cached until the next change (`version`).
  func isCacheable(_ name: String) -> Bool { namespace == nil && stored[name] != nil }

  func setMember(_ name: String, _ value: Value) {
    if let namespace { namespace[name] = value } else { stored[name] = value }
    version &+= 1
  }
}

extension Value {
  /// The Python type name, as error messages show it (`'numpy.ndarray' object ...`).
  public var typeName: String {
    switch self {
    case .none: "NoneType"
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .str: "str"
    case .list: "list"
    case .tuple: "tuple"
    case .dict(let d): d.defaultFactory == nil ? "dict" : "defaultdict"
    case .set(let d): d.frozen ? "frozenset" : "set"
    case .array: "numpy.ndarray"
    case .scalar(let s):
      switch s {
      case .bool: "numpy.bool"
      case .int: "numpy.int64"
      case .float: "numpy.float64"
      }
    case .function: "function"
    case .builtin: "builtin_function_or_method"
    case .module: "module"
    case .range: "range"
    case .slice: "slice"
    case .ellipsis: "ellipsis"
    case .object(let o): o.typeName
    case .exception(let e): e.type
    case .classObject: "type"
    case .instance(let i): i.cls.name
    case .method: "method"
    case .wrapper(let w): w.kind == .property ? "property" : w.kind == .classMethod ? "classmethod" : "staticmethod"
    case .superProxy: "super"
    }
  }
}

import Foundation
import NNLearn
import NNTensor

/// `MLP`, `Sequential`, `Dense`, `train` and `accuracy`: NNLearn under the names a user
/// types. Also the `nn` module (`from nn import train, MLP`).
extension Builtins {
  nonisolated(unsafe) static let learnFunctions: [Entry] = [
    (
      "MLP",
      """
      MLP(sizes, activation='sigmoid', output=None, init='xavier', scale=0.1): dense layers of \
      the given widths ([784, 16, 1]); `activation` on the hidden layers, `output` on the last \
      (sigmoid for one output, softmax for more, when None). init: 'xavier' (glorot uniform), \
      'he', 'normal' (np.random.normal(0, scale, size)), 'unit_norm' (randn, columns of norm 1), \
      'zeros'; weights drawn from np.random's stream, layer after layer
      """,
      makeMLP
    ),
    (
      "Sequential", "Sequential(layers): the Dense layers applied one after the other",
      makeSequential
    ),
    (
      "Dense",
      """
      Dense(inputs, outputs, activation='linear', init='xavier', scale=0.1): a fully connected \
      layer f(x @ W + b) with W of shape (inputs, outputs), b of shape (outputs,); activations: \
      sigmoid, tanh, relu, leaky_relu, softmax, linear
      """,
      makeDense
    ),
    (
      "train",
      """
      train(model, X, y, epochs=1, lr=None, batch_size=32, loss=None, optimizer='sgd', validation=None, verbose=True, shuffle=True)

      Trains the model in place; returns its history, a dict of per-epoch lists:
      'loss', 'accuracy' (bce, cce), 'val_loss' and 'val_accuracy' (with validation=(Xv, yv)).
        loss        'mse', 'sse' (½Σ, not averaged), 'bce', 'cce'; None: bce after a sigmoid
                    output, cce after softmax, else mse. Integer labels are one-hot for cce.
        optimizer   'sgd', 'momentum' (0.9), 'adam' (0.9, 0.999, 1e-8)
        lr          None: 0.01 (0.001 for adam)
        batch_size  rows per step; None trains on the whole set at once (never shuffled)
        shuffle     each epoch draws np.random.permutation(len(X)) from np.random's stream
      Progress: one line per epoch, redrawn in place on a terminal, one plain line per epoch
      otherwise; verbose=False prints nothing. Ctrl-C stops after the current batch and keeps
      the weights and the history so far.
      """,
      train
    ),
    (
      "accuracy",
      """
      accuracy(y_true, y_pred): the fraction of rows classified right; probabilities count as \
      class 1 above 0.5, several columns by their largest
      """,
      accuracy
    ),
  ]

  /// `import nn` / `from nn import train, MLP`: the same objects as the builtins.
  static func learnModule(_ interpreter: Interpreter) -> Module {
    let m = module("nn", learnFunctions)
    for (name, _, _) in learnFunctions { m.attributes[name] = interpreter.builtins[name] ?? m.attributes[name] }
    return m
  }

  // MARK: - Constructors

  static func makeMLP(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["sizes", "activation", "output", "init", "scale"], function: "MLP")
    var sizes: [Int] = []
    for v in try Operators.iterate(try a.required(0, "sizes", function: "MLP")) {
      sizes.append(Int(try Operators.integer(v)))
    }
    let hidden = try activation(a, 1, "activation", default: .sigmoid)
    let output = try activation(a, 2, "output", default: sizes.last == 1 ? .sigmoid : .softmax)
    let initializer = try initializer(a, 3, 4)
    let random = a.interpreter.random
    let model = try tensor { () throws(TensorError) in
      try Sequential(sizes: sizes, activation: hidden, output: output, initializer: initializer, random: random)
    }
    return modelObject(model, kind: "MLP")
  }

  static func makeSequential(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["layers"], function: "Sequential")
    var layers: [Dense] = []
    for v in try Operators.iterate(try a.required(0, "layers", function: "Sequential")) {
      guard case .object(let o) = v, let d = o.payload as? Dense else {
        throw PyError("TypeError", "Sequential() takes Dense layers, not '\(v.typeName)'")
      }
      layers.append(d)
    }
    let model = try tensor { () throws(TensorError) in try Sequential(layers) }
    return modelObject(model, kind: "Sequential")
  }

  static func makeDense(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(["inputs", "outputs", "activation", "init", "scale"], function: "Dense")
    let inputs = Int(try Operators.integer(try a.required(0, "inputs", function: "Dense")))
    let outputs = Int(try Operators.integer(try a.required(1, "outputs", function: "Dense")))
    let f = try activation(a, 2, "activation", default: .linear)
    let initializer = try initializer(a, 3, 4)
    let random = a.interpreter.random
    let d = try tensor { () throws(TensorError) in
      try Dense(inputs: inputs, outputs: outputs, activation: f, initializer: initializer, random: random)
    }
    return .object(layerObject(d))
  }

  static func activation(
    _ a: Arguments, _ index: Int, _ name: String, default d: Activation
  ) throws(PyError)
    -> Activation
  {
    guard let text = try a.string(index, name) else { return d }
    guard let f = Activation(name: text) else {
      let names = Activation.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
      throw PyError("ValueError", "unknown activation '\(text)'; expected one of \(names)")
    }
    return f
  }

  static func initializer(_ a: Arguments, _ index: Int, _ scaleIndex: Int) throws(PyError) -> Initializer {
    let scale = try a.double(scaleIndex, "scale", default: 0.1)
    guard let text = try a.string(index, "init") else { return .xavier }
    guard let i = Initializer(name: text, scale: scale) else {
      throw PyError(
        "ValueError", "unknown init '\(text)'; expected 'xavier', 'glorot', 'he', 'normal', 'unit_norm' or 'zeros'")
    }
    return i
  }

  // MARK: - Objects

  /// A model as the language sees it: `layers`, `predict`, `evaluate`, `count_params`.
  final class ModelBox {
    let model: Sequential
    let kind: String
    /// The loss of the last `train`, for `evaluate` without one.
    var loss: Loss?
    init(_ model: Sequential, kind: String) {
      self.model = model
      self.kind = kind
    }

    var defaultLoss: Loss {
      if let loss { return loss }
      switch model.layers[model.layers.count - 1].activation {
      case .sigmoid: return .bce
      case .softmax: return .cce
      default: return .mse
      }
    }
  }

  static func modelObject(_ model: Sequential, kind: String) -> Value {
    let box = ModelBox(model, kind: kind)
    let layers = model.layers.map { Value.object(layerObject($0)) }
    let o = NativeObject(typeName: kind, repr: { modelText(box) })
    o.payload = box
    o.attributes["layers"] = .list(ListBox(layers))
    o.attributes["predict"] = .builtin(
      Builtin("predict", doc: "predict(X): the network's outputs for the rows of X") { (a) throws(PyError) -> Value in
        let x = try Operators.tensorOperand(try a.required(0, "X", function: "predict"))
        return .array(try tensor { () throws(TensorError) in try model.predict(x) })
      })
    o.attributes["evaluate"] = .builtin(
      Builtin(
        "evaluate",
        doc: "evaluate(X, y, loss=None): (loss, accuracy) for classification losses, else the loss"
      ) { (a) throws(PyError) -> Value in
        let x = try Operators.tensorOperand(try a.required(0, "X", function: "evaluate"))
        let y = try Operators.tensorOperand(try a.required(1, "y", function: "evaluate"))
        let loss = try lossArgument(a, 2) ?? box.defaultLoss
        let (value, accuracy) = try tensor { () throws(TensorError) in try model.evaluate(x, y, loss: loss) }
        guard let accuracy else { return .float(value) }
        return .tuple([.float(value), .float(accuracy)])
      })
    o.attributes["count_params"] = .builtin(
      Builtin("count_params", doc: "count_params(): the number of weights and biases") {
        (_) throws(PyError) -> Value in .int(Int64(model.parameterCount))
      })
    return .object(o)
  }

  /// A layer: `W` and `b` are the layer's own arrays (writes through them reach training);
  /// assigning `layer.W = array` replaces them, keeping the shape.
  static func layerObject(_ d: Dense) -> NativeObject {
    let o = NativeObject(typeName: "Dense", repr: { layerText(d) })
    o.payload = d
    o.attributes["W"] = .array(d.weights)
    o.attributes["b"] = .array(d.bias)
    o.attributes["activation"] = .str(d.activation.rawValue)
    o.attributes["inputs"] = .int(Int64(d.inputs))
    o.attributes["outputs"] = .int(Int64(d.outputs))
    o.attributeSetter = { [weak o] (name: String, value: Value) throws(PyError) -> Bool in
      guard let o else { return false }
      switch name {
      case "W", "b":
        let x = try Operators.tensorOperand(value)
        let kept = try tensor { () throws(TensorError) in name == "W" ? try d.setWeights(x) : try d.setBias(x) }
        o.attributes[name] = .array(kept)
      case "activation":
        guard case .str(let text) = value, let f = Activation(name: text) else {
          throw PyError("ValueError", "unknown activation \(Repr.repr(value))")
        }
        d.activation = f
        o.attributes[name] = .str(f.rawValue)
      default: return false
      }
      return true
    }
    return o
  }

  static func layerText(_ d: Dense) -> String {
    "Dense(\(d.inputs), \(d.outputs), activation='\(d.activation.rawValue)')"
  }

  /// `print(model)`: one line per layer with its parameters, then the total.
  static func modelText(_ box: ModelBox) -> String {
    let layers = box.model.layers
    let names = layers.map(layerText)
    let counts = layers.map { grouped($0.parameterCount) }
    let width = names.map(\.count).max() ?? 0
    let countWidth = counts.map(\.count).max() ?? 0
    var lines = [
      "\(box.kind): \(layers.count) layer\(layers.count == 1 ? "" : "s"), "
        + "\(grouped(box.model.parameterCount)) parameters"
    ]
    for (k, layer) in layers.enumerated() {
      let shapes = "W \(TensorError.tupleText(layer.weights.shape)), b \(TensorError.tupleText(layer.bias.shape))"
      lines.append(
        "  \(k)  " + names[k].padding(toLength: width, withPad: " ", startingAt: 0) + "  "
          + String(repeating: " ", count: countWidth - counts[k].count) + counts[k] + " parameters  (" + shapes + ")")
    }
    return lines.joined(separator: "\n")
  }

  /// 12577 → "12,577".
  static func grouped(_ n: Int) -> String {
    var digits = Array(String(n))
    var k = digits.count - 3
    while k > 0 {
      digits.insert(",", at: k)
      k -= 3
    }
    return String(digits)
  }

  static func lossArgument(_ a: Arguments, _ index: Int) throws(PyError) -> Loss? {
    guard let text = try a.string(index, "loss") else { return nil }
    guard let loss = Loss(name: text) else {
      throw PyError("ValueError", "unknown loss '\(text)'; expected 'mse', 'sse', 'bce' or 'cce'")
    }
    return loss
  }

  static func modelArgument(_ v: Value, function: String) throws(PyError) -> ModelBox {
    guard case .object(let o) = v, let box = o.payload as? ModelBox else {
      throw PyError("TypeError", "\(function)() takes a model made by MLP or Sequential, not '\(v.typeName)'")
    }
    return box
  }
}

// MARK: - train

extension Builtins {
  static func train(_ a: Arguments) throws(PyError) -> Value {
    try a.checkKeywords(
      [
        "model", "X", "y", "epochs", "lr", "batch_size", "loss", "optimizer", "validation", "verbose", "shuffle",
        "learning_rate",
      ], function: "train")
    let box = try modelArgument(try a.required(0, "model", function: "train"), function: "train")
    let x = try Operators.tensorOperand(try a.required(1, "X", function: "train"))
    let y = try Operators.tensorOperand(try a.required(2, "y", function: "train"))
    var options = FitOptions()
    options.epochs = try a.int(3, "epochs", default: 1)
    options.learningRate = try a.given(4, "lr").map { (v) throws(PyError) -> Double in try Operators.number(v) }
    if let v = a.given(-1, "learning_rate") { options.learningRate = try Operators.number(v) }
    if let v = a.value(5, "batch_size") {
      options.batchSize = v.isNone ? nil : Int(try Operators.integer(v))
    }
    options.loss = try lossArgument(a, 6) ?? box.defaultLoss
    if let name = try a.string(7, "optimizer") {
      guard let o = Optimizer(name: name) else {
        throw PyError("ValueError", "unknown optimizer '\(name)'; expected 'sgd', 'momentum' or 'adam'")
      }
      options.optimizer = o
    }
    if let v = a.given(8, "validation") {
      let pair = try Operators.iterate(v)
      guard pair.count == 2 else {
        throw PyError("ValueError", "validation must be a pair (X, y), not \(pair.count) items")
      }
      options.validation = (try Operators.tensorOperand(pair[0]), try Operators.tensorOperand(pair[1]))
    }
    let verbose = try a.bool(9, "verbose", default: true)
    options.shuffle = try a.bool(10, "shuffle", default: true)
    let interpreter = a.interpreter
    let printer = ProgressPrinter(interpreter, terminal: interpreter.outputIsTerminal, verbose: verbose)
    let flag = interpreter.interrupt.address
    let history = try tensor { () throws(TensorError) in
      try box.model.fit(
        x, y, options: options, random: interpreter.random, progress: { printer.show($0) },
        shouldStop: {
          guard flag.pointee != 0 else { return false }
          flag.pointee = 0
          return true
        })
    }
    box.loss = options.loss
    if let stop = history.stopped { printer.stopped(stop, finished: history.loss.count) }
    return historyValue(history, classifies: options.loss.isClassification, validated: options.validation != nil)
  }

  /// The history dict: `loss`, `accuracy` for bce and cce, `val_*` with validation data.
  static func historyValue(_ h: History, classifies: Bool, validated: Bool) -> Value {
    let d = DictBox()
    func put(_ key: String, _ values: [Double]) {
      try? d.set(.str(key), .list(ListBox(values.map { .float($0) })))
    }
    put("loss", h.loss)
    if classifies { put("accuracy", h.accuracy) }
    if validated { put("val_loss", h.validationLoss) }
    if validated && classifies { put("val_accuracy", h.validationAccuracy) }
    return .dict(d)
  }

  static func accuracy(_ a: Arguments) throws(PyError) -> Value {
    let truth = try Operators.tensorOperand(try a.required(0, "y_true", function: "accuracy")).astype(.float64)
    let predicted = try Operators.tensorOperand(try a.required(1, "y_pred", function: "accuracy")).astype(.float64)
    func classes(_ x: NDArray, threshold: Bool) throws(PyError) -> [Double] {
      if x.ndim == 2 && x.shape[1] > 1 {
        let columns = x.shape[1]
        let v = x.doubles
        return (0..<x.shape[0]).map { r in
          var best = 0
          for j in 1..<columns where v[r * columns + j] > v[r * columns + best] { best = j }
          return Double(best)
        }
      }
      guard x.ndim <= 1 || (x.ndim == 2 && x.shape[1] == 1) else {
        throw PyError(
          "ValueError", "accuracy() takes labels or rows of scores, not shape \(TensorError.tupleText(x.shape))")
      }
      let v = x.doubles
      guard threshold, v.contains(where: { $0 != $0.rounded() }) else { return v }
      return v.map { $0 > 0.5 ? 1 : 0 }
    }
    let t = try classes(truth, threshold: false)
    let p = try classes(predicted, threshold: true)
    guard t.count == p.count else {
      throw PyError("ValueError", "accuracy() got \(t.count) true labels and \(p.count) predictions")
    }
    guard !t.isEmpty else { return .float(.nan) }
    let right = zip(t, p).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return .float(Double(right) / Double(t.count))
  }
}

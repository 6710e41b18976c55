import Foundation
import NNTensor

/// What `fit` is asked to do.
public struct FitOptions {
  public var epochs = 1
  public var learningRate: Double?
  /// Rows per step; nil trains on the whole set at once (full batch, never shuffled).
  public var batchSize: Int? = 32
  public var loss = Loss.mse
  public var optimizer = Optimizer.sgd
  /// Draw `np.random.permutation(n)` at the start of every epoch and take the batches
  /// `X[perm[k:k + batch_size]]` in order (the last one may be smaller).
  public var shuffle = true
  public var validation: (x: NDArray, y: NDArray)?

  public init() {}
}

/// Where training is, for a progress display: after every batch, and once more at the end
/// of each epoch with the validation figures.
public struct FitProgress {
  public var epoch = 0
  public var epochs = 0
  public var batch = 0
  public var batches = 0
  public var seconds = 0.0
  /// The epoch's running loss (and accuracy) over the batches done so far.
  public var loss = 0.0
  public var accuracy: Double?
  public var validationLoss: Double?
  public var validationAccuracy: Double?
  public var isEpochEnd = false
}

/// Per-epoch figures, in the order the epochs ran.
public struct History {
  public var loss: [Double] = []
  public var accuracy: [Double] = []
  public var validationLoss: [Double] = []
  public var validationAccuracy: [Double] = []
  /// Set when a stop request ended training early: the epoch and batch it stopped after.
  public var stopped: (epoch: Int, batch: Int, batches: Int)?
}

extension Sequential {
  /// Minibatch training: forward, loss, backward and update on buffers made once, so a
  /// step allocates nothing. The epoch's loss is the loss of all its samples under the
  /// loss's own reduction (the mean of the batch means weighted by batch size; for sse, the
  /// sum), as Keras reports it. `shouldStop` is asked between batches; a stop keeps the
  /// weights and the history of the finished epochs.
  public func fit(
    _ x: NDArray, _ y: NDArray, options: FitOptions, random: RandomState,
    progress: ((FitProgress) -> Void)? = nil, shouldStop: () -> Bool = { false }
  ) throws(TensorError) -> History {
    let rows = try Inputs(x, model: self)
    let n = rows.count
    let targets = try Targets.prepare(y, rows: n, outputs: outputs, loss: options.loss)
    guard n > 0 else { throw TensorError(.valueError, "no samples to train on") }
    if let b = options.batchSize, b <= 0 {
      throw TensorError(.valueError, "batch_size must be a positive integer, not \(b)")
    }
    guard options.epochs >= 0 else { throw TensorError(.valueError, "epochs must not be negative") }
    if let v = options.validation {
      let vr = try Inputs(v.x, model: self)
      _ = try Targets.prepare(v.y, rows: vr.count, outputs: outputs, loss: options.loss)
    }
    let batchSize = Swift.min(options.batchSize ?? n, n)
    let shuffled = options.shuffle && options.batchSize != nil
    let batches = (n + batchSize - 1) / batchSize
    try Workspace.checkSize(self, capacity: batchSize)
    let work = Workspace(self, capacity: batchSize, training: true)
    let step = TrainingStep(model: self, work: work, loss: options.loss)
    let optimizer = OptimizerState(
      options.optimizer, learningRate: options.learningRate ?? options.optimizer.defaultLearningRate,
      parameterCounts: layers.flatMap { [$0.inputs * $0.outputs, $0.outputs] })
    let batchX = shuffled ? Workspace.buffer(batchSize * inputs) : nil
    let batchY = shuffled ? Workspace.buffer(batchSize * outputs) : nil
    defer {
      batchX?.deallocate()
      batchY?.deallocate()
    }
    var history = History()
    for epoch in 1...Swift.max(options.epochs, 1) where options.epochs > 0 {
      let started = DispatchTime.now().uptimeNanoseconds
      let order = shuffled ? try random.permutation(n) : []
      var report = FitProgress()
      (report.epoch, report.epochs, report.batches) = (epoch, options.epochs, batches)
      var (total, correct) = (0.0, 0)
      for b in 0..<batches {
        let start = b * batchSize
        let m = Swift.min(batchSize, n - start)
        var xb = UnsafePointer(rows.pointer + start * inputs)
        var yb = UnsafePointer(targets.pointer + start * outputs)
        if let batchX, let batchY {
          gather(order, start, m, from: rows.pointer, width: inputs, into: batchX)
          gather(order, start, m, from: targets.pointer, width: outputs, into: batchY)
          (xb, yb) = (UnsafePointer(batchX), UnsafePointer(batchY))
        }
        let (batchLoss, batchCorrect) = step.run(xb, yb, rows: m, optimizer: optimizer)
        total += options.loss.isSum ? batchLoss : batchLoss * Double(m)
        correct += batchCorrect
        let seen = start + m
        report.batch = b + 1
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        report.loss = options.loss.isSum ? total : total / Double(seen)
        report.accuracy = options.loss.isClassification ? Double(correct) / Double(seen) : nil
        progress?(report)
        if shouldStop() {
          history.stopped = (epoch, b + 1, batches)
          return history
        }
      }
      history.loss.append(report.loss)
      if let a = report.accuracy { history.accuracy.append(a) }
      if let v = options.validation {
        let (vl, va) = try evaluate(v.x, v.y, loss: options.loss)
        history.validationLoss.append(vl)
        if let va { history.validationAccuracy.append(va) }
        (report.validationLoss, report.validationAccuracy) = (vl, va)
      }
      report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      report.isEpochEnd = true
      progress?(report)
    }
    return history
  }

  private func gather(
    _ order: [Int64], _ start: Int, _ m: Int, from source: UnsafeMutablePointer<Double>, width: Int,
    into out: UnsafeMutablePointer<Double>
  ) {
    for r in 0..<m {
      (out + r * width).update(from: source + Int(order[start + r]) * width, count: width)
    }
  }
}

/// One step on one batch: forward, loss and its gradient, backward, update.
struct TrainingStep {
  let model: Sequential
  let work: Workspace
  let loss: Loss

  func run(
    _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, rows m: Int, optimizer: OptimizerState
  ) -> (loss: Double, correct: Int) {
    let layers = model.layers
    let last = layers.count - 1
    let z = work.forward(model, x, rows: m)
    let batchLoss = loss.outputStep(
      z, targets: y, delta: work.deltas[last], rows: m, columns: model.outputs, activation: layers[last].activation)
    let correct = loss.isClassification ? Loss.correct(z, y, rows: m, columns: model.outputs) : 0
    // Plain SGD needs no gradient buffers: `W -= lr · inputᵀ·δ` is one gemm with β = 1.
    let fused = optimizer.optimizer == .sgd
    for l in stride(from: last, through: 0, by: -1) {
      let layer = layers[l]
      let input = l == 0 ? x : UnsafePointer(work.activations[l - 1])
      let delta = work.deltas[l]
      // δ of the layer below, from this layer's weights before they change.
      if l > 0 {
        BLAS.gemm(
          transposeA: false, transposeB: true, m: m, n: layer.inputs, k: layer.outputs, alpha: 1,
          a: delta, lda: layer.outputs, b: layer.weightPointer, ldb: layer.outputs, beta: 0,
          c: work.deltas[l - 1], ldc: layer.inputs)
        layers[l - 1].activation.backward(
          work.deltas[l - 1], outputs: work.activations[l - 1], rows: m, columns: layer.inputs)
      }
      let gb = work.biasGradients[l]
      gb.update(repeating: 0, count: layer.outputs)
      for r in 0..<m {
        let row = delta + r * layer.outputs
        for j in 0..<layer.outputs { gb[j] += row[j] }
      }
      if fused {
        BLAS.gemm(
          transposeA: true, transposeB: false, m: layer.inputs, n: layer.outputs, k: m,
          alpha: -optimizer.learningRate, a: input, lda: layer.inputs, b: delta, ldb: layer.outputs, beta: 1,
          c: layer.weightPointer, ldc: layer.outputs)
        let b = layer.biasPointer
        for j in 0..<layer.outputs { b[j] -= optimizer.learningRate * gb[j] }
      } else {
        BLAS.gemm(
          transposeA: true, transposeB: false, m: layer.inputs, n: layer.outputs, k: m, alpha: 1,
          a: input, lda: layer.inputs, b: delta, ldb: layer.outputs, beta: 0,
          c: work.weightGradients[l], ldc: layer.outputs)
      }
    }
    if !fused {
      optimizer.beginStep()
      for (l, layer) in layers.enumerated() {
        optimizer.update(layer.weightPointer, work.weightGradients[l], slot: 2 * l)
        optimizer.update(layer.biasPointer, work.biasGradients[l], slot: 2 * l + 1)
      }
    }
    return (batchLoss, correct)
  }
}

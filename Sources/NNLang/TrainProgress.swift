import Foundation
import NNLearn

/// Shows training as it goes: on a terminal one line per epoch, redrawn in place after
/// batches (at most every 50 ms); otherwise one plain line per finished epoch, so a log
/// never holds `\r`. Non-terminal lines leave the time out: a log then reads the same on
/// every run.
final class ProgressPrinter {
  unowned let interpreter: Interpreter
  let terminal: Bool
  let verbose: Bool
  private var lastDraw: UInt64 = 0
  private var lineOpen = false
  private var last: FitProgress?

  init(_ interpreter: Interpreter, terminal: Bool, verbose: Bool) {
    self.interpreter = interpreter
    self.terminal = terminal
    self.verbose = verbose
  }

  func show(_ p: FitProgress) {
    guard verbose else { return }
    last = p
    guard terminal else {
      if p.isEpochEnd { interpreter.emit(ProgressPrinter.line(p, bar: false) + "\n") }
      return
    }
    let now = DispatchTime.now().uptimeNanoseconds
    guard p.isEpochEnd || p.batch == 1 || now &- lastDraw >= 50_000_000 else { return }
    lastDraw = now
    interpreter.emit("\r" + ProgressPrinter.line(p, bar: true) + "\u{1B}[K" + (p.isEpochEnd ? "\n" : ""))
    lineOpen = !p.isEpochEnd
    interpreter.flush?()
  }

  func stopped(_ stop: (epoch: Int, batch: Int, batches: Int), finished: Int) {
    // The line shows where training stopped, then the note goes below it.
    if lineOpen, let last { interpreter.emit("\r" + ProgressPrinter.line(last, bar: true) + "\u{1B}[K") }
    if lineOpen { interpreter.emit("\n") }
    lineOpen = false
    interpreter.emit(
      "interrupted: stopped after batch \(stop.batch)/\(stop.batches) of epoch \(stop.epoch); "
        + "weights and history (\(finished) epoch\(finished == 1 ? "" : "s")) kept\n")
    interpreter.flush?()
  }

  static func line(_ p: FitProgress, bar: Bool) -> String {
    let width = String(p.epochs).count
    let epoch = String(repeating: " ", count: Swift.max(0, width - String(p.epoch).count)) + "\(p.epoch)"
    var text = "epoch \(epoch)/\(p.epochs)"
    if bar {
      let cells = 20
      let done = p.batches > 0 ? cells * p.batch / p.batches : cells
      let counter = String(p.batches).count
      let batch = String(repeating: " ", count: Swift.max(0, counter - String(p.batch).count)) + "\(p.batch)"
      text += " " + String(repeating: "━", count: done) + String(repeating: "─", count: cells - done)
      text += " \(batch)/\(p.batches)  " + String(format: "%.1fs", p.seconds)
    }
    text += "  loss " + String(format: "%.4f", p.loss)
    if let a = p.accuracy { text += "  acc " + String(format: "%.3f", a) }
    if let v = p.validationLoss { text += "  val_loss " + String(format: "%.4f", v) }
    if let v = p.validationAccuracy { text += "  val_acc " + String(format: "%.3f", v) }
    return text
  }
}

import Foundation
import Testing

/// `train` on a terminal: one line per epoch, redrawn in place, and Ctrl-C between batches.
@Suite(.serialized)
struct TrainProgressTests {
  static let setup =
    "import numpy as np; np.random.seed(0); X = np.random.rand(4000, 20); y = (X[:, :1] > 0.5) * 1.0\r"

  @Test func progressLineIsRedrawnInPlace() throws {
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    pty.send(TrainProgressTests.setup)
    pty.send("m = MLP([20, 32, 1]); h = train(m, X, y, epochs=2, batch_size=4, lr=0.1)\r")
    #expect(pty.expect("epoch 2/2", timeout: 20), "\(pty.transcript)")
    let mark = pty.transcript.endIndex
    pty.send("len(h['loss'])\r")
    #expect(pty.expect("2\r\n", after: mark))
    // Each epoch's line starts with \r and ends by clearing the rest of the line, and is
    // drawn more than once: after its first batch and at its end, with the bar full.
    let redraws = pty.transcript.components(separatedBy: "\repoch 1/2 ").count - 1
    #expect(redraws >= 2, "\(pty.transcript.debugDescription)")
    #expect(pty.transcript.contains("\u{1B}[K"))
    #expect(pty.transcript.contains("━━━━━━━━━━━━━━━━━━━━ 1000/1000"))
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func ctrlCStopsAfterTheBatchAndKeepsWeightsAndHistory() throws {
    let pty = try PTY(["-q"], environment: ["NN_HISTORY": ""])
    #expect(pty.expect(">>> "))
    pty.send(TrainProgressTests.setup)
    pty.send("m = MLP([20, 256, 1]); h = train(m, X, y, epochs=100000, batch_size=2, lr=0.1)\r")
    #expect(pty.expect("epoch", timeout: 20))
    Thread.sleep(forTimeInterval: 0.5)
    pty.send("\u{03}")
    #expect(pty.expect("interrupted: stopped after batch ", timeout: 20), "\(pty.transcript)")
    let mark = pty.transcript.endIndex
    pty.send("print(type(h).__name__, m.layers[0].W.shape)\r")
    #expect(pty.expect("dict (20, 256)", after: mark), "\(pty.transcript)")
    pty.send("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func ctrlCInAScriptStopsTrainingAndTheScriptGoesOn() throws {
    let code = """
      import numpy as np
      np.random.seed(0)
      X = np.random.rand(4000, 20); y = (X[:, :1] > 0.5) * 1.0
      m = MLP([20, 256, 1])
      h = train(m, X, y, epochs=100000, batch_size=2, lr=0.1)
      print("after training:", len(h["loss"]) < 100000)
      while True: pass
      """
    let pty = try PTY(["-c", code])
    #expect(pty.expect("epoch", timeout: 20))
    Thread.sleep(forTimeInterval: 0.5)
    pty.send("\u{03}")
    #expect(pty.expect("interrupted: stopped after batch ", timeout: 20), "\(pty.transcript)")
    // Then a KeyboardInterrupt in the loop ends the script as python3 would (and the
    // script's buffered output comes out).
    Thread.sleep(forTimeInterval: 0.3)
    pty.send("\u{03}")
    #expect(pty.expect("KeyboardInterrupt", timeout: 20), "\(pty.transcript)")
    #expect(pty.transcript.contains("after training: True"))
    #expect(pty.exitStatus() == 130)
  }
}

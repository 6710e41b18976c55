import Foundation
import NNLang
import Testing

/// Feeds every golden script, with random bytes changed, through the lexer, parser and
/// evaluator: any outcome but a Swift trap passes (a trap kills the test process, which is
/// the failure). Each run is stopped by a simulated Ctrl-C after a short budget.
struct FuzzTests {
  /// A small, seeded generator, so a failure can be replayed.
  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let alphabet = Array("()[]{}:;,.+-*/%@=<>!~^&|'\"\\#\n\t 0123456789xyzabnpTFNe_".utf8)

  static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
    var out = bytes
    let edits = 1 + Int(rng.next() % 4)
    for _ in 0..<edits where !out.isEmpty {
      let i = Int(rng.next() % UInt64(out.count))
      switch rng.next() % 3 {
      case 0: out[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
      case 1: out.remove(at: i)
      default: out.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
      }
    }
    return out
  }

  @Test func mutatedGoldenFilesOnlyEverThrow() throws {
    let files = GoldenTests.cases.filter { $0.hasSuffix(".nn") && !$0.hasPrefix("example:") }
    #expect(files.count > 10)
    final class Tally: @unchecked Sendable {
      var runs = 0
      var rng = SplitMix(state: 20_261_122)
    }
    let tally = Tally()
    let deadline = Date().addingTimeInterval(20)
    // The interpreter recurses on the native stack: give it room, as the nn binary does.
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      outer: for name in files {
        guard let text = try? String(contentsOf: GoldenTests.root.appendingPathComponent(name), encoding: .utf8)
        else { continue }
        let bytes = Array(text.utf8)
        for _ in 0..<60 {
          if Date() > deadline { break outer }
          let mutated = String(decoding: FuzzTests.mutate(bytes, &tally.rng), as: UTF8.self)
          let session = Session()
          let stop = session.interpreter.interrupt.address
          let timer = DispatchWorkItem { stop.pointee = 1 }
          DispatchQueue.global().asyncAfter(deadline: .now() + 0.2, execute: timer)
          _ = session.runScript(mutated, name: name)
          timer.cancel()
          tally.runs += 1
        }
      }
      done.signal()
    }
    thread.stackSize = 64 << 20
    thread.start()
    done.wait()
    #expect(tally.runs > 50, "only \(tally.runs) mutated scripts ran")
  }
}

import Foundation
import Testing

@testable import NNLang

/// The written-equation grammar and `solve`: every golden system against NumPy's answer
/// (`Tests/golden/equations/numpy.txt`, from scripts/fixtures/equations.py), and random
/// mutations of equation text, which may only ever throw.
struct EquationsTests {
  struct Expected {
    var file: String
    var name: String
    var shape: (Int, Int)
    var a: [Double]
    var b: [Double]
    var x: [Double]
    var rank: Int
    var residual: Double
  }

  static let directory = GoldenTests.root.appendingPathComponent("equations")

  static func fixture() throws -> [Expected] {
    let text = try String(contentsOf: directory.appendingPathComponent("numpy.txt"), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    var out: [Expected] = []
    var i = 0
    while i + 6 < lines.count {
      let head = lines[i].split(separator: " ").map(String.init)
      let shape = lines[i + 1].split(separator: " ").compactMap { Int($0) }
      func doubles(_ k: Int) -> [Double] { lines[i + k].split(separator: " ").compactMap { Double($0) } }
      out.append(
        Expected(
          file: head[1], name: head[2], shape: (shape[0], shape[1]), a: doubles(2), b: doubles(3), x: doubles(4),
          rank: Int(lines[i + 5]) ?? -1, residual: Double(lines[i + 6]) ?? .nan))
      i += 7
    }
    return out
  }

  @Test func goldenSystemsAgreeWithNumPy() throws {
    let expected = try EquationsTests.fixture()
    #expect(expected.count >= 50)
    var sessions: [String: Session] = [:]
    for e in expected {
      let session: Session
      if let s = sessions[e.file] {
        session = s
      } else {
        session = Session()
        let text = try String(contentsOf: EquationsTests.directory.appendingPathComponent(e.file), encoding: .utf8)
        _ = session.runScript(text, name: e.file)
        _ = session.interpreter.takeOutput()
        sessions[e.file] = session
      }
      guard case .object(let o)? = session.interpreter.globals[e.name] else {
        Issue.record("\(e.file): \(e.name) is not a solution")
        continue
      }
      func doubles(_ key: String) -> [Double] {
        if case .array(let x)? = o.attributes[key] { return x.doubles }
        return []
      }
      let label = "\(e.file) \(e.name)"
      #expect(doubles("A") == e.a, "\(label): A is \(doubles("A")), NumPy's \(e.a)")
      #expect(doubles("b") == e.b, "\(label): b is \(doubles("b")), NumPy's \(e.b)")
      // LU and dgelsd are the same LAPACK routines NumPy calls: the same bits.
      #expect(doubles("x") == e.x, "\(label): x is \(doubles("x")), NumPy's \(e.x)")
      if case .int(let rank)? = o.attributes["rank"] { #expect(Int(rank) == e.rank, "\(label): rank \(rank)") }
      if case .float(let r)? = o.attributes["residual"] {
        #expect(abs(r - e.residual) <= 1e-12 * max(1, e.residual), "\(label): residual \(r), NumPy's \(e.residual)")
      }
    }
  }

  @Test func unknownsOrderByFirstAppearanceAndIndex() throws {
    let s = try Equations.parse("y + x10 = 1; x2 + b = 2; x1 = 3; α = 4")
    #expect(s.names == ["y", "x1", "x2", "x10", "b", "α"])
    let t = try Equations.parse("x₂ + x_1 = 1; x1 - x2 = 0")
    #expect(t.names == ["x_1", "x₂"])
  }

  @Test func errorsPutTheCaretUnderTheTerm() {
    do {
      _ = try Equations.parse("x + y = 1\n  2x − x·y = 4")
      Issue.record("no error")
    } catch {
      #expect(error.type == "ValueError")
      #expect(error.message == "equation 2 is not linear: x·y\n    2x − x·y = 4\n         ^^^")
    }
  }

  static let alphabet: [Character] = Array("xyzab123456789.0 +-−*/×·^²₁_()[]=;,\n(1)e")

  @Test func mutatedEquationsOnlyEverThrow() {
    let seeds = [
      "5x₁ + x₂ − x₃ = 1\n2x₁ − x₂ + x₃ = 4\nx₁ + 3x₂ − 2x₃ = 0", "2(x + y) = 10; 3(x - y) = 3",
      "(1/3)x + (2/3)y = 1, x - y = 0", "1. a + 1e-3 b = 2\n2. a − b/2 = 0", "x^2 + sin(y) = 1",
    ]
    var rng = FuzzTests.SplitMix(state: 61_122)
    var runs = 0
    let deadline = Date().addingTimeInterval(3)
    let interpreter = Interpreter()
    interpreter.write = { _ in }
    for seed in seeds {
      for _ in 0..<400 where Date() < deadline {
        var text = Array(seed)
        for _ in 0..<(1 + Int(rng.next() % 6)) where !text.isEmpty {
          let i = Int(rng.next() % UInt64(text.count))
          let c = EquationsTests.alphabet[Int(rng.next() % UInt64(EquationsTests.alphabet.count))]
          switch rng.next() % 3 {
          case 0: text[i] = c
          case 1: text.remove(at: i)
          default: text.insert(c, at: i)
          }
        }
        if let system = try? Equations.parse(String(text)), system.names.count <= 20 {
          _ = try? Equations.solve(
            system, method: rng.next() % 4 == 0 ? .gd : .auto, descent: .init(lr: 0.01, iters: 20),
            interpreter: interpreter)
        }
        runs += 1
      }
    }
    #expect(runs > 500, "only \(runs) mutated systems ran")
  }
}

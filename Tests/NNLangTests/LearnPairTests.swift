import Foundation
import Testing

/// `train` must give what the same network written by hand in NumPy gives: each
/// `Tests/golden/learn/<case>_by_hand.nn` (valid Python, its .out from the NumPy oracle) has a
/// `<case>.nn` doing the same with `train`, whose expected output must stay the oracle's.
struct LearnPairTests {
  @Test func trainMatchesTheNumPyOracle() throws {
    let dir = GoldenTests.root.appendingPathComponent("learn")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    let pairs = files.filter { $0.hasSuffix("_by_hand.out") }
    #expect(pairs.count >= 3)
    for byHand in pairs {
      let twin = String(byHand.dropLast("_by_hand.out".count)) + ".out"
      let expected = try String(contentsOf: dir.appendingPathComponent(byHand), encoding: .utf8)
      let actual = try String(contentsOf: dir.appendingPathComponent(twin), encoding: .utf8)
      #expect(actual == expected, "\(twin) must equal the NumPy oracle's \(byHand)")
    }
  }
}

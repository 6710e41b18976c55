import Foundation
import NNVectorMath
import Testing

@testable import NNTensor

// np.exp and 1/(1+np.exp(-x)) bit for bit where NumPy runs SVML's exp (x86-64 with AVX-512),
// as NNVectorMath computes them (Fixtures/exp, by scripts/fixtures/exp.py). Near overflow and
// in the subnormal range SVML takes a slow path nn replaces with libm's exp: there one unit in
// the last place may differ.

struct VectorExpFixture: Decodable {
  let x: [String]
  let exp: [String]
  let sigmoid: [String]

  static let file: VectorExpFixture? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/exp/exp.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(VectorExpFixture.self, from: data)
  }()

  static func doubles(_ hex: [String]) -> [Double] { hex.map { Double(bitPattern: UInt64($0, radix: 16) ?? 0) } }
}

@Test(.enabled(if: VectorKernels.available))
func expAndSigmoidMatchNumPyBitForBit() throws {
  let fixture = try #require(VectorExpFixture.file)
  let x = VectorExpFixture.doubles(fixture.x)
  let input = try NDArray(shape: [x.count], doubles: x)
  for (op, expected) in [(UnaryOperator.exp, fixture.exp), (.sigmoid, fixture.sigmoid)] {
    let want = VectorExpFixture.doubles(expected)
    // Contiguous (the vector kernel) and strided (one lane at a time) alike.
    let strided = try input.reshaped([x.count, 1]).broadcast(to: [x.count, 2]).transposed()
    for result in [try input.map(op), try strided.map(op)] {
      let got = result.doubles
      var mismatches = 0
      for i in 0..<x.count where got[i].bitPattern != want[i].bitPattern && !(got[i].isNaN && want[i].isNaN) {
        let slowPath = Swift.abs(x[i]) >= 707.7
        let oneUlp = got[i].nextUp == want[i] || got[i].nextDown == want[i]
        if !(slowPath && oneUlp) { mismatches += 1 }
      }
      #expect(mismatches == 0, "\(op): \(mismatches) of \(x.count) differ from NumPy's bits")
    }
  }
}

/// Arrays of 2²⁰ elements and more are split over two threads: the same bits, and the overflow
/// that exp's rare arguments raise in a worker thread is still reported.
@Test(.enabled(if: VectorKernels.available))
func largeExpOnTwoThreadsKeepsBitsAndWarnings() throws {
  let fixture = try #require(VectorExpFixture.file)
  let x = VectorExpFixture.doubles(fixture.x)
  let want = VectorExpFixture.doubles(fixture.exp)
  let tiles = VectorKernels.parallelCount / x.count + 2
  let input = try NDArray(shape: [x.count * tiles], doubles: Array((0..<tiles).map { _ in x }.joined()))
  var warnings = Warnings()
  let got = try input.map(.exp, warnings: &warnings).doubles
  var mismatches = 0
  for i in 0..<got.count {
    let (g, w) = (got[i], want[i % x.count])
    if g.bitPattern != w.bitPattern && !(g.isNaN && w.isNaN) && !(VectorMath.isSlow(x[i % x.count])) { mismatches += 1 }
  }
  #expect(mismatches == 0)
  #expect(warnings.all.map(\.message).contains("overflow encountered in exp"))
}

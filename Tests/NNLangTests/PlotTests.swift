import Foundation
import Testing

@testable import NNLang

/// The Swift entry point other builtins (the equation solver, training) call to draw a loss curve.
struct PlotTests {
  @Test func lossCurveDrawsIntoTheOutput() {
    let interpreter = Interpreter()
    PlotBuiltins.lossCurve([4, 2, 1, 0.5, 0.25], interpreter: interpreter)
    let text = interpreter.takeOutput()
    #expect(text.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) == "loss")
    #expect(text.split(separator: "\n").count == 24)
    #expect(text.contains("iteration"))
  }
}

import Testing

@testable import NNPlot

struct CanvasTests {
  @Test func dotsBecomeBrailleCells() {
    var canvas = Canvas(columns: 2, rows: 1)
    canvas.set(x: 0, y: 0)  // dot 1
    canvas.set(x: 1, y: 3)  // dot 8
    canvas.set(x: 3, y: 1)  // second cell, dot 5
    canvas.set(x: 99, y: 99)  // outside: ignored
    #expect(canvas.lines == ["\u{2881}\u{2810}"])
  }
}

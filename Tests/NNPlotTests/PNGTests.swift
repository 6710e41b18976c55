import CZlib
import Testing

@testable import NNPlot

/// The PNG writer's bytes read back as a decoder would: signature, chunks with their CRCs,
/// IHDR's size, and IDAT inflated by zlib to exactly one filtered row per line.
struct PNGTests {
  static func figure() -> Figure {
    let f = Figure(width: 3, height: 2)
    let axes = f.axes(rows: 1, columns: 1, index: 0)
    axes.add(Series(kind: .line, x: [0, 1, 2], y: [0, 1, 4], style: Style(format: "r--o") ?? Style(), label: "y"))
    axes.title = "PNG"
    axes.legend = .best
    return f
  }

  static func be32(_ b: ArraySlice<UInt8>) -> Int {
    b.reduce(0) { $0 << 8 | Int($1) }
  }

  @Test func chunksAreValidAndPixelsInflate() throws {
    let png = PNGTests.figure().png()
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    var at = 8
    var types: [String] = []
    var width = 0
    var height = 0
    var idat: [UInt8] = []
    while at + 12 <= png.count {
      let length = PNGTests.be32(png[at..<at + 4])
      let body = Array(png[at + 4..<at + 8 + length])
      let type = String(decoding: body.prefix(4), as: UTF8.self)
      let crc = UInt32(body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
      #expect(UInt32(PNGTests.be32(png[at + 8 + length..<at + 12 + length])) == crc, "CRC of \(type)")
      if type == "IHDR" {
        width = PNGTests.be32(body[4..<8])
        height = PNGTests.be32(body[8..<12])
        #expect(Array(body[12..<17]) == [8, 2, 0, 0, 0])
      }
      if type == "IDAT" { idat += body.dropFirst(4) }
      types.append(type)
      at += 12 + length
    }
    #expect(types == ["IHDR", "IDAT", "IEND"])
    #expect(width == 300 && height == 200)
    var raw = [UInt8](repeating: 0, count: (width * 3 + 1) * height + 16)
    var size = uLong(raw.count)
    let status = raw.withUnsafeMutableBufferPointer { r in
      idat.withUnsafeBufferPointer { i in uncompress(r.baseAddress, &size, i.baseAddress, uLong(idat.count)) }
    }
    #expect(status == Z_OK)
    #expect(Int(size) == (width * 3 + 1) * height)
    // Some pixel of the red line is red.
    let rows = (0..<height).map { y in Array(raw[(y * (width * 3 + 1) + 1)..<((y + 1) * (width * 3 + 1))]) }
    let red = rows.contains { row in
      stride(from: 0, to: row.count, by: 3).contains { row[$0] == 255 && row[$0 + 1] == 0 }
    }
    #expect(red)
  }

  @Test func formatStrings() {
    let dashed = Style(format: "b--")
    #expect(dashed?.color == RGB(0, 0, 255) && dashed?.line == .dashed && dashed?.marker == nil)
    let stars = Style(format: "r*")
    #expect(stars?.marker == .star && stars?.line == LineStyle.none)
    #expect(Style(format: "ko-")?.line == .solid)
    #expect(Style(format: "q") == nil)
  }

  @Test func ticksAreRoundNumbers() {
    #expect(Ticks.positions(0, 1, maxCount: 6) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    #expect(Ticks.labels([0, 0.5, 1]) == ["0.0", "0.5", "1.0"])
    #expect(Ticks.labels([0, 5, 10]) == ["0", "5", "10"])
    #expect(Ticks.labels([0, 0.25, 0.5]) == ["0.00", "0.25", "0.50"])
  }

  @Test func mathTextBecomesPlain() {
    #expect(plainText("$\\xi$") == "ξ")
    #expect(plainText("$w(k)$") == "w(k)")
    #expect(plainText("$x_1$") == "x₁")
  }
}

/// The text drawing: size, no escapes without colour, escapes with it.
struct TextPlotTests {
  @Test func pipeSizeAndColours() {
    let f = Figure()
    f.axes(rows: 1, columns: 1, index: 0).add(Series(kind: .line, x: [0, 1, 2], y: [1, 0, 1]))
    let plain = f.text(columns: 80, rows: 24)
    #expect(plain.split(separator: "\n", omittingEmptySubsequences: false).count == 25)
    #expect(!plain.contains("\u{1B}"))
    #expect(f.text(columns: 80, rows: 24, colors: .basic).contains("\u{1B}[34m"))
    #expect(f.text(columns: 80, rows: 24, colors: .truecolor).contains("\u{1B}[38;2;31;119;180m"))
  }
}

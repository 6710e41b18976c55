import Foundation

/// Paints a scene into RGB pixels: no anti-aliasing, a 3×5 pixel font scaled up for text.
struct Raster {
  let width: Int
  let height: Int
  private(set) var pixels: [UInt8]
  let scene: Scene

  init(_ scene: Scene) {
    self.scene = scene
    width = max(1, min(20_000, Int(scene.width)))
    height = max(1, min(20_000, Int(scene.height)))
    pixels = [UInt8](repeating: 255, count: width * height * 3)
  }

  mutating func paint() {
    for shape in scene.shapes {
      switch shape {
      case .rect(let r, let fill, let stroke, let clip):
        if let fill { fillRect(r.x, r.y, r.x + r.width, r.y + r.height, fill, clip) }
        if let stroke {
          let corners = [
            (r.x, r.y), (r.x + r.width, r.y), (r.x + r.width, r.y + r.height), (r.x, r.y + r.height), (r.x, r.y),
          ]
          polyline(corners, stroke, 1, [], clip)
        }
      case .polyline(let points, let color, let width, let dashes, let clip):
        polyline(points, color, width, dashes, clip)
      case .marker(let m, let x, let y, let size, let color, let clip):
        let r = m == .point || m == .pixel ? size / 2 : size
        if m == .square {
          fillRect(x - r, y - r, x + r, y + r, color, clip)
        } else {
          disc(x, y, r, color, clip)
        }
      case .text(let s, let x, let y, let size, let anchor, let vertical, let color):
        text(s, x, y, size, anchor, vertical, color)
      }
    }
  }

  mutating func set(_ x: Int, _ y: Int, _ c: RGB, _ clip: Scene.Rect?) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    if let clip {
      let fx = Double(x)
      let fy = Double(y)
      guard fx >= clip.x - 0.5, fx <= clip.x + clip.width + 0.5, fy >= clip.y - 0.5, fy <= clip.y + clip.height + 0.5
      else { return }
    }
    let i = (y * width + x) * 3
    pixels[i] = c.r
    pixels[i + 1] = c.g
    pixels[i + 2] = c.b
  }

  mutating func fillRect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: RGB, _ clip: Scene.Rect?) {
    guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
    func clamped(_ v: Double, _ upper: Int) -> Int { Int(min(max(v, 0), Double(upper)).rounded()) }
    let a = clamped(min(x0, x1), width)
    let b = clamped(max(x0, x1), width)
    let top = clamped(min(y0, y1), height)
    let bottom = clamped(max(y0, y1), height)
    guard a < b, top < bottom else { return }
    for y in top..<bottom { for x in a..<b { set(x, y, c, clip) } }
  }

  mutating func disc(_ cx: Double, _ cy: Double, _ r: Double, _ c: RGB, _ clip: Scene.Rect?) {
    guard cx.isFinite, cy.isFinite, abs(cx) < 1e6, abs(cy) < 1e6 else { return }
    let n = Int(r.rounded(.up))
    for dy in -n...n {
      for dx in -n...n where Double(dx * dx + dy * dy) <= r * r + 0.5 {
        set(Int(cx.rounded()) + dx, Int(cy.rounded()) + dy, c, clip)
      }
    }
  }

  mutating func polyline(_ points: [(Double, Double)], _ c: RGB, _ w: Double, _ dashes: [Double], _ clip: Scene.Rect?) {
    var phase = 0
    let pattern = dashes.map { max(1, Int($0.rounded())) }
    let period = pattern.reduce(0, +)
    let half = max(0, Int((w / 2).rounded(.down)))
    for i in 1..<max(1, points.count) {
      guard
        let (p, q) = Clip.segment(points[i - 1], points[i], width: Double(width - 1), height: Double(height - 1))
      else { continue }
      Clip.walk(from: p, to: q) { x, y in
        if period == 0 || Clip.isOn(pattern, phase % period) {
          for oy in -half...half { for ox in -half...half { set(x + ox, y + oy, c, clip) } }
        }
        phase += 1
      }
    }
  }

  /// Text in the 3×5 font, `size` pixels tall (baseline at y), turned a quarter left when vertical.
  mutating func text(
    _ s: String, _ x: Double, _ y: Double, _ size: Double, _ anchor: Scene.Anchor, _ vertical: Bool, _ c: RGB
  ) {
    guard x.isFinite, y.isFinite, abs(x) < 1e6, abs(y) < 1e6 else { return }
    let k = max(1, Int((size / 6).rounded()))
    let advance = 4 * k
    let length = Double(s.count * advance - k)
    let start = anchor == .start ? 0 : anchor == .middle ? -length / 2 : -length
    for (i, ch) in s.enumerated() {
      let rows = Font.glyph(ch)
      for (r, bits) in rows.enumerated() {
        for col in 0..<3 where bits & (4 >> col) != 0 {
          for oy in 0..<k {
            for ox in 0..<k {
              let u = Int(start.rounded()) + i * advance + col * k + ox
              let v = (r - 5) * k + oy
              if vertical {
                set(Int(x.rounded()) + v, Int(y.rounded()) - u, c, nil)
              } else {
                set(Int(x.rounded()) + u, Int(y.rounded()) + v, c, nil)
              }
            }
          }
        }
      }
    }
  }
}

/// A 3×5 pixel font: each glyph is five rows of three bits (4 = left column), top row first.
enum Font {
  static func glyph(_ ch: Character) -> [Int] {
    let key = Character(String(ch).uppercased().first.map(String.init) ?? "?")
    let code = table[key] ?? (ch == " " ? "00000" : "77777")
    return code.compactMap { $0.wholeNumberValue }
  }

  static let table: [Character: String] = [
    "0": "75557", "1": "26227", "2": "71747", "3": "71317", "4": "55711", "5": "74717", "6": "74757",
    "7": "71222", "8": "75757", "9": "75717", "A": "25755", "B": "65656", "C": "34443", "D": "65556",
    "E": "74647", "F": "74644", "G": "34553", "H": "55755", "I": "72227", "J": "11152", "K": "55655",
    "L": "44447", "M": "57755", "N": "65555", "O": "25552", "P": "65644", "Q": "25571", "R": "65655",
    "S": "34216", "T": "72222", "U": "55557", "V": "55552", "W": "55775", "X": "55255", "Y": "55222",
    "Z": "71247", ".": "00002", ",": "00024", "-": "00700", "+": "02720", "(": "24442", ")": "42224",
    ":": "02020", "=": "07070", "/": "11244", "'": "22000", "_": "00007", "%": "51245", "!": "22202",
    "?": "71202", "*": "52725", "[": "64446", "]": "31113", "<": "12421", ">": "42124", "|": "22222",
    "^": "25000", " ": "00000", "Ξ": "70707", "·": "00200", "×": "05250", "−": "00700",
  ]
}

/// PNG encoding: 8-bit RGB, one IDAT compressed with zlib.
enum PNG {
  static func encode(width: Int, height: Int, rgb: [UInt8]) -> [UInt8] {
    var raw: [UInt8] = []
    raw.reserveCapacity((width * 3 + 1) * height)
    for y in 0..<height {
      raw.append(0)
      raw.append(contentsOf: rgb[(y * width * 3)..<((y + 1) * width * 3)])
    }
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var header = be32(UInt32(width)) + be32(UInt32(height))
    header += [8, 2, 0, 0, 0]
    chunk("IHDR", header, into: &out)
    chunk("IDAT", Zlib.compress(raw), into: &out)
    chunk("IEND", [], into: &out)
    return out
  }

  static func be32(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
  }

  static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
    let body = Array(type.utf8) + data
    out += be32(UInt32(data.count)) + body + be32(Zlib.crc(body))
  }
}

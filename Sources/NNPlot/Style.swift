/// A colour as 8-bit red, green and blue.
public struct RGB: Hashable, Sendable {
  public var r: UInt8
  public var g: UInt8
  public var b: UInt8

  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }

  /// `#rrggbb` (or `#rgb`), nil when malformed.
  public init?(hex: String) {
    var digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
    if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
    if digits.count == 8 { digits = String(digits.prefix(6)) }
    guard digits.count == 6, let v = UInt32(digits, radix: 16) else { return nil }
    self.init(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
  }

  public var hex: String {
    let digits = [r, g, b].map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }
    return "#" + digits.joined()
  }

  static func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
    func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8(max(0, min(255, (Double(x) + (Double(y) - Double(x)) * t).rounded())))
    }
    return RGB(channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b))
  }

  public static let black = RGB(0, 0, 0)
  public static let white = RGB(255, 255, 255)

  /// matplotlib's default colour cycle (`C0` … `C9`, the tab10 palette).
  public static let cycle: [RGB] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
  ].compactMap { RGB(hex: $0) }

  /// A colour as matplotlib names it: one of `bgrcmykw`, `C0`…`C9`, a CSS name or `#rrggbb`.
  public static func named(_ name: String) -> RGB? {
    let key = name.lowercased()
    if key.hasPrefix("#") { return RGB(hex: key) }
    if key.count == 2, key.hasPrefix("c"), let i = Int(key.dropFirst()), i >= 0, i < cycle.count { return cycle[i] }
    if key.hasPrefix("tab:"), let i = tabNames.firstIndex(of: String(key.dropFirst(4))) { return cycle[i] }
    if let hex = names[key] { return RGB(hex: hex) }
    return nil
  }

  static let tabNames = ["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"]

  static let names: [String: String] = [
    "b": "#0000ff", "g": "#008000", "r": "#ff0000", "c": "#00bfbf", "m": "#bf00bf", "y": "#bfbf00",
    "k": "#000000", "w": "#ffffff", "blue": "#0000ff", "green": "#008000", "red": "#ff0000", "cyan": "#00ffff",
    "magenta": "#ff00ff", "yellow": "#ffff00", "black": "#000000", "white": "#ffffff", "orange": "#ffa500",
    "purple": "#800080", "gray": "#808080", "grey": "#808080", "brown": "#a52a2a", "pink": "#ffc0cb",
    "navy": "#000080", "olive": "#808000", "teal": "#008080", "lime": "#00ff00", "darkblue": "#00008b",
    "darkgreen": "#006400", "darkred": "#8b0000", "lightblue": "#add8e6", "lightgreen": "#90ee90",
    "salmon": "#fa8072", "gold": "#ffd700", "violet": "#ee82ee", "indigo": "#4b0082", "crimson": "#dc143c",
    "steelblue": "#4682b4", "skyblue": "#87ceeb", "coral": "#ff7f50", "tomato": "#ff6347", "silver": "#c0c0c0",
    "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9",
    "darkorange": "#ff8c00", "royalblue": "#4169e1", "forestgreen": "#228b22", "firebrick": "#b22222",
    "seagreen": "#2e8b57", "turquoise": "#40e0d0", "orchid": "#da70d6", "tan": "#d2b48c", "maroon": "#800000",
  ]
}

/// How a line is stroked.
public enum LineStyle: Sendable {
  case solid, dashed, dotted, dashDot, none

  /// The dash pattern of a braille line, in dots: short, so steep dashed lines stay visible.
  var textDashes: [Int] {
    switch self {
    case .solid, .none: []
    case .dashed: [4, 2]
    case .dotted: [1, 2]
    case .dashDot: [4, 2, 1, 2]
    }
  }

  /// The dash pattern as on/off lengths in pixels (files); empty is solid.
  var dashes: [Int] {
    switch self {
    case .solid, .none: []
    case .dashed: [6, 4]
    case .dotted: [2, 3]
    case .dashDot: [6, 3, 2, 3]
    }
  }
}

/// A point marker, as matplotlib's format characters name them.
public enum Marker: Character, Sendable, CaseIterable {
  case point = "."
  case pixel = ","
  case circle = "o"
  case star = "*"
  case cross = "x"
  case plus = "+"
  case square = "s"
  case triangleUp = "^"
  case triangleDown = "v"
  case triangleLeft = "<"
  case triangleRight = ">"
  case diamond = "D"
  case thinDiamond = "d"
  case pentagon = "p"
  case hexagon = "h"
  case octagon = "8"
  case vline = "|"
  case hline = "_"

  /// The character that stands for the marker in a text plot.
  var glyph: Character {
    switch self {
    case .point, .pixel: "·"
    case .circle, .octagon, .hexagon, .pentagon: "•"
    case .star: "*"
    case .cross: "×"
    case .plus: "+"
    case .square: "■"
    case .triangleUp: "▲"
    case .triangleDown: "▼"
    case .triangleLeft: "◀"
    case .triangleRight: "▶"
    case .diamond, .thinDiamond: "◆"
    case .vline: "|"
    case .hline: "_"
    }
  }
}

/// The look of a series: colour (nil: the next one of the cycle), line and marker.
public struct Style: Sendable {
  public var color: RGB?
  public var line: LineStyle
  public var marker: Marker?

  public init(color: RGB? = nil, line: LineStyle = .solid, marker: Marker? = nil) {
    self.color = color
    self.line = line
    self.marker = marker
  }

  /// A matplotlib format string (`'o'`, `'r*'`, `'b--'`, `'k-'`, `'g^:'`): marker, line and
  /// colour in any order. Nil when it is not one.
  public init?(format: String) {
    var color: RGB?
    var line: LineStyle?
    var marker: Marker?
    var chars = Array(format)[...]
    while let c = chars.first {
      if c == "-" || c == ":" {
        let two = String(chars.prefix(2))
        if two == "--" || two == "-." {
          line = two == "--" ? .dashed : .dashDot
          chars = chars.dropFirst(2)
        } else {
          line = c == "-" ? .solid : .dotted
          chars = chars.dropFirst()
        }
      } else if c == "C", chars.count > 1, let d = chars.dropFirst().first, d.isNumber {
        color = RGB.named("C\(d)")
        chars = chars.dropFirst(2)
      } else if "bgrcmykw".contains(c) {
        color = RGB.named(String(c))
        chars = chars.dropFirst()
      } else if let m = Marker(rawValue: c) {
        marker = m
        chars = chars.dropFirst()
      } else {
        return nil
      }
    }
    self.init(color: color, line: line ?? (marker == nil ? .solid : .none), marker: marker)
  }
}

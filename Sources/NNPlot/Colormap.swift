/// Maps a value in [0, 1] to a colour: a few anchor colours interpolated evenly, or (a
/// listed map) one colour per equal part of the range.
public struct Colormap: Sendable {
  public let name: String
  let anchors: [RGB]
  let listed: Bool

  public init(name: String, anchors: [RGB], listed: Bool = false) {
    self.name = name
    self.anchors = anchors.isEmpty ? [.black, .white] : anchors
    self.listed = listed
  }

  /// A named matplotlib colormap (`viridis`, `gray`, `RdBu_r`, ...); unknown names get viridis.
  public init(named name: String) {
    let reversed = name.hasSuffix("_r")
    let base = reversed ? String(name.dropLast(2)) : name
    let hexes = Colormap.table[base] ?? Colormap.table[base.lowercased()] ?? Colormap.table["viridis"] ?? []
    let colors = hexes.compactMap { RGB(hex: $0) }
    self.init(name: name, anchors: reversed ? colors.reversed() : colors)
  }

  /// A `ListedColormap` of the given colours.
  public init(listing colors: [RGB]) {
    self.init(name: "listed", anchors: colors, listed: true)
  }

  public static let viridis = Colormap(named: "viridis")
  public static let gray = Colormap(named: "gray")

  /// The colour at `t` (clamped to [0, 1]).
  public func color(_ t: Double) -> RGB {
    let u = t.isNaN ? 0 : min(1, max(0, t))
    if listed {
      return anchors[min(anchors.count - 1, Int(u * Double(anchors.count)))]
    }
    let position = u * Double(anchors.count - 1)
    let i = min(anchors.count - 2, Int(position))
    return RGB.mix(anchors[i], anchors[i + 1], position - Double(i))
  }

  static let table: [String: [String]] = [
    "viridis": [
      "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725",
    ],
    "plasma": ["#0d0887", "#6a00a8", "#b12a90", "#e16462", "#fca636", "#f0f921"],
    "inferno": ["#000004", "#420a68", "#932667", "#dd513a", "#fca50a", "#fcffa4"],
    "magma": ["#000004", "#3b0f70", "#8c2981", "#de4968", "#fe9f6d", "#fcfdbf"],
    "cividis": ["#00224e", "#35456c", "#666970", "#948e77", "#c8b866", "#fee838"],
    "gray": ["#000000", "#ffffff"], "grey": ["#000000", "#ffffff"],
    "Greys": ["#ffffff", "#000000"], "binary": ["#ffffff", "#000000"], "gist_gray": ["#000000", "#ffffff"],
    "bone": ["#000000", "#545474", "#a7c7c7", "#ffffff"],
    "hot": ["#0b0000", "#ff0000", "#ffff00", "#ffffff"],
    "jet": ["#00007f", "#0000ff", "#00ffff", "#7fff7f", "#ffff00", "#ff0000", "#7f0000"],
    "rainbow": ["#8000ff", "#00b5eb", "#80ffb4", "#ffb360", "#ff0000"],
    "coolwarm": ["#3b4cc0", "#8db0fe", "#dddddd", "#f49a7b", "#b40426"],
    "bwr": ["#0000ff", "#ffffff", "#ff0000"], "seismic": ["#00004c", "#0000ff", "#ffffff", "#ff0000", "#7f0000"],
    "RdBu": ["#67001f", "#d6604d", "#f7f7f7", "#4393c3", "#053061"],
    "RdYlBu": ["#a50026", "#f46d43", "#ffffbf", "#74add1", "#313695"],
    "RdYlGn": ["#a50026", "#f46d43", "#ffffbf", "#66bd63", "#006837"],
    "Spectral": ["#9e0142", "#f46d43", "#ffffbf", "#66c2a5", "#5e4fa2"],
    "PiYG": ["#8e0152", "#f1b6da", "#f7f7f7", "#b8e186", "#276419"],
    "Blues": ["#f7fbff", "#6baed6", "#08306b"], "Reds": ["#fff5f0", "#fb6a4a", "#67000d"],
    "Greens": ["#f7fcf5", "#74c476", "#00441b"], "Oranges": ["#fff5eb", "#fd8d3c", "#7f2704"],
    "Purples": ["#fcfbfd", "#9e9ac8", "#3f007d"], "YlGnBu": ["#ffffd9", "#41b6c4", "#081d58"],
    "cool": ["#00ffff", "#ff00ff"], "spring": ["#ff00ff", "#ffff00"], "summer": ["#008066", "#ffff66"],
    "autumn": ["#ff0000", "#ffff00"], "winter": ["#0000ff", "#00ff80"],
    "Paired": ["#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c"],
    "tab10": ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"],
  ]
}

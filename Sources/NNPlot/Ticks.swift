import Foundation

/// Axis ranges and tick marks at round numbers, as matplotlib chooses them.
enum Ticks {
  /// Tick positions in [lo, hi] with a step of 1, 2, 2.5 or 5 times a power of ten: the
  /// smallest step that gives at most `maxCount` ticks.
  static func positions(_ lo: Double, _ hi: Double, maxCount: Int) -> [Double] {
    guard lo.isFinite, hi.isFinite, hi > lo else { return lo.isFinite ? [lo] : [] }
    let limit = max(2, maxCount)
    let span = hi - lo
    var magnitude = pow(10, (log10(span / Double(limit))).rounded(.down))
    for _ in 0..<4 {
      for m in [1.0, 2, 2.5, 5, 10] {
        let step = m * magnitude
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        if last - first + 1 <= Double(limit) {
          // Counted in integers: near 1e16 adding 1 to a Double no longer moves it.
          guard first.isFinite, last >= first else { return [] }
          return (0...Int(last - first)).map { k in
            let v = (first + Double(k)) * step
            return v == 0 ? 0 : v
          }
        }
      }
      magnitude *= 10
    }
    return [lo, hi]
  }

  /// Labels for ticks, all with the decimals their step needs (`0.0 0.5 1.0`, `0 5 10`).
  static func labels(_ ticks: [Double]) -> [String] {
    guard ticks.count > 1 else { return ticks.map { format($0, decimals: $0 == $0.rounded() ? 0 : 2) } }
    let step = abs(ticks[1] - ticks[0])
    let largest = ticks.map { abs($0) }.max() ?? 0
    if largest >= 1e5 || (step > 0 && step < 1e-4) {
      return ticks.map { scientific($0) }
    }
    var decimals = 0
    while decimals < 8 {
      let scale = pow(10, Double(decimals))
      if ticks.allSatisfy({ abs(($0 * scale).rounded() - $0 * scale) < 1e-6 }) { break }
      decimals += 1
    }
    return ticks.map { format($0, decimals: decimals) }
  }

  static func format(_ v: Double, decimals: Int) -> String {
    let s = String(format: "%.\(decimals)f", v)
    return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
  }

  static func scientific(_ v: Double) -> String {
    if v == 0 { return "0" }
    return String(format: "%.3g", v)
  }

  /// The range an axis shows: the given limits, else the data's with matplotlib's 5%
  /// margins (none for images and contours, whose edges are the data's).
  static func range(data: [Double], margin: Bool, sticky: [Double] = []) -> (Double, Double) {
    let finite = data.filter { $0.isFinite }
    guard var lo = finite.min(), var hi = finite.max() else { return (0, 1) }
    if lo == hi {
      let d = lo == 0 ? 0.055 : abs(lo) * 0.05
      return (lo - d, hi + d)
    }
    if margin && (hi - lo).isFinite {
      let pad = (hi - lo) * 0.05
      // A bar's base (0) stays on the edge, as matplotlib's sticky edges keep it.
      lo = sticky.contains(lo) ? lo : lo - pad
      hi = sticky.contains(hi) ? hi : hi + pad
    }
    return (lo, hi)
  }
}

/// The ranges one axes shows.
struct Limits {
  var x0: Double
  var x1: Double
  var y0: Double
  var y1: Double
  /// Images put row 0 at the top: y grows downward.
  var yInverted: Bool

  init(_ axes: Axes) {
    var xs: [Double] = []
    var ys: [Double] = []
    var sticky: [Double] = []
    var margin = true
    var inverted = false
    for s in axes.series {
      switch s.kind {
      case .line, .scatter:
        xs += s.x
        ys += s.y
      case .bars(let width):
        for (x, y) in zip(s.x, s.y) {
          xs += [x - width / 2, x + width / 2]
          ys += [0, y]
        }
        sticky.append(0)
      case .heat(let g), .image(let g):
        let e = g.extent
        xs += [e.x0, e.x1]
        ys += [e.y0, e.y1]
        margin = false
        if case .image = s.kind { inverted = true }
      case .horizontal(let y): ys.append(y)
      case .vertical(let x): xs.append(x)
      }
    }
    let xr = axes.xLimits ?? Ticks.range(data: xs, margin: margin, sticky: sticky)
    var yr = axes.yLimits ?? Ticks.range(data: ys, margin: margin, sticky: sticky)
    if inverted && axes.yLimits == nil { yr = (min(yr.0, yr.1), max(yr.0, yr.1)) }
    x0 = xr.0
    x1 = xr.1
    y0 = yr.0
    y1 = yr.1
    yInverted = inverted && axes.yLimits == nil
  }

  /// Ticks and labels for x: the axes' own, the bar categories, or round numbers.
  func xTicks(_ axes: Axes, maxCount: Int) -> [(Double, String)] {
    if let t = axes.xTicks { return t.filter { $0.0 >= min(x0, x1) && $0.0 <= max(x0, x1) } }
    if let names = axes.xCategories {
      return names.enumerated().map { (Double($0.offset), $0.element) }
    }
    let t = Ticks.positions(min(x0, x1), max(x0, x1), maxCount: maxCount)
    return Array(zip(t, Ticks.labels(t)))
  }

  func yTicks(_ axes: Axes, maxCount: Int) -> [(Double, String)] {
    if let t = axes.yTicks { return t.filter { $0.0 >= min(y0, y1) && $0.0 <= max(y0, y1) } }
    let t = Ticks.positions(min(y0, y1), max(y0, y1), maxCount: maxCount)
    return Array(zip(t, Ticks.labels(t)))
  }

  /// x as a fraction of the axes' width (0 left, 1 right).
  func fx(_ x: Double) -> Double { x1 != x0 ? (x - x0) / (x1 - x0) : 0.5 }
  /// y as a fraction of the axes' height from the top (0 top, 1 bottom).
  func fy(_ y: Double) -> Double {
    guard y1 != y0 else { return 0.5 }
    return yInverted ? (y - y0) / (y1 - y0) : (y1 - y) / (y1 - y0)
  }
  /// The data point at fractions of the width and height from the top.
  func point(fx: Double, fy: Double) -> (Double, Double) {
    (x0 + fx * (x1 - x0), yInverted ? y0 + fy * (y1 - y0) : y1 - fy * (y1 - y0))
  }
}

/// matplotlib's mathtext, reduced to plain text: `$\xi$` → `ξ`, `$w_0$` → `w₀`.
public func plainText(_ s: String) -> String {
  guard s.contains("$") || s.contains("\\") else { return s }
  var out = ""
  var chars = Array(s.replacingOccurrences(of: "$", with: ""))[...]
  while let c = chars.first {
    chars = chars.dropFirst()
    switch c {
    case "\\":
      let name = String(chars.prefix { $0.isLetter })
      chars = chars.dropFirst(name.count)
      out += greek[name] ?? name
      if chars.first == " " && !name.isEmpty { chars = chars.dropFirst() }
    case "_", "^":
      var group = ""
      if chars.first == "{" {
        group = String(chars.dropFirst().prefix { $0 != "}" })
        chars = chars.dropFirst(group.count + 2)
      } else if let n = chars.first {
        group = String(n)
        chars = chars.dropFirst()
      }
      let table = c == "_" ? subscripts : superscripts
      out += group.allSatisfy { table[$0] != nil } ? String(group.compactMap { table[$0] }) : group
    case "{", "}": break
    default: out.append(c)
    }
  }
  return out
}

private let greek: [String: String] = [
  "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eta": "η", "theta": "θ",
  "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ",
  "chi": "χ", "psi": "ψ", "omega": "ω", "Delta": "Δ", "Sigma": "Σ", "Theta": "Θ", "Omega": "Ω", "nabla": "∇",
  "partial": "∂", "times": "×", "cdot": "·", "infty": "∞", "leq": "≤", "geq": "≥", "approx": "≈",
  "mathcal": "", "mathbf": "", "mathrm": "", "text": "", "hat": "", "mathbb": "",
]
private let subscripts: [Character: Character] = [
  "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", "i": "ᵢ",
  "j": "ⱼ", "k": "ₖ", "n": "ₙ", "t": "ₜ", "+": "₊", "-": "₋",
]
private let superscripts: [Character: Character] = [
  "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "n": "ⁿ",
  "i": "ⁱ", "T": "ᵀ", "+": "⁺", "-": "⁻",
]

extension Axes {
  /// The x and y ranges the axes shows now (set or from the data).
  public var currentLimits: (x: (Double, Double), y: (Double, Double)) {
    let l = Limits(self)
    return ((l.x0, l.x1), l.yInverted ? (l.y1, l.y0) : (l.y0, l.y1))
  }
}

import Foundation

extension Figure {
  /// The figure as an SVG document (matplotlib's size: 100 pixels per inch).
  public func svg() -> String {
    let scene = Scene(self, scale: 1)
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(n(scene.width))" height="\(n(scene.height))" \
      viewBox="0 0 \(n(scene.width)) \(n(scene.height))" font-family="DejaVu Sans, Arial, sans-serif">
      <rect width="100%" height="100%" fill="#ffffff"/>

      """
    var clips: [String: Int] = [:]
    func clipAttribute(_ r: Scene.Rect?) -> String {
      guard let r else { return "" }
      let key = "\(n(r.x)),\(n(r.y)),\(n(r.width)),\(n(r.height))"
      if let id = clips[key] { return " clip-path=\"url(#c\(id))\"" }
      let id = clips.count
      clips[key] = id
      out +=
        "<clipPath id=\"c\(id)\"><rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\"/></clipPath>\n"
      return " clip-path=\"url(#c\(id))\""
    }
    for shape in scene.shapes {
      switch shape {
      case .rect(let r, let fill, let stroke, let clip):
        let c = clipAttribute(clip)
        out += "<rect x=\"\(n(r.x))\" y=\"\(n(r.y))\" width=\"\(n(r.width))\" height=\"\(n(r.height))\""
        out += " fill=\"\(fill?.hex ?? "none")\""
        if let stroke { out += " stroke=\"\(stroke.hex)\" stroke-width=\"0.8\"" }
        out += c + "/>\n"
      case .polyline(let points, let color, let width, let dashes, let clip):
        let c = clipAttribute(clip)
        let p = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        out += "<polyline points=\"\(p)\" fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"\(n(width))\""
        if !dashes.isEmpty { out += " stroke-dasharray=\"\(dashes.map(n).joined(separator: ","))\"" }
        out += c + "/>\n"
      case .marker(let m, let x, let y, let size, let color, let clip):
        let c = clipAttribute(clip)
        switch m {
        case .square:
          out +=
            "<rect x=\"\(n(x - size))\" y=\"\(n(y - size))\" width=\"\(n(2 * size))\" height=\"\(n(2 * size))\" fill=\"\(color.hex)\"\(c)/>\n"
        case .cross, .plus, .star:
          let d = size * 1.2
          let lines = m == .plus ? [(0.0, -d, 0.0, d), (-d, 0.0, d, 0.0)] : [(-d, -d, d, d), (-d, d, d, -d)]
          for (x0, y0, x1, y1) in lines + (m == .star ? [(0.0, -d, 0.0, d)] : []) {
            out +=
              "<line x1=\"\(n(x + x0))\" y1=\"\(n(y + y0))\" x2=\"\(n(x + x1))\" y2=\"\(n(y + y1))\" stroke=\"\(color.hex)\" stroke-width=\"1.5\"\(c)/>\n"
          }
        default:
          let r = m == .point || m == .pixel ? size / 2 : size
          out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(color.hex)\"\(c)/>\n"
        }
      case .text(let s, let x, let y, let size, let anchor, let vertical, let color):
        out += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\""
        if vertical { out += " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" }
        if color != .black { out += " fill=\"\(color.hex)\"" }
        out += ">\(escaped(s))</text>\n"
      }
    }
    return out + "</svg>\n"
  }

  /// The figure as PNG bytes, `scale` times matplotlib's 100 pixels per inch.
  public func png(scale: Double = 1) -> [UInt8] {
    var raster = Raster(Scene(self, scale: scale))
    raster.paint()
    return PNG.encode(width: raster.width, height: raster.height, rgb: raster.pixels)
  }
}

/// A coordinate with at most two decimals and no trailing zeros.
private func n(_ v: Double) -> String {
  let r = (v * 100).rounded() / 100
  if r == r.rounded() && abs(r) < 1e15 { return String(Int64(r)) }
  return String(format: "%.2f", r).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
}

private func escaped(_ s: String) -> String {
  s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;")
}

extension Figure {
  public func svg() -> String { "" }
  public func png(scale: Double = 1) -> [UInt8] { [] }
}

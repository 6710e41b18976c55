/// A Ctrl-C request, set from a signal handler and polled at loop back-edges and calls.
/// The flag is a plain C-compatible word that a handler may write.
public final class Interrupt: @unchecked Sendable {
  private let flag: UnsafeMutablePointer<Int32>

  public init() {
    flag = .allocate(capacity: 1)
    flag.initialize(to: 0)
  }

  deinit { flag.deallocate() }

  /// The word a signal handler sets to 1.
  public var address: UnsafeMutablePointer<Int32> { flag }

  @inline(__always) func check() throws(PyError) {
    if flag.pointee != 0 {
      flag.pointee = 0
      throw PyError("KeyboardInterrupt", "")
    }
  }
}

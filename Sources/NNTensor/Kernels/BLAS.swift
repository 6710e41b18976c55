import CBLAS
import Foundation

/// Process-wide OpenBLAS settings.
public enum BLAS {
  /// One BLAS thread: on two shared cores a second thread gains nothing for the tutorials'
  /// shapes, and OpenBLAS's spinning threads slow everything when the machine is busy.
  public static func useOneThread() { openblas_set_num_threads(1) }

  /// Products at least this many flops use every core: a second thread halves a 1024² product
  /// (NumPy threads it too), while the tutorials' small products stay on one.
  static let threadedFlops = 500_000_000

  /// Runs `body` (one BLAS call) with every core when the product is large enough to pay.
  static func run(flops: Int, _ body: () -> Void) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    guard flops >= threadedFlops && cores > 1 else { return body() }
    openblas_set_num_threads(Int32(cores))
    body()
    openblas_set_num_threads(1)
  }
}

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

extension BLAS {
  /// `C = alpha·op(A)·op(B) + beta·C` on row-major float64 buffers (`cblas_dgemm`), where
  /// op(A) is m×k and op(B) is k×n. For callers that keep their own buffers (NNLearn's fit
  /// loop) and must not allocate per call. Sizes must fit BLAS's 32-bit integers.
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    guard m > 0, n > 0 else { return }
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
}

import CBLAS

/// Process-wide OpenBLAS settings.
public enum BLAS {
  /// One BLAS thread: on two shared cores a second thread gains nothing for the tutorials'
  /// shapes, and OpenBLAS's spinning threads slow everything when the machine is busy.
  public static func useOneThread() { openblas_set_num_threads(1) }
}

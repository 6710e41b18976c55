// OpenBLAS's CBLAS interface plus the LAPACK routines nn calls (Fortran calling convention:
// every argument by pointer, column-major storage).
#include <cblas.h>

void openblas_set_num_threads(int num_threads);

void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);
void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetri_(const int *n, double *a, const int *lda, const int *ipiv, double *work,
             const int *lwork, int *info);
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b,
             const int *ldb, double *s, const double *rcond, int *rank, double *work,
             const int *lwork, int *iwork, int *info);
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work,
             const int *lwork, int *iwork, int *info);
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info);
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda, double *wr,
            double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr, double *work,
            const int *lwork, int *info);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work,
             const int *lwork, int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda, const double *tau,
             double *work, const int *lwork, int *info);

// The SSE status flags (invalid, divide-by-zero, overflow, underflow) that NumPy reports as
// RuntimeWarnings. Reading MXCSR costs a few cycles where feclearexcept/fetestexcept cost ~150 ns.
#include <fenv.h>
#if defined(__x86_64__)
static inline unsigned nn_fp_status(void) { return __builtin_ia32_stmxcsr() & 0x1du; }
static inline void nn_fp_clear(void) {
  unsigned csr = __builtin_ia32_stmxcsr();
  if (csr & 0x1du) __builtin_ia32_ldmxcsr(csr & ~0x1du);
}
static const unsigned nn_fp_invalid = 0x01u, nn_fp_divbyzero = 0x04u, nn_fp_overflow = 0x08u,
                      nn_fp_underflow = 0x10u;
#else
static inline unsigned nn_fp_status(void) {
  return (unsigned)fetestexcept(FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW);
}
static inline void nn_fp_clear(void) { feclearexcept(FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW); }
static const unsigned nn_fp_invalid = FE_INVALID, nn_fp_divbyzero = FE_DIVBYZERO,
                      nn_fp_overflow = FE_OVERFLOW, nn_fp_underflow = FE_UNDERFLOW;
#endif

// Whether the processor has AVX-512F, as NumPy's dispatch asks before it runs SVML's kernels
// (and so AVX2 and FMA, which NNVectorMath is compiled for).
static inline int nn_cpu_has_avx512f(void) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return 0;
#endif
}

// The one C entry point of ccplan: OpenBLAS's CBLAS (cblas.h, which also declares
// openblas_set_num_threads) and netlib's LAPACKE, which calls into OpenBLAS's LAPACK.
// Facts behind this choice: shared/docs/linear-algebra.md.
#ifndef CCPLAN_CLAPACK_SHIM_H
#define CCPLAN_CLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
// Exported by OpenBLAS (pthreads and OpenMP builds) but not declared in its headers: stops its
// worker threads; a later multithreaded call starts them again.
int blas_thread_shutdown_(void);
#endif

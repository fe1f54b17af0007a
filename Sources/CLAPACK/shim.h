// The one C entry point of ccplan: OpenBLAS's CBLAS (cblas.h, which also declares
// openblas_set_num_threads) and netlib's LAPACKE, which calls into OpenBLAS's LAPACK.
// Facts behind this choice: shared/docs/linear-algebra.md.
#ifndef CCPLAN_CLAPACK_SHIM_H
#define CCPLAN_CLAPACK_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif

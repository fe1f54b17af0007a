// COIN-OR CBC's C interface (Debian coinor-libcbc-dev, pkg-config `cbc`). Only the module
// Optimization imports it, and only in CbcBackend.swift. Facts and pitfalls:
// shared/docs/optimization.md and the doc comment of Optimization/CbcBackend.swift.
#ifndef CCPLAN_CCBC_SHIM_H
#define CCPLAN_CCBC_SHIM_H
#include <coin/Cbc_C_Interface.h>
#endif

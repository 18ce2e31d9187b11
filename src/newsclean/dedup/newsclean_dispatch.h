/* NEWSCLEAN_DISPATCH, written before a C function of the compiled dedup modules: GCC
 * builds the function twice, for AVX2 and for the processor family's baseline, and an
 * ifunc picks one when the module loads (target_clones). Only where that is supported
 * (GCC 6 or later, x86-64 Linux with glibc); elsewhere one baseline build, the same
 * results. The loops so marked do integer arithmetic or keep each sum's order, with no
 * fused multiply-add, so both builds give the same numbers. */
#ifndef NEWSCLEAN_DISPATCH_H
#define NEWSCLEAN_DISPATCH_H
#include <stdlib.h> /* defines __GLIBC__ on glibc */
#if defined(__GNUC__) && __GNUC__ >= 6 && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && defined(__GLIBC__)
#define NEWSCLEAN_DISPATCH __attribute__((target_clones("avx2", "default")))
#else
#define NEWSCLEAN_DISPATCH
#endif
#endif

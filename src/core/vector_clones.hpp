// Wider vector instructions where the processor has them, without building
// for a newer processor than the oldest one the library supports: a function
// marked KEFU_VECTOR_CLONES is compiled twice, for AVX2 and for the baseline,
// and the loader picks one at start-up.
//
// AVX2 without FMA does the same additions and multiplications per element
// as the baseline's SSE2, in the same order, so the results (and the models
// that training writes) are the same bit for bit on every machine.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define KEFU_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define KEFU_VECTOR_CLONES
#endif

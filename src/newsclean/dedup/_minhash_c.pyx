# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The MinHash inner loop in C: ``min_k(a_k * h + b_k mod 2^32)`` over a document's shingles.

numpy computes it as three passes over a (permutations x shingles) matrix in memory; here
each shingle's 32-bit products stay in registers and the running minima (one row of at
most a few hundred values) in the L1 cache, and the compiler vectorises the loop over
permutations (with AVX2 where the processor has it, see below). Same arithmetic, so
bit-identical signatures (tests/test_dedup.py checks it against the numpy path and
datasketch). minhash.py uses the numpy path when this module was not built.
"""

from libc.stdint cimport int64_t, uint32_t, uint64_t


# The loop itself is C, compiled twice where GCC can dispatch at load time
# (newsclean_dispatch.h): once for AVX2, once for the baseline. The baseline x86-64 has no
# packed 32-bit multiply (SSE4.1's pmulld), so there the compiler emulates it with
# pmuludq and shuffles; with AVX2 each instruction does eight. benchmarks/dedup.py's
# MinHash table, 128 permutations: ~50 ns a hashed shingle before, 20 ns with the AVX2
# build. Integer arithmetic, so both builds give the same signatures on every machine.
cdef extern from "newsclean_dispatch.h":
    """
    #include <stdint.h>
    #include <stddef.h>
    NEWSCLEAN_DISPATCH
    static void newsclean_minhash_row(const uint32_t *restrict mixed, ptrdiff_t count, const uint32_t *restrict a,
                                      const uint32_t *restrict b, uint32_t *restrict row, ptrdiff_t perms) {
        ptrdiff_t i = 0, k;
        uint32_t h0, h1, h2, h3, m, v;
        /* Four shingles per pass over the row: a quarter of the loads and stores of the minima. */
        while (i + 4 <= count) {
            h0 = mixed[i]; h1 = mixed[i + 1]; h2 = mixed[i + 2]; h3 = mixed[i + 3];
            for (k = 0; k < perms; k++) {
                m = row[k];
                v = a[k] * h0 + b[k]; m = v < m ? v : m;
                v = a[k] * h1 + b[k]; m = v < m ? v : m;
                v = a[k] * h2 + b[k]; m = v < m ? v : m;
                v = a[k] * h3 + b[k]; m = v < m ? v : m;
                row[k] = m;
            }
            i += 4;
        }
        for (; i < count; i++) {
            h0 = mixed[i];
            for (k = 0; k < perms; k++) {
                v = a[k] * h0 + b[k];
                if (v < row[k]) row[k] = v;
            }
        }
    }
    """
    void newsclean_minhash_row(const uint32_t* mixed, Py_ssize_t count, const uint32_t* a,
                               const uint32_t* b, uint32_t* row, Py_ssize_t perms) noexcept nogil


def signatures_into(const uint32_t[::1] mixed, const int64_t[::1] starts, const int64_t[::1] ends,
                    const uint32_t[::1] a, const uint32_t[::1] b, uint32_t[:, ::1] out):
    """Fold the shingles ``mixed[starts[d]:ends[d]]`` (fmix32-mixed hashes) into row ``d`` of
    ``out`` (filled with 0xFFFFFFFF by the caller), for every document ``d``."""
    cdef Py_ssize_t docs = starts.shape[0], perms = a.shape[0], d
    if ends.shape[0] != docs or out.shape[0] != docs or out.shape[1] != perms or b.shape[0] != perms:
        raise ValueError("signatures_into: shapes disagree")
    for d in range(docs):
        if starts[d] < 0 or ends[d] > mixed.shape[0] or starts[d] > ends[d]:
            raise ValueError("signatures_into: a document's range lies outside the hashes")
    if perms == 0 or mixed.shape[0] == 0:
        return
    with nogil:
        for d in range(docs):
            newsclean_minhash_row(&mixed[starts[d]], ends[d] - starts[d], &a[0], &b[0], &out[d, 0], perms)


cdef uint32_t _POLY = 0x01000193U


cdef inline uint32_t _fmix32(uint32_t h) noexcept nogil:
    h ^= h >> 16
    h *= 0x85EBCA6BU
    h ^= h >> 13
    h *= 0xC2B2AE35U
    h ^= h >> 16
    return h


def hash_strings(list strings, uint32_t seed_mix):
    """``shingles.token_hash`` of every string: a polynomial over its code points, xor
    ``seed_mix``, then MurmurHash3's finalizer (shingles.py has the definition and the numpy
    path, which joins and re-encodes the strings: that copy cost more than the MinHash)."""
    import numpy as np

    cdef Py_ssize_t n = len(strings), i
    out = np.empty(n, dtype=np.uint32)
    cdef uint32_t[::1] view = out
    cdef str text
    cdef Py_UCS4 ch
    cdef uint32_t h
    for i in range(n):
        text = strings[i]
        if text is None:
            raise TypeError("hash_strings takes str, got None")
        h = 0
        for ch in text:
            h = h * _POLY + <uint32_t>ch
        view[i] = _fmix32(h ^ seed_mix)
    return out


cdef inline uint64_t _splitmix64(uint64_t z) noexcept nogil:
    z += <uint64_t>0x9E3779B97F4A7C15ULL
    z = (z ^ (z >> 30)) * <uint64_t>0xBF58476D1CE4E5B9ULL
    z = (z ^ (z >> 27)) * <uint64_t>0x94D049BB133111EBULL
    return z ^ (z >> 31)


def term_keys(const uint32_t[::1] hashes, uint64_t salt):
    """lsh.term_keys: each hash with the salt, mixed, as a list of ints (numpy's version
    spends ~9 us of array operations on a story's 40 terms)."""
    cdef Py_ssize_t i, n = hashes.shape[0]
    out = [None] * n
    for i in range(n):
        out[i] = _splitmix64(salt | <uint64_t>hashes[i])
    return out


def band_keys(const uint32_t[::1] signature, const uint64_t[::1] seeds, Py_ssize_t rows):
    """lsh.band_keys: one key per band (one per seed), the band's rows mixed into its seed
    in order, as a list of ints. numpy's version makes an array per row; an add
    computes the keys of every report again, and refinement once per look."""
    cdef Py_ssize_t bands = seeds.shape[0], band, row
    cdef uint64_t acc
    if signature.shape[0] < bands * rows:
        raise ValueError("the signature is shorter than bands x rows")
    out = [None] * bands
    for band in range(bands):
        acc = seeds[band]
        for row in range(rows):
            acc = _splitmix64(acc ^ <uint64_t>signature[band * rows + row])
        out[band] = acc
    return out

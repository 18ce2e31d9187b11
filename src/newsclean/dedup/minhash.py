"""MinHash signatures identical to datasketch's, computed in one numpy pass.

datasketch (>= 2.0, scheme ``affine32``) pre-mixes each 32-bit shingle hash with the
MurmurHash3 finalizer, then applies ``a_k * h + b_k mod 2^32`` for every permutation k and
keeps the minimum. We do exactly that, for all shingles of a document at once, with the
permutation parameters taken from datasketch itself, so the signatures are bit-identical
(``tests/test_dedup.py`` proves it) and the result is a real ``datasketch.LeanMinHash``
that datasketch's LSH accepts.

The loop itself runs in C (``_minhash_c``, compiled by setup.py) when that module is
built, and in numpy otherwise; both give the same signatures. ``KERNEL`` says which.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from newsclean.dedup._compiled import compiled_module

__all__ = ["KERNEL", "MinHasher", "lean_minhash"]

_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
SCHEME = "affine32"
# Rows of the (shingles x permutations) matrix computed at once: bounds peak memory
# for huge documents while keeping numpy's per-call overhead negligible.
_BLOCK = 2048
# Shingles per batch in MinHasher.signatures: 128 x 4096 x 4 B = 2 MB stays in cache.
_BATCH_SHINGLES = 4096


def _compiled_kernel() -> Callable[..., None] | None:
    module = compiled_module()
    return None if module is None else module.signatures_into


_signatures_into = _compiled_kernel()
KERNEL = "compiled" if _signatures_into is not None else "numpy"


def fmix32(values: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """MurmurHash3's 32-bit finalizer, element-wise (wraps mod 2^32 as intended)."""
    s1, m1, s2, m2, s3 = _FMIX
    h = values ^ (values >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=16)
def _permutations(num_perm: int, seed: int) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """datasketch's "affine32" permutations for ``num_perm`` and ``seed``: odd ``a`` and any
    ``b``, drawn in that order from numpy's legacy RandomState, whose streams numpy keeps
    fixed (tests/test_dedup.py compares them with datasketch's own). Drawn here rather
    than asked of datasketch.MinHash: importing datasketch imports its LSH and scipy with
    it, ~1 s in every process that builds an index (each worker of a corpus run)."""
    generator = np.random.RandomState(seed)
    a32 = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b32 = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a32.setflags(write=False)
    b32.setflags(write=False)
    return a32, b32


class MinHasher:
    """Turns arrays of 32-bit shingle hashes into MinHash signatures.

    >>> hasher = MinHasher(num_perm=64, seed=1)
    >>> sig = hasher.signature(np.array([1, 2, 3], dtype=np.uint32))
    >>> sig.shape, sig.dtype
    ((64,), dtype('uint32'))
    """

    def __init__(self, *, num_perm: int = 128, seed: int = 1) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self._a, self._b = _permutations(num_perm, seed)
        self._a_column, self._b_column = self._a[:, None], self._b[:, None]
        # Scratch space reused by every call: allocating a fresh (permutations x shingles)
        # matrix per document costs more than computing it (page faults). This makes a
        # MinHasher unsafe to share between threads; processes each get their own.
        self._scratch: npt.NDArray[np.uint32] | None = None  # allocated on first use

    def signature(self, hashes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
        """The signature of one set of shingle hashes (all 0xFFFFFFFF when empty)."""
        result = np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint32)
        if hashes.size == 0:
            return result
        mixed = fmix32(np.asarray(hashes, dtype=np.uint32))
        if _signatures_into is not None:
            _signatures_into(np.ascontiguousarray(mixed), np.zeros(1, dtype=np.int64),
                             np.array([mixed.size], dtype=np.int64), self._a, self._b, result.reshape(1, -1))
            return result
        if self._scratch is None:
            self._scratch = np.empty(self.num_perm * _BLOCK, dtype=np.uint32)
        # uint32 array arithmetic wraps mod 2^32 silently, which is the modulus we want.
        for start in range(0, mixed.size, _BLOCK):
            block = mixed[start:start + _BLOCK]
            # permutations x shingles: each row reduces over contiguous memory
            scratch = self._scratch[: self.num_perm * block.size].reshape(self.num_perm, block.size)
            np.multiply(self._a_column, block, out=scratch)
            np.add(scratch, self._b_column, out=scratch)
            np.minimum(result, scratch.min(axis=1), out=result)
        return result

    def signatures(self, hash_sets: Sequence[npt.NDArray[np.uint32]]) -> npt.NDArray[np.uint32]:
        """Signatures of many documents at once (rows), like datasketch's ``MinHash.bulk``.

        Identical to calling :meth:`signature` on each.

        >>> hasher = MinHasher(num_perm=16)
        >>> sets = [np.array([1, 2], dtype=np.uint32), np.array([], dtype=np.uint32)]
        >>> bool((hasher.signatures(sets)[0] == hasher.signature(sets[0])).all())
        True
        """
        lengths = np.fromiter(map(len, hash_sets), dtype=np.int64, count=len(hash_sets))
        flat = np.concatenate(hash_sets) if hash_sets else np.empty(0, dtype=np.uint32)
        return self.signatures_flat(flat.astype(np.uint32, copy=False), lengths)

    def signatures_flat(self, hashes: npt.NDArray[np.uint32], lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.uint32]:
        """Signatures of documents whose shingle hashes lie back to back in ``hashes``.

        All shingles of a cache-sized batch of documents go through the permutations
        together and ``np.minimum.reduceat`` splits the minima by document, so numpy's
        per-call cost is paid per batch, not per document.
        """
        n_docs = len(lengths)
        out = np.full((n_docs, self.num_perm), 0xFFFFFFFF, dtype=np.uint32)
        if n_docs == 0 or hashes.size == 0:
            return out
        ends = np.cumsum(lengths)
        starts = ends - lengths
        mixed = fmix32(hashes)
        if _signatures_into is not None:
            _signatures_into(np.ascontiguousarray(mixed, dtype=np.uint32), starts.astype(np.int64, copy=False),
                             ends.astype(np.int64, copy=False), self._a, self._b, out)
            return out
        doc = 0
        while doc < n_docs:
            if lengths[doc] > _BATCH_SHINGLES:  # one large document: its own blocked pass
                out[doc] = self.signature(hashes[starts[doc]:ends[doc]])
                doc += 1
                continue
            last = max(doc + 1, int(np.searchsorted(ends, starts[doc] + _BATCH_SHINGLES, side="right")))
            last = min(last, n_docs)
            while last > doc + 1 and lengths[last - 1] > _BATCH_SHINGLES:
                last -= 1
            rows = np.arange(doc, last)
            rows = rows[lengths[doc:last] > 0]
            if rows.size:
                low = starts[doc]
                matrix = self._a_column * mixed[low:ends[last - 1]]  # permutations x shingles
                matrix += self._b_column
                out[rows] = np.minimum.reduceat(matrix, starts[rows] - low, axis=1).T
            doc = last
        return out

    def signatures_of_strings(self, shingle_sets: Sequence[Sequence[str]]) -> npt.NDArray[np.uint32]:
        """Hash string shingles (as :func:`~newsclean.dedup.shingles.token_hash`) and sign.

        The batch path for callers with their own shingles: one join, one hashing pass
        and cache-sized MinHash batches for the whole list.
        """
        from newsclean.dedup.shingles import hash_strings

        lengths = np.fromiter(map(len, shingle_sets), dtype=np.int64, count=len(shingle_sets))
        hashes = hash_strings(list(itertools.chain.from_iterable(shingle_sets)), self.seed)
        return self.signatures_flat(hashes, lengths)

    def lean(self, signature: npt.NDArray[np.uint32]) -> object:
        """Wrap a signature as a ``datasketch.LeanMinHash``."""
        return lean_minhash(signature, seed=self.seed)


def lean_minhash(signature: npt.NDArray[np.uint32], *, seed: int) -> object:
    """A ``datasketch.LeanMinHash`` holding ``signature`` (scheme affine32)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=seed, hashvalues=signature, scheme=SCHEME)


def estimate(sig_a: npt.NDArray[np.uint32], sig_b: npt.NDArray[np.uint32]) -> float:
    """MinHash estimate of Jaccard: the share of equal positions."""
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)

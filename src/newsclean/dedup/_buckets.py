"""The LSH bucket loops of lsh.MemoryBuckets: the ids in the buckets of some band keys,
and the insert of one id.

A story-mode add reads 256 buckets for its candidates and writes 256. This plain Python
is what runs without a compiler; setup.py also compiles it with Cython (into
``_buckets_c``, with the C types of _buckets.pxd), which runs the same loops in about
two thirds of the time (``benchmarks/dedup.py``; memory latency of the bucket dict is most
of the rest). A build records the SHA-256 of this file, and lsh.py uses it only when it
is current; tests/test_compiled.py compares the two.

A bucket is one id (most bands are shared by no other document, and a list of one would
cost a list object per band per document) or a list of at most ``cap`` ids.
"""

from __future__ import annotations


def candidates(buckets: dict[int, str | list[str]], keys: list[int]) -> set[str]:
    """The ids in the buckets of ``keys``."""
    found: set[str] = set()
    for key in keys:
        bucket = buckets.get(key)
        if bucket is None:
            continue
        if type(bucket) is str:
            found.add(bucket)
        else:
            found.update(bucket)
    return found


def insert(buckets: dict[int, str | list[str]], doc_id: str, keys: list[int], cap: int) -> None:
    """Put ``doc_id`` in the bucket of each of ``keys`` that holds fewer than ``cap`` ids."""
    for key in keys:
        bucket = buckets.get(key)
        if bucket is None:
            buckets[key] = doc_id
        elif type(bucket) is str:
            buckets[key] = [bucket, doc_id]
        elif len(bucket) < cap:
            bucket.append(doc_id)  # type: ignore[union-attr]

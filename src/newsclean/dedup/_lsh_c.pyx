# cython: language_level=3, boundscheck=False, wraparound=False
"""The LSH bucket loops of lsh.MemoryBuckets in C.

A story-mode add reads 256 buckets for its candidates and writes 256: as Python loops
these were about half the cost of an add on ECB+ (``benchmarks/dedup.py``). Same dict,
same layout (a bucket is one id, or a list of at most ``cap`` ids), same results: lsh.py
runs its Python loops where this module was not built, and tests compare the two.
"""


def candidates(dict buckets, list keys):
    """The ids in the buckets of ``keys``."""
    cdef set found = set()
    cdef object bucket
    for key in keys:
        bucket = buckets.get(key)
        if bucket is None:
            continue
        if type(bucket) is str:
            found.add(bucket)
        else:
            found.update(<list>bucket)
    return found


def insert(dict buckets, str doc_id, list keys, Py_ssize_t cap):
    """Put ``doc_id`` in the bucket of each of ``keys`` that holds fewer than ``cap`` ids."""
    cdef object bucket
    for key in keys:
        bucket = buckets.get(key)
        if bucket is None:
            buckets[key] = doc_id
        elif type(bucket) is str:
            buckets[key] = [bucket, doc_id]
        elif len(<list>bucket) < cap:
            (<list>bucket).append(doc_id)

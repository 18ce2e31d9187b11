"""Banded LSH over MinHash signatures: band keys (C where built, else numpy), buckets in memory or Redis.

Our own instead of datasketch's ``MinHashLSH`` for three reasons, each measured or
shown: datasketch's Redis storage pickles keys and unpickles whatever it reads back
(anyone who can write to the Redis could run code in every process that queries it);
its per-band Python hashing dominated ``DuplicateIndex.add``; and its buckets grow
without bound, so k copies of one story cost k² work. Here a band key is a 64-bit
number mixed from the band's rows and its position (splitmix64 finalizer, in numpy),
buckets hold document ids as UTF-8 strings, and nothing read from storage is executed.

Story mode also keeps each document in a bucket per salient term (:func:`term_keys`, in
the same table), which ``DuplicateIndex.query`` counts with :meth:`MemoryBuckets.shared`: a
rewrite that shares few bands shares names and places (index.TERMS_SHARED).

A bucket keeps at most ``bucket_cap`` ids. A story reprinted more often than that is
still found: every later copy meets the first ``bucket_cap`` in the bucket, and the
clustering (cluster.py) links through them. Without the cap, the 2,000th reprint of a
wire story would re-check 1,999 candidates.

The cap is 16 (it was 64): ``benchmarks/dedup.py`` and ``story_clusters.py`` gave the same
figures before and after (ECB+ dev clusters, the pairs ``query()`` finds), while on a
corpus where every report shares terms with hundreds of others
(``benchmarks/corpus_scale.py``) buckets fill with the first reports of common term
pairs, whose ids swamped the candidates: over 100,000 such reports one process prepared
and added 241 a second before this change and two smaller ones to the add's vote, 359
after. Smaller caps were measured and left: 8 and 4 give ECB+ dev the same clusters and
pairs again, and ``newsclean dedup`` on 20,000 of those dense reports ran ~15% faster at 8,
but gave fewer clusters (15,172 at 16, 14,564 at 8, 13,732 at 4): buckets full of the
first reports vote later ones into the early clusters, a drift no gold there can clear.

A salient term's bucket keeps more, ``TERM_BUCKET_CAP`` (64): nothing votes with those
buckets, and a term is kept once a document (40 terms), so a document takes at most 40
places there whatever the cap; but a query reads them, and at 16 a rewrite whose shared
names were common in the corpus (their buckets full of the corpus's first reports) went
unfound. Of the pairs of SemEval-2022 Task 8's samples that ``similarity()`` links,
``query()`` found 0.979 at 16 (session 75's build) and 0.984 at 64 on the training sample,
where the cap was chosen (32: 0.981 and 128: 0.986 in one-off runs), and 0.976 -> 0.982
on the testing sample, held out (``benchmarks/dedup.py --semeval``). A query counts at
most 40 x 64 ids there (``BucketTable.shared``, in C).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from newsclean.dedup._compiled import compiled_lsh, compiled_module
from newsclean.errors import ConfigError, StorageError

__all__ = ["BUCKET_CAP", "TERM_BUCKET_CAP", "BandKeys", "Labels", "MemoryBuckets", "RedisBuckets", "band_keys", "most_voted", "term_keys"]

BUCKET_CAP = 16
TERM_BUCKET_CAP = 64
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)

BandKeys = list[int]


def _splitmix64(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    z = values + _GOLDEN
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


def band_keys(signature: npt.NDArray[np.uint32], bands: int, rows: int) -> BandKeys:
    """One 64-bit key per band of ``signature`` (the first ``bands * rows`` values).

    >>> sig = np.arange(8, dtype=np.uint32)
    >>> band_keys(sig, 4, 2) == band_keys(sig.copy(), 4, 2), len(band_keys(sig, 4, 2))
    (True, 4)
    """
    if signature.size < bands * rows:
        raise ConfigError(f"a signature of {signature.size} values has no {bands} bands of {rows} rows")
    compiled = compiled_module()
    if compiled is not None and signature.dtype == np.uint32 and signature.ndim == 1 \
            and signature.flags.c_contiguous:
        return compiled.band_keys(signature, _band_seeds(bands), rows)  # type: ignore[no-any-return]
    table = signature[: bands * rows].reshape(bands, rows).astype(np.uint64)
    # uint64 array arithmetic wraps silently (only numpy scalars warn on overflow), and
    # np.errstate cost more than the mixing itself: an add computes 256 keys.
    acc = _band_seeds(bands)
    for row in range(rows):
        acc = _splitmix64(acc ^ table[:, row])
    return acc.tolist()  # type: ignore[no-any-return]


# The high half of a term key's input, so that a term's key and a band's key (mixed from a
# band's seed and rows) share a bucket only by a 64-bit collision.
_TERM_SALT = np.uint64(0x7465726D) << np.uint64(32)  # "term"
_TERM_SALT_INT = int(_TERM_SALT)


def term_keys(term_hashes: npt.NDArray[np.uint32]) -> BandKeys:
    """One 64-bit bucket key for each of a story's salient terms (their 32-bit hashes).

    >>> term_keys(np.array([7, 3], dtype=np.uint32)) == term_keys(np.array([7, 3], dtype=np.uint32))
    True
    """
    compiled = compiled_module()
    if compiled is not None and term_hashes.dtype == np.uint32 and term_hashes.ndim == 1 \
            and term_hashes.flags.c_contiguous:
        return compiled.term_keys(term_hashes, _TERM_SALT_INT)  # type: ignore[no-any-return]
    return _splitmix64(_TERM_SALT | term_hashes.astype(np.uint64)).tolist()  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=8)
def _band_seeds(bands: int) -> npt.NDArray[np.uint64]:
    seeds = _splitmix64(np.arange(bands, dtype=np.uint64))
    seeds.setflags(write=False)
    return seeds


class MemoryBuckets:
    """Band buckets in memory: band key -> ids (at most ``cap`` per bucket).

    Where setup.py built it, the buckets live in C arrays (_bucket_table.pyx: less than half
    the memory and a quarter of the time, ``benchmarks/dedup.py``). Otherwise in a dict, where
    most buckets hold one id forever (a band that no other document shares): such a
    bucket is the id itself, not a list of one, which saves a list object per band per
    document (4.6 KB per document in copy mode's 64 bands) and the cache misses of
    reading it. Both behave the same (tests/test_compiled.py).
    """

    def __init__(self, *, cap: int = BUCKET_CAP, largest: int = TERM_BUCKET_CAP, compiled: bool = True) -> None:
        self.cap = cap
        self.largest = max(cap, largest)  # the largest cap an insert may ask for
        self._buckets: dict[int, str | list[str]] = {}
        self._labels: dict[str, int] = {}
        table = compiled_lsh() if compiled else None
        self._table: Any = table.BucketTable(cap, self.largest) if table is not None else None

    def set_label(self, doc_id: str, label: int) -> None:
        """Give ``doc_id`` (inserted) a label >= 0, which ``most_voted`` counts."""
        if self._table is not None:
            self._table.set_label(doc_id, label)
        elif label < 0:
            raise ValueError("labels are >= 0")
        else:
            self._labels[doc_id] = label

    def labels_copy(self) -> Labels:
        """The labels as they are now, to change apart from the buckets' own and to
        pass to ``most_voted`` (refinement moves reports without changing the index)."""
        if self._table is not None:
            return _TableLabels(self._table, self._table.labels_copy())
        return _DictLabels(dict(self._labels))

    def most_voted(self, keys: BandKeys, *, exclude: str, exclude_label: int, k: int, names: list[str],
                   labels: Labels | None = None) -> list[str]:
        """The names (``names[label]``) of the ``k`` labels with the most documents in the
        buckets of ``keys``, each counted once, without the document ``exclude``, the label
        ``exclude_label`` and documents the buckets hold no label for; ties to the smallest
        name, sorted (:func:`most_voted` of those counts). ``labels`` (``labels_copy``)
        stands in for the buckets' own labels."""
        if k < 1:
            raise ValueError("k >= 1")
        if self._table is not None:
            own = labels.values if isinstance(labels, _TableLabels) else None
            return self._table.most_voted(keys, exclude, exclude_label, k, names, own)  # type: ignore[no-any-return]
        read = labels.values if isinstance(labels, _DictLabels) else self._labels
        votes: dict[str, int] = {}
        for doc_id in self.candidates(keys):
            label = read.get(doc_id, -1)
            if doc_id != exclude and label >= 0 and label != exclude_label and doc_id in self._labels:
                votes[names[label]] = votes.get(names[label], 0) + 1
        return most_voted(votes, k)

    def insert(self, doc_id: str, keys: BandKeys, *, cap: int | None = None) -> None:
        """Put ``doc_id`` in the bucket of each of ``keys`` that holds fewer than ``cap``
        ids (``self.cap`` by default, at most ``self.largest``)."""
        cap = self.cap if cap is None else cap
        if not 1 <= cap <= self.largest:
            raise ConfigError(f"cap must be in 1..{self.largest}, got {cap}")
        if self._table is not None:
            self._table.insert(doc_id, keys, cap)
            return
        buckets = self._buckets
        for key in keys:
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = doc_id
            elif type(bucket) is str:
                if cap > 1:
                    buckets[key] = [bucket, doc_id]
            elif len(bucket) < cap:
                bucket.append(doc_id)  # type: ignore[union-attr]

    def remove(self, doc_id: str, keys: BandKeys) -> None:
        if self._table is not None:
            self._table.remove(doc_id, keys)
            return
        self._labels.pop(doc_id, None)
        for key in keys:
            bucket = self._buckets.get(key)
            if bucket == doc_id:
                del self._buckets[key]
            elif isinstance(bucket, list) and doc_id in bucket:
                bucket.remove(doc_id)
                if len(bucket) == 1:
                    self._buckets[key] = bucket[0]

    def shared(self, keys: BandKeys, weights: list[float], *, least: int = 1) -> dict[str, tuple[int, float]]:
        """For each id in at least ``least`` of the buckets of ``keys``: how many of them
        hold it, and the sum of their ``weights`` (one a key), added in the order of ``keys``."""
        if self._table is not None:
            return self._table.shared(keys, weights, least)  # type: ignore[no-any-return]
        return _tally((self.candidates([key]) for key in keys), weights, least)

    def candidates(self, keys: BandKeys) -> set[str]:
        if self._table is not None:
            return self._table.candidates(keys)  # type: ignore[no-any-return]
        found: set[str] = set()
        buckets = self._buckets
        for key in keys:
            bucket = buckets.get(key)
            if bucket is None:
                continue
            if type(bucket) is str:
                found.add(bucket)
            else:
                found.update(bucket)
        return found


def most_voted(votes: Mapping[str, int], k: int) -> list[str]:
    """The ``k`` names with the most votes, ties to the smallest name, in name order.

    The same as the first ``k`` of all names sorted by (-votes, name), without building
    and sorting a tuple per name: a report in a large corpus meets hundreds of clusters
    by one or two chance candidates. The C bucket table picks the same
    (``MemoryBuckets.most_voted``, tests/test_compiled.py).

    >>> most_voted({"b": 2, "a": 2, "c": 1, "d": 3}, 2)
    ['a', 'd']
    """
    if len(votes) <= k:
        return sorted(votes)
    cut = sorted(votes.values(), reverse=True)[k - 1]
    above = [c for c, n in votes.items() if n > cut]
    tied = sorted(c for c, n in votes.items() if n == cut)
    return sorted(above + tied[: k - len(above)])


class _TableLabels:
    """A copy of the C table's labels, by its document numbers."""

    def __init__(self, table: Any, values: Any) -> None:
        self._table = table
        self.values = values

    def set(self, doc_id: str, label: int) -> None:
        number = self._table.number(doc_id)
        if number < 0:
            raise KeyError(doc_id)
        if number >= len(self.values):  # put in after the copy was made
            self.values.extend([-1] * (number + 1 - len(self.values)))
        self.values[number] = label


class _DictLabels:
    """A copy of the dict buckets' labels, by id."""

    def __init__(self, values: dict[str, int]) -> None:
        self.values = values

    def set(self, doc_id: str, label: int) -> None:
        self.values[doc_id] = label


Labels = _TableLabels | _DictLabels


class RedisBuckets:
    """Band buckets as Redis sets of UTF-8 ids: nothing read back is unpickled or run.

    The cap is approximate under concurrent writers (a size check, then an add): a
    bucket may hold a few more ids, never fewer.
    """

    def __init__(self, client: Any, prefix: str, *, cap: int = BUCKET_CAP) -> None:
        self._client = client
        self._prefix = prefix
        self.cap = cap

    def key(self, band_key: int) -> str:
        return f"{self._prefix}:band:{band_key:016x}"

    def insert_commands(self, pipe: Any, doc_id: str, keys: BandKeys, *, wide: BandKeys | None = None,
                        wide_cap: int = TERM_BUCKET_CAP) -> None:
        """Queue the inserts on ``pipe`` (a MULTI/EXEC pipeline of the caller's), each into a
        bucket holding fewer than ``self.cap`` ids, and those of the ``wide`` keys (story
        mode's salient terms) into buckets of up to ``wide_cap``; the buckets' sizes read in
        one round trip for both."""
        wide = wide or []
        limits = [self.cap] * len(keys) + [wide_cap] * len(wide)
        every = [*keys, *wide]
        sizes = _redis_call(lambda: self._sizes(every)) if every else []
        for key, size, limit in zip(every, sizes, limits):
            if size < limit:
                pipe.sadd(self.key(key), doc_id)

    def _sizes(self, keys: BandKeys) -> list[int]:
        pipe = self._client.pipeline(transaction=False)
        for key in keys:
            pipe.scard(self.key(key))
        return [int(n) for n in pipe.execute()]

    def remove_commands(self, pipe: Any, doc_id: str, keys: BandKeys) -> None:
        for key in keys:
            pipe.srem(self.key(key), doc_id)

    def candidates(self, keys: BandKeys) -> set[str]:
        if not keys:
            return set()
        members = _redis_call(lambda: self._client.sunion([self.key(k) for k in keys]))
        return {_text(m) for m in members}

    def shared(self, keys: BandKeys, weights: list[float], *, least: int = 1) -> dict[str, tuple[int, float]]:
        """MemoryBuckets.shared, in one round trip."""
        def read() -> list[Any]:
            pipe = self._client.pipeline(transaction=False)
            for key in keys:
                pipe.smembers(self.key(key))
            return pipe.execute()  # type: ignore[no-any-return]

        return _tally(({_text(m) for m in members} for members in (_redis_call(read) if keys else [])),
                      weights, least)


def _tally(buckets: Iterable[set[str]], weights: list[float], least: int) -> dict[str, tuple[int, float]]:
    """The ids of ``buckets`` (one set a key) in at least ``least`` of them, each with how
    many hold it and the sum of their ``weights``, added in the buckets' order."""
    found: dict[str, tuple[int, float]] = {}
    for members, weight in zip(buckets, weights, strict=True):
        for doc_id in members:
            count, total = found.get(doc_id, (0, 0.0))
            found[doc_id] = (count + 1, total + weight)
    return {doc_id: tally for doc_id, tally in found.items() if tally[0] >= least}


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _redis_call(call: Any) -> Any:
    """Run one Redis call; a connection or server error becomes :class:`StorageError`."""
    import redis

    try:
        return call()
    except redis.RedisError as exc:
        raise StorageError(f"Redis failed: {exc}") from exc

"""DuplicateIndex: MinHash LSH candidates, an exact re-check, clusters, persistence.

Candidates come from datasketch's ``MinHashLSH`` (in memory, or in Redis so that several
processes share one index); every candidate is then re-checked before it is reported:
in ``story`` mode exactly (weighted Jaccard over the stored salient terms), in ``copy``
mode by the MinHash estimate (accurate to about ±0.04 at the copy threshold).

Saved indexes are JSON with a format name, a version and every setting that changes
signatures; loading or merging an index made with other settings raises
:class:`~newsclean.SettingsMismatchError` instead of silently comparing apples to pears.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsclean.dedup.features import Features, featurize, weighted_jaccard
from newsclean.dedup.minhash import MinHasher, estimate
from newsclean.dedup.shingles import ShingleConfig
from newsclean.document import Document
from newsclean.errors import (
    ConfigError,
    IndexFormatError,
    InputError,
    SettingsMismatchError,
    StorageError,
    describe_type,
)
from newsclean.io import atomic_write_text

__all__ = ["DEFAULT_THRESHOLDS", "Cluster", "DuplicateIndex", "Explanation", "Match"]

# Chosen on the development data before any held-out evaluation: story mode at the best
# F1 of same-story pairs against random different-story pairs of ECB+ topics 1-35; copy
# mode between copies with 10 % of words edited (lowest 0.42) and distinct articles
# (highest 0.12) of the article-extraction bodies (benchmarks/dedup.py, copy-mode table).
DEFAULT_THRESHOLDS: dict[str, float] = {"copy": 0.3, "story": 0.05}

# LSH bands x rows, chosen for recall since every candidate is re-checked. Copy mode:
# P(candidate) = 1 - (1 - J^2)^64 is 0.997 at J = 0.3 (a copy with 10 % of words edited
# sits near 0.45). Story similarities are low (rewrites share few terms), so story mode
# has 512 permutations in 256 two-row bands: a pair at the story threshold (0.05) is a
# candidate with probability ~0.47, at 0.1 ~0.92, at 0.15 ~0.997, while two unrelated
# articles (~0.005) collide with probability ~0.006. On ECB+ dev the index finds 87 % of
# same-story pairs (benchmarks/dedup.py); similarity() on a given pair sees them all.
_LSH_PARAMS = {"copy": (64, 2), "story": (256, 2)}
FORMAT_NAME = "newsclean.DuplicateIndex"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Match:
    """A document of the index that matched a query, with its similarity."""

    id: str
    similarity: float


@dataclass(frozen=True)
class Cluster:
    """Documents that report the same story (or are copies), linked by similarity.

    ``representative`` is the member with the most words (ties: the smallest id);
    ``similarity`` is the weakest link that joined the cluster.
    """

    ids: tuple[str, ...]
    representative: str
    similarity: float


@dataclass(frozen=True)
class Explanation:
    """Why two documents match (or not)."""

    shared_terms: tuple[tuple[str, float], ...]
    estimated: float
    exact: float
    mode: str


@dataclass
class _Entry:
    words: int
    signature: npt.NDArray[np.uint32]
    term_hashes: npt.NDArray[np.uint32] = field(default_factory=lambda: np.empty(0, np.uint32))
    term_weights: npt.NDArray[np.float32] = field(default_factory=lambda: np.empty(0, np.float32))

    def to_json(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "signature": _b64(self.signature),
            "term_hashes": _b64(self.term_hashes),
            "term_weights": _b64(self.term_weights),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Entry:
        return cls(
            int(data["words"]),
            _unb64(data["signature"], np.uint32),
            _unb64(data["term_hashes"], np.uint32),
            _unb64(data["term_weights"], np.float32),
        )


def _b64(array: npt.NDArray[Any]) -> str:
    return base64.b64encode(np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes()).decode("ascii")


def _unb64(text: str, dtype: type[np.generic]) -> npt.NDArray[Any]:
    return np.frombuffer(base64.b64decode(text), dtype=np.dtype(dtype).newbyteorder("<")).astype(dtype)


class DuplicateIndex:
    """An index of documents that finds copies (``mode="copy"``) or same-story reports.

    >>> index = DuplicateIndex(mode="copy")
    >>> text = "The council approved the new budget on Monday after a long debate " * 4
    >>> index.add("a", text)
    True
    >>> [m.id for m in index.query(text + " Updated.")]
    ['a']
    """

    def __init__(
        self,
        *,
        mode: str = "story",
        threshold: float | None = None,
        storage: str | None = None,
        name: str | None = None,
        config: ShingleConfig | None = None,
    ) -> None:
        self.config = config or ShingleConfig.for_mode(mode)
        if config is not None and config.mode != mode:
            raise ConfigError(f"config is for mode {config.mode!r} but mode={mode!r}")
        self.mode = self.config.mode
        self.threshold = DEFAULT_THRESHOLDS[self.mode] if threshold is None else float(threshold)
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError(f"threshold must be in (0, 1], got {self.threshold}")
        self._hasher = MinHasher(num_perm=self.config.num_perm, seed=self.config.seed)
        self.skipped: dict[str, str] = {}
        self._storage_url = storage
        self._name = name
        self._lsh = self._make_lsh(storage, name)
        self._entries: _EntryStore = (
            _RedisEntries(self._redis, name or "") if storage else _MemoryEntries()
        )
        if storage:
            self._check_shared_settings()

    # -- construction helpers -------------------------------------------------------
    def _make_lsh(self, storage: str | None, name: str | None) -> Any:
        from datasketch import MinHashLSH

        bands, rows = _LSH_PARAMS[self.mode]
        bands = min(bands, self.config.num_perm // rows)
        if storage is None:
            self._redis = None
            return MinHashLSH(num_perm=self.config.num_perm, params=(bands, rows))
        if not name:
            # datasketch would pick a random basename, and no other process could find it.
            raise ConfigError("a Redis-backed DuplicateIndex needs a name= shared by its processes")
        parsed = urllib.parse.urlparse(storage)
        if parsed.scheme != "redis":
            raise ConfigError(f"storage must be a redis://HOST:PORT/DB URL, got {storage!r}")
        try:
            import redis
        except ImportError as exc:
            raise StorageError("Redis storage needs the redis client: pip install 'newsclean[redis]'") from exc
        host, port = parsed.hostname or "localhost", parsed.port or 6379
        db = int((parsed.path or "/0").strip("/") or 0)
        params: dict[str, Any] = {"host": host, "port": port, "db": db}
        self._redis = redis.Redis(host=host, port=port, db=db)
        try:
            self._redis.ping()
        except redis.RedisError as exc:
            raise StorageError(f"cannot reach Redis at {storage}: {exc}") from exc
        storage_config = {"type": "redis", "redis": params, "basename": f"newsclean:{name}".encode()}
        return MinHashLSH(num_perm=self.config.num_perm, params=(bands, rows), storage_config=storage_config)

    def _check_shared_settings(self) -> None:
        assert self._redis is not None
        key = f"newsclean:{self._name}:settings"
        mine = json.dumps(self.config.as_dict(), sort_keys=True)
        self._redis.setnx(key, mine)
        raw = self._redis.get(key)
        stored = raw.decode() if isinstance(raw, bytes) else raw
        if stored is not None and stored != mine:
            raise SettingsMismatchError(
                f"Redis index {self._name!r} was built with settings {stored}, "
                f"not {mine}; use another name or the same settings"
            )

    # -- adding and removing --------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and doc_id in self._entries

    def features(self, item: Document | str) -> Features:
        """The signature (and story terms) of a document, as this index computes them."""
        return featurize(item, self.config, self._hasher)

    def add(self, doc_id: str, item: Document | str) -> bool:
        """Index a document. Returns False (and records why in ``skipped``) if too short."""
        if not isinstance(doc_id, str):
            raise InputError(f"document ids are str, got {describe_type(doc_id)}")
        feats = self.features(item)
        if feats.too_short(self.config):
            self.skipped[doc_id] = f"too short: {feats.words} words < min_words={self.config.min_words}"
            return False
        if doc_id in self._entries:
            self.remove(doc_id)
        self._insert(doc_id, _Entry(feats.words, feats.signature, feats.term_hashes, feats.term_weights))
        return True

    def add_many(self, items: Iterable[tuple[str, Document | str]]) -> int:
        """Index many ``(id, document)`` pairs; returns how many were indexed."""
        return sum(self.add(doc_id, item) for doc_id, item in items)

    def _insert(self, doc_id: str, entry: _Entry) -> None:
        self._entries.put(doc_id, entry)
        self._lsh.insert(doc_id, self._hasher.lean(entry.signature), check_duplication=False)

    def remove(self, doc_id: str) -> None:
        """Remove a document; unknown ids raise ``KeyError``."""
        if doc_id not in self._entries:
            raise KeyError(doc_id)
        self._lsh.remove(doc_id)
        self._entries.delete(doc_id)

    # -- querying -------------------------------------------------------------------
    def _similarity(self, a: _Entry, b: _Entry) -> float:
        if self.mode == "story":
            return weighted_jaccard(a.term_hashes, a.term_weights, b.term_hashes, b.term_weights)
        return estimate(a.signature, b.signature)

    def query(self, item: Document | str, *, exclude: str | None = None) -> list[Match]:
        """Indexed documents similar to ``item`` at or above the threshold, best first."""
        feats = self.features(item)
        if feats.too_short(self.config):
            return []
        probe = _Entry(feats.words, feats.signature, feats.term_hashes, feats.term_weights)
        if exclude is None and isinstance(item, Document) and item.id in self._entries:
            exclude = item.id
        return self._matches(probe, exclude)

    def _matches(self, probe: _Entry, exclude: str | None) -> list[Match]:
        out = []
        candidates = [c for c in self._lsh.query(self._hasher.lean(probe.signature)) if c != exclude]
        for doc_id, entry in zip(candidates, self._entries.get_many(candidates)):
            if entry is None:
                continue
            score = self._similarity(probe, entry)
            if score >= self.threshold:
                out.append(Match(str(doc_id), score))
        out.sort(key=lambda m: (-m.similarity, m.id))
        return out

    def ids(self) -> list[str]:
        return sorted(self._entries.keys())

    def clusters(self) -> list[Cluster]:
        """Connected components of the "similar at the threshold" graph, 2+ members each."""
        ids = self.ids()
        entries = dict(zip(ids, self._entries.get_many(ids)))
        parent = {doc_id: doc_id for doc_id in ids}
        weakest: dict[str, float] = {}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        edges: list[tuple[str, str, float]] = []
        for doc_id in ids:
            entry = entries[doc_id]
            assert entry is not None
            for match in self._matches(entry, doc_id):
                if match.id in parent and doc_id < match.id:
                    edges.append((doc_id, match.id, match.similarity))
        # Strongest links first, so "weakest link" is that of a maximum spanning tree.
        for a, b, score in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
                root = min(ra, rb)
                weakest[root] = min(score, weakest.get(ra, 1.0), weakest.get(rb, 1.0))
        groups: dict[str, list[str]] = {}
        for doc_id in ids:
            groups.setdefault(find(doc_id), []).append(doc_id)
        out = []
        for root, members in groups.items():
            if len(members) < 2:
                continue
            representative = min(members, key=lambda m: (-entries[m].words, m))  # type: ignore[union-attr]
            out.append(Cluster(tuple(sorted(members)), representative, round(weakest.get(root, 1.0), 6)))
        out.sort(key=lambda c: (-len(c.ids), c.ids))
        return out

    def explain(self, a: Document | str, b: Document | str) -> Explanation:
        """Shared salient terms (story mode), the MinHash estimate and the exact similarity."""
        from newsclean.dedup.features import exact_similarity

        fa, fb = self.features(a), self.features(b)
        shared: tuple[tuple[str, float], ...] = ()
        if self.mode == "story":
            wa = dict(zip(fa.terms, fa.term_weights.tolist()))
            wb = dict(zip(fb.terms, fb.term_weights.tolist()))
            shared = tuple(sorted(((t, round(min(wa[t], wb[t]), 3)) for t in wa.keys() & wb.keys()),
                                  key=lambda tw: (-tw[1], tw[0])))
        return Explanation(shared, estimate(fa.signature, fb.signature),
                           exact_similarity(fa, fb, self.config), self.mode)

    # -- persistence ----------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return {"shingles": self.config.as_dict(), "threshold": self.threshold,
                "lsh": list(_LSH_PARAMS[self.mode]), "minhash_scheme": "affine32",
                "shingle_hash": "xxh32"}

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index as versioned JSON, atomically (a crash never leaves half a file)."""
        ids = self.ids()
        payload = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "settings": self.settings(),
            "skipped": self.skipped,
            "entries": {doc_id: e.to_json() for doc_id, e in zip(ids, self._entries.get_many(ids)) if e},
        }
        atomic_write_text(Path(path), json.dumps(payload, sort_keys=True))

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, expect: ShingleConfig | None = None) -> DuplicateIndex:
        """Read an index written by :meth:`save`; ``expect`` checks its settings."""
        try:
            payload = json.loads(Path(path).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IndexFormatError(f"cannot read a DuplicateIndex from {path}: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
            raise IndexFormatError(f"{path} is not a newsclean DuplicateIndex file")
        if payload.get("version") != FORMAT_VERSION:
            raise IndexFormatError(f"{path} has format version {payload.get('version')!r}; "
                                   f"this newsclean reads version {FORMAT_VERSION}")
        try:
            settings = payload["settings"]
            config = ShingleConfig.from_dict(settings["shingles"])
            if expect is not None and expect != config:
                raise SettingsMismatchError(f"{path} was built with {config}, expected {expect}")
            index = cls(mode=config.mode, threshold=float(settings["threshold"]), config=config)
            if settings.get("lsh") != list(_LSH_PARAMS[config.mode]):
                raise SettingsMismatchError(f"{path} used LSH bands {settings.get('lsh')}")
            index.skipped = dict(payload.get("skipped", {}))
            for doc_id, data in payload["entries"].items():
                index._insert(doc_id, _Entry.from_json(data))
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, SettingsMismatchError):
                raise
            raise IndexFormatError(f"{path} is corrupt: {exc!r}") from exc
        return index

    def merge(self, other: DuplicateIndex) -> None:
        """Add every document of ``other``; both must use the same settings."""
        if other.settings()["shingles"] != self.settings()["shingles"]:
            raise SettingsMismatchError(
                f"cannot merge an index built with {other.config} into one built with {self.config}"
            )
        ids = other.ids()
        for doc_id, entry in zip(ids, other._entries.get_many(ids)):
            if entry is not None:
                if doc_id in self._entries:
                    self.remove(doc_id)
                self._insert(doc_id, entry)
        self.skipped.update(other.skipped)


class _EntryStore:
    def __len__(self) -> int:
        raise NotImplementedError

    def __contains__(self, doc_id: object) -> bool:
        raise NotImplementedError

    def put(self, doc_id: str, entry: _Entry) -> None:
        raise NotImplementedError

    def delete(self, doc_id: str) -> None:
        raise NotImplementedError

    def get_many(self, ids: list[str]) -> list[_Entry | None]:
        raise NotImplementedError

    def keys(self) -> Iterator[str]:
        raise NotImplementedError


class _MemoryEntries(_EntryStore):
    def __init__(self) -> None:
        self._data: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._data

    def put(self, doc_id: str, entry: _Entry) -> None:
        self._data[doc_id] = entry

    def delete(self, doc_id: str) -> None:
        del self._data[doc_id]

    def get_many(self, ids: list[str]) -> list[_Entry | None]:
        return [self._data.get(i) for i in ids]

    def keys(self) -> Iterator[str]:
        return iter(self._data)


class _RedisEntries(_EntryStore):
    """Entries in one Redis hash, so every process sharing the index can re-check."""

    def __init__(self, client: Any, name: str) -> None:
        self._client = client
        self._key = f"newsclean:{name}:entries"

    def __len__(self) -> int:
        return int(self._client.hlen(self._key))

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and bool(self._client.hexists(self._key, doc_id))

    def put(self, doc_id: str, entry: _Entry) -> None:
        self._client.hset(self._key, doc_id, json.dumps(entry.to_json()))

    def delete(self, doc_id: str) -> None:
        self._client.hdel(self._key, doc_id)

    def get_many(self, ids: list[str]) -> list[_Entry | None]:
        if not ids:
            return []
        raw = self._client.hmget(self._key, ids)
        return [_Entry.from_json(json.loads(r)) if r is not None else None for r in raw]

    def keys(self) -> Iterator[str]:
        return (k.decode() for k in self._client.hkeys(self._key))

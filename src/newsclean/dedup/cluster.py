"""Online clustering: each document joins a cluster as it arrives, or starts one.

Connected components of "similar at the threshold" pairs chain: at the story threshold
0.8% of random news pairs and a third of same-topic, different-story pairs link, so
components glued 443 ECB+ articles of 42 stories into one cluster (pairwise F1 0.087).
Here a document joins a story cluster only when it is similar enough to the cluster as
a whole: to the centroid of its members' weighted terms (mean weight per term), at a
cluster threshold of its own. Every member was close to what the cluster was when it
joined, and a centroid dilutes as a series of reports drifts, so a cluster cannot grow
along a chain of pairs without end (40 reports, each sharing three quarters of its terms
with the next, make one component but three clusters; tests/test_clusters.py). The
method was chosen by measurement against single-link, average-link and complete-link
(``benchmarks/story_clusters.py``).

Copy mode keeps transitive clusters (a reprint of a reprint is a copy), but every link
is a verified pair; when a new document links two clusters they merge, and the merged
cluster keeps the older id.

Dates: when both sides have one, a document joins only a cluster whose dates, with its
own, span no more than ``window_days`` (two earthquakes in one region years apart are
the typical same-topic trap). Without dates nothing changes.

The state (members, centroids) lives in a :class:`ClusterState`, in memory here; the
index's Redis backend keeps the same state in Redis. Cluster ids are the id of the
document that founded the cluster, so the same input in the same order gives the same
ids in every process.
"""

from __future__ import annotations

import base64
import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from newsclean.dedup._compiled import compiled_centroid, compiled_features
from newsclean.dedup.features import TERMS_ONLY_SCALE, combine
from newsclean.dedup.lsh import most_voted
from newsclean.dedup.shingles import ShingleConfig

__all__ = [
    "CENTROID_TERMS",
    "SAMPLE_MEMBERS",
    "ClusterInfo",
    "ClusterState",
    "best_by_scores",
    "best_story_cluster",
    "centroid_similarity",
    "cluster_similarity",
    "heaviest_terms",
    "mean_cosine",
    "mean_cosines",
    "most_voted",
    "sequential_dot",
    "story_centroid_similarity",
    "unit_vector",
]

# A cluster remembers its first this many members (story mode): a report joins only if
# its mean story similarity to them reaches the index's join threshold (index.py), and
# refinement's average link reads as many of each cluster.
SAMPLE_MEMBERS = 16
# A centroid keeps this many of its heaviest terms: a cluster of 2,000 reprints costs
# what a cluster of 20 does, and the tail of rare terms met once carries no weight.
CENTROID_TERMS = 160


@dataclass
class ClusterInfo:
    """One cluster: its founder (= id), size, representative, weakest join, centroid, dates."""

    id: str
    size: int = 0
    representative: str = ""
    representative_words: int = -1
    weakest: float = 1.0
    # story mode: term hash -> summed weight over members (mean = sum / size)
    sums: dict[int, float] = field(default_factory=dict)
    first_day: int | None = None
    last_day: int | None = None
    # sum(sums.values()), kept up to date: every centroid comparison needs it.
    total: float = 0.0
    # story mode: the sum of the members' unit meaning vectors and how many were summed,
    # None and 0 until a member has one
    vector_sum: npt.NDArray[np.float32] | None = None
    vector_count: int = 0
    # story mode: the first SAMPLE_MEMBERS members to join, in order (the ones a report's
    # mean similarity to the cluster is measured against; removed members leave it)
    sample: list[str] = field(default_factory=list)
    # the sums sorted by hash for _centroid_c (built there when needed); every change of
    # ``sums`` clears it
    _packed: bytes | None = field(default=None, init=False, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "size": self.size, "representative": self.representative,
            "representative_words": self.representative_words, "weakest": self.weakest,
            "sums": [[h, w] for h, w in sorted(self.sums.items())],
            "first_day": self.first_day, "last_day": self.last_day,
            "vector_sum": None if self.vector_sum is None else
            base64.b64encode(self.vector_sum.astype("<f4").tobytes()).decode("ascii"),
            "vector_count": self.vector_count,
            "sample": list(self.sample),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClusterInfo:
        return cls(
            id=str(data["id"]), size=int(data["size"]), representative=str(data["representative"]),
            representative_words=int(data["representative_words"]), weakest=float(data["weakest"]),
            sums={_term_hash(h): float(w) for h, w in data["sums"]},
            first_day=None if data["first_day"] is None else int(data["first_day"]),
            last_day=None if data["last_day"] is None else int(data["last_day"]),
            total=sum(float(w) for _h, w in data["sums"]),
            vector_sum=None if data.get("vector_sum") is None else
            np.frombuffer(base64.b64decode(data["vector_sum"], validate=True), dtype="<f4").astype(np.float32),
            vector_count=int(data.get("vector_count", 0)),
            sample=[str(m) for m in data.get("sample", [])][:SAMPLE_MEMBERS],
        )

    def admits_day(self, day: int | None, window_days: int | None) -> bool:
        """Whether a document of ``day`` keeps the cluster within the time window."""
        if day is None or window_days is None or self.first_day is None or self.last_day is None:
            return True
        return max(self.last_day, day) - min(self.first_day, day) <= window_days

    def absorb(self, doc_id: str, words: int, day: int | None, similarity: float,
               terms: dict[int, float] | None, vector: npt.NDArray[Any] | None = None) -> None:
        """Count one more member (its terms and meaning vector into the centroid, in story mode)."""
        self.size += 1
        self._offer_representative(doc_id, words)
        if terms is not None and len(self.sample) < SAMPLE_MEMBERS:
            self.sample.append(doc_id)
        self.weakest = min(self.weakest, similarity)
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)
        self._fold(terms, unit_vector(vector) if vector is not None else None, 1)

    def _fold(self, terms: dict[int, float] | None, vector_sum: npt.NDArray[np.float32] | None, count: int) -> None:
        """Add term weights and ``count`` members' summed unit vectors to the centroid."""
        if terms:
            self._packed = None
            sums = self.sums
            for term, weight in terms.items():
                sums[term] = sums.get(term, 0.0) + weight
            if len(sums) > CENTROID_TERMS:
                self.sums = heaviest_terms(sums, CENTROID_TERMS)
            self.total = sum(self.sums.values())
        if vector_sum is not None and vector_sum.size and count:
            self.vector_sum = vector_sum if self.vector_sum is None else self.vector_sum + vector_sum
            self.vector_count += count

    def release(self, terms: dict[int, float], unit: npt.NDArray[np.float32], doc_id: str | None = None) -> None:
        """Take one member's terms and unit meaning vector out of the centroid (story
        mode's refinement moves a member to another cluster; see refine.py), and
        ``doc_id`` out of the sample of first members. Terms the centroid already dropped
        (past its CENTROID_TERMS heaviest) stay dropped."""
        self.size -= 1
        if doc_id is not None and doc_id in self.sample:
            self.sample.remove(doc_id)
        self._packed = None
        sums = self.sums
        for term, weight in terms.items():
            left = sums.get(term)
            if left is not None:
                if left - weight > 1e-9:
                    sums[term] = left - weight
                else:
                    del sums[term]
        self.total = sum(sums.values())
        if unit.size and self.vector_sum is not None and self.vector_count:
            self.vector_sum = self.vector_sum - unit
            self.vector_count -= 1

    def drop_member(self, doc_id: str) -> None:
        """One member fewer (a removal; its terms stay in the centroid, see ClusterState.remove)."""
        self.size -= 1
        if doc_id in self.sample:
            self.sample.remove(doc_id)

    def copy(self) -> ClusterInfo:
        """A copy whose centroid can change without changing this one."""
        return dataclasses.replace(self, sums=dict(self.sums), sample=list(self.sample))

    def _offer_representative(self, doc_id: str, words: int) -> None:
        """The representative is the member with the most words; ties: the smallest id."""
        rep_words = self.representative_words
        if words > rep_words or (words == rep_words and doc_id < self.representative):
            self.representative, self.representative_words = doc_id, words

    def merge(self, other: ClusterInfo) -> None:
        """Fold ``other`` into this one: a copy-mode cluster linked to it, or a story
        cluster that refinement found to be the same story (centroids summed)."""
        self.size += other.size
        self._offer_representative(other.representative, other.representative_words)
        self.weakest = min(self.weakest, other.weakest)
        for bound in (other.first_day, other.last_day):
            if bound is not None:
                self.first_day = bound if self.first_day is None else min(self.first_day, bound)
                self.last_day = bound if self.last_day is None else max(self.last_day, bound)
        self._fold(other.sums, other.vector_sum, other.vector_count)
        self.sample.extend(other.sample[: SAMPLE_MEMBERS - len(self.sample)])

    def spans_within(self, other: ClusterInfo, window_days: int | None) -> bool:
        """Whether this cluster and ``other`` together stay within the time window."""
        days = [d for d in (self.first_day, self.last_day, other.first_day, other.last_day) if d is not None]
        return window_days is None or not days or max(days) - min(days) <= window_days


def heaviest_terms(sums: dict[int, float], k: int) -> dict[int, float]:
    """The ``k`` heaviest terms of a centroid, heaviest first, ties to the smaller hash
    (in C where _features_c is built: sorting a tuple per term, through a key function,
    was most of a growing cluster's absorb)."""
    compiled = compiled_features()
    if compiled is not None:
        return compiled.top_terms(sums, k)  # type: ignore[no-any-return]
    return dict(sorted(sums.items(), key=lambda tw: (-tw[1], tw[0]))[:k])


def _term_hash(value: Any) -> int:
    """A saved term hash: a whole number below 2**32, as the entries' hashes are."""
    number = int(value)
    if number != value or not 0 <= number < 2**32:
        raise ValueError(f"a term hash is a whole number in [0, 2**32), not {value!r}")
    return number


def centroid_similarity(terms: dict[int, float], cluster: ClusterInfo, terms_total: float | None = None) -> float:
    """Weighted Jaccard between a document's terms and the cluster's mean term weights.

    For a cluster of one this is exactly the pair similarity of story mode.
    ``terms_total`` is ``sum(terms.values())`` when the caller has it.
    """
    if not terms or cluster.size == 0 or not cluster.sums:
        return 0.0
    scale = 1.0 / cluster.size
    summed = cluster.sums.get
    minimum = 0.0
    # The document's terms in their order: _centroid_c sums in the same order, so that
    # both round alike (tests/test_compiled.py).
    for term, weight in terms.items():
        total_weight = summed(term)
        if total_weight is not None:
            mean = total_weight * scale
            minimum += weight if weight < mean else mean
    if terms_total is None:
        terms_total = sum(terms.values())
    total = terms_total + cluster.total * scale - minimum
    return minimum / total if total > 0 else 0.0


def story_centroid_similarity(terms: dict[int, float], vector: npt.NDArray[Any], cluster: ClusterInfo,
                              config: ShingleConfig, terms_total: float | None = None) -> float:
    """Story similarity (features.combine) of a document to a cluster: its terms against
    the mean term weights, and its meaning vector's mean cosine with the members'. For a
    cluster of one this is exactly the pair similarity.

    The mean cosine, not the cosine with the mean vector: a mean of many members keeps
    what they share (the topic) and loses what sets each apart, so every report of the
    topic grew closer to a growing cluster and clusters swallowed their topic (ECB+ dev,
    leave-topics-out pairwise F1 0.761 with the mean vector's cosine). The mean cosine
    stays on the pair scale as the cluster grows, and the term centroid still dilutes.
    """
    return combine(centroid_similarity(terms, cluster, terms_total), mean_cosine(vector, cluster), config)


def unit_vector(vector: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
    """An 8-bit meaning vector as a float unit vector (empty stays empty): computed once
    per document, not once per cluster it is compared with."""
    if vector.dtype == np.float32 or vector.size == 0:
        return vector.astype(np.float32, copy=False)
    unit = vector.astype(np.float32)
    # The squares of 8-bit values sum to an integer below 2**24, which float32 holds
    # exactly whatever the order of the additions: the norm is the same on every machine.
    norm = float(np.linalg.norm(unit))
    return unit / norm if norm > 0 else np.empty(0, dtype=np.float32)


def sequential_dot(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    """The dot product of two float32 vectors, the same number on every machine: each
    product exact in double precision, product ``j`` added to partial sum ``j % 8`` (each
    sum in order, from +0.0), the eight sums then added pairwise in a fixed order. A BLAS
    dot adds in an order of its own, chosen for the processor at run time, and story
    clusters are decided by comparing these numbers with a threshold and with each
    other. Eight partial sums, not one running sum: the compiled loop (_centroid_c) runs
    eight chains of additions side by side, where one chain waited on every addition
    (an add and refinement compare a report with up to 32 clusters' vectors)."""
    if a.size == 0:
        return 0.0
    products = a.astype(np.float64) * b.astype(np.float64)
    # A leading row of +0.0 starts every partial sum as the compiled loop does; the
    # padding adds +0.0 to sums that never are -0.0 (they start at +0.0), so it changes none.
    rows = np.zeros(_DOT_LANES * (1 + -(-products.size // _DOT_LANES)), dtype=np.float64)
    rows[_DOT_LANES:_DOT_LANES + products.size] = products
    # a reduction along the first axis adds whole rows in order (numpy's pairwise
    # summation is for the contiguous axis)
    lanes: list[float] = np.add.reduce(rows.reshape(-1, _DOT_LANES), axis=0).tolist()
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))


_DOT_LANES = 8


def cluster_similarity(a: ClusterInfo, b: ClusterInfo, config: ShingleConfig) -> float:
    """Story similarity of two clusters: ``a``'s mean term weights against ``b``'s centroid
    (centroid_similarity) and the mean cosine between their members' meaning vectors."""
    if a.size == 0 or not a.sums:
        return 0.0
    compiled = compiled_centroid()
    if compiled is not None:
        return compiled.cluster_pair_similarity(a, b, config.term_share, TERMS_ONLY_SCALE)  # type: ignore[no-any-return]
    meaning = None
    if (a.vector_sum is not None and b.vector_sum is not None and a.vector_count and b.vector_count
            and a.vector_sum.size == b.vector_sum.size):
        meaning = sequential_dot(a.vector_sum, b.vector_sum) / (a.vector_count * b.vector_count)
    # in hash order, as _centroid_c walks the two centroids' packed copies: the same sums
    mean = {term: weight / a.size for term, weight in sorted(a.sums.items())}
    return combine(centroid_similarity(mean, b, a.total / a.size), meaning, config)


def best_story_cluster(terms: dict[int, float], unit: npt.NDArray[np.float32], clusters: list[ClusterInfo],
                       config: ShingleConfig, terms_total: float) -> tuple[int, float]:
    """The position in ``clusters`` of the one a report fits best, first on ties, and its
    story_centroid_similarity; (-1, -1.0) for none (an add compares a report with up to
    32 clusters: in C where _centroid_c is built)."""
    meanings = mean_cosines(unit, clusters)
    compiled = compiled_centroid()
    if compiled is not None:
        return compiled.best_story_cluster(  # type: ignore[no-any-return]
            terms, float(terms_total), clusters, meanings, config.term_share, TERMS_ONLY_SCALE)
    return best_by_scores(terms, clusters, meanings, config, terms_total)


def best_by_scores(terms: dict[int, float], clusters: list[ClusterInfo], meanings: list[float | None],
                   config: ShingleConfig, terms_total: float) -> tuple[int, float]:
    """:func:`best_story_cluster` once the mean cosines are known, in Python (what
    _centroid_c computes where it is built)."""
    best, best_score = -1, -1.0
    for position, (cluster, meaning) in enumerate(zip(clusters, meanings)):
        score = combine(centroid_similarity(terms, cluster, terms_total), meaning, config)
        if score > best_score:
            best, best_score = position, score
    return best, best_score


def mean_cosine(vector: npt.NDArray[Any], cluster: ClusterInfo) -> float | None:
    """The mean cosine of ``vector`` (8-bit, or a unit_vector) with the cluster members'
    vectors; None without vectors (mean_cosines of one cluster: in C where it is built,
    where numpy's sequential_dot took ~10 us a call for its padded copy)."""
    return mean_cosines(unit_vector(vector), [cluster])[0]


def mean_cosines(unit: npt.NDArray[np.float32], clusters: list[ClusterInfo]) -> list[float | None]:
    """:func:`mean_cosine` of one unit vector with many clusters (an add compares a report
    with up to 32): in C where _centroid_c is built; each dot product as sequential_dot
    adds it."""
    out: list[float | None] = [None] * len(clusters)
    if unit.size == 0:
        return out
    compiled = compiled_centroid()
    if compiled is not None:
        return compiled.mean_cosines(np.ascontiguousarray(unit, dtype=np.float32), clusters)  # type: ignore[no-any-return]
    for i, cluster in enumerate(clusters):
        if cluster.vector_sum is not None and cluster.vector_sum.size == unit.size and cluster.vector_count:
            out[i] = sequential_dot(unit, cluster.vector_sum) / cluster.vector_count
    return out


class ClusterState:
    """Which cluster each document is in, and each cluster's summary, in memory."""

    def __init__(self) -> None:
        self.cluster_of: dict[str, str] = {}
        self.clusters: dict[str, ClusterInfo] = {}
        self.members: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self.cluster_of)

    def clusters_of(self, ids: list[str]) -> list[str | None]:
        return list(map(self.cluster_of.get, ids))

    def get(self, cluster_ids: list[str]) -> list[ClusterInfo]:
        return [self.clusters[c] for c in cluster_ids]

    def member_ids(self, cluster_id: str, *, limit: int | None = None) -> list[str]:
        members = self.members.get(cluster_id, [])
        return list(members) if limit is None else members[:limit]

    def assign(self, doc_id: str, cluster: ClusterInfo, merged: list[ClusterInfo]) -> None:
        """Record ``doc_id`` in ``cluster`` (already updated), after folding ``merged`` into it."""
        members = self.members.setdefault(cluster.id, [])
        for other in merged:
            for member in self.members.pop(other.id, []):
                self.cluster_of[member] = cluster.id
                members.append(member)
            del self.clusters[other.id]
        self.cluster_of[doc_id] = cluster.id
        members.append(doc_id)
        self.clusters[cluster.id] = cluster

    def remove(self, doc_id: str) -> None:
        """Forget ``doc_id``; its cluster shrinks (its centroid keeps the member's terms:
        removal is rare, and re-adding the cluster's members rebuilds it exactly)."""
        cluster_id = self.cluster_of.pop(doc_id, None)
        if cluster_id is None:
            return
        members = self.members[cluster_id]
        members.remove(doc_id)
        info = self.clusters[cluster_id]
        info.drop_member(doc_id)
        if not members:
            del self.members[cluster_id]
            del self.clusters[cluster_id]

    def partition(self) -> dict[str, list[str]]:
        return {cid: list(members) for cid, members in self.members.items()}

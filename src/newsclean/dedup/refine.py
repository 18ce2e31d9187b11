"""Refinement of story clusters once the stream has been read.

Online assignment (cluster.py) decides each report when it arrives, against the clusters
as they are then: an early report can join a cluster that later reports of its own
story never join, and which cluster a report ends in depends on the input order. Once
all reports are in, each one is compared again, in input order, with the cluster it is
in *without it* and with the clusters its LSH candidates are in; it moves when another
cluster fits it better and at least as well as the cluster threshold asks. Passes
repeat over the members of the clusters the previous pass changed, at most
``max_passes`` times (two): k-means-style, with the centroids kept up to date at every
move.

Measured on ECB+ dev (``benchmarks/story_clusters.py``): pairwise / B-cubed F1 in file
order 0.802 / 0.857 online -> 0.845 / 0.887 refined; the cluster threshold chosen by
leave-topics-out cross-validation stays 0.42 in every fold (held out: 0.847 / 0.885);
over 10 shuffled input orders the mean pairwise F1 goes 0.797 -> 0.818.

Then (``merge_threshold``, 0.46 by default: 0.44 as chosen below, moved with the other
story thresholds when the meaning vectors and the terms began to weigh a text's opening
more, index.py; None turns it off) clusters of one story that formed apart merge, best pair first (``merge_story_clusters``), by average link: the
mean story similarity of their first 16 members each, computed only for neighbouring
clusters (those holding most of a member's candidates, 8 per member) whose centroids are
alike enough (LINKAGE_SCREEN). On ECB+ dev a merge threshold chosen by leave-topics-out
cross-validation (0.42-0.44) scored held-out pairwise / B-cubed F1 0.847 / 0.892
against 0.847 / 0.885 without merging (0.822 / 0.880 when clusters were compared by
their centroids); over shuffled input orders and on ECB+'s held-out test topics it
gains ~0.01-0.015 pairwise F1 (docs/measured.md). Cost, on the dense synthetic corpus of
corpus_scale.py: refinement with merging 0.33 ms a document over 10,000 (0.74 while the
average link and the neighbours' vote ran in Python; 0.42 without merging then).

Exact copies and re-crawls of one page never move (they joined their original's cluster
whatever the similarity), and neither do their originals. The index itself keeps its
online assignment: refinement works on copies of the cluster summaries, so it reads any
store (memory or Redis) and changes none.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsclean.dedup.cluster import (
    ClusterInfo,
    best_story_cluster,
    cluster_similarity,
    most_voted,
    story_centroid_similarity,
)
from newsclean.dedup.shingles import ShingleConfig

# Centroid similarity below which two clusters are not scored by average link.
LINKAGE_SCREEN = 0.35
# The clusters holding most of a report's candidates that its own cluster may merge with
# (8, not refinement's 32: in a one-off comparison, not a benchmark, the same merges on
# ECB+ dev, its test topics and the 181 pages, in a third less time on the dense corpus).
MERGE_NEIGHBOURS = 8

# How often (in reports looked at) refinement tells its ``progress`` callback how far it is.
PROGRESS_EVERY = 1_000

__all__ = ["PROGRESS_EVERY", "CandidateVoter", "Member", "Progress", "RefineSettings", "Voter",
           "merge_story_clusters", "refine_story_clusters"]

# progress(phase, done, total): refinement's passes and the merge's look at every report,
# which on a corpus of millions takes minutes; a caller (the command line) shows it.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Member:
    """What refinement needs of one movable report."""

    id: str
    terms: dict[int, float]
    unit: npt.NDArray[np.float32]
    day: int | None


@dataclass(frozen=True)
class RefineSettings:
    """The index's settings that refinement follows (and how many passes it makes)."""

    config: ShingleConfig
    cluster_threshold: float
    window_days: int | None
    clusters_checked: int
    max_passes: int = 2


class Voter(Protocol):
    """Which clusters a report's LSH candidates are in, as refinement moves reports."""

    def most_voted(self, member: Member, own: str) -> list[str]:
        """The clusters (not ``own``) holding the most of ``member``'s candidates, at most
        ``clusters_checked``, ties to the smallest id, sorted (lsh.most_voted)."""
        ...  # pragma: no cover - a protocol

    def moved(self, member: Member, cluster_id: str) -> None:
        """``member`` is in ``cluster_id`` now."""
        ...  # pragma: no cover - a protocol

    def with_k(self, k: int) -> Voter:
        """A voter naming at most ``k`` clusters that follows the same moves (it sees
        every move made through this one before or after)."""
        ...  # pragma: no cover - a protocol


class CandidateVoter:
    """Votes from a report's candidate ids and the ``cluster_of`` that refinement changes
    (any store: memory or Redis). The index's memory store counts them in C instead
    (lsh.MemoryBuckets.most_voted), with the same result."""

    def __init__(self, candidates_of: Callable[[Member], list[str]], cluster_of: dict[str, str], k: int) -> None:
        self._candidates_of = candidates_of
        self._cluster_of = cluster_of
        self._k = k

    def most_voted(self, member: Member, own: str) -> list[str]:
        votes = Counter(map(self._cluster_of.get, self._candidates_of(member)))
        votes.pop(None, None)
        votes.pop(own, None)
        return most_voted(votes, self._k)  # type: ignore[arg-type]

    def moved(self, member: Member, cluster_id: str) -> None:
        pass  # cluster_of is read at every vote

    def with_k(self, k: int) -> CandidateVoter:
        return CandidateVoter(self._candidates_of, self._cluster_of, k)


def refine_story_clusters(members: list[Member], cluster_of: dict[str, str], clusters: dict[str, ClusterInfo],
                          voter: Voter, settings: RefineSettings, *, progress: Progress | None = None) -> set[str]:
    """Move ``members`` (in order) between ``clusters`` (copies, changed in place) and
    update ``cluster_of`` (and tell ``voter``); return the ids of the clusters that changed.
    ``progress`` hears ("pass N", reports looked at, reports in the pass) every
    PROGRESS_EVERY reports and at the end of each pass."""
    config, window_days = settings.config, settings.window_days
    changed: set[str] = set()
    todo = members
    for number in range(1, settings.max_passes + 1):
        touched: set[str] = set()
        phase = f"pass {number}"
        for looked, member in enumerate(todo):
            if progress is not None and looked and looked % PROGRESS_EVERY == 0:
                progress(phase, looked, len(todo))
            own_id = cluster_of[member.id]
            ids = voter.most_voted(member, own_id)
            if window_days is not None:  # without a window every cluster admits every day
                ids = [c for c in ids if clusters[c].admits_day(member.day, window_days)]
            if not ids:
                continue
            total = sum(member.terms.values())
            position, best = best_story_cluster(member.terms, member.unit, [clusters[c] for c in ids], config, total)
            if position < 0 or best <= settings.cluster_threshold:
                continue
            # Only a report that another cluster would take is compared with its own
            # cluster without it (a copy of the centroid, most of a report's time here
            # when it stays, as most do).
            own = clusters[own_id]
            if own.size > 1:
                without = own.copy()
                without.release(member.terms, member.unit)
                if best <= story_centroid_similarity(member.terms, member.unit, without, config, total):
                    continue
            # alone in its cluster: any cluster that admits it at the threshold is better
            best_id = ids[position]
            own.release(member.terms, member.unit)
            clusters[best_id].absorb(member.id, 0, member.day, best, member.terms,
                                     member.unit if member.unit.size else None)
            cluster_of[member.id] = best_id
            voter.moved(member, best_id)
            touched.update((own_id, best_id))
        if progress is not None:
            progress(phase, len(todo), len(todo))
        if not touched:
            break
        changed |= touched
        todo = [m for m in members if cluster_of[m.id] in touched]
    return changed


def merge_story_clusters(order: list[str], members: list[Member], cluster_of: dict[str, str],
                         clusters: dict[str, ClusterInfo], voter: Voter,
                         settings: RefineSettings, *, merge_threshold: float,
                         linkage: Callable[[list[str], list[str]], float],
                         progress: Progress | None = None) -> set[str]:
    """Merge clusters of one story that never met: two clusters whose members are LSH
    candidates of each other merge, best pair first, while their similarity as clusters
    is at least ``merge_threshold``; the cluster founded first keeps its id. The
    similarity is ``linkage`` of the two clusters' member ids (the index's: average
    link), asked only where the centroids (cluster.cluster_similarity) reach
    LINKAGE_SCREEN. The neighbours come from ``voter`` (the one refinement moved the
    members with, its current votes). ``order`` is every document in input order;
    ``cluster_of`` and ``clusters`` change in place. Returns the ids of the clusters that grew.

    Meant for two halves of one story that formed apart (by the input order, or by an
    early report that drew its first reports elsewhere). ``progress`` hears ("merge",
    reports looked at, reports) as the neighbours are gathered, the long part.
    """
    neighbours: dict[str, set[str]] = {}
    nearest = voter.with_k(MERGE_NEIGHBOURS)
    for looked, member in enumerate(members):
        if progress is not None and looked and looked % PROGRESS_EVERY == 0:
            progress("merge", looked, len(members))
        own = cluster_of[member.id]
        for other in nearest.most_voted(member, own):
            neighbours.setdefault(own, set()).add(other)
            neighbours.setdefault(other, set()).add(own)
    if progress is not None:
        progress("merge", len(members), len(members))
    held: dict[str, list[str]] = {}
    for doc_id in order:
        held.setdefault(cluster_of[doc_id], []).append(doc_id)
    position = {doc_id: i for i, doc_id in enumerate(order)}
    first_seen = {cluster_id: position[ids[0]] for cluster_id, ids in held.items()}
    version = dict.fromkeys(held, 0)
    heap: list[tuple[float, str, str, int, int]] = []

    def offer(a: str, b: str) -> None:
        left, right = (a, b) if a < b else (b, a)
        if settings.window_days is not None and not clusters[left].spans_within(clusters[right],
                                                                                 settings.window_days):
            return
        # The centroids screen the pairs the average link is computed for: it costs up to
        # 16 x 16 pair similarities, and no pair of clusters whose average link reached
        # 0.40 had centroid similarity below 0.40 (story_clusters.py, "merge screen").
        if cluster_similarity(clusters[left], clusters[right], settings.config) < LINKAGE_SCREEN:
            return
        score = linkage(held[left], held[right])
        if score >= merge_threshold:
            heapq.heappush(heap, (-score, left, right, version[left], version[right]))

    for a in sorted(neighbours):
        for b in sorted(neighbours[a]):
            if a < b and a in held and b in held:
                offer(a, b)
    grown: set[str] = set()
    while heap:
        _score, a, b, version_a, version_b = heapq.heappop(heap)
        if a not in held or b not in held or version[a] != version_a or version[b] != version_b:
            continue  # merged away, or changed since this pair was scored
        keep, gone = (a, b) if first_seen[a] <= first_seen[b] else (b, a)
        clusters[keep].merge(clusters[gone])
        for doc_id in held[gone]:
            cluster_of[doc_id] = keep
        held[keep].extend(held.pop(gone))
        version[keep] += 1
        grown.add(keep)
        grown.discard(gone)
        around = (neighbours.pop(gone, set()) | neighbours.get(keep, set())) - {keep, gone}
        neighbours[keep] = around
        for other in sorted(around):
            neighbours.setdefault(other, set()).discard(gone)
            neighbours[other].add(keep)
            if other in held:
                offer(keep, other)
    return grown

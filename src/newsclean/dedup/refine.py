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

A report moves only into a cluster that admits it (the index's rule: its mean story
similarity to the cluster's first members reaches the pair threshold; a centroid and a
report can agree on the topic alone while the report links to none of the members).

Between the two, clusters that hold two stories are split (``split_story_clusters``):
refinement moves one report at a time and never founds a cluster, so two stories of one
topic joined online stayed joined. A cluster of four or more movable reports is cut in two
by two-means, and the parts (two or more reports each) become two clusters when their
average link is under the merge threshold: the merge's test turned round. ECB+ dev, 10
shuffled orders (story_clusters.py, its row without the split): worst pairwise F1 0.851
-> 0.873, mean 0.874 -> 0.876, the file order and ECB+'s held-out test topics unchanged
(ecbplus_heldout.py; docs/design.md, *The split*).

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
from newsclean.dedup.forked import map_shares
from newsclean.dedup.shingles import ShingleConfig

# Centroid similarity below which two clusters are not scored by average link.
LINKAGE_SCREEN = 0.35
# The clusters holding most of a report's candidates that its own cluster may merge with
# (8, not refinement's 32: in a one-off comparison, not a benchmark, the same merges on
# ECB+ dev, its test topics and the 181 pages, in a third less time on the dense corpus).
MERGE_NEIGHBOURS = 8

# The split (split_story_clusters): each of the two parts of a cluster it separates holds at
# least this many reports. A lone report that fits its cluster badly is refinement's to move;
# the split is for two groups that joined (by a report between them, or by the input order)
# and that no report of either can leave alone, as refinement moves reports one at a time.
SPLIT_MIN_PART = 2
# Rounds of the split's two-means; a round in which no report changes part ends it.
SPLIT_ROUNDS = 4

# How often (in reports looked at) refinement tells its ``progress`` callback how far it is.
PROGRESS_EVERY = 1_000

__all__ = ["PROGRESS_EVERY", "SPLIT_MIN_PART", "CandidateVoter", "Member", "Progress", "RefineSettings", "Voter",
           "merge_story_clusters", "refine_story_clusters", "split_story_clusters"]

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
                          voter: Voter, settings: RefineSettings, *, progress: Progress | None = None,
                          admits: Callable[[Member, ClusterInfo], bool] | None = None) -> set[str]:
    """Move ``members`` (in order) between ``clusters`` (copies, changed in place) and
    update ``cluster_of`` (and tell ``voter``); return the ids of the clusters that changed.
    A report moves only into a cluster that ``admits`` it, when given (the index's: its
    mean story similarity to the cluster's first members reaches the pair threshold).
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
            if admits is not None and not admits(member, clusters[best_id]):
                continue
            own.release(member.terms, member.unit, member.id)
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


def split_story_clusters(order: list[str], members: list[Member], cluster_of: dict[str, str],
                         clusters: dict[str, ClusterInfo], voter: Voter, settings: RefineSettings, *,
                         split_threshold: float, linkage: Callable[[list[str], list[str]], float],
                         progress: Progress | None = None) -> set[str]:
    """Split clusters that hold two stories: each cluster with at least 2 x SPLIT_MIN_PART
    movable reports is cut in two (_bisect), and the two parts become two clusters when
    each holds at least SPLIT_MIN_PART reports and their similarity as clusters,
    ``linkage`` of their report ids (the index's average link, as the merge asks), is
    under ``split_threshold``. The merge's own test, turned round: with ``split_threshold``
    at the merge threshold, no cluster left holds two parts the merge would not have
    joined. ``order`` is every document in input order; ``members`` the movable ones
    (refinement's); ``cluster_of``, ``clusters`` change in place and ``voter`` hears every
    move. Returns the ids of the clusters cut and founded.

    The part holding reports that never move (exact copies, re-crawls and their
    original) keeps the cluster's id, else the part holding its first report; the other
    is named after its first report whose id names no cluster with members (founders'
    ids name clusters, and a cluster keeps its name when its founder moves out). Why:
    refinement moves one report at a time to a cluster that fits it better, so two stories
    of one topic that the online assignment put together, every report of each closer to
    the whole than to any other cluster, stayed together in any number of passes (ECB+
    dev, one of 10 shuffled orders: 27 reports of a topic's two stories in one cluster).
    ``progress`` hears ("split", reports of the clusters looked at, reports of the clusters
    to look at), when there are any."""
    config = settings.config
    movable: dict[str, list[Member]] = {}
    for member in members:
        movable.setdefault(cluster_of[member.id], []).append(member)
    held: dict[str, list[str]] = {}
    for doc_id in order:
        held.setdefault(cluster_of[doc_id], []).append(doc_id)
    candidates = [cid for cid, reports in movable.items() if len(reports) >= 2 * SPLIT_MIN_PART]
    changed: set[str] = set()
    total = sum(len(movable[cid]) for cid in candidates)
    looked = reported = 0
    for cluster_id in candidates:
        reports = movable[cluster_id]
        if progress is not None and looked // PROGRESS_EVERY > reported:
            reported = looked // PROGRESS_EVERY
            progress("split", looked, total)
        looked += len(reports)
        apart, rest, split_off = _bisect(reports, clusters[cluster_id], config)
        part_b = [doc_id for doc_id in held[cluster_id] if doc_id in apart]
        part_a = [doc_id for doc_id in held[cluster_id] if doc_id not in apart]
        if min(len(part_a), len(part_b)) < SPLIT_MIN_PART or linkage(part_a, part_b) >= split_threshold:
            continue
        fixed = len(held[cluster_id]) > len(reports)  # reports that never move: all in part a
        if fixed or held[cluster_id][0] in part_a:
            founded, kept_info, new_info = part_b, rest, split_off
        else:
            founded, kept_info, new_info = part_a, split_off, rest
        new_id = next((d for d in founded if d not in clusters or clusters[d].size == 0), None)
        if new_id is None:
            continue  # every id of the part names a cluster with members: no name for it (never seen)
        kept_info.id, new_info.id = cluster_id, new_id
        clusters[cluster_id], clusters[new_id] = kept_info, new_info
        by_id = {member.id: member for member in reports}
        for doc_id in founded:
            cluster_of[doc_id] = new_id
            voter.moved(by_id[doc_id], new_id)
        changed.update((cluster_id, new_id))
    if progress is not None and total:
        progress("split", total, total)
    return changed


def _bisect(reports: list[Member], cluster: ClusterInfo,
            config: ShingleConfig) -> tuple[set[str], ClusterInfo, ClusterInfo]:
    """A cut of ``cluster`` in two: the ids of ``reports`` split off, the rest of the
    cluster (a copy, with the reports that never move) and the part split off. Two-means
    from the report that fits the whole cluster worst, with the centroids kept up to date at
    every move (refinement's rule, inside one cluster): a report changes part when the
    other part's centroid fits it better than its own part's without it; a part is never
    emptied. Input order throughout: the same cut in every process."""
    totals = [sum(report.terms.values()) for report in reports]
    fits = [story_centroid_similarity(r.terms, r.unit, cluster, config, t) for r, t in zip(reports, totals)]
    seed = min(range(len(reports)), key=fits.__getitem__)  # the first of the worst
    rest, split_off = cluster.copy(), ClusterInfo(id=cluster.id)
    apart = [False] * len(reports)

    def move(i: int, similarity: float) -> None:
        report = reports[i]
        source, target = (split_off, rest) if apart[i] else (rest, split_off)
        source.release(report.terms, report.unit, report.id)
        target.absorb(report.id, 0, report.day, similarity, report.terms, report.unit if report.unit.size else None)
        apart[i] = not apart[i]

    move(seed, fits[seed])
    for _round in range(SPLIT_ROUNDS):
        moved = False
        for i, report in enumerate(reports):
            own, other = (split_off, rest) if apart[i] else (rest, split_off)
            if own.size <= 1:
                continue
            there = story_centroid_similarity(report.terms, report.unit, other, config, totals[i])
            # Only a report the other part fits better than its own part with it is
            # compared with its own part without it (a copy of the centroid).
            if there <= story_centroid_similarity(report.terms, report.unit, own, config, totals[i]):
                continue
            without = own.copy()
            without.release(report.terms, report.unit)
            if there <= story_centroid_similarity(report.terms, report.unit, without, config, totals[i]):
                continue
            move(i, there)
            moved = True
        if not moved:
            break
    return {r.id for r, away in zip(reports, apart) if away}, rest, split_off


def merge_story_clusters(order: list[str], members: list[Member], cluster_of: dict[str, str],
                         clusters: dict[str, ClusterInfo], voter: Voter,
                         settings: RefineSettings, *, merge_threshold: float,
                         linkage: Callable[[list[str], list[str]], float],
                         progress: Progress | None = None, workers: int = 1) -> set[str]:
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

    The neighbours' votes and the scores of the pairs first offered only read the
    clusters: with ``workers`` > 1 forked processes share them (forked.map_shares; the
    same merges, as the numbers are the same in any process).
    """
    neighbours: dict[str, set[str]] = {}
    nearest = voter.with_k(MERGE_NEIGHBOURS)

    def heard(done: int) -> None:
        if progress is not None:  # it is passed only with a progress; said again for the type
            progress("merge", done, len(members))

    votes = map_shares(lambda member: nearest.most_voted(member, cluster_of[member.id]), members,
                       workers=workers, progress=heard if progress is not None else None, every=PROGRESS_EVERY)
    for member, voted in zip(members, votes):
        own = cluster_of[member.id]
        for other in voted:
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

    def scored(pair: tuple[str, str]) -> float | None:
        """The average link of two clusters (``left < right``), or None where it is not asked."""
        left, right = pair
        if settings.window_days is not None and not clusters[left].spans_within(clusters[right],
                                                                                 settings.window_days):
            return None
        # The centroids screen the pairs the average link is computed for: it costs up to
        # 16 x 16 pair similarities, and no pair of clusters whose average link reached
        # 0.40 had centroid similarity below 0.40 (story_clusters.py, "merge screen").
        if cluster_similarity(clusters[left], clusters[right], settings.config) < LINKAGE_SCREEN:
            return None
        return linkage(held[left], held[right])

    def push(left: str, right: str, score: float | None) -> None:
        if score is not None and score >= merge_threshold:
            heapq.heappush(heap, (-score, left, right, version[left], version[right]))

    def offer(a: str, b: str) -> None:
        left, right = (a, b) if a < b else (b, a)
        push(left, right, scored((left, right)))

    first = [(a, b) for a in sorted(neighbours) for b in sorted(neighbours[a]) if a < b and a in held and b in held]
    for (left, right), score in zip(first, map_shares(scored, first, workers=workers)):
        push(left, right, score)
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

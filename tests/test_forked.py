"""Read-only work shared with forked processes (dedup/forked.py) and the story refinement
that uses it: the results, and so the clusters, of one process."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import newsclean
from newsclean.dedup import forked

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="shared work forks on Linux only")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def fork_small_lists(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Fork for lists of any length (the default forks for 2,000 items and more), and count the forks."""
    monkeypatch.setattr(forked, "MIN_ITEMS", 1)
    # Threads other tests of the session left behind (idle clients, pools) are not this
    # test's: count only the ones started since, as a process of its own would.
    before = threading.active_count()
    monkeypatch.setattr(forked, "threading", SimpleNamespace(active_count=lambda: threading.active_count() - before + 1))
    forks: list[int] = []
    real_fork = os.fork

    def counted_fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(forked.os, "fork", counted_fork)
    return forks


@pytest.mark.parametrize("workers", [1, 2, 3, 7])
def test_shared_work_comes_back_in_the_order_of_the_items(fork_small_lists: list[int], workers: int) -> None:
    items = list(range(50))
    got = forked.map_shares(lambda n: [n, f"#{n}", n / 3, None, n % 2 == 0], items, workers=workers)
    assert got == [[n, f"#{n}", n / 3, None, n % 2 == 0] for n in items]
    assert len(fork_small_lists) == workers - 1


@pytest.mark.parametrize("failure", ["exit", "raise", "unencodable"])
def test_a_child_that_fails_costs_time_not_results(fork_small_lists: list[int], failure: str) -> None:
    parent = os.getpid()

    def work(n: int) -> object:
        if os.getpid() != parent and n == 30:
            if failure == "exit":
                os._exit(3)
            if failure == "raise":
                raise RuntimeError("a child's failure")
            return object()  # JSON cannot carry it back
        return n * n

    assert forked.map_shares(work, list(range(40)), workers=2) == [n * n for n in range(40)]
    assert len(fork_small_lists) == 1


def test_nothing_forks_while_another_thread_runs(fork_small_lists: list[int]) -> None:
    # A lock another thread holds at the fork stays held for ever in the child.
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert forked.map_shares(lambda _n: os.getpid(), list(range(10)), workers=2) == [os.getpid()] * 10
    finally:
        release.set()
        thread.join()
    assert fork_small_lists == []


def test_no_child_outlives_an_interrupted_map(fork_small_lists: list[int], tmp_path: Path) -> None:
    parent = os.getpid()
    started = tmp_path / "child"

    def work(n: int) -> int:
        if os.getpid() != parent:
            started.write_text(str(os.getpid()))
            time.sleep(60)
        else:
            deadline = time.monotonic() + 20
            while not started.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            raise KeyboardInterrupt
        return n

    with pytest.raises(KeyboardInterrupt):
        forked.map_shares(work, list(range(10)), workers=2)
    assert fork_small_lists and started.exists()
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left running or a zombie
        os.kill(fork_small_lists[0], 0)


def test_workers_must_be_a_whole_number_of_at_least_one() -> None:
    with pytest.raises(ValueError, match="workers"):
        forked.map_shares(abs, [1], workers=0)
    index = newsclean.DuplicateIndex(mode="story")
    for bad in (0, -1, 1.5, True, "2"):
        with pytest.raises(newsclean.ConfigError, match="workers"):
            index.clusters(refine=True, workers=bad)  # type: ignore[arg-type]


def test_the_merge_shared_with_forked_workers_makes_the_merges_of_one_process(fork_small_lists: list[int]) -> None:
    # Clusters of one report each, six stories of ten: the LSH candidates of a report are
    # its own story's reports, and the average link is high within a story only. Votes or
    # scores handed to the wrong cluster pair would merge other clusters, or none.
    import numpy as np

    from newsclean.dedup.cluster import ClusterInfo
    from newsclean.dedup.refine import CandidateVoter, Member, RefineSettings, merge_story_clusters
    from newsclean.dedup.shingles import ShingleConfig

    none = np.empty(0, dtype=np.float32)
    story = {f"r{i:02d}": i % 6 for i in range(60)}
    members = [Member(doc_id, {100 + s: 1.0, 200 + s: 1.0, 300 + s: 0.5}, none, None) for doc_id, s in story.items()]
    config = ShingleConfig.for_mode("story")

    def merged(workers: int) -> dict[str, str]:
        clusters = {m.id: ClusterInfo(id=m.id) for m in members}
        for member in members:
            clusters[member.id].absorb(member.id, 5, None, 1.0, member.terms)
        cluster_of = {m.id: m.id for m in members}
        voter = CandidateVoter(lambda m: [o for o in story if o != m.id and story[o] == story[m.id]], cluster_of, 32)
        merge_story_clusters(list(story), members, cluster_of, clusters, voter,
                             RefineSettings(config, cluster_threshold=0.42, window_days=None, clusters_checked=32),
                             merge_threshold=0.5, workers=workers,
                             linkage=lambda left, right: 0.9 if story[left[0]] == story[right[0]] else 0.1)
        return cluster_of

    alone = merged(1)
    assert alone == {doc_id: f"r{s:02d}" for doc_id, s in story.items()}  # one cluster a story, named by its first
    assert merged(2) == alone and merged(4) == alone
    assert len(fork_small_lists) == 2 * (1 + 3)


def _story_corpus() -> list[tuple[str, str]]:
    """Reports of a few stories of two topics, each story told in several wordings, so that
    refinement moves reports and the merge scores cluster pairs."""
    stories = {
        "quake": ["A magnitude 6.1 earthquake struck Lake County on Sunday, and rescuers in Clearlake searched "
                  "the rubble of collapsed homes.", "Officials in Lake County said the Clearlake quake damaged "
                  "roads and left hundreds without power."],
        "quake2": ["A magnitude 5.2 earthquake shook Papua New Guinea's highlands near Mount Hagen on Tuesday, "
                   "cutting the road to the mine.", "Villagers near Mount Hagen slept outside after the highlands "
                   "earthquake cracked the church walls."],
        "budget": ["The Springfield council approved the school budget after a long debate over road repairs "
                   "and teacher pay.", "Springfield's mayor signed the school budget, which raises teacher pay "
                   "and delays road repairs."],
        "trial": ["The jury in Denver convicted the former treasurer of embezzling pension funds after a "
                  "three-week trial.", "The former Denver treasurer will be sentenced in March for embezzling "
                  "from the pension fund, the judge said."],
    }
    docs = []
    for i in range(48):
        name = sorted(stories)[i % len(stories)]
        first, second = stories[name]
        body = (first + " ") * (2 + i % 3) + (second + " ") * (1 + i % 2) + f"Update {i} was filed at {i % 12} pm."
        docs.append((f"{name}-{i}", body))
    return docs


def test_refinement_shared_with_forked_workers_gives_the_clusters_of_one_process(
        fork_small_lists: list[int]) -> None:
    index = newsclean.DuplicateIndex(mode="story")
    for doc_id, text in _story_corpus():
        index.add(doc_id, text)
    alone = index.clusters(min_size=1, refine=True)
    assert len(alone) > 1
    assert fork_small_lists == []
    for workers in (2, 3):
        assert index.clusters(min_size=1, refine=True, workers=workers) == alone
    assert len(fork_small_lists) == 2 * (1 + 2)  # the votes and the first offers, at 2 and at 3 workers


def test_ecbplus_clusters_are_the_same_with_forked_workers(shared_data: Path, fork_small_lists: list[int]) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import story_clusters

    docs, _gold, _topic = story_clusters.load_ecb(shared_data)
    index = newsclean.DuplicateIndex(mode="story")
    for doc in docs:
        index.add(doc.id, doc)
    assert index.clusters(min_size=1, refine=True, workers=2) == index.clusters(min_size=1, refine=True)
    assert len(fork_small_lists) == 2

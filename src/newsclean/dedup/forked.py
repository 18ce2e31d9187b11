"""Read-only work over a list, shared with forked copies of this process.

Story refinement runs in the process that holds the index, after the input is read, while
the workers that cleaned and prepared the documents wait (``newsclean dedup --workers N``).
Some of its work only reads the index: the merge's neighbour votes and the average links of
the cluster pairs it first offers (refine.merge_story_clusters). A process forked at that
point shares the whole index with its parent (copy-on-write), so those reads can be split
between processes with nothing sent to them; each child sends back only its results, as
JSON (no pickle: nothing read from a pipe is executed), and the parent puts them in the
order of the items. The results are the same numbers in any process, so the clusters are
those of one process (tests/test_forked.py).

Fork is used only where it is safe and worth it: on Linux (macOS libraries may abort in a
forked child, and Windows has no fork), with no other Python thread running (a lock held
by another thread at the fork would never be released in the child), and for at least
MIN_ITEMS items (a fork of a large process costs milliseconds). Otherwise, and for any
share whose child fails (killed, out of memory, an exception), the parent computes the
share itself: a failed child costs time, never a result.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["MIN_ITEMS", "can_fork", "map_shares"]

T = TypeVar("T")

# Fewer items than this are computed in this process: forking a process of a few GB and
# reading back its results costs more than a few hundred votes (~50 us each).
MIN_ITEMS = 2_000


def can_fork() -> bool:
    """Whether this process may fork children for read-only work now (see the module)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def _shares(count: int, parts: int) -> list[range]:
    """``count`` positions cut into ``parts`` contiguous ranges of near-equal length."""
    bounds = [count * i // parts for i in range(parts + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(parts)]


def map_shares(function: Callable[[T], Any], items: Sequence[T], *, workers: int,
               progress: Callable[[int], None] | None = None, every: int = 1_000) -> list[Any]:
    """``[function(item) for item in items]``, the items cut into ``workers`` contiguous
    shares of which forked children compute all but the first (see the module).

    ``function`` must only read this process's state, and return what JSON carries back
    unchanged (None, bool, int, float, str, and lists of them: a tuple comes back as a
    list). ``progress(done)`` hears how many items are done, every ``every`` items of the
    parent's own share and as each child's share arrives.

    >>> map_shares(lambda n: n * n, list(range(5)), workers=2)
    [0, 1, 4, 9, 16]
    """
    if workers < 1:
        raise ValueError("workers >= 1")
    if workers == 1 or len(items) < MIN_ITEMS or not can_fork():
        return _computed(function, items, range(len(items)), progress, 0, every)
    shares = _shares(len(items), workers)
    children: list[tuple[int, int, range]] = []  # (pid, read end of its pipe, its share)
    try:
        for share in shares[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child's coverage is not collected
                os.close(read_end)
                _child(function, items, share, write_end)
            os.close(write_end)
            children.append((pid, read_end, share))
        results = _computed(function, items, shares[0], progress, 0, every)
        done = len(results)
        while children:
            pid, read_end, share = children[0]
            payload = _drained(read_end)
            _pid, status = os.waitpid(pid, 0)
            del children[0]
            os.close(read_end)
            part = _parsed(status, payload, len(share))
            if part is None:  # the child failed: its share is computed here
                part = _computed(function, items, share, progress, done, every)
            results.extend(part)
            done += len(share)
            if progress is not None:
                progress(done)
        return results
    finally:
        for pid, read_end, _share in children:  # an exception here (Ctrl-C): no child outlives it
            with contextlib.suppress(OSError):  # closed already
                os.close(read_end)
            with contextlib.suppress(ProcessLookupError, ChildProcessError):  # reaped already
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _computed(function: Callable[[T], Any], items: Sequence[T], share: range,
              progress: Callable[[int], None] | None, done: int, every: int) -> list[Any]:
    out = []
    for looked, position in enumerate(share):
        if progress is not None and looked and looked % every == 0:
            progress(done + looked)
        out.append(function(items[position]))
    return out


def _child(function: Callable[[T], Any], items: Sequence[T], share: range,
           write_end: int) -> None:  # pragma: no cover - runs in the forked child
    """Compute ``share`` and write it to ``write_end`` as JSON; never returns."""
    status = 1
    try:
        # The collector would walk (and so copy, page by page) every object of the index
        # the parent holds; the child lives for one share.
        gc.disable()
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent cleans up
        payload = json.dumps([function(items[i]) for i in share], allow_nan=True).encode("utf-8")
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view):]
        status = 0
    except BaseException:  # whatever failed (an exit status says so), the parent computes the share
        pass
    finally:
        os._exit(status)


def _drained(read_end: int) -> bytes:
    """Everything a child writes to its pipe, until it closes it (by exiting)."""
    chunks = []
    while chunk := os.read(read_end, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _parsed(status: int, payload: bytes, expected: int) -> list[Any] | None:
    """A child's results, or None when it failed (any exit but 0, or a payload that is
    not a JSON list of ``expected`` items)."""
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        part = json.loads(payload)
    except ValueError:
        return None
    return part if isinstance(part, list) and len(part) == expected else None

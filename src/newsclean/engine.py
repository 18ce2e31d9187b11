"""A streaming process engine: bounded work in flight, results in input order, and a dead
or stuck worker costing only the document that killed it.

``ProcessPoolExecutor.map`` submits every input before yielding the first result (5,000
inputs read before the first document came back), and one worker killed by a segfault,
``os._exit`` or the OOM killer breaks the whole pool (``BrokenProcessPool``: 67 of 99
healthy documents lost). Here at most ``2 x workers`` chunks are in flight; when a worker
dies or a chunk overruns its time, the pool's processes are killed and a new pool is
made, the chunks in flight are run again, and the chunk that failed is run one document
at a time to find the culprit, which alone becomes an error record.

The engine knows nothing of stages or documents: it maps a picklable ``work`` function
over chunks of items, and asks ``failed(item, position, reason)`` for the record of an
item it could not process. Pipeline.map wraps it.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from newsclean.errors import ConfigError

__all__ = ["ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

# A chunk may take its documents' time limits plus this, for process start-up and pickling.
_GRACE_SECONDS = 2.0


def ordered_map(
    work: Callable[[list[tuple[int, T]]], list[R]],
    items: Iterable[T],
    failed: Callable[[T, int, str], R],
    *,
    workers: int,
    chunk_size: int,
    timeout: float | None = None,
) -> Iterator[R]:
    """``work`` over ``items`` in worker processes, in order, streaming.

    ``work`` gets a chunk of ``(position, item)`` pairs and returns one result per pair;
    it runs in a worker process, so it and the items must pickle. ``timeout`` is the
    time limit of one item, in seconds.
    """
    if workers < 1 or chunk_size < 1:
        raise ConfigError("workers and chunk_size must be >= 1")
    if timeout is not None and not timeout > 0:
        raise ConfigError(f"timeout must be > 0 seconds, got {timeout!r}")
    engine = _Engine(work, failed, workers, chunk_size, timeout)
    try:
        yield from engine.run(iter(items))
    finally:
        engine.close()


class _Engine:
    def __init__(self, work: Callable[..., Any], failed: Callable[..., Any], workers: int, chunk_size: int,
                 timeout: float | None) -> None:
        self.work, self.failed = work, failed
        self.workers, self.chunk_size, self.timeout = workers, chunk_size, timeout
        self.pool = self._new_pool()
        self.finished = False

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers)

    def _limit(self, size: int) -> float | None:
        return None if self.timeout is None else self.timeout * size + _GRACE_SECONDS

    def run(self, items: Iterator[Any]) -> Iterator[Any]:
        positions = itertools.count()
        inflight: deque[tuple[list[tuple[int, Any]], concurrent.futures.Future[Any]]] = deque()
        broken: Exception | None = None  # what the source raised, once what it gave is done
        while True:
            while len(inflight) < 2 * self.workers and broken is None:
                chunk: list[tuple[int, Any]] = []
                try:
                    for item in itertools.islice(items, self.chunk_size):
                        chunk.append((next(positions), item))
                except Exception as exc:
                    # A source that breaks (a file cut short, a reader's error) loses none
                    # of what it gave before: those results come first, then its error.
                    # In one process they did; here they were in flight and were lost.
                    broken = exc
                if chunk:
                    inflight.append((chunk, self._submit(chunk)))
                if not chunk or broken is not None:
                    break
            if not inflight:
                self.finished = True
                if broken is not None:
                    raise broken
                return
            chunk, future = inflight.popleft()
            try:
                results = future.result(timeout=self._limit(len(chunk)))
            except (BrokenProcessPool, concurrent.futures.TimeoutError):
                # Which item failed, and why, is learnt by running them alone.
                self._restart()
                yield from self._one_by_one(chunk)
                # The others in flight were in a pool that is gone: run them again.
                inflight = deque((c, self._submit(c)) for c, _f in inflight)
                continue
            yield from results

    def _submit(self, chunk: list[tuple[int, Any]]) -> concurrent.futures.Future[Any]:
        """Submit a chunk; a pool that broke meanwhile (a worker died between two
        submissions) gives a failed future, which run() handles like any other failure."""
        try:
            return self.pool.submit(self.work, chunk)
        except BrokenProcessPool as exc:
            failed: concurrent.futures.Future[Any] = concurrent.futures.Future()
            failed.set_exception(exc)
            return failed

    def _one_by_one(self, chunk: list[tuple[int, Any]]) -> Iterator[Any]:
        """Each item of a chunk that failed, alone, so that only the culprit fails."""
        for position, item in chunk:
            future = self.pool.submit(self.work, [(position, item)])
            try:
                (result,) = future.result(timeout=self._limit(1))
            except concurrent.futures.TimeoutError:
                self._restart()
                yield self.failed(item, position, f"took longer than the time limit of {self.timeout} s; "
                                                  "the worker was stopped")
                continue
            except BrokenProcessPool:
                self._restart()
                yield self.failed(item, position, "its worker process died while processing it "
                                                  "(killed, crashed or out of memory)")
                continue
            yield result

    def _restart(self) -> None:
        _kill(self.pool)
        self.pool = self._new_pool()

    def close(self) -> None:
        if self.finished:
            self.pool.shutdown(wait=True)
        else:  # stopped early (an exception, Ctrl-C, the consumer gave up): leave no process behind
            _kill(self.pool)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, its running tasks too. ``shutdown`` alone waits for a stuck task
    forever; the executor keeps its processes in ``_processes`` (CPython 3.8-3.14)."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    # The executor's own thread may be joining the same processes: wait until each is
    # seen dead rather than trusting one join.
    deadline = time.monotonic() + 10
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
        while process.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)

"""The stage contract, :class:`Pipeline`, and per-stage statistics.

A stage is any callable object with a ``name`` that takes a :class:`Document` and
returns a :class:`Document` (usually ``dataclasses.replace(doc, ...)``). Stages never
count anything themselves: the pipeline compares ``removed`` before and after each
stage and counts removals by reason, so every stage gets the same bookkeeping for free
and can also be called alone.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import xxhash

from newsclean.document import Document
from newsclean.engine import ordered_map
from newsclean.errors import ConfigError, DocumentError, InputError, NewscleanError, describe_type
from newsclean.io import DEFAULT_MAX_BYTES

__all__ = ["Engine", "Pipeline", "Source", "Stage", "StageStats", "to_document"]

Source = str | bytes | Document


class Engine(Protocol):
    """What runs Pipeline.map's chunks somewhere else (newsclean.dask.DaskEngine): a
    picklable ``work`` over chunks of ``(position, item)``, results in input order, and
    ``failed(item, position, reason)`` for an item it could not run."""

    def ordered_map(self, work: Callable[[list[tuple[int, Any]]], list[Any]], items: Iterable[Any],
                    failed: Callable[[Any, int, str], Any], *, chunk_size: int,
                    timeout: float | None = None) -> Iterator[Any]: ...


@runtime_checkable
class Stage(Protocol):
    """What every stage is: a named callable from :class:`Document` to :class:`Document`."""

    @property
    def name(self) -> str: ...

    def __call__(self, doc: Document) -> Document: ...


@dataclass
class StageStats:
    """Counters of one stage: documents seen, changed, failed, and removals by reason."""

    seen: int = 0
    changed: int = 0
    failed: int = 0
    removed: Counter[str] = field(default_factory=Counter)

    def merge(self, other: StageStats) -> None:
        self.seen += other.seen
        self.changed += other.changed
        self.failed += other.failed
        self.removed.update(other.removed)

    def as_dict(self) -> dict[str, object]:
        return {"seen": self.seen, "changed": self.changed, "failed": self.failed,
                "removed": dict(sorted(self.removed.items()))}


def to_document(source: Source, *, id: str | None = None) -> Document:
    """Wrap ``source`` in a :class:`Document`; bytes wait in ``raw`` for the decode stage.

    Without an ``id``, one is derived from the content (xxh64), so the same input gets
    the same id in every process.

    >>> to_document("Hello").id
    '0a75a91375b27d44'
    """
    if isinstance(source, Document):
        return source if id is None else dataclasses.replace(source, id=id)
    if isinstance(source, str):
        doc_id = id if id is not None else xxhash.xxh64_hexdigest(source.encode("utf-8", "surrogatepass"))
        return Document(id=doc_id, text=source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return Document(id=id if id is not None else xxhash.xxh64_hexdigest(data), text="", raw=data)
    raise InputError(
        f"expected str, bytes or Document, got {describe_type(source)}"
        + ("; open the file and pass its contents" if isinstance(source, os.PathLike) else "")
    )


class Pipeline:
    """Run stages in order over one document or many, keeping per-stage statistics.

    >>> from newsclean.segment import SplitSentences
    >>> pipe = Pipeline(SplitSentences())
    >>> len(pipe("One. Two.").sentences)
    2
    >>> pipe.stats["segment"].seen
    1
    """

    def __init__(self, *stages: Stage) -> None:
        if not stages:
            raise ConfigError("Pipeline needs at least one stage")
        names = [getattr(stage, "name", None) for stage in stages]
        for stage, name in zip(stages, names):
            if not callable(stage) or not isinstance(name, str):
                raise ConfigError(f"{stage!r} is not a stage: it needs a str 'name' and __call__(doc)")
        if len(set(names)) != len(names):
            raise ConfigError(f"stage names must be unique, got {names}")
        self.stages: tuple[Stage, ...] = stages
        self.stats: dict[str, StageStats] = {str(n): StageStats() for n in names}
        self.failures = 0

    def __repr__(self) -> str:
        return f"Pipeline({', '.join(s.name for s in self.stages)})"

    def __call__(self, source: Source, *, id: str | None = None) -> Document:
        """Run every stage on one input; errors raise (wrapped in DocumentError)."""
        return self._run(to_document(source, id=id), self.stages)

    def _run(self, doc: Document, stages: tuple[Stage, ...]) -> Document:
        for stage in stages:
            stats = self.stats[stage.name]
            stats.seen += 1
            before = len(doc.removed)
            try:
                out = stage(doc)
            except NewscleanError:
                stats.failed += 1
                raise
            except Exception as exc:  # a stage bug must name the stage and document
                stats.failed += 1
                raise DocumentError(f"stage {stage.name!r} failed on {doc.id!r}: {exc!r}",
                                    doc_id=doc.id, stage=stage.name) from exc
            if not isinstance(out, Document):
                raise NewscleanError(f"stage {stage.name!r} returned {describe_type(out)}, not Document")
            if out is not doc:
                stats.changed += 1
            stats.removed.update(r.reason for r in out.removed[before:])
            doc = out
        return doc

    def map(
        self,
        sources: Iterable[Source],
        *,
        workers: int = 1,
        chunk_size: int = 32,
        timeout: float | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        engine: Engine | None = None,
    ) -> Iterator[Document]:
        """Run the pipeline over many inputs, in order, streaming; one failure never stops the batch.

        A document that fails comes back with empty ``text`` and ``meta["error"]``
        (``{"stage", "type", "message"}``). ``workers > 1`` (or a ``timeout``) runs the
        stages in worker processes, with at most ``2 x workers`` chunks in flight: the
        input is read as results are consumed, never all at once. A worker that dies
        costs only the document that killed it, and a document that runs past
        ``timeout`` seconds becomes an error record (see engine.py). Inputs over
        ``max_bytes`` are refused with an error record instead of being processed.
        The workers' statistics are merged into ``self.stats``.

        ``engine`` runs the chunks elsewhere, for example on a Dask cluster
        (:class:`newsclean.dask.DaskEngine`); the stages never know which engine runs them.

        A stage that keeps state across documents says so with ``ordered = True`` (for
        example :class:`~newsclean.dedup.exact.MarkExactDuplicates`): it, and every stage
        after it, runs here in the calling process over the workers' results, in input
        order, so that its state sees every document whatever the engine.
        """
        if isinstance(sources, (str, bytes, Document)) or not isinstance(sources, Iterable):
            # a lone text would be mapped character by character
            raise InputError(f"map takes an iterable of documents or texts, got {describe_type(sources)}")
        if isinstance(sources, Mapping):
            # iterated, a mapping gives its keys: the ids would have been cleaned as the texts
            raise InputError("map takes an iterable of documents or texts, not a mapping; for {id: text} pass "
                             "(Document(id=k, text=v) for k, v in sources.items())")
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ConfigError(f"workers must be a whole number >= 1, got {workers!r}")
        if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
            raise ConfigError(f"chunk_size must be a whole number >= 1, got {chunk_size!r}")
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                    or not timeout > 0):
            raise ConfigError(f"timeout must be a number of seconds > 0, got {timeout!r}")
        if max_bytes is not None and (isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1):
            raise ConfigError(f"max_bytes must be a whole number >= 1 or None, got {max_bytes!r}")
        split = next((i for i, stage in enumerate(self.stages) if getattr(stage, "ordered", False)),
                     len(self.stages))
        if (workers == 1 and timeout is None and engine is None) or split == 0:
            for position, source in enumerate(sources):
                yield self._process_at(position, source, max_bytes)
            return
        in_order = self.stages[split:]
        job = functools.partial(_run_chunk, self.stages[:split], max_bytes)
        results = (ordered_map(job, sources, self._engine_failure, workers=workers, chunk_size=chunk_size,
                               timeout=timeout) if engine is None else
                   engine.ordered_map(job, sources, self._engine_failure, chunk_size=chunk_size, timeout=timeout))
        for position, (doc, stats, failed) in enumerate(results):
            for name, stage_stats in stats.items():
                self.stats[name].merge(stage_stats)
            self.failures += failed
            if in_order and "error" not in doc.meta:
                doc = self.process(doc, position=position, stages=in_order)
            yield doc

    def _engine_failure(self, source: Source, position: int, reason: str) -> tuple[Document, dict[str, StageStats], int]:
        return _error_record(source, position, "engine", "WorkerError", reason), {}, 1

    def _process_at(self, position: int, source: Source, max_bytes: int | None) -> Document:
        refused = _oversized(source, max_bytes)
        if refused:
            self.failures += 1
            return _error_record(source, position, "input", "InputError", refused)
        return self.process(source, position=position)

    def process(self, source: Source, *, position: int | None = None,
                stages: tuple[Stage, ...] | None = None) -> Document:
        """Like calling the pipeline, but a failure comes back as an error record.

        The failed document has empty ``text`` and ``meta["error"]`` with the stage, the
        exception type and its message; ``self.failures`` counts them. Its id is the
        input's (or, for input that is not a document at all, ``input-<position>``).
        ``stages`` runs only those (map runs the ordered stages so, over the workers' results).
        """
        try:
            return self._run(to_document(source), self.stages if stages is None else stages)
        except Exception as exc:
            self.failures += 1
            stage = getattr(exc, "stage", "") or ("input" if isinstance(exc, InputError) else "")
            return _error_record(source, position, stage, type(exc.__cause__ or exc).__name__, str(exc))


def _error_record(source: Source, position: int | None, stage: str, kind: str, message: str) -> Document:
    try:
        doc_id = to_document(source).id
    except InputError:
        doc_id = f"input-{position}" if position is not None else "input"
    return Document(id=doc_id, text="", meta={"error": {"stage": stage, "type": kind, "message": message}})


def _oversized(source: Source, max_bytes: int | None) -> str:
    """Why ``source`` is refused for its size ("" when it is not)."""
    if max_bytes is None:
        return ""
    if isinstance(source, Document):
        size = len(source.raw) if source.raw is not None else _utf8_size(source.text, max_bytes)
    elif isinstance(source, str):
        size = _utf8_size(source, max_bytes)
    elif isinstance(source, (bytes, bytearray, memoryview)):
        size = len(source)
    else:
        return ""
    return f"the document is {size:,} bytes, over max_bytes={max_bytes:,}" if size > max_bytes else ""


def _utf8_size(text: str, limit: int) -> int:
    # A character is 1 to 4 bytes: only text near the limit is worth encoding to measure.
    if len(text) > limit or len(text) * 4 <= limit:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _run_chunk(
    stages: tuple[Stage, ...], max_bytes: int | None, chunk: list[tuple[int, Source]]
) -> list[tuple[Document, dict[str, StageStats], int]]:
    """One chunk in a worker. The chunk's statistics travel with its last document only:
    a chunk whose worker died returns nothing and is rerun document by document, so
    nothing is counted twice, and the parent unpickles one set of counters per chunk
    rather than one per document."""
    local = Pipeline(*stages)
    docs = [local._process_at(position, source, max_bytes) for position, source in chunk]
    empty: dict[str, StageStats] = {}
    return [(doc, local.stats if i == len(docs) - 1 else empty, local.failures if i == len(docs) - 1 else 0)
            for i, doc in enumerate(docs)]

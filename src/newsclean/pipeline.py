"""The stage contract, :class:`Pipeline`, and per-stage statistics.

A stage is any callable object with a ``name`` that takes a :class:`Document` and
returns a :class:`Document` (usually ``dataclasses.replace(doc, ...)``). Stages never
count anything themselves: the pipeline compares ``removed`` before and after each
stage and counts removals by reason, so every stage gets the same bookkeeping for free
and can also be called alone.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import xxhash

from newsclean.document import Document
from newsclean.errors import ConfigError, DocumentError, InputError, NewscleanError, describe_type

__all__ = ["Pipeline", "Source", "Stage", "StageStats", "to_document"]

Source = str | bytes | Document


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
        doc = to_document(source, id=id)
        for stage in self.stages:
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

    def map(self, sources: Iterable[Source], *, workers: int = 1, chunk_size: int = 32) -> Iterator[Document]:
        """Run the pipeline over many inputs, in order; one failure never stops the batch.

        A document that fails comes back with empty ``text`` and ``meta["error"]``
        (``{"stage", "type", "message"}``). ``workers > 1`` uses that many processes;
        their statistics are merged into ``self.stats``.
        """
        if workers < 1:
            raise ConfigError(f"workers must be >= 1, got {workers}")
        if workers == 1:
            for source in sources:
                yield self.process(source)
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for docs, stats, failures in pool.map(_run_chunk, _chunks(self, sources, chunk_size)):
                for name, stage_stats in stats.items():
                    self.stats[name].merge(stage_stats)
                self.failures += failures
                yield from docs

    def process(self, source: Source) -> Document:
        """Like calling the pipeline, but a failure comes back as an error record.

        The failed document has empty ``text`` and ``meta["error"]`` with the stage, the
        exception type and its message; ``self.failures`` counts them.
        """
        try:
            return self(source)
        except Exception as exc:
            self.failures += 1
            try:
                doc = to_document(source)
                doc_id, stage = doc.id, getattr(exc, "stage", "")
            except InputError:
                doc_id, stage = "", "input"
            error = {"stage": stage, "type": type(exc.__cause__ or exc).__name__, "message": str(exc)}
            return Document(id=doc_id, text="", meta={"error": error})


def _chunks(pipeline: Pipeline, sources: Iterable[Source], size: int) -> Iterator[tuple[Pipeline, list[Source]]]:
    chunk: list[Source] = []
    for source in sources:
        chunk.append(source)
        if len(chunk) >= size:
            yield pipeline, chunk
            chunk = []
    if chunk:
        yield pipeline, chunk


def _run_chunk(job: tuple[Pipeline, list[Source]]) -> tuple[list[Document], dict[str, StageStats], int]:
    template, sources = job
    # A fresh pipeline per chunk so the returned statistics are exactly this chunk's.
    local = Pipeline(*template.stages)
    docs = [local.process(source) for source in sources]
    return docs, local.stats, local.failures

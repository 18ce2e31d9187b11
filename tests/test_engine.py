"""The streaming engine behind Pipeline.map: bounded input, order kept, faults cost one document."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

import newsclean
from newsclean.document import Document


@dataclass(frozen=True)
class Misbehave:
    """A stage that kills its worker, or hangs, on a marked document."""

    name: str = "misbehave"

    def __call__(self, doc: Document) -> Document:
        if "EXIT" in doc.text:
            os._exit(3)
        if "SIGKILL" in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "SEGFAULT" in doc.text:
            import ctypes
            import faulthandler

            faulthandler.disable()  # the crash is the point: no traceback dump on the test's output
            ctypes.string_at(0)
        if "HANG" in doc.text:
            time.sleep(3600)
        return doc


def _docs(marker: str, at: int, n: int = 100) -> list[str]:
    return [f"Document {i} says hello. {marker if i == at else ''}" for i in range(n)]


@pytest.mark.parametrize("marker", ["EXIT", "SIGKILL", "SEGFAULT"])
def test_a_worker_that_dies_costs_only_its_own_document(marker: str) -> None:
    pipe = newsclean.Pipeline(Misbehave(), newsclean.SplitSentences())
    texts = _docs(marker, at=37)
    out = list(pipe.map(texts, workers=2, chunk_size=8))
    assert len(out) == 100
    errors = [i for i, doc in enumerate(out) if "error" in doc.meta]
    assert errors == [37]
    assert "died" in out[37].meta["error"]["message"] and out[37].id  # an id, not ""
    assert [doc.text for i, doc in enumerate(out) if i != 37] == [t for i, t in enumerate(texts) if i != 37]
    assert pipe.stats["segment"].seen == 99  # the chunk run again is not counted twice


def test_a_document_that_hangs_becomes_an_error_record_and_no_process_is_left() -> None:
    pipe = newsclean.Pipeline(Misbehave())
    out = list(pipe.map(_docs("HANG", at=5, n=20), workers=2, chunk_size=4, timeout=1))
    assert [i for i, doc in enumerate(out) if "error" in doc.meta] == [5]
    assert "time limit" in out[5].meta["error"]["message"]
    assert multiprocessing.active_children() == []  # the stuck worker was stopped, not left behind


def test_map_streams_an_endless_input_with_bounded_work_in_flight() -> None:
    consumed = 0

    def endless() -> Iterator[str]:
        nonlocal consumed
        for i in itertools.count():
            consumed += 1
            yield f"Sentence number {i}. Another one."

    pipe = newsclean.Pipeline(newsclean.SplitSentences())
    results = pipe.map(endless(), workers=2, chunk_size=8)
    first = next(results)
    assert len(first.sentences) == 2
    assert consumed <= 4 * 2 * 8
    taken = list(itertools.islice(results, 200))
    assert len(taken) == 200 and consumed <= 201 + 4 * 2 * 8
    results.close()  # stopping early leaves no worker behind
    assert multiprocessing.active_children() == []


def test_oversized_documents_are_refused_with_a_reason() -> None:
    pipe = newsclean.Pipeline(newsclean.SplitSentences())
    out = list(pipe.map(["Small. Text.", "x" * 2000, b"y" * 2000], max_bytes=1000))
    assert "error" not in out[0].meta
    assert [doc.meta["error"]["stage"] for doc in out[1:]] == ["input", "input"]
    assert "max_bytes" in out[1].meta["error"]["message"]


def test_error_records_from_map_have_an_id() -> None:
    # Before: an input that is not a document at all came back with id "".
    pipe = newsclean.Pipeline(newsclean.SplitSentences())
    out = list(pipe.map(["Fine.", 42, "Also fine."]))  # type: ignore[list-item]
    assert out[1].id == "input-1" and out[1].meta["error"]["stage"] == "input"


@pytest.mark.parametrize("workers", [1, 2])
def test_a_source_that_breaks_loses_none_of_what_it_gave(workers: int) -> None:
    # Before: with workers=2 the documents read before the source raised were in flight
    # and were lost (the error came first); in one process they had come out.
    def source() -> Iterator[str]:
        yield "First report. It has two sentences."
        yield "Second report."
        raise OSError("the input file was cut short")

    out: list[str] = []
    with pytest.raises(OSError, match="cut short"):
        for doc in newsclean.default_pipeline().map(source(), workers=workers):
            out.append(doc.text)
    assert out == ["First report. It has two sentences.", "Second report."]

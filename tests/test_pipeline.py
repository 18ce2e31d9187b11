"""The stage contract, Pipeline statistics, map() with processes, error records."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

import newsclean
from newsclean.errors import ConfigError, DocumentError, InputError

SEED_TEXT = "Home\nSearch\n\nCouncil passes budget\n\nThe council approved the budget on Monday.\n\nViews: 119"


@dataclass(frozen=True)
class Shout:
    name: str = "shout"

    def __call__(self, doc: newsclean.Document) -> newsclean.Document:
        return dataclasses.replace(doc, text=doc.text.upper())


@dataclass(frozen=True)
class Explode:
    name: str = "explode"

    def __call__(self, doc: newsclean.Document) -> newsclean.Document:
        if "boom" in doc.text:
            raise RuntimeError("boom found")
        return doc


def test_every_stage_can_be_used_alone() -> None:
    doc = newsclean.Document(id="x", text="cafÃ© menu")
    assert newsclean.RepairEncoding()(doc).text == "café menu"
    assert [s.text for s in newsclean.SplitSentences()(newsclean.Document(id="x", text="One two. Three four.")).sentences] == [
        "One two.", "Three four."]


def test_stats_count_documents_and_removals_by_reason() -> None:
    pipeline = newsclean.default_pipeline()
    pipeline(SEED_TEXT)
    pipeline(SEED_TEXT)
    stats = pipeline.stats["boilerplate"]
    assert stats.seen == 2
    assert stats.removed["counter"] == 2 and stats.removed["title"] == 2
    assert pipeline.stats["segment"].seen == 2


def test_custom_stages_compose() -> None:
    pipeline = newsclean.Pipeline(newsclean.Decode(), Shout(), newsclean.SplitSentences())
    doc = pipeline(b"one. two.")
    assert [s.text for s in doc.sentences] == ["ONE.", "TWO."]


def test_map_refuses_a_lone_text_or_a_mapping_instead_of_cleaning_its_pieces() -> None:
    # Regression: a dict iterated as its keys, so map({id: text}) cleaned the ids as texts.
    pipeline = newsclean.Pipeline(newsclean.RepairEncoding())
    for wrong in ("One text.", {"a": "One text."}):
        with pytest.raises(newsclean.InputError, match="iterable of documents"):
            list(pipeline.map(wrong))  # type: ignore[arg-type]
    assert [d.text for d in pipeline.map(newsclean.Document(id=k, text=v) for k, v in {"a": "One text."}.items())] \
        == ["One text."]


def test_map_keeps_order_with_processes_and_merges_stats() -> None:
    pipeline = newsclean.default_pipeline()
    texts = [f"Story number {i} is about the council. It voted {i} times on Monday." for i in range(40)]
    docs = list(pipeline.map(texts, workers=2, chunk_size=7))
    assert [d.text.split()[2] for d in docs] == [str(i) for i in range(40)]
    assert pipeline.stats["segment"].seen == 40


def test_one_bad_document_never_stops_a_batch() -> None:
    pipeline = newsclean.Pipeline(Explode(), newsclean.SplitSentences())
    docs = list(pipeline.map(["fine text.", "boom text.", "more fine text.", 42]))  # type: ignore[list-item]
    assert [d.text for d in docs] == ["fine text.", "", "more fine text.", ""]
    assert docs[1].meta["error"]["stage"] == "explode"
    assert "boom found" in docs[1].meta["error"]["message"]
    assert docs[3].meta["error"]["stage"] == "input"
    assert pipeline.failures == 2
    assert pipeline.stats["explode"].failed == 1


def test_calling_a_failing_pipeline_raises_a_document_error_naming_the_stage() -> None:
    with pytest.raises(DocumentError, match="explode") as info:
        newsclean.Pipeline(Explode())("boom", id="doc-7")
    assert info.value.doc_id == "doc-7" and info.value.stage == "explode"


def test_bad_pipelines_and_inputs_are_clear_errors() -> None:
    with pytest.raises(ConfigError, match="at least one stage"):
        newsclean.Pipeline()
    with pytest.raises(ConfigError, match="unique"):
        newsclean.Pipeline(Shout(), Shout())
    with pytest.raises(ConfigError, match="not a stage"):
        newsclean.Pipeline(lambda d: d)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="got int"):
        newsclean.clean(42)  # type: ignore[arg-type]


def test_documents_are_immutable_and_ids_deterministic() -> None:
    doc = newsclean.clean("The council met on Monday. It voted.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "x"  # type: ignore[misc]
    assert doc.id == newsclean.clean("The council met on Monday. It voted.").id


def test_document_round_trips_through_pickle_for_worker_processes() -> None:
    import pickle

    doc = newsclean.clean(SEED_TEXT)
    assert pickle.loads(pickle.dumps(doc)) == doc

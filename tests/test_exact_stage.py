"""MarkExactDuplicates: exact texts and re-crawled URLs marked before MinHash, in any engine."""

from __future__ import annotations

import pytest

import newsclean
from newsclean import Document, MarkExactDuplicates, Pipeline
from newsclean.segment import SplitSentences

TEXT = "The council met on Monday and approved the budget after a long debate."


def test_same_text_after_normalisation_is_marked_with_the_first_id() -> None:
    stage = MarkExactDuplicates()
    assert "duplicate_of" not in stage(Document(id="a", text=TEXT)).meta
    marked = stage(Document(id="b", text=TEXT.upper().replace(" ", "  ")))
    assert marked.meta["duplicate_of"] == "a" and marked.meta["duplicate_reason"] == "same text"
    assert marked.text == TEXT.upper().replace(" ", "  ")  # nothing is dropped


def test_same_canonical_url_is_a_recrawl() -> None:
    stage = MarkExactDuplicates()
    stage(Document(id="a", text=TEXT, meta={"url": "https://www.example.com/story?id=7"}))
    again = stage(Document(id="b", text="An updated version of the story.",
                           meta={"url": "http://example.com/story/?id=7&utm_source=tw#top"}))
    assert again.meta["duplicate_reason"] == "same canonical URL"
    off = MarkExactDuplicates(match_urls=False)
    off(Document(id="a", text=TEXT, meta={"url": "https://example.com/s"}))
    assert "duplicate_of" not in off(Document(id="b", text="Other text.", meta={"url": "https://example.com/s"})).meta


def test_the_same_id_twice_is_not_its_own_duplicate_and_empty_text_is_not_a_key() -> None:
    stage = MarkExactDuplicates()
    stage(Document(id="a", text=TEXT))
    assert "duplicate_of" not in stage(Document(id="a", text=TEXT)).meta
    stage(Document(id="e1", text="   "))
    assert "duplicate_of" not in stage(Document(id="e2", text="")).meta


@pytest.mark.parametrize("workers", [1, 2])
def test_duplicates_across_worker_chunks_are_found(workers: int) -> None:
    """Regression guard: run in the workers, each chunk would keep its own keys and miss
    duplicates in other chunks; ordered stages run in the calling process."""
    pipe = Pipeline(SplitSentences(), MarkExactDuplicates())
    texts = [f"Story number {i} is unique. It has two sentences." for i in range(20)] + [TEXT, TEXT.lower()]
    docs = list(pipe.map(texts, workers=workers, chunk_size=1))
    assert [d.meta.get("duplicate_reason") for d in docs].count("same text") == 1
    assert docs[-1].meta["duplicate_of"] == docs[-2].id
    assert pipe.stats["exact-dedup"].seen == 22 and pipe.stats["segment"].seen == 22


def test_bad_option_is_a_config_error() -> None:
    with pytest.raises(newsclean.ConfigError):
        MarkExactDuplicates(match_urls="yes")  # type: ignore[arg-type]

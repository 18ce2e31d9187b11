"""Same page, same document: canonical URLs and URL matching in the index and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import Document, DuplicateIndex
from newsclean.dedup.urls import canonical_url

SAME_PAGE = [
    ("https://www.example.com/world/story-123", "http://example.com/world/story-123/"),
    ("https://example.com/a?utm_source=twitter&utm_medium=social", "https://example.com/a"),
    ("https://example.com/a?id=7&fbclid=IwAR0", "https://EXAMPLE.com/a?id=7#comments"),
    ("https://example.com:443/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
]
OTHER_PAGE = [
    ("https://example.com/a?id=7", "https://example.com/a?id=8"),
    ("https://example.com/a", "https://example.org/a"),
    ("https://example.com:8080/a", "https://example.com/a"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PAGE)
def test_one_page_has_one_canonical_url(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b) != ""


@pytest.mark.parametrize(("a", "b"), OTHER_PAGE)
def test_other_pages_keep_other_canonical_urls(a: str, b: str) -> None:
    assert canonical_url(a) != canonical_url(b)


@pytest.mark.parametrize("value", ["", "not a url", "ftp://example.com/a", "mailto:x@y.z", "http://[::1", "x" * 5000])
def test_what_is_not_a_web_url_has_no_canonical_form(value: str) -> None:
    assert canonical_url(value) == ""


FIRST = ("The city council approved the new budget on Monday after a long debate about school funding, "
         "road repairs and the future of the central library, which had faced closure for months. ") * 2
UPDATED = ("Correction appended. An earlier version misstated the vote. Officials later said the library "
           "will stay open through next year while a new site is found downtown near the river. ") * 2


def test_a_recrawled_page_joins_its_first_crawl_whatever_its_text() -> None:
    assert newsclean.similarity(FIRST, UPDATED) < newsclean.DEFAULT_THRESHOLDS["story"]
    index = DuplicateIndex()
    first = index.add("a", Document(id="a", text=FIRST, meta={"url": "https://www.city.gov/news/budget"}))
    assert index.add("b", Document(id="b", text=UPDATED,
                                   meta={"url": "http://city.gov/news/budget/?utm_source=newsletter"})) == first
    off = DuplicateIndex(match_urls=False)
    off.add("a", Document(id="a", text=FIRST, meta={"url": "https://city.gov/news/budget"}))
    assert off.add("b", Document(id="b", text=UPDATED, meta={"url": "https://city.gov/news/budget"})) == "b"


def test_url_keys_survive_save_load_and_pass_on_when_their_holder_is_removed(tmp_path: Path) -> None:
    index = DuplicateIndex()
    page = "https://city.gov/news/budget"
    index.add("a", Document(id="a", text=FIRST, meta={"url": page}))
    index.add("b", Document(id="b", text=UPDATED, meta={"url": page + "#top"}))
    path = tmp_path / "index.json"
    index.save(path)
    loaded = DuplicateIndex.load(path)
    assert loaded.clusters(min_size=1) == index.clusters(min_size=1)
    loaded.remove("a")
    third = loaded.add("c", Document(id="c", text="Weather: sunny. " * 40, meta={"url": page}))
    assert third == loaded.cluster_of("b")


def test_cli_dedup_treats_records_of_one_page_as_one_document(tmp_path: Path) -> None:
    from newsclean.cli import main

    source = tmp_path / "in.jsonl"
    records = [{"id": "a", "text": FIRST, "url": "https://city.gov/news/budget"},
               {"id": "b", "text": UPDATED, "url": "https://www.city.gov/news/budget?utm_campaign=x"}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["dedup", str(source), "-o", str(out), "--annotate"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["cluster_id"] == rows[1]["cluster_id"] == "a"
    assert main(["dedup", str(source), "-o", str(out), "--annotate", "--no-url-match"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["cluster_id"] != rows[1]["cluster_id"]


@given(st.text(max_size=200))
def test_canonical_url_never_raises_on_any_text(value: str) -> None:
    assert isinstance(canonical_url(value), str)
    assert isinstance(canonical_url("https://" + value), str)


@given(st.from_regex(r"https?://(www\.)?[a-z]{1,10}\.(com|org)(/[a-z0-9-]{1,8}){0,3}/?(\?[a-z]{1,5}=[a-z0-9]{0,5}(&utm_[a-z]{1,5}=x)?)?",
                     fullmatch=True))
def test_canonical_url_is_a_fixed_point(url: str) -> None:
    once = canonical_url(url)
    assert once and canonical_url("https://" + once) == once

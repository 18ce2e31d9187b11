"""Regression tests, one per defect found (issue #15, the hardening review), named after what broke."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

import newsclean
from newsclean import linebreaks

COPYRIGHT_STORY = """Publisher sues AI firm over copyright

The New York Times sued OpenAI and Microsoft on Wednesday, accusing them of copyright infringement on a massive scale.

The lawsuit, filed in federal court in Manhattan, says millions of articles were used to train chatbots without permission.

Lawyers for the newspaper said the copyright claims covered reporting that cost billions of dollars to produce.

The companies have argued that training on public text is fair use under copyright law and that the suit has no merit.

A hearing is scheduled for March, and both sides expect a long fight in the courts."""

BAKERY_STORY = """Local bakery wins award

A small bakery on Main Street won the regional prize for its sourdough on Saturday, beating forty rivals.

The owner, Maria Lopez, said her newsletter to customers had helped build a loyal following over ten years.

She started baking cookies in her mother's kitchen before opening the shop in 2014 with two employees.

Customers who visit this site of the old mill now queue around the block on weekends for fresh loaves.

The judges praised the crust, the crumb and the cookies, which sell out by noon most days."""


# "by using" / "by clicking" anywhere made a line legal: prose removed from WCXB pages.
TOOLS_STORY = """Hotel honours bartender's dying wish by using his toes in cocktail

The hotel said on Friday it would keep serving the drink, made by using a recipe the bartender wrote in 1973.

Staff said the menu can be searched by clicking the name of a drink, which opens its story and its history.

Guests reached the bar by using a lift that was installed when the building reopened after the floods.

The manager said the tradition would continue for as long as guests kept asking for the famous cocktail."""


# An article's two sentences, around which the notice tests put a site notice.
NOTICE_BODY = ("The council approved the new budget on Monday after a long debate about schools and roads. "
               "Opponents said the plan would raise taxes for families across the county next year.")


class _Recording:
    """Wraps a compiled pattern and records the length of every string it searches."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.longest = 0

    def search(self, text: str, *args: Any) -> Any:
        self.longest = max(self.longest, len(text))
        return self.pattern.search(text, *args)


@pytest.mark.parametrize("text", [
    "communi-\ncation " * 4000,                       # hyphen-wrapped lines, one paragraph
    "talks with U.S.\n\nPresident said so. " * 2000,   # paragraphs cut after "U.S."
    "It was a cold\nnight in the city and\n" * 3000 + ".",
])
def test_line_break_repair_searches_a_bounded_tail_not_the_growing_paragraph(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before the fix each joined line searched the whole paragraph built so far with
    # end-anchored patterns: 128 KB took 70 s. Now each search reads at most a tail.
    patterns = {name: _Recording(getattr(linebreaks, name))
                for name in ("_HYPHENATED", "_SENTENCE_END", "_ENDS_WITH_ABBREVIATION")}
    for name, recording in patterns.items():
        monkeypatch.setattr(linebreaks, name, recording)
    out = linebreaks.repair_line_breaks(text)
    assert out
    longest_line = max(len(line) for line in text.split("\n"))
    for name, recording in patterns.items():
        if name == "_SENTENCE_END":
            # also asked once of each whole block's last line and each paragraph
            continue
        assert recording.longest <= linebreaks._TAIL + longest_line, name


def test_line_break_repair_output_unchanged_by_the_tail_window() -> None:
    text = "The ministry said the communi-\ncation was sent to the U.S.\n\nEmbassy on Monday, well-\nknown officials said."
    assert linebreaks.repair_line_breaks(text) == (
        "The ministry said the communication was sent to the U.S. Embassy on Monday, well-known officials said."
    )


@pytest.mark.parametrize("story", [COPYRIGHT_STORY, BAKERY_STORY, TOOLS_STORY],
                         ids=["copyright-lawsuit", "bakery-cookies", "by-using-by-clicking"])
def test_article_paragraphs_that_mention_a_furniture_word_are_kept(story: str) -> None:
    doc = newsclean.clean(story, kind="text")
    assert doc.removed == ()
    for paragraph in story.split("\n\n")[1:]:
        assert paragraph in doc.text


@pytest.mark.parametrize("notice", [
    "We use cookies to improve your experience on our website. Find out more.",
    "Sign up for our newsletter and get the day's top stories in your inbox.",
    "Privacy & Cookies",
    "Subscribe to the Morning Review newsletter",
    "Copyright © 2019 Dow Jones & Company, Inc. All Rights Reserved",
])
def test_site_notices_with_furniture_words_are_still_removed(notice: str) -> None:
    body = NOTICE_BODY
    page = f"Home\nNews\nCouncil passes budget\n{body}\n{body}\n{notice}\nContact us"
    doc = newsclean.clean(page, kind="text")
    assert notice not in doc.text
    assert any(r.text == notice for r in doc.removed)


@pytest.mark.parametrize("notice", [
    "By clicking Subscribe you agree to receive our daily emails.",
    "By using our site, you acknowledge that you have read and understand these rules.",
    "Please activate your subscription by clicking on the activation link inside the email.",
    "GET FOX BUSINESS ON THE GO BY CLICKING HERE",
])
def test_consents_and_click_instructions_are_legal_notices(notice: str) -> None:
    # "by using" / "by clicking" are notices only as a consent or a click instruction
    # (TOOLS_STORY keeps their prose); the reason is asked, not only the removal, since a
    # short line after the article may go as a footer whatever it says.
    body = NOTICE_BODY
    doc = newsclean.clean(f"Council passes budget\n{body}\n{notice}\n{body}", kind="text")
    assert [r.reason for r in doc.removed if r.text == notice] == ["legal"]


def test_clean_is_idempotent_when_a_join_brings_a_furniture_phrase_into_one_line() -> None:
    text = ("The mayor said residents who want to know more can visit this\nsite for updates on the road works "
            "and closures, which will last until spring next year when the new bridge opens.")
    once = newsclean.clean(text, kind="text").text
    assert "visit this site for updates" in once
    assert newsclean.clean(once, kind="text").text == once



def test_short_lines_without_a_sentence_make_no_menu() -> None:
    # Found by a hypothesis soak (test_fuzz): HTML whose text is ":0" and three stray "<",
    # or four paragraphs of "A", kept them (the HTML path keeps what it extracts), and
    # cleaning that text again read its four short lines as a menu and emptied it. A menu
    # names its items in words, and is the menu of an article: a text with no sentence has none.
    for page, words in ((":0<P><<P><<P><", [":0", "<", "<", "<"]), ("A<P>A<P>A<P>A", ["A", "A", "A", "A"])):
        once = newsclean.clean(page)
        assert once.text.split() == words
        assert newsclean.clean(once.text, kind="text").text == once.text
    # a menu of words is still one
    menu = newsclean.clean("Home\nNews\n2019\nSport\nContact\nThe council approved the new budget on Monday "
                           "after a long debate about schools and roads.", kind="text")
    assert "Home" not in menu.text.split("\n")



def test_a_page_whose_kept_lines_are_tags_alone_keeps_nothing() -> None:
    # Found by a hypothesis soak (test_properties): the page's test for text outside tags
    # read all its lines, so "<A" (an entity decoded to a cut-off tag) was kept because a
    # "0" stood beside it, and the rules then removed the "0" as a counter; cleaning the
    # "<A" again removed it. What is kept must hold something to read outside tags.
    for page in ("<P>&ampltA<P>0", "<P>&amp&ltA0<DIV><P>A"):  # the second's "A" went to the line vote
        once = newsclean.clean(page)
        assert once.text == ""
        assert once.meta["empty_reason"]
        assert newsclean.clean(once.text).text == once.text
    # a dump whose rules keep a cut-off tag alone keeps nothing either
    assert newsclean.clean("<A\n0", kind="text").text == ""


# -- the duplicate index: shared data runs no code, files are checked, faults are reported ----
ARTICLE = ("The city council approved a new budget on Monday after a debate that lasted late into the night. "
           "Mayor Jane Porter said the plan would fund 40 new teachers and repair the Elm Street bridge. "
           "Opponents argued that the property tax increase of 2.5 percent would hurt small businesses. "
           "The vote was 7 to 4, with two members absent because of illness.")


class _Boom:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        import os

        return (os.system, (f"touch {self.marker}",))


@pytest.mark.redis
def test_redis_index_never_unpickles_what_it_reads(redis_url: str, tmp_path: Any) -> None:
    import pickle

    import redis

    marker = tmp_path / "pwned"
    index = newsclean.DuplicateIndex(mode="copy", storage=redis_url, name="pickle-test")
    index.add("a", ARTICLE)
    client = redis.Redis.from_url(redis_url)
    payload = pickle.dumps(_Boom(str(marker)))
    # Plant the pickle wherever the index keeps anything: every band bucket, an entry,
    # a cluster and the exact-key map.
    for key in client.scan_iter("newsclean:pickle-test:band:*"):
        client.sadd(key, payload)
    client.hset("newsclean:pickle-test:entries", "evil", payload)
    client.hset("newsclean:pickle-test:cluster_of", "evil", payload)
    # A planted value may be refused with newsclean's own error; it must never be run.
    with contextlib.suppress(newsclean.NewscleanError):
        index.query(ARTICLE)
    for doc_id in ("b", "c"):
        with contextlib.suppress(newsclean.NewscleanError):
            index.add(doc_id, ARTICLE + f" Update {doc_id}.")
    assert not marker.exists()


def test_redis_that_cannot_be_reached_is_a_storage_error() -> None:
    pytest.importorskip("redis")
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once the with ends: nothing listens there
    with pytest.raises(newsclean.StorageError, match="Redis"):
        newsclean.DuplicateIndex(mode="copy", storage=f"redis://127.0.0.1:{port}/0", name="down")


@pytest.mark.parametrize("url", ["redis://h:1/abc", "http://localhost:6379/0", "redis://localhost:notaport/0"])
def test_malformed_storage_urls_are_config_errors(url: str) -> None:
    with pytest.raises(newsclean.ConfigError):
        newsclean.DuplicateIndex(mode="copy", storage=url, name="x")


def _saved_index(path: Any) -> newsclean.DuplicateIndex:
    index = newsclean.DuplicateIndex(mode="copy")
    index.add("a", ARTICLE)
    index.add("b", ARTICLE + " Updated at noon with more detail.")
    index.add("c", "A short brief.")
    index.save(path)
    return index


def test_every_single_bit_flip_of_a_saved_index_is_refused_or_harmless(tmp_path: Any) -> None:
    import random

    path = tmp_path / "index.json"
    index = _saved_index(path)
    original = path.read_bytes()
    rng = random.Random(15)
    for _ in range(300):
        flipped = bytearray(original)
        position = rng.randrange(len(flipped))
        flipped[position] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(flipped))
        try:
            loaded = newsclean.DuplicateIndex.load(path)
        except (newsclean.IndexFormatError, newsclean.SettingsMismatchError):
            continue
        assert loaded.clusters(min_size=1) == index.clusters(min_size=1)  # a flip that changed nothing


@pytest.mark.parametrize("mutate", [
    lambda p: {**p, "entries": {"a": p["entries"]}},                       # a mapping where a list belongs
    lambda p: {**p, "skipped": [1, 2]},
    lambda p: {**p, "settings": {**p["settings"], "shingles": {**p["settings"]["shingles"], "weight_quantum": 1e12}}},
    lambda p: {**p, "settings": {**p["settings"], "shingles": {**p["settings"]["shingles"], "top_k": 10**9}}},
    lambda p: {**p, "entries": [["a", {"deep": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]]},
], ids=["list-is-mapping", "skipped-is-list", "hostile-weight-quantum", "hostile-top-k", "deep-nesting"])
def test_malformed_index_files_raise_index_format_error_at_load(tmp_path: Any, mutate: Any) -> None:
    import hashlib
    import json

    path = tmp_path / "index.json"
    _saved_index(path)
    payload = json.loads(path.read_text())
    body = mutate({k: v for k, v in payload.items() if k not in ("format", "version", "sha256")})
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    # A correct checksum: the structure itself must be checked, not only the digest.
    path.write_text(json.dumps({"format": payload["format"], "version": payload["version"],
                                "sha256": hashlib.sha256(canonical.encode()).hexdigest(), **body}))
    with pytest.raises(newsclean.IndexFormatError):
        newsclean.DuplicateIndex.load(path)


def test_very_deep_json_is_an_index_format_error(tmp_path: Any) -> None:
    path = tmp_path / "index.json"
    path.write_text('{"format": "newsclean.DuplicateIndex", "version": 2, "settings": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(newsclean.IndexFormatError):
        newsclean.DuplicateIndex.load(path)


def test_second_writer_of_an_index_file_is_refused_not_silently_lost(tmp_path: Any) -> None:
    path = tmp_path / "index.json"
    _saved_index(path)
    first, second = newsclean.DuplicateIndex.load(path), newsclean.DuplicateIndex.load(path)
    first.add("d", ARTICLE + " Another edition from the evening.")
    first.save(path)
    second.add("e", ARTICLE + " Yet another edition.")
    with pytest.raises(newsclean.StorageError, match="another writer"):
        second.save(path)
    assert "d" in newsclean.DuplicateIndex.load(path)


def test_index_and_output_files_get_the_umask_mode_not_0600(tmp_path: Any) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = tmp_path / "index.json"
        _saved_index(path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_a_killed_writers_temp_file_is_removed_by_the_next_writer(tmp_path: Any) -> None:
    from newsclean.io import atomic_writer

    target = tmp_path / "out.jsonl"
    stale = tmp_path / ".out.jsonl.newsclean-tmp.999999999.abc"  # no such process
    stale.write_text("half")
    with atomic_writer(target) as handle:
        handle.write("{}\n")
    assert not stale.exists() and target.read_text() == "{}\n"


@pytest.mark.redis
def test_redis_down_and_redis_restarted_empty_are_storage_errors(own_redis: Any) -> None:
    index = newsclean.DuplicateIndex(mode="copy", storage=own_redis.url, name="faults")
    index.add("a", ARTICLE)
    own_redis.kill()
    with pytest.raises(newsclean.StorageError):
        index.add("b", ARTICLE + " Later edition.")
    own_redis.start()  # same port, no persistence: the index is gone
    with pytest.raises(newsclean.StorageError, match="no longer holds"):
        len(index)
    with pytest.raises(newsclean.StorageError, match="no longer holds"):
        index.query(ARTICLE)


@pytest.mark.redis
def test_a_writer_killed_mid_add_leaves_nothing_half_made(own_redis: Any) -> None:
    import signal
    import subprocess
    import sys
    import time

    import redis

    code = ("import newsclean, sys, itertools\n"
            "ix = newsclean.DuplicateIndex(mode='copy', storage=sys.argv[1], name='killed')\n"
            "for i in itertools.count():\n"
            "    ix.add(f'd{i}', sys.argv[2] + f' Edition number {i} of the day.' * (1 + i % 3))\n")
    newsclean.DuplicateIndex(mode="copy", storage=own_redis.url, name="killed")  # settings first
    proc = subprocess.Popen([sys.executable, "-c", code, own_redis.url, ARTICLE])
    time.sleep(2.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    index = newsclean.DuplicateIndex(mode="copy", storage=own_redis.url, name="killed")
    client = redis.Redis.from_url(own_redis.url)
    entries = {k.decode() for k in client.hkeys("newsclean:killed:entries")}
    assigned = {k.decode() for k in client.hkeys("newsclean:killed:cluster_of")}
    assert entries and entries == assigned  # every entry has its cluster, and no more
    clusters = index.clusters(min_size=1)
    assert sorted(i for c in clusters for i in c.ids) == sorted(entries)
    some = sorted(entries)[0]
    index.remove(some)  # every id can be removed and added again
    assert index.add(some, ARTICLE) and some in index


def test_html_nested_past_the_parsers_depth_keeps_its_deep_text_and_says_so() -> None:
    body = "The council approved the new budget on Monday after a long debate about schools. " * 4
    page = ("<html><body><article><p>" + body + "</p>" + "<div>" * 300 + "<p>DEEP " + body + "</p>"
            + "</div>" * 300 + "</article></body></html>")
    doc = newsclean.clean(page, kind="html")
    assert "DEEP" in doc.text
    assert "nested" in doc.meta["extractor_note"]


def test_html_tag_with_tens_of_thousands_of_attributes_is_parsed_without_them_and_says_so() -> None:
    # libxml2 parses a tag's attributes in quadratic time: one <p> with 50,000 of them
    # took 6.6 s, and a few MB of them would hold one document for minutes.
    from newsclean.boilerplate.html import MAX_ATTRIBUTES, without_attribute_floods

    body = "The council approved the new budget on Monday after a long debate about schools. " * 4
    flood = " ".join(f"a{i}" for i in range(50_000))
    page = f"<html><body><article><p {flood}>{body}</p><p class='x' id=\"y\">{body}</p></article></body></html>"
    stripped, flooded = without_attribute_floods(page)
    assert flooded == 1
    assert f"<p>{body}</p><p class='x' id=\"y\">" in stripped  # the tag's name stays, other tags untouched
    doc = newsclean.clean(page, kind="html")
    assert "council approved the new budget" in doc.text
    assert f"over {MAX_ATTRIBUTES:,} attributes" in doc.meta["extractor_note"]
    # a long tag of long values (JSON in a data- attribute) is not a flood
    data = "<div data-x='" + "{&quot;a&quot;:1} " * 3000 + "' class=\"c\">text</div>"
    assert without_attribute_floods(data) == (data, 0)


def test_article_in_a_second_html_document_after_a_header_document_is_read() -> None:
    # libxml2 stops at the first </html>: a page made of a header document and then the
    # article's own <html> document (a server-side include) was read as its weather box.
    from newsclean.boilerplate.html import without_early_document_ends

    body = "".join(f"<p>The council approved the new budget for schools, item {i}, after a long debate.</p>"
                   for i in range(8))
    page = ("<html><head><title>Station</title></head><body><div>Bluefield, WV</div><div>Temperature: 25</div>"
            "</body></html>\n<!DOCTYPE html><html><head><title>Budget passes</title></head><body><article>"
            + body + "</article></body></html>\n")
    doc = newsclean.clean(page, kind="html")
    assert "council approved the new budget" in doc.text
    assert "goes on after its first </html>" in doc.meta["extractor_note"]
    # a page with only whitespace and comments after </html> is left as it is
    alone = "<html><body><article>" + body + "</article></body></html>\n<!-- served in 0.2 s -->\n"
    assert without_early_document_ends(alone) == (alone, 0)
    assert "goes on after its first </html>" not in newsclean.clean(alone, kind="html").meta.get("extractor_note", "")


def test_compatibility_letters_are_repaired_on_the_fast_path_too() -> None:
    assert newsclean.repair_encoding("Ĳssel and ĳs") == "IJssel and ijs"
    assert newsclean.repair_encoding("Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ Ǳ ǲ ǳ ŉ") == "DŽ Dž dž LJ Lj lj NJ Nj nj DZ Dz dz ʼn"


def test_short_accented_latin1_text_is_not_read_as_a_rare_code_page() -> None:
    from newsclean.decode import decode_bytes

    text = ("le café été élevé prévu déjà écrit théâtre fenêtre crème fraîche à où là élève réglé "
            "répété décédé éléphant générée sévère café été crème théâtre déjà élevé prévu écrit.")
    decoded, encoding, _source = decode_bytes(text.encode("latin-1"))
    assert (decoded, encoding) == (text, "cp1252")
    cyrillic = "Привет, мир! Это короткий текст на русском языке для проверки кодировки. " * 4
    assert decode_bytes(cyrillic.encode("cp1251"))[0] == cyrillic


@pytest.mark.parametrize("call", [
    lambda: newsclean.split_sentences("A. B.", lang=["en"]),
    lambda: newsclean.signature("text", mode=[]),
    lambda: newsclean.find_duplicates(None),
    lambda: newsclean.DuplicateIndex(storage="redis://h:1/abc", name="x"),
    lambda: list(newsclean.Pipeline(newsclean.SplitSentences()).map(["a"], workers="2")),
    lambda: newsclean.repair_encoding("x", config=None),
    lambda: newsclean.DuplicateIndex(mode="story", threshold="high"),
    lambda: newsclean.DuplicateIndex(mode="copy").clusters(min_size=0),
], ids=["lang-list", "mode-list", "docs-none", "redis-db-name", "workers-str", "config-none", "threshold-str",
        "min-size-0"])
def test_bad_arguments_raise_newscleans_own_errors(call: Any) -> None:
    with pytest.raises(newsclean.NewscleanError):
        call()


def test_corrupt_site_template_is_a_config_error(tmp_path: Any) -> None:
    from newsclean.boilerplate.template import SiteTemplate

    for content in ("not json", "[]", '{"format": "newsclean.SiteTemplate", "version": 1, "lines": 5, "pages_seen": 1}'):
        path = tmp_path / "t.json"
        path.write_text(content)
        with pytest.raises(newsclean.ConfigError):
            SiteTemplate.load(path)


def test_encoding_edit_quotes_where_the_change_is_not_the_opening() -> None:
    text = "A long opening paragraph that is perfectly fine. " * 5 + "Then the café was cafÃ© again."
    doc = newsclean.RepairEncoding()(newsclean.Document(id="x", text=text))
    (edit,) = doc.edits
    assert "cafÃ©" in edit.before and "café again" in edit.after


def test_manifest_lists_the_tests_seeds_and_license_for_the_sdist(tmp_path: Any) -> None:
    # The sdist itself is built and its tests collected by hand (closing note of session 5).
    from pathlib import Path

    manifest = (Path(__file__).resolve().parent.parent / "MANIFEST.in").read_text()
    for needed in ("LICENSE", "recursive-include tests *.py *.json", "recursive-include seeds *.txt"):
        assert needed in manifest
    assert (Path(__file__).resolve().parent.parent / "LICENSE").read_text().startswith("MIT License")


def test_a_clean_run_killed_while_writing_leaves_the_old_output_and_no_temp_file(tmp_path: Any) -> None:
    import json
    import signal
    import subprocess
    import sys
    import time

    source = tmp_path / "in.jsonl"
    with source.open("w") as handle:
        for i in range(20000):
            handle.write(json.dumps({"id": str(i), "text": f"Report {i}. The council met on Monday."}) + "\n")
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    proc = subprocess.Popen([sys.executable, "-m", "newsclean.cli", "clean", str(source), "-o", str(out),
                             "--timeout", "off"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(tmp_path.glob(".out.jsonl.newsclean-tmp.*")):
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert out.read_text() == "previous\n"  # never half a file
    from newsclean.cli import main

    assert main(["clean", str(tmp_path / "in.jsonl"), "-o", str(out), "--timeout", "off"]) == 0
    assert not list(tmp_path.glob(".out.jsonl.newsclean-tmp.*"))  # the killed run's temp file is gone
    assert len(out.read_text().splitlines()) == 20000


def test_an_index_pickles_and_goes_on_with_its_buckets_in_c_arrays() -> None:
    # The C bucket table had no pickling at first: an index sent to another process
    # (multiprocessing, Dask) raised TypeError where the dict of buckets had pickled.
    import pickle

    text = "The council approved the new budget on Monday after a long debate about schools and roads. " * 3
    for mode in ("story", "copy"):
        index = newsclean.DuplicateIndex(mode=mode)
        index.add("a", text)
        copied = pickle.loads(pickle.dumps(index))
        assert copied.add("b", text + " Updated later.") == "a"
        assert [c.ids for c in copied.clusters()] == [("a", "b")]


def test_lone_surrogate_in_story_text_does_not_crash_language_detection() -> None:
    # fastText's predict raised TypeError on "\ud800" (it encodes to UTF-8); similarity()
    # in story mode detects the language for the meaning vector, so it crashed too.
    text = "aaaaaaaaaa\ud800 the council approved the budget after a long debate on Monday"
    assert newsclean.detect_language(text).lang == "en"
    assert 0.0 <= newsclean.similarity(text, text + " x", mode="story") <= 1.0


@pytest.mark.parametrize("bad", [None, 5, "one text, not a list", b"bytes"])
def test_pipeline_map_of_something_not_a_list_of_documents_is_an_input_error(bad: Any) -> None:
    # map(None) raised TypeError from deep inside; map("a text") cleaned it letter by letter.
    with pytest.raises(newsclean.InputError):
        list(newsclean.default_pipeline().map(bad))


@pytest.mark.parametrize("bad", [None, 5, b"index.json", ["index.json"]])
def test_index_load_and_save_of_something_not_a_path_is_an_input_error(bad: Any) -> None:
    with pytest.raises(newsclean.InputError):
        newsclean.DuplicateIndex.load(bad)
    with pytest.raises(newsclean.InputError):
        newsclean.DuplicateIndex().save(bad)


def test_split_sentences_takes_a_str_subclass_with_the_compiled_rules() -> None:
    # The compiled sentence rules declare their text as exact str: a str subclass (a
    # markup-safe string, a NamedTuple field's own type) raised TypeError there.
    class Text(str):
        pass

    text = Text("Mr. Healey spoke. The U.S. President Trump left.\nNext line")
    spans = newsclean.split_sentences(text)
    assert [s.text for s in spans] == ["Mr. Healey spoke.", "The U.S. President Trump left.", "Next line"]
    assert all(text[s.start:s.end] == s.text and type(s.text) is str for s in spans)
    doc = newsclean.SplitSentences(lang="en")(newsclean.Document(id="x", text=text))
    assert [s.text for s in doc.sentences] == [s.text for s in spans]


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\ud800", "\uffff"])
def test_a_control_character_in_html_loses_no_article_and_logs_nothing(
        control: str, caplog: pytest.LogCaptureFixture) -> None:
    # A NUL in a page had cut the article after it (234 characters kept of 2,878), and a
    # vertical tab made readability-lxml log a traceback before it failed.
    def page(mark: str) -> str:
        return ("<html><body><article><p>" + "The council met today and voted on the budget. " * 5
                + "</p></article><footer>"
                + f"<p>The council met today and voted{mark} on the budget, the mayor said.</p>{mark}tail" * 40
                + "</footer></body></html>")

    with caplog.at_level("WARNING"):
        doc = newsclean.strip_boilerplate(page(control), kind="html")
    # The page as newsclean reads it: a lone surrogate is U+FFFD, a vertical tab or form
    # feed a space, and the other controls are gone.
    stands_for = {"\ud800": "\ufffd", "\x0b": " ", "\x0c": " "}.get(control, "")
    clean = newsclean.strip_boilerplate(page(stands_for), kind="html")
    assert doc.text == clean.text and doc.meta["extractor"] == clean.meta["extractor"]
    assert not [r for r in caplog.records if r.name.startswith(("readability", "lxml"))]


@pytest.mark.parametrize("text", [":0\na\na.\n<", "Changes:\nnone\nof the votes\ncounted.\n<", ":0\ra. A\r.\r<",
                                  "0 0 0 0 0 A\ra A\r<"])
def test_repair_reads_a_lower_case_run_to_its_sentence_end_so_a_second_repair_changes_nothing(text: str) -> None:
    # Found by the idempotence property (clean twice gave ":0 a a." after ":0\na a."): a
    # line was asked whether the next line goes on in lower case to a sentence's end, and
    # "a" did not, though the run it starts, "a a.", does once unwrapped.
    once = newsclean.repair_line_breaks(text)
    assert newsclean.repair_line_breaks(once) == once
    assert newsclean.clean(newsclean.clean(text).text, kind="text").text == newsclean.clean(text).text


@pytest.mark.parametrize("pattern", [r"[\p{L}\p{N}]", r"\p{L}", r"\d", r"[\p{L}\p{M}'’\-]",
                                     r"[\p{Sentence_Terminal}\u2026\u203d]", r"[\p{Latin}\p{Common}\p{Inherited}]",
                                     r"[^\p{L}]", r"[\s\S]", r"\p{Co}", r"[\uD7F0-\uE010]"])
def test_bmp_class_read_as_runs_is_the_class_read_character_by_character(pattern: str) -> None:
    # bmp_class reads runs of matches (a run across the surrogates, which its text skips,
    # is two ranges); it had listed every matching character, ~45 ms a class a process.
    import re

    import regex

    from newsclean._unicode import bmp_class

    # the surrogates are no class's members: a stdlib pattern never matches a lone one
    every = "".join(map(chr, range(0x10000)))
    assert re.findall("[" + bmp_class(pattern) + "]", every) == regex.findall(pattern, every[:0xD800] + every[0xE000:])


@pytest.mark.parametrize("page", ["<<DIV><</DIV><P><</><P><<?", "<p>* * *</p><p>→</p>"])
def test_symbols_alone_from_html_are_no_text_cleaned_once_or_twice(page: str) -> None:
    # Hypothesis found it (test_fuzz.test_clean_is_idempotent_on_any_kind): readability's
    # reading of broken markup kept four lines of "<", which cleaning the text again removed
    # as a menu. Symbols alone are nothing to read either way.
    assert newsclean.clean(page).text == ""
    assert newsclean.clean("<\n\n<\n\n<", kind="text").text == ""


def test_tags_alone_from_entities_are_no_text_and_the_parser_is_named() -> None:
    # Hypothesis found it (test_clean_is_idempotent_on_its_own_output, soak profile): the
    # entities of "<A>&ltA<?A>>&ltA&gt<P" decoded into "<A ><A><P", which cleaning again
    # read as HTML and stripped to "<P". Tags alone are nothing to read. lxml read
    # no element there, and the page was noted as "trafilatura failed: AttributeError".
    for page in ("<A>&ltA<?A>>&ltA&gt<P", "<A>&ltA<?A>0>&ltA&gt<P"):  # "<A 0>": an attribute's digit
        doc = newsclean.clean(page)
        assert doc.text == "" and newsclean.clean(doc.text).text == ""
        assert doc.meta["extractor_note"] == "the HTML parser read no elements"
    # an article that writes tags as text keeps them
    kept = newsclean.clean("<html><body><p>&lt;p&gt; opens a paragraph.</p></body></html>").text
    assert kept == "<p> opens a paragraph."


def test_an_article_that_writes_tags_as_words_keeps_them_and_cleans_again_as_text() -> None:
    # The cleaned text of a page about HTML writes tags as words; kind="auto" would read it
    # as markup again (by design), kind="text" keeps it as it is (clean's docstring).
    page = "<html><body><p>&lt;p&gt; opens a paragraph and &lt;/p&gt; closes it.</p></body></html>"
    once = newsclean.clean(page).text
    assert once == "<p> opens a paragraph and </p> closes it."
    assert newsclean.clean(once, kind="text").text == once


@pytest.mark.parametrize(("fields", "wrong"), [
    ({"id": "a", "text": None}, "text"), ({"id": 5, "text": "x"}, "id"), ({"id": "a", "text": "x", "title": None}, "title"),
    ({"id": "a", "text": "x", "raw": "not bytes"}, "raw"), ({"id": "a", "text": "x", "meta": ["url"]}, "meta")])
def test_a_document_of_the_wrong_parts_is_refused_when_made(fields: dict[str, Any], wrong: str) -> None:
    # Before: Document(id="a", text=None) failed later, in the pipeline, as "stage 'decode'
    # failed: AttributeError"; an int id passed through and was written as a number.
    with pytest.raises(newsclean.InputError, match=rf"Document\.{wrong} must be"):
        newsclean.Document(**fields)


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.4\n" + bytes(range(256)) * 4, "a PDF"), (b"\x1f\x8b\x08\x00" + bytes(64), "gzip"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "a PNG image"), (bytes(range(256)) * 3, "binary data"),
    (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64), "a Windows executable")])
def test_bytes_that_are_no_text_are_refused_by_decode_not_read_as_a_page_of_noise(data: bytes, kind: str) -> None:
    # Before: clean(bytes) (and a Parquet column of bytes) decoded a PDF or a gzip stream
    # as UTF-8 with replacement characters, "every line was classified as boilerplate" or
    # a page of noise in some language; the command line refused such files already.
    with pytest.raises(newsclean.NewscleanError, match=kind):
        newsclean.clean(data)
    (record,) = newsclean.default_pipeline().map([data])
    assert kind in record.meta["error"]["message"]


def test_text_bytes_with_a_stray_nul_or_without_a_utf16_bom_still_decode() -> None:
    assert newsclean.clean(b"The council met on Monday \x00 to vote.").text == "The council met on Monday to vote."
    # a text that opens as an executable's magic does ("MZ Wallace", a brand) is text
    assert newsclean.clean(b"MZ Wallace opened a store in Paris on Monday.").text.startswith("MZ Wallace")
    # UTF-16 without its BOM, read as such: as a legacy charset "€" had become "¬ "
    for order in ("utf-16-le", "utf-16-be"):
        doc = newsclean.clean("The council met on Monday to vote on a 5 € fee.".encode(order))
        assert (doc.text, doc.meta["encoding"]) == ("The council met on Monday to vote on a 5 € fee.", order)


def test_html_whose_text_is_punctuation_alone_is_empty_as_the_same_text_is() -> None:
    # "<P>:<P>0<?" extracted to ":" (the "0" removed as a counter), which cleaning again
    # emptied: the line classifier reads a lone wordless line as navigation.
    once = newsclean.clean("<P>:<P>0<?")
    assert once.text == "" and newsclean.clean(":").text == ""
    assert "navigation" in [r.reason for r in once.removed]
    # a wordless line between paragraphs (a section break) stays, from HTML as from text
    page = ("<html><body><article><p>The council met on Monday and approved the budget after a long debate.</p>"
            "<p>* * *</p><p>The mayor said the plan would cut costs by a tenth next year.</p></article></body></html>")
    assert "* * *" in newsclean.clean(page).text


def test_a_first_paragraph_under_a_mixed_case_dateline_is_no_teaser() -> None:
    # L3S-GN1 (earthtimes.org): a report's only paragraph opened "Visakhapatnam, Jan 7 - By
    # 2010 India will have ...", and the teaser rule (a run of capitalised words with small
    # words among them is a headline run into its summary) counted the "By" that opens
    # the sentence after the dateline's dash: the article was removed and the footer kept.
    dump = "\n".join([
        "Home | News | Business | Sport",
        "Ministers back new rail link for the coast",
        "Posted : Mon, 07 Jan 2008 11:59:03 GMT",
        "Portsmouth, Jan 7 - By 2012 The coast will have a new rail link between the two ports, the transport "
        "minister said on Monday, after a review found that the old line could not carry the freight expected "
        "from the new terminal. The work will start in the spring and cost about 400 million pounds, most of it "
        "paid by the government and the rest by the port authority, which expects to double its traffic.",
        "Print this article",
        "Email this article",
        "Current News",
        "Nine killed as train rams bus",
        "Blaze rages on in market area",
        "(c) 2008 Example News, All Rights Reserved.",
    ])
    kept = newsclean.clean(dump, kind="text").text
    assert "Portsmouth, Jan 7 - By 2012 The coast will have a new rail link" in kept
    assert "Nine killed" not in kept
    # a headline run into its summary is still a teaser
    from newsclean.boilerplate.text import _opens_with_headline

    teaser = "Customers Leave Without Paying At Troy Steakhouse A party of six left the restaurant on Friday night"
    assert _opens_with_headline(teaser, len(teaser.split()))


def test_a_comment_forms_prompt_ends_the_article_of_a_dump() -> None:
    # L3S-GN1 (starpulse.com): "What Do You Think? Post Your Comment:" under a report, then
    # the form's lines, lists of other headlines and a blurb about the site: none of the
    # form's prompts read as comment furniture, and everything down to the blurb was kept.
    dump = "\n".join([
        "News | Photos | Videos | Forum",
        "Login | Register | FAQ",
        "'Bucket List' Tops Box Office",
        "The buddy movie about two patients living it up before they die has ended the treasure hunt at the top "
        "of the North American box office, taking 19.4 million dollars over the weekend.",
        "The film opened on limited release on Christmas Day and expanded to nearly 3,000 cinemas at the end of "
        "last week, its studio said on Sunday.",
        "A comedy opened close behind in second place with 19 million dollars, and an independent hit came third.",
        "What Do You Think? Post Your Comment:",
        "Login or Register to comment.",
        "Add your Comment:",
        "Most Talked About Articles:",
        "• Singer To Be A Dad",
        "• Star Told Police She Was Fine",
        "• Actress Splits From Band Member",
        "Updated regularly with the latest entertainment news, gossip and reviews, browse the articles by date "
        "or by category.",
    ])
    kept = newsclean.clean(dump, kind="text").text
    assert "a comedy opened close behind" in kept.lower()
    assert "Singer To Be A Dad" not in kept
    assert "Updated regularly" not in kept
    from newsclean.boilerplate.text import classify_lines

    verdicts, _ = classify_lines(["Add your comment:", "Post your comment", "Login or register to comment."])
    assert [v.reason for v in verdicts] == ["comment"] * 3


def test_a_records_date_with_a_two_digit_year_is_read() -> None:
    # A corpus's date field written "01-Mar-08" (wire services, databases' default format)
    # was left unread, so window_days never acted on those documents (MEANTIME's Dutch
    # articles: 0 of 120 dated).
    from newsclean.records import with_record_date

    doc = with_record_date({"date": "01-Mar-08"}, newsclean.Document(id="a", text="x"))
    assert doc.meta["date"] == "2008-03-01" and doc.meta["date_source"] == "input"
    assert "date" not in with_record_date({"date": "Mar 08"}, newsclean.Document(id="b", text="x")).meta


# Text in a legacy code page without a declaration, each read wrong before the code page was
# chosen by the language of its reading (decode._by_language): English with fractions as
# cp1250, Turkish as cp1252, Polish and Czech in ISO 8859-2 as cp1257 and cp1252.
_CODE_PAGE_TEXTS = [
    ("The recipe calls for ½ cup of sugar and ½ cup of flour, mixed for 2½ minutes before the eggs go in. "
     "Bake it at 180 degrees for 35 minutes, then let it cool for ½ hour before you cut it into squares "
     "and serve it with cream.", "cp1252"),
    ("Ekonomi bakanı, enflasyonun önümüzdeki aylarda düşmesinin beklendiğini söyledi. Açıklamaya göre ihracat "
     "geçen yıla göre yüzde on iki arttı, işsizlik ise hafif bir düşüş gösterdi. Uzmanlar, faiz kararının "
     "piyasalar üzerindeki etkisinin sınırlı kalacağını düşünüyor.", "cp1254"),
    ("Rada miasta przyjęła w poniedziałek nowy budżet po długiej debacie. Burmistrz powiedział, że budżet "
     "poprawi stan dróg i szkół w mieście. Lider opozycji zapowiedział, że będzie nadal zabiegał o zmiany, "
     "a mieszkańcy przyznali, że nie spodziewali się tak szybkiego głosowania.", "iso-8859-2"),
    ("Městská rada v pondělí po dlouhé debatě schválila nový rozpočet. Starosta řekl, že rozpočet zlepší stav "
     "silnic a škol ve městě. Vůdce opozice oznámil, že bude nadále usilovat o změny, a obyvatelé přiznali, "
     "že tak rychlé hlasování nečekali.", "iso-8859-2"),
    # Latin-9: its euro sign and "œ" where cp1252 has "¤" and "½"
    ("Le prix du billet passe de 12 € à 15 € le mois prochain, a annoncé la mairie. Les habitants ont le cœur "
     "gros : beaucoup disent qu'ils prendront moins souvent le bus, et les commerçants du centre craignent de "
     "voir leurs clients partir vers les grandes surfaces.", "iso-8859-15"),
]


@pytest.mark.parametrize(("text", "encoding"), _CODE_PAGE_TEXTS)
def test_undeclared_legacy_text_is_read_in_the_code_page_of_its_language(text: str, encoding: str) -> None:
    from newsclean.decode import decode_bytes

    decoded, _encoding, source = decode_bytes(text.encode(encoding))
    assert (decoded, source) == (text, "detected")


def test_a_page_whose_first_64_kb_are_ascii_markup_is_read_by_its_text() -> None:
    # A page in cp1252 without a declaration whose style sheet fills the first 64 KB: the
    # detector read that sample as UTF-8, and the page came back with replacement
    # characters; detection now reads from shortly before the first byte outside ASCII.
    from newsclean.decode import decode_bytes

    style = "<style>" + "".join(f".c{i}{{margin:{i % 9}px;padding:0}}\n" for i in range(3000)) + "</style>"
    body = ("<p>Le prix du billet passe de 12 € à 15 € le mois prochain, a annoncé la mairie. Les habitants "
            "ont le cœur gros : beaucoup disent qu'ils prendront moins souvent le bus, et les commerçants du "
            "centre craignent de voir leurs clients partir vers les grandes surfaces.</p>")
    page = f"<html><head>{style}</head><body>{body}</body></html>"
    assert len(style) > 64 * 1024
    decoded, encoding, source = decode_bytes(page.encode("cp1252"))
    assert (decoded, encoding, source) == (page, "cp1252", "detected")

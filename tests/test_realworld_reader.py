"""benchmarks/realworld.py reads trafilatura's realworld_tests.py as data: the checks it
takes, and those it must leave out (XML or Markdown output only)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from realworld import MetadataCheck, PassageCheck, metadata_right, read_checks

TESTS = '''
MOCK_PAGES = {"https://a.example/1": "a1.html", "https://b.example/2": "b2.html"}

def test_extract(xmloutput, formatting):
    result = do_load_page("https://a.example/1")
    assert "kept passage" in result
    assert "menu line" not in result
    if xmloutput is False:
        assert "plain text only" in result
    if xmloutput is True:
        assert "<head>" in result
    if not formatting:
        assert "unformatted" in result
    else:
        assert "**bold**" in result
    if xmloutput is False and formatting is not True:
        assert "both plain" in result
    if len(result) > 10:
        assert "a condition no reading decides" in result
    result = do_load_page("https://b.example/2")
    assert "second page" in result

def test_pages():
    url = "https://b.example/2"
    metadata = extract_metadata(load_mock_page_meta(url))
    assert metadata.title == "A Title"
    assert "Jane Doe" in metadata.author
    assert metadata.title.startswith("A T")
    assert metadata.sitename == "not read"

def test_extract_links_formatting():
    result = load_mock_page("https://a.example/1", formatting=True, links=True)
    assert "[link](https://a.example)" in result
'''


def test_realworld_reader_takes_plain_text_checks_and_leaves_format_only_ones(tmp_path: Path) -> None:
    path = tmp_path / "realworld_tests.py"
    path.write_text(TESTS, "utf-8")
    pages, passages, metadata = read_checks(path)
    assert pages == {"https://a.example/1": "a1.html", "https://b.example/2": "b2.html"}
    assert passages == [
        PassageCheck("https://a.example/1", "kept passage", True),
        PassageCheck("https://a.example/1", "menu line", False),
        PassageCheck("https://a.example/1", "plain text only", True),
        PassageCheck("https://a.example/1", "unformatted", True),
        PassageCheck("https://a.example/1", "both plain", True),
        PassageCheck("https://b.example/2", "second page", True),
    ]
    assert metadata == [
        MetadataCheck("https://b.example/2", "title", "A Title", "eq"),
        MetadataCheck("https://b.example/2", "author", "Jane Doe", "in"),
        MetadataCheck("https://b.example/2", "title", "A T", "startswith"),
    ]


def test_realworld_metadata_checks_follow_the_assertion() -> None:
    check = MetadataCheck("u", "author", "Korinna Hennig", "in")
    assert metadata_right("Autor; Korinna Hennig", check)
    assert not metadata_right("NDR", check)
    assert not metadata_right("", MetadataCheck("u", "title", "", "eq"))
    assert metadata_right("A  title", MetadataCheck("u", "title", "a title", "eq"))

"""Encoding repair and decoding."""

from __future__ import annotations

import codecs
import unicodedata

import ftfy
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.strategies import (
    MOJIBAKE_ALPHABET,
    REAL_WORLD_CHARS,
    ampersand_text,
    carriage_return_text,
    codecs_,
    mojibake,
    multilingual_mojibake,
    real_world_text,
)

import newsclean
from newsclean._badness import badness_search
from newsclean.decode import decode_bytes
from newsclean.errors import ConfigError, InputError
from newsclean.repair import _repair_slow, unescaped_line_breaks

ORIGINAL = "Café “naïve” résumé — Zoë’s déjà vu costs €5."


@pytest.mark.parametrize("codec", ["sloppy-windows-1252", "latin-1"])
@pytest.mark.parametrize("times", [1, 2])
def test_mojibake_round_trip_is_restored_by_clean(codec: str, times: int) -> None:
    broken = mojibake(ORIGINAL, codec, times)
    assert broken != ORIGINAL
    assert newsclean.clean(broken).text == ORIGINAL


@given(real_world_text, codecs_, st.integers(1, 2))
def test_mojibake_of_any_latin_text_is_restored(text: str, codec: str, times: int) -> None:
    expected = newsclean.repair_encoding(text)
    assert newsclean.repair_encoding(mojibake(text, codec, times)) == expected


@given(st.one_of(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=400),
                 st.text(max_size=200), real_world_text, st.text(alphabet=REAL_WORLD_CHARS + "’“”—–…é", max_size=200),
                 st.builds(mojibake, real_world_text, codecs_, st.integers(1, 2)), ampersand_text,
                 carriage_return_text))
@example("\u1680")  # regression: the Ogham space mark (Zs) slipped past the fast path's test
@example("AT&amp;T and R&D")  # an entity beside a bare ampersand: unescaped
@example("café &#39;R&D&#39;")
@example("\\n0\\n")  # escaped line breaks: made breaks before either path (found by a soak)
@example("\r\x1e")  # a CR before a record separator: one line break (found by a soak)
@example("\r\u00c2 ")  # "Â " opening a line: ftfy's test reads each line from its start (a soak)
@example("\x85\u00df\u00ac\u2122\r\x80")  # mojibake across a lone CR (found by a soak)
def test_fast_path_gives_the_same_output_as_ftfy_path(text: str) -> None:
    # The escaped line breaks of a text escaped twice are unescaped before either path runs.
    full = _repair_slow(unescaped_line_breaks(text), newsclean.RepairConfig())
    assert newsclean.repair_encoding(text) == full


_ARTICLE = "Budget passes.\nThe mayor thanked the council \u2014 and the caf\u00e9 owners.\n\nCritics disagree."


@pytest.mark.parametrize("text", [
    _ARTICLE.replace("\n", "\r\n"),  # Windows, e-mail, HTTP bodies
    _ARTICLE.replace("\n", "\r"),  # old Mac files
    _ARTICLE.replace(" \u2014 ", "\u00a0\u2014 ").replace("the caf", "the\u00a0caf"),  # no-break spaces
    _ARTICLE.replace("\n", "\n\t"),  # tab indents
    "\ufeff" + _ARTICLE,  # a byte-order mark
    _ARTICLE.replace(" the ", " the\u200b "),  # zero-width spaces
    _ARTICLE.encode().decode("ascii", "replace").replace("\ufffd", "").replace("\n", "\r\n"),  # ASCII with CRLF
    _ARTICLE.replace(" \u2014 ", "&nbsp;&mdash; ").replace("caf\u00e9", "caf&eacute;"),  # entities in plain text
])
def test_web_whitespace_takes_the_light_path_to_the_full_paths_output(monkeypatch: pytest.MonkeyPatch,
                                                                       text: str) -> None:
    # Regression: each of these sent an article through ftfy line by line (CRLF twice its
    # cleaning time, no-break spaces 4.4x) though ftfy only turns them into line breaks,
    # spaces or nothing there.
    expected = _repair_slow(text, newsclean.RepairConfig())

    def slow(text: str, config: object) -> str:
        raise AssertionError(f"the full path was taken for {text!r}")

    monkeypatch.setattr("newsclean.repair._repair_slow", slow)
    assert newsclean.repair_encoding(text) == expected


@given(st.one_of(st.text(max_size=60), st.text(alphabet=[chr(c) for c in range(0x80, 0x100)], max_size=12),
                 st.builds(mojibake, real_world_text, codecs_, st.integers(1, 2)), carriage_return_text))
@example("&nbsp;\r<")  # a lone CR had kept ftfy's lines one, and the repaired text's "\n" parted them
def test_repairing_repaired_text_changes_nothing(text: str) -> None:
    once = newsclean.repair_encoding(text)
    assert newsclean.repair_encoding(once) == once


@given(st.one_of(st.text(alphabet=MOJIBAKE_ALPHABET, max_size=12), st.text(alphabet=MOJIBAKE_ALPHABET, max_size=300),
                 multilingual_mojibake, real_world_text, st.text(max_size=200)))
@example("ГўВЂВќ it")  # the longest sequence: its rarest character stands third
@example("Ã ")  # a match at the text's start only ("^")
@example("word Ã  more")
@example("€" * 400 + "cafÃ© ")  # dense in anchors: the rest searched whole, the match still found
@example("€ " * 300 + "Ã\xa0")  # the same with anchors every other character
def test_fast_badness_search_answers_as_ftfy_is_bad(text: str) -> None:
    assert badness_search()(text) == ftfy.badness.is_bad(text)


@given(st.one_of(st.lists(st.one_of(st.text(alphabet=MOJIBAKE_ALPHABET, max_size=12), st.just("\n"), st.just("Â "),
                                    st.just("Ã ")), max_size=12).map("".join),
                 carriage_return_text, st.text(max_size=200)))
@example("The café\nÂ x")  # regression: "Â " opening a later line, which ftfy fixes there
def test_lines_badness_search_answers_as_ftfy_asks_each_line(text: str) -> None:
    from newsclean._badness import lines_badness_search

    lines = text.split("\n")  # ftfy's segments, their "\n" apart (no branch reads it)
    assert lines_badness_search()(text) == (ftfy.badness.is_bad(text) or any(map(ftfy.badness.is_bad, lines)))


def test_anchors_are_refused_for_a_pattern_they_would_not_cover() -> None:
    # A case-blind pattern matches "ã" with "Ã", which anchoring on "Ã" would miss; one
    # without an anchorable element in every branch has no anchors at all.
    import re

    from newsclean._badness import _anchors, _Unknown

    for pattern in (re.compile("Ã[\xa0¡]|€x", re.IGNORECASE), re.compile("Ã[\xa0¡]|ab")):
        with pytest.raises(_Unknown):
            _anchors(pattern)
    # "[\xa0¡]" is rarer than the letter "Ã" and "€" stands second: each one character in
    assert _anchors(re.compile("Ã[\xa0¡]|x€"))[1:] == (1, 1)


def test_fast_badness_search_is_in_use_with_the_installed_ftfy() -> None:
    # A pattern _badness.py cannot read falls back to ftfy's own (slow) search: still right,
    # but German or Russian text would again cost ~0.2 ms a kilobyte. Says so if it happens.
    assert badness_search() is not ftfy.badness.is_bad


@pytest.mark.parametrize(("text", "fixed"), [
    ("\x8a\x820\xad", "Ђ0"),  # C1 controls read as cp1252 ("Š‚"), then as cp1257 mojibake
    ("\xadÂ\xa0", " "),        # removing the soft hyphen after ftfy joined mojibake of NBSP
])
def test_text_that_one_pass_leaves_as_mojibake_is_repaired_to_a_fixed_point(text: str, fixed: str) -> None:
    once = newsclean.repair_encoding(text)
    assert once == newsclean.repair_encoding(once) == fixed


def test_fast_path_output_is_what_plain_ftfy_gives_on_clean_ascii() -> None:
    text = "The council approved the budget on Monday.\nShares rose 3.5% to $12.\n"
    assert newsclean.repair_encoding(text) == ftfy.fix_text(text) == text


def test_invisible_and_control_characters_are_removed_and_crlf_normalised() -> None:
    text = "re\u00adport\u200b here\r\nnext\x07 line\tend\u00a0x &amp; y"
    assert newsclean.repair_encoding(text) == "report here\nnext line end x & y"


def test_separator_controls_break_lines_instead_of_gluing_words() -> None:
    # Regression: ftfy's control-character removal deleted the vertical tab (a manual line
    # break in word-processor exports) and the information separators before the line-break
    # step saw them, so "two.\vThree" became "two.Three": one sentence, two words glued.
    text = "Page two.\vThree is here.\x1cFile\x1dGroup\x1eRecord\x1fUnit"
    assert newsclean.repair_encoding(text) == "Page two.\nThree is here.\nFile\nGroup\nRecord Unit"
    assert [s.text for s in newsclean.clean("Page two.\vThree is here.").sentences] == ["Page two.", "Three is here."]
    # kept apart only where whitespace is normalised; without it, controls are removed as before
    assert newsclean.repair_encoding("a\vb", config=newsclean.RepairConfig(normalize_whitespace=False)) == "ab"


def test_zero_width_joiner_is_kept_for_emoji_and_persian() -> None:
    family = "👩\u200d👩\u200d👧"
    assert newsclean.repair_encoding(family) == family


def test_curly_quotes_and_widths_are_kept() -> None:
    assert newsclean.repair_encoding("“Ｈｉ” she said") == "“Ｈｉ” she said"


def test_html_in_text_keeps_its_entities_for_the_parser() -> None:
    assert newsclean.repair_encoding("<p>fish &amp; chips</p>") == "<p>fish &amp; chips</p>"


def test_bytes_where_text_was_expected_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="decode bytes first"):
        newsclean.repair_encoding(b"bytes")  # type: ignore[arg-type]


def test_bad_config_is_a_clear_error() -> None:
    with pytest.raises(ConfigError):
        newsclean.RepairConfig(unescape_html="maybe")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "encoding", "how"),
    [
        (codecs.BOM_UTF8 + "naïve".encode(), "utf-8", "bom"),
        (codecs.BOM_UTF16_LE + "naïve".encode("utf-16-le"), "utf-16-le", "bom"),
        (b'<meta charset="windows-1251">' + "Привет".encode("cp1251"), "cp1251", "declared"),
        (b'<?xml version="1.0" encoding="koi8-r"?><a>' + "мир".encode("koi8-r"), "koi8-r", "declared"),
        ("naïve".encode(), "utf-8", "utf-8"),
        ("café".encode("cp1252"), "cp1252", "detected"),
    ],
)
def test_decode_order_bom_declared_utf8_detected(data: bytes, encoding: str, how: str) -> None:
    _text, got_encoding, got_how = decode_bytes(data)
    assert (got_encoding, got_how) == (encoding, how)


def test_declared_charset_that_lies_falls_back_to_the_bytes() -> None:
    data = b'<meta charset="ascii">' + "naïve".encode()
    assert decode_bytes(data)[0].endswith("naïve")


def test_long_cyrillic_without_declaration_is_detected() -> None:
    text = "Правительство объявило о новых мерах поддержки экономики в понедельник. " * 8
    decoded, _encoding, how = decode_bytes(text.encode("cp1251"))
    assert decoded == text and how == "detected"


def test_undecodable_bytes_never_crash_and_say_so() -> None:
    # bytes no encoding reads as text, control bytes among them: refused, saying so
    with pytest.raises(newsclean.InputError, match="binary data"):
        newsclean.clean(bytes(range(256)) * 4)
    # without the control bytes: decoded as well as can be, and said how
    doc = newsclean.clean(bytes(range(32, 256)) * 4)
    assert doc.meta["encoding_source"] in ("fallback", "detected")
    assert isinstance(doc.text, str)


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        # a record escaped twice on its way through JSON or CSV: one run-on line
        ("The council approved the budget on Monday.\\n\\nThe mayor thanked the council.\\nCritics disagreed.",
         "The council approved the budget on Monday.\n\nThe mayor thanked the council.\nCritics disagreed."),
        ("Read on for more.\\r\\n\\r\\n12 Months Out\\r\\n\\r\\nInsure your ring before the wedding.",
         "Read on for more.\n\n12 Months Out\n\nInsure your ring before the wedding."),
        # the same escaping before quotation marks (curled later) and slashes goes too
        ('He said \\"yes\\" and \\\u201dno\\\u201d.\\n\\nSee https:\\/\\/x.org now.\\nThe end.',
         'He said "yes" and \u201dno\u201d.\n\nSee https://x.org now.\nThe end.'),
        # text that writes the escape about code keeps it
        ("Use \\n for a new line and \\n\\n for a paragraph in the format string.", None),
        ('printf("%d\\n", x) prints the number; puts("ok\\n") prints the word.', None),
        ("A path like C:\\\\new\\\\notes holds escaped backslashes.", None),
        # a text with real line breaks is no record escaped twice
        ("First line of the report.\nIt says \\n.\\nThen it ends.\\nHere.", None),
    ],
)
def test_line_breaks_escaped_twice_become_line_breaks(text: str, repaired: str | None) -> None:
    """Regression (session 72): "debate.\\n\\nThe mayor" written as backslash and n, a
    record escaped twice (as one of WCXB's reference texts is, dev 4591), stayed one run-on
    sentence through every stage."""
    doc = newsclean.clean(text, kind="text")
    assert newsclean.repair_encoding(text) == (text if repaired is None else repaired)
    if repaired is not None:
        assert "\\n" not in doc.text and len(doc.sentences) >= 3
        off = newsclean.RepairConfig(unescape_line_breaks=False)
        assert newsclean.repair_encoding(text, config=off) == text


def test_bidi_controls_are_removed_like_zero_width_characters() -> None:
    """Regression (session 72): the bidirectional marks and overrides (an RLM after a
    word, a right-to-left override inside one) stayed in clean text: invisible, they split
    a word's tokens from the same word written without them, and an override shows text
    other than it reads. ZWJ stays (emoji sequences, Persian spelling)."""
    text = "Ok\u200e the council\u200f approved abc\u202edef and \u2066this\u2069 today. 👩\u200d💻"
    assert newsclean.repair_encoding(text) == "Ok the council approved abcdef and this today. 👩\u200d💻"
    hebrew = "שלום\u200f עולם"
    assert newsclean.repair_encoding(hebrew) == "שלום עולם"
    keep = newsclean.RepairConfig(remove_bidi_controls=False)
    assert newsclean.repair_encoding(text, config=keep) == text


def test_the_listed_character_classes_are_unicodes() -> None:
    # repair.py lists the space separators and control characters for the stdlib engine;
    # they must be what Unicode's classes hold (the space itself left out: it stays as it is).
    import sys

    import regex

    from newsclean import repair

    for pattern, unicode_class in ((repair._SPACES, r"[\t\p{Zs}--[ ]]"), (repair._CONTROL, r"[\p{Cc}--[\n]]"),
                                   (repair._SURROGATE, r"\p{Cs}")):
        listed = regex.compile(unicode_class, regex.V1)
        assert [c for c in range(sys.maxunicode + 1) if pattern.fullmatch(chr(c))] == \
            [c for c in range(sys.maxunicode + 1) if listed.fullmatch(chr(c))]


def test_the_steps_after_ftfy_skip_only_text_they_would_not_change() -> None:
    # _own_steps reads a text once for all its targets: every character one of its passes
    # changes must be in that class (checked against the passes themselves, one by one).
    import sys

    from newsclean import repair

    config = newsclean.RepairConfig()
    changed = [c for c in range(sys.maxunicode + 1)
               if repair._own_steps(f"a{chr(c)}b", config) != unicodedata.normalize("NFC", f"a{chr(c)}b")]
    assert changed and all(repair._OWN_TARGETS.search(chr(c)) for c in changed)

"""Properties of clean() on messy input (hypothesis)."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.strategies import (
    EVIDENCE_WORDS,
    evidence_windows,
    flattened_words,
    messy_bytes,
    messy_text,
    spaceless_text,
    terminator_soup,
)

import newsclean
from newsclean import _sentence_rules
from newsclean._sentence_rules import _CANDIDATE, _bmp_candidate
from newsclean.boilerplate.html import looks_like_html


def _check_spans(text: str, spans: list[newsclean.Span] | tuple[newsclean.Span, ...]) -> None:
    position = 0
    covered = [False] * len(text)
    for span in spans:
        assert span.text == text[span.start:span.end]
        assert span.start >= position, "spans overlap or are out of order"
        assert span.text == span.text.strip() and span.text
        for i in range(span.start, span.end):
            covered[i] = True
        position = span.end
    missing = [c for c, done in zip(text, covered) if not done and not c.isspace()]
    assert not missing, f"non-space characters outside every sentence: {missing[:5]}"


@given(messy_text)
def test_clean_never_raises_on_text_and_output_is_normalised(text: str) -> None:
    doc = newsclean.clean(text)
    assert unicodedata.is_normalized("NFC", doc.text)
    assert all(unicodedata.category(c) != "Cc" or c == "\n" for c in doc.text)
    assert all(unicodedata.category(c) != "Cc" for c in doc.title)
    _check_spans(doc.text, doc.sentences)


@given(messy_bytes)
def test_clean_never_raises_on_bytes(data: bytes) -> None:
    from newsclean.decode import binary_kind

    if binary_kind(data):  # no text: refused saying what it is, never decoded into noise
        with pytest.raises(newsclean.InputError, match="not text"):
            newsclean.clean(data)
        return
    doc = newsclean.clean(data)
    assert isinstance(doc.text, str)
    assert "encoding" in doc.meta
    _check_spans(doc.text, doc.sentences)


@given(messy_text)
@example("<A>&ltA<?A>>&ltA&gt<P")  # found by the soak profile: tags alone, no text
@example("<A>&ltA<?A>>0&ltA&gt<P")  # found by the soak profile: "<A >0<A><P" reads as markup
@example("<P>:<P>0<?")  # found by the soak profile: HTML whose text is ":" (no word) kept it
@example("0    0\r<\r<\r<")  # found by the soak profile: "0    0" had five words to the classifier, "0 0" two
@example("AAAAA A A A n.\rA\rA\rA\rA\ra A A A A A .\rA")  # found by the soak profile: five reads joined one line each
@example("<P>&ampltA<P>0")  # found by the soak profile: "<A" kept beside a removed "0", then removed alone
@example("<P>&amp&ltA0<DIV><P>A")  # the same after the line vote removed the "A"
def test_clean_is_idempotent_on_its_own_output(text: str) -> None:
    once = newsclean.clean(text).text
    if looks_like_html(once):
        # Text that writes tags as its words (entities decoded: "<A >0<A><P", or an article
        # about HTML) is markup to kind="auto", by design: cleaned as text, it stays.
        assert newsclean.clean(once, kind="text").text == once
    else:
        assert newsclean.clean(once).text == once


@given(messy_text)
def test_split_sentences_spans_cover_every_non_space_character(text: str) -> None:
    _check_spans(text, newsclean.split_sentences(text))


@given(terminator_soup)
def test_split_sentences_spans_cover_terminator_dense_text(text: str) -> None:
    _check_spans(text, newsclean.split_sentences(text))


@settings(max_examples=400)  # cheap per example, and the space of punctuation runs is large
@given(st.one_of(terminator_soup, messy_text))
@example("a. . b. . . . C!? “D.” e.\u00a0.F… (g?) 3.5 U.S. H")
def test_stdlib_and_regex_engines_find_the_same_candidates(text: str) -> None:
    # The stdlib pattern is the fast path for text without astral characters; it must
    # be _CANDIDATE in every match and group.
    text = "".join(c for c in text if ord(c) < 0x10000)

    def found(pattern: object) -> list[tuple[object, ...]]:
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]  # type: ignore[attr-defined]

    assert found(_bmp_candidate()) == found(_CANDIDATE)


@given(terminator_soup)
def test_no_candidate_starts_inside_a_run_of_terminators(text: str) -> None:
    # Regression: a run at the end of the text was retried from each of its characters,
    # which made a long "?!?!..." or "……" quadratic. A candidate starts where a run does.
    import regex

    terminator = regex.compile(r"[\p{Sentence_Terminal}\u2026\u203d]")
    for match in _CANDIDATE.finditer(text):
        assert match.start(1) == 0 or terminator.match(text, match.start(1) - 1) is None
    assert all(len(m.group(4)) <= 64 for m in _CANDIDATE.finditer(text + "x!" * 100))


@settings(max_examples=300)
@given(st.one_of(messy_text, st.text(alphabet=st.characters(max_codepoint=0xFFFF), max_size=80)))
@example("Don’t re-elect Müller: 3,500.5 votes, 1.2 bn; naïve Σίσυφος 東京 ١٢٣ x\u0301y")
def test_story_tokens_and_exact_keys_agree_in_both_engines(text: str) -> None:
    # Story terms, the letter-word count and the exact-duplicate key read BMP text with
    # stdlib patterns built from the regex module's classes: every token and every key
    # must be what the regex patterns give (keys are stored in saved indexes).
    from newsclean.dedup import index, shingles

    text = "".join(c for c in text if ord(c) < 0x10000)
    # (both engines then read runs of Han and kana as their bigrams, one function)
    assert shingles._story_tokens(text) == shingles.spaceless_bigrams(shingles._STORY_TOKEN.findall(text), 0)[0]
    assert shingles.letter_words(text) == len(shingles._LETTER_WORD.findall(text))
    folded = unicodedata.normalize("NFKC", text).casefold()
    assert index._bmp_not_word().sub("", folded) == index._NOT_WORD.sub("", folded)


@settings(max_examples=300)
@given(st.one_of(messy_text, st.text(max_size=80), st.text(alphabet=st.characters(max_codepoint=127), max_size=80),
                 st.builds(lambda a, b: f"{a}\ud800{b}", st.text(max_size=20), st.text(max_size=20))))
@example("Don’t re-elect Müller: 3,500.5 votes\u00a0— “naïve” 😀 x\udfff y")
def test_exact_key_deletes_exactly_what_the_regex_deletes(text: str) -> None:
    # exact_key deletes ASCII punctuation from the UTF-8 bytes before the regex sees the
    # rest: the key (stored in saved indexes) must be the regex's alone.
    import xxhash

    from newsclean.dedup import index

    folded = unicodedata.normalize("NFKC", text).casefold()
    reference = index._NOT_WORD.sub("", folded).encode("utf-8", "surrogatepass")
    assert index.exact_key(text) == xxhash.xxh64_hexdigest(reference)


@settings(max_examples=300)
@given(st.one_of(messy_text, st.text(max_size=40)), st.one_of(messy_text, st.text(max_size=40)))
@example("Caf\u0065", "\u0301 et le reste")  # a combining mark opening the text: NFKC must not join it to the title
@example("Title", "")
def test_document_key_of_a_text_is_the_key_of_its_title_above_it(title: str, text: str) -> None:
    # document_key hashes the title's bytes and the text's, read apart: the keys stored in
    # saved story indexes must be those of the title above the text, as they were.
    from newsclean.dedup import index

    key = index.document_key(text, title)
    if not index.has_text_key(index.exact_key(text)):
        assert key == index.NO_TEXT_KEY  # a text without a word has no key, whatever its title
    elif title and not text.startswith(title):
        assert key == index.exact_key(f"{title}\n{text}")
    else:
        assert key == index.exact_key(text)


@settings(max_examples=300)
@given(st.one_of(spaceless_text, messy_text))
@example("東京タワーで会見Tokyo\u0301した。𠀀漢 x")
def test_copy_tokens_are_the_words_with_han_and_kana_as_bigrams(text: str) -> None:
    # Copy mode's tokens come from numpy arrays (runs split where the script changes,
    # then Han and kana runs cut into bigrams): they must equal a character-by-character
    # reading of the same rule.

    from newsclean.dedup.shingles import _SPACELESS_RUN, _is_word_character, _tokens, token_hash

    tokens: list[str] = []
    words = 0
    run, run_spaceless = "", False
    for char in [*text, " "]:
        word = _is_word_character(char)
        spaceless = word and _SPACELESS_RUN.fullmatch(char) is not None
        if run and (not word or spaceless != run_spaceless):
            if run_spaceless and len(run) >= 2:
                tokens += [run[i:i + 2] for i in range(len(run) - 1)]
                words += (len(run) + 1) // 2
            else:
                tokens.append(run)
                words += len(run) >= 2 or (run_spaceless and len(run) == 1)
            run = ""
        if word:
            run, run_spaceless = run + char, spaceless
    hashes, counted = _tokens(text, 3)
    assert hashes.tolist() == [token_hash(t, 3) for t in tokens]
    assert counted == words


@settings(max_examples=100, deadline=None)
@given(st.one_of(messy_text, st.text(max_size=30), st.just(""), st.just(" * * * ")), st.sampled_from(["copy", "story"]))
def test_a_document_is_as_similar_to_itself_as_can_be(text: str, mode: str) -> None:
    assert newsclean.similarity(text, text, mode=mode) == 1.0


@given(evidence_windows, st.sampled_from(EVIDENCE_WORDS), st.sampled_from(["U.S", "J.D", *EVIDENCE_WORDS]))
@example("the U.S. Police and the U.S.\xa0Police", "Police", "U.S")
@example("ΟΔΟΣ, ς ſt", "Οδος", "a")  # Greek's final sigma folds to σ, the long s to s
@example("x,Police", "Police", "a")  # a name's evidence needs a space before it
@example("U.S. Police " * 20 + "and Police. " + "the U.S. Police" * 2, "Police", "U.S")  # past the scan limit
@example("Ss. " * 20 + "ss" + "assa " * 20 + "as", "as", "Ss")
@settings(max_examples=1000)
def test_sentence_evidence_found_as_the_word_patterns_define_it(window: str, word: str, token: str) -> None:
    """The evidence searches use str.find and one-character tests instead of compiling a
    pattern for each word (a compile cost ~0.3 ms a decision): the same answers as the
    patterns they replace, case folding included."""
    lower = word.lower()
    assert _sentence_rules._holds_word(window, lower) == (
        regex.search(rf"(?<!\p{{L}}){regex.escape(lower)}(?!\p{{L}})", window) is not None)
    assert _sentence_rules._written_bare(window, lower) == (
        regex.search(rf"(?i)(?<![\p{{L}}\p{{N}}.]){regex.escape(lower)}(?![\p{{L}}\p{{N}}.])", window) is not None)
    assert _sentence_rules._written_as_name(window, word) == (
        regex.search(rf"[\p{{Ll}},;] +{regex.escape(word)}(?!\p{{L}})", window) is not None)
    together = regex.finditer(rf"{regex.escape(token)}\.\s+{regex.escape(word)}(?!\p{{L}})", window)
    assert _sentence_rules._written_together_twice(window, token, word) == (
        next(together, None) is not None and next(together, None) is not None)


@given(flattened_words)
@example(["|", "/", "–", "»", "2019", "1.", "the"])
@example(["council", "Über", "Ελλάδα", "«Ja»", "(Reuters)", "ǅx", "Home", "said"])
def test_the_chrome_prefilter_never_hides_a_run(words: list[str]) -> None:
    # flattened._MAY_HOLD_RUN turns most sentences away before their words are looked at
    # one by one: it must match wherever the word-by-word test finds a run of chrome.
    from newsclean.boilerplate import flattened

    sentence = " ".join(words)
    stopwords = frozenset({"the", "and", "of"})
    tokens = flattened._WORD.findall(sentence)
    chrome = [flattened._is_chrome(token, stopwords) for token in tokens]
    longest = run = 0
    for flag in chrome:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    if longest >= flattened.CHROME_RUN_WORDS:
        assert flattened._MAY_HOLD_RUN.search(sentence) is not None
    if flattened._MAY_HOLD_RUN.search(sentence) is None:
        assert flattened._chrome_apart(sentence, stopwords) == [" ".join(sentence.split())]

"""The compiled build of the line classifier decides exactly as text.py does.

setup.py compiles text.py with Cython into ``newsclean.boilerplate._text_c``; newsclean
uses it when it is current (see boilerplate/_classifier.py). These tests compare the two
builds verdict by verdict. Without a compiled build they skip, unless
``NEWSCLEAN_EXPECT_COMPILED=1`` (set by ``make test``) says the install must have one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import ModuleType

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.strategies import (
    FURNITURE_LINES,
    HEADER_LINES,
    keyed_pages,
    messy_text,
    page_dumps,
    sentence_text,
    story_token_text,
    terminator_soup,
)

from newsclean import _sentence_rules, segment
from newsclean.boilerplate import _classifier, _nonblank
from newsclean.boilerplate import text as pure
from newsclean.boilerplate.config import LineVerdict
from newsclean.errors import ConfigError, InputError


def _compiled_copy(build: str, module: ModuleType, plain: ModuleType, what: str) -> ModuleType:
    """``module`` when it is the compiled copy of ``plain``; else skip (or fail, when the
    install must have one)."""
    if build != "compiled":
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail(f"NEWSCLEAN_EXPECT_COMPILED is set but the compiled build of the {what} is not in use "
                        "(was the build skipped, stale or disabled by NEWSCLEAN_PURE_PYTHON?)")
        pytest.skip(f"the compiled build of the {what} is not built (pure-Python install)")
    assert module is not plain and module.__file__ is not None
    assert not module.__file__.endswith(".py")
    return module


@pytest.fixture(scope="module")
def compiled() -> ModuleType:
    return _compiled_copy(_classifier.BUILD, _classifier._module, pure, "line classifier")


def _assert_same(compiled: ModuleType, lines: list[str], *, extracted: bool = False) -> None:
    expected = pure.classify_lines(lines, extracted=extracted)
    got = compiled.classify_lines(lines, extracted=extracted)
    assert got == expected
    # And what StripBoilerplate makes of the verdicts: the text and the removal records.
    raw = "\n \n".join(lines).split("\n")
    assert compiled.nonblank_lines(raw) == pure.nonblank_lines(raw) == lines
    assert compiled.assemble(raw, got[0]) == pure.assemble(raw, expected[0])
    assert compiled.removals(got[0], "boilerplate") == pure.removals(expected[0], "boilerplate")


def test_a_build_made_from_another_text_py_is_not_used(
    compiled: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What an edit of text.py in an editable install looks like to the loader.
    monkeypatch.setattr(_classifier, "source_digest", lambda: "0" * 64)
    with pytest.warns(RuntimeWarning, match="built from another version of text.py"):
        module, build = _classifier._load()
    assert (module, build) == (pure, "pure")
    monkeypatch.undo()
    assert _classifier._load() == (compiled, "compiled")


def test_compiled_and_pure_decide_the_seeds_alike(compiled: ModuleType, seed_texts: list[str]) -> None:
    for text in seed_texts:
        lines = _nonblank(text.split("\n"))
        _assert_same(compiled, lines)
        _assert_same(compiled, lines, extracted=True)


def test_compiled_and_pure_decide_every_listed_line_alike(compiled: ModuleType) -> None:
    body = "The council approved the new budget on Monday after a long debate that ran late."
    listed = FURNITURE_LINES + HEADER_LINES
    _assert_same(compiled, listed)
    _assert_same(compiled, [body, *listed, body])
    for line in listed:  # alone between paragraphs, and under a menu
        _assert_same(compiled, [body, line, body])
        _assert_same(compiled, ["Home", "Search", line, body, body])


@given(page_dumps)
def test_compiled_and_pure_decide_generated_pages_alike(lines: list[str]) -> None:
    if _classifier.BUILD != "compiled":
        pytest.skip("the compiled classifier is not built (pure-Python install)")
    _assert_same(_classifier._module, lines)
    _assert_same(_classifier._module, lines, extracted=True)


@given(st.one_of(messy_text, st.text(alphabet=st.sampled_from(["a", "é", " ", "\t", "\u00a0", "\u3000", "\u2028",
                                                          "\x1c", "\x85", "\u200b", "."]))))
def test_compiled_word_count_is_the_split_count(text: str) -> None:
    # The compiled build counts a line's words in one pass over its characters where the
    # interpreter splits: both must read every kind of space as str.split() does.
    if _classifier.BUILD != "compiled":
        pytest.skip("the compiled classifier is not built (pure-Python install)")
    assert _classifier._module._word_count(text) == len(text.split())
    assert _classifier._module.prose_words(text or ".") == pure.prose_words(text or ".")


_TITLE_CASE_CHARS = ["a", "A", "é", "É", "ǅ", "ß", "1", "-", "'", " ", "\t", "\u00a0", "\u3000", "\x1c", "\u2028", "日"]


_TITLE_CASE_WORDS = ["Can", "a", "Coalition", "Be", "Formed", "in", "Paris?", "ÉTÉ", "été", "ǅemal", "1999", "—", "and"]


@given(st.one_of(messy_text, st.text(alphabet=st.sampled_from(_TITLE_CASE_CHARS), max_size=120),
                 st.lists(st.sampled_from(_TITLE_CASE_WORDS), max_size=24).map(" ".join)))
@example("Coalition Formed Over Paris")  # its last word makes the fourth long one
@example("Coalition Formed in Paris and nothing else was done here")
def test_compiled_title_case_read_by_characters_equals_the_split(text: str) -> None:
    # The compiled build reads a line's words for the headline test from its characters
    # (no list of words is made); it must decide as the test on str.split() does.
    if _classifier.BUILD != "compiled":
        pytest.skip("the compiled classifier is not built (pure-Python install)")
    words = text.split()
    assert _classifier._module._is_headline_line(text, len(words)) == pure._is_headline(words)


_PAGE_LINE_CHARS = ["a", "Z", "_", "7", "\u0663", "é", "ß", " ", "\t", "\x1c", "\u00a0", "\u3000", "\u2028",
                    "\u200b", ".", "!", "…", "。", "؟", "।", '"', "”", "»", ")", "]", "-", "日", "の", "ア", "ก", "한"]


@given(st.lists(st.tuples(st.one_of(messy_text, st.text(alphabet=st.sampled_from(_PAGE_LINE_CHARS), max_size=80)),
                          st.sampled_from(["", "navigation", "related", "comment", "footer", "title", "caption"])),
                max_size=30))
def test_compiled_page_features_equal_the_interpreter(lines: list[tuple[str, str]]) -> None:
    # The page-kind gate's features: the compiled build reads each line's characters in C,
    # ASCII by ranges, where the interpreter uses str.split and regular expressions.
    if _classifier.BUILD != "compiled":
        pytest.skip("the compiled classifier is not built (pure-Python install)")
    verdicts = [LineVerdict(text, 0.0, reason) for text, reason in lines]
    assert _classifier._module.page_features(verdicts) == pure.page_features(verdicts)


@given(keyed_pages)
def test_compiled_key_scan_finds_what_the_interpreter_finds(text: str) -> None:
    # The compiled build scans the page as written and lower-cases only the lines where a
    # key may start; the interpreter lower-cases the page and runs str.find per key.
    if _classifier.BUILD != "compiled":
        pytest.skip("the compiled classifier is not built (pure-Python install)")
    lines = text.split("\n")
    lowered = text.lower()
    found = pure._find_keys(lowered, lines if len(lowered) == len(text) else [line.lower() for line in lines])
    scanned = _classifier._module._scan_keys(text, lines)
    assert {i: sorted(keys) for i, keys in scanned.items()} == {i: sorted(keys) for i, keys in found.items()}


def test_compiled_and_pure_reject_bad_lines_alike(compiled: ModuleType) -> None:
    for module in (pure, compiled):
        with pytest.raises(InputError, match="line 1 is empty"):
            module.classify_lines(["Home", ""])
        with pytest.raises(InputError, match="line 1 is bytes"):
            module.classify_lines(["Home", b"Views: 12"])
    # Any sequence of str, and str subclasses, are lines like any other.
    class Line(str):
        pass

    lines = ("Home", Line("Big news today"), "The council approved the new budget on Monday after a long debate.")
    assert compiled.classify_lines(lines) == pure.classify_lines(list(lines))


@pytest.mark.data
def test_compiled_and_pure_decide_the_benchmark_dumps_alike(compiled: ModuleType, shared_data: Path) -> None:
    folder = shared_data / "article-extraction-benchmark"
    for key in json.loads((folder / "ground-truth.json").read_text("utf-8")):
        lines = _nonblank((folder / "plain" / f"{key}.txt").read_text("utf-8").split("\n"))
        _assert_same(compiled, lines)


@pytest.fixture(scope="module")
def compiled_rules() -> ModuleType:
    return _compiled_copy(segment.BUILD, segment._rules, _sentence_rules, "sentence rules")


def _assert_same_sentences(compiled: ModuleType, text: str, lang: str = "en") -> None:
    lexicon = segment._lexicon(lang)
    expected = _sentence_rules.spans(text, _sentence_rules.boundaries(text, lexicon))
    assert compiled.spans(text, compiled.boundaries(text, lexicon)) == expected


def test_a_sentence_rules_build_made_from_another_source_is_not_used(
    compiled_rules: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segment, "source_digest", lambda module: "0" * 64)
    with pytest.warns(RuntimeWarning, match="built from another version of _sentence_rules.py"):
        assert segment._load_rules() == (_sentence_rules, "pure")
    monkeypatch.undo()
    assert segment._load_rules() == (compiled_rules, "compiled")
    monkeypatch.setenv("NEWSCLEAN_PURE_PYTHON", "1")
    assert segment._load_rules() == (_sentence_rules, "pure")


@settings(max_examples=300)  # the compiled build types every offset and string: cover every rule
@given(st.one_of(sentence_text, terminator_soup, messy_text), st.sampled_from(segment.LANGUAGES))
@example("Hi, Yes. Mr. Healey spoke at 4 a.m. Police later said no. 5 [6] ok. “Why?” he asked.\n1. a\n2. b 3. c", "en")
@example("am 10. Oktober 3. Selim ging. Er sah – „Ja“. Dann «Где ты был?» – спросил он.", "de")
def test_compiled_and_pure_sentence_rules_cut_alike(text: str, lang: str) -> None:
    if segment.BUILD != "compiled":
        pytest.skip("the compiled sentence rules are not built (pure-Python install)")
    _assert_same_sentences(segment._rules, text, lang)


def test_compiled_and_pure_sentence_rules_cut_the_labelled_cases_alike(compiled_rules: ModuleType) -> None:
    cases = json.loads((Path(__file__).parent / "cases" / "segmentation.json").read_text("utf-8"))
    assert len(cases) > 20
    for case in cases:
        _assert_same_sentences(compiled_rules, case["text"], case.get("lang", "en"))


@pytest.mark.data
def test_compiled_and_pure_sentence_rules_cut_the_benchmark_articles_alike(
    compiled_rules: ModuleType, shared_data: Path
) -> None:
    truth = json.loads((shared_data / "article-extraction-benchmark" / "ground-truth.json").read_text("utf-8"))
    for article in truth.values():
        for lang in ("en", "de", "ja"):
            _assert_same_sentences(compiled_rules, article["articleBody"], lang)


@pytest.fixture
def numpy_minhash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The numpy MinHash path, whatever was built."""
    from newsclean.dedup import minhash

    if minhash.KERNEL != "compiled":
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled MinHash kernel is not in use")
        pytest.skip("the compiled MinHash kernel is not built (pure-Python install)")
    monkeypatch.setattr(minhash, "_signatures_into", None)


def _minhash_sets(seed: int) -> list[npt.NDArray[np.uint32]]:
    rng = np.random.default_rng(seed)
    # empty documents, one shingle, counts around the kernel's 4-shingle step and beyond
    # numpy's batch and block sizes; extreme values for the wrap-around arithmetic
    sizes = [0, 1, 2, 3, 4, 5, 7, 8, 0, 9000, 4096, 4097, 300, 1]
    sets = [rng.integers(0, 2**32, size, dtype=np.uint64).astype(np.uint32) for size in sizes]
    sets.append(np.array([0, 0xFFFFFFFF, 1, 0x80000000], dtype=np.uint32))
    return sets


@pytest.mark.parametrize("num_perm", [1, 7, 128, 512])
def test_compiled_minhash_equals_the_numpy_path(numpy_minhash: None, num_perm: int) -> None:
    from newsclean.dedup import minhash

    sets = _minhash_sets(num_perm)
    hasher = minhash.MinHasher(num_perm=num_perm, seed=3)
    assert minhash._signatures_into is None
    expected_bulk = hasher.signatures(sets)
    expected_one = [hasher.signature(s) for s in sets]
    kernel = minhash._compiled_kernel()
    assert kernel is not None
    minhash._signatures_into = kernel  # restored by monkeypatch
    assert np.array_equal(hasher.signatures(sets), expected_bulk)
    assert all(np.array_equal(hasher.signature(s), e) for s, e in zip(sets, expected_one))


def test_compiled_minhash_refuses_ranges_outside_the_hashes() -> None:
    from newsclean.dedup import minhash

    kernel = minhash._compiled_kernel()
    if kernel is None:
        pytest.skip("the compiled MinHash kernel is not built (pure-Python install)")
    a = b = np.ones(4, dtype=np.uint32)
    out = np.full((1, 4), 0xFFFFFFFF, dtype=np.uint32)
    with pytest.raises(ValueError, match="outside"):
        kernel(np.ones(3, dtype=np.uint32), np.array([0]), np.array([4]), a, b, out)
    with pytest.raises(ValueError, match="shapes"):
        kernel(np.ones(3, dtype=np.uint32), np.array([0]), np.array([3]), a, b, np.zeros((2, 4), dtype=np.uint32))


def test_compiled_string_hash_equals_the_numpy_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.dedup import shingles
    from newsclean.dedup._compiled import compiled_module

    if compiled_module() is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled MinHash kernel is not in use")
        pytest.skip("the compiled MinHash kernel is not built (pure-Python install)")
    # astral characters, a lone surrogate, NUL inside a string (the numpy path's slow
    # branch), the empty string, long strings
    strings = ["news", "", "naïve café", "emoji 🙂 here", "lone \ud800 surrogate", "x\x00y", "a" * 5000, "Ωμέγα"]
    compiled = shingles.hash_strings(strings, 9)
    monkeypatch.setattr(shingles, "compiled_module", lambda: None)
    assert shingles.hash_strings(strings, 9).tolist() == compiled.tolist()
    assert compiled.tolist() == [shingles.token_hash(s, 9) for s in strings]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=300), st.integers(1, 64), st.integers(1, 8))
def test_compiled_band_keys_equal_the_numpy_path(values: list[int], bands: int, rows: int) -> None:
    # The LSH buckets are found by these keys: a key that differs by one bit puts a
    # report in another bucket than the same report added by the other build.
    from newsclean.dedup import lsh
    from newsclean.dedup._compiled import compiled_module

    if compiled_module() is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled MinHash kernel is not in use")
        pytest.skip("the compiled MinHash kernel is not built (pure-Python install)")
    signature = np.array(values + [0xFFFFFFFF] * (bands * rows), dtype=np.uint32)
    compiled = lsh.band_keys(signature, bands, rows)
    # a story's salient terms have buckets of their own, found the same way
    terms = np.array(values, dtype=np.uint32)
    compiled_terms = lsh.term_keys(terms)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lsh, "compiled_module", lambda: None)
        assert lsh.band_keys(signature, bands, rows) == compiled
        assert lsh.term_keys(terms) == compiled_terms
    assert all(type(key) is int and 0 <= key < 2**64 for key in compiled + compiled_terms)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", "é", "𝔡", "f", "g", "h", "i", "j", "k"]),
                          st.lists(st.one_of(st.integers(0, 6), st.integers(0, 3000)), max_size=20),
                          st.sampled_from(["insert", "insert wide", "remove", "look"])),
                max_size=80),
       st.sampled_from([1, 2, 3, 4, 5, 9, 16]), st.sampled_from([0, 1, 7, 48]))
def test_compiled_bucket_table_equals_the_dict(steps: list[tuple[str, list[int], str]], cap: int,
                                               wider: int) -> None:
    # Inserts, removals and lookups in any order give the same candidates from the C
    # table as from the dict (keys spread over thousands of values: the table grows and
    # rehashes; ids removed and put back; buckets past their cap, and buckets moving
    # between chunk sizes as they grow and shrink), inserts with the table's cap and with
    # a larger one (story mode's salient terms' buckets) alike.
    from newsclean.dedup._compiled import compiled_lsh
    from newsclean.dedup.lsh import MemoryBuckets

    if compiled_lsh() is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled bucket table is not in use")
        pytest.skip("the compiled bucket table is not built (pure-Python install)")
    largest = cap + wider
    table, python = MemoryBuckets(cap=cap, largest=largest), MemoryBuckets(cap=cap, largest=largest, compiled=False)
    assert table._table is not None and python._table is None
    inserted: dict[str, list[int]] = {}
    for doc_id, small_keys, action in steps:
        keys = [k * 0x9E3779B97F4A7C15 % 2**64 for k in small_keys]
        assert table.candidates(keys) == python.candidates(keys)
        weights = [0.5 + i for i in range(len(keys))]
        assert table.shared(keys, weights) == python.shared(keys, weights)
        assert table.shared(keys, weights, least=2) == python.shared(keys, weights, least=2)
        if action.startswith("insert") and doc_id not in inserted:
            inserted[doc_id] = keys
            for buckets in (table, python):
                buckets.insert(doc_id, keys, cap=largest if action == "insert wide" else None)
        elif action == "remove" and doc_id in inserted:
            # as the index does: with the keys the document was put in with
            removed = inserted.pop(doc_id)
            for buckets in (table, python):
                buckets.remove(doc_id, removed)
    every = [k for keys in inserted.values() for k in keys]
    assert table.candidates(every) == python.candidates(every)
    # a pickled table (an index sent to another process) holds the same buckets
    import pickle

    copied = pickle.loads(pickle.dumps(table))
    assert copied.candidates(every) == python.candidates(every)
    copied.insert("new", every[:5])
    python.insert("new", every[:5])
    assert copied.candidates(every) == python.candidates(every)
    copied.insert("wide", every[:5], cap=largest)
    python.insert("wide", every[:5], cap=largest)
    assert copied.candidates(every) == python.candidates(every)
    for buckets in (table, python):
        with pytest.raises(ConfigError):
            buckets.insert("too wide", every[:1], cap=largest + 1)



def test_compiled_vote_counts_buckets_wider_than_the_cap() -> None:
    # A salient term's bucket keeps more ids than a band's (lsh.TERM_BUCKET_CAP); the
    # vote's buffer of labels met was sized by the bands' cap alone
    from newsclean.dedup._compiled import compiled_lsh
    from newsclean.dedup.lsh import MemoryBuckets

    if compiled_lsh() is None:
        pytest.skip("the compiled bucket table is not built (pure-Python install)")
    both = (MemoryBuckets(cap=2, largest=64), MemoryBuckets(cap=2, largest=64, compiled=False))
    names = [f"story-{n}" for n in range(60)]
    for buckets in both:
        for n in range(60):
            buckets.insert(f"d{n}", [7, 8], cap=64)
            buckets.set_label(f"d{n}", n)
    votes = [b.most_voted([7, 8], exclude="d0", exclude_label=-1, k=60, names=names) for b in both]
    assert votes[0] == votes[1] == sorted(names[1:])


@given(st.lists(st.tuples(st.lists(st.integers(0, 12), max_size=8), st.integers(0, 4)), min_size=1, max_size=14),
       st.sets(st.integers(0, 13), max_size=4),
       st.lists(st.tuples(st.lists(st.integers(0, 12), min_size=1, max_size=8), st.integers(-1, 13),
                          st.integers(-1, 4)), min_size=1, max_size=6),
       st.lists(st.tuples(st.integers(0, 13), st.integers(0, 4)), max_size=4),
       st.integers(1, 4), st.integers(1, 4))
def test_compiled_label_votes_equal_the_dict(docs: list[tuple[list[int], int]], removed: set[int],
                                             queries: list[tuple[list[int], int, int]],
                                             moves: list[tuple[int, int]], cap: int, k: int) -> None:
    # The vote story mode counts in C (labels = clusters) agrees with the dict buckets':
    # each document counted once, the excluded document and label left out, removed
    # documents never counted, the k largest counts and all their ties kept; and over a
    # copy of the labels changed apart from the buckets' own (refinement's moves).
    import pickle

    from newsclean.dedup._compiled import compiled_lsh
    from newsclean.dedup.lsh import MemoryBuckets, most_voted

    if compiled_lsh() is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled bucket table is not in use")
        pytest.skip("the compiled bucket table is not built (pure-Python install)")
    names = ["m", "b", "x", "a", "q"]
    both = (MemoryBuckets(cap=cap), MemoryBuckets(cap=cap, compiled=False))
    spread = [[key * 0x9E3779B97F4A7C15 % 2**64 for key in keys] for keys, _label in docs]
    for number, (keys, (_keys, label)) in enumerate(zip(spread, docs)):
        for buckets in both:
            buckets.insert(f"d{number}", keys)
            buckets.set_label(f"d{number}", label)
    for number in sorted(removed):
        if number < len(docs):
            for buckets in both:
                buckets.remove(f"d{number}", spread[number])
    copies = [buckets.labels_copy() for buckets in both]
    for number, label in moves:
        if number < len(docs) and number not in removed:
            for copy in copies:
                copy.set(f"d{number}", label)
    pickled = pickle.loads(pickle.dumps(both[0]))
    for small_keys, exclude, exclude_label in queries:
        keys = [key * 0x9E3779B97F4A7C15 % 2**64 for key in small_keys]
        asked = {"exclude": f"d{exclude}", "exclude_label": exclude_label, "k": k, "names": names}
        # what the index's vote must give: most_voted of the counts made here, by hand
        for read, label_copies in (({f"d{i}": label for i, (_keys, label) in enumerate(docs)}, None), (None, copies)):
            values = read if read is not None else copies[1].values  # type: ignore[union-attr]
            counted: dict[str, int] = {}
            for doc in {d for key in keys for d in both[1].candidates([key])}:
                label = values.get(doc, -1)
                if doc != f"d{exclude}" and int(doc[1:]) not in removed and label not in (-1, exclude_label):
                    counted[names[label]] = counted.get(names[label], 0) + 1
            expected = most_voted(counted, k)
            if label_copies is None:
                chosen = [b.most_voted(keys, **asked) for b in (*both, pickled)]  # type: ignore[arg-type]
            else:
                chosen = [b.most_voted(keys, labels=c, **asked) for b, c in zip(both, label_copies)]  # type: ignore[arg-type]
            assert all(c == expected for c in chosen)


@given(st.dictionaries(st.integers(0, 30), st.floats(0.0, 5.0, width=32), max_size=12),
       st.lists(st.tuples(st.dictionaries(st.integers(0, 30), st.floats(0.0, 50.0), max_size=15),
                          st.integers(0, 9), st.one_of(st.none(), st.floats(-1.0, 1.0))), max_size=6),
       st.sampled_from([0.0, 0.3, 0.5, 1.0, 1]))
# terms whose sum rounds differently in another order: the order is part of the contract
@example({5: 1e-16, 4: 1e-16, 3: 1.0}, [({3: 10.0, 4: 10.0, 5: 10.0}, 1, None)], 0.5)
def test_compiled_centroid_scores_equal_python_bit_for_bit(terms: dict[int, float],
                                                          clusters: list[tuple[dict[int, float], int, float | None]],
                                                          share: float) -> None:
    # Story mode's comparison of a report with its candidate clusters gives the same
    # position and the same float, to the last bit, compiled or not: a cluster assignment
    # must not depend on the build (scores at the threshold decide joins).
    import dataclasses

    from newsclean.dedup._compiled import compiled_centroid
    from newsclean.dedup.cluster import ClusterInfo, best_by_scores
    from newsclean.dedup.features import TERMS_ONLY_SCALE
    from newsclean.dedup.shingles import ShingleConfig

    compiled = compiled_centroid()
    if compiled is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled centroid comparison is not in use")
        pytest.skip("the compiled centroid comparison is not built (pure-Python install)")
    infos = [ClusterInfo(id=str(i), size=size, sums=sums, total=sum(sums.values()))
             for i, (sums, size, _m) in enumerate(clusters)]
    meanings = [m for _s, _n, m in clusters]
    config = dataclasses.replace(ShingleConfig.for_mode("story"), term_share=share)
    total = sum(terms.values())
    expected = best_by_scores(terms, infos, meanings, config, total)
    got = compiled.best_story_cluster(terms, total, infos, meanings, config.term_share, TERMS_ONLY_SCALE)
    assert got[0] == expected[0] and got[1].hex() == float(expected[1]).hex()


def test_compiled_label_votes_equal_the_dict_past_the_first_growth() -> None:
    # The per-document and per-label arrays start at 1,024 places and grow: 3,000
    # documents with labels up to 2,999, some removed, vote as the dict buckets do.
    import random

    from newsclean.dedup._compiled import compiled_lsh
    from newsclean.dedup.lsh import MemoryBuckets

    if compiled_lsh() is None:
        pytest.skip("the compiled bucket table is not built (pure-Python install)")
    rng = random.Random(7)
    both = (MemoryBuckets(), MemoryBuckets(compiled=False))
    keys_of = {f"d{i}": [rng.randrange(400) * 0x9E3779B97F4A7C15 % 2**64 for _ in range(6)] for i in range(3000)}
    for doc_id, keys in keys_of.items():
        label = int(doc_id[1:]) if rng.random() < 0.5 else rng.randrange(50)
        for buckets in both:
            buckets.insert(doc_id, keys)
            buckets.set_label(doc_id, label)
    for doc_id in rng.sample(sorted(keys_of), 300):
        for buckets in both:
            buckets.remove(doc_id, keys_of[doc_id])
    names = [f"c{(label * 7919) % 3001}" for label in range(3000)]
    for probe in rng.sample(sorted(keys_of), 50):
        keys = keys_of[probe]
        chosen = [b.most_voted(keys, exclude=probe, exclude_label=3, k=8, names=names) for b in both]
        assert chosen[0] == chosen[1]


def _compiled_features() -> ModuleType:
    from newsclean.dedup._compiled import compiled_features

    compiled = compiled_features()
    if compiled is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled story features are not in use")
        pytest.skip("the compiled story features are not built (pure-Python install)")
    return compiled


@given(st.one_of(story_token_text, messy_text))
@example("Anti-government protesters' 1,000.5, 2.. -x ’tis 12,")
@example("e\u0301te\u0301 x\u0301 \u0301a")
def test_compiled_story_tokens_equal_the_regex(text: str) -> None:
    from newsclean.dedup.shingles import _LETTER_WORD, _STORY_TOKEN, _token_flags

    got = _compiled_features().story_tokens(text, _token_flags())
    if any(ord(c) > 0xFFFF for c in text):
        assert got is None  # the caller falls back to the regex
    else:
        assert got == (_STORY_TOKEN.findall(text), len(_LETTER_WORD.findall(text)))


@given(st.one_of(story_token_text, sentence_text, messy_text), st.one_of(st.just(""), story_token_text))
@example("Macron hosted the summit in Paris. Macron said little; macron", "Paris summit")
# past the lede's 120 tokens: "Omega" the first token after it, "Timbuktu" on both sides
@example("Alpha Timbuktu " + "council budget " * 59 + "Omega Timbuktu zebra", "")
def test_compiled_story_terms_equal_python(text: str, title: str) -> None:
    from newsclean.dedup import shingles

    config = shingles.ShingleConfig.for_mode("story", top_k=5)
    _compiled_features()
    compiled = shingles.story_terms(text, title=title, config=config, lang="en")
    original = shingles.compiled_features
    shingles.compiled_features = lambda: None  # type: ignore[assignment]
    try:
        python = shingles.story_terms(text, title=title, config=config, lang="en")
    finally:
        shingles.compiled_features = original
    assert list(compiled.items()) == list(python.items())


@settings(max_examples=40, deadline=None)
@given(st.one_of(sentence_text, story_token_text))
@example("The central bank raised interest rates by half a point to fight inflation, its governor said on Tuesday.")
def test_compiled_meaning_vectors_equal_numpy_bit_for_bit(text: str) -> None:
    # A document's 8-bit vector is the same whichever build computes it (and on any
    # machine: both add the weighted token vectors in text order in single precision).
    from newsclean.dedup import meaning

    _compiled_features()
    model = meaning.load_meaning()
    compiled = model.embed(text)
    original = meaning.compiled_features
    meaning.compiled_features = lambda: None  # type: ignore[assignment]
    try:
        python = model.embed(text)
    finally:
        meaning.compiled_features = original
    assert compiled.dtype == python.dtype and np.array_equal(compiled, python)


@given(st.dictionaries(st.text(min_size=1, max_size=4), st.sampled_from([0.5, 1.0, 1.5, 2.25, 7.0, 1e-300]),
                       max_size=60), st.integers(0, 70))
@example({"b": 2.0, "a": 2.0, "c": 1.0, "d": 3.0}, 3)
def test_compiled_top_terms_rank_as_python_sorts(weights: dict[str, float], top_k: int) -> None:
    # Few distinct weights, so that ties (broken by the terms' order) are the rule.
    compiled = _compiled_features()
    expected = dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:top_k])
    ranked = compiled.top_terms(weights, top_k)
    assert list(ranked.items()) == list(expected.items())


@given(st.dictionaries(st.integers(0, 2**32 - 1) | st.sampled_from([0, 1, 2**32 - 1]),
                       st.sampled_from([0.5, 1.0, 2.25, 1e-12]), max_size=80), st.integers(1, 90))
def test_compiled_heaviest_centroid_terms_rank_as_python_sorts(sums: dict[int, float], k: int) -> None:
    # A cluster's centroid keeps its CENTROID_TERMS heaviest term hashes: ties to the
    # smaller hash, whichever build ranks them.
    from newsclean.dedup import cluster

    _compiled_features()
    expected = dict(sorted(sums.items(), key=lambda tw: (-tw[1], tw[0]))[:k])
    assert list(cluster.heaviest_terms(sums, k).items()) == list(expected.items())


def test_compiled_top_terms_refuse_mixed_keys() -> None:
    compiled = _compiled_features()
    with pytest.raises(TypeError):
        compiled.top_terms({1: 1.0, "a": 2.0}, 2)
    with pytest.raises(TypeError):
        compiled.top_terms({"a": 1.0, 2: 2.0}, 2)


@pytest.mark.parametrize("words", [0, 3, 255, 256, 257, 1400])
def test_compiled_weighted_sum_equals_numpy_in_single_precision(words: int) -> None:
    # Before quantizing: the float sums themselves, so a change in the order or rounding
    # of the C loop (its AVX2 build, its buffer of rows, which grows past 256) shows even
    # where the 8-bit vector would hide it.
    from newsclean.dedup import meaning

    _compiled_features()
    model = meaning.load_meaning()
    rng = np.random.default_rng(words)
    vocabulary = ["election", "ministers", "flooding", "earthquake", "rescue", "Reuters", "said", "the", "of", "a",
                  "budget", "protest", "court", "verdict", "3.5", "percent", "Zürich", "naïve", "café", "über-rich",
                  "don’t"]
    text = " ".join(rng.choice(vocabulary, size=words).tolist())
    compiled_total, compiled_kept = model.weighted_sum(text)
    original = meaning.compiled_features
    meaning.compiled_features = lambda: None  # type: ignore[assignment]
    try:
        numpy_total, numpy_kept = model.weighted_sum(text)
    finally:
        meaning.compiled_features = original
    assert compiled_kept == numpy_kept
    assert compiled_total.dtype == numpy_total.dtype == np.float32
    assert np.array_equal(compiled_total, numpy_total)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.booleans()), max_size=8), st.integers(0, 2**32 - 1))
def test_compiled_mean_cosines_equal_python_bit_for_bit(shapes: list[tuple[int, bool]], seed: int) -> None:
    # The meaning half of a report's score against each candidate cluster: the same float
    # from C and from numpy, each dot product added in order in double precision (a BLAS
    # product adds in an order of its own, which depends on the processor).
    from newsclean.dedup import cluster as cluster_module
    from newsclean.dedup._compiled import compiled_centroid

    compiled = compiled_centroid()
    if compiled is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled centroid comparison is not in use")
        pytest.skip("the compiled centroid comparison is not built (pure-Python install)")
    rng = np.random.default_rng(seed)
    unit = cluster_module.unit_vector(rng.integers(-127, 128, size=256).astype(np.int8))
    infos = []
    for i, (members, wide) in enumerate(shapes):
        info = cluster_module.ClusterInfo(id=str(i))
        for _ in range(members):
            member = cluster_module.unit_vector(rng.integers(-127, 128, size=256 if wide else 64).astype(np.int8))
            info.vector_sum = member if info.vector_sum is None else info.vector_sum + member
            info.vector_count += 1
        infos.append(info)
    got = compiled.mean_cosines(unit, infos)
    original = cluster_module.compiled_centroid
    cluster_module.compiled_centroid = lambda: None  # type: ignore[assignment]
    try:
        expected = cluster_module.mean_cosines(unit, infos)
    finally:
        cluster_module.compiled_centroid = original
    assert [None if g is None else g.hex() for g in got] == [None if e is None else float(e).hex() for e in expected]
    singles = [cluster_module.mean_cosine(unit, info) for info in infos]
    assert [None if s is None else float(s).hex() for s in singles] == [None if e is None else float(e).hex()
                                                                        for e in expected]


@given(st.lists(st.tuples(st.dictionaries(st.integers(0, 30), st.floats(0.0, 50.0), max_size=15),
                          st.integers(0, 9), st.booleans()), min_size=2, max_size=2),
       st.sampled_from([0.0, 0.5, 1.0]), st.integers(0, 2**32 - 1))
def test_compiled_cluster_similarity_equals_python_bit_for_bit(
        pair: list[tuple[dict[int, float], int, bool]], share: float, seed: int) -> None:
    # The screen of refinement's merge: the same float from C and from Python.
    import dataclasses

    from newsclean.dedup import cluster as cluster_module
    from newsclean.dedup.shingles import ShingleConfig

    if cluster_module.compiled_centroid() is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled centroid comparison is not in use")
        pytest.skip("the compiled centroid comparison is not built (pure-Python install)")
    rng = np.random.default_rng(seed)
    infos = []
    for i, (sums, size, vectors) in enumerate(pair):
        info = cluster_module.ClusterInfo(id=str(i), size=size, sums=sums, total=sum(sums.values()))
        if vectors:
            info.vector_sum = rng.normal(size=16).astype(np.float32)
            info.vector_count = 1 + size
        infos.append(info)
    config = dataclasses.replace(ShingleConfig.for_mode("story"), term_share=share)
    got = cluster_module.cluster_similarity(infos[0], infos[1], config)
    original = cluster_module.compiled_centroid
    cluster_module.compiled_centroid = lambda: None  # type: ignore[assignment]
    try:
        expected = cluster_module.cluster_similarity(infos[0], infos[1], config)
    finally:
        cluster_module.compiled_centroid = original
    assert float(got).hex() == float(expected).hex()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.lists(st.tuples(st.integers(0, 12), st.floats(2.0**-30, 1000.0, width=32)), max_size=10),
                          st.sampled_from([0, 8, 8, 8, 16]), st.booleans()), min_size=2, max_size=12),
       st.integers(1, 11), st.sampled_from([0.25, 0.5, 1.0]), st.integers(0, 2**32 - 1),
       st.sampled_from([0.0, 0.1, 0.7]))
# weights whose sum in double precision depends on the order they are added in
@example([([(1, 5.818522108569368e-09), (2, 12.576784133911133), (3, 5.9173581590243884e-09)], 8, True),
          ([(2, 12.576784133911133)], 8, True)], 1, 1.0, 0, 0.1)
def test_compiled_average_link_equals_python_bit_for_bit(
        rows: list[tuple[list[tuple[int, float]], int, bool]], split: int, share: float, seed: int,
        floor: float) -> None:
    # Refinement's merge compares this number with its threshold and ranks pairs of
    # clusters by it: the C build and the Python must merge the same clusters.
    # Repeated hashes (a probe keeps the last weight), members too short to compare,
    # members without a meaning vector or with one of another width.
    import dataclasses

    from newsclean.dedup import index as index_module
    from newsclean.dedup._compiled import compiled_centroid
    from newsclean.dedup.index import DuplicateIndex, _Entry
    from newsclean.dedup.shingles import ShingleConfig

    if compiled_centroid() is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled centroid comparison is not in use")
        pytest.skip("the compiled centroid comparison is not built (pure-Python install)")
    rng = np.random.default_rng(seed)
    entries = {}
    for i, (terms, width, comparable) in enumerate(rows):
        entries[f"d{i}"] = _Entry(
            words=100, signature=np.ones(8 if comparable else 0, dtype=np.uint32),
            term_hashes=np.array([h for h, _w in terms], dtype=np.uint32),
            term_weights=np.array([w for _h, w in terms], dtype=np.float32),
            exact=f"x{i}", day=None, seq=i, vector=rng.integers(-128, 128, size=width).astype(np.int8))
    index = DuplicateIndex(mode="story")
    index.config = dataclasses.replace(ShingleConfig.for_mode("story"), term_share=share, link_min_terms=floor)
    ids = list(entries)
    left, right = ids[:split], ids[split:]
    got = index._average_link(entries)(left, right)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "compiled_centroid", lambda: None)
        expected = index._average_link(entries)(left, right)
    assert got.hex() == float(expected).hex()


def test_compiled_centroid_comparison_follows_every_change_of_the_centroid() -> None:
    # The C comparison keeps each centroid's terms sorted on the cluster; a copy kept past
    # an absorb, a release or a merge would score reports against a centroid gone by.
    from newsclean.dedup import cluster as cluster_module
    from newsclean.dedup.shingles import ShingleConfig

    if cluster_module.compiled_centroid() is None:
        if os.environ.get("NEWSCLEAN_EXPECT_COMPILED"):
            pytest.fail("NEWSCLEAN_EXPECT_COMPILED is set but the compiled centroid comparison is not in use")
        pytest.skip("the compiled centroid comparison is not built (pure-Python install)")
    config = ShingleConfig.for_mode("story")
    none = np.empty(0, dtype=np.float32)
    report = {1: 1.0, 2: 0.5, 3: 0.25, 2**32 - 1: 2.0}
    first, second = cluster_module.ClusterInfo(id="a"), cluster_module.ClusterInfo(id="b")
    second.absorb("y", 5, None, 1.0, {3: 1.0, 9: 1.0})

    def both() -> tuple[tuple[int, float], tuple[int, float]]:
        compiled = cluster_module.best_story_cluster(report, none, [first], config, 3.75)
        original = cluster_module.compiled_centroid
        cluster_module.compiled_centroid = lambda: None  # type: ignore[assignment]
        try:
            python = cluster_module.best_story_cluster(report, none, [first], config, 3.75)
        finally:
            cluster_module.compiled_centroid = original
        return compiled, python

    first.absorb("x", 5, None, 1.0, {1: 1.0, 7: 3.0})
    steps = [lambda: first.absorb("z", 5, None, 1.0, {2: 2.0, 2**32 - 1: 1.0}),
             lambda: first.release({7: 3.0}, none),
             lambda: first.merge(second)]
    seen = set()
    for step in [lambda: None, *steps]:
        step()
        compiled, python = both()
        assert compiled == python
        seen.add(compiled[1])
    assert len(seen) == 4  # each change moved the score

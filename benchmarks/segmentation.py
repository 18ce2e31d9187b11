"""Sentence segmentation: the Golden Rules and speed on news text, newsclean vs peers.

Golden Rules: 48-rule score is ``split_sentences(input)``; the 52-rule score is
``split_sentences(repair_line_breaks(input))`` (rules 40-42 are line-break repair's job);
sentences compare whitespace-normalised. Peers get the raw input for both (pySBD,
blingfire, sentencex, where they are installed). Speed: MB/s over the article bodies of
the article-extraction benchmark, one process, every segmenter on the same texts.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, require, table, timed
from newsclean import _sentence_rules
from newsclean import segment as segment_module


def _norm(text: str) -> str:
    return " ".join(text.split())


def _optional(name: str, *, say: bool = False) -> Any:
    """A peer's module, or None where it is not installed (said on stderr with ``say``)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        if say:
            print(f"{name} not installed", file=sys.stderr)
        return None


def _peers(*, clean: bool = False) -> dict[str, Callable[[str], list[str]]]:
    """The peer segmenters that are installed; ``clean=True`` runs pySBD with its own
    text cleaning (it joins line breaks), as for text that arrives broken."""
    peers: dict[str, Callable[[str], list[str]]] = {}
    pysbd, blingfire, sentencex = (_optional(name, say=True) for name in ("pysbd", "blingfire", "sentencex"))
    if pysbd is not None:
        segmenter = pysbd.Segmenter(language="en", clean=clean)
        peers["pySBD, clean=True" if clean else "pySBD"] = lambda t: [str(s) for s in segmenter.segment(t)]
    if blingfire is not None:
        peers["blingfire"] = lambda t: blingfire.text_to_sentences(t).split("\n")
    if sentencex is not None:
        peers["sentencex"] = lambda t: list(sentencex.segment("en", t))
    return peers


def _nonspace_ends(text: str, sentences: list[str]) -> tuple[set[int], int]:
    """Sentence ends as counts of non-space characters before them (the UD EWT README's
    scoring: whitespace choices do not matter); also the text's own count."""
    ends, count = set(), 0
    for sentence in sentences:
        count += sum(not c.isspace() for c in sentence)
        ends.add(count)
    return ends, sum(not c.isspace() for c in text)


def ewt_documents(path: Path) -> list[dict[str, object]]:
    """The shared UD English-EWT dev documents (see its README)."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def conllu_documents(path: Path) -> list[dict[str, object]]:
    """Documents of a UD .conllu file, built as the shared EWT file is: each paragraph's
    sentences joined by a space (none where a sentence's last token says SpaceAfter=No),
    paragraphs by a blank line; the gold ends are every sentence end."""
    docs: list[dict[str, object]] = []
    paragraphs: list[list[tuple[str, bool]]] = []
    sentence, spaced = "", True

    def flush() -> None:
        text, ends = "", []
        for number, sentences in enumerate(p for p in paragraphs if p):
            if number:
                text += "\n\n"
            for i, (words, _spaced) in enumerate(sentences):
                if i:
                    text += " " if sentences[i - 1][1] else ""
                text += words
                ends.append(len(text))
        if ends:
            docs.append({"text": text, "boundaries": ends, "paragraph_ends": []})
        paragraphs.clear()

    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# newdoc"):
            flush()
        elif line.startswith("# newpar"):
            paragraphs.append([])
        elif line.startswith("# text ="):
            sentence = line.split("=", 1)[1].strip()
        elif line[:1].isdigit() and "\t" in line:
            spaced = "SpaceAfter=No" not in line.rsplit("\t", 1)[-1]
        elif not line and sentence:
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append((sentence, spaced))
            sentence = ""
    flush()
    return docs


def boundary_scores(docs: list[dict[str, object]], segment: Callable[[str], list[str]]) -> tuple[float, float, float]:
    """Boundary precision, recall and F1 (the UD EWT README's scoring)."""
    tp = fp = fn = 0
    for doc in docs:
        text = str(doc["text"])
        total = sum(not c.isspace() for c in text)
        counts = [0]
        for ch in text:
            counts.append(counts[-1] + (not ch.isspace()))
        gold = {counts[b] for b in [*doc["boundaries"], *doc["paragraph_ends"]]} - {0, total}  # type: ignore[misc]
        predicted = _nonspace_ends(text, segment(text))[0] - {0, total}
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--ud-english", default=os.environ.get("NEWSCLEAN_UD_ENGLISH"),
                        help="a folder of other English UD .conllu files (e.g. GUM dev): text the rules were not "
                             "written from")
    parser.add_argument("--ud-other", default=os.environ.get("NEWSCLEAN_UD_TEST"),
                        help="a folder of UD .conllu files in other languages (the language is the file name's "
                             "prefix, e.g. de_pud-ud-test.conllu)")
    parser.add_argument("--wcxb", default=os.environ.get("NEWSCLEAN_WCXB"),
                        help="WCXB clone: its reference texts also show where the learned lower-case words decide")
    parser.add_argument("--cdcr", default=os.environ.get("NEWSCLEAN_ECBPLUS_CDCR"),
                        help="Diverse_CDCR_datasets clone (see ecbplus_heldout.py): ECB+'s test topics too")
    parser.add_argument("--pysbd-tests", default=os.environ.get("NEWSCLEAN_PYSBD_TESTS"),
                        help="pySBD's tests/lang folder (git clone https://github.com/nipunsadvilkar/pySBD): its "
                             "labelled cases in other languages, read as data (never run)")
    parser.add_argument("--sentencex-tests", default=os.environ.get("NEWSCLEAN_SENTENCEX_TESTS"),
                        help="sentencex's tests folder (git clone https://github.com/wikimedia/sentencex): its "
                             "labelled cases in 35 languages, read as data")
    parser.add_argument("--rules-before", default=None, metavar="REV",
                        help="a git revision: list the sentence ends on English news and web text that the rules "
                             "decide otherwise than the rules at REV did (with --wcxb and --cdcr, text the rules "
                             "were not written from)")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    if not require(root / "golden-rules-en.json", "Golden Rules benchmark"):
        return {}
    rules = json.loads((root / "golden-rules-en.json").read_text("utf-8"))
    segmenters: dict[str, Callable[[str], list[str]]] = {
        "newsclean": lambda t: [s.text for s in newsclean.split_sentences(t)],
        **_peers(),
    }
    rows = []
    for name, segment in segmenters.items():
        def passes(rule: dict[str, object], repair: bool, segment: Callable[[str], list[str]] = segment,
                   name: str = name) -> bool:
            text = str(rule["input"])
            if repair and name == "newsclean":
                text = newsclean.repair_line_breaks(text)
            got = [_norm(s) for s in segment(text) if s.strip()]
            return got == [_norm(str(e)) for e in rule["expected"]]  # type: ignore[attr-defined]
        score48 = sum(passes(r, False) for r in rules if r["in_pysbd48"])
        score52 = sum(passes(r, True) for r in rules)
        rows.append([name, score48, score52])
    speed_rows, rates = [], {}
    corpus_path = root / "article-extraction-benchmark" / "ground-truth.json"
    if require(corpus_path, "segmentation speed corpus"):
        texts = [v["articleBody"] for v in json.loads(corpus_path.read_text("utf-8")).values()]
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        # The build in use (segment.BUILD: compiled when installed), and the plain-Python
        # rules it was compiled from, on the same texts.
        lexicon = segment_module._lexicon("en")
        timed_segmenters = {
            f"newsclean ({segment_module.BUILD})": segmenters["newsclean"],
            **({"newsclean (pure Python)": lambda t: _sentence_rules.spans(t, _sentence_rules.boundaries(t, lexicon))}
               if segment_module.BUILD == "compiled" else {}),
            **{name: segment for name, segment in segmenters.items() if name != "newsclean"},
        }

        def one_pass(segment: Callable[[str], object]) -> None:
            for text in texts:
                segment(text)

        # This machine's noise comes in bursts of seconds (the same build read 24-41 MB/s
        # as best of three): the fast segmenters are timed in interleaved rounds, best of
        # 15 each, so that a burst costs them all alike; a ~3 s pySBD pass averages over
        # it (best of three).
        seconds = {name: timed(lambda s=segment: one_pass(s))[1] for name, segment in timed_segmenters.items()}
        fast = [name for name, first in seconds.items() if first < 0.25]
        for _round in range(14):
            for name in fast:
                seconds[name] = min(seconds[name], timed(lambda s=timed_segmenters[name]: one_pass(s))[1])
        for name in seconds.keys() - set(fast):
            seconds[name] = min(seconds[name], timed(lambda s=timed_segmenters[name]: one_pass(s), repeat=2)[1])
        rates = {name: megabytes / seconds[name] for name in timed_segmenters}
        ours = rates[f"newsclean ({segment_module.BUILD})"]
        for name, rate in rates.items():
            speed_rows.append([name, f"{rate:.2f}", f"{ours / rate:.1f}x"])
        engines = _candidate_scan_rates(texts, megabytes)
    ewt_rows = []
    ewt = root / "ud-ewt-dev" / "ewt-dev.jsonl"
    other_rows = []
    for path in sorted(Path(args.ud_english).glob("*.conllu")) if args.ud_english else []:
        other_docs = conllu_documents(path)
        for name, segment in segmenters.items():
            other_rows.append([path.name, name, *boundary_scores(other_docs, segment)])
    if ewt.exists():
        for name, segment in segmenters.items():
            ewt_rows.append([name, *boundary_scores(ewt_documents(ewt), segment)])
    language_rows = []
    for path in sorted(Path(args.ud_other).glob("*.conllu")) if args.ud_other else []:
        lang = path.name.split("_")[0]
        language_docs = conllu_documents(path)
        if sum(len(d["boundaries"]) for d in language_docs) <= len(language_docs):  # type: ignore[arg-type]
            continue  # one sentence a document (zh, ar PUD): no boundary inside a text to score
        ours = boundary_scores(language_docs, lambda t, lang=lang: [
            s.text for s in newsclean.split_sentences(t, lang=lang if lang in newsclean.segment.LANGUAGES else "en")])
        # What users meet: each text's detected language (lang="auto"); and the English
        # rules, which a language without rules of its own gets, so that a language's own
        # rules are measured against them in every run.
        auto = boundary_scores(language_docs, lambda t: [s.text for s in newsclean.split_sentences(t, lang="auto")])
        english = (ours if lang == "en" or lang not in newsclean.segment.LANGUAGES else
                   boundary_scores(language_docs, lambda t: [s.text for s in newsclean.split_sentences(t, lang="en")]))
        try:
            import sentencex

            theirs = boundary_scores(language_docs, lambda t, lang=lang: list(sentencex.segment(lang, t)))[2]
        except Exception:  # sentencex missing, or without this language
            theirs = float("nan")
        language_rows.append([path.name, ours[0], ours[1], ours[2], auto[2], english[2], theirs])
    pysbd_rows = pysbd_language_tests(Path(args.pysbd_tests)) if args.pysbd_tests else []
    tagged_rows = tagged_language_rows(Path(args.pysbd_tests)) if args.pysbd_tests else []
    sentencex_rows = sentencex_language_tests(Path(args.sentencex_tests)) if args.sentencex_tests else []
    corpora = english_news_corpora(root, Path(args.wcxb) if args.wcxb else None, Path(args.cdcr) if args.cdcr else None)
    learned_rows = learned_list_decisions(corpora)
    change_rows = rules_changes(corpora, args.rules_before) if args.rules_before else []
    markdown = "\n\n".join([
        "### Golden Rules (English)",
        table(["segmenter", "48 (pySBD's set)", "all 52"], rows),
        f"### Speed on news text ({len(speed_rows) and round(megabytes, 2)} MB of article bodies, one process)",
        table(["segmenter", "MB/s", "newsclean is"], speed_rows),
        *(["### UD English-EWT dev (web text: weblogs, newsgroups, e-mail, answers, reviews): sentence boundaries",
           table(["segmenter", "precision", "recall", "F1"], ewt_rows)] if ewt_rows else []),
        *(["### Other English UD treebanks (not used to write the rules): sentence boundaries",
           table(["file", "segmenter", "precision", "recall", "F1"], other_rows)] if other_rows else []),
        *(["### Other languages (UD treebanks, documents built from their paragraphs; rules exist for "
           f"{', '.join(newsclean.segment.LANGUAGES)}, English rules elsewhere)",
           table(["file", "newsclean P", "newsclean R", "newsclean F1", 'newsclean F1, lang="auto"',
                  "newsclean F1, English rules", "sentencex F1"], language_rows)]
          if language_rows else []),
        *(["### pySBD's own tests in other languages (tests/lang, MIT; the cases pySBD was written to pass): "
           "texts split exactly as expected",
           table(["language", "cases", "newsclean", "newsclean after repair_line_breaks",
                  f"hard-wrapped at {_WRAP_COLUMNS} columns, repaired (of the longer one-paragraph cases)", "pySBD"],
                 pysbd_rows)]
          if pysbd_rows else []),
        *(["### The same cases labelled as corpora label them, through the SplitSentences stage: texts split "
           "exactly as expected",
           table(["language", "cases", 'meta["lang"] the code', 'meta["lang"] with a region ("de-DE")',
                  "English rules (a tag read as unknown, before session 56)"], tagged_rows)]
          if tagged_rows else []),
        *(["### sentencex's own tests (tests/*.txt, MIT; the cases sentencex was written to pass, those it "
           "marks as failing left out): texts split exactly as expected; languages newsclean has no rules for "
           "are split with `lang=\"auto\"`",
           table(["language", "cases", "newsclean",
                  f"newsclean, hard-wrapped at {_WRAP_COLUMNS} columns and repaired (of the longer one-paragraph cases)",
                  "sentencex", "pySBD"], sentencex_rows)]
          if sentencex_rows else []),
        *(["### English news text: the sentence ends the learned lists decide where the document has no evidence "
           "of its own (lower-case words, data/lower_words_en.json; news sentence starters after an initialism, "
           "data/sentence_starters_en.json; every change, to be read)",
           table(["list", "corpus", "texts", "decisions changed", "the changes (before | after)"], learned_rows)]
          if learned_rows else []),
        *([f"### English news and web text: sentence ends the rules decide otherwise than at {args.rules_before} "
           "(`--rules-before`; every change not next to a quotation mark listed, + added, - removed)",
           table(["corpus", "texts", "ends changed", "next to a quotation mark", "the others (before | after)"],
                 change_rows)] if change_rows else []),
        *([f"The candidate scan alone, same matches, bodies without astral characters: stdlib `re` engine {engines[0]:.1f} MB/s, `regex` "
           f"{engines[1]:.1f} MB/s ({engines[0] / engines[1]:.1f}x); newsclean uses the first on text "
           "without astral characters."] if speed_rows else []),
    ])
    print(markdown)
    return {"golden": rows, "speed": speed_rows, "rates": rates, "ewt": ewt_rows, "other_english": other_rows,
            "languages": language_rows, "pysbd_tests": pysbd_rows, "tagged_languages": tagged_rows, "sentencex_tests": sentencex_rows, "learned_words": learned_rows,
            "rules_changes": change_rows,
            "markdown": markdown}


def english_news_corpora(root: Path, wcxb: Path | None, cdcr: Path | None) -> dict[str, list[str]]:
    """English news and web text by corpus: ECB+ dev, the 181 article bodies, and where
    given ECB+'s test topics and WCXB's reference texts of both splits."""
    corpora: dict[str, list[str]] = {}
    ecb = root / "ecbplus-dev" / "docs.jsonl"
    if ecb.exists():
        corpora["ECB+ dev"] = [json.loads(line)["text"] for line in ecb.read_text("utf-8").splitlines()]
    bodies = root / "article-extraction-benchmark" / "ground-truth.json"
    if bodies.exists():
        corpora["181 article bodies"] = [v["articleBody"] for v in json.loads(bodies.read_text("utf-8")).values()]
    if cdcr is not None:
        from ecbplus_heldout import load_test_topics

        corpora["ECB+ test topics"] = [record["text"] for record in load_test_topics(cdcr)]
    if wcxb is not None:
        from wcxb import load_split

        corpora["WCXB reference texts, dev and test"] = [
            # every text of both splits, as the recorded listings read them (138 test
            # pages are dev pages too: their changes are listed twice)
            page["main_content"] for split in ("dev", "test")
            for page in load_split(wcxb, split, None, with_dev_pages=True).values()]
    return corpora


def _change(text: str, cut: int, now: set[int]) -> str:
    """A changed sentence end, "+" added or "-" removed, with the text around it."""
    return (("+" if cut in now else "-") + f"{' '.join(text[max(0, cut - 30):cut].split())} | "
            f"{' '.join(text[cut:cut + 25].split())}")


def learned_list_decisions(corpora: dict[str, list[str]]) -> list[list[object]]:
    """Where each learned word list (lower-case words, news sentence starters) changes a
    sentence end: English news text split with and without it (english_news_corpora; the
    starters were counted on ECB+'s sentence splits, WCXB is the text they never saw)."""
    import dataclasses

    lexicon = segment_module._lexicon("en")
    rows: list[list[object]] = []
    for field in ("lower_words", "news_starters"):
        without = dataclasses.replace(lexicon, **{field: frozenset()})
        for name, texts in corpora.items():
            changes = []
            for text in texts:
                ours = set(_sentence_rules.boundaries(text, lexicon))
                theirs = set(_sentence_rules.boundaries(text, without))
                changes += [_change(text, cut, ours) for cut in sorted(ours ^ theirs)]
            rows.append([field, name, len(texts), len(changes), "; ".join(f"`{c}`" for c in changes) or "-"])
    return rows


# A quotation mark within this many characters of a changed end: the change moved an end
# across the mark (counted apart: news quotes are full of them).
_QUOTE_NEAR = 4


def rules_changes(corpora: dict[str, list[str]], revision: str) -> list[list[object]]:
    """Sentence ends the rules now decide otherwise than the rules at git ``revision``
    (_sentence_rules.py read from it), on English news and web text, every change listed:
    the way to read a rule change on text it was not written from (WCXB's pages, ECB+'s
    test topics). Changes next to a quotation mark are counted apart."""
    import importlib.util
    import subprocess
    import tempfile

    source = subprocess.run(["git", "show", f"{revision}:src/newsclean/_sentence_rules.py"], check=True,
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1]).stdout
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rules_before.py"
        path.write_text(source, "utf-8")
        spec = importlib.util.spec_from_file_location("rules_before", path)
        assert spec is not None and spec.loader is not None
        before = importlib.util.module_from_spec(spec)
        sys.modules["rules_before"] = before  # its dataclass looks its module up
        spec.loader.exec_module(before)
    lexicon = segment_module._lexicon("en")
    rows: list[list[object]] = []
    for name, texts in corpora.items():
        quoted, others = 0, []
        for text in texts:
            now = set(_sentence_rules.boundaries(text, lexicon))
            then = set(before.boundaries(text, lexicon))
            for cut in sorted(now ^ then):
                if any(mark in text[max(0, cut - _QUOTE_NEAR):cut + _QUOTE_NEAR] for mark in "\"'“”‘’«»"):
                    quoted += 1
                else:
                    others.append(_change(text, cut, now))
        rows.append([name, len(texts), quoted + len(others), quoted, "; ".join(f"`{c}`" for c in others) or "-"])
    del sys.modules["rules_before"]
    return rows


# pySBD's test file of each language newsclean has rules for, and pySBD's code for it.
_PYSBD_TEST_FILES = {"deutsch": "de", "french": "fr", "spanish": "es", "italian": "it", "russian": "ru",
                     "polish": "pl", "dutch": "nl", "hindi": "hi", "arabic": "ar", "persian": "fa",
                     "chinese": "zh", "japanese": "ja"}
# pySBD's test files of languages newsclean has no rules for: split with lang="auto", in a
# row of their own (the "all" row stays the 161 cases of the languages above).
_PYSBD_OTHER_FILES = {"amharic": "am", "armenian": "hy", "bulgarian": "bg", "burmese": "my", "danish": "da",
                      "greek": "el", "kazakh": "kk", "marathi": "mr", "slovak": "sk", "urdu": "ur"}


def pysbd_cases(path: Path) -> list[tuple[str, list[str]]]:
    """The (text, expected sentences) pairs of one of pySBD's test files, read with ``ast``
    from its module-level lists (the file is data here: nothing of it runs), each text once."""
    import ast

    cases: dict[str, list[str]] = {}
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            for element in node.value.elts:
                try:
                    item = ast.literal_eval(element)
                except ValueError:
                    continue  # pytest.param(...): a case pySBD marks as a known failure
                if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
                    cases.setdefault(item[0], list(item[1]))
    return list(cases.items())


# Texts the way a hard-wrapping mailer or PDF export leaves them: the one-paragraph cases
# longer than this wrapped at it (textwrap), then repaired and split.
_WRAP_COLUMNS = 60


def _ours_right(text: str, want: list[str], lang: str) -> bool:
    """Whether newsclean splits ``text`` into ``want`` (whitespace normalised)."""
    return [_norm(s.text) for s in newsclean.split_sentences(text, lang=lang)] == want


def _wrapped_right(text: str, want: list[str], lang: str) -> bool | None:
    """Whether ``text``, one paragraph longer than _WRAP_COLUMNS, is still split into
    ``want`` once hard-wrapped at _WRAP_COLUMNS and repaired; None for other texts."""
    import textwrap

    if "\n" in text.strip() or len(text.strip()) <= _WRAP_COLUMNS:
        return None
    return _ours_right(newsclean.repair_line_breaks("\n".join(textwrap.wrap(text, _WRAP_COLUMNS)), lang=lang),
                       want, lang)


def _peer_right(pieces: Iterable[object], want: list[str]) -> bool:
    """Whether a peer's pieces (its empty ones dropped) are ``want``."""
    return [_norm(str(p)) for p in pieces if str(p).strip()] == want


def pysbd_language_tests(folder: Path) -> list[list[object]]:
    """Per language: cases, and how many newsclean (alone, and after repair_line_breaks, as
    ``clean`` runs them) and pySBD split exactly as expected (whitespace normalised); and,
    of the one-paragraph cases longer than _WRAP_COLUMNS, how many newsclean still splits
    exactly once they are hard-wrapped at _WRAP_COLUMNS and repaired."""
    pysbd = _optional("pysbd")
    rows: list[list[object]] = []
    totals = [0, 0, 0, 0, 0, 0]
    others = [0, 0, 0, 0, 0, 0]
    for name, pysbd_lang in {**_PYSBD_TEST_FILES, **_PYSBD_OTHER_FILES}.items():
        path = folder / f"test_{name}.py"
        if not path.exists():
            continue
        other = name in _PYSBD_OTHER_FILES
        lang = "auto" if other else pysbd_lang
        cases = pysbd_cases(path)
        splitter = pysbd.Segmenter(language=pysbd_lang, clean=False) if pysbd is not None else None
        ours = repaired = theirs = wrapped = wrappable = 0
        for text, expected in cases:
            want = [_norm(e) for e in expected if e.strip()]
            ours += _ours_right(text, want, lang)
            repaired += _ours_right(newsclean.repair_line_breaks(text, lang=lang), want, lang)
            if splitter is not None:
                theirs += _peer_right(splitter.segment(text), want)
            right = _wrapped_right(text, want, lang)
            if right is not None:
                wrappable += 1
                wrapped += right
        counts = [len(cases), ours, repaired, theirs, wrapped, wrappable]
        if other:
            others = [a + b for a, b in zip(others, counts)]
            continue
        rows.append([lang, len(cases), ours, repaired, f"{wrapped} of {wrappable}",
                     theirs if splitter is not None else "-"])
        totals = [a + b for a, b in zip(totals, counts)]
    if rows:
        rows.append(["all", *totals[:3], f"{totals[4]} of {totals[5]}", totals[3]])
    if others[0]:
        rows.append(["other languages (auto), not in all", *others[:3], f"{others[4]} of {others[5]}", others[3]])
    return rows


def tagged_language_rows(folder: Path) -> list[list[object]]:
    """pySBD's cases as a corpus labels its documents: ``meta["lang"]`` a code ("de") or a
    tag with a region ("de-DE", as HTML and datasets write it), split by the SplitSentences
    stage; beside them the English rules, which a tag newsclean could not read got until
    session 56 (langid.language_code)."""
    rows: list[list[object]] = []
    stage = newsclean.SplitSentences()
    for name, lang in _PYSBD_TEST_FILES.items():
        path = folder / f"test_{name}.py"
        if not path.exists():
            continue
        cases = pysbd_cases(path)
        right = {label: 0 for label in (lang, f"{lang}-{lang.upper()}", "en")}
        for text, expected in cases:
            want = [_norm(e) for e in expected if e.strip()]
            for label in right:
                doc = stage(newsclean.Document(id="", text=text, meta={"lang": label}))
                right[label] += [_norm(s.text) for s in doc.sentences] == want
        rows.append([lang, len(cases), *right.values()])
    return rows


def sentencex_cases(path: Path) -> list[tuple[str, list[str]]]:
    """The (text, expected sentences) pairs of one of sentencex's test files: blocks split by
    a line "===", text and expected lines split by a line "---"; a block whose text is
    commented out with "#" is a case sentencex marks as failing, and is left out."""
    cases = []
    for block in path.read_text("utf-8").split("\n===\n"):
        if "\n---\n" not in block:
            continue
        text, expected = block.split("\n---\n", 1)
        if text.lstrip().startswith("#"):
            continue
        cases.append((text.strip(), [line.strip() for line in expected.strip().split("\n") if line.strip()]))
    return cases


def sentencex_language_tests(folder: Path) -> list[list[object]]:
    """Per file of sentencex's tests: cases, and how many newsclean, sentencex and pySBD
    (where it has the language) split exactly as expected, and of the one-paragraph cases
    longer than _WRAP_COLUMNS how many newsclean still splits exactly once they are
    hard-wrapped at _WRAP_COLUMNS and repaired; languages newsclean has no rules for are
    summed in one row, split with ``lang="auto"``."""
    sentencex, pysbd = _optional("sentencex"), _optional("pysbd")
    rows: list[list[object]] = []
    other = [0, 0, 0, 0, 0, 0]
    totals = [0, 0, 0, 0, 0, 0]
    for path in sorted(folder.glob("*.txt")):
        lang = "en" if path.stem == "lists" else path.stem
        ours_lang = lang if lang in newsclean.segment.LANGUAGES else "auto"
        try:
            splitter = pysbd.Segmenter(language=lang, clean=False) if pysbd is not None else None
        except ValueError:
            splitter = None  # pySBD lacks the language
        cases = sentencex_cases(path)
        ours = theirs = pysbd_ok = wrapped = wrappable = 0
        for text, expected in cases:
            want = [_norm(e) for e in expected]
            ours += _ours_right(text, want, ours_lang)
            right = _wrapped_right(text, want, ours_lang)
            if right is not None:
                wrappable += 1
                wrapped += right
            if sentencex is not None:
                theirs += _peer_right(sentencex.segment(lang, text), want)
            if splitter is not None:
                pysbd_ok += _peer_right(splitter.segment(text), want)
        counts = [len(cases), ours, theirs, pysbd_ok, wrapped, wrappable]
        totals = [a + b for a, b in zip(totals, counts)]
        if ours_lang == "auto":
            other = [a + b for a, b in zip(other, counts)]
        elif cases:
            rows.append([path.stem, len(cases), ours, f"{wrapped} of {wrappable}",
                         theirs if sentencex is not None else "-", pysbd_ok if splitter is not None else "-"])
    for name, row in (("other languages (auto)", other), ("all", totals)):
        if row[0]:
            rows.append([name, row[0], row[1], f"{row[4]} of {row[5]}", row[2], row[3]])
    return rows


def _candidate_scan_rates(texts: list[str], megabytes: float) -> tuple[float, float]:
    """MB/s of the sentence rules' candidate regex in the stdlib engine and in ``regex``, on the
    texts the stdlib engine is used for (no astral characters)."""
    from newsclean._sentence_rules import _CANDIDATE, _bmp_candidate

    texts = [t for t in texts if all(ord(c) < 0x10000 for c in t)]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rates = []
    for pattern in (_bmp_candidate(), _CANDIDATE):
        def scan(finditer: Callable[[str], Iterator[object]] = pattern.finditer) -> None:
            for text in texts:
                for _match in finditer(text):
                    pass

        rates.append(megabytes / timed(scan, repeat=3)[1])
    return rates[0], rates[1]


if __name__ == "__main__":
    main()

"""Line-break repair on hard-wrapped news (issue #13): which line breaks are joined.

The 181 article bodies of ``article-extraction-benchmark`` (one paragraph a line) are
hard-wrapped with ``textwrap`` at a fixed width, as mail, PDF converters and old
archives do, and each paragraph stays on its own line, so that nothing but the text
tells a wrap from a paragraph end. Every line break of the wrapped text is then either a
wrap (to be joined) or a paragraph break (to be kept); ``repair_line_breaks`` is scored
on joining the wraps (precision, recall, F1) and on whole paragraphs restored exactly.
Baselines: joining every line break (``" ".join(lines)``) and joining none.

Stray line breaks: each paragraph cut once at a random space (seeded), the damage of a
scraper or converter that breaks a line short; scored the same way.

With ``--ud DIR``, the same at 60 columns (and with stray breaks) on the documents of every UD ``.conllu`` file in
DIR (built as ``segmentation.py`` builds them; a file that marks neither documents nor
paragraphs as bodies of ten sentences, a sentence a paragraph; the language is the file name's prefix): text in
other languages and other genres, which no rule was written from; and the stray breaks
repaired without the language's words learned from treebanks (data/open_endings.json),
what each learned list adds.

With ``--wcxb DIR`` (or $NEWSCLEAN_WCXB; a checkout of
github.com/Murrough-Foley/web-content-extraction-benchmark, read in place, never copied
here): the lists of WCXB's annotated main texts, real list items of pages of 2025 (every
paragraph of ``main_content`` with two or more lines that open with a list marker),
as written, hard-wrapped at 60 columns, and with stray breaks: each item of three or more
spaces cut at a random space but its first, a quarter of the items (three seeds) and
every item. Scored on the blocks restored exactly, the stray breaks joined and the
lines of the list as written kept apart. The rules for list items were read on the
``dev`` split's failures; the ``test`` split is only reported.

Widths 40, 60 and 80. ``textwrap`` breaks after a compound's hyphen ("well-" /
"known"): the repair must join it and keep the hyphen. Alignment counts the characters
that are neither spaces nor hyphens, so a dropped hyphen does not shift it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from unittest import mock

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
import newsclean.linebreaks as linebreaks
from _common import data_dir, require, table, timed
from newsclean.linebreaks import _CJK_LETTER, _LIST_MARKER, repair_line_breaks_explained

WIDTHS = (40, 60, 80)


def _breaks(text: str) -> set[int]:
    """Line breaks as the number of non-space, non-hyphen characters before each."""
    out, count = set(), 0
    for ch in text:
        if ch == "\n":
            out.add(count)
        elif not ch.isspace() and ch != "-":
            count += 1
    return out


def _paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in body.split("\n") if p.strip()]


def _join_scores(cases: Iterable[tuple[list[str], str]],
                 repair: Callable[[str], str]) -> tuple[float, float, float, float]:
    """Precision, recall and F1 of the joins, and the share of paragraphs restored
    exactly, over (paragraphs, the same text with extra line breaks) pairs."""
    tp = fp = fn = 0
    restored = total = 0
    for paragraphs, broken in cases:
        paragraph_breaks = _breaks("\n".join(paragraphs))
        extra = _breaks(broken) - paragraph_breaks
        repaired = repair(broken)
        joined = _breaks(broken) - _breaks(repaired)
        tp += len(joined & extra)
        fp += len(joined & paragraph_breaks)
        fn += len(extra - joined)
        repaired_lines = [" ".join(line.split()) for line in repaired.split("\n") if line.strip()]
        total += len(paragraphs)
        restored += len(set(paragraphs) & set(repaired_lines))
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1, restored / max(1, total)


def score(bodies: list[str], width: int, repair: Callable[[str], str]) -> tuple[float, float, float, float]:
    """``_join_scores`` of the bodies hard-wrapped at ``width``."""
    paragraphed = [_paragraphs(body) for body in bodies]
    return _join_scores(((ps, "\n".join(textwrap.fill(p, width, break_long_words=False) for p in ps))
                         for ps in paragraphed), repair)


STRAY_SEED = 20261130


def stray_breaks(bodies: list[str], seed: int = STRAY_SEED) -> list[str]:
    """Each paragraph with one stray line break at a random space inside it (a scraper
    or converter cutting a line short), paragraphs one a line as in ``score``."""
    rng = random.Random(seed)
    out = []
    for body in bodies:
        paragraphs = []
        for paragraph in _paragraphs(body):
            spaces = [i for i, ch in enumerate(paragraph) if ch == " "]
            if spaces:
                cut = rng.choice(spaces)
                paragraph = paragraph[:cut] + "\n" + paragraph[cut + 1:]
            paragraphs.append(paragraph)
        out.append("\n".join(paragraphs))
    return out


def score_stray(bodies: list[str], repair: Callable[[str], str]) -> tuple[float, float, float, float]:
    """``_join_scores`` for one stray line break a paragraph instead of wrapping at a width."""
    return _join_scores(zip((_paragraphs(body) for body in bodies), stray_breaks(bodies)), repair)


# Chinese and Japanese write no spaces between words: their text is wrapped and cut
# anywhere between two letters, and a line of 60 columns holds 30 of their characters.
UNSPACED = ("zh", "ja")
_UNSPACED_SENTENCE = regex.compile(r"[^。！？]*[。！？]")


def unspaced_bodies(bodies: list[str]) -> list[str]:
    """A treebank file given as one document (Chinese GSD) as documents of five paragraphs
    of four sentences; files of many documents as they are."""
    if len(bodies) >= 50:
        return bodies
    sentences = [s for body in bodies for s in _UNSPACED_SENTENCE.findall(body)]
    paragraphs = ["".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return ["\n".join(paragraphs[i:i + 5]) for i in range(0, len(paragraphs), 5)]


def score_unspaced(bodies: list[str], repair: Callable[[str], str], *, stray: bool,
                   seed: int = STRAY_SEED) -> tuple[float, float, float, float]:
    """``_join_scores`` for Chinese or Japanese: wrapped at 30 characters, or cut once a
    paragraph between two letters (seeded)."""
    rng = random.Random(seed)
    cases = []
    for body in bodies:
        paragraphs = _paragraphs(body)
        broken = []
        for p in paragraphs:
            if stray:
                cuts = [i for i in range(1, len(p)) if _CJK_LETTER.match(p[i - 1]) and _CJK_LETTER.match(p[i])]
                cut = rng.choice(cuts) if cuts else None
                broken.append(p if cut is None else p[:cut] + "\n" + p[cut:])
            else:
                broken.append("\n".join(p[i:i + 30] for i in range(0, len(p), 30)))
        cases.append((paragraphs, "\n".join(broken)))
    return _join_scores(cases, repair)


GOLDEN_WIDTHS = (30, 40, 60)


def _golden_broken(rules: list[dict[str, object]]) -> dict[str, list[tuple[str, list[str]]]]:
    """The Golden Rules' inputs hard-wrapped at each of GOLDEN_WIDTHS, and with one stray
    line break at a random space (seeded), each with its expected sentences."""
    rng = random.Random(STRAY_SEED)
    out: dict[str, list[tuple[str, list[str]]]] = {f"wrapped at {w}": [] for w in GOLDEN_WIDTHS}
    out["one stray break"] = []
    for rule in rules:
        text, expected = str(rule["input"]), [str(e) for e in rule["expected"]]  # type: ignore[attr-defined]
        for width in GOLDEN_WIDTHS:
            # Each line of the input wrapped on its own: a case's own line breaks (a list's
            # items) are part of what it tests, and wrapping the whole must not erase them.
            wrapped = "\n".join(textwrap.fill(line, width, break_long_words=False) for line in text.split("\n"))
            out[f"wrapped at {width}"].append((wrapped, expected))
        spaces = [i for i, ch in enumerate(text) if ch == " "]
        cut = rng.choice(spaces) if spaces else None
        out["one stray break"].append((text if cut is None else text[:cut] + "\n" + text[cut + 1:], expected))
    return out


def golden_rules_broken(rules: list[dict[str, object]]) -> tuple[list[str], list[list[object]]]:
    """How many of the Golden Rules each segmenter still gets right when the text arrives
    hard-wrapped or with a stray break: newsclean after repair_line_breaks, and without it;
    the peers of segmentation.py, pySBD with its own cleaning (``clean=True`` joins line
    breaks); the text as it was written sets the ceiling."""
    from segmentation import _peers

    def norm(sentences: Iterable[str]) -> list[str]:
        return [" ".join(s.split()) for s in sentences if s.strip()]

    segmenters: dict[str, Callable[[str], list[str]]] = {
        "newsclean, repair_line_breaks then split_sentences":
            lambda t: [s.text for s in newsclean.split_sentences(newsclean.repair_line_breaks(t))],
        "newsclean split_sentences alone": lambda t: [s.text for s in newsclean.split_sentences(t)],
    }
    segmenters.update(_peers(clean=True))
    broken = _golden_broken(rules)
    header = ["segmenter", "as written", *broken]
    rows: list[list[object]] = []
    for name, segment in segmenters.items():
        written = sum(norm(segment(str(r["input"]))) == norm(r["expected"]) for r in rules)  # type: ignore[arg-type]
        rows.append([name, written, *(sum(norm(segment(text)) == norm(expected) for text, expected in cases)
                                      for cases in broken.values())])
    return header, rows


# A UD file that marks neither documents nor paragraphs (da DDT, fi TDT, hu Szeged, sk SNK)
# is read as bodies of this many sentences, a sentence a paragraph: read as one paragraph,
# the whole file took a single stray break and the table printed 1.0 for it. Files that
# mark documents keep them (a PUD document is a paragraph of a few sentences).
_UNMARKED_BODY_SENTENCES = 10


def _ud_bodies(path: Path) -> list[str]:
    from segmentation import conllu_documents

    docs = conllu_documents(path)
    if len(docs) == 1 and "\n\n" not in str(docs[0]["text"]):
        text, ends = str(docs[0]["text"]), [0, *docs[0]["boundaries"]]  # type: ignore[misc]
        sentences = [text[a:b].strip() for a, b in itertools.pairwise(ends)]
        return ["\n".join(sentences[i:i + _UNMARKED_BODY_SENTENCES])
                for i in range(0, len(sentences), _UNMARKED_BODY_SENTENCES)]
    return [str(doc["text"]).replace("\n\n", "\n") for doc in docs]


# Seeds of the stray breaks in list items, and the share of the items cut.
LIST_SEEDS = (1, 2, 3)
LIST_STRAY_SHARE = 0.25


def wcxb_lists(folder: Path, split: str) -> list[list[str]]:
    """The list blocks of WCXB's ground truth in ``split``: paragraphs of two or more lines
    of which at least two open with a list marker, as lists of stripped lines. The test
    split's pages that the dev split holds too (the same URL, wcxb.py) are left out."""
    from wcxb import dev_urls

    shared = dev_urls(folder) if split == "test" else set()
    blocks = []
    for path in sorted((folder / split / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        if (record.get("url") or "") in shared:
            continue
        text = record.get("ground_truth", {}).get("main_content") or ""
        for paragraph in text.split("\n\n"):
            lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
            if len(lines) >= 2 and sum(1 for line in lines if _LIST_MARKER.match(line)) >= 2:
                blocks.append(lines)
    return blocks


def _cut_items(lines: list[str], rng: random.Random, share: float) -> list[str]:
    """``lines`` with each line of three or more spaces cut at a random space but its
    first (the marker's) with probability ``share``."""
    out = []
    for line in lines:
        spaces = [i for i, ch in enumerate(line) if ch == " "]
        if len(spaces) >= 3 and rng.random() < share:
            cut = rng.choice(spaces[1:])
            out += [line[:cut], line[cut + 1:]]
        else:
            out.append(line)
    return out


def list_repair(blocks: list[list[str]], repair: Callable[[str], str]) -> list[list[object]]:
    """Rows (input, blocks, restored exactly, stray breaks joined, lines as written kept
    apart) of ``repair`` on list ``blocks`` as written, hard-wrapped at 60 columns, and
    with stray breaks in a quarter of the items (LIST_SEEDS) and in every item."""
    rows: list[list[object]] = []
    for label in ("as written", "hard-wrapped at 60", "stray breaks, a quarter of the items", "stray breaks, every item"):
        exact = total = joined = extra = kept = written = 0
        for seed in LIST_SEEDS if label.startswith("stray") else (0,):
            rng = random.Random(seed)
            for lines in blocks:
                if label == "as written":
                    pieces = lines
                elif label.startswith("hard"):
                    if all(len(line) <= 60 for line in lines):
                        continue
                    pieces = [p for line in lines for p in textwrap.wrap(line, 60, break_long_words=False,
                                                                         break_on_hyphens=False)]
                else:
                    pieces = _cut_items(lines, rng, LIST_STRAY_SHARE if "quarter" in label else 1.0)
                repaired = [line for line in repair("\n".join(pieces)).split("\n") if line.strip()]
                total += 1
                exact += [" ".join(line.split()) for line in repaired] == [" ".join(line.split()) for line in lines]
                # breaks as _breaks places them: a dropped hyphen does not shift them
                true_ends, broken_ends = _breaks("\n".join(lines)), _breaks("\n".join(pieces))
                repaired_ends = _breaks("\n".join(repaired))
                joined += len((broken_ends - true_ends) - repaired_ends)
                extra += len(broken_ends - true_ends)
                kept += len(true_ends & repaired_ends)
                written += len(true_ends)
        rows.append([label, total, exact / max(1, total), joined / extra if extra else "-", kept / max(1, written)])
    return rows


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--ud", default=None, help="a folder of UD .conllu files (other languages, held out)")
    parser.add_argument("--wcxb", default=os.environ.get("NEWSCLEAN_WCXB"),
                        help="a checkout of the Web Content Extraction Benchmark (WCXB): its lists, broken")
    args = parser.parse_args(argv)
    path = data_dir(args.data) / "article-extraction-benchmark" / "ground-truth.json"
    if not require(path, "line-break benchmark"):
        return {}
    bodies = [v["articleBody"] for v in json.loads(path.read_text("utf-8")).values()]
    repairs: dict[str, Callable[[str], str]] = {
        "newsclean repair_line_breaks": newsclean.repair_line_breaks,
        "join every line break": lambda text: " ".join(text.split("\n")),
        "join none": lambda text: text,
    }
    rows, results = [], {}
    for width in WIDTHS:
        for name, repair in repairs.items():
            precision, recall, f1, restored = score(bodies, width, repair)
            rows.append([str(width), name, precision, recall, f1, restored])
            results[f"{name} @{width}"] = {"precision": precision, "recall": recall, "f1": f1, "restored": restored}
    golden_path = data_dir(args.data) / "golden-rules-en.json"
    golden = json.loads(golden_path.read_text("utf-8")) if require(golden_path, "Golden Rules, broken") else []
    golden_header, golden_rows = golden_rules_broken(golden) if golden else ([], [])
    results["golden_rules_broken"] = {str(row[0]): dict(zip(golden_header[1:], row[1:])) for row in golden_rows}
    stray_rows = []
    for name, repair in repairs.items():
        precision, recall, f1, restored = score_stray(bodies, repair)
        stray_rows.append([name, precision, recall, f1, restored])
        results[f"{name} stray"] = {"precision": precision, "recall": recall, "f1": f1, "restored": restored}
    # Repairing repaired text: a second repair sees paragraphs one a line (the input form of
    # stray breaks), not the physical lines around each break, and may join more; it must
    # never change a word. Documents a second repair changes, and those with a word changed.
    second_repair = {}
    for label, texts in [*((f"wrapped at {w}", ["\n".join(textwrap.fill(p, w, break_long_words=False)
                                                           for p in _paragraphs(b)) for b in bodies]) for w in WIDTHS),
                         ("stray breaks", stray_breaks(bodies))]:
        once = [newsclean.repair_line_breaks(t) for t in texts]
        again = [newsclean.repair_line_breaks(t) for t in once]
        second_repair[label] = (sum(a != b for a, b in zip(once, again)),
                                sum(a.split() != b.split() for a, b in zip(once, again)))
    results["second_repair_changes"] = second_repair
    # Speed on the 60-column text, beside the segmenter on the same text in the same run
    # (both run over every document `clean` handles).
    wrapped_60 = ["\n".join(textwrap.fill(p, 60, break_long_words=False) for p in _paragraphs(b)) for b in bodies]
    megabytes = sum(len(t.encode("utf-8")) for t in wrapped_60) / 1e6
    speed = {name: megabytes / timed(lambda fn=fn: [fn(t) for t in wrapped_60], repeat=5)[1]
             for name, fn in (("repair_line_breaks", newsclean.repair_line_breaks),
                              ("split_sentences", newsclean.split_sentences))}
    results["speed_mb_s"] = speed
    ud_rows = []
    # As users meet it: the language read from each document (DetectLanguage, then the
    # stage's lang="auto"), not told.
    detected = newsclean.Pipeline(newsclean.DetectLanguage(), newsclean.RepairLineBreaks())

    def repaired_as_detected(text: str) -> str:
        return detected(newsclean.Document(id="ud", text=text)).text

    for path in sorted(Path(args.ud).glob("*.conllu")) if args.ud else []:
        lang = path.name.split("_")[0]
        rules = lang if lang in newsclean.segment.LANGUAGES else "en"

        def told(text: str, rules: str = rules) -> str:
            return repair_line_breaks_explained(text, lang=rules)[0]

        def unlearned(text: str, rules: str = rules) -> str:
            # The language's rules without the words learned from treebanks
            # (data/open_endings.json): what each language's learned list adds, and the ten
            # languages of session 70 as they were before session 71 learned theirs.
            with mock.patch.object(linebreaks, "_learned_open_endings", lambda _lang: frozenset()):
                return repair_line_breaks_explained(text, lang=rules)[0]

        if lang in UNSPACED:
            ud = unspaced_bodies(_ud_bodies(path))
            precision, recall, f1, restored = score_unspaced(ud, told, stray=False)
            joined_all = score_unspaced(ud, lambda text: "".join(text.split("\n")), stray=False)
            stray = score_unspaced(ud, told, stray=True)
            stray_detected = score_unspaced(ud, repaired_as_detected, stray=True)
            stray_unlearned = score_unspaced(ud, unlearned, stray=True)
        else:
            precision, recall, f1, restored = score(_ud_bodies(path), 60, told)
            joined_all = score(_ud_bodies(path), 60, lambda text: " ".join(text.split("\n")))
            stray = score_stray(_ud_bodies(path), told)
            stray_detected = score_stray(_ud_bodies(path), repaired_as_detected)
            stray_unlearned = score_stray(_ud_bodies(path), unlearned)
        ud_rows.append([path.name, precision, recall, f1, restored, joined_all[2], *stray, stray_detected[2],
                        stray_unlearned[2]])
        results[f"ud {path.name}"] = {"precision": precision, "recall": recall, "f1": f1, "restored": restored}
    list_sections = []
    for split in ("dev", "test") if args.wcxb else ():
        blocks = wcxb_lists(Path(args.wcxb), split)
        list_rows = list_repair(blocks, newsclean.repair_line_breaks)
        results[f"wcxb lists {split}"] = list_rows
        role = "development: the list-item rules were read on its failures" if split == "dev" else "held out"
        list_sections += [f"### List items broken: WCXB's {split} split ({role}), {len(blocks):,} lists",
                          table(["input", "lists", "restored exactly", "stray breaks joined",
                                 "lines as written kept apart"], list_rows)]
    markdown = "\n\n".join([
        f"### Line-break repair: {len(bodies)} article bodies hard-wrapped at {', '.join(map(str, WIDTHS))} "
        "columns, paragraph ends kept as single line breaks",
        table(["width", "repair", "join precision", "join recall", "join F1", "paragraphs restored"], rows),
        "### Stray line breaks: one at a random space in each paragraph of the same bodies (seeded), "
        "paragraph ends kept as single line breaks",
        table(["repair", "join precision", "join recall", "join F1", "paragraphs restored"], stray_rows),
        *([f"### English Golden Rules ({len(golden)} cases) "
           "right after the text arrives hard-wrapped or with one stray line break (seeded)",
           table(golden_header, golden_rows)] if golden_rows else []),
        "Repairing the repaired bodies again: documents changed (more lines joined) / with a word changed: "
        + ", ".join(f"{label} {n} / {words} of {len(bodies)}" for label, (n, words) in second_repair.items()) + ".",
        f"Speed on the bodies wrapped at 60 columns ({megabytes:.2f} MB, best of 5): repair_line_breaks "
        f"{speed['repair_line_breaks']:.1f} MB/s, split_sentences on the same text {speed['split_sentences']:.1f} MB/s.",
        *(["### The same at 60 columns, and with stray breaks, on UD treebank documents (other languages and "
           "genres)",
           table(["file", "join precision", "join recall", "join F1", "paragraphs restored",
                  "joining every break: F1", "stray: precision", "stray: recall", "stray: F1",
                  "stray: paragraphs restored", "stray: F1, language detected",
                  "stray: F1, without the learned words"], ud_rows)] if ud_rows else []),
        *list_sections,
    ])
    print(markdown)
    results["markdown"] = markdown
    return results


if __name__ == "__main__":
    main()

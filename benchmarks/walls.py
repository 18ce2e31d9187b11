"""Walls and notices in scraped news (design.md, *Walls and notices* and *Paywalls, sign-in walls
and cookie walls*): what cleaning takes out of whole corpora, to be read.

For each corpus, every text is cleaned as plain text (``newsclean.clean(text, kind="text")``)
and counted: pages emptied as a wall, by ``meta["empty_reason"]``; furniture lines (removed
as ``legal``) that hold a wall's or a paywall's words (text.INTERSTITIAL, PAYWALL,
COOKIE_WALL), and the pages holding them. ``--list`` prints each such page and line, so that
every one can be read. To compare another build (the session's start, say), run this script
with that build's ``src`` first on PYTHONPATH: the counts are the build's.

Corpora:
- ``--semeval DIR`` (or NEWSCLEAN_SEMEVAL): SemEval-2022 Task 8's distinct texts of 30 words or
  more (corpus_scale.real_corpus: the task's scraped articles in ten languages, ECB+ dev's
  after them). Development data: the wall rules were read on these texts. Also: the English
  pairs of its two samples in which a text was emptied as a wall, with ``similarity()`` and
  the annotators' rating (1 very similar .. 4 very dissimilar).
- ``--wcxb DIR`` (or NEWSCLEAN_WCXB): WCXB's held-out test split as whole-page dumps
  (realpages.dump_of), pages of 2025 of every kind; the wall rules were not read on it.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, table
from newsclean.boilerplate import text as _text

# The build's wall patterns (a build from before session 59 has the first only).
_WALL_WORDS = tuple(getattr(_text, name) for name in ("INTERSTITIAL", "PAYWALL", "COOKIE_WALL") if hasattr(_text, name))


def survey(texts: dict[str, str]) -> tuple[Counter[str], list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Pages emptied by reason; (id, reason) of the emptied pages; (id, kind, line) of the
    furniture lines holding a wall's words (kind: "emptied" if the page went whole)."""
    reasons: Counter[str] = Counter()
    emptied: list[tuple[str, str]] = []
    lines: list[tuple[str, str, str]] = []
    for key, text in texts.items():
        doc = newsclean.clean(text, kind="text")
        reason = str(doc.meta.get("empty_reason", ""))
        if "wall" in reason:
            reasons[reason] += 1
            emptied.append((key, reason))
        for removal in doc.removed:
            lowered = removal.text.lower()
            if removal.reason == "legal" and any(wall.search(lowered) for wall in _WALL_WORDS):
                lines.append((key, "emptied" if "wall" in reason else "line", removal.text))
    return reasons, emptied, lines


def semeval_pairs(folder: Path) -> list[list[object]]:
    """The English pairs of both samples in which cleaning emptied a text as a wall."""
    csv.field_size_limit(1 << 30)
    rows: list[list[object]] = []
    for name in ("training_set.csv", "testing_set.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                if record["lang1"] != "en" or record["lang2"] != "en":
                    continue
                a = newsclean.clean(record["text1"], kind="text", lang="en")
                b = newsclean.clean(record["text2"], kind="text", lang="en")
                walled = [d for d in (a, b) if "wall" in str(d.meta.get("empty_reason", ""))]
                if walled:
                    rows.append([name.split("_")[0], f"{newsclean.similarity(a, b):.3f}", record["Overall"][:4],
                                 " / ".join(repr(d.title[:50]) for d in (a, b))])
    return rows


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--semeval", default=os.environ.get("NEWSCLEAN_SEMEVAL"))
    parser.add_argument("--wcxb", default=os.environ.get("NEWSCLEAN_WCXB"))
    parser.add_argument("--list", action="store_true", help="print every emptied page and wall line")
    args = parser.parse_args(argv)
    corpora: dict[str, dict[str, str]] = {}
    if args.semeval:
        from corpus_scale import real_corpus

        records = real_corpus(data_dir(args.data), Path(args.semeval))
        corpora["SemEval-2022 Task 8 + ECB+ dev (development)"] = {r["id"]: r["text"] for r in records}
    if args.wcxb:
        from realpages import dump_of
        from wcxb import load_split

        pages = load_split(Path(args.wcxb), "test", None)
        corpora["WCXB test dumps (held out)"] = {key: dump_of(page["html"]) for key, page in pages.items()}
    if not corpora:
        print("walls.py: give --semeval DIR and/or --wcxb DIR (or NEWSCLEAN_SEMEVAL / NEWSCLEAN_WCXB)")
        return {}
    rows, out = [], {}
    for name, texts in corpora.items():
        reasons, emptied, lines = survey(texts)
        pages_with_lines = len({key for key, kind, _ in lines if kind == "line"})
        rows.append([name, len(texts), sum(reasons.values()),
                     "; ".join(f"{n} {r.split(',')[0].removeprefix('the page is ')}" for r, n in reasons.most_common()),
                     sum(kind == "line" for _, kind, _ in lines), pages_with_lines])
        out[name] = {"emptied": dict(reasons), "wall_lines": len(lines)}
        if args.list:
            print(f"\n{name}: emptied pages")
            for key, reason in emptied:
                print(f"  {key}: {reason}")
            print(f"{name}: wall lines removed from pages that keep text")
            for key, kind, line in lines:
                if kind == "line":
                    print(f"  {key}: {line[:160]}")
    print("### Walls and notices cleaning takes out of whole corpora\n")
    print(table(["corpus", "texts", "emptied as walls", "by kind", "wall lines removed from kept pages",
                 "pages"], rows))
    if args.semeval:
        print("\nSemEval English pairs with a text emptied as a wall (similarity(), Overall rating 1-4):\n")
        print(table(["sample", "similarity()", "Overall", "titles"], semeval_pairs(Path(args.semeval))))
    return out


if __name__ == "__main__":
    main()

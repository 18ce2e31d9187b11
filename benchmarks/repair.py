"""Encoding repair: the fast path against plain ftfy.fix_text on clean ASCII news text,
on the same bodies written with CRLF, no-break spaces, "&nbsp;" or a byte-order mark (the
light path against the full path, the same output checked on every text), and on text
written with letters outside ASCII (the 181 pages' other bodies: German,
French, Portuguese, Korean and more), where ftfy's mojibake test is asked every time
(``ftfy.badness.is_bad`` against newsclean's anchored search of the same regex,
``_badness.py``, with the same answer checked on every text).

Also checks, on every text, that the fast path's output is identical to ftfy's.

With ``--ftfy-tests DIR`` (or ``NEWSCLEAN_FTFY_TESTS``: the ``tests/test-cases`` folder of
a checkout of github.com/rspeer/python-ftfy, Apache-2.0, read from there, never copied),
ftfy's own labelled cases (mojibake from the wild, language names, negative cases that
must stay as they are, synthetic ones): per file, how many of those ftfy expects to pass
``repair_encoding`` gets right, against ftfy.fix_text on the same cases. Right means
ftfy's ``fixed`` (or ``fixed-encoding``) text, once both sides have straight quotes and
single spaces: ``RepairConfig`` keeps curly quotes and normalises whitespace on purpose.
Nothing in newsclean was written reading these cases.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, table, timed

_FALLBACK = ("The city council approved the budget on Monday after a long debate. "
             "Shares of the company rose 3.5% to $12.40 in early trading, analysts said.\n") * 40


def _ascii_texts(root: Path) -> list[str]:
    path = root / "article-extraction-benchmark" / "ground-truth.json"
    if path.exists():
        bodies = [v["articleBody"] for v in json.loads(path.read_text("utf-8")).values()]
        ascii_bodies = [b for b in bodies if b.isascii() and "&" not in b and "\t" not in b]
        if len(ascii_bodies) >= 10:
            return ascii_bodies
    return [_FALLBACK] * 50


_FALLBACK_OTHER = ("Der Stadtrat hat am Montag nach langer Debatte den Haushalt beschlossen. Die Aktie "
                   "stieg um 3,5 % auf 12,40 €. Le conseil municipal a approuvé le budget lundi. "
                   "Городской совет утвердил бюджет в понедельник.\n") * 10


def _rate(fn: Callable[[str], object], texts: list[str], rounds: int) -> float:
    """MB/s of ``fn`` over ``texts``; each timing covers ``rounds`` passes so that it lasts
    well above timer noise (best of five)."""
    def passes() -> None:
        for _ in range(rounds):
            for text in texts:
                fn(text)

    return sum(len(t) for t in texts) / 1e6 * rounds / timed(passes, repeat=5)[1]


def _other_texts(root: Path) -> list[str]:
    """Bodies that ftfy's mojibake test is asked about (letters outside ASCII)."""
    from newsclean.repair import _mojibake_trigger

    path = root / "article-extraction-benchmark" / "ground-truth.json"
    if path.exists():
        bodies = [v["articleBody"] for v in json.loads(path.read_text("utf-8")).values()]
        others = [b for b in bodies if _mojibake_trigger().search(b) is not None]
        if len(others) >= 10:
            return others
    return [_FALLBACK_OTHER] * 50


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--ftfy-tests", default=os.environ.get("NEWSCLEAN_FTFY_TESTS"),
                        help="ftfy's tests/test-cases folder (its labelled JSON cases)")
    args = parser.parse_args(argv)
    import ftfy

    texts = _ascii_texts(data_dir(args.data))
    megabytes = sum(len(t) for t in texts) / 1e6
    assert all(newsclean.repair_encoding(t) == ftfy.fix_text(t) for t in texts), "fast path changed the output"

    ours, theirs = _rate(newsclean.repair_encoding, texts, 200), _rate(ftfy.fix_text, texts, 2)
    rows = [["newsclean.repair_encoding", f"{ours:,.1f}"], ["ftfy.fix_text", f"{theirs:,.1f}"]]
    markdown = "\n\n".join([
        f"### Encoding repair on clean ASCII news text ({len(texts)} texts, {megabytes:.2f} MB)",
        table(["function", "MB/s"], rows),
        f"fast path speed-up over ftfy.fix_text: **{ours / theirs:.0f}x** (identical output on every text)",
    ])
    results: dict[str, object] = {"ratio": ours / theirs}
    markdown += "\n\n" + _other_scripts(data_dir(args.data), results=results)
    markdown += "\n\n" + _web_whitespace(data_dir(args.data), results=results)
    if args.ftfy_tests:
        cases_markdown, results["ftfy_cases"] = ftfy_cases(Path(args.ftfy_tests))
        markdown += "\n\n" + cases_markdown
    print(markdown)
    results["markdown"] = markdown
    return results


@contextlib.contextmanager
def _mojibake_test(test: Callable[[str], bool]) -> Iterator[None]:
    """repair_encoding asking ``test`` for mojibake while the block runs."""
    from newsclean import _badness

    anchored = _badness.badness_search
    _badness.badness_search = lambda: test  # type: ignore[assignment]
    try:
        yield
    finally:
        _badness.badness_search = anchored


def _other_scripts(root: Path, *, results: dict[str, object]) -> str:
    """The same on text outside ASCII, and ftfy's mojibake test alone: is_bad against the
    anchored search (the same answer on every text, or the benchmark stops)."""
    import ftfy
    from ftfy.badness import is_bad

    from newsclean._badness import badness_search

    texts = _other_texts(root)
    megabytes = sum(len(t) for t in texts) / 1e6
    search = badness_search()
    assert all(search(t) == is_bad(t) for t in texts), "the anchored search answered otherwise than is_bad"

    ours, theirs = _rate(newsclean.repair_encoding, texts, 5), _rate(ftfy.fix_text, texts, 2)
    # repair_encoding as it was, asking ftfy's is_bad itself (before _badness.py)
    with _mojibake_test(is_bad):
        before = _rate(newsclean.repair_encoding, texts, 2)
    fast, slow = _rate(search, texts, 20), _rate(is_bad, texts, 2)
    results["other_scripts"] = {"repair_mb_s": ours, "repair_with_is_bad_mb_s": before, "ftfy_mb_s": theirs,
                                "search_mb_s": fast, "is_bad_mb_s": slow}
    rows = [["newsclean.repair_encoding", f"{ours:,.2f}"],
            ["newsclean.repair_encoding asking ftfy's is_bad (before the anchored search)", f"{before:,.2f}"],
            ["ftfy.fix_text", f"{theirs:,.2f}"],
            ["mojibake test: newsclean's anchored search (_badness.py)", f"{fast:,.1f}"],
            ["mojibake test: ftfy.badness.is_bad", f"{slow:,.2f}"]]
    return "\n\n".join([
        f"### Encoding repair on text outside ASCII ({len(texts)} texts, {megabytes:.2f} MB)",
        table(["function", "MB/s"], rows),
        f"repair_encoding {ours / theirs:.1f}x ftfy.fix_text; the mojibake test {fast / slow:.0f}x is_bad "
        "(the same answer on every text)",
    ])


def _web_whitespace(root: Path, *, results: dict[str, object]) -> str:
    """The 181 bodies as the web and other systems write them: CRLF line ends, no-break
    spaces between sentences, "&nbsp;" there, a byte-order mark first. repair_encoding
    (its light path, session 78) against the full path they all took before
    (``repair._repair_slow``: ftfy line by line, then newsclean's steps), whose output it
    must give on every text, and ftfy.fix_text."""
    import ftfy

    from newsclean.repair import DEFAULT_REPAIR, _repair_slow

    bodies = _ascii_texts(root) + _other_texts(root)
    kinds: dict[str, Callable[[str], str]] = {
        "CRLF line ends": lambda t: t.replace("\n", "\r\n"),
        "no-break spaces after sentences": lambda t: t.replace(". ", ".\u00a0"),
        '"&nbsp;" after sentences': lambda t: t.replace(". ", ".&nbsp;"),
        "a byte-order mark first": lambda t: "\ufeff" + t,
    }
    rows, figures = [], {}
    for name, written in kinds.items():
        texts = [written(t) for t in bodies]
        assert all(newsclean.repair_encoding(t) == _repair_slow(t, DEFAULT_REPAIR) for t in texts), \
            f"{name}: the light path's output is not the full path's"
        ours, full = _rate(newsclean.repair_encoding, texts, 5), _rate(lambda t: _repair_slow(t, DEFAULT_REPAIR), texts, 1)
        theirs = _rate(ftfy.fix_text, texts, 1)
        figures[name] = {"repair_mb_s": ours, "full_path_mb_s": full, "ftfy_mb_s": theirs}
        rows.append([name, f"{ours:,.1f}", f"{full:,.2f}", f"{theirs:,.2f}", f"{ours / full:.1f}x"])
    results["web_whitespace"] = figures
    return "\n\n".join([
        f"### Encoding repair on web whitespace ({len(bodies)} bodies of the 181, each written four ways)",
        table(["written with", "repair_encoding MB/s", "the full path (before session 78) MB/s", "ftfy.fix_text MB/s",
               "repair_encoding / full path"], rows),
        "The same output as the full path on every text.",
    ])


def ftfy_cases(folder: Path) -> tuple[str, dict[str, list[int]]]:
    """ftfy's labelled cases that it expects to pass, per file: how many, how many
    repair_encoding gets right (see the module's docstring), how many ftfy.fix_text does;
    and the labels of the cases repair_encoding does not."""
    import ftfy

    def comparable(text: str) -> str:
        return " ".join(ftfy.fixes.uncurl_quotes(text).split())

    counts: dict[str, list[int]] = {}
    missed: list[str] = []
    files = sorted(folder.glob("*.json"))
    if not files:
        raise SystemExit(f"{folder}: no ftfy test cases (*.json) here")
    for path in files:
        for case in json.loads(path.read_text("utf-8")):
            if case.get("expect") != "pass":
                continue  # ftfy's known failures: its own open problems
            ours = newsclean.repair_encoding(case["original"])
            wanted = {comparable(case["fixed"]), comparable(case.get("fixed-encoding", case["fixed"]))}
            row = counts.setdefault(path.stem, [0, 0, 0])
            right = comparable(ours) in wanted
            row[0] += 1
            row[1] += right
            row[2] += ftfy.fix_text(case["original"]) == case["fixed"]
            if not right:
                missed.append(f"{path.stem}: {case.get('label', '?')}")
    rows = [[name, n, ours_right, theirs] for name, (n, ours_right, theirs) in counts.items()]
    total = [sum(r[i] for r in counts.values()) for i in range(3)]
    rows.append(["all", *total])
    markdown = "\n\n".join([
        "### ftfy's own test cases (those it expects to pass)",
        table(["file", "cases", "newsclean.repair_encoding", "ftfy.fix_text"], rows),
        "Not right: " + ("; ".join(missed) if missed else "none"),
    ])
    return markdown, counts


if __name__ == "__main__":
    main()

"""Encoding repair: the fast path against plain ftfy.fix_text on clean ASCII news text.

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
import json
import os
import sys
from collections.abc import Callable
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

    def rate(fn: Callable[[str], str], rounds: int) -> float:
        # Each timing covers ``rounds`` passes so that it lasts well above timer noise.
        def passes() -> None:
            for _ in range(rounds):
                for text in texts:
                    fn(text)

        return megabytes * rounds / timed(passes, repeat=5)[1]

    ours, theirs = rate(newsclean.repair_encoding, 200), rate(ftfy.fix_text, 2)
    rows = [["newsclean.repair_encoding", f"{ours:,.1f}"], ["ftfy.fix_text", f"{theirs:,.1f}"]]
    markdown = "\n\n".join([
        f"### Encoding repair on clean ASCII news text ({len(texts)} texts, {megabytes:.2f} MB)",
        table(["function", "MB/s"], rows),
        f"fast path speed-up over ftfy.fix_text: **{ours / theirs:.0f}x** (identical output on every text)",
    ])
    results: dict[str, object] = {"ratio": ours / theirs}
    if args.ftfy_tests:
        cases_markdown, results["ftfy_cases"] = ftfy_cases(Path(args.ftfy_tests))
        markdown += "\n\n" + cases_markdown
    print(markdown)
    results["markdown"] = markdown
    return results


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

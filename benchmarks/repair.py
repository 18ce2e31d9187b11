"""Encoding repair: the fast path against plain ftfy.fix_text on clean ASCII news text.

Also checks, on every text, that the fast path's output is identical to ftfy's.
"""

from __future__ import annotations

import argparse
import json
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
    print(markdown)
    return {"ratio": ours / theirs, "markdown": markdown}


if __name__ == "__main__":
    main()

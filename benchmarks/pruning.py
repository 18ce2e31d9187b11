"""trafilatura's pruning expressions answered by newsclean against their own answers, page by page.

``boilerplate/pruning.py`` answers seven of trafilatura 2.3's XPath expressions (the
overall discard, comment-section, appended-article and body expressions, whose EXSLT
regular expressions lxml runs with a Python call per element) in one pass over the
elements, where newsclean's HTML stage calls trafilatura. This prints, for each page set
it finds:

1. each expression on every page's tree as parsed: pages answered differently (the
   module's claim is none), elements found, ms a page for the expression and for
   newsclean's answer;
2. trafilatura's ``bare_extraction`` in the three settings newsclean asks for (precision,
   default, recall), with and without the answers (both on each page, which first in turn;
   each one's total): pages whose text or comments differ (none claimed), ms a page each.

Page sets: those of ``html_limits.py`` (the 181 benchmark pages of ``--data``, WCXB's dev
and test splits, trafilatura's evaluation suite, L3S-GN1; ``--limit N`` reads the first N
pages of each set).

    python benchmarks/pruning.py [--data DIR] [--wcxb DIR] [--suite DIR] [--l3s DIR] [--limit N]
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import table
from html_limits import page_set_arguments, page_sets
from newsclean.boilerplate.pruning import EXPRESSIONS, python_pruning
from newsclean.decode import decode_bytes

SETTINGS: dict[str, dict[str, Any]] = {
    "precision": {"favor_precision": True},
    "default": {},
    "recall": {"favor_recall": True, "fast": True},
}
OPTIONS = {"include_comments": False, "with_metadata": False, "include_tables": True, "deduplicate": False}


def _expressions() -> list[tuple[str, Any]]:
    import trafilatura.xpaths

    with python_pruning():  # installs the answers
        pass
    return [(f"{name}[{index}]", getattr(trafilatura.xpaths, name)[index]) for name, index, _, _ in EXPRESSIONS]


def expression_rows(name: str, trees: list[Any]) -> list[list[object]]:
    rows = []
    for label, expression in _expressions():
        if not hasattr(expression, "answer"):
            rows.append([name, label, "not answered (another shape)", "", "", ""])
            continue
        theirs = ours = 0.0
        differ = found = 0
        for tree in trees:
            start = time.perf_counter()
            expected = expression.expression(tree)
            middle = time.perf_counter()
            answer = expression.answer(tree)
            ours += time.perf_counter() - middle
            theirs += middle - start
            differ += answer != expected
            found += len(expected)
        scale = 1e3 / max(1, len(trees))
        rows.append([name, label, f"{differ:,}", f"{found:,}", f"{theirs * scale:.2f}", f"{ours * scale:.2f}"])
    return rows


def extraction_rows(name: str, pages: list[str]) -> tuple[list[list[object]], list[str]]:
    import trafilatura
    from trafilatura.utils import load_html

    rows, different = [], []
    for setting, options in SETTINGS.items():
        if pages:  # the setting's first-call costs (jusText's word lists) timed for neither
            trafilatura.bare_extraction(load_html(pages[0]), **options, **OPTIONS)
        spent = {"xpath": 0.0, "newsclean": 0.0}
        differ = 0
        for number, markup in enumerate(pages):
            texts = {}
            runs = [("xpath", contextlib.nullcontext), ("newsclean", python_pruning)]
            # Each page by both, the first in turn: neither gains from the other's warm caches.
            for who, context in runs if number % 2 else runs[::-1]:
                # Each run gets its own parse: trafilatura's raw-tree prune changes the tree.
                page = load_html(markup)
                start = time.perf_counter()
                with context():
                    result = trafilatura.bare_extraction(page, **options, **OPTIONS)
                spent[who] += time.perf_counter() - start
                texts[who] = (getattr(result, "text", None), getattr(result, "comments", None))
            if texts["xpath"] != texts["newsclean"]:
                differ += 1
                different.append(f"{name} #{number} ({setting})")
        scale = 1e3 / max(1, len(pages))
        rows.append([name, setting, f"{len(pages):,}", f"{differ:,}", f"{spent['xpath'] * scale:.1f}",
                     f"{spent['newsclean'] * scale:.1f}",
                     f"{spent['xpath'] / spent['newsclean']:.2f}x" if spent["newsclean"] else "-"])
    return rows, different


def main(argv: list[str] | None = None) -> dict[str, object]:
    from trafilatura.utils import load_html

    expressions: list[list[object]] = []
    extractions: list[list[object]] = []
    different: list[str] = []
    for name, raw_pages in page_sets(page_set_arguments(__doc__, argv)):
        parsed = [(page, load_html(page)) for page in (decode_bytes(raw)[0] for raw in raw_pages)]
        parsed = [(page, tree) for page, tree in parsed if tree is not None]
        expressions += expression_rows(name, [tree for _, tree in parsed])
        rows, differ = extraction_rows(name, [page for page, _ in parsed])
        extractions += rows
        different += differ
    markdown = "\n\n".join([
        "### trafilatura's pruning expressions: newsclean's answers against lxml's, on each page's tree",
        table(["pages", "expression", "answered differently", "elements found", "lxml, ms a page",
               "newsclean, ms a page"], expressions),
        "### trafilatura's bare_extraction with and without newsclean's answers",
        table(["pages", "setting", "n", "text or comments differ", "as shipped, ms a page",
               "with newsclean's answers, ms a page", "faster"], extractions),
        *(["Differ:\n\n" + "\n".join(f"- {line}" for line in different)] if different else []),
    ])
    print(markdown)
    return {"markdown": markdown, "expressions": expressions, "extractions": extractions, "different": different}


if __name__ == "__main__":
    main()

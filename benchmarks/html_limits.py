"""The HTML path's limit on a tag's attributes: what it costs without it, and that no real page meets it.

libxml2's HTML parser checks each attribute of a tag against those before it, so a tag's
parse costs the square of its attributes; ``html.without_attribute_floods`` leaves a tag
of more than ``MAX_ATTRIBUTES`` its name alone. This prints:

- lxml's parse time of a page with one ``<p>`` of 12,500, 25,000 and 50,000 attributes, and
  newsclean's HTML stage on the same pages (best of three);
- for each page set it finds, how many pages, how many tags of 2,000 characters or more
  (the ones the limit counts), the most attributes any of those holds, and the tags past
  the limit (the pages the limit changes), and the limit's scan time a page: the 181 benchmark pages of ``--data``, WCXB's dev
  and test splits (``--wcxb`` or ``$NEWSCLEAN_WCXB``), trafilatura's evaluation suite
  (``--suite`` or ``$NEWSCLEAN_TRAFILATURA_EVAL``), L3S-GN1 (``--l3s`` or ``$NEWSCLEAN_L3S``);
- for the same page sets, libxml2's other limit: it drops whatever follows the first
  ``</html>``, so ``html.without_early_document_ends`` drops the ``</html>`` and ``</body>``
  tags of a page that goes on after it. How many pages it changes, and of those how many
  give another text (the HTML stage's lines with it and without it), and its scan time a
  page. Their F1 is in ``l3s.py`` and ``wcxb.py``.

    python benchmarks/html_limits.py [--data DIR] [--wcxb DIR] [--suite DIR] [--l3s DIR]
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, table
from newsclean.boilerplate.html import (
    _LONG_TAG,
    _TAG_ATTRIBUTE,
    MAX_ATTRIBUTES,
    _extract,
    extract_html,
    without_attribute_floods,
    without_early_document_ends,
    xml_compatible,
)
from newsclean.decode import decode_bytes


def _best(run: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def flood_rows() -> list[list[object]]:
    from lxml import html as lxml_html

    rows: list[list[object]] = []
    for count in (12_500, 25_000, 50_000):
        page = ("<html><body><p " + " ".join(f"a{i}" for i in range(count))
                + ">The council met on Monday and approved the budget.</p></body></html>")
        parse = _best(lambda page=page: lxml_html.document_fromstring(page))
        stage = _best(lambda page=page: newsclean.strip_boilerplate(page, kind="html"))
        rows.append([f"{count:,}", f"{parse:.2f}", f"{stage:.2f}"])
    return rows


def page_set_row(name: str, pages: list[bytes]) -> list[object]:
    long_tags = most = past = changed = 0
    markups = [decode_bytes(raw)[0] for raw in pages]
    # what the limit adds to every page's extraction: its scan (best of three over the set)
    scan = _best(lambda: [without_attribute_floods(markup) for markup in markups])
    for markup in markups:
        flooded = False
        for tag in _LONG_TAG.finditer(markup):
            long_tags += 1
            attributes = sum(1 for _ in _TAG_ATTRIBUTE.finditer(tag.group(2)))
            most = max(most, attributes)
            if attributes > MAX_ATTRIBUTES:
                past += 1
                flooded = True
        changed += flooded
    per_page = scan / len(pages) * 1e3 if pages else 0.0
    return [name, f"{len(pages):,}", f"{long_tags:,}", f"{most:,}", f"{past:,}", f"{changed:,}", f"{per_page:.2f}"]


def document_end_row(name: str, pages: list[bytes]) -> list[object]:
    """The pages of a set whose </html> and </body> tags are dropped, and those whose
    text that changes (the extraction without the drop is _extract on the markup as
    extract_html prepares it otherwise)."""
    markups = [without_attribute_floods(xml_compatible(decode_bytes(raw)[0]))[0] for raw in pages]
    scan = _best(lambda: [without_early_document_ends(markup) for markup in markups])
    dropped = [markup for markup in markups if without_early_document_ends(markup)[1]]
    other_text = sum(extract_html(markup).lines != _extract(markup, favor_precision=True, comments=False, url=None,
                                                             readings=False).lines for markup in dropped)
    per_page = scan / len(pages) * 1e3 if pages else 0.0
    return [name, f"{len(pages):,}", f"{len(dropped):,}", f"{other_text:,}", f"{per_page:.3f}"]


def page_sets(args: argparse.Namespace) -> list[tuple[str, list[bytes]]]:
    sets: list[tuple[str, list[bytes]]] = []
    folder = data_dir(args.data) / "article-extraction-benchmark" / "html"
    if folder.is_dir():
        sets.append(("the 181 benchmark pages", [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]))
    wcxb_root = args.wcxb or os.environ.get("NEWSCLEAN_WCXB")
    if wcxb_root:
        import wcxb

        for split in ("dev", "test"):
            pages = wcxb.load_split(Path(wcxb_root), split, None)
            sets.append((f"WCXB {split}" + (" (pages not in dev)" if split == "test" else ""),
                         [p["html"] for p in pages.values()]))
    suite = args.suite or os.environ.get("NEWSCLEAN_TRAFILATURA_EVAL")
    if suite:
        import realpages

        sets.append(("trafilatura's suite", [p["html"] for p in realpages.load_suite(Path(suite)).values()]))
    l3s_root = args.l3s or os.environ.get("NEWSCLEAN_L3S")
    if l3s_root:
        import l3s

        pages = l3s.load_pages(Path(l3s_root), "all", frozenset({1, 2, 3}))
        sets.append(("L3S-GN1", [p["html"] for p in pages.values()]))
    limit = getattr(args, "limit", None)
    return [(name, pages[:limit]) for name, pages in sets]


def page_set_arguments(description: str | None, argv: list[str] | None) -> argparse.Namespace:
    """The command line of a benchmark over page_sets: where each page set is."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", default=None)
    parser.add_argument("--wcxb", default=None)
    parser.add_argument("--suite", default=None)
    parser.add_argument("--l3s", default=None)
    parser.add_argument("--limit", type=int, default=None, help="read the first N pages of each set")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, object]:
    args = page_set_arguments(__doc__, argv)
    floods = flood_rows()
    found = page_sets(args)
    sets = [page_set_row(name, pages) for name, pages in found]
    ends = [document_end_row(name, pages) for name, pages in found]
    markdown = "\n\n".join([
        "### One tag of many attributes (best of 3)",
        table(["attributes", "lxml parse, s", f"newsclean HTML stage (limit {MAX_ATTRIBUTES:,}), s"], floods),
        "### Real pages: the tags the limit counts (2,000 characters or more)",
        table(["pages", "n", "long tags", "most attributes in one", f"tags past {MAX_ATTRIBUTES:,}",
               "pages changed", "scan, ms a page"], sets),
        "### Real pages that go on after their first </html> (libxml2 drops the rest): their </html> and </body> "
        "tags dropped",
        table(["pages", "n", "tags dropped", "of those, another text", "scan, ms a page"], ends),
    ])
    print(markdown)
    return {"markdown": markdown, "floods": floods, "page_sets": sets, "document_ends": ends}


if __name__ == "__main__":
    main()

"""newsclean's author-element search against trafilatura's, page by page.

``boilerplate/author_search.author_elements`` answers what trafilatura 2.3's
``metadata.extract_author`` answers (the byline of a page's author elements: class, id,
itemprop names), in one pass over the elements instead of a copied and pruned tree and
three XPaths of regular expressions. This prints, for each page set it finds: pages, how
many the quick check (``could_find``: none of the words the search reads) turns away, how
many have an author there by trafilatura's search, how many pages the two answer
differently (the module's claim is none), and each one's time a page (the two in turn on
each page, each one's total; newsclean's with its check, which is also timed alone).

Page sets: the 181 benchmark pages of ``--data``, WCXB's dev and test splits (``--wcxb``
or ``$NEWSCLEAN_WCXB``), trafilatura's evaluation suite (``--suite`` or
``$NEWSCLEAN_TRAFILATURA_EVAL``), L3S-GN1 (``--l3s`` or ``$NEWSCLEAN_L3S``): the sets of
``html_limits.py``.

    python benchmarks/author_search.py [--data DIR] [--wcxb DIR] [--suite DIR] [--l3s DIR]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import table
from html_limits import page_set_arguments, page_sets
from newsclean.boilerplate.author_search import author_elements, could_find
from newsclean.decode import decode_bytes


def page_set_row(name: str, pages: list[bytes]) -> tuple[list[object], list[str]]:
    """The table's row for one page set, and the pages (by number) answered differently."""
    from trafilatura.metadata import extract_author
    from trafilatura.utils import load_html

    theirs = ours = check = 0.0
    read = with_author = turned_away = 0
    different: list[str] = []
    for number, raw in enumerate(pages):
        tree = load_html(decode_bytes(raw)[0])
        if tree is None:
            continue
        read += 1
        start = time.perf_counter()
        expected = extract_author(tree)
        middle = time.perf_counter()
        found = author_elements(tree)
        end = time.perf_counter()
        possible = could_find(tree)
        check += time.perf_counter() - end
        theirs += middle - start
        ours += end - middle
        with_author += expected is not None
        turned_away += not possible
        if found != expected:
            different.append(f"{name} #{number}: trafilatura {expected!r}, newsclean {found!r}")
    scale = 1e3 / max(1, read)
    return ([name, f"{read:,}", f"{turned_away:,}", f"{with_author:,}", f"{len(different):,}",
             f"{theirs * scale:.2f}", f"{ours * scale:.2f}", f"{check * scale:.2f}",
             f"{theirs / ours:.1f}x" if ours else "-"], different)


def main(argv: list[str] | None = None) -> dict[str, object]:
    rows, different = [], []
    for name, pages in page_sets(page_set_arguments(__doc__, argv)):
        row, differ = page_set_row(name, pages)
        rows.append(row)
        different += differ
    markdown = "\n\n".join([
        "### Author-element search: newsclean's one pass against trafilatura's extract_author",
        table(["pages", "n", "turned away by the check", "with an author there", "answered differently",
               "trafilatura, ms a page", "newsclean, ms a page", "its check alone, ms a page", "faster"], rows),
        *(["Answered differently:\n\n" + "\n".join(f"- {line}" for line in different)] if different else []),
    ])
    print(markdown)
    return {"markdown": markdown, "rows": rows, "different": different}


if __name__ == "__main__":
    main()

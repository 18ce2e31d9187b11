"""What each pass newsclean makes over a page's tree before trafilatura reads it changes.

trafilatura's precision setting, which newsclean asks for pages that call themselves
articles, deletes some article text for reasons of markup alone; `boilerplate/html.py`
undoes three of them before trafilatura reads the page (design.md, *HTML*):

- ``empty inline elements``: an empty ``<span>``/``<i>`` inside a paragraph, list item or
  heading whose words follow it (``without_empty_elements``; precision pages only);
- ``named anchors``: a heading's ``<a>`` with no href counts as a link to its own section
  (``without_heading_anchors`` through ``_in_page``; before, only ``href="#..."`` did);
- ``linked item headings``: a heading made of one link over a paragraph of 25+ words
  loses the link (``without_item_heading_links``).

For each pass and page set, every page is extracted with all passes and with that pass
switched off (the benchmark swaps the module's function for the run; nothing in the
library can switch a pass off): pages whose text changes, how many of them gain or lose
F1 (4-grams, extraction_metric), and the F1 summed over the changed pages. Page sets: the
181 development pages (``--data``), WCXB's splits (``--wcxb DIR --split dev|test``;
the passes were read on its dev split) and L3S-GN1 (``--l3s DIR``).

``--lost`` counts, on WCXB's article pages (og:type "article"), the annotated lines that
trafilatura's default setting keeps and its precision setting does not (with the passes
applied), and of those that are headings how many hold a link: the count that pointed at
the item-heading pass.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import deepcopy
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, require, table
from extraction_metric import page_scores
from newsclean.boilerplate import html as html_module
from newsclean.decode import decode_bytes


def _fragment_only(href: str | None) -> bool:
    """The heading-anchor test before named anchors counted: a fragment link only."""
    return (href or "").strip().startswith("#")


# pass name -> (the module attribute swapped, what stands in for it while it is off)
PASSES: dict[str, tuple[str, Callable[..., Any]]] = {
    "empty inline elements": ("without_empty_elements", lambda tree: 0),
    "named anchors": ("_in_page", _fragment_only),
    "linked item headings": ("without_item_heading_links", lambda tree: 0),
}


@contextmanager
def switched_off(name: str) -> Iterator[None]:
    attribute, stand_in = PASSES[name]
    kept = getattr(html_module, attribute)
    setattr(html_module, attribute, stand_in)
    try:
        yield
    finally:
        setattr(html_module, attribute, kept)


def _f1(predicted: str, truth: str) -> float:
    tp, fp, fn = page_scores(predicted, truth)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pass_rows(pages: dict[str, tuple[str, str]]) -> list[list[object]]:
    """Per pass: pages changed, up, down, F1 summed over the changed pages (on - off)."""
    stage = newsclean.StripBoilerplate(kind="html")

    def extract(markup: str) -> str:
        return stage(newsclean.Document(id="", text=markup)).text

    with_all = {key: extract(markup) for key, (markup, _truth) in pages.items()}
    rows: list[list[object]] = []
    for name in PASSES:
        changed = up = down = 0
        gain = 0.0
        with switched_off(name):
            for key, (markup, truth) in pages.items():
                without = extract(markup)
                if without == with_all[key]:
                    continue
                delta = _f1(with_all[key], truth) - _f1(without, truth)
                changed, up, down, gain = changed + 1, up + (delta > 0), down + (delta < 0), gain + delta
        rows.append([name, changed, up, down, f"{gain:+.3f}", f"{gain / len(pages):+.5f}"])
    return rows


def lost_lines(pages: dict[str, tuple[str, str]]) -> dict[str, int]:
    """Annotated lines of article pages that only trafilatura's default setting keeps."""
    import trafilatura
    from trafilatura.utils import load_html

    options = {"include_comments": False, "include_tables": True, "with_metadata": False, "deduplicate": False}
    counts = {"article pages": 0, "lines": 0, "headings": 0, "headings holding a link": 0}
    for markup, truth in pages.values():
        tree = load_html(markup)
        if tree is None or [t.strip().lower() for t in tree.xpath('//meta[@property="og:type"]/@content')][:1] \
                != ["article"]:
            continue
        html_module.without_heading_anchors(tree)
        html_module.without_item_heading_links(tree)
        html_module.without_empty_elements(tree)
        precise = trafilatura.bare_extraction(deepcopy(tree), favor_precision=True, **options)
        default = trafilatura.bare_extraction(deepcopy(tree), **options)
        if not precise or not default:
            continue
        counts["article pages"] += 1
        kept = {" ".join(line.split()).lower() for line in (precise.text or "").split("\n")}
        annotated = " ".join(truth.split()).lower()
        headings = {" ".join(h.text_content().split()).lower(): h for h in tree.iter(*html_module._HEADINGS)}
        for line in (default.text or "").split("\n"):
            spaced = " ".join(line.lstrip("-| ").split()).lower()
            if len(spaced) < 3 or spaced in kept or spaced[:60] not in annotated:
                continue
            counts["lines"] += 1
            heading = headings.get(spaced)
            if heading is not None:
                counts["headings"] += 1
                counts["headings holding a link"] += any(True for _ in heading.iter("a"))
    return counts


def _wcxb_pages(root: Path, split: str) -> dict[str, tuple[str, str]]:
    import wcxb

    return {k: (decode_bytes(p["html"])[0], p["main_content"]) for k, p in wcxb.load_split(root, split, None).items()}


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None)
    parser.add_argument("--wcxb", default=None, help="WCXB clone (or $NEWSCLEAN_WCXB)")
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--l3s", default=None, help="L3S-GN1 folder with annotated/ and original/ (or $NEWSCLEAN_L3S)")
    parser.add_argument("--lost", action="store_true", help="count the annotated lines only the default setting keeps "
                                                             "on WCXB's article pages (two extractions a page)")
    args = parser.parse_args(argv)
    sets: dict[str, dict[str, tuple[str, str]]] = {}
    folder = data_dir(args.data) / "article-extraction-benchmark"
    if require(folder / "ground-truth.json", "the 181 benchmark pages"):
        truth = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
        sets["the 181 development pages"] = {
            k: (gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8"), t)
            for k, t in truth.items()}
    wcxb_root = args.wcxb or os.environ.get("NEWSCLEAN_WCXB")
    if wcxb_root:
        sets[f"WCXB {args.split}"] = _wcxb_pages(Path(wcxb_root), args.split)
    l3s_root = args.l3s or os.environ.get("NEWSCLEAN_L3S")
    if l3s_root:
        import l3s

        sets["L3S-GN1"] = {k: (decode_bytes(p["html"])[0], p["truth"])
                           for k, p in l3s.load_pages(Path(l3s_root), "all", frozenset({1, 2, 3})).items()}
    results: dict[str, object] = {}
    sections = []
    for name, pages in sets.items():
        rows = pass_rows(pages)
        results[name] = rows
        sections += [f"### {name} ({len(pages)} pages): each pass switched off against all on",
                     table(["pass", "pages changed", "up", "down", "F1 summed", "F1 mean"], rows)]
    if args.lost and wcxb_root:
        counts = lost_lines(sets[f"WCXB {args.split}"])
        results["lost"] = counts
        sections += [f"### WCXB {args.split}, article pages: annotated lines only trafilatura's default setting keeps",
                     table(list(counts), [list(counts.values())])]
    results["markdown"] = "\n\n".join(sections)
    print(results["markdown"])
    return results


if __name__ == "__main__":
    main()

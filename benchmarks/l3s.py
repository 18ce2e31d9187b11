"""News pages of 2008 newsclean was not written on: L3S-GN1, 621 pages from 408 sites, with peers.

L3S-GN1 (Kohlschütter, Fankhauser, Nejdl, "Boilerplate Detection using Shallow Text
Features", WSDM 2010; licensed by L3S for research use) holds 621 news articles sampled
from six English Google News portals in 2008, each page with a copy whose text blocks seven
assessors labelled headline, full text, supplemental (captions and the like), related
content, comments or not content. It is read from where you put it (``--l3s DIR``, the
folder holding ``annotated/`` and ``original/``, or $NEWSCLEAN_L3S), never copied here;
one public copy of the per-page conversion is in github.com/geodrome/page-signal
(``L3S-GN1-20100130203947-00001/``).

Two readings of a page's reference text are scored in one run. The first (``--labels``,
default ``2``) is its blocks labelled full text: the reading that reproduces issue #14's
figures for the peers on this set (readability-lxml 0.929, trafilatura 0.899 on HTML, the
C4-style filter 0.877 on dumps; session 72's run: 0.9279, 0.8979, 0.8779). The second
(``--also-labels``, default ``1,2,3``) adds the blocks labelled headline and supplemental
(captions, datelines, credits), the main content as the Web Content Extraction Benchmark
reads this set (Bevendorff et al., "An Empirical Comparison of Web Content Extraction
Algorithms", SIGIR 2023), and the reading of this script's figures before session 72.
newsclean returns the headline as the document's title, not in its text, and removes
datelines and bylines as the 181 development pages' reference does, so the second reading
costs it those lines.

Pages are split in two halves by a stable hash of their site (``--half dev|test|all``):
a rule may be written reading the ``dev`` half's failures, the ``test`` half is only ever
reported, so that what a rule fits shows as a gap between the two.

Measures, per extractor on the same pages (titles: the page's title against its first
block labelled headline, newsclean given the page's URL from url-mapping.txt as a record's
url field gives it, and without); F1 of token 4-grams as the shared 181-page
benchmark scores it (extraction_metric.py) and the word-bag precision / recall / F1 per
page, averaged (wcxb.py); HTML and the pages' whole-page plain dumps (html-text, as the
181 dumps were made: newsclean's line classifier against the C4-style filter).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import comparable_title, require, table
from extraction_metric import evaluate
from realpages import page_set_sections
from wcxb import word_scores

ENV = "NEWSCLEAN_L3S"
_LABEL = re.compile(r"\bx-nc-sel(\d)\b")
# Elements whose text starts a new line in the reference (the rest run on, as inline text does).
_BLOCKS = frozenset([
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul"])


def reference_text(annotated: bytes, labels: frozenset[int]) -> str:
    """The text of the blocks whose innermost label is one of ``labels``."""
    from lxml import html as lxml_html

    from newsclean.decode import decode_bytes

    root = lxml_html.fromstring(decode_bytes(annotated)[0])
    pieces: list[str] = []

    def walk(element: Any, label: int | None) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "head", "title"):
            return
        found = _LABEL.search(element.get("class") or "") if tag else None
        inner = int(found.group(1)) if found else label
        if tag in _BLOCKS:
            pieces.append("\n")
        if element.text and inner in labels:
            pieces.append(element.text)
        for child in element:
            walk(child, inner)
            # A child's tail belongs to this element's label.
            if child.tail and inner in labels:
                pieces.append(child.tail)
        if tag in _BLOCKS:
            pieces.append("\n")

    walk(root, None)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def site_half(url: str) -> str:
    """``dev`` or ``test``: a stable half of the sites (SHA-1 of the host, ``www.`` aside)."""
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    return "dev" if hashlib.sha1(host.encode()).digest()[0] % 2 == 0 else "test"


def load_pages(root: Path, half: str, labels: frozenset[int]) -> dict[str, dict[str, Any]]:
    """page id -> its original bytes ("html"), reference text ("truth") and url."""
    urls: dict[str, str] = {}
    mapping = root / "url-mapping.txt"
    if half != "all" and not mapping.is_file():
        # Without the URLs the halves would be split by file name: sites on both sides, and
        # a "dev" page's failures read with its site's pages in the held-out half.
        raise SystemExit(f"{mapping} not found: the halves are split by site, which needs each page's URL "
                         "(--half all runs without it)")
    if mapping.is_file():
        for line in mapping.read_text("utf-8", errors="replace").splitlines():
            key, _, url = line.partition("\t")
            urls[key.strip().removeprefix("<urn:uuid:").removesuffix(">")] = url.strip()
    pages = {}
    for path in sorted((root / "annotated").glob("*.html")):
        original = root / "original" / path.name
        url = urls.get(path.stem, path.stem)
        if not original.is_file() or (half != "all" and site_half(url) != half):
            continue
        truth = reference_text(path.read_bytes(), labels)
        if truth:
            pages[path.stem] = {"html": original.read_bytes(), "truth": truth, "url": url}
    return pages


def title_rows(root: Path, half: str, *, no_peers: bool = False) -> list[list[object]]:
    """Titles equal to the page's first block labelled headline: newsclean given the page's
    URL (as a record's url field gives it), newsclean without it, trafilatura's reader."""
    import trafilatura

    from newsclean.decode import decode_bytes

    heads = load_pages(root, half, frozenset({1}))
    right = Counter()
    for key, page in heads.items():
        gold = comparable_title(page["truth"].split("\n")[0])
        markup = decode_bytes(page["html"])[0]
        stage = newsclean.StripBoilerplate(kind="html")
        right["newsclean, given the page's URL"] += comparable_title(
            stage(newsclean.Document(id=key, text=markup, meta={"url": page["url"]})).title) == gold
        right["newsclean, no URL"] += comparable_title(stage(newsclean.Document(id=key, text=markup)).title) == gold
        if not no_peers:
            found = trafilatura.extract_metadata(markup)
            right["trafilatura.extract_metadata"] += comparable_title(found.title if found else "") == gold
    return [[name, count, len(heads)] for name, count in right.items()]


def row(name: str, outputs: dict[str, str], pages: dict[str, dict[str, Any]], rate: float) -> list[object]:
    shingle = evaluate(outputs, {k: p["truth"] for k, p in pages.items()})
    words = [word_scores(outputs[k], p["truth"]) for k, p in pages.items()]

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    return [name, round(shingle["precision"], 4), round(shingle["recall"], 4), round(shingle["f1"], 4),
            mean([w[2] for w in words]), f"{rate:,.1f}"]


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--l3s", default=None, help=f"the folder with annotated/ and original/ (or ${ENV})")
    parser.add_argument("--half", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--labels", default="2", help="labels of the reference: 1 headline, 2 full text, "
                                                       "3 supplemental (default 2, the issue's reading)")
    parser.add_argument("--also-labels", default="1,2,3",
                        help="a second reading, scored as a column of its own (default 1,2,3, WCXB's "
                             "reading; '' for none)")
    parser.add_argument("--no-peers", action="store_true", help="newsclean only")
    parser.add_argument("--save-outputs", type=Path, default=None,
                        help="write newsclean's text of each page (per part) to this JSON file")
    parser.add_argument("--against", type=Path, default=None,
                        help="a --save-outputs file of another build: count the pages each part "
                             "scores better and worse on than there")
    parser.add_argument("--parts", default="html,plain,flat,titles",
                        help="html, plain, flat (the plain dumps on one line), titles (comma-separated)")
    parser.add_argument("--data", default=None, help="unused (run.py passes it to every benchmark)")
    args = parser.parse_args(argv)
    value = args.l3s or os.environ.get(ENV)
    root = Path(value) if value else None
    if root is None or not require(root / "annotated", "L3S-GN1 (--l3s DIR)"):
        return {}
    labels = frozenset(int(x) for x in args.labels.split(","))
    pages = load_pages(root, args.half, labels)
    html = {k: p["html"] for k, p in pages.items()}
    results: dict[str, object] = {"half": args.half, "labels": args.labels, "pages": len(pages)}
    parts = set(args.parts.split(","))
    headers = ["extractor", "P (4-grams)", "R", "F1", "word F1", "pages/s"]
    second: dict[str, str] = {}
    if args.also_labels:
        also = frozenset(int(x) for x in args.also_labels.split(","))
        second = {k: p["truth"] for k, p in load_pages(root, args.half, also).items() if k in pages}
        headers.append(f"F1, labels {args.also_labels}")
        results["also_labels"] = args.also_labels

    def scored_row(name: str, outputs: dict[str, str], rate: float) -> list[object]:
        cells = row(name, outputs, pages, rate)
        if second:
            cells.append(round(evaluate(outputs, second)["f1"], 4))
        return cells

    title = f"L3S-GN1, {args.half} ({len(pages)} pages, labels {args.labels})"
    scored, sections = page_set_sections(html, scored_row,
                                         headers, title, parts=parts, no_peers=args.no_peers,
        truth={k: p["truth"] for k, p in pages.items()}, save_outputs=args.save_outputs, against=args.against)
    results.update(scored)
    if "titles" in parts:
        rows = title_rows(root, args.half, no_peers=args.no_peers)
        results["titles"] = rows
        sections += [f"### {title}, titles equal to the annotated headline (case and punctuation aside)",
                     table(["reader", "titles right", "pages"], rows)]
    results["markdown"] = "\n\n".join(sections)
    print(results["markdown"])
    return results


if __name__ == "__main__":
    main()

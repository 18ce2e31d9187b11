"""Where the plain-text classifier spends its time: microseconds per dump, phase by phase;
and the parts of the HTML path beside trafilatura's extraction, milliseconds per page.

Not part of `make bench` (it measures newsclean's own parts, not peers); run it before and
after a change to the classifier:

    python benchmarks/boilerplate_phases.py [--data PATH]

Each phase is timed alone on inputs prepared by the phases before it, best of
``--repeat`` passes over all dumps; the phases add up to a little less than the whole
(the rest is Document building and the final assembly). The HTML parts are timed on the
181 benchmark pages, best of ``--html-repeat`` passes (``--html-repeat 0`` leaves them out).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, require, table, timed
from newsclean.boilerplate import _classifier, _nonblank
from newsclean.boilerplate import text as pure_classifier
from newsclean.boilerplate.config import DEFAULT_TEXT_CONFIG
from newsclean.boilerplate.page_kind import read_whole

# The phases of the build that strip_boilerplate runs (compiled when installed).
classifier = _classifier._module if _classifier.BUILD == "compiled" else pure_classifier
CONFIG = DEFAULT_TEXT_CONFIG


def _with_pruning_answers(tree: object) -> object:
    from trafilatura import bare_extraction

    from newsclean.boilerplate.pruning import python_pruning

    with python_pruning():
        return bare_extraction(tree, favor_precision=True, with_metadata=False)

def _per_page(fn: Callable[[], object], pages: int, repeat: int) -> float:
    return timed(fn, repeat=repeat)[1] / pages * 1e6


def page_folder(folder: Path) -> list[str]:
    """The pages of a folder of .html or .html.gz files (WCXB's ``test/html``, L3S-GN1's
    ``original``), decoded as the benchmarks decode them."""
    from newsclean.decode import decode_bytes

    paths = sorted([*folder.glob("*.html"), *folder.glob("*.html.gz"), *folder.glob("*.htm")])
    return [decode_bytes(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes())[0]
            for path in paths]


def html_parts(folder: Path, repeat: int, pages: list[str] | None = None) -> dict[str, float]:
    """Milliseconds per page of the HTML path's parts beside trafilatura's extraction, on
    the 181 benchmark pages in ``folder`` or on ``pages`` (held-out pages, page_folder)."""
    from readability import Document as Readability
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    from newsclean.boilerplate.html import _head_metadata, _readability_reader
    from newsclean.boilerplate.pagemeta import page_metadata

    if pages is None:
        keys = json.loads((folder / "ground-truth.json").read_text())
        pages = [gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8") for key in keys]
    reader = _readability_reader()

    def per_page(fn: Callable[[str], object]) -> float:
        return timed(lambda: [fn(page) for page in pages], repeat=repeat)[1] / len(pages) * 1000

    return {
        "trafilatura's parse (load_html)": per_page(load_html),
        "trafilatura's extraction, precision setting, parse included":
            per_page(lambda page: bare_extraction(load_html(page), favor_precision=True, with_metadata=False)),
        # as newsclean calls it: the costliest pruning expressions answered by boilerplate/pruning.py
        "  the same, newsclean's pruning answers (as the stage calls it)":
            per_page(lambda page: _with_pruning_answers(load_html(page))),
        "metadata (page_metadata), parse included": per_page(
            lambda page: page_metadata(load_html(page), fallback=_head_metadata(page))),
        # every page here, though the path asks readability on a fifth of them (the second
        # opinions and the line vote)
        "readability-lxml's Document, every page": per_page(
            lambda page: Readability(page).summary(html_partial=True)),
        "  newsclean's reader (readability's summary: no javascript pass, its arithmetic for less)": per_page(
            lambda page: reader(page).summary(html_partial=True)),
        "strip_boilerplate, whole (kind='html')": per_page(lambda page: newsclean.strip_boilerplate(page, kind="html")),
    }


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--html-repeat", type=int, default=2)
    parser.add_argument("--html-pages", default=None, metavar="DIR",
                        help="time the HTML parts on a folder of .html/.html.gz pages (held-out pages: WCXB's "
                             "test/html, L3S-GN1's original) instead of the 181")
    args = parser.parse_args(argv)
    folder = data_dir(args.data) / "article-extraction-benchmark"
    if not require(folder, "boilerplate phases"):
        return {}
    keys = json.loads((folder / "ground-truth.json").read_text())
    dumps = [(folder / "plain" / f"{key}.txt").read_text("utf-8") for key in keys]
    pages = [_nonblank(dump.split("\n")) for dump in dumps]
    explicit = [classifier._explicit_reasons(lines) for lines in pages]
    # What the keyword search reads (as _explicit_reasons makes it): the lower-cased page
    # and its lines for the interpreter's str.find per key, the page as written for the scan.
    keyed = []
    for lines in pages:
        page = "\n".join(lines)
        low = page.lower()
        keyed.append((page, lines, lines if len(low) == len(page) else [line.lower() for line in lines]))
    # Pages with furniture go through every phase; the others are kept whole after the first.
    scored = [(lines, reasons) for lines, reasons in zip(pages, explicit) if any(reasons)]

    def marks() -> None:
        for lines, reasons in scored:
            marked = list(reasons)
            classifier._mark_repeats(lines, marked)
            classifier._mark_comment_headers(lines, marked)
            classifier._mark_captions_and_links(lines, marked)

    def scores() -> None:
        for lines, reasons in scored:
            classifier._score_lines(lines, reasons, classifier._Page(lines), CONFIG)

    prepared = []
    for lines, reasons in scored:
        page_scores, _ = classifier._score_lines(lines, reasons, classifier._Page(lines), CONFIG)
        prepared.append((lines, reasons, page_scores))

    def runs() -> None:
        for lines, reasons, page_scores in prepared:
            weighed = list(page_scores)
            classifier._weigh_runs(lines, weighed, reasons, CONFIG)
            classifier._silence_comment_threads(lines, weighed, reasons, CONFIG)
            classifier._best_run(weighed)

    verdicts = [(lines, classifier.classify_lines(lines)[0]) for lines, _reasons in scored]

    def listing() -> None:
        for lines, page_verdicts in verdicts:
            classifier._a_listing(lines, page_verdicts)

    # The page-kind gate (boilerplate/page_kind.py) reads every page's verdicts.
    all_verdicts = [classifier.classify_lines(lines)[0] for lines in pages]
    block = newsclean.StripBoilerplate(kind="text", whole_page=False)

    n = len(dumps)
    phases = {
        "split into non-blank lines": _per_page(lambda: [_nonblank(d.split("\n")) for d in dumps], n, args.repeat),
        "explicit reasons (phrases, patterns, keyword search)":
            _per_page(lambda: [classifier._explicit_reasons(lines) for lines in pages], n, args.repeat),
        # The two ways to find the copyright and legal keywords; the build uses the faster
        # one for it (a character scan only pays off compiled).
        "  of which keyword search, one str.find per key":
            _per_page(lambda: [classifier._find_keys(page.lower(), ls) for page, _, ls in keyed], n, args.repeat),
        "  of which keyword search, one character scan":
            _per_page(lambda: [classifier._scan_keys(page, lines) for page, lines, _ in keyed], n, args.repeat),
        "marks (repeats, comment headers, captions)": _per_page(marks, n, args.repeat),
        "scores (incl. page script and language when asked)": _per_page(scores, n, args.repeat),
        "runs (menus, comment threads, best run)": _per_page(runs, n, args.repeat),
        "listing test (prose share, prose the run holds)": _per_page(listing, n, args.repeat),
        "classify_lines, whole": _per_page(lambda: [classifier.classify_lines(lines) for lines in pages],
                                           n, args.repeat),
        "page-kind gate: features of every page, the build in use":
            _per_page(lambda: [classifier.page_features(v) for v in all_verdicts], n, args.repeat),
        "  the same features in the interpreter (text.py)":
            _per_page(lambda: [pure_classifier.page_features(v) for v in all_verdicts], n, args.repeat),
        "page-kind gate as the stage asks it (read_whole: no features where nothing is restorable)":
            _per_page(lambda: [read_whole(v) for v in all_verdicts], n, args.repeat),
        "strip_boilerplate, whole": _per_page(
            lambda: [newsclean.strip_boilerplate(d, kind="text") for d in dumps], n, args.repeat),
        "strip_boilerplate, whole, whole_page=False": _per_page(
            lambda: [block(newsclean.Document(id="", text=d)) for d in dumps], n, args.repeat),
    }
    rows = [[name, f"{us:,.0f}"] for name, us in phases.items()]
    print(f"{n} dumps, {len(scored)} with furniture; {_classifier.BUILD} classifier; best of {args.repeat} passes\n")
    print(table(["phase", "us per dump"], rows))
    whole = phases["strip_boilerplate, whole"]
    print(f"\nstrip_boilerplate: {1e6 / whole:,.0f} dumps/s on one core")
    if args.html_repeat > 0:
        held_out = page_folder(Path(args.html_pages)) if args.html_pages else None
        parts = html_parts(folder, args.html_repeat, held_out)
        where = f"{len(held_out)} pages of {args.html_pages}" if held_out is not None else f"{len(keys)} pages"
        print(f"\nHTML, {where}, best of {args.html_repeat} passes\n")
        print(table(["part", "ms per page"], [[name, f"{ms:,.2f}"] for name, ms in parts.items()]))
        phases.update({f"html: {name}": ms for name, ms in parts.items()})
    return phases


if __name__ == "__main__":
    main()

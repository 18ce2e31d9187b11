"""Publication dates of HTML pages against htmldate's own evaluation pages, held out.

htmldate (github.com/adbar/htmldate, Apache-2.0) ships two annotated sets in its
``tests/`` folder: ``eval_default.json`` (800 pages of many sites and languages) and
``eval_mediacloud_2020.json`` (200 news pages sampled by Media Cloud), each page's file in
``test_set/``, ``cache/`` or ``eval/`` with its publication day. newsclean's rules were not
read on them; htmldate is tuned on them, so its figures flatter it. For each page this
prints whether the day is right for newsclean's HTML stage (the page's URL given, as a
record's ``url`` field gives it: meta tags and JSON-LD, then the date printed under the
headline, then htmldate's fast search) and for htmldate's own ``find_date`` (URL given too,
``original_date=True`` as its evaluation asks), fast and extensive. A page with no date
found counts as wrong.

    python benchmarks/dates.py --htmldate PATH/TO/htmldate/tests [--limit N] [--no-peers]

or set ``$NEWSCLEAN_HTMLDATE_TESTS``. Without it the benchmark says so and skips.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import table
from newsclean.decode import decode_bytes

ENV = "NEWSCLEAN_HTMLDATE_TESTS"
SETS = ("eval_default.json", "eval_mediacloud_2020.json")
FOLDERS = ("test_set", "cache", "eval")


def load_set(folder: Path, name: str) -> list[tuple[str, bytes, str]]:
    """(url, page bytes, annotated day) of one annotated set; pages whose file is absent are left out."""
    annotated = json.loads((folder / name).read_text("utf-8"))
    pages = []
    for url, entry in annotated.items():
        path = next((folder / sub / entry["file"] for sub in FOLDERS if (folder / sub / entry["file"]).is_file()), None)
        if path is not None and entry.get("date"):
            pages.append((url, path.read_bytes(), str(entry["date"])[:10]))
    return pages


def readers(no_peers: bool) -> dict[str, Callable[[str, str], str]]:
    stage = newsclean.StripBoilerplate(kind="html")

    def ours(markup: str, url: str) -> str:
        doc = stage(newsclean.Document(id=url, text=markup, meta={"url": url}))
        return str(doc.meta.get("date") or "")[:10]

    found: dict[str, Callable[[str, str], str]] = {"newsclean (HTML stage, URL given)": ours}
    if not no_peers:
        from htmldate import find_date

        def htmldate(extensive: bool) -> Callable[[str, str], str]:
            def read(markup: str, url: str) -> str:
                try:
                    return str(find_date(markup, url=url, original_date=True, extensive_search=extensive) or "")[:10]
                except Exception:  # a peer's crash on one page counts as a miss
                    return ""
            return read

        found["htmldate fast (URL given)"] = htmldate(False)
        found["htmldate extensive (URL given)"] = htmldate(True)
    return found


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--htmldate", default=None, help=f"htmldate's tests/ folder (or ${ENV})")
    parser.add_argument("--data", default=None, help="unused (run.py passes it to every benchmark)")
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set only (0: all)")
    parser.add_argument("--no-peers", action="store_true", help="newsclean only")
    args = parser.parse_args(argv)
    where = args.htmldate or os.environ.get(ENV)
    if not where or not (Path(where) / SETS[0]).is_file():
        print(f"SKIPPED dates: pass --htmldate DIR (htmldate's tests/ folder) or set {ENV}", file=sys.stderr)
        return {}
    folder = Path(where)
    run = readers(args.no_peers)
    rows = []
    results: dict[str, object] = {}
    for name in SETS:
        pages = load_set(folder, name)
        if args.limit:
            pages = pages[: args.limit]
        right = dict.fromkeys(run, 0)
        spent = dict.fromkeys(run, 0.0)
        for url, raw, day in pages:
            markup = decode_bytes(raw)[0]
            for reader, read in run.items():
                started = time.perf_counter()
                found = read(markup, url)
                spent[reader] += time.perf_counter() - started
                right[reader] += found == day
        for reader in run:
            rows.append([name, reader, f"{right[reader]} of {len(pages)}", f"{right[reader] / max(1, len(pages)):.3f}",
                         f"{1000 * spent[reader] / max(1, len(pages)):.1f}"])
        results[name] = {reader: right[reader] for reader in run} | {"pages": len(pages)}
    markdown = ("### Publication dates held out: htmldate's evaluation pages (htmldate is tuned on them)\n\n"
                + table(["set", "reader", "day right", "share", "ms a page"], rows))
    print(markdown)
    return {"markdown": markdown, **results}


if __name__ == "__main__":
    main()

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

or set ``$NEWSCLEAN_HTMLDATE_TESTS``. Without it that part says so and is skipped.

With ``--suite DIR`` (trafilatura's ``tests/`` folder, or ``$NEWSCLEAN_TRAFILATURA_EVAL``, as
realpages.py reads it): the 728 pages of trafilatura's evaluation suite with an annotated
publication day (many sites and languages, German and English most; held out), read by the
HTML stage, from each page's whole-page plain dump (realpages.dump_of), and by htmldate.

Dates in the languages of the world's news, as a line of a page prints them: for 20 days
(seeded) and CLDR's long, medium and full date formats of each language (the Unicode CLDR
through Babel, which trafilatura installs), whether the date reader of page dumps
(``boilerplate.metadata.find_date``) reads the day. Its month table comes from the same
CLDR names (tools/build_month_names.py), so the languages it holds measure the patterns
and the table's coverage; Romanian, Hungarian and Swedish are not in the table and show
what a language without rules gets; Arabic, Persian and Hindi are read again in their
scripts' digits ("٢٨ ديسمبر ٢٠٢١"). The peer is dateparser (``dateparser.parse``, languages
detected), where it is installed.
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


# The languages of the date reader's CLDR table and its number patterns (vi, zh, ja, ko),
# then three it has no names for (Croatian's October, "listopad", is Polish's and Czech's
# November: tools/build_month_names.py leaves that name out).
CLDR_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "az", "ar", "fa", "hi", "id",
                  "vi", "zh", "ja", "ko", "cs", "sk", "bg", "da", "fi", "hu", "nb", "ro", "sl", "sv", "el", "hr")
NO_RULES = ("ca", "lt", "lv")
CLDR_FORMATS = ("long", "medium", "full")
# Languages whose news also prints its script's digits, and the digit zero of that script.
NATIVE_ZEROS = {"ar": 0x0660, "fa": 0x06F0, "hi": 0x0966}


def cldr_rows(*, no_peers: bool, days: int = 20) -> list[list[object]]:
    """Per language: of ``days`` x 3 CLDR-formatted dates, how many the date reader (and
    dateparser) read to the right day."""
    import datetime as dt
    import random

    from babel.dates import format_date

    from newsclean.boilerplate.metadata import find_date

    parse = None
    if not no_peers:
        try:
            import dateparser

            parse = dateparser.parse
        except ImportError:
            parse = None

    def score(lines: list[tuple[str, dt.date]]) -> tuple[int, int, int]:
        """(newsclean right, dateparser right, lines) over (line, its day) pairs."""
        ours = peer = 0
        for line, day in lines:
            found = find_date(line)
            ours += found is not None and found[0] == day.isoformat()
            if parse is not None:
                try:
                    read = parse(line)
                except Exception:  # a peer's crash on one line counts as a miss
                    read = None
                peer += read is not None and read.date() == day
        return ours, peer, len(lines)

    def row(name: str, counts: tuple[int, int, int]) -> list[object]:
        ours, peer, total = counts
        return [name, f"{ours} of {total}", f"{peer} of {total}" if parse is not None else "-"]

    rng = random.Random(20261204)
    sample = [dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(0, 9700)) for _ in range(days)]

    def formatted(lang: str, digits: dict[int, int] | None = None) -> list[tuple[str, dt.date]]:
        return [(format_date(day, format=form, locale=lang).translate(digits or {}), day)
                for form in CLDR_FORMATS for day in sample]

    rows: list[list[object]] = []
    totals = {False: (0, 0, 0), True: (0, 0, 0)}
    for lang in (*CLDR_LANGUAGES, *NO_RULES):
        counts = score(formatted(lang))
        held_out = lang in NO_RULES
        totals[held_out] = (totals[held_out][0] + counts[0], totals[held_out][1] + counts[1],
                            totals[held_out][2] + counts[2])
        rows.append(row(lang + (" (no rules)" if held_out else ""), counts))
    for lang, zero in NATIVE_ZEROS.items():
        # The same dates in the script's own digits ("٢٨ ديسمبر ٢٠٢١"), one for one.
        rows.append(row(f"{lang}, its script's digits",
                        score(formatted(lang, {ord("0") + value: zero + value for value in range(10)}))))
    rows += [row("languages with rules", totals[False]), row("languages without", totals[True])]
    return rows


def suite_rows(folder: Path, *, no_peers: bool) -> list[list[object]]:
    """trafilatura's evaluation suite (990 pages of many sites and languages, 728 with an
    annotated publication day; held out): the day right for newsclean's HTML stage (URL
    given), for what newsclean reads from the page's whole-page plain dump, and for htmldate."""
    from realpages import dump_of, load_suite

    pages = [(url, item["html"], str(item["date"])[:10]) for url, item in load_suite(folder).items() if item.get("date")]
    run = readers(no_peers)
    dump_stage = newsclean.StripBoilerplate(kind="text")

    def from_dump(markup: str, url: str) -> str:
        doc = dump_stage(newsclean.Document(id=url, text=dump_of(markup.encode("utf-8"))))
        return str(doc.meta.get("date") or "")[:10]

    run["newsclean, the page's plain dump"] = from_dump
    right = dict.fromkeys(run, 0)
    for url, raw, day in pages:
        markup = decode_bytes(raw)[0]
        for name, read in run.items():
            right[name] += read(markup, url) == day
    return [[name, f"{right[name]} of {len(pages)}"] for name in run]


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--htmldate", default=None, help=f"htmldate's tests/ folder (or ${ENV})")
    parser.add_argument("--data", default=None, help="unused (run.py passes it to every benchmark)")
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set only (0: all)")
    parser.add_argument("--no-peers", action="store_true", help="newsclean only")
    parser.add_argument("--suite", default=None,
                        help="trafilatura's tests/ folder (evaldata.json and its pages; or $NEWSCLEAN_TRAFILATURA_EVAL)")
    args = parser.parse_args(argv)
    sections = []
    results: dict[str, object] = {}
    try:
        languages = cldr_rows(no_peers=args.no_peers)
    except ImportError:  # Babel comes with trafilatura (through courlan); without it, no CLDR
        print("SKIPPED dates in CLDR's formats: Babel is not installed", file=sys.stderr)
        languages = []
    if languages:
        results["cldr"] = languages
        sections.append(f"### Dates as CLDR writes them, {len(CLDR_FORMATS)} formats x 20 days a language: "
                        "the day read right\n\n" + table(["language", "newsclean find_date", "dateparser"], languages))
    suite = args.suite or os.environ.get("NEWSCLEAN_TRAFILATURA_EVAL")
    if suite and (Path(suite) / "evaldata.json").is_file():
        rows = suite_rows(Path(suite), no_peers=args.no_peers)
        results["suite"] = rows
        sections.append("### Publication dates held out: trafilatura's evaluation suite (pages of many sites and "
                        "languages with an annotated day; newsclean's rules were not read on them)\n\n"
                        + table(["reader", "day right"], rows))
    else:
        print("SKIPPED dates on trafilatura's suite: pass --suite DIR (its tests/ folder) or set "
              "NEWSCLEAN_TRAFILATURA_EVAL", file=sys.stderr)
    where = args.htmldate or os.environ.get(ENV)
    if not where or not (Path(where) / SETS[0]).is_file():
        print(f"SKIPPED dates on pages: pass --htmldate DIR (htmldate's tests/ folder) or set {ENV}", file=sys.stderr)
        markdown = "\n\n".join(sections)
        print(markdown)
        return {"markdown": markdown, **results}
    folder = Path(where)
    run = readers(args.no_peers)
    rows = []
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
    sections.append("### Publication dates held out: htmldate's evaluation pages (htmldate is tuned on them)\n\n"
                    + table(["set", "reader", "day right", "share", "ms a page"], rows))
    markdown = "\n\n".join(sections)
    print(markdown)
    return {"markdown": markdown, **results}


if __name__ == "__main__":
    main()

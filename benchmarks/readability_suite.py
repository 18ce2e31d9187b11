"""Mozilla Readability's test pages, held out: main text, title, byline and date of 130 pages.

Readability (github.com/mozilla/readability, Apache-2.0; the pages are third-party web
content) tests its extraction on ``test/test-pages/*``: each folder holds the page
(``source.html``), the article Readability extracts (``expected.html``) and the metadata it
reads (``expected-metadata.json``: title, byline, publishedTime). This benchmark reads
them from a checkout (``--suite DIR``, the ``test-pages`` folder, or $NEWSCLEAN_READABILITY),
never copied here. Nothing in newsclean was written reading these pages before session 56;
that session's byline and title rules were read on its failures (credentials after a name,
a link beside it, a heading guessed by its class), so the pages are development data for
those rules from then on, and held out for everything else.

What is scored, newsclean and its peers in one run:
- text: F1 of word 4-grams (extraction_metric.py, as the 181 pages) against the text of
  ``expected.html``. That text is Readability's own output, not a person's: readability-lxml,
  a port of an earlier Readability, is scored beside it and is close to it by lineage.
- title: equal after case and spacing are folded, and "the same headline": equal, or the
  expected title is ours and a site's or section's name after a separator ("Mozilla -
  Wikipedia"), which newsclean removes on purpose (README, *Metadata*).
- byline: equal after folding (names joined by ";" or ","), or ours inside the expected one
  ("By Joshua Sokol"); pages without an expected byline are not counted.
- date: the day of ``publishedTime`` (as written, before any time zone is applied).

Several pages are unit tests of Readability's DOM cleaning ("rtl-1", "replace-brs"): a title
"RTL Test" in ``<title>`` over an ``<h1>Lorem</h1>``; they are counted as they come.

    python benchmarks/readability_suite.py --suite /path/to/readability/test/test-pages [--failures]
"""

from __future__ import annotations

import html as html_module
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import suite_parser, table
from extraction_metric import evaluate
from newsclean.boilerplate.pagemeta import typographic_fold
from newsclean.decode import decode_bytes

ENV = "NEWSCLEAN_READABILITY"
_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote|pre|figcaption|dd|dt)>")
_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1>")
# What joins a headline and a site's name in a <title> ("Headline - Site", "Headline | Site").
_SUFFIX = re.compile(r"\s*(?:[-|–—:·•»_]|::)\s*\S.{0,60}$")


def expected_text(expected_html: str) -> str:
    """The text of Readability's expected article: block ends as line breaks, tags dropped."""
    text = _SCRIPT.sub(" ", expected_html)
    return html_module.unescape(_TAG.sub(" ", _BLOCK_END.sub("\n", text)))


def _fold(text: str | None) -> str:
    # newsclean's own fold of two spellings of a headline (dashes, quotes, spaces, case)
    return typographic_fold(text or "")


def same_title(ours: str, expected: str) -> tuple[bool, bool]:
    """(equal, the same headline): the expected title may carry a site's name after ours."""
    a, b = _fold(ours), _fold(expected)
    if not a:
        return False, False
    if a == b:
        return True, True
    return False, b.startswith(a) and _SUFFIX.fullmatch(b[len(a):]) is not None


def same_byline(ours: str | None, expected: str) -> bool:
    a = _fold((ours or "").replace(";", ","))
    b = _fold(expected)
    return bool(a) and (a == b or a in b)


def pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if (p / "source.html").is_file() and (p / "expected-metadata.json").is_file())


def _newsclean(page: str) -> tuple[str, str, str | None, str | None]:
    doc = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="", text=page))
    date = doc.meta.get("date")
    return doc.text, doc.title, doc.meta.get("byline"), str(date)[:10] if date else None  # type: ignore[return-value]


def _trafilatura(page: str) -> tuple[str, str, str | None, str | None]:
    import trafilatura

    text = trafilatura.extract(page, include_comments=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(page)
    if meta is None:
        return text, "", None, None
    return text, meta.title or "", meta.author, (meta.date or None)


def _readability_lxml(page: str) -> tuple[str, str, str | None, str | None]:
    from lxml import html as lxml_html
    from readability import Document as Readability

    reader = Readability(page)
    summary = reader.summary(html_partial=True)
    text = lxml_html.fromstring(summary).text_content() if summary.strip() else ""
    return text, reader.short_title() or "", None, None


def main(argv: list[str] | None = None) -> dict[str, object]:
    args = suite_parser(__doc__, suite_help=f"Readability's test/test-pages folder (or ${ENV})",
                        failures_help="list newsclean's wrong titles, bylines and dates").parse_args(argv)
    raw = args.suite or os.environ.get(ENV)
    folder = Path(raw) if raw else None
    if folder is None or not folder.is_dir():
        print(f"SKIPPED Readability's test pages: pass --suite DIR (test/test-pages of a checkout of "
              f"github.com/mozilla/readability) or set {ENV}", file=sys.stderr)
        return {}
    readers = [("newsclean", _newsclean), ("trafilatura (favor_precision; extract_metadata)", _trafilatura)]
    try:
        import readability  # noqa: F401

        readers.append(("readability-lxml (text and title)", _readability_lxml))
    except ImportError:
        print("readability-lxml not installed: pip install 'newsclean[bench]'", file=sys.stderr)
    listed = pages(folder)
    truth = {p.name: expected_text((p / "expected.html").read_text("utf-8", errors="replace")) for p in listed}
    expected: dict[str, dict[str, Any]] = {p.name: json.loads((p / "expected-metadata.json").read_text("utf-8"))
                                           for p in listed}
    sources = {p.name: decode_bytes((p / "source.html").read_bytes())[0] for p in listed}
    rows, failures = [], []
    titled = [n for n in expected if expected[n].get("title")]
    bylined = [n for n in expected if expected[n].get("byline")]
    dated = [n for n in expected if expected[n].get("publishedTime")]
    for name, reader in readers:
        out = {}
        for page_name, page in sources.items():
            try:
                out[page_name] = reader(page)
            except Exception as exc:  # a peer's crash on one page counts as nothing found
                out[page_name] = ("", "", None, None)
                print(f"{name} failed on {page_name}: {type(exc).__name__}", file=sys.stderr)
        f1 = evaluate({n: o[0] for n, o in out.items()}, truth)["f1"]
        titles = [same_title(out[n][1], expected[n]["title"]) for n in titled]
        bylines = sum(same_byline(out[n][2], expected[n]["byline"]) for n in bylined)
        dates = sum(out[n][3] == str(expected[n]["publishedTime"])[:10] for n in dated)
        peer_byline = name.startswith("readability-lxml")
        rows.append([name, f"{f1:.4f}", f"{sum(t[0] for t in titles)} / {sum(t[1] for t in titles)} of {len(titled)}",
                     "-" if peer_byline else f"{bylines} of {len(bylined)}", "-" if peer_byline else f"{dates} of {len(dated)}"])
        if name == "newsclean" and args.failures:
            failures += [f"  title {n}: expected {expected[n]['title']!r}, got {out[n][1]!r}"
                         for n, t in zip(titled, titles) if not t[1]]
            failures += [f"  byline {n}: expected {expected[n]['byline']!r}, got {out[n][2]!r}"
                         for n in bylined if not same_byline(out[n][2], expected[n]["byline"])]
            failures += [f"  date {n}: expected {expected[n]['publishedTime']!r}, got {out[n][3]!r}"
                         for n in dated if out[n][3] != str(expected[n]["publishedTime"])[:10]]
    markdown = "\n\n".join([
        f"### Readability's test pages ({len(listed)} pages; {len(titled)} titles, {len(bylined)} bylines, "
        f"{len(dated)} dates expected)",
        table(["reader", "text F1 vs Readability's article", "titles equal / the same headline", "bylines right",
               "dates right"], rows),
        *(["newsclean's misses:\n" + "\n".join(failures)] if failures else []),
    ])
    print(markdown)
    return {"rows": rows, "markdown": markdown}


if __name__ == "__main__":
    main()

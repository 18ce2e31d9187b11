"""Boilerplate removal on the article-extraction benchmark: newsclean vs peers, one run.

Plain-text dumps (plain/<id>.txt) and HTML pages (html/<id>.html.gz), scored with the
benchmark's own metric (extraction_metric.py); speed in documents per second on one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, interleaved_rates, require, table, timed
from extraction_metric import evaluate
from newsclean.boilerplate import CLASSIFIER_BUILD
from newsclean.boilerplate.text import _guess_lang
from peers import c4_line_filter


def _run(fn: Callable[[str], str], inputs: dict[str, str], *, repeat: int = 1) -> tuple[dict[str, str], float]:
    """Outputs of one pass, and the best rate of ``repeat`` passes (timing noise here is ~15%)."""

    def one_pass() -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in inputs.items():
            try:
                out[key] = fn(value) or ""
            except Exception:  # a peer crashing on one page scores that page empty
                out[key] = ""
        return out

    out, seconds = timed(one_pass, repeat=repeat)
    return out, len(inputs) / seconds


def _trafilatura(**options: Any) -> Callable[[str], str]:
    import trafilatura

    return lambda html: trafilatura.extract(html, **options) or ""


def _trafilatura_on_dump(text: str) -> str:
    """trafilatura given the dump as HTML, one <p> per line (raw text is not HTML to it)."""
    import html

    import trafilatura

    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return trafilatura.extract(f"<html><body>{paragraphs}</body></html>", include_comments=False) or ""


def _readability(html: str) -> str:
    from lxml import html as lxml_html
    from readability import Document as Readability

    summary = Readability(html).summary(html_partial=True)
    return lxml_html.fromstring(summary).text_content() if summary.strip() else ""


def _one_line(text: str) -> str:
    """``text`` with its line breaks turned into spaces (a page stored on one line)."""
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    args = parser.parse_args(argv)
    folder = data_dir(args.data) / "article-extraction-benchmark"
    if not require(folder, "boilerplate benchmark"):
        return {}
    truth = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    english = {k for k, v in truth.items() if _guess_lang(v[:4000]) == "en"}
    plain = {k: (folder / "plain" / f"{k}.txt").read_text("utf-8") for k in truth}
    html = {k: gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8") for k in truth}

    def score(pred: dict[str, str]) -> tuple[float, float]:
        return (evaluate(pred, truth)["f1"], evaluate({k: pred[k] for k in english}, {k: truth[k] for k in english})["f1"])

    results: dict[str, object] = {"pages": len(truth), "english_pages": len(english),
                                  "classifier_build": CLASSIFIER_BUILD}
    plain_rows = []
    # The line classifier without the page-kind gate (boilerplate/page_kind.py), same run.
    block = newsclean.StripBoilerplate(kind="text", whole_page=False)
    for name, fn in [
        ("newsclean (line classifier)", lambda t: newsclean.strip_boilerplate(t, kind="text").text),
        ("newsclean, whole_page=False", lambda t: block(newsclean.Document(id="", text=t)).text),
        ("C4-style line filter", c4_line_filter),
        ("trafilatura on the dump (one <p> per line)", _trafilatura_on_dump),
    ]:
        pred, rate = _run(fn, plain, repeat=3)
        f1_all, f1_en = score(pred)
        plain_rows.append([name, f1_all, f1_en, f"{rate:,.0f}"])
    # The same dumps with their line breaks turned into spaces, as corpora that store a
    # page's text on one line hold it (boilerplate/flattened.py): and the articles alone so
    # flattened, which must come out whole.
    flat = {k: _one_line(t) for k, t in plain.items()}
    flat_articles = {k: _one_line(t) for k, t in truth.items()}
    flat_rows = []
    for name, fn in [
        ("newsclean (line classifier)", lambda t: newsclean.strip_boilerplate(t, kind="text").text),
        ("C4-style line filter", c4_line_filter),
        ("the whole text (nothing removed)", lambda t: t),
    ]:
        pred, rate = _run(fn, flat, repeat=3)
        f1_all, f1_en = score(pred)
        kept = {k: fn(t) for k, t in flat_articles.items()}
        whole = sum(kept[k].split() == flat_articles[k].split() for k in kept)
        flat_rows.append([name, f1_all, f1_en, f"{rate:,.0f}", f"{whole} of {len(kept)}"])
    html_rows = []
    html_peers: list[tuple[str, Callable[[str], str]]] = [
        ("newsclean (trafilatura + classifier)", lambda h: newsclean.strip_boilerplate(h, kind="html").text),
        # the line vote of readability and the page-text classifier left out (boilerplate/vote.py)
        ("newsclean, vote=False", lambda h: newsclean.StripBoilerplate(kind="html", vote=False)(
            newsclean.Document(id="", text=h)).text),
        ("trafilatura favor_precision", _trafilatura(include_comments=False, favor_precision=True)),
        ("trafilatura (benchmark settings)", _trafilatura(include_comments=False)),
    ]
    try:
        import readability  # noqa: F401

        html_peers.append(("readability-lxml", _readability))
    except ImportError:
        print("readability-lxml not installed: pip install 'newsclean[bench]'", file=sys.stderr)
    preds: dict[str, dict[str, str]] = {}
    rates: dict[str, float] = {}
    for name, fn in html_peers:
        preds[name], rates[name] = _run(fn, html)
    # The two whose ratio is a target are timed again in alternation (interleaved_rates).
    paired = ["newsclean (trafilatura + classifier)", "trafilatura favor_precision"]
    functions = dict(html_peers)
    paired_rates = interleaved_rates({name: functions[name] for name in paired}, list(html.values()))
    for name, rate in paired_rates.items():
        rates[name] = max(rates[name], rate)
    for name, _fn in html_peers:
        f1_all, f1_en = score(preds[name])
        html_rows.append([name, f1_all, f1_en, f"{rates[name]:,.1f}"])
    # The ratio of the paired timing alone: the table's rates may each come from another pass.
    ratio = paired_rates[paired[0]] / paired_rates[paired[1]]
    from newsclean.boilerplate.html import nesting_depth, xml_compatible

    _, depth_seconds = timed(lambda: [nesting_depth(page) for page in html.values()], repeat=3)
    results["nesting_depth_ms_per_page"] = depth_seconds / len(html) * 1000
    _, xml_seconds = timed(lambda: [xml_compatible(page) for page in html.values()], repeat=3)
    results["xml_check_ms_per_page"] = xml_seconds / len(html) * 1000
    results["plain"] = plain_rows
    results["flattened"] = flat_rows
    results["html"] = html_rows
    results["html_speed_ratio_vs_trafilatura_same_settings"] = ratio
    results["markdown"] = "\n\n".join([
        f"### Plain-text dumps ({len(truth)} pages; {len(english)} English)",
        table(["extractor", "F1 all", "F1 English", "docs/s"], plain_rows),
        f"newsclean's line classifier ran its **{CLASSIFIER_BUILD}** build "
        "(NEWSCLEAN_PURE_PYTHON=1 runs the pure-Python one).",
        f"### Plain-text dumps with their line breaks lost ({len(truth)} pages, each one line; "
        "newsclean reads such a page by its sentences and runs of menu words)",
        table(["extractor", "F1 all", "F1 English", "docs/s", "articles alone, one line, kept whole"], flat_rows),
        f"### HTML pages ({len(truth)} pages; {len(english)} English)",
        table(["extractor", "F1 all", "F1 English", "docs/s"], html_rows),
        f"newsclean HTML speed / trafilatura with the same settings (favor_precision): **{ratio:.2f}x**; "
        f"of newsclean's time, the nesting-depth check (libxml2's limit) takes "
        f"{results['nesting_depth_ms_per_page']:.2f} ms a page, the test for characters XML does not allow "
        f"{results['xml_check_ms_per_page']:.2f} ms.",
    ])
    print(results["markdown"])
    return results


if __name__ == "__main__":
    main()

"""Run every benchmark, peers in the same run, and write a Markdown report with charts.

    python benchmarks/run.py [--data PATH] [--out benchmarks/out] [--scale 100000]

Data comes from ``--data``, ``$NEWSCLEAN_DATA`` or ``../shared/data``; a benchmark whose
data is absent says so and is left out of the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import author_search
import boilerplate
import boilerplate_cv
import corpus_scale
import dates
import decoding
import dedup
import ecbplus_heldout
import growth
import html_limits
import l3s
import langid
import linebreaks
import meaning
import newsclean
import pruning
import readability_suite
import realpages
import realworld
import repair
import segmentation
import story_clusters
import wcxb
from _common import data_dir


def _bar_chart(path: Path, title: str, labels: list[str], values: list[float], unit: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * len(labels)))
    colors = ["#1f77b4" if label.startswith("newsclean") else "#aaaaaa" for label in labels]
    ax.barh(labels[::-1], values[::-1], color=colors[::-1])
    ax.set_title(title)
    ax.set_xlabel(unit)
    for i, v in enumerate(values[::-1]):
        ax.text(v, i, f" {v:,.3g}", va="center", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _charts(out: Path, results: dict[str, Any]) -> list[str]:
    images = []
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("matplotlib not installed: no charts (pip install 'newsclean[bench]')", file=sys.stderr)
        return images
    b = results.get("boilerplate") or {}
    for key, title in (("plain", "Boilerplate F1, plain-text dumps"), ("html", "Boilerplate F1, HTML pages")):
        rows = b.get(key)
        if rows:
            _bar_chart(out / f"boilerplate_{key}.png", title, [r[0] for r in rows], [r[1] for r in rows], "F1")
            images.append(f"boilerplate_{key}.png")
    s = results.get("segmentation") or {}
    if s.get("rates"):
        rates = s["rates"]
        _bar_chart(out / "segmentation_speed.png", "Sentence segmentation speed", list(rates),
                   list(rates.values()), "MB/s")
        images.append("segmentation_speed.png")
    return images


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "out"))
    parser.add_argument("--scale", type=int, default=100_000)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = ["--data", str(data_dir(args.data))]
    started = time.perf_counter()
    results: dict[str, Any] = {}
    for name, module, extra in (
        ("repair", repair, []),
        # Undeclared legacy bytes against charset-normalizer alone; its held-out sources come
        # from $NEWSCLEAN_ECBPLUS_CDCR, $NEWSCLEAN_UD_TEST and $NEWSCLEAN_TRAFILATURA_EVAL.
        ("decoding", decoding, []),
        ("segmentation", segmentation, []),
        ("linebreaks", linebreaks, []),
        ("boilerplate", boilerplate, []),
        ("boilerplate_cv", boilerplate_cv, []),
        # Skips with a message unless $NEWSCLEAN_TRAFILATURA_EVAL names the suite.
        ("realpages", realpages, []),
        # The same folder's realworld_tests.py, its assertions read as data (skips likewise).
        ("realworld", realworld, []),
        # Skips with a message unless $NEWSCLEAN_READABILITY names Readability's test/test-pages.
        ("readability_suite", readability_suite, []),
        # Skips with a message unless $NEWSCLEAN_WCXB names the WCXB clone (held-out test split).
        ("wcxb", wcxb, []),
        # Skips with a message unless $NEWSCLEAN_L3S names the L3S-GN1 folder (annotated/, original/).
        ("l3s", l3s, []),
        # The attribute limit's cost bound, and the tags it counts on every page set found.
        ("html_limits", html_limits, []),
        # newsclean's author-element search against trafilatura's, page by page, on the same sets.
        ("author_search", author_search, []),
        # CLDR's date formats of 25 languages; htmldate's pages skip with a message unless
        # $NEWSCLEAN_HTMLDATE_TESTS names htmldate's tests/ folder.
        ("dates", dates, []),
        # trafilatura's pruning expressions answered by newsclean against lxml's; 200 pages a set
        # (bare_extraction runs six times a page).
        ("pruning", pruning, ["--limit", "200"]),
        ("dedup", dedup, ["--scale", str(args.scale)]),
        ("langid", langid, []),
        ("meaning", meaning, []),
        ("story_clusters", story_clusters, []),
        # Skips with a message unless $NEWSCLEAN_ECBPLUS_CDCR names a Diverse_CDCR_datasets checkout.
        ("ecbplus_heldout", ecbplus_heldout, []),
        ("growth", growth, []),
        ("corpus_scale", corpus_scale, []),
    ):
        print(f"== {name}", file=sys.stderr)
        results[name] = module.main(data + extra)
    images = _charts(out, results)
    header = [
        "# newsclean benchmark report",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; newsclean {newsclean.__version__}; "
        f"Python {platform.python_version()} on {platform.machine()}, one process; "
        f"data from `{data_dir(args.data)}`; total {time.perf_counter() - started:,.0f} s.",
        "Every peer ran in this same process on the same inputs; ratios are within this run.",
    ]
    sections = [str(r.get("markdown", "")) for r in results.values() if r]
    charts = [f"![{i}]({i})" for i in images]
    report = "\n\n".join([*header, *sections, "## Charts", *charts]) + "\n"
    (out / "REPORT.md").write_text(report, "utf-8")
    print(f"wrote {out / 'REPORT.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

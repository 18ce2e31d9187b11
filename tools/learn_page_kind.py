"""Learn the page-kind gate's weights (boilerplate/page_kind.py) from development dumps.

Each whole-page plain dump is an example: its features (page_kind.page_features over the
line classifier's verdicts, as ``StripBoilerplate(kind="text")`` makes them) and whether
the page's text with the lines of page_kind.RESTORED kept scores a higher word F1 against
the page's reference than the classifier's own text (benchmarks/wcxb.py's word_scores);
the page weighs the difference. A logistic regression with an L2 penalty of 1 is fitted
by Newton's method, each set weighing the same in all: the 181 pages of the shared
article-extraction benchmark (their plain dumps), the development half of L3S-GN1
(benchmarks/l3s.py splits it by site) and WCXB's development split, every page type
(benchmarks/wcxb.py); the dumps of the last two are made as the benchmarks make them
(html-text, realpages.dump_of). Test splits are never read here.

The threshold over which a page is read whole is chosen with ``--cv --thresholds``: the
pages of all three sets are dealt into five folds (by a stable hash of each page's id),
each fold is scored by a model fitted on the other four, and the candidate with the best
mean gain over the three sets (each set's mean word F1 a page) is kept. Only WCXB holds
pages of other kinds than articles, so fitting on two sets and scoring the third would
never score the gate where it acts.

Usage (the shipped file was built by)::

    python tools/learn_page_kind.py --cv --thresholds 0.3,0.4,0.5,0.6 \\
        --aeb ../shared/data/article-extraction-benchmark \\
        --l3s L3S-GN1-20100130203947-00001 --wcxb web-content-extraction-benchmark \\
        -o src/newsclean/data/page_kind.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

from _logistic import fit  # noqa: E402

from newsclean.boilerplate._classifier import classify_lines, nonblank_lines  # noqa: E402
from newsclean.boilerplate.config import LineVerdict  # noqa: E402
from newsclean.boilerplate.html import render_markup_lines  # noqa: E402
from newsclean.boilerplate.page_kind import FEATURES, keep_whole_page, page_features  # noqa: E402

FOLDS = 5


@dataclass
class Page:
    """One dump's features and the word F1 of its two readings."""

    key: str
    features: list[float]
    block_f1: float  # the classifier's text
    whole_f1: float  # the page's text with the RESTORED lines kept


def _kept(verdicts: list[LineVerdict]) -> str:
    return "\n".join(verdict.text for verdict in verdicts if not verdict.reason)


def read_page(key: str, dump: str, truth: str) -> Page:
    from wcxb import word_scores

    lines, _markup = render_markup_lines(dump.split("\n"))
    verdicts, _info = classify_lines(nonblank_lines(lines), extracted=False)
    return Page(key, page_features(verdicts), word_scores(_kept(verdicts), truth)[2],
                word_scores(_kept(keep_whole_page(verdicts)), truth)[2])


def aeb_pages(folder: Path) -> list[Page]:
    truth = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text("utf-8")).items()}
    return [read_page(f"aeb/{k}", (folder / "plain" / f"{k}.txt").read_text("utf-8"), truth[k]) for k in sorted(truth)]


def l3s_pages(folder: Path) -> list[Page]:
    import l3s
    from realpages import dump_of

    pages = l3s.load_pages(folder, "dev", frozenset([1, 2, 3]))
    return [read_page(f"l3s/{k}", dump_of(p["html"]), p["truth"]) for k, p in sorted(pages.items())]


def wcxb_pages(folder: Path) -> list[Page]:
    import wcxb
    from realpages import dump_of

    pages = wcxb.load_split(folder, "dev", None)
    return [read_page(f"wcxb/{k}", dump_of(p["html"]), p["main_content"]) for k, p in sorted(pages.items())]


def examples(sets: list[list[Page]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, weights): a page is labelled 1 where its whole text reads better;
    it weighs the difference, and each set weighs the same in all."""
    features, labels, weights = [], [], []
    for pages in sets:
        raw = np.array([abs(p.whole_f1 - p.block_f1) for p in pages]) + 1e-3
        features += [p.features for p in pages]
        labels += [float(p.whole_f1 > p.block_f1) for p in pages]
        weights += list(raw / raw.sum() * 100.0)
    return np.array(features), np.array(labels), np.array(weights)


def fold_of(page: Page) -> int:
    return hashlib.sha1(page.key.encode()).digest()[0] % FOLDS


def mean_f1(pages: list[Page], beta: np.ndarray | None, threshold: float) -> float:
    """Mean word F1 a page with the gate (None: the classifier's text throughout)."""
    if not pages:
        return 0.0
    if beta is None:
        return float(np.mean([p.block_f1 for p in pages]))
    chances = 1.0 / (1.0 + np.exp(-(np.array([p.features for p in pages]) @ beta)))
    return float(np.mean([p.whole_f1 if c > threshold else p.block_f1 for p, c in zip(pages, chances)]))


def cross_validate(named: dict[str, list[Page]], thresholds: list[float]) -> dict[float, dict[str, float]]:
    """Held-out gain of each set's mean word F1, per threshold, over FOLDS folds."""
    gains: dict[float, dict[str, float]] = {t: {} for t in thresholds}
    for name in named:
        for t in thresholds:
            gains[t][name] = 0.0
    for fold in range(FOLDS):
        beta = fit(*examples([[p for p in pages if fold_of(p) != fold] for pages in named.values()]), iterations=40)
        for name, pages in named.items():
            held = [p for p in pages if fold_of(p) == fold]
            for t in thresholds:
                gains[t][name] += (mean_f1(held, beta, t) - mean_f1(held, None, t)) * len(held) / len(pages)
    return gains


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aeb", type=Path, required=True, help="the shared article-extraction-benchmark folder")
    parser.add_argument("--l3s", type=Path, required=True, help="L3S-GN1 (annotated/, original/, url-mapping.txt)")
    parser.add_argument("--wcxb", type=Path, required=True, help="the Web Content Extraction Benchmark checkout")
    parser.add_argument("--cv", action="store_true", help="choose the threshold by cross-validation")
    parser.add_argument("--thresholds", default="0.5", help="candidates for --cv (comma-separated)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    named = {"article-extraction-benchmark (181)": aeb_pages(args.aeb),
             "L3S-GN1 development half": l3s_pages(args.l3s),
             "WCXB dev split, all page types": wcxb_pages(args.wcxb)}
    thresholds = [float(t) for t in args.thresholds.split(",")]
    cv: dict[float, dict[str, float]] = {}
    if args.cv:
        cv = cross_validate(named, thresholds)
        for t, by_set in cv.items():
            print(f"threshold {t}: held-out gain " + ", ".join(f"{n} {g:+.4f}" for n, g in by_set.items())
                  + f"; mean {np.mean(list(by_set.values())):+.4f}")
    threshold = max(thresholds, key=lambda t: (np.mean(list(cv[t].values())), -t)) if cv else thresholds[0]
    beta = fit(*examples(list(named.values())), iterations=40)
    trained_on = {name: {"pages": len(pages), "read_whole": int(sum(
        1 for p, c in zip(pages, 1.0 / (1.0 + np.exp(-(np.array([p.features for p in pages]) @ beta)))) if c > threshold)),
        "word_f1_block": round(mean_f1(pages, None, threshold), 4), "word_f1_gated": round(mean_f1(pages, beta, threshold), 4)}
        for name, pages in named.items()}
    body = {"features": list(FEATURES), "weights": [round(float(w), 6) for w in beta], "threshold": threshold,
            "trained_on": trained_on, "tool": "tools/learn_page_kind.py",
            "cross_validation": {str(t): {n: round(g, 4) for n, g in by_set.items()} for t, by_set in cv.items()}}
    body["build"] = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    args.output.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"threshold {threshold}; wrote {args.output}: " + json.dumps(trained_on))


if __name__ == "__main__":
    main()

"""Learn the line vote's weights (boilerplate/vote.py) from development pages.

Each line trafilatura's text keeps (after the line classifier, as ``StripBoilerplate``
with ``vote=False`` gives it), on the pages the stage votes on (those its default or
recall setting read), is an example: its features (vote.line_features: how much
of it readability's text and the page-text classifier's hold, how much of the whole text
each holds, its length, place and ending) and whether it belongs to the article (at
least half of its words are in the page's reference text). A logistic regression with
an L2 penalty of 1 is fitted by Newton's method, each line weighing its words, and each
page set weighing the same in all (so that no one set's kind of page decides): the
181 pages of the shared article-extraction benchmark, the development half of L3S-GN1
(benchmarks/l3s.py splits it by site; its test half is held out) and WCXB's development
split, every page type (benchmarks/wcxb.py; its test split is held out). Test splits are
never read here.

The threshold under which a line is outvoted is chosen with ``--cv --thresholds``: each set
is scored by a model fitted on the other two, and the candidate with the best mean gain
over the three held-out sets is kept. The other settings are arguments, chosen on the same
development sets in one-off runs: readability's line is added with at least 15 words (8
measured), under half of them in trafilatura's text and at least 0.7 of them kept by the
page-text classifier; no line is outvoted where either other reading holds under half of
the text (0.5 over none in a one-off comparison, not reproduced by this tool, with an
earlier fit on the lines of every page: the development sets' F1 0.9359 / 0.9739 / 0.8217
-> 0.9358 / 0.9739 / 0.8230, L3S / the 181 pages / WCXB).

Usage (the shipped file was built by)::

    python tools/learn_line_vote.py --cv --thresholds 0.3,0.4,0.5 \\
        --aeb ../shared/data/article-extraction-benchmark \\
        --l3s L3S-GN1-20100130203947-00001 --wcxb web-content-extraction-benchmark \\
        -o src/newsclean/data/line_vote.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

from _logistic import fit  # noqa: E402

import newsclean  # noqa: E402
from newsclean.boilerplate.config import LineVerdict  # noqa: E402
from newsclean.boilerplate.html import extract_html  # noqa: E402
from newsclean.boilerplate.vote import FEATURES, VoteModel, apply_vote, line_features, page_reading  # noqa: E402
from newsclean.decode import decode_bytes  # noqa: E402

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass
class Page:
    """One page's three readings and its reference text."""

    lines: list[str]  # trafilatura's text, as StripBoilerplate(vote=False) keeps it
    second: tuple[str, ...]
    third: list[str]
    truth: str


def read_page(markup: str, url: str | None, truth: str) -> Page | None:
    """The readings of one page; None where the stage does not vote (tag-strip, or
    readability's or the page-text reading's own text)."""
    doc = newsclean.StripBoilerplate(kind="html", vote=False)(
        newsclean.Document(id="", text=markup, meta={"url": url} if url else {}))
    extraction = extract_html(markup, url=url, readings=True)
    if (extraction.readability_lines is None or extraction.page_lines is None
            or doc.meta.get("extractor") == "page text"):
        return None
    return Page([line for line in doc.text.split("\n") if line.strip()], extraction.readability_lines,
                page_reading(extraction.page_lines), truth)


def examples(pages: list[Page]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, weights) of every line of ``pages``: a line belongs to the
    article when at least half its words are in the reference; it weighs its words."""
    features, labels, weights = [], [], []
    for page in pages:
        truth_words = set(_words(page.truth))
        for index, row in line_features(page.lines, page.second, page.third):
            words = _words(page.lines[index])
            features.append(row)
            labels.append(float(sum(w in truth_words for w in words) >= 0.5 * len(words)))
            weights.append(float(len(words)))
    return np.array(features), np.array(labels), np.array(weights)


def voted_text(page: Page, model: VoteModel) -> str:
    """The page's text after the vote, as the stage assembles it (vote.apply_vote)."""
    verdicts, _added = apply_vote([LineVerdict(line, 0.0, "") for line in page.lines], page.second, page.third,
                                  model=model)
    return "\n".join(verdict.text for verdict in verdicts if not verdict.reason)


def aeb_pages(folder: Path) -> list[tuple[str, str | None, str]]:
    truth = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text("utf-8")).items()}
    return [(gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8"), None, truth[k])
            for k in sorted(truth)]


def l3s_pages(folder: Path) -> list[tuple[str, str | None, str]]:
    import l3s

    pages = l3s.load_pages(folder, "dev", frozenset([1, 2, 3]))
    return [(decode_bytes(p["html"])[0], p["url"], p["truth"]) for _, p in sorted(pages.items())]


def wcxb_pages(folder: Path) -> list[tuple[str, str | None, str]]:
    import wcxb

    pages = wcxb.load_split(folder, "dev", None)
    return [(decode_bytes(p["html"])[0], p["url"] or None, p["main_content"]) for _, p in sorted(pages.items())]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aeb", type=Path, required=True, help="the shared article-extraction-benchmark folder")
    parser.add_argument("--l3s", type=Path, required=True, help="L3S-GN1 (annotated/, original/, url-mapping.txt)")
    parser.add_argument("--wcxb", type=Path, required=True, help="a WCXB clone (dev/ and test/)")
    parser.add_argument("--thresholds", type=lambda v: [float(t) for t in v.split(",")], default=[0.5],
                        help="chance under which a line is outvoted; with --cv, candidates (comma-separated) "
                             "of which the best by leave-one-set-out F1 is kept")
    parser.add_argument("--add-min-words", type=int, default=15)
    parser.add_argument("--add-novel", type=float, default=0.5)
    parser.add_argument("--add-support", type=float, default=0.7)
    parser.add_argument("--min-agreement", type=float, default=0.5)
    parser.add_argument("--cv", action="store_true",
                        help="also fit on two of the sets and score the third (page-set F1 with the benchmarks' metric)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    sets: dict[str, list[Page]] = {}
    sizes: dict[str, dict[str, int]] = {}
    for name, pages in (("article-extraction-benchmark (181)", aeb_pages(args.aeb)),
                        ("L3S-GN1 development half", l3s_pages(args.l3s)),
                        ("WCXB dev split, all page types", wcxb_pages(args.wcxb))):
        read = [page for page in (read_page(*p) for p in pages) if page is not None]
        sets[name] = read
        sizes[name] = {"pages": len(pages), "voted": len(read)}
        print(f"{name}: {len(pages)} pages, {len(read)} voted on", file=sys.stderr)
    data = {name: examples(pages) for name, pages in sets.items()}

    def fitted(names: list[str], threshold: float) -> VoteModel:
        # every set weighs the same in all, whatever its count of lines
        x = np.vstack([data[n][0] for n in names])
        y = np.concatenate([data[n][1] for n in names])
        w = np.concatenate([data[n][2] / data[n][2].sum() * 1e5 for n in names])
        return VoteModel(weights=tuple(round(float(b), 6) for b in fit(x, y, w)), threshold=threshold,
                         add_min_words=args.add_min_words, add_novel=args.add_novel, add_support=args.add_support,
                         min_agreement=args.min_agreement)

    threshold = args.thresholds[0]
    if args.cv:
        from extraction_metric import evaluate

        # Leave one set out: fit on the other two, score the third; the threshold kept is
        # the one with the best mean of the three held-out F1s.
        print("| threshold | held-out set (the model fitted on the other two) | pages | F1 without the vote | with it |",
              file=sys.stderr)
        print("|---|---|---|---|---|", file=sys.stderr)
        means: dict[float, float] = {}
        for candidate in args.thresholds:
            scores = []
            for name, pages in sets.items():
                held = fitted([n for n in sets if n != name], candidate)
                truth = {str(i): p.truth for i, p in enumerate(pages)}
                before = evaluate({str(i): "\n".join(p.lines) for i, p in enumerate(pages)}, truth)["f1"]
                after = evaluate({str(i): voted_text(p, held) for i, p in enumerate(pages)}, truth)["f1"]
                scores.append(after - before)
                print(f"| {candidate} | {name} | {len(pages)} | {before:.4f} | {after:.4f} |", file=sys.stderr)
            means[candidate] = sum(scores) / len(scores)
        threshold = max(args.thresholds, key=lambda t: (means[t], -t))
        print(f"mean held-out gain by threshold: {means}; kept {threshold}", file=sys.stderr)
    model = fitted(list(sets), threshold)
    weights_out = list(model.weights)
    build = hashlib.sha256(json.dumps(weights_out).encode()).hexdigest()[:12]
    out = {"build": build, "features": list(FEATURES), "weights": weights_out, "threshold": threshold,
           "add_min_words": args.add_min_words, "add_novel": args.add_novel, "add_support": args.add_support,
           "min_agreement": args.min_agreement, "trained_on": sizes, "tool": "tools/learn_line_vote.py"}
    args.output.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()

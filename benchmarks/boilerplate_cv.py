"""Cross-validated boilerplate figures: would the classifier's weights hold on pages they
were not chosen on?

The line classifier has numeric weights (``TextBoilerplateConfig``); their defaults were
chosen on the 181 development pages. Here they are chosen again, by grid search, on four
fifths of the pages and scored on the fifth none of the choosing saw, five times over
(pages dealt to folds by a fixed shuffle). The pooled held-out outputs are scored with the
benchmark's metric and set beside the in-sample figure of the shipped defaults: a gap
says the defaults fit these pages. Both inputs: the plain dumps and the HTML pages (for
HTML the trafilatura extraction is made once per page and only the classifier's pass
over its lines is re-run per setting).

What cross-validation cannot see: the classifier's rules and word lists were written
while reading these pages. ``benchmarks/realpages.py`` (990 pages never read while
writing them) measures that.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import itertools
import json
import random
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean.boilerplate as boilerplate
from _common import data_dir, require, table
from extraction_metric import evaluate, page_scores
from newsclean.boilerplate import DEFAULT_TEXT_CONFIG, StripBoilerplate, TextBoilerplateConfig
from newsclean.document import Document

# The grid: each weight at its default and on either side of it.
GRID: dict[str, tuple[float, ...]] = {
    "min_prose_words": (4, 5, 7),
    "short_line_cost": (1.0, 2.0, 3.0),
    "unpunctuated_cost": (2.0, 3.0, 4.5),
    "boilerplate_cost": (4.0, 6.0, 9.0),
    "menu_run_factor": (2.0, 3.0, 4.5),
}
FOLDS = 5
SEED = 20261129


def configs() -> list[TextBoilerplateConfig]:
    names = list(GRID)
    out = []
    for values in itertools.product(*(GRID[n] for n in names)):
        changes = {n: (int(v) if n == "min_prose_words" else v) for n, v in zip(names, values)}
        out.append(dataclasses.replace(DEFAULT_TEXT_CONFIG, **changes))
    return out


PageScore = tuple[float, float, bool]  # precision, recall, prediction empty


def _page(prediction: str, truth: str) -> PageScore:
    tp, fp, fn = page_scores(prediction, truth)
    empty = not prediction.strip()
    return (tp / (tp + fp) if tp + fp else 0.0), (0.0 if empty else tp / (tp + fn) if tp + fn else 0.0), empty


def _f1(scores: list[PageScore]) -> float:
    """The benchmark's F1 (extraction_metric.evaluate) from per-page scores."""
    precisions = [p for p, _, empty in scores if not empty]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(r for _, r, _ in scores) / len(scores) if scores else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def cross_validate(truth: dict[str, str], run: Callable[[str, TextBoilerplateConfig], str],
                   grid: list[TextBoilerplateConfig]) -> tuple[float, float, list[TextBoilerplateConfig]]:
    """(in-sample F1 of the defaults, pooled held-out F1, the setting chosen per fold)."""
    keys = sorted(truth)
    random.Random(SEED).shuffle(keys)
    folds = [keys[i::FOLDS] for i in range(FOLDS)]
    scored = {config: {k: _page(run(k, config), truth[k]) for k in keys} for config in grid}
    held_out: list[PageScore] = []
    chosen = []
    for fold in folds:
        test = set(fold)
        train = [k for k in keys if k not in test]
        best = max(grid, key=lambda c: _f1([scored[c][k] for k in train]))
        chosen.append(best)
        held_out += [scored[best][k] for k in fold]
    defaults = _f1([scored[DEFAULT_TEXT_CONFIG][k] for k in keys])
    return defaults, _f1(held_out), chosen


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None)
    parser.add_argument("--skip-html", action="store_true", help="plain dumps only (HTML takes ~1 min more)")
    args = parser.parse_args(argv)
    folder = data_dir(args.data) / "article-extraction-benchmark"
    if not require(folder, "boilerplate cross-validation"):
        return {}
    truth = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    plain = {k: (folder / "plain" / f"{k}.txt").read_text("utf-8") for k in truth}
    grid = configs()
    rows = []
    results: dict[str, object] = {"configs": len(grid), "folds": FOLDS}

    def run_plain(key: str, config: TextBoilerplateConfig) -> str:
        return StripBoilerplate(kind="text", config=config)(Document(id=key, text=plain[key])).text

    inputs: list[tuple[str, Callable[[str, TextBoilerplateConfig], str]]] = [("plain dumps", run_plain)]
    if not args.skip_html:
        html = {k: gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8") for k in truth}
        # The extraction does not depend on the weights: made once per page.
        cached = lru_cache(maxsize=None)(boilerplate.extract_html)

        def run_html(key: str, config: TextBoilerplateConfig) -> str:
            original = boilerplate.extract_html
            boilerplate.extract_html = cached  # type: ignore[assignment]
            try:
                return StripBoilerplate(kind="html", config=config)(Document(id=key, text=html[key])).text
            finally:
                boilerplate.extract_html = original  # type: ignore[assignment]

        inputs.append(("HTML pages", run_html))
    # The per-page scores reproduce the benchmark's own figure (a check on _f1).
    assert abs(_f1([_page(run_plain(k, DEFAULT_TEXT_CONFIG), truth[k]) for k in truth])
               - evaluate({k: run_plain(k, DEFAULT_TEXT_CONFIG) for k in truth}, truth)["f1"]) < 1e-9
    for name, run in inputs:
        defaults, held_out, chosen = cross_validate(truth, run, grid)
        changed = sorted({f"{f.name}={getattr(c, f.name)}" for c in chosen for f in dataclasses.fields(c)
                          if getattr(c, f.name) != getattr(DEFAULT_TEXT_CONFIG, f.name)})
        rows.append([name, defaults, held_out, defaults - held_out, ", ".join(changed) or "defaults every time"])
        results[name] = {"in_sample_defaults": defaults, "cross_validated": held_out}
    results["markdown"] = "\n\n".join([
        f"### Boilerplate F1, {FOLDS}-fold cross-validation of the classifier's weights ({len(grid)} settings, 181 pages)",
        table(["input", "F1, shipped defaults (in sample)", "F1 cross-validated", "gap", "weights the folds chose"], rows),
    ])
    print(results["markdown"])
    return results


if __name__ == "__main__":
    main()

"""Shared helpers of the benchmarks: where the data is, timing, report tables."""

from __future__ import annotations

import argparse
import bisect
import contextlib
import json
import math
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"


_WORD = re.compile(r"\w+")


def data_dir(cli_value: str | None = None) -> Path:
    """The data folder: --data, else $NEWSCLEAN_DATA, else ../shared/data."""
    return Path(cli_value or os.environ.get("NEWSCLEAN_DATA") or DEFAULT_DATA)


def require(path: Path, what: str) -> bool:
    """Say clearly when benchmark data is absent; return whether it is there."""
    if path.exists():
        return True
    print(f"SKIPPED {what}: data not found at {path} (pass --data PATH or set NEWSCLEAN_DATA)",
          file=sys.stderr)
    return False


def timed(fn: Callable[[], T], *, repeat: int = 1) -> tuple[T, float]:
    """Run ``fn`` ``repeat`` times; return its last result and the best wall time."""
    best = float("inf")
    result: T
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return result, best


def interleaved_rates(functions: dict[str, Callable[[Any], object]], inputs: Sequence[Any], *,
                      rounds: int = 3) -> dict[str, float]:
    """Items per second of each function over ``inputs``, timed item by item in alternation
    (each item by every function in turn, the order rotating from item to item), ``rounds``
    times, each item's fastest time of each function summed: a burst of load on this
    shared machine slows one item of each function alike, and a minimum drops it, where
    whole passes timed one after the other read ratios ~15% apart from run to run. A crash
    on one item counts its time, as a crawl pays it."""
    names = list(functions)
    fastest: dict[str, list[float]] = {name: [math.inf] * len(inputs) for name in names}
    for _ in range(rounds):
        for index, item in enumerate(inputs):
            for turn in range(len(names)):
                name = names[(index + turn) % len(names)]
                start = time.perf_counter()
                with contextlib.suppress(Exception):  # a peer's crash on one page is timed, not fatal
                    functions[name](item)
                fastest[name][index] = min(fastest[name][index], time.perf_counter() - start)
    return {name: len(inputs) / max(sum(times), 1e-12) for name, times in fastest.items()}


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    def fmt(v: object) -> str:
        return f"{v:.4f}" if isinstance(v, float) else str(v)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a positive outscores a negative (ties count half)."""
    ranked = sorted(negatives)
    total = 0.0
    for p in positives:
        lo, hi = bisect.bisect_left(ranked, p), bisect.bisect_right(ranked, p)
        total += lo + (hi - lo) / 2
    return total / (len(positives) * len(ranked))


# design.md, *Agreement of the two signals as a third term, tried and left out*: the share
# of min(TERMS_ONLY_SCALE sqrt(terms), cosine) added to story similarity in those rows.
AGREEMENT_SHARE = 0.2


def agreement_scores(roots: Any, cosines: Any, *, share: float = AGREEMENT_SHARE) -> Any:
    """Story similarity with the agreement term: ``(0.5 root + 0.5 cos + share *
    min(1.4 root, cos)) / (1 + share)`` per pair (numpy arrays; ``roots`` the square roots
    of the terms' weighted Jaccard, a NaN cosine where a text has no vector: its terms
    alone, as similarity() scores it)."""
    import numpy as np

    from newsclean.dedup.features import TERMS_ONLY_SCALE

    roots, cosines = np.asarray(roots, dtype=float), np.asarray(cosines, dtype=float)
    scaled = roots * TERMS_ONLY_SCALE
    both = np.maximum(np.nan_to_num(cosines, nan=0.0), 0.0)
    mixed = (0.5 * roots + 0.5 * both + share * np.minimum(scaled, both)) / (1 + share)
    return np.minimum(np.where(np.isnan(cosines), scaled, mixed), 1.0)



# design.md, *Vectors centred on their neighbourhood, measured and not shipped*: how many
# nearest neighbours (by the meaning cosine, in the same corpus) make a document's centre.
NEIGHBOURHOOD_SIZES = (20, 40)


def neighbourhood_centred(features: dict[str, Any], config: Any, *, k: int) -> Callable[[str, str], float]:
    """Story similarity of two documents of ``features`` (id -> features.Features made with
    ``config``, the corpus), each meaning vector first made unit length and moved by the mean unit vector
    of its ``k`` nearest other documents by cosine (the topic around it: two stories of
    one topic share that direction, which the plain cosine counts as agreement); the
    terms as similarity() reads them. Not newsclean's similarity: a measure of what
    the corpus around a pair could add, O(n²) in the corpus."""
    import numpy as np

    from newsclean.dedup.features import combine, weighted_jaccard

    keys = [key for key, f in features.items() if f.vector.size]
    units = np.array([features[key].vector.astype(np.float64) for key in keys])
    units /= np.linalg.norm(units, axis=1, keepdims=True)
    near = units @ units.T
    np.fill_diagonal(near, -np.inf)
    # argsort of the negated row, stable: ties to the earlier document, the same in every run
    centres = {key: units[np.argsort(-near[i], kind="stable")[:k]].mean(axis=0) for i, key in enumerate(keys)}
    moved = {key: units[i] - centres[key] for i, key in enumerate(keys)}

    def similarity(a: str, b: str) -> float:
        fa, fb = features[a], features[b]
        terms = weighted_jaccard(fa.term_hashes, fa.term_weights, fb.term_hashes, fb.term_weights)
        if a not in moved or b not in moved:
            return combine(terms, None, config)
        va, vb = moved[a], moved[b]
        norms = float(np.linalg.norm(va) * np.linalg.norm(vb))
        return combine(terms, float(va @ vb) / norms if norms else 0.0, config)

    return similarity

def ecb_pairs(root: Path, *, min_words: int = 100) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """ECB+ dev documents with at least ``min_words`` letter-words, and the labelled pairs
    between them (``pairs.jsonl``: same story, same topic, random)."""
    import regex

    letter_word = regex.compile(r"\p{L}+")
    folder = root / "ecbplus-dev"
    docs = {}
    for line in (folder / "docs.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        if len(letter_word.findall(record["text"])) >= min_words:
            docs[record["id"]] = record
    pairs = [json.loads(x) for x in (folder / "pairs.jsonl").read_text("utf-8").splitlines()]
    return docs, [p for p in pairs if p["id1"] in docs and p["id2"] in docs]


def comparable_title(text: str | None) -> str:
    """A title as the title benchmarks compare it: its words, lower-cased (case and
    punctuation aside)."""
    return " ".join(_WORD.findall((text or "").lower()))


def suite_parser(doc: str | None, *, suite_help: str, failures_help: str) -> argparse.ArgumentParser:
    """The command line of a benchmark over a page suite read from a checkout: ``--suite``,
    ``--data`` (accepted, as run.py passes it to every benchmark) and ``--failures``."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", default=None, help=suite_help)
    parser.add_argument("--data", default=None, help="accepted for run.py; the pages are not in the shared data")
    parser.add_argument("--failures", action="store_true", help=failures_help)
    return parser


def semeval_sample(path: Path, keep: Callable[[str, str], bool],
                    lang: str | None) -> tuple[dict[str, Any], list[tuple[str, str, float, bool]]]:
    """The articles of a SemEval-2022 Task 8 sample whose pair's languages ``keep`` takes,
    each cleaned once (in ``lang``, or the language newsclean reads), and the pairs
    (id, id, Overall, same language)."""
    import csv

    import newsclean

    docs: dict[str, newsclean.Document] = {}
    pairs: list[tuple[str, str, float, bool]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if not keep(record["lang1"], record["lang2"]):
                continue
            ids = record["pair_id"].split("_")
            for doc_id, field in zip(ids, ("text1", "text2")):
                if doc_id not in docs:
                    docs[doc_id] = newsclean.clean(record[field], kind="text", id=doc_id,
                                                   **({"lang": lang} if lang else {}))
            pairs.append((ids[0], ids[1], float(record["Overall"]), record["lang1"] == record["lang2"]))
    return docs, pairs

"""Story clusters on a corpus: the clusters themselves, measured as clusters (issue #6/#11).

Gold clusters are the ``story`` field of ``ecbplus-dev/docs.jsonl`` (documents with >= 100
letter-words, cleaned by ``newsclean.clean(text, kind="text")``); a document left alone
is a singleton. Measures: pairwise precision / recall / F1 over all document pairs (as in
Miranda et al. 2018, "Multilingual clustering of streaming news") and B-cubed P / R / F1.

Methods compared on the same similarity, in one run:
- ``DuplicateIndex`` (online centroid assignment, the library's default);
- single-link (connected components of pairs at the pair threshold: the old behaviour);
- average-link and complete-link agglomeration over all pairs, at their best threshold
  in hindsight (an upper reference that needs all pairs, O(n²), and the whole corpus).

The cluster threshold is also chosen by leave-topics-out cross-validation (5 folds of
ECB+ topics: fit on four, score on the fifth), so that a setting that only fits these
stories shows. Also: input-order robustness (10 shuffles), the 181 benchmark pages (no
cluster may hold two different stories; cases/page_stories.json), pair recall of the index's candidates, and the time per
doubling of k copies of one story.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import regex

import newsclean
import newsclean.dedup.index
from _common import data_dir, require, semeval_sample, table
from newsclean.dedup.features import exact_similarity, featurize, weighted_jaccard
from newsclean.dedup.index import DEFAULT_JOIN_THRESHOLD, DEFAULT_MERGE_THRESHOLD
from newsclean.dedup.shingles import ShingleConfig

_LETTER_WORD = regex.compile(r"\p{L}+")
SEED = 20261129


def pair_scores(labels: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of predicted cluster labels against gold ones."""

    def pairs(assignment: dict[str, str]) -> Counter[tuple[str, str]]:
        out: Counter[tuple[str, str]] = Counter()
        for doc, label in assignment.items():
            out[(label, gold[doc])] += 1
        return out

    joint = pairs(labels)
    predicted = Counter(labels.values())
    true = Counter(gold.values())
    tp = sum(n * (n - 1) / 2 for n in joint.values())
    pred_pairs = sum(n * (n - 1) / 2 for n in predicted.values())
    gold_pairs = sum(n * (n - 1) / 2 for n in true.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bcubed(labels: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    joint = Counter((labels[d], gold[d]) for d in labels)
    predicted = Counter(labels.values())
    true = Counter(gold.values())
    precision = sum(joint[(labels[d], gold[d])] / predicted[labels[d]] for d in labels) / len(labels)
    recall = sum(joint[(labels[d], gold[d])] / true[gold[d]] for d in labels) / len(labels)
    return precision, recall, 2 * precision * recall / (precision + recall)


def load_ecb(root: Path) -> tuple[list[newsclean.Document], dict[str, str], dict[str, str]]:
    """Cleaned ECB+ dev documents (file order), their gold stories and topics."""
    docs, gold, topic = [], {}, {}
    for line in (root / "ecbplus-dev" / "docs.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        if len(_LETTER_WORD.findall(record["text"])) < 100:
            continue
        docs.append(newsclean.clean(record["text"], id=record["id"], kind="text"))
        gold[record["id"]] = str(record["story"])
        topic[record["id"]] = str(record["topic"])
    return docs, gold, topic


def index_labels(docs: Iterable[newsclean.Document], *, refine: bool = True,
                 merge_threshold: float | None = DEFAULT_MERGE_THRESHOLD, **options: Any) -> dict[str, str]:
    """Cluster labels of ``DuplicateIndex``: refined (``clusters(refine=True)``, what
    ``find_duplicates`` and ``newsclean dedup`` give) or online (as ``add`` assigned them)."""
    index = newsclean.DuplicateIndex(mode="story", **options)
    online = {doc.id: index.add(doc.id, doc) for doc in docs}
    if not refine:
        return online
    return {doc_id: cluster.id for cluster in index.clusters(min_size=1, refine=True, merge_threshold=merge_threshold)
            for doc_id in cluster.ids}


def without_split() -> Any:
    """Refinement without its split (refine.split_story_clusters), for the rows that compare."""
    return mock.patch.object(newsclean.dedup.index, "split_story_clusters", lambda *_a, **_k: set())


def without_move_rule() -> Any:
    """Refinement without its move rule (DuplicateIndex._move_rule), for the rows that compare."""
    return mock.patch.object(newsclean.DuplicateIndex, "_move_rule", lambda _self, _entries: None)


def _pair_matrix(docs: list[newsclean.Document]) -> list[list[float]]:
    config = ShingleConfig.for_mode("story")
    feats = [featurize(d, config, None) for d in docs]
    n = len(docs)
    sims = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s = exact_similarity(feats[i], feats[j], config)
            sims[i][j] = sims[j][i] = s
    return sims


def agglomerative(sims: list[list[float]], threshold: float, linkage: str) -> list[int]:
    """Average-, complete- or single-link clustering over all pairs, stopped at ``threshold``.

    Needs every pair (O(n²) similarities) and the whole corpus at once: a reference, not
    something that runs on a stream.
    """
    import numpy as np

    n = len(sims)
    link = np.array(sims, dtype=np.float64)
    np.fill_diagonal(link, -np.inf)
    size = np.ones(n)
    active = np.ones(n, dtype=bool)
    label = list(range(n))
    while True:
        current = link / np.outer(size, size) if linkage == "average" else link
        current = np.where(np.outer(active, active), current, -np.inf)
        flat = int(np.argmax(current))
        i, j = divmod(flat, n)
        if current[i, j] < threshold:
            break
        if linkage == "average":  # link holds sums of pair similarities
            link[i, :] += link[j, :]
        elif linkage == "complete":
            link[i, :] = np.minimum(link[i, :], link[j, :])
        else:
            link[i, :] = np.maximum(link[i, :], link[j, :])
        link[:, i] = link[i, :]
        link[i, i] = -np.inf
        size[i] += size[j]
        active[j] = False
        label = [i if x == j else x for x in label]
    return label


def best_threshold(grid: list[Any], score: Callable[[Any], float]) -> tuple[Any, float]:
    """The grid value that scores best, the lower on ties (None, "off", lowest of all)."""
    results = [(score(t), t) for t in grid]
    best_score, best_t = max(results, key=lambda r: (r[0], -(r[1] or 0.0)))
    return best_t, best_score


def shuffled_pair_f1(docs: list[newsclean.Document], gold: dict[str, str], **options: Any) -> list[float]:
    """Pairwise F1 of index_labels(**options) over the 10 shuffled input orders every row
    of these benchmarks reports (seeds SEED .. SEED + 9)."""
    scores = []
    for i in range(10):
        order = list(docs)
        random.Random(SEED + i).shuffle(order)
        scores.append(pair_scores(index_labels(order, **options), gold)[2])
    return scores


def _orders(docs: list[newsclean.Document], count: int) -> list[list[newsclean.Document]]:
    """The file order, then ``count - 1`` shuffled orders (the same in every run)."""
    out = [list(docs)]
    for i in range(1, count):
        order = list(docs)
        random.Random(SEED + i).shuffle(order)
        out.append(order)
    return out


def cross_validated(docs: list[newsclean.Document], gold: dict[str, str], topic: dict[str, str],
                    grid: list[Any], folds: int = 5, setting: str = "cluster_threshold",
                    orders: int = 1, options_of: Callable[[Any], dict[str, Any]] | None = None
                    ) -> tuple[float, float, list[Any], tuple[float, float]]:
    """Leave-topics-out: the threshold (``setting``: the cluster threshold, refinement's
    merge threshold, or the join threshold; or the index options ``options_of`` makes of
    a grid value) chosen on 4/5 of the topics by the mean pairwise F1 over ``orders``
    input orders (the file's, then shuffles), scored on the rest: held-out pairwise and
    B-cubed F1 in file order, and the held-out pairwise F1's mean and worst over the same
    orders (each averaged over the folds)."""
    if options_of is None:
        def options_of(t: Any) -> dict[str, Any]:
            return {setting: t}
    topics = sorted(set(topic.values()), key=lambda t: (len(t), t))
    fold_of = {t: i % folds for i, t in enumerate(topics)}
    held_f1, held_b3, held_mean, held_worst, chosen = [], [], [], [], []
    for fold in range(folds):
        train = [d for d in docs if fold_of[topic[d.id]] != fold]
        test = [d for d in docs if fold_of[topic[d.id]] == fold]
        train_gold = {d.id: gold[d.id] for d in train}

        def train_score(t: Any, train: list[newsclean.Document] = train, train_gold: dict[str, str] = train_gold
                        ) -> float:
            scores = [pair_scores(index_labels(o, **options_of(t)), train_gold)[2] for o in _orders(train, orders)]
            return sum(scores) / len(scores)

        threshold, _ = best_threshold(grid, train_score)
        chosen.append(threshold)
        test_gold = {d.id: gold[d.id] for d in test}
        labels = [index_labels(o, **options_of(threshold)) for o in _orders(test, orders)]
        scores = [pair_scores(lab, test_gold)[2] for lab in labels]
        held_f1.append(scores[0])
        held_b3.append(bcubed(labels[0], test_gold)[2])
        held_mean.append(sum(scores) / len(scores))
        held_worst.append(min(scores))
    return (sum(held_f1) / folds, sum(held_b3) / folds, chosen,
            (sum(held_mean) / folds, sum(held_worst) / folds))


PAGE_STORIES = Path(__file__).resolve().parent / "cases" / "page_stories.json"


def benchmark_pages(folder: Path) -> dict[str, object]:
    """Story clusters (refined) of the 181 benchmark pages against the annotated same-story
    groups: how many clusters hold two or more different stories (the goal is none), the
    pairwise precision of the clusters, and the share of annotated same-story pairs that
    share a cluster (of the pairs the annotation read: those the index links)."""
    truth = json.loads((folder / "ground-truth.json").read_text())
    stories: dict[str, str] = json.loads(PAGE_STORIES.read_text("utf-8"))["stories"]
    gold = {key: stories.get(key, key) for key in truth}
    index = newsclean.DuplicateIndex(mode="story")
    for key, value in truth.items():
        index.add(key, value["articleBody"])
    clusters = index.clusters(min_size=1, refine=True)
    # A page of its own story is named by the first 10 characters of its id, as in the file.
    mixed = [sorted({gold[i][:10] if gold[i] == i else gold[i] for i in c.ids})
             for c in clusters if len({gold[i] for i in c.ids}) > 1]
    labels = {doc_id: c.id for c in clusters for doc_id in c.ids}
    precision, recall, _ = pair_scores(labels, gold)
    return {"pages_largest_cluster": max((len(c.ids) for c in clusters), default=0),
            "pages_mixed_clusters": len(mixed), "pages_mixed": mixed,
            "pages_pair_precision": precision, "pages_pair_recall": recall}


def threshold_places(docs: list[newsclean.Document], gold: dict[str, str],
                     topic: dict[str, str]) -> tuple[dict[str, float], dict[str, float]]:
    """The share of ECB+ dev same-topic pair scores (story similarity) below each story
    threshold. When the similarity changes, the thresholds are moved to keep these shares
    (index.py): a mapping read off the scores, not fitted to the clusters. And the share
    of same-story and of same-topic, different-story pairs whose salient terms' weighted
    Jaccard is under the average link's floor (ShingleConfig.link_min_terms)."""
    config = ShingleConfig.for_mode("story")
    feats = {d.id: featurize(d, config, None) for d in docs}
    pairs = [(a, b) for a, b in itertools.combinations(docs, 2) if topic[a.id] == topic[b.id]]
    scores = np.array([exact_similarity(feats[a.id], feats[b.id], config) for a, b in pairs])
    places = {name: float((scores < value).mean()) for name, value in (
        ("pair", newsclean.DEFAULT_THRESHOLDS["story"]), ("cluster", newsclean.DEFAULT_CLUSTER_THRESHOLDS["story"]),
        ("merge", float(DEFAULT_MERGE_THRESHOLD or 0.0)), ("join", float(DEFAULT_JOIN_THRESHOLD or 0.0)))}
    under: dict[bool, list[bool]] = {True: [], False: []}
    for a, b in pairs:
        fa, fb = feats[a.id], feats[b.id]
        terms = weighted_jaccard(fa.term_hashes, fa.term_weights, fb.term_hashes, fb.term_weights)
        under[gold[a.id] == gold[b.id]].append(terms < config.link_min_terms)
    floor = {"same story": float(np.mean(under[True])), "same topic, other story": float(np.mean(under[False]))}
    return places, floor


def suite_clusters(folder: Path) -> list[list[object]]:
    """Story clusters over trafilatura's suite pages (realpages.py reads it), as users meet
    them in a corpus of many languages (701 German pages, 172 English, Spanish, French,
    Polish and others): with story terms weighed by English frequencies, and by each
    page's own language (ShingleConfig.lang="auto", the default). The pages are mostly
    of different stories: clusters here are mostly false links (some are one story on
    two sites, or one article twice)."""
    from urllib.parse import urlparse

    from realpages import load_suite

    docs = []
    for i, (url, item) in enumerate(load_suite(folder).items()):
        try:
            docs.append(newsclean.clean(item["html"], id=str(i), kind="html").with_meta(url=url))
        except newsclean.NewscleanError:
            continue  # a page that cannot be cleaned is not clustered
    by_id = {d.id: d for d in docs}
    rows: list[list[object]] = []
    for setting, name in (("en", "English frequencies (lang='en')"), ("auto", "each page's language (default)")):
        index = newsclean.DuplicateIndex(mode="story", config=ShingleConfig.for_mode("story", lang=setting),
                                         match_urls=False)
        for doc in docs:
            index.add(doc.id, doc)
        clusters = index.clusters(min_size=2, refine=True)
        foreign = [c for c in clusters if any(by_id[i].meta.get("lang") != "en" for i in c.ids)]
        sites = [c for c in clusters if len({urlparse(str(by_id[i].meta["url"])).netloc for i in c.ids}) > 1]
        rows.append([name, len(clusters), sum(len(c.ids) for c in clusters), len(foreign),
                     sum(len(c.ids) for c in foreign), len(sites)])
    return rows


def _refined_labels(docs: dict[str, newsclean.Document], config: ShingleConfig) -> dict[str, str]:
    """Each document's refined story cluster, the documents added in order to one index."""
    index = newsclean.DuplicateIndex(mode="story", config=config)
    for doc_id, doc in docs.items():
        index.add(doc_id, doc)
    return {doc_id: c.id for c in index.clusters(min_size=1, refine=True) for doc_id in c.ids}


def semeval_pair_clusters(folder: Path) -> list[list[object]]:
    """Story clusters over the English articles of a SemEval-2022 Task 8 sample (Chen et
    al. 2022; ``training_set.csv`` and ``testing_set.csv`` of
    github.com/GeekDream-x/SemEval2022-Task8-TonyX, data/, Apache-2.0; read from outside
    the repository), each sample indexed on its own in file order: pairs of articles from
    different outlets rated by annotators (Overall, 1 very similar .. 4 very dissimilar),
    so a held-out view of the clusters as a corpus meets them: how many of the pairs
    rated similar share a cluster (rewrites by other outlets that share few salient
    terms) and how many rated dissimilar do. Rows: sample, rating band, pairs, together
    with the shipped settings and with the average link's terms floor off."""
    bands: list[tuple[str, Callable[[float], bool]]] = [
        ("very similar (Overall <= 1.5)", lambda o: o <= 1.5), ("similar (1.5 < Overall <= 2)", lambda o: 1.5 < o <= 2),
        ("between (2 < Overall < 3.5)", lambda o: 2 < o < 3.5), ("dissimilar (Overall >= 3.5)", lambda o: o >= 3.5)]
    # The shipped settings, and the average link's terms floor off for comparison: the
    # floor (chosen on ECB+ dev against same-topic reports of other events) is what keeps
    # rewrites sharing few salient terms apart.
    settings = {"default": ShingleConfig.for_mode("story"),
                "terms floor off": ShingleConfig.for_mode("story", link_min_terms=0.0)}
    rows: list[list[object]] = []
    for split in ("training_set", "testing_set"):
        path = folder / f"{split}.csv"
        if not path.exists():
            continue
        docs, pairs = semeval_sample(path, lambda one, two: one == two == "en", "en")
        labels = {name: _refined_labels(docs, config) for name, config in settings.items()}
        for band, within in bands:
            chosen = [(a, b) for a, b, overall, _same in pairs if within(overall)]
            counts = [sum(label[a] == label[b] for a, b in chosen) for label in labels.values()]
            rows.append([split.replace("_set", ""), band, len(chosen),
                         *(f"{n} ({n / len(chosen):.0%})" if chosen else "-" for n in counts)])
    return rows


def merge_screen(docs: list[newsclean.Document]) -> dict[str, float]:
    """What refine.LINKAGE_SCREEN leaves out: with the screen off, every pair of clusters
    the merge offers is scored by both its centroid similarity and its average link; how
    many pairs reach the screen, and the lowest centroid similarity of a pair whose
    average link reached 0.40 (the screen must stay below it)."""
    from newsclean.dedup import refine

    seen: list[tuple[float, float]] = []
    last: list[float] = []
    centroid = getattr(refine, "cluster_similarity")  # noqa: B009 - replaced below, so read as an attribute
    screen, average_link = refine.LINKAGE_SCREEN, newsclean.DuplicateIndex._average_link

    def recording_centroid(*args: Any) -> float:
        last.append(centroid(*args))
        return last[-1]

    def recording_link(index: newsclean.DuplicateIndex, entries: Any) -> Callable[[list[str], list[str]], float]:
        link = average_link(index, entries)

        def scored(left: list[str], right: list[str]) -> float:
            value = link(left, right)
            seen.append((last[-1], value))
            return value
        return scored

    setattr(refine, "cluster_similarity", recording_centroid)  # noqa: B010
    refine.LINKAGE_SCREEN = -1.0
    newsclean.DuplicateIndex._average_link = recording_link  # type: ignore[method-assign,assignment]
    try:
        # the merge's offers alone: the split asks the average link too
        with without_split():
            index_labels(docs)
    finally:
        setattr(refine, "cluster_similarity", centroid)  # noqa: B010
        refine.LINKAGE_SCREEN = screen
        newsclean.DuplicateIndex._average_link = average_link  # type: ignore[method-assign]
    high = [c for c, link in seen if link >= 0.40]
    return {"offered": len(seen), "screened_in": sum(c >= screen for c, _ in seen), "linked_040": len(high),
            "lowest_centroid_of_linked": min(high, default=float("nan")),
            "linked_040_screened_out": sum(c < screen for c in high)}


def copies_doubling(text: str, mode: str, sizes: tuple[int, ...] = (500, 1000, 2000, 4000)) -> list[float]:
    """Seconds to cluster k light variants of one story, for each k (best of three).

    The three rounds take the sizes in turn (500, 1000, 2000, 4000, then again), not one
    size three times: on this shared machine a slow minute had landed on one size's
    three runs and read as a ratio of 2.7 per doubling, where cProfile counted every
    function's calls and time growing 4x from 1,000 to 4,000 copies."""
    rng = random.Random(SEED)
    words = text.split()
    variants_of: dict[int, list[str]] = {}
    for k in sizes:
        variants = []
        for i in range(k):
            edited = list(words)
            edited[rng.randrange(len(edited))] = f"w{i}"
            variants.append(" ".join(edited))
        variants_of[k] = variants
    best = dict.fromkeys(sizes, float("inf"))
    for _ in range(3):  # best of three: one run's warm-up or collection made a ratio of 3.35 from 2.2
        for k in sizes:
            start = time.perf_counter()
            index = newsclean.DuplicateIndex(mode=mode)
            for i, v in enumerate(variants_of[k]):
                index.add(str(i), v)
            index.clusters(refine=True)  # what find_duplicates and newsclean dedup return
            best[k] = min(best[k], time.perf_counter() - start)
    return [best[k] for k in sizes]


def semeval_other_language_clusters(folder: Path) -> tuple[list[list[object]], list[list[object]]]:
    """semeval_pair_clusters for the pairs of every other language and pair of languages of
    a SemEval-2022 Task 8 sample: each sample's non-English articles in one index (their
    language read by newsclean), refined; pairs rated similar (Overall <= 2) and dissimilar
    (> 2) that share a cluster, same-language and two-language pairs apart, with the
    default model (vectors centred for de, es, fr, it, ru, tr, zh) and with the
    English-only one (``meaning.ENGLISH_MEANING``: those languages on their terms alone).
    Second, per language of the pair: the same counts with the default settings and under
    format_version 2 (every language's words read as English's: shingles._reading_of)."""
    import csv

    from newsclean.dedup.meaning import ENGLISH_MEANING

    settings = {"default": ShingleConfig.for_mode("story"),
                "English-only model": ShingleConfig.for_mode("story", meaning=ENGLISH_MEANING),
                "format_version 2": ShingleConfig.for_mode("story", format_version=2)}
    rows: list[list[object]] = []
    by_language: list[list[object]] = []
    for split in ("training_set", "testing_set"):
        path = folder / f"{split}.csv"
        if not path.exists():
            continue
        docs, pairs = semeval_sample(path, lambda one, two: not one == two == "en", None)
        with path.open(encoding="utf-8", newline="") as handle:
            language = {tuple(r["pair_id"].split("_")): r["lang1"] if r["lang1"] == r["lang2"] else "two languages"
                        for r in csv.DictReader(handle)}
        labels = [_refined_labels(docs, config) for config in settings.values()]
        for same_language in (True, False):
            for band, within in (("similar (Overall <= 2)", lambda o: o <= 2), ("dissimilar (> 2)", lambda o: o > 2)):
                chosen = [(a, b) for a, b, overall, same in pairs if same == same_language and within(overall)]
                counts = [sum(label[a] == label[b] for a, b in chosen) for label in labels[:2]]
                rows.append([split.replace("_set", ""), "one language" if same_language else "two languages", band,
                             len(chosen), *counts])
        for lang in sorted(set(language.values()), key=lambda k: (k == "two languages", k)):
            bands = [[(a, b) for a, b, overall, _same in pairs
                      if language.get((a, b)) == lang and (overall <= 2) == similar] for similar in (True, False)]
            if not any(bands):
                continue  # English's pairs: semeval_pair_clusters
            by_language.append([split.replace("_set", ""), lang, *(
                " / ".join(str(sum(labels[i][a] == labels[i][b] for a, b in chosen)) for i in (0, 2))
                + f" of {len(chosen)}" for chosen in bands)])
    return rows, by_language


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--quick", action="store_true", help="skip the O(n³) agglomerative references")
    parser.add_argument("--suite", default=os.environ.get("NEWSCLEAN_TRAFILATURA_EVAL"),
                        help="trafilatura's tests folder (see realpages.py): its ~990 pages in many languages, "
                             "mostly of different stories, clustered with story terms weighed in English and "
                             "in each page's language")
    parser.add_argument("--semeval", default=os.environ.get("NEWSCLEAN_SEMEVAL"),
                        help="data/ of github.com/GeekDream-x/SemEval2022-Task8-TonyX (see meaning.py): its "
                             "English article pairs, rated by annotators, clustered as a corpus")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    if not require(root / "ecbplus-dev", "story-cluster benchmark"):
        return {}
    docs, gold, topic = load_ecb(root)
    results: dict[str, object] = {"documents": len(docs), "stories": len(set(gold.values()))}
    rows = []
    online = index_labels(docs, refine=False)
    p, r, f = pair_scores(online, gold)
    bp, br, bf = bcubed(online, gold)
    results["online"] = {"pair": [p, r, f], "bcubed": [bp, br, bf]}
    rows.append(["DuplicateIndex, online (as add assigns), default threshold", p, r, f, bf,
                 f"{max(Counter(online.values()).values())}"])
    index = newsclean.DuplicateIndex(mode="story")
    for doc in docs:
        index.add(doc.id, doc)
    start = time.perf_counter()
    refined = index.clusters(min_size=1, refine=True)
    results["refine_seconds"] = time.perf_counter() - start
    labels = {doc_id: cluster.id for cluster in refined for doc_id in cluster.ids}
    p, r, f = pair_scores(labels, gold)
    bp, br, bf = bcubed(labels, gold)
    results["index"] = {"pair": [p, r, f], "bcubed": [bp, br, bf]}
    rows.append(["find_duplicates / clusters(refine=True), default threshold", p, r, f, bf,
                 f"{max(Counter(labels.values()).values())}"])
    shuffled_f1, shuffled_b3, online_f1 = [], [], []
    for i in range(10):
        order = list(docs)
        random.Random(SEED + i).shuffle(order)
        shuffled = index_labels(order)
        shuffled_f1.append(pair_scores(shuffled, gold)[2])
        shuffled_b3.append(bcubed(shuffled, gold)[2])
        online_f1.append(pair_scores(index_labels(order, refine=False), gold)[2])
    results["shuffles"] = {"pair_f1_mean": sum(shuffled_f1) / 10, "pair_f1_worst": min(shuffled_f1),
                           "bcubed_f1_mean": sum(shuffled_b3) / 10, "bcubed_f1_worst": min(shuffled_b3),
                           "online_pair_f1_mean": sum(online_f1) / 10, "online_pair_f1_worst": min(online_f1)}
    # The same without refinement's split and without its move rule, for comparison.
    for key, ablation in (("no_split", without_split), ("no_move_rule", without_move_rule)):
        with ablation():
            labels = index_labels(docs)
            scores = [pair_scores(labels, gold)[2], *shuffled_pair_f1(docs, gold)]
        results[key] = {"pair_f1": scores[0], "bcubed_f1": bcubed(labels, gold)[2],
                        "shuffle_mean": sum(scores[1:]) / 10, "shuffle_worst": min(scores[1:])}
    # Terms alone (meaning=""), as for a language the embedding does not cover. Its own
    # cluster threshold would be lower (leave-topics-out over topics and input orders
    # chose 0.32-0.40, median 0.38, for 0.42), but scoring terms alone that much higher
    # against clusters made two more false clusters of unrelated French and Polish pages
    # in trafilatura's suite (--suite), so terms alone keep the pair's scale.
    terms_only = ShingleConfig.for_mode("story", meaning="")
    alone = index_labels(docs, config=terms_only)
    alone_f1 = shuffled_pair_f1(docs, gold, config=terms_only)
    p, r, f = pair_scores(alone, gold)
    results["terms_alone"] = {"pair": [p, r, f], "bcubed_f1": bcubed(alone, gold)[2],
                              "shuffle_mean": sum(alone_f1) / 10, "shuffle_worst": min(alone_f1)}
    rows.append(["terms alone (meaning off, as for a language the embedding does not cover), refined", p, r, f,
                 results["terms_alone"]["bcubed_f1"], f"{max(Counter(alone.values()).values())}"])
    grid = [round(0.30 + 0.02 * i, 2) for i in range(16)]
    cv_f1, cv_b3, chosen, _orders_cv = cross_validated(docs, gold, topic, grid)
    results["cross_validated"] = {"pair_f1": cv_f1, "bcubed_f1": cv_b3, "thresholds": chosen}
    # Refinement's merge by average link (DEFAULT_MERGE_THRESHOLD): its threshold by the
    # same cross-validation (1.0: practically no merging).
    merge_grid = [0.40, 0.42, 0.44, 0.46, 0.48, 0.50, 0.55, 0.60, 1.0]
    merge_f1, merge_b3, merge_chosen, _orders_cv = cross_validated(docs, gold, topic, merge_grid,
                                                                   setting="merge_threshold")
    results["cross_validated_merge"] = {"pair_f1": merge_f1, "bcubed_f1": merge_b3, "thresholds": merge_chosen}
    # The join rule (DEFAULT_JOIN_THRESHOLD) is about input order: chosen over the file
    # order and three shuffles, and held out with it and without (None: the rule off).
    join_grid = [None, 0.44, 0.46, 0.48, 0.50, 0.52, 0.55]
    join_cv = cross_validated(docs, gold, topic, join_grid, setting="join_threshold", orders=4)
    join_off = cross_validated(docs, gold, topic, [None], setting="join_threshold", orders=4)
    results["cross_validated_join"] = {"pair_f1": join_cv[0], "bcubed_f1": join_cv[1], "thresholds": join_cv[2],
                                       "orders_mean": join_cv[3][0], "orders_worst": join_cv[3][1],
                                       "off": {"pair_f1": join_off[0], "orders_mean": join_off[3][0],
                                               "orders_worst": join_off[3][1]}}
    # The average link's terms floor (ShingleConfig.link_min_terms): a pair of reports
    # sharing fewer salient terms than this links 0 (0.0: the floor off), chosen over the
    # file order and three shuffles.
    floor_grid = [0.0, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10]

    def floor_options(floor: float) -> dict[str, Any]:
        return {"config": ShingleConfig.for_mode("story", link_min_terms=floor)}

    floor_cv = cross_validated(docs, gold, topic, floor_grid, orders=4, options_of=floor_options)
    floor_off = cross_validated(docs, gold, topic, [0.0], orders=4, options_of=floor_options)
    # the shipped floor on every fold, chosen on none of them
    floor_fixed = cross_validated(docs, gold, topic, [ShingleConfig().link_min_terms], orders=4,
                                  options_of=floor_options)
    results["cross_validated_link_floor"] = {
        "pair_f1": floor_cv[0], "bcubed_f1": floor_cv[1], "floors": floor_cv[2],
        "orders_mean": floor_cv[3][0], "orders_worst": floor_cv[3][1],
        "off": {"pair_f1": floor_off[0], "bcubed_f1": floor_off[1], "orders_mean": floor_off[3][0],
                "orders_worst": floor_off[3][1]},
        "fixed": {"pair_f1": floor_fixed[0], "bcubed_f1": floor_fixed[1], "orders_mean": floor_fixed[3][0],
                  "orders_worst": floor_fixed[3][1]}}
    if not args.quick:
        sims = _pair_matrix(docs)
        ids = [d.id for d in docs]
        pair_threshold = newsclean.DEFAULT_THRESHOLDS["story"]
        for linkage, thresholds in (("single", [pair_threshold]), ("average", [0.3, 0.35, 0.4, 0.45, 0.5]),
                                    ("complete", [0.25, 0.3, 0.35, 0.4])):
            best: tuple[float, ...] | None = None
            for t in thresholds:
                label = agglomerative(sims, t, linkage)
                assignment = {ids[i]: str(label[i]) for i in range(len(ids))}
                scores = (*pair_scores(assignment, gold), bcubed(assignment, gold)[2],
                          max(Counter(label).values()), t)
                if best is None or scores[2] > best[2]:
                    best = scores
            assert best is not None
            name = f"{linkage}-link over all pairs" + (" (pair threshold)" if linkage == "single" else
                                                         f" (best threshold {best[5]})")
            rows.append([name, best[0], best[1], best[2], best[3], f"{int(best[4])}"])
    from corpus_scale import corpus

    synthetic = [newsclean.Document(text=r["text"], id=r["id"]) for r in corpus(root, 3000)]
    results["threshold_places"], results["link_floor_places"] = threshold_places(docs, gold, topic)
    screens = {"ECB+ dev": merge_screen(docs), "3,000 synthetic articles (corpus_scale.py)": merge_screen(synthetic)}
    results["merge_screen"] = screens
    # The 181 benchmark pages: no story cluster may hold two different stories. They come
    # from a few days of news, so some pages do report one story; which ones is our own
    # reading (cases/page_stories.json), and the rest are stories of their own.
    folder = root / "article-extraction-benchmark"
    if folder.exists():
        results.update(benchmark_pages(folder))
        with without_move_rule():
            unruled = benchmark_pages(folder)
        results["pages_without_move_rule"] = {key: unruled[key] for key in
                                              ("pages_mixed_clusters", "pages_pair_precision", "pages_pair_recall")}
    suite_rows = suite_clusters(Path(args.suite)) if args.suite else []
    semeval_rows = semeval_pair_clusters(Path(args.semeval)) if args.semeval else []
    other_language_rows, language_rows = (semeval_other_language_clusters(Path(args.semeval)) if args.semeval
                                          else ([], []))
    article = docs[0].text if docs else ""
    for mode in ("copy", "story"):
        seconds = copies_doubling(article, mode)
        results[f"copies_{mode}_seconds"] = seconds
        results[f"copies_{mode}_ratio_per_doubling"] = max(b / a for a, b in itertools.pairwise(seconds))
    shuffles, terms_alone, no_split = results["shuffles"], results["terms_alone"], results["no_split"]
    no_move = results["no_move_rule"]
    assert isinstance(shuffles, dict) and isinstance(terms_alone, dict) and isinstance(no_split, dict)
    assert isinstance(no_move, dict)
    results["markdown"] = "\n\n".join([
        f"### Story clusters on ECB+ dev ({len(docs)} documents, {results['stories']} stories)",
        table(["method", "pair P", "pair R", "pair F1", "B-cubed F1", "largest"], rows),
        f"Input order, 10 shuffles (refined): pairwise F1 mean {shuffles['pair_f1_mean']:.3f}, worst "
        f"{shuffles['pair_f1_worst']:.3f}; B-cubed F1 mean {shuffles['bcubed_f1_mean']:.3f}, worst "
        f"{shuffles['bcubed_f1_worst']:.3f} (online: pairwise F1 mean {shuffles['online_pair_f1_mean']:.3f}, "
        f"worst {shuffles['online_pair_f1_worst']:.3f}). Terms alone: 10 shuffles, pairwise F1 mean "
        f"{terms_alone['shuffle_mean']:.3f}, worst {terms_alone['shuffle_worst']:.3f}. Without refinement's "
        f"split (refine.split_story_clusters): pairwise F1 {no_split['pair_f1']:.3f} in file order, 10 shuffles "
        f"mean {no_split['shuffle_mean']:.3f}, worst {no_split['shuffle_worst']:.3f}. Without its move rule "
        f"(DuplicateIndex._move_rule): {no_move['pair_f1']:.3f} / {no_move['bcubed_f1']:.3f} in file order, "
        f"10 shuffles mean {no_move['shuffle_mean']:.3f}, worst {no_move['shuffle_worst']:.3f}.",
        f"Refinement of the {len(docs)} documents (file order) took {results['refine_seconds']:.2f} s.",
        f"Cluster threshold by leave-topics-out cross-validation (5 folds): held-out pairwise F1 "
        f"{cv_f1:.3f}, B-cubed F1 {cv_b3:.3f}; thresholds chosen per fold {chosen}.",
        "Story thresholds among ECB+ dev's same-topic pair scores (share below each; index.py keeps these "
        "shares when the similarity changes): " + ", ".join(
            f"{name} {value:.1%}" for name, value in results["threshold_places"].items()) + ".",
        "Merge screen (refine.LINKAGE_SCREEN): " + "; ".join(
            f"{name}: {m['offered']:,} cluster pairs offered, {m['screened_in']:,} at the screen or above; "
            f"{m['linked_040']} reached average link 0.40, the lowest centroid similarity among them "
            f"{m['lowest_centroid_of_linked']:.3f}, {m['linked_040_screened_out']} below the screen"
            for name, m in screens.items()) + ".",
        f"Refinement's merge threshold by the same cross-validation (1.0: no merging): held-out pairwise F1 "
        f"{merge_f1:.3f}, B-cubed F1 {merge_b3:.3f}; thresholds chosen per fold {merge_chosen}.",
        "Join threshold by the same cross-validation, chosen on the mean over the file order and three "
        f"shuffles (None: the rule off): held-out pairwise F1 in file order {join_cv[0]:.3f} (rule off "
        f"{join_off[0]:.3f}), over the four orders mean {join_cv[3][0]:.3f} (off {join_off[3][0]:.3f}), worst "
        f"{join_cv[3][1]:.3f} (off {join_off[3][1]:.3f}); thresholds chosen per fold {join_cv[2]}.",
        "Average link's terms floor (ShingleConfig.link_min_terms) by the same cross-validation over the file "
        f"order and three shuffles (0.0: the floor off): held-out pairwise F1 in file order "
        f"{floor_cv[0]:.3f} (off {floor_off[0]:.3f}), B-cubed {floor_cv[1]:.3f} (off {floor_off[1]:.3f}), over "
        f"the four orders mean {floor_cv[3][0]:.3f} (off {floor_off[3][0]:.3f}), worst {floor_cv[3][1]:.3f} "
        f"(off {floor_off[3][1]:.3f}); floors chosen per fold {floor_cv[2]}. The shipped floor "
        f"({ShingleConfig().link_min_terms}) on every held-out fold: file order {floor_fixed[0]:.3f}, four orders "
        f"mean {floor_fixed[3][0]:.3f}, worst {floor_fixed[3][1]:.3f}. Pairs of ECB+ dev whose salient terms share "
        "under the floor: " + ", ".join(f"{name} {share:.1%}" for name, share in results["link_floor_places"].items())
        + ".",
        f"181 benchmark pages (a few days of news; same-story groups annotated in cases/page_stories.json): "
        f"{results.get('pages_mixed_clusters')} story clusters hold two or more different stories (goal: none) "
        f"{results.get('pages_mixed')}; pairwise precision {results.get('pages_pair_precision', 0.0):.3f}, "
        f"annotated same-story pairs clustered together {results.get('pages_pair_recall', 0.0):.3f}; "
        f"largest cluster {results.get('pages_largest_cluster')}; without refinement's move rule: "
        + ", ".join(f"{value:.3f}" if isinstance(value, float) else str(value)
                    for value in dict(results.get("pages_without_move_rule") or {}).values())
        + " (mixed clusters, pairwise precision, annotated pairs together).",
        f"k copies of one story (k = 500..4000): time ratio per doubling, copy mode "
        f"{results['copies_copy_ratio_per_doubling']:.2f}, story mode {results['copies_story_ratio_per_doubling']:.2f}.",
        *(["### A corpus of many languages: trafilatura's suite pages (cleaned from HTML, mostly different "
           "stories), story clusters of two or more pages",
           table(["story terms weighed by", "clusters", "pages in them", "clusters with a non-English page",
                  "their pages", "clusters spanning sites"], suite_rows)] if suite_rows else []),
        *(["### Rated pairs as a corpus meets them: SemEval-2022 Task 8's English article pairs (two outlets "
           "each), each sample's articles clustered in one index; pairs that share a cluster, by the "
           "annotators' rating (held out: nothing was chosen on the testing sample)",
           table(["sample", "rating", "pairs", "in one cluster", "with the terms floor off"], semeval_rows)] if semeval_rows else []),
        *(["### The same for the task's other languages (de, es, pl, tr, zh, ar, it, fr, ru and pairs of two: "
           "de-en, zh-en, es-it, es-en, pl-en, de-fr), the vectors centred on each language's news (meaning.py; "
           "made from the training sample's articles) against the English-only model",
           table(["sample", "pairs of", "rating", "pairs", "in one cluster", "English-only model"],
                 other_language_rows),
           "By language of the pair: pairs in one cluster, this release / format_version 2 (every language's "
           "words read as English's; shingles._reading_of)",
           table(["sample", "language", "rated similar", "rated dissimilar"], language_rows)]
          if other_language_rows else []),
    ])
    results["semeval_other_language_clusters"] = other_language_rows
    results["semeval_language_clusters"] = language_rows
    results["suite_clusters"] = suite_rows
    results["semeval_pair_clusters"] = semeval_rows
    print(results["markdown"])
    return results


if __name__ == "__main__":
    main()

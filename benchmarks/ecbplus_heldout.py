"""Same story on ECB+'s held-out test topics (36-45): the pair similarity and the clusters.

``../shared/data/ecbplus-dev`` holds topics 1-35 of ECB+ (development data: the story
thresholds and weights were chosen there). Its test topics, 36-45 (the split of Cybulska
& Vossen 2015), are kept apart; this script reads them from a checkout of
github.com/anastasia-zhukova/Diverse_CDCR_datasets (``--cdcr DIR`` or
``NEWSCLEAN_ECBPLUS_CDCR``; its ``ECBplus-prep/output_data/test_parsing/<topic>ecb[plus]/``
files, one JSON a document, CC BY 3.0 as ECB+ itself) and measures, without choosing
anything on them:

- the pair similarity (``newsclean.similarity(mode="story")``): AUC of same-story pairs
  against same-topic, different-story pairs (the trap), and against every pair of two
  topics; the graded correlation (same story 2, same topic 1, other topics 0);
- the clusters as ``story_clusters.py`` measures them on dev: pairwise and B-cubed F1 of
  ``find_duplicates`` (refined) and of the online assignment, in file order and over 10
  shuffles;
- from the same checkout, NewsWCL50's 50 articles (ten events, five outlets each from left
  to right; load_newswcl50): the same cluster measures, alone and among the ECB+ test
  documents;
- and MEANTIME's 120 Wikinews articles in four languages (load_meantime): how many distinct
  stories of one topic share clusters, without dates and with a time window.

The files hold tokenised text (``did n't``, ``$ 160``, ``eight - year``); it is joined back
the way the shared dev file was (``didn't``, ``$160``, ``eight-year``), title, a blank line,
then the body. Documents under 100 letter-words are left out, as on dev.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import regex

import newsclean
from _common import AGREEMENT_SHARE, NEIGHBOURHOOD_SIZES, agreement_scores, auc, neighbourhood_centred, table
from story_clusters import (
    _LETTER_WORD,
    SEED,
    bcubed,
    index_labels,
    pair_scores,
    shuffled_pair_f1,
    without_move_rule,
    without_split,
)

TEST_TOPICS = range(36, 46)
CLUSTER_THRESHOLD = newsclean.DEFAULT_CLUSTER_THRESHOLDS["story"]
_DETOKENIZE = (
    (regex.compile(r" (n't|'s|'ve|'re|'m|'ll|'d)\b"), r"\1"),
    (regex.compile(r"\$ (?=\d)"), "$"),
    (regex.compile(r"(?<=\w) - (?=\w)"), "-"),
    (regex.compile(r" ([:;%])"), r"\1"),
    (regex.compile(r"(?<=\w) (?=[,.!?](?:\s|$))"), ""),
)


def detokenize(text: str) -> str:
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text


def load_test_topics(cdcr: Path) -> list[dict[str, str]]:
    """The test topics' documents (topic, sub-topic, number order) as records of the
    shared dev file's shape: id, title, text, story, topic."""
    base = cdcr / "ECBplus-prep" / "output_data" / "test_parsing"
    records = []
    for topic in TEST_TOPICS:
        for sub in ("ecb", "ecbplus"):
            folder = base / f"{topic}{sub}"
            files = sorted(folder.glob(f"{topic}_*{sub}.json"),
                           key=lambda p: int(p.stem.split("_")[1].removesuffix(sub)))
            for path in files:
                if not path.stem.endswith(sub) or (sub == "ecb" and path.stem.endswith("ecbplus")):
                    continue
                data = json.loads(path.read_text("utf-8"))
                title, body = detokenize(data.get("title") or ""), detokenize(data.get("text") or "")
                records.append({"id": f"ecbplus/{path.stem}", "title": title,
                                "text": f"{title}\n\n{body}" if title else body,
                                "story": f"ecbplus/{topic}{sub}", "topic": f"ecbplus/{topic}"})
    return records


def _conll_documents(path: Path) -> dict[str, list[str]]:
    """The documents of a checkout's CoNLL file (document, sentence, position, token
    columns), each its sentences in order, tokens joined back (detokenize)."""
    sentences: dict[str, dict[int, list[str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            doc, sentence, _position, token = line.rstrip("\n").split("\t")[:4]
            sentences.setdefault(doc, {}).setdefault(int(sentence), []).append(token)
    return {doc: [detokenize(" ".join(tokens)) for _n, tokens in sorted(parts.items())]
            for doc, parts in sentences.items()}


def load_newswcl50(cdcr: Path) -> list[dict[str, str]]:
    """NewsWCL50 (Hamborg et al. 2019, "Automated identification of media bias by word
    choice and labeling in news articles"; github.com/fhamborg/NewsWCL50) as the same
    checkout holds it, ``NewsWCL50-prep/output_data/NewsWCL50.conll``: 50 articles on 10
    events of 2018, each event reported by five outlets from left to right (``0_L``,
    ``0_LL``, ``0_M``, ``0_R``, ``0_RR``). One story an event: cross-outlet rewrites with
    their own framing. Records of the dev file's shape (text joined back from tokens,
    "\\n" tokens ending paragraphs); empty where the file is missing."""
    path = cdcr / "NewsWCL50-prep" / "output_data" / "NewsWCL50.conll"
    if not path.exists():
        return []
    records = []
    for doc, sentences in _conll_documents(path).items():
        text = " ".join(sentences)
        text = regex.sub(r"\s*\\n\s*", "\n\n", text).strip()
        event = doc.split("/")[0]
        records.append({"id": f"newswcl50/{doc}", "title": "", "text": text, "story": f"newswcl50/{event}",
                        "topic": f"newswcl50/{event}"})
    return records


def load_meantime(cdcr: Path, lang: str) -> list[newsclean.Document]:
    """MEANTIME (Minard et al. 2016, NewsReader; CC BY 4.0) as the same checkout holds it,
    ``MEANTIME-prep/output_data/<lang>/meantime.conll``: 120 English Wikinews articles of
    2005-2013 in four topic corpora (Airbus and Boeing, Apple, General Motors and the car
    makers, stock markets), and their Italian, Spanish and Dutch translations. Documents
    with their headline (the first sentence) as title and, where the dateline reads as one,
    their date in ``meta``; empty where the file is missing."""
    from newsclean.boilerplate.metadata import find_date

    path = cdcr / "MEANTIME-prep" / "output_data" / lang / "meantime.conll"
    if not path.exists():
        return []
    docs = []
    for doc, (headline, *body) in _conll_documents(path).items():
        text = " ".join(body)
        found = find_date(text[:40])  # the dateline: "March 01, 2008 Northrop Grumman and ..."
        meta = {"lang": lang, **({"date": found[0]} if found else {})}
        docs.append(newsclean.Document(id=f"meantime/{lang}/{doc}", title=headline, text=text, meta=meta))
    return docs


def meantime_rows(languages: dict[str, list[newsclean.Document]]) -> list[list[object]]:
    """Story clusters of MEANTIME's articles, one index a language: the articles that share
    a cluster and the clusters of two or more, without dates (the default) and with each
    article's date and ``window_days`` 30 and 7. Wikinews writes one article a story, so
    nearly every shared cluster joins two stories of one topic (a few are one event's
    follow-ups: General Motors' bankruptcy filing and the rescue plan of the same day)."""
    rows: list[list[object]] = []
    for lang, docs in languages.items():
        row: list[object] = [lang, len(docs), sum("date" in d.meta for d in docs)]
        # the pairs of one topic corpus (distinct stories) that reach the cluster threshold
        topic = [(a, b) for a, b in itertools.combinations(docs, 2) if a.id.split("/")[2] == b.id.split("/")[2]]
        reaching = sum(newsclean.similarity(a, b, mode="story") >= CLUSTER_THRESHOLD for a, b in topic)
        row.append(f"{reaching / len(topic):.1%}")
        for window in (None, 30, 7):
            sizes = Counter(index_labels(docs, window_days=window).values())
            row.append(f"{sum(n for n in sizes.values() if n > 1)} / {sum(n > 1 for n in sizes.values())}")
        rows.append(row)
    return rows


def meantime_across_languages(languages: dict[str, list[newsclean.Document]]) -> list[list[object]]:
    """MEANTIME's four languages in one index, as a multilingual corpus meets them: each
    article's translations are one story in four languages (same content, other words),
    and its topic's other articles are other stories. Rows, without dates and with
    ``window_days`` 30: translation pairs sharing a cluster, articles whose four versions
    share one cluster, clusters joining two or more articles (in any languages) and the
    articles in them; meantime_rows gives each language alone, for comparison."""
    versions = {lang: {doc.id.split("/", 2)[2]: doc for doc in docs} for lang, docs in languages.items()}
    articles = sorted(set.intersection(*(set(docs) for docs in versions.values()))) if len(versions) > 1 else []
    if not articles:
        return []
    docs = [versions[lang][article] for article in articles for lang in versions]
    rows: list[list[object]] = []
    for window in (None, 30):
        labels = index_labels(docs, window_days=window)
        together = [labels[f"meantime/{a}/{k}"] == labels[f"meantime/{b}/{k}"]
                    for k in articles for a, b in itertools.combinations(versions, 2)]
        whole = sum(len({labels[f"meantime/{lang}/{k}"] for lang in versions}) == 1 for k in articles)
        held: dict[str, set[str]] = {}
        for doc_id, label in labels.items():
            held.setdefault(label, set()).add(doc_id.split("/", 2)[2])
        joined = [len(ids) for ids in held.values() if len(ids) > 1]
        rows.append(["none (default)" if window is None else f"window_days={window}",
                     f"{sum(together)} of {len(together)}", f"{whole} of {len(articles)}",
                     f"{len(joined)} / {sum(joined)}"])
    return rows


def _cluster_row(docs: list[newsclean.Document], gold: dict[str, str], *, refine: bool = True) -> list[float]:
    """Clusters (refined, or as add assigns) in file order and over 10 shuffles: pairwise
    P, R, F1, B-cubed F1, the shuffles' mean and worst pairwise F1, the largest cluster."""
    labels = index_labels(docs, refine=refine)
    shuffled = shuffled_pair_f1(docs, gold, refine=refine)
    return [*pair_scores(labels, gold), bcubed(labels, gold)[2], sum(shuffled) / 10, min(shuffled),
            max(Counter(labels.values()).values())]


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None, help="unused: the test topics are not in the shared data")
    parser.add_argument("--cdcr", default=os.environ.get("NEWSCLEAN_ECBPLUS_CDCR"),
                        help="a checkout of github.com/anastasia-zhukova/Diverse_CDCR_datasets")
    args = parser.parse_args(argv)
    if not args.cdcr or not (Path(args.cdcr) / "ECBplus-prep").is_dir():
        print("skipped: ECB+ test topics (give --cdcr, a checkout of Diverse_CDCR_datasets)")
        return {}
    records = [r for r in load_test_topics(Path(args.cdcr)) if len(_LETTER_WORD.findall(r["text"])) >= 100]
    docs = [newsclean.clean(r["text"], id=r["id"], kind="text") for r in records]
    gold = {r["id"]: r["story"] for r in records}
    topic = {r["id"]: r["topic"] for r in records}
    results: dict[str, object] = {"documents": len(docs), "stories": len(set(gold.values())),
                                  "topics": len(set(topic.values()))}
    # Pairs: every pair within a topic, and a seeded sample of pairs across topics as large.
    same, trap, other = [], [], []
    by_id = {d.id: d for d in docs}
    for a, b in itertools.combinations(docs, 2):
        if topic[a.id] == topic[b.id]:
            (same if gold[a.id] == gold[b.id] else trap).append((a.id, b.id))
        else:
            other.append((a.id, b.id))
    other = random.Random(SEED).sample(other, min(len(other), len(same) + len(trap)))

    def score(pairs: list[tuple[str, str]]) -> list[float]:
        return [newsclean.similarity(by_id[a], by_id[b], mode="story") for a, b in pairs]

    s_same, s_trap, s_other = score(same), score(trap), score(other)
    # The agreement term, tried and left out (design.md), on the same pairs.
    from newsclean.dedup.features import featurize, weighted_jaccard
    from newsclean.dedup.meaning import cosine
    from newsclean.dedup.shingles import ShingleConfig

    pair_config = ShingleConfig.for_mode("story", min_words=0)
    feats = {d.id: featurize(d, pair_config, None) for d in docs}

    def agreeing(pairs: list[tuple[str, str]]) -> list[float]:
        fa = [(feats[a], feats[b]) for a, b in pairs]
        roots = [weighted_jaccard(x.term_hashes, x.term_weights, y.term_hashes, y.term_weights) ** 0.5 for x, y in fa]
        cosines = [cosine(x.vector, y.vector) if x.vector.size and y.vector.size else float("nan") for x, y in fa]
        return list(agreement_scores(roots, cosines))

    agreement_auc = auc(agreeing(same), agreeing(trap))
    # Not shipped (design.md, *Vectors centred on their neighbourhood*), on the same pairs.
    centred_auc = {}
    for k in NEIGHBOURHOOD_SIZES:
        centred = neighbourhood_centred(feats, pair_config, k=k)
        centred_auc[k] = auc([centred(a, b) for a, b in same], [centred(a, b) for a, b in trap])
    grades = np.array([2.0] * len(s_same) + [1.0] * len(s_trap) + [0.0] * len(s_other))
    values = np.array(s_same + s_trap + s_other)
    threshold = newsclean.DEFAULT_THRESHOLDS["story"]
    trap_reaching = sum(s >= CLUSTER_THRESHOLD for s in s_trap) / max(1, len(s_trap))
    tp = sum(s >= threshold for s in s_same)
    fp = sum(s >= threshold for s in s_other)
    results["pairs"] = {
        "same_story": len(same), "same_topic_other_story": len(trap), "other_topics": len(other),
        "auc_vs_same_topic": auc(s_same, s_trap), "auc_vs_other_topics": auc(s_same, s_other),
        "pearson_graded": float(np.corrcoef(values, grades)[0, 1]),
        "f1_default_threshold_vs_other_topics": 2 * tp / (2 * tp + fp + len(s_same) - tp),
        "same_topic_other_story_at_cluster_threshold": trap_reaching,
        "auc_vs_same_topic_with_agreement_term": agreement_auc,
        "auc_vs_same_topic_neighbourhood_centred": centred_auc,
    }
    rows = []
    runs = (("find_duplicates / clusters(refine=True)", True, contextlib.nullcontext),
            ("refined without the split (for comparison)", True, without_split),
            ("refined without the move rule (for comparison)", True, without_move_rule),
            ("online, as add assigns", False, contextlib.nullcontext))
    for name, refine, ablation in runs:
        with ablation():
            row = _cluster_row(docs, gold, refine=refine)
        results[name] = {"pair": row[:3], "bcubed_f1": row[3], "shuffle_mean": row[4], "shuffle_worst": row[5]}
        rows.append([name, *row])
    # NewsWCL50: five outlets' reports of each of ten events, alone and among the ECB+
    # test documents (whose events they must not join).
    wcl_records = load_newswcl50(Path(args.cdcr))
    wcl_rows: list[list[object]] = []
    if wcl_records:
        wcl_docs = [newsclean.clean(r["text"], id=r["id"], kind="text", lang="en") for r in wcl_records]
        wcl_gold = {r["id"]: r["story"] for r in wcl_records}
        wcl_rows.append(["NewsWCL50 alone (50 articles, 10 events)", *_cluster_row(wcl_docs, wcl_gold)])
        wcl_rows.append(["NewsWCL50 with the ECB+ test documents",
                         *_cluster_row(wcl_docs + docs, {**wcl_gold, **gold})])
        results["newswcl50"] = wcl_rows
    # MEANTIME: topic corpora of distinct stories over eight years, where nothing but a
    # report's date tells two product launches or two market falls of one topic apart.
    meantime = {lang: docs for lang in ("en", "it", "es", "nl") if (docs := load_meantime(Path(args.cdcr), lang))}
    mt_rows = meantime_rows(meantime)
    if mt_rows:
        results["meantime"] = mt_rows
    mt_across = meantime_across_languages(meantime)
    if mt_across:
        results["meantime_across_languages"] = mt_across
    pairs = results["pairs"]
    assert isinstance(pairs, dict)
    results["markdown"] = "\n\n".join([
        f"### ECB+ held-out test topics 36-45 ({len(docs)} documents, {results['stories']} stories, "
        f"{results['topics']} topics; nothing chosen on them)",
        f"Pairs, `similarity(mode=\"story\")`: AUC same story vs same topic {pairs['auc_vs_same_topic']:.3f} "
        f"({pairs['same_story']} vs {pairs['same_topic_other_story']} pairs), vs other topics "
        f"{pairs['auc_vs_other_topics']:.3f}; graded Pearson {pairs['pearson_graded']:.3f}; F1 at the default "
        f"threshold (same story vs other topics) {pairs['f1_default_threshold_vs_other_topics']:.3f}; same-topic, "
        f"different-story pairs at the cluster threshold ({CLUSTER_THRESHOLD}): "
        f"{pairs['same_topic_other_story_at_cluster_threshold']:.1%}. With the agreement term "
        f"{AGREEMENT_SHARE} (tried, left out: design.md), AUC same story vs same topic "
        f"{pairs['auc_vs_same_topic_with_agreement_term']:.3f}. With each meaning vector centred on its nearest "
        f"documents in this corpus (not shipped: design.md), AUC same story vs same topic "
        + ", ".join(f"{value:.3f} ({k} neighbours)" for k, value in centred_auc.items()) + ".",
        table(["clusters", "pair P", "pair R", "pair F1", "B-cubed F1", "10 shuffles: mean F1", "worst",
               "largest"], rows),
        *(["### NewsWCL50 (held out): ten events of 2018, each reported by five outlets from left to right "
           "(`find_duplicates`, refined; one story an event)",
           table(["documents", "pair P", "pair R", "pair F1", "B-cubed F1", "10 shuffles: mean F1", "worst",
                  "largest"], wcl_rows)] if wcl_rows else []),
        *(["### MEANTIME (held out): Wikinews articles of 2005-2013 in four topic corpora, one story an "
           "article; articles sharing a cluster / clusters of 2+ (`find_duplicates`, refined)",
           table(["language", "articles", "dated", "pairs of one topic at the cluster threshold",
                  "no window (default)", "window_days=30", "window_days=7"],
                 mt_rows)] if mt_rows else []),
        *(["### MEANTIME's four languages in one index (held out): each article and its Italian, Spanish and "
           "Dutch translations are one story told in four languages (`find_duplicates`, refined)",
           table(["time window", "translation pairs sharing a cluster", "articles whose four versions share one",
                  "clusters joining 2+ articles / articles in them"], mt_across)] if mt_across else []),
    ])
    print(results["markdown"])
    return results


if __name__ == "__main__":
    main()

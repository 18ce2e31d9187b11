"""One document reduced to what dedup needs: its signature, and for story mode its terms.

Kept apart from the index so that :func:`~newsclean.similarity` and
:class:`~newsclean.DuplicateIndex` compute exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsclean.dedup.minhash import MinHasher
from newsclean.dedup.shingles import (
    ShingleConfig,
    copy_shingles_and_words,
    letter_words,
    story_shingles,
    story_terms,
    token_hash,
)
from newsclean.document import Document
from newsclean.errors import InputError, describe_type

__all__ = ["Features", "featurize", "text_and_title"]


@dataclass(frozen=True)
class Features:
    """What one document contributes to duplicate detection."""

    words: int
    signature: npt.NDArray[np.uint32]
    # story mode: salient terms, their hashes and weights (empty in copy mode)
    terms: tuple[str, ...]
    term_hashes: npt.NDArray[np.uint32]
    term_weights: npt.NDArray[np.float32]
    # copy mode: the distinct shingle hashes (used for exact pairwise similarity only)
    shingles: npt.NDArray[np.uint32]

    def too_short(self, config: ShingleConfig) -> bool:
        return self.words < config.min_words


def text_and_title(item: object) -> tuple[str, str]:
    """The text and title of a :class:`Document` or a ``str``; anything else is an error."""
    if isinstance(item, Document):
        return item.text, item.title
    if isinstance(item, str):
        return item, ""
    raise InputError(f"expected a Document or str, got {describe_type(item)}")


def featurize(item: object, config: ShingleConfig, hasher: MinHasher | None) -> Features:
    """Reduce a document for dedup; without a ``hasher`` the signature is left empty
    (exact comparisons do not need it)."""
    text, title = text_and_title(item)
    empty32 = np.empty(0, dtype=np.uint32)
    if config.mode == "copy":
        shingles, words = copy_shingles_and_words(text, config=config)
        signature = hasher.signature(shingles) if hasher is not None else empty32
        return Features(words, signature, (), empty32, np.empty(0, dtype=np.float32), shingles)
    words = letter_words(text)
    terms = story_terms(text, title=title, config=config)
    hashes = np.array([token_hash(t, config.seed) for t in terms], dtype=np.uint32)
    weights = np.array(list(terms.values()), dtype=np.float32)
    signature = hasher.signature(story_shingles(terms, config=config)) if hasher is not None else empty32
    return Features(words, signature, tuple(terms), hashes, weights, empty32)


def weighted_jaccard(
    hashes_a: npt.NDArray[np.uint32], weights_a: npt.NDArray[np.float32],
    hashes_b: npt.NDArray[np.uint32], weights_b: npt.NDArray[np.float32],
) -> float:
    """Exact weighted Jaccard: sum of minimum weights over sum of maximum weights."""
    if hashes_a.size == 0 or hashes_b.size == 0:
        return 0.0
    a = dict(zip(hashes_a.tolist(), weights_a.tolist()))
    b = dict(zip(hashes_b.tolist(), weights_b.tolist()))
    shared = a.keys() & b.keys()
    minimum = sum(min(a[k], b[k]) for k in shared)
    maximum = sum(a.values()) + sum(b.values()) - minimum
    return minimum / maximum if maximum > 0 else 0.0


def set_jaccard(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> float:
    """Exact Jaccard of the sets of two hash arrays."""
    if a.size == 0 or b.size == 0:
        return 0.0
    a, b = np.unique(a), np.unique(b)
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


def exact_similarity(fa: Features, fb: Features, config: ShingleConfig) -> float:
    if fa.too_short(config) or fb.too_short(config):
        return 0.0
    if config.mode == "copy":
        return set_jaccard(fa.shingles, fb.shingles)
    return weighted_jaccard(fa.term_hashes, fa.term_weights, fb.term_hashes, fb.term_weights)

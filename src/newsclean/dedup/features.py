"""One document reduced to what dedup needs: its signature, and for story mode its terms
and its meaning vector; and the one story similarity that combines them.

Kept apart from the index so that :func:`~newsclean.similarity` and
:class:`~newsclean.DuplicateIndex` compute exactly the same thing.

Story similarity is ``term_share * sqrt(terms) + (1 - term_share) * max(0, cosine)``:
``terms`` the weighted Jaccard of the salient terms, ``cosine`` that of the meaning
vectors (meaning.py). The square root puts the terms on the cosine's scale (weighted
Jaccard of a same-story pair is often 0.05-0.2, a cosine 0.5-0.9) and makes the score
grow evenly with similarity, which is what a graded judgement of similarity wants. The
terms separate two events of one kind (names, places, numbers differ), the embedding
sees a rewrite in other words. On ECB+ dev (benchmarks/meaning.py), same story against
same topic, AUC: terms 0.908, embedding 0.855, combined at an equal share 0.901; graded
same story > same topic > unrelated, Pearson: 0.868, 0.879, 0.902 (with the lede's terms
and the vectors' lead factor; 0.886, 0.843, 0.891 and 0.845, 0.870, 0.894 when the share
was chosen). Chosen by AUC alone, leave-topics-out cross-validation would give the terms
more (0.7-0.8, held-out AUC 0.911); the equal share is kept because graded news
similarity peaks there (SemEval-2022 Task 8's English training pairs: 0.768 at 0.5,
0.752 at 0.7) and because on held-out news the embedding carries more than on ECB+ dev
(the issue's figures: the static embedding alone reaches AUC 0.881 on ECB+ test against
0.800 on dev).

Where a document has no vector (a language the model does not cover, too few tokens,
``meaning=""``), the pair scores ``sqrt(terms) * TERMS_ONLY_SCALE``: the scale puts the
terms' own best threshold on the combined threshold, so one threshold serves both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsclean.dedup.meaning import cosine, load_meaning
from newsclean.dedup.minhash import MinHasher
from newsclean.dedup.shingles import (
    AUTO_LANG,
    ShingleConfig,
    copy_shingles_and_words,
    hash_strings,
    story_shingles,
    story_terms,
    story_tokens_and_words,
)
from newsclean.document import Document
from newsclean.errors import InputError, describe_type
from newsclean.langid import detect_language, named_language

__all__ = ["TERMS_ONLY_SCALE", "Features", "combine", "combine_many", "featurize", "text_and_title"]

# sqrt(terms) scale where a pair has no meaning vectors: the ratio of the combined
# similarity's best threshold to that of sqrt(terms) alone on ECB+ dev (benchmarks/meaning.py:
# 0.3 / 0.215 when chosen; 0.325 / 0.23 = 1.41 with the lede's terms and the lead factor).
TERMS_ONLY_SCALE = 1.4


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
    # story mode: the meaning vector (8-bit, empty when there is none) and, when there is
    # none, why
    vector: npt.NDArray[np.int8]
    meaning_note: str = ""

    def too_short(self, config: ShingleConfig) -> bool:
        return self.words < config.min_words


def text_and_title(item: object) -> tuple[str, str]:
    """The text and title of a :class:`Document` or a ``str``; anything else is an error."""
    if isinstance(item, Document):
        return item.text, item.title
    if isinstance(item, str):
        return item, ""
    raise InputError(f"expected a Document or str, got {describe_type(item)}")


def featurize(item: object, config: ShingleConfig, hasher: MinHasher | None, *, with_meaning: bool = True) -> Features:
    """Reduce a document for dedup; without a ``hasher`` the signature is left empty
    (exact comparisons do not need it), and without ``with_meaning`` the meaning vector
    (a signature alone does not need it, and it costs more than the terms and MinHash)."""
    text, title = text_and_title(item)
    empty32 = np.empty(0, dtype=np.uint32)
    if config.mode == "copy":
        shingles, words = copy_shingles_and_words(text, config=config)
        signature = hasher.signature(shingles) if hasher is not None else empty32
        return Features(words, signature, (), empty32, np.empty(0, dtype=np.float32), shingles,
                        np.empty(0, dtype=np.int8), "copy mode")
    tokens, words = story_tokens_and_words(text, bigrams=config.format_version >= 2)
    lang = story_language(item, text, config)
    terms = story_terms(text, title=title, config=config, lang=lang, tokens=tokens)
    hashes = hash_strings(list(terms), config.seed)
    weights = np.array(list(terms.values()), dtype=np.float32)
    signature = (hasher.signature(story_shingles(terms, config=config, hashes=hashes)) if hasher is not None
                 else empty32)
    vector, note = (meaning_vector(lang, text, title, config) if with_meaning
                    else (np.empty(0, dtype=np.int8), "not computed (signature only)"))
    return Features(words, signature, tuple(terms), hashes, weights, empty32, vector, note)


def document_lang(item: object, default: str) -> str:
    """A document's language: ``meta["lang"]`` when it has one, else ``default``."""
    if isinstance(item, Document):
        lang = item.meta.get("lang")
        if isinstance(lang, str) and lang:
            return lang
    return default


def story_language(item: object, text: str, config: ShingleConfig) -> str:
    """The language of a document as story mode reads it: ``meta["lang"]`` when it has
    one, else its text's (langid.py), "und" when unsure. Asked once a document: the terms
    (under ``lang="auto"``) and the meaning vector both follow it."""
    lang = document_lang(item, "")
    # a label that names no language ("und", "auto") is answered by the text; an "und" our own
    # detection gave is kept, detecting again would say the same
    detected = isinstance(item, Document) and item.meta.get("lang_source") == "detected"
    if lang and (named_language(lang) or detected):
        return lang
    if not config.meaning and config.lang != AUTO_LANG:
        return "und"  # neither the terms nor a vector would read it: no identification
    guess = detect_language(text)
    return guess.lang if guess.sure else "und"


def meaning_text(text: str, title: str) -> str:
    """What a document's meaning vector is made of: its title, then its text. The title
    leads once: a text that already starts with it is not given it twice."""
    return text if not title or text.startswith(title) else f"{title}\n{text}"


def meaning_vector(lang: str, text: str, title: str, config: ShingleConfig) -> tuple[npt.NDArray[np.int8], str]:
    """The meaning vector of a document in ``lang`` (story_language), or an empty one and
    the reason. The vectors of other languages crowd together (unrelated Russian
    sentences: median cosine 0.72, English 0.01; benchmarks/meaning.py), so only text in
    a covered language gets one."""
    none = np.empty(0, dtype=np.int8)
    if not config.meaning:
        return none, "meaning signal off (terms alone)"
    model = load_meaning(config.meaning)
    if not model.covers(lang):
        return none, f"language {lang!r} not covered by {model.name} (terms alone)"
    vector = model.embed(meaning_text(text, title), lang=lang)
    return vector, "" if vector.size else "too few tokens for a meaning vector (terms alone)"


def combine(terms: float, vectors: tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]] | float | None,
            config: ShingleConfig) -> float:
    """Story similarity from the terms' weighted Jaccard and the meaning vectors (or their
    cosine); ``None``, or an empty vector, for terms alone (see the module's docstring)."""
    root = math.sqrt(max(0.0, terms))
    if isinstance(vectors, tuple):
        a, b = vectors
        if a.size == 0 or b.size == 0:
            return min(1.0, root * TERMS_ONLY_SCALE)
        vectors = cosine(a, b)
    if vectors is None:
        return min(1.0, root * TERMS_ONLY_SCALE)
    share = config.term_share
    return min(1.0, share * root + (1.0 - share) * max(0.0, vectors))


def combine_many(terms: npt.NDArray[np.float64], cosines: npt.NDArray[np.float64],
                 config: ShingleConfig) -> npt.NDArray[np.float64]:
    """:func:`combine` over arrays (the index's re-check of many candidates at once); a NaN
    cosine means "no vectors" (terms alone)."""
    root = np.sqrt(np.maximum(terms, 0.0))
    share = config.term_share
    with_meaning = share * root + (1.0 - share) * np.maximum(np.nan_to_num(cosines, nan=0.0), 0.0)
    combined = np.where(np.isnan(cosines), root * TERMS_ONLY_SCALE, with_meaning)
    return np.minimum(combined, 1.0)


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
    terms = weighted_jaccard(fa.term_hashes, fa.term_weights, fb.term_hashes, fb.term_weights)
    return combine(terms, (fa.vector, fb.vector), config)

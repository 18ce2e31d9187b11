"""What a document is reduced to before hashing, for each mode.

``copy`` mode: word 3-grams of the case-folded text. A reprint that differs by a
headline, some boilerplate or a few edited words keeps most of its 3-grams (10 % of words
edited leaves ~73 % of them), while two different articles share almost none.

``story`` mode: a rewrite shares few n-grams with its source (the seeds share 0.5 % of
word 5-grams), but it reports the same people, places, numbers and rare words. So a
story is its ``top_k`` most salient terms, each weighted by rarity in the language
(a fixed background table, wordfreq, so the weight of a term never depends on what else
was indexed), with names and title words boosted. Weighted Jaccard over those terms is
estimated by MinHash over terms repeated by their quantised weight.

Every setting that changes a signature is in :class:`ShingleConfig`, stored next to
every signature and index.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import regex

from newsclean._unicode import bmp_class, bmp_only
from newsclean.dedup._compiled import compiled_features, compiled_module
from newsclean.dedup.meaning import DEFAULT_MEANING, MEANINGS
from newsclean.errors import ConfigError
from newsclean.langid import language_code, wordfreq_code

__all__ = ["Mode", "ShingleConfig", "copy_shingles", "shingle_hashes", "story_terms"]

Mode = Literal["copy", "story"]
# ShingleConfig.lang: each document's own language.
AUTO_LANG = "auto"
MODES: tuple[Mode, ...] = ("copy", "story")
# ShingleConfig.format_version: how text becomes tokens and terms (its comment says how each reads).
FORMAT_VERSIONS = (1, 2, 3)

_STORY_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*|\d[\d.,]*\d|\d")
_LETTER_WORD = regex.compile(r"\p{L}{2,}")


@functools.cache
def _bmp_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """_STORY_TOKEN and _LETTER_WORD for text without astral characters, in the stdlib
    engine: the same matches (tests compare them), faster for the reason segment.py gives
    (a scan led by a character class of BMP characters skips ahead by table)."""
    letter, digit = bmp_class(r"\p{L}"), bmp_class(r"\d")
    inside = bmp_class(r"[\p{L}\p{M}'’\-]")
    return (re.compile(rf"[{letter}][{inside}]*|[{digit}][{digit}.,]*[{digit}]|[{digit}]"),
            re.compile(rf"[{letter}]{{2,}}"))


def _story_tokens(text: str, *, bigrams: bool = True) -> list[str]:
    return story_tokens_and_words(text, count=False, bigrams=bigrams)[0]


def _regex_story_tokens(text: str) -> list[str]:
    tokens: list[str] = (_bmp_patterns()[0] if bmp_only(text) else _STORY_TOKEN).findall(text)
    return tokens


@functools.cache
def _token_flags() -> npt.NDArray[np.uint8]:
    """What _features_c.story_tokens reads of each BMP code point: \\p{L} 1, \\p{M} 2,
    \\d 4 (as ``regex`` matches them), an apostrophe or hyphen inside a word 8, a dot or
    comma inside a number 16."""
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    flags = np.zeros(0x10000, dtype=np.uint8)
    for pattern, flag in ((r"\p{L}", 1), (r"\p{M}", 2), (r"\d", 4), (r"['’\-]", 8), (r"[.,]", 16)):
        points = np.fromiter((ord(c) for c in regex.findall(pattern, bmp)), dtype=np.intp)
        flags[points] |= flag
    flags.setflags(write=False)
    return flags


def story_tokens_and_words(text: str, *, count: bool = True, bigrams: bool = True) -> tuple[list[str], int]:
    """The story tokens of ``text`` (_STORY_TOKEN's matches; with ``bigrams``, Chinese and
    Japanese runs as their character bigrams: spaceless_bigrams) and letter_words(text)
    (a run of those scripts then counting a word per two characters), in one pass over
    the text where _features_c is built (elsewhere the count is 0 unless ``count``:
    callers that only want the tokens skip its pass)."""
    compiled = compiled_features()
    found: tuple[list[str], int] | None = None
    if compiled is not None:
        found = compiled.story_tokens(text, _token_flags())
    # The compiled tokenizer reads BMP text only, where the BMP pattern is the whole test
    # (three times faster on German or Russian than the pattern with astral Han).
    gate = _SPACELESS_BMP if found is not None else _SPACELESS_RUN
    if found is None:
        found = _regex_story_tokens(text), letter_words(text) if count else 0
    if not bigrams or text.isascii() or gate.search(text) is None:
        return found
    return spaceless_bigrams(*found)


# Chinese and Japanese are written without spaces: a story token there was a whole clause
# ("英国的街道上堆满了圣诞垃圾"), never shared by two reports, and a 330-character article
# counted as thirty words, too short to compare. As search engines index these scripts
# (Lucene's CJK bigrams), a run of Han or kana is read as its overlapping character
# bigrams, and counts a word per two characters. Measured on SemEval-2022 Task 8's Chinese
# pairs (benchmarks/meaning.py --semeval). Korean is written with spaces; Thai's words are
# longer than two letters and are left as they were.
# Han (with its extensions and compatibility ideographs) and kana, (first, last) code points.
_SPACELESS_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def _character_class(ranges: Iterable[tuple[int, int]]) -> str:
    return "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in ranges) + "]"


_SPACELESS_RUN = re.compile(_character_class(_SPACELESS_RANGES) + "+")
_SPACELESS_BMP = re.compile(_character_class(r for r in _SPACELESS_RANGES if r[1] <= 0xFFFF))


def _in_spaceless_script(code: int) -> bool:
    return any(first <= code <= last for first, last in _SPACELESS_RANGES)


def spaceless_bigrams(tokens: list[str], words: int) -> tuple[list[str], int]:
    """``tokens`` with each run of Han or kana replaced by its character bigrams (a run of
    one character stays itself), and ``words`` with each such run of n characters counted
    as ceil(n / 2) words instead of one."""
    out: list[str] = []
    for token in tokens:
        position = 0  # one pass over the token: a token with no such run is kept whole below
        for run in _SPACELESS_RUN.finditer(token):
            if run.start() > position:
                out.append(token[position:run.start()])
            chars = run.group()
            if len(chars) == 1:
                out.append(chars)
            else:
                out.extend(chars[i:i + 2] for i in range(len(chars) - 1))
                words += (len(chars) + 1) // 2 - 1
            position = run.end()
        if position < len(token):
            out.append(token[position:])
    return out, words
_POSSESSIVE = regex.compile(r"['’]s?$")
# Odd multipliers that combine token hashes into an n-gram hash (mod 2^32).
_NGRAM_MULTIPLIERS = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1],
                              dtype=np.uint64)
_REPEAT_STEP = np.uint32(0x9E3779B9)


@dataclass(frozen=True)
class ShingleConfig:
    """Everything that changes a signature. Two signatures compare only if these match.

    >>> ShingleConfig.for_mode("story").top_k
    40
    """

    mode: Mode = "story"
    ngram: int = 3
    num_perm: int = 256
    seed: int = 1
    hash: str = "xxh32"
    top_k: int = 40
    weight_quantum: float = 2.0
    # The language whose word frequencies weigh story terms: "auto" (story mode's default)
    # reads each document's own (meta["lang"], else identified from its text; English when
    # unsure); a code fixes one for all.
    lang: str = "en"
    min_words: int = 30
    # The rarity table behind story weights (wordfreq's "large" list: 320k words, 0.4 s
    # and ~30 MB to load once per process; its rare words are the names and places that
    # tell stories apart, which the 30k-word "small" list lumps together).
    background: str = "wordfreq:large"
    # How text becomes tokens and terms. 3: a lower-case story term of a language that
    # inflects by case endings (CASE_LANGUAGES) is its word's first _PREFIX_LETTERS
    # letters, so that "wyborach" meets "wybory", Arabic's and German's words are
    # light-stemmed (_term_of), and Norwegian and Croatian are weighed by their own
    # frequencies, which wordfreq lists as "nb" and "sh" (_weighing);
    # 2: runs of Han and kana are read as character bigrams (spaceless_bigrams), in both
    # modes, and story terms of the lede weigh more (_LEDE_BOOST); 1: each run was one
    # token and every term weighed alike wherever it stood. Indexes saved with an older
    # version load with it and keep reading text as they were made.
    format_version: int = 3
    # Story mode's meaning signal (meaning.py): a static embedding model shipped in a
    # package, or "" for the salient terms alone.
    meaning: str = ""
    # The share of the salient terms in story similarity; the embedding has the rest
    # (features.py says how it was chosen).
    term_share: float = 0.5
    # Story clusters' average link (a report's mean similarity to a cluster's first
    # members before it joins, and refinement's merge of two clusters) scales the
    # similarity of a pair of reports whose salient terms' weighted Jaccard is under this
    # by the ratio of the two (0: no scaling). Two reports of one story share names,
    # places and numbers, two stories of one topic mostly do not (ECB+ dev: 16% of
    # same-story pairs share under 0.1, 81% of same-topic, different-story pairs), while
    # the embedding finds them alike, so clusters of one topic had merged through links
    # the terms did not back. The pair similarity (similarity(), query()) is unchanged.
    # benchmarks/story_clusters.py: leave-topics-out, this value on every held-out fold
    # 0.881 pairwise F1 against 0.862 without (four input orders: mean 0.877 against
    # 0.861, worst 0.870 against 0.857), though choosing the value per fold gains nothing
    # (0.865; a fold is a dozen stories, one merge moves its F1 by 0.05); held-out ECB+
    # test topics 0.883 -> 0.962 (ecbplus_heldout.py); docs/design.md.
    link_min_terms: float = 0.1

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"mode must be one of {MODES}, got {self.mode!r}")
        if not 1 <= self.ngram <= len(_NGRAM_MULTIPLIERS):
            raise ConfigError(f"ngram must be 1..{len(_NGRAM_MULTIPLIERS)}, got {self.ngram}")
        if not 16 <= self.num_perm <= 4096:
            raise ConfigError(f"num_perm must be 16..4096, got {self.num_perm}")
        if self.top_k < 5 or self.weight_quantum <= 0:
            raise ConfigError("top_k must be >= 5 and weight_quantum > 0")
        if self.meaning and (self.mode != "story" or self.meaning not in MEANINGS):
            raise ConfigError(f"meaning must be '' or, in story mode, one of {sorted(MEANINGS)}; got {self.meaning!r}")
        if self.format_version not in FORMAT_VERSIONS:
            raise ConfigError(f"format_version must be one of {FORMAT_VERSIONS}, got {self.format_version!r}")
        if not isinstance(self.lang, str) or not self.lang:
            raise ConfigError(f"lang must be 'auto' or a language code such as 'en', got {self.lang!r}")
        if isinstance(self.term_share, bool) or not isinstance(self.term_share, (int, float)) \
                or not 0.0 <= self.term_share <= 1.0:
            raise ConfigError(f"term_share must be a number in [0, 1], got {self.term_share!r}")
        if isinstance(self.link_min_terms, bool) or not isinstance(self.link_min_terms, (int, float)) \
                or not 0.0 <= self.link_min_terms <= 1.0:
            raise ConfigError(f"link_min_terms must be a number in [0, 1], got {self.link_min_terms!r}")

    @classmethod
    def for_mode(cls, mode: str, **overrides: Any) -> ShingleConfig:
        """The default configuration of ``mode`` (copy: 3-grams, 128 permutations; story: 512
        permutations and the default meaning model)."""
        if mode == "copy":
            return cls(mode="copy", num_perm=128, **overrides)
        if mode == "story":
            return cls(mode="story", **{"num_perm": 512, "meaning": DEFAULT_MEANING, "lang": "auto", **overrides})
        raise ConfigError(f"mode must be 'copy' or 'story', got {mode!r}")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ShingleConfig:
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"unknown signature settings {sorted(unknown)}")
        return cls(**data)


# Token hashing: a polynomial hash over code points (Horner, mod 2^32), then the
# MurmurHash3 finalizer. The polynomial form lets copy mode hash every token of a text at
# once in numpy (prefix sums of c_j * P^-j), with no Python call per token; token_hash
# below is its scalar twin, used for story terms and in the datasketch equality test.
_POLY = 0x01000193  # odd, so it has an inverse mod 2^32
_POLY_INVERSE = pow(_POLY, -1, 1 << 32)
_SEED_MIX = 0x9E3779B9
_MASK = 0xFFFFFFFF


def _fmix32_scalar(h: int) -> int:
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _MASK
    return h ^ (h >> 16)


@functools.lru_cache(maxsize=1 << 17)  # story terms repeat across documents; a pure function
def token_hash(token: str, seed: int) -> int:
    """The 32-bit hash of one token (polynomial over code points, then fmix32).

    >>> token_hash("news", 1) == token_hash("news", 1) != token_hash("news", 2)
    True
    """
    h = 0
    for ch in token:
        h = (h * _POLY + ord(ch)) & _MASK
    return _fmix32_scalar(h ^ ((seed * _SEED_MIX) & _MASK))


def _is_word_character(char: str) -> bool:
    """Part of a word: a letter, digit, mark or underscore."""
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


def _word_kind(char: str) -> int:
    """0 for no word character, 1 for a word character (_is_word_character), 2 for one of
    Han or kana (read as bigrams)."""
    if not _is_word_character(char):
        return 0
    return 2 if _in_spaceless_script(ord(char)) else 1


@functools.lru_cache(maxsize=1)
def _word_kinds() -> npt.NDArray[np.int8]:
    """_word_kind of every BMP code point, as a lookup table."""
    table = np.array([_word_kind(chr(c)) for c in range(0x10000)], dtype=np.int8)
    table.setflags(write=False)
    return table


_CACHED_POWERS_MAX = 1 << 20


@functools.lru_cache(maxsize=4)
def _power_tables_cached(size: int) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    with np.errstate(over="ignore"):
        powers = np.full(size, _POLY, dtype=np.uint32)
        powers[0] = 1
        powers = np.cumprod(powers, dtype=np.uint32)  # P^j mod 2^32
        inverse = np.full(size, _POLY_INVERSE, dtype=np.uint32)
        inverse[0] = 1
        inverse = np.cumprod(inverse, dtype=np.uint32)  # P^-j mod 2^32
    powers.setflags(write=False)
    inverse.setflags(write=False)
    return powers, inverse


def _power_tables(n: int) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """P^j and P^-j mod 2^32 for j < n (tables up to 1M entries are computed once)."""
    size = 1 << max(12, (n - 1).bit_length())
    if size > _CACHED_POWERS_MAX:
        return _power_tables_cached.__wrapped__(n)
    powers, inverse = _power_tables_cached(size)
    return powers[:n], inverse[:n]


def _polynomial(codes: npt.NDArray[np.uint32], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64],
                seed: int) -> npt.NDArray[np.uint32]:
    """Polynomial hashes of codes[starts[i]:ends[i]], mixed with the seed and fmix32."""
    from newsclean.dedup.minhash import fmix32

    n = max(codes.size, 1)
    powers, inverse = _power_tables(n)
    # uint32 array arithmetic wraps mod 2^32 silently, which is the modulus we want.
    prefix = np.zeros(codes.size + 1, dtype=np.uint32)
    np.cumsum(codes * inverse[: codes.size], dtype=np.uint32, out=prefix[1:])
    polynomial = powers[np.maximum(ends - 1, 0)] * (prefix[ends] - prefix[starts])
    polynomial[ends <= starts] = 0  # the empty string
    return fmix32(polynomial ^ np.uint32((seed * _SEED_MIX) & _MASK))


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def token_hashes_of(text: str, seed: int) -> npt.NDArray[np.uint32]:
    """Hashes of the words of ``text`` in order, all computed in numpy.

    Equal to ``[token_hash(w, seed) for w in words]`` where words are maximal runs of
    letters, digits, marks and underscores (runs of Han and kana too: copy mode's
    bigrams are _tokens' own).
    """
    return _tokens(text, seed, bigrams=False)[0]


def _tokens(text: str, seed: int, *, bigrams: bool = True) -> tuple[npt.NDArray[np.uint32], int]:
    """Token hashes of ``text`` and how many of its tokens have two or more characters;
    with ``bigrams``, runs of Han and kana give their character bigrams (a run of n counts
    ceil(n / 2) words), as story tokens do."""
    codes = _code_points(text)
    if codes.size == 0:
        return np.empty(0, dtype=np.uint32), 0
    kind = np.take(_word_kinds(), codes, mode="clip")
    astral = np.flatnonzero(codes > 0xFFFF)
    for i in astral:  # rare: decide code points beyond the BMP one by one
        kind[i] = _word_kind(chr(int(codes[i])))
    if bigrams and not text.isascii() and (kind == 2).any():
        return _tokens_with_bigrams(codes, kind, seed)
    is_word = kind > 0
    edges = np.diff(np.concatenate(([0], is_word.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if starts.size == 0:
        return np.empty(0, dtype=np.uint32), 0
    return _polynomial(codes, starts, ends, seed), int(np.count_nonzero(ends - starts >= 2))


def _tokens_with_bigrams(codes: npt.NDArray[np.uint32], kind: npt.NDArray[np.int8],
                         seed: int) -> tuple[npt.NDArray[np.uint32], int]:
    """_tokens where the text has Han or kana (``kind``: _word_kind of each character): word
    runs split where the kind changes, each Han or kana run of n >= 2 characters as its
    n - 1 overlapping bigrams."""
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(kind)) + 1, [kind.size]))
    starts, ends = bounds[:-1], bounds[1:]
    run_kind = kind[starts]
    keep = run_kind > 0
    starts, ends, run_kind = starts[keep], ends[keep], run_kind[keep]
    lengths = ends - starts
    split = (run_kind == 2) & (lengths >= 2)
    count = np.where(split, lengths - 1, 1)
    first = np.cumsum(count) - count
    offsets = np.arange(int(count.sum()), dtype=np.int64) - np.repeat(first, count)
    token_starts = np.repeat(starts, count) + offsets
    token_ends = np.where(np.repeat(split, count), token_starts + 2, np.repeat(ends, count))
    words = int(np.count_nonzero((run_kind == 1) & (lengths >= 2))) + int(((lengths[run_kind == 2] + 1) // 2).sum())
    return _polynomial(codes, token_starts, token_ends, seed), words


def hash_strings(strings: list[str], seed: int) -> npt.NDArray[np.uint32]:
    """``[token_hash(s, seed) for s in strings]``, computed in numpy in one pass.

    For callers that bring their own shingles as strings (the batch path). The strings
    are joined with NUL separators so that numpy finds the boundaries; strings that
    contain NUL themselves take the slower path that measures every length.
    """
    if not strings:
        return np.empty(0, dtype=np.uint32)
    compiled = compiled_module()
    if compiled is not None and type(strings) is list:
        return compiled.hash_strings(strings, (seed * _SEED_MIX) & _MASK)  # type: ignore[no-any-return]
    codes = _code_points("\x00".join(strings))
    separators = np.flatnonzero(codes == 0)
    if separators.size == len(strings) - 1:  # no string holds a NUL of its own
        starts = np.concatenate(([0], separators + 1))
        ends = np.concatenate((separators, [codes.size]))
    else:
        lengths = np.array([len(x) for x in strings], dtype=np.int64)
        ends = np.cumsum(lengths + 1) - 1
        starts = ends - lengths
    return _polynomial(codes, starts, ends, seed)


def ngram_hash(token_hashes: tuple[int, ...]) -> int:
    """Combine token hashes into one n-gram hash: the scalar twin of the numpy path.

    Given to datasketch as ``hashfunc`` in the compatibility test, it makes datasketch
    hash exactly the shingles the fast path hashes.
    """
    total = 0
    for value, multiplier in zip(token_hashes, _NGRAM_MULTIPLIERS.tolist()):
        total = (total + value * multiplier) & 0xFFFFFFFF
    return total


def copy_shingles(text: str, *, config: ShingleConfig) -> npt.NDArray[np.uint32]:
    """Hashes of the case-folded word n-grams of ``text``, in text order.

    Repeats are kept: MinHash ignores them, and sorting them away would cost more than
    the MinHash itself. Exact set comparisons deduplicate first.
    """
    return copy_shingles_and_words(text, config=config)[0]


def copy_shingles_and_words(text: str, *, config: ShingleConfig) -> tuple[npt.NDArray[np.uint32], int]:
    """:func:`copy_shingles` and the number of words of two or more characters."""
    token_hashes, words = _tokens(text.casefold(), config.seed, bigrams=config.format_version >= 2)
    hashes = token_hashes.astype(np.uint64)
    if hashes.size == 0:
        return np.empty(0, dtype=np.uint32), 0
    n = min(config.ngram, hashes.size)
    count = hashes.size - n + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(n):
        combined += hashes[offset:offset + count] * _NGRAM_MULTIPLIERS[offset]
    return combined.astype(np.uint32), words  # astype keeps the low 32 bits: the sum mod 2^32


@functools.lru_cache(maxsize=64)
def _background(lang: str, table: str) -> Mapping[str, float]:
    """Word frequencies of ``lang`` from ``table`` ("wordfreq:large" or "wordfreq:small")."""
    source, _, wordlist = table.partition(":")
    if source != "wordfreq" or wordlist not in ("large", "small", "best"):
        raise ConfigError(f"unknown background table {table!r}")
    try:
        import wordfreq
    except ImportError as exc:  # pragma: no cover - wordfreq is a core dependency
        raise ConfigError("story mode needs wordfreq: pip install wordfreq") from exc
    try:
        return dict(wordfreq.get_frequency_dict(lang, wordlist=wordlist))
    except LookupError:  # no such list for this language: English rarities are better than none
        return dict(wordfreq.get_frequency_dict("en", wordlist=wordlist))


@functools.lru_cache(maxsize=64)
def stopwords(lang: str) -> frozenset[str]:
    """The function words of ``lang`` that story terms skip (English's where there is no list)."""
    import json
    from importlib import resources

    raw = json.loads(resources.files("newsclean.data").joinpath("stopwords.json").read_text("utf-8"))
    return frozenset(raw.get(lang, raw["en"]))


_STEM_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s")
# The suffixes' last letters: most words end in none, and one test of them all costs what
# one of the loop's tests does.
_STEM_ENDINGS = tuple(sorted({suffix[-1] for suffix in _STEM_SUFFIXES}))


def _stem(word: str) -> str:
    """Light suffix stripping so "troops"/"troop", "deployed"/"deploy" meet."""
    if not word.endswith(_STEM_ENDINGS):
        return word
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# The rarest words have a Zipf frequency near 1, the commonest near 7.5.
_MAX_ZIPF = 7.0
_NUMBER_WEIGHT = 4.0
_NAME_BOOST = 1.5
_TITLE_BOOST = 1.5
_MIN_WEIGHT = 0.5
# News tells its story first: a term met among the text's first _LEDE_TOKENS story tokens
# (the headline when the text leads with it, and the lede) weighs _LEDE_BOOST times more,
# as a title word does. Chosen on development data (ECB+ dev and SemEval-2022 Task 8's
# English training sample, benchmarks/meaning.py's weighting), over 40 / 80 / 120 / 160
# tokens and 1.2 / 1.5 / 2: ECB+ dev AUC 0.901 -> 0.901, graded 0.899 -> 0.902, SemEval
# training 0.761 -> 0.768; held out, ECB+ test AUC 0.928 -> 0.941, SemEval testing
# 0.745 -> 0.755, Lee 0.654 -> 0.655 (similarity() itself; the meaning vectors' lead
# factor is the same idea). Part of format_version 2, as the bigrams are.
_LEDE_TOKENS = 120
_LEDE_BOOST = 1.5
# format_version 3 (_term_of): the lower-case words of these languages are read by their
# first _PREFIX_LETTERS letters. The languages whose nouns take case endings (WALS feature
# 49A, "Number of Cases": two or more) among those whose word frequencies weigh story
# terms (wordfreq's lists): the Slavic and Baltic languages, Finnish, Estonian,
# Hungarian, Turkish, Greek, Romanian and Icelandic. English and the Romance languages
# mark number alone, which _stem reads. German is left out: it writes its nouns with a
# capital, and five letters of its compounds would be their first word's
# ("Klimaschutzgesetz" one term with "Klimawandel"; trafilatura's German pages,
# story_clusters.py --suite: 10 -> 15 clusters of different pages when German nouns were
# read so): it has a light stemmer of its own (_german_stem).
_PREFIX_LETTERS = 5
CASE_LANGUAGES = frozenset({"bs", "cs", "el", "et", "fi", "hr", "hu", "is", "lt", "lv", "pl", "ro", "ru",
                            "sh", "sk", "sl", "sr", "tr", "uk"})


def _without_possessive(lower: str) -> str:
    """``lower`` without a final "'" or "'s": what ``_POSSESSIVE.sub("", lower)`` gives,
    without a regex call for each new token of a corpus (its "$" also matches before a
    final line break, so such a text is left to the pattern)."""
    if "\n" in lower:
        return _POSSESSIVE.sub("", lower)  # type: ignore[no-any-return]
    if lower.endswith("'"):
        return lower[:-1]
    if lower.endswith("'s"):
        return lower[:-2]
    return lower


def _term_weight(token: str, later: bool, lang: str, table: str, readings: bool = False) -> tuple[str, float] | None:
    """The term a token counts as and its rarity weight (None for stopwords and single
    letters). ``later``: the token is not the text's first word (a capital there marks a
    name). ``readings``: format_version 3's reading of the language's words (_reading_of,
    _term_of). A pure function of its arguments."""
    return _weighed(token, later, stopwords(lang), _background(lang, table), _reading_of(lang) if readings else _WHOLE)


# format_version 3's readings of a language's words (_term_of): as before, lower-case words
# by their first letters (CASE_LANGUAGES), Arabic's light stemming (_arabic_stem), or
# German's (_german_stem).
_WHOLE, _PREFIXES, _ARABIC, _GERMAN = 0, 1, 2, 3


def _reading_of(lang: str) -> int:
    """How format_version 3 reads ``lang``'s words (_WHOLE, _PREFIXES, _ARABIC or _GERMAN)."""
    if lang == "ar":
        return _ARABIC
    if lang == "de":
        return _GERMAN
    return _PREFIXES if lang in CASE_LANGUAGES else _WHOLE


# German's light stemming (Savoy, "Light stemming approaches for the French, Portuguese,
# German and Hungarian languages", ACM SAC 2006, as Lucene's GermanLightStemmer applies
# it): accents and umlauts off, then the commonest case and plural endings in two steps.
_GERMAN_PLAIN = str.maketrans({**{c: "a" for c in "äàáâ"}, **{c: "o" for c in "öòóô"},
                               **{c: "i" for c in "ïìíî"}, **{c: "u" for c in "üùúû"}})
_GERMAN_ST_BEFORE = frozenset("bdfghklmnt")  # the letters before which "s" and "st" are endings


def _german_stem(word: str) -> str:
    """``word`` light-stemmed ("Landes" and "Land" both "land", "Regierungen"
    "regierung"); compounds stay whole, which five letters would not leave them."""
    word = word.translate(_GERMAN_PLAIN)
    size = len(word)
    if size > 5 and word.endswith("ern"):
        word = word[:-3]
    elif size > 4 and word[-2] == "e" and word[-1] in "mnrs":
        word = word[:-2]
    elif size > 3 and (word[-1] == "e" or (word[-1] == "s" and word[-2] in _GERMAN_ST_BEFORE)):
        word = word[:-1]
    size = len(word)
    if size > 5 and word.endswith("est"):
        return word[:-3]
    if size > 4 and word[-2:] in ("er", "en"):
        return word[:-2]
    if size > 4 and word.endswith("st") and word[-3] in _GERMAN_ST_BEFORE:
        return word[:-2]
    return word


# Arabic's light stemming as Larkey, Ballesteros & Connell describe it ("Improving stemming
# for Arabic information retrieval", SIGIR 2002, "light10"): the letters written several
# ways made one, the conjunction "wa" off the front, then one article or joined
# preposition, then the commonest endings in their order (Lucene's ArabicStemmer takes
# one prefix only, "wa" among them). The paper's endings with teh marbuta ("ة", "ية") are
# left out: the normalisation has already written it as heh, whose endings are listed.
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0640]")  # short vowels, shadda, sukun; tatweel
_ARABIC_LETTERS = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",  # alef forms
                                 "\u0649": "\u064a", "\u0629": "\u0647"})  # alef maqsura, teh marbuta
_ARABIC_ARTICLES = ("\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644",
                    "\u0644\u0644", "\u0627\u0644")  # wal-, bal-, kal-, fal-, lil-, al-
_ARABIC_ENDINGS = ("\u0647\u0627", "\u0627\u0646", "\u0627\u062a", "\u0648\u0646", "\u064a\u0646",
                   "\u064a\u0647", "\u0647", "\u064a")  # ha, an, at, wn, yn, yh, h, y


def _arabic_stem(word: str) -> str:
    """``word`` normalised and light-stemmed ("والرئيس" and "الرئيس" both "رئيس"); a word
    of other letters is left as it is."""
    word = _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS)
    if len(word) >= 4 and word[0] == "\u0648":  # the conjunction "wa"
        word = word[1:]
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article):]
            break
    for ending in _ARABIC_ENDINGS:
        if len(word) >= len(ending) + 2 and word.endswith(ending):
            word = word[:-len(ending)]
    return word


def _term_of(token: str, lower: str, reading: int) -> str:
    """The term ``token`` (``lower``: its lower-case form) counts as, by ``reading``
    (_reading_of its language under format_version 3, else _WHOLE).

    _WHOLE: lower-case words are stemmed lightly (_stem); names are not ("Paris" is not
    the plural of "pari"). _PREFIXES (CASE_LANGUAGES): a lower-case word is its first
    _PREFIX_LETTERS letters. These languages put a word's case in its ending ("wybory",
    "wyborach", "wyborów"), so two reports of one story used the same words in forms that
    never met, and a Polish report shared no term at all with a third of the reports
    people rated as telling its story; a fixed prefix is the stemmer that needs no
    dictionary, and five letters is what McNamee & Mayfield found best across European
    languages (Information Retrieval 7, 2004). Names keep their whole form there: a name
    is the one term a report shares with a report in another language, which does not
    inflect it (read as "kaczy" in Polish reports alone, SemEval-2022 Task 8's
    Polish-English pairs fell from Pearson 0.55 to 0.27). _ARABIC: an Arabic word is its
    light stem (_arabic_stem: Arabic joins the article and some prepositions to the word,
    and a quarter of SemEval's Arabic pairs shared no term). _GERMAN: a German word, noun
    or not, is its light stem (_german_stem: "des Landes", "im Land")."""
    if reading == _ARABIC and "\u0600" <= token[0] <= "\u06ff":
        return _arabic_stem(lower)
    if reading == _GERMAN and token[0].isalpha():
        return _german_stem(lower)  # nouns too: German writes every noun with a capital
    if not token[0].islower():
        return lower
    if reading == _PREFIXES and len(lower) > _PREFIX_LETTERS:
        return lower[:_PREFIX_LETTERS]
    return _stem(lower)


def _weighed(token: str, later: bool, stop: frozenset[str], background: Mapping[str, float],
             reading: int = _WHOLE) -> tuple[str, float] | None:
    """_term_weight with the language's stopwords and frequency table given (a corpus's
    new tokens are weighed one by one, and looking the two up cost a sixth of it)."""
    # Typographic apostrophes as ASCII ones: the frequency table spells "don't" so,
    # and "don’t" looked up as written was a never-seen word, weighted as the
    # rarest of names (contractions glued unrelated first-person pieces together).
    lower = _without_possessive(token.lower().replace("’", "'"))
    if lower in stop or len(lower) < 2:
        return None
    if token[0].isdigit():
        weight = _NUMBER_WEIGHT
    else:
        frequency = background.get(lower, 0.0)
        if not frequency and len(lower) == 2 and _SPACELESS_RUN.fullmatch(lower):
            # a bigram that is no word of the list (it spans two words, or is part of a
            # name): as rare as its two characters together, were they independent
            frequency = background.get(lower[0], 0.0) * background.get(lower[1], 0.0)
        zipf = math.log10(frequency) + 9 if frequency > 0 else 0.0
        weight = max(_MIN_WEIGHT, _MAX_ZIPF - zipf)
        if later and token[0].isupper():
            weight *= _NAME_BOOST
    return _term_of(token, lower, reading), weight


# Distinct tokens whose term and weight a table remembers (a bound on its memory): news repeats
# its words, and weighing each token afresh was three quarters of a story signature's time.
_TERM_CACHE = 1 << 18
_NOT_A_TERM = ("", 0.0)


class _TermTable:
    """Memo of _term_weight for tokens that are not the text's first word, per language
    and background table. A plain dict read in the loop of story_terms costs a fraction
    of a cached function call; it is emptied when full, so memory stays bounded, and the
    results never change (the memo of a pure function)."""

    def __init__(self, lang: str, table: str, readings: bool) -> None:
        self.lang, self.table = lang, table
        self.known: dict[str, tuple[str, float]] = {}
        self.stop, self.background = stopwords(lang), _background(lang, table)
        self.reading = _reading_of(lang) if readings else _WHOLE

    def weigh(self, token: str) -> tuple[str, float]:
        found = _weighed(token, True, self.stop, self.background, self.reading) or _NOT_A_TERM
        if len(self.known) >= _TERM_CACHE:
            self.known.clear()
        self.known[token] = found
        return found


@functools.lru_cache(maxsize=64)
def _term_table(lang: str, table: str, readings: bool) -> _TermTable:
    return _TermTable(lang, table, readings)


# Under lang="auto", the frequency table of a language other than English: wordfreq's
# "small" list (35,000 words, ~4 MB, loaded in milliseconds). A corpus's every language
# is then in memory at once for what one "large" list costs (German's: 630,000 words,
# 76 MB, 0.6 s): its common words weigh little, and all its rare ones weigh alike, as
# names do.
_AUTO_BACKGROUND = "wordfreq:small"


@functools.lru_cache(maxsize=1)
def _auto_languages() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages(wordlist="small"))


def _weighing(lang: str | None, config: ShingleConfig) -> tuple[str, str]:
    """The language and frequency table that weigh a document's terms: ``config``'s, or
    under "auto" the document's own (``lang``) with _AUTO_BACKGROUND, English's table for
    English and for a language wordfreq does not list."""
    if config.lang != AUTO_LANG:
        return config.lang, config.background
    code = language_code(lang or "en")  # "en_GB", "deu", "pt-BR": the language they name
    if config.format_version >= 3:
        # Norwegian and Croatian by the names wordfreq lists them under ("no" is what
        # language identification says; "nb" tags are read as it): before, their text was
        # weighed by English frequencies. Older versions keep reading text as they made it.
        code = wordfreq_code(code)
    if code == "en" or code not in _auto_languages():
        return "en", config.background
    return code, _AUTO_BACKGROUND


def _term_reader(lang: str | None, config: ShingleConfig) -> tuple[str, str, bool, _TermTable]:
    """The language and frequency table that weigh a document's terms (_weighing), whether
    its words are read by their language (format_version 3) and the memo of that reading:
    what story_terms and term_forms both read a text with."""
    lang, background = _weighing(lang, config)
    readings = config.format_version >= 3
    return lang, background, readings, _term_table(lang, background, readings)


def story_terms(text: str, *, title: str = "", config: ShingleConfig, lang: str | None = None,
                tokens: list[str] | None = None) -> dict[str, float]:
    """The ``top_k`` salient terms of a story with their weights (deterministic order).

    A term's weight is its rarity in the language (wordfreq), boosted for names, title
    words and words of the lede (the first _LEDE_TOKENS tokens); each distinct word is
    weighed once, at its largest weight. Under ``config.lang="auto"`` the
    document's language ``lang`` (a code; English when None) chooses the table.
    ``tokens``: the text's story tokens when the caller has them (story_tokens_and_words).

    >>> terms = story_terms("Macron hosted the summit in Paris on Thursday. Macron said little.",
    ...                     config=ShingleConfig(top_k=5))
    >>> sorted(terms)[:3]
    ['host', 'macron', 'paris']
    """
    lang, background, readings, memo = _term_reader(lang, config)
    known, weigh = memo.known, memo.weigh
    weights: dict[str, float] = {}
    bigrams = config.format_version >= 2
    lede_boost = _LEDE_BOOST if config.format_version >= 2 else 1.0
    if tokens is None:
        tokens = _story_tokens(text, bigrams=bigrams)
    if tokens:
        first = _term_weight(tokens[0], False, lang, background, readings)
        if first is not None:
            weights[first[0]] = first[1] * lede_boost
    title_tokens = _story_tokens(title, bigrams=bigrams) if title else []
    compiled = compiled_features()
    if compiled is not None:
        compiled.ranked_terms(tokens, 1, known, weigh, weights, lede_boost, _LEDE_TOKENS)
        compiled.ranked_terms(tokens, _LEDE_TOKENS, known, weigh, weights, 1.0)
        compiled.ranked_terms(title_tokens, 0, known, weigh, weights, _TITLE_BOOST)
        ranked: dict[str, float] = compiled.top_terms(weights, config.top_k)
        return ranked
    for part, boost in ((set(tokens[1:_LEDE_TOKENS]), lede_boost), (set(tokens[_LEDE_TOKENS:]), 1.0)):
        for token in part:
            term, weight = known.get(token) or weigh(token)
            weight *= boost
            if term and weight > weights.get(term, 0.0):
                weights[term] = weight
    for token in set(title_tokens):
        term, weight = known.get(token) or weigh(token)
        weight *= _TITLE_BOOST
        if term and weight > weights.get(term, 0.0):
            weights[term] = weight
    return dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[: config.top_k])


def term_forms(text: str, *, title: str = "", config: ShingleConfig, lang: str | None = None) -> dict[str, str]:
    """Each story term of ``text`` (as story_terms reads it) and the word it was read from
    first, in lower case: what explain() shows, since a term read by its first letters
    (format_version 3) names "wybor" where the text says "wyborów".

    >>> term_forms("Wyniki wyborów ogłoszono w poniedziałek.", config=ShingleConfig.for_mode("story"), lang="pl")["wybor"]
    'wyborów'
    """
    lang, background, readings, memo = _term_reader(lang, config)
    bigrams = config.format_version >= 2
    forms: dict[str, str] = {}
    tokens = _story_tokens(text, bigrams=bigrams) + (_story_tokens(title, bigrams=bigrams) if title else [])
    for position, token in enumerate(tokens):
        found = (_term_weight(token, False, lang, background, readings) if position == 0
                 else memo.known.get(token) or memo.weigh(token))
        if found and found[0] and found[0] not in forms:
            forms[found[0]] = _without_possessive(token.lower().replace("’", "'"))
    return forms


def story_shingles(terms: Mapping[str, float], *, config: ShingleConfig,
                   hashes: npt.NDArray[np.uint32] | None = None) -> npt.NDArray[np.uint32]:
    """Each term repeated by its quantised weight, as 32-bit hashes (weighted MinHash input);
    ``hashes``: the terms' token_hash values when the caller has them."""
    if not terms:
        return np.empty(0, dtype=np.uint32)
    if hashes is None:
        hashes = hash_strings(list(terms), config.seed)
    # np.rint rounds half to even, as round() does: the same counts
    weights = np.fromiter(terms.values(), dtype=np.float64, count=len(terms))
    counts = np.maximum(np.rint(weights * config.weight_quantum), 1).astype(np.int64)
    repeated = np.repeat(hashes, counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    index = (np.arange(repeated.size, dtype=np.int64) - starts).astype(np.uint32)
    out: npt.NDArray[np.uint32] = (repeated + index * _REPEAT_STEP).astype(np.uint32)
    return out


def letter_words(text: str) -> int:
    """How many words of two or more letters ``text`` has (the minimum-content rule)."""
    return len((_bmp_patterns()[1] if bmp_only(text) else _LETTER_WORD).findall(text))


def shingle_hashes(text: str, *, title: str = "", config: ShingleConfig) -> npt.NDArray[np.uint32]:
    """The hashed shingles of a text in the configured mode."""
    if config.mode == "copy":
        return copy_shingles(text, config=config)
    return story_shingles(story_terms(text, title=title, config=config), config=config)

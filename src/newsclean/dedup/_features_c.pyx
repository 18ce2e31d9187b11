# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Story mode's per-document loops, in C: the salient terms' ranking (shingles.story_terms),
the meaning vector's weighted sum of token vectors (meaning.MeaningModel.embed), and the
meaning tokenizer's byte-pair merges for words new to a process (BytePairEncoder).

Each runs over the same dicts and arrays as its Python counterpart and gives the same
result: the same terms and weights (a dict of floats, ranked the same way), and the same
single-precision sum, token by token in text order (the Python path sums the same
products row by row with numpy; tests/test_compiled.py compares them bit for bit).
setup.py builds it with floating-point contraction off, so that no compiler fuses a
multiply and an add into one rounding. Together about a third of a story document's
preparing time (benchmarks/dedup.py). The byte-pair encoder has no Python counterpart of
its own: its ids are the tokenizers package's, which tests/test_meaning.py compares.
"""

from cpython.dict cimport PyDict_GetItem, PyDict_SetItem
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.object cimport PyObject
from cpython.unicode cimport PyUnicode_Compare, PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ


def ranked_terms(list tokens, Py_ssize_t start, dict known, object weigh, dict weights, double boost,
                 Py_ssize_t stop=-1):
    """Fold ``tokens[start:stop]`` (``stop`` -1: to the end) into ``weights`` (term -> the
    largest weight of a token that counts as it), each token's (term, weight) from
    ``known`` or ``weigh(token)``, times ``boost``. The loop of story_terms, over every
    token instead of the distinct ones (a token seen again changes nothing: the largest
    weight wins either way); the bounds spare it copies of the list."""
    cdef Py_ssize_t i, count = len(tokens)
    if 0 <= stop < count:
        count = stop
    cdef PyObject* found
    cdef PyObject* existing
    cdef double weight
    for i in range(start, count):
        token = tokens[i]
        found = PyDict_GetItem(known, token)
        entry = <object>found if found is not NULL else weigh(token)
        term = (<tuple>entry)[0]
        if not term:
            continue
        weight = <double>((<tuple>entry)[1]) * boost
        existing = PyDict_GetItem(weights, term)
        if weight > (0.0 if existing is NULL else <double>(<object>existing)):
            PyDict_SetItem(weights, term, weight)


cdef struct Weighed:
    double weight
    PyObject* term  # borrowed from the dict, which outlives the sort
    unsigned long long number  # the term when terms are term hashes (ints)


cdef extern from "stdlib.h":
    # libc's qsort; the comparison calls PyUnicode_Compare, so it runs with the GIL held
    void qsort(void* base, size_t count, size_t size, int (*compare)(const void*, const void*) noexcept)


cdef inline int _by_weight(const Weighed* a, const Weighed* b) noexcept:
    """-1 when ``a`` is heavier, 1 when lighter, 0 on equal weights."""
    return -1 if a.weight > b.weight else (1 if a.weight < b.weight else 0)


cdef int _heavier_first(const void* left, const void* right) noexcept:
    """Heavier first; equal weights in the terms' order (both are str, the only keys
    story_terms puts in, so PyUnicode_Compare cannot fail)."""
    cdef const Weighed* a = <const Weighed*>left
    cdef const Weighed* b = <const Weighed*>right
    cdef int order = _by_weight(a, b)
    return order if order else PyUnicode_Compare(<object>a.term, <object>b.term)


cdef int _heavier_first_by_number(const void* left, const void* right) noexcept:
    """Heavier first; equal weights by the smaller term hash."""
    cdef const Weighed* a = <const Weighed*>left
    cdef const Weighed* b = <const Weighed*>right
    cdef int order = _by_weight(a, b)
    return order if order else (-1 if a.number < b.number else (1 if a.number > b.number else 0))


def top_terms(dict weights, Py_ssize_t top_k):
    """The ``top_k`` heaviest terms, heaviest first, ties in the terms' order: what
    sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:top_k] gives, sorting
    C structs instead of a Python tuple per term (a story has ~120 distinct terms; the
    tuples were a third of ranking them). The terms are all str (story_terms) or all
    term hashes, ints in [0, 2**64) (a cluster's centroid, cluster.py)."""
    cdef Py_ssize_t count = len(weights), i = 0
    cdef Weighed* rows
    cdef dict out = {}
    cdef bint numbers = False
    if count == 0 or top_k <= 0:
        return out
    rows = <Weighed*>PyMem_Malloc(count * sizeof(Weighed))
    if rows is NULL:
        raise MemoryError()
    try:
        for term, weight in weights.items():
            if i == 0:
                numbers = type(term) is int
            if numbers:
                if type(term) is not int:
                    raise TypeError(f"terms are all str or all int, got {type(term).__name__} among ints")
                rows[i].number = <unsigned long long>term
            elif type(term) is not str:
                raise TypeError(f"terms are all str or all int, got {type(term).__name__}")
            rows[i].weight = <double>weight
            rows[i].term = <PyObject*>term
            i += 1
        qsort(rows, count, sizeof(Weighed), _heavier_first_by_number if numbers else _heavier_first)
        for i in range(min(count, top_k)):
            out[<object>rows[i].term] = rows[i].weight
        return out
    finally:
        PyMem_Free(rows)


def missing_words(list words, dict memo):
    """The distinct ``words`` that ``memo`` lacks, in their order (meaning.MeaningModel
    tokenizes them in one call before the sum: a text's new words one call each were most
    of a story document's time in a corpus's first pass)."""
    cdef list out = []
    cdef set seen = set()
    for word in words:
        if PyDict_GetItem(memo, word) is NULL and word not in seen:
            seen.add(word)
            out.append(word)
    return out


# The sum of weighted rows, in C compiled twice where GCC can dispatch at load time
# (newsclean_dispatch.h): for AVX2 (eight floats an instruction) and for the baseline
# (SSE2, four). Each component still adds its products one token at a time in text
# order, with no fused multiply-add (setup.py turns contraction off, and the AVX2 build
# has no FMA): the same sums on every machine. The rows are gathered first so that the
# loop can fetch the next ones ahead (a row is 1 KB of a 33 MB table): against one
# dispatched call per row, the sum of an ECB+ dev article (~400 weighted tokens) took
# 58-60 us against 66-68 (a one-off timing).
cdef extern from "newsclean_dispatch.h":
    """
    #include <stddef.h>
    NEWSCLEAN_DISPATCH
    static void newsclean_weighted_rows(float *restrict total, const float *restrict vectors, ptrdiff_t dim,
                                        const ptrdiff_t *restrict rows, const float *restrict weights, ptrdiff_t n) {
        for (ptrdiff_t i = 0; i < n; i++) {
            if (i + 4 < n) {
                const char *ahead = (const char *)(vectors + rows[i + 4] * dim);
                for (ptrdiff_t line = 0; line < dim * (ptrdiff_t)sizeof(float); line += 64)
                    __builtin_prefetch(ahead + line, 0, 0);
            }
            const float *row = vectors + rows[i] * dim;
            float weight = weights[i];
            for (ptrdiff_t j = 0; j < dim; j++)
                total[j] += weight * row[j];
        }
    }
    """
    void newsclean_weighted_rows(float* total, const float* vectors, Py_ssize_t dim, const Py_ssize_t* rows,
                                 const float* weights, Py_ssize_t n) noexcept nogil


def weighted_token_sum(list words, dict memo, object word_ids, const float[::1] weights,
                       const float[:, ::1] vectors, float[::1] out, double lead=0.0):
    """Add to ``out`` (zeros, the vectors' width) ``weights[t] * vectors[t]`` for every
    token ``t`` of ``words`` (``word_ids(word)``, a tuple, remembered in ``memo``) whose
    weight is above zero, in order and in single precision; return how many there were.
    With ``lead`` above zero, the k-th such token's weight is multiplied by
    ``lead / (lead + k)`` (that factor rounded to single precision first, then the product:
    what meaning.py's numpy path computes)."""
    cdef Py_ssize_t token, size = vectors.shape[0], dim = vectors.shape[1]
    cdef Py_ssize_t kept = 0, room = 256
    cdef float weight, factor
    cdef PyObject* found
    cdef Py_ssize_t* rows
    cdef float* scaled
    cdef void* grown
    if out.shape[0] != dim:
        raise ValueError("out must have the vectors' width")
    if dim == 0:
        return 0
    # First the tokens' rows and weights (the part that reads Python objects), then the
    # arithmetic over them in one C loop.
    rows = <Py_ssize_t*>PyMem_Malloc(room * sizeof(Py_ssize_t))
    scaled = <float*>PyMem_Malloc(room * sizeof(float))
    try:
        if rows is NULL or scaled is NULL:
            raise MemoryError()
        for word in words:
            found = PyDict_GetItem(memo, word)
            if found is NULL:
                ids = word_ids(word)
            else:
                ids = <object>found
            for value in <tuple>ids:
                token = value
                if token < 0 or token >= size:
                    raise IndexError(f"token id {token} outside the model's {size} tokens")
                weight = weights[token]
                if weight > 0.0:
                    if lead > 0.0:
                        factor = <float>(lead / (lead + kept))
                        weight = weight * factor
                    if kept == room:
                        room *= 2
                        grown = PyMem_Realloc(rows, room * sizeof(Py_ssize_t))
                        if grown is NULL:
                            raise MemoryError()
                        rows = <Py_ssize_t*>grown
                        grown = PyMem_Realloc(scaled, room * sizeof(float))
                        if grown is NULL:
                            raise MemoryError()
                        scaled = <float*>grown
                    rows[kept] = token
                    scaled[kept] = weight
                    kept += 1
        if kept:
            newsclean_weighted_rows(&out[0], &vectors[0, 0], dim, rows, scaled, kept)
        return kept
    finally:
        PyMem_Free(rows)
        PyMem_Free(scaled)


# Flags of a BMP code point in the table story_tokens reads (shingles._token_flags).
cdef enum:
    LETTER = 1      # \p{L}
    MARK = 2        # \p{M}
    DIGIT = 4       # \d
    JOINER = 8      # ' ’ - inside a word
    SEPARATOR = 16  # . , inside a number


def story_tokens(str text, const unsigned char[::1] flags):
    """The story tokens of ``text`` (what shingles._STORY_TOKEN.findall gives: a letter
    and the letters, marks, apostrophes and hyphens after it; or digits with the dots
    and commas between them) and its count of words of two or more letters
    (shingles.letter_words); None when ``text`` has a character beyond the BMP, which
    the table does not cover."""
    cdef Py_ssize_t n = len(text), i = 0, j, last, run = 0, words = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 c
    cdef unsigned char f
    if flags.shape[0] < 0x10000:
        raise ValueError("flags must cover the BMP")
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c > 0xFFFF:
            return None
        if flags[c] & LETTER:
            run += 1
        else:
            if run >= 2:
                words += 1
            run = 0
    if run >= 2:
        words += 1
    tokens = []
    i = 0
    while i < n:
        f = flags[PyUnicode_READ(kind, data, i)]
        if f & LETTER:
            j = i + 1
            while j < n and flags[PyUnicode_READ(kind, data, j)] & (LETTER | MARK | JOINER):
                j += 1
            tokens.append(text[i:j])
            i = j
        elif f & DIGIT:
            last = i
            j = i + 1
            while j < n:
                f = flags[PyUnicode_READ(kind, data, j)]
                if f & DIGIT:
                    last = j
                elif not f & SEPARATOR:
                    break
                j += 1
            tokens.append(text[i:last + 1])
            i = last + 1
        else:
            i += 1
    return tokens, words


# The longest word (in characters) the byte-pair encoder takes: its merging is quadratic
# in a word's symbols, which costs nothing at news words' lengths (a few to twenty) but
# would on a page-long run without spaces; longer words go to the tokenizers package,
# whose merging is n log n.
cdef enum:
    _LONGEST_WORD = 64
    # a word's symbols before merging: the word-start mark, then up to 4 bytes a character
    _MOST_SYMBOLS = 1 + 4 * _LONGEST_WORD
    _NO_PAIR = 0x7FFFFFFF

cdef extern from "stdint.h":
    ctypedef unsigned long long uint64_t
    ctypedef int int32_t

# a free slot of the merge table (no token id reaches 2**32 - 1)
cdef uint64_t _EMPTY = 0xFFFFFFFFFFFFFFFFULL


cdef class BytePairEncoder:
    """A word's token ids under a SentencePiece-style byte-pair encoding (a word-start mark
    "▁" before the word, byte fallback for characters outside the vocabulary): the merges
    of the tokenizers package's BPE model, lowest rank first and leftmost among equals, so
    the same ids as ``Tokenizer.encode("▁" + word)`` for the tokenizer files whose settings
    meaning.py checks (it builds this encoder only for those). About ten times the speed of
    a call of the tokenizers package per new word, which was a third of a story document's
    cost in a corpus's first pass (benchmarks/dedup.py's cold adds).

    ``encode_words`` answers None for a word it leaves to the tokenizers package: longer
    than _LONGEST_WORD characters, holding "<" (the special tokens "<s>", "</s>", "<unk>"
    are matched in the raw text there) or the word-start mark itself (runs of it are
    tokens of their own), or a character whose bytes have no token.
    """

    cdef uint64_t* pair_keys      # (left id << 32 | right id), _EMPTY where free
    cdef int32_t* pair_ranks
    cdef int32_t* pair_ids        # the merged token's id
    cdef uint64_t pair_mask
    cdef int pair_shift
    cdef int32_t* bmp_ids         # a character of the Basic Multilingual Plane -> its id, -1 if none
    cdef dict astral_ids          # code point -> id, for the other planes
    cdef int32_t byte_ids[256]
    cdef int32_t mark_id
    cdef Py_UCS4 mark

    def __cinit__(self, dict vocab, list merges, str mark):
        """``vocab``: token -> id; ``merges``: (left, right) token pairs, highest priority
        first (a pair listed twice keeps its later rank, as the tokenizers package's map does)."""
        cdef Py_ssize_t size = 1, i, rank
        cdef uint64_t key, slot
        cdef int32_t left_id, right_id, merged_id
        self.pair_keys = NULL
        self.pair_ranks = NULL
        self.pair_ids = NULL
        self.bmp_ids = NULL
        if len(mark) != 1 or mark not in vocab:
            raise ValueError("the word-start mark must be one character with a token")
        self.mark = mark[0]
        self.mark_id = vocab[mark]
        self.pair_shift = 64
        while size < 2 * len(merges) + 2:
            size *= 2
            self.pair_shift -= 1
        self.pair_mask = size - 1
        self.pair_keys = <uint64_t*>PyMem_Malloc(size * sizeof(uint64_t))
        self.pair_ranks = <int32_t*>PyMem_Malloc(size * sizeof(int32_t))
        self.pair_ids = <int32_t*>PyMem_Malloc(size * sizeof(int32_t))
        self.bmp_ids = <int32_t*>PyMem_Malloc(0x10000 * sizeof(int32_t))
        if not (self.pair_keys and self.pair_ranks and self.pair_ids and self.bmp_ids):
            raise MemoryError()
        for i in range(size):
            self.pair_keys[i] = _EMPTY
        for i in range(0x10000):
            self.bmp_ids[i] = -1
        self.astral_ids = {}
        for token, token_id in vocab.items():
            if not 0 <= token_id < 0x7FFFFFFF:
                raise ValueError(f"token id out of range: {token_id!r}")
            if len(token) == 1:
                if ord(token) < 0x10000:
                    self.bmp_ids[ord(token)] = token_id
                else:
                    self.astral_ids[ord(token)] = token_id
        for i in range(256):
            self.byte_ids[i] = vocab.get(f"<0x{i:02X}>", -1)
        for rank, (left, right) in enumerate(merges):
            merged = vocab.get(left + right)
            if left not in vocab or right not in vocab or merged is None:
                raise ValueError(f"merge {left!r} {right!r} names a token the vocabulary lacks")
            left_id, right_id, merged_id = vocab[left], vocab[right], merged
            key = (<uint64_t>left_id << 32) | <uint64_t>right_id
            slot = self._slot(key)
            self.pair_keys[slot] = key
            self.pair_ranks[slot] = <int32_t>rank
            self.pair_ids[slot] = merged_id

    def __dealloc__(self):
        PyMem_Free(self.pair_keys)
        PyMem_Free(self.pair_ranks)
        PyMem_Free(self.pair_ids)
        PyMem_Free(self.bmp_ids)

    cdef inline uint64_t _slot(self, uint64_t key) noexcept:
        """The slot holding ``key``, or the free slot where it would go (linear probing;
        the table is at most half full)."""
        cdef uint64_t slot = (key * <uint64_t>0x9E3779B97F4A7C15ULL) >> self.pair_shift
        while self.pair_keys[slot] != _EMPTY and self.pair_keys[slot] != key:
            slot = (slot + 1) & self.pair_mask
        return slot

    cdef inline int32_t _rank(self, int32_t left, int32_t right, int32_t* merged) noexcept:
        cdef uint64_t key = (<uint64_t>left << 32) | <uint64_t>right
        cdef uint64_t slot = self._slot(key)
        if self.pair_keys[slot] == _EMPTY:
            return _NO_PAIR
        merged[0] = self.pair_ids[slot]
        return self.pair_ranks[slot]

    cdef object _encode(self, str word):
        cdef Py_ssize_t length = len(word), count = 1, i, best
        cdef int32_t symbols[_MOST_SYMBOLS]
        cdef int32_t ranks[_MOST_SYMBOLS]    # ranks[i]: the merge of symbols i and i + 1
        cdef int32_t merged[_MOST_SYMBOLS]
        cdef int32_t found, rank
        cdef unsigned int c  # a code point
        cdef int kind
        cdef void* data
        cdef unsigned char utf8[4]
        cdef int width, b
        if length > _LONGEST_WORD or length == 0:
            return None
        kind, data = PyUnicode_KIND(word), PyUnicode_DATA(word)
        symbols[0] = self.mark_id
        for i in range(length):
            c = <unsigned int>PyUnicode_READ(kind, data, i)
            if c == 0x3C or c == <unsigned int>self.mark:  # "<", or the mark itself
                return None
            if c < 0x10000:
                found = self.bmp_ids[c]
            else:
                found = self.astral_ids.get(<long>c, -1)
            if found >= 0:
                symbols[count] = found
                count += 1
                continue
            if 0xD800 <= c < 0xE000:
                return None  # a lone surrogate has no UTF-8 form
            # byte fallback: the character's UTF-8 bytes as tokens of their own
            if c < 0x80:
                utf8[0] = <unsigned char>c
                width = 1
            elif c < 0x800:
                utf8[0] = 0xC0 | (c >> 6)
                utf8[1] = 0x80 | (c & 0x3F)
                width = 2
            elif c < 0x10000:
                utf8[0] = 0xE0 | (c >> 12)
                utf8[1] = 0x80 | ((c >> 6) & 0x3F)
                utf8[2] = 0x80 | (c & 0x3F)
                width = 3
            else:
                utf8[0] = 0xF0 | (c >> 18)
                utf8[1] = 0x80 | ((c >> 12) & 0x3F)
                utf8[2] = 0x80 | ((c >> 6) & 0x3F)
                utf8[3] = 0x80 | (c & 0x3F)
                width = 4
            for b in range(width):
                found = self.byte_ids[utf8[b]]
                if found < 0:
                    return None
                symbols[count] = found
                count += 1
        for i in range(count - 1):
            ranks[i] = self._rank(symbols[i], symbols[i + 1], &merged[i])
        while count > 1:
            best = -1
            rank = _NO_PAIR
            for i in range(count - 1):
                if ranks[i] < rank:  # strictly lower: the leftmost of equal ranks wins
                    rank = ranks[i]
                    best = i
            if best < 0:
                break
            symbols[best] = merged[best]
            for i in range(best + 1, count - 1):
                symbols[i] = symbols[i + 1]
                ranks[i] = ranks[i + 1]
                merged[i] = merged[i + 1]
            count -= 1
            if best > 0:
                ranks[best - 1] = self._rank(symbols[best - 1], symbols[best], &merged[best - 1])
            if best < count - 1:
                ranks[best] = self._rank(symbols[best], symbols[best + 1], &merged[best])
        return tuple([symbols[i] for i in range(count)])

    def encode_words(self, list words):
        """Each word's token ids as a tuple, or None where the tokenizers package must say."""
        return [self._encode(word) for word in words]

# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Story mode's per-document loops, in C: the salient terms' ranking (shingles.story_terms)
and the meaning vector's weighted sum of token vectors (meaning.MeaningModel.embed).

Each runs over the same dicts and arrays as its Python counterpart and gives the same
result: the same terms and weights (a dict of floats, ranked the same way), and the same
single-precision sum, token by token in text order (the Python path sums the same
products row by row with numpy; tests/test_compiled.py compares them bit for bit).
setup.py builds it with floating-point contraction off, so that no compiler fuses a
multiply and an add into one rounding. Together about a third of a story document's
preparing time (benchmarks/dedup.py).
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

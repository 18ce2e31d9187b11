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
from cpython.object cimport PyObject
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ


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


def top_terms(dict weights, Py_ssize_t top_k):
    """The ``top_k`` heaviest terms, heaviest first, ties in the terms' order: what
    sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:top_k] gives."""
    ranked = [(-w, t) for t, w in weights.items()]
    ranked.sort()
    return {t: -w for w, t in ranked[:top_k]}


def weighted_token_sum(list words, dict memo, object word_ids, const float[::1] weights,
                       const float[:, ::1] vectors, float[::1] out, double lead=0.0):
    """Add to ``out`` (zeros, the vectors' width) ``weights[t] * vectors[t]`` for every
    token ``t`` of ``words`` (``word_ids(word)``, a tuple, remembered in ``memo``) whose
    weight is above zero, in order and in single precision; return how many there were.
    With ``lead`` above zero, the k-th such token's weight is multiplied by
    ``lead / (lead + k)`` (that factor rounded to single precision first, then the product:
    what meaning.py's numpy path computes)."""
    cdef Py_ssize_t j, token, size = vectors.shape[0], dim = vectors.shape[1]
    cdef Py_ssize_t kept = 0
    cdef float weight, factor
    cdef PyObject* found
    cdef const float* row
    cdef float* total
    if out.shape[0] != dim:
        raise ValueError("out must have the vectors' width")
    if dim == 0:
        return 0
    total = &out[0]
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
                kept += 1
                row = &vectors[token, 0]
                for j in range(dim):
                    total[j] += weight * row[j]
    return kept


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

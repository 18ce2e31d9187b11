# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""fastText's prediction for a quantized supervised model (``lid.176.ftz``), in C.

``fasttext-predict`` keeps the model's pruned character n-grams in a node-based hash map
(``std::unordered_map``), so finding one n-gram's row costs two or three reads from
memory that is rarely in cache: right after cleaning an article, whose stages push the
model out of cache, a 400-character sample took about twice its time in a tight loop
(``benchmarks/langid.py``, "two predictors"). Here each kept n-gram is one 16-byte slot
of an open-addressing table holding its product-quantizer codes: one read, and all of a
sample's reads are started before any is used.

What is computed is fastText's own arithmetic, step by step (src/dictionary.cc,
model.cc, loss.cc, productquantizer.cc of fastText 0.9.2, as fasttext-predict builds
it): the same tokens (split on the same bytes, a sample ending with the end-of-line
token ``</s>``), the same n-grams and FNV-1a hashes (of signed bytes), the rows added
in the same order in single precision, the hidden vector scaled by ``1/count``, and the
hierarchical softmax's depth-first search with its pruning, its ``log(x + 1e-5)`` in
double precision and its ``expf``. So the label and probability are the ones
fasttext-predict gives, bit for bit (tests/test_compiled.py compares them on many
languages and on random text). setup.py builds it with floating-point contraction off.
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from libc.math cimport expf, log
from libc.stdint cimport int8_t, int32_t, int64_t, uint8_t, uint32_t
from libc.string cimport memcmp, memcpy, memset

cdef extern from *:
    """
    #define NEWSCLEAN_PREFETCH(address) __builtin_prefetch((address), 0, 1)
    #define NEWSCLEAN_EMPTY 0xFFFFFFFFu
    """
    void NEWSCLEAN_PREFETCH(const void* address) noexcept nogil
    uint32_t EMPTY "NEWSCLEAN_EMPTY"

cdef enum:
    MAX_SUBQ = 16  # product-quantizer sub-vectors a slot holds codes for


cdef struct NgramSlot:  # a kept n-gram bucket: its id, its row's codes and norm code
    uint32_t bucket
    uint8_t norm
    uint8_t codes[MAX_SUBQ]


cdef inline uint32_t _fnv(const unsigned char* data, Py_ssize_t size) noexcept nogil:
    # fastText's hash: FNV-1a over the bytes read as signed chars (dictionary.cc)
    cdef uint32_t h = 2166136261
    cdef Py_ssize_t i
    for i in range(size):
        h = h ^ <uint32_t><int32_t>(<int8_t>data[i])
        h = h * 16777619
    return h


cdef inline uint32_t _spread(uint32_t key) noexcept nogil:
    return key * <uint32_t>0x9E3779B1


cdef inline bint _separator(unsigned char c) noexcept nogil:
    # the bytes readWord splits on
    return c == 32 or c == 10 or c == 13 or c == 9 or c == 11 or c == 12 or c == 0


cdef class Predictor:
    """A quantized supervised fastText model (hierarchical softmax, pruned n-grams), read
    by newsclean._fasttext from the model file; ``predict`` gives fasttext-predict's
    first label and probability."""

    cdef int dim, nsubq, dsub, lastdsub, minn, maxn, nwords, nlabels
    cdef uint32_t bucket, ngram_mask, word_mask, eos
    cdef bint qnorm
    cdef NgramSlot* ngrams
    cdef int32_t* word_slots
    cdef unsigned char* word_text
    cdef int64_t* word_starts
    cdef uint8_t* word_codes
    cdef uint8_t* word_norms
    cdef float* centroids
    cdef float* norm_centroids
    cdef float* output
    cdef int32_t* left
    cdef int32_t* right
    cdef float log_floor

    def __cinit__(self):
        self.ngrams = NULL
        self.word_slots = NULL
        self.word_text = NULL
        self.word_starts = NULL
        self.word_codes = NULL
        self.word_norms = NULL
        self.centroids = NULL
        self.norm_centroids = NULL
        self.output = NULL
        self.left = NULL
        self.right = NULL

    def __init__(self, *, int dim, int nsubq, int dsub, int lastdsub, int minn, int maxn, uint32_t bucket,
                 list words, const int32_t[::1] pruned_buckets, const int32_t[::1] pruned_rows,
                 const uint8_t[:, ::1] codes, const uint8_t[::1] norm_codes, const float[::1] centroids,
                 const float[::1] norm_centroids, const float[:, ::1] output, const int32_t[::1] left,
                 const int32_t[::1] right, int nlabels):
        """``words``: the dictionary's words (UTF-8 bytes, labels excluded) in id order;
        ``pruned_buckets[i]`` -> row ``nwords + pruned_rows[i]``; ``codes`` one row of
        ``nsubq`` codes per input row; ``norm_codes`` one per row (empty: no norms);
        ``output`` the hierarchical softmax's node vectors; ``left`` / ``right`` its tree
        (leaves first, -1 for none)."""
        cdef Py_ssize_t i, count, total = 0, slot
        cdef int32_t row
        cdef uint32_t key
        cdef bytes word
        if nsubq < 1 or nsubq > MAX_SUBQ or dsub < 1 or lastdsub < 1 or dim != (nsubq - 1) * dsub + lastdsub:
            raise ValueError("unsupported product quantizer shape")
        if not (1 <= minn <= maxn) or bucket < 1:
            raise ValueError("unsupported n-gram settings")
        self.dim, self.nsubq, self.dsub, self.lastdsub = dim, nsubq, dsub, lastdsub
        self.minn, self.maxn, self.bucket = minn, maxn, bucket
        self.nwords, self.nlabels = len(words), nlabels
        self.qnorm = norm_codes.shape[0] > 0
        if codes.shape[1] != nsubq or centroids.shape[0] != (nsubq - 1) * 256 * dsub + 256 * lastdsub:
            raise ValueError("codes and centroids do not fit the quantizer")
        if self.qnorm and (norm_codes.shape[0] != codes.shape[0] or norm_centroids.shape[0] != 256):
            raise ValueError("norm codes do not fit the rows")
        if pruned_buckets.shape[0] != pruned_rows.shape[0]:
            raise ValueError("one row per pruned bucket")
        if nlabels < 1 or output.shape[0] < nlabels - 1 or output.shape[1] != dim \
                or left.shape[0] != 2 * nlabels - 1 or right.shape[0] != 2 * nlabels - 1:
            raise ValueError("the output tree does not fit the labels")
        self.log_floor = <float>log(<double>(<float>0.0) + 1e-5)
        # the centroids, the output matrix and the tree: small, copied as they are
        self.centroids = <float*>PyMem_Malloc(centroids.shape[0] * sizeof(float))
        self.norm_centroids = <float*>PyMem_Malloc(256 * sizeof(float))
        self.output = <float*>PyMem_Malloc(output.shape[0] * dim * sizeof(float) + 1)
        self.left = <int32_t*>PyMem_Malloc(left.shape[0] * sizeof(int32_t))
        self.right = <int32_t*>PyMem_Malloc(right.shape[0] * sizeof(int32_t))
        if self.centroids is NULL or self.norm_centroids is NULL or self.output is NULL or self.left is NULL \
                or self.right is NULL:
            raise MemoryError()
        memcpy(self.centroids, &centroids[0], centroids.shape[0] * sizeof(float))
        memset(self.norm_centroids, 0, 256 * sizeof(float))
        if self.qnorm:
            memcpy(self.norm_centroids, &norm_centroids[0], 256 * sizeof(float))
        for i in range(output.shape[0]):
            memcpy(&self.output[i * dim], &output[i, 0], dim * sizeof(float))
        memcpy(self.left, &left[0], left.shape[0] * sizeof(int32_t))
        memcpy(self.right, &right[0], right.shape[0] * sizeof(int32_t))
        for i in range(2 * nlabels - 1):
            if not (-1 <= self.left[i] < 2 * nlabels - 1 and -1 <= self.right[i] < 2 * nlabels - 1):
                raise ValueError("a tree node points outside the tree")
            if i < nlabels and (self.left[i] != -1 or self.right[i] != -1):
                raise ValueError("a leaf of the tree has children")
            if i >= nlabels and (self.left[i] < 0 or self.right[i] < 0 or self.left[i] >= i or self.right[i] >= i):
                raise ValueError("an inner node of the tree lacks its children")
        # the words: their bytes side by side, an open-addressing table of their ids
        for word in words:
            total += len(word)
        self.word_text = <unsigned char*>PyMem_Malloc(total + 1)
        self.word_starts = <int64_t*>PyMem_Malloc((self.nwords + 1) * sizeof(int64_t))
        self.word_codes = <uint8_t*>PyMem_Malloc(self.nwords * nsubq + 1)
        self.word_norms = <uint8_t*>PyMem_Malloc(self.nwords + 1)
        count = 64
        while count < 2 * self.nwords:
            count *= 2
        self.word_mask = <uint32_t>(count - 1)
        self.word_slots = <int32_t*>PyMem_Malloc(count * sizeof(int32_t))
        if self.word_text is NULL or self.word_starts is NULL or self.word_codes is NULL \
                or self.word_norms is NULL or self.word_slots is NULL:
            raise MemoryError()
        if codes.shape[0] < self.nwords:
            raise ValueError("fewer rows than words")
        for i in range(count):
            self.word_slots[i] = -1
        total = 0
        self.eos = EMPTY
        for i in range(self.nwords):
            word = words[i]
            self.word_starts[i] = total
            memcpy(&self.word_text[total], <const char*>word, len(word))
            total += len(word)
            memcpy(&self.word_codes[i * nsubq], &codes[i, 0], nsubq)
            self.word_norms[i] = norm_codes[i] if self.qnorm else 0
            if self._word_id(<const unsigned char*><const char*>word, len(word)) >= 0:
                raise ValueError("a word listed twice")
            slot = _fnv(<const unsigned char*><const char*>word, len(word)) & self.word_mask
            while self.word_slots[slot] >= 0:
                slot = (slot + 1) & self.word_mask
            self.word_slots[slot] = <int32_t>i
            if word == b"</s>":
                self.eos = <uint32_t>i
        self.word_starts[self.nwords] = total
        if self.eos == EMPTY:
            raise ValueError("the dictionary lacks the end-of-line token")
        # the kept n-gram buckets, each with its row's codes in its slot
        count = 64
        while count < 2 * pruned_buckets.shape[0]:
            count *= 2
        self.ngram_mask = <uint32_t>(count - 1)
        self.ngrams = <NgramSlot*>PyMem_Malloc(count * sizeof(NgramSlot))
        if self.ngrams is NULL:
            raise MemoryError()
        memset(self.ngrams, 0, count * sizeof(NgramSlot))
        for i in range(count):
            self.ngrams[i].bucket = EMPTY
        for i in range(pruned_buckets.shape[0]):
            key = <uint32_t>pruned_buckets[i]
            row = self.nwords + pruned_rows[i]
            if pruned_buckets[i] < 0 or key >= bucket or pruned_rows[i] < 0 or row >= codes.shape[0]:
                raise ValueError("a pruned bucket or its row is out of range")
            slot = _spread(key) & self.ngram_mask
            while self.ngrams[slot].bucket != EMPTY and self.ngrams[slot].bucket != key:
                slot = (slot + 1) & self.ngram_mask
            # fastText's map keeps the last row given for a bucket
            self.ngrams[slot].bucket = key
            memcpy(self.ngrams[slot].codes, &codes[row, 0], nsubq)
            self.ngrams[slot].norm = norm_codes[row] if self.qnorm else 0

    def __dealloc__(self):
        PyMem_Free(self.ngrams)
        PyMem_Free(self.word_slots)
        PyMem_Free(self.word_text)
        PyMem_Free(self.word_starts)
        PyMem_Free(self.word_codes)
        PyMem_Free(self.word_norms)
        PyMem_Free(self.centroids)
        PyMem_Free(self.norm_centroids)
        PyMem_Free(self.output)
        PyMem_Free(self.left)
        PyMem_Free(self.right)

    cdef int32_t _word_id(self, const unsigned char* data, Py_ssize_t size) noexcept nogil:
        cdef uint32_t slot = _fnv(data, size) & self.word_mask
        cdef int32_t found
        while True:
            found = self.word_slots[slot]
            if found < 0:
                return -1
            if self.word_starts[found + 1] - self.word_starts[found] == size \
                    and memcmp(&self.word_text[self.word_starts[found]], data, size) == 0:
                return found
            slot = (slot + 1) & self.word_mask

    cdef const NgramSlot* _ngram(self, uint32_t key) noexcept nogil:
        cdef uint32_t slot = _spread(key) & self.ngram_mask
        while True:
            if self.ngrams[slot].bucket == key:
                return &self.ngrams[slot]
            if self.ngrams[slot].bucket == EMPTY:
                return NULL
            slot = (slot + 1) & self.ngram_mask

    cdef int _ngram_buckets(self, const unsigned char* word, Py_ssize_t size, int64_t** keys, Py_ssize_t* count,
                            Py_ssize_t* room) except -1:
        """Dictionary::computeSubwords over ``word`` (BOW + token + EOW): the bucket of
        every n-gram of minn..maxn characters (UTF-8 continuation bytes kept with their
        character), appended to ``keys``."""
        cdef Py_ssize_t i, j, n
        for i in range(size):
            if (word[i] & 0xC0) == 0x80:
                continue
            j = i
            n = 1
            while j < size and n <= self.maxn:
                j += 1
                while j < size and (word[j] & 0xC0) == 0x80:
                    j += 1
                if n >= self.minn and not (n == 1 and (i == 0 or j == size)):
                    self._push(keys, count, room, _fnv(&word[i], j - i) % self.bucket)
                n += 1
        return 0

    cdef void _add_row(self, float* hidden, const uint8_t* codes, uint8_t norm) noexcept nogil:
        # QuantMatrix::addRowToVector and ProductQuantizer::addcode
        cdef float alpha = self.norm_centroids[norm] if self.qnorm else <float>1.0
        cdef const float* c
        cdef int m, n, d = self.dsub
        for m in range(self.nsubq):
            if m == self.nsubq - 1:
                c = &self.centroids[m * 256 * self.dsub + codes[m] * self.lastdsub]
                d = self.lastdsub
            else:
                c = &self.centroids[(m * 256 + codes[m]) * self.dsub]
            for n in range(d):
                hidden[m * self.dsub + n] += alpha * c[n]

    cdef void _search(self, const float* hidden, int32_t node, float score, int32_t* best,
                      float* best_score) noexcept nogil:
        # HierarchicalSoftmaxLoss::dfs with k = 1 and threshold 0
        cdef float f, d
        cdef int j
        if score < self.log_floor:
            return
        if best[0] >= 0 and score < best_score[0]:
            return
        if self.left[node] == -1 and self.right[node] == -1:
            best[0] = node  # a tie goes to the later leaf, as the heap's push and pop do
            best_score[0] = score
            return
        d = 0.0
        for j in range(self.dim):
            d += self.output[(node - self.nlabels) * self.dim + j] * hidden[j]
        f = <float>(1.0 / <double>(<float>1.0 + expf(-d)))
        self._search(hidden, self.left[node], score + <float>log(<double>(<float>(1.0 - <double>f)) + 1e-5),
                     best, best_score)
        self._search(hidden, self.right[node], score + <float>log(<double>f + 1e-5), best, best_score)

    cdef int _push(self, int64_t** items, Py_ssize_t* count, Py_ssize_t* room, int64_t item) except -1:
        """``item`` at the end of the growing array ``items[0]`` (``count`` used of ``room``)."""
        cdef void* grown
        if count[0] == room[0]:
            room[0] *= 2
            grown = PyMem_Realloc(items[0], room[0] * sizeof(int64_t))
            if grown is NULL:
                raise MemoryError()
            items[0] = <int64_t*>grown
        items[0][count[0]] = item
        count[0] += 1
        return 0

    def predict(self, bytes text):
        """The first label's index and its probability for one line of UTF-8 ``text``
        (no line break in it): (-1, 0.0) where fastText predicts nothing."""
        cdef const unsigned char* data = <const unsigned char*><const char*>text
        cdef Py_ssize_t size = len(text), start, end = 0, i, count = 0, room = 256, rows = 0
        cdef Py_ssize_t buffer_room = 256
        cdef int32_t wid, best = -1
        cdef float best_score = 0.0
        cdef bint stop = False
        # the line's rows in fastText's order: a word's own row as -(id + 1), an n-gram as
        # its bucket (>= 0), looked up once all are known so that the reads overlap
        cdef int64_t* items = <int64_t*>PyMem_Malloc(room * sizeof(int64_t))
        cdef int64_t* keys = NULL
        cdef unsigned char* token = <unsigned char*>PyMem_Malloc(buffer_room)
        cdef float* hidden = <float*>PyMem_Malloc(self.dim * sizeof(float))
        cdef Py_ssize_t key_count = 0, key_room = 64
        cdef const NgramSlot* found
        cdef void* grown
        cdef float scale
        keys = <int64_t*>PyMem_Malloc(key_room * sizeof(int64_t))
        try:
            if items is NULL or keys is NULL or token is NULL or hidden is NULL:
                raise MemoryError()
            while not stop:
                while end < size and _separator(data[end]):
                    end += 1
                start = end
                while end < size and not _separator(data[end]):
                    end += 1
                if start == end:  # the line's end: fastText reads "\n" as "</s>"
                    wid = <int32_t>self.eos
                    stop = True
                else:
                    wid = self._word_id(&data[start], end - start)
                    if wid >= 0 and <uint32_t>wid == self.eos:
                        stop = True  # a "</s>" in the text ends the line there
                if wid < 0 and end - start >= 9 and memcmp(&data[start], b"__label__", 9) == 0:
                    continue  # a label, not a word
                if wid >= 0:
                    self._push(&items, &count, &room, -(<int64_t>wid + 1))
                if <uint32_t>wid != self.eos:
                    if end - start + 2 > buffer_room:
                        buffer_room = end - start + 2
                        grown = PyMem_Realloc(token, buffer_room)
                        if grown is NULL:
                            raise MemoryError()
                        token = <unsigned char*>grown
                    token[0] = b'<'
                    memcpy(&token[1], &data[start], end - start)
                    token[end - start + 1] = b'>'
                    key_count = 0
                    self._ngram_buckets(token, end - start + 2, &keys, &key_count, &key_room)
                    for i in range(key_count):
                        NEWSCLEAN_PREFETCH(&self.ngrams[_spread(<uint32_t>keys[i]) & self.ngram_mask])
                        self._push(&items, &count, &room, keys[i])
            memset(hidden, 0, self.dim * sizeof(float))
            for i in range(count):
                if items[i] < 0:
                    wid = <int32_t>(-items[i] - 1)
                    self._add_row(hidden, &self.word_codes[wid * self.nsubq], self.word_norms[wid])
                    rows += 1
                else:
                    found = self._ngram(<uint32_t>items[i])
                    if found is not NULL:  # a bucket the pruning kept
                        self._add_row(hidden, found.codes, found.norm)
                        rows += 1
            if rows == 0:
                return -1, 0.0
            scale = <float>(1.0 / <double>rows)
            for i in range(self.dim):
                hidden[i] *= scale
            self._search(hidden, 2 * self.nlabels - 2, <float>0.0, &best, &best_score)
            if best < 0:
                return -1, 0.0
            return best, <double>expf(best_score)
        finally:
            PyMem_Free(items)
            PyMem_Free(keys)
            PyMem_Free(token)
            PyMem_Free(hidden)

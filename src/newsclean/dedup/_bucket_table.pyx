# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""LSH buckets in flat C arrays: what lsh.MemoryBuckets keeps in a dict, in less than half the memory.

A story-mode document puts its id in 256 buckets, most of them new. In a dict each new
bucket costs a Python int for its key and a dict slot, and a shared one a list: 18.6 KB
a document against 7.2 KB here, and 120 against 30 us for an add's bucket reads and
writes (``benchmarks/dedup.py``, 20,000 documents). Here a bucket is a slot of an
open-addressing table (its 64-bit key, the length of its bucket and one 32-bit number:
16 bytes, the table kept at most two-thirds full). A bucket of one id (most of them: a
band no other document shares) holds the document's number in the slot itself; a larger
one, the offset of a chunk of a shared pool where its ids lie side by side (chunks of 2,
4, 8, ... numbers, up to ``largest``, moved to the next size as the bucket grows). A key's
slot comes from its bits mixed once more (MurmurHash3's finalizer), so keys that agree in
their low bits cannot crowd one run of slots.

The ids of a bucket side by side, not a linked list of nodes made as they came: a story
add reads 256 buckets of up to 16 ids, and on a dense corpus each node of a list was a
wait for memory that the next could not overlap (it needed the previous one's link).

Limit: the pool holds 2**31 - 1 numbers (32-bit offsets): at least a billion ids in shared
buckets (a chunk is at most twice as large as its bucket; ids alone in their bucket take no
pool), about 4 million story-mode documents (256 bands) if every bucket were shared;
past it ``insert`` raises DuplicateIndexError instead of wrapping around. The README's
plan splits a stream into indexes far smaller.

Same behaviour as the dict (tests/test_compiled.py compares them under random inserts,
removals, labels and lookups): a bucket keeps the first ids put in it, in order, as many
as the insert's cap (the table's ``cap`` unless an insert asks for another, up to
``largest``: story mode's salient terms keep more ids than its bands, lsh.py); a removal
frees a place; ``candidates`` is the set of ids in the buckets of the keys. Ids are strings
outside; inside, each id has a number (a re-added id gets a new one).

Each id can carry a label (a whole number >= 0: story mode's cluster), and
``most_voted`` counts the candidates of each label without making a string of any of
them: a story-mode add meets hundreds of candidates on a dense corpus, and building their
set of ids, looking up each one's cluster and counting them in Python took about twice as
long (``benchmarks/dedup.py``, "Story assignment", times both on the same index).
"""

from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.object cimport PyObject
from cpython.unicode cimport PyUnicode_Compare
from libc.stdint cimport int32_t, uint64_t
from libc.string cimport memcpy, memmove, memset

from array import array

from newsclean.errors import DuplicateIndexError

cdef extern from *:
    void __builtin_prefetch(const void* address) nogil

# The slots and the pool, the arrays a vote reads at random (hundreds of MB at 100,000
# story documents: 256 band keys each), in memory the kernel may back with 2 MiB pages:
# with 4 KiB pages nearly every probe missed the processor's address cache (TLB) too. On
# Linux with transparent huge pages in "madvise" mode (the common default) only memory
# advised so gets them; the advice changes no byte of the table. On the dense synthetic
# corpus of corpus_scale.py, 100,000 story documents prepared beforehand, three alternated
# one-off runs each with the kernel's huge pages off ("never") and in "madvise" mode: the
# ordered add 354 -> 280 us a document, refinement with the split and the merge 521 -> 458
# (the same clusters in all six runs).
cdef extern from *:
    """
    #include <stdlib.h>
    #if defined(__linux__)
    #include <sys/mman.h>
    #endif
    static void *newsclean_table_alloc(size_t bytes) {
    #if defined(__linux__) && defined(MADV_HUGEPAGE)
        const size_t huge = (size_t)2 << 20;
        if (bytes >= 2 * huge) {
            void *p = NULL;
            size_t rounded = (bytes + huge - 1) & ~(huge - 1);
            if (posix_memalign(&p, huge, rounded) != 0)
                return NULL;
            (void)madvise(p, rounded, MADV_HUGEPAGE); /* advice: where refused, plain pages */
            return p;
        }
    #endif
        return malloc(bytes ? bytes : 1);
    }
    """
    void* newsclean_table_alloc(size_t bytes) nogil
    void free(void* pointer) nogil

cdef enum:
    _EMPTY = -1

# Pool offsets are 32-bit: the pool holds at most this many numbers.
cdef Py_ssize_t _MAX_POOL = 2147483647
# Chunk sizes 2, 4, 8, ... up to the cap: at most this many sizes.
cdef enum:
    _CLASSES = 32


cdef inline uint64_t _mix(uint64_t key) noexcept nogil:
    # MurmurHash3's 64-bit finalizer: band keys are already mixed, but keys that agree in
    # their low bits (any caller's) must not pile into one run of slots (quadratic time).
    key ^= key >> 33
    key *= <uint64_t>0xFF51AFD7ED558CCD
    key ^= key >> 33
    key *= <uint64_t>0xC4CEB9FE1A85EC53
    key ^= key >> 33
    return key


cdef struct Slot:
    uint64_t key
    int32_t ref       # length 1: the document's number; length >= 2: its chunk's offset in the pool
    int32_t length    # ids in the bucket; -1: the slot holds no key


cdef class BucketTable:
    """Band key -> at most ``cap`` document ids, in C arrays."""

    cdef Slot* slots
    cdef Py_ssize_t capacity, filled
    cdef int32_t* pool
    cdef Py_ssize_t pool_used, pool_capacity
    # per chunk size (class): its size and the first free chunk of it (-1: none; a free
    # chunk's first number is the next free one)
    cdef Py_ssize_t chunk_size[_CLASSES]
    cdef int32_t free_chunk[_CLASSES]
    cdef int classes
    cdef readonly int cap
    cdef readonly int largest
    cdef list ids
    cdef dict number_of
    # per document number: its label (-1: none, or removed), and the vote that last met it
    cdef int32_t* labels
    cdef int32_t* met
    cdef int32_t* place  # shared(): where a document met in this call is tallied
    cdef Py_ssize_t doc_capacity
    cdef int32_t vote
    # per label: its count in the vote under way (zero between votes)
    cdef int32_t* counts
    cdef Py_ssize_t count_capacity

    def __cinit__(self, int cap=16, int largest=0):
        cdef Py_ssize_t size
        if cap < 1:
            raise ValueError("cap must be >= 1")
        self.cap = cap
        # the largest cap an insert may ask for (its chunk sizes are made up to it)
        self.largest = max(cap, largest)
        self.capacity = 1024
        self.slots = <Slot*>newsclean_table_alloc(self.capacity * sizeof(Slot))
        self.pool_capacity = 4096
        self.pool = <int32_t*>newsclean_table_alloc(self.pool_capacity * sizeof(int32_t))
        self.pool_used = 0
        self.classes = 0
        size = 2
        while size < self.largest and self.classes < _CLASSES - 1:
            self.chunk_size[self.classes] = size
            self.free_chunk[self.classes] = _EMPTY
            self.classes += 1
            size *= 2
        if self.largest >= 2:
            self.chunk_size[self.classes] = self.largest
            self.free_chunk[self.classes] = _EMPTY
            self.classes += 1
        self.doc_capacity = 1024
        self.labels = <int32_t*>PyMem_Malloc(self.doc_capacity * sizeof(int32_t))
        self.met = <int32_t*>PyMem_Malloc(self.doc_capacity * sizeof(int32_t))
        self.place = <int32_t*>PyMem_Malloc(self.doc_capacity * sizeof(int32_t))
        self.count_capacity = 1024
        self.counts = <int32_t*>PyMem_Malloc(self.count_capacity * sizeof(int32_t))
        if (self.slots is NULL or self.pool is NULL or self.labels is NULL
                or self.met is NULL or self.place is NULL or self.counts is NULL):
            raise MemoryError()
        memset(self.labels, 0xFF, self.doc_capacity * sizeof(int32_t))  # all -1
        memset(self.met, 0, self.doc_capacity * sizeof(int32_t))
        memset(self.counts, 0, self.count_capacity * sizeof(int32_t))
        self.vote = 0
        self._clear_slots(self.slots, self.capacity)
        self.filled = 0
        self.ids = []
        self.number_of = {}

    def __dealloc__(self):
        free(self.slots)
        free(self.pool)
        PyMem_Free(self.labels)
        PyMem_Free(self.met)
        PyMem_Free(self.place)
        PyMem_Free(self.counts)

    cdef int _fit_docs(self, Py_ssize_t docs) except -1:
        """Room in the per-document arrays for ``docs`` document numbers."""
        cdef Py_ssize_t size = _doubled(self.doc_capacity, docs)
        if size > self.doc_capacity:
            self.labels = _grown(self.labels, self.doc_capacity, size, 0xFF)  # new documents: label -1
            self.met = _grown(self.met, self.doc_capacity, size, 0)
            self.place = _grown(self.place, self.doc_capacity, size, 0)
            self.doc_capacity = size
        return 0

    cdef int _fit_labels(self, Py_ssize_t labels) except -1:
        """Room in the per-label counts for labels below ``labels``."""
        cdef Py_ssize_t size = _doubled(self.count_capacity, labels)
        if size > self.count_capacity:
            self.counts = _grown(self.counts, self.count_capacity, size, 0)
            self.count_capacity = size
        return 0

    cdef void _clear_slots(self, Slot* slots, Py_ssize_t count) noexcept:
        cdef Py_ssize_t i
        for i in range(count):
            slots[i].key = 0
            slots[i].ref = _EMPTY
            slots[i].length = -1

    cdef Py_ssize_t _find(self, uint64_t key) noexcept:
        """The slot of ``key``, or of the empty slot where it would go."""
        cdef Py_ssize_t mask = self.capacity - 1
        cdef Py_ssize_t i = <Py_ssize_t>(_mix(key) & <uint64_t>mask)
        while self.slots[i].length >= 0 and self.slots[i].key != key:
            i = (i + 1) & mask
        return i

    cdef Py_ssize_t _slot_for(self, uint64_t key) except -1:
        """The slot of ``key``, made (the table grown first when two-thirds full) if new."""
        cdef Py_ssize_t slot = self._find(key)
        if self.slots[slot].length < 0:
            if 3 * (self.filled + 1) > 2 * self.capacity:
                self._grow()
                slot = self._find(key)
            self.slots[slot].key = key
            self.slots[slot].length = 0
            self.filled += 1
        return slot

    cdef int _grow(self) except -1:
        cdef Py_ssize_t old_capacity = self.capacity, i, j, mask
        cdef Slot* old = self.slots
        cdef Slot* fresh = <Slot*>newsclean_table_alloc(2 * old_capacity * sizeof(Slot))
        if fresh is NULL:
            raise MemoryError()
        self._clear_slots(fresh, 2 * old_capacity)
        self.slots, self.capacity = fresh, 2 * old_capacity
        mask = self.capacity - 1
        for i in range(old_capacity):
            if old[i].length >= 0:
                j = <Py_ssize_t>(_mix(old[i].key) & <uint64_t>mask)
                while fresh[j].length >= 0:
                    j = (j + 1) & mask
                fresh[j] = old[i]
        free(old)
        return 0

    cdef inline int _class_of(self, Py_ssize_t length) noexcept:
        """The smallest chunk size that holds ``length`` (>= 2) ids."""
        cdef int c = 0
        while self.chunk_size[c] < length:
            c += 1
        return c

    cdef int32_t _new_chunk(self, int c) except -2:
        cdef int32_t chunk = self.free_chunk[c]
        cdef Py_ssize_t size = self.chunk_size[c], wanted
        cdef int32_t* grown
        if chunk != _EMPTY:
            self.free_chunk[c] = self.pool[chunk]
            return chunk
        if self.pool_used + size > _MAX_POOL:
            raise DuplicateIndexError(
                "the in-memory LSH buckets are full (a pool of 2**31 - 1 places: at least a billion ids in "
                "shared buckets): split the stream into several indexes (see the README's plan)")
        if self.pool_used + size > self.pool_capacity:
            wanted = min(_doubled(self.pool_capacity, self.pool_used + size), _MAX_POOL)
            grown = <int32_t*>newsclean_table_alloc(wanted * sizeof(int32_t))
            if grown is NULL:
                raise MemoryError()
            memcpy(grown, self.pool, self.pool_used * sizeof(int32_t))
            free(self.pool)
            self.pool, self.pool_capacity = grown, wanted
        chunk = <int32_t>self.pool_used
        self.pool_used += size
        return chunk

    cdef inline void _free_chunk(self, int32_t chunk, int c) noexcept:
        self.pool[chunk] = self.free_chunk[c]
        self.free_chunk[c] = chunk

    cdef int _append(self, Py_ssize_t slot, int32_t doc) except -1:
        """``doc`` at the end of the bucket in ``slot`` (which holds fewer than ``cap``)."""
        cdef Py_ssize_t length = self.slots[slot].length
        cdef int c
        cdef int32_t chunk
        if length == 0:
            self.slots[slot].ref = doc
        elif length == 1:
            chunk = self._new_chunk(0)
            self.pool[chunk] = self.slots[slot].ref
            self.pool[chunk + 1] = doc
            self.slots[slot].ref = chunk
        else:
            c = self._class_of(length)
            if self.chunk_size[c] == length:  # full: to the next size
                chunk = self._new_chunk(c + 1)  # (the slot may have moved: read it again)
                memcpy(&self.pool[chunk], &self.pool[self.slots[slot].ref], length * sizeof(int32_t))
                self._free_chunk(self.slots[slot].ref, c)
                self.slots[slot].ref = chunk
            self.pool[self.slots[slot].ref + length] = doc
        self.slots[slot].length += 1
        return 0

    cdef int _take_out(self, Py_ssize_t slot, int32_t doc) except -1:
        """``doc`` out of the bucket in ``slot``, the others kept in order."""
        cdef Py_ssize_t length = self.slots[slot].length, i, at = -1
        cdef int32_t chunk, smaller
        cdef int c, c_after
        if length <= 0:
            return 0
        if length == 1:
            if self.slots[slot].ref == doc:
                self.slots[slot].ref = _EMPTY
                self.slots[slot].length = 0
            return 0
        chunk = self.slots[slot].ref
        for i in range(length):
            if self.pool[chunk + i] == doc:
                at = i
                break
        if at < 0:
            return 0
        memmove(&self.pool[chunk + at], &self.pool[chunk + at + 1], (length - at - 1) * sizeof(int32_t))
        c = self._class_of(length)
        length -= 1
        self.slots[slot].length = <int32_t>length
        if length == 1:
            self.slots[slot].ref = self.pool[chunk]
            self._free_chunk(chunk, c)
            return 0
        c_after = self._class_of(length)
        if c_after != c:  # a smaller chunk holds it now: keep the pool at most twice the ids
            smaller = self._new_chunk(c_after)
            memcpy(&self.pool[smaller], &self.pool[chunk], length * sizeof(int32_t))
            self._free_chunk(chunk, c)
            self.slots[slot].ref = smaller
        return 0

    cdef inline const int32_t* _docs(self, Py_ssize_t slot) noexcept:
        """The document numbers of the bucket in ``slot`` (its length many)."""
        if self.slots[slot].length == 1:
            return &self.slots[slot].ref
        return &self.pool[self.slots[slot].ref]

    def insert(self, str doc_id, list keys, int cap=0):
        """Put ``doc_id`` in the bucket of each of ``keys`` that holds fewer than ``cap`` ids
        (the table's ``cap`` when 0; at most ``largest``)."""
        cdef object known = self.number_of.get(doc_id)
        cdef int32_t doc
        cdef Py_ssize_t slot
        cdef int limit = self.cap if cap <= 0 else cap
        if limit > self.largest:
            raise ValueError(f"cap {limit} above the table's largest, {self.largest}")
        if known is None:
            if len(self.ids) >= _MAX_POOL:
                raise DuplicateIndexError("the in-memory LSH buckets hold at most 2**31 - 1 documents")
            doc = <int32_t>len(self.ids)
            self._fit_docs(doc + 1)
            self.ids.append(doc_id)
            self.number_of[doc_id] = doc
        else:
            doc = <int32_t>known
        for value in keys:
            slot = self._slot_for(<uint64_t>value)
            if self.slots[slot].length < limit:
                self._append(slot, doc)

    def remove(self, str doc_id, list keys):
        """Take ``doc_id`` out of the buckets of ``keys``."""
        cdef object known = self.number_of.pop(doc_id, None)
        cdef int32_t doc
        cdef Py_ssize_t slot
        if known is None:
            return
        doc = <int32_t>known
        self.ids[doc] = None
        self.labels[doc] = _EMPTY
        for value in keys:
            slot = self._find(<uint64_t>value)
            self._take_out(slot, doc)

    def candidates(self, list keys):
        """The ids in the buckets of ``keys``."""
        cdef set found = set()
        cdef list ids = self.ids
        cdef Py_ssize_t i, j, count = len(keys)
        cdef const int32_t* docs
        cdef uint64_t* wanted = <uint64_t*>PyMem_Malloc((count + 1) * sizeof(uint64_t))
        cdef Py_ssize_t* where = <Py_ssize_t*>PyMem_Malloc((count + 1) * sizeof(Py_ssize_t))
        try:
            if wanted is NULL or where is NULL:
                raise MemoryError()
            self._buckets(keys, wanted, where)
            for i in range(count):
                if where[i] < 0:
                    continue
                docs = self._docs(where[i])
                for j in range(self.slots[where[i]].length):
                    doc_id = ids[docs[j]]
                    if doc_id is not None:  # removed with other keys than it was put in with
                        found.add(doc_id)
        finally:
            PyMem_Free(wanted)
            PyMem_Free(where)
        return found

    cdef int _next_mark(self) except -1:
        """A new mark for ``met``: a document whose mark is the current one was met already."""
        self.vote += 1
        if self.vote == 2147483647:  # start the marks again rather than wrap around
            memset(self.met, 0, self.doc_capacity * sizeof(int32_t))
            self.vote = 1
        return 0

    def shared(self, list keys, list weights, int least=1):
        """For each id in at least ``least`` of the buckets of ``keys``: how many of them
        hold it and the sum of their ``weights`` (one a key, added in the order of
        ``keys``), as a dict of ``(count, weight)``: lsh.MemoryBuckets.shared, tallied in C
        arrays, so that only the ids it returns become Python objects (a query reads 40
        buckets of up to 64 ids, and most ids meet it once)."""
        cdef dict found = {}
        cdef list ids = self.ids
        cdef Py_ssize_t i, j, at, touched = 0, count = len(keys), room = count * self.largest + 1
        cdef const int32_t* docs
        cdef int32_t doc
        cdef double weight
        cdef uint64_t* wanted
        cdef Py_ssize_t* where
        cdef int32_t* met_docs
        cdef int32_t* tally
        cdef int32_t* last
        cdef double* total
        if len(weights) != count:
            raise ValueError("one weight a key")
        wanted = <uint64_t*>PyMem_Malloc((count + 1) * sizeof(uint64_t))
        where = <Py_ssize_t*>PyMem_Malloc((count + 1) * sizeof(Py_ssize_t))
        met_docs = <int32_t*>PyMem_Malloc(room * sizeof(int32_t))
        tally = <int32_t*>PyMem_Malloc(room * sizeof(int32_t))
        last = <int32_t*>PyMem_Malloc(room * sizeof(int32_t))
        total = <double*>PyMem_Malloc(room * sizeof(double))
        try:
            if wanted is NULL or where is NULL or met_docs is NULL or tally is NULL or last is NULL or total is NULL:
                raise MemoryError()
            self._next_mark()
            self._buckets(keys, wanted, where)
            for i in range(count):
                if where[i] < 0:
                    continue
                weight = weights[i]
                docs = self._docs(where[i])
                for j in range(self.slots[where[i]].length):
                    doc = docs[j]
                    if self.met[doc] != self.vote:
                        self.met[doc] = self.vote
                        self.place[doc] = <int32_t>touched
                        met_docs[touched], tally[touched], last[touched], total[touched] = doc, 1, <int32_t>i, weight
                        touched += 1
                    else:
                        at = self.place[doc]
                        if last[at] != i:  # an id counted once a bucket, as a set of its ids would
                            last[at] = <int32_t>i
                            tally[at] += 1
                            total[at] += weight
            for at in range(touched):
                if tally[at] >= least:
                    doc_id = ids[met_docs[at]]
                    if doc_id is not None:  # removed with other keys than it was put in with
                        found[doc_id] = (tally[at], total[at])
        finally:
            PyMem_Free(wanted)
            PyMem_Free(where)
            PyMem_Free(met_docs)
            PyMem_Free(tally)
            PyMem_Free(last)
            PyMem_Free(total)
        return found

    def set_label(self, str doc_id, int label):
        """Give ``doc_id`` (put in with ``insert``) the label ``label`` (>= 0)."""
        if label < 0:
            raise ValueError("labels are >= 0")
        self.labels[<int32_t>self.number_of[doc_id]] = label

    def number(self, str doc_id):
        """The number of ``doc_id`` inside the table (an index into ``labels()``), or -1."""
        return self.number_of.get(doc_id, _EMPTY)

    def labels_copy(self):
        """Every document number's label (-1 for none), as a writable array('i') that
        ``most_voted`` can read instead of the table's own labels."""
        cdef Py_ssize_t n = len(self.ids)
        out = array("i", bytes(n * sizeof(int32_t)))
        cdef int32_t[::1] view = out
        if n:
            memcpy(&view[0], self.labels, n * sizeof(int32_t))
        return out

    cdef int _buckets(self, list keys, uint64_t* wanted, Py_ssize_t* where) except -1:
        """The slot of the bucket of each of ``keys`` into ``where`` (-1: none, or empty).

        The buckets of a large table are far apart in memory: their slots, then their
        chunks, are fetched all at once before any is read, so that the waits for memory
        overlap instead of adding up."""
        cdef Py_ssize_t i, slot, count = len(keys), mask = self.capacity - 1
        for i in range(count):
            wanted[i] = <uint64_t>keys[i]
            __builtin_prefetch(&self.slots[<Py_ssize_t>(_mix(wanted[i]) & <uint64_t>mask)])
        for i in range(count):
            slot = self._find(wanted[i])
            if self.slots[slot].length > 0:
                where[i] = slot
                if self.slots[slot].length > 1:
                    __builtin_prefetch(&self.pool[self.slots[slot].ref])
            else:
                where[i] = -1
        return 0

    def most_voted(self, list keys, str exclude, int exclude_label, int k, list names, int32_t[::1] labels=None):
        """The names (``names[label]``) of the ``k`` labels with the most documents in the
        buckets of ``keys``, each document counted once, leaving out the document
        ``exclude``, the label ``exclude_label`` and documents the table has no label for;
        ties to the smallest name, sorted: what lsh.most_voted gives for those counts,
        without naming every label met (a corpus meets hundreds of labels tied at one vote).

        ``labels`` (from ``labels_copy``) stands in for the table's own labels.
        """
        cdef int32_t skip = <int32_t>self.number_of.get(exclude, _EMPTY)
        cdef int32_t* own = self.labels
        cdef Py_ssize_t known = len(self.ids), touched = 0, i, slot, most = 0, seen
        cdef int32_t doc, label, cut
        cdef const int32_t* docs
        cdef Py_ssize_t j
        cdef int32_t* found
        cdef int32_t* tally
        cdef Py_ssize_t* where
        cdef uint64_t* wanted
        cdef Py_ssize_t count = len(keys)
        if k < 1:
            raise ValueError("k >= 1")
        if labels is not None:
            known = min(known, labels.shape[0])
            own = &labels[0] if labels.shape[0] else NULL
        found = <int32_t*>PyMem_Malloc((count * self.largest + 1) * sizeof(int32_t))
        wanted = <uint64_t*>PyMem_Malloc((count + 1) * sizeof(uint64_t))
        where = <Py_ssize_t*>PyMem_Malloc((count + 1) * sizeof(Py_ssize_t))
        if found is NULL or wanted is NULL or where is NULL:
            PyMem_Free(found)
            PyMem_Free(wanted)
            PyMem_Free(where)
            raise MemoryError()
        try:
            self._next_mark()
            self._buckets(keys, wanted, where)
            for i in range(count):
                if where[i] < 0:
                    continue
                docs = self._docs(where[i])
                for j in range(self.slots[where[i]].length):
                    doc = docs[j]
                    # removed (with other keys than it was put in with) or never labelled
                    if doc == skip or doc >= known or self.met[doc] == self.vote or self.labels[doc] < 0:
                        continue
                    self.met[doc] = self.vote
                    label = own[doc]
                    if label < 0 or label == exclude_label:
                        continue
                    if label >= self.count_capacity:
                        self._fit_labels(<Py_ssize_t>label + 1)
                    if self.counts[label] == 0:
                        found[touched] = label
                        touched += 1
                    self.counts[label] += 1
                    if self.counts[label] > most:
                        most = self.counts[label]
            cut = 1
            if touched > k:
                # the k-th largest count, from a histogram of the counts
                tally = <int32_t*>PyMem_Malloc((most + 1) * sizeof(int32_t))
                if tally is NULL:
                    raise MemoryError()
                memset(tally, 0, (most + 1) * sizeof(int32_t))
                for i in range(touched):
                    tally[self.counts[found[i]]] += 1
                seen, cut = 0, <int32_t>most
                while cut > 1:
                    seen += tally[cut]
                    if seen >= k:
                        break
                    cut -= 1
                PyMem_Free(tally)
            return _most_voted(found, touched, self.counts, cut, k, names)
        finally:
            for i in range(touched):
                self.counts[found[i]] = 0
            PyMem_Free(found)
            PyMem_Free(wanted)
            PyMem_Free(where)

    def __reduce__(self):
        # Pickled as plain data (what a dict of buckets would pickle to): the ids, and each
        # bucket's key with its document numbers in order.
        cdef list buckets = []
        cdef Py_ssize_t i
        cdef const int32_t* numbers
        for i in range(self.capacity):
            if self.slots[i].length > 0:
                numbers = self._docs(i)
                docs = [numbers[j] for j in range(self.slots[i].length)]
                buckets.append((self.slots[i].key, docs))
        labeled = [(doc, self.labels[doc]) for doc in range(len(self.ids)) if self.labels[doc] >= 0]
        return (_rebuild, (self.cap, list(self.ids), buckets, labeled, self.largest))

    cdef int _restore(self, list ids, list buckets, list labeled) except -1:
        cdef Py_ssize_t slot
        self._fit_docs(len(ids))
        for doc, label in labeled:
            self.labels[<int32_t>doc] = <int32_t>label
        self.ids = ids
        self.number_of = {doc_id: number for number, doc_id in enumerate(ids) if doc_id is not None}
        for value, docs in buckets:
            slot = self._slot_for(<uint64_t>value)
            for doc in docs[:self.largest]:
                if self.slots[slot].length < self.largest:
                    self._append(slot, <int32_t>doc)
        return 0

    def nbytes(self):
        """The memory the table's arrays take, in bytes (ids and their numbers not counted)."""
        return (self.capacity * sizeof(Slot) + self.pool_capacity * sizeof(int32_t)
                + 2 * self.doc_capacity * sizeof(int32_t) + self.count_capacity * sizeof(int32_t))


cdef inline Py_ssize_t _doubled(Py_ssize_t size, Py_ssize_t wanted) noexcept:
    """``size`` doubled until it holds ``wanted``."""
    while size < wanted:
        size *= 2
    return size


cdef int32_t* _grown(int32_t* array, Py_ssize_t old, Py_ssize_t size, int fill) except NULL:
    """``array`` grown from ``old`` to ``size`` numbers, every new byte set to ``fill``."""
    cdef int32_t* grown = <int32_t*>PyMem_Realloc(array, size * sizeof(int32_t))
    if grown is NULL:
        raise MemoryError()
    memset(grown + old, fill, (size - old) * sizeof(int32_t))
    return grown


cdef list _most_voted(int32_t* found, Py_ssize_t touched, int32_t* counts, int32_t cut, int k, list names):
    """The names of the labels with more than ``cut`` votes, and of the smallest names
    among those with ``cut`` votes up to ``k`` in all, sorted."""
    cdef list chosen = []
    cdef list tied = []
    cdef Py_ssize_t i, room, filled = 0, at
    cdef int32_t label
    cdef PyObject** smallest
    for i in range(touched):
        label = found[i]
        if counts[label] > cut or touched <= k:
            chosen.append(names[label])
        elif counts[label] == cut:
            tied.append(names[label])
    room = k - len(chosen)
    if room >= len(tied):
        chosen.extend(tied)
    elif room > 0:
        # the `room` smallest of the tied names, kept in order in a C array (names holds them)
        smallest = <PyObject**>PyMem_Malloc(room * sizeof(PyObject*))
        if smallest is NULL:
            raise MemoryError()
        try:
            for name in tied:
                if filled == room and PyUnicode_Compare(name, <object>smallest[room - 1]) >= 0:
                    continue
                at = filled if filled < room else room - 1
                while at > 0 and PyUnicode_Compare(name, <object>smallest[at - 1]) < 0:
                    smallest[at] = smallest[at - 1]
                    at -= 1
                smallest[at] = <PyObject*>name
                if filled < room:
                    filled += 1
            for i in range(filled):
                chosen.append(<object>smallest[i])
        finally:
            PyMem_Free(smallest)
    chosen.sort()
    return chosen


def _rebuild(int cap, list ids, list buckets, list labeled=None, int largest=0):
    """A table from what ``__reduce__`` gave."""
    table = BucketTable(cap, largest)
    table._restore(ids, buckets, labeled or [])
    return table

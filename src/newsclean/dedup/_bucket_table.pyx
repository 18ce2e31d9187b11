# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""LSH buckets in flat C arrays: what lsh.MemoryBuckets keeps in a dict, in about half the memory.

A story-mode document puts its id in 256 buckets, most of them new. In a dict each new
bucket costs a Python int for its key and a dict slot, and a shared one a list: 18.6 KB
a document against 10.1 KB here, and 137 against 37 us for an add's bucket reads and
writes (``benchmarks/dedup.py``, 20,000 documents). Here a bucket is a slot of an
open-addressing table (its 64-bit key, the head and length of its list of ids: 16 bytes,
the table kept at most two-thirds full) and each id in it a node of two 32-bit numbers
(the document's number and the next node). A key's slot comes from
its bits mixed once more (MurmurHash3's finalizer), so keys that agree in their low bits
cannot crowd one run of slots.

Limit: 2**31 - 1 ids in buckets (32-bit node numbers), about 8 million story-mode documents
(256 bands) or 33 million copy-mode ones (64); past it ``insert`` raises DuplicateIndexError
instead of wrapping around. The README's plan splits a stream into indexes far smaller.

Same behaviour as the dict (tests/test_compiled.py compares them under random inserts,
removals, labels and lookups): a bucket keeps the first ``cap`` ids put in it, in order; a
removal frees a place; ``candidates`` is the set of ids in the buckets of the keys. Ids
are strings outside; inside, each id has a number (a re-added id gets a new one).

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
from libc.string cimport memcpy, memset

from array import array

from newsclean.errors import DuplicateIndexError

cdef extern from *:
    void __builtin_prefetch(const void* address) nogil

cdef enum:
    _EMPTY = -1

# Node numbers are 32-bit: a table holds at most this many ids in its buckets.
cdef Py_ssize_t _MAX_NODES = 2147483647


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
    int32_t head      # first node of the bucket's list, or -1
    int32_t length    # ids in the bucket; -1: the slot holds no key


cdef class BucketTable:
    """Band key -> at most ``cap`` document ids, in C arrays."""

    cdef Slot* slots
    cdef Py_ssize_t capacity, filled
    cdef int32_t* node_doc
    cdef int32_t* node_next
    cdef Py_ssize_t nodes, node_capacity
    cdef int32_t free_node
    cdef readonly int cap
    cdef list ids
    cdef dict number_of
    # per document number: its label (-1: none, or removed), and the vote that last met it
    cdef int32_t* labels
    cdef int32_t* met
    cdef Py_ssize_t doc_capacity
    cdef int32_t vote
    # per label: its count in the vote under way (zero between votes)
    cdef int32_t* counts
    cdef Py_ssize_t count_capacity

    def __cinit__(self, int cap=16):
        if cap < 1:
            raise ValueError("cap must be >= 1")
        self.cap = cap
        self.capacity = 1024
        self.slots = <Slot*>PyMem_Malloc(self.capacity * sizeof(Slot))
        self.node_capacity = 4096
        self.node_doc = <int32_t*>PyMem_Malloc(self.node_capacity * sizeof(int32_t))
        self.node_next = <int32_t*>PyMem_Malloc(self.node_capacity * sizeof(int32_t))
        self.doc_capacity = 1024
        self.labels = <int32_t*>PyMem_Malloc(self.doc_capacity * sizeof(int32_t))
        self.met = <int32_t*>PyMem_Malloc(self.doc_capacity * sizeof(int32_t))
        self.count_capacity = 1024
        self.counts = <int32_t*>PyMem_Malloc(self.count_capacity * sizeof(int32_t))
        if (self.slots is NULL or self.node_doc is NULL or self.node_next is NULL or self.labels is NULL
                or self.met is NULL or self.counts is NULL):
            raise MemoryError()
        memset(self.labels, 0xFF, self.doc_capacity * sizeof(int32_t))  # all -1
        memset(self.met, 0, self.doc_capacity * sizeof(int32_t))
        memset(self.counts, 0, self.count_capacity * sizeof(int32_t))
        self.vote = 0
        self._clear_slots(self.slots, self.capacity)
        self.filled = 0
        self.nodes = 0
        self.free_node = _EMPTY
        self.ids = []
        self.number_of = {}

    def __dealloc__(self):
        PyMem_Free(self.slots)
        PyMem_Free(self.node_doc)
        PyMem_Free(self.node_next)
        PyMem_Free(self.labels)
        PyMem_Free(self.met)
        PyMem_Free(self.counts)

    cdef int _fit_docs(self, Py_ssize_t docs) except -1:
        """Room in the per-document arrays for ``docs`` document numbers."""
        cdef Py_ssize_t size = _doubled(self.doc_capacity, docs)
        if size > self.doc_capacity:
            self.labels = _grown(self.labels, self.doc_capacity, size, 0xFF)  # new documents: label -1
            self.met = _grown(self.met, self.doc_capacity, size, 0)
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
            slots[i].head = _EMPTY
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
        cdef Slot* fresh = <Slot*>PyMem_Malloc(2 * old_capacity * sizeof(Slot))
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
        PyMem_Free(old)
        return 0

    cdef int32_t _new_node(self, int32_t doc) except -2:
        cdef int32_t node
        cdef int32_t* grown
        if self.free_node != _EMPTY:
            node = self.free_node
            self.free_node = self.node_next[node]
        else:
            if self.nodes >= _MAX_NODES:
                raise DuplicateIndexError(
                    "the in-memory LSH buckets are full (2**31 - 1 places, ~8 million story-mode or ~33 million "
                    "copy-mode documents): split the stream into several indexes (see the README's plan)")
            if self.nodes == self.node_capacity:
                grown = <int32_t*>PyMem_Realloc(self.node_doc, 2 * self.node_capacity * sizeof(int32_t))
                if grown is NULL:
                    raise MemoryError()
                self.node_doc = grown
                grown = <int32_t*>PyMem_Realloc(self.node_next, 2 * self.node_capacity * sizeof(int32_t))
                if grown is NULL:
                    raise MemoryError()
                self.node_next = grown
                self.node_capacity *= 2
            node = <int32_t>self.nodes
            self.nodes += 1
        self.node_doc[node] = doc
        self.node_next[node] = _EMPTY
        return node

    def insert(self, str doc_id, list keys):
        """Put ``doc_id`` in the bucket of each of ``keys`` that holds fewer than ``cap`` ids."""
        cdef object known = self.number_of.get(doc_id)
        cdef int32_t doc, node, tail
        cdef Py_ssize_t slot
        if known is None:
            if len(self.ids) >= _MAX_NODES:
                raise DuplicateIndexError("the in-memory LSH buckets hold at most 2**31 - 1 documents")
            doc = <int32_t>len(self.ids)
            self._fit_docs(doc + 1)
            self.ids.append(doc_id)
            self.number_of[doc_id] = doc
        else:
            doc = <int32_t>known
        for value in keys:
            slot = self._slot_for(<uint64_t>value)
            if self.slots[slot].length >= self.cap:
                continue
            node = self._new_node(doc)
            if self.slots[slot].head == _EMPTY:
                self.slots[slot].head = node
            else:
                tail = self.slots[slot].head
                while self.node_next[tail] != _EMPTY:
                    tail = self.node_next[tail]
                self.node_next[tail] = node
            self.slots[slot].length += 1

    def remove(self, str doc_id, list keys):
        """Take ``doc_id`` out of the buckets of ``keys``."""
        cdef object known = self.number_of.pop(doc_id, None)
        cdef int32_t doc, node, previous
        cdef Py_ssize_t slot
        if known is None:
            return
        doc = <int32_t>known
        self.ids[doc] = None
        self.labels[doc] = _EMPTY
        for value in keys:
            slot = self._find(<uint64_t>value)
            if self.slots[slot].length <= 0:
                continue
            previous, node = _EMPTY, self.slots[slot].head
            while node != _EMPTY and self.node_doc[node] != doc:
                previous, node = node, self.node_next[node]
            if node == _EMPTY:
                continue
            if previous == _EMPTY:
                self.slots[slot].head = self.node_next[node]
            else:
                self.node_next[previous] = self.node_next[node]
            self.slots[slot].length -= 1
            self.node_next[node] = self.free_node
            self.free_node = node

    def candidates(self, list keys):
        """The ids in the buckets of ``keys``."""
        cdef set found = set()
        cdef list ids = self.ids
        cdef Py_ssize_t i, count = len(keys)
        cdef int32_t node
        cdef uint64_t* wanted = <uint64_t*>PyMem_Malloc((count + 1) * sizeof(uint64_t))
        cdef int32_t* heads = <int32_t*>PyMem_Malloc((count + 1) * sizeof(int32_t))
        try:
            if wanted is NULL or heads is NULL:
                raise MemoryError()
            self._heads(keys, wanted, heads)
            for i in range(count):
                node = heads[i]
                while node != _EMPTY:
                    doc_id = ids[self.node_doc[node]]
                    if doc_id is not None:  # removed with other keys than it was put in with
                        found.add(doc_id)
                    node = self.node_next[node]
        finally:
            PyMem_Free(wanted)
            PyMem_Free(heads)
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

    cdef int _heads(self, list keys, uint64_t* wanted, int32_t* heads) except -1:
        """The first node of the bucket of each of ``keys`` (or -1) into ``heads``.

        The buckets of a large table are far apart in memory: their slots, then their
        first nodes, are fetched all at once before any is read, so that the waits for
        memory overlap instead of adding up."""
        cdef Py_ssize_t i, slot, count = len(keys), mask = self.capacity - 1
        for i in range(count):
            wanted[i] = <uint64_t>keys[i]
            __builtin_prefetch(&self.slots[<Py_ssize_t>(_mix(wanted[i]) & <uint64_t>mask)])
        for i in range(count):
            slot = self._find(wanted[i])
            heads[i] = self.slots[slot].head if self.slots[slot].length > 0 else _EMPTY
            if heads[i] != _EMPTY:
                __builtin_prefetch(&self.node_doc[heads[i]])
                __builtin_prefetch(&self.node_next[heads[i]])
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
        cdef int32_t node, doc, label, cut
        cdef int32_t* found
        cdef int32_t* tally
        cdef int32_t* heads
        cdef uint64_t* wanted
        cdef Py_ssize_t count = len(keys)
        if k < 1:
            raise ValueError("k >= 1")
        if labels is not None:
            known = min(known, labels.shape[0])
            own = &labels[0] if labels.shape[0] else NULL
        found = <int32_t*>PyMem_Malloc((count * self.cap + 1) * sizeof(int32_t))
        wanted = <uint64_t*>PyMem_Malloc((count + 1) * sizeof(uint64_t))
        heads = <int32_t*>PyMem_Malloc((count + 1) * sizeof(int32_t))
        if found is NULL or wanted is NULL or heads is NULL:
            PyMem_Free(found)
            PyMem_Free(wanted)
            PyMem_Free(heads)
            raise MemoryError()
        try:
            self.vote += 1
            if self.vote == 2147483647:  # start the marks again rather than wrap around
                memset(self.met, 0, self.doc_capacity * sizeof(int32_t))
                self.vote = 1
            self._heads(keys, wanted, heads)
            for i in range(count):
                node = heads[i]
                while node != _EMPTY:
                    doc = self.node_doc[node]
                    node = self.node_next[node]
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
            PyMem_Free(heads)

    def __reduce__(self):
        # Pickled as plain data (what a dict of buckets would pickle to): the ids, and each
        # bucket's key with its document numbers in order.
        cdef list buckets = []
        cdef Py_ssize_t i
        cdef int32_t node
        for i in range(self.capacity):
            if self.slots[i].length > 0:
                docs = []
                node = self.slots[i].head
                while node != _EMPTY:
                    docs.append(self.node_doc[node])
                    node = self.node_next[node]
                buckets.append((self.slots[i].key, docs))
        labeled = [(doc, self.labels[doc]) for doc in range(len(self.ids)) if self.labels[doc] >= 0]
        return (_rebuild, (self.cap, list(self.ids), buckets, labeled))

    cdef int _restore(self, list ids, list buckets, list labeled) except -1:
        cdef Py_ssize_t slot
        cdef int32_t node, previous
        self._fit_docs(len(ids))
        for doc, label in labeled:
            self.labels[<int32_t>doc] = <int32_t>label
        self.ids = ids
        self.number_of = {doc_id: number for number, doc_id in enumerate(ids) if doc_id is not None}
        for value, docs in buckets:
            slot = self._slot_for(<uint64_t>value)
            previous = _EMPTY
            for doc in docs[:self.cap]:
                node = self._new_node(<int32_t>doc)
                if previous == _EMPTY:
                    self.slots[slot].head = node
                else:
                    self.node_next[previous] = node
                previous = node
                self.slots[slot].length += 1
        return 0

    def nbytes(self):
        """The memory the table's arrays take, in bytes (ids and their numbers not counted)."""
        return (self.capacity * sizeof(Slot) + 2 * self.node_capacity * sizeof(int32_t)
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


def _rebuild(int cap, list ids, list buckets, list labeled=None):
    """A table from what ``__reduce__`` gave."""
    table = BucketTable(cap)
    table._restore(ids, buckets, labeled or [])
    return table

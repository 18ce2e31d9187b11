# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Story mode's comparison of a report with the clusters it may join, in C.

cluster.best_story_cluster compares a report's ~40 weighted terms with up to 32 cluster
centroids (160 terms each) at every add and at every report refinement looks at again,
in the interpreter's dict lookups and float objects; here, a quarter of the time
(``benchmarks/dedup.py``, "Story assignment", same index and reports: 42 against 147 us;
84 while this module still looked each term up in the centroid's dict). Each centroid's
terms are kept sorted by hash on the cluster (ClusterInfo._packed, cleared by every
change of its sums) and walked in step with the report's, and the same
double-precision operations run in the same order, so that both give bit-identical scores
(tests/test_compiled.py compares them); setup.py builds it with floating-point
contraction off, so that no compiler fuses a multiply and an add into one rounding.
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from cpython.buffer cimport PyBUF_C_CONTIGUOUS, PyBUF_FORMAT, PyBuffer_Release, PyObject_GetBuffer
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.math cimport sqrt, sqrtf
from libc.stdint cimport int8_t, int32_t, int64_t, uint32_t
from libc.stdlib cimport qsort
from libc.string cimport memset


cdef struct _CentroidTerm:  # a centroid's term: its hash and summed weight
    uint32_t hash
    double sum


cdef struct _ReportTerm:  # a report's term: its hash and its place in the report's dict
    uint32_t hash
    Py_ssize_t position


cdef int _by_centroid_hash(const void* a, const void* b) noexcept nogil:
    cdef uint32_t x = (<const _CentroidTerm*>a).hash, y = (<const _CentroidTerm*>b).hash
    return -1 if x < y else (1 if x > y else 0)


cdef int _by_report_hash(const void* a, const void* b) noexcept nogil:
    cdef uint32_t x = (<const _ReportTerm*>a).hash, y = (<const _ReportTerm*>b).hash
    return -1 if x < y else (1 if x > y else 0)


cdef inline uint32_t _hash(object key) except? 0:
    """A term hash (a whole number below 2**32, as index entries and saved clusters hold)."""
    if type(key) is not int or not 0 <= key <= 0xFFFFFFFF:
        raise ValueError(f"term hashes are whole numbers in [0, 2**32), got {key!r}")
    return <uint32_t>key


cdef object _packed_centroid(object cluster):
    """The cluster's summed term weights as _CentroidTerm records sorted by hash, in a
    bytes object cached on the cluster (ClusterInfo._packed, which every change of its
    sums clears)."""
    cached = cluster._packed
    if cached is not None:
        return cached
    cdef dict sums = cluster.sums
    cdef Py_ssize_t count = len(sums), i = 0
    packed = PyBytes_FromStringAndSize(NULL, count * sizeof(_CentroidTerm))
    cdef _CentroidTerm* rows = <_CentroidTerm*>PyBytes_AS_STRING(packed)
    for key, value in sums.items():
        rows[i].hash = _hash(key)
        rows[i].sum = <double>value
        i += 1
    qsort(rows, count, sizeof(_CentroidTerm), _by_centroid_hash)
    cluster._packed = packed
    return packed


cdef struct _Work:  # work space of _shared_minimum for a document of n terms
    double* values
    double* matched
    char* hit
    _ReportTerm* report


cdef void _work_free(_Work* work) noexcept:
    PyMem_Free(work.values)
    PyMem_Free(work.matched)
    PyMem_Free(work.hit)
    PyMem_Free(work.report)
    work.values, work.matched, work.hit, work.report = NULL, NULL, NULL, NULL


cdef int _work_alloc(_Work* work, Py_ssize_t n) except -1:
    """Room for ``n`` terms in ``work`` (free it with _work_free, also after an error)."""
    work.values = <double*>PyMem_Malloc((n + 1) * sizeof(double))
    work.matched = <double*>PyMem_Malloc((n + 1) * sizeof(double))
    work.hit = <char*>PyMem_Malloc(n + 1)
    work.report = <_ReportTerm*>PyMem_Malloc((n + 1) * sizeof(_ReportTerm))
    if work.values is NULL or work.matched is NULL or work.hit is NULL or work.report is NULL:
        raise MemoryError()
    return 0


cdef double _shared_minimum(const _ReportTerm* report, Py_ssize_t n, const double* values,
                            const _CentroidTerm* rows, Py_ssize_t m, double scale, char* hit,
                            double* matched) noexcept:
    """The sum over the terms a document (``report``, sorted by hash, with each term's place
    in ``values``) shares with a centroid (``rows``, sorted by hash; each mean is its sum
    times ``scale``) of the smaller of the two weights, added in the places' order: the two
    hash-sorted lists walked in step (a dict lookup per term was most of the time on a
    large index). ``hit`` and ``matched`` are work space of ``n`` places."""
    cdef Py_ssize_t a = 0, b = 0, i
    cdef double minimum = 0.0, mean, weight
    memset(hit, 0, n)
    while a < n and b < m:
        if report[a].hash < rows[b].hash:
            a += 1
        elif report[a].hash > rows[b].hash:
            b += 1
        else:
            hit[report[a].position] = 1
            matched[report[a].position] = rows[b].sum
            a += 1
            b += 1
    for i in range(n):
        if hit[i]:
            mean = matched[i] * scale
            weight = values[i]
            minimum += weight if weight < mean else mean
    return minimum


def best_story_cluster(dict terms, double terms_total, list clusters, list meanings, double share,
                       double terms_only_scale):
    """The position in ``clusters`` of the best fit for ``terms`` (first on ties) and its
    score; (-1, -1.0) for none. ``meanings`` holds each cluster's mean cosine, or None.
    The arithmetic of cluster.centroid_similarity and features.combine, step by step: the
    shared terms are found by walking the report's and the centroid's hashes in order
    (a dict lookup per term per cluster was most of an add's time on a dense corpus), and
    the minima still added in the report's order."""
    cdef Py_ssize_t position, best = -1, count = len(clusters), n = len(terms), i, m
    cdef double best_score = -1.0, score, similarity, minimum, scale, total, root, meaning
    cdef dict sums
    cdef long size
    cdef list keys
    cdef _Work work = _Work(NULL, NULL, NULL, NULL)
    cdef const _CentroidTerm* rows
    if len(meanings) != count:
        raise ValueError("one meaning (or None) per cluster")
    # The report's terms read once, in the dict's order, not once per cluster.
    keys = list(terms)
    try:
        _work_alloc(&work, n)
        for i in range(n):
            work.values[i] = <double>terms[keys[i]]
            work.report[i].hash = _hash(keys[i])
            work.report[i].position = i
        qsort(work.report, n, sizeof(_ReportTerm), _by_report_hash)
        for position in range(count):
            cluster = clusters[position]
            size = cluster.size
            sums = cluster.sums
            similarity = 0.0
            if n and size != 0 and sums:
                scale = 1.0 / <double>size
                packed = _packed_centroid(cluster)
                rows = <const _CentroidTerm*>PyBytes_AS_STRING(packed)
                m = len(<bytes>packed) // sizeof(_CentroidTerm)
                minimum = _shared_minimum(work.report, n, work.values, rows, m, scale, work.hit, work.matched)
                total = terms_total + (<double>cluster.total) * scale - minimum
                similarity = minimum / total if total > 0 else 0.0
            root = sqrt(similarity if similarity > 0.0 else 0.0)
            value = meanings[position]
            if value is None:
                score = root * terms_only_scale
            else:
                meaning = value
                score = share * root + (1.0 - share) * (meaning if meaning > 0.0 else 0.0)
            if not score < 1.0:
                score = 1.0
            if score > best_score:
                best, best_score = position, score
    finally:
        _work_free(&work)
    return best, best_score


cdef const float* _floats(object array, Py_buffer* view, Py_ssize_t count) except NULL:
    """The data of a contiguous float32 array of ``count`` values, through the buffer
    protocol (release ``view`` after): a typed memoryview costs about a microsecond to
    make, and an add reads up to 32 clusters' vectors."""
    cdef const char* form
    PyObject_GetBuffer(array, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT)
    form = view.format
    if (view.itemsize != 4 or view.len != count * 4 or form is NULL
            or not (form[0] == b'f' and form[1] == 0 or form[0] in (b'<', b'=', b'@') and form[1] == b'f' and form[2] == 0)):
        PyBuffer_Release(view)
        raise ValueError("a contiguous float32 vector of the report's width")
    return <const float*>view.buf


cdef inline double _lane_dot(const float* a, const float* b, Py_ssize_t n) noexcept nogil:
    """cluster.sequential_dot's arithmetic: each product exact in double precision, product
    ``j`` added to partial sum ``j % 8`` (each in order, from +0.0), then the eight sums
    pairwise in a fixed order. Eight chains of additions instead of one: the processor
    overlaps them (one chain waited on every addition), and the order is still the same
    on every machine."""
    cdef double acc[8]
    cdef Py_ssize_t j = 0, lane
    for lane in range(8):
        acc[lane] = 0.0
    while j + 8 <= n:
        for lane in range(8):
            acc[lane] += <double>a[j + lane] * <double>b[j + lane]
        j += 8
    lane = 0
    while j < n:
        acc[lane] += <double>a[j] * <double>b[j]
        j += 1
        lane += 1
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))


def mean_cosines(const float[::1] unit, list clusters):
    """cluster.mean_cosines in C: for each cluster, the dot product of ``unit`` with its
    ``vector_sum`` (as cluster.sequential_dot adds, _lane_dot) over its ``vector_count``; None where it has no vectors
    or vectors of another width."""
    cdef Py_ssize_t j, count = len(clusters), dim = unit.shape[0]
    cdef const float* vector
    cdef Py_buffer view
    cdef double dot
    cdef long members
    out = [None] * count
    for position in range(count):
        cluster = clusters[position]
        summed = cluster.vector_sum
        members = cluster.vector_count
        if summed is None or members == 0 or summed.size != dim:
            continue
        vector = _floats(summed, &view, dim)
        dot = _lane_dot(&unit[0], vector, dim) if dim else 0.0
        PyBuffer_Release(&view)
        out[position] = dot / <double>members
    return out


def cluster_pair_similarity(a, b, double share, double terms_only_scale):
    """cluster.cluster_similarity in C, for the merge's screen: ``a``'s mean term weights
    (each sum / size) against ``b``'s centroid, and the mean cosine of their members'
    vectors (cluster.sequential_dot's arithmetic), combined as features.combine does, with
    the same operations in the same order.

    Both centroids are walked in hash order, as their packed copies (ClusterInfo._packed)
    hold them, and the minima added in that order (cluster.cluster_similarity's too): a
    dict lookup per term of ``a`` in ``b``'s sums, through the Python objects of both, was
    ~12 us a pair on a large index, and the merge screens several pairs a report."""
    cdef double size_a = <double>a.size, minimum = 0.0, scale, total, similarity, root, score
    cdef double dot, meaning = 0.0
    cdef bint has_meaning = False
    cdef Py_ssize_t j, dim, i, count_a
    cdef const float* va
    cdef const float* vb
    cdef Py_buffer view_a, view_b
    cdef const _CentroidTerm* rows_a
    cdef _Work work = _Work(NULL, NULL, NULL, NULL)
    if a.size == 0 or not a.sums:
        return 0.0
    sum_a, sum_b = a.vector_sum, b.vector_sum
    if sum_a is not None and sum_b is not None and a.vector_count and b.vector_count and sum_a.size == sum_b.size:
        dim = sum_a.size
        va = _floats(sum_a, &view_a, dim)
        try:
            vb = _floats(sum_b, &view_b, dim)
        except BaseException:
            PyBuffer_Release(&view_a)
            raise
        dot = _lane_dot(va, vb, dim)
        PyBuffer_Release(&view_a)
        PyBuffer_Release(&view_b)
        meaning = dot / <double>(<long>a.vector_count * <long>b.vector_count)
        has_meaning = True
    similarity = 0.0
    if b.size != 0 and b.sums:
        scale = 1.0 / <double>b.size
        packed_a, packed_b = _packed_centroid(a), _packed_centroid(b)
        rows_a = <const _CentroidTerm*>PyBytes_AS_STRING(packed_a)
        count_a = len(<bytes>packed_a) // sizeof(_CentroidTerm)
        try:
            _work_alloc(&work, count_a)
            # a's mean weights, in hash order (its packed rows' order): the places they add in
            for i in range(count_a):
                work.values[i] = rows_a[i].sum / size_a
                work.report[i].hash = rows_a[i].hash
                work.report[i].position = i
            minimum = _shared_minimum(work.report, count_a, work.values,
                                      <const _CentroidTerm*>PyBytes_AS_STRING(packed_b),
                                      len(<bytes>packed_b) // sizeof(_CentroidTerm), scale, work.hit, work.matched)
        finally:
            _work_free(&work)
        total = (<double>a.total / size_a) + (<double>b.total) * scale - minimum
        similarity = minimum / total if total > 0 else 0.0
    root = sqrt(similarity if similarity > 0.0 else 0.0)
    if not has_meaning:
        score = root * terms_only_scale
    else:
        score = share * root + (1.0 - share) * (meaning if meaning > 0.0 else 0.0)
    return score if score < 1.0 else 1.0


cdef struct _Term:
    uint32_t hash
    int32_t position
    double weight


cdef int _by_hash_then_position(const void* a, const void* b) noexcept nogil:
    cdef const _Term* x = <const _Term*>a
    cdef const _Term* y = <const _Term*>b
    if x.hash != y.hash:
        return -1 if x.hash < y.hash else 1
    return -1 if x.position < y.position else (1 if x.position > y.position else 0)


def average_link_total(const uint32_t[::1] hashes, const float[::1] weights, const int64_t[::1] term_starts,
                       const int8_t[::1] vectors, const int64_t[::1] vector_starts, Py_ssize_t probes,
                       double share, double terms_only_scale, double min_terms=0.0):
    """The sum of the story similarities of every probe (rows ``0 .. probes-1``) with every
    other row, as the index's re-check scores them (index._weighted_jaccards, index._cosines,
    features.combine_many) and its average link adds them (a pair whose terms' weighted
    Jaccard is under ``min_terms`` scaled by their ratio, index._link_total): row ``i``'s terms are
    ``hashes[term_starts[i]:term_starts[i+1]]`` (and their weights), its 8-bit meaning
    vector ``vectors[vector_starts[i]:vector_starts[i+1]]`` (empty: none).

    The same operations in the same order: a probe's repeated hash keeps its last weight;
    its weights are added in hash order, an other row's in its own order; the weighted
    Jaccard in double precision; the cosine of two 8-bit vectors in single precision from
    exact integer sums (the norms' square roots and their product rounded to single
    precision, as numpy's float32 arithmetic does); each probe's scores added in order,
    then the probes' sums in order."""
    cdef Py_ssize_t rows = term_starts.shape[0] - 1, p, o, t, count, unique, lo, hi, mid, j, dim, other_dim
    cdef _Term* terms = NULL
    cdef double total = 0.0, row_sum, my_sum, other_sum, minimum, maximum, weight, mine, similarity, root, score
    cdef double cosine
    cdef int64_t own_squares, other_squares, dot
    cdef float own_norm, norms, single
    cdef uint32_t wanted
    if rows < 0 or vector_starts.shape[0] != rows + 1 or not 0 <= probes <= rows:
        raise ValueError("one term range and one vector range per row, and probes <= rows")
    for p in range(rows):
        if not (0 <= term_starts[p] <= term_starts[p + 1] <= hashes.shape[0]
                and 0 <= vector_starts[p] <= vector_starts[p + 1] <= vectors.shape[0]):
            raise ValueError("a row's range lies outside the arrays")
    if hashes.shape[0] != weights.shape[0]:
        raise ValueError("one weight per hash")
    for p in range(probes):
        count = term_starts[p + 1] - term_starts[p]
        terms = <_Term*>PyMem_Malloc((count + 1) * sizeof(_Term))
        if terms is NULL:
            raise MemoryError()
        try:
            for t in range(count):
                terms[t].hash = hashes[term_starts[p] + t]
                terms[t].position = <int32_t>t
                terms[t].weight = <double>weights[term_starts[p] + t]
            qsort(terms, count, sizeof(_Term), _by_hash_then_position)
            # one per hash, the last one given (a dict built from the pairs keeps it)
            unique = 0
            for t in range(count):
                if unique > 0 and terms[unique - 1].hash == terms[t].hash:
                    terms[unique - 1] = terms[t]
                else:
                    terms[unique] = terms[t]
                    unique += 1
            my_sum = 0.0
            for t in range(unique):
                my_sum += terms[t].weight
            dim = vector_starts[p + 1] - vector_starts[p]
            own_squares = 0
            for j in range(dim):
                own_squares += <int64_t>vectors[vector_starts[p] + j] * vectors[vector_starts[p] + j]
            own_norm = sqrtf(<float>own_squares)
            row_sum = 0.0
            for o in range(probes, rows):
                minimum = 0.0
                other_sum = 0.0
                for t in range(term_starts[o], term_starts[o + 1]):
                    weight = <double>weights[t]
                    other_sum += weight
                    wanted = hashes[t]
                    lo, hi = 0, unique
                    while lo < hi:
                        mid = (lo + hi) // 2
                        if terms[mid].hash < wanted:
                            lo = mid + 1
                        else:
                            hi = mid
                    if lo < unique and terms[lo].hash == wanted:
                        mine = terms[lo].weight
                        minimum += weight if weight < mine else mine
                maximum = (my_sum + other_sum) - minimum
                similarity = 0.0
                if unique > 0 and term_starts[o + 1] > term_starts[o] and maximum > 0:
                    similarity = minimum / maximum
                root = sqrt(similarity if similarity > 0.0 else 0.0)
                other_dim = vector_starts[o + 1] - vector_starts[o]
                if dim == 0 or other_dim != dim:
                    score = root * terms_only_scale
                else:
                    dot = 0
                    other_squares = 0
                    for j in range(dim):
                        dot += <int64_t>vectors[vector_starts[p] + j] * vectors[vector_starts[o] + j]
                        other_squares += <int64_t>vectors[vector_starts[o] + j] * vectors[vector_starts[o] + j]
                    norms = sqrtf(<float>other_squares) * own_norm
                    single = <float>dot / (norms if norms > 0 else <float>1.0)
                    cosine = <double>single
                    score = share * root + (1.0 - share) * (cosine if cosine > 0.0 else 0.0)
                if not score < 1.0:
                    score = 1.0
                if similarity < min_terms:
                    score = score * (similarity / min_terms)
                row_sum += score
            total += row_sum
        finally:
            PyMem_Free(terms)
            terms = NULL
    return total

# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Story mode's comparison of a report with the clusters it may join, in C.

cluster.best_story_cluster compares a report's ~40 weighted terms with up to 32 cluster
centroids (160 terms each) at every add and at every report refinement looks at again,
in the interpreter's dict lookups and float objects; here, about half the time
(``benchmarks/dedup.py``, "Story assignment", same index and reports). The same loop runs over the same dicts in C, with the same
double-precision operations in the same order, so that both give bit-identical scores
(tests/test_compiled.py compares them); setup.py builds it with floating-point
contraction off, so that no compiler fuses a multiply and an add into one rounding.
"""

from cpython.dict cimport PyDict_GetItem
from cpython.object cimport PyObject
from libc.math cimport sqrt


def best_story_cluster(dict terms, double terms_total, list clusters, list meanings, double share,
                       double terms_only_scale):
    """The position in ``clusters`` of the best fit for ``terms`` (first on ties) and its
    score; (-1, -1.0) for none. ``meanings`` holds each cluster's mean cosine, or None.
    The arithmetic of cluster.centroid_similarity and features.combine, step by step."""
    cdef Py_ssize_t position, best = -1, count = len(clusters)
    cdef double best_score = -1.0, score, similarity, minimum, scale, mean, weight, total, root, meaning
    cdef PyObject* found
    cdef dict sums
    cdef long size
    if len(meanings) != count:
        raise ValueError("one meaning (or None) per cluster")
    for position in range(count):
        cluster = clusters[position]
        size = cluster.size
        sums = cluster.sums
        similarity = 0.0
        if terms and size != 0 and sums:
            scale = 1.0 / <double>size
            minimum = 0.0
            for term, value in terms.items():
                found = PyDict_GetItem(sums, term)
                if found is not NULL:
                    mean = (<double>(<object>found)) * scale
                    weight = value
                    minimum += weight if weight < mean else mean
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
    return best, best_score


def mean_cosines(const float[::1] unit, list clusters):
    """cluster.mean_cosines in C: for each cluster, the dot product of ``unit`` with its
    ``vector_sum`` (each product exact in double precision, added in order, as
    cluster.sequential_dot does) over its ``vector_count``; None where it has no vectors
    or vectors of another width."""
    cdef Py_ssize_t j, count = len(clusters), dim = unit.shape[0]
    cdef const float[::1] vector
    cdef double dot
    cdef long members
    out = [None] * count
    for position in range(count):
        cluster = clusters[position]
        summed = cluster.vector_sum
        members = cluster.vector_count
        if summed is None or members == 0 or summed.size != dim:
            continue
        vector = summed
        dot = 0.0
        for j in range(dim):
            dot += <double>unit[j] * <double>vector[j]
        out[position] = dot / <double>members
    return out


def cluster_pair_similarity(a, b, double share, double terms_only_scale):
    """cluster.cluster_similarity in C, for the merge's screen: ``a``'s mean term weights
    (each sum / size) against ``b``'s centroid, and the mean cosine of their members'
    vectors (cluster.sequential_dot's arithmetic), combined as features.combine does, with
    the same operations in the same order."""
    cdef double size_a = <double>a.size, scale, minimum = 0.0, weight, mean, total, similarity, root, score
    cdef double dot, meaning = 0.0
    cdef bint has_meaning = False
    cdef Py_ssize_t j, dim
    cdef const float[::1] va
    cdef const float[::1] vb
    cdef PyObject* found
    cdef dict sums_a = a.sums, sums_b
    if a.size == 0 or not sums_a:
        return 0.0
    sum_a, sum_b = a.vector_sum, b.vector_sum
    if sum_a is not None and sum_b is not None and a.vector_count and b.vector_count and sum_a.size == sum_b.size:
        va, vb = sum_a, sum_b
        dim = va.shape[0]
        dot = 0.0
        for j in range(dim):
            dot += <double>va[j] * <double>vb[j]
        meaning = dot / <double>(<long>a.vector_count * <long>b.vector_count)
        has_meaning = True
    similarity = 0.0
    sums_b = b.sums
    if b.size != 0 and sums_b:
        scale = 1.0 / <double>b.size
        for term, value in sums_a.items():
            found = PyDict_GetItem(sums_b, term)
            if found is not NULL:
                weight = <double>value / size_a
                mean = (<double>(<object>found)) * scale
                minimum += weight if weight < mean else mean
        total = (<double>a.total / size_a) + (<double>b.total) * scale - minimum
        similarity = minimum / total if total > 0 else 0.0
    root = sqrt(similarity if similarity > 0.0 else 0.0)
    if not has_meaning:
        score = root * terms_only_scale
    else:
        score = share * root + (1.0 - share) * (meaning if meaning > 0.0 else 0.0)
    return score if score < 1.0 else 1.0

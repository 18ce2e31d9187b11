# cython: language_level=3, boundscheck=False, wraparound=False
"""The length of readability-lxml's ``clean(text)`` in one pass, without building the text.

readability measures every candidate's text and every link's in it as
``len(clean(element.text_content()))``, where ``clean`` runs three regular expressions
over the whole text and strips it; on news pages that was a third of readability's time
(benchmarks/boilerplate_phases.py). The length follows from the whitespace runs alone, so
it is counted here in one loop over the characters. What ``clean`` does, and so what is
counted (``\\s`` and ``str.strip`` agree on what is whitespace: ``Py_UNICODE_ISSPACE``):

1. a run of 255 or more whitespace characters becomes 255 spaces;
2. then a run of whitespace holding a line feed becomes one line feed;
3. then, left to right, a tab becomes a space, and two or more spaces and tabs starting
   with a space become one space;
4. then the text is stripped.

A run of 255 or more, or one holding a line feed, is one character; in any other run a
stretch of spaces and tabs is its leading tabs, plus one for the rest if any is left, and
every other whitespace character is one; the runs at either end count nothing.
``tests/test_boilerplate.py`` checks this against readability's own ``clean``.
"""

from cpython.unicode cimport Py_UNICODE_ISSPACE


cpdef Py_ssize_t clean_length(str text):
    """``len(readability.readability.clean(text))``."""
    cdef Py_ssize_t n = len(text)
    cdef Py_ssize_t i = 0, start, total = 0, run_total
    cdef Py_UCS4 c
    cdef bint newline, after_space
    # Runs at either end are stripped: find the first and the last non-space character.
    cdef Py_ssize_t first = 0, last = n - 1
    while first < n and Py_UNICODE_ISSPACE(text[first]):
        first += 1
    if first == n:
        return 0
    while Py_UNICODE_ISSPACE(text[last]):
        last -= 1
    i = first
    while i <= last:
        c = text[i]
        if not Py_UNICODE_ISSPACE(c):
            total += 1
            i += 1
            continue
        start = i
        newline = False
        run_total = 0
        # within a stretch of spaces and tabs: past its first space (one space for the rest)
        after_space = False
        while i <= last and Py_UNICODE_ISSPACE(text[i]):
            c = text[i]
            if c == u'\n':
                newline = True
            if c == u'\t':
                if not after_space:
                    run_total += 1  # a tab before any space of its stretch: one space each
            elif c == u' ':
                if not after_space:
                    run_total += 1  # the rest of the stretch from this space: one space
                    after_space = True
            else:
                run_total += 1  # another whitespace character stays as it is
                after_space = False
            i += 1
        if newline or i - start >= 255:
            total += 1
        else:
            total += run_total
    return total

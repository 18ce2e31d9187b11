# Cython declarations for the compiled build of _sentence_rules.py (see setup.py). They
# give C types to the offsets and the strings of the per-candidate decisions;
# _sentence_rules.py itself stays plain Python and is what runs without a compiler.
import cython

@cython.locals(result=list, start=Py_ssize_t, cut=Py_ssize_t, lo=Py_ssize_t, hi=Py_ssize_t)
cpdef list spans(str text, list cuts)

@cython.locals(cuts=list, pos=Py_ssize_t, end=Py_ssize_t, start=Py_ssize_t, run=str, space=str,
               opener=str, word=str, token=str, groups=tuple, known=frozenset, enumerator_ends=set, bmp=bint)
cpdef list boundaries(str text, object lex)

@cython.locals(ends=list, comma=Py_ssize_t, tail=list, last_word=str, head=str, opened=Py_ssize_t, phrase=str,
               pos=Py_ssize_t, end=Py_ssize_t, low=Py_ssize_t, start=Py_ssize_t, marker=str, opening=str)
cpdef list _unpunctuated_ends(str text, bint bmp)

@cython.locals(space=str, opener=str, word=str, terminators=str, first=str, token=str, after_word=Py_ssize_t)
cpdef object _decide(str text, Py_ssize_t start, Py_ssize_t end, str run, tuple groups, object lex,
                     set enumerator_ends)

@cython.locals(low=Py_ssize_t, token=str, parts=list)
cpdef str _previous_token(str text, Py_ssize_t end)

@cython.locals(key=str)
cpdef bint _abbreviation_may_end(str token, str word, object lex)

@cython.locals(key=str)
cpdef bint _is_abbreviation(str token, object lex)

# Cython declarations for the compiled build of text.py (see setup.py). They give C
# types to the loop counters, lengths and lines of the per-line passes; text.py itself
# stays plain Python and is what runs without a compiler.
import cython

@cython.locals(i=Py_ssize_t, line=str, key=str, reasons=list, joined=str, lowered=str,
               hits=dict, first=Py_ssize_t,
               found=str, lowered_line=str, bare=str)
cpdef list _explicit_reasons(list lines)

@cython.locals(ascii_part=bytes, others=str)
cpdef str _script_of(str text)

@cython.locals(char=Py_UCS4)
cpdef bint _has_letter(str text)

@cython.locals(char=Py_UCS4)
cpdef bint _has_digit(str text)

cpdef bint _may_match_patterns(str line, str key)

@cython.locals(space=Py_ssize_t, head=str)
cpdef object _two_phrases_kind(str key, object phrase_kinds)

@cython.locals(spaces=Py_ssize_t, unquoted=str)
cpdef bint _is_notice(str line)

cdef class _LineCosts:
    cdef readonly double min_prose_words, short_line_cost, unpunctuated_cost, boilerplate_cost
    cdef readonly double foreign_script_max_words, stopword_share_for_prose

@cython.locals(scores=list, fallbacks=list, line=str, reason=str, costs=_LineCosts)
cpdef tuple _score_lines(list lines, list explicit, object page, object config)

@cython.locals(n_words=Py_ssize_t, ascii_line=bint, spaceless=bint, size=double, score=double,
               fallback=str)
cpdef tuple _score_line(str line, object page, _LineCosts costs)

@cython.locals(page_script=str)
cdef bint _foreign_script(str script, object page)

@cython.locals(bars=Py_ssize_t)
cpdef bint _is_link_row(str line, Py_ssize_t n_words)

@cython.locals(last=str, tail=str, stops=Py_ssize_t, words=list)
cpdef double _sentence_score(str line, Py_ssize_t n_words, double size, bint spaceless, object page, _LineCosts costs)

@cython.locals(long_words=Py_ssize_t, lower=Py_ssize_t, most_lower=double, word=str)
cpdef bint _is_headline(list words)

@cython.locals(long_words=Py_ssize_t, lower=Py_ssize_t, most_lower=double, length=Py_ssize_t, first=Py_UCS4,
               char=Py_UCS4, size=Py_ssize_t, i=Py_ssize_t)
cpdef bint _is_headline_line(str line, Py_ssize_t n_words)

@cython.locals(small=Py_ssize_t, count=Py_ssize_t, word=str, words=list)
cpdef bint _opens_with_headline(str line, Py_ssize_t n_words)

@cython.locals(i=Py_ssize_t, line=str, colon=bint, credit_colon=Py_ssize_t)
cpdef _mark_captions_and_links(list lines, list explicit)

@cython.locals(i=Py_ssize_t, line=str, name=str)
cpdef _mark_comment_headers(list lines, list explicit)

@cython.locals(i=Py_ssize_t, line=str, first_prose=Py_ssize_t, found=list)
cpdef _mark_comment_signatures(list lines, list explicit)

@cython.locals(i=Py_ssize_t, line=str, other=str, tried=Py_ssize_t, inside=Py_ssize_t)
cpdef _mark_repeats(list lines, list explicit)

@cython.locals(i=Py_ssize_t, j=Py_ssize_t, n=Py_ssize_t, k=Py_ssize_t)
cpdef _weigh_runs(list lines, list scores, list explicit, object config)

@cython.locals(i=Py_ssize_t, j=Py_ssize_t, body_so_far=double)
cpdef _silence_comment_threads(list lines, list scores, list explicit, object config)

@cython.locals(best_sum=double, current=double, start=Py_ssize_t, i=Py_ssize_t, score=double)
cpdef tuple _best_run(list scores)

@cython.locals(i=Py_ssize_t, j=Py_ssize_t, k=Py_ssize_t, n=Py_ssize_t, matched=Py_ssize_t, changed=bint,
               vocabulary=set, tokens=set, words=list, word=str)
cpdef bint _topical_lists(list lines, list scores, list explicit, Py_ssize_t start, Py_ssize_t end, double floor)

@cython.locals(i=Py_ssize_t, j=Py_ssize_t, n=Py_ssize_t, stretches=list)
cpdef list _non_positive_stretches(list scores)

@cython.locals(k=Py_ssize_t, phrases=Py_ssize_t)
cpdef bint _phrase_list(list lines, list explicit, Py_ssize_t i, Py_ssize_t j)

@cython.locals(words=list, token=str, word=str)
cpdef list _topic_words(str text)

@cython.locals(starts=list, offset=Py_ssize_t, line=str)
cpdef list _line_starts(list lines)

cdef inline long _trigram_hash(long a, long b, long c)

@cython.locals(hits=dict, starts=list, trigram_marks=bytes, marks='const unsigned char*', line=Py_ssize_t,
               next_start=Py_ssize_t, end=Py_ssize_t, position=Py_ssize_t, char=Py_UCS4, first=long, second=long,
               third=long, key=str, lowered_index=Py_ssize_t, lowered=str, lengthened=bint, slot=long,
               keys_by_slot=tuple, size=Py_ssize_t)
cpdef dict _scan_keys(str joined, list lines)

cdef bint _lowers_to(Py_UCS4 char, Py_UCS4 lower)

cdef void _add_key(dict hits, Py_ssize_t line, str key)

@cython.locals(line=str, stripped=str, out=list)
cpdef list nonblank_lines(list lines)

@cython.locals(out=list, index=Py_ssize_t, pending_break=bint, raw=str, first=Py_UCS4)
cpdef str assemble(list lines, list verdicts)

@cython.locals(i=Py_ssize_t, line=str, best_title=Py_ssize_t, dates=dict, bylines=dict, window=list, reason=str)
cpdef object _header_info(list lines, list verdicts, Py_ssize_t start, Py_ssize_t end)

@cython.locals(last=str, words=Py_ssize_t)
cpdef Py_ssize_t prose_words(str line)

@cython.locals(count=Py_ssize_t, in_word=bint, char=Py_UCS4)
cpdef Py_ssize_t _word_count(str line)

cpdef bint _is_blank(str line)

cdef inline bint _blank_stripped(str stripped)

@cython.locals(prose=Py_ssize_t, kept=Py_ssize_t, words=Py_ssize_t, line=str, i=Py_ssize_t)
cpdef bint _a_listing(list lines, list verdicts)

@cython.locals(start=Py_ssize_t)
cpdef bint _has_midline_dateline(str line)

cdef long _OTHER, _SPACE, _WORD_CHAR, _DIGIT
# Read for every line of the page-kind gate: C globals, not module attributes.
cdef Py_ssize_t _PAGE_PROSE_WORDS
cdef dict _PAGE_GROUP_OF

@cython.locals(words=Py_ssize_t, in_word=bint, word_char=bint, digit=bint, spaceless=bint, ends=bint,
               char=Py_UCS4, code=long, end=Py_ssize_t, kinds='const unsigned char*', kind=long)
cdef (Py_ssize_t, bint, bint) _page_line(str text)

@cython.locals(total=Py_ssize_t, kept_words=Py_ssize_t, lines=Py_ssize_t, kept_lines=Py_ssize_t,
               prose=Py_ssize_t, kept_prose=Py_ssize_t, digit_lines=Py_ssize_t, short_lines=Py_ssize_t,
               run=Py_ssize_t, longest_run=Py_ssize_t, runs=Py_ssize_t, words=Py_ssize_t, digit=bint, ends=bint,
               group=Py_ssize_t, count=Py_ssize_t, share=double, text=str, reason=str)
cpdef list page_features(list verdicts)

@cython.locals(i=Py_ssize_t, name=str, about=str)
cpdef _mark_author_boxes(list lines, list explicit)

@cython.locals(i=Py_ssize_t, line=str, above=Py_ssize_t, line_above=str, sentence=bint, heading_seen=bint)
cpdef _mark_signup_forms(list lines, list explicit)

@cython.locals(i=Py_ssize_t)
cpdef _mark_pingback_excerpts(list lines, list explicit)

@cython.locals(heading=Py_ssize_t, line=str, quantities=Py_ssize_t, items=Py_ssize_t)
cpdef Py_ssize_t _ingredients_start(list lines, list explicit, Py_ssize_t start)

@cython.locals(j=Py_ssize_t, line=str)
cpdef Py_ssize_t _sign_off_end(list lines, list explicit, Py_ssize_t end)

@cython.locals(cut=Py_ssize_t)
cpdef Py_ssize_t _teaser_card_tail(list lines, list explicit, Py_ssize_t start, Py_ssize_t end)

@cython.locals(words=list, word=str)
cpdef bint _is_kicker(str line)

@cython.locals(words=list)
cpdef bint _is_card_headline(str line)

@cython.locals(words=Py_ssize_t)
cpdef bint _is_card_summary(str line)

@cython.locals(j=Py_ssize_t)
cpdef Py_ssize_t _verdict_items(list lines, list explicit, Py_ssize_t first)

@cython.locals(key=str)
cpdef object _verdict_heading(str line)

@cython.locals(i=Py_ssize_t, j=Py_ssize_t, k=Py_ssize_t, m=Py_ssize_t)
cpdef _pros_and_cons(list lines, list scores, list explicit)

@cython.locals(i=Py_ssize_t, j=Py_ssize_t, k=Py_ssize_t, n=Py_ssize_t, expected=Py_ssize_t, line=str)
cpdef _numbered_runs(list lines, list scores, list explicit)

@cython.locals(i=Py_ssize_t, line=str, cards=list)
cpdef Py_ssize_t _teaser_cards_start(list lines, Py_ssize_t start, Py_ssize_t end)

@cython.locals(i=Py_ssize_t, line=str)
cpdef _mark_headlines_headings(list lines, list explicit)

@cython.locals(i=Py_ssize_t, k=Py_ssize_t, line=str, posts=set)
cpdef set _embedded_post_lines(list lines, list explicit)

@cython.locals(i=Py_ssize_t)
cpdef _mark_menu_about_links(list lines, list explicit)

@cython.locals(i=Py_ssize_t)
cpdef Py_ssize_t thread_start(list verdicts)

@cython.locals(i=Py_ssize_t)
cpdef bint removed_for(list verdicts, Py_ssize_t end, frozenset reasons)

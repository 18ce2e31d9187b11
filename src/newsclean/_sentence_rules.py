"""The sentence boundary rules behind :func:`newsclean.split_sentences`.

One compiled regex finds every candidate terminator (``.``, ``!``, ``?``, ellipses,
``。！？`` and the rest of Unicode's Sentence_Terminal, with trailing quotes and
brackets). Each candidate is then decided by a few cheap rules that look only at the
word before it and the word after it: an abbreviation followed by a name does not end
a sentence ("U.S. President", "Mr. Healey"), the same abbreviation followed by a
sentence opener does ("in the U.S. How about you?"), a lower-case continuation never
starts a sentence ("“Are you ready?” he asked."). Newlines are hard boundaries.

Offsets come from the scan itself (never from searching the output in the input), so
``span.text == text[span.start:span.end]`` always holds.

This module is plain Python and is also compiled with Cython (``setup.py``, with the C
types of ``_sentence_rules.pxd``) into ``_sentence_rules_c``, which segment.py uses when
it is current: the same rules, decided in the same order, in less time
(``benchmarks/segmentation.py`` times both builds; tests/test_compiled.py compares their
spans). So the functions declared in the .pxd hold no generator expression or closure,
which Cython cannot compile inside them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import regex

from newsclean._months import ENGLISH_MONTH_NAMES, MONTH_NUMBERS, WIDE_MONTH_NAMES
from newsclean._unicode import SENTENCE_CLOSERS, bmp_class, bmp_only
from newsclean.document import Span

__all__ = ["Lexicon", "boundaries", "spans"]

# A run of terminators, then closing quotes and brackets that belong to the sentence.
# ". . ." (spaced ellipsis) is one run so that its dots are decided together.
# “ and ‘ close quotations in German, Czech, Polish and others („…“, ‚…‘), and « and ‹
# in German and Danish (»…«); glued to a terminator they close, whatever language the
# text is in (French opens with «, but never glued to the sentence before).
_CLOSERS = SENTENCE_CLOSERS
# Closing guillemets that French typography sets off by a space from what they close.
_SPACED_CLOSERS = "»›"
# Groups: the terminator run with its closers, then (looked ahead at, not consumed) the
# space, opening punctuation and word that follow it: one match per candidate carries
# everything the decision reads after the terminator. Two kinds of candidate are left
# out because their answer is known: a single "." inside a token ("3.5", "example.com"
# - never a cut), and a run at the end of a line or of the text (the newline cuts there
# anyway, so a cut before the spaces changes no span). No candidate starts just after a
# terminator, so a run left out is never re-read as a shorter run (that re-reading made
# a long "?!?!..." or "……" at the end of a text quadratic). The word after is read up to
# 64 characters (every rule needs only its start): unbounded, "x!x!x!..." without a
# space made each candidate read to the end of the text, quadratic time.
# What follows a candidate: the space, opening punctuation and the next word (groups 2-4
# of _CANDIDATE; _FOLLOWING reads the same after reference marks glued to a sentence end).
_FOLLOWING_PATTERN = r"(\s*)([\p{Ps}\p{Pi}\"'¿¡«‹]*)([^\s\p{Ps}\p{Pi}]{0,64})"
_CANDIDATE = regex.compile(
    r"(?<![\p{Sentence_Terminal}\u2026\u203d])(?<!\.[ \u00a0]?)(?!\.[\p{Ll}\d])"
    r"((?>(?:\.(?:[ \u00a0]\.){2,}|[\p{Sentence_Terminal}\u2026\u203d]+)"
    rf"[{regex.escape(_CLOSERS)}]*))"
    r"(?![ \t\u00a0]*(?:\n|\Z))"
    rf"(?={_FOLLOWING_PATTERN})"
)


@functools.cache
def _bmp_candidate() -> re.Pattern[str]:
    """_CANDIDATE for text without astral characters, compiled by the stdlib engine.

    Same matches, same groups, about twice as fast (``benchmarks/segmentation.py`` times
    both): the stdlib engine skips to the next
    terminator with a table lookup when the pattern opens with a character class of
    BMP characters only, and the regex module has no such skip for property classes.
    The lookbehinds move after the first character for that reason; the character
    classes are taken from the regex module so that both engines agree on every
    character (tests compare them).
    """
    terminators = bmp_class(r"[\p{Sentence_Terminal}\u2026\u203d]")
    lower_or_digit = bmp_class(r"[\p{Ll}\d]")
    space = bmp_class(r"\s")
    opening = bmp_class(r"[\p{Ps}\p{Pi}]")
    return re.compile(
        rf"([{terminators}](?<![{terminators}][\s\S])(?<!\.[ \u00a0][\s\S])(?:(?<!\.)|(?![{lower_or_digit}]))"
        rf"(?>(?:(?<=\.)(?:[ \u00a0]\.){{2,}}|[{terminators}]*)[{re.escape(_CLOSERS)}]*))"
        r"(?![ \t\u00a0]*(?:\n|\Z))"
        rf"(?=([{space}]*)([{opening}\"'¿¡«‹]*)([^{space}{opening}]{{0,64}}))"
    )


def _candidates(text: str, bmp: bool) -> Iterator[re.Match[str]]:
    """Every candidate terminator of ``text``, with _CANDIDATE's groups (``bmp``: the
    text has no astral character)."""
    if bmp:
        return _bmp_candidate().finditer(text)
    # regex's Match answers groups(), start() and end() as re's does.
    return cast("Iterator[re.Match[str]]", _CANDIDATE.finditer(text))

# Terminators that end a sentence whatever follows: those of scripts written without
# spaces, and Ethiopic's full stop and question mark (no abbreviation takes them; Amharic
# text glues the next sentence to them often: "አለህ፧መልካም ቀን"); Myanmar's and Khmer's full
# stops too (pySBD's Burmese test: "...ေခၚလဲ။၇ွင္..."), scripts that space phrases, not words.
_ALWAYS_ENDING = frozenset("。！？｡።፧။។")
# Unicode counts Myanmar's little section mark among sentence terminators, but Burmese
# writes it as a comma ("မင်္ဂလာပါ၊ နေကောင်းလား။"): it ends no sentence.
_CLAUSE_MARK = "\u104a"
# Japanese particles that quote what precedes them (と, って, とか): after a closing 」 a
# quotation continues its sentence ("「…か？」と聞いた").
_QUOTATIVE_PARTICLES = frozenset("とっ")
# A letter is a letter with its marks: Indic scripts write an initial as a syllable, a
# consonant and its vowel sign ("बी.सी." B.C., "डॉ." Dr.; UD Hindi-PUD's over-splits).
_INITIALISM = regex.compile(r"(?:\p{L}\p{M}*\.)+\p{L}\p{M}*")
_ONE_LETTER = regex.compile(r"\p{L}\p{M}*")
_URLISH = regex.compile(r"@|://|www\.|\.(?:com|org|net|html?|php|gov|edu|io)\b", regex.IGNORECASE)
_NUMBERISH = regex.compile(r"[\d,]*\d")
_LOWER_WORD = regex.compile(r"\p{L}*\p{Ll}{2}")
_TITLE_WORD = regex.compile(r"\p{Lu}\p{Ll}")
# What joins the two ends of a range of numbers ("1.-3.", "24./25.", "5.–7.").
_RANGE_MARKS = frozenset("-–—/")
_LEADING_PUNCT = regex.compile(r"^[\p{Ps}\p{Pi}\"'$€£¥#*&•⁃▪◦‣●■○◆]+")
_ENUM_TOKEN = regex.compile(r"\d{1,3}|[a-zA-Z]")
# A numeric date written with spaces, day first ("am 12. 12. 2012", "od 3. 5. do"): German,
# Czech, Slovak, Croatian, Slovene and others space the parts of a date; its dots end nothing.
_SPACED_DAY_MONTH = regex.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\. (0?[1-9]|1[0-2])\.(?!\d)")
_YEAR = regex.compile(r"(?:1[89]|20)\d\d(?!\d)")
_BULLETS = frozenset("•⁃▪◦‣●■○◆")
# List structure: bullets always open an item; enumerators ("1.", "2)", "b.") do when
# they continue a sequence that began at the start of a line.
_BULLET = regex.compile(r"(?<=\s)[•⁃▪◦‣●■○◆]")
_ENUM_START = regex.compile(r"(?m)^[ \t]*(?:[•⁃▪◦‣●■○◆][ \t]*)?(?:1|a|A)(?:\.\)|\)|\.)\s")
# The space or bullet before the enumerator is consumed rather than looked behind at:
# a scan led by a character class lets the engine skip ahead (group 1 is the enumerator).
_ENUMERATOR = re.compile(r"(?:^|[\s•⁃▪◦‣●■○◆])(\d{1,3}|[a-zA-Z])(\.\)|\)|\.)(?=\s)")

@dataclass(frozen=True)
class Lexicon:
    """A language's abbreviations by how they behave before the next word (segment.py
    reads them from the package's data), and its sentence-opening words."""

    titles: frozenset[str]
    number: frozenset[str]
    general: frozenset[str]
    never_final: frozenset[str]
    starters: frozenset[str]
    # German writes ordinals with a dot ("am 10. Oktober"): a number there is no sentence end.
    ordinal_dot: bool = False
    # The language's common words: a short lower-case token before a period
    # that is none of them, followed by a lower-case word or a number, is read as an
    # abbreviation ("la dcha. en", "párrf. 5", "vd. sotto"); empty where there is no such list.
    words: frozenset[str] = frozenset()
    # Words written in lower case inside sentences, learned from a treebank (English only:
    # tools/learn_lower_words.py): capitalised after an abbreviation and before a
    # lower-case word, such a word starts a sentence ("Apple Inc. Shares rose").
    lower_words: frozenset[str] = frozenset()
    # Words that open sentences in news far more often than they are capitalised inside
    # one, learned from sentence splits (English only: tools/learn_sentence_starters.py):
    # after an initialism, such a word before a lower-case word starts a sentence ("in the
    # U.K. Police later said").
    news_starters: frozenset[str] = frozenset()
    # The abbreviations that are also among the language's commonest words (segment.py:
    # its 200 most frequent, from wordfreq): before a capitalised word that opens no
    # sentence of the lists, such a token is the word, which ends its sentence (Dutch "er
    # op. Contracten", "het al. Morgen"); before a number it is still the abbreviation
    # ("op. 67", opus). Empty for English, whose lists are curated for its own text.
    frequent: frozenset[str] = frozenset()

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """Every abbreviation of any kind, for the fast "ordinary word" test."""
        return self.titles | self.number | self.general | self.never_final


def spans(text: str, cuts: list[int]) -> list[Span]:
    """The trimmed, non-empty pieces of ``text`` between ``cuts`` (sorted positions)."""
    result: list[Span] = []
    make = tuple.__new__  # Span's own constructor, minus the keyword handling
    start = 0
    for cut in [*cuts, len(text)]:
        # Trimmed by walking in from both ends (what str.strip() counts as space): one
        # slice a sentence, not a piece and its stripped copy.
        lo, hi = start, cut
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo < hi:
            result.append(make(Span, (lo, hi, text[lo:hi])))
        start = cut
    return result


def boundaries(text: str, lex: Lexicon) -> list[int]:
    """Sorted, unique cut positions (a sentence ends just before each)."""
    cuts: list[int] = []
    pos = text.find("\n")
    while pos != -1:
        cuts.append(pos)
        pos = text.find("\n", pos + 1)
    enumerator_ends: set[int] = set()
    if _may_start_a_list(text) and _ENUM_START.search(text) is not None:
        enumerator_ends = _list_items(text, cuts)
    if "•" in text or "⁃" in text or "▪" in text or "●" in text or "■" in text:
        cuts.extend([m.start() for m in _BULLET.finditer(text)])
    bmp = bmp_only(text)
    cuts.extend(_unpunctuated_ends(text, bmp))
    cuts.extend(_script_ends(text))
    known = lex.known
    for match in _candidates(text, bmp):
        groups = match.groups()
        run, space, opener, word = groups
        end = match.end(1)
        # The common case, decided here as _decide would, without its general rules:
        # "word. Next" where the word is an ordinary word of 4+ letters.
        if run == "." and space == " " and not opener and len(word) > 1 and word[0].isupper():
            start = end - 1
            if text[start - 1].islower():
                token = _previous_token(text, start)
                if len(token) > 3 and token.isalpha() and token.lower() not in known:
                    cuts.append(end)
                    continue
        cut = _decide(text, match.start(), end, run, groups, lex, enumerator_ends)
        if cut is not None:
            if opener == "[" and cut == end:
                cut = _after_citations(text, cut)
            cuts.append(cut)
    return sorted(set(cuts))


# Reference marks after a sentence's end ("... in 1805. [6] An undistinguished ...", a run
# of them spaced or not, "gas. [1][2] [3] It is", and "... Bell. […] For the ...") belong
# to the sentence they follow: web text copied from
# Wikipedia and court or press transcripts are full of them (UD English-GUM dev: a tenth
# of the boundary errors were a cut before "[6]" and none after it).
# An omission mark ("[...]") alone at the end of a paragraph is a sentence of its own in
# the UD English treebanks; before more text on its line it closes the sentence before it.
_CITATIONS = regex.compile(
    r"[ \t\u00a0]*(?:"
    r"\[(?:\d{1,3}(?:[,–-]\d{1,3})*|[a-z]|citation needed)\]"
    r"(?:[ \t\u00a0]*\[(?:\d{1,3}(?:[,–-]\d{1,3})*|[a-z]|citation needed)\])*"
    r"(?=[ \t\u00a0]+[\p{Lu}\p{Ps}\p{Pi}\d\"']|[ \t\u00a0]*(?:\n|\Z))"
    r"|\[(?:…|\.\.\.)\](?=[ \t\u00a0]+[\p{Lu}\p{Ps}\p{Pi}\d\"']))"
)


# A Roman numeral of two or more letters, all in one case, that opens its line ("ii. ",
# "IV. "): a list's enumerator, not a sentence (one letter is _ENUMERATOR's, in sequence).
_ROMAN_NUMERAL = regex.compile(r"(?:x{0,3}(?:ix|iv|vi{0,3}|i{1,3})|x{1,3})|(?:X{0,3}(?:IX|IV|VI{0,3}|I{1,3})|X{1,3})")


# How far back a line's start is looked for before a Roman numeral: a numeral and its
# indent are short, and an unbounded look back made a long line of "ii. " quadratic.
_ROMAN_LOOKBACK = 16


def _inside_spaced_date(text: str, token_start: int, word_start: int, word: str) -> bool:
    """Whether the period after the number at ``token_start`` is inside a numeric date
    written with spaces: the day's ("12. 12."), or the month's before the year
    ("12. 12. 2012"). ``word`` (at ``word_start``) is the word after the period."""
    if _SPACED_DAY_MONTH.match(text, token_start) is not None:
        return True  # the day's period, the month follows
    if token_start < 2 or text[token_start - 2:token_start] != ". " or _YEAR.match(word) is None:
        return False
    # the month's period, the year follows: the day and month end where the year's space starts
    date = _SPACED_DAY_MONTH.match(text, text.rfind(" ", 0, token_start - 1) + 1)
    return date is not None and date.end() == word_start - 1


def _roman_enumerator(text: str, start: int) -> bool:
    """Whether the token before the period at ``start`` is a Roman numeral of two or
    more letters alone at the start of its line."""
    low = max(0, start - _ROMAN_LOOKBACK)
    newline = text.rfind("\n", low, start)
    if newline == -1 and low > 0:
        return False  # the line started further back: the numeral is not its first token
    token = text[newline + 1:start].lstrip(" \t")
    return len(token) >= 2 and _ROMAN_NUMERAL.fullmatch(token) is not None


_FOLLOWING = regex.compile(_FOLLOWING_PATTERN)


def _after_citations(text: str, cut: int) -> int:
    """``cut`` moved past the reference marks that follow it, if any."""
    match = _CITATIONS.match(text, cut)
    return match.end() if match is not None else cut


# Web text ends many sentences without a terminator (UD English web treebank, dev: a
# fifth of the sentence ends the other rules missed). Three shapes are clear enough to
# cut at, each only before a capitalised word (or a separator line): a greeting or a
# closing that ends in a comma and opens its sentence ("Hi, Yes...", "Best regards,
# Debra"), an e-mail address or URL ("... <debra@x.com> Today's article"), and an e-mail
# header's date and time ("08/17/2000 11:21 AM I spoke"). (Emoticons before a capital,
# ":-) Posted by", gained 2 of 1,683 ends and cost a tenth of the scan: left out.)
_NEXT_STARTS = r"(?=[ \t]+(?:\p{Lu}|[-_=*]{4,}))"
_NEXT_START = regex.compile(r"[ \t]+(?:\p{Lu}|[-_=*]{4,})")
_NEXT_LINK = regex.compile(r"[ \t]+(?:https?://|www\.)")
_COMMA_BEFORE_START = regex.compile(r",[ \t]+(?=\p{Lu}|[-_=*]{4,})")


@functools.cache
def _bmp_comma_before_start() -> re.Pattern[str]:
    """_COMMA_BEFORE_START for text without astral characters, in the stdlib engine,
    which skips from comma to comma with a table lookup (as for _bmp_candidate)."""
    upper = bmp_class(r"\p{Lu}")
    return re.compile(rf",[ \t]+(?=[{upper}]|[-_=*]{{4,}})")
# The last word of a greeting or closing, and the whole of one (checked only there).
_GREETING_LAST_WORDS = frozenset({
    "hi", "hello", "hey", "regards", "sincerely", "yours", "thanks", "you", "cheers", "wishes", "care", "best",
    "again", "cordially", "respectfully", "truly", "faithfully"})
_GREETING = regex.compile(
    r"(?i)(?:hi|hello|hey|dear(?:[ \t]+[\p{L}.'-]+){1,2}|(?:(?:best|kind|kindest|warm|warmest|with[ \t]+kind)[ \t]+)?"
    r"regards|sincerely(?:[ \t]+yours)?|yours[ \t]+(?:truly|sincerely|faithfully)|thanks(?:[ \t]+again)?|"
    r"thank[ \t]+you|many[ \t]+thanks|cheers|best[ \t]+wishes|take[ \t]+care|all[ \t]+the[ \t]+best|cordially|"
    r"respectfully),")
_ADDRESS = regex.compile(r"(?:https?://[^\s<>\"]+[\w/]|www\.[^\s<>\"]+[\w/]|[\w.+-]+@[\w-]+(?:\.[\w-]+)*+)>?")
_SPACE_CHAR = re.compile(r"\s")
_STAMP_END = regex.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}[ \t]+\d{1,2}:\d{2}(?::\d{2})?+(?:[ \t]*[AP]M)?+"
                           + _NEXT_STARTS)


# Marks that end sentences in one script and are other punctuation elsewhere, after a
# letter of that script: Armenian text writes its full stop "։" as a colon (UD
# Armenian-ArmTDP dev: 306 of its 560 sentences end on ":", one ":" stands inside one),
# and Greek's question mark is the semicolon (Unicode folds U+037E to it; in Greek a
# semicolon is written "·"), here only before a capital.
# (mark, the script's letters: first and last code point of each range, what must follow)
_ARMENIAN_LETTERS = ("\u0531", "\u0587")
_SCRIPT_MARKS = (
    (":", (_ARMENIAN_LETTERS,), regex.compile(r"[ \t\u00a0]+\S")),
    (";", (("\u0370", "\u03ff"), ("\u1f00", "\u1fff")), regex.compile(r"[ \t\u00a0]+[«\"(]*\p{Lu}")),
)
_SCRIPT_MARK_CLOSERS = "»\")]"


def _script_ends(text: str) -> list[int]:
    """Cuts after the Armenian colon and the Greek semicolon (_SCRIPT_MARKS); found from
    the marks themselves, so text without them pays one find each."""
    ends: list[int] = []
    for mark, ranges, following in _SCRIPT_MARKS:
        pos = text.find(mark)
        while pos != -1:
            before = pos - 1
            while before >= 0 and text[before] in _SCRIPT_MARK_CLOSERS:
                before -= 1
            letter = text[before] if before >= 0 else ""
            if any(low <= letter <= high for low, high in ranges) and following.match(text, pos + 1):
                ends.append(pos + 1)
            pos = text.find(mark, pos + 1)
    return ends


# Armenian's "." (its "mijaket", written for "․") joins clauses inside a sentence (ArmTDP
# dev: 134 inside sentences, 4 at an end): see _decide.


def _unpunctuated_ends(text: str, bmp: bool) -> list[int]:
    """Sentence ends without a terminator; every scan starts from a literal (", ", "@",
    "://", "www.", "/"), so news text pays little for them."""
    ends: list[int] = []
    commas = _bmp_comma_before_start() if bmp else _COMMA_BEFORE_START
    for match in commas.finditer(text):
        comma = match.start()
        tail = text[max(0, comma - 24):comma].split()
        last_word = tail[-1].lower() if tail else ""
        head = text[max(0, comma - 60):comma + 1]
        if last_word not in _GREETING_LAST_WORDS and "dear" not in head.lower():
            continue
        # The greeting must be the whole sentence so far: from the text's or the line's
        # start, or from a terminator, to its comma.
        opened = max(head.rfind("."), head.rfind("!"), head.rfind("?"), head.rfind("\n"))
        if opened < 0 and comma >= 60:
            continue
        phrase = head[opened + 1:].strip().lstrip("\"')]").strip()
        if _GREETING.fullmatch(phrase):
            ends.append(comma + 1)
    for marker in ("@", "://", "www."):
        pos = text.find(marker)
        while pos != -1:
            space = _SPACE_CHAR.search(text, pos)
            end = space.start() if space else len(text)
            low = max(0, pos - 256)  # bounded: an address is never longer
            start = low
            for opening in " \t\n<\"(":
                start = max(start, text.rfind(opening, low, pos) + 1)
            if _ADDRESS.fullmatch(text, start, end) and (_NEXT_START.match(text, end)
                                                         or _NEXT_LINK.match(text, end)):
                ends.append(end)
            pos = text.find(marker, end)
    if "/" in text and ":" in text:
        ends.extend([m.end() for m in _STAMP_END.finditer(text)])
    return ends


_LIST_OPENERS = ("1.", "1)", "a.", "a)", "A.", "A)")
# A superset of _ENUM_START's line starts, found by a literal-first scan that is much
# cheaper than a multiline "^" test at every position.
_MAYBE_LIST_LINE = re.compile(r"\n[ \t•⁃▪◦‣●■○◆]*[1aA][.)]")


def _may_start_a_list(text: str) -> bool:
    """Cheap test before the list regex: a line that opens with "1.", "a)" and the like."""
    if text.lstrip(" \t•⁃▪◦‣●■○◆").startswith(_LIST_OPENERS):
        return True
    return _MAYBE_LIST_LINE.search(text) is not None


_LINE_PREFIX_CHARS = frozenset(" \t•⁃▪◦‣●■○◆")


def _list_items(text: str, cuts: list[int]) -> set[int]:
    """Cut before each enumerator continuing a sequence; return their terminator ends."""
    ends: set[int] = set()
    expected: dict[str, str] = {}  # style -> next value expected
    # Both scans below only cover the text since the previous enumerator, so a long line
    # of "A. A. A. ..." stays linear (searching back from each item to the line start
    # was quadratic).
    line_start, scanned = 0, 0
    for m in _ENUMERATOR.finditer(text):
        value, style = m.group(1), m.group(2)
        item_start = m.start(1)
        newline = text.rfind("\n", scanned, item_start)
        if newline != -1:
            line_start = newline + 1
        scanned = m.end()
        before = item_start - 1
        while before >= line_start and text[before] in _LINE_PREFIX_CHARS:
            before -= 1
        at_line_start = before < line_start
        if expected.get(style) == value:
            if not at_line_start:
                cuts.append(item_start)
            ends.add(m.end())
        elif at_line_start and value in ("1", "a", "A"):
            ends.add(m.end())
        elif at_line_start:
            ends.add(m.end())
            continue
        else:
            continue
        expected[style] = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
    return ends


def _decide(
    text: str, start: int, end: int, run: str, groups: tuple[str, ...], lex: Lexicon, enumerator_ends: set[int]
) -> int | None:
    """Return where the sentence ends for the candidate ``run`` at [start, end), or None.

    ``groups`` are the candidate's regex groups: the run, then the space, opening
    punctuation and word that follow it.
    """
    if end >= len(text):
        return end
    if end in enumerator_ends or (start > 0 and text[start - 1] == "["):
        return None  # "1. The item" and "[...]" are not sentence ends
    if run == "." and start > 1 and text[start - 1] in "ivxIVX" and _roman_enumerator(text, start):
        return None  # "ii. First": a list's Roman numeral
    if run == "." and start > 0 and _ARMENIAN_LETTERS[0] <= text[start - 1] <= _ARMENIAN_LETTERS[1]:
        return None  # Armenian "հետևյալն է. պարզություն": a mark inside the sentence
    if _CLAUSE_MARK in run and run.rstrip(_CLOSERS).endswith(_CLAUSE_MARK):
        return None  # the substring test first: every candidate of every text passes here
    space, opener, word = groups[1], groups[2], groups[3]
    if "\n" in space:
        return end  # newlines are cut separately; this keeps the punctuation attached
    if word and not opener and word[0] in _RUN_STARTS and _TERMINATOR_RUN.fullmatch(word):
        # "Wow! ! ! Great": the last part of the run decides (each "!" is a candidate of its
        # own); ". .. Then": ".." after ". " is not a candidate, so decide for it here.
        return _after_spaced_runs(text, end) if word.startswith("..") else None
    if word and not opener and (word in _NEVER_OPENS or (run[-1] != "." and _MARKS_ONLY.fullmatch(word))):
        # No sentence opens with a comma or colon standing alone ("cream. , It is"); after
        # "!" or "?" a spaced ellipsis or period goes on with the run ("Happy! ... no one",
        # "Bravo ! .") and the run's last mark decides, a candidate of its own.
        return None
    if space and word and not opener and word[0] in ":;=" and _EMOTICON.fullmatch(word):
        # An emoticon after a sentence's end belongs to that sentence, which ends after it
        # ("referrals. :) They were": UD English-EWT's sentences, dev and test, all end so).
        return end + len(space) + len(word)
    if word and not opener and (word[0] in _DASHES or word == "-"):
        # A hyphen standing alone is a dash typed without the dash key ("! - деп").
        if _dash_aside(text, end + len(space) + 1):
            return None  # «Где ты был?» – спросил он: the speaker's aside ends the sentence, not the question
        if _quotation_resumes(text, start, end):
            return None  # «К чему ты готовишься? – спросила мама. – Завтра ведь выходной»: one quotation
    if word and not opener and word[0] in _SPACED_CLOSERS and (len(word) == 1 or not word[1].isalnum()):
        # French sets its closing guillemet off by a space ("« Viens-tu ? » demanda-t-il"):
        # it belongs to the sentence, and what follows it decides. German opens with »
        # ("Er ging. »Nein«, rief sie"), glued to the word it opens.
        return _after_closing_mark(text, end + len(space) + 1)
    terminators = run.rstrip(_CLOSERS) if run[-1] in _CLOSERS else run
    if terminators[-1] in _ALWAYS_ENDING:
        if _inside_title_marks(text, start, end):
            return None  # 《摔跤吧！爸爸》: a title's own mark does not end the sentence that names it
        if not space and word[:1].isalnum():
            if run[-1] in "“‘":
                # Chinese opens a quotation with “ (German closes one with it): glued to
                # the next sentence's first character, it belongs to that sentence.
                return end - (len(run) - len(run.rstrip("“‘")))
            if run[-1] in "」』" and word[0] in _QUOTATIVE_PARTICLES:
                return None  # 「行きますか？」と聞いた: the quotation is part of the sentence
        return end
    if not space:
        if opener == "[":
            # "... martyr.[1] The emperor ...": reference marks glued to the sentence's end
            # (Wikipedia's style, copied into web text) are decided by what follows them.
            marks = _CITATIONS.match(text, end)
            if marks is not None and marks.end() < len(text):
                after = _FOLLOWING.match(text, marks.end())
                if after is not None and after.group(1):
                    return _decide(text, start, end, run, (run, *after.groups()), lex, enumerator_ends)
        return end if _glued_sentence_start(text, start, terminators, word, lex) else None
    if word.startswith(_LINK_STARTS):
        return end  # "Well worth a visit. http://...": a link after a sentence's end stands alone
    if not word:
        if opener in _STRAIGHT_QUOTES:
            return _standalone_quote(text, end, end + len(space), opener)
        return end if opener else None
    first = word[0]
    if (first.islower() or first.isdigit()) and _inside_brackets(text, start, end):
        return None  # "(see. section 4.2)", "[page. 42]": a shortened word inside an aside
    if first.islower():
        return end if _lower_case_start(text, start, run, terminators, word, lex) else None
    if " " in terminators:  # spaced ellipsis
        if start > 1 and text[start - 1] == " " and text[start - 2] in _RUN_MARKS:
            return end  # "Happy! . . . No one": the tail of a "!" run, which ends the sentence
        if terminators.count(".") < 4:
            return None  # ". . ." marks an omission inside a sentence
        if start > 0 and not text[start - 1].isspace():
            # "compounds. . . . The": the period ends the sentence, the ellipsis opens the next
            return start + 1
        return end  # "a period . . . . Next": omission, then the sentence's own period
    if terminators != ".":
        if terminators == "!" and word.rstrip(",;:").lower() in _COMPANY_SUFFIXES:
            return None  # "Yahoo! Inc.": a company's legal form follows its name, never opens a sentence
        return end  # "!", "?", "...", "?!" and friends before a non-lower-case word
    token = _previous_token(text, start)
    if token and not token[0].isalnum():
        token = _LEADING_PUNCT.sub("", token)
    if not token:
        return end
    token = _without_elision(token)
    if len(token) > 3 and "." not in token and token.lower() not in lex.known:
        if first.isdigit() and (_STREET.search(token) is not None or _not_a_word(token, lex)
                                or _shortened_before_number(token, lex)):
            # "Hauptstr. 5": German writes a street's name and "Str." as one word; "párrf. 5"
            return None
        return end  # the common case: an ordinary word ends the sentence
    if _ENUM_TOKEN.fullmatch(token) and _starts_line(text, start - len(token)):
        return None  # "1. The first item", "• 9. The item": an enumerator, not a sentence
    whole = token.lower()
    if "." in token and _INITIALISM.fullmatch(token) is None and not _never_ends(token, lex):
        # "Tuesday.Mr" is read as "Mr"; a listed title or never-final abbreviation with
        # dots of its own ("Dipl.-Ing. Weber", "röm.-kath. Kirche") is read whole (others,
        # "av. J.-C. L'espace", end before a capital as before).
        token = token.rsplit(".", 1)[1] or token
        if token[:1] == "-" and token[1:].lower() in lex.titles:
            token = token[1:]  # "Univ.-Prof. Dr. Weber": a compound title is read by its last part
    if token[:1] in _RANGE_MARKS and token[1:].isdigit():
        token = token[1:]  # "1.-3. Jahrhundert", "24./25. Mai": a range of ordinals, read by its last
    key = token.lower()
    if key in _AFTER_NUMBER_ENDINGS and _after_amount(text, start - len(token)):
        # "She weighed 5 lb. Tom was", "in 753 B.C. Augustus": a unit or an era after a
        # number closes the quantity, and a capitalised word after it opens a sentence;
        # a number goes on with the quantity ("5 ft. 3 in. long").
        if first.isdigit() or (key in _ERAS and _fronted_time(text, start - len(token), _ERA_OPENERS)):
            return None  # "In 44 B.C. Caesar was assassinated": the date opens its sentence
        if _opens_after_quantity(text, end, end + len(space) + len(opener) + len(word), word, lex):
            return end
    if key in _MULTIPLIERS and _after_number(text, start - len(token)):
        # "25 mln. TL oldu", "5 Mio. Euro": a multiplier after a number has its unit or
        # currency to come, capitalised or a code; it closes the sentence only before a
        # word that opens sentences ("3 mld. Il governo tace").
        return end if _is_opener(word, lex) else None
    if first.isdigit():
        if token.isdigit() and _inside_spaced_date(text, start - len(token), end + len(space), word):
            return None  # "am 12. 12. 2012 um": a date's parts, not a number ending its sentence
        if token.isdigit() and not lex.ordinal_dot:
            return end  # "1 + 1 es 2. 2 + 2 es 4.": a number, then a sentence that opens with one
        if key in _SHORT_MONTHS and _after_number(text, start - len(token)):
            return None  # "op 5 okt. 1990": a date's abbreviated month between its day and year
        return None if (_is_abbreviation(token, lex) or _not_a_word(token, lex)
                        or _shortened_before_number(token, lex)) else end
    if _DOUBLED_CAPITAL.fullmatch(token) is not None and _DOUBLED_CAPITAL_DOT.match(word) is not None:
        return None  # "EE. UU.", "FF. AA.": Spanish doubles an abbreviation's letters for a plural
    if token in ("m", "M") and text[max(0, start - 4):start - 1].lower() in ("a. ", "p. "):
        token = text[start - 4] + ".m"  # "a las 10 a. m. Todos": Spanish spaces its times of day
    if lex.ordinal_dot and token.isdigit() and text[start - len(token) - 1:start - len(token)] == " ":
        before = _previous_token(text, start - len(token) - 1)
        if before.endswith(".") and before[:-1].lower() in lex.number:
            return end  # "Nr. 3. Danke": a number that "Nr.", "S." or "Abs." counts is no ordinal
    if whole in _DEGREES and _previous_token(text, start - len(whole) - 1).lower() in _DETERMINERS:
        return end  # "She earned her Ph.D. Tom was impressed": a degree a determiner opened
    if (key in _CLOCK_ABBREVIATIONS and _after_number(text, start - len(token))
            and _fronted_time(text, start - len(token), _TIME_OPENERS)):
        return None  # "At 5 a.m. Mr. Smith went": the time opens the sentence it is part of
    if _abbreviation_may_end(token, word, lex):
        return end
    after_word = end + len(space) + len(opener) + len(word)
    return end if _starts_by_evidence(text, end, after_word, token, word, lex) else None


_DASHES = "–—"
_LINK_STARTS = ("http://", "https://", "www.")
_ELIDED_WORD = regex.compile(r"\p{L}+['’]\p{L}+")
# Legal forms of companies, written after the name (ISO 20275's entity legal forms, the
# common abbreviated ones): never the first word of a sentence.
_COMPANY_SUFFIXES = frozenset({"inc.", "corp.", "ltd.", "llc", "l.l.c.", "plc", "gmbh", "s.a.", "s.p.a.", "s.r.l.",
                               "n.v.", "b.v.", "pty.", "ltda.", "s.a.s.", "oyj", "a/s"})
# The parts of a run spread over spaces: "!" and "?" runs, and a doubled period (". ..").
# An ellipsis ("…", "...") after a sentence opens the next one instead ("bullying. … You").
_RUN_MARKS = "!?‼⁇⁈⁉！？"
_TERMINATOR_RUN = regex.compile(rf"(?:[{_RUN_MARKS}]+|\.\.)[{regex.escape(_CLOSERS)}]*")
_RUN_STARTS = _RUN_MARKS + "."  # the characters _TERMINATOR_RUN can open with: tested before it
_SPACED_RUN = regex.compile(rf"[ \t\u00a0]+(?:[{_RUN_MARKS}]+|\.\.)[{regex.escape(_CLOSERS)}]*(?!\.)")
_NEXT_CHARACTER = regex.compile(r"[ \t\u00a0]*(\S)?")
_NEVER_OPENS = frozenset(",;:")
# Western emoticons: eyes, an optional nose, a mouth ("-)", ":-)", ";P", ":D", "=(").
_EMOTICON = regex.compile(r"[:;=][-'^o]?[()\[\]DPpO3/\\|*]+")
# A word of sentence-final marks only (and what closes after them): "...", "…", ".", "?!".
_MARKS_ONLY = regex.compile(rf"[\p{{Sentence_Terminal}}\u2026\u203d]+[{regex.escape(_CLOSERS)}]*")


def _after_spaced_runs(text: str, end: int) -> int | None:
    """A period followed by a spaced ".." ("It ended . .. Then") is one run: the sentence
    ends after it, unless a lower-case word follows."""
    spaced = _SPACED_RUN.match(text, end)
    pos = spaced.end() if spaced else end
    nxt = _next_visible(text, pos)
    if nxt is not None and nxt.islower():
        return None
    return pos


def _next_visible(text: str, pos: int) -> str | None:
    """The first character from ``pos`` after spaces and tabs; None at a line's or the text's end."""
    following = _NEXT_CHARACTER.match(text, pos)
    return following.group(1) if following else None


def _after_closing_mark(text: str, pos: int) -> int | None:
    """Where the sentence ends for a closing quotation mark set apart from what it closes,
    ending at ``pos`` ("« Viens-tu ? » demanda-t-il", "Up ! '' and"): the mark belongs to the
    sentence, which goes on before a lower-case letter, a comma, semicolon or colon, or
    another terminator (that one decides), and ends after the mark before anything else."""
    nxt = _next_visible(text, pos)
    if nxt is None or nxt.islower() or nxt in _NEVER_OPENS or _MARKS_ONLY.match(nxt):
        return None
    return pos


# Straight quotation marks that text set word by word writes apart from the words they
# quote ("a ' Maistre Boursier . ' He", "Recess '' . He", "Up ! '' and"); the same mark
# opens and closes, so only what follows and how many came before on the line tell which.
_STRAIGHT_QUOTES = frozenset({"'", "''", '"'})
# Quotation marks (an apostrophe inside a word is none); `` and '' are one mark each, and so
# is ",,", which only opens: Dutch news typed „…” as ,,…'' ("Hij zei: ,,Kom.'' Daarna").
_QUOTATION_MARKS = regex.compile(r"``|''|(?<!,),,(?!,)|[\"“”‘’`]|(?<!\p{L})'|'(?!\p{L})")
# The marks counted with each straight one: a grave accent opens what an apostrophe closes
# in text typed for TeX or old typewriters ("`And what?'", "``Yes.''"), and two commas open
# what two apostrophes close in Dutch (",,Wij weten het. '' Daarna": UD Dutch-Alpino).
_COUNTED_WITH = {"'": frozenset({"'", "`"}), "''": frozenset({"''", "``", ",,"}), '"': frozenset({'"'})}


# How far back the marks are counted: about a paragraph's sentence or two, so that a
# quotation left open earlier (an excerpt that starts inside one) misleads less far.
_QUOTE_PARITY_REACH = 200


def _standalone_quote(text: str, end: int, pos: int, mark: str) -> int | None:
    """Where the sentence ends for a terminator run ending at ``end`` and followed, apart,
    by the straight quotation ``mark`` at ``pos`` that stands apart from the next word too.

    Where the sentence goes on after a closing mark (_after_closing_mark: "Grown Up ! ''
    and adult voices") it closes one. Before anything else, the last quotation mark before
    it on its line (within _QUOTE_PARITY_REACH) tells: glued to the word after it, it
    opened the quotation this one closes ('"They have the right. '' Other'); glued to what
    it closed, this one opens the next sentence. Where that mark stands apart too, an odd
    count of marks of this kind before it means this one closes. Closing, the sentence
    ends after it; opening, before it."""
    after = pos + len(mark)
    if _after_closing_mark(text, after) is None:
        return None
    low = max(0, pos - _QUOTE_PARITY_REACH)
    line = text[max(low, text.rfind("\n", low, pos) + 1):pos]
    marks = list(_QUOTATION_MARKS.finditer(line))
    if marks:
        last = marks[-1]
        if last.group() == ",,":
            return after  # it opened the quotation this one closes, glued to either side
        glued_after = last.end() < len(line) and not line[last.end()].isspace()
        glued_before = last.start() > 0 and not line[last.start() - 1].isspace()
        if glued_after != glued_before:
            return after if glued_after else end
    counted = _COUNTED_WITH[mark]
    if not marks and mark != '"':
        # Nothing before it on the line says which: text set word by word (the Penn
        # Treebank's convention) opens with `` or ` and closes with '' or ', so a mark set
        # apart here closes the quotation, which opened on an earlier line or out of reach
        # ("what to do ? '' Graham was"), unless its partner follows on the line: then it
        # opens one ("He stopped. ' Where are you going ? ' she asked").
        following = text[after:after + _QUOTE_PARITY_REACH]
        line_end = following.find("\n")
        following = following if line_end < 0 else following[:line_end]
        return end if any(m.group() in counted for m in _QUOTATION_MARKS.finditer(following)) else after
    return after if sum(m.group() in counted for m in marks) % 2 else end


def _dash_aside(text: str, pos: int) -> bool:
    """After a dash at ``pos - 1``: does a lower-case word follow (the aside of a quotation)?"""
    nxt = _next_visible(text, pos)
    return nxt is not None and nxt.islower()


# How far a quotation's guillemets are looked for around a candidate (linear time).
_QUOTATION_REACH = 400


def _quotation_resumes(text: str, start: int, end: int) -> bool:
    """Whether the sentence end at [start, end), followed by a dash, closes the speaker's
    words inside a quotation that goes on: «Speech? – said she. – More speech». The
    rules of Russian punctuation (and the other languages that quote in guillemets) set
    the speaker's words off by dashes inside the quotation marks, so the dash after the
    period resumes the quotation, which is one sentence of the text. Asked only where a «
    opened before on the same line, a dash stands between it and here (the speaker's words
    began), and its » closes after, on the same line, within reach."""
    opened = _unclosed_before(text, start, "«", "»", _QUOTATION_REACH)
    if opened < 0 or (" – " not in text[opened:start] and " — " not in text[opened:start]):
        return False
    close = _closer_on_line(text, end, "»", _QUOTATION_REACH)
    return close >= 0 and "«" not in text[end:close]


def _unclosed_before(text: str, start: int, openers: str, closers: str, reach: int) -> int:
    """Where the last of ``openers`` before ``start`` (within ``reach``, on the same line)
    stands, that none of ``closers`` closed since; -1 where there is none."""
    low = max(0, start - reach)
    before = text[low:start]
    opened = max(before.rfind(mark) for mark in openers)
    if opened < 0 or "\n" in before[opened:] or any(mark in before[opened:] for mark in closers):
        return -1
    return low + opened


def _closer_on_line(text: str, pos: int, closer: str, reach: int) -> int:
    """Where ``closer`` first stands from ``pos`` (within ``reach``), before the line ends; -1
    where it does not."""
    after = text[pos:pos + reach]
    close, line = after.find(closer), after.find("\n")
    return pos + close if close >= 0 and (line < 0 or close < line) else -1


def _inside_title_marks(text: str, start: int, end: int) -> bool:
    """Whether [start, end) lies inside Chinese title marks 《…》 or 〈…〉 (the titles of
    books, films and laws; GB/T 15834-2011 "Use of punctuation marks"), which close on the
    same line: a title is a name, and a mark inside it ends nothing."""
    opened = _unclosed_before(text, start, "《〈", "》〉", _TITLE_REACH)
    if opened < 0:
        return False
    closer = "》" if text[opened] == "《" else "〉"
    # From the mark: its run may hold the closer ("！》").
    return _closer_on_line(text, start, closer, end - start + _TITLE_REACH) >= 0


# How far title marks are looked for around a candidate (titles are short; linear time).
_TITLE_REACH = 60

_BRACKETS = {"(": ")", "[": "]", "{": "}"}
# How far an aside's brackets are looked for around a candidate (linear time).
_ASIDE_REACH = 80


def _inside_brackets(text: str, start: int, end: int) -> bool:
    """Whether [start, end) stands inside brackets that opened before it and close after
    it on the same line, within reach: a period there, before a lower-case word or a
    number, shortens a word of the aside; a sentence does not start inside one that way."""
    opened = _unclosed_before(text, start, "([{", ")]}", _ASIDE_REACH)
    return opened >= 0 and _closer_on_line(text, end, _BRACKETS[text[opened]], _ASIDE_REACH) >= 0


def _lower_case_start(text: str, start: int, run: str, terminators: str, word: str, lex: Lexicon) -> bool:
    """Decide "<token><terminators> <lower-case word>": True when a sentence starts there.

    Edited news continues after an abbreviation ("the U.S. and", "5 in. long") or a quoted
    question ("'Why?' he asked"); web text starts sentences in lower case ("good pizza.
    seriously.", "where did you grow up? india?"), and a third of the sentence ends that
    the UD English web treebank (dev) has and the other rules missed were of this shape.
    So a lower-case word starts a sentence only where nothing suggests a continuation:
    the run closes no quotation or bracket, and the token before is an ordinary word,
    neither an abbreviation of the lists nor a unit after a number."""
    core = word.rstrip(",;:.!?\"')]}»”’")
    # "it's", "don't": an apostrophe inside is still a word.
    if run[-1] in _CLOSERS or not (core.isalpha() or _ELIDED_WORD.fullmatch(core)):
        return False
    token = _LEADING_PUNCT.sub("", _previous_token(text, start))
    if not token:
        return False
    if set(terminators) <= {"?", "!"}:
        # "Yahoo! users", "Jeopardy! champion": one "!" after a capitalised word is a name's.
        return not (terminators == "!" and token[0].isupper())
    # The token is an ordinary word: lower case ("pizza. seriously"), or a capitalised
    # word too long for an initial or a short abbreviation ("Miramar. i think"); the
    # listed abbreviations are kept out below.
    ordinary = token.islower() or (len(token) >= 4 and token[0].isupper() and token[1:].islower())
    if terminators != "." or not token.isalpha() or not ordinary or len(token) < 2:
        return False
    if token.lower() in lex.known or _is_abbreviation(token, lex) or _not_a_word(token, lex) \
            or (bool(lex.words) and _without_vowels(token)):
        return False
    before = text[max(0, start - len(token) - 12):start - len(token)].rstrip()
    return not (before[-1:].isdigit())  # "a 5 in. screen", "3 ft. deep": units, not words


# Longer tokens missing from a list of common words are mostly inflected forms (Turkish,
# Italian verbs with clitics: "inquinandolo") and names, which do end sentences.
_SHORTENED_MAX = 6
# Capitalised, names are what the lists miss ("ripostuje Oleksy. 2+ pacjent", UD Polish):
# a shortened weekday, street or part of a text before a number is short ("Lun", "Rdnr").
_SHORTENED_CAPITALISED_MAX = 4


def _not_a_word(token: str, lex: Lexicon) -> bool:
    """Whether ``token``, short and written in lower-case letters, is none of the language's
    common words: a shortened one ("dcha", "párrf", "idraul"), which the languages' lists
    of abbreviations cannot all hold. Only asked where a lower-case word or a number
    follows the period, which a sentence rarely starts with."""
    return (bool(lex.words) and len(token) <= _SHORTENED_MAX and token.isalpha() and token.islower()
            and token not in lex.words)


# The vowel letters of the cased alphabets, accents aside (a letter is read by its base);
# Bulgarian's "ъ" is a vowel ("път", "съм").
_VOWELS = frozenset("aeiouyаеёиоуыэюяіїєўъαεηιουω")


def _without_vowels(token: str) -> bool:
    """Whether ``token``, lower case, has no vowel letter: a word shortened to consonants
    ("вкл.", "npr.", "tj.", "br.", "ds.", "nk."), which word lists hold as words (wordfreq
    counts "вкл" and "npr" without their period). In the UD test and dev files of 20
    languages, 3 of about 250 such tokens before a period and a lower-case word ended a
    sentence, and the rules had split 11 of the others (a one-off count); the words of syllabic r and l
    ("vlk", "prst", "smrt") did not occur there. A letter outside the table (another
    script, a vowel this table lacks) counts as a vowel: the token is then read as before.
    Asked, as _not_a_word is, only in languages with a list of common words: not English,
    whose web text opens sentences in lower case after "hmm." as after any word."""
    for char in token:
        base = unicodedata.normalize("NFD", char)[0]
        if base in _VOWELS or not ("a" <= base <= "z" or "а" <= base <= "я" or base in "ёіїєўґђјљњћџ"
                                   or "α" <= base <= "ω"):
            return False
    return True


def _shortened_before_number(token: str, lex: Lexicon) -> bool:
    """Whether ``token``, a capitalised short word before a period and a number, is none of
    the language's common words: a shortened one ("Lun. 15", "Cra. 7", "Rdnr. 3"), as
    weekdays, streets and a text's parts are written before a number. A sentence that
    opens with a number after a capitalised word ends on a word or a name ("Rom. 15
    Menschen"), which the word lists know, or a longer name (_SHORTENED_CAPITALISED_MAX)."""
    return (bool(lex.words) and len(token) <= _SHORTENED_CAPITALISED_MAX and token.isalpha() and token[0].isupper()
            and token[1:].islower() and token.lower() not in lex.words)


def _previous_token(text: str, end: int) -> str:
    """The run of non-space characters that ends at ``end`` (at most 64 of them)."""
    low = max(0, end - 64)
    token = text[max(low, text.rfind(" ", low, end) + 1):end]
    if not token.isprintable() or "\u00a0" in token:  # another kind of space inside
        parts = token.split()
        return parts[-1] if parts and not token[-1].isspace() else ""
    return token


def _starts_line(text: str, pos: int) -> bool:
    """True if only spaces stand between ``pos`` and a line start or a list bullet."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _BULLETS


def _glued_sentence_start(text: str, start: int, terminators: str, word: str, lex: Lexicon) -> bool:
    """"world.Today" or "1,000.That": a sentence start with the space missing; after
    "?" or "!", also in lower case ("for talk?they will"), between two words."""
    if set(terminators) <= {"?", "!"}:
        core = word.rstrip(",;:.!?\"')]}»”’")
        token = _previous_token(text, start)
        # Words on both sides: a link's query ("search?aq=0") or a code never is; and, as
        # with a space, one "!" after a capitalised word is a name's ("Yahoo!news").
        return (len(core) >= 3 and core.isalpha() and core.islower() and len(token) >= 2 and token.isalpha()
                and not (terminators == "!" and token[0].isupper()))
    # Two-letter tails are domains and codes ("Caliber.Az", "Node.Js"), not sentences.
    if terminators != "." or len(word) < 3 or not _TITLE_WORD.match(word):
        return False
    token = _LEADING_PUNCT.sub("", _previous_token(text, start))
    if _URLISH.search(token + "." + word) or "." in token or _is_abbreviation(token, lex):
        return False
    return bool(_LOWER_WORD.fullmatch(token) or _NUMBERISH.fullmatch(token))


def _never_ends(token: str, lex: Lexicon) -> bool:
    key = token.lower()
    return key in lex.titles or key in lex.never_final


def _is_opener(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` is one that opens sentences ("It", "However"), contractions
    included whatever their apostrophe: news sets "It’s" and "It’ll" with a typographic
    one, and "124 mph. It’ll feature" read as one sentence while "It will" split it."""
    key = word.lower().rstrip(",;:")
    if key in lex.starters:
        return True
    if "’" in key or "ʼ" in key:
        key = key.replace("’", "'").replace("ʼ", "'")
        if key in lex.starters:
            return True
    base, apostrophe, suffix = key.partition("'")
    if not apostrophe or not base:
        return False
    # English contractions: "it'll", "they've", "we'd"; "isn't", "didn't" as "is", "did".
    if suffix in _CONTRACTION_SUFFIXES:
        return base in lex.starters
    return suffix == "t" and base.endswith("n") and base[:-1] in lex.starters


_CONTRACTION_SUFFIXES = frozenset({"s", "ll", "re", "ve", "d", "m"})


# French and Italian elide an article or preposition into the next word ("l'avv. Bianchi",
# "dell'on. Rossi", "d'env. 20"): the abbreviation is what follows the apostrophe.
_ELISION = regex.compile(r"(?i)(?:l|d|j|m|n|s|t|c|qu|un|all|dall|dell|nell|sull|coll|quell)['’](?=\p{L}{2})")


def _without_elision(token: str) -> str:
    if "'" not in token and "’" not in token:
        return token
    elided = _ELISION.match(token)
    return token[elided.end():] if elided else token


def _one_letter(token: str) -> bool:
    """One character that is no punctuation or symbol, or one letter with its marks (an
    Indic initial: "बी", "डॉ"). A bracket, quotation mark or sign set off by a space is no
    initial ("[ cerca de 1250 contos ]. Chung", French "de 5 %. Marine": read as one, it
    ended its sentence only before a sentence-opening word)."""
    if len(token) == 1:
        return _PUNCTUATION_OR_SYMBOL.match(token) is None
    return len(token) <= 4 and _ONE_LETTER.fullmatch(token) is not None


_PUNCTUATION_OR_SYMBOL = regex.compile(r"[\p{P}\p{S}]")


def _is_abbreviation(token: str, lex: Lexicon) -> bool:
    key = token.lower()
    return (
        key in lex.titles
        or key in lex.number
        or key in lex.general
        or key in lex.never_final
        or _one_letter(token)
        or _INITIALISM.fullmatch(token) is not None
        or token.endswith(("°", "º"))
    )


def _abbreviation_may_end(token: str, word: str, lex: Lexicon) -> bool:
    """Decide "<token>. <Word>": True when the period ends the sentence."""
    key = token.lower()
    if key in lex.titles:
        if len(token) > 1 and token.isupper() and not word.isupper():
            # An acronym written as a title is ("sagte Stihl der FR. Die Delegierten": the
            # Frankfurter Rundschau, not "Fr." for Frau): in mixed-case text only a word that
            # opens sentences ends it ("MR. Smith" goes on; all-caps lines keep the title).
            return _is_opener(word, lex)
        return False  # "Mr. Healey", "Mt. Fuji": a title always precedes a name
    if token.isdigit():
        # "on Jan. 5. Talks resumed": a number ends the sentence, unless the language
        # writes ordinals with a dot ("am 10. Oktober"); then only an opener word does.
        return _is_opener(word, lex) if lex.ordinal_dot and len(token) <= 3 else True
    if lex.ordinal_dot and len(token) >= 2 and token.isupper() and _ROMAN_NUMERAL.fullmatch(token) is not None:
        # The languages that write ordinals with a dot write Roman ones so too ("im XII.
        # Jahrhundert", "II. János Pál"): as for digits, only an opener word ends the
        # sentence ("Ludwig XIV. Er regierte"). One letter is left to the rules of initials;
        # the numerals of I, V and X alone (1 to 39) are read, not acronyms ("CD", "MD").
        return _is_opener(word, lex)
    if token == "no":
        return True  # "he would vote no. Others disagreed": the word, not "No. 5"
    if key in lex.never_final:
        return False
    if key in _LIST_ENDINGS:
        return True  # "pan, leche, etc. Luego": a list's "and so on" ends it before a capital
    if key in lex.frequent:
        return True  # "Ze wijzen er op. Contracten": the word, not the abbreviation (Lexicon.frequent)
    if key in _CLOCK_ABBREVIATIONS:
        # "closed at 4 a.m. Residents said": a capitalised word after a time of day starts
        # the next sentence unless it goes on telling the time ("a.m. Eastern", "p.m. Monday").
        return word.strip("()[],;:.").lower() not in _TIME_CONTINUATIONS
    if (
        _one_letter(token)
        or _INITIALISM.fullmatch(token) is not None
        or key in lex.number
        or key in lex.general
        or token.endswith(("°", "º"))
    ):
        # "U.S. President" continues, "U.S. How" does not: only an opener word ends it.
        return _is_opener(word, lex)
    return True


_CLOCK_ABBREVIATIONS = frozenset({"a.m", "p.m"})
# Units of measure written with a period after a number (US customary units as NIST
# Handbook 44, appendix C, abbreviates them; time spans; and metric ones a sentence's
# period follows) and the eras written after a year: they close a quantity or a date.
_ERAS = frozenset({"b.c", "a.d", "c.e", "b.c.e", "a.h"})
_AFTER_NUMBER_ENDINGS = _ERAS | frozenset({
    "in", "ft", "yd", "yds", "mi", "oz", "lb", "lbs", "gal", "gals", "qt", "qts", "pt", "pts", "bu", "fl",
    "sq", "cu", "tsp", "tbsp", "doz", "hr", "hrs", "min", "mins", "sec", "secs", "wk", "wks", "mo", "mos",
    "yr", "yrs", "mph", "km", "kg", "cm", "mm", "mg", "ml", "g",
    # Currencies written after an amount with a period (GOST R 7.0.12-2011: руб., коп.;
    # the Russian and Ukrainian lists' долл., евр., грн.): "5 тыс. руб. Покупатели".
    "руб", "коп", "долл", "евр", "грн",
})
# Multipliers written between a number and its unit with a period ("5 тыс. руб.", "20 Mio.
# Fr.", "3 mln. euro"): the languages' lists' thousand, million and billion.
_MULTIPLIERS = frozenset({"тыс", "млн", "млрд", "трлн", "tsd", "mio", "mrd", "mln", "mld", "mill", "md", "mds"})
# Academic degrees (the AP Stylebook's "academic degrees" and their common abbreviations):
# after a determiner ("her Ph.D.", "a LL.M.") the degree closes a noun phrase.
_DEGREES = frozenset({"ph.d", "m.d", "j.d", "ll.m", "ll.b", "ll.d", "m.a", "b.a", "b.s", "m.s", "b.sc", "m.sc",
                      "m.b.a", "d.phil", "ed.d", "psy.d", "d.d.s", "m.phil", "m.f.a", "b.f.a", "m.p.h"})
# Not "the": "the J.D. Power study", "the M.D. Anderson Cancer Center" are names.
_DETERMINERS = frozenset({"a", "an", "his", "her", "their", "my", "our", "your", "its", "one's"})
# Prepositions and adverbs that open a sentence with a time of day ("At 5 a.m.", "Shortly
# after 6 p.m.", "On Jan. 5, at 6 a.m."); "In" is left out: it opens places as often.
_TIME_OPENERS = frozenset({"at", "by", "before", "after", "until", "till", "from", "on", "around", "about",
                           "since", "shortly", "just", "sometime", "starting", "beginning", "between", "early",
                           "late", "toward", "towards"})
# A year opens a sentence after "In" too ("In 44 B.C. Caesar").
_ERA_OPENERS = _TIME_OPENERS | {"in", "during", "circa"}
# A fronted time is short: at most this many words from its opening word to the number.
_FRONTED_TIME_WORDS = 5
_NUMBER_BEFORE = regex.compile(r"[\d½¼¾⅓⅔][\d,./:½¼¾⅓⅔-]*$")


def _after_number(text: str, pos: int) -> bool:
    """Whether a number stands just before the token that starts at ``pos`` ("5 lb")."""
    return pos > 1 and text[pos - 1] == " " and _NUMBER_BEFORE.search(_previous_token(text, pos - 1)) is not None


def _after_amount(text: str, pos: int) -> bool:
    """Whether an amount stands just before the token that starts at ``pos``: a number,
    or a number and a multiplier, with its period or without ("5 lb", "5 тыс. руб",
    "5 млн руб": Russian writes "млн" and "млрд" without one)."""
    if _after_number(text, pos):
        return True
    if pos < 2 or text[pos - 1] != " ":
        return False
    before = _previous_token(text, pos - 1)
    multiplier = before[:-1] if before.endswith(".") else before
    return multiplier.lower() in _MULTIPLIERS and _after_number(text, pos - 1 - len(before))


def _fronted_time(text: str, pos: int, openers: frozenset[str]) -> bool:
    """Whether the time of day or year whose "a.m." or "B.C." starts at ``pos`` is the opening
    phrase of its sentence (asked where a number stands just before, _after_number): one
    of ``openers`` at the start of the line or after a sentence's end, at most
    _FRONTED_TIME_WORDS words before. Such a phrase is no sentence of its own, so a
    capitalised word after it goes on."""
    line_start = text.rfind("\n", 0, pos) + 1
    low = max(line_start, pos - _FRONTED_TIME_REACH)
    line = text[low:pos].split()
    first = max(0, len(line) - _FRONTED_TIME_WORDS)
    for i in range(len(line) - 1, first - 1, -1):
        word = line[i]
        if word[:1].isupper() and word.rstrip(",").lower() in openers:
            if i == 0:
                return low == line_start
            return line[i - 1][-1:] in ".!?\"'”’"
        if word[-1:] in "!?":
            return False
    return False


# How far back a fronted time's opening word is looked for (linear time).
_FRONTED_TIME_REACH = 80
# Plural abbreviations of Spanish double their letters and space the pairs (RAE, Ortografía
# 2010: "EE. UU.", "FF. AA.", "RR. HH.", "JJ. OO."): one pair before another goes on.
_DOUBLED_CAPITAL = regex.compile(r"(\p{Lu})\1{1,2}")
_DOUBLED_CAPITAL_DOT = regex.compile(r"(\p{Lu})\1{1,2}\.")
# A German street name ending in "str." (Straße), written as one word ("Hauptstr. 5").
_STREET = regex.compile(r"\p{Ll}str$")
# "Et cetera" as the languages of issue #8 abbreviate it (Wiktionary, "et cetera",
# translations; as the token before the period reads it: "и т.д." is read as "т.д"): it
# closes a list, so before a capitalised word it ends the sentence, whatever the word;
# before a lower-case one the sentence goes on, as after any listed abbreviation.
_LIST_ENDINGS = frozenset({"etc", "usw", "u.s.w", "ecc", "enz", "itd", "itp", "vb", "т.д", "т.п"})
# The months' abbreviations of the date tables ("okt", "janv", "sept"): between a day and
# a year they are a date's, whatever the language's lists hold.
_SHORT_MONTHS = frozenset(MONTH_NUMBERS) - WIDE_MONTH_NAMES
# Words that continue a time of day: weekdays, months, time zones and their names.
_TIME_CONTINUATIONS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "akst", "akdt", "hst",
    "gmt", "bst", "utc", "cet", "cest", "eet", "eest", "wet", "west", "ist", "jst", "kst", "aest", "aedt",
    "acst", "awst", "nzst", "nzdt", "msk", "sgt", "hkt",
    "eastern", "central", "mountain", "pacific", "atlantic", "alaska", "hawaii", "greenwich", "local",
    "universal", "coordinated", "british", "moscow", "tokyo", "beijing", "india", "indian", "australian",
}) | ENGLISH_MONTH_NAMES

# How far around an ambiguous abbreviation the document is read for evidence: bounded,
# so that a text full of such cases still costs time linear in its length.
_EVIDENCE_WINDOW = 2000


def _starts_by_evidence(text: str, end: int, after_word: int, token: str, word: str, lex: Lexicon) -> bool:
    """Decide "U.K. Police later said" (two sentences) against "U.K. Police Federation"
    (one) by orthographic evidence, as Punkt does (Kiss & Strunk 2006): after an
    abbreviation that may end a sentence (not a title), a capitalised word followed by a
    lower-case one starts a sentence when it is a word written in lower case inside
    sentences, capitalised here because a sentence starts. The evidence is the document's
    own (it writes the word in lower case elsewhere, "police said") or, where the document
    has none, the language's list learned from a treebank (``lex.lower_words``; after an
    initialism, where names are far more common, only the words news opens sentences with,
    ``lex.news_starters``); a document that capitalises the word inside a sentence ("the
    Police Federation"), or writes it twice after the same initialism ("J.D. Power"), makes
    it a name. Without evidence either way the abbreviation continues, as before."""
    key = token.lower()
    if key in lex.titles or key in lex.never_final:
        return False
    core = word.rstrip(",;:.!?\"')]}»”’“‘")
    if not (core.isalpha() and core[0].isupper() and core[1:].islower()) or len(core) < 3:
        return False
    after = _NEXT_WORD.match(text, after_word)
    if after is None or not after.group(1)[0].islower():
        return False  # "U.K. Police Federation": a name goes on
    window = _evidence_window(text, end)
    if _written_as_name(window, core):
        return False  # capitalised inside a sentence of this document: a name
    if (key in lex.words and (key in lex.number or key in lex.general) and not _one_letter(token)
            and _written_bare(window, key) and not _inside_brackets(text, end - 1, end)):
        # "in de hand. Contracten werden": a listed token that is also a word of the
        # language, and that this document writes without a period ("neemt het in
        # handen", "de hand van"), is the word here (Punkt's test of a type, read in the
        # document: an abbreviation keeps its period wherever it stands); not for an initial
        # (Russian "в" is a word and an initial: "системой В. Илюхина"), nor inside an
        # aside's brackets, where no sentence starts ("(bijv. Frankrijk)").
        return True
    initialism = _INITIALISM.fullmatch(token) is not None
    if initialism and _written_together_twice(window, token, core):
        # "J.D. Power" again, "the U.S. Attorney" twice: an initialism and a word the document
        # repeats together are a name's (Punkt's collocations); not for other abbreviations,
        # whose next sentences may open alike ("et al. Mindfulness ..." in two references).
        return False
    # Not after an initial or an initialism: an initial is followed by a surname, often a
    # common word ("George W. Bush said", "Ed. K. Gross etc.": UD GUM test), and after
    # "U.S." a capitalised word is far more often a name's than a sentence's ("the U.S.
    # Embassy estimates", "a U.S. Customs agent": ECB+; of the decisions it changed on the
    # news text of ECB+ and the 181 bodies, those after "Calif." and "Ark." were right and
    # those after "U.S." all wrong).
    if not _one_letter(token):
        if not initialism:
            if core.lower() in lex.lower_words:
                return True
        elif core.lower() in lex.news_starters:
            # ... but a word news opens sentences with far more often than it writes it
            # capitalised inside one ("Police", "Officials", "Witnesses") is a sentence's,
            # even there: "filmed in the U.K. Police later said".
            return True
    return _holds_word(window, core.lower())


_NEXT_WORD = regex.compile(r"[ \t\u00a0]*(\S{1,64})")


def _evidence_window(text: str, end: int) -> str:
    """The text around ``end`` that a decision reads for the document's own evidence."""
    return text[max(0, end - _EVIDENCE_WINDOW):min(len(text), end + _EVIDENCE_WINDOW)]


# One character of the classes the evidence below reads, asked at a position: the
# evidence is sought with str.find for the word, then these at its edges. A pattern made
# for each word (as before session 76) cost a compile of ~0.3 ms a decision, 9% of the
# default pipeline's instructions on real articles met once (classifier_instructions.py
# --pipeline --semeval DIR); these give the same answers (tests/test_properties.py).
_LETTER = regex.compile(r"\p{L}")
_LETTER_DIGIT_OR_DOT = regex.compile(r"[\p{L}\p{N}.]")
_LOWER_COMMA_OR_SEMICOLON = regex.compile(r"[\p{Ll},;]")
_SPACE = regex.compile(r"\s")
# Occurrences of the word looked at one by one before the word's own pattern is asked
# instead: a text that repeats one word hundreds of times ("the U.K. Police U.K. Police
# ...") made each decision walk them all (1.8x the time of the pattern, which regex's
# cache keeps compiled for a word asked that often).
_SCAN_LIMIT = 16


def _holds_word(window: str, word: str) -> bool:
    """Whether ``window`` writes ``word`` (as given, case and all) with no letter on
    either side."""
    size, at = len(word), window.find(word)
    for _ in range(_SCAN_LIMIT):
        if at < 0:
            return False
        if not (at and _LETTER.match(window, at - 1)) and _LETTER.match(window, at + size) is None:
            return True
        at = window.find(word, at + 1)
    return regex.search(rf"(?<!\p{{L}}){regex.escape(word)}(?!\p{{L}})", window) is not None


def _written_bare(window: str, key: str) -> bool:
    """Whether ``window`` writes the lower-case ``key`` as a word without a period after it
    (not inside a longer word, a number or a dotted abbreviation), in any case."""
    lowered, folded = window.casefold(), key.casefold()
    if len(lowered) == len(window) and len(folded) == len(key):
        size, at = len(key), lowered.find(folded)
        for _ in range(_SCAN_LIMIT):
            if at < 0:
                return False
            if (not (at and _LETTER_DIGIT_OR_DOT.match(window, at - 1))
                    and _LETTER_DIGIT_OR_DOT.match(window, at + size) is None):
                return True
            at = lowered.find(folded, at + 1)
    # a letter that folds to two ("ß", "İ") puts the positions out of line, or the word
    # came more often than _SCAN_LIMIT: the pattern answers
    return regex.search(rf"(?i)(?<![\p{{L}}\p{{N}}.]){regex.escape(key)}(?![\p{{L}}\p{{N}}.])", window) is not None


def _written_as_name(window: str, core: str) -> bool:
    """Whether ``window`` writes the capitalised ``core`` inside a sentence (after a
    lower-case word, a comma or a semicolon, and one or more spaces): a name's, not a
    sentence start's, capital."""
    size, at = len(core), window.find(core)
    for _ in range(_SCAN_LIMIT):
        if at < 0:
            return False
        before = at
        while before and window[before - 1] == " ":
            before -= 1
        if (before < at and before and _LOWER_COMMA_OR_SEMICOLON.match(window, before - 1)
                and _LETTER.match(window, at + size) is None):
            return True
        at = window.find(core, at + 1)
    # the word first and its left side looked behind: regex then seeks the word itself, where
    # "[\p{Ll},;] +Word" tried a match at every lower-case letter (3x the time on a text
    # that repeats the word: "the U.K. Police U.K. Police ..."); the same matches
    return regex.search(rf"(?<=[\p{{Ll}},;] +){regex.escape(core)}(?!\p{{L}})", window) is not None


def _written_together_twice(window: str, token: str, core: str) -> bool:
    """Whether ``window`` writes the initialism ``token``, its period, space and the
    word ``core`` (no letter after it) twice."""
    lead, found = token + ".", 0
    at = window.find(lead)
    for _ in range(_SCAN_LIMIT):
        if at < 0:
            return False
        start = after = at + len(lead)
        while _SPACE.match(window, after):
            after += 1
        if after > start and window.startswith(core, after) and _LETTER.match(window, after + len(core)) is None:
            found += 1
            if found == 2:
                return True
            at = window.find(lead, after + len(core))
        else:
            at = window.find(lead, at + 1)
    together = regex.finditer(rf"{regex.escape(token)}\.\s+{regex.escape(core)}(?!\p{{L}})", window)
    return next(together, None) is not None and next(together, None) is not None


def _opens_after_quantity(text: str, end: int, after_word: int, word: str, lex: Lexicon) -> bool:
    """After a unit or era that closes a quantity ("5 lb.", "753 B.C."): does ``word`` open
    a sentence? A word that opens sentences does; otherwise a capitalised word followed by
    a lower-case one ("Tom was", "Augustus became") that the document does not write as a
    name. A run of capitalised words goes on: product names on shopping pages ("a 72 oz.
    Total Crushing Pitcher", "Marcy 150 lb. Stack Home Gym": WCXB's reference texts)."""
    if _is_opener(word, lex):
        return True
    core = word.rstrip(",;:.!?\"')]}»”’“‘")
    if not core[:1].isupper():
        return False
    after = _NEXT_WORD.match(text, after_word)
    if after is None or not after.group(1)[0].islower():
        return False
    return not _written_as_name(_evidence_window(text, end), core)

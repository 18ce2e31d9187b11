"""Line-break repair: rejoin what scrapers and PDF converters cut apart.

Three kinds of damage, each rejoined only on evidence from the text itself:

* a paragraph cut after an abbreviation ("talks with U.S." / blank line / "President
  Donald Trump."): rejoined when the segmenter says the abbreviation does not end a
  sentence before the next paragraph's first word;
* hard-wrapped prose ("It was a cold" / "night in the city."): a line that does not end
  a sentence, followed by a lower-case continuation (or any continuation, when the line
  ends in an article or conjunction: "the leaders of" / "France and Germany"), inside a
  block that ends like prose or between lines that read as prose themselves (one holds
  a sentence's worth of words: a page with one paragraph a line is one block, and its
  last line may be a credit), and in prose also after a comma, into a quotation that
  opens in lower case, or after an abbreviation the segmenter reads as going on ("with
  Mr." / "Smith"); blocks of short unpunctuated lines are lists or menus and
  stay as they are, except that a list item wrapped onto a line of its own is unwrapped;
  in a block that reads as hard-wrapped at a width (most lines nearly that long, many
  going on in lower case), a line that the next line's first word would not have fitted
  on is joined whatever its punctuation (``benchmarks/linebreaks.py``); a prose line that
  stops on a function word no sentence of its language ends on (learned from treebanks:
  "said in a statement on" / "Wednesday") goes on whatever the next line's case, and so
  do a line of running prose that stops on a capitalised word before a capitalised line
  (a name cut in two), a month before its day or year, a quotation's comma, a spaced dash,
  an "&", and an enumerator alone on its line ("1.)" / "The first item");
* words hyphenated across a line break ("communi-" / "cation"): joined without the
  hyphen when the joined form is a word (seen elsewhere in the text, or the second half
  is a suffix), kept with it otherwise ("well-" / "known" -> "well-known").

Every change is returned as an :class:`~newsclean.Edit` so it can be audited.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources

import regex

from newsclean._months import DAY_FIRST_MONTH_NUMBERS, WIDE_MONTH_NAMES
from newsclean._unicode import SENTENCE_CLOSERS, SPACE_RUN
from newsclean.document import Document, Edit
from newsclean.errors import ConfigError, InputError, describe_type
from newsclean.langid import AUTO, language_code, language_for, text_language
from newsclean.segment import LANGUAGES, split_sentences

__all__ = ["RepairLineBreaks", "repair_line_breaks", "repair_line_breaks_explained"]

_STAGE = "linebreaks"
_CLOSERS = regex.escape(SENTENCE_CLOSERS)
_SENTENCE_END = regex.compile(rf"(?r)[\p{{Sentence_Terminal}}\u2026:;][{_CLOSERS}]*$")
# An elided article or preposition may stand before it ("l'Avv.", "dell'Ing."); the
# segmenter, asked about the junction (_cut_after_abbreviation), has the last word.
_ENDS_WITH_ABBREVIATION = regex.compile(r"(?:^|[\s'’])[\p{Ps}\p{Pi}\"']*(?:\p{L}{1,5}\.)+[\"'”’)]*$")
_HYPHENATED = regex.compile(r"(?r)(\p{L}+)-$")
_LOWER_START = regex.compile(r"[\p{Ll}]")
# A letter of a script without case; Chinese, Japanese (no spaces between words, their own
# rules) and Thai (spaces between phrases) are left out.
_CASELESS_START = regex.compile(r"(?![\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}])\p{Lo}")
_CASED_START = regex.compile(r"[\p{Ll}\p{Lu}\p{Lt}]")
_SUFFIXES = (
    "tion", "tions", "sion", "ment", "ments", "ing", "ings", "ed", "ly", "ness", "ity",
    "ities", "ence", "ance", "able", "ible", "ive", "ous", "al", "ally", "er", "ers", "est",
    "ize", "ise", "ized", "ised", "ism", "ist", "ists", "ure", "ures", "ory", "ary", "ic",
    "ical", "ful", "less", "ship", "hood", "ward", "wards", "logy", "graphy", "cy", "ian",
    "ians", "ial", "ual", "tive", "ative", "ents", "ent", "ant", "ants", "age", "ages",
)
# A line that opens with a lower-case key and a colon, as a record's field does (YAML,
# headers, settings), a list marker before it or not. Two such lines in a row stay
# apart: WCXB lists as written (benchmarks/linebreaks.py --wcxb), lines kept apart dev
# 0.915 -> 0.919 (its dev split's failures were read), held-out test 0.797 -> 0.940
# (documentation pages quoting configuration); stray breaks joined in every item of the
# test lists 0.835 -> 0.830.
_KEY_VALUE = regex.compile(r"^(?:[-*]\s+)?[a-z_][\w.\-]*:(?:\s|$)")
# Articles, coordinating conjunctions and the commonest linking prepositions: a line that
# ends in one is cut mid-sentence, so the next line goes on even when it starts with a
# capital ("officials in" / "Washington on Monday"). Only words that cannot close a
# heading, a menu entry or a sentence ("in", "on", "up" can: "Log in", "Sign up").
_OPEN_ENDINGS = {
    "en": ("the", "a", "an", "of", "and", "or", "but", "to", "with", "from", "than", "whose", "whether", "nor"),
    "de": ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und",
           "oder", "aber", "mit", "von", "zur", "zum"),
    "fr": ("le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "mais", "avec", "aux", "au"),
    "es": ("el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "y", "o", "pero", "con", "al"),
    "it": ("il", "lo", "la", "gli", "le", "un", "uno", "una", "di", "del", "della", "dei", "delle", "e", "o", "ma",
           "con"),
    "pt": ("o", "a", "os", "as", "um", "uma", "de", "do", "da", "dos", "das", "e", "ou", "mas", "com"),
    "nl": ("de", "het", "een", "van", "en", "of", "maar", "met"),
    # Hindi's postpositions follow their noun and its sentences end on a verb (Kachru,
    # "Hindi", 2006): a line cannot stop on one. Arabic's prepositions and conjunctions
    # written apart from the next word (Ryding, "A Reference Grammar of Modern Standard
    # Arabic", 2005). Neither script has case, so these are the only sign of a cut there.
    "hi": ("का", "की", "के", "में", "से", "को", "ने", "पर", "और", "कि", "या", "तक"),
    "ar": ("في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "التي", "الذي", "بين", "حتى", "أو", "ثم"),
}
_ELLIPSIS_END = regex.compile(rf"(?r)(?:\.\.\.|…|\. \. \.)[{_CLOSERS}]*$")
# Only the bracketed omission of a quotation: a paragraph may open with a bare "…".
_ELLIPSIS_START = regex.compile(r"\[(?:\.\.\.|…)\]")
_COMMA_IN_QUOTES = regex.compile(r",[\"'”’»]+$")
# A word with its marks: Devanagari writes vowels as marks ("में"). Searched from the end
# ((?r)): an end-anchored search tries every position of the line, 15x the time.
_LAST_WORD = regex.compile(r"(?r)(\p{L}[\p{L}\p{M}]*)$")
_LINK_START = regex.compile(r"(?i)https?://|www\.")
_LIST_MARKER = regex.compile(r"^(?:[•⁃▪◦‣●■○◆*\-–—]|\d{1,3}(?:\.\)|[.)])|[a-zA-Z][.)])\s")
# An enumerator or bullet alone on a line ("2.)", "b)", "•"): its item was broken off it.
# Dashes alone are left out: a page draws rules with them.
_BARE_MARKER = regex.compile(r"(?:[•⁃▪◦‣●■○◆]|\d{1,3}\.?\)|\d{1,3}\.|[a-zA-Z]\.?\))")


def repair_line_breaks(text: str, *, lang: str = "en") -> str:
    """Rejoin cut paragraphs, unwrap hard-wrapped lines and de-hyphenate; ``lang`` (one of
    :data:`~newsclean.segment.LANGUAGES`, or "auto": the language detected in ``text``,
    English where it is unsure) chooses the words a line cannot end on and the
    abbreviations that do not end a sentence.

    >>> repair_line_breaks("It was a cold \\nnight in the city.")
    'It was a cold night in the city.'
    >>> repair_line_breaks("talks with U.S.\\n\\nPresident Donald Trump.")
    'talks with U.S. President Donald Trump.'
    >>> repair_line_breaks("features\\ncontact manager\\nevents, activities\\n")
    'features\\ncontact manager\\nevents, activities'
    >>> repair_line_breaks("Die Regierung stellte am Montag einen neuen Plan für\\nBerlin vor.", lang="de")
    'Die Regierung stellte am Montag einen neuen Plan für Berlin vor.'
    """
    return repair_line_breaks_explained(text, lang=lang)[0]


def repair_line_breaks_explained(text: str, *, lang: str = "en") -> tuple[str, list[Edit]]:
    """Like :func:`repair_line_breaks`, and also return what was joined and why."""
    if not isinstance(text, str):
        raise InputError(f"repair_line_breaks expects str, got {describe_type(text)}")
    given = lang
    if isinstance(lang, str):
        lang = language_code(lang)  # "de-DE", "pt_BR": the rules of the language they name
        if lang == AUTO:
            lang = text_language(text, LANGUAGES)
    if not isinstance(lang, str) or lang not in LANGUAGES:
        # Checked here, not where a rule first reads the language: an unknown code used to
        # pass on most texts and fail on the first paragraph cut after an abbreviation.
        raise ConfigError(f"unknown language {given!r}; choose one of {', '.join(LANGUAGES)}")
    edits: list[Edit] = []
    blocks = _blocks(text)
    vocabulary = _Vocabulary(text)
    open_endings = _open_endings(lang)
    unwrapped = [_unwrap_block(block, vocabulary, edits, open_endings, lang) for block in blocks]
    paragraphs = _rejoin_cut_paragraphs(unwrapped, edits, lang)
    out = "\n\n".join(paragraphs)
    if not out.isascii() and not unicodedata.is_normalized("NFC", out):
        out = unicodedata.normalize("NFC", out)  # a join can put a mark after a new base
    return out, edits


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of stripped, space-normalised lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = SPACE_RUN.sub(" ", raw.strip())
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


class _Vocabulary:
    """Lower-cased words of the text, built on first use (most texts never need it)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = {w.lower() for w in regex.findall(r"\p{L}+", self._text)}
        return word.lower() in self._words


def _is_list(block: list[str]) -> bool:
    """A block with two or more lines that open with a list marker."""
    return sum(1 for line in block if _LIST_MARKER.match(line)) >= 2


@functools.lru_cache(maxsize=32)
def _open_endings(lang: str) -> frozenset[str]:
    """The words a line cannot end on, in ``lang`` and in English (news quotes English)."""
    return frozenset(_OPEN_ENDINGS["en"] + _OPEN_ENDINGS.get(lang, ()))


@functools.lru_cache(maxsize=32)
def _learned_open_endings(lang: str) -> frozenset[str]:
    """Function words (prepositions, articles, conjunctions, auxiliaries) that end at most
    one sentence in forty of ``lang``, counted in UD treebanks (data/open_endings.json,
    tools/learn_open_endings.py); empty for a language without a list. They mark a cut only
    in prose (a line of a sentence's worth of words, or before one): a menu's "Sign in" is
    not one, and the treebanks' few thousand sentences see "in" end some."""
    languages = json.loads(resources.files("newsclean.data").joinpath("open_endings.json").read_text("utf-8"))
    entry = languages["languages"].get(lang)
    return frozenset(entry["words"]) if entry else frozenset()


# The end-anchored tests (a hyphen, a sentence end, an abbreviation) read only this much
# of the text built so far: a search over the whole growing paragraph at every joined
# line made repair quadratic (128 KB of hyphen-wrapped lines took 70 s). No word,
# abbreviation chain or closing punctuation that these tests look for is this long.
_TAIL = 256


class _Joined:
    """A paragraph built from pieces, with the end of it kept for the end-anchored tests.

    Joining by string concatenation copies the whole paragraph at each join; pieces are
    joined once at the end, so building a paragraph is linear in its length.
    """

    __slots__ = ("pieces", "tail", "words")

    def __init__(self, first: str) -> None:
        self.pieces = [first]
        self.tail = first[-_TAIL:]
        self.words = _words(first)

    def append(self, separator: str, piece: str) -> None:
        self.pieces.append(separator)
        self.pieces.append(piece)
        self.tail = (self.tail + separator + piece[-_TAIL:])[-_TAIL:]
        # A word rejoined across a line's hyphen counts as two: near enough for telling
        # prose from a menu line.
        self.words += _words(piece)

    def drop_last_char(self) -> None:
        self.pieces[-1] = self.pieces[-1][:-1]
        self.tail = self.tail[:-1]

    def text(self) -> str:
        return "".join(self.pieces)


def _unwrap_block(block: list[str], vocabulary: _Vocabulary, edits: list[Edit], open_endings: frozenset[str],
                  lang: str) -> str:
    # A join lengthens a line, and the block's shape (its wrap width, whether it is a list)
    # is read from its lines: "A\n0 A\na 0 0 0" joined its second break only, and repairing
    # the result again joined the first. A block that joined is read afresh, as a second
    # repair would read it, until nothing joins (a bounded number of times, so the repair
    # stays linear); a block that joins nothing costs nothing more. Each read can let one
    # more line join behind the last join ("A" / "A" / "A" / "a A A A A ." joins its lines
    # one read at a time, from the last), so the bound is on the lines read in all, not on
    # the reads: a short block reads until nothing joins, a long one at most _FRESH_READS
    # times its lines.
    budget = _FRESH_READS * len(block) + _FRESH_READ_SLACK
    while True:
        budget -= len(block)
        listing = _is_list(block)
        shape = _BlockShape(listing, _wrap_width(block, listing=listing), _cjk_wrap_width(block),
                            prose_lines_only=len(block) < _WRAP_MIN_LINES)
        lines = block
        for _ in range(_PASSES):
            joined = _unwrap_lines(lines, shape, vocabulary, edits, open_endings, lang)
            if len(joined) == len(lines) or len(joined) == 1:
                break
            lines = joined
            shape = _BlockShape(shape.listing, 0, 0, followup=True)
        if len(joined) == len(block) or len(joined) == 1 or budget < len(joined):
            break
        block = joined
    return "\n".join(joined)


# The lines a block is read afresh for in all, at most: this many times its own lines,
# plus _FRESH_READ_SLACK lines, so that a short block reads until nothing joins.
_FRESH_READS = 4
_FRESH_READ_SLACK = 64


@dataclass(frozen=True)
class _BlockShape:
    """What the block's physical lines say: whether it is a list, the widths it was
    wrapped at (0: none); ``followup`` for a pass over lines already unwrapped."""

    listing: bool
    width: int
    cjk_width: int
    followup: bool = False
    # A block of three lines (_SHORT_WRAP_LINES) says less about a width: it is read as
    # wrapped at one for its prose lines alone.
    prose_lines_only: bool = False


# Passes over a block at most: a bound that keeps repair linear whatever the text; a
# follow-up pass joins only lower-case lines, and after the second rarely anything.
_PASSES = 4


def _unwrap_lines(block: list[str], shape: _BlockShape, vocabulary: _Vocabulary, edits: list[Edit],
                  open_endings: frozenset[str], lang: str) -> list[str]:
    if len(block) == 1:
        return block
    # A block that ends a sentence and is not a list is prose. A list keeps a line per
    # item, but an item hard-wrapped onto a line of its own goes on there in lower case,
    # without a marker of its own.
    listing = shape.listing
    prose = _SENTENCE_END.search(block[-1]) is not None
    width = shape.width
    learned_endings = _learned_open_endings(lang)
    cjk_width = shape.cjk_width
    # Only Chinese and Japanese have learned endings that a line stops on without a space.
    cjk_endings = learned_endings if lang in _UNSPACED_LANGUAGES else frozenset()
    reaches_end: list[bool] = []  # _reaches_end's, computed for the block when first asked
    # English writes no day with a dot ("rose to 3." / "March was"): the day-and-month rules
    # below are the other languages'.
    dotted_days = lang != "en"
    lines: list[_Joined] = [_Joined(block[0])]
    for number, line in enumerate(block[1:]):
        if shape.followup and _LOWER_START.match(line) is None:
            lines.append(_Joined(line))  # only a lower-case line can join in a follow-up pass
            continue
        if _KEY_VALUE.match(line) and _KEY_VALUE.match(block[number]):
            # A record's fields, a line each ("unique_id: front_door" / "icon: mdi:door"):
            # configuration and headers quoted in a page, never one sentence.
            lines.append(_Joined(line))
            continue
        current = lines[-1]
        previous = current.tail
        # The end-anchored tests read the last characters only: the regex engine tries an
        # end-anchored search from every position, and these run for every line.
        # Most lines end in a letter: then only the last-word test has anything to read.
        end = previous[-_END_CHARS:]
        in_word = end[-1:].isalpha() or unicodedata.category(end[-1:] or " ")[0] == "M"
        hyphen = _HYPHENATED.search(end) if end.endswith("-") else None
        # An ellipsis before a lower-case word leaves the sentence open ("weakened . . ." /
        # "was that of").
        ends_sentence = not in_word and _SENTENCE_END.search(end) is not None and not (
            _ELLIPSIS_END.search(end) is not None and _LOWER_START.match(line) is not None)
        # A day's ordinal before its month ("zum 01." / "Januar 2015", "am 3." / "lokakuuta")
        # ends no sentence (dotted_days, above).
        day_before_month = (dotted_days and end.endswith(".") and _DAY_DOT.search(end[-4:]) is not None
                            and _month_name(line.split(" ", 1)[0]))
        # Nor is a line that opens with a day's ordinal and its month ("huomioon singlelistalla"
        # / "3. lokakuuta 2007 lähtien", "seit dem" / "3. Oktober") a numbered item, after
        # a line of prose that stops on a word: not a list's item or date line (a list of
        # dates), nor a heading of a few words over a paragraph that opens with a date
        # ("Začiatok vlády" / "25. decembra 1926 zomiera jeho otec.", UD Slovak SNK).
        date_goes_on = (dotted_days and in_word and line[:1].isdigit() and _is_day_month(line)
                        and _words(block[number]) >= _DATE_AFTER_WORDS and not _names_day_month(block[number])
                        and _LIST_MARKER.match(block[number]) is None)
        if ends_sentence and (day_before_month or (end.endswith(";") and _LOWER_START.match(line) is not None)):
            # Nor does a semicolon before a lower-case line ("... di Maria;" / "dovremo").
            ends_sentence = False
        last = _LAST_WORD.search(end) if in_word else None
        word = last.group(1) if last is not None else ""
        key = word.lower()
        # A prose line that stops on a function word no sentence of the language ends on
        # (learned from treebanks: "said in a statement on" / "Wednesday") was cut there;
        # "Toronto, ON" is a state, not "on".
        learned_here = (key in learned_endings and not (len(word) > 1 and word.isupper())
                        and (_words(block[number]) >= _PROSE_LINE_WORDS or _words(line) >= _PROSE_LINE_WORDS
                             or (prose and _words(block[number]) >= _PHRASE_WORDS)))
        open_ending = (end.endswith((" &", " —", " –", " -", " +", " =")) or (key in WIDE_MONTH_NAMES and line[:1].isdigit())
                       or day_before_month or date_goes_on or _bracket_left_open(block[number])
                       or (bool(word) and (key in open_endings or learned_here)))
        # A line that is a bare link stands alone (a list's item, a credit), whatever its case.
        # A script without case (Arabic, Devanagari, Hangul) cannot show a line going on in
        # lower case: its line goes on after a sentence's worth of words, counted with
        # those already joined to it as prose_here counts them, which a heading is not (UD
        # PUD test files wrapped at 60, join recall: ar 0.61 -> 0.98, hi 0.954 -> 0.998;
        # stray breaks: ar 0.40 -> 0.54, hi 0.35 -> 0.82, ko 0 -> 1.0; UD Hebrew HTB, a
        # language without rules of its own, not read while writing this: stray breaks 0
        # -> 1.0; precision 1.0 in all; cased scripts unchanged).
        lower = ((_LOWER_START.match(line) is not None
                  or (_CASELESS_START.match(line) is not None and current.words >= _PROSE_LINE_WORDS))
                 and not (" " not in line and _LINK_START.match(line)))
        # Prose here: the block ends like prose, or, where paragraphs are one a line and
        # the block is a whole page, these lines read as prose themselves (one of them
        # holds a sentence's worth of words, or the first ends in an article or
        # conjunction and the next goes on in lower case, or the next goes on in lower
        # case to a sentence's end); a menu's or a list's short lines never do.
        # A list is a local thing: in a page of one paragraph a line, two quotations'
        # "— Name" lines made the whole page a list, and none of its prose lines was
        # unwrapped. Only the lines of an item and the line before the next item are.
        item = listing and _LIST_MARKER.match(current.pieces[0]) is not None
        next_item = listing and _LIST_MARKER.match(line) is not None and not date_goes_on
        prose_here = not (item or next_item) and (prose or (
            current.words >= _PROSE_LINE_WORDS or _words(line) >= _PROSE_LINE_WORDS
            or (open_ending and lower) or (lower and _reaches_end(block, reaches_end)[number + 1])))
        continues = lower or (prose_here and (open_ending or _mid_sentence_start(previous, line)
                                              or (end[-1:].isdigit() and _AFTER_NUMBER.match(line) is not None)
                                              or _name_goes_on(block[number], word, line)
                                              or (prose and number == len(block) - 2
                                                  and _orphan_tail(block[number], line))))
        # In a hard-wrapped block, a line that the next line's first word would not have
        # fitted on was wrapped there, whatever its last and the next first character.
        wrapped = (width > 0 and len(block[number]) + 1 + len(line.split(" ", 1)[0]) > width
                   and (_LIST_MARKER.match(line) is None or date_goes_on)
                   # Of three lines, only a line of prose cut inside its sentence ("Train 48
                   # departs" / "Cleveland at 7 a.m.") in a block that ends one (a list's
                   # items end on no sentence mark).
                   and (not shape.prose_lines_only or (prose and not ends_sentence and end[-1:].isalpha()
                                                       and _words(block[number]) >= _PROSE_LINE_WORDS)))
        if shape.followup:
            # A line unwrapped in an earlier pass is no physical line: only a lower-case
            # continuation of the sentence it leaves open joins it now.
            if prose_here and lower and not ends_sentence:
                current.append(" ", line)
                edits.append(Edit(_STAGE, "unwrap", f"{previous[-30:]}\n{line[:30]}", f"{previous[-30:]} {line[:30]}"))
            else:
                lines.append(_Joined(line))
        elif cjk_width and len(block[number]) >= cjk_width - 1 and not ends_sentence and not next_item:
            # Chinese and Japanese do not space their words: a full line of a block wrapped
            # at a width goes on without a space, whatever its last and the next first character.
            current.append("", line)
            edits.append(Edit(_STAGE, "unwrap-full-line", f"{previous[-30:]}\n{line[:30]}",
                              f"{previous[-30:]}{line[:30]}"))
        elif (cjk_endings and prose and not (item or next_item)
              and ((end[-1:] in _CJK_OPEN_PUNCTUATION and (_CJK_LETTER.match(line[:1]) or line[:1].isdigit()))
                   or (_CJK_LETTER.match(end[-1:]) and _CJK_LETTER.match(line[:1])
                       and _cjk_goes_on(block[number], number == 0, end, cjk_endings)))):
            # Chinese and Japanese do not space their words: a line cut inside a sentence
            # goes on without a space, after a comma, enumeration comma or colon, which end
            # no sentence ("神情落寞、" / "不發一語。"), or on a particle ("これは父の" / "家です。").
            current.append("", line)
            edits.append(Edit(_STAGE, "unwrap", f"{previous[-30:]}\n{line[:30]}", f"{previous[-30:]}{line[:30]}"))
        elif (len(previous) <= 5 and len(current.pieces) == 1 and _BARE_MARKER.fullmatch(previous)
                and not _LIST_MARKER.match(line)):
            current.append(" ", line)
            edits.append(Edit(_STAGE, "rejoin-list-marker", f"{previous}\n{line[:30]}", f"{previous} {line[:30]}"))
        elif hyphen and (continues or wrapped):
            kind = _dehyphenation(hyphen, line, vocabulary)
            if kind == "dehyphenate":
                current.drop_last_char()
            current.append("", line)
            edits.append(Edit(_STAGE, kind, f"{previous[-30:]}\n{line[:30]}", current.tail[-60:]))
        elif ((prose_here and continues and not ends_sentence)
              or (not (item or next_item) and _BRACKETED_TAIL.match(line) is not None)):
            current.append(" ", line)
            edits.append(Edit(_STAGE, "unwrap", f"{previous[-30:]}\n{line[:30]}", f"{previous[-30:]} {line[:30]}"))
        elif (prose_here and end.rstrip("\"'”’)").endswith(".") and _cut_after_abbreviation(previous, line, lang)):
            # A line that ends in an abbreviation the segmenter reads as going on before
            # this line's first word ("talks with Mr." / "Smith on Monday."), as for paragraphs.
            current.append(" ", line)
            edits.append(Edit(_STAGE, "rejoin-abbreviation", f"{previous[-30:]}\n{line[:30]}",
                              f"{previous[-30:]} {line[:30]}"))
        elif (_LIST_MARKER.match(current.pieces[0]) is not None and _LIST_MARKER.match(line) is None
              and (((lower or open_ending or _mid_sentence_start(previous, line) or _item_goes_on(end, line))
                    and not ends_sentence)
                   or (end.endswith(":") and len(current.pieces) == 1
                       and (number + 2 >= len(block) or _LIST_MARKER.match(block[number + 2]) is not None)))):
            # An item that is a label ("- Class Size:" / "424") goes on the one line between
            # it and the next item: a sub-list without markers has more than one.
            current.append(" ", line)
            edits.append(Edit(_STAGE, "unwrap-list-item", f"{previous[-30:]}\n{line[:30]}",
                              f"{previous[-30:]} {line[:30]}"))
        elif wrapped:
            current.append(" ", line)
            edits.append(Edit(_STAGE, "unwrap-full-line", f"{previous[-30:]}\n{line[:30]}",
                              f"{previous[-30:]} {line[:30]}"))
        else:
            lines.append(_Joined(line))
    return [joined.text() for joined in lines]


# What a line opens with when it goes on a list item cut before it: a bracket, a currency
# sign, a separator ("- Home Depot" / "(Ryobi)", "- Fees: Full Time $698" / "/ Half Time").
_ITEM_TAIL_OPENERS = frozenset("($€£¥|/&+")


def _item_goes_on(end: str, line: str) -> bool:
    """Does ``line`` (no list marker of its own) go on the list item that ends in ``end``
    without punctuation, whatever the case of its first letter? A number ("- Nearly" /
    "59% trust ...", "submit it via fax at" / "1-800-FDA-0178") or a bracket, currency
    sign or separator after a word opens no item of its own. Read off the list items of
    WCXB's development pages broken at random spaces (benchmarks/linebreaks.py --wcxb):
    items that a heading and its description share, "5. E-Commerce Apps" / "Facilitate
    online shopping ...", start the second line with a capital, which joins nothing here."""
    return end[-1:].isalnum() and ((line[:1].isdigit() and end[-1:].isalpha()) or line[:1] in _ITEM_TAIL_OPENERS)


def _reaches_end(block: list[str], memo: list[bool]) -> list[bool]:
    """Whether each line, with the lower-case lines after it, runs on to a sentence's end
    (``memo`` filled on the first call): a lower-case run is read as the line it becomes
    once unwrapped ("a" / "a." joined and ":0" / "a" did not, and a second repair changed
    the output)."""
    if not memo:
        memo.extend([False] * len(block))
        for j in range(len(block) - 1, -1, -1):
            # Most lines end in a letter or a digit, which ends no sentence: no regex for them.
            memo[j] = ((not block[j][-1].isalnum() and _SENTENCE_END.search(block[j][-_END_CHARS:]) is not None)
                       or (j + 1 < len(block) and memo[j + 1] and _LOWER_START.match(block[j + 1]) is not None))
    return memo


def _cjk_goes_on(line: str, first: bool, end: str, endings: frozenset[str]) -> bool:
    """Whether a line of Chinese or Japanese (in a block that ends like prose) that ends in
    a letter was cut inside its sentence: it stops on a particle or function word that its
    language's sentences do not end on, learned from UD treebanks ("の", "に", "を";
    Chinese "在", "和", "与"; ``end`` is the line's last characters). A block's first line
    shorter than _CJK_HEADLINE_CHARS is where a headline stands, and a headline can stop
    so ("新制度について"): it is left alone, as is a line that stops on any other word."""
    if len(line) < (_CJK_HEADLINE_CHARS if first else _CJK_PHRASE_CHARS):
        return False
    return any(end[-n:] in endings for n in (1, 2, 3))


def _cjk_wrap_width(block: list[str]) -> int:
    """The width in characters a block of Chinese or Japanese was hard-wrapped at, or 0:
    most of its lines (all but the last of a paragraph) hold the same number of characters."""
    # An ASCII first line settles it for most blocks of most pages: this runs on every block.
    if (len(block) < _WRAP_MIN_LINES or block[0].isascii()
            or sum(1 for line in block if _CJK_LETTER.search(line[:8])) < 0.8 * len(block)):
        return 0
    lengths = sorted(len(line) for line in block[:-1])
    width = _typical_width(lengths)
    if not _CJK_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH:
        return 0
    full = sum(1 for n in lengths if n >= width - 1)
    return width if full >= _WRAP_SHARE * len(lengths) else 0


# Han, kana: the scripts that write words without spaces between them.
_CJK_LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]")
_UNSPACED_LANGUAGES = frozenset({"zh", "ja"})
# Full-width commas, the enumeration comma and colons, semicolons: inside a sentence.
_CJK_OPEN_PUNCTUATION = frozenset("、，：；")
# A line of Chinese or Japanese shorter than this is a label, not a piece of a sentence.
_CJK_PHRASE_CHARS = 4
# Longer than a headline in Chinese or Japanese (most hold 10-25 characters): a block's
# first line this long is prose.
_CJK_HEADLINE_CHARS = 30
# Wrapped Chinese or Japanese holds about half as many characters a line as Latin script.
_CJK_MIN_WIDTH = 12


def _name_goes_on(previous: str, word: str, line: str) -> bool:
    """A line of running prose (a sentence's worth of words, most of them in lower case)
    that stops on a capitalised word without punctuation, before a capitalised line, was cut
    inside a name or before one ("Cleveland DL Larry" / "Ogunjobi also received"): a
    paragraph of prose ends with punctuation, and a headline is mostly capitalised words."""
    if not (word[:1].isupper() and word[1:].islower() and line[:1].isupper()):
        return False
    words = previous.split()
    return len(words) >= _PROSE_LINE_WORDS and 2 * sum(1 for w in words if w[:1].islower()) > len(words)


_DAY_DOT = regex.compile(r"(?:^|\s)\d{1,2}\.$")
# A day's ordinal and the word after it ("3. lokakuuta"), not the end of a longer number.
_DAY_DOT_WORD = regex.compile(r"(?<!\d)\d{1,2}\. (\S+)")
# A line this many words long or longer is prose, not a heading, before a date that opens
# the next line.
_DATE_AFTER_WORDS = 4


def _is_day_month(line: str) -> bool:
    """Whether ``line`` opens with a day's ordinal and a month's name ("3. lokakuuta",
    "15. října", "3. August")."""
    match = _DAY_DOT_WORD.match(line)
    return match is not None and _month_name(match.group(1))


def _names_day_month(line: str) -> bool:
    """Whether ``line`` holds a day's ordinal and a month's name anywhere (a date line, or
    lines read afresh after the first date joined them: "am 3. Oktober im Saal" /
    "4. Oktober im Saal" is a list of dates)."""
    return any(_month_name(match.group(1)) for match in _DAY_DOT_WORD.finditer(line))


def _month_name(word: str) -> bool:
    """Whether ``word`` names a month: the hand table's names, or any language's of four
    letters or more that the date reader knows (the CLDR's; a shorter one there is an
    abbreviation and often a word, "set", "out"). The rules that ask are not English's,
    which writes no day with a dot."""
    name = word.rstrip(",.").lower()
    return name in WIDE_MONTH_NAMES or (len(name) >= 4 and name in DAY_FIRST_MONTH_NUMBERS)


# The last words of a sentence wrapped onto a line of their own are a few.
_ORPHAN_MAX_WORDS = 5


def _bracket_left_open(line: str) -> bool:
    """A line that opens a bracket and does not close it goes on where the bracket closes
    ("Discovery (30 Ago. 1984" / "15:08.10) tuvo lugar")."""
    return "(" in line and line.count("(") > line.count(")")


def _orphan_tail(previous: str, line: str) -> bool:
    """Is ``line``, the last of a block that ends like prose, the end of the sentence that
    ``previous`` leaves open ("Sie erhalten ein neues Bank-Statement bzw. ein neues" /
    "Schreiben.")? ``previous`` is running prose (a sentence's worth of words, most in
    lower case) without a sentence end, and ``line`` a few words that open no sentence of
    their own. A headline over its paragraph is mostly capitalised words, or the
    paragraph under it is longer than a few words. Whatever the case of the first letter:
    German capitalises nouns, names are capitalised everywhere."""
    words = previous.split()
    # A third of its words not capitalised: German capitalises its nouns ("Wir benötigen
    # Zeitungen, Zeitschriften u. Ä. für unser"); a title-case headline has fewer. A
    # script without case (Hindi, Arabic) capitalises no headline: its words count, as do
    # numbers ("Berliner Str. 5, 21234" / "Bremen.": an address is no headline).
    if len(words) < _PROSE_LINE_WORDS or 3 * sum(1 for w in words if not w[:1].isupper()) < len(words):
        return False
    tail = line.split()
    return len(tail) <= _ORPHAN_MAX_WORDS and not any(_SENTENCE_END.search(w) for w in tail[:-1])


# A comma, semicolon or closing bracket opens no sentence, heading or list item: a line
# starting with one (", '' she wrote", ") and then") goes on the line before it. Not a
# colon, and not a mark before another mark: emoticons open lines (":))))", ")))" in
# UD Russian-Taiga's posts).
_NO_OPENING = regex.compile(r"[,;](?=\s|\p{Ll})|[)\]}](?=\s|\p{Ll}|[,.;])")


# A line that opens with a bracketed group and the mark that closes a sentence ("(Smith
# 55).", "(Manzoni).", "( 22 ) . He posted"): a citation or aside that closes the
# sentence of the line before it. A sentence that is a bracketed aside of its own closes
# inside the bracket ("(See below.)"), so no sentence opens this way, whatever the line
# before ends with.
_BRACKETED_TAIL = regex.compile(rf"[(\[][^()\[\]\n]{{1,60}}[)\]]\s*[.!?…][{_CLOSERS}]*(?:\s|$)")
# What only goes on a number: a time of day's "a.m." / "P.M.", a percent or degree sign
# ("at 6" / "P.M.", "rose 5" / "% on the year"). The undotted "PM" is left out: it names
# a prime minister as often ("in 2014" / "PM Modi said").
_AFTER_NUMBER = regex.compile(r"(?:[aApP]\.[mM]\.|[%‰°])")


def _mid_sentence_start(previous: str, line: str) -> bool:
    """Does ``line`` go on the sentence that ``previous`` (a prose line without a
    sentence end) leaves open, whatever the case of its first letter? After a comma ("if
    the month is any guide," / "Trump will"); a quotation or bracket that opens in lower
    case ('He said' / '"no" to the offer'). (English "I" after an unpunctuated line is
    not taken as going on: in benchmarks/linebreaks.py's stray breaks such a rule joined
    paragraphs of web text that start with "I" and lowered the joins' precision.)"""
    if previous.endswith(",") or _COMMA_IN_QUOTES.search(previous[-4:]) is not None:
        return True  # "...role,”" / "Mayer said.": the attribution of a quotation follows
    if _NO_OPENING.match(line):
        return True  # no sentence, heading or list item opens with ", she wrote" or ") and"
    if _ELLIPSIS_START.match(line):
        return True  # a quotation's omission: "stairways" / "[...]" and so on
    opened = line.lstrip("\"'“‘«‹([")
    return opened != line and _LOWER_START.match(opened) is not None


# Longer than any word these tests read (an open ending, a hyphenated word's first part,
# an abbreviation chain) and any run of closing punctuation.
_END_CHARS = 64


# A line of at least this many words is a sentence's worth: prose, not a menu entry.
_PROSE_LINE_WORDS = 8
# In a block that ends like prose, a line of this many words stopping on a learned open
# ending goes on too ("My name is" / "Jonas E. Smith."): a menu's "Sign in" has two, and
# line-break repair runs after boilerplate removal (clean.py), which takes menus out.
_PHRASE_WORDS = 3


def _words(line: str) -> int:
    return line.count(" ") + 1


# A block looks hard-wrapped when it has this many lines, and this share of them fill at
# least _WRAP_FILL of the width (the 90th-percentile line length): paragraph ends are the
# only short lines. Widths outside these bounds are not wrapping (menus; one paragraph a line).
_WRAP_MIN_LINES = 4
# A block of three lines is asked about too, for its prose lines alone (_unwrap_lines):
# a short paragraph wrapped at 60 columns is three lines ("... Train 48 departs" /
# "Cleveland at 7 a.m. ..."), as are a list's items, which are no prose lines.
_SHORT_WRAP_LINES = 3
_WRAP_SHARE = 0.5
_WRAP_FILL = 0.75
_WRAP_MIN_WIDTH = 30
_WRAP_MAX_WIDTH = 160
_WRAP_LOWER_SHARE = 0.3
_WRAP_MIN_SPACES = 3  # words a line, about, in a script that spaces its words


def _wrap_width(block: list[str], *, listing: bool) -> int:
    """The width ``block`` was hard-wrapped at, or 0 when it does not read as wrapped;
    ``listing``: the block is a list (_is_list)."""
    if len(block) < _SHORT_WRAP_LINES:
        return 0
    lengths = sorted(len(line) for line in block)
    width = _typical_width(lengths)
    if not _WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH:
        return 0
    filled = sum(1 for n in lengths if n >= _WRAP_FILL * width)
    if filled < _WRAP_SHARE * len(lengths):
        return 0
    # A list's items open with markers, and only its lines without one can be joined: a
    # wrapped item goes on in whatever case its next word has ("- Certified Associate in
    # Project Management (CAPM)® Exam" / "Preparation"). WCXB lists hard-wrapped at 60
    # (benchmarks/linebreaks.py --wcxb): dev restored 0.905 -> 0.920, held-out test 0.613 ->
    # 0.645; as written, dev 0.9802 -> 0.9794 (two lists of a paragraph a line), test the same.
    if listing:
        return width
    # Wraps fall mostly inside sentences, so many lines go on in lower case; a list of
    # headlines of similar length starts every line with a capital. Scripts without case
    # (Arabic, Persian, Devanagari, Hangul) cannot show that, and are taken as wrapped when
    # they separate words by spaces; Chinese and Japanese, without spaces, are joined
    # without one (_cjk_wrap_width), and Thai keeps to the other rules.
    rest = block[1:]
    cased = sum(1 for line in rest if _CASED_START.match(line))
    if cased >= len(rest) / 2:
        lower = sum(1 for line in rest if _LOWER_START.match(line))
        return width if lower >= _WRAP_LOWER_SHARE * len(rest) else 0
    spaced = sum(line.count(" ") for line in block) >= _WRAP_MIN_SPACES * len(block)
    return width if spaced else 0


def _typical_width(lengths: list[int]) -> int:
    """The length of a wrapped block's full lines: the ninth decile of ``lengths`` (sorted),
    above the short last lines of paragraphs and below a rare overlong one."""
    return lengths[(len(lengths) * 9) // 10 - (1 if len(lengths) % 10 == 0 else 0)]


def _dehyphenation(hyphen: regex.Match[str], line: str, vocabulary: _Vocabulary) -> str:
    """``dehyphenate`` (drop the hyphen) when the joined form is a word, else ``join-hyphenated``."""
    first = hyphen.group(1)
    second = regex.match(r"\p{L}*", line)
    tail = second.group() if second else ""
    joined_word = first + tail
    if joined_word.lower() in vocabulary or (tail.lower().endswith(_SUFFIXES) and len(tail) <= 8):
        return "dehyphenate"
    return "join-hyphenated"


def _rejoin_cut_paragraphs(paragraphs: list[str], edits: list[Edit], lang: str) -> list[str]:
    out: list[_Joined] = []
    for paragraph in paragraphs:
        if out and _cut_after_abbreviation(out[-1].tail, paragraph, lang):
            edits.append(
                Edit(_STAGE, "rejoin-abbreviation", f"{out[-1].tail[-30:]}\n\n{paragraph[:30]}",
                     f"{out[-1].tail[-30:]} {paragraph[:30]}")
            )
            out[-1].append(" ", paragraph)
        else:
            out.append(_Joined(paragraph))
    return [joined.text() for joined in out]


def _cut_after_abbreviation(previous: str, paragraph: str, lang: str) -> bool:
    """True if ``previous`` (the end of a paragraph) ends in an abbreviation that ``paragraph`` continues."""
    if _ENDS_WITH_ABBREVIATION.search(previous[-_END_CHARS:]) is None or not paragraph[:1].isalnum():
        return False
    # Only a paragraph that completes the sentence is a continuation; a subhead after
    # "the U.S." is not, and joining it would turn a sentence into a headline.
    if "\n" in paragraph or _SENTENCE_END.search(paragraph) is None:
        return False
    tail = previous[-60:]
    head = paragraph[:60].split("\n", 1)[0]
    probe = f"{tail} {head}"
    sentences = split_sentences(probe, lang=lang)
    junction = len(tail)
    return all(not (s.end <= junction < s.end + 2) for s in sentences[:-1]) and all(
        s.start != junction + 1 for s in sentences
    )


@dataclass(frozen=True)
class RepairLineBreaks:
    """Stage: :func:`repair_line_breaks` on ``Document.text``, every change in ``edits``.

    ``lang="auto"`` (the default) reads the document's language as
    :class:`~newsclean.SplitSentences` does; an explicit ``lang`` always wins.

    >>> RepairLineBreaks()(Document(id="x", text="the U.S.\\n\\nof Europe.")).text
    'the U.S. of Europe.'
    """

    lang: str = AUTO
    name: str = _STAGE

    def __post_init__(self) -> None:
        if not isinstance(self.lang, str) or language_code(self.lang) not in (AUTO, *LANGUAGES):
            raise ConfigError(f"unknown language {self.lang!r}; choose 'auto' or one of {', '.join(LANGUAGES)}")

    def __call__(self, doc: Document) -> Document:
        lang = language_for(doc, self.lang, LANGUAGES)
        text, edits = repair_line_breaks_explained(doc.text, lang=lang)
        if text == doc.text:
            return doc
        return dataclasses.replace(doc, text=text, edits=(*doc.edits, *edits))

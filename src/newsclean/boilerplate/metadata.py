"""Title, date and byline found in the header and footer lines of a page dump."""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from importlib import resources

import regex

from newsclean._months import DAY_FIRST_MONTH_NUMBERS, MONTH_NUMBERS

__all__ = ["BYLINE_FIRST_LETTERS", "BYLINE_OPENER_LINES", "NATIVE_DIGIT", "HeaderInfo", "byline_beside_date", "byline_under_opener", "find_byline", "find_date", "first_letters", "is_name_line",
           "looks_like_a_name",
           "opens_like_byline", "title_similarity",
           "title_words"]

_MONTHS = MONTH_NUMBERS
_Trie = dict[str, "_Trie"]


def _trie_pattern(words: frozenset[str]) -> str:
    """An alternation of ``words`` as a trie: "j(?:an(?:uary)?|un(?:e)?)", not "january|jan|june|jun".

    It matches the same strings with the same preference (at one position, only one
    path fits the text, and a longer word is tried before its prefix), but tries one
    branch per character instead of every word at every position.

    >>> _trie_pattern(frozenset({"jan", "january", "jun"}))
    'j(?:an(?:uary)?|un)'
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return emit(trie)


def first_letters(openers: tuple[str, ...]) -> frozenset[str]:
    """The first letters of lower-case ``openers`` in both cases: a line whose first
    character is not among them cannot lower-case to start with one of them.

    >>> sorted(first_letters(("by", "from")))
    ['B', 'F', 'b', 'f']
    """
    return frozenset(o[0] for o in openers) | frozenset(o[0].upper() for o in openers)


_MONTH = _trie_pattern(frozenset(_MONTHS))
# Day first, the month in words: the CLDR names of every language (_months.py); the
# month-first pattern, tried at every word, keeps the hand-made table (English's order).
_DAY_FIRST_MONTH = _trie_pattern(frozenset(DAY_FIRST_MONTH_NUMBERS))
# Stdlib patterns: a call costs a fraction of regex's, and these need no Unicode properties.
# What every "mdy" date ends with: a digit, maybe "th" and a comma, space, the year.
# The month-first pattern tries its month names at every word; this scan skips to digits,
# and lines without such an ending ("Election 2020") are spared the pattern.
_MDY_TAIL = re.compile(r"\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b", re.IGNORECASE)
# 2021年12月28日 (Chinese, Japanese), 2021년 12월 28일 (Korean): the month is a number.
# A year glued to the word before it ("于2021年") has no word boundary: no digit before.
_CJK_DATE = (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"),
             "ymd", re.compile("[月월]"))
# (pattern, kind, prefilter): a pattern runs only on lines where its prefilter (if any)
# is found. tests/test_boilerplate.py checks that each pattern's matches contain it.
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None], ...] = (
    # 2025-09-04, 2025/09/04, 2025. 9. 4. (Korean and Hungarian space their dotted parts)
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)(?:[-/]|\. ?)(?P<m>\d{1,2})(?:[-/]|\. ?)(?P<d>\d{1,2})\b"), "ymd", None),
    # 04 September 2025, 4 Sept. 2025, 4. September 2025, 4 de septiembre de 2025, 28 grudnia
    # 2021, 28 tháng 12 năm 2021 (Vietnamese names its months "month 12", and its year "năm");
    # the ordinal day of British, Indian and African news, "28th (of) December 2021", and
    # "28-Dec-2021"
    (re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?(?:\s+|-)(?:de\s+|of\s+)?(?P<mon>{_DAY_FIRST_MONTH})\.?,?"
                r"(?:\s+|-)(?:de\s+|del\s+|năm\s+)?(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE), "dmy", None),
    # September 4, 2025; Nov 19, 2019
    (re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE), "mdy",
     _MDY_TAIL),
    # 04.09.2025, 04/09/2025 (day first, as in most of the world's news), 4. 9. 2025 (Czech,
    # Slovak), and with the right-to-left marks Arabic text sets after each part. Not with
    # hyphens: forum software prints "03-11-2026" month first (MyBB, a WCXB test page).
    (re.compile(r"\b(?P<d>\d{1,2})\u200f?(?:/|\. ?)\u200f?(?P<m>\d{1,2})\u200f?(?:/|\. ?)\u200f?"
                r"(?P<y>(?:19|20)\d\d)\b"), "dmy-num", None),
    # 2021. december 28. (Hungarian: the year first, then the month in words, in lower case
    # as Hungarian writes it, and the day; "in 2019. May 5 people" is no date). Its
    # prefilter opens with a literal, which the engine skips to: ". " before a word not in
    # ASCII capitals is rare in prose (5 of the 181 dumps' 1,466 lines with a year), and
    # the pattern itself had cost every such line ~2 us (find_date +13%; +5% with the
    # prefilter, one process, the lines tried in turn). Tried after the other forms, the
    # rarest.
    (re.compile(rf"\b(?P<y>(?:19|20)\d\d)\.\s+(?P<mon>{_DAY_FIRST_MONTH})\s+(?P<d>\d{{1,2}})\."), "ymon-d",
     re.compile(r"\.\s+(?![A-Z])[^\W\d_]")),
    _CJK_DATE,
)
# The patterns an ASCII line can match: all but the Chinese, Japanese and Korean one.
_ASCII_DATE_PATTERNS = tuple(entry for entry in _DATE_PATTERNS if entry is not _CJK_DATE)
# How bylines open in English and the languages of issue #8 (German, French, Spanish,
# Italian, Portuguese, Dutch, Polish, Russian, Turkish): "by" and "written/posted by",
# and "author:" / "text:" labels. Longer openers first, so that "posted by" is not read
# as an opener "posted" (not one) and a name "by ...".
_BYLINE_OPENERS = tuple(sorted({
    "by", "from", "written by", "posted by", "words by", "author", "text",
    "von", "erstellt von", "verfasst von", "geschrieben von", "ein beitrag von", "autor", "autorin",
    "par", "publié par", "écrit par", "auteur", "auteure", "texte",
    "por", "publicado por", "escrito por", "autora", "texto",
    "di", "scritto da", "pubblicato da", "a cura di", "autore", "testo",
    "door", "geschreven door", "geplaatst door",
    "przez", "napisane przez", "autorka", "tekst",
    "автор", "текст",
    "yazar", "yazan",
}, key=lambda opener: (-len(opener), opener)))
# One set lookup spares most lines the lower-casing (and a caller the call).
BYLINE_FIRST_LETTERS = first_letters(_BYLINE_OPENERS)
# Openers a page prints alone on a line over the name ("By" / "Genevieve Carlton", "Written
# by" / "Joe Kindness"): not "from" nor "text", which open other lines alone too.
BYLINE_OPENER_LINES = frozenset(_BYLINE_OPENERS) - {"from", "text", "texte", "texto", "testo", "tekst", "текст"}
# Of those, the labels a widget prints over other things too ("Author" / "Posts").
_AUTHOR_LABELS = frozenset({"author", "autor", "autorin", "auteur", "auteure", "autora", "autore", "autorka", "автор",
                            "yazar"})
_BYLINE_OPENER_WORDS = frozenset(opener.split()[0] for opener in _BYLINE_OPENERS)
_BYLINE_PREFIX_CHARS = max(map(len, _BYLINE_OPENERS))
_ONE_NAME = r"\p{Lu}[\p{L}.'’\-]+(?:\s+(?:\p{Lu}[\p{L}.'’\-]+|de|da|van|von|der|di|del|la|le)){0,4}"
# One name, or several joined by a comma or "and" in the languages above.
# A person's name alone on its line: two to five words, as a byline writes one.
_NAME_LINE = regex.compile(rf"(?=\S+\s){_ONE_NAME}")
_NAME = rf"(?P<name>{_ONE_NAME}(?:(?:\s*,\s*|\s+(?:and|und|et|y|e|i|en|и|ve|&)\s+){_ONE_NAME}){{0,4}})"
# After the name: nothing, or a separator, or "on/am/le/el/il/em/op <date>" and the rest,
# or the date line's own word ("By Jane Doe Published: Jan 29, 2025", "Updated").
_DATE_LINE_OPENERS = frozenset({"published", "updated", "posted", "veröffentlicht", "aktualisiert", "publié",
                               "publicado", "actualizado", "pubblicato", "aggiornato"})
# Words a byline's name runs on into: the date line's ("Updated") and a reviewer's credit
# ("By John Warren Reviewed by Jane Roe on August 6, 2024").
_NAME_TAIL_WORDS = _DATE_LINE_OPENERS | {"reviewed", "edited", "fact-checked", "medically", "verified"}
_AFTER_NAME = (r"\s*(?:(?:[,|\-–—·/(]|\s(?i:on|am|le|el|il|em|op|at|in|в)\s"
               r"|\s(?i:" + "|".join(sorted(_DATE_LINE_OPENERS | {"last updated", "mis à jour"})) + r")\b).{0,80})?$")
# Only the openers ignore case: a name starts with a capital (with IGNORECASE on the whole
# pattern, "\p{Lu}" matched lower-case words and names ran on into the sentence).
_BYLINE = regex.compile(rf"^(?i:{'|'.join(map(regex.escape, _BYLINE_OPENERS))})\s*:?\s+{_NAME}{_AFTER_NAME}")
# "Published on 3 May 2021 by Jane Doe", "6. Dezember 2022 von Fatima in Gefühle".
_DATE_THEN_BY = regex.compile(rf"^.{{0,60}}?\d.{{0,40}}?\s(?i:by|von|par|por|di|door|przez|da)\s+{_NAME}{_AFTER_NAME}")
_YEAR = re.compile(r"(?:19|20)\d\d")
# "01-Mar-08": day, month name and a two-digit year joined by hyphens, as wire services,
# databases (Oracle's default date format) and MEANTIME's Dutch datelines print them. Only
# this form: two digits after a month name and spaces are a day or a number as often as a
# year ("Mar 08", "12 May 10 times").
_DMY_TWO_DIGIT_YEAR = re.compile(rf"\b(?P<d>\d{{1,2}})-(?P<mon>{_DAY_FIRST_MONTH})-(?P<y>\d\d)\b(?!-)", re.IGNORECASE)
# The pivot of a two-digit year, POSIX strptime's for %y: 69-99 are 1969-1999, 00-68 are
# 2000-2068. Fixed, not read off today's date: the same text gives the same date in any year.
_TWO_DIGIT_PIVOT = 69
# Decimal digits of the scripts whose news prints dates in them: Arabic-Indic, Persian
# (Extended Arabic-Indic), Devanagari, Bengali, and the fullwidth digits of CJK text.
_DIGIT_ZEROS = (0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10)
NATIVE_DIGIT = re.compile("[" + "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in _DIGIT_ZEROS) + "]")
_TO_ASCII_DIGITS = {zero + value: ord("0") + value for zero in _DIGIT_ZEROS for value in range(10)}
_NAME_PARTICLES = frozenset({"de", "da", "van", "von", "der", "di", "del", "la", "le", "and", "&", "y", "e", "und", "et",
                             "i", "en", "и", "ve"})
_NAME_DASH_DATE = regex.compile(r"^(?P<name>[\p{L}.'’ ]{3,60}?)\s+[-–—|]\s+.*\d")
_WORDS = re.compile(r"\w+")
_LONG_LINE = 200


@dataclass
class HeaderInfo:
    """What the lines around an article say about it."""

    title: str = ""
    date: str | None = None  # ISO 8601 date when it could be read, else the raw text
    date_text: str = ""
    byline: str | None = None


def find_date(line: str) -> tuple[str, str] | None:
    """Return ``(iso_date, matched_text)`` for the first date in a short line.

    >>> find_date("Chas Pravdy - 04 September 2025 09:01")
    ('2025-09-04', '04 September 2025')
    >>> find_date("Chris Davies - Nov 19, 2019, 10:31 pm CST")
    ('2019-11-19', 'Nov 19, 2019')
    >>> find_date("01-Mar-08 Northrop Grumman en EADS")
    ('2008-03-01', '01-Mar-08')
    """
    if len(line) > _LONG_LINE:
        return None
    # Arabic, Persian and Hindi news print dates in their scripts' digits ("٢٨ ديسمبر ٢٠٢١"):
    # the patterns read the line with ASCII digits, one character for one, so that a match's
    # span is the line's.
    read = line.translate(_TO_ASCII_DIGITS) if not line.isascii() and NATIVE_DIGIT.search(line) else line
    # Every date pattern has a year, and every year has "19" or "20": the substring tests
    # spare most lines the regex.
    if ("20" not in read and "19" not in read) or _YEAR.search(read) is None:
        return _two_digit_year_date(line, read)
    for pattern, kind, prefilter in _ASCII_DATE_PATTERNS if read.isascii() else _DATE_PATTERNS:
        if prefilter is not None and prefilter.search(read) is None:
            continue
        match = pattern.search(read)
        if match is None:
            continue
        try:
            year, day = int(match["y"]), int(match["d"])
            month = int(match["m"]) if kind in ("ymd", "dmy-num") else DAY_FIRST_MONTH_NUMBERS[match["mon"].lower()]
            iso = _dt.date(year, month, day).isoformat()
        except (ValueError, KeyError):
            continue
        return iso, line[match.start():match.end()]
    return _two_digit_year_date(line, read)


def _two_digit_year_date(line: str, read: str) -> tuple[str, str] | None:
    """find_date for "01-Mar-08" (_DMY_TWO_DIGIT_YEAR), where no four-digit year is read."""
    if "-" not in read:
        return None
    match = _DMY_TWO_DIGIT_YEAR.search(read)
    if match is None:
        return None
    short = int(match["y"])
    year = short + (1900 if short >= _TWO_DIGIT_PIVOT else 2000)
    try:
        iso = _dt.date(year, DAY_FIRST_MONTH_NUMBERS[match["mon"].lower()], int(match["d"])).isoformat()
    except (ValueError, KeyError):
        return None
    return iso, line[match.start():match.end()]


def is_name_line(line: str) -> bool:
    """Whether ``line`` is a person's name and nothing else (two to five capitalised words,
    with the particles of names: "Jane Writer", "Ursula von der Leyen").

    >>> is_name_line("Madeline Fry"), is_name_line("More Stories Below Today"), is_name_line("Opinion")
    (True, True, False)
    """
    return len(line) <= _NAME_LINE_MAX_CHARS and _NAME_LINE.fullmatch(line.strip()) is not None


_NAME_LINE_MAX_CHARS = 40


def opens_like_byline(line: str) -> bool:
    """Whether ``line`` (stripped) opens with the first word of a byline opener ("By",
    "Written", "Von", "Autor:"): without one, or a year, find_byline reads no name.

    >>> opens_like_byline("By Sabina Mammadli"), opens_like_byline("Autor: Jan Nowak"), opens_like_byline("Byzantium")
    (True, True, False)
    """
    if line[:1] not in BYLINE_FIRST_LETTERS:
        return False
    # Two characters past the longest opener: a word cut there is longer than any opener.
    head = line[:_BYLINE_PREFIX_CHARS + 2].split(None, 1)
    return bool(head) and head[0].lower().rstrip(":") in _BYLINE_OPENER_WORDS


# find_byline's default for ``date``: the line's date is not known yet.
_NOT_READ = ("", "")


def find_byline(line: str, *, date: tuple[str, str] | None = _NOT_READ) -> str | None:
    """Return the author named by a byline line, or None. ``date`` is ``find_date(line)``
    where the caller has it already (a date is the slowest thing read here; the line
    classifier reads it for the same lines), used when ``line`` needs no stripping.

    >>> find_byline("By Sabina Mammadli")
    'Sabina Mammadli'
    >>> find_byline("Chris Davies - Nov 19, 2019, 10:31 pm CST")
    'Chris Davies'
    >>> find_byline("By the way, this is a sentence.") is None
    True
    """
    stripped = line.strip()
    if len(stripped) != len(line):
        date = _NOT_READ  # read on the line as given: read again on the stripped line
    line = stripped
    if len(line) > _LONG_LINE:
        return None
    # _BYLINE opens with one of a few words: test them before running it.
    match = (_BYLINE.match(line) if opens_like_byline(line)
             and line[:_BYLINE_PREFIX_CHARS].lower().startswith(_BYLINE_OPENERS) else None)
    # Every year holds "19" or "20": the substring tests spare most lines the regex.
    has_year = ("20" in line or "19" in line) and _YEAR.search(line) is not None
    if has_year and date is _NOT_READ and match is None:
        date = find_date(line)
    if match is None and has_year and date is not None:
        match = _DATE_THEN_BY.match(line)
    if match is not None:
        name = str(match["name"]).strip()
        # "Von Anna Berg Aktualisiert am 3. Mai": the date line's word read as a surname
        # where "am <date>" ends the name
        words = name.split()
        while len(words) > 1 and words[-1].casefold() in _NAME_TAIL_WORDS:
            words.pop()
        name = " ".join(words)
        if all(word[:1].isupper() or word in _NAME_PARTICLES for word in words) \
                and not all(word.casefold().rstrip(".,") in _NOT_NAME_WORDS for word in words):
            return name  # not "By Friday, March 3": a weekday or a month is no name
    # "Name - date": needs a dash or bar and a year; test for them before the regex.
    dashed = len(line) < 120 and ("-" in line or "–" in line or "—" in line or "|" in line)
    match = _NAME_DASH_DATE.match(line) if dashed and has_year else None
    if match is not None and date is _NOT_READ:
        date = find_date(line)
    if match is not None and date is not None:
        name = str(match["name"]).strip()
        words = name.split()
        if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            return name
    if has_year and len(line) < 120 and line[:1] in BYLINE_FIRST_LETTERS and opens_like_byline(line):
        if date is _NOT_READ:
            date = find_date(line)
        if date is not None:
            return _name_before_date(line, date[1], opener=True)
    return None


_ANY_DIGIT = re.compile(r"\d")
# A date's words read as a name's: "By Kathy Owen January 21, 2025" has no name "Owen January".
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                       "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
                       "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"})
_WEEKDAY_SHORT = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})
# What may stand between a byline's name and its date: separators, a time, "on", the date
# line's own words ("Published", "Updated") and a weekday ("Tuesday, 21 January 2025").
_BEFORE_DATE = re.compile(
    r"(?:[\s,|\-–—·•/(:]+|\b\d{1,2}[:.]\d\d(?i:\s*[ap]\.?m\.?)?|\b(?i:"
    + "|".join(sorted({"on", "am", "vom", "le", "el", "il", "em", "op", "at", "last updated"}
                      | _DATE_LINE_OPENERS | _WEEKDAYS | _WEEKDAY_SHORT, key=lambda w: (-len(w), w)))
    + r")\b)+$")
_OPENER_HEAD = regex.compile(rf"^(?i:{'|'.join(map(regex.escape, _BYLINE_OPENERS))})\s*:?\s+")
_NAME_ONLY = regex.compile(_NAME)
_NOT_NAME_WORDS = frozenset(DAY_FIRST_MONTH_NUMBERS) | frozenset(MONTH_NUMBERS) | _DATE_LINE_OPENERS | _WEEKDAYS


def _name_before_date(line: str, date_text: str, *, opener: bool) -> str | None:
    """The name a line gives before its date: with ``opener``, after "By" ("By Kathy Owen
    January 21, 2025", "By David Kim • December 17, 2025 • 11 min read"); without, two to
    five capitalised words and nothing else before it ("Tom Talbot October 14, 2025",
    "Patrick Clarke Published 10:19am 19 December 2025"; not a label: "Release Date: ...")."""
    cut = line.find(date_text)
    if cut <= 0:
        return None
    head = line[:cut]
    if not any(char.isupper() for char in head):
        return None  # no capital, no name ("Published on", "vor 3 Tagen, am")
    tail = _BEFORE_DATE.search(head)
    if tail is not None:
        if not opener and ":" in head[tail.start():tail.start() + 2]:
            return None  # "Release Date: 21 August 2012": a label, not a name
        head = head[:tail.start()]
    if opener:
        opened = _OPENER_HEAD.match(head)
        if opened is None:
            return None
        head = head[opened.end():]
    words = head.split()
    while len(words) > 1 and words[-1].casefold() in _NAME_TAIL_WORDS:
        words.pop()  # "By John Warren Reviewed August 6, 2024"
    head = " ".join(words)
    if not words or len(words) > 12 or _NAME_ONLY.fullmatch(head) is None:
        return None
    if not opener and not 2 <= len(words) <= 5:
        return None
    if any(word.casefold().rstrip(".,") in _NOT_NAME_WORDS for word in words):
        return None
    if not all(word[:1].isupper() or word in _NAME_PARTICLES for word in words):
        return None
    return head


def title_similarity(line: str, page_title: str | frozenset[str]) -> float:
    """Share of the line's words found in the page's <title> line (0 to 1).

    ``page_title`` may be given as :func:`title_words` of it, to compare many lines.

    >>> title_similarity("Big news today", "Big news today | The Daily")
    1.0
    """
    words = _WORDS.findall(line.lower())
    if not words:
        return 0.0
    known = title_words(page_title) if isinstance(page_title, str) else page_title
    return sum(map(known.__contains__, words)) / len(words)


def title_words(page_title: str) -> frozenset[str]:
    """The lower-cased words of a page title, as :func:`title_similarity` compares them."""
    return frozenset(_WORDS.findall(page_title.lower()))


# A word this rare in each of these languages (Zipf frequency, wordfreq: 3.0 is once in a
# million words) is no ordinary word of a section's or a button's label ("Chirag Bhardwaj",
# "Edzel Tabing", but not "Follow Us" nor "Digitale Wirtschaft").
_RARE_ZIPF = 3.0
_LABEL_LANGUAGES = ("en", "de", "fr", "es")
# An English word this common (about 30 in a million words: "blog", "coffee", "system")
# is a label's word rather than a surname's.
_COMMON_ZIPF = 4.5
_HONORIFICS = frozenset({"dr", "prof", "mr", "mrs", "ms", "sir", "dame", "rev"})


@functools.cache
def _given_names() -> frozenset[str]:
    """data/given_names.json (tools/build_given_names.py), read once a process."""
    raw = json.loads(resources.files("newsclean.data").joinpath("given_names.json").read_text("utf-8"))
    return frozenset(raw["names"])


def looks_like_a_name(words: Sequence[str]) -> bool:
    """Whether capitalised ``words`` (two or more) read as a person's name rather than a
    label: the first (after a title, "Dr") is a given name (data/given_names.json), or it
    is rare in English, German, French and Spanish and no word is a common English one.

    >>> looks_like_a_name(["Andrew", "King"]), looks_like_a_name(["Chirag", "Bhardwaj"])
    (True, True)
    >>> looks_like_a_name(["Follow", "Us"]), looks_like_a_name(["Contact", "Info"])
    (False, False)
    """
    import wordfreq

    if words and words[0].casefold().rstrip(".") in _HONORIFICS:
        words = words[1:]  # "Dr Milan Milanović"
    if len(words) < 2:
        return False
    if words[0].casefold().rstrip(".") in _given_names():
        return True
    # A given name the list lacks ("Nicoletta Richardson", "Gopal Singh Panwar"): a first
    # word rare in every language asked, and no word a common English one ("Termio Blog").
    return (all(wordfreq.zipf_frequency(words[0], lang, wordlist="small") < _RARE_ZIPF for lang in _LABEL_LANGUAGES)
            and all(wordfreq.zipf_frequency(word, "en", wordlist="small") < _COMMON_ZIPF for word in words))


def byline_beside_date(lines: Sequence[str], at: int, date_text: str, lower_case_words: Container[str],
                       *, candidates: Container[int]) -> tuple[int, str] | None:
    """The author's name where a page prints it with the article's date on line ``at``
    and no opener ("By"): before the date on its line ("Tom Talbot October 14, 2025"), or
    alone on a line beside it (a name over the date, or over a reading time and the date;
    a name under a line "By" alone is :func:`byline_under_opener`'s). Only lines in
    ``candidates`` are read. Without an opener, a
    line of capitalised words may be a section ("Mental Health", "UX Analytics"): such a
    name is taken only where none of its words is written in lower case in the article
    (``lower_case_words``: a word is in it when the article writes it so; it is asked for
    a few words of a few pages, and may search the article then), as a person's name never
    is. ``date_text`` is the date as line ``at`` writes it (find_date's second part).
    Returns the line's index and the name, or None.

    >>> byline_beside_date(["Big news", "Jane Writer", "March 2, 2026"], 2, "March 2, 2026", frozenset(),
    ...                    candidates=range(3))
    (1, 'Jane Writer')
    >>> byline_beside_date(["Mental Health", "March 2, 2026", "Our mental health matters."], 1, "March 2, 2026",
    ...                    {"mental", "health"}, candidates=range(3)) is None
    True
    """
    if at in candidates:
        name = _name_before_date(lines[at], date_text, opener=False)
        if name is not None and _reads_as_a_name(name.split(), lower_case_words, label=True):
            return at, name
    for i in (at - 1, at + 1, at - 2, at + 2):
        if not 0 <= i < len(lines) or i not in candidates:
            continue
        line = lines[i]
        if abs(i - at) == 2 and len(lines[(i + at) // 2].split()) > 4:
            continue  # a name two lines away is read over a short line only ("8 min")
        if not is_name_line(line) or _ANY_DIGIT.search(line) is not None:
            continue
        words = line.split()
        if any(word.casefold().rstrip(".,") in _NOT_NAME_WORDS for word in words):
            continue
        if _reads_as_a_name(words, lower_case_words, label=True):
            return i, line.strip()
    return None


def _reads_as_a_name(words: list[str], lower_case_words: Container[str], *, label: bool) -> bool:
    """Whether capitalised ``words`` found where a byline may be are a name: none written
    in lower case in the article (a person's name never is), and where nothing but the
    place says so (``label``: no "By", or a widget's "Author"), :func:`looks_like_a_name`."""
    if any(word.casefold() in lower_case_words for word in words if word not in _NAME_PARTICLES):
        return False
    return not label or looks_like_a_name(words)


def byline_under_opener(opener: str, line: str, lower_case_words: Container[str]) -> str | None:
    """The name on ``line`` under a line that is an opener alone ("By" / "Genevieve
    Carlton, Ph.D.", "Written by" / "Joe Kindness"), or None. A widget's label prints
    other things under it ("Author" / "Posts"), and avatars initials ("CP"): the name
    must be one (no word of it written in lower case in the article; under a label, a
    given name first or rare words, :func:`looks_like_a_name`).

    >>> byline_under_opener("By", "Genevieve Carlton", frozenset())
    'Genevieve Carlton'
    >>> byline_under_opener("Author", "Recent Posts", {"recent"}) is None
    True
    """
    label = opener.strip().rstrip(":").casefold()
    if label not in BYLINE_OPENER_LINES:
        return None
    name = find_byline(f"{opener.strip()} {line.strip()}")
    if name is None:
        return None
    words = name.replace(",", " ").split()
    if len(words[0]) < 3 and words[0].isupper():
        return None  # initials in an avatar
    return name if _reads_as_a_name(words, lower_case_words, label=label in _AUTHOR_LABELS) else None

"""Encoding repair: ftfy with defaults that are safe for a corpus, plus a fast path.

ftfy's own defaults are made for display text and are too aggressive for a corpus
that later stages tokenise and compare; :class:`RepairConfig` says flag by flag what
we keep and why. Text that provably needs nothing (printable ASCII, newlines, no ``&``)
skips ftfy entirely: ftfy would return it unchanged, and the check is far cheaper
(``benchmarks/repair.py`` measures both on clean ASCII news).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from newsclean import _badness
from newsclean.boilerplate.html import looks_like_html
from newsclean.document import Document, Edit
from newsclean.errors import ConfigError, InputError, describe_type

__all__ = ["RepairConfig", "RepairEncoding", "repair_encoding"]


@dataclass(frozen=True)
class RepairConfig:
    """What :func:`repair_encoding` fixes. Immutable; override with ``dataclasses.replace``.

    >>> RepairConfig(uncurl_quotes=True).uncurl_quotes
    True
    """

    # Mojibake ("doesnâ€™t") is the most common damage in scraped news; always worth fixing.
    fix_mojibake: bool = True
    # "auto" unescapes entities only in text without "<": plain text with "&amp;" gets
    # fixed, while HTML keeps its entities for the HTML parser to resolve.
    unescape_html: bool | Literal["auto"] = "auto"
    # Curly quotes carry information (apostrophe vs. closing quote, the segmenter reads
    # them) and are correct Unicode; straightening them would lose that.
    uncurl_quotes: bool = False
    # Full-width Latin and half-width kana are legitimate in CJK text; NFKC-style
    # width folding would change what CJK readers see.
    fix_character_width: bool = False
    # "ﬁ"/"ﬂ" ligatures come from PDF and typesetting pipelines, never from writers,
    # and they break tokenisation ("ﬁnance" != "finance") for dedup.
    fix_latin_ligatures: bool = True
    # Soft hyphens (U+00AD) are invisible hyphenation hints that split words for
    # every tokenizer; removing them restores the word.
    remove_soft_hyphens: bool = True
    # Zero-width space, word joiner and BOM are invisible and split or glue tokens.
    # ZWJ/ZWNJ (U+200D/U+200C) are kept: emoji sequences and Persian/Indic
    # spelling need them.
    remove_zero_width: bool = True
    # The bidirectional marks, embeddings, overrides and isolates (U+200E, U+200F, U+061C,
    # U+202A-U+202E, U+2066-U+2069) are invisible too: they order text for display and
    # mean nothing to a reader of the logical text, but split its tokens ("Ok\u200e" is
    # no "Ok" to a dedup key) and an override can make text show other than it reads.
    remove_bidi_controls: bool = True
    # Tabs, NBSP and other Unicode spaces become " "; CR/CRLF, U+2028/9, form feeds,
    # vertical tabs and the file/group/record separators become "\n", the unit separator
    # " " (off: the controls among them are removed, as other controls are).
    normalize_whitespace: bool = True
    # NFC is what text on the web is supposed to be in; NFKC would fold widths and
    # superscripts (see fix_character_width).
    normalization: Literal["NFC", "NFKC", "NFD", "NFKD"] | None = "NFC"
    # Line breaks written as the two characters "\n" (a record escaped twice on its way
    # through JSON or CSV: "debate.\n\nThe mayor") become line breaks, where the text has
    # no real one and every such escape sits between words the way breaks do (see
    # unescaped_line_breaks); a text about code that writes "\n" keeps it.
    unescape_line_breaks: bool = True

    def __post_init__(self) -> None:
        if self.unescape_html not in (True, False, "auto"):
            raise ConfigError(f"unescape_html must be True, False or 'auto', got {self.unescape_html!r}")
        if self.normalization not in ("NFC", "NFKC", "NFD", "NFKD", None):
            raise ConfigError(f"unknown normalization {self.normalization!r}")


DEFAULT_REPAIR = RepairConfig()

# The fast path takes printable ASCII and newlines with no "&" that could start an entity.
_ZERO_WIDTH_CHARS = "\u200b\u2060\ufeff\u180e"
_BIDI_CHARS = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_BIDI_CONTROLS = re.compile(f"[{_BIDI_CHARS}]")
_SOFT_HYPHEN = "\u00ad"
_BREAK_CHARS = "\u2028\u2029\u0085\x0c"
_LINE_BREAKS = re.compile(f"\r\n?|[{_BREAK_CHARS}]")
# Separators that ftfy's control-character removal deletes, read as the breaks and spaces
# they stand for before it runs: the vertical tab (a manual line break in text exported
# from word processors) and the file, group and record separators break lines, as
# str.splitlines and Unicode's paragraph-separator class have them; the unit separator
# parts words, as a tab does. Deleted, they glued words together ("two.\vThree" became
# "two.Three", one sentence).
_SEPARATORS = str.maketrans({"\x0b": "\n", "\x1c": "\n", "\x1d": "\n", "\x1e": "\n", "\x1f": " "})
_SEPARATOR_CHARS = "\x0b\x1c\x1d\x1e\x1f"
# Every space separator (Zs) but the space itself, and the tab; "\n" is handled apart.
# Listed for the stdlib engine, which skips a listed class by table lookup: `regex`'s
# [\t\p{Zs}] also matched every plain space, to write it again, and the five passes after
# ftfy cost ~145 us an article (tests/test_repair.py checks the list against \p{Zs}).
_SPACE_CHARS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_SPACE_CHARS}]")
# Control characters (Cc) other than newline, and lone surrogates (unencodable).
_CONTROL_CHARS = "\x00-\x09\x0b-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Every character the steps after ftfy (_own_steps) act on, in one class.
_OWN_TARGETS = re.compile(f"[\r{_BREAK_CHARS}{_SPACE_CHARS}{_SOFT_HYPHEN}{_ZERO_WIDTH_CHARS}{_BIDI_CHARS}{_CONTROL_CHARS}]")


def _ftfy_config(config: RepairConfig) -> object:
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=config.unescape_html,
        remove_terminal_escapes=True,
        fix_encoding=config.fix_mojibake,
        restore_byte_a0=config.fix_mojibake,
        replace_lossy_sequences=config.fix_mojibake,
        decode_inconsistent_utf8=config.fix_mojibake,
        fix_c1_controls=True,
        fix_latin_ligatures=config.fix_latin_ligatures,
        fix_character_width=config.fix_character_width,
        uncurl_quotes=config.uncurl_quotes,
        fix_line_breaks=config.normalize_whitespace,
        fix_surrogates=True,
        remove_control_chars=True,
        normalization=config.normalization,
        explain=False,
    )


def repair_encoding(text: str, *, config: RepairConfig = DEFAULT_REPAIR) -> str:
    """Repair mojibake, entities, invisible and control characters; return NFC text.

    >>> repair_encoding("The Mona Lisa doesnâ€™t have eyebrows.")
    'The Mona Lisa doesn’t have eyebrows.'
    >>> repair_encoding("fish &amp; chips\\r\\nre\\u00adport")
    'fish & chips\\nreport'
    """
    if not isinstance(text, str):
        raise InputError(
            f"repair_encoding expects str, got {describe_type(text)}; decode bytes first "
            "(newsclean.clean accepts bytes and decodes them)"
        )
    if not isinstance(config, RepairConfig):
        raise ConfigError(f"config must be a RepairConfig, got {describe_type(config)}")
    if config.unescape_line_breaks and "\\n" in text:
        text = unescaped_line_breaks(text)
    # str methods run at memory speed; a regex here would cost more than ftfy's own check.
    if text.isascii():
        if not _holds_entity(text) and text.replace("\n", "").isprintable():
            return text
    elif config == DEFAULT_REPAIR and _needs_nothing(text):
        return text
    light = _repair_light(text, config)
    return light if light is not None else _repair_slow(text, config)


# A run of escaped line breaks ("\n", "\r\n", repeated) not itself escaped ("\\n").
_ESCAPED_BREAKS = re.compile(r"(?<!\\)(?:\\r)?\\n(?:(?:\\r)?\\n)*")
# Where a break falls in prose: after a sentence's end, or before a capital or a digit.
_BREAK_AFTER = frozenset(".!?:;\"')]\u201d\u2019\u00bb")
_ESCAPED_RUNS_MIN = 2
# A backslash before a quotation mark (straight or curled) or a slash, not itself escaped.
_ESCAPED_QUOTE = re.compile(r"""(?<!\\)\\(["'/\u201c\u201d\u2018\u2019])""")


def unescaped_line_breaks(text: str) -> str:
    r"""``text`` with its escaped line breaks (``\n`` written as two characters) made line
    breaks, where the text has no real line break and holds at least two runs of them,
    each set between two characters that are not spaces, and at least half after a
    sentence's end or before a capital or a digit: a record escaped twice, not a text
    that writes ``\n`` about code ("use \n for a new line"). Else unchanged.

    >>> unescaped_line_breaks("Budget passes.\\n\\nThe mayor thanked the council.\\nCritics disagree.")
    'Budget passes.\n\nThe mayor thanked the council.\nCritics disagree.'
    >>> unescaped_line_breaks("Use \\n for a new line and \\n\\n for a paragraph.")
    'Use \\n for a new line and \\n\\n for a paragraph.'
    """
    if "\n" in text.rstrip("\n"):
        return text
    runs = list(_ESCAPED_BREAKS.finditer(text))
    if len(runs) < _ESCAPED_RUNS_MIN:
        return text
    breaking = 0
    for run in runs:
        before = text[run.start() - 1] if run.start() else ""
        after = text[run.end()] if run.end() < len(text) else ""
        if (before and before.isspace()) or (after and after.isspace()):
            return text
        breaking += before in _BREAK_AFTER or after[:1].isupper() or after[:1].isdigit()
    if 2 * breaking < len(runs):
        return text
    # The same escaping put a backslash before each quotation mark (JSON's, which a later
    # step may have curled) and may have put one before a slash: those go too.
    text = _ESCAPED_QUOTE.sub(r"\1", text)
    return _ESCAPED_BREAKS.sub(lambda run: "\n" * run.group().count("\\n"), text)


def _holds_entity(text: str) -> bool:
    """Whether ``text`` holds what ftfy's HTML unescaping replaces (its own pattern, an
    entity such as "&amp;" or "&#39;"). An "&" elsewhere ("AT&T", "Q&A", "R&D") is left
    alone by ftfy and by every step after it: such text took the full path before (a
    third of the texts extracted from 300 WCXB pages, a one-off count)."""
    if "&" not in text:
        return False
    from ftfy.chardata import HTML_ENTITY_RE

    return HTML_ENTITY_RE.search(text) is not None


# Non-ASCII text needs nothing from ftfy or from us when ftfy's own mojibake test
# (``badness.is_bad``, the first thing its encoding fixer checks; asked in _badness.py's
# faster way, with the same answer) finds nothing, and the
# text has none of what the other fixers and our own steps act on: an HTML entity,
# controls, odd spaces, soft hyphens, zero-width and deprecated format characters,
# ligatures, surrogates, CR and line separators; and it is NFC. tests/test_repair.py checks on
# random and mojibake text that the output is then identical to the full path.
_FIXER_TARGETS = (  # one class of listed characters: the stdlib engine skips by table lookup
    "\\x00-\\x09\\x0b-\\x1f\\x7f-\\xa0\\u00ad\\u061c\\u1680\\u180e\\u2000-\\u200b\\u200e\\u200f\\u2028-\\u202f"
    "\\u205f-\\u206f"
    "\\u3000\\ufb00-\\ufb06\\ufeff\\ufff9-\\ufffd\\ud800-\\udfff\\U0001d173-\\U0001d17a\\U000e0000-\\U000e007f"
)


@functools.lru_cache(maxsize=1)
def _fixer_targets() -> re.Pattern[str]:
    """The listed characters and every letter ftfy's ligature fixer rewrites, read from
    ftfy itself: "Ĳssel" went through the fast path unchanged while ftfy gives "IJssel"
    (the compatibility letters Ĳ ĳ ŉ Ǆ-ǌ Ǳ-ǳ were missing from a hand-written list)."""
    return re.compile(f"[{_FIXER_TARGETS}{_ligature_letters()}]")


def _ligature_letters() -> str:
    """Every letter ftfy's ligature fixer rewrites, escaped for a character class."""
    from ftfy.chardata import LIGATURES

    return "".join(re.escape(chr(k) if isinstance(k, int) else str(k)) for k in LIGATURES)


def _needs_nothing(text: str) -> bool:
    if _fixer_targets().search(text) is not None or not unicodedata.is_normalized("NFC", text) \
            or _holds_entity(text):
        return False
    return not _looks_bad(text)


@functools.lru_cache(maxsize=1)
def _mojibake_trigger() -> re.Pattern[str]:
    """Characters without which ftfy's badness regex cannot match.

    Every alternative of ``ftfy.badness.BADNESS_RE`` needs a non-ASCII character outside
    its "common", "start_punctuation" and "end_punctuation" classes (typographic quotes,
    dashes, ellipsis). English news mostly has only those, so this one-class search
    spares ftfy's slow regex on most documents.
    """
    from ftfy.badness import MOJIBAKE_CATEGORIES as categories

    allowed = categories["common"] + categories["start_punctuation"] + categories["end_punctuation"]
    return re.compile(f"[^\\x00-\\x7f{allowed}]")


def _repair_slow(text: str, config: RepairConfig) -> str:
    # A pass can leave work for the next one: ftfy maps C1 controls to cp1252 after its
    # mojibake fixer ran ("\x8a\x82" -> "Š‚", which is cp1257 mojibake of "Ђ"), and our
    # own removals after ftfy can join new mojibake ("\xadÂ\xa0" -> "Â "). Repeat
    # until the text is provably stable, so that repairing repaired text changes
    # nothing; in practice one pass, rarely two.
    for _ in range(_MAX_PASSES):
        fixed, touched = _repair_once(text, config)
        if fixed == text or _stable(fixed, text, touched, config):
            return fixed
        text = fixed
    return fixed


_MAX_PASSES = 3
_C1_CONTROLS = re.compile("[\x80-\x9f]")


def _stable(fixed: str, before: str, touched: bool, config: RepairConfig) -> bool:
    """Would another pass leave ``fixed`` as it is? (``touched``: our steps after ftfy
    changed its output.)

    ftfy's own mojibake fixer runs to a fixed point; what a pass can leave for the next
    is an entity that unescaped into another ("&amp;lt;" -> "&lt;"), characters ftfy
    produced after its mojibake fixer ran (from C1 controls), or what our removals
    joined. Only then is the full test worth its cost: "AT&T" in ASCII, or an accented
    page ftfy returned as is, takes one pass.
    """
    unescapes = config.unescape_html is True or (config.unescape_html == "auto" and "<" not in fixed)
    if unescapes and _holds_entity(fixed):
        return False
    if fixed.isascii() or (not touched and _C1_CONTROLS.search(before) is None):
        return True
    return config == DEFAULT_REPAIR and _needs_nothing(fixed)


def _repair_once(text: str, config: RepairConfig) -> tuple[str, bool]:
    """One pass: ftfy, then our own steps; also says whether our steps changed anything."""
    import ftfy

    text = _SURROGATE.sub("\ufffd", text)
    text = _line_ends(text, config)
    from_ftfy = ftfy.fix_text(text, config=_ftfy_config(config))  # type: ignore[arg-type]
    fixed = _own_steps(from_ftfy, config)
    return fixed, fixed != from_ftfy


def _line_ends(text: str, config: RepairConfig) -> str:
    """The separators read as the breaks and spaces they stand for, and CR and CRLF line
    ends as "\\n", before ftfy reads the text (with ``normalize_whitespace``). ftfy cuts a
    text into lines at "\\n" and decides per line whether to unescape entities (not in a
    line with "<") and how to read mojibake: a lone CR, which ftfy itself makes "\\n"
    only afterwards, had kept two lines one, and repairing the repaired text then read
    them apart ("&nbsp;\\r<" gave "&nbsp;\\n<", and that " \\n<")."""
    if not config.normalize_whitespace:
        return text
    if any(mark in text for mark in _SEPARATOR_CHARS):
        text = text.translate(_SEPARATORS)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _own_steps(text: str, config: RepairConfig) -> str:
    """What the repair does after ftfy: spaces and line breaks, soft hyphens, invisible
    and control characters, then the normalization form."""
    if _OWN_TARGETS.search(text) is None:  # one scan where five would find nothing
        return unicodedata.normalize(config.normalization, text) if config.normalization is not None else text
    if config.normalize_whitespace:
        text = _LINE_BREAKS.sub("\n", text)
        text = _SPACES.sub(" ", text)
    if config.remove_soft_hyphens:
        text = text.replace(_SOFT_HYPHEN, "")
    if config.remove_zero_width:
        text = _ZERO_WIDTH.sub("", text)
    if config.remove_bidi_controls:
        text = _BIDI_CONTROLS.sub("", text)
    text = _CONTROL.sub("", text)
    if config.normalization is not None:
        # Removing characters can leave a base and a combining mark adjacent.
        text = unicodedata.normalize(config.normalization, text)
    return text


@functools.lru_cache(maxsize=1)
def _ftfy_work() -> re.Pattern[str]:
    """What only ftfy's own passes rewrite: C1 controls (read as Windows-1252), terminal
    escapes, surrogates and the ligature letters (listed from ftfy itself)."""
    return re.compile(f"[\\x80-\\x9f\\x1b\\ud800-\\udfff{_ligature_letters()}]")


@functools.lru_cache(maxsize=1)
def _ftfy_controls() -> re.Pattern[str]:
    """The characters ftfy's control-character pass deletes (its own table), in one class:
    deleted by one scan, where translating by the table reads every character through a
    dict. A table that maps a character to anything but None is refused (the class
    could not stand for it)."""
    from ftfy.chardata import CONTROL_CHARS

    if any(value is not None for value in CONTROL_CHARS.values()):
        raise RuntimeError("ftfy's CONTROL_CHARS maps a character to something other than None")
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS)) + "]")


def _looks_bad(text: str) -> bool:
    """ftfy's mojibake test (``badness.is_bad``) of any of the text's lines, as ftfy's
    fix_text asks it, the fast way."""
    return _mojibake_trigger().search(text) is not None and _badness.lines_badness_search()(text)


def _repair_light(text: str, config: RepairConfig) -> str | None:
    """The full path's output without running ftfy over the text line by line, where
    ftfy would only unescape entities, turn line breaks into "\\n" and delete control
    characters: a text with no mojibake (before and after), no entity left, and none of
    what only ftfy's other passes rewrite (_ftfy_work). None where that does not hold:
    the full path then runs.

    A CR or CRLF line end, a no-break space, a tab, a byte-order mark, a zero-width space
    or an HTML entity had sent a text through ftfy segment by segment for what a few
    string replacements do, for the same output (benchmarks/repair.py times both paths
    on such text; tests/test_repair.py compares them)."""
    if config.fix_character_width or config.uncurl_quotes or _ftfy_work().search(text) is not None:
        return None
    from ftfy.fixes import fix_line_breaks, unescape_html

    # what _repair_once does before ftfy, then ftfy's passes that act on this text, in its
    # order: entities first (where it unescapes them, as "auto" does in text without "<"),
    # its mojibake test on what they leave
    text = _line_ends(text, config)
    if _holds_entity(text):
        if not (config.unescape_html is True or (config.unescape_html == "auto" and "<" not in text)):
            return None
        text = unescape_html(text)
        if _holds_entity(text):  # escaped twice: ftfy's next pass would unescape again
            return None
    if config.fix_mojibake and _looks_bad(text):
        return None
    if config.normalize_whitespace:
        text = fix_line_breaks(text)
    # ftfy's control-character pass deletes every character of its table (all map to None)
    text = _ftfy_controls().sub("", text)
    if config.normalization is not None:
        text = unicodedata.normalize(config.normalization, text)
    # ftfy runs its passes again until nothing changes: the deletions must not have made
    # mojibake or an entity of what was apart (nor may ours, below, for the next pass)
    if _holds_entity(text) or (config.fix_mojibake and _looks_bad(text)):
        return None
    fixed = _own_steps(text, config)
    if _holds_entity(fixed) or (config.fix_mojibake and _looks_bad(fixed)):
        return None
    return fixed


def _first_difference(a: str, b: str) -> int:
    """Where ``a`` and ``b`` first differ (their common prefix's length), by bisection:
    slice comparisons run in C, so this is O(n log n) in memcmp, not a Python loop."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True)
class RepairEncoding:
    """Stage: :func:`repair_encoding` on ``text`` and ``title``; records that it changed.

    >>> RepairEncoding()(Document(id="x", text="cafÃ©")).text
    'café'
    """

    config: RepairConfig = DEFAULT_REPAIR
    # Markup is repaired after extraction (StripBoilerplate does it): the extracted text
    # is a few KB where the page is often 100+ KB, and entities are resolved by then.
    skip_markup: bool = True
    name: str = "repair"

    def __call__(self, doc: Document) -> Document:
        if self.skip_markup and looks_like_html(doc.text):
            return doc
        text = repair_encoding(doc.text, config=self.config)
        title = repair_encoding(doc.title, config=self.config) if doc.title else doc.title
        if text == doc.text and title == doc.title:
            return doc
        start = _first_difference(doc.text, text)
        # The excerpt is where the first change is, not the document's opening.
        edit = Edit(self.name, "encoding", doc.text[max(0, start - 20):start + 60], text[max(0, start - 20):start + 60])
        return dataclasses.replace(doc, text=text, title=title, edits=(*doc.edits, edit))

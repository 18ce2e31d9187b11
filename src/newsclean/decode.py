"""Bytes to text: BOM, then a declared charset, then detection, never a crash.

The order matters: a BOM is proof, valid multi-byte UTF-8 nearly so, a declaration (HTML ``<meta charset>`` or an XML
declaration) is the author's claim and is only trusted if the bytes decode cleanly
with it, and detection is a guess. Strict UTF-8 is tried before detection because
detectors sometimes call short UTF-8 text cp1252, which would make mojibake.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from typing import TYPE_CHECKING

import regex

from newsclean._unicode import without_lone_surrogates
from newsclean.document import Document, Edit
from newsclean.errors import InputError, describe_type

if TYPE_CHECKING:
    from newsclean.langid import LanguageGuess

__all__ = ["Decode", "decode_bytes"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_DECLARED = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]{2,40})""",
    regex.IGNORECASE,
)

# Browsers (WHATWG Encoding) read these labels as windows-1252, and so do we: pages
# that declare latin-1 routinely contain cp1252 quotes and dashes in 0x80-0x9F.
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}

# Only the head of a document is searched for a declaration, as browsers do.
_DECLARATION_WINDOW = 4096
# Detection on huge inputs is slow and no more accurate than on a sample.
_DETECTION_SAMPLE = 64 * 1024
_MIN_DETECTION_BYTES = 200
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _normalise_label(label: str) -> str | None:
    label = label.strip().lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# Magic numbers of files that are never text, and what each is.
_BINARY_MAGIC = ((b"\x7fELF", "an ELF executable"), (b"MZ", "a Windows executable"),
                 (b"\xcf\xfa\xed\xfe", "a Mach-O executable"), (b"\xfe\xed\xfa", "a Mach-O executable"),
                 (b"PK\x03\x04", "a zip archive"), (b"%PDF", "a PDF"), (b"\x89PNG", "a PNG image"),
                 (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
                 (b"\x1f\x8b", "gzip-compressed data: decompress it first"))
# C0 control bytes that text does not hold (tab, line feed, vertical tab, form feed and
# carriage return are text's; NUL is counted apart).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20)])


def binary_kind(data: bytes) -> str:
    """What ``data`` is when it is no text ("a PDF", "a PNG image", "binary data"), else "".

    A known file magic, or NUL bytes in the head among many of them or of other control
    bytes: a page with a stray NUL or two is text, as is UTF-16 without its BOM (every other
    byte a NUL, decode_bytes reads it); data without a known magic is not (about one byte
    in eight of random bytes is a control). The command line refused such files; a
    Parquet column of bytes, or ``clean(bytes)``, had decoded a PDF into a page of noise.

    >>> binary_kind(b"%PDF-1.4 ..."), binary_kind("Some text.".encode("utf-16-le")), binary_kind(b"Text.")
    ('a PDF', '', '')
    """
    head = bytes(data[:4096])
    for magic, kind in _BINARY_MAGIC:
        # "MZ" is also how a text may open ("MZ Wallace opened a store"); an executable's
        # header that follows it always holds NUL bytes
        if head.startswith(magic) and (magic != b"MZ" or b"\x00" in head):
            return kind
    if b"\x00" not in head or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return ""
    if _utf16_order(head) is not None:  # UTF-16 without its BOM: decode_bytes reads it
        return ""
    # At least a few: one stray NUL in a line of text is no sign of binary data.
    nuls, controls = head.count(0), len(head) - len(head.translate(None, _CONTROL_BYTES))
    return "binary data" if (nuls >= _FEW and 100 * nuls > len(head)) or 100 * controls > len(head) else ""


_FEW = 4


def _utf16_order(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text written so without a byte-order mark (nearly
    every odd byte, or every even one, a NUL: Latin text), else None."""
    even, odd = head[0::2], head[1::2]
    for zeros, chars, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if len(zeros) >= 8 and zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) <= 0.01 * len(chars):
            return encoding
    return None


def decode_bytes(data: bytes) -> tuple[str, str, str]:
    """Decode ``data`` and say how: returns ``(text, encoding, source)``.

    ``source`` is ``"bom"``, ``"declared"``, ``"utf-8"``, ``"detected"`` or
    ``"fallback"`` (UTF-8 with replacement characters: the bytes fit no encoding).

    >>> decode_bytes("café".encode("cp1252"))
    ('café', 'cp1252', 'detected')
    >>> decode_bytes(b'<meta charset="koi8-r">' + "мир".encode("koi8-r"))[1:]
    ('koi8-r', 'declared')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"decode_bytes expects bytes, got {describe_type(data)}")
    data = bytes(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding, "bom"
    if b"\x00" in data[:64]:
        # UTF-16 without its BOM (a Windows export): read byte by byte as a legacy charset
        # it lost every character past Latin-1 ("€" became "¬ ").
        order = _utf16_order(data[:4096])
        if order is not None:
            return data.decode(order, errors="replace"), order, "detected"
    # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares: legacy text
    # almost never forms valid multi-byte sequences by chance, while pages that declare
    # latin-1 and serve UTF-8 are common.
    if not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8", "utf-8"
        except UnicodeDecodeError:
            pass
    match = _DECLARED.search(data[:_DECLARATION_WINDOW])
    if match:
        label = (match.group(1) or match.group(2)).decode("ascii", "ignore")
        declared = _normalise_label(label)
        if declared is not None:
            try:
                return data.decode(declared), declared, "declared"
            except (UnicodeDecodeError, LookupError):
                pass  # the declaration lied; fall through to evidence from the bytes
    try:
        return data.decode("utf-8"), "utf-8", "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    if guess is not None:
        try:
            return data.decode(guess), guess, "detected"
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace"), "utf-8", "fallback"


def _detect(data: bytes) -> str | None:
    # Detectors are unreliable on a few dozen bytes (they call "café" UTF-16); short
    # non-UTF-8 text is far more often Windows-1252 than anything else.
    if len(data) < _MIN_DETECTION_BYTES:
        return "cp1252" if not any(b in _CP1252_UNDEFINED for b in data) else None
    import charset_normalizer  # lazy: only undeclared non-UTF-8 bytes need it

    sample = _sample(data)
    best = charset_normalizer.from_bytes(sample).best()
    encoding = _normalise_label(str(best.encoding)) if best is not None else None
    # These bytes are no UTF-8 (decode_bytes tried), and UTF-16/32 without a BOM is only
    # plausible when the bytes are full of NULs: such a guess, or none, leaves the code
    # pages to be read below.
    if encoding and encoding.startswith("utf-") and (encoding == "utf-8" or b"\x00" not in data):
        encoding = None
    # A multi-byte guess stands if it reads as its languages; otherwise the single-byte code
    # pages are read and the language of each reading decides (_by_language). Detectors
    # weigh rare code pages as equals of Windows-1252, by far the commonest legacy encoding
    # of the web (French with many "é" came back as mac-latin2, "Le cafť"): text that no
    # code page reads as its language but that reads as Western European in cp1252 is
    # taken as such.
    if encoding is not None and encoding.startswith(_MULTIBYTE) and _reads_as_its_languages(sample, encoding):
        return encoding
    by_language = _by_language(sample, encoding)
    if by_language is not None:
        return by_language
    if encoding != "cp1252" and _reads_as_western(sample):
        return "cp1252"
    return encoding


_NON_ASCII_BYTE = re.compile(b"[\x80-\xff]")
# Bytes kept before the first one outside ASCII, for the context of its words.
_SAMPLE_LEAD = 1024


def _sample(data: bytes) -> bytes:
    """The _DETECTION_SAMPLE bytes detection reads: from shortly before the first byte
    outside ASCII, where the text's own letters begin, rather than from the start (a
    1 MB page's first 64 KB were style sheets and scripts, all ASCII, and came back as
    "UTF-8"). Text with NULs (UTF-16 or UTF-32 without a BOM) is read from its start, as
    a shift would part its code units."""
    found = _NON_ASCII_BYTE.search(data)
    if found is None or b"\x00" in data[:_DETECTION_SAMPLE] or found.start() <= _SAMPLE_LEAD:
        return data[:_DETECTION_SAMPLE]
    start = data.rfind(b"\n", 0, found.start() - _SAMPLE_LEAD) + 1  # a line's start
    return data[start:start + _DETECTION_SAMPLE]


# Families of multi-byte encodings and the languages they were made for: a reading in
# one of them stands if it reads as one of those languages (Western text in cp1252 was
# read as cp932 or Big5 now and then, its accented letters taken for kanji).
_MULTIBYTE_LANGUAGES: dict[str, frozenset[str]] = {
    "gb": frozenset({"zh"}), "big5": frozenset({"zh"}), "cp936": frozenset({"zh"}), "cp950": frozenset({"zh"}),
    "hz": frozenset({"zh"}), "shift": frozenset({"ja"}), "cp932": frozenset({"ja"}), "euc_jp": frozenset({"ja"}),
    "euc-jp": frozenset({"ja"}), "iso2022_jp": frozenset({"ja"}), "euc_kr": frozenset({"ko"}),
    "euc-kr": frozenset({"ko"}), "cp949": frozenset({"ko"}), "johab": frozenset({"ko"}),
    "iso2022_kr": frozenset({"ko"}), "utf": frozenset(),
}
_MULTIBYTE = (*_MULTIBYTE_LANGUAGES, "euc", "iso2022")


def _reads_as_its_languages(data: bytes, encoding: str) -> bool:
    """Whether ``data`` read in ``encoding`` (multi-byte) is text in a language that
    encoding was made for (any UTF, and a family not listed, are taken at their word)."""
    family = next((name for name in _MULTIBYTE_LANGUAGES if encoding.startswith(name)), None)
    languages = _MULTIBYTE_LANGUAGES.get(family) if family is not None else None
    if not languages:
        return True
    lines = _language_lines(data)
    try:
        text = (lines or _without_markup(data)).decode(encoding, errors="replace")
    except LookupError:
        return True
    return _language_of(text).lang in languages


# Scripts, style sheets and tags: markup, whose lines outside ASCII (a "&nbsp;" written as
# its byte in a menu's <div>) say nothing of the text's language. Read in the bytes: every
# encoding asked here keeps ASCII as ASCII, and no multi-byte one it asks puts "<", ">" or
# a line feed inside a character.
_MARKUP = re.compile(rb"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[^<>]*>", re.DOTALL | re.IGNORECASE)
# A byte outside ASCII but the single-byte code pages' no-break space (0xA0): a line of
# those alone is a page's layout.
_TEXT_BYTE = re.compile(b"[\x80-\x9f\xa1-\xff]")


def _without_markup(data: bytes) -> bytes:
    return _MARKUP.sub(b" ", data) if b"<" in data else data


def _language_lines(data: bytes) -> bytes:
    """The lines of ``data`` (its markup out) with bytes outside ASCII, joined: where the
    code pages read a text apart, and what says its language when its opening is English
    boilerplate. Found once in the bytes for every reading."""
    return b" ".join(line for line in _without_markup(data).split(b"\n") if _TEXT_BYTE.search(line))


def _language_of(text: str) -> LanguageGuess:
    from newsclean.langid import detect_language  # a sibling module, asked on this path alone

    return detect_language(text[:_LANGUAGE_SAMPLE])


# The single-byte code pages of the web's legacy text and the languages each was made for
# (Microsoft's Windows code pages, ISO 8859-2 and KOI8): in order of preference where two
# read the bytes the same way.
_CODE_PAGE_LANGUAGES: dict[str, frozenset[str]] = {
    "cp1252": frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "is", "ga",
                         "ca", "eu", "gl", "af", "id", "ms", "sw", "lb", "oc", "br", "co", "fy", "gd", "cy", "la",
                         "tl", "so", "et"}),
    # Latin-9: Latin-1 with the euro sign and the French and Finnish letters; taken over
    # cp1252 only where its words read better, or for its euro sign (_latin9_euro)
    "iso8859-15": frozenset({"fr", "fi", "et", "de", "es", "it", "pt", "nl", "ca", "eu", "gl", "en"}),
    "cp1250": frozenset({"pl", "cs", "sk", "hu", "hr", "sl", "ro", "sq", "bs", "sr"}),
    "iso8859-2": frozenset({"pl", "cs", "sk", "hu", "hr", "sl", "ro", "sq", "bs", "sr"}),
    "cp1254": frozenset({"tr", "az"}),
    "cp1257": frozenset({"lt", "lv", "et"}),
    "cp1251": frozenset({"ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "tg", "mn"}),
    "koi8-r": frozenset({"ru"}),
    "koi8-u": frozenset({"uk"}),
    "cp1253": frozenset({"el"}),
    "cp1255": frozenset({"he", "yi"}),
    "cp1256": frozenset({"ar", "fa", "ur"}),
}
_LANGUAGE_SAMPLE = 400


def _latin9_euro(data: bytes) -> bool:
    """Byte 0xA4 is Latin-9's euro sign and cp1252's rare currency sign "¤"; text without
    any of cp1252's own bytes (0x80-0x9F: its curly quotes, dashes and euro sign) that
    writes 0xA4 is Latin-9 ("10 ¤" read as cp1252 was "10 €" in Western articles encoded in
    Latin-9: benchmarks/decoding.py)."""
    return b"\xa4" in data and _C1_BYTES.search(data) is None


_C1_BYTES = re.compile(b"[\x80-\x9f]")
_C1_CONTROLS = re.compile("[\x80-\x9f]")
# The detector's own reading stands unless another is surer by this much.
_LANGUAGE_MARGIN = 0.05


def _by_language(data: bytes, detected: str | None) -> str | None:
    """The code page that reads ``data`` as a language it was made for, the one whose
    words with letters outside ASCII wordfreq's list of that language knows best, then
    the one language identification is surest of; the detector's own (``detected``)
    where it is as good; None when no reading is in such a language.

    Detectors weigh code pages by byte statistics alone and confuse those that share most
    of their letters: Turkish in cp1254 came back as cp1250 or ISO 8859-10, Polish and
    Czech in ISO 8859-2 as ISO 8859-10 or 8859-14 (benchmarks/decoding.py). A wrong code
    page puts wrong letters in the words that carry the language's own letters, which the
    language model reads as another language or with less confidence, and which no
    dictionary holds."""
    lines = _language_lines(data)
    head = b"" if lines else _without_markup(data)[:4 * _LANGUAGE_SAMPLE]  # ASCII: read alike by all
    readings: dict[str, tuple[float, float]] = {}  # encoding -> (words known, confidence)
    for encoding, languages in _CODE_PAGE_LANGUAGES.items():
        try:
            data.decode(encoding)  # a code page that leaves a byte undefined cannot be the text's
            outside = lines.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _C1_CONTROLS.search(outside):  # ISO 8859 reads cp1252's quotes as C1 controls: no text
            continue
        guess = _language_of(outside or head.decode(encoding))
        if guess.lang in languages:
            readings[encoding] = (_known_words(outside, guess.lang), guess.confidence)
    if not readings:
        return None
    latin9 = readings.pop("iso8859-15", None)
    if not readings:
        return "iso8859-15" if latin9 is not None else None
    best = max(readings, key=lambda encoding: readings[encoding])  # ties: the table's order
    # Latin-9 is Latin-1 but for eight bytes: taken over cp1252 where its words read
    # better ("cœur", not "c½ur"), or where the bytes hold its euro sign
    if best == "cp1252" and latin9 is not None and (latin9[0] > readings[best][0] or (
            latin9[0] >= readings[best][0] and _latin9_euro(data))):
        return "iso8859-15"
    if detected in readings and readings[detected][0] >= readings[best][0] \
            and readings[detected][1] >= readings[best][1] - _LANGUAGE_MARGIN:
        return detected
    return best


# What parts a token from the word it holds: punctuation and symbols at its ends.
_TOKEN_EDGES = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")


def _known_words(text: str, lang: str) -> float:
    """The share of ``text``'s words with letters outside ASCII that are words of ``lang``
    (wordfreq's list of it): two code pages of one language read its letters apart (ISO
    8859-2 and cp1250 put "š" and "ą" at each other's byte), and the language model is
    about as sure of "školy" as of "ąkoly", which no dictionary holds. 0 without a list."""
    import wordfreq  # a core dependency (story mode's weights)

    # only a list of the language itself (wordfreq would answer for another with a warning)
    if lang not in wordfreq.available_languages(wordlist="small"):
        return 0.0
    known = wordfreq.get_frequency_dict(lang, wordlist="small")
    # whitespace-parted tokens, so that a symbol a wrong code page puts inside a word
    # ("mi±sto") spoils the word instead of cutting it into two that look known
    words = [_TOKEN_EDGES.sub("", token) for token in text.lower().split() if not token.isascii()]
    words = [word for word in words if word and not word.isascii()]
    return sum(word in known for word in words) / len(words) if words else 0.0


_WESTERN_LETTERS = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŒŠŽŸß")
_WESTERN_MARKS = frozenset("’‘“”„–—…€«»°£§©®·¿¡ªº")


def _reads_as_western(data: bytes) -> bool:
    """The bytes, decoded as cp1252, are Western European text: every non-ASCII
    character is an accented Latin letter or typographic mark, and accented letters
    sit among ASCII ones (Cyrillic or Greek read as cp1252 is all accented letters)."""
    if any(b in _CP1252_UNDEFINED for b in data):
        return False
    text = data.decode("cp1252")
    accented = ascii_letters = 0
    for char in text:
        if char.isascii():
            ascii_letters += char.isalpha()
        elif char in _WESTERN_LETTERS:
            accented += 1
        elif char not in _WESTERN_MARKS and not char.isspace():
            return False
    return accented > 0 and accented < ascii_letters


@dataclasses.dataclass(frozen=True)
class Decode:
    """Stage: turn ``Document.raw`` bytes into ``text``; record the encoding in ``meta``.

    A document that already has text passes through with ``meta["encoding"]`` unset.

    >>> Decode()(Document(id="x", text="", raw="naïve".encode())).text
    'naïve'
    """

    name: str = "decode"

    def __call__(self, doc: Document) -> Document:
        if doc.raw is None:
            # Text that arrived as str (JSON, Python) can hold lone surrogates, which no
            # output can encode: they become U+FFFD here, with an edit saying so.
            text = without_lone_surrogates(doc.text)
            if text is doc.text:
                return doc
            where = next(i for i, (a, b) in enumerate(zip(doc.text, text)) if a != b)
            edit = Edit(self.name, "lone-surrogate", ascii(doc.text[max(0, where - 20):where + 20]),
                        text[max(0, where - 20):where + 20])
            return dataclasses.replace(doc, text=text, edits=(*doc.edits, edit))
        kind = binary_kind(doc.raw)
        if kind:
            raise InputError(f"the document is {kind}, not text")
        text, encoding, source = decode_bytes(doc.raw)
        decoded = dataclasses.replace(doc, text=text, raw=None)
        return decoded.with_meta(encoding=encoding, encoding_source=source)

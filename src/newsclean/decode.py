"""Bytes to text: BOM, then a declared charset, then detection, never a crash.

The order matters: a BOM is proof, valid multi-byte UTF-8 nearly so, a declaration (HTML ``<meta charset>`` or an XML
declaration) is the author's claim and is only trusted if the bytes decode cleanly
with it, and detection is a guess. Strict UTF-8 is tried before detection because
detectors sometimes call short UTF-8 text cp1252, which would make mojibake.
"""

from __future__ import annotations

import codecs
import dataclasses

import regex

from newsclean._unicode import without_lone_surrogates
from newsclean.document import Document, Edit
from newsclean.errors import InputError, describe_type

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

    best = charset_normalizer.from_bytes(data[:_DETECTION_SAMPLE]).best()
    if best is None:
        return None
    encoding = _normalise_label(str(best.encoding))
    # UTF-16/32 without a BOM is only plausible when the bytes are full of NULs.
    if encoding and encoding.startswith("utf-") and encoding != "utf-8" and b"\x00" not in data:
        return None
    # Detectors weigh rare code pages as equals of Windows-1252, by far the commonest
    # legacy encoding of the web: French with many "é" came back as mac-latin2 ("Le
    # cafť"). Text that reads as Western European in cp1252 is taken as such.
    if encoding != "cp1252" and _reads_as_western(data[:_DETECTION_SAMPLE]):
        return "cp1252"
    return encoding


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

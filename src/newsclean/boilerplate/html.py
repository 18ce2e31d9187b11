"""HTML to article text through trafilatura, with a linear fallback that never fails.

The trafilatura settings were chosen by measurement on the article-extraction
benchmark (see ``benchmarks/boilerplate.py``): comments off, precision favoured.
trafilatura can give up (tiny fragments, pathological nesting); then tags are stripped
by a linear scan and the plain-text classifier decides, so HTML never crashes a batch.
Where trafilatura kept under half of what the page's paragraphs say, readability-lxml
gives a second opinion (_second_opinion): on trafilatura's own evaluation suite it cut the
failed checks 438 -> 423 (benchmarks/realpages.py). Before it, trafilatura's default setting
is asked where its precision setting kept under half of the paragraph text, and taken when
twice as long (WCXB's development pages, benchmarks/wcxb.py: F1 0.799 -> 0.809). A page
whose og:type is not "article" gets the default setting from the start. A page laid out
in a table, the article in one cell beside menus and teasers, which trafilatura keeps as
the table's rows, takes readability's text where it holds the article's cell in less
(_layout_table_opinion), or where it holds a part of the cells' prose under half as long
(layout_part: the cells held chrome too; StripBoilerplate asks the same of the line
classifier's reading of the page's text); readability is asked once a page at most. trafilatura runs with
its costliest pruning expressions answered by boilerplate/pruning.py (the same elements).
"""

from __future__ import annotations

import collections
import functools
import html as _html
import itertools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import regex

from newsclean._compiled_copy import load_compiled_module
from newsclean._unicode import without_lone_surrogates
from newsclean.boilerplate.anchor import holds_description, lede_description
from newsclean.boilerplate.pagemeta import PageMetadata, page_description, page_metadata, title_from_text, without_urls
from newsclean.boilerplate.pruning import python_pruning
from newsclean.boilerplate.text import ENDS_SENTENCE

__all__ = [
    "MAX_ATTRIBUTES", "HtmlExtraction", "extract_html", "looks_like_html", "without_attribute_floods", "xml_compatible",
]

# A tag's name may hold "-", ":", "." and "_" (web components such as
# "<discourse-assets>", namespaced "<og:image>"), and its attributes any length (a data
# attribute can hold a page's preloaded JSON). Linear without a bound: a scan from one
# "<" stops at the next "<" or ">", so no two scans cover the same text, and the
# possessive quantifiers never give back (a name split into groups by its hyphens
# backtracked quadratically on "<a-a-a-..."). Declarations ("<!DOCTYPE html>", "<?xml
# ...?>") are markup too.
_TAG = regex.compile(r"</?[a-zA-Z][-:._a-zA-Z0-9]*+(?:\s[^<>]*+)?/?>|<[!?][a-zA-Z][^<>]*+>")
_STRUCTURAL = regex.compile(
    r"<(?:!doctype\s+html|html|head|body|article|div|p|span|table|meta|title|br|section|main|"
    r"h[1-6]|ul|li|a\s)\b",
    regex.IGNORECASE,
)
_BLOCK_TAG = regex.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|nav|blockquote|title|aside|main|figure|figcaption)\b[^<>]*+>",
    regex.IGNORECASE,
)
# Comments and elements whose content is not text. Each opening is followed by one
# search for its end (an unclosed one runs to the end of the page, as in a browser):
# a lazy ".*?" per opening was quadratic on a page of unclosed "<script>" tags.
_HIDDEN_OPEN = re.compile(r"<!--|<(script|style|noscript|template)\b", re.IGNORECASE)
_HIDDEN_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "noscript", "template")}
# Below this many words from precision mode, the recall setting is tried (extract_html).
RECALL_RETRY_WORDS = 100
# Nesting beyond this is not a real page; lxml and trafilatura recurse on depth.
_MAX_TAGS_FOR_TRAFILATURA = 200_000
# libxml2's HTML parser stops nesting at 256 elements and silently drops what lies
# deeper (measured: text 254 <div>s inside <html><body><article> is lost). Pages nested
# this deep go to the tag-strip path, which has no depth, with a note in meta.
_MAX_DEPTH_FOR_LXML = 250
# Only containers that pages close: void elements and those whose end tag is routinely
# left out (p, li, td) would make ordinary pages look deep. A literal "<" lets the
# stdlib engine skip through the text (~0.6 ms per benchmark page). "<\\/div>" is the
# closing tag of markup held in a script's JSON string.
_CONTAINER_TAG = re.compile(
    r"<(\\?/?)(?:div|span|section|article|main|aside|header|footer|nav|ul|ol|table|blockquote|font|form|figure|"
    r"center|dl|b|i|em|strong|a|h[1-6])[\s>]",
    re.IGNORECASE,
)


def nesting_depth(markup: str, *, stop_at: int = _MAX_DEPTH_FOR_LXML) -> int:
    """How deep container elements nest in ``markup`` (opened minus closed), up to ``stop_at``.

    One linear scan of the container tags. Stray closing tags (in scripts, or closing
    what was never opened) lower the count rather than being ignored: ignoring them made
    a page whose scripts hold closing tags look 250 deep.

    >>> nesting_depth("<div><div><p>x</div></div>")
    2
    """
    depth = deepest = 0
    for closing in _CONTAINER_TAG.findall(markup):
        if closing:
            depth -= 1
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest >= stop_at:
                    break
    return deepest


# Markup without a block element: a feed item's or a CMS field's inline formatting
# ("<b>Breaking:</b> The council ...", "<em>historic</em>"), read as plain text, kept its
# tags in the clean text. An inline element counts when it opens, holds text and closes
# within _INLINE_PAIR_REACH characters; the first _INLINE_OPENS_READ openings are read, so
# that a text of openings that never close costs a bounded scan. Text-level elements
# only: any element would take a page of code samples for markup (a Maven file's
# "<groupId>org.springframework</groupId>" in a tutorial's text, WCXB).
_INLINE_NAMES = ("b", "i", "em", "strong", "u", "s", "span", "font", "small", "big", "sup", "sub", "mark", "cite",
                 "q", "abbr", "ins", "del")
_INLINE_OPEN = regex.compile(rf"<({'|'.join(_INLINE_NAMES)})(?:\s[^<>]*+)?>", regex.IGNORECASE)
_INLINE_CLOSE = {name: regex.compile(rf"</{name}\s*>", regex.IGNORECASE) for name in _INLINE_NAMES}
# A text that is one element, start to end ("<description>...</description>", a feed's
# field copied whole), is markup whatever the element.
_WHOLE_ELEMENT = regex.compile(r"\s*<([a-zA-Z][-:._a-zA-Z0-9]*+)(?:\s[^<>]*+)?>")
_INLINE_PAIR_REACH = 2000
_INLINE_PAIR_CHARS = 2000
_INLINE_OPENS_READ = 32
_CDATA_OPEN, _CDATA_CLOSE = "<![CDATA[", "]]>"
# A line break set between two words ("... on Monday.<br>The mayor ..."): a feed's or a
# form field's markup; prose that names the tag spaces it ("the <br> tag").
_GLUED_BREAK = regex.compile(r"\S<br\s*/?>\S", regex.IGNORECASE)


def _holds_inline_pair(head: str) -> bool:
    """Whether ``head`` holds inline elements that open on a word and close after one, one
    for every _INLINE_PAIR_CHARS characters at least (a formatted field has them
    throughout; a whole page's plain text with one tag its site printed literally,
    "<strong>verified battery health report</strong>" in WCXB, is not markup)."""
    wanted = max(1, len(head) // _INLINE_PAIR_CHARS)
    found = 0
    for count, opening in enumerate(_INLINE_OPEN.finditer(head)):
        if count == _INLINE_OPENS_READ:
            return False
        end = opening.end()
        closing = _INLINE_CLOSE[opening.group(1).lower()].search(head, end, end + _INLINE_PAIR_REACH)
        # Markup sets the element on its words ("<b>Breaking:</b>"); prose that names the
        # tags spaces them from its words ("use <b> for bold and </b> to end it").
        if (closing is not None and closing.start() > end and not head[end].isspace()
                and not head[closing.start() - 1].isspace()
                and any(char.isalnum() for char in head[end:closing.start()])):
            found += 1
            if found >= wanted:
                return True
    return False


def _opens_with_hidden_element(head: str) -> bool:
    """Whether ``head`` opens with a comment, a CDATA section or a script, style, noscript
    or template element that closes: a fragment of a page or a feed ("<script>...</script>", an embed's code),
    whose text read as prose was code. Prose that names the tags ("put it in a <script>
    tag") does not open with one."""
    start = len(head) - len(head.lstrip())
    if head.startswith(_CDATA_OPEN, start):
        return _CDATA_CLOSE in head  # a feed's description, its HTML inside
    opening = _HIDDEN_OPEN.match(head, start)
    if opening is None:
        return False
    rest = head[opening.end():]
    if opening.group(1) is None:
        return "-->" in rest
    return _HIDDEN_CLOSE[opening.group(1).lower()].search(rest) is not None


def looks_like_html(text: str) -> bool:
    """True if ``text`` is markup rather than prose that mentions a tag: two tags or more
    and a block or document element, an inline element around words, a line break between
    two, a page's comment, script or style element or a CDATA section at its start, or one
    element around the whole text.

    >>> looks_like_html("<p>Hello</p>"), looks_like_html("a < b and c > d")
    (True, False)
    >>> looks_like_html("<b>Breaking:</b> Council backs budget"), looks_like_html("<script>f()</script>")
    (True, True)
    """
    head = text[:20000]
    # Both the repair and the boilerplate stage ask; for plain text (no "<") the answer
    # costs one memchr instead of a regex scan of 20k characters.
    if "<" not in head:
        return False
    if _STRUCTURAL.search(head) is not None:
        tags = _TAG.finditer(head)
        if next(tags, None) is not None and next(tags, None) is not None:
            return True
    return (_holds_inline_pair(head) or _opens_with_hidden_element(head) or _GLUED_BREAK.search(head) is not None
            or _is_one_element(text))


def _is_one_element(text: str) -> bool:
    """Whether ``text`` is one element from start to end: it opens with a tag and ends
    with that element's end tag."""
    opening = _WHOLE_ELEMENT.match(text)
    return opening is not None and regex.search(
        rf"</{regex.escape(opening.group(1))}\s*>\s*$", text[-200:], regex.IGNORECASE) is not None


@dataclass(frozen=True)
class HtmlExtraction:
    """What came out of a page: body lines, metadata, and how it was obtained."""

    lines: list[str]
    # Title, date, byline, site name..., with where each came from (see pagemeta.py).
    metadata: PageMetadata
    # "trafilatura", "trafilatura (recall)", "trafilatura (default)", "readability", "tag-strip",
    # or (set by StripBoilerplate) "page text"
    method: str
    note: str = ""
    # Reader comments, one paragraph each; only asked for with comments=True.
    comments: tuple[str, ...] = ()
    # Asked for with readings=True, where trafilatura's default or recall setting gave the
    # text (the precision setting's pages and readability's own text are not voted on):
    # readability-lxml's lines (empty where it found nothing) and the whole page's text
    # lines by the linear tag scan, the other two readings of the page that vote on
    # trafilatura's lines (vote.py). None otherwise.
    readability_lines: tuple[str, ...] | None = None
    page_lines: tuple[str, ...] | None = None
    # Where trafilatura's text is a page's layout table that readability's text did not
    # replace: the table's prose cells, and ``page_lines`` (asked for or not) for the
    # stage's page-text reading, which may replace it (layout_part).
    layout_cells: tuple[str, ...] = ()
    # The page's description of itself (anchor.lede_description) where ``lines`` do not
    # hold it, on the pages given ``page_lines`` for the vote: the stage's reading anchored
    # on it may replace ``lines`` (anchor.py).
    missed_description: str = ""


# Characters XML 1.0 does not allow: they print nothing, and lxml's parser stopped reading
# a page at a NUL (the article after it lost) while readability-lxml, asked to set a C0
# control as text, logged a traceback and failed. xml_compatible() takes them out first.
# C0 controls but tab, line feed and carriage return: each is one byte in UTF-8.
_NOT_XML_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_compatible(markup: str) -> str:
    """``markup`` as the HTML parsers can read it whole: a lone surrogate becomes U+FFFD
    (as everywhere in newsclean), a vertical tab or form feed a space (they separate words
    as spaces do), and the other C0 controls, U+FFFE and U+FFFF go.

    The test runs over every page, so it is one UTF-8 encoding and one C-speed deletion of
    the control bytes (``benchmarks/boilerplate.py`` times it a page; a regex over the
    characters took three times as long); only a page that holds one is rewritten.

    >>> xml_compatible("a\\x00b\\x0bc")
    'ab c'
    """
    try:
        data = markup.encode("utf-8")
    except UnicodeEncodeError:
        markup = without_lone_surrogates(markup)
        data = markup.encode("utf-8")
    if len(data.translate(None, _NOT_XML_CONTROL_BYTES)) == len(data) and "\ufffe" not in markup \
            and "\uffff" not in markup:
        return markup
    return _NOT_XML.sub(_xml_replacement, markup)


def without_cdata_markers(markup: str) -> str:
    """``markup`` with each CDATA section's markers taken off its text: a feed carries an
    item's HTML in one (``<![CDATA[<p>...</p>]]>``), which the HTML parser reads as a
    bogus comment up to its first ">" and the tag scan kept as words. One scan from each
    opening to its end: linear, and an opening that never closes is left as it is.

    >>> without_cdata_markers("<description><![CDATA[<p>Budget passes</p>]]></description>")
    '<description><p>Budget passes</p></description>'
    """
    if _CDATA_OPEN not in markup:
        return markup
    parts: list[str] = []
    position = 0
    while True:
        start = markup.find(_CDATA_OPEN, position)
        end = markup.find(_CDATA_CLOSE, start + len(_CDATA_OPEN)) if start != -1 else -1
        if end == -1:
            parts.append(markup[position:])
            return "".join(parts)
        parts += [markup[position:start], markup[start + len(_CDATA_OPEN):end]]
        position = end + len(_CDATA_CLOSE)


def _xml_replacement(match: re.Match[str]) -> str:
    return " " if match.group() in "\x0b\x0c" else ""


def extract_html(markup: str, *, favor_precision: bool = True, comments: bool = False,
                 url: str | None = None, readings: bool = False) -> HtmlExtraction:
    """Extract the article of one page. Never raises on markup, however broken.

    ``comments=True`` also collects the reader comments trafilatura finds, apart from
    the article's lines (``HtmlExtraction.comments``): the article stays the same.
    ``url``, where the page came from, helps tell the site's name in its title.
    ``readings=True`` also keeps readability's lines and the page's text lines where
    trafilatura's default or recall setting gave the text (``HtmlExtraction.readability_lines``
    and ``page_lines``), for the line vote of :class:`~newsclean.StripBoilerplate`.

    >>> page = "<html><body><nav>Home</nav><article><p>" + "The council met today. " * 10 + "</p></article></body></html>"
    >>> extract_html(page).lines[0][:22]
    'The council met today.'
    """
    markup, flooded = without_attribute_floods(xml_compatible(without_cdata_markers(markup)))
    markup, ends = without_early_document_ends(markup)
    extraction = _extract(markup, favor_precision=favor_precision, comments=comments, url=url, readings=readings)
    notes = []
    if flooded:
        notes.append(f"{flooded} tag(s) with over {MAX_ATTRIBUTES:,} attributes (the HTML parser reads a tag's "
                     "attributes in quadratic time): their attributes dropped")
    if ends:
        notes.append(f"the page goes on after its first </html>, where the HTML parser stops: its {ends} </html> "
                     "and </body> tag(s) dropped, so the rest is read")
    if not notes:
        return extraction
    return replace(extraction, note="; ".join(filter(None, (*notes, extraction.note))))


# libxml2's HTML parser, which trafilatura, readability and lxml read pages with, drops
# everything after the first </html>, where a browser shows it (HTML5 parses what follows
# into the body). Pages assembled from several documents (a header page included whole,
# then the article's own <html> document) lost their article that way: one L3S-GN1 page
# was read as nothing but its weather box. Where more than comments, scripts, styles
# and whitespace follows the first </html>, every </html> and </body> end tag is dropped: the parser
# closes both at the end of the input, so what came before parses as it did, and the
# rest joins the body. benchmarks/html_limits.py counts the pages this changes and those
# whose text it changes.
_DOCUMENT_END = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_HTML_END = re.compile(r"</html\s*>", re.IGNORECASE)


def without_early_document_ends(markup: str) -> tuple[str, int]:
    """``markup`` without its ``</html>`` and ``</body>`` end tags when more than comments,
    scripts, styles and whitespace follows the first ``</html>``, and how many were dropped.

    >>> without_early_document_ends("<html><body><p>Menu</p></body></html><html><body><p>Story</p></body></html>")
    ('<html><body><p>Menu</p><html><body><p>Story</p>', 4)
    >>> without_early_document_ends("<html><body><p>Story</p></body></html>\\n<!-- cached --><script>t()</script>")[1]
    0
    """
    first = _HTML_END.search(markup)
    # what follows is nearly always nothing, or a tracking script: read as strip_tags does
    if first is None or not _drop_hidden(markup[first.end():]).strip():
        return markup, 0
    return _DOCUMENT_END.subn("", markup)


# libxml2's HTML parser checks each attribute of a tag against those before it, so one
# tag costs the square of its attributes: a <p> with 25,000 took 1.4 s to parse, with
# 50,000 4.0-6.6 s (benchmarks/html_limits.py; and a page is parsed twice when
# readability gives a second opinion). Long tags hold long values (JSON in a data-
# attribute, a data: URI), not thousands of names: over the 181 benchmark pages, WCXB,
# trafilatura's suite and L3S-GN1 (3,590 pages, html_limits.py) the most this count reads
# in one tag is 1,682, markup escaped inside a quoted value, and 667 where a meta tag's
# quote is left open; none passes 2,000, so no page changes. A tag of 2,000 characters or
# more has its attributes counted, and one with more than MAX_ATTRIBUTES keeps its name
# alone; a shorter tag holds under 1,000 (one letter and a space each): a bounded cost
# per character, so the parse stays linear. The literal "<" lets the stdlib engine skip
# through the markup, and each try stops at the next "<" or ">": one linear scan.
MAX_ATTRIBUTES = 2_000
_LONG_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]{0,100})(\s[^<>]{2000,})>")
# Where such a tag may start: a simpler pattern, quicker to try at every "<"
# (benchmarks/html_limits.py times the scan).
_LONG_TAG_START = re.compile(r"<[A-Za-z][^<>]{2000}")
# One attribute: a name, and a value quoted either way or bare (what the parser reads).
_TAG_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")


def without_attribute_floods(markup: str) -> tuple[str, int]:
    """``markup`` with the attributes of every tag that has more than MAX_ATTRIBUTES of
    them dropped, and how many tags that was.

    >>> without_attribute_floods("<p " + " ".join(f"a{i}" for i in range(3000)) + ">Text</p>")
    ('<p>Text</p>', 1)
    >>> without_attribute_floods('<img src="data:,' + "x=y " * 5000 + '"><p>Text</p>')[1]
    0
    """
    # The simpler pattern finds where a long tag may start (one quick scan, no copy); only
    # there is the tag read whole.
    floods = [tag for tag in (_LONG_TAG.match(markup, start.start()) for start in _LONG_TAG_START.finditer(markup))
              if tag is not None and _too_many_attributes(tag.group(2))]
    if not floods:
        return markup, 0
    parts, last = [], 0
    for tag in floods:
        parts += [markup[last:tag.start()], f"<{tag.group(1)}>"]
        last = tag.end()
    return "".join(parts) + markup[last:], len(floods)


def _too_many_attributes(attributes: str) -> bool:
    # whitespace-separated words and "=" signs bound the count from above (C speed)
    return (len(attributes.split()) + attributes.count("=") > MAX_ATTRIBUTES
            and sum(1 for _ in _TAG_ATTRIBUTE.finditer(attributes)) > MAX_ATTRIBUTES)


class _NoElements(Exception):
    """The HTML parser returned no tree: the page's tags are stripped instead (before, the
    metadata readers met None and the page was noted as "trafilatura failed")."""


def _extract(markup: str, *, favor_precision: bool, comments: bool, url: str | None,
             readings: bool = False) -> HtmlExtraction:
    """extract_html on markup the parsers can read."""
    note = ""
    method = "trafilatura"
    voting = False  # the line vote's readings are asked for (below, once the method is known)
    tags = markup.count("<")
    if tags >= _MAX_DEPTH_FOR_LXML and nesting_depth(markup) >= _MAX_DEPTH_FOR_LXML:
        note = f"elements nested {_MAX_DEPTH_FOR_LXML} or more deep (the HTML parser drops deeper text): tags stripped"
    elif tags < _MAX_TAGS_FOR_TRAFILATURA:
        tree: Any = None
        described = ""
        try:
            from trafilatura.utils import load_html

            # One parse for the metadata readers and the extraction (trafilatura cleans
            # a copy of the tree, so the readers see the page as it came).
            tree = load_html(markup)
            if tree is None:  # lxml read no element (markup of stray tags and entities)
                raise _NoElements
            metadata = page_metadata(tree, fallback=_head_metadata(markup), url=url)
            # read before trafilatura, whose cleaning of the tree takes the head's meta elements
            # out; asked only with the readings (anchor.py)
            described = lede_description(page_description(tree)) if readings else ""
            options: dict[str, Any] = {
                "include_comments": comments,
                # trafilatura's metadata pass runs htmldate over the whole tree, as costly
                # as the extraction; pagemeta.py reads what we need for less.
                "with_metadata": False,
                "include_tables": True,
                "deduplicate": False,
            }
            page = tree if tree is not None else markup
            if tree is not None:
                without_heading_anchors(tree)  # after the metadata readers, which read headings as written
                without_item_heading_links(tree)
            # The precision setting was chosen on news articles; a page that does not
            # call itself one (og:type "website", "product", none) gets trafilatura's
            # default setting: on WCXB's development pages F1 0.809 -> 0.819, the 181
            # benchmark pages 0.9745 -> 0.9744 (benchmarks/wcxb.py, boilerplate.py).
            kind = metadata.open_graph_type if tree is not None else "article"
            # A forum thread or Q&A page often calls itself an og:type "article" and says
            # what it is in schema.org's vocabulary; its replies are its text, and the
            # precision setting cut them (`benchmarks/wcxb.py --split dev --types forum`, with
            # the only-line headline rule of boilerplate/__init__.py: 0.681 -> 0.690).
            discussion = _declared_discussion(tree) if kind == "article" else ""
            precise = favor_precision and kind == "article" and not discussion
            if precise and tree is not None:
                # the one setting that deletes an empty element's tail (the other settings,
                # asked below for a retry, keep it themselves)
                without_empty_elements(tree)
            if favor_precision and not precise:
                method = "trafilatura (default)"
                note = (f"the page is a {discussion} by its schema.org type" if discussion
                        else f"the page is no article by its og:type ({kind or 'none'!r})") \
                    + ": trafilatura's default setting"
            result: Any = _bare_extraction(page, favor_precision=precise, **options)
        except _NoElements:
            result, note = None, "the HTML parser read no elements"
        except (RecursionError, ValueError, TypeError, AttributeError, MemoryError) as exc:
            result, note = None, f"trafilatura failed: {type(exc).__name__}"
        else:
            if precise and _words_in(result) < RECALL_RETRY_WORDS:
                # Precision mode sometimes cuts an article to a teaser or to nothing, and
                # a news article under 100 words is rare: the recall setting is tried and
                # the longer text kept. benchmarks/realpages.py reports how many pages
                # take the recall text; a failing retry keeps the precision result.
                try:
                    retry: Any = _bare_extraction(page, favor_recall=True, fast=True, **options)
                except (RecursionError, ValueError, TypeError, AttributeError, MemoryError):
                    retry = None
                if _words_in(retry) > _words_in(result):
                    result, method = retry, "trafilatura (recall)"
                    note = f"the precision setting kept under {RECALL_RETRY_WORDS} words; the recall setting's text"
            if result is None:
                note = "trafilatura found no article"
        if result is not None and getattr(result, "text", None):
            lines = _result_lines(result)
            layout: list[str] = []  # the prose cells where trafilatura's text is a layout table
            if tree is not None:
                paragraph_words = _paragraph_words(tree)
                if precise and method == "trafilatura" and _cut_short(lines, paragraph_words):
                    # Precision mode keeps a fragment of some articles (one section of a
                    # long post, the lede before an embedded box): trafilatura's default
                    # setting is asked where it kept under half of the page's paragraph
                    # text, and its text taken when twice as long. The thresholds are the
                    # second opinion's; benchmarks/wcxb.py measures the rule.
                    try:
                        default: Any = _bare_extraction(page, **options)
                    except (RecursionError, ValueError, TypeError, AttributeError, MemoryError):
                        default = None
                    if _words_in(default) >= SECOND_OPINION_FACTOR * _words_in(result):
                        result, method, lines = default, "trafilatura (default)", _result_lines(default)
                        note = ("the precision setting kept under half the page's paragraph text; the default "
                                "setting's text, twice as long")
                # readability is asked once, where either of its opinions may be taken.
                cut_short, layout = _cut_short(lines, paragraph_words), _layout_cells(lines)
                # The line vote (readings) is for the text of trafilatura's default and recall
                # settings: the precision setting has filtered its lines already, and a vote
                # on them lost more than it won (tools/learn_line_vote.py).
                voting = readings and method != "trafilatura"
                second = (_readability_lines(markup) if cut_short or layout or voting else None) or []
                if second and cut_short and _second_opinion(second, lines):
                    lines, method = second, "readability"
                    note = ("trafilatura kept under half the page's paragraph text; readability's text, twice as "
                            "long and holding trafilatura's")
                elif second and layout and _layout_table_opinion(second, lines, layout):
                    lines, method = second, "readability"
                    note = ("trafilatura's text is a layout table with the article in a cell; readability's "
                            "text, holding that cell's prose without the table's other cells")
                elif second and layout and layout_part(second, lines, layout):
                    lines, method = second, "readability"
                    note = ("trafilatura's text is a layout table whose cells hold the page's chrome with the "
                            "article; readability's text, a part of that prose under half its length")
            found = str(getattr(result, "comments", None) or "") if comments else ""
            metadata = title_from_text(metadata, tree, lines, url=url)
            # The readings vote on trafilatura's text only: readability's own text is not
            # asked about itself.
            voted = voting and method != "readability"
            # a table readability replaced is no layout left for the page-text reading
            layout_cells = tuple(layout) if method != "readability" else ()
            missed = described if described and voted and not holds_description(lines, described) else ""
            return HtmlExtraction(lines, metadata, method, note,
                                  comments=tuple(line.strip() for line in found.split("\n") if line.strip()),
                                  readability_lines=tuple(second) if voted else None,
                                  page_lines=tuple(strip_tags(markup)) if voted or layout_cells else None,
                                  layout_cells=layout_cells, missed_description=missed)
    else:
        note = "too many tags for trafilatura"
    # The head is read by the stdlib readers alone: they are linear on any markup.
    return HtmlExtraction(strip_tags(markup), page_metadata(None, fallback=_head_metadata(markup), url=url),
                          "tag-strip", note)


_META_NAMES = ("og:title", "twitter:title", "article:published_time", "datepublished", "pubdate", "date",
               "dc.date", "author", "article:author", "byl", "og:site_name")
# Only the meta tags we read: the scan stops at "<meta" and reads attributes of few tags.
# The head patterns are stdlib ones: a literal opening ("<meta", '"datePublished"') lets
# the stdlib engine skip through the markup, where regex tries every position.
_META_TAG = re.compile(
    r"<meta\b(?=[^>]{0,2000}?(?:property|name|itemprop)\s*=\s*[\"']?(?:"
    + "|".join(re.escape(n) for n in _META_NAMES)
    + r")[\"'\s/>])[^>]{0,2000}>",
    re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _bare_extraction(page: Any, **options: Any) -> Any:
    """trafilatura's bare_extraction, its costliest pruning expressions answered by
    boilerplate/pruning.py (the same elements, ~2.5-3x faster)."""
    import trafilatura

    with python_pruning():
        return trafilatura.bare_extraction(page, **options)


def _meta_tags(head: str) -> dict[str, str]:
    """``name``/``property``/``itemprop`` -> ``content`` of the page's meta tags (first wins)."""
    found: dict[str, str] = {}
    for tag in _META_TAG.finditer(head):
        attributes = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                      for m in _ATTRIBUTE.finditer(tag.group())}
        content = attributes.get("content")
        if not content:
            continue
        for key in ("property", "name", "itemprop"):
            name = attributes.get(key)
            if name:
                found.setdefault(name.lower(), _html.unescape(content).strip())
    return found


def _first(meta: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((meta[n] for n in names if meta.get(n)), None)


# Opening and closing tags are searched apart (see _element_text): a lazy "(.*?)</h1>"
# retried from every unclosed "<h1>" was quadratic.
_TITLE_OPEN, _TITLE_CLOSE = re.compile(r"<title[^>]*>", re.IGNORECASE), re.compile(r"</title>", re.IGNORECASE)
_H1_OPEN, _H1_CLOSE = re.compile(r"<h1[^>]*>", re.IGNORECASE), re.compile(r"</h1>", re.IGNORECASE)
_JSON_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
# The author object's "name" comes early; the bound keeps unclosed objects linear.
# Types of the item whose author is the article's (schema.org's Article and its kinds).
_ARTICLE_TYPE = re.compile(r"Article$|BlogPosting$|Report$")
# A page's JSON-LD is a few kilobytes; past this it is not read (a page may put a whole
# article body in it), nor past this many items.
_LD_MAX_CHARS = 100_000
_LD_MAX_ITEMS = 200


def _json_ld_authors(head: str) -> str | None:
    """The article's authors as its JSON-LD names them, joined by ", " (``clean_byline``
    parts them): every person of an ``author`` list, where the regex fallback read the
    first alone ("Jane Doe" of "Jane Doe" and "John Roe"). None where no article item
    names one."""
    for block in _ld_blocks(head):
        if len(block) > _LD_MAX_CHARS:
            continue
        try:
            data = json.loads(_html.unescape(block) if "&quot;" in block else block)
        except (ValueError, RecursionError):
            continue
        for item in itertools.islice(_ld_items(data), _LD_MAX_ITEMS):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(isinstance(kind, str) and _ARTICLE_TYPE.search(kind) for kind in kinds):
                continue
            names = _ld_names(item.get("author"))
            if names:
                return ", ".join(dict.fromkeys(names))
    return None


def _ld_blocks(head: str) -> Iterator[str]:
    """The contents of the JSON-LD scripts in ``head``, by str.find: linear on any markup.
    A regex over each "<script" and what follows (its first version) read to the end of the
    head from every one of them where no ">" closed it: 2 s for 64 KB of "<script "."""
    lower = head.lower()
    at = 0
    while (start := lower.find("<script", at)) >= 0:
        opened = lower.find(">", start)
        closed = lower.find("</script", opened) if opened >= 0 else -1
        if closed < 0:
            return  # no script is closed after here
        if "ld+json" in lower[start:opened]:
            yield head[opened + 1:closed]
        at = closed


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document: the top level, a list of them, an ``@graph``."""
    stack = collections.deque([data])
    while stack:
        value = stack.popleft()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            yield value
            if isinstance(value.get("@graph"), list):
                stack.extend(value["@graph"])


def _ld_names(author: Any) -> list[str]:
    """The names of an ``author`` value: a name, a person, or a list of them (an
    organisation's name too, as the page gives it; no web address)."""
    values = author if isinstance(author, list) else [author]
    names = []
    for value in values[:_LD_MAX_ITEMS]:
        name = value.get("name") if isinstance(value, dict) else value
        if isinstance(name, list):  # "name": ["Jane Doe"]
            name = name[0] if name else None
        if isinstance(name, str) and name.strip() and "://" not in name:
            names.append(" ".join(name.split()))
    return names


_JSON_AUTHOR = re.compile(r'"author"\s*:\s*(?:\[\s*)?\{[^}]{0,1000}?"name"\s*:\s*"([^"]+)"')
_ISO_DATE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+[^|\-–—]{2,40}$")


def _element_text(markup: str, opening: re.Pattern[str], closing: re.Pattern[str]) -> str | None:
    """The markup between the first ``opening`` tag and the next ``closing`` one."""
    start = opening.search(markup)
    if start is None:
        return None
    end = closing.search(markup, start.end())
    return markup[start.end():end.start()] if end is not None else None


def _head_metadata(markup: str) -> tuple[str, str | None, str | None, str | None]:
    """Title, ISO date, author and site name from the page's meta tags and JSON-LD."""
    head = markup[:200_000]
    end_of_head = head.find("</head>")
    # Meta tags live in <head>; parsing only it spares the attribute scan of the body.
    meta = _meta_tags(head[:end_of_head] if end_of_head > 0 else head)
    title = _first(meta, ("og:title", "twitter:title")) or ""
    if not title:
        h1 = _element_text(head, _H1_OPEN, _H1_CLOSE)
        tag = _element_text(head, _TITLE_OPEN, _TITLE_CLOSE)
        # An empty <h1> (a logo's image, a placeholder) names nothing: the <title> does
        # (L3S-GN1, theglobeandmail.com: the page's title was lost to its empty <h1>).
        heading = " ".join(_TAG.sub(" ", h1).split()) if h1 is not None else ""
        if heading:
            title = heading
        elif tag is not None:
            title = _SITE_SUFFIX.sub("", " ".join(tag.split()))
    title = _html.unescape(title)
    raw_date = _first(meta, ("article:published_time", "datepublished", "pubdate", "date", "dc.date"))
    if raw_date is None:
        match = _JSON_DATE.search(head)
        raw_date = match.group(1) if match else None
    iso = _ISO_DATE.match(raw_date) if raw_date else None
    author = _first(meta, ("author", "article:author", "byl"))
    if author is None:
        author = _json_ld_authors(head)
    if author is None:
        match = _JSON_AUTHOR.search(head)
        author = _html.unescape(match.group(1)) if match else None
    if author is not None:
        # a link beside the name goes ("Bradley M. Kuhn (http://ebb.org/bkuhn/)"); a link alone
        # names no one
        author = without_urls(re.sub(r"^by\s+", "", author, flags=re.IGNORECASE)).strip()
        if "://" in author or len(author) > 100 or not author:
            author = None
    return title, iso.group() if iso else None, author, _first(meta, ("og:site_name",))


# The second opinion (_second_opinion): asked when the page's <p> elements hold this many
# times the words trafilatura kept, and taken when it has this many times the words and
# holds at least this share of trafilatura's word trigrams. Twice is trafilatura's own
# rule for preferring its readability fallback (external.py); the page-text gate keeps the
# second extraction to the pages that need one.
SECOND_OPINION_FACTOR = 2
SECOND_OPINION_COVERAGE = 0.5


# A heading's link to itself: GitHub-style anchors ("#", "¶", "§", an icon or nothing) that
# blogs and documentation put beside every heading, or the heading's text made its own link.
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ANCHOR_SYMBOLS = frozenset("#¶§🔗⚓∞¤ \t\n\r\u00a0\u200b")


def _in_page(href: str | None) -> bool:
    """Whether a link's ``href`` leads nowhere but this page: a fragment ("#q2"), empty, or
    none at all (a named anchor, ``<a id="wiring"></a>``, or an ``<a>`` kept only for its
    style)."""
    target = (href or "").strip()
    return not target or target.startswith("#")


def without_heading_anchors(tree: Any) -> int:
    """Take the links of headings to their own page section out of ``tree`` (in place): a
    link that is only a symbol goes, one with the heading's words leaves its words. Why:
    trafilatura's precision setting drops a heading holding a link, and with it every
    question of an interview and every section heading of a post whose theme gives each
    heading its anchor (github.blog: all five questions). A link to nowhere but the page
    (_in_page: a fragment, an empty href, a named anchor without one) counts as one to its
    section. Returns how many links went.

    >>> from lxml import html
    >>> page = html.fromstring('<div><h2><b>What next?</b><a href="#next" class="anchor"></a></h2>'
    ...                        '<h3><a href="#why">Why</a></h3><p><a href="#top">Top</a></p></div>')
    >>> without_heading_anchors(page), html.tostring(page, encoding="unicode")
    (2, '<div><h2><b>What next?</b></h2><h3>Why</h3><p><a href="#top">Top</a></p></div>')
    """
    # lxml's tag-filtered walk, in C: an XPath over every element took ~1.8 ms a page on WCXB's
    # test pages, this ~0.16 ms (one-off timings); a heading inside a heading gives its links once.
    links = list(dict.fromkeys(link for heading in tree.iter(*_HEADINGS) for link in heading.iter("a")
                               if _in_page(link.get("href"))))
    for link in links:
        text = link.text_content()
        if all(char in _ANCHOR_SYMBOLS for char in text):
            link.drop_tree()  # keeps the text after it
        else:
            link.drop_tag()  # keeps its words
    return len(links)


# An item heading's paragraph: at least this many words, at most this share of them in links.
_ITEM_PARAGRAPH_WORDS = 25
_ITEM_PARAGRAPH_LINKED = 0.2


def without_item_heading_links(tree: Any) -> int:
    """Take the link out of each heading that is one link followed at once by a paragraph of
    prose (``_ITEM_PARAGRAPH_WORDS`` words or more, at most ``_ITEM_PARAGRAPH_LINKED`` of
    them linked), keeping its words. Why: a list article names each item in a heading that
    links to the item's own site ("<h4><a href=...>Grey Sweater</a></h4>" over a paragraph
    about the restaurant), and trafilatura's precision setting drops a heading made of a
    link, so every item's name went (WCXB dev: headings made of links were the largest kind
    of annotated heading only trafilatura's default setting kept; benchmarks/html_passes.py
    --lost counts what is left with the passes on). A
    teaser's heading links too, and is followed by a blurb or by another teaser: counting the
    paragraphs further down, past figures and boxes, took teaser cards for items on listing
    pages (WCXB dev 13 -> 31 pages changed, the sum of their F1 +0.08 -> -0.20). Returns how
    many links went.

    >>> from lxml import html
    >>> item = "Its patio seats forty, the menu changes weekly, and the owners grew up in the city. " * 2
    >>> page = html.fromstring(f'<div><h4><a href="https://a.example">Grey Sweater</a></h4><p>{item}</p>'
    ...                        '<h4><a href="/story">Other story</a></h4><p>A short blurb.</p></div>')
    >>> without_item_heading_links(page), [h.text for h in page.iter("h4")]
    (1, ['Grey Sweater', None])
    """
    unlinked = []
    for heading in tree.iter("h2", "h3", "h4"):
        links = [link for link in heading.iter("a") if link.get("href")]
        if len(links) != 1 or links[0].text_content().split() != heading.text_content().split():
            continue
        paragraph = heading.getnext()
        if paragraph is None or paragraph.tag != "p":
            continue
        words = len(paragraph.text_content().split())
        linked = sum(len(link.text_content().split()) for link in paragraph.iter("a"))
        if words >= _ITEM_PARAGRAPH_WORDS and linked <= _ITEM_PARAGRAPH_LINKED * words:
            unlinked.append(links[0])
    for link in unlinked:
        link.drop_tag()  # keeps its words
    return len(unlinked)


# The inline elements trafilatura deletes when they are empty (of its CUT_EMPTY_ELEMS, read in
# trafilatura 2.0-2.3): its precision setting deletes them with the text after them. Empty
# block elements are left to it: one stands for a line break (an empty <p/> between a wire
# story's paragraphs), and taking them out moved trafilatura's choice of text on L3S-GN1
# pages (a one-off comparison; a <br> in their place did too).
_EMPTIED_INLINE = ("b", "em", "i", "q", "span", "strong")
# Where the words after an empty inline element are text: the block around it is a
# paragraph, a list item or a heading, and no control (a link, a button) holds it. An icon
# before a label of the page's furniture ("Share on Facebook", a forum post's "Original
# Post" in a <div>) is left as trafilatura reads it: giving such a label its words back moved
# trafilatura's choice of the page's main block (WCXB dev, a forum thread: 694 -> 85 words).
_TEXT_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote"})
_INLINE_OR_CONTROL = frozenset({"a", "abbr", "b", "button", "cite", "code", "em", "font", "i", "label", "mark", "q",
                                "s", "small", "span", "strong", "sub", "sup", "time", "u"})
_CONTROLS = frozenset({"a", "button", "label", "time"})


def _in_text_block(element: Any) -> bool:
    """Whether ``element`` sits in a paragraph, list item or heading, no control around it
    (see _TEXT_BLOCKS)."""
    for ancestor in element.iterancestors():
        tag = ancestor.tag
        if tag in _CONTROLS:
            return False
        if tag not in _INLINE_OR_CONTROL:
            return tag in _TEXT_BLOCKS
    return False


def without_empty_elements(tree: Any) -> int:
    """Take the empty inline elements that have text after them out of ``tree`` (in
    place), the text kept where the element was. Why: trafilatura's precision setting
    deletes an empty element with its tail (htmlprocessing.prune_html keeps tails in the
    other settings only), so an icon (``<i class="fa fa-check"></i>``) or an empty
    ``<span>`` before a list item's words took the words with it: a post's lists between
    its paragraphs vanished (WCXB dev, monsgeek.com: every "Label: sentence" item of four
    lists). Only in a paragraph, list item or heading, outside links and buttons
    (_in_text_block). Returns how many went.

    >>> from lxml import html
    >>> page = html.fromstring('<ul><li><span></span>Fixed switches: they were soldered.</li>'
    ...                        '<li><a href="/share"><i class="icon"></i>Share</a></li></ul>')
    >>> without_empty_elements(page), html.tostring(page, encoding="unicode")
    (1, '<ul><li>Fixed switches: they were soldered.</li><li><a href="/share"><i class="icon"></i>Share</a></li></ul>')
    """
    # lxml's tag-filtered walk, in C; an element with only blank text after it is left to
    # trafilatura, which loses nothing by deleting it.
    empty = [element for element in tree.iter(*_EMPTIED_INLINE)
             if element.text is None and len(element) == 0 and element.tail and not element.tail.isspace()
             and _in_text_block(element)]
    for element in empty:
        element.drop_tree()  # keeps the text after it
    return len(empty)


# schema.org types of a discussion page (a forum thread, a question and its answers).
_DISCUSSION_TYPES = ("DiscussionForumPosting", "QAPage")


def _declared_discussion(tree: Any) -> str:
    """The schema.org discussion type a page declares (JSON-LD or microdata), "" for none."""
    for element in tree.iter("script"):
        if (element.get("type") or "").strip().lower() == "application/ld+json":
            text = element.text or ""
            for name in _DISCUSSION_TYPES:
                if name in text:
                    return name
    for element in tree.xpath("//*[@itemtype]"):
        itemtype = element.get("itemtype") or ""
        for name in _DISCUSSION_TYPES:
            if itemtype.rstrip("/").endswith("/" + name):
                return name
    return ""


def _paragraph_words(tree: Any) -> int:
    """Words in the page's ``<p>`` elements: what its paragraphs say, article or not."""
    return sum(len((p.text_content() or "").split()) for p in tree.iter("p"))


def _cut_short(lines: list[str], paragraph_words: int) -> bool:
    """Whether an extraction of ``lines`` kept under half of the page's paragraph words."""
    kept = sum(len(line.split()) for line in lines)
    return bool(kept) and paragraph_words >= SECOND_OPINION_FACTOR * kept


def _second_opinion(second: list[str], lines: list[str]) -> bool:
    """Whether readability-lxml's text (``second``) replaces trafilatura's (``lines``), which
    kept under half of what the page's paragraphs say (_cut_short): when readability finds at
    least twice as much, holding at least half of trafilatura's word trigrams.
    benchmarks/boilerplate.py and realpages.py measure it."""
    kept = sum(len(line.split()) for line in lines)
    if sum(len(line.split()) for line in second) < SECOND_OPINION_FACTOR * kept:
        return False
    ours = _trigrams(lines)
    return len(ours & _trigrams(second)) >= SECOND_OPINION_COVERAGE * len(ours)


def _readability_lines(markup: str) -> list[str] | None:
    """readability-lxml's article text as lines; None where it fails (a second opinion
    never fails the page)."""
    try:
        summary = _readability_reader()(markup).summary(html_partial=True)
    except Exception:
        return None
    return strip_tags(summary)


# readability-lxml 0.9's test for a div that holds block elements (its divToPElementsRe,
# searched in the serialised children), and the inline tags it gathers into paragraphs.
_READABILITY_BLOCK_PATTERN = "<(blockquote|dl|div|img|ol|p|pre|table|ul)"
_BLOCK_TAG_PREFIXES = ("blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul")
_INLINE_TAGS = frozenset(["a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"])


def _ascii_folded_search(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether ``pattern`` (case-insensitive, its text in lower case) is found in a text:
    an ASCII text lower-cased and searched case-sensitively, five times as fast in the
    stdlib engine and the same answer (an ASCII letter matches only its own two cases;
    a text with other letters, where the long s matches "s", is searched as given)."""
    source = pattern.pattern
    if not isinstance(source, str) or not source.isascii() or source != source.lower() \
            or not pattern.flags & re.IGNORECASE:
        return lambda text: pattern.search(text) is not None
    folded = re.compile(source, pattern.flags & ~re.IGNORECASE)
    return lambda text: (folded.search(text.lower()) if text.isascii() else pattern.search(text)) is not None


def _holds_block(element: Any) -> bool:
    """Whether an element below ``element`` has a tag readability takes for a block's
    (by prefix, as its pattern matches the opening: "<param" and "<picture" too)."""
    for node in element.iterdescendants():
        tag = node.tag
        if isinstance(tag, str) and tag.lower().startswith(_BLOCK_TAG_PREFIXES):
            return True
    return False


@functools.cache
def _readability_reader() -> type[Any]:
    """readability-lxml's Document, its page cleaned without the javascript pass.

    readability cleans every parse (and parses again when its first, ruthless pass finds
    no article) with lxml's Cleaner, whose javascript pass drops ``on*`` attributes and
    rewrites every link of the page: none of it is text, and it was two thirds of the
    cleaning, ~12 -> ~3.6 ms a page on the 35 of the 181 benchmark pages that ask
    readability (benchmarks/boilerplate_phases.py times both readers). The text is the
    same on 2,600 of 2,602 pages (the 181, trafilatura's suite, WCXB's dev split); on
    the other two, words inside broken tags ("<a href=... on printables< a>"), which
    the pass had dropped as ``on`` attributes, stay. Everything else of readability's
    own parse is kept: hidden and ``display: none`` elements dropped, scripts, styles,
    comments, processing instructions and <link>s removed, the base href resolved.

    The subclass leans on readability's internals (its ``_parse``, ``build_doc`` and
    ``REGEXES``): where a release moves them, readability's own Document is used, slower
    and the same text, rather than losing the second opinion (a failing reader gives none).
    tests/test_boilerplate.py compares the two readers' text."""
    from lxml import etree
    from readability import Document

    try:
        from readability.readability import REGEXES, build_doc, clean
    except ImportError:
        return Document  # type: ignore[no-any-return]
    if not callable(getattr(Document, "_parse", None)) \
            or not {"displayNoneRe", "unlikelyCandidatesRe", "okMaybeItsACandidateRe"} <= REGEXES.keys() \
            or not all(callable(getattr(Document, name, None)) for name in ("score_node", "tags", "_html")) \
            or getattr(REGEXES.get("divToPElementsRe"), "pattern", None) != _READABILITY_BLOCK_PATTERN:
        return Document  # type: ignore[no-any-return]
    from lxml.html import fragment_fromstring

    compiled = load_compiled_module("newsclean.boilerplate._readability_c")
    clean_length: Callable[[str], int] = compiled.clean_length if compiled is not None \
        else (lambda text: len(clean(text)))

    hidden_style = REGEXES["displayNoneRe"]
    unlikely = _ascii_folded_search(REGEXES["unlikelyCandidatesRe"])
    maybe = _ascii_folded_search(REGEXES["okMaybeItsACandidateRe"])

    class Reader(Document):  # type: ignore[misc]  # readability ships no type hints
        def _parse(self, input: str) -> Any:  # readability's own parameter name
            doc, self.encoding = build_doc(input)
            for element in doc.xpath("//*[@hidden]"):
                element.drop_tree()
            for element in doc.xpath("//*[@style]"):
                if hidden_style.search(element.get("style")):
                    element.drop_tree()
            # What readability's Cleaner does with these settings, in lxml's C calls:
            # SVG's <image> read as <img>, style attributes stripped, scripts, styles,
            # <link>s, comments and processing instructions dropped with their content
            # (their tail text stays). The Cleaner walked every node in Python and
            # copied the tree first (~1.2 -> ~0.2 ms a page on L3S-GN1's, a one-off profile).
            for element in doc.iter("image"):
                element.tag = "img"
            etree.strip_attributes(doc, "style")
            etree.strip_elements(doc, "script", "style", "link", etree.Comment, etree.ProcessingInstruction,
                                 with_tail=False)
            doc.resolve_base_href(handle_failures=getattr(self, "handle_failures", "discard"))
            return doc

        # readability measures a text as len(clean(text)), three regular expressions over
        # it; clean_length counts the same number in one pass (_readability_c.pyx). The
        # two methods below are readability's own arithmetic with that measure, each
        # element's length taken once while the tree stands still (nested candidates share
        # their links), and without the debug descriptions it formats for every candidate
        # whether logged or not. The scores, and so the text, are readability's
        # (tests/test_boilerplate.py compares them). The whole reader against readability's
        # Document: benchmarks/boilerplate_phases.py --html-pages.
        _measured: dict[Any, int] | None = None

        def score_paragraphs(self) -> Any:
            measured: dict[Any, int] = {}
            self._measured = measured
            try:
                candidates: dict[Any, Any] = {}
                ordered: list[Any] = []
                for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
                    parent = elem.getparent()
                    if parent is None:
                        continue
                    grand_parent = parent.getparent()
                    text = elem.text_content() or ""
                    length = clean_length(text)
                    if length < self.min_text_length:
                        continue
                    for node in (parent, grand_parent):
                        if node is not None and node not in candidates:
                            candidates[node] = self.score_node(node)
                            ordered.append(node)
                    # clean() leaves commas alone: its text splits into as many parts.
                    content_score = 1 + (text.count(",") + 1) + min(length / 100, 3)
                    candidates[parent]["content_score"] += content_score
                    if grand_parent is not None:
                        candidates[grand_parent]["content_score"] += content_score / 2.0
                for node in ordered:
                    candidates[node]["content_score"] *= 1 - self.get_link_density(node)
                return candidates
            finally:
                self._measured = None

        def remove_unlikely_candidates(self) -> None:
            # readability's test of every element, asked only of those with a class or an
            # id (for the others it reads " " and moves on), and its two exceptions (inside
            # a <pre> or <code>; holding a <main>, <article> or <math>) read from sets made
            # once, where readability asked the tree about each element again (~1.0 of
            # 1.7 s on 300 of WCXB's pages, a one-off profile). A removed element holds none of the latter and
            # sits inside none of the former, so no removal changes either set's answers.
            html = self.html
            holds_main = {node for found in html.iter("main", "article", "math")
                          for node in itertools.chain((found,), found.iterancestors())}
            in_code = {node for found in html.iter("pre", "code")
                       for node in itertools.chain((found,), found.iterdescendants())}
            for elem in html.xpath(".//*[@class or @id]"):
                names = f"{elem.get('class', '')} {elem.get('id', '')}"
                if len(names) >= 2 and unlikely(names) and not maybe(names) \
                        and elem.tag not in ("html", "body") and elem not in in_code and elem not in holds_main:
                    elem.drop_tree()

        def transform_misused_divs_into_paragraphs(self) -> None:
            # readability serialises a div's children to look for a block tag's opening in
            # the markup ("<p", "<div", "<table", ... as prefixes), every div of a nested
            # layout once again. The cleaned tree holds no comments, scripts or styles and
            # the serialiser escapes "<" in text and attributes, so an opening in the
            # markup is a descendant element whose tag starts so: sought in the tree.
            for elem in self.tags(self.html, "div"):
                if not _holds_block(elem):
                    elem.tag = "p"
            for elem in self.tags(self.html, "div"):
                children = list(elem)
                paragraph = None
                if elem.text and elem.text.strip():
                    paragraph = fragment_fromstring("<p/>")
                    paragraph.text, elem.text = elem.text, None
                    elem.insert(0, paragraph)
                for child in children:
                    if child.tag == "br" or child.tag not in _INLINE_TAGS or _holds_block(child):
                        paragraph = None
                        continue
                    if paragraph is None:
                        paragraph = fragment_fromstring("<p/>")
                        child.addprevious(paragraph)
                    paragraph.append(child)
                for position, child in reversed(list(enumerate(elem))):
                    if child.tail and child.tail.strip():
                        tail = fragment_fromstring("<p/>")
                        tail.text, child.tail = child.tail, None
                        elem.insert(position + 1, tail)
                    if child.tag == "br":
                        child.drop_tree()

        def _length(self, element: Any) -> int:
            measured = self._measured
            found = measured.get(element) if measured is not None else None
            if found is None:
                found = clean_length(element.text_content() or "")
                if measured is not None:
                    measured[element] = found
            return found

        def get_link_density(self, elem: Any) -> float:
            link_length = sum(self._length(link) for link in elem.findall(".//a"))
            return float(link_length) / max(self._length(elem), 1)

    return Reader


# Pages laid out in a table (common before CSS layouts, and in e-mail-like templates) put
# the article in one cell and menus, tools and teasers in the others; trafilatura, asked
# to keep tables, keeps the whole table as rows of "| cell | cell |". A cell of this many
# words holding sentences is prose, which data tables do not hold, and where such cells
# make up this share of trafilatura's words the table is the page's layout.
_LAYOUT_CELL_WORDS = 40
_LAYOUT_SHARE = 0.3
_SENTENCE_IN_CELL = re.compile(r"[.!?][\"'”’)]?\s")
# readability's text replaces the table where it holds this share of the prose cells'
# word trigrams and is at most this share of trafilatura's length: it kept the article
# and left out some of the chrome. On L3S-GN1's development half (benchmarks/l3s.py) 67
# of 298 pages take it, F1 0.914 -> 0.926 (six of them lose 0.005-0.06); on its held-out
# half 0.901 -> 0.917. One of WCXB's 1,476 development pages changes (not for the worse),
# none of the 181 benchmark pages.
_LAYOUT_COVERAGE = 0.8
_LAYOUT_SHORTER = 0.9
# Where the cells' prose holds the page's chrome too (a whole page flattened into one
# cell, or menus run into the article's cell), no reading holds most of it, and no line
# vote can cut a line of the whole page. A reading under _LAYOUT_PART of trafilatura's
# words, a prose cell long at least, with _LAYOUT_INSIDE of its word trigrams inside the
# prose cells, kept the article and left the chrome (layout_part): readability's first,
# else the line classifier's reading of the page's text (StripBoilerplate). Two guards,
# each found on a development page the rule's first form had lost: the reading is of
# paragraphs (_LAYOUT_ENDED of its words on lines that end a sentence; the classifier had
# kept a run of a hard-wrapped article's lines, L3S-GN1), and the article is in one cell
# (the largest prose cell holds _LAYOUT_ONE_CELL of the cells' words; a forum thread's
# posts, WCXB). benchmarks/l3s.py --save-outputs on the build before and --against on this
# one: L3S-GN1's development half 4 pages better, none worse (F1 0.9412 -> 0.9447); its
# held-out half 7 better, 7 worse (0.9316 -> 0.9337: the gains are whole articles found,
# the losses but one under 0.1); WCXB (wcxb.py, the same way) and the 181 unchanged.
_LAYOUT_PART = 0.5
_LAYOUT_INSIDE = 0.8
_LAYOUT_ENDED = 0.5
_LAYOUT_ONE_CELL = 0.5


def table_row_cells(line: str) -> list[str] | None:
    """The cells of a table row as trafilatura writes one ("| cell | cell |"), stripped,
    empty ones included, a pipe inside a cell ("\\|") read as one; None for another line.

    >>> table_row_cells("| Team | Won |  |"), table_row_cells(r"| a \\| b |"), table_row_cells("Team | Won")
    (['Team', 'Won', ''], ['a | b'], None)
    """
    if len(line) < 2 or line[0] != "|" or line[-1] != "|":
        return None if line != "|" else []
    return [cell.strip().replace("\\|", "|") for cell in _CELL_BORDER.split(line[1:-1])]


_CELL_BORDER = re.compile(r"(?<!\\)\|")


def _layout_cells(lines: list[str]) -> list[str]:
    """The prose cells of trafilatura's table rows where they make up _LAYOUT_SHARE of its
    words (the table is the page's layout); else none."""
    cells = []
    for line in lines:
        if len(line) > 2 and line[0] == "|" and line[-1] == "|":
            # split as the thresholds were chosen: the last cell keeps the space before its
            # border, so its closing full stop counts as a sentence's end
            cells += [cell for cell in line.strip("|").split(" | ")
                      if len(cell.split()) >= _LAYOUT_CELL_WORDS and len(_SENTENCE_IN_CELL.findall(cell)) >= 2]
    if not cells or sum(len(cell.split()) for cell in cells) < _LAYOUT_SHARE * sum(len(line.split()) for line in lines):
        return []
    return cells


def _layout_table_opinion(second: list[str], lines: list[str], cells: list[str]) -> bool:
    """Whether readability-lxml's text (``second``) replaces a layout table (``lines``, its
    prose ``cells``): it holds that prose in less text."""
    if sum(map(len, second)) >= _LAYOUT_SHORTER * sum(map(len, lines)):
        return False
    prose = _trigrams(cells)
    return len(prose & _trigrams(second)) >= _LAYOUT_COVERAGE * len(prose)


def layout_part(reading: Sequence[str], lines: Sequence[str], cells: Sequence[str]) -> bool:
    """Whether ``reading`` (another extraction's lines) replaces a layout table (``lines``,
    trafilatura's text; ``cells``, its prose cells) whose cells hold chrome beside the
    article: it is a prose cell long at least, under half as long as the table, and lies
    inside its prose.

    >>> cells = ["Home News Sport Weather " * 20 + "The council met on Monday. It approved the budget. " * 5]
    >>> layout_part(["The council met on Monday. It approved the budget. " * 5], cells, cells)
    True
    >>> layout_part(["Home News Sport Weather " * 20], cells, cells)
    False
    """
    # The article in one cell: where prose is spread over many (a forum thread's posts, a
    # listing's items), a shorter reading has lost some of them.
    sizes = [len(cell.split()) for cell in cells]
    if not sizes or max(sizes) < _LAYOUT_ONE_CELL * sum(sizes):
        return False
    words = sum(len(line.split()) for line in reading)
    if words < _LAYOUT_CELL_WORDS or words >= _LAYOUT_PART * sum(len(line.split()) for line in lines):
        return False
    # A reading of paragraphs, not of a hard-wrapped block's lines: of those the
    # classifier keeps a run and loses the rest of the article with the short lines.
    ended = sum(len(line.split()) for line in reading if ENDS_SENTENCE.search(line))
    if ended < _LAYOUT_ENDED * words:
        return False
    inside = _trigrams(reading)
    return len(inside & _trigrams(cells)) >= _LAYOUT_INSIDE * len(inside)


def _trigrams(lines: Sequence[str]) -> set[tuple[str, ...]]:
    words = " ".join(lines).lower().split()
    return set(zip(words, words[1:], words[2:]))


def _result_lines(result: Any) -> list[str]:
    """The non-blank lines of a trafilatura result's text, stripped."""
    return [line.strip() for line in str(result.text).split("\n") if line.strip()]


def _words_in(result: Any) -> int:
    """Words of a trafilatura result's text (0 for no result)."""
    text = getattr(result, "text", None) if result is not None else None
    return len(str(text).split()) if text else 0


# A line of a plain-text dump is markup when it is this long and its tags cover this share
# of it; the dump is a failed render when such lines hold this share of its characters.
_MARKUP_LINE_MIN_CHARS = 200
_MARKUP_LINE_MIN_TAGS = 10
_MARKUP_LINE_TAG_SHARE = 0.2
_MARKUP_DUMP_SHARE = 0.5


def render_markup_lines(lines: list[str]) -> tuple[list[str], int]:
    """A plain-text dump that is mostly raw markup (a scraper whose HTML parser gave up
    and kept the page's source as one long line) with those lines turned into their
    text lines (strip_tags); and how many lines were markup. A dump whose markup lines
    hold under half its characters is returned as it is: a code sample in a tutorial is
    the page's content. On the html-text dumps of L3S-GN1 (14 of 621 are such renders)
    F1 0.9233 -> 0.9292 on its dev half, 0.9120 -> 0.9176 held out (benchmarks/l3s.py);
    the 181 dumps and WCXB's (whose markup lines are code samples) unchanged."""
    # Long lines with a "<" first: most dumps have none, or too few to hold half the text,
    # and then no tag is counted.
    candidates = [i for i, line in enumerate(lines) if len(line) >= _MARKUP_LINE_MIN_CHARS and "<" in line]
    if not candidates:
        return lines, 0
    total = sum(map(len, lines))
    if sum(len(lines[i]) for i in candidates) < _MARKUP_DUMP_SHARE * total:
        return lines, 0
    markup: list[int] = []
    for i in candidates:
        spans = [m.end() - m.start() for m in _TAG.finditer(lines[i])]
        if len(spans) >= _MARKUP_LINE_MIN_TAGS and sum(spans) >= _MARKUP_LINE_TAG_SHARE * len(lines[i]):
            markup.append(i)
    if not markup or sum(len(lines[i]) for i in markup) < _MARKUP_DUMP_SHARE * total:
        return lines, 0
    out: list[str] = []
    markup_set = set(markup)
    for i, line in enumerate(lines):
        out.extend(strip_tags(line) if i in markup_set else (line,))
    return out, len(markup)


# Text-level formatting: a browser sets its text in the line with no space of its own
# ("H<sub>2</sub>O" reads "H2O", "<b>Breaking:</b> The" reads "Breaking: The"); any
# other tag parts the words around it. Not <span>, <a> or <code>: style sheets make
# them blocks often enough (a code listing's line numbers, a table of field names and
# types, a menu of links) that joining their words cost five of WCXB's test pages.
_INLINE_TAG = regex.compile(
    r"</?(?:abbr|b|bdi|bdo|big|cite|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|strike|"
    r"strong|sub|sup|time|tt|u|var|wbr)(?:\s[^<>]*+)?/?>",
    regex.IGNORECASE,
)


def strip_tags(markup: str) -> list[str]:
    """Text lines of ``markup`` by a linear scan: blocks become lines, inline elements
    join their words as a browser sets them, other tags part them, a CDATA section's
    markers go, entities resolved.

    >>> strip_tags("<p>Water, H<sub>2</sub>O, <b>boils</b>.</p><p>Next<img src=x>line</p>")
    ['Water, H2O, boils.', 'Next line']
    """
    text = _drop_hidden(without_cdata_markers(markup))
    text = _BLOCK_TAG.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    text = _TAG.sub(" ", text)
    text = _html.unescape(text)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _drop_hidden(markup: str) -> str:
    """``markup`` without comments, scripts, styles and templates, in linear time."""
    kept: list[str] = []
    position = 0
    while True:
        opening = _HIDDEN_OPEN.search(markup, position)
        if opening is None:
            kept.append(markup[position:])
            return " ".join(kept)
        kept.append(markup[position:opening.start()])
        name = opening.group(1)
        if name is None:
            end = markup.find("-->", opening.end())
            position = end + 3 if end != -1 else len(markup)
        else:
            closing = _HIDDEN_CLOSE[name.lower()].search(markup, opening.end())
            position = closing.end() if closing is not None else len(markup)

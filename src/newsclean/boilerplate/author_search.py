"""The author-element search of trafilatura 2.3, in one pass over the page's elements.

trafilatura's ``metadata.extract_author`` copies the whole tree, prunes from the copy the
elements its ``AUTHOR_DISCARD_XPATHS`` name (comments, sidebars, quotes, dates, figures),
then tries its three ``AUTHOR_XPATHS`` in turn and takes the first element whose text is
a plausible byline. Its expressions test class and id values with EXSLT regular
expressions, which lxml answers with a Python call per element; with the copy and the
pruning that was ~6-23 ms a page where it ran (``benchmarks/author_search.py``).

:func:`author_elements` asks the same questions of each element once, in document order,
with the same regular expressions compiled by Python's ``re`` (what lxml's EXSLT
``re:test`` runs), and prunes only the one element whose text it reads, so the page is
never copied. The answer is trafilatura's: every test reads an element's own name and
attributes (and, for ``rel='me'``, a child element's text), pruning only removes elements,
and a removed element's tail text is joined to what precedes it as trafilatura's
``delete_element`` joins it. ``tests/test_pagemeta.py`` compares the two on generated
pages and ``benchmarks/author_search.py`` on real ones (the 181 benchmark pages, WCXB's
splits, trafilatura's suite, L3S-GN1: the same answer on all 3,635, 2.6-5.4x faster with
could_find's check).
trafilatura 2.0 wrote its expressions otherwise; the answers here are 2.3's whichever
release is installed.

>>> import lxml.html
>>> page = lxml.html.fromstring(
...     "<html><body><div class='comments'><span class='author'>A reader</span></div>"
...     "<p class='byline'>By <a class='author-name'>Jane Doe</a></p></body></html>")
>>> author_elements(page)
'Jane Doe'
"""

from __future__ import annotations

import functools
import re
from copy import deepcopy
from typing import Any

# The tests of trafilatura 2.3's expressions (trafilatura/xpaths.py), in their order.
# 1. //*[self::a or self::address or self::div or self::link or self::p or self::span or
#    self::strong][@rel='author' or @id='author' or @class='author' or @itemprop='author name'
#    or rel='me' or @data-testid='AuthorCard' or @data-testid='AuthorURL' or
#    re:test(@class, 'author-?name|AuthorName|authorName')] | //author
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SPECIFIC_CLASS = re.compile("author-?name|AuthorName|authorName")
# 2. //*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][
#    @class='byline' or @class='username' or @class='byl' or @class='BBL' or
#    contains(@itemprop, 'author') or re:test(@id, 'author|zuozhe|bianji|xiaobian') or
#    re:test(@class, 'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name')]
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_GENERIC_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
_GENERIC_ID = re.compile("author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
# 3. //*[contains(@data-component, 'Byline') or contains(@itemprop, 'author') or
#    re:test(@id, '[Aa]uthor') or re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]
_ANY_ID = re.compile("[Aa]uthor")
_ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# Pruned first: .//*[self::a or self::div or self::section or self::span][@id='comments' or
# @class='comments' or @class='title' or @class='date' or re:test(@id, '^comments|comment-?list|ProductReviews')
# or re:test(@class, '^[Cc]omments|commentlist|...|meta-reviewer') or contains(@data-component, 'Figure')],
# and //time|//figure
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_CLASSES = frozenset({"comments", "title", "date"})
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile("^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                            "article-(?:share|support)|print|category|meta-date|meta-reviewer")
_DISCARD_ELEMENTS = frozenset({"time", "figure"})
# extract_author's limit on a byline's length, in characters (exclusive), and its floor
_LONGEST = 120
_SHORTEST = 2


def _discarded(tag: str, attributes: Any) -> bool:
    """Whether an element (not the page's root, which trafilatura never removes) is pruned."""
    if tag in _DISCARD_ELEMENTS:
        return True
    if tag not in _DISCARD_TAGS or not attributes:
        return False
    ident = attributes.get("id") or ""
    classes = attributes.get("class") or ""
    return (ident == "comments" or classes in _DISCARD_CLASSES or bool(_DISCARD_ID.search(ident))
            or bool(_DISCARD_CLASS.search(classes)) or "Figure" in (attributes.get("data-component") or ""))


def _without_discarded(element: Any, places: set[int]) -> Any:
    """A copy of ``element`` without its descendants at ``places`` (their positions in
    document order among its descendants), each removed as
    trafilatura's delete_element removes it: its tail joined to the text before it (the
    previous sibling's tail, else the parent's text). The result does not depend on the
    order of removal: a run of removed siblings leaves its tails in document order."""
    copy = deepcopy(element)
    targets = [node for i, node in enumerate(copy.iterdescendants()) if i in places]
    for node in targets:
        parent = node.getparent()
        if parent is None:
            continue
        if node.tail:
            previous = node.getprevious()
            if previous is None:
                parent.text = (parent.text or "") + node.tail
            else:
                previous.tail = (previous.tail or "") + node.tail
        parent.remove(node)
    return copy


# What the search needs to find anything: an element named "author", an element with a
# child named "rel" (the rel='me' test), or one of these words in an id, class, rel,
# itemprop, data-testid or data-component value (every string the tests above compare or
# search for holds one). The tests read only an element's own name and attributes, so a
# page without any of them has no author there, and the pass over every element in Python
# is not made: one XPath an attribute in C tells (benchmarks/author_search.py counts the
# pages it turns away and times it alone). tests/test_pagemeta.py
# checks the words against every literal of trafilatura 2.3's expressions, and that
# a page the check turns away gives no author on generated pages.
SEARCHED_ATTRIBUTES = ("class", "id", "itemprop", "rel", "data-testid", "data-component")
SEARCHED_WORDS = ("author", "Author", "byl", "Byline", "BBL", "username", "channel-name", "zuozhe", "bianji",
                  "xiaobian", "submitted-by", "posted-by", "journalist-name", "screenname", "writer")
SEARCHED_ELEMENTS = ("author", "rel")


@functools.cache
def _searched_xpaths() -> tuple[Any, tuple[Any, ...]]:
    from lxml.etree import XPath

    # One expression an attribute, plain strings: a union sorts its results into document
    # order, and lxml's result strings carry their parent (~1.8 -> ~0.9 ms a WCXB page).
    return (XPath("boolean(" + "|".join(f"//{name}" for name in SEARCHED_ELEMENTS) + ")"),
            tuple(XPath(f"//@{name}", smart_strings=False) for name in SEARCHED_ATTRIBUTES))


def could_find(tree: Any) -> bool:
    """Whether the page holds anything the search reads (see SEARCHED_WORDS); where it
    does not, :func:`author_elements` is None without its pass over the elements."""
    elements, attributes = _searched_xpaths()
    if elements(tree):
        return True
    for values in attributes:
        text = "\n".join(values(tree))
        if any(word in text for word in SEARCHED_WORDS):
            return True
    return False


def author_elements(tree: Any) -> str | None:
    """The byline trafilatura 2.3's ``extract_author(tree)`` reads from the page's elements
    (``tree``, an lxml HTML element), or None; see the module's docstring."""
    return _search(tree) if could_find(tree) else None


def _search(tree: Any) -> str | None:
    """author_elements without the check of :func:`could_find`."""
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.utils import trim

    # rel='me': a child element named "rel" whose text is "me"
    rel_me = {rel.getparent() for rel in tree.iter("rel") if rel.text_content() == "me"}
    tiers: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    discarded: set[Any] = set()
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        attributes = element.attrib
        if element is not tree and _discarded(tag, attributes):
            discarded.add(element)
        if not attributes:
            if tag == "author" or (tag in _SPECIFIC_TAGS and element in rel_me):
                tiers[0].append(element)
            continue
        get = attributes.get
        classes, ident, itemprop = get("class") or "", get("id") or "", get("itemprop") or ""
        if tag == "author" or (tag in _SPECIFIC_TAGS and (
                get("rel") == "author" or ident == "author" or classes == "author" or itemprop == "author name"
                or element in rel_me or get("data-testid") in ("AuthorCard", "AuthorURL")
                or _SPECIFIC_CLASS.search(classes))):
            tiers[0].append(element)
        if tag in _GENERIC_TAGS and (classes in _GENERIC_CLASSES or "author" in itemprop
                                     or _GENERIC_ID.search(ident) or _GENERIC_CLASS.search(classes)):
            tiers[1].append(element)
        if ("Byline" in (get("data-component") or "") or "author" in itemprop or _ANY_ID.search(ident)
                or _ANY_CLASS.search(classes)):
            tiers[2].append(element)
    for candidates in tiers:
        for element in candidates:
            if element in discarded or any(above in discarded for above in element.iterancestors()):
                continue  # pruned with its subtree
            inside = {i for i, node in enumerate(element.iterdescendants()) if node in discarded}
            reading = _without_discarded(element, inside) if inside else element
            content = trim(" ".join(reading.itertext()))
            if content and _SHORTEST < len(content) < _LONGEST:
                return normalize_authors(None, content)
    return None

"""trafilatura's costliest pruning expressions, answered in one pass over the elements.

trafilatura prunes a page, and looks for its article's body, with XPath expressions
whose EXSLT ``re:test`` calls lxml answers with a Python call per element and test.
With the seven below answered here, trafilatura's precision extraction of a WCXB test
page takes 40.7 ms instead of 62.4 (``benchmarks/boilerplate_phases.py --html-pages``;
``benchmarks/pruning.py`` times each expression alone and each setting). Each is asked
here of every element once, with the same regular expressions compiled by Python's
``re`` (what lxml's EXSLT ``re:test`` runs), and gives the same elements in the same
(document) order:

- ``OVERALL_DISCARD_XPATH`` (both): navigation, sharing, consent, ads, hidden elements;
- ``REMOVE_COMMENTS_AND_LISTS_XPATH``: comment sections;
- ``RAW_TREE_PRUNE_XPATH`` (the first): appended "infinite scroll" articles;
- ``BODY_XPATH`` (the first, third and fourth): where the article's body is.

Inside :func:`python_pruning`, and only there, trafilatura's calls of those expressions
are answered here; everywhere else (another thread, the user's own trafilatura calls)
the expression itself answers, so trafilatura behaves as shipped for everyone else.
An expression is answered here only where its text, with its regular expressions left
out, is the one this module was written for (``EXPRESSIONS``); the regular expressions
are read from the installed expression, so a release that changes only its vocabulary
keeps the speed. Where the shape differs, the expression answers, as without newsclean.

XPath details kept: ``re:test(@id|@class, ...)`` tests only the attribute written first
in the tag (the string of a node-set is its first node's); a missing attribute is the
empty string, which a pattern is still asked about; ``.//*`` is the context's
descendants, never the context itself, and elements only (no comments); ``.//*[...][1]``
is each parent's first match, ``(.//*[...])[1]`` the page's first.
``tests/test_pruning.py`` compares both answers on generated pages and
``benchmarks/pruning.py`` on real ones.

>>> import lxml.html
>>> from trafilatura.xpaths import OVERALL_DISCARD_XPATH
>>> page = lxml.html.fromstring("<html><body><div class='share-buttons'>Share</div>"
...                             "<p id='story'>Text</p></body></html>")
>>> with python_pruning():
...     [element.get("class") for element in OVERALL_DISCARD_XPATH[0](page)]
['share-buttons']
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

__all__ = ["EXPRESSIONS", "python_pruning"]

# Whether this thread (or task) is inside python_pruning.
_ANSWERING: ContextVar[bool] = ContextVar("newsclean_python_pruning", default=False)
# Installation replaces list items of trafilatura.xpaths once per process.
_INSTALL_LOCK = threading.Lock()

# re:test(<attribute(s)>, '<pattern>'[, '<flags>']): XPath 1.0 strings hold no quote of
# their own kind, so '[^']*' reads a pattern whole.
_RE_TEST = re.compile(r"re:test\(([^,()]+),\s*'([^']*)'(?:,\s*'([^']*)')?")

Answer = Callable[[Any], list[Any]]


def _shape(path: str) -> str:
    """``path`` without its regular expressions and with its whitespace collapsed: what
    an answer below relies on (names, attributes, functions, the other literals)."""
    def masked(match: re.Match[str]) -> str:
        flags = match.group(3)
        return f"re:test({match.group(1)}, '…'" + ("" if flags is None else f", '{flags}'")

    return " ".join(_RE_TEST.sub(masked, path).split())


def _patterns(path: str) -> list[re.Pattern[str]]:
    """The regular expressions of ``path``'s ``re:test`` calls, in order, compiled as
    lxml's EXSLT compiles them (flag "i": ignore case; it reads no other flag)."""
    return [re.compile(pattern, re.IGNORECASE if "i" in flags else 0) for _, pattern, flags in _RE_TEST.findall(path)]


def _first_of(element: Any, one: str, one_value: str | None, other: str, other_value: str | None) -> str:
    """The string XPath makes of ``@one|@other`` (their values given): the value of
    whichever is written first in the tag (attributes are in document order), "" where
    neither is."""
    if one_value is None:
        return other_value or ""
    if other_value is None:
        return one_value
    names = element.keys()
    return one_value if names.index(one) < names.index(other) else other_value


def _overall_discard_first(patterns: list[re.Pattern[str]]) -> Answer:
    either, ident_pattern, class_pattern = (pattern.search for pattern in patterns)
    # An element without attributes is asked about "" three times: the answer is the
    # same for all of them.
    bare = bool(either("") or ident_pattern("") or class_pattern(""))

    def answer(tree: Any) -> list[Any]:
        found = []
        for element in tree.iter("div", "item", "list", "p", "section", "span"):
            names = element.keys()
            if not names:
                if bare and element is not tree:
                    found.append(element)
                continue
            get = element.get
            ident, classes = get("id"), get("class")
            if (("data-lp-replacement-content" in names
                 or "nav" in (get("role") or "").replace("N", "n")
                 or "MostPopularStories" in (get("data-component") or "")
                 or either(_first_of(element, "id", ident, "class", classes))
                 or ident_pattern(ident or "") or class_pattern(classes or ""))
                    and element is not tree):
                found.append(element)
        return found

    return answer


def _overall_discard_second(patterns: list[re.Pattern[str]]) -> Answer:
    hidden, ident_pattern, class_pattern = (pattern.search for pattern in patterns)
    bare = bool(hidden("") or ident_pattern("") or class_pattern(""))

    def answer(tree: Any) -> list[Any]:
        found = []
        for element in tree.iter():
            names = element.keys()
            if not names:
                if bare and element is not tree and isinstance(element.tag, str):
                    found.append(element)
                continue
            get = element.get
            ident, classes, style = get("id"), get("class"), get("style")
            if ((classes == "comments-title"
                 or _first_of(element, "id", ident, "class", classes).startswith("reply-")
                 or hidden(_first_of(element, "id", ident, "style", style))
                 or (style is not None and ("display:none" in style or "display: none" in style))
                 or ident_pattern(ident or "") or class_pattern(classes or "")
                 or get("aria-hidden") == "true")
                    and element is not tree and isinstance(element.tag, str)):
                found.append(element)
        return found

    return answer


def _two_tests(tags: tuple[str, ...], exempt: Callable[[Any], bool]) -> Callable[[list[re.Pattern[str]]], Answer]:
    """.//*[self::<tags>][re:test(@id, A) or re:test(@class, B)][<exempt> or
    re:test(@id, C) or re:test(@class, D)]: the shape of the comment-section and the
    appended-article expressions."""

    def build(patterns: list[re.Pattern[str]]) -> Answer:
        first_ident, first_class, second_ident, second_class = (pattern.search for pattern in patterns)

        def answer(tree: Any) -> list[Any]:
            found = []
            for element in tree.iter(*tags):
                ident, classes = element.get("id") or "", element.get("class") or ""
                if ((first_ident(ident) or first_class(classes))
                        and (exempt(element) or second_ident(ident) or second_class(classes))
                        and element is not tree):
                    found.append(element)
            return found

        return answer

    return build


def _first_body(patterns: list[re.Pattern[str]]) -> Answer:
    ident_pattern, class_pattern = (pattern.search for pattern in patterns)

    def answer(tree: Any) -> list[Any]:
        # .//*[...][1] is each parent's first matching child (the [1] belongs to the
        # child step), not the page's first match.
        found, parents = [], set()
        for element in tree.iter("article", "div", "main", "section"):
            get = element.get
            ident, classes = get("id"), get("class")
            if ((classes == "post" or classes == "entry" or get("itemprop") == "articleBody"
                 or ident == "articleContent" or ident_pattern(ident or "") or class_pattern(classes or ""))
                    and element is not tree):
                parent = element.getparent()
                if parent not in parents:
                    parents.add(parent)
                    found.append(element)
        return found

    return answer


def _story_body(patterns: list[re.Pattern[str]]) -> Answer:
    ident_pattern, fulltext, class_pattern = (pattern.search for pattern in patterns)
    idents, class_values = frozenset({"article", "story"}), frozenset({"postarea", "art-postcontent", "text", "cell",
                                                                        "story"})

    def answer(tree: Any) -> list[Any]:
        for element in tree.iter("article", "div", "main", "section"):
            get = element.get
            ident, classes = get("id"), get("class") or ""
            if ((get("role") == "article" or ident in idents or classes in class_values
                 or ident_pattern(ident or "") or fulltext(classes) or class_pattern(classes))
                    and element is not tree):
                return [element]  # (...)[1]: the first in document order
        return []

    return answer


_MAIN_CONTENT = str.maketrans("CM", "cm")
_PAGE_CONTENT = str.maketrans("CP", "cp")


def _content_body(patterns: list[re.Pattern[str]]) -> Answer:
    ident_pattern, class_pattern = (pattern.search for pattern in patterns)

    def answer(tree: Any) -> list[Any]:
        for element in tree.iter("article", "div", "main", "section"):
            get = element.get
            ident, classes = get("id") or "", get("class") or ""
            if ((ident == "content" or classes == "content" or ident_pattern(ident) or class_pattern(classes)
                 or "main-content" in ident.translate(_MAIN_CONTENT)
                 or "main-content" in classes.translate(_MAIN_CONTENT)
                 or "page-content" in classes.translate(_PAGE_CONTENT))
                    and element is not tree):
                return [element]
        return []

    return answer


def _not_a_list(element: Any) -> bool:
    return element.tag not in ("ol", "ul")  # not(self::ol or self::ul)


def _holds_no_h1(element: Any) -> bool:
    return next(element.iterdescendants("h1"), None) is None  # not(.//h1)


# (list in trafilatura.xpaths, index, the expression's shape, its answer): trafilatura 2.3's.
EXPRESSIONS: tuple[tuple[str, int, str, Callable[[list[re.Pattern[str]]], Answer]], ...] = (
    ("OVERALL_DISCARD_XPATH", 0,
     ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ "
     "@data-lp-replacement-content or contains(translate(@role, 'N', 'n'), 'nav') or "
     "contains(@data-component, 'MostPopularStories') or re:test(@id|@class, '…') or re:test(@id, '…') or "
     "re:test(@class, '…')]",
     _overall_discard_first),
    ("OVERALL_DISCARD_XPATH", 1,
     ".//*[@class='comments-title' or starts-with(@id|@class, 'reply-') or re:test(@id|@style, '…') or "
     "contains(@style, 'display:none') or contains(@style, 'display: none') or re:test(@id, '…') or "
     "re:test(@class, '…') or @aria-hidden='true']",
     _overall_discard_second),
    ("REMOVE_COMMENTS_AND_LISTS_XPATH", 0,
     ".//*[self::div or self::list or self::section or self::details or self::ol or self::ul][ "
     "re:test(@id, '…') or re:test(@class, '…')][ not(self::ol or self::ul) or re:test(@id, '…') or "
     "re:test(@class, '…')]",
     _two_tests(("div", "list", "section", "details", "ol", "ul"), _not_a_list)),
    ("RAW_TREE_PRUNE_XPATH", 0,
     ".//*[self::div or self::section or self::aside][ re:test(@id, '…') or re:test(@class, '…')][ "
     "not(.//h1) or re:test(@id, '…') or re:test(@class, '…')]",
     _two_tests(("div", "section", "aside"), _holds_no_h1)),
    ("BODY_XPATH", 0,
     ".//*[self::article or self::div or self::main or self::section][ @class='post' or @class='entry' or "
     "@itemprop='articleBody' or @id='articleContent' or re:test(@id, '…') or re:test(@class, '…') ][1]",
     _first_body),
    ("BODY_XPATH", 2,
     "(.//*[self::article or self::div or self::main or self::section][ @role='article' or @id='article' or "
     "@id='story' or @class='postarea' or @class='art-postcontent' or @class='text' or @class='cell' or "
     "@class='story' or re:test(@id, '…') or re:test(@class, '…', 'i') or re:test(@class, '…') ])[1]",
     _story_body),
    ("BODY_XPATH", 3,
     "(.//*[self::article or self::div or self::main or self::section][ @id='content' or @class='content' or "
     "re:test(@id, '…') or re:test(@class, '…') or contains(translate(@id, 'CM','cm'), 'main-content') or "
     "contains(translate(@class, 'CM','cm'), 'main-content') or contains(translate(@class, 'CP','cp'), "
     "'page-content') ])[1]",
     _content_body),
)


class _Answered:
    """Stands in trafilatura's list for one expression: inside python_pruning the
    answer here, elsewhere the expression's own. Everything else (``path``, the error
    log) is the expression's."""

    __slots__ = ("answer", "expression")

    def __init__(self, expression: Any, answer: Answer) -> None:
        self.expression = expression
        self.answer = answer

    def __call__(self, tree: Any, **variables: Any) -> Any:
        if variables or not _ANSWERING.get():
            return self.expression(tree, **variables)
        return self.answer(tree)

    def __getattr__(self, name: str) -> Any:
        if name in _Answered.__slots__:
            # unset: a copy is being made without __init__ (copy asks for __setstate__)
            raise AttributeError(name)
        return getattr(self.expression, name)

    def __repr__(self) -> str:
        return f"<newsclean answer for {self.expression!r}>"


def _install() -> int:
    """Puts an _Answered in trafilatura's lists for each expression of EXPRESSIONS whose
    shape is the expected one; how many are (or were already) answered here."""
    import trafilatura.xpaths

    answered = 0
    with _INSTALL_LOCK:
        for name, index, shape, build in EXPRESSIONS:
            expressions = getattr(trafilatura.xpaths, name, None)
            if not isinstance(expressions, list) or index >= len(expressions):
                continue
            expression = expressions[index]
            if isinstance(expression, _Answered):
                answered += 1
                continue
            path = getattr(expression, "path", None)
            if not isinstance(path, str) or _shape(path) != shape:
                continue
            expressions[index] = _Answered(expression, build(_patterns(path)))
            answered += 1
    return answered


@contextlib.contextmanager
def python_pruning() -> Iterator[int]:
    """Within the block, in this thread, trafilatura's calls of the expressions of
    EXPRESSIONS are answered by this module; yields how many of them are (0 where the
    installed trafilatura writes them otherwise). Nests, and leaves trafilatura as it
    found it for every other caller."""
    answered = _install()
    token = _ANSWERING.set(True)
    try:
        yield answered
    finally:
        _ANSWERING.reset(token)


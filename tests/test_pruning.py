"""boilerplate/pruning.py answers trafilatura's pruning expressions as lxml does."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from tests import strategies

from newsclean.boilerplate import pruning

CASES = json.loads((Path(__file__).parent / "cases" / "pruning.json").read_text("utf-8"))


def _answered() -> dict[str, Any]:
    """The expressions newsclean answers, by "LIST[index]"; skips where the installed
    trafilatura writes them otherwise (newsclean then leaves them to lxml)."""
    import trafilatura.xpaths

    with pruning.python_pruning() as answered:
        pass
    if answered != len(pruning.EXPRESSIONS):
        pytest.skip(f"the installed trafilatura writes {len(pruning.EXPRESSIONS) - answered} of the expressions "
                    "pruning.py answers otherwise (trafilatura 2.3's shapes)")
    return {f"{name}[{index}]": getattr(trafilatura.xpaths, name)[index]
            for name, index, _, _ in pruning.EXPRESSIONS}


@contextlib.contextmanager
def _replaced(expressions: list[Any], index: int, expression: Any) -> Iterator[None]:
    """trafilatura's list with ``expression`` at ``index`` for the block's length."""
    before = expressions[index]
    expressions[index] = expression
    try:
        yield
    finally:
        expressions[index] = before


def _tree(page: str) -> Any:
    import lxml.html

    return lxml.html.fromstring(page)


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_pruning_case(case: dict[str, Any]) -> None:
    expression = _answered()[case["expression"]]
    tree = _tree(case.get("page") or f"<html><head><title>t</title></head><body>{case['body']}</body></html>")
    titles = [element.get("title") for element in expression.answer(tree)]
    assert titles == case["found"]
    assert [element.get("title") for element in expression.expression(tree)] == case["found"], \
        "lxml answers otherwise: the case is wrong"


@settings(max_examples=300, deadline=None)
@given(strategies.pruning_pages)
def test_each_expression_answers_as_lxml_does(page: str) -> None:
    tree = _tree(page)
    # .//* is relative: the whole page, its body, and an element inside as the context
    contexts = [tree, tree.find("body"), *list(tree.iter("div", "section"))[:2]]
    for label, expression in _answered().items():
        for context in contexts:
            if context is not None:
                assert expression.answer(context) == expression.expression(context), label


def test_outside_the_block_and_in_other_threads_trafilatura_answers_itself() -> None:
    expression = _answered()["OVERALL_DISCARD_XPATH[0]"]
    tree = _tree("<html><body><div class='share'>x</div></body></html>")
    marked = pruning._Answered(expression.expression, lambda _tree: ["newsclean"])
    assert marked(tree) == expression.expression(tree) != ["newsclean"]
    seen: list[Any] = []
    with pruning.python_pruning():
        assert marked(tree) == ["newsclean"]
        other = threading.Thread(target=lambda: seen.append(marked(tree)))
        other.start()
        other.join()
    assert seen == [expression.expression(tree)]
    assert marked(tree) != ["newsclean"]


def test_an_expression_of_another_shape_is_left_to_lxml() -> None:
    import trafilatura.xpaths
    from lxml.etree import XPath

    _answered()
    # a release that tests one more attribute
    other = XPath(".//*[self::div][re:test(@id, 'nav') or re:test(@class, 'nav') or re:test(@title, 'nav')]",
                  namespaces={"re": "http://exslt.org/regular-expressions"})
    with _replaced(trafilatura.xpaths.RAW_TREE_PRUNE_XPATH, 0, other):
        with pruning.python_pruning() as answered:
            assert answered == len(pruning.EXPRESSIONS) - 1
        assert trafilatura.xpaths.RAW_TREE_PRUNE_XPATH[0] is other


def test_a_new_vocabulary_keeps_the_answer() -> None:
    # the regular expressions are read from the installed expression, not kept here
    import trafilatura.xpaths
    from lxml.etree import XPath

    original = _answered()["RAW_TREE_PRUNE_XPATH[0]"].expression
    renamed = XPath(original.path.replace("infinite-?scroll", "endless-feed"),
                    namespaces={"re": "http://exslt.org/regular-expressions"})
    tree = _tree("<html><body><div class='endless-feed'><p>x</p></div><div class='infinite-scroll'>y</div>"
                 "</body></html>")
    with _replaced(trafilatura.xpaths.RAW_TREE_PRUNE_XPATH, 0, renamed), pruning.python_pruning():
        answered = trafilatura.xpaths.RAW_TREE_PRUNE_XPATH[0]
        assert [element.get("class") for element in answered(tree)] == ["endless-feed"]
    assert isinstance(answered, pruning._Answered) and answered.expression is renamed
    assert answered.answer(tree) == renamed(tree)


def test_a_copy_of_an_answered_expression_is_no_endless_recursion() -> None:
    import copy

    expression = _answered()["OVERALL_DISCARD_XPATH[0]"]
    tree = _tree("<html><body><div class='share'>x</div><p>y</p></body></html>")
    copied = copy.copy(expression)
    assert copied.path == expression.path
    with pruning.python_pruning():
        assert [element.get("class") for element in copied(tree)] == ["share"]
    # lxml's XPath objects cannot be deep-copied; the stand-in says so as they do
    with pytest.raises(TypeError, match="XPath"):
        copy.deepcopy(expression)


def test_the_html_stage_asks_newscleans_answers() -> None:
    # The answers give lxml's elements, so only a count tells that the stage's trafilatura
    # calls run inside python_pruning (a call outside it gets lxml's, slower, answer).
    import trafilatura.xpaths

    import newsclean

    answered = _answered()["OVERALL_DISCARD_XPATH[0]"]
    asked: list[int] = []

    def counted(tree: Any) -> list[Any]:
        asked.append(1)
        return answered.answer(tree)  # type: ignore[no-any-return]

    page = ("<html><head><title>Council</title><meta property='og:type' content='article'></head><body><article>"
            + "<p>The council approved the new budget on Monday after a long debate in the chamber.</p>" * 8
            + "<div class='share-buttons'>Share this</div></article></body></html>")
    with _replaced(trafilatura.xpaths.OVERALL_DISCARD_XPATH, 0, pruning._Answered(answered.expression, counted)):
        text = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="p", text=page)).text
    assert asked
    assert "council approved" in text and "Share this" not in text

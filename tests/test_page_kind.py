"""The page-kind gate: plain dumps of pages of many items are read whole (boilerplate/page_kind.py)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from tests.strategies import page_dumps

import newsclean
from newsclean.boilerplate import classify_lines
from newsclean.boilerplate.config import LineVerdict
from newsclean.boilerplate.page_kind import (
    FEATURES,
    RESTORED,
    PageKindModel,
    keep_whole_page,
    page_features,
    page_kind_model,
    read_whole,
)

# A news site's list of the day's stories, and an article page (written for these tests).
CASES = json.loads((Path(__file__).parent / "cases" / "page_kind.json").read_text("utf-8"))
LISTING, ARTICLE = CASES["listing"], CASES["article"]


def _strip(text: str, **options: bool) -> newsclean.Document:
    return newsclean.StripBoilerplate(kind="text", **options)(newsclean.Document(id="x", text=text))


def test_shipped_model_matches_the_features_it_was_learned_on() -> None:
    raw = json.loads(resources.files("newsclean.data").joinpath("page_kind.json").read_text("utf-8"))
    assert tuple(raw["features"]) == FEATURES
    model = page_kind_model()
    assert len(model.weights) == len(FEATURES)
    assert 0.0 < model.threshold < 1.0


def test_a_model_file_of_other_features_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsclean.boilerplate.page_kind as page_kind

    monkeypatch.setattr(page_kind, "FEATURES", (*FEATURES, "another"))
    page_kind.page_kind_model.cache_clear()
    try:
        with pytest.raises(newsclean.ConfigError, match="learn_page_kind"):
            page_kind.page_kind_model()
    finally:
        page_kind.page_kind_model.cache_clear()


def test_a_listing_dump_is_read_whole_and_its_menus_stay_removed() -> None:
    gated, block = _strip(LISTING["dump"]), _strip(LISTING["dump"], whole_page=False)
    summaries = LISTING["kept"]
    # The classifier alone keeps one story's summary as "the article" and cuts the rest.
    assert sum(summary in block.text for summary in summaries) <= 2
    assert "whole_page" not in block.meta
    assert gated.meta["whole_page"] > page_kind_model().threshold
    assert all(summary in gated.text for summary in summaries)
    for furniture in LISTING["removed"]:
        assert furniture not in gated.text
    assert {r.reason for r in gated.removed} >= {"navigation", "copyright"}


def test_an_article_with_teasers_is_not_read_whole() -> None:
    doc = _strip(ARTICLE["dump"])
    assert "whole_page" not in doc.meta
    assert all(paragraph in doc.text for paragraph in ARTICLE["kept"])
    assert doc.text == _strip(ARTICLE["dump"], whole_page=False).text


def test_a_clean_article_is_not_marked_even_by_a_gate_that_always_fires(monkeypatch: pytest.MonkeyPatch) -> None:
    # meta["whole_page"] is for pages whose text the gate changed: a clean article has no
    # line removed for its place, so reading it whole changes nothing.
    import newsclean.boilerplate.page_kind as page_kind

    model = page_kind_model()
    monkeypatch.setattr(page_kind, "page_kind_model", lambda: PageKindModel(model.weights, threshold=0.0))
    doc = _strip("\n\n".join(ARTICLE["kept"]))
    assert "whole_page" not in doc.meta
    assert _strip(LISTING["dump"]).meta["whole_page"] > 0.0


def test_the_gate_computes_no_features_where_nothing_could_be_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    # Most documents of a news corpus are clean articles: the stage runs over millions of
    # them, and the features (a pass over every line) would change nothing there.
    import newsclean.boilerplate.page_kind as page_kind

    def no_features(*_args: object, **_kwargs: object) -> list[float]:
        raise AssertionError("features computed for a page with nothing to restore")

    monkeypatch.setattr(page_kind, "page_features", no_features)
    doc = _strip("Home\nNews\n\n" + "\n\n".join(ARTICLE["kept"]) + "\n\n© 2025 Town Herald. All rights reserved.")
    assert {r.reason for r in doc.removed} >= {"copyright"}
    assert all(paragraph in doc.text for paragraph in ARTICLE["kept"])


def test_html_that_trafilatura_read_is_not_gated(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsclean.boilerplate as stage_module

    asked: list[int] = []
    monkeypatch.setattr(stage_module, "read_whole", lambda verdicts: asked.append(len(verdicts)))
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in ARTICLE["kept"]) + "</article></body></html>"
    doc = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="x", text=page))
    assert doc.meta["extractor"].startswith("trafilatura")
    assert asked == []
    _strip(LISTING["dump"])  # a plain dump is asked about
    assert len(asked) == 1


def test_whole_page_option_is_checked() -> None:
    with pytest.raises(newsclean.ConfigError, match="whole_page"):
        newsclean.StripBoilerplate(whole_page="yes")  # type: ignore[arg-type]
    assert "whole_page" not in newsclean.clean(LISTING["dump"], kind="text", whole_page=False).meta
    assert "whole_page" in newsclean.clean(LISTING["dump"], kind="text").meta


def test_keep_whole_page_restores_place_reasons_only() -> None:
    verdicts = [LineVerdict(f"line {reason}", -1.0, reason) for reason in
                ("related", "footer", "navigation", "copyright", "title", "header", "comment")]
    kept = [v.text for v in keep_whole_page(verdicts) if not v.reason]
    assert kept == ["line related", "line footer", "line header"]
    assert {"navigation", "comment", "copyright", "title"}.isdisjoint(RESTORED)


class _VerdictList(list[LineVerdict]):
    """A caller's own list type: the gate's compiled passes take exactly a list."""


def test_the_gate_takes_any_sequence_of_verdicts() -> None:
    # The gate's first passes moved into the compiled build, whose typed functions refuse
    # a subclass of list: read_whole and keep_whole_page still take any sequence.
    verdicts = classify_lines([line for line in LISTING["dump"].split("\n") if line.strip()])[0]
    expected = read_whole(verdicts)
    assert expected is not None
    for sequence in (tuple(verdicts), _VerdictList(verdicts)):
        assert read_whole(sequence) == expected
        assert keep_whole_page(sequence) == keep_whole_page(verdicts)


def test_keep_whole_page_leaves_a_comment_thread_out() -> None:
    # After a thread's mark the classifier removes the comments as "comment" or "footer":
    # restoring the footer lines would put reader comments in the text (comments=False).
    verdicts = [LineVerdict("An item of the page", -1.0, "related"), LineVerdict("3 Comments", -6.0, "comment"),
                LineVerdict("I think the council was right to approve it.", -2.0, "footer")]
    assert [v.reason for v in keep_whole_page(verdicts)] == ["", "comment", "footer"]


def test_features_count_spaceless_scripts_by_characters() -> None:
    # Japanese has no spaces between words: a line of 60 characters is one whitespace token.
    japanese = "設定画面からではこのショートカットキーの設定を変更することができませんでしたので別の方法を調べました。"
    english = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen twenty."
    spaceless = dict(zip(FEATURES, page_features([LineVerdict(japanese, 1.0, "")])))
    spaced = dict(zip(FEATURES, page_features([LineVerdict(english, 1.0, "")])))
    assert spaceless["prose_share"] == 1.0 and spaceless["short_lines"] == 0.0
    assert spaceless["log_words"] >= spaced["log_words"] - 0.1


def test_lines_without_words_are_not_counted() -> None:
    with_rules = page_features([LineVerdict("---", -1.0, "navigation"), LineVerdict("A line of prose, kept here.", 1.0, "")])
    without = page_features([LineVerdict("A line of prose, kept here.", 1.0, "")])
    assert with_rules == without
    # An empty page (or one of rules only) has defined features: no division by zero.
    assert page_features([LineVerdict("---", -1.0, "navigation")]) == page_features([])
    assert len(page_features([])) == len(FEATURES)


@given(page_dumps)
def test_reading_a_page_whole_only_adds_lines_removed_for_their_place(lines: list[str]) -> None:
    # Whatever the gate decides, the whole-page reading keeps every line the classifier
    # kept, and keeps none it removed for what the line is (navigation, copyright, comments).
    verdicts, _info = classify_lines(lines, extracted=False)
    whole = keep_whole_page(verdicts)
    assert [v.text for v in whole] == [v.text for v in verdicts]
    for before, after in zip(verdicts, whole):
        assert after.reason in ("", before.reason)
        if before.reason and not after.reason:
            assert before.reason in RESTORED
    gated = _strip("\n".join(lines))
    block = _strip("\n".join(lines), whole_page=False)
    kept = set(block.text.split("\n"))
    assert kept - {""} <= set(gated.text.split("\n")) | {""}


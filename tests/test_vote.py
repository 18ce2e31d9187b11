"""The line vote of three readings of a page (boilerplate/vote.py) and its use by the stage."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import newsclean
from newsclean.boilerplate import REASONS
from newsclean.boilerplate.vote import FEATURES, line_features, line_vote, page_reading, vote_model
from newsclean.errors import ConfigError

ARTICLE = [
    "The city council approved the new budget on Monday after a debate that lasted most of the night.",
    "Council members said the plan raises spending on schools and roads while keeping property taxes flat.",
    "The mayor is expected to sign the budget later this week, according to her office.",
]
TEASER = "Ten celebrities who bought houses in Malibu this year"


def test_shipped_model_matches_the_features_it_was_learned_on() -> None:
    raw = json.loads(resources.files("newsclean.data").joinpath("line_vote.json").read_text("utf-8"))
    assert raw["features"] == list(FEATURES)
    assert len(vote_model().weights) == len(FEATURES)
    assert 0 < vote_model().threshold < 1


def test_a_line_both_other_readings_leave_out_is_outvoted() -> None:
    result = line_vote([*ARTICLE, TEASER], ARTICLE, ARTICLE)
    assert result.keep == (True, True, True, False)
    assert result.additions == ()


def test_a_list_of_facts_the_vote_keeps_in_part_is_kept_whole() -> None:
    """Regression (a fashion blog in trafilatura's realworld tests): of the outfit's
    credits under the photos, the vote kept "Earcuff: Zoeca" and "Ohrringe: Leaf Combo"
    and outvoted "Kreole: Stella Hoops", which the other readings lacked."""
    facts = ["Earcuff: Zoeca", "Ohrringe: Leaf Combo Zoeca", "Kreole: Stella Hoops"]
    text = [ARTICLE[0], facts[0], ARTICLE[1], facts[1], ARTICLE[2], facts[2]]
    others = [ARTICLE[0], facts[0], ARTICLE[1], facts[1], ARTICLE[2]]
    assert line_vote(text, others, others).keep == (True,) * 6
    # One fact the vote keeps is no list: a lone label line stays the model's call.
    lone = [*ARTICLE, TEASER, "Mehr: Hier klicken"]
    assert line_vote(lone, ARTICLE, ARTICLE).keep == (True, True, True, False, False)


@pytest.mark.parametrize(("last", "kept"), [("x Franzi", True), ("Love, Anna", True), ("X Factor", False),
                                            ("Love Island", False)])
def test_a_bloggers_sign_off_under_the_post_is_kept(last: str, kept: bool) -> None:
    """Regression (a German blog in trafilatura's realworld tests): the post's sign-off,
    "x Franzi", a short last line the other readings lacked, was outvoted as furniture."""
    assert line_vote([*ARTICLE, last], ARTICLE, ARTICLE).keep == (True, True, True, kept)


@pytest.mark.parametrize(("heading", "kept"), [
    ("Instance properties", True),
    ("How the budget was passed", True),
    ("$125/hr", False),           # a price, not words
    ("- Product Details", False),  # a list item
    ("Read more:", False),         # ends as a label does
    ("more photos", False),        # no capital: a caption's fragment, not a heading
])
def test_a_section_heading_between_kept_paragraphs_is_kept(heading: str, kept: bool) -> None:
    """Regression (reference pages in WCXB's dev split, developer.mozilla.org among them):
    the section headings of the extracted text ("Constructor", "Instance properties",
    "Examples"), short lines the other readings lacked, were outvoted as furniture."""
    text = [ARTICLE[0], heading, ARTICLE[1], ARTICLE[2]]
    others = [ARTICLE[0], ARTICLE[1], ARTICLE[2]]
    assert line_vote(text, others, others).keep == (True, kept, True, True)


def test_a_label_the_text_repeats_or_that_no_paragraph_follows_stays_outvoted() -> None:
    # "Original Poster" over every post of a forum thread: a template's label, not a heading.
    label = "Original Poster"
    text = [ARTICLE[0], label, ARTICLE[1], label, ARTICLE[2]]
    others = [ARTICLE[0], ARTICLE[1], ARTICLE[2]]
    assert line_vote(text, others, others).keep == (True, False, True, False, True)
    # Under a heading a paragraph starts; under a grid's item, another short item.
    grid = [ARTICLE[0], "Keyboard Trays", "Mats and more", ARTICLE[1], ARTICLE[2]]
    assert line_vote(grid, others, others).keep[1] is False


def test_readings_that_read_another_article_outvote_nothing() -> None:
    # Where neither other reading holds the text at all, their silence tells nothing about
    # a single line: the article must not be voted away.
    other = ["Sports results from the weekend, with every score from the league and the cup games played."]
    assert all(line_vote(ARTICLE, other, other).keep)


def test_a_paragraph_trafilatura_lost_is_added_after_its_neighbour() -> None:
    lost = ("The budget also sets aside money for a new library branch in the north of the city, "
            "which residents had asked for at three public meetings this year.")
    second = [ARTICLE[0], lost, ARTICLE[1], ARTICLE[2]]
    result = line_vote([ARTICLE[0], ARTICLE[1], ARTICLE[2]], second, second)
    assert result.additions == ((0, lost),)
    # a short line (a caption) is not added, nor one the page-text reading does not keep
    assert line_vote(ARTICLE, [*ARTICLE, "Photo: the council chamber on Monday."], [*ARTICLE]).additions == ()
    assert line_vote(ARTICLE[:1], [ARTICLE[0], lost], [ARTICLE[0]]).additions == ()


def test_line_features_skip_lines_without_words_and_keep_indexes() -> None:
    rows = line_features(["***", ARTICLE[0], ""], [ARTICLE[0]], [])
    assert [index for index, _ in rows] == [1]
    assert len(rows[0][1]) == len(FEATURES)


def test_page_reading_keeps_prose_and_drops_menus() -> None:
    assert page_reading(["Home", "World", "Sport", *ARTICLE, "Privacy policy"]) == ARTICLE


def _page(body: str) -> str:
    return (f"<html><head><title>Budget approved</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Budget approved</h1>{body}</article><footer>Contact us</footer></body></html>")


def test_stage_vote_is_an_option_and_checked() -> None:
    with pytest.raises(ConfigError):
        newsclean.StripBoilerplate(vote="yes")  # type: ignore[arg-type]
    assert "outvoted" in REASONS
    page = _page("".join(f"<p>{line}</p>" for line in ARTICLE))
    voted = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="a", text=page))
    alone = newsclean.StripBoilerplate(kind="html", vote=False)(newsclean.Document(id="a", text=page))
    assert voted.text == alone.text == "\n\n".join(ARTICLE)
    assert voted.meta["vote_added"] == 0 and "vote_added" not in alone.meta


def test_stage_removes_a_line_the_other_readings_outvote(monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: trafilatura (made to keep a teaser beside the article, as it does on
    many pages of 2008) is outvoted by readability's and the page-text classifier's
    readings of the same page; vote=False keeps the teaser."""
    import trafilatura

    class Result:
        def __init__(self, text: str) -> None:
            self.text, self.comments = text, None

    monkeypatch.setattr(trafilatura, "bare_extraction",
                        lambda page, **options: Result("\n".join([*ARTICLE, TEASER])))
    teasers = [TEASER, "Rail strike called off after late talks", "Hospital waiting lists fall again"]
    page = _page("".join(f"<p>{line}</p>" for line in ARTICLE)).replace(
        "<footer>", "<aside><ul>" + "".join(f"<li><a href='/{i}'>{t}</a></li>" for i, t in enumerate(teasers))
        + "</ul></aside><footer>")
    voted = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="a", text=page))
    alone = newsclean.StripBoilerplate(kind="html", vote=False)(newsclean.Document(id="a", text=page))
    assert voted.meta["extractor"] == "trafilatura (default)"
    assert TEASER in alone.text and TEASER not in voted.text
    assert [r.text for r in voted.removed if r.reason == "outvoted"] == [TEASER]
    assert all(line in voted.text for line in ARTICLE)

"""Regression tests, one per defect found (issue #15, the hardening review), named after what broke."""

from __future__ import annotations

from typing import Any

import pytest

import newsclean
from newsclean import linebreaks

COPYRIGHT_STORY = """Publisher sues AI firm over copyright

The New York Times sued OpenAI and Microsoft on Wednesday, accusing them of copyright infringement on a massive scale.

The lawsuit, filed in federal court in Manhattan, says millions of articles were used to train chatbots without permission.

Lawyers for the newspaper said the copyright claims covered reporting that cost billions of dollars to produce.

The companies have argued that training on public text is fair use under copyright law and that the suit has no merit.

A hearing is scheduled for March, and both sides expect a long fight in the courts."""

BAKERY_STORY = """Local bakery wins award

A small bakery on Main Street won the regional prize for its sourdough on Saturday, beating forty rivals.

The owner, Maria Lopez, said her newsletter to customers had helped build a loyal following over ten years.

She started baking cookies in her mother's kitchen before opening the shop in 2014 with two employees.

Customers who visit this site of the old mill now queue around the block on weekends for fresh loaves.

The judges praised the crust, the crumb and the cookies, which sell out by noon most days."""


class _Recording:
    """Wraps a compiled pattern and records the length of every string it searches."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.longest = 0

    def search(self, text: str, *args: Any) -> Any:
        self.longest = max(self.longest, len(text))
        return self.pattern.search(text, *args)


@pytest.mark.parametrize("text", [
    "communi-\ncation " * 4000,                       # hyphen-wrapped lines, one paragraph
    "talks with U.S.\n\nPresident said so. " * 2000,   # paragraphs cut after "U.S."
    "It was a cold\nnight in the city and\n" * 3000 + ".",
])
def test_line_break_repair_searches_a_bounded_tail_not_the_growing_paragraph(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before the fix each joined line searched the whole paragraph built so far with
    # end-anchored patterns: 128 KB took 70 s. Now each search reads at most a tail.
    patterns = {name: _Recording(getattr(linebreaks, name))
                for name in ("_HYPHENATED", "_SENTENCE_END", "_ENDS_WITH_ABBREVIATION")}
    for name, recording in patterns.items():
        monkeypatch.setattr(linebreaks, name, recording)
    out = linebreaks.repair_line_breaks(text)
    assert out
    longest_line = max(len(line) for line in text.split("\n"))
    for name, recording in patterns.items():
        if name == "_SENTENCE_END":
            # also asked once of each whole block's last line and each paragraph
            continue
        assert recording.longest <= linebreaks._TAIL + longest_line, name


def test_line_break_repair_output_unchanged_by_the_tail_window() -> None:
    text = "The ministry said the communi-\ncation was sent to the U.S.\n\nEmbassy on Monday, well-\nknown officials said."
    assert linebreaks.repair_line_breaks(text) == (
        "The ministry said the communication was sent to the U.S. Embassy on Monday, well-known officials said."
    )


@pytest.mark.parametrize("story", [COPYRIGHT_STORY, BAKERY_STORY], ids=["copyright-lawsuit", "bakery-cookies"])
def test_article_paragraphs_that_mention_a_furniture_word_are_kept(story: str) -> None:
    doc = newsclean.clean(story, kind="text")
    assert doc.removed == ()
    for paragraph in story.split("\n\n")[1:]:
        assert paragraph in doc.text


@pytest.mark.parametrize("notice", [
    "We use cookies to improve your experience on our website. Find out more.",
    "Sign up for our newsletter and get the day's top stories in your inbox.",
    "Privacy & Cookies",
    "Subscribe to the Morning Review newsletter",
    "Copyright © 2019 Dow Jones & Company, Inc. All Rights Reserved",
])
def test_site_notices_with_furniture_words_are_still_removed(notice: str) -> None:
    body = ("The council approved the new budget on Monday after a long debate about schools and roads. "
            "Opponents said the plan would raise taxes for families across the county next year.")
    page = f"Home\nNews\nCouncil passes budget\n{body}\n{body}\n{notice}\nContact us"
    doc = newsclean.clean(page, kind="text")
    assert notice not in doc.text
    assert any(r.text == notice for r in doc.removed)


def test_clean_is_idempotent_when_a_join_brings_a_furniture_phrase_into_one_line() -> None:
    text = ("The mayor said residents who want to know more can visit this\nsite for updates on the road works "
            "and closures, which will last until spring next year when the new bridge opens.")
    once = newsclean.clean(text, kind="text").text
    assert "visit this site for updates" in once
    assert newsclean.clean(once, kind="text").text == once

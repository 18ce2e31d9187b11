"""Boilerplate removal: the seeds, reasons, HTML, and bad input."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from tests.strategies import keyed_pages, readability_whitespace

import newsclean
from newsclean.boilerplate import REASONS
from newsclean.boilerplate.metadata import _DATE_PATTERNS
from newsclean.boilerplate.text import (
    _ANYWHERE_KEYS,
    _ANYWHERE_RULES,
    _BULLET_LEAD,
    _LENGTHENS_ON_LOWER,
    _WHOLE_LINE,
    _find_keys,
    _may_match_patterns,
    _scan_keys,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_0 = (SEEDS / "000_a289672350df8659.txt").read_text("utf-8")
SEED_1 = (SEEDS / "001_17f53e41f614a8e8.txt").read_text("utf-8")

SEED_1_BOILERPLATE = [
    "twitter", "night_theme", "WHAT ARE YOU LOOKING FOR ?",
    "Any use of materials is allowed only if there is a hyperlink to Caliber.az", "Caliber.az © 2025. .",
    "Views: 119", "share-lineLiked the story? Share it on social media!", "Ссылка скопирована",
    "Follow us on Instagram", "The most important world news", "loading", "A+", "print", "copy link",
]


def test_seed_title_is_the_ft_headline() -> None:
    doc = newsclean.clean(SEED_1)
    assert doc.title == "FT: European coalition divided over Ukraine deployment as leaders gather for crucial talks"
    assert doc.meta["byline"] == "Sabina Mammadli"
    assert doc.meta["date"] == "2025-09-04"


def test_seed_boilerplate_lines_are_removed_with_reasons() -> None:
    doc = newsclean.clean(SEED_1)
    removed = {r.text: r.reason for r in doc.removed}
    for line in SEED_1_BOILERPLATE:
        assert line in removed, line
        assert line not in doc.text
    assert removed["Views: 119"] == "counter"
    assert removed["Caliber.az © 2025. ."] == "copyright"
    assert removed["Follow us on Instagram"] == "social"
    assert removed["By Sabina Mammadli"] == "byline"
    assert set(removed.values()) <= set(REASONS)


def test_seed_body_paragraphs_are_kept_whole() -> None:
    for source in (SEED_0, SEED_1):
        doc = newsclean.clean(source)
        body = [line for line in source.splitlines()
                if len(line.split()) > 12 and line not in SEED_1_BOILERPLATE and line.strip() != doc.title]
        assert len(body) >= 14
        for paragraph in body:
            assert " ".join(paragraph.split())[:60] in " ".join(doc.text.split()), paragraph[:60]


def test_seed_0_menu_and_source_lines_go_and_title_and_date_are_found() -> None:
    doc = newsclean.clean(SEED_0)
    assert doc.title.startswith("Deepening Divisions in Europe")
    assert doc.meta["date"] == "2025-09-04"
    assert "• En" not in doc.text and not doc.text.endswith("Source")
    assert {r.text for r in doc.removed} >= {"• En", "• Ук", "Source"}


def test_text_excludes_the_title() -> None:
    doc = newsclean.clean(SEED_1)
    assert doc.title not in doc.text


def test_a_page_whose_only_text_is_its_headline_keeps_it_as_text() -> None:
    # Regression: the headline is moved from the text to the title, and where it was the
    # page's only line (a link page's one summary) the document came out empty, "no text
    # found in the markup" (a WCXB forum page).
    summary = ("FCC chair to Europe: restrict our satellite providers and we will ban yours. "
               '"New barriers are emerging that constrain US businesses operating abroad," the chair says.')
    page = (f"<html><head><title>{summary}</title></head><body>"
            f"<div class='story'><h1><a href='https://example.com/fcc'>{summary}</a></h1></div></body></html>")
    doc = newsclean.strip_boilerplate(page, kind="html")
    assert doc.title == summary and doc.text == summary
    assert "empty_reason" not in doc.meta


def test_the_lede_above_the_headline_stays_and_a_teaser_box_there_goes() -> None:
    # Regression: every line above the headline went with it as "title"; CNN's pages put
    # the lede first ("(CNN) President ..."), and two of the 181 benchmark pages lost it.
    lede = ("(CNN) President Jane Doe made an unscheduled trip to the hospital on Saturday for a quick exam, "
            "the White House said.")
    body = "".join(f"<p>The visit, paragraph {i}, lasted about two hours and was not on her public schedule for "
                   "the weekend, officials said.</p>" for i in range(6))

    def page(above: str) -> str:
        return ("<html><head><title>Doe visits hospital for exam</title><meta property='og:type' content='article'>"
                f"</head><body><article>{above}<h1>Doe visits hospital for exam</h1>{body}</article></body></html>")

    doc = newsclean.strip_boilerplate(page(f"<p>{lede}</p>"), kind="html")
    assert doc.title == "Doe visits hospital for exam" and doc.text.startswith(lede)
    assert [(r.reason, r.text) for r in doc.removed] == [("title", doc.title)]
    # Prose above a short line (a teaser's summary and its headline) is not the article's.
    doc = newsclean.strip_boilerplate(page(f"<p>{lede}</p><p>Most read</p>"), kind="html")
    assert lede not in doc.text and doc.text.startswith("The visit, paragraph 0")
    assert {r.reason for r in doc.removed if r.text in (lede, "Most read")} == {"header"}


@pytest.mark.parametrize(("line", "words"), [
    ("The council met on Monday and voted on the budget for schools.", 12),
    ("The council met on Monday and voted on the budget.”", 10),
    ("The  council met on Monday and voted on the budget.", 10),  # two spaces: still ten words
    ("The\tcouncil met on Monday and voted on the budget.", 10),
    ("Die\u00a0Stadt hat am Montag den Haushalt für die Schulen beschlossen.", 11),
    ("The council met on Monday and voted on the budget", 0),  # no sentence end
    ("The council met on Monday and voted on it.", 0),  # nine words
    ("Home  News  Sport  Weather  Culture  Travel  Money  Life  More  Help.", 10),
])
def test_prose_words_counts_as_splitting_would(line: str, words: int) -> None:
    # prose_words counts words one space apart by their spaces (splitting every long
    # line cost half of the listing test); any other spacing must count the same.
    from newsclean.boilerplate.text import prose_words

    assert prose_words(line) == words


def test_a_listing_dump_keeps_its_summaries() -> None:
    """Regression (WCXB dev dumps, listing pages: recall 0.31): a page of entries, each a
    name, its details and a one-sentence summary, has no article; the run scoring kept one
    summary and dropped the rest as navigation. A page with little prose, which the
    article run holds under half of, is cleaned as extracted text is."""
    names = ["Riverside Bakery", "Harbour Fish House", "Green Leaf Cafe", "The Old Mill Pub", "Sakura Noodle Bar",
             "Casa Lucia"]
    summaries = ["Family-run bakery known for sourdough loaves and seasonal fruit tarts in the old town.",
                 "Fresh catch every morning, grilled or fried, with a terrace overlooking the marina.",
                 "Vegetarian breakfasts and lunches made from local produce, open every day except Monday.",
                 "Traditional ales, a log fire in winter and live folk music on Friday evenings.",
                 "Hand-pulled noodles and rich broths, with a quick lunch menu for office workers nearby.",
                 "Wood-fired pizzas and homemade pasta served in a cosy dining room with twenty seats."]
    entries = []
    for i, (name, summary) in enumerate(zip(names, summaries)):
        entries += [name, f"4.{i} stars (1{i}2 reviews)", "Seafood, Pub food", "$$ - Moderate",
                    f"{10 + i} Market Street, Riverton", f"Open today until {9 + i} pm",
                    "Takeaway · Delivery · Outdoor seating", summary, "View menu", "Directions", "Save"]
    page = "\n".join(["Home", "Restaurants", "Hotels", "Sign in", "Best restaurants in Riverton", *entries,
                      "About us", "Privacy", "Terms"])
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert all(summary in doc.text for summary in summaries)
    assert "Sign in" not in doc.text and "Privacy" not in doc.text
    # An article with the same chrome still loses it: its prose is one run.
    article = [f"The council met on day {i} to debate the budget for schools and roads, the mayor said on Monday."
               for i in range(6)]
    doc = newsclean.strip_boilerplate("\n".join(["Home", "Restaurants", "Hotels", "Sign in", *article, *entries[:11],
                                                 "About us", "Privacy"]), kind="text")
    assert all(line in doc.text for line in article) and summaries[0] not in doc.text


def test_html_goes_through_trafilatura_with_metadata() -> None:
    body = "".join(f"<p>The council approved paragraph {i} of the budget after a long debate on Monday.</p>"
                   for i in range(8))
    page = (f"<html><head><title>Budget passes - Town News</title><meta property='og:type' content='article'></head>"
            f"<body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Budget passes</h1>{body}</article><footer>© 2025 Town News</footer></body></html>")
    doc = newsclean.clean(page)
    assert doc.meta["input_kind"] == "html" and doc.meta["extractor"] == "trafilatura"
    assert doc.text.startswith("The council approved paragraph 0")
    assert "Home" not in doc.text and "©" not in doc.text
    assert doc.title == "Budget passes"


@pytest.mark.parametrize("source", ["", "   \n\t  ", "\x00\x01\x02"])
def test_empty_input_gets_a_reason_not_none(source: str) -> None:
    doc = newsclean.clean(source)
    assert doc.text == ""
    assert doc.meta["empty_reason"]


def test_page_that_is_all_boilerplate_is_empty_with_reason() -> None:
    doc = newsclean.clean("Home\nSearch\nFollow us on Instagram\nViews: 12\n© 2025 Site")
    assert doc.text == ""
    assert doc.meta["empty_reason"] == "every line was classified as boilerplate"


def test_binary_junk_does_not_crash() -> None:
    junk = bytes((i * 7919) % 256 for i in range(50_000))
    # No crash, and never a silent nothing: newsclean's own error, saying why (the
    # command line's files and a batch's error records say the same).
    with pytest.raises(newsclean.InputError, match="binary data"):
        newsclean.clean(junk)


def test_twenty_megabyte_single_line_does_not_crash() -> None:
    line = "word " * 4_000_000
    doc = newsclean.clean(line)
    assert len(doc.text) > 1_000_000


def test_html_nested_100000_levels_does_not_crash() -> None:
    page = "<html><body>" + "<div>" * 100_000 + "The deeply nested article text is here. " * 5 + "</div>" * 100_000
    doc = newsclean.clean(page)
    assert "deeply nested article" in doc.text


def test_article_extraction_benchmark_plain_dumps_meet_the_target(shared_data: Path) -> None:
    """An evaluation gate at the issue's target (0.93; measured 0.932, deterministic)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from extraction_metric import evaluate

    folder = shared_data / "article-extraction-benchmark"
    truth = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    predictions = {k: newsclean.strip_boilerplate((folder / "plain" / f"{k}.txt").read_text("utf-8"), kind="text").text
                   for k in truth}
    assert evaluate(predictions, truth)["f1"] >= 0.93


def test_article_extraction_benchmark_html_pages_keep_trafilatura_quality(shared_data: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from extraction_metric import evaluate

    folder = shared_data / "article-extraction-benchmark"
    truth = {k: v["articleBody"] for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    keys = sorted(truth)[:40]
    predictions = {k: newsclean.strip_boilerplate(gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes())
                                                  .decode("utf-8"), kind="html").text for k in keys}
    assert evaluate(predictions, {k: truth[k] for k in keys})["f1"] >= 0.93


def _site_pages() -> list[str]:
    quote = "“We will not stand by while our neighbours are attacked,” the minister told parliament on Tuesday."
    pages = []
    for i in range(6):
        body = [f"Article {i} reports on the regional council's decision number {i} about the new budget.",
                f"The mayor said the vote on measure {i} would be repeated next month if needed."]
        if i in (1, 4):
            body.append(quote)
        pages.append("\n".join(["Home", "World | Business | Sport", f"Headline number {i} for the site", "",
                                *body, "Subscribe to our newsletter for daily updates and offers",
                                "© 2025 Example Media Group. All rights reserved."]))
    return pages


def test_site_template_removes_shared_lines_but_keeps_a_shared_quotation() -> None:
    pages = _site_pages()
    template = newsclean.SiteTemplate.fit(pages)
    assert "world | business | sport" in template.lines
    assert "subscribe to our newsletter for daily updates and offers" in template.lines
    assert not any("minister told parliament" in line for line in template.lines)
    doc = template(newsclean.Document(id="p1", text=pages[1]))
    assert "minister told parliament" in doc.text
    assert "World | Business | Sport" not in doc.text
    assert {r.reason for r in doc.removed} == {"template"}


def test_site_template_composes_before_the_classifier_and_round_trips(tmp_path: Path) -> None:
    pages = _site_pages()
    template = newsclean.SiteTemplate.fit(pages)
    template.save(tmp_path / "site.json")
    loaded = newsclean.SiteTemplate.load(tmp_path / "site.json")
    assert loaded == template
    # A site line the classifier keeps (it reads as a sentence) only the template removes.
    page = pages[2].replace("Headline number 2 for the site\n",
                            "Headline number 2 for the site\n\nOur reporters cover the region every day of the year.\n")
    site_pages = [p.replace("\n\n", "\n\nOur reporters cover the region every day of the year.\n", 1) for p in pages]
    template = newsclean.SiteTemplate.fit(site_pages)
    assert newsclean.strip_boilerplate(page).text.startswith("Our reporters cover")
    pipeline = newsclean.Pipeline(newsclean.Decode(), newsclean.StripBoilerplate(), template)
    doc = pipeline(page)
    assert doc.text.startswith("Article 2 reports")
    assert doc.title == "Headline number 2 for the site"
    assert pipeline.stats["template"].removed["template"] == 1


@pytest.mark.parametrize(("line", "kind"), [
    ("• Share on Twitter", "social"),     # a phrase behind a bullet
    ("SHARE ON TWITTER ", "social"),      # case and trailing space
    ("View all", "navigation"),           # a list's "see more" link, no comment thread's mark
    ("About us", "navigation"),           # the about-page link, not a biography heading
    ("About Jane Smith", "biography"),
    # German "über" is also "over": a sentence is no heading (golfpost.de, trafilatura's suite)
    ("Über 1.110 Community-Mitglieder folgen diesem Thema.", ""),
    ("Share this story with friends", "social"),  # a pattern, not a phrase
    ("Views: 1,204", "counter"),
    ("More from Politics", "related"),
    ("grumpysal says:", "comment"),
    ("Have your say", "comment"),         # the comments' heading of British news sites (L3S-GN1)
    ("Search the archive", "navigation"),
    ("Share prices fell sharply after the announcement on Monday.", ""),  # prose is never furniture
])
def test_whole_line_vocabulary_phrases_and_patterns_agree_on_kinds(line: str, kind: str) -> None:
    from newsclean.boilerplate.text import _explicit_reasons

    assert _explicit_reasons([line]) == [kind]


def test_script_tie_goes_to_the_script_seen_first() -> None:
    # Broke when Latin letters were counted apart from the others: "Аккаунт: @darkzip"
    # has seven letters of each script, and the stray Cyrillic UI line must stay foreign.
    from newsclean.boilerplate.text import _script_of

    assert _script_of("Аккаунт: @darkzip") == "CYRILLIC"
    assert _script_of("darkzip: Аккаунт") == "LATIN"
    assert _script_of("Привет, мир, как дела? hello") == "CYRILLIC"
    assert _script_of("café 😀") == "LATIN"


_PARAGRAPHS = [
    "The city council approved the new budget on Monday after a debate that lasted well into the night.",
    "Officials said the plan would add two hundred teachers and repair roads across the northern districts.",
    "Critics argued that the spending rise was too steep, and several members voted against the final text.",
    "The mayor said she would sign the budget this week, and the first payments are expected in the spring.",
]


def _page(*middle: str, tail: tuple[str, ...] = ()) -> list[str]:
    """A dump with furniture around an article, so the classifier scores its lines."""
    return ["Home", "Menu", "Council passes budget", _PARAGRAPHS[0], _PARAGRAPHS[1], *middle,
            _PARAGRAPHS[2], _PARAGRAPHS[3], *tail, "© 2025 Example News"]


def _kept(lines: list[str]) -> list[str]:
    from newsclean.boilerplate.text import classify_lines

    return [v.text for v in classify_lines(lines)[0] if not v.reason]


def _reason(lines: list[str], line: str) -> str:
    from newsclean.boilerplate.text import classify_lines

    return next(v.reason for v in classify_lines(lines)[0] if v.text == line)


@pytest.mark.parametrize("caption", [
    "Protesters marched through the centre on Sunday (Image: GETTY )",
    "A shopper looks at extension cords at a hardware store in Grass Valley (AP Photo/Rich Pedroncelli)",
    "Photo by Jason Kempin/Getty Images",
    "Alex Wong | Getty Images",
])
def test_photo_captions_inside_an_article_are_removed_as_captions(caption: str) -> None:
    lines = _page(caption)
    assert _reason(lines, caption) == "caption"
    assert _kept(lines) == _PARAGRAPHS


def test_a_parenthesis_that_only_looks_like_a_credit_is_kept() -> None:
    # Broke on "(ePA)", the German electronic patient record, read as the EPA agency.
    line = "Das Thema wird seit Jahren intensiv diskutiert: die elektronische Patientenakte (ePA)."
    assert line in _kept(_page(line))


def test_read_more_link_between_paragraphs_is_removed_and_the_article_stays_whole() -> None:
    link = "READ MORE: Budget row deepens as unions threaten strike"
    lines = _page(link)
    assert _reason(lines, link) == "link"
    assert _kept(lines) == _PARAGRAPHS


def test_you_may_also_like_ends_the_article_but_inline_related_does_not() -> None:
    other_story = "A second story about a different town, with full sentences that read like an article body."
    after = _page(tail=("You may also like", other_story, other_story.replace("second", "third")))
    assert _kept(after) == _PARAGRAPHS
    inline = _kept(_page("Related", "Budget row deepens"))
    assert all(paragraph in inline for paragraph in _PARAGRAPHS)  # the article goes on after it


def test_commenter_name_over_a_timestamp_opens_the_comments() -> None:
    comment = "Great article, I completely agree with everything the council decided this week, well done."
    lines = _page(tail=("Jan Smith", "August 8, 2018 at 7:21 pm", comment))
    assert _reason(lines, "August 8, 2018 at 7:21 pm") == "comment"
    assert comment not in _kept(lines)
    # the time after a comma alone (WCXB dev, a blog's comments)
    lines = _page(tail=("Carl Jones", "December 19, 2025, 10:49 am", comment))
    assert _reason(lines, "December 19, 2025, 10:49 am") == "comment"


def test_one_line_comment_signatures_open_the_comments() -> None:
    # Blog software of the 2000s signs each comment on one line ("BY NAME AT date time",
    # "Posted by: Name | date time"); unread, six comments outscored a short article and
    # were kept as the article, the article itself cut as a header (L3S-GN1, gizmodo.com).
    signatures = [f"BY READER{i} AT 01/08/08 05:3{i} PM" for i in range(6)]
    signatures[3] = "Posted by: Sean Doe | Jan 10, 2008 4:49:12 PM"
    # the time, then the date (L3S-GN1, the Herald's and the Bolton News's comments)
    signatures[4] = "Posted by: Brad, Glasgow on 11:16am Wed 9 Jan 08"
    # WordPress's themes of the 2000s, with a dash (L3S-GN1's dev half)
    signatures[5] = "Comment by D-Bomb — January 7, 2008 @ 8:21 pm"
    comments = [line for i, signature in enumerate(signatures) for line in (
        signature,
        f"That is one of the strangest things I have seen at the show this year, comment number {i}, really.",
        f"I would never buy one of these, but my younger brother probably would, he loves that game {i}.")]
    lines = _page(tail=tuple(comments))
    assert {_reason(lines, signatures[i]) for i in (0, 3, 4, 5)} == {"comment"}
    assert _kept(lines) == _PARAGRAPHS
    dated = [line for i in range(4) for line in (
        f"Posted by: Reader{i}, Glasgow on 11:1{i}am Wed 9 Jan 08",
        f"That is one of the strangest decisions the agency has made this year, comment number {i}, really.")]
    assert _kept(_page(tail=tuple(dated))) == _PARAGRAPHS
    wordpress = [line for i in range(3) for line in (
        f"Comment by Reader{i} — January 7, 2008 @ 8:2{i} pm",
        f"That is one of the strangest decisions the agency has made this year, comment number {i}, really.")]
    assert _kept(_page(tail=tuple(wordpress))) == _PARAGRAPHS
    # One such line is an article's byline, not a thread.
    byline = "By Jane Doe on March 3, 2020 at 10:15 am"
    assert _reason(_page(tail=(byline, *_PARAGRAPHS[:1])), byline) != "comment"


def test_a_headlines_heading_after_the_article_closes_it() -> None:
    # "B.C. Headlines" over a river of other stories' headlines and summaries: the
    # summaries read as prose and were kept as the article's (L3S-GN1, cbc.ca).
    river = []
    for i in range(5):
        river += [f"Other story number {i} makes the news", f"A summary of the other story number {i} says what "
                  "happened there yesterday, in one sentence of its own."]
    lines = _page(tail=("Canada Headlines", *river))
    assert _reason(lines, "Canada Headlines") == "related"
    assert _kept(lines) == _PARAGRAPHS
    # "Latest headlines" also stands inside articles, as the other "latest" headings do.
    from newsclean.boilerplate.text import _closes_article

    assert _closes_article("MORE MANITOBA HEADLINES »", "related")
    assert _closes_article("MORE NFLD. & LABRADOR HEADLINES »", "related")  # four words before it
    assert not _closes_article("Latest headlines", "related")


def test_paragraph_that_lost_its_final_full_stop_is_kept() -> None:
    paragraph = ("Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida. Gostar é sentir "
                 "com a alma. Cada um é o único responsável pelas suas próprias necessidades. Só quem se ama "
                 "pode encontrar em sua vida Um Amor de Verdade")
    assert paragraph in _kept(["Home", "Menu", paragraph, "Você pode gostar...", "© 2019 Mensagens"])


def test_article_repeated_as_one_line_is_removed_as_repeat() -> None:
    blob = " ".join(_PARAGRAPHS * 2)
    lines = _page(tail=(blob,))
    assert _reason(lines, blob) == "repeat"
    assert _kept(lines) == _PARAGRAPHS


def test_teasers_joined_to_their_headlines_are_not_article_text() -> None:
    teasers = (
        "Indian-origin man pleads guilty to fraud scheme in US NEW YORK: An Indian-origin man has pleaded "
        "guilty to theft and embezzlement of funds, the prosecutors said.",
        "Customers Leave Without Paying $690 Bill At Troy Steakhouse A party of six left the steakhouse in "
        "Troy without paying the bill, police said.",
    )
    kept = _kept(["Home", "Menu", *teasers, "Latest", *_PARAGRAPHS, "© 2025 Example News"])
    assert kept == _PARAGRAPHS


def test_teasers_with_one_capitalised_small_word_are_not_article_text() -> None:
    """Regression: a page of teasers ("The 4 Best Vegan Spots In Detroit Hoodline crunched
    the numbers ...") outscored its article; a headline needed two small words in capitals."""
    teasers = tuple(
        f"The {n} Best Vegan Spots In Detroit Hoodline crunched the numbers to find the top vegan spots "
        f"around the city, and the list has {n} of them for you this week."
        for n in (3, 4, 5, 6))
    kept = _kept(["Home", "Menu", *teasers, "Latest", *_PARAGRAPHS, "© 2025 Example News"])
    assert kept == _PARAGRAPHS


def test_teasers_of_sites_that_capitalise_every_word_are_not_article_text() -> None:
    teasers = tuple(
        f"Ford Recalls {n} Trucks; Loose Cable Can Cause Stalling Or Fires Ford is recalling over {n} pickups "
        "because a loose cable can cause the engine to stall, the company said on Monday."
        for n in (100, 200, 300, 400))
    kept = _kept(["Home", "Menu", *teasers, "Latest", *_PARAGRAPHS, "© 2025 Example News"])
    assert kept == _PARAGRAPHS


def test_short_japanese_sentences_are_article_text() -> None:
    """Regression: Japanese sentences of 15-20 characters counted as four or five words (a
    word was taken for four characters; UD Japanese words average 1.7) and were removed
    as menu lines."""
    steps = ["Windows10での操作方法です。", "ショートカットタブを開きます。", "「なし」にして「適用」をクリック。",
             "これで設定の変更はすべて完了しました。", "パソコンを再起動すると設定が反映されます。"]
    page = ["ホーム", "ニュース", "設定の変更方法について", *steps, "お問い合わせ", "© 2025 Example"]
    kept = _kept(page)
    assert all(step in kept for step in steps)
    assert "お問い合わせ" not in kept


def test_a_dateline_in_capitals_before_a_small_word_is_article_text() -> None:
    lead = "LOS ANGELES (AP) — To LeBron James, triple-doubles are not a goal but a way of playing the game."
    kept = _kept(["Home", "Menu", lead, *_PARAGRAPHS, "© 2025 Example News"])
    assert kept == [lead, *_PARAGRAPHS]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.from_regex(_WHOLE_LINE, fullmatch=True).map(str.strip).filter(lambda s: s and "\n" not in s))
def test_every_line_the_whole_line_patterns_match_passes_their_prefilter(line: str) -> None:
    # The prefilter spares the regex on most lines; a line it turned away that the
    # patterns would match would lose its reason silently. (Lines of 12+ spaces are only
    # tried when they open like the few patterns that run that long, by design.)
    assume(_WHOLE_LINE.fullmatch(line) is not None and len(line) <= 120 and line.count(" ") < 12)
    key = line.lstrip(_BULLET_LEAD).strip().lower()
    assert _may_match_patterns(line, key)


def test_list_introduced_by_a_colon_inside_the_article_is_kept() -> None:
    items = ("June 9 -- Coral Sky Amphitheatre, West Palm Beach", "June 10 -- Credit Union Amphitheatre, Tampa",
             "June 14 -- Ameris Bank Amphitheatre, Alpharetta", "June 17 -- Bridgestone Arena, Nashville")
    intro = "The band announced these dates for the first leg of the tour on Monday:"
    kept = _kept(_page(intro, *items))
    assert all(item in kept for item in items)
    # The same lines without the introduction are a menu between paragraphs: they split
    # the article, and only its longer part is kept.
    assert not any(item in _kept(_page(*items)) for item in items)


def test_tag_strip_fallback_drops_hidden_content_even_when_unclosed() -> None:
    # Regression: a lazy ".*?" per "<script>" opening made a page of unclosed scripts
    # quadratic; now each opening is followed by one search for its end.
    from newsclean.boilerplate.html import strip_tags

    page = "<p>Kept text.</p><!-- note --><script>var x = 1;</script><STYLE>p {}</style ><p>More.</p><script>x"
    assert strip_tags(page) == ["Kept text.", "More."]
    assert strip_tags("<p>Only this.</p>" + "<script>x " * 20_000) == ["Only this."]


def test_tag_strip_removes_custom_elements_and_tags_with_long_attributes() -> None:
    # Regression: tag names were read as letters and digits only and attributes up to
    # 2,000 characters, so a web component's "<discourse-assets>" and a "<p>" whose
    # data attribute holds a page's preloaded JSON stayed in readability's text as
    # thousands of words of markup (WCXB forum pages; the second opinion took them).
    from newsclean.boilerplate.html import strip_tags

    data = "&quot;posts&quot;: [" + ", ".join(f"&quot;post {i}&quot;" for i in range(400)) + "]"
    page = (f"<discourse-assets><discourse-assets-json><p class=\"hidden\" data-preloaded=\"{data}\"></p>"
            "</discourse-assets-json></discourse-assets><my-app:header x=1>Kept title.</my-app:header>"
            "<p>Kept text.</p>")
    assert strip_tags(page) == ["Kept title.", "Kept text."]
    assert strip_tags('<?xml version="1.0"?><!DOCTYPE html><html><p>Text.</p></html>') == ["Text."]
    # A lone "<" in text stays text, and unclosed tags cost linear time (each scan
    # stops at the next "<" or ">").
    assert strip_tags("<p>3 < 4 and a <b>bold</b> claim</p>") == ["3 < 4 and a bold claim"]
    assert strip_tags("<p>Only this.</p>" + "<custom-tag data-x=" * 20_000)[0] == "Only this."


def test_head_metadata_of_unclosed_title_tags_is_read_once() -> None:
    # Regression: "(.*?)</h1>" retried from every unclosed "<h1>" was quadratic.
    from newsclean.boilerplate.html import _head_metadata

    assert _head_metadata("<html><head><title>A | Site</title></head><h1>The <b>headline</b></h1>")[0] == "The headline"
    assert _head_metadata("<h1>x" * 20_000)[0] == ""


def test_head_metadata_reads_the_title_past_an_empty_h1() -> None:
    # Regression (L3S-GN1, theglobeandmail.com): an empty <h1> (a logo's image) stood for
    # the title, and the page's <title> was never read.
    from newsclean.boilerplate.html import _head_metadata

    page = "<html><head><title>Blame game begins amid fury</title></head><body><h1> <img src=logo.gif> </h1>"
    assert _head_metadata(page)[0] == "Blame game begins amid fury"


def test_name_over_timestamp_above_the_article_is_its_date_not_a_comment() -> None:
    from newsclean.boilerplate.text import classify_lines

    lines = _page(tail=("Jan Smith", "August 8, 2018 at 7:21 pm", "Great piece, I agree with every word of it here."))
    header = ["Home", "Menu", "Maren Estrada", "November 19th, 2019 at 8:40 AM", *_PARAGRAPHS, "© 2025 Example News"]
    verdicts, info = classify_lines(header)
    assert info.date == "2019-11-19"
    assert [v.reason for v in verdicts if v.text.startswith("November")] == ["date"]
    assert _reason(lines, "August 8, 2018 at 7:21 pm") == "comment"  # below the article: a comment


def test_classify_lines_with_an_empty_line_raises_input_error_not_index_error() -> None:
    from newsclean.boilerplate.text import classify_lines

    with pytest.raises(newsclean.InputError, match="line 1 is empty"):
        classify_lines(["Home", "", "The council approved the new budget on Monday after a long debate."])


def test_copyright_line_after_letters_that_lengthen_when_lower_cased_keeps_its_reason() -> None:
    # "İ".lower() is two characters: the keyword search in the lower-cased page used to
    # pin the "©" on a line further down and leave the copyright line unexplained.
    lines = ["İSTANBUL İZMİR İNCİRLİ", "Menu", "Home", "News", "Example News 2025 ©", *_PARAGRAPHS]
    assert _reason(lines, "Example News 2025 ©") == "copyright"


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.sampled_from(_ANYWHERE_RULES).flatmap(
    lambda rule: st.tuples(st.just(rule), st.from_regex(re.compile(rule[2], re.IGNORECASE)))))
def test_every_copyright_or_legal_match_contains_its_rule_key(rule_and_text: tuple[tuple[str, str, str], str]) -> None:
    # Lines are searched for the keys first and run only the patterns of the keys they
    # contain: a pattern matching text without its key would never be tried.
    (_, key, pattern), text = rule_and_text
    matches = list(re.finditer(pattern, text, re.IGNORECASE))
    assert matches
    for match in matches:
        assert key in match.group().lower()


@given(keyed_pages)
def test_keys_are_found_alike_by_find_and_by_scan(text: str) -> None:
    # The compiled build scans the page once (_scan_keys); interpreted Python runs one
    # str.find per key (_find_keys). Both must report the same keys in the same lines.
    lines = text.split("\n")
    lowered = text.lower()
    lengths = lines if len(lowered) == len(text) else [line.lower() for line in lines]
    found = {line: sorted(keys) for line, keys in _find_keys(lowered, lengths).items()}
    # The scan reads the page as written: keys in capitals too ("Copyright").
    scanned = {line: sorted(keys) for line, keys in _scan_keys(text, lines).items()}
    assert scanned == found


def test_the_key_scan_knows_every_character_that_lower_casing_lengthens() -> None:
    # The compiled scan lower-cases only the characters it compares, except in lines
    # holding such a character, and marks the cases of the keys' characters found in the
    # Basic Multilingual Plane: a Unicode update that changes either must be read there.
    assert "".join(chr(c) for c in range(0x110000) if len(chr(c).lower()) > 1) == _LENGTHENS_ON_LOWER
    key_chars = {char for key in _ANYWHERE_KEYS for char in key}
    assert not [hex(c) for c in range(0x10000, 0x110000) if chr(c).lower() in key_chars]


def test_key_scan_finds_keys_at_both_ends_of_the_page_and_across_lengthened_lines() -> None:
    lines = ["site", "İİİ our SITE ©", "(C) 2024", "All Rights Reserved"]
    assert {i: set(keys) for i, keys in _scan_keys("\n".join(lines), lines).items()} == {
        0: {"site"}, 1: {"site", "©"}, 2: {"(c)"}, 3: {"rights reserved"}}


_SCRIPT_PROPERTIES = {
    "LATIN": r"\p{Latin}", "CYRILLIC": r"\p{Cyrillic}", "GREEK": r"\p{Greek}", "ARABIC": r"\p{Arabic}",
    "HEBREW": r"\p{Hebrew}", "HANGUL": r"\p{Hangul}", "CJK": r"[\p{Han}\p{Hiragana}\p{Katakana}]",
    "THAI": r"\p{Thai}", "DEVANAGARI": r"\p{Devanagari}", "ARMENIAN": r"\p{Armenian}", "GEORGIAN": r"\p{Georgian}",
}


def _script_by_counting(text: str) -> str:
    """The definition _script_of implements with shortcuts: the script with the most
    characters, the one seen first on a tie."""
    counts: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for position, char in enumerate(text):
        for name, prop in _SCRIPT_PROPERTIES.items():
            if regex.fullmatch(prop, char):
                counts[name] = counts.get(name, 0) + 1
                first_seen.setdefault(name, position)
                break
    if not counts:
        return ""
    return max(counts, key=lambda name: (counts[name], -first_seen[name]))


@given(st.one_of(
    # Few characters of few kinds: ties, and counts on both sides of each shortcut's bound.
    st.text(alphabet="bА日é© ", max_size=6),
    st.text(alphabet="abcXYZ éçß Привет Ελλάδα 東京 ひら カタ مرحبا שלום 한국어 ไทย हिंदी Հայ ქართ 123 ©’“.!", max_size=60),
))
@example("Аb")
@example("bА")
@example("日本ab")
@example("ab日本")
def test_script_of_is_the_script_with_most_characters(text: str) -> None:
    from newsclean.boilerplate.text import _script_of

    assert _script_of(text) == _script_by_counting(text)


@given(st.sampled_from([(p, f) for p, _, f in _DATE_PATTERNS if f is not None]).flatmap(
    lambda pair: st.tuples(st.just(pair), st.from_regex(pair[0]))))
def test_every_date_has_what_its_prefilter_looks_for(
    case: tuple[tuple[re.Pattern[str], re.Pattern[str]], str],
) -> None:
    # find_date tries a date pattern only on lines where its prefilter is found.
    (pattern, prefilter), text = case
    match = pattern.search(text)
    assert match is not None
    assert prefilter.search(match.group()) is not None


ARTICLE_LINES = (
    "Home\nMusic\nNews\n\nThe band announces a reunion tour\n\n"
    + "\n\n".join(f"Paragraph {i}: the band said on Monday that the tour would visit many cities across the country next summer."
                  for i in range(4))
)


def test_closing_list_introduced_by_the_article_is_kept() -> None:
    """Regression: a list closing an article ("The tour dates:" and the dates) was cut
    off as a link list."""
    dates = "\n".join(f"June {d} -- Arena {d}, Springfield" for d in range(1, 8))
    page = ARTICLE_LINES + "\n\nThe band's 2020 tour dates:\n" + dates + "\n\nFacebook\nTwitter\nInstagram\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "The band's 2020 tour dates:" in doc.text
    assert "June 7 -- Arena 7, Springfield" in doc.text
    assert "Instagram" not in doc.text


def test_schedule_under_a_heading_without_a_colon_is_kept() -> None:
    """Regression: tour dates under a heading of their own ("The Doobie Brothers Tour
    Dates", no colon) were cut off as related links (a benchmark page lost 31 lines)."""
    dates = "\n".join(f"June {d} – Springfield, IL @ Arena {d}" for d in range(1, 8))
    page = ARTICLE_LINES + "\n\nThe Band Tour Dates\n" + dates + "\n\nFacebook\nTwitter\nInstagram\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "June 1 – Springfield, IL @ Arena 1" in doc.text and "June 7 – Springfield, IL @ Arena 7" in doc.text
    assert "Instagram" not in doc.text


def test_embedded_posts_closing_an_article_are_kept() -> None:
    """Regression: posts quoted from social media at an article's end, each with its
    credit line "— Name (@handle) date", were cut off as related links."""
    posts = ("Senate resolves to observe a minute of silence for the departed\n"
             "— The Senate (@TheSenate) October 9, 2018\n"
             "Senate Leader raises a motion on the deaths of two former lawmakers\n"
             "— The Senate (@TheSenate) October 9, 2018")
    page = ARTICLE_LINES + "\n\n" + posts + "\n\nClick here to subscribe to our newsletter\nShare this:\nTwitter\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "Senate Leader raises a motion on the deaths of two former lawmakers" in doc.text
    assert doc.text.count("(@TheSenate) October 9, 2018") == 2
    assert "Share this:" not in doc.text and "subscribe" not in doc.text


def test_a_post_embedded_inside_an_article_keeps_the_article_whole() -> None:
    """Regression: a post quoted mid-article (short lines, then "— Name (@handle) date")
    cut the article in two, and the half after it was removed as related links."""
    post = ["on. meth. dot. com.", "we're. on. it.", "— Mike Writer (@mikewriter) November 18, 2019"]
    page = ["Home", "Menu", "Council passes budget", _PARAGRAPHS[0], *post, _PARAGRAPHS[1], _PARAGRAPHS[2],
            "© 2025 Example News"]
    kept = _kept(page)
    assert kept == [_PARAGRAPHS[0], *post, _PARAGRAPHS[1], _PARAGRAPHS[2]]


def test_a_caption_ending_in_its_credit_is_not_article_text() -> None:
    caption = "A reference habitation module for a crewed Mars mission compared to its equivalent. Credit: ESA"
    assert _reason(_page(caption), caption) == "caption"
    prose = "The agency said the module would be ready next year. Its budget: about 2 billion euros"
    assert _reason(_page(prose), prose) != "caption"


def test_teaser_cards_after_an_article_are_not_the_article() -> None:
    """Regression: a river of teaser cards under a story (headline, author, date alone on
    its line, a summary sentence) scored as prose and kept the article going: two
    opinion pages kept 4,500 characters of other stories."""
    cards = "\n".join(
        f"Headline of another story number {n}\nJane Writer\nWednesday November 20, 2019\n"
        f"The summary of another story number {n} reads like a sentence of prose, as summaries do, and it goes "
        "on for a while about the council, the budget, the taxes and the roads that the city will build next year."
        for n in range(4))
    page = ARTICLE_LINES + "\n\nMore Example Times\n" + cards + "\n\nPrivacy Policy\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "Paragraph 3:" in doc.text
    assert "summary of another story" not in doc.text and "Jane Writer" not in doc.text


def test_teaser_cards_of_kicker_headline_and_summary_closing_the_run_are_not_the_article() -> None:
    """Regression: cards of other stories under a report (a section's kicker, a headline, a
    one-sentence summary, three times: futurezone.at in trafilatura's realworld tests) read
    as the article's last sections and were kept."""
    cards = []
    for kicker, headline in (("Digital Life", "Rival loses its court case against the taxi firm"),
                             ("B2B", "Carmaker asks investors for money for its robot taxis"),
                             ("B2B", "Ride service raises two billion dollars at its stock market debut")):
        cards += [kicker, headline, f"The summary of the story on the {headline.split()[0].lower()} reads as a "
                                    "sentence of prose about the deal."]
    kept = _kept(_page(tail=tuple(cards)))
    assert _PARAGRAPHS[3] in kept
    assert not any(line in kept for line in cards)


def test_one_card_shaped_box_over_the_last_paragraph_is_not_a_river_of_teasers() -> None:
    """Regression: "Related Links / European Space Agency website" over a report's last
    paragraph (one of the 181 benchmark pages) read as one teaser card and cut the paragraph."""
    box = ("Related Links", "European Space Agency website",
           "Challenges include designing the spacecraft to operate largely on its own while the crew sleeps.")
    kept = _kept(_page(tail=box))
    assert box[2] in kept


def test_an_article_closing_on_numbered_steps_keeps_them() -> None:
    # A kicker names a section, not a step: "Step 3" over a heading and its paragraph is the article's.
    steps = []
    for n in (1, 2):
        steps += [f"Step {n}", f"Preheat the oven and grease the tin number {n}",
                  f"Bake the dough for twenty minutes and let it cool before you cut it into {n + 1} pieces."]
    kept = _kept(_page(tail=tuple(steps)))
    assert all(line in kept for line in steps[1:])


@pytest.mark.parametrize(("good", "bad"), [("Pros", "Cons"), ("Vorteile:", "Nachteile:"), ("The bad", "The good")])
def test_a_reviews_pros_and_cons_between_its_paragraphs_stay(good: str, bad: str) -> None:
    """Regression: a review's verdict box (WCXB's annotated review pages) scored as a menu
    and was cut out of the article, or cut the article in two."""
    box = [good, "Cleans even stubborn stains", "Fast cycle times", bad, "Controls can be finicky"]
    kept = _kept(_page(*box, tail=("Buy now at Example Store",)))
    assert all(line in kept for line in box)
    assert "Buy now at Example Store" not in kept


def test_short_lines_under_one_pros_heading_alone_are_not_a_verdict_box() -> None:
    from newsclean.boilerplate.text import _pros_and_cons

    # A lone "Pro" over menu items is anything; the box needs the other heading too.
    paragraph = _PARAGRAPHS[0] + " " + _PARAGRAPHS[1]  # long enough to end the items
    lines = ["Pro", "Sport", "Business", "Culture", "Travel", paragraph, "More"]
    scores = [-6.0] * 5 + [20.0, -6.0]
    _pros_and_cons(lines, scores, [""] * len(lines))
    assert scores == [-6.0] * 5 + [20.0, -6.0]
    lines[3] = "Contra"
    _pros_and_cons(lines, scores, [""] * len(lines))
    assert scores[:5] == [0.0] * 5


def test_a_shop_button_ends_the_verdict_box() -> None:
    box = ["Pros", "Steady temperatures", "Cons", "None that we can find"]
    kept = _kept(_page(*box, "$1,599.00 from Example Store", "Buy now at Example Store"))
    assert all(line in kept for line in box)
    assert "$1,599.00 from Example Store" not in kept and "Buy now at Example Store" not in kept


def test_a_live_blog_of_dated_entries_stays_whole() -> None:
    entries = "\n".join(
        f"Wednesday November 20, 2019\nUpdate {n}: the council said on Monday that the vote on the budget "
        "would go ahead after a long debate about taxes and roads." for n in range(4))
    page = ARTICLE_LINES + "\n\n" + entries + "\n\nPrivacy Policy\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "Update 3:" in doc.text


def test_teasers_under_a_heading_without_a_colon_are_not_a_schedule() -> None:
    teasers = "\n".join(["10 things we learned from the reunion", "5 best albums of the year",
                         "The singer on touring at 70", "Why the band split in 1982"])
    page = ARTICLE_LINES + "\n\nMore Music Stories\n" + teasers + "\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "5 best albums of the year" not in doc.text


def test_menu_after_a_colon_line_is_not_a_closing_list() -> None:
    menu = "\n".join(["Politics", "Business", "Sport", "Culture", "Travel"])
    page = ARTICLE_LINES + "\n\nMore from our sections:\n" + menu + "\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "Business" not in doc.text and "Travel" not in doc.text


BYLINE_CASES = json.loads((Path(__file__).parent / "cases" / "bylines.json").read_text("utf-8"))


@pytest.mark.parametrize("case", BYLINE_CASES, ids=[c["line"][:40] for c in BYLINE_CASES])
def test_byline_lines_in_the_languages_of_the_furniture_rules(case: dict[str, object]) -> None:
    from newsclean.boilerplate.metadata import find_byline

    assert find_byline(str(case["line"])) == case["byline"]


DATE_CASES = json.loads((Path(__file__).parent / "cases" / "dates.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", DATE_CASES, ids=[f"{c['lang']}: {c['line'][:40]}" for c in DATE_CASES])
def test_dates_in_the_languages_of_the_worlds_news(case: dict[str, str | None]) -> None:
    """Regression: the date reader knew the months of eight Western European languages and
    Russian, and read no date of Polish, Ukrainian, Turkish, Arabic, Hindi, Chinese, Korean,
    Vietnamese ... pages (tests/cases/dates.json, from CLDR's date formats)."""
    from newsclean.boilerplate.metadata import find_date

    found = find_date(str(case["line"]))
    assert (found[0] if found else None) == case["date"]


def test_a_date_in_arabic_indic_digits_is_the_dumps_date_not_its_title() -> None:
    """Regression: the dump's date line "الأحد، ٢٨ ديسمبر ٢٠٢١" held no ASCII "19" or "20",
    so no date was read and the line was taken for the page's title."""
    paragraphs = ["قال مسؤولون في الحكومة يوم الأحد إن المفاوضات بشأن الاتفاق التجاري الجديد ستستأنف الأسبوع "
                  "المقبل في العاصمة بعد توقف دام عدة أشهر.",
                  "وأضاف المسؤولون أن الجانبين اتفقا على جدول أعمال يشمل الرسوم الجمركية والاستثمار وحماية "
                  "الملكية الفكرية، وأن الوفود ستلتقي على مستوى الوزراء.",
                  "ويتوقع محللون أن تستغرق المحادثات وقتا طويلا قبل التوصل إلى اتفاق نهائي يرضي جميع الأطراف "
                  "المعنية في المنطقة."]
    dump = "\n".join(["الرئيسية", "أخبار", "اقتصاد", "رياضة", "اتصل بنا", "", "استئناف المفاوضات التجارية الأسبوع المقبل",
                      "الأحد، ٢٨ ديسمبر ٢٠٢١", "", *paragraphs, "", "جميع الحقوق محفوظة"])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert doc.meta["date"] == "2021-12-28"
    assert doc.title == "استئناف المفاوضات التجارية الأسبوع المقبل"


def test_a_labelled_publication_date_wins_over_the_mastheads_date() -> None:
    """Regression: a page prints today's date in its masthead ("Tuesday, 15th January 2008"
    on L3S-GN1 pages, read once ordinal days were) above the article's own "Published Date:
    11 January 2008"; the first date seen was taken for the article's."""
    body = ("The council approved the new budget on Monday after a long debate about schools and roads. " * 3).strip()
    dump = "\n".join(["Home", "News", "Sport", "Tuesday, January 15, 2008", "Council approves budget",
                      "Published Date: 11 January 2008", "", body, "", body, "", "Contact us"])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert doc.meta["date"] == "2008-01-11"
    assert "Tuesday, January 15, 2008" in {r.text for r in doc.removed if r.reason != "date"}


def test_no_month_name_stands_for_two_months() -> None:
    # The CLDR table and the hand-made one are merged into one lookup: a name that two
    # languages give to different months would read one language's dates wrong.
    from importlib import resources

    from newsclean._months import MONTH_NUMBERS

    raw = json.loads(resources.files("newsclean.data").joinpath("month_names.json").read_text("utf-8"))
    months: dict[str, set[int]] = {}
    for table in [*raw["languages"].values(), MONTH_NUMBERS]:
        for name, number in table.items():
            months.setdefault(name, set()).add(number)
    assert {name: numbers for name, numbers in months.items() if len(numbers) > 1} == {}


def test_byline_from_a_dump_names_several_authors_like_markup_does() -> None:
    dump = ("Stadtrat beschließt Haushalt\n\nVon Anna Schmidt und Paul Weber\n\n"
            + "Der Stadtrat hat am Montag nach langer Debatte den Haushalt für das kommende Jahr beschlossen. " * 4
            + "\n\nTeilen auf Facebook\n")
    assert newsclean.strip_boilerplate(dump, kind="text").meta["byline"] == "Anna Schmidt; Paul Weber"


def test_a_byline_and_date_removed_just_inside_the_article_run_are_read() -> None:
    """Regression: where the article run opens with a lede and the byline and date lines
    under it are removed inside the run (WCXB dev's ABC7 page: "By Nina Pineda", "Friday,
    November 14, 2025"), they were outside the header window, and the dump gave neither."""
    from newsclean.boilerplate import text
    from newsclean.boilerplate.config import LineVerdict

    lines = ["Moving company under investigation",
             "Since the first report, a new source familiar with the company has come forward.",
             "By Nina Pineda", "Friday, November 14, 2025",
             *[f"Paragraph {i}: the company charged customers far more than it had quoted them." for i in range(4)]]
    verdicts = [LineVerdict(lines[0], -9.0, "title"), LineVerdict(lines[1], 22.0, ""),
                LineVerdict(lines[2], -6.0, "navigation"), LineVerdict(lines[3], -6.0, "navigation"),
                *[LineVerdict(line, 20.0, "") for line in lines[4:]]]
    info = text._header_info(lines, verdicts, 1, len(lines))
    assert (info.byline, info.date) == ("Nina Pineda", "2025-11-14")
    assert [v.reason for v in verdicts[2:4]] == ["byline", "date"]


def test_article_resumes_after_a_most_read_box_inside_it() -> None:
    """Regression: a "Most Read" box in the middle of an article silenced the rest of it."""
    para = "The hospital director said on Monday that supplies of fuel and medicine had run out after weeks of fighting in the city."
    teasers = "\n".join(f"Headline of another story number {i}\nAuthor Name {i}" for i in range(3))
    page = ("Home\nWorld\n\nHospitals run out of fuel\n\n" + "\n\n".join([para] * 5) + "\n\nMost Read\n" + teasers
            + "\n\nA subhead\n\n" + "\n\n".join([para.replace("Monday", f"day {i}") for i in range(5)])
            + "\n\nRelated\nAnother headline here\n")
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "day 4" in doc.text and "Headline of another story" not in doc.text


def test_teaser_river_after_you_may_also_like_stays_out() -> None:
    para = "The hospital director said on Monday that supplies of fuel and medicine had run out after weeks of fighting in the city."
    river = "\n".join(f"Teaser headline {i}\nA one-line summary of teaser story {i} that reads like a sentence of prose." for i in range(6))
    page = "Hospitals run out of fuel\n\n" + "\n\n".join([para] * 5) + "\n\nYou may also like\n" + river + "\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "Teaser headline" not in doc.text and "summary of teaser" not in doc.text


def test_bare_about_menu_link_does_not_close_the_article() -> None:
    """Regression: a menu's "About" link was read as a biography heading and silenced
    the article under it."""
    blurb = "\n".join(["Need to create a login? Want to change your email address or password?",
                       "Sign in to Customer Care using your account number or postal address.",
                       "Subscribers can find additional help here with their account settings.",
                       "Get access to print and digital editions for one low price today.",
                       "Locked out of your account? You can get help with your password here.",
                       "Not a subscriber yet? You can subscribe today and read every issue online.",
                       "Enter your new information and click the button to save your changes."])
    menu = "\n".join(["Archive", "Sections", "Authors", "About", "Store", "Search"])
    para = "Our cultural institutions are facing a moment of trial, and the letter's signers argue that debate must stay open."
    page = blurb + "\n" + menu + "\n\nA Letter on Open Debate\n\n" + "\n\n".join([para] * 6) + "\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert "Our cultural institutions" in doc.text


def test_introduction_above_a_table_of_contents_stays_with_the_article() -> None:
    """Regression: a numbered table of contents between the introduction and the body
    scored as a menu and cut the introduction off as a header."""
    intro = "In this article we look at the twenty most successful actors of all time and at their careers on stage."
    toc = "\n".join(f"{i}. Actor Name {i}" for i in range(1, 21))
    body = "\n\n".join(f"Actor Name {i} is known for many roles on stage and screen over a long and successful career." for i in range(1, 9))
    page = "Home\nFilms\nSeries\n\nThe most successful actors\n\n" + intro + "\n\nContents\n" + toc + "\n\n" + body + "\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert doc.text.startswith("In this article we look at")
    assert "Actor Name 8 is known" in doc.text


def test_standfirst_above_date_and_byline_is_kept() -> None:
    """Regression: the standfirst above the date, byline and section lines was cut off as
    a header, because those lines cost the run more than one paragraph earns."""
    standfirst = "The facelift of the big SUV goes far beyond the usual changes, with a new platform and a plug-in hybrid."
    body = "\n\n".join(f"Paragraph {i} of the test: the car drove well on the motorway and in town during our week with it." for i in range(6))
    page = ("Home\nCars\nTests\n\nThe big SUV in our test\n\n" + standfirst + "\n\nThursday, 4 November 2021\n"
            "By Jane Doe\nin section:\nTests\n\n" + body + "\n\nShare on Facebook\n")
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert doc.text.startswith("The facelift of the big SUV")
    assert "Thursday, 4 November 2021" not in doc.text and doc.meta["byline"] == "Jane Doe"


def _lede_box_page(lede: str, *, under_lede: str = "") -> str:
    """A news page of 2008 as a dump: menus, headline, byline and date, the lede, a box of
    links to the section's other stories, then the rest of the article."""
    menu = "\n".join(["Home", "World", "Sports", "Business", "Technology", "Opinion", "Arts", "Travel"])
    box = "\n".join(["Skip to next paragraph", "More on college football", "Scores | Top 25 | All divisions",
                     "Bowl dates | Statistics", "Conferences and Teams", "Rankings", "Discuss college football",
                     "Small colleges", "Enlarge This Image", "Associated Press"])
    body = "\n\n".join(f"Ryan completed {20 + i} passes for Boston College as the Eagles beat Michigan State in the "
                        f"Citrus Bowl, and the coach said quarter {i % 4 + 1} decided the game." for i in range(8))
    return (f"{menu}\n\nRyan and Boston College end on a high note\n\nBy JOE LAPOINTE\nPublished: December 29, 2007"
            f"\n\n{lede}\n{under_lede}{box}\n\n{body}\n\nMore Articles in Sports\nPrivacy Policy\n")


def test_a_lede_above_a_box_of_links_is_the_articles() -> None:
    # The box after the first paragraph cost the run more than the lede earned, and the
    # lede was removed as a header (L3S-GN1's New York Times and Globe and Mail pages).
    lede = ("ORLANDO, Fla. — In the final game of his college career, Boston College quarterback Matt Ryan threw "
            "three touchdown passes in a 24-21 victory over Michigan State in the Citrus Bowl.")
    doc = newsclean.strip_boilerplate(_lede_box_page(lede), kind="text")
    assert doc.text.startswith(lede) and "Conferences and Teams" not in doc.text
    assert "Ryan completed 27 passes" in doc.text


def test_a_caption_or_another_storys_teaser_above_a_box_is_no_lede() -> None:
    caption = ("Boston College quarterback Matt Ryan throws a pass against Michigan State during the first half of "
               "the Citrus Bowl in Orlando on Friday.")
    doc = newsclean.strip_boilerplate(_lede_box_page(caption, under_lede="Photo: John Raoux, AP\n"), kind="text")
    assert caption not in doc.text and "Ryan completed 27 passes" in doc.text
    teaser = ("The city council of Springfield approved a new budget for schools and roads on Monday evening after "
              "a long and heated debate among its members.")
    doc = newsclean.strip_boilerplate(_lede_box_page(teaser), kind="text")
    assert teaser not in doc.text and "Ryan completed 27 passes" in doc.text


@pytest.mark.parametrize("furniture", [
    ["Weiterlesen", "Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht.",
     "Erforderliche Felder sind mit * markiert.", "Kommentar abschicken"],
    ["Continuer la lecture", "Laisser un commentaire", "Votre adresse de messagerie ne sera pas publiée.",
     "Articles récents"],
    ["Sigue leyendo", "Deja un comentario", "Tu dirección de correo electrónico no será publicada.",
     "Publicar comentario"],
    ["Далее", "Добавить комментарий", "Ваш e-mail не будет опубликован.", "Отправить комментарий"],
    ["Okumaya devam et", "İçeriğe geç", "Önceki yazı", "Sonraki yazı"],
])
def test_wordpress_furniture_in_other_languages_is_removed(furniture: list[str]) -> None:
    # WordPress prints these around articles in every language it is translated into
    # (data/furniture_phrases.json): "Weiterlesen" between paragraphs and the German
    # comment form were kept (issue #14's held-out dump failures).
    body = ["Die Bundesregierung hat am Montag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
            "Nach Angaben des Ministeriums sollen bis 2030 rund 80 Prozent des Stroms aus Wind und Sonne kommen.",
            "Kritiker bemängeln, dass der Ausbau der Netze nicht schnell genug vorankomme und Kosten steigen."]
    lines = [body[0], furniture[0], body[1], body[2], *furniture[1:]]
    kept = [line for line in newsclean.strip_boilerplate("\n".join(lines), kind="text").text.split("\n") if line]
    assert kept == body


def test_every_wordpress_translation_stands_for_an_english_string_with_a_kind() -> None:
    from importlib import resources

    data = json.loads(resources.files("newsclean.data").joinpath("furniture_phrases.json").read_text("utf-8"))
    assert set(data["english"].values()) <= {"navigation", "comment", "related"}
    for lang, phrases in data["languages"].items():
        assert len(phrases) >= 10, lang
        assert all(source in data["english"] and phrase == phrase.lower() for phrase, source in phrases.items())


@pytest.mark.parametrize("line", [
    "Bild: picture alliance", "Photo : AFP", "Фото: ТАСС", "fot. PAP/Jan Kowalski", "Fotoğraf: AA",
    "Lesen Sie auch: Die Energiewende kommt nicht voran", "Lea también: Impiden ingreso a Nicaragua a reportero",
])
def test_photo_credits_and_read_also_links_of_other_languages_are_removed(line: str) -> None:
    # Issue #14's held-out dumps kept German photo-credit and read-more lines between paragraphs.
    body = ["Die Bundesregierung hat am Montag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
            "Nach Angaben des Ministeriums sollen bis 2030 rund 80 Prozent des Stroms aus Wind und Sonne kommen.",
            "Kritiker bemängeln, dass der Ausbau der Netze nicht schnell genug vorankomme und Kosten steigen."]
    page = ["Startseite", "Suche", body[0], line, body[1], body[2], "Impressum", "Datenschutz"]
    doc = newsclean.strip_boilerplate("\n".join(page), kind="text")
    assert [kept for kept in doc.text.split("\n") if kept] == body
    assert any(removal.text == line and removal.reason in ("caption", "link") for removal in doc.removed)


def test_a_name_with_a_colon_in_an_interview_is_not_a_read_also_link() -> None:
    # Between menus, so that the classifier runs (a text without furniture is kept whole).
    interview = ["Die Bundesregierung hat am Montag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
                 "Lea: Ich finde das Gesetz gut.",
                 "Tom: Ich sehe das anders, die Netze sind noch lange nicht so weit ausgebaut."]
    doc = newsclean.strip_boilerplate("\n".join(["Startseite", "Suche", *interview, "Impressum"]), kind="text")
    assert [line for line in doc.text.split("\n") if line] == interview


def _article_page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>Council</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<div class='article-body'>{body}</div><footer>© 2025 Example</footer></body></html>")


def _news_article_page(paragraphs: list[str]) -> str:
    """An article page that says it is one (og:type "article"): trafilatura's precision setting."""
    return _article_page(paragraphs).replace("<head>", '<head><meta property="og:type" content="article">')


_COUNCIL_PARAGRAPHS = [f"The regional council met on day {i} and debated the budget for schools, roads and the harbour "
               f"at length, the mayor said, before item number {i} was put to a vote late in the evening."
               for i in range(12)]


def test_second_opinion_when_trafilatura_kept_a_teaser() -> None:
    from trafilatura.utils import load_html

    from newsclean.boilerplate.html import _cut_short, _paragraph_words, _readability_lines, _second_opinion

    page = _article_page(_COUNCIL_PARAGRAPHS)
    assert _cut_short(_COUNCIL_PARAGRAPHS[:2], _paragraph_words(load_html(page)))
    second = _readability_lines(page)
    assert second and _second_opinion(second, _COUNCIL_PARAGRAPHS[:2])
    assert sum(p in " ".join(second) for p in _COUNCIL_PARAGRAPHS) == len(_COUNCIL_PARAGRAPHS)


def test_no_second_opinion_when_trafilatura_kept_most_or_other_text() -> None:
    from trafilatura.utils import load_html

    from newsclean.boilerplate.html import _cut_short, _paragraph_words, _readability_lines, _second_opinion

    page = _article_page(_COUNCIL_PARAGRAPHS)
    words = _paragraph_words(load_html(page))
    assert not _cut_short(_COUNCIL_PARAGRAPHS[:8], words)  # the page holds under twice as much: not asked
    second = _readability_lines(page)
    assert second and not _second_opinion(second, _COUNCIL_PARAGRAPHS[:8])  # and not twice as long
    elsewhere = ["Subscribe to our newsletter and win a trip to the islands with your whole family this summer."]
    assert not _second_opinion(second, elsewhere)  # readability's text does not hold trafilatura's


def test_readability_reader_reads_as_readability_without_the_javascript_pass() -> None:
    """newsclean's reader replaces readability-lxml's parse to skip the cleaner's javascript
    pass (link rewriting): the text must stay readability's, hidden elements, scripts and
    styles gone as readability's own parse drops them."""
    from readability import Document

    from newsclean.boilerplate.html import _readability_lines, strip_tags

    hidden = "The secret draft budget figures that the page keeps hidden from its readers stay out."
    invisible = "This paragraph is styled invisible and never shows on the screen of any reader."
    page = ("<html><head><style>p { color: red }</style><script>var tracker = 'script words';</script></head><body>"
            '<div id="menu"><a href="javascript:void(0)" onclick="openMenu()">Menu</a> <a href="/">Home</a></div>'
            f"<article><div hidden><p>{hidden}</p></div><p style=\"color: blue; display: none\">{invisible}</p>"
            + "".join(f'<p onmouseover="track({i})">{text} <a href="javascript:share({i})">share</a></p>'
                      for i, text in enumerate(_COUNCIL_PARAGRAPHS))
            + "</article></body></html>")
    ours = _readability_lines(page)
    assert ours == strip_tags(Document(page).summary(html_partial=True))
    text = " ".join(ours or [])
    assert all(paragraph in text for paragraph in _COUNCIL_PARAGRAPHS)
    assert hidden not in text and invisible not in text and "script words" not in text


@given(readability_whitespace)
@example("a\t \tb")
@example("a" + " \n" * 200 + "b")
def test_readability_clean_length_is_the_length_of_readabilitys_clean(text: str) -> None:
    # readability measures link density as len(clean(text)); newsclean's reader counts it
    # in one pass (_readability_c.pyx), which must give readability's number exactly.
    from readability.readability import clean

    from newsclean._compiled_copy import load_compiled_module

    compiled = load_compiled_module("newsclean.boilerplate._readability_c")
    if compiled is None:
        pytest.skip("the compiled readability measure is not built (NEWSCLEAN_PURE_PYTHON or no compiler)")
    assert compiled.clean_length(text) == len(clean(text))


@given(st.text(alphabet=st.sampled_from([*"cmoEntMENUsSKkbxaid -_", "\u212a", "\u017f", "\u0130", "é"]),
               max_size=30))
@example("ConTent MENU")
@example("\u017fidebar")  # the long s: "s" to a case-insensitive search, not after lower-casing
def test_the_folded_search_finds_what_the_case_insensitive_pattern_finds(text: str) -> None:
    from readability.readability import REGEXES

    from newsclean.boilerplate.html import _ascii_folded_search

    for name in ("unlikelyCandidatesRe", "okMaybeItsACandidateRe"):
        pattern = REGEXES[name]
        assert _ascii_folded_search(pattern)(text) == (pattern.search(text) is not None)


def test_readability_reader_scores_paragraphs_as_readability() -> None:
    """The reader's link density (measured once an element while the paragraphs are scored,
    by the compiled length) gives every candidate readability's own score."""
    from readability import Document

    from newsclean.boilerplate.html import _readability_reader

    links = "".join(f'<a href="/s{i}">Section\t{i}  news\n</a> ' for i in range(12))
    page = ("<html><body><div id=\"outer\"><div class=\"nav\"><p>" + links + " and a few words of text</p></div>"
            "<div class=\"story\">" + "".join(f"<p>{text}\n\t <a href=\"/x\">more  \xa0 here</a></p>"
                                           for text in _COUNCIL_PARAGRAPHS)
            + "</div></div></body></html>")

    def scores(reader: Document) -> list[float]:
        return [candidate["content_score"] for candidate in reader.score_paragraphs().values()]

    theirs, ours = scores(Document(page)), scores(_readability_reader()(page))
    assert len(ours) >= 3 and ours == theirs
    assert any(0 < score < max(ours) for score in ours)  # link density cut some candidates


def test_readability_reader_turns_divs_into_paragraphs_and_drops_unlikely_candidates_as_readability() -> None:
    # readability turns a div without block elements into a paragraph, found by a block
    # tag's opening in its serialised children (by prefix: "<picture" counts as "<p");
    # newsclean's reader looks in the tree instead, and must turn the same divs.
    from lxml.html import tostring
    from readability import Document

    from newsclean.boilerplate.html import _readability_reader

    body = "".join(
        f"<div class=\"story\">{text} <b>bold</b> <span>inline <i>words</i></span><br>tail text after a break"
        f"<div><span>{text}</span> trailing words<picture><img src=\"x.jpg\"></picture></div>"
        f"<div><em>emphasis</em> and <a href=\"/a\">a link &lt;p&gt; escaped</a>, plain words</div>"
        f"<div><span title=\"&lt;p&gt;\"><u>under</u><object><param name=\"a\"></object></span> rest</div></div>"
        for text in _COUNCIL_PARAGRAPHS)
    # readability's ruthless pass drops "unlikely" classes, except inside <pre> or <code>
    # and around a <main>, <article> or <math>
    unlikely = ("<div class=\"footer\"><p>Footer words that readability drops as an unlikely candidate.</p></div>"
                "<pre><span class=\"menu\">menu inside code stays with its pre</span></pre>"
                f"<div class=\"sidebar\"><div><article><p>{_COUNCIL_PARAGRAPHS[0]}</p></article></div></div>")
    page = f"<html><body><div id=\"main\">{unlikely}{body}</div></body></html>"
    ours = _readability_reader()(page).summary(html_partial=True)
    assert ours == Document(page).summary(html_partial=True)
    assert "<p>" in ours  # divs were turned

    def after_removal(reader: Document) -> bytes:
        reader._html(True)
        reader.remove_unlikely_candidates()
        return tostring(reader.html)

    pruned = after_removal(_readability_reader()(page))
    assert pruned == after_removal(Document(page))
    assert b"Footer words" not in pruned and b"menu inside code" in pruned and b"<article>" in pruned


def test_readability_reader_cleans_its_parse_as_readabilitys_cleaner_without_javascript() -> None:
    # The reader cleans its parse with lxml calls instead of the Cleaner readability
    # uses; the tree must be the Cleaner's (with its javascript pass off).
    from lxml.html import tostring
    from lxml.html.clean import Cleaner
    from readability.readability import build_doc

    from newsclean.boilerplate.html import _readability_reader

    page = ("<html><head><link rel=\"stylesheet\" href=\"a.css\">tail of link<style>p {}</style></head><body>"
            "<?php echo 1 ?><!-- a comment -->text after<svg><image href=\"x.png\"/></svg>"
            "<p style=\"color: red\" onclick=\"go()\">Styled <script>var a = 1;</script>words"
            "<noscript>no script</noscript> <a href=\"javascript:go()\">link</a></p>"
            + "".join(f"<p>{text}</p>" for text in _COUNCIL_PARAGRAPHS[:3]) + "</body></html>")
    cleaner = Cleaner(scripts=True, javascript=False, comments=True, style=True, links=True, meta=False,
                      add_nofollow=False, page_structure=False, processing_instructions=True, embedded=False,
                      frames=False, forms=False, annoying_tags=False, remove_tags=None, remove_unknown_tags=False,
                      safe_attrs_only=False)
    expected = cleaner.clean_html(build_doc(page)[0])
    expected.resolve_base_href()
    ours = _readability_reader()(page)._parse(page)
    assert tostring(ours) == tostring(expected)
    assert b"var a" not in tostring(ours) and b"tail of link" in tostring(ours) and b"<img" in tostring(ours)


def test_readability_reader_falls_back_to_readability_when_its_internals_move(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The faster reader subclasses readability's internals; a release that renames them
    # must cost speed, not the second opinion.
    import sys
    import types

    import readability.readability
    from readability import Document

    from newsclean.boilerplate import html

    moved = types.ModuleType("readability.readability")  # the module without build_doc
    moved.REGEXES = readability.readability.REGEXES  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "readability.readability", moved)
    html._readability_reader.cache_clear()
    try:
        assert html._readability_reader() is Document
        page = _article_page(_COUNCIL_PARAGRAPHS)
        assert html._readability_lines(page) == html.strip_tags(Document(page).summary(html_partial=True))
    finally:
        html._readability_reader.cache_clear()


def _layout_table_page() -> str:
    """A page laid out in a table, as many were before CSS: menu, article and teasers in
    three cells; trafilatura keeps the table as one row of three cells."""
    menu = "<br>".join(f'<a href="/s{i}">Section {i} news</a>' for i in range(8))
    teasers = "<br>".join(f"Other headline number {i} about the weekend sport results" for i in range(8))
    return (f"<html><head><title>Council votes</title></head><body><table><tr><td>{menu}</td>"
            f"<td><b>Council votes on budget</b><br>{' '.join(_COUNCIL_PARAGRAPHS[:6])}</td>"
            f"<td>{teasers}</td></tr></table></body></html>")


def test_a_layout_table_takes_readabilitys_article_without_the_other_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    # On L3S-GN1's news pages of 2008 (benchmarks/l3s.py) trafilatura kept whole layout
    # tables, menus and teasers beside the article's cell; readability's text holds the
    # article alone. (readability's real choice on a page this small is the whole table, so
    # its answer is given here; the benchmark measures the real one.)
    from newsclean.boilerplate import html

    asked: list[str] = []

    def article_only(markup: str) -> list[str]:
        asked.append(markup)
        return ["Council votes on budget", *_COUNCIL_PARAGRAPHS[:6]]

    monkeypatch.setattr(html, "_readability_lines", article_only)
    page = _layout_table_page()
    extraction = html.extract_html(page)
    assert extraction.method == "readability" and "layout table" in extraction.note
    assert len(asked) == 1  # once a page, whichever opinion takes it
    assert extraction.lines == ["Council votes on budget", *_COUNCIL_PARAGRAPHS[:6]]
    doc = newsclean.strip_boilerplate(page, kind="html")
    assert "Other headline" not in doc.text and _COUNCIL_PARAGRAPHS[5] in doc.text
    # A data table of short cells is no layout: readability is not asked.
    asked.clear()
    rows = "".join(f"<tr><td>Team {i}</td><td>{i}</td><td>{10 - i}</td></tr>" for i in range(10))
    table_page = _article_page(_COUNCIL_PARAGRAPHS[:4]).replace("</body>", f"<table>{rows}</table></body>")
    assert html.extract_html(table_page).method != "readability" and not asked


def test_a_layout_table_keeps_trafilaturas_text_where_readability_lost_the_article(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.boilerplate import html

    monkeypatch.setattr(html, "_readability_lines", lambda markup: ["Section 1 news", "Section 2 news"])
    extraction = html.extract_html(_layout_table_page())
    assert extraction.method != "readability"
    assert any(_COUNCIL_PARAGRAPHS[5] in line for line in extraction.lines)


def _flattened_layout_page() -> str:
    """A page of 2008 laid out in one table cell: menu, headline, article, a river of
    teasers and the copyright line run together, which trafilatura keeps as one row of one
    cell (L3S-GN1 holds such pages; benchmarks/l3s.py)."""
    menu = " | ".join(f'<a href="/s{i}">{name}</a>' for i, name in enumerate(
        ["World", "Business", "Sport", "Weather", "Travel", "Money", "Health", "Science", "Tech", "Opinion", "Video", "Photos"]))
    teasers = "".join(f'<a href="/t{i}">Teaser headline number {i} about another story</a><br>' for i in range(25))
    body = "".join(f"{paragraph}<br><br>" for paragraph in _COUNCIL_PARAGRAPHS[:5])
    return (f"<html><head><title>Council votes</title></head><body><table><tr><td>{menu}<br>Council votes on "
            f"budget<br><br>{body}{teasers}Copyright 2008 The Daily Paper. All rights reserved.</td></tr></table>"
            "</body></html>")


def test_a_layout_table_flattened_into_one_cell_takes_the_page_text_reading() -> None:
    # trafilatura's text was the whole page in one line, which no line vote can cut, and
    # readability's text was the whole cell too; the classifier's reading of the page's
    # text holds the article alone (L3S-GN1's development half: two pages 0.18 -> 0.90 and
    # 0.62 -> 0.98).
    doc = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="page", text=_flattened_layout_page()))
    assert doc.meta["extractor"] == "page text" and "layout table" in str(doc.meta["extractor_note"])
    assert doc.text == "\n\n".join(_COUNCIL_PARAGRAPHS[:5])


def test_a_layout_table_takes_readabilitys_part_of_a_cell_that_holds_chrome_too(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # readability's text holds the article and under half of the cell (the cell's menu and
    # teasers left out): it replaces the table, though it holds little of the cell's prose.
    from newsclean.boilerplate import html

    monkeypatch.setattr(html, "_readability_lines", lambda markup: list(_COUNCIL_PARAGRAPHS[:5]))
    extraction = html.extract_html(_flattened_layout_page())
    assert extraction.method == "readability" and "under half its length" in extraction.note
    assert extraction.lines == _COUNCIL_PARAGRAPHS[:5]


def test_a_layout_part_is_no_fragment_of_wrapped_lines_nor_of_a_thread_of_posts() -> None:
    from newsclean.boilerplate.html import layout_part

    chrome = "Home News Sport Weather Travel Money " * 40
    article = " ".join(_COUNCIL_PARAGRAPHS[:4])
    cell = f"{chrome}{article}"
    assert layout_part(_COUNCIL_PARAGRAPHS[:4], [cell], [cell])
    # a hard-wrapped article's lines, of which the classifier kept a run
    words = article.split()
    wrapped = [" ".join(words[i:i + 9]) for i in range(0, len(words), 9)]
    assert not layout_part(wrapped, [cell], [cell])
    # prose spread over many cells is a thread of posts or a listing, not one article's cell
    posts = [f"{chrome}{paragraph}" for paragraph in _COUNCIL_PARAGRAPHS[:4]]
    assert not layout_part(_COUNCIL_PARAGRAPHS[:2], posts, posts)
    # a reading of the chrome is outside the cell's prose
    assert not layout_part(["Subscribe to our newsletter for the latest news and offers. " * 6], [cell], [cell])


def _precision_keeps(monkeypatch: pytest.MonkeyPatch, precision: list[str], default: list[str] | None = None) -> None:
    """trafilatura as seen by extract_html: its precision setting keeps ``precision``, its
    default setting ``default`` (None: what it really finds)."""
    import trafilatura

    real = trafilatura.bare_extraction

    def extraction(page: object, **options: object) -> object:
        result = real(page, **options)
        if options.get("favor_precision"):
            result.text = "\n".join(precision)
        elif default is not None and not options.get("favor_recall"):
            result.text = "\n".join(default)
        return result

    monkeypatch.setattr(trafilatura, "bare_extraction", extraction)


def test_default_setting_asked_where_the_precision_setting_kept_a_fragment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression (WCXB dev pages, benchmarks/wcxb.py): the precision setting kept one
    section of a long article, over the 100 words that ask for the recall retry."""
    page = _news_article_page(_COUNCIL_PARAGRAPHS)
    _precision_keeps(monkeypatch, _COUNCIL_PARAGRAPHS[:3])
    doc = newsclean.strip_boilerplate(page, kind="html")
    assert doc.meta["extractor"] == "trafilatura (default)"
    assert all(p in doc.text for p in _COUNCIL_PARAGRAPHS)


def test_default_setting_not_taken_unless_twice_as_long(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _news_article_page(_COUNCIL_PARAGRAPHS)
    _precision_keeps(monkeypatch, _COUNCIL_PARAGRAPHS[:3], default=_COUNCIL_PARAGRAPHS[:5])
    assert newsclean.strip_boilerplate(page, kind="html").meta["extractor"] != "trafilatura (default)"
    # A page whose paragraphs the precision text mostly holds asks nothing more.
    _precision_keeps(monkeypatch, _COUNCIL_PARAGRAPHS[:8], default=_COUNCIL_PARAGRAPHS)
    assert newsclean.strip_boilerplate(page, kind="html").meta["extractor"] == "trafilatura"


_FORUM_THREAD_LD = ('<script type="application/ld+json">{"@context": "https://schema.org", '
                    '"@type": "DiscussionForumPosting", "headline": "Council"}</script>')
_FAQ_LD = ('<script type="application/ld+json">{"@type": "FAQPage", "mainEntity": [{"@type": "Question", '
           '"name": "When does the council meet?"}]}</script>')


@pytest.mark.parametrize(("og_type", "declared", "precision", "extractor"), [
    ("article", "", True, "trafilatura"),
    ("website", "", False, "trafilatura (default)"),
    (None, "", False, "trafilatura (default)"),
    # A forum thread or Q&A page that calls itself an article says what it is in
    # schema.org's vocabulary (JSON-LD or microdata): its replies are its text.
    ("article", _FORUM_THREAD_LD, False, "trafilatura (default)"),
    ("article", '<meta itemtype="https://schema.org/QAPage">', False, "trafilatura (default)"),
    # An article with an FAQ block is still an article.
    ("article", _FAQ_LD, True, "trafilatura"),
])
def test_precision_setting_only_for_pages_that_call_themselves_articles(
    monkeypatch: pytest.MonkeyPatch, og_type: str | None, declared: str, precision: bool, extractor: str
) -> None:
    """The precision setting was chosen on news articles; product, service and forum pages
    lost their text to it (WCXB dev, benchmarks/wcxb.py: all pages 0.809 -> 0.819 with the
    default setting where og:type is not "article"; forum threads and Q&A pages declared
    as such, with the only-line headline rule: forum pages 0.681 -> 0.690)."""
    import trafilatura

    real = trafilatura.bare_extraction
    asked: list[bool] = []

    def extraction(page: object, **options: object) -> object:
        asked.append(bool(options.get("favor_precision")))
        return real(page, **options)

    monkeypatch.setattr(trafilatura, "bare_extraction", extraction)
    head = (f'<meta property="og:type" content="{og_type}">' if og_type else "") + declared
    page = _article_page(_COUNCIL_PARAGRAPHS).replace("<head>", "<head>" + head)
    doc = newsclean.strip_boilerplate(page, kind="html")
    assert asked[0] is precision
    assert doc.meta["extractor"] == extractor
    assert _COUNCIL_PARAGRAPHS[5] in doc.text


def test_second_opinion_on_benchmark_pages_where_trafilatura_kept_little(shared_data: Path) -> None:
    # The two benchmark pages the second opinion changes (benchmarks/boilerplate.py: HTML F1 0.971 -> 0.975).
    folder = shared_data / "article-extraction-benchmark"
    for prefix in ("2f42ef1d3e", "d48aeb9cf2"):
        (path,) = folder.glob(f"html/{prefix}*.html.gz")
        doc = newsclean.strip_boilerplate(gzip.decompress(path.read_bytes()).decode("utf-8"), kind="html")
        assert doc.meta["extractor"] == "readability", prefix


def test_a_dump_that_opens_with_a_menu_is_cleaned_without_any_furniture_phrase() -> None:
    """Regression: a page dump with no line of known furniture (a site whose menu is
    "Synchronschwimmen", "Termine", ...) was taken for cleaned text and kept whole."""
    menu = "\n".join(["Verband", "Synchronschwimmen", "Termine", "Kommende Events", "Unsere Partner"])
    body = "\n\n".join(f"Absatz {i}: Der Verband teilte am Montag mit, dass die Meisterschaft im Sommer stattfindet."
                       for i in range(4))
    doc = newsclean.strip_boilerplate(menu + "\n\n" + body + "\n", kind="text")
    assert "Absatz 3:" in doc.text
    assert "Kommende Events" not in doc.text and "Unsere Partner" not in doc.text


def test_clean_text_with_a_list_of_short_lines_stays_whole_and_idempotent() -> None:
    # The menu test looks only above the first sentence: a list inside an article is not
    # a menu, and what cleaning keeps (it opens with a sentence) is kept whole again.
    story = ("Bakery wins award\n\nThe bakery on Main Street won the regional prize on Monday for its bread.\n\n"
             "Flour\nWater\nSalt\nYeast\nTime\n\nThe owner said the secret was patience, not the recipe.")
    doc = newsclean.strip_boilerplate(story, kind="text")
    assert doc.removed == () and "Yeast" in doc.text
    dump = "Nachrichten\nSport\nWetter\nKontakt\n\n" + story.replace("\n\nFlour", "\n\nFlour, water, salt.\nFlour")
    once = newsclean.strip_boilerplate(dump, kind="text").text
    assert "Wetter" not in once and "won the regional prize" in once
    assert newsclean.strip_boilerplate(once, kind="text").text == once


@pytest.mark.parametrize("closing", ["“", "‘", "»", "›", "」"])
def test_sentences_closed_by_a_quotation_mark_of_other_languages_are_article_text(closing: str) -> None:
    """Regression: German closes a quotation with “ („... überdenken.“); read as a line
    without a sentence end, every answer of an interview cost the article run and the
    run ended after the first question."""
    answers = [f"Weber: „Das Wirtschaftliche ist dabei genauso wichtig wie die Umwelt und das Soziale {n}.{closing}"
               for n in range(6)]
    kept = _kept(_page(*answers))
    assert all(answer in kept for answer in answers)


def test_a_line_of_zero_width_spaces_is_a_blank_line() -> None:
    """Regression: editors leave a zero-width space where a paragraph was emptied; read as
    a one-word line it cost the article run like a menu item, between every photo."""
    from newsclean.boilerplate.text import nonblank_lines

    assert nonblank_lines(["Text.", "\u200b", " \u200b\ufeff ", "\u200bText"]) == ["Text.", "\u200bText"]
    page = "Home\nMenu\n\n" + "\n\u200b\n".join(_PARAGRAPHS[:2]) + "\n\u2003\u200b\n" + \
        "\n \u200b \n".join(_PARAGRAPHS[2:]) + "\n\n© 2025 Example News\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert doc.text.split("\n\n") == list(_PARAGRAPHS)


@pytest.mark.parametrize("paragraph", [
    "Der Hafen meldete ein Plus. Er rechnet wegen des Ausbaus des Bahnanschlusses mit einem weiteren Anstieg. (cm)",
    "Die Zyste könne sich jederzeit neu bilden. Das hieß es damals aus Seoul, und so heißt es auch heute noch. (FR mit dpa)",
    "Die Anträge müssen bis zum 30. April eingereicht werden. Das Formular steht zum Download bereit. "
    "https://example.org/media/antrag.pdf",
])
def test_sentences_closed_by_initials_or_a_web_address_are_article_text(paragraph: str) -> None:
    """Regression: a closing paragraph whose last sentence is followed by the writer's
    initials in brackets or by a link read as unpunctuated and was cut off."""
    assert paragraph in _kept(_page(tail=(paragraph,)))


@pytest.mark.parametrize("caption", [
    "Rafael Nadal celebrates a point during the Davis Cup match in Madrid, Spain, Tuesday, Nov. 19, 2019. "
    "(Manu Fernandez/AP)",
    "In this Dec. 12, 2006, file photo, made available by NASA, two astronauts participate in a space walk. "
    "(NASA via AP, File)",
])
def test_photo_credits_in_brackets_are_not_a_writers_initials(caption: str) -> None:
    assert caption not in _kept(_page(tail=(caption,)))


@pytest.mark.parametrize("heading", ["Related:", "See also:", "Lire aussi :", "Auch interessant:",
                                     "Lesen Sie auch", "Mehr zum Thema", "Zobacz także", "Le puede interesar"])
def test_read_also_headings_alone_or_with_a_colon_are_furniture(heading: str) -> None:
    """Regression: a heading over a box of links was furniture only as written in the
    vocabulary: "Related" but not "Related:", "Lesen Sie auch: <link>" but not "Lesen Sie
    auch" alone over the links."""
    assert _reason(_page(heading), heading) == "related"


def test_promotions_scattered_through_a_menu_are_not_body_text_before_a_closing_mark() -> None:
    """Regression: a long menu with a promotion every few items ("Jetzt vergleichen und
    bis zu 720 Euro sparen!") added up to "body text" before a biography heading in the
    menu, and everything after the heading, the article included, was taken for
    comments."""
    menu: list[str] = []
    for n in range(12):
        menu += [f"Rubrik {n}", f"Thema {n}", "Anzeige", f"Jetzt vergleichen und bis zu {n + 5}00 Euro sparen!"]
    lines = ["Startseite", *menu, "About the author", *_PARAGRAPHS, "© 2025 Example News"]
    kept = _kept(lines)
    assert all(paragraph in kept for paragraph in _PARAGRAPHS)


@pytest.mark.parametrize("link", ["Über uns", "About us", "Sobre nosotros", "À propos de nous"])
def test_about_us_in_a_menu_is_not_a_biography_heading(link: str) -> None:
    """Regression: "Über uns", the about-page link of a German site's menu, read as a
    biography heading ("About the author") closed the article: below it, the article was
    taken for the biography."""
    page = [*_PARAGRAPHS[:2], "Kontakt", link, "Impressum", *_PARAGRAPHS[2:], "© 2025 Example News"]
    assert _reason(page, link) != "biography"
    assert _reason(_page("About the author"), "About the author") == "biography"


def test_a_paragraph_ending_on_an_emoji_is_article_text_and_a_link_arrow_is_not() -> None:
    """Regression: a blogger's last sentence, closed by an emoji instead of a full stop,
    read as an unpunctuated line and was cut off with the page's footer."""
    closing = "Man fühlt sich danach irgendwie wie ein Badass und das gefällt mir wirklich sehr 😉"
    assert closing in _kept(_page(tail=(closing,)))
    link = "Read more about the budget and the council vote in our full coverage ➡"
    assert link not in _kept(_page(tail=(link,)))


@pytest.mark.parametrize("label", ["Anzeige", "Werbung", "Publicidad", "Reklama", "Реклама",
                                   "Story continues below advertisement"])
def test_ad_labels_of_other_languages_are_removed_and_the_article_stays_whole(label: str) -> None:
    lines = _page(label)
    assert _reason(lines, label) == "navigation"
    assert all(paragraph in _kept(lines) for paragraph in _PARAGRAPHS)


@pytest.mark.parametrize("heading", ["Ähnliche Beiträge", "Meistgelesen", "Artículos relacionados",
                                     "Lo más leído", "Les plus lus", "Articoli correlati", "Últimas notícias"])
def test_related_and_most_read_headings_of_other_languages_are_furniture(heading: str) -> None:
    """Regression: "Ähnliche Beiträge" (related posts) headed a box of links on 45 of the
    suite's sites and was kept as a subhead, with the links after it."""
    assert _reason(_page(tail=(heading,)), heading) == "related"


@pytest.mark.parametrize("line", ["Schreibe einen Kommentar Antworten abbrechen",
                                  "Deja un comentario Cancelar respuesta", "Kommentare Weiterlesen"])
def test_two_interface_labels_run_together_are_furniture(line: str) -> None:
    """Regression: a dump joins a comment form's heading and its button on one line;
    each label alone was furniture, the two together were kept."""
    from newsclean.boilerplate.text import _explicit_reasons

    assert _explicit_reasons([line]) != [""]
    assert _explicit_reasons(["Kommentare zur Weiterlesen-Debatte"]) == [""]


def test_feature_list_without_bullets_closing_an_article_is_kept() -> None:
    """Regression: a list the article introduces with a colon, whose bullets the dump
    lost and whose items hold no number ("Dozens of tricky questions ..."), was cut off
    as a link list: only items with a digit or a bullet counted."""
    features = ["Hundreds of small tasks that make the evening more interesting",
                "Dozens of tricky questions that help the players know each other better",
                "Challenges to perform within a week, even after the game is over"]
    page = ARTICLE_LINES + "\n\nThe new edition of the game brings:\n" + "\n".join(features) + "\n\nFacebook\nTwitter\n"
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert all(feature in doc.text for feature in features)


def test_teasers_after_a_related_lead_in_are_not_a_closing_list() -> None:
    teasers = ["Here's exactly how to figure out when you can retire",
               "How to invest in real estate to make money and build wealth",
               "Richtig frühstücken: Die besten Tipps für einen flachen Bauch"]
    page = ARTICLE_LINES + "\n\nRelated coverage from How to Do Everything: Money:\n" + "\n".join(teasers)
    doc = newsclean.strip_boilerplate(page + "\n\nFacebook\nTwitter\n", kind="text")
    assert not any(teaser in doc.text for teaser in teasers)
    page = ARTICLE_LINES + "\n\nDiese Artikel könnten dich interessieren:\n" + teasers[2] + "\n" + teasers[2] + " 2"
    assert teasers[2] not in newsclean.strip_boilerplate(page + "\n\nFacebook\nTwitter\n", kind="text").text


def test_an_about_link_inside_a_menu_does_not_close_the_article_below_it() -> None:
    """Regression: "Über Ypart", a link among the menu's "Start", "Gruppen", "Hilfe", read
    as the heading of a biography after the page's login notice (prose), and the article
    below the menu was taken for the biography."""
    notice = ["Diese Installation wurde eingefroren. Du kannst alles ansehen aber nichts bearbeiten. Bei Fragen "
              "wende dich bitte an das Team, das die Seite betreut und dir gerne weiterhilft.",
              "Sie können sich mit verschiedenen externen Benutzerkonten anmelden. Bitte beachten Sie, dass die "
              "Anmeldung über externe Dienste Daten an diese Dienste übermittelt, die wir nicht kontrollieren.",
              "Single Sign-on-Dienste erlauben es, sich mit einem Benutzerkonto auf unterschiedlichen Webseiten "
              "anzumelden, ohne jedes Mal ein neues Konto anlegen zu müssen."]
    menu = ["Start", "Gruppen", "Über Ypart", "Was ist Ypart?", "Hilfe", "Kontakt"]
    article = [f"{paragraph} It was the {n}th such vote this year." for n, paragraph in enumerate(_PARAGRAPHS * 2)]
    kept = _kept(["Menü", *notice, *menu, *article, "© 2025 Example News"])
    assert all(paragraph in kept for paragraph in article)
    bio = ["The author covers city hall for the paper and has written two books about local politics."]
    verdicts = _kept(["Menu", *_PARAGRAPHS, "About the author", *bio, "© 2025 Example News"])
    assert bio[0] not in verdicts


def test_a_list_of_items_each_with_its_about_box_is_not_closed_by_the_first() -> None:
    """Regression (WCXB dev 4368, a books-of-the-year list): "About <book>" over each
    item's blurb was read as a biography heading, and everything after the first item,
    eleven more books, was taken for the biography."""
    items = [
        ("Strength of the Few", "Wildly ambitious and full of jaw-dropping scenes, this is my book of the year for 2025, "
                                "and its thematic work is as strong as its plot."),
        ("Grave Empire", "This epic return to the Empire of the Wolf, set two hundred years later, brings us to a time "
                         "of turmoil and invention that the author handles with great care."),
        ("The Everlasting", "A tale of a knight who died for her queen and a scholar who falls in love with her legend, "
                            "told with warmth and an ending that lingers for weeks."),
    ]
    lines = ["Home", "Menu", "The best fantasy books of 2025", _PARAGRAPHS[0]]
    for title, review in items:
        lines += [title, review, "Read our full review here.", f"About {title}",
                  f"The publisher's description of {title} runs to several sentences, and it tells the story "
                  "of the book in the words of its jacket."]
    lines.append("© 2025 Example News")
    kept = _kept(lines)
    assert all(review in kept for _title, review in items)
    # A single "About" heading after the article still closes it, as a biography does.
    bio = "Jane Smith writes about books and culture for the magazine, and lives in Leeds with two cats."
    single = [*_page(tail=("About Jane Smith", bio))]
    assert _reason(single, "About Jane Smith") == "biography"
    assert bio not in _kept(single)


def test_a_list_about_the_article_between_its_paragraphs_stays_with_it() -> None:
    """Regression (WCXB dev 0246, 0019: guides cut at their first list): a list of
    phrases between two paragraphs cost the run as a menu does, and the article was cut
    there (its lede and the list lost). Items that speak of what the article speaks of are
    the article's; a list of other stories between paragraphs keeps its cost."""
    items = ["Two hundred teachers for the northern districts", "Road repairs across the northern districts",
             "A spending rise critics called too steep", "First payments expected in the spring",
             "Members who voted against the final budget", "Officials plan more debate next week"]
    rest = [paragraph.replace("Monday", "Tuesday") + " More of it followed later." for paragraph in _PARAGRAPHS]
    kept = _kept(["Home", "Menu", "Council passes budget", _PARAGRAPHS[0], "What the budget holds", *items, *rest,
                  "© 2025 Example News"])
    assert _PARAGRAPHS[0] in kept and all(item in kept for item in items) and all(p in kept for p in rest)
    others = ["Storm knocks out power to thousands in coastal towns", "Local football club signs young striker",
              "Museum reopens its Egyptian gallery after renovation", "Police warn drivers about icy bridges tonight",
              "Bakery wins national award for its sourdough loaf"]
    teaser = ("The striker, nineteen, joins from a rival academy and could make his debut against the league "
              "leaders on Saturday, the manager told reporters.")
    kept = _kept(["Home", "Menu", "Council passes budget", *_PARAGRAPHS, *others, teaser, "© 2025 Example News"])
    assert all(p in kept for p in _PARAGRAPHS)
    assert teaser not in kept and not any(other in kept for other in others)


def test_an_about_heading_over_a_topic_does_not_close_the_article() -> None:
    """Regression (WCXB dev 4704, a houseplant guide): "About the phrase 'low light
    tolerant'", the guide's third heading, was read as a biography heading, and the
    fifteen sections after it were taken for the biography (recall 0.08). A heading that
    goes on in lower case is about a topic; one naming someone, an author or the site
    still closes the article."""
    sections = [f"{paragraph} Section {n} of the guide goes on with more of it." for n, paragraph
                in enumerate(_PARAGRAPHS * 2)]
    for heading in ("About the phrase ‘low light tolerant’", "About filing your tax return"):
        lines = ["Home", "Menu", "Low light houseplants", _PARAGRAPHS[0], _PARAGRAPHS[1], heading, *sections,
                 "© 2025 Example News"]
        assert _reason(lines, heading) != "biography"
        kept = _kept(lines)
        assert all(section in kept for section in sections)
    bio = "Jane Smith writes about plants and gardens for the magazine, and lives in Leeds with two cats."
    for heading in ("About Jane Smith", "About the author", "About me", "Über den Autor", "About the company",
                    "About this site"):
        lines = _page(tail=(heading, bio))
        assert _reason(lines, heading) == "biography", heading
        assert bio not in _kept(lines), heading


def test_a_view_all_link_under_a_menu_does_not_close_the_article_as_comments() -> None:
    """Regression (WCXB dev 0109 and 4129, a guide under a mega-menu): "View All" under
    each menu section was read as a comment thread's mark; the menu's teasers, prose
    above it, made it follow body text, and the whole article below was removed as
    comments (recall 0). It is a list's "see more" link wherever it stands."""
    teasers = [line for n, paragraph in enumerate(_PARAGRAPHS[:3])
               for line in (f"What we learned from test number {n}", f"{paragraph} {paragraph}")]
    lines = ["Home", "Blog", "Latest from the blog", *teasers, "View All", "Case Studies", "About us", "Contact",
             "Council passes budget", *_PARAGRAPHS, "© 2025 Example News"]
    assert _reason(lines, "View All") == "navigation"
    kept = _kept(lines)
    assert all(paragraph in kept for paragraph in _PARAGRAPHS)


def test_an_about_line_the_page_repeats_is_the_sites_not_a_biography() -> None:
    """Regression (WCXB dev 0047): "About Accruent" in the site's menu and again over
    its press boilerplate was read as a biography heading where it first stood, above
    the article, and the article below was taken for the biography."""
    promotion = ("Join thousands of facilities teams who plan their maintenance with our platform every day, "
                 "and see how much time your own team could save this year with a free trial.")
    lines = ["Home", "Products", promotion, promotion.replace("year", "quarter"), "About Accruent", "Contact",
             "Council passes budget", *_PARAGRAPHS, "About Accruent",
             "Accruent is a software company that serves facilities managers around the world.", "© 2025 Accruent"]
    kept = _kept(lines)
    assert all(paragraph in kept for paragraph in _PARAGRAPHS)


def test_a_list_under_its_own_colon_heading_inside_an_article_does_not_split_it() -> None:
    """Regression (WCXB dev 0068, a buyer's guide): each item's "Top Expert
    Recommendations:" with the product names under it was a menu run, and the guide was
    cut after its first item."""
    lines = ["Home", "Menu", "Tools every electrician needs", _PARAGRAPHS[0]]
    sections = []
    for n, tool in enumerate(("Oscilloscope", "Thermal Camera", "Voltage Tester", "Clamp Meter"), start=1):
        prose = (f"A good {tool.lower()} saves an electrician hours on every job, and the models we tested this "
                 f"year differ most in how they read a circuit under load, number {n}.")
        sections.append(prose)
        lines += [f"{n}. {tool}", prose, "Top Expert Recommendations:", f"Fluke {tool} 1000", f"Klein {tool} Pro",
                  f"Milwaukee {tool} 2", f"Extech {tool} X"]
    lines += [_PARAGRAPHS[1], "© 2025 Example News"]
    kept = _kept(lines)
    assert all(prose in kept for prose in sections)


def test_a_plain_dump_that_is_raw_markup_is_read_as_its_text() -> None:
    """Regression (L3S-GN1, 14 of 621 html-text dumps): a scraper's HTML parser gave up
    and kept the page's source as one line of tags; the classifier read that line as one
    paragraph and kept the markup (F1 0.06-0.4 on those pages)."""
    source = ("<script>var ads = 1;</script><div id='nav'><a href='/'>Home</a> <a href='/news'>News</a></div>"
              + "".join(f"<p class='story'>{p}</p>" for p in _PARAGRAPHS)
              + "<div class='footer'><span>© 2025 Example News</span></div>")
    doc = newsclean.strip_boilerplate(source.replace("\n", " "), kind="text")
    assert all(p in doc.text.split("\n") for p in _PARAGRAPHS)
    assert "<" not in doc.text
    assert doc.meta["input_note"].startswith("mostly raw markup")
    # A code sample in a page of prose is the page's content, and keeps its tags.
    sample = "".join(f"<div class='card'><h2>Title {n}</h2><p>Text {n}</p></div>" for n in range(12))
    tutorial = "\n".join(["How to lay out cards", *_PARAGRAPHS, _PARAGRAPHS[0], sample, *_PARAGRAPHS])
    assert "input_note" not in newsclean.strip_boilerplate(tutorial, kind="text").meta


def test_text_of_the_tag_strip_fallback_is_scored_as_a_whole_page() -> None:
    """Regression (L3S-GN1, ten pages trafilatura could not read): the tag-strip fallback's
    text is the whole page, menus and all, but was cleaned as an extractor's choice is,
    losing only unmistakable furniture (F1 0.74 on those pages, 0.89 scored as a dump, in a
    one-off comparison; l3s.py gives the whole set's figures)."""
    from newsclean.boilerplate.html import _MAX_DEPTH_FOR_LXML

    menu = "".join(f"<p>{item}</p>" for item in ("Politics", "Business", "Culture", "Travel", "Opinion", "Science"))
    body = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
    deep = "<div>" * (_MAX_DEPTH_FOR_LXML + 10)
    page = f"<html><body>{deep}{menu}<h1>Council passes budget</h1>{body}{'</div>' * (_MAX_DEPTH_FOR_LXML + 10)}"
    doc = newsclean.strip_boilerplate(page + "</body></html>", kind="html")
    assert doc.meta["extractor"] == "tag-strip"
    assert doc.text.split("\n\n") == _PARAGRAPHS


def test_a_strip_of_headlines_run_together_by_bars_is_not_body_text_before_a_comment_count() -> None:
    """Regression (L3S-GN1's dev half): a strip of other stories' headlines joined by " | ",
    a few of them questions, scored as sentences; it was then "body text" before the
    article's "53 Comments" link under its headline, and the whole article below was taken
    for the comment thread."""
    strip = " | ".join(["Epic makes more room for testers", "Duke Nukem 3D confirmed for XBLA?",
                        "Win tickets to see the final", "New maps shun the console?", "Studio eyes a buyout?",
                        "Mercenaries 2 - new screens", "Bungie hints at the next map pack"])
    lines = ["Home", "News", "Reviews", strip, "News", "Port of the classic canned?", "53 Comments",
             *_PARAGRAPHS, "© 2025 Example News"]
    kept = _kept(lines)
    assert strip not in kept
    assert all(paragraph in kept for paragraph in _PARAGRAPHS)


def test_a_paragraph_that_quotes_titles_between_bars_is_still_prose() -> None:
    # Four items, but the last is a long sentence: not a row of links. It closes the
    # article, where a negative score would cut it (inside the run it would stay anyway).
    line = ("The festival's programme lists four films | The Long Night | A Quiet Harbour | Summer, which the "
            "director spent a decade filming in the city of many bridges and rivers, opens the week on Friday.")
    assert line in _kept(["Home", *_PARAGRAPHS, line, "© 2025 Example News"])


def test_a_products_specifications_between_bars_stay_with_the_review() -> None:
    row = "CPU: Intel Core i5 | RAM: 16GB | Storage: 512GB SSD | Screen: 14-inch | Battery life: 13 hours."
    assert row in _kept(["Home", *_PARAGRAPHS, row, "© 2025 Example News"])


@pytest.mark.parametrize("sign_off", ["- Staff", "-- Reuters", "— Associated Press"])
def test_a_closing_paragraph_signed_off_after_a_dash_is_article_text(sign_off: str) -> None:
    """Regression (L3S-GN1's dev half): "... The idle Halifax Mooseheads are a point back.
    - Staff" read as a paragraph whose last sentence lost its full stop, with too short a
    tail to be one, and the article's closing paragraph went with the footer."""
    closing = ("With the win, the home side is tied for first place in the division. The visitors "
               f"are a point back with two games in hand. {sign_off}")
    kept = _kept(["Home", *_PARAGRAPHS, closing, "© 2025 Example News"])
    assert closing in kept


def test_a_caption_credited_after_a_dash_and_slash_is_not_a_sign_off() -> None:
    caption = "Firefighters at the scene on Monday. The blaze spread to two houses. - John Smith/AP"
    assert caption not in _kept(["Home", *_PARAGRAPHS, caption, "© 2025 Example News"])


def test_a_wire_storys_rights_notice_closes_it_before_the_sites_directory() -> None:
    """Regression (L3S-GN1's dev half): under the AP's "Copyright ... All rights reserved"
    notice, a directory of the site's sections (a heading and a line of description each)
    added up to a run with the article and was kept with it."""
    notice = ("Copyright 2008 The Associated Press. All rights reserved. This material may not be "
              "published, broadcast, rewritten or redistributed.")
    directory: list[str] = []
    for section in ("Horoscopes", "Community Calendar", "Senior Living", "Financial Guide", "Live Traffic Cams"):
        directory += [section, f"Find out what is going on with {section.lower()} around town and more."]
    kept = _kept(["Home", *_PARAGRAPHS, notice, *directory, "Privacy Policy"])
    assert all(paragraph in kept for paragraph in _PARAGRAPHS)
    assert not any(line in kept for line in directory)


def test_a_caption_whose_credit_reserves_rights_does_not_close_the_article() -> None:
    caption = "Ivon Hitchens, Day's Rest, Day's Work, 1960. Wax and oil on panels. © The estate. All rights reserved"
    later = [f"{paragraph} The review goes on from here." for paragraph in _PARAGRAPHS[:3]]
    kept = _kept(["Home", *_PARAGRAPHS, caption, *later, "© 2025 Example News"])
    assert all(paragraph in kept for paragraph in later)


@pytest.mark.parametrize("notice", ["Comments are now closed for this story", "Commenting is closed",
                                    "Comments for this article have been closed.",
                                    "Thanks for your comments - this feedback is now closed"])
def test_a_closed_comments_notice_heads_the_comments_below_it(notice: str) -> None:
    """Regression (L3S-GN1's dev half): "Comments are now closed for this story" was not
    read as the comments' heading, and the readers' comments under it stayed."""
    comments = ["Stephen B", "The time has come for the government to start cutting some of the fat it carries.",
                "Lina", "The government should not be spending taxpayers' money on industry like this at all."]
    kept = _kept(["Home", *_PARAGRAPHS, notice, *comments, "© 2025 Example News"])
    assert all(paragraph in kept for paragraph in _PARAGRAPHS)
    assert not any(line in kept for line in comments)


@pytest.mark.parametrize("tool", ["Email this story to a friend", "Print this article", "E-mail to a friend",
                                  "Have your say on this story"])
def test_a_storys_own_tools_are_furniture(tool: str) -> None:
    """Regression (L3S-GN1's dev half): a page whose only furniture was its story tools
    ("Email this story to a friend", "Have your say on this story") read as clean text and
    was kept whole, menus of other stories included."""
    assert _reason(["Home", *_PARAGRAPHS, tool, "© 2025 Example News"], tool) in ("social", "comment")


def test_a_sentence_about_printing_is_not_a_story_tool() -> None:
    # Short enough for the whole-line patterns to be tried on it.
    line = "Print this story and the next one tonight."
    assert line in _kept(["Home", *_PARAGRAPHS, line, "© 2025 Example News"])


def test_label_value_pairs_between_the_articles_paragraphs_stay_with_it() -> None:
    """Regression (a fashion blog in trafilatura's realworld tests and evaluation suite):
    the outfit's credits between two paragraphs, "Pullover: H&M", "Rock: Zara", were short
    lines and cost the run as a menu does; they are the article's. A teaser box whose
    kickers are in capitals ("VIDEO: ...") is no fact list and keeps its cost."""
    credits = ["Pullover: H&M", "Flauschjacke: Bershka", "Rock: Zara"]
    kept = _kept(_page(*credits))
    assert all(paragraph in kept for paragraph in _PARAGRAPHS) and all(line in kept for line in credits)
    menu = ["Politik", "Wirtschaft", "Sport"]
    kept = _kept(_page(*menu))
    assert not any(line in kept for line in menu)
    from newsclean.boilerplate.text import _label_value_list

    kickers = ["VIDEO: The twenty-second hand wash", "LOOK-UP TOOL: Check cases in your area"]
    assert _label_value_list(credits, ["", "", ""], 0, 3)
    assert not _label_value_list(kickers, ["", ""], 0, 2)
    assert not _label_value_list(["Preis: 299 Euro", "Der Preis ist hoch: viel zu hoch für alle."], ["", ""], 0, 2)


@pytest.mark.parametrize("bio", [
    "Sara Zinnecker ist Redakteurin im Team Bank & Geldanlage. Nach ihrem Volontariat ging sie nach Berlin.",
    "Emily Temple is the managing editor at Lit Hub. Her first novel was published last year.",
])
def test_an_author_box_after_the_article_is_a_biography(bio: str) -> None:
    """Regression (trafilatura's realworld tests: an ERP news site's "Matthias Weber ist
    ERP-Experte mit langjähriger Berufserfahrung"; WCXB's author boxes): the author's
    name on its line, then a paragraph about them opening with it, was kept as the
    article's last paragraph, in a dump and in trafilatura's text alike."""
    from newsclean.boilerplate.text import classify_lines

    name = bio.split(" ist ")[0].split(" is ")[0]
    lines = _page(tail=(name, bio))
    assert _reason(lines, bio) == "biography" and _reason(lines, name) == "biography"
    assert all(paragraph in _kept(lines) for paragraph in _PARAGRAPHS)
    extracted = [v.reason for v in classify_lines([*_PARAGRAPHS, name, bio], extracted=True)[0]]
    assert extracted == ["", "", "", "", "biography", "biography"]


@pytest.mark.parametrize(("name", "about"), [
    # A list of products or places repeats each name as the article does, with no trade.
    ("Microsoft Teams", "Microsoft Teams is a web conferencing and team collaboration platform for teams."),
    # A trade named about a product, after an article: not a person's name.
    ("Das Kartenspiel", 'Das Kartenspiel zum Roman "Mara und der Feuerbringer" von Erfolgsautor Tommy Krappweis'),
    # The name is not what the paragraph opens with.
    ("Lars Fischer", "The editor Lars Fischer wrote about chemistry and the people who work in it."),
])
def test_a_named_paragraph_that_is_no_author_box_stays(name: str, about: str) -> None:
    assert about in _kept(_page(name, about))


def test_a_captions_credit_with_its_licence_version_is_a_caption() -> None:
    """Regression (a German civic-education page in trafilatura's realworld tests): "...
    haben immer zu tun. Foto: Timur | flickr| CC BY 2.0" was kept: the licence's "2.0"
    read as a sentence's full stop inside the credit."""
    caption = "Nicht labern, ranklotzen! BrandenburgerInnen haben immer zu tun. Foto: Timur | flickr| CC BY 2.0"
    assert _reason(_page(caption), caption) == "caption"
    prose = "Die Stadt plant ein neues Bad. Kosten: rund 2.5 Millionen Euro, sagte die Bürgermeisterin am Montag."
    assert prose in _kept(_page(prose))


@pytest.mark.parametrize("form", [
    ("Aktuelle Recherchen per Mail", "Wir informieren Sie regelmäßig zum Thema und über unsere Arbeit.",
     "E-Mail-Adresse", "Leave this field empty if you're human:"),
    ("Stay up-to-date on our work.", "Get email updates", "Subscribe to news about ongoing projects.",
     "Email address"),
])
def test_a_newsletter_signup_form_and_its_pitch_are_furniture(form: tuple[str, ...]) -> None:
    """Regression (trafilatura's realworld tests: a newsroom's sign-up box under each
    story, "Wir informieren Sie regelmäßig ..." over "E-Mail-Adresse"): the pitch above a
    newsletter's address field was kept as the article's last lines."""
    lines = _page(tail=form)
    assert all(_reason(lines, line) == "navigation" for line in form[-3:])
    assert all(paragraph in _kept(lines) for paragraph in _PARAGRAPHS)


def test_the_article_above_a_forms_heading_stays() -> None:
    """The form reads heading, pitch, field: a sentence above the heading is the article's
    (WCXB: a market's opening hours over "Become a Bluffton Insider")."""
    hours = "Every Wednesday from 3 pm to 7 pm."
    lines = _page(tail=(hours, "Become an Insider", "Email Address"))
    assert hours in _kept(lines)
    assert _reason(lines, "Become an Insider") == "navigation"


def test_a_byline_under_the_standfirst_is_the_byline() -> None:
    """Regression (a German tech site in trafilatura's realworld tests): "von Anja
    Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr" under the standfirst, inside the
    article's run, was kept as text; only removed lines were read for a byline."""
    from newsclean.boilerplate.text import classify_lines

    byline = "von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr"
    lines = ["Home", "Menu", "Council passes budget", _PARAGRAPHS[0], byline, *_PARAGRAPHS[1:], "© 2025 Example News"]
    _verdicts, info = classify_lines(lines)
    assert _reason(lines, byline) == "byline" and info.byline == "Anja Schmoll-Trautmann"
    # A paragraph that opens as a byline does, but ends its sentence, stays.
    opener = "Von Montag an gilt in der ganzen Stadt die neue Regel für Radfahrer."
    lines = ["Home", "Menu", "Council passes budget", _PARAGRAPHS[0], opener, *_PARAGRAPHS[1:], "© 2025 Example News"]
    assert opener in _kept(lines)


def test_pingbacks_and_their_excerpts_are_comments() -> None:
    """Regression (a Hamburg blog in trafilatura's realworld tests): three "Pingback von
    ..." lines, each over its "[…] excerpt […]", were kept, and the excerpts, longer than
    the short post, outscored it."""
    post = ["Manchmal überrascht einen der Alltag ja mit kleinen Freuden. Unlängst spazierte ich durch die Stadt.",
            "Gut investierte 20 Cent, wenn auch das Bild kein Meisterwerk war!"]
    thread = []
    for day in ("11.09.2011 23:31", "26.06.2012 10:43", "22.07.2014 14:09"):
        thread += [f"Pingback von Too much information - Lesezeichen | {day}",
                   "[…] Manchmal überrascht einen der Alltag ja mit kleinen Freuden und Niedlichkeiten, und unlängst "
                   "spazierte ich ahnungslos durch die Stadt, da baumelte vom Balkon im vierten Stock […]"]
    lines = ["Blog", "Archiv", "Kontakt", "Gefällt mir", *post, "Tags: Bild, Cent", "3 Kommentare", *thread, "Archiv"]
    assert _kept(lines) == post
    assert all(_reason(lines, line) == "comment" for line in thread)
    from newsclean.boilerplate.text import _explicit_reasons

    assert _explicit_reasons(["Pingback: Weekly links | Some blog", "Pingbacks tell a blog that another links to it.",
                              "Pingback is how a blog learns that another links to it."]) == ["comment", "", ""]


def test_a_recipes_ingredients_above_its_method_stay() -> None:
    """Regression (a German baking blog in trafilatura's realworld tests): the list under
    "Zutaten:" ("300 g Mehl", "1 TL Zimt"), short lines above the method, was removed with
    the menu; a menu under a "Zutaten" entry, which names no quantity, still goes."""
    ingredients = ["Zutaten:", "300 g Mehl", "1 TL Backpulver", "200 g Zucker", "1 Ei", "Mandelsplitter", "Zubereitung:"]
    method = ["Alle Zutaten in eine Schüssel geben und mittels Knethaken zu einem glatten Teig verarbeiten.",
              "Diesen auf einer bemehlten Arbeitsfläche ausrollen und beliebige Figuren ausstechen, dann backen.",
              "Den Backofen auf 200 Grad vorheizen und die Plätzchen etwa zwölf Minuten lang goldbraun backen."]
    menu = ["Home", "Rezepte", "Über diesen Blog", "Kontakt", "Mandelplätzchen"]
    kept = _kept([*menu, *ingredients, *method, "© 2025 Example Blog"])
    assert kept == [*ingredients, *method]
    chrome = ["Zutaten", "Gesunde Weihnachtsrezepte", "Bücher", "Gewürze"]
    assert not any(line in _kept([*menu, *chrome, *method, "© 2025 Example Blog"]) for line in chrome)


@pytest.mark.parametrize("sign_off", ["x Franzi", "XX, Die Redaktion", "Love, Anna"])
def test_a_sign_off_under_the_last_paragraph_is_the_articles(sign_off: str) -> None:
    """Regression (two German fashion blogs in trafilatura's realworld tests): "x Franzi",
    under a closing wish, and "XX, Die Redaktion" read as menu lines after the article."""
    wish = "Ich wünsche euch allen einen schönen Sonntag <3"
    kept = _kept(_page(tail=(wish, sign_off, "Related Posts", "Beach Waves: so bekommt ihr Volumen ins Haar")))
    assert kept[-2:] == [wish, sign_off]
    for no_sign_off in ("X Factor", "Cheers, everyone"):
        assert no_sign_off not in _kept(_page(tail=(no_sign_off, "Related Posts")))


def test_a_lead_in_right_above_the_article_is_its_own() -> None:
    """Regression (a German law blog in trafilatura's realworld tests): "Leitsätze des
    Gerichts:" over a ruling's first paragraph, a short line ending in a colon, was
    removed with the page's header; a tool's label or a forum post's header is not one."""
    lead = "Leitsätze des Gerichts:"
    lines = ["Home", "Menu", "Urteil", "Aktenzeichen: I ZR 166/07", lead, *_PARAGRAPHS, "© 2025 Example News"]
    assert _kept(lines) == [lead, *_PARAGRAPHS]
    for label in ("Share this post on:", "Perseus Legend said:"):
        assert label not in _kept(["Home", "Menu", "Urteil", label, *_PARAGRAPHS, "© 2025 Example News"])


def test_a_view_counter_with_its_separator_is_a_counter() -> None:
    """Regression (uCoz blog template, trafilatura's realworld tests): "Aufrufe: 1120 |",
    the post's info row broken into lines, was kept as text."""
    assert _reason(_page(tail=("Aufrufe: 1120 |",)), "Aufrufe: 1120 |") == "counter"


@pytest.mark.parametrize(("line", "reason"), [("Das könnte dich auch interessieren …", "related"),
                                              ("You may also like...", "related"), ("Weiterlesen »", "navigation"),
                                              ("Read more ›", "navigation"), ("Related:", "related")])
def test_a_heading_with_its_ellipsis_or_arrow_is_the_heading(line: str, reason: str) -> None:
    """Regression (a German fashion blog in trafilatura's realworld tests; "You may also
    like..." on the 181 pages): the related-posts heading with its ellipsis was no known
    heading, and the teasers under it stayed with the article."""
    from newsclean.boilerplate.text import _explicit_reasons

    assert _explicit_reasons([line]) == [reason]


@pytest.mark.parametrize(("line", "reason"), [
    ("Editors’ Recommendations:", "related"), ("Editor's Picks", "related"), ("Weitere interessante Themen", "related"),
    ("Sie könnten auch an folgenden Artikeln interessiert sein", "related"),
    ("You may also be interested in the following product(s)", "related"),
    ("Vous pourriez aussi être intéressé par", "related"),
    # A sentence that only opens the same way is no heading.
    ("You may also be interested in the following story, which we wrote last year about the council.", ""),
])
def test_a_shops_or_an_editors_block_of_other_items_is_related(line: str, reason: str) -> None:
    """Regression (trafilatura's realworld tests: a shop's Magento block "Sie könnten auch
    an folgenden Artikeln interessiert sein", a games blog's "Editors’ Recommendations:"):
    the headings were no known heading, and the items under them stayed."""
    from newsclean.boilerplate.text import _explicit_reasons

    assert _explicit_reasons([line]) == [reason]


@pytest.mark.parametrize("anchor", [
    "<a href='#q{n}' class='heading-link'></a>",  # a link to the heading itself
    "<a id='q{n}'></a>",  # a named anchor, no href (WCXB dev: esfi.org, fda.gov)
])
def test_an_interviews_questions_with_heading_anchors_are_kept(anchor: str) -> None:
    """Regression (github.blog in trafilatura's realworld tests): each question of an
    interview was an <h2> holding an empty link to itself (the theme's heading anchor), and
    trafilatura's precision setting, which an article page gets, dropped every question. A
    named anchor without an href did the same."""
    questions = ["What was your first job in tech like?", "What are you looking forward to next?"]
    answers = [paragraph + " She said so in an interview this week, and more of it followed later in the day."
               for paragraph in _PARAGRAPHS]
    body = "".join(f"<h2 id='q{n}'><b>{q}</b>{anchor.format(n=n)}</h2>"
                   f"<p>{answers[2 * n]}</p><p>{answers[2 * n + 1]}</p>" for n, q in enumerate(questions))
    page = _news_article_page([]).replace("<div class='article-body'></div>",
                                          f"<main><div class='entry-content'>{body}</div></main>")
    text = newsclean.strip_boilerplate(page, kind="html").text
    assert all(question in text for question in questions) and all(answer in text for answer in answers)


def test_a_list_articles_linked_item_headings_are_kept() -> None:
    """Regression (WCXB dev, a city guide): each restaurant of a list article was named in a
    heading made of one link to the restaurant's site, and trafilatura's precision setting,
    which an article page gets, drops a heading made of a link: every name was lost, the
    paragraphs under them kept."""
    names = ["Grey Sweater", "The Jones Assembly", "Mary Eddy's Kitchen"]
    about = ("The patio seats forty people, the menu changes every week with the season, and the owners "
             "grew up a few streets away from the dining room they opened in the spring.")
    body = f"<p>{_PARAGRAPHS[0]}</p><p>{_PARAGRAPHS[1]}</p>" + "".join(
        f"<h3><a href='https://restaurant{n}.example/' target='_blank'>{name}</a></h3><p>{about} {_PARAGRAPHS[n]}</p>"
        for n, name in enumerate(names))
    page = _news_article_page([]).replace("<div class='article-body'></div>",
                                          f"<main><div class='entry-content'>{body}</div></main>")
    text = newsclean.strip_boilerplate(page, kind="html").text
    assert all(name in text for name in names) and _PARAGRAPHS[2] in text


def test_list_items_behind_an_empty_icon_element_are_kept() -> None:
    """Regression (WCXB dev, monsgeek.com): each item of a post's lists opened with an empty
    <span> (an icon's place), and trafilatura's precision setting, which an article page
    gets, deletes an empty element together with the text after it: every item of four
    lists between the post's paragraphs was lost."""
    items = ["Fixed switches: the switches that came with the keyboard were soldered to the board for good.",
             "Difficult repairs: a switch that failed had to be unsoldered and a new one soldered in its place."]
    # long enough that the precision setting's text stands (no retry of another setting)
    body = ("".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPHS) + "<p>This meant:</p><ul>"
            + "".join(f"<li><span></span>{item}</li>" for item in items)
            + "</ul>" + "".join(f"<p>{paragraph} It was reported again.</p>" for paragraph in _PARAGRAPHS))
    page = _news_article_page([]).replace("<div class='article-body'></div>",
                                          f"<main><div class='entry-content'>{body}</div></main>")
    text = newsclean.strip_boilerplate(page, kind="html").text
    assert all(item in text for item in items) and _PARAGRAPHS[3] in text


@pytest.mark.parametrize("line", [
    "This entry was posted in News and tagged budget, council by Jane Doe. Bookmark the permalink.",
    "Dieser Eintrag wurde veröffentlicht in DenkanStoos-Treffen von bjoernlinder01. Permanentlink.",
    "Ce contenu a été publié dans Actualités. Vous pouvez le mettre en favoris avec ce permalien.",
])
def test_a_wordpress_posts_filing_line_is_furniture(line: str) -> None:
    """Regression (a German WordPress blog in trafilatura's realworld tests): the line under a
    post that files it in its categories was kept as the article's last line."""
    from newsclean.boilerplate.text import _explicit_reasons

    assert _explicit_reasons([line]) == ["navigation"]
    assert _explicit_reasons(["This entry is about the budget the council passed on Monday."]) == [""]


def test_a_name_printed_over_the_articles_date_is_its_byline() -> None:
    """Regression: blogs and magazines print the author's name alone over the date, under
    the headline, with no "By"; the dump's byline stayed empty (WCXB dev dumps: 442 of 736
    annotated authors were on the page, 166 read)."""
    body = ("The council approved the new budget on Monday after a long debate about schools and roads. " * 3).strip()
    dump = "\n".join(["Home", "News", "Council approves budget", "Nadia Okafor", "March 2, 2026", "",
                      body, "", body, "", "Contact us"])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert doc.meta["byline"] == "Nadia Okafor"
    assert doc.meta["date"] == "2026-03-02"
    assert "Nadia Okafor" in {r.text for r in doc.removed if r.reason == "byline"}


@pytest.mark.parametrize("label", ["Mental Health", "Follow Us", "Contact Info"])
def test_a_section_or_button_beside_the_date_is_no_byline(label: str) -> None:
    # Capitalised words over a date are a section or a button as often as a name: a word
    # the article writes in lower case, or no given name and common words, says which.
    body = ("Our mental health service opened on Monday after a long debate about schools and roads. " * 3).strip()
    dump = "\n".join(["Home", "News", "Council opens a new service", label, "March 2, 2026", "",
                      body, "", body, "", "Contact us"])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert doc.meta.get("byline") is None


def test_a_name_before_the_date_on_its_line_is_the_byline() -> None:
    body = ("The council approved the new budget on Monday after a long debate about schools and roads. " * 3).strip()
    dump = "\n".join(["Home", "News", "Council approves budget", "Tom Adeyemi Published 10:19am 19 December 2025",
                      "", body, "", body])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert (doc.meta["byline"], doc.meta["date"]) == ("Tom Adeyemi", "2025-12-19")


def test_a_headline_that_names_a_date_is_still_the_title() -> None:
    """Regression: once spaced numeric dates were read ("27. 2. 2015"), a conference's
    headline naming its days became a date line, and a menu line the dump's title."""
    title = "Tagung: Institutionen revolutionärer Macht in Europa (26. und 27. 2. 2015, Eichstätt)"
    body = ("Die Tagung fragt nach den Institutionen, die Revolutionen in Europa hervorbrachten und nutzten. " * 3).strip()
    dump = "\n".join([f"{title} | achtundvierzig", "Start", "Artikel, Unsere Forschung, Veranstaltungen", title,
                      "", body, "", body, "", "Impressum"])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert doc.title == title


@pytest.mark.parametrize(("opener", "name", "byline"), [
    ("By", "Genevieve Carlton", "Genevieve Carlton"),
    ("By", "Sarah E. Needleman", "Sarah E. Needleman"),  # a middle initial, not Portuguese "e"
    ("Written by", "Joe Kindness", "Joe Kindness"),
    ("Author", "Recent Posts", None),  # a widget's label over its list
    ("By", "CP", None),  # an avatar's initials
])
def test_a_name_under_a_by_line_alone_is_the_byline(opener: str, name: str, byline: str | None) -> None:
    """Regression: pages print "By" on its own line over the author's name (WCXB dev dumps:
    49 annotated authors so printed went unread)."""
    body = ("The council approved the new budget on Monday after a long debate about schools and roads. " * 3).strip()
    dump = "\n".join(["Council approves budget | Daily News", "Home", "News", "Council approves budget", opener, name,
                      "", body, "", body, "", "Contact us"])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert (doc.meta.get("byline"), doc.title) == (byline, "Council approves budget")


def test_a_headline_that_opens_the_article_run_is_the_title_and_stays_in_the_text() -> None:
    """Regression: where the classifier kept the headline as the run's first line (a
    question, read as prose), the title search, which reads the lines above the run,
    took a menu line ("Übersicht - alle Themen") for the title."""
    headline = "Plant Tesla eine zweite Fabrik in China?"
    body = ("Der Autobauer prüft nach Berichten aus Shanghai einen weiteren Standort für seine Fahrzeuge. " * 3).strip()
    dump = "\n".join([f"{headline} – autonews", "Übersicht - alle Themen", "Impressum", headline,
                      body, "", body, "", "Kontakt"])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert doc.title == headline
    assert doc.text.startswith(headline)


def test_a_breadcrumb_trail_opening_the_run_is_no_title() -> None:
    trail = "You are here: Home / Forums / Hiking / Favourite cities for hiking trails"
    body = ("I have been looking for cities with good hiking trails close to the centre of town. " * 3).strip()
    dump = "\n".join(["Favourite cities for hiking trails - Trail Forum", "Login", trail, body, "", body])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert doc.title != trail


def test_a_date_line_kept_at_the_runs_head_is_the_articles_date() -> None:
    """Regression: a date line under the headline that the classifier kept as the article's
    first line ("Friday, November 14, 2025") went unread: the date search read only removed
    lines and bylines there (WCXB dev dumps: 21 annotated dates so printed)."""
    body = ("The council approved the new budget on Monday after a long debate about schools and roads. " * 3).strip()
    lede = ("A long debate about schools and roads ended with a vote that surprised the mayor and her allies on "
            "the council.")
    dump = "\n".join(["Council approves budget | Daily News", "Home", "Council approves budget", lede,
                      "Friday, November 14, 2025", body, "", body])
    doc = newsclean.strip_boilerplate(dump, kind="text")
    assert doc.meta["date"] == "2025-11-14"
    assert "Friday, November 14, 2025" in doc.text  # read, and left where the classifier kept it


_STORM = ("Storm hits coast\n\nThe storm hit the coast on Monday, officials said, and thousands lost power across "
          "the county.\n\n{}\n\nResidents were told to stay home after the storm, and schools closed for the day.")


@pytest.mark.parametrize(("line", "removed"), [
    # a paywall's or login wall's prompt between the article's paragraphs
    ("Are you a print subscriber? Activate your account.", True),
    ("Already a paid subscriber? Sign in", True),
    ("You have reached the limit for free access to our important and valuable work.", True),
    ("To continue viewing content on tucson.com, please sign in with your existing account or subscribe.", True),
    # prose that names subscribers, limits or reading on asks the reader nothing
    ("The service reached 8 million subscribers, the company said, and its shares rose.", False),
    ('Users can test models without fear of "you have reached your token limit" or blocked topics.', False),
    ("Residents who want to continue reading the notices can find them at the town hall.", False),
    # a donation appeal, and words the report quotes (regression, L3S-GN1 and WCXB pages)
    ("Please support us: every donation keeps our reporting free to read.", True),
    ("Support our journalism and subscribe today for a dollar a week.", True),
    ('The statement continued: "They are sons, fathers and brothers who were working to support us."', False),
    ('"The fans always support us," the coach said after the game on Sunday.', False),
])
def test_a_paywall_prompt_or_a_donation_appeal_in_a_dump_is_legal_furniture(line: str, removed: bool) -> None:
    doc = newsclean.clean(_STORM.format(line), kind="text")
    assert (line not in doc.text) is removed
    if removed:
        assert [r.reason for r in doc.removed if r.text == line] == ["legal"]


def test_a_page_laid_out_in_a_table_gives_its_text_without_the_tables_pipes() -> None:
    # Regression: trafilatura writes a table's rows as "| cell | cell |", and a page laid out
    # in a table (L3S-GN1's news pages of 2008: 134 of 621) kept rows of empty cells and its
    # paragraphs wrapped in pipes ("| Part 0: the storm ... |  |  |"). A data table's rows stay.
    sentence = "the storm forced thousands of families to leave their homes on the coast, officials said on Monday"
    cell = " ".join(f"Part {i}: {sentence}." for i in range(8))
    page = (f"<html><head><title>Storm forces evacuations</title></head><body><table width='100%'>"
            f"<tr><td>Storm forces evacuations</td></tr><tr><td>{cell}<br><br>{cell}</td></tr>"
            "<tr><td>Town</td><td>Families</td></tr><tr><td>Northport</td><td>1,200</td></tr></table></body></html>")
    for vote in (True, False):
        doc = newsclean.StripBoilerplate(kind="html", vote=vote)(newsclean.Document(id="x", text=page))
        lines = [line for line in doc.text.split("\n") if line]
        assert f"{cell} {cell}" in lines or cell in lines
        assert all(not line.startswith("|") for line in lines if "storm" in line)
        assert any(line.startswith("| Town | Families |") for line in lines)  # a data row stays a row


def test_empty_table_rows_are_removed_as_layout_and_one_cell_rows_unwrapped() -> None:
    from newsclean.boilerplate import unfold_layout_rows
    from newsclean.boilerplate.config import LineVerdict

    verdicts = [LineVerdict("|  |  |", 1.0, ""), LineVerdict("|", 1.0, ""), LineVerdict("| Fire on Main Street. |  |", 2.0, ""),
                LineVerdict("| a \\| b |", 1.0, ""), LineVerdict("| Team | Won |", 1.0, ""),
                LineVerdict("|---|---|", 1.0, ""), LineVerdict("| Menu |", -3.0, "navigation")]
    assert [(v.text, v.reason) for v in unfold_layout_rows(verdicts)] == [
        ("|  |  |", "layout"), ("|", "layout"), ("Fire on Main Street.", ""), ("a | b", ""), ("| Team | Won |", ""),
        ("|---|---|", ""), ("| Menu |", "navigation")]


_INTERSTITIALS = json.loads((Path(__file__).parent / "cases" / "interstitials.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", _INTERSTITIALS, ids=[case["name"] for case in _INTERSTITIALS])
def test_walls_in_place_of_an_article_empty_the_page_and_notices_leave_it(case: dict[str, object]) -> None:
    doc = newsclean.clean(str(case["text"]), kind="text", lang=str(case["lang"]))
    if case.get("expect") == "wall":
        assert doc.text == ""
        assert "wall" in str(doc.meta.get("empty_reason"))
        return
    for line in case.get("removed", []):  # type: ignore[attr-defined]
        assert line not in doc.text
        assert any(line in removal.text and removal.reason == "legal" for removal in doc.removed)
    for line in case.get("kept", []):  # type: ignore[attr-defined]
        assert line in doc.text


def test_a_wall_extracted_from_html_empties_the_page_too() -> None:
    page = ("<html><head><title>State Lottery</title></head><body><article><h1>State Lottery</h1>"
            "<p>We noticed you're blocking ads!</p><p>Keep supporting local journalism by turning off your ad "
            "blocker. Or buy a subscription for unlimited access.</p></article></body></html>")
    doc = newsclean.clean(page, kind="html")
    assert doc.text == ""
    assert "wall" in str(doc.meta.get("empty_reason"))


def test_a_paywall_keeps_the_headline_above_it_as_the_title_and_a_bot_check_does_not() -> None:
    # A paywall stands on the article's own page: its headline still says which story the
    # document is (story mode compares titles), though the body is withheld.
    paywall = newsclean.clean("Two hurt when snowmobile hits tree\nYou have reached the limit for free access to our "
                              "reporting.\n\nSubscribers, click below to log in or register your subscription.",
                              kind="text", lang="en")
    assert (paywall.text, paywall.title) == ("", "Two hurt when snowmobile hits tree")
    assert paywall.meta["metadata_sources"] == {"title": "headline above a paywall"}
    assert (paywall.removed[0].text, paywall.removed[0].reason) == ("Two hurt when snowmobile hits tree", "title")
    bot_check = newsclean.clean("About this page\n\nOur systems have detected unusual traffic from your computer "
                                "network.", kind="text", lang="en")
    assert (bot_check.text, bot_check.title) == ("", "")


def test_a_paywall_extracted_from_html_empties_the_page_and_keeps_the_markup_title() -> None:
    page = ("<html><head><title>Two hurt when snowmobile hits tree | Example News</title></head><body><article>"
            "<h1>Two hurt when snowmobile hits tree</h1><p>You have reached the limit for free access to our "
            "reporting.</p><p>Subscribers, click below to log in or register your subscription to continue receiving "
            "unlimited access.</p></article></body></html>")
    doc = newsclean.clean(page, kind="html")
    assert (doc.text, doc.title) == ("", "Two hurt when snowmobile hits tree")
    assert doc.meta["empty_reason"] == "the page is a paywall or a sign-in wall, not an article"


# An HTML page's description of itself names its article (boilerplate/anchor.py): a page
# laid out as L3S-GN1's hfxnews.ca page of 2008, a short article beside a column of links
# and a longer blurb about the newspaper in the footer.
_DESCRIBED_PAGE = [
    "Home", "News", "Sports", "Business", "Contact us", "Rocket down Eagles",
    "Geoff Walker and Lucas McKinley each scored in the final five minutes as the Rocket beat the Eagles 4-3.",
    "Dean Ouellet, with two, and Robert Slaney scored for Cape Breton before 3,502 fans.",
    "At Saint John, Ryan Sparling scored twice as the Sea Dogs knocked off the Lewiston Maineiacs 6-4.",
    "Bookmark with:", "Delicious", "Digg", "Facebook", "Archives", "RSS", "Subscriptions",
    "Archives | RSS | Subscriptions | Privacy Policy | Terms & Conditions | Advertise with us",
    "The Daily News covers Halifax, the hub of Atlantic Canada, in more depth than any other newspaper, featuring "
    "breaking news, sports, entertainment, business, national and international news.",
    "It is local content on a world class level, and this site is part of the Transcontinental Media Network of "
    "newspapers across the country and beyond, with more to come.",
]
_DESCRIPTION = "Geoff Walker and Lucas McKinley each scored in the final five minutes as the Rocket beat the Eagles"
_DESCRIBED_FOOTER = ["Archives | RSS | Subscriptions | Privacy Policy | Terms & Conditions | Advertise with us"]


def test_description_anchor_reads_the_article_the_description_names() -> None:
    from newsclean.boilerplate._classifier import classify_lines
    from newsclean.boilerplate.anchor import description_reading

    plain, _info = classify_lines(_DESCRIBED_PAGE)
    assert not any("Geoff Walker" in v.text for v in plain if not v.reason)  # the blurb's run wins unanchored
    reading = description_reading(_DESCRIBED_FOOTER, _DESCRIBED_PAGE, _DESCRIPTION)
    assert reading is not None and reading[:3] == _DESCRIBED_PAGE[6:9]


def test_description_anchor_needs_the_description_in_the_page_and_an_article() -> None:
    from newsclean.boilerplate.anchor import description_reading, lede_description

    elsewhere = "Two goals in overtime sent the Mooseheads to a win over the Sea Dogs"
    assert description_reading(_DESCRIBED_FOOTER, _DESCRIBED_PAGE, elsewhere) is None
    assert lede_description("Sports | The Daily News") == ""  # a title, not a sentence of the article
    short = ["Home", _DESCRIPTION + ".", *_DESCRIBED_FOOTER]
    assert description_reading(_DESCRIBED_FOOTER, short, _DESCRIPTION) is None  # too short for an article


def test_description_reading_replaces_only_another_part_below_the_description() -> None:
    from newsclean.boilerplate.anchor import description_reading

    reading = description_reading(_DESCRIBED_FOOTER, _DESCRIBED_PAGE, _DESCRIPTION)
    assert reading is not None and reading[0] == _DESCRIBED_PAGE[6]
    # the article without its lede is the same part of the page
    assert description_reading(_DESCRIBED_PAGE[7:9], _DESCRIBED_PAGE, _DESCRIPTION) is None
    # a menu above the description is no footer below the article: left as it is
    assert description_reading(["Home News Sports Business Contact us"], _DESCRIBED_PAGE, _DESCRIPTION) is None
    # a site that describes its pages with the slogan its footer prints keeps its article
    assert description_reading(_DESCRIBED_PAGE[5:9], _DESCRIBED_PAGE, _DESCRIBED_PAGE[-2]) is None


def _described_html(description: str) -> str:
    body = "".join(f"<p>{line}</p>" for line in _DESCRIBED_PAGE[6:9])
    return (f'<html><head><meta property="og:description" content="{description}"></head>'
            f"<body><article>{body}</article></body></html>")


def test_extract_html_reports_a_description_the_text_lacks() -> None:
    from newsclean.boilerplate.html import extract_html

    held = extract_html(_described_html(_DESCRIPTION), readings=True)
    assert held.missed_description == ""  # the text holds it: nothing to look for
    slogan = "The Daily News covers Halifax, the hub of Atlantic Canada, in more depth than any other newspaper"
    missed = extract_html(_described_html(slogan), readings=True)
    assert missed.missed_description == slogan and missed.page_lines is not None
    # without the readings (vote=False) no page text is read for it
    assert extract_html(_described_html(slogan)).missed_description == ""


def test_a_page_whose_extraction_read_its_footer_takes_the_reading_its_description_names(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The stage's wiring (L3S-GN1's indiafm.com page: every extractor gave the footer):
    # the extraction is the footer's links, the description names the article printed
    # above them; a slogan described page keeps its extraction.
    import newsclean.boilerplate as stage_module
    from newsclean.boilerplate.html import HtmlExtraction
    from newsclean.boilerplate.pagemeta import PageMetadata

    def extraction(lines: list[str], description: str) -> HtmlExtraction:
        return HtmlExtraction(lines, PageMetadata(), "trafilatura (default)", readability_lines=(),
                              page_lines=tuple(_DESCRIBED_PAGE), missed_description=description)

    footer = ["Archives | RSS | Subscriptions | Privacy Policy | Terms & Conditions | Advertise with us"]
    monkeypatch.setattr(stage_module, "extract_html", lambda *a, **k: extraction(footer, _DESCRIPTION))
    doc = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="p", text="<html></html>"))
    assert doc.meta["extractor"] == "page text" and "description" in str(doc.meta["extractor_note"])
    assert doc.text == "\n\n".join(_DESCRIBED_PAGE[6:9])
    article = list(_DESCRIBED_PAGE[6:9])
    slogan = _DESCRIBED_PAGE[-2]
    monkeypatch.setattr(stage_module, "extract_html", lambda *a, **k: extraction(article, slogan))
    doc = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="p", text="<html></html>"))
    assert doc.meta["extractor"] == "trafilatura (default)" and doc.text.startswith("Geoff Walker")


_PRODUCT = ["Make each cup of tea or coffee feel special with a ceramic mug, wheel thrown in our studio.",
            "Handmade stoneware.",
            "Size: approx. 9.5 x 13 x 7cm. Suitable for use in dishwashers and microwave ovens."]


def test_a_block_the_extraction_prints_twice_in_a_row_is_kept_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Regression (WCXB dev, shop pages built with a layout for phones and one for desks):
    # readability read both copies of the product's text, at half the precision.
    import newsclean.boilerplate as stage_module
    from newsclean.boilerplate.html import HtmlExtraction
    from newsclean.boilerplate.pagemeta import PageMetadata

    lines = [*_PRODUCT, *_PRODUCT, "Care should be taken when stacking and washing ceramics."]
    monkeypatch.setattr(stage_module, "extract_html",
                        lambda *a, **k: HtmlExtraction(lines, PageMetadata(), "readability"))
    doc = newsclean.StripBoilerplate(kind="html")(newsclean.Document(id="p", text="<html></html>"))
    assert doc.text == "\n\n".join([*_PRODUCT, lines[-1]])
    assert [r.reason for r in doc.removed] == ["repeat"] * 3
    # A plain dump is the classifier's to read (its own repeat rule): the stage leaves it.
    dump = newsclean.StripBoilerplate(kind="text")(newsclean.Document(id="d", text="\n".join(lines)))
    assert "repeat" not in [r.reason for r in dump.removed]


@pytest.mark.parametrize(("lines", "doubled"), [
    # copies apart, not in a row: a chorus, a code sample shown again further down
    ([*_PRODUCT, "The glaze is food safe.", *_PRODUCT], False),
    # a short block (a label and a price) a page may print twice
    (["Sold out", "$60.00", "Sold out", "$60.00"], False),
    # two lines only, however long
    ([*_PRODUCT[::2], *_PRODUCT[::2]], False),
    ([*_PRODUCT, *_PRODUCT], True),
])
def test_only_a_block_of_three_lines_and_thirty_words_repeated_at_once_is_a_doubled_block(
        lines: list[str], doubled: bool) -> None:
    from newsclean.boilerplate import without_doubled_blocks
    from newsclean.boilerplate.config import LineVerdict

    out = without_doubled_blocks([LineVerdict(line, 0.0, "") for line in lines])
    assert ("repeat" in [v.reason for v in out]) is doubled
    assert [v.text for v in out] == lines  # verdicts are marked, never dropped


def test_doubled_blocks_are_found_in_linear_time_on_many_repeated_lines() -> None:
    # Each line is compared with its next equal line only, by hash: a page of 60,000 kept
    # lines that nearly double (the copy differs in its last line) stays linear.
    from newsclean.boilerplate import without_doubled_blocks
    from newsclean.boilerplate.config import LineVerdict

    block = [f"Line {i} of a long listing holds a few words more." for i in range(30_000)]
    lines = [*block, *block[:-1], "A different last line."]
    out = without_doubled_blocks([LineVerdict(line, 0.0, "") for line in lines])
    assert "repeat" not in [v.reason for v in out]
    out = without_doubled_blocks([LineVerdict(line, 0.0, "") for line in [*block, *block]])
    assert [v.reason for v in out].count("repeat") == len(block)


INPUT_KIND_CASES = json.loads((Path(__file__).parent / "cases" / "input_kind.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", INPUT_KIND_CASES, ids=[c["text"][:40] for c in INPUT_KIND_CASES])
def test_markup_without_a_block_element_is_read_as_markup(case: dict[str, str]) -> None:
    """Regression (session 72): inline formatting ("<b>Breaking:</b> ...") and page
    fragments that open with a script, a style or a comment were read as plain text by
    kind="auto", their tags and code kept in the clean text (tests/cases/input_kind.json);
    prose that names tags stays text."""
    doc = newsclean.clean(case["text"])
    assert doc.meta["input_kind"] == case["kind"]
    assert doc.text == case["clean"]
    if not doc.text:
        assert doc.meta.get("empty_reason")  # nothing dropped without a reason


@pytest.mark.parametrize(
    ("given", "title"),
    [
        ("Budget &amp; <b>tax</b> plan passes", "Budget & tax plan passes"),
        ("Budget plan passes\n\n", "Budget plan passes"),
        ("Q&amp;A: the <em>new</em>\n budget", "Q&A: the new budget"),
        ("Profits < 5% and > 2% this year", "Profits < 5% and > 2% this year"),
        ("AT&T wins the contract", "AT&T wins the contract"),
        ("<![CDATA[Budget plan passes]]>", "Budget plan passes"),
    ],
)
def test_a_given_title_is_one_line_of_plain_text(given: str, title: str) -> None:
    """Regression (session 72): a record's title was kept as given, its feed's markup,
    entities and line breaks with it ("Budget &amp; <b>tax</b>"), while every title
    newsclean reads from a page is plain text."""
    doc = newsclean.clean(newsclean.Document(id="a", text="The council approved the budget on Monday.", title=given))
    assert doc.title == title


_COUNCIL_ARTICLE = (
    "The city council approved the new budget on Monday after a long debate about schools and roads. "
    "Mayor Ana Ruiz said the vote was a relief for families who had waited two years for the repairs. "
    "The plan sets aside 12 million dollars for the three oldest schools and another 8 million for bridges. "
    "Opponents said the money should have gone to public transport, which lost riders during the pandemic. "
    "Work on the first school is due to start in March, and the bridges will follow in the summer. "
    "The council will review the spending every six months and publish its reports on its website. "
    "Residents can comment on the plan at a public meeting on Thursday evening at the town hall. "
    "The budget passed by seven votes to four after an amendment on cycling lanes was withdrawn. "
    "Local businesses welcomed the decision, saying better roads would bring more customers downtown.")


def test_a_page_whose_line_breaks_were_lost_loses_its_menus_and_sign_up_prompts() -> None:
    # Regression: a whole page stored as one line (as many corpora store text) was one line
    # to the classifier, which removed nothing: menus and prompts stayed in the article.
    page = ("Home News Sport Weather Travel Culture Video Business Opinion " + _COUNCIL_ARTICLE
            + " Sign up for our newsletter. Privacy Policy Terms of Use Contact Us About Us Careers Advertise Sitemap")
    doc = newsclean.strip_boilerplate(page, kind="text")
    assert doc.text == _COUNCIL_ARTICLE
    assert [r.reason for r in doc.removed] == ["navigation", "legal", "legal"]
    assert doc.meta["input_note"].startswith("one line of text")
    assert newsclean.clean(doc.text).text == newsclean.clean(page).text  # idempotent


def test_a_one_line_article_without_chrome_is_kept_whole() -> None:
    # Names in a sentence are runs of capitals too, shorter than a menu: the sentence stays.
    text = ("Officials from the National Aeronautics and Space Administration Jet Propulsion Laboratory said on "
            "Tuesday that the probe was healthy. ") + _COUNCIL_ARTICLE
    assert len(text) >= 1_000 and "\n" not in text
    doc = newsclean.strip_boilerplate(text, kind="text")
    assert doc.text == text and doc.removed == ()


def test_a_dump_with_its_line_breaks_is_not_read_as_one_line() -> None:
    lines = ["Home", "News", "Sport", "", _COUNCIL_ARTICLE, "", "Privacy Policy"]
    doc = newsclean.strip_boilerplate("\n".join(lines), kind="text")
    assert doc.text == _COUNCIL_ARTICLE
    assert "input_note" not in doc.meta


def test_a_flat_page_is_cut_at_menus_and_keeps_enumerators_with_their_item() -> None:
    from newsclean.boilerplate.flattened import is_flattened, read_flat

    assert is_flattened("word " * 300) and not is_flattened("word " * 100) and not is_flattened("a\n" + "b " * 600)
    page = read_flat("Press Releases Webinars Advertise Guest Posts Events Jobs The vote passed. "
                     "Steps: 1. Plan the route before you go. 2. Pack water.", lang="en")
    assert page.gaps == [" "] * 4
    assert page.lines == ["Press Releases Webinars Advertise Guest Posts Events Jobs", "The vote passed.", "Steps:",
                     "1. Plan the route before you go.", "2. Pack water."]


def test_a_one_line_page_keeps_what_stood_between_its_sentences() -> None:
    # Regression: the kept pieces were joined with spaces, which Japanese sentences and
    # glued ones ("Daten.Weder") never had between them: the text changed with nothing removed.
    japanese = "パスワードの管理は非常に重要なことであり、毎日使っています。" * 40 + "迷惑なことこの上なし。"
    assert newsclean.strip_boilerplate(japanese, kind="text").text == japanese
    glued = (_COUNCIL_ARTICLE + " The firm keeps no data.Neither names nor addresses are stored, it said. "
             + _COUNCIL_ARTICLE)
    doc = newsclean.strip_boilerplate(glued, kind="text")
    assert doc.text == glued and doc.removed == ()


@pytest.mark.parametrize("lang", ["cs", "de-DE", "und", "", 7])
def test_a_one_line_page_labelled_in_a_language_without_sentence_rules_is_read(lang: object) -> None:
    # Regression: the flattened reading passed meta["lang"] to split_sentences as it was,
    # and a corpus's "cs" (no rules of its own) raised ConfigError for the whole document.
    page = "Home News Sport Weather Travel Culture Video Business " + _COUNCIL_ARTICLE + " " + _COUNCIL_ARTICLE
    doc = newsclean.StripBoilerplate(kind="text")(newsclean.Document(id="x", text=page, meta={"lang": lang}))
    assert doc.meta["input_note"].startswith("one line of text") and _COUNCIL_ARTICLE in doc.text

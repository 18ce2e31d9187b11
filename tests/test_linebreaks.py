"""Line-break repair: rejoin what scrapers cut, keep what is meant to be separate."""

from __future__ import annotations

from pathlib import Path

import newsclean
from newsclean.linebreaks import repair_line_breaks_explained

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seed_paragraphs_cut_after_us_are_rejoined() -> None:
    text = (SEEDS / "000_a289672350df8659.txt").read_text("utf-8")
    repaired, edits = repair_line_breaks_explained(text)
    assert "talks with U.S. President Donald Trump." in repaired
    assert "assure the U.S. of Europe’s willingness" in repaired
    assert "expectations are growing that the U.S. administration under Trump" in repaired
    assert "cooperation with the U.S. to clarify their contributions" in repaired
    assert [e.kind for e in edits].count("rejoin-abbreviation") == 4


def test_paragraph_ending_in_abbreviation_before_new_sentence_is_kept() -> None:
    text = "Talks were held in the U.S.\n\nThe next round is in Paris."
    assert newsclean.repair_line_breaks(text) == text


def test_subhead_after_abbreviation_is_not_joined() -> None:
    text = "Talks were held in the U.S.\n\nEconomic Outlook\n\nGrowth slowed."
    assert newsclean.repair_line_breaks(text) == text


def test_hard_wrapped_prose_is_unwrapped() -> None:
    assert newsclean.repair_line_breaks("It was a cold \nnight in the city.") == "It was a cold night in the city."


def test_list_items_and_headlines_stay_on_their_lines() -> None:
    assert newsclean.repair_line_breaks("features\ncontact manager\nevents, activities\n") == (
        "features\ncontact manager\nevents, activities"
    )


def test_a_line_cut_after_an_article_or_conjunction_goes_on_before_a_capital() -> None:
    text = ("The president met with the leaders of\nFrance and Germany on Monday, and the\n"
            "Senate voted on the budget.\nIt passed.")
    assert newsclean.repair_line_breaks(text) == (
        "The president met with the leaders of France and Germany on Monday, and the Senate voted on the budget.\n"
        "It passed.")
    german = "Die Regierung sprach mit der\nOpposition über den Haushalt.\nEr wurde angenommen."
    assert repair_line_breaks_explained(german, lang="de")[0] == (
        "Die Regierung sprach mit der Opposition über den Haushalt.\nEr wurde angenommen.")


def test_headings_and_menu_entries_before_a_capital_stay() -> None:
    text = "Breaking News\nPresident Signs Budget Bill\nLog in\nThe president signed the bill on Monday."
    assert newsclean.repair_line_breaks(text) == text


def test_a_hard_wrapped_article_is_unwrapped_where_the_next_word_would_not_have_fitted() -> None:
    import textwrap

    paragraphs = [
        "The central bank raised its main interest rate on Thursday. Officials said inflation had "
        "stayed above the target for eleven months. Markets had expected the move after a week of "
        "strong data from the labour market.",
        "Short paragraph.",
        "Analysts at two London banks said the decision was unanimous. Reuters reported that "
        "Governor Smith would speak to reporters in Frankfurt on Friday afternoon.",
    ]
    wrapped = "\n".join(textwrap.fill(p, 60) for p in paragraphs)
    text, edits = repair_line_breaks_explained(wrapped)
    assert text.split("\n") == paragraphs
    assert "unwrap-full-line" in {e.kind for e in edits}


def test_hard_wrapped_text_in_a_script_without_case_is_unwrapped() -> None:
    import textwrap

    paragraph = ("서울시는 월요일 새로운 예산안을 발표했다 시장은 학교와 병원에 더 많은 돈을 쓰겠다고 말했다 "
                 "야당은 계획이 너무 늦었다고 비판했고 시민 단체는 세부 내용을 요구했다 의회는 다음 주에 "
                 "예산안을 표결할 예정이다")
    wrapped = textwrap.fill(paragraph, 32)
    assert len(wrapped.split("\n")) >= 4
    assert newsclean.repair_line_breaks(wrapped) == paragraph


def test_headlines_of_similar_length_are_not_taken_for_wrapped_lines() -> None:
    text = ("Government Announces New Budget for Schools and Hospitals\n"
            "Storm Leaves Thousands Without Power Across the Region\n"
            "Local Team Wins Championship After Dramatic Final Match\n"
            "Prices of Energy Rise Again as Winter Approaches Fast\n"
            "Council Approves Plan for New Bridge Over the River Ouse")
    assert newsclean.repair_line_breaks(text) == text


def test_hard_wrapped_list_items_are_unwrapped_and_stay_items() -> None:
    text, edits = repair_line_breaks_explained(
        "Key points:\n- The government announced a new\n  budget on Monday.\n- Taxes will rise by 2 per cent\n"
        "  next year.\n1. Cut the deficit by raising\ntaxes on the wealthy.\n2. Reform pensions.\n"
        "• An item without a full stop wraps onto\nthe next line\n• Another item")
    assert text == (
        "Key points:\n- The government announced a new budget on Monday.\n- Taxes will rise by 2 per cent next year.\n"
        "1. Cut the deficit by raising taxes on the wealthy.\n2. Reform pensions.\n"
        "• An item without a full stop wraps onto the next line\n• Another item")
    assert [e.kind for e in edits] == ["unwrap-list-item"] * 4


def test_a_list_keeps_lines_that_are_not_continuations() -> None:
    # a line under a heading that is not an item, an ended item, a capitalised line: all stay
    text = "Steps\nfirst the intro\n- One item ends here.\nand this line is a note\n- Two\nThree"
    assert newsclean.repair_line_breaks(text) == text


def test_hyphenated_word_is_joined_when_the_joined_form_is_a_word() -> None:
    text, edits = repair_line_breaks_explained("The commu-\nnication failed, and the communication was lost.")
    assert text.startswith("The communication failed")
    assert edits[0].kind == "dehyphenate"


def test_compound_keeps_its_hyphen() -> None:
    assert newsclean.repair_line_breaks("It was a well-\nknown fact.") == "It was a well-known fact."


def test_every_change_is_recorded() -> None:
    _text, edits = repair_line_breaks_explained("It was a cold\nnight.\n\nIn the U.S.\n\nof America, yes.")
    assert {e.kind for e in edits} == {"unwrap", "rejoin-abbreviation"}
    assert all(e.stage == "linebreaks" and e.before and e.after for e in edits)


def test_stray_breaks_in_a_page_whose_last_line_is_not_prose_are_joined() -> None:
    # One paragraph a line, the page ending in an unpunctuated credit: the block-level
    # "ends like prose" test said no, and no stray break of the page was joined
    # (benchmarks/linebreaks.py, stray breaks: recall 0.43 on the 181 bodies).
    text = ("The carmaker showed its new electric van at the show on Sunday night.\n"
            "The VW ID. SPACE VIZZION is\nthe seventh electric car to use the modular drive matrix.\n"
            "Helping there is the\naerodynamic slipperiness.\nSource: VW")
    assert newsclean.repair_line_breaks(text) == (
        "The carmaker showed its new electric van at the show on Sunday night.\n"
        "The VW ID. SPACE VIZZION is the seventh electric car to use the modular drive matrix.\n"
        "Helping there is the aerodynamic slipperiness.\nSource: VW")


def test_short_lower_case_menu_lines_after_prose_stay_apart() -> None:
    text = "The council approved the new budget on Monday after a long debate.\nHome\nnews\nsports\nabout us"
    assert newsclean.repair_line_breaks(text) == text
    listed = "The plan has parts that the council will vote on next week:\n- taxes\n- roads\n- schools"
    assert newsclean.repair_line_breaks(listed) == listed


def test_stray_break_after_a_comma_title_or_before_a_lower_case_quotation_is_joined() -> None:
    text = ("But if the past month is any prediction of what the next year will bring,\n"
            "Trump will have sustained a large amount of support.\n"
            "The minister met the delegation and then spoke at length with Mr.\nSmith on Monday.\n"
            "The chairman of the board said\n\"no\" to the offer from the rival bidder.")
    assert newsclean.repair_line_breaks(text) == (
        "But if the past month is any prediction of what the next year will bring, "
        "Trump will have sustained a large amount of support.\n"
        "The minister met the delegation and then spoke at length with Mr. Smith on Monday.\n"
        "The chairman of the board said \"no\" to the offer from the rival bidder.")


def test_a_capitalised_line_after_an_unpunctuated_one_stays_a_paragraph() -> None:
    text = ("Photos of the new van were released on Sunday night ahead of the show\n"
            "I think this will be the cheapest model of the year.\nHome, News, Sport\nContact")
    assert newsclean.repair_line_breaks(text) == text


def test_list_items_cut_by_stray_breaks_are_rejoined_and_items_stay_apart() -> None:
    text = ("Key facts:\n1. First item about the\nCouncil meeting.\n2. The mayor met with\nJohn Smith on Monday.\n"
            "3. A point, which goes on,\nSecond part of it.")
    assert newsclean.repair_line_breaks(text) == (
        "Key facts:\n1. First item about the Council meeting.\n2. The mayor met with John Smith on Monday.\n"
        "3. A point, which goes on, Second part of it.")
    # Lower-case enumerators are items of their own, not continuations (they were joined).
    lettered = "a) the first option which is\nlong\nb) the second option\nc) the third"
    assert newsclean.repair_line_breaks(lettered) == "a) the first option which is long\nb) the second option\nc) the third"
    # A bare link under an item is the item's link line, whatever its case.
    linked = "16) Victorinox Swisschamp, red\nhttp://amzn.to/2A5qzvo\n17) Polaroid 600\nhttp://amzn.to/2hXWsBA"
    assert newsclean.repair_line_breaks(linked) == linked

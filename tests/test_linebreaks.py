"""Line-break repair: rejoin what scrapers cut, keep what is meant to be separate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


CASES = json.loads((Path(__file__).parent / "cases" / "linebreaks.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_labelled_case(case: dict[str, str]) -> None:
    repaired, _edits = repair_line_breaks_explained(case["text"], lang=case.get("lang", "en"))
    assert repaired == case.get("expected", case["text"])


def test_learned_open_endings_are_function_words_of_known_languages() -> None:
    from importlib import resources

    from newsclean.segment import LANGUAGES

    data = json.loads(resources.files("newsclean.data").joinpath("open_endings.json").read_text("utf-8"))
    assert data["languages"], "no language learned"
    for lang, entry in data["languages"].items():
        assert lang in LANGUAGES
        assert entry["sources"] and all(source["commit"] for source in entry["sources"])
        words = entry["words"]
        assert words == sorted(set(words)) and all(w == w.lower() and any(c.isalpha() for c in w) for w in words)
    # What the rule leans on: English prepositions, never a content word such as "said".
    english = set(data["languages"]["en"]["words"])
    assert {"for", "in", "on", "with"} <= english and "said" not in english


@pytest.mark.parametrize("lang", ["xx", None, ["en"], 5])
def test_unknown_language_is_refused_whatever_the_text(lang: object) -> None:
    # It used to pass on most texts and fail (or raise TypeError) only on some.
    with pytest.raises(newsclean.ConfigError):
        repair_line_breaks_explained("a line of\nText.", lang=lang)  # type: ignore[arg-type]


def test_learn_open_endings_counts_function_words_that_end_no_sentence(tmp_path: Path) -> None:
    # tools/learn_open_endings.py on a tiny treebank: "of" (ADP) never ends a sentence and is kept;
    # "in" ends one of two and is not; "said" (a verb) is never a candidate; "du" is read as
    # written, not as the treebank's "de" + "le".
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from learn_open_endings import learn

    def sentence(*words: tuple[str, str]) -> str:
        rows = []
        for i, (form, tag) in enumerate(words, start=1):
            rows.append(f"{i}\t{form}\t_\t{tag}\t_\t_\t0\t_\t_\t_")
        return "\n".join(rows) + "\n\n"

    text = "".join([
        sentence(("Rates", "NOUN"), ("of", "ADP"), ("interest", "NOUN"), ("rose", "VERB"), (".", "PUNCT")),
        sentence(("He", "PRON"), ("said", "VERB"), ("in", "ADP"), ("May", "PROPN"), (".", "PUNCT")),
        sentence(("Come", "VERB"), ("in", "ADP"), (".", "PUNCT")),
        "1-2\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n1\tde\t_\tADP\t_\t_\t0\t_\t_\t_\n2\tle\t_\tDET\t_\t_\t0\t_\t_\t_\n"
        "3\tpain\t_\tNOUN\t_\t_\t0\t_\t_\t_\n\n",
    ])
    path = tmp_path / "xx_test-ud-dev.conllu"
    path.write_text(text, "utf-8")
    learned = learn([path], min_count=1, max_final=0.025)
    assert learned["sentences"] == 4
    assert learned["words"] == ["du", "of"]


def test_month_names_are_one_table_for_dates_and_line_breaks() -> None:
    # Dutch months came with line-break repair's list; the date reader reads them from the same table.
    from newsclean.boilerplate.metadata import find_date

    assert find_date("Gepubliceerd op 3 maart 2019") == ("2019-03-03", "3 maart 2019")
    assert newsclean.repair_line_breaks("De fusie werd aangekondigd in maart\n2019 na lange onderhandelingen.",
                                        lang="nl") == "De fusie werd aangekondigd in maart 2019 na lange onderhandelingen."


def test_repairing_the_repaired_text_again_changes_nothing() -> None:
    """Regression (a hypothesis soak of clean's idempotence): "A\\n0 A\\na 0 0 0 0 0" had its
    second break joined, and repairing that joined the first too (the join lengthened the
    line its neighbour's break is read by). The repair passes until nothing joins."""
    once = newsclean.repair_line_breaks("A\n0 A\na 0 0 0 0 0")
    assert newsclean.repair_line_breaks(once) == once
    assert newsclean.clean("A\r0 A\ra 0 0 0 0 0").text == newsclean.clean(newsclean.clean("A\r0 A\ra 0 0 0 0 0").text).text


def test_a_block_whose_lines_join_one_read_at_a_time_is_read_until_nothing_joins() -> None:
    """Regression (a hypothesis soak of clean's idempotence): in "A" / "A" / "A" / "A" /
    "a A A A A A .", each fresh read of the block let one more "A" join the line after it,
    and the fourth read was the last, so a second repair joined what the first had left
    ("n." then went on as Italian's abbreviation of "numero")."""
    text = "AAAAA A A A n.\nA\nA\nA\nA\na A A A A A .\nA"
    once = newsclean.repair_line_breaks(text, lang="it")
    assert once == "AAAAA A A A n. A A A A a A A A A A .\nA"
    assert newsclean.repair_line_breaks(once, lang="it") == once


def test_learn_open_endings_keeps_the_other_languages_of_an_existing_file(tmp_path: Path) -> None:
    # The shipped file is built by several runs (session 71 added ten languages to it): a run
    # for one language must not drop the languages an earlier run wrote.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from learn_open_endings import main

    treebank = tmp_path / "UD_Test-XX"
    treebank.mkdir()
    (treebank / ".commit").write_text("0" * 40)
    rows = [f"{i}\t{form}\t_\t{tag}\t_\t_\t0\t_\t_\t_" for i, (form, tag) in enumerate(
        [("Rates", "NOUN"), ("of", "ADP"), ("interest", "NOUN"), ("rose", "VERB"), (".", "PUNCT")], start=1)]
    (treebank / "xx_test-ud-dev.conllu").write_text("\n".join(rows) + "\n\n", "utf-8")
    output = tmp_path / "open_endings.json"
    output.write_text(json.dumps({"about": "", "languages": {"yy": {"sentences": 1, "words": ["zu"]}}}), "utf-8")
    main([f"xx={treebank}", "--splits", "dev", "--min-count", "1", "-o", str(output)])
    languages = json.loads(output.read_text("utf-8"))["languages"]
    assert languages["yy"]["words"] == ["zu"]
    assert languages["xx"]["words"] == ["of"]

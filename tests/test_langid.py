"""Language identification and lang="auto" through the stages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from tests.strategies import language_id_lines, whitespace_runs

import newsclean
from newsclean import DetectLanguage, Document, detect_language
from newsclean._compiled_copy import load_compiled_module
from newsclean.errors import ConfigError, InputError

# Our own sentences (not from any evaluation set), one per language family and script.
SAMPLES = {
    "en": "The city council approved the new budget on Monday after a long debate about school funding.",
    "de": "Der Stadtrat hat am Montag nach langer Debatte über die Finanzierung der Schulen den Haushalt gebilligt.",
    "fr": "Le conseil municipal a approuvé lundi le nouveau budget après un long débat sur le financement des écoles.",
    "es": "El ayuntamiento aprobó el lunes el nuevo presupuesto tras un largo debate sobre la financiación escolar.",
    "ru": "Городской совет в понедельник утвердил новый бюджет после долгих споров о финансировании школ.",
    "tr": "Belediye meclisi pazartesi günü okulların finansmanı konusundaki uzun bir tartışmanın ardından bütçeyi onayladı.",
    "ar": "وافق مجلس المدينة يوم الاثنين على الميزانية الجديدة بعد نقاش طويل حول تمويل المدارس.",
    "zh": "市议会周一在就学校经费问题进行长时间辩论后批准了新的预算方案。",
    "hi": "नगर परिषद ने सोमवार को स्कूलों के वित्तपोषण पर लंबी बहस के बाद नए बजट को मंजूरी दी।",
}


@pytest.mark.parametrize(("lang", "text"), sorted(SAMPLES.items()))
def test_detects_the_language_of_a_news_sentence(lang: str, text: str) -> None:
    guess = detect_language(text)
    assert guess.lang == lang and guess.sure


def test_text_without_enough_letters_is_undetermined() -> None:
    assert detect_language("2024-05-01 12:00 | 3 : 1 !!!").lang == "und"
    assert not detect_language("").sure
    with pytest.raises(InputError):
        detect_language(b"bytes")  # type: ignore[arg-type]


def test_clean_records_the_articles_language_not_the_menus() -> None:
    page = ("Home\nNews\nSport\nSign in\nSubscribe to our newsletter\n\n"
            "Streit um Heizungsgesetz beendet\n\n"
            "Der Bundestag hat am Freitag nach monatelangem Streit das umstrittene Heizungsgesetz beschlossen. "
            "Die Abgeordneten stimmten mit der Mehrheit der Regierungsfraktionen für die Vorlage.\n\n"
            "Privacy policy\nTerms of use")
    doc = newsclean.clean(page, kind="text")
    assert doc.meta["lang"] == "de" and doc.meta["lang_source"] == "detected"
    assert 0.5 <= doc.meta["lang_confidence"] <= 1.0
    # German rules: "3. Oktober" is a date, not a sentence end
    dated = newsclean.clean("Die Sitzung ist für den 3. Oktober geplant. Danach wird abgestimmt, hieß es am Freitag "
                            "aus dem Bundestag in Berlin.")
    assert dated.sentences[0].text == "Die Sitzung ist für den 3. Oktober geplant."


def test_an_explicit_language_wins() -> None:
    doc = newsclean.clean(SAMPLES["de"], lang="en")
    assert doc.meta["lang"] == "en" and doc.meta["lang_source"] == "given"
    stage = DetectLanguage()
    kept = stage(Document(id="x", text=SAMPLES["de"], meta={"lang": "fr"}))
    assert kept.meta["lang"] == "fr" and kept.meta["lang_source"] == "given"
    with pytest.raises(ConfigError):
        newsclean.RepairLineBreaks(lang="xx")


# Tags as sources write them, and the code whose rules they name (langid.language_code).
LANGUAGE_TAGS = [
    ("de-DE", "de"), ("pt_BR", "pt"), ("pt_BR.UTF-8", "pt"), ("de_DE@euro", "de"), ("EN", "en"), (" fr ", "fr"),
    ("zh-Hant-TW", "zh"), ("cmn", "zh"), ("deu", "de"), ("ger", "de"), ("eng_Latn", "en"), ("arz", "ar"),
    ("in_ID", "id"), ("AUTO", "auto"), ("xx-YY", "xx"), ("und", "und"),
]


@pytest.mark.parametrize(("tag", "code"), LANGUAGE_TAGS)
def test_language_tags_name_the_code_of_their_rules(tag: str, code: str) -> None:
    assert newsclean.langid.language_code(tag) == code


# Regression: a document labelled "pt-BR", "de_DE" or "DEU" (a dataset's field, a page's
# lang attribute) matched no language with rules and was segmented with the English ones,
# silently: "A Av. Paulista" cut after "Av.", "am 3. Oktober" after "3.".
TAGGED = [
    ("pt-BR", "O Sr. Silva chegou ontem. A Av. Paulista estava fechada por causa do protesto. Dr. Souza confirmou.",
     ["O Sr. Silva chegou ontem.", "A Av. Paulista estava fechada por causa do protesto.", "Dr. Souza confirmou."]),
    ("de_DE", "Der Bundestag tagt am 3. Oktober in Berlin. Es kamen ca. 300 Abgeordnete.",
     ["Der Bundestag tagt am 3. Oktober in Berlin.", "Es kamen ca. 300 Abgeordnete."]),
    ("DEU", "Der Bundestag tagt am 3. Oktober in Berlin. Es kamen ca. 300 Abgeordnete.",
     ["Der Bundestag tagt am 3. Oktober in Berlin.", "Es kamen ca. 300 Abgeordnete."]),
]


@pytest.mark.parametrize(("tag", "text", "sentences"), TAGGED)
def test_a_region_tagged_language_gets_its_own_rules(tag: str, text: str, sentences: list[str]) -> None:
    labelled = newsclean.SplitSentences()(Document(id="x", text=text, meta={"lang": tag}))
    assert [s.text for s in labelled.sentences] == sentences
    assert [s.text for s in newsclean.split_sentences(text, lang=tag)] == sentences
    assert [s.text for s in newsclean.clean(text, lang=tag).sentences] == sentences
    assert newsclean.clean(text, lang=tag).meta["lang"] == tag  # the document keeps its label as given


def test_a_document_labelled_undetermined_is_detected() -> None:
    # "und" (ISO 639-2: undetermined) names no language; it had been kept as given and the
    # stages fell back to the English rules.
    text = "Der Termin ist am 3. Oktober. Dann wird entschieden, sagte der Sprecher der Regierung am Montag in Berlin."
    labelled = Document(id="x", text=text, meta={"lang": "und"})
    assert DetectLanguage()(labelled).meta["lang"] == "de"
    assert newsclean.SplitSentences()(labelled).sentences[0].text == "Der Termin ist am 3. Oktober."
    from newsclean.dedup.features import story_language
    from newsclean.dedup.shingles import ShingleConfig

    config = ShingleConfig.for_mode("story")
    assert story_language(labelled, text, config) == "de"
    ours = Document(id="x", text=text, meta={"lang": "und", "lang_source": "detected"})
    assert story_language(ours, text, config) == "und"  # our own detection's answer stands


def test_line_breaks_and_story_vectors_read_tags_too() -> None:
    wrapped = "Die Regierung stellte am Montag einen neuen Plan für\nBerlin vor."
    assert newsclean.repair_line_breaks(wrapped, lang="de-DE") == newsclean.repair_line_breaks(wrapped, lang="de")
    assert newsclean.RepairLineBreaks(lang="de_DE")(Document(id="x", text=wrapped)).text == (
        "Die Regierung stellte am Montag einen neuen Plan für Berlin vor.")
    story = ("The city council approved a new budget on Monday after a long debate. Mayor Jane Porter said "
             "the plan would fund forty new teachers and repair the Elm Street bridge. ") * 3
    index = newsclean.DuplicateIndex(mode="story")
    british = index.explain(Document(id="a", text=story, meta={"lang": "en_GB"}),
                            Document(id="b", text=story + " More.", meta={"lang": "eng"}))
    assert british.meaning is not None and british.meaning_note == ""  # English vectors, not "terms alone"
    with pytest.raises(ConfigError, match="'xx-YY'"):
        newsclean.split_sentences("One. Two.", lang="xx-YY")
    with pytest.raises(ConfigError):
        newsclean.SplitSentences(lang="  ")


def test_stages_used_alone_detect_when_no_language_is_known() -> None:
    text = "Der Termin ist am 3. Oktober. Dann wird entschieden, sagte der Sprecher der Regierung am Montag in Berlin."
    alone = newsclean.SplitSentences()(Document(id="x", text=text))
    assert alone.sentences[0].text == "Der Termin ist am 3. Oktober."


# newsclean's compiled predictor against fasttext-predict on the same model file: the same
# label and probability, bit for bit (langid.py's docstring; _langid_c.pyx).
Predict = Callable[[str], tuple[str, float]]


@pytest.fixture(scope="module")
def predictors() -> tuple[Predict, Predict]:
    from newsclean import langid

    path = langid._model_path()
    compiled = langid._compiled_predictor(path)
    if compiled is None:
        pytest.skip("the compiled predictor is not built (a pure-Python install)")
    return compiled, langid._fasttext_predictor(path)


@settings(max_examples=400, deadline=None)
@given(language_id_lines)
@example("hello </s> world bonjour")  # fastText stops reading at its end-of-line token
@example("__label__en __label__fr der Stadtrat hat")  # labels are not words
@example("word\x00word\tx\x0cy\rz")  # the bytes it splits on
@example("")
def test_compiled_language_id_equals_fasttext_predict(predictors: tuple[Predict, Predict], line: str) -> None:
    ours, theirs = predictors
    assert ours(line) == theirs(line)


@pytest.mark.parametrize("text", sorted(SAMPLES.values()))
def test_compiled_language_id_equals_fasttext_predict_on_news_sentences(predictors: tuple[Predict, Predict],
                                                                        text: str) -> None:
    ours, theirs = predictors
    for cut in (20, 60, len(text)):
        assert ours(text[:cut]) == theirs(text[:cut])


def test_a_model_file_of_another_kind_is_refused_not_misread() -> None:
    from newsclean import langid
    from newsclean._fasttext import UnsupportedModel, read_model

    compiled = load_compiled_module("newsclean._langid_c")
    if compiled is None:
        pytest.skip("the compiled predictor is not built (a pure-Python install)")
    raw = langid._model_path().read_bytes()
    for damaged in (raw[:-1], raw[: len(raw) // 2], b"\0" * 64, raw + b"\0"):
        with pytest.raises(UnsupportedModel):
            read_model(damaged, compiled)
    with pytest.raises(ValueError, match="one line"):
        read_model(raw, compiled).predict("two\nlines")


@given(whitespace_runs)
def test_the_fast_spacing_of_a_sample_equals_the_regex_one(text: str) -> None:
    # The stdlib split is taken only where it agrees with regex's \s (langid._single_spaced).
    from newsclean import langid

    assert langid._single_spaced(text) == langid._SPACES.sub(" ", text).strip()

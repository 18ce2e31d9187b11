"""Story similarity by meaning: the static embedding, its combination with the terms, storage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from tests.strategies import tokenizer_words

import newsclean
from newsclean import Document, DuplicateIndex
from newsclean.dedup import ShingleConfig, meaning
from newsclean.dedup.features import TERMS_ONLY_SCALE, featurize, weighted_jaccard
from newsclean.errors import ConfigError, SettingsMismatchError

# One event told twice by two outlets in other words (few shared terms), a different event
# of the same kind (the same-topic trap), and an unrelated story.
RATES_A = ("The Federal Reserve raised its benchmark interest rate by three quarters of a percentage point on "
           "Wednesday, the largest increase since 1994, as chair Jerome Powell moved to bring down inflation that "
           "has climbed to its highest level in forty years. Officials signalled further increases ahead, and "
           "stocks fell.")
RATES_B = ("Jerome Powell's Fed lifted borrowing costs 75 basis points in midweek, its steepest hike in almost three "
           "decades, in an effort to cool consumer prices rising at a pace unseen since the early eighties. More "
           "tightening is likely, the central bank indicated, sending shares lower on Wall Street.")
OTHER_BANK = ("The European Central Bank raised its key interest rate by half a percentage point on Thursday, its "
              "first increase in eleven years, as president Christine Lagarde moved to curb inflation in the euro "
              "area that has reached a record. Officials said further increases were likely, and bond yields rose.")
FOOTBALL = ("The striker scored twice in the second half as the home side came from behind to win the cup "
            "final on Saturday, sending thousands of supporters into the streets to celebrate a first "
            "trophy in more than a decade. The coach praised the resilience of his young squad.")


def test_a_rewrite_in_other_words_scores_above_an_unrelated_story_and_above_its_terms_alone() -> None:
    config = ShingleConfig.for_mode("story")
    a, b, c = (featurize(t, config, None) for t in (RATES_A, RATES_B, FOOTBALL))
    rewrite, unrelated = newsclean.similarity(RATES_A, RATES_B), newsclean.similarity(RATES_A, FOOTBALL)
    same_kind = newsclean.similarity(RATES_A, OTHER_BANK)
    assert rewrite > same_kind > unrelated
    assert rewrite >= newsclean.DEFAULT_CLUSTER_THRESHOLDS["story"] > same_kind
    terms_alone = TERMS_ONLY_SCALE * weighted_jaccard(a.term_hashes, a.term_weights, b.term_hashes,
                                                      b.term_weights) ** 0.5
    assert rewrite > terms_alone  # the meaning signal is what finds it
    assert c.vector.size == a.vector.size == 256 and a.vector.dtype == np.int8


def test_explain_shows_both_parts_and_why_a_language_falls_back_to_terms() -> None:
    index = DuplicateIndex()
    explanation = index.explain(RATES_A, RATES_B)
    assert explanation.meaning is not None and explanation.meaning > 0.5 and explanation.meaning_note == ""
    assert 0.0 < explanation.terms < 0.2
    # Polish: centring its vectors did not raise its graded similarity (meaning.py)
    polish = Document(id="pl", text=RATES_A, meta={"lang": "pl"})
    fallback = index.explain(polish, RATES_B)
    assert fallback.meaning is None and "'pl' not covered" in fallback.meaning_note
    # terms alone, on the combined scale (explain rounds the terms' part to 6 decimals,
    # which the square root magnifies)
    assert fallback.exact == pytest.approx(min(1.0, TERMS_ONLY_SCALE * fallback.terms ** 0.5), abs=1e-5)


CLIMATE_A = ("Die Bundesregierung hat am Mittwoch in Berlin ein neues Klimaschutzgesetz beschlossen. Der Ausstoß von "
             "Treibhausgasen soll bis zum Jahr 2030 um zwei Drittel sinken, sagte die Umweltministerin nach der "
             "Kabinettssitzung. Für Verkehr und Gebäude gelten künftig strengere Vorgaben. Umweltverbände halten die "
             "Ziele dennoch für zu schwach, die Industrie warnt vor steigenden Kosten für Unternehmen und Verbraucher.")
CLIMATE_B = ("Das Kabinett hat die Reform des Klimaschutzgesetzes gebilligt. Bis 2030 sollen die Emissionen des Landes "
             "deutlich zurückgehen, erklärte die Ministerin für Umwelt nach dem Treffen der Regierung. Autos und "
             "Heizungen müssen strengere Regeln erfüllen. Naturschützer nennen das Vorhaben unzureichend, "
             "Wirtschaftsverbände fürchten höhere Preise für Firmen und Haushalte.")
FOOTBALL_DE = ("Der FC Bayern München hat am Samstagabend das Spitzenspiel gegen Borussia Dortmund mit 3:1 gewonnen. "
               "Vor ausverkauftem Haus erzielten Thomas Müller und Harry Kane die Tore für die Gastgeber, Dortmund "
               "verkürzte kurz vor der Pause. Der Trainer lobte nach dem Schlusspfiff die Leidenschaft seiner "
               "Mannschaft, die damit die Tabellenführung in der Bundesliga ausbaut.")


def test_german_text_gets_a_vector_centred_on_german_news_where_it_had_none() -> None:
    # Uncentred, German vectors crowd in one cone: the football report read as close to the
    # climate law as its rewrite does, so German text had no vector (terms alone).
    model = meaning.load_meaning()
    raw = [model.embed(text) for text in (CLIMATE_A, CLIMATE_B, FOOTBALL_DE)]
    assert meaning.cosine(raw[0], raw[2]) > 0.5
    a, b, other = (model.embed(text, lang="de") for text in (CLIMATE_A, CLIMATE_B, FOOTBALL_DE))
    assert meaning.cosine(a, other) < 0.3 and meaning.cosine(a, b) > meaning.cosine(a, other) + 0.1
    docs = [Document(id=str(i), text=t, meta={"lang": "de-DE"}) for i, t in enumerate((CLIMATE_A, CLIMATE_B))]
    config = ShingleConfig.for_mode("story")
    assert featurize(docs[0], config, None).vector.size == 256
    explanation = DuplicateIndex().explain(*docs)
    assert explanation.meaning is not None and explanation.meaning_note == ""
    # The English-only model, which indexes saved before name, keeps German on its terms.
    english = ShingleConfig.for_mode("story", meaning=meaning.ENGLISH_MEANING)
    kept = featurize(docs[0], english, None)
    assert kept.vector.size == 0 and "'de-DE' not covered" in kept.meaning_note
    assert featurize(RATES_A, english, None).vector.tobytes() == featurize(RATES_A, config, None).vector.tobytes()


def test_an_index_saved_with_the_english_only_model_replays_as_made(tmp_path: Path) -> None:
    config = ShingleConfig.for_mode("story", meaning=meaning.ENGLISH_MEANING)
    index = DuplicateIndex(config=config)
    for i, text in enumerate((CLIMATE_A, CLIMATE_B, RATES_A, RATES_B)):
        index.add(str(i), Document(id=str(i), text=text, meta={"lang": "de" if i < 2 else "en"}))
    path = tmp_path / "index.json"
    index.save(path)
    loaded = DuplicateIndex.load(path)
    assert loaded.config.meaning == meaning.ENGLISH_MEANING
    assert [loaded.cluster_of(str(i)) for i in range(4)] == [index.cluster_of(str(i)) for i in range(4)]
    # and a default index is not one it can be merged with: its German vectors differ
    with pytest.raises(SettingsMismatchError):
        DuplicateIndex().merge(loaded)


def test_the_shipped_centres_fit_the_installed_model_file_only() -> None:
    model = meaning.load_meaning()
    shipped = meaning.shipped_centres(meaning.DEFAULT_MEANING, model.digest)
    if shipped is None:
        pytest.skip("another model file than the shipped centres were computed from")
    assert set(shipped) == meaning.CENTRED_LANGUAGES[meaning.DEFAULT_MEANING] == set(model.centres)
    assert all(c.shape == (model.dim,) and 0.0 < float(np.linalg.norm(c)) < 1.0 for c in shipped.values())
    assert model.identity()["centres_sha256"] == meaning.centres_digest(shipped)
    assert "centred" not in meaning.load_meaning(meaning.ENGLISH_MEANING).identity()


def test_a_centred_vector_is_the_same_in_another_process() -> None:
    code = ("import sys\n"
            "from newsclean.dedup.meaning import load_meaning\n"
            "sys.stdout.write(load_meaning().embed(sys.stdin.read(), lang='de').tobytes().hex())\n")
    out = subprocess.run([sys.executable, "-c", code], input=CLIMATE_A, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout == meaning.load_meaning().embed(CLIMATE_A, lang="de").tobytes().hex()


def test_meaning_off_gives_terms_alone() -> None:
    config = ShingleConfig.for_mode("story", meaning="")
    features = featurize(RATES_A, config, None)
    assert features.vector.size == 0 and "off" in features.meaning_note
    with pytest.raises(ConfigError):
        ShingleConfig.for_mode("story", meaning="no-such-model")
    with pytest.raises(ConfigError):
        ShingleConfig.for_mode("story", term_share=1.5)


def test_an_index_saved_with_another_model_version_is_refused(tmp_path: Path) -> None:
    index = DuplicateIndex()
    index.add("a", RATES_A)
    path = tmp_path / "index.json"
    index.save(path)
    assert DuplicateIndex.load(path).ids() == ["a"]
    payload = json.loads(path.read_text())
    assert payload["settings"]["meaning"]["name"] == meaning.DEFAULT_MEANING
    payload["settings"]["meaning"]["version"] = "0.0.1"
    body = {k: v for k, v in payload.items() if k not in ("format", "version", "sha256")}
    import hashlib
    payload["sha256"] = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    path.write_text(json.dumps(payload))
    with pytest.raises(SettingsMismatchError):
        DuplicateIndex.load(path)


def test_a_saved_vector_of_the_wrong_size_is_refused(tmp_path: Path) -> None:
    index = DuplicateIndex()
    index.add("a", RATES_A)
    path = tmp_path / "index.json"
    index.save(path)
    payload = json.loads(path.read_text())
    import base64
    import hashlib
    payload["entries"][0][1]["vector"] = base64.b64encode(bytes(10)).decode()
    body = {k: v for k, v in payload.items() if k not in ("format", "version", "sha256")}
    payload["sha256"] = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    path.write_text(json.dumps(payload))
    with pytest.raises(newsclean.IndexFormatError):
        DuplicateIndex.load(path)


def test_the_rewrite_is_close_enough_to_its_story_cluster_and_the_other_event_is_not() -> None:
    # Whether the rewrite reaches the check is up to the term LSH (its terms' weighted
    # Jaccard is 0.07: a candidate with probability ~0.75, and here it is not one); the
    # score decides the rest.
    index = DuplicateIndex()
    first = index.add("a", RATES_A)
    threshold = newsclean.DEFAULT_CLUSTER_THRESHOLDS["story"]
    assert index.explain_cluster(RATES_B, first).similarity >= threshold
    assert index.explain_cluster(OTHER_BANK, first).similarity < threshold
    assert index.add("c", OTHER_BANK) == "c"
    assert index.add("d", FOOTBALL) == "d"


def test_the_model_loads_by_path_without_importing_wordllama_or_the_network() -> None:
    code = ("import sys, socket\n"
            "def refuse(*a, **k): raise RuntimeError('network used')\n"
            "socket.socket.connect = refuse\n"
            "from newsclean.dedup.meaning import load_meaning\n"
            "m = load_meaning()\n"
            "assert 'wordllama' not in sys.modules, 'wordllama imported'\n"
            "print(m.dim, m.identity()['name'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["256", meaning.DEFAULT_MEANING]


def test_eight_bit_vectors_keep_the_cosine() -> None:
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=256), rng.normal(size=256)
    b = a + 0.8 * b
    exact = float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))
    assert abs(meaning.cosine(meaning.quantize(a), meaning.quantize(b)) - exact) < 0.005
    assert meaning.quantize(np.zeros(256)).size == 0


GERMAN = ("Die Zentralbank hat am Mittwoch ihren Leitzins um einen halben Prozentpunkt angehoben, so stark wie "
          "seit zwanzig Jahren nicht mehr, weil die Teuerung auf den höchsten Stand seit vier Jahrzehnten "
          "gestiegen ist. Weitere Erhöhungen seien wahrscheinlich, teilten die Währungshüter mit.")


POLISH = ("Bank centralny podniósł w środę stopy procentowe o pół punktu procentowego, najmocniej od dwudziestu "
          "lat, ponieważ inflacja wzrosła do najwyższego poziomu od czterech dekad. Kolejne podwyżki są "
          "prawdopodobne, poinformowali przedstawiciele banku po posiedzeniu rady.")


def test_text_in_a_language_without_a_centre_gets_no_vector_unless_its_language_is_stated() -> None:
    # Vectors of other languages crowd together (unrelated Russian sentences: median cosine
    # 0.72) unless centred; Polish has no centre (centring did not help it), so a Polish
    # text falls back to its terms.
    config = ShingleConfig.for_mode("story")
    guessed = featurize(POLISH, config, None)
    assert guessed.vector.size == 0 and "'pl' not covered" in guessed.meaning_note
    stated = featurize(Document(id="x", text=POLISH, meta={"lang": "en"}), config, None)
    assert stated.vector.size == 256  # an explicit language wins
    assert featurize(RATES_A, config, None).vector.size == 256
    # German is read as German and centred as such, whether detected or stated
    detected, labelled = featurize(GERMAN, config, None), featurize(Document(id="y", text=GERMAN, meta={"lang": "de"}),
                                                                     config, None)
    assert detected.vector.size == 256 and detected.vector.tobytes() == labelled.vector.tobytes()


def test_the_shipped_token_weights_are_the_ones_load_meaning_would_compute() -> None:
    # The shipped table replaces a computation at load time; it must be that computation's
    # result for the installed model file, or be ignored.
    import importlib.metadata
    from importlib import resources

    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    record = json.loads(resources.files("newsclean.data").joinpath("token_weights.json").read_text("utf-8"))
    entry = record["models"][meaning.DEFAULT_MEANING]
    if entry["wordfreq_version"] != importlib.metadata.version("wordfreq"):
        pytest.skip("another wordfreq than the shipped weights were computed with")
    model = meaning.load_meaning()
    if model.digest != entry["model_sha256"]:
        pytest.skip("another model file than the shipped weights were computed from")
    package, weights_file, tokenizer_file, _ = meaning.MEANINGS[meaning.DEFAULT_MEANING]
    root = meaning._package_dir(package)
    (table,) = load_file(str(root / weights_file)).values()
    computed = meaning.token_weights(table.shape[0], Tokenizer.from_file(str(root / tokenizer_file)))
    assert np.array_equal(model.weights, computed)


def test_token_weights_of_another_model_file_are_computed_not_taken_from_the_package() -> None:
    assert meaning.shipped_token_weights("0" * 64, 32000) is None
    assert meaning.shipped_centres(meaning.DEFAULT_MEANING, "0" * 64) is None
    assert meaning.shipped_centres("no-such-model", meaning.load_meaning().digest) is None


def test_loading_the_model_reads_its_weights_instead_of_loading_wordfreq() -> None:
    # wordfreq's large list and 50,000 tokenizations were ~0.9 s of each fresh process.
    code = ("import sys\n"
            "from newsclean.dedup.meaning import load_meaning\n"
            "load_meaning()\n"
            "print('wordfreq' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False"]


def test_a_texts_opening_weighs_more_than_its_tail() -> None:
    # News tells its story first: the same two paragraphs read closer to each one when it
    # opens the text than when it ends it (a plain or rarity-weighted sum of the token
    # vectors gives both orders one vector).
    model = meaning.load_meaning()
    for first, second in ((RATES_A, FOOTBALL), (FOOTBALL, RATES_A)):
        opening, tail = model.embed(f"{first} {second}"), model.embed(f"{second} {first}")
        alone = model.embed(first)
        assert meaning.cosine(opening, alone) > meaning.cosine(tail, alone) + 0.05
    assert "L=100" in model.identity()["weighting"]  # a saved index records the weighting


def test_the_model_is_loaded_once_however_it_is_named() -> None:
    # load_meaning() and load_meaning(DEFAULT_MEANING) were two cache entries: two copies
    # of the model in one process, and what story mode used was not what a caller held.
    assert meaning.load_meaning() is meaning.load_meaning(meaning.DEFAULT_MEANING)
    assert meaning.load_meaning() is meaning.load_meaning(ShingleConfig.for_mode("story").meaning)


@settings(max_examples=60, deadline=None)
@given(tokenizer_words)
def test_words_remembered_in_one_call_get_the_ids_of_one_call_each(words: list[str]) -> None:
    model = meaning.load_meaning()
    expected = [tuple(model.tokenizer.encode(w, add_special_tokens=False).ids) for w in words]
    saved = dict(model._memo)
    try:
        model._memo.clear()
        model.remember(words)
        assert [model._memo[w] for w in words] == expected
    finally:
        model._memo.clear()
        model._memo.update(saved)


def _compiled_encoder() -> object:
    encoder = meaning.load_meaning().encoder
    if encoder is None:
        pytest.skip("newsclean's compiled byte-pair encoder is not built (a pure-Python install)")
    return encoder


def _tokenizer_ids(word: str) -> tuple[int, ...]:
    return tuple(meaning.load_meaning().tokenizer.encode(word, add_special_tokens=False).ids)


# Words whose merges tie, fall back to bytes (characters outside the vocabulary, astral
# planes), or that the encoder leaves to the tokenizer (special tokens, the word-start
# mark, lone surrogates' replacement, more than 64 characters).
ENCODER_WORDS = ["aaaa", "aaaaaaa", "lll", "1999", "3.5%", "don’t", "naïve", "Zürich", "北京市", "東京都庁", "🤷🏽‍♀️",
                 "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ꭰ", "ქართული", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "\u0301a", "e\u0301", "ﬁnance", "x" * 64, "x" * 65,
                 "<s>", "a<b", "▁word", "x▁", "\ufffd", "Ä" * 70, "antidisestablishmentarianism"]


@settings(max_examples=200, deadline=None)
@given(tokenizer_words)
def test_compiled_byte_pair_encoder_gives_the_tokenizers_ids(words: list[str]) -> None:
    encoder = _compiled_encoder()
    for word, ids in zip(words, encoder.encode_words(words)):  # type: ignore[attr-defined]
        if ids is None:
            assert "<" in word or "▁" in word or len(word) > 64
        else:
            assert ids == _tokenizer_ids(word), word


def test_compiled_byte_pair_encoder_gives_the_tokenizers_ids_on_hard_words() -> None:
    encoder = _compiled_encoder()
    answers = encoder.encode_words(ENCODER_WORDS)  # type: ignore[attr-defined]
    left = {word for word, ids in zip(ENCODER_WORDS, answers) if ids is None}
    assert left == {"x" * 65, "<s>", "a<b", "▁word", "x▁", "Ä" * 70}
    for word, ids in zip(ENCODER_WORDS, answers):
        if ids is not None:
            assert ids == _tokenizer_ids(word), word


def test_compiled_byte_pair_encoder_gives_the_tokenizers_ids_on_every_ecb_word(shared_data: Path) -> None:
    with (shared_data / "ecbplus-dev" / "docs.jsonl").open(encoding="utf-8") as handle:
        words = sorted({w for line in handle for w in json.loads(line)["text"].split()})
    encoder = _compiled_encoder()
    tokenizer = meaning.load_meaning().tokenizer
    expected = [tuple(e.ids) for e in tokenizer.encode_batch(words, add_special_tokens=False)]
    answers = encoder.encode_words(words)  # type: ignore[attr-defined]
    assert sum(ids is None for ids in answers) < len(words) // 100
    assert [ids for ids in answers if ids is not None] == [e for e, ids in zip(expected, answers) if ids is not None]


def test_the_byte_pair_encoder_is_built_only_for_the_settings_it_implements() -> None:
    _compiled_encoder()
    package, _weights, tokenizer_file, _languages = meaning.MEANINGS[meaning.DEFAULT_MEANING]
    config = json.loads((meaning._package_dir(package) / tokenizer_file).read_bytes())
    assert meaning.byte_pair_encoder(config) is not None
    changes = [("pre_tokenizer", {"type": "Whitespace"}), ("normalizer", None)]
    for key, value in changes:
        assert meaning.byte_pair_encoder({**config, key: value}) is None, key
    for key, value in (("dropout", 0.1), ("byte_fallback", False), ("continuing_subword_prefix", "##"),
                       ("type", "Unigram")):
        assert meaning.byte_pair_encoder({**config, "model": {**config["model"], key: value}}) is None, key
    # a merge naming a token the vocabulary lacks
    broken = {**config["model"], "merges": [*config["model"]["merges"], "qqqzz zzqqq"]}
    assert meaning.byte_pair_encoder({**config, "model": broken}) is None

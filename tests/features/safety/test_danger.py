"""Which words bring crisis help: the reviewed phrases of every language, matched whatever
the client's language; one typo forgiven in distinctive words only, no negation read, and
"not safe" only about the client's own safety."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.danger import CORPORA, measure, read_corpus
from features.safety.crisis import DEFAULT_FILE, load
from features.safety.danger import _one_edit, compile_phrases, suggests_danger, words

CRISIS = load()
# The corpus's everyday and therapy sentences may bring help this often, no more.
FALSE_POSITIVE_BOUND = 0.05


def test_every_danger_sentence_of_the_corpus_brings_help_and_few_others_do():
    corpus = read_corpus()
    assert len(corpus) >= 150
    scores = measure(CRISIS, corpus)
    assert scores.missed == ()
    assert scores.false_positive_rate < FALSE_POSITIVE_BOUND, scores.false_alarms


@pytest.mark.parametrize("language", ["de", "es", "fr", "ru"])
def test_every_danger_sentence_of_each_languages_corpus_brings_help(language: str):
    corpus = read_corpus(CORPORA[language])
    danger = [s for d, s in corpus if d]
    assert len(corpus) >= 40 and len(danger) >= 25 and len(corpus) - len(danger) >= 15
    scores = measure(CRISIS, corpus)
    assert scores.missed == ()
    assert scores.false_positive_rate < FALSE_POSITIVE_BOUND, scores.false_alarms


def test_every_language_with_phrases_has_its_corpus():
    raw = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    assert sorted(raw["phrases"]) == sorted(CORPORA) == ["de", "en", "es", "fr", "ru"]
    assert set(raw["typos"]) <= set(raw["phrases"])


@pytest.mark.parametrize(
    "words",
    [
        "i want to kil myself",
        "thinking of killing myslef",
        "I feel sucidal",
        "thinking of cutting again",
        "I am not suicidal anymore but the thoughts came back",
        "I'm not safe",
        "not safe with myself tonight",
        "I don't feel safe at home",
        "I can't go on",
        "this is killing me",
    ],
)
def test_these_bring_help(words: str):
    assert CRISIS.suggests_danger(words)


@pytest.mark.parametrize(
    "words",
    [
        "It's not safe to be honest with her about the homework",
        "I feel safe with my therapist",
        "we talked about safety planning",
        "this homework is killing me lol",
        "I could die of embarrassment",
        # One letter from "kill myself", "killing myself", "cutting again": everyday words.
        "I fill myself up with work",
        "I'm willing myself to get up",
        "I keep putting it off again",
        "I can't go on holiday this year",
        "I want to take my life back",
    ],
)
def test_these_do_not(words: str):
    assert not CRISIS.suggests_danger(words)


def test_words_match_whole_not_inside_others():
    phrases = compile_phrases(["overdose"])
    assert suggests_danger("an OVERDOSE.", phrases)
    assert not suggests_danger("overdosecalc", phrases)


def test_a_typo_is_forgiven_once_and_only_in_a_distinctive_word():
    phrases = compile_phrases(["kill myself", "want to die"])
    assert suggests_danger("kil myself", phrases)
    assert suggests_danger("kill mysefl", phrases)  # two neighbours swapped
    assert not suggests_danger("kil mysefl", phrases)  # two slips
    assert not suggests_danger("want to dye", phrases)  # "die" is short and common


def test_a_light_tone_sets_aside_only_hyperbole_prone_phrases():
    phrases = compile_phrases(["~killing me", "want to die"])
    assert suggests_danger("this is killing me", phrases)
    assert not suggests_danger("this is killing me hahaha", phrases)
    assert suggests_danger("lol I want to die", phrases)


def test_gaps_alternatives_and_exceptions():
    phrases = compile_phrases(["giving/gave my * away", "take my life !back"])
    assert suggests_danger("I gave my guitar and books away", phrases)
    assert not suggests_danger("I gave my word that I'd stay away", phrases)  # four between
    assert suggests_danger("I want to take my life", phrases)
    assert not suggests_danger("I want to take my life back", phrases)


@pytest.mark.parametrize(
    "words",
    [
        # Whatever the client's language setting: the same matcher reads every message.
        "Ich will nicht mehr leben",
        "quiero morirme",
        "je veux mourir",
        "не хочу жить",
        # Typos in distinctive words and stems of each language.
        "ich will mich umbrigen",
        "hab selbsmordgedanken",
        "quiero suisidarme",
        "je veux mourrir",
        "суецидальные мысли",
    ],
)
def test_these_bring_help_in_other_languages(words: str):
    assert CRISIS.suggests_danger(words)


@pytest.mark.parametrize(
    "words",
    [
        "ich sterbe vor Hunger",
        "ich bin nicht sicher, ob das hilft",  # "not sure", not "not safe"
        "me muero de risa",
        "je veux courir demain",  # one letter from "mourir": an everyday word
        "quiero matarte jaja",  # "kill you": not one slip from "matarme"
        "я режусь в доту",  # "I play Dota", not "I cut myself"
        # One letter from a stem of danger, everyday words: never taken for a typo of it.
        "ich habe neuen Lebensmut",  # "lebensmüd*"
        "die Fans wollten mich umringen",  # "mich * umbring*"
        "хочу передохнуть",  # "передоз*", "I want a breather"
        "у меня низкое самоуважение",  # "самоуб*", "self-respect"
        "он слишком самоуверенный",
    ],
)
def test_these_do_not_in_other_languages(words: str):
    assert not CRISIS.suggests_danger(words)


def test_an_umlaut_phrase_matches_however_the_umlaut_is_typed():
    phrases = compile_phrases(["müde vom leben", "überdosis*"])
    for text in ("müde vom Leben", "MUEDE VOM LEBEN", "mude vom leben", "eine Ueberdosis"):
        assert suggests_danger(text, phrases), text
    assert suggests_danger("eine uberdosis", phrases)


def test_sharp_s_is_ss_and_russian_yo_and_short_i_fold_like_accents():
    assert words("Ich HALTE es nicht aus, Straße") == [
        "ich", "halte", "es", "nicht", "aus", "strasse"
    ]  # fmt: skip
    phrases = compile_phrases(["счёты с жизнью", "покончить с собой"])
    assert suggests_danger("свести СЧЕТЫ с жизнью", phrases)
    assert suggests_danger("покончить с собои", phrases)  # "й" typed as "и"


def test_a_french_elided_word_is_split_off_and_english_contractions_are_not():
    assert words("j'ai envie d'en finir, je n\u2019en peux plus") == [
        "j", "ai", "envie", "d", "en", "finir", "je", "n", "en", "peux", "plus"
    ]  # fmt: skip
    assert words("I'm sure I don't") == ["im", "sure", "i", "dont"]
    phrases = compile_phrases(["me fais du mal", "en peux plus"])
    assert suggests_danger("j'me fais du mal", phrases)
    assert suggests_danger("j'en peux plus", phrases)


def test_a_stem_matches_the_words_that_begin_with_it_and_only_they_do():
    phrases = compile_phrases(["suizid*", "mich * umbring*"])
    assert suggests_danger("Suizidgedanken seit Tagen", phrases)
    assert suggests_danger("ich will mich heute umbringen", phrases)
    assert not suggests_danger("suizi", phrases)
    assert not suggests_danger("ich will ihn umbringen", phrases)  # not about themselves


def test_a_stem_forgives_a_typo_only_when_it_is_distinctive():
    plain = compile_phrases(["selbstmord*"])
    forgiving = compile_phrases(["selbstmord*"], distinctive=["selbstmord*"])
    assert not suggests_danger("selbsmordgedanken", plain)
    assert suggests_danger("selbsmordgedanken", forgiving)
    assert suggests_danger("Selbstmort", forgiving)
    assert not suggests_danger("selbsmortgedanken", forgiving)  # two slips


def test_a_stem_too_short_to_mean_one_thing_is_refused():
    with pytest.raises(ValueError):
        compile_phrases(["mor*"])
    with pytest.raises(ValueError):
        compile_phrases(["todes*"], distinctive=["todes*"])  # five letters forgive no typo


def test_an_everyday_word_one_slip_away_is_never_taken_for_a_typo():
    phrases = compile_phrases(["quiero * morirme"], distinctive=["morirme"])
    assert suggests_danger("quiero morrirme", phrases)
    listed = compile_phrases(["quiero * morirme"], distinctive=["morirme"], not_typos=["morirte"])
    assert not suggests_danger("quiero morirte", listed)


@pytest.mark.parametrize(
    ("light", "words"),
    [
        ("jajaja", "mi jefe me va a matar"),
        ("mdr", "ma mere va me tuer"),
        (
            "ахах",
            "мама меня убьет",
        ),
        (
            ")))",
            "это меня убивает",
        ),
    ],
)
def test_each_languages_laughter_sets_aside_only_hyperbole(light: str, words: str):
    assert CRISIS.suggests_danger(words)
    assert not CRISIS.suggests_danger(f"{words} {light}")
    assert CRISIS.suggests_danger(f"{light} quiero morir")  # a hard phrase still counts


def _one_edit_by_definition(a: str, b: str) -> bool:
    """One insertion, deletion, change or neighbour swap turns a into b: tried one by one."""
    letters = set(a + b)
    made = {a[:i] + a[i + 1 :] for i in range(len(a))}
    made |= {a[:i] + c + a[i:] for i in range(len(a) + 1) for c in letters}
    made |= {a[:i] + c + a[i + 1 :] for i in range(len(a)) for c in letters}
    made |= {a[:i] + a[i + 1] + a[i] + a[i + 2 :] for i in range(len(a) - 1)}
    return a != b and b in made


@settings(max_examples=500, deadline=None)
@given(st.text("abc", max_size=6), st.text("abc", max_size=6))
def test_one_edit_is_exactly_one_slip(a: str, b: str):
    assert _one_edit(a, b) == _one_edit_by_definition(a, b)

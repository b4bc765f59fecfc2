"""Which words bring crisis help: the reviewed phrases, one typo forgiven in distinctive
words only, no negation read, and "not safe" only about the client's own safety."""

from __future__ import annotations

import pytest

from benchmarks.danger import measure, read_corpus
from features.safety.crisis import load
from features.safety.danger import compile_phrases, suggests_danger

CRISIS = load()
# The corpus's everyday and therapy sentences may bring help this often, no more.
FALSE_POSITIVE_BOUND = 0.05


def test_every_danger_sentence_of_the_corpus_brings_help_and_few_others_do():
    corpus = read_corpus()
    assert len(corpus) >= 150
    scores = measure(CRISIS, corpus)
    assert scores.missed == ()
    assert scores.false_positive_rate < FALSE_POSITIVE_BOUND, scores.false_alarms


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

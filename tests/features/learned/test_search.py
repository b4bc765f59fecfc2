"""Finding the client's words: case, accents and apostrophes don't matter, a word matches
the start of a word, every word asked for must be there; the excerpt marks whole words."""

from __future__ import annotations

import pytest

from features.learned.search import Query, excerpt, fold, terms


def test_folding_drops_case_accents_and_apostrophes():
    assert fold("Ça VA, Zoë? Don\u2019t") == "ca va, zoe? dont"
    assert fold("STRASSE Straße") == "strasse strasse"
    assert terms("  Sleep, sleep! café ") == ("sleep", "cafe")


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("sleep", "I was Sleeping badly", True),
        ("sleep", "asleep on the sofa", False),  # the start of a word only
        ("SLEEP", "sleep", True),
        ("cafe", "a long talk at the café", True),
        ("café", "a long talk at the CAFE", True),
        ("zoe", "Zoë called", True),
        ("dont", "I don\u2019t want to", True),
        ("don't", "I dont want to", True),
        ("don\u2019t", "I don't want to", True),
        ("amour", "l'amour", True),  # after an apostrophe, a word starts too
        ("my sister", "My brother and his sister", True),  # every word, anywhere
        ("my sister", "his sister", False),
        ("sister", "", False),
        ("\u00e9t\u00e9", "L'\u00c9T\u00c9 dernier", True),
        ("istanbul", "\u0130stanbul", True),  # a dotted capital I folds to a plain i
    ],
)
def test_a_query_matches_the_start_of_words_whatever_the_case_accents_or_apostrophes(
    query: str, text: str, found: bool
):
    assert Query.of(query).matches(text) is found


def test_the_excerpt_marks_whole_words_where_they_matched():
    found = excerpt("Sleeping well again. The sleep diary helps; asleep by ten.", Query.of("sleep"))
    assert found.marked == ("Sleeping", "sleep")
    assert found.parts == ("", " well again. The ", " diary helps; asleep by ten.")


def test_the_excerpt_keeps_the_original_spelling_of_a_match():
    found = excerpt("Ein Gespräch im CAFÉ, dann Zoë\u2019s Party", Query.of("cafe zoes"))
    assert found.marked == ("CAF\u00c9", "Zo\u00eb\u2019s")


def test_a_long_text_is_cut_around_the_first_match_at_spaces():
    text = "word " * 100 + "The breathing exercise helped" + " more" * 100
    found = excerpt(text, Query.of("breathing"))
    assert found.marked == ("breathing",)
    assert found.parts[0].startswith("\u2026word") and found.parts[0].endswith("The ")
    assert found.parts[-1].startswith(" exercise") and found.parts[-1].endswith("more\u2026")
    assert len("".join(found.parts)) < 260


def test_spaces_and_lines_in_an_excerpt_are_one_space():
    found = excerpt("first line\n\nthen   the sleep part", Query.of("sleep"))
    assert found.parts == ("first line then the ", " part")

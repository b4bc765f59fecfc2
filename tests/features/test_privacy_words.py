"""Words to clients promise no more privacy than /privacy states: the person or practice
running the bot holds the database and its key, so no text may say only the client can
see what they wrote."""

from __future__ import annotations

import re

import pytest

from features.kernel.texts import CATALOGUE, forms

OVERCLAIMS = re.compile(
    r"only you (can |could |will )?(ever )?(see|read|access)"
    r"|no(body| one|-one) (else|but you)"
    r"|no(body| one|-one) (can|could|will) (ever )?(see|read|access)"
    r"|(stays?|kept|just|only) between (us|you and me)"
    r"|for your eyes only|only for your eyes|never (be )?(seen|read) by",
    re.I,
)


@pytest.mark.parametrize(
    "claim",
    [
        "Everything you wrote is kept for you, and only you can see it.",
        "You can look at them any time; only you see them.",
        "No one else can read this.",
        "What you write stays between us.",
        "Nobody but you will ever read it.",
    ],
)
def test_the_words_that_overclaim_are_recognised(claim: str):
    assert OVERCLAIMS.search(claim)


def test_no_text_promises_that_only_the_client_can_see_their_words():
    assert CATALOGUE["en"], "the router installs the catalogue"
    overclaiming = [
        f"{language}:{key}"
        for language, texts in CATALOGUE.items()
        for key, entry in texts.items()
        for text in forms(entry)
        if OVERCLAIMS.search(text)
    ]
    assert overclaiming == []


def test_privacy_says_who_could_read_it():
    assert "could read it" in CATALOGUE["en"]["privacy"]

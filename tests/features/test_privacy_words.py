"""Words to clients promise no more privacy than /privacy states: the person or practice
running the bot holds the database and its key, so no text may say only the client can
see what they wrote."""

from __future__ import annotations

import re

from features.kernel.texts import CATALOGUE

OVERCLAIMS = re.compile(r"only you (can )?see|no one (else )?(can|will) (ever )?(see|read)", re.I)


def test_no_text_promises_that_only_the_client_can_see_their_words():
    assert CATALOGUE["en"], "the router installs the catalogue"
    overclaiming = [
        f"{language}:{key}"
        for language, texts in CATALOGUE.items()
        for key, text in texts.items()
        if OVERCLAIMS.search(text)
    ]
    assert overclaiming == []


def test_privacy_says_who_could_read_it():
    assert "could read it" in CATALOGUE["en"]["privacy"]

"""A rating read back to the client carries its scale ("5/10"), in words that read right."""

from __future__ import annotations

import pytest

from features import router  # noqa: F401  installs the catalogue
from features.kernel.texts import CATALOGUE, forms, plain
from features.kernel.vocabulary import Ref

READ_BACK = [
    key
    for key in CATALOGUE["en"]
    if key.startswith(("raise.", "note.low.", "note.drop.", "note.progress.", "export.rating"))
    and any("{rating}" in text for text in forms(CATALOGUE["en"][key]))
]


@pytest.mark.parametrize("key", READ_BACK)
def test_a_rating_read_back_names_its_scale(key: str):
    words = plain(
        key, rating="5", previous="7", goal="Sleep", trend="", label="Sleep", how="", say=""
    )
    assert "5/10" in words
    assert "7" not in words or "7/10" in words


def test_the_way_the_therapist_works_reads_as_a_sentence():
    label, say = Ref("rating.approach"), Ref("raise.say_approach")
    words = plain("raise.item", label=label, rating="5", how=Ref("raise.how_low"), say=say)
    assert words.startswith("\u2022 How well your therapist's way of working suits you: 5/10.")
    assert "suiting" not in words

"""Several photos sent at once (an album) get one reply, not one per photo."""

from __future__ import annotations

from datetime import UTC, datetime

from features import router
from features.kernel import vocabulary
from features.kernel.vocabulary import Client, NonText, Reply, State, Step, Text
from tests.support.facts import facts_of

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
KNOWN = facts_of(Client(time_zone="Europe/Berlin"), NOW)
ONBOARDING = State(Step.ASK_TIME_ZONE, {"purpose": "onboarding"})


def _replies(outcome: vocabulary.Outcome) -> list[str]:
    return [effect.text for effect in outcome.effects if isinstance(effect, Reply)]


def test_an_album_is_answered_once_where_it_arrives():
    first = router.step(ONBOARDING, NonText("photo", "album-1"), KNOWN)
    assert _replies(first) == _replies(router.step(ONBOARDING, NonText("photo"), KNOWN))
    assert first.state.step is Step.ASK_TIME_ZONE
    rest = router.step(first.state, NonText("video", "album-1"), KNOWN)
    assert rest.effects == () and rest.state == first.state


def test_the_next_album_is_answered_again():
    first = router.step(State(), NonText("photo", "album-1"), KNOWN)
    second = router.step(first.state, NonText("photo", "album-2"), KNOWN)
    assert _replies(second) == _replies(first) != []


def test_after_the_album_the_conversation_goes_on_as_before():
    first = router.step(ONBOARDING, NonText("photo", "album-1"), KNOWN)
    answered = router.step(first.state, Text("Berlin"), KNOWN)
    assert answered.state == router.step(ONBOARDING, Text("Berlin"), KNOWN).state

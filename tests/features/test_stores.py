"""Every change a flow can make is stored by exactly one feature's store function."""

from __future__ import annotations

import pytest

from features.kernel.feature import Feature, OwnedTwice, Router
from features.kernel.vocabulary import Change
from features.router import ROUTER

# Each change, once, by the feature that stores it. A new change fails this test until it
# is listed here and stored by its feature.
STORED_BY = {
    "reflection": {"StartReflection", "PutAnswer", "MoveTo", "FinishReflection", "AddTopics",
                   "DeclineTopics", "ShareDanger"},
    "schedule": {"SaveTimeZone", "SaveSchedule", "SkipNextSession", "SetPaused",
                 "SetNeutralWording", "SetReflectionDelay", "SetQuietHours", "AddExtraSession",
                 "ClosePrompts", "SnoozePrompt", "SetCheckIn"},
    "checkin": {"PutCheckInFace", "PutCheckInLine", "MarkCheckInNoted"},
    "review": {"CreateNote", "ToggleNoteItem", "FinishNote"},
    "progress": {"RateWeek", "SkipWeek"},
    "fit": {"StartFit", "SaveFitChoice", "FinishFit"},
    "goals": {"AddGoal", "EditGoal", "RetireGoal", "SetQuestionEnabled", "AddOwnQuestion",
              "RemoveOwnQuestion"},
    "safety": {"SaveCountry", "SaveSafetyPlan"},
    "memos": {"KeepMemo", "ForgetHeld"},
    "privacy": {"EraseClient"},
}  # fmt: skip


def _every_change() -> set[type[Change]]:
    found: set[type[Change]] = set()
    waiting = [Change]
    while waiting:
        for kind in waiting.pop().__subclasses__():
            waiting.append(kind)
            if kind.__module__.startswith("features."):  # not a test's own
                found.add(kind)
    return found


def test_each_change_is_stored_by_the_feature_listed_and_by_no_other():
    listed = [name for names in STORED_BY.values() for name in names]
    assert len(listed) == len(set(listed))
    assert {kind.__name__ for kind in _every_change()} == set(listed)
    assert {kind.__name__ for kind in ROUTER.store} == set(listed)
    for kind, handler in ROUTER.store.items():
        owner = handler.__module__.split(".")[1]
        assert kind.__name__ in STORED_BY[owner], f"{kind.__name__} is stored by {owner}"


def test_a_change_two_features_store_is_refused():
    class Twice(Change):
        __slots__ = ()

    async def keep(effect: Change, ctx: object) -> None:
        """Stores nothing."""

    one, other = Feature("one", store={Twice: keep}), Feature("other", store={Twice: keep})
    with pytest.raises(OwnedTwice, match="change Twice is claimed by one and other"):
        Router.build((one, other))

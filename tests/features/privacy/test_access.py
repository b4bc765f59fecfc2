"""Who may go on (features.privacy.access): the rules, and the door's memory staying bounded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from features.privacy import access
from features.privacy.access import CodeTags, Doorkeeper, admission_holds

TAGS = CodeTags(b"k" * 32)
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def holds(admission: str | None, *, listed=frozenset(), invites=(), strict=True) -> bool:  # type: ignore[no-untyped-def]
    return admission_holds(admission, 7, listed=listed, invites=invites, strict=strict, tags=TAGS)


def test_strict_mode_follows_the_lists_and_revocation_always_holds():
    code = "welcome-7f3a"
    assert holds(TAGS(code), invites=(code,))
    assert not holds(TAGS(code), invites=("other-code-1",))  # the code was withdrawn
    assert holds(TAGS(code), invites=("other-code-1",), strict=False)
    assert holds(access.LISTED, listed=frozenset({7}))
    assert not holds(access.LISTED, listed=frozenset({8}))
    assert holds(access.OPEN)  # a bot open to all stays open to its clients
    assert not holds(access.REVOKED, listed=frozenset({7}), strict=False)
    assert code not in TAGS(code) and TAGS(code) == CodeTags(b"k" * 32)(code)


def test_five_wrong_codes_an_hour_then_none_looked_at_and_one_refusal_a_window():
    door = Doorkeeper()
    for tried in range(1, 6):
        assert door.may_try_code(1, NOW)
        assert door.code_failed(1, NOW) == tried
    assert not door.may_try_code(1, NOW + timedelta(minutes=59))
    assert door.may_try_code(1, NOW + timedelta(hours=1))
    assert door.should_answer_refusal(2, NOW)
    assert not door.should_answer_refusal(2, NOW + timedelta(minutes=30))
    assert door.should_answer_refusal(2, NOW + timedelta(hours=1))


def test_the_door_forgets_the_oldest_senders_past_its_bound():
    door = Doorkeeper()
    for sender in range(access.REMEMBERED + 50):
        door.should_answer_refusal(sender, NOW)
        door.code_failed(sender, NOW)
    assert len(door.refused) == len(door.failures) == access.REMEMBERED
    assert 0 not in door.refused and access.REMEMBERED + 49 in door.refused

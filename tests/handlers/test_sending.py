"""Which sending failures are tried again: a blip is, a refusal is not."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from handlers import sending


class Failing:
    """A sending call that fails with the given problems, then succeeds."""

    def __init__(self, *problems: Exception) -> None:
        self.problems = list(problems)
        self.calls = 0

    async def __call__(self) -> None:
        self.calls += 1
        if self.problems:
            raise self.problems.pop(0)


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sending, "SEND_RETRY_PAUSES", (0, 0))


async def test_a_network_blip_is_tried_again() -> None:
    call = Failing(NetworkError("Bad Gateway"), TimedOut())
    await sending.retrying(call)
    assert call.calls == 3


async def test_a_bad_request_is_not_tried_again() -> None:
    call = Failing(BadRequest("Message is too long"))
    with pytest.raises(BadRequest):
        await sending.retrying(call)
    assert call.calls == 1


async def test_a_blocked_bot_is_not_tried_again() -> None:
    call = Failing(Forbidden("bot was blocked by the user"))
    with pytest.raises(Forbidden):
        await sending.retrying(call)
    assert call.calls == 1


async def test_at_most_once_gives_up_after_a_timeout() -> None:
    call = Failing(TimedOut())
    with pytest.raises(TimedOut):
        await sending.retrying(call, at_most_once=True)
    assert call.calls == 1


async def test_three_failures_are_given_up_on() -> None:
    call = Failing(*(NetworkError("Bad Gateway") for _ in range(3)))
    with pytest.raises(NetworkError):
        await sending.retrying(call)
    assert call.calls == 3

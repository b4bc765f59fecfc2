"""A turn (load, step, store, commit, send) through the real Application in this process:
an answer and the state it leads to are committed together or not at all, and an update
delivered twice takes effect once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import func, select

from storage import clients
from storage.models import Answer
from tests.support.engine import InProcessBot, reflecting

ADA = 1001

_FLOW = "SELECT step, data, version, recent_updates FROM flow_states WHERE user_id = ?"
_ANSWERS = "SELECT question, rating, skipped FROM answers WHERE user_id = ?"
_POSITION = "SELECT position FROM reflections WHERE user_id = ?"


def _place(bot: InProcessBot) -> object:
    """The question the client is on, which their state holds while they reflect."""
    (row,) = bot.query(_FLOW, ADA)
    return json.loads(str(row[1])).get("position")


class InjectedFault(Exception):
    """Raised by the test inside a turn, after its writes and before its commit."""


async def test_answer_and_state_commit_together(
    bot: InProcessBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = await reflecting(bot, ADA)
    flow_before = bot.query(_FLOW, ADA)
    save_flow = clients.save_flow
    seen_in_turn: list[int] = []

    async def save_then_fail(**kwargs: Any) -> Any:
        """The state saved and flushed with the answer, then the turn fails before commit."""
        await save_flow(**kwargs)
        session = kwargs["session"]
        await session.flush()
        count = select(func.count()).select_from(Answer).where(Answer.user_id == ADA)
        seen_in_turn.append((await session.exec(count)).one())
        raise InjectedFault

    monkeypatch.setattr(clients, "save_flow", save_then_fail)
    press = await bot.press(ADA, question, "7")

    # Both were written inside the turn (so the fault came after them), and neither stayed.
    assert seen_in_turn == [1]
    assert bot.query(_ANSWERS, ADA) == []
    assert bot.query(_FLOW, ADA) == flow_before
    assert bot.query(_POSITION, ADA) == [(0,)]
    replies = [m.plain_text or "" for m in bot.emulator.messages(ADA)[-2:]]
    assert "Question 1 of" in replies[-1]  # asked again, not moved on

    # Without the fault the same update stores both: the failed turn didn't mark it handled.
    monkeypatch.setattr(clients, "save_flow", save_flow)
    await bot.handle(press)
    assert bot.query(_ANSWERS, ADA) == [("heard", 7, 0)]
    step, _, version, recent = bot.query(_FLOW, ADA)[0]
    assert (step, version) == ("reflecting", int(str(flow_before[0][2])) + 1)
    assert str(press.update_id) in str(recent)
    assert _place(bot) == 1  # the row is told the place only when the client leaves
    assert "Question 2 of" in (bot.emulator.messages(ADA)[-1].plain_text or "")


async def test_redelivered_update_changes_nothing(bot: InProcessBot) -> None:
    question = await reflecting(bot, ADA)
    press = await bot.press(ADA, question, "7")
    flow_after = bot.query(_FLOW, ADA)
    messages = len(bot.emulator.messages(ADA))

    # Telegram sends it again (the bot died before acknowledging it): the same JSON.
    again = type(press).de_json(press.to_dict(), bot.application.bot)
    assert again is not None and again.update_id == press.update_id
    cost = await bot.statements_of(lambda: bot.handle(again))

    assert bot.query(_ANSWERS, ADA) == [("heard", 7, 0)]
    assert bot.query(_FLOW, ADA) == flow_after
    assert _place(bot) == 1
    assert len(bot.emulator.messages(ADA)) == messages  # the next question went out once
    # Only the button's spinner is stopped; nothing redrawn, nothing sent.
    assert dict(cost.calls) == {"answerCallbackQuery": 1}


async def test_a_redraw_telegram_keeps_failing_does_not_hold_back_the_next_question(
    bot: InProcessBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answered question is redrawn ("Question 1 of 10 · ... · 7") before the next is
    sent; when Telegram fails that edit every time it is tried, the next question comes
    all the same: it is what the client needs to go on."""
    monkeypatch.setattr("handlers.sending.SEND_RETRY_PAUSES", (0, 0))
    question = await reflecting(bot, ADA)
    bot.emulator.fail_next(3, 500, methods={"editMessageText"})
    await bot.press(ADA, question, "7")
    assert "Question 2 of" in (bot.emulator.messages(ADA)[-1].plain_text or "")
    # And once Telegram answers again, a redraw lands as before.
    await bot.press(ADA, bot.emulator.messages(ADA)[-1], "8")
    assert "\u00b7 8" in (bot.emulator.messages(ADA)[-2].plain_text or "")

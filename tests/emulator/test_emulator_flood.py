"""The optional flood limit: 429 with retry_after over the overall or a chat's budget."""

from __future__ import annotations

import pytest

from emulator import Emulator, FloodLimit
from emulator.flood import FloodGate
from tests.emulator.botapi import BotApi

# A rate so slow that no token comes back during a test: what is refused stays refused.
FROZEN = 0.001


class FakeClock:
    """Monotonic seconds the test moves on by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_no_flood_limit_unless_asked(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hi")
    for number in range(10):
        await api.ok("sendMessage", chat_id=1001, text=f"x{number}")
    assert emu.flood_gate is None


async def test_over_the_overall_limit_answers_429_and_sends_nothing(
    api: BotApi, emu: Emulator
) -> None:
    for user in (1001, 1002, 1003):
        emu.open_chat(user)
    emu.set_flood_limit(FloodLimit(per_second=FROZEN, burst=2))
    await api.ok("sendMessage", chat_id=1001, text="one")
    await api.ok("sendMessage", chat_id=1002, text="two")
    response = await api.call("sendMessage", chat_id=1003, text="three")
    assert response.status_code == 429
    body = response.json()
    assert body["error_code"] == 429
    wait = body["parameters"]["retry_after"]
    assert wait >= 1
    assert body["description"] == f"Too Many Requests: retry after {wait}"
    assert emu.messages(1003) == []
    gate = emu.flood_gate
    assert gate is not None and (gate.refused_overall, gate.refused_in_chat) == (1, 0)


async def test_one_chat_over_its_limit_leaves_the_others_alone(api: BotApi, emu: Emulator) -> None:
    emu.open_chat(1001)
    emu.open_chat(1002)
    emu.set_flood_limit(FloodLimit(per_second=100, per_chat_per_second=FROZEN, per_chat_burst=2))
    await api.ok("sendMessage", chat_id=1001, text="one")
    await api.ok("sendMessage", chat_id=1001, text="two")
    assert await api.error("sendMessage", 429, chat_id=1001, text="three") == (
        "Too Many Requests: retry after 1000"
    )
    await api.ok("sendMessage", chat_id=1002, text="elsewhere")
    assert [m.text for m in emu.messages(1001)] == ["one", "two"]
    gate = emu.flood_gate
    assert gate is not None and (gate.refused_overall, gate.refused_in_chat) == (0, 1)


async def test_edits_count_but_answers_to_presses_and_typing_do_not(
    api: BotApi, emu: Emulator
) -> None:
    emu.open_chat(1001)
    emu.set_flood_limit(FloodLimit(per_second=100, per_chat_per_second=FROZEN, per_chat_burst=2))
    sent = await api.ok(
        "sendMessage",
        chat_id=1001,
        text="pick",
        reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
    )
    query = await emu.press(1001, sent["message_id"], "a")
    for _ in range(3):
        await api.ok("sendChatAction", chat_id=1001, action="typing")
        await api.ok("getMe")
    await api.ok("answerCallbackQuery", callback_query_id=query)
    await api.ok("editMessageText", chat_id=1001, message_id=sent["message_id"], text="picked")
    await api.error("editMessageText", 429, chat_id=1001, message_id=sent["message_id"], text="x")


async def test_a_refused_call_takes_nothing_from_the_budgets(api: BotApi, emu: Emulator) -> None:
    emu.open_chat(1001)
    emu.open_chat(1002)
    emu.set_flood_limit(FloodLimit(per_second=FROZEN, burst=2, per_chat_per_second=FROZEN,
                                   per_chat_burst=1))  # fmt: skip
    await api.ok("sendMessage", chat_id=1001, text="one")
    await api.error("sendMessage", 429, chat_id=1001, text="refused in the chat")
    await api.ok("sendMessage", chat_id=1002, text="the overall budget still had this")


def test_the_overall_budget_refills_at_its_rate_after_a_burst() -> None:
    clock = FakeClock()
    gate = FloodGate(FloodLimit(per_second=300), clock=clock)
    assert all(gate.admit("sendMessage", chat) is None for chat in range(300))
    refused = gate.admit("sendMessage", 300)
    assert refused is not None and refused.retry_after == 1
    clock.now += 0.1  # 30 messages' worth
    admitted = [gate.admit("sendMessage", chat) is None for chat in range(1000, 1031)]
    assert admitted == [True] * 30 + [False]
    assert gate.refused == gate.refused_overall == 2


def test_a_chat_gets_a_burst_of_three_then_one_a_second() -> None:
    clock = FakeClock()
    gate = FloodGate(FloodLimit(per_second=300), clock=clock)
    assert [gate.admit("sendMessage", 1001) is None for _ in range(4)] == [True] * 3 + [False]
    clock.now += 0.5
    refused = gate.admit("editMessageText", "1001")  # chat ids arrive as text from forms
    assert refused is not None and refused.retry_after == 1
    clock.now += 0.5
    assert gate.admit("sendMessage", 1001) is None
    assert gate.admit("sendMessage", 1001) is not None
    assert gate.refused_in_chat == 3


def test_retry_after_is_whole_seconds_until_a_message_is_allowed() -> None:
    clock = FakeClock()
    gate = FloodGate(FloodLimit(per_second=0.25, burst=1), clock=clock)
    assert gate.admit("sendMessage", "@channel") is None  # no chat number: overall only
    refused = gate.admit("sendMessage", "@channel")
    assert refused is not None and refused.retry_after == 4
    clock.now += 3.5
    refused = gate.admit("sendMessage", 1001)
    assert refused is not None and refused.retry_after == 1


@pytest.mark.parametrize(
    "limit",
    [
        {"per_second": 0},
        {"per_chat_per_second": -1},
        {"per_chat_burst": 0.5},
        {"burst": 0},
    ],
)
def test_a_limit_that_allows_nothing_is_refused(limit: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        FloodLimit(**limit)

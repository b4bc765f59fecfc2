"""What each answer in a reflection costs the bot: SQL statements on its engine and Bot API
calls, counted by `InProcessBot.statements_of`. Each answer is one transaction that stores
the answer with the state, and makes exactly the calls the client needs to see it taken.
The statement counts are printed (`pytest -s` or `-rP` shows them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.engine import Cost, InProcessBot, reflecting

ADA = 1001

# A press: its spinner stopped, the pressed question shown answered (its buttons gone, in
# the same edit), the next question.
PRESS = {"answerCallbackQuery": 1, "editMessageText": 1, "sendMessage": 1}
# A typed answer: one message back (the next question, saying the answer was kept).
TYPED = {"sendMessage": 1}
# Back: its spinner stopped, the buttons taken off the question left, the one before.
BACK = {"answerCallbackQuery": 1, "editMessageReplyMarkup": 1, "sendMessage": 1}


async def test_each_answer_is_one_transaction_with_the_calls_it_needs(bot: InProcessBot) -> None:
    emulator = bot.emulator
    question = await reflecting(bot, ADA)

    def latest() -> Any:
        return emulator.messages(ADA)[-1]

    walk: list[tuple[str, Callable[[], Any], tuple[str, ...]]] = [
        ("rating press", lambda: bot.press(ADA, question, "7"), ("answers", "flow_states")),
        ("rating typed", lambda: bot.say(ADA, "6"), ("answers", "flow_states")),
        ("rating press", lambda: bot.press(ADA, latest(), "8"), ("answers", "flow_states")),
        ("rating press", lambda: bot.press(ADA, latest(), "5"), ("answers", "flow_states")),
        ("text answer", lambda: bot.say(ADA, "Slowly, yes."), ("answers", "flow_states")),
        ("Back to it", lambda: bot.press(ADA, latest(), "\u00ab Back"), ("flow_states",)),
        ("Next after a text", lambda: bot.press(ADA, latest(), "Next \u00bb"), ("flow_states",)),
        ("Skip on a written question", lambda: bot.press(ADA, latest(), "Skip"),
         ("answers", "flow_states")),
    ]  # fmt: skip
    costs: list[tuple[str, Cost]] = []
    for name, action, written in walk:
        cost = await bot.statements_of(action)
        costs.append((name, cost))
        print(f"{name}: {cost.summary()}")
        assert (cost.begins, cost.commits, cost.rollbacks) == (1, 1, 0), name
        # The client and their flow locked, one read, the answer, the state: at most four.
        assert len(cost.statements) <= 4, (name, cost.summary())
        for table in written:
            assert cost.writes_to(table), f"{name} wrote nothing to {table}"

    assert "Question 7 of 10" in (latest().plain_text or "")

    # "Skip the rest": the end in one press, the question shown as left, at most five
    # statements (the end also reads the recent ratings and closes the reflection).
    cost = await bot.statements_of(lambda: bot.press(ADA, latest(), "Skip the rest"))
    print(f"Skip the rest: {cost.summary()}")
    assert (cost.begins, cost.commits, cost.rollbacks) == (1, 1, 0)
    assert len(cost.statements) <= 5, cost.summary()
    assert not cost.writes_to("answers")
    # The thank-you only: a first 5 is a starting point, not a drop to raise.
    assert dict(cost.calls) == {**PRESS, "sendMessage": 1}
    assert "Thank you" in (latest().plain_text or "")
    assert [(name, dict(cost.calls)) for name, cost in costs] == [
        ("rating press", PRESS),
        ("rating typed", TYPED),
        ("rating press", PRESS),
        ("rating press", PRESS),
        ("text answer", TYPED),
        ("Back to it", BACK),
        ("Next after a text", PRESS),
        ("Skip on a written question", PRESS),
    ]


# What every turn touches: the client (locked) and their conversation's state.
CLIENT = {"users", "flow_states"}


async def test_a_turn_reads_only_what_the_features_it_reaches_declare(bot: InProcessBot) -> None:
    """Outside a reflection, a turn reads the tables of the feature that answers it, and no
    other's: /help and an idle message only the client, /goals their goals, /schedule
    their schedule, /reflect what a reflection begins from and the client's sessions."""
    emulator = bot.emulator
    await bot.say(ADA, "/start")
    await bot.say(ADA, "Berlin")
    await bot.press(ADA, emulator.messages(ADA)[-1], "Later")
    turns = [
        ("/help", set()),
        ("hello", set()),
        ("/schedule", {"schedules"}),
        # The goals menu stays open for one more turn (an aside shows it again), so the
        # turn after /goals reads the goals too: /reflect, which reads them anyway, and
        # the schedule: which session the reflection looks back on.
        ("/goals", {"goals", "own_questions"}),
        ("/reflect", {"reflections", "answers", "goals", "own_questions", "schedules"}),
    ]
    for text, own in turns:
        cost = await bot.statements_of(lambda text=text: bot.say(ADA, text))
        print(f"{text}: {cost.summary()}")
        touched = cost.tables() - CLIENT
        assert touched <= own, (text, sorted(touched - own))

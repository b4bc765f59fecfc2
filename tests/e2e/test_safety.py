"""Safety through the real bot: crisis resources at once, and the conversation goes on."""

from __future__ import annotations

from emulator import Emulator
from tests.e2e.conftest import BotProcess
from tests.e2e.reflecting import onboard, press

ADA = 1001


async def test_words_of_danger_mid_reflection_bring_help_first_and_lose_nothing(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    for _ in range(4):
        q = await press(emulator, ADA, q, "Skip")
    await emulator.send_text(ADA, "Honestly some days I want to die")
    help_now = await emulator.next_message(ADA)
    assert "If you are in danger, please call 112 now" in help_now.plain_text
    assert "TelefonSeelsorge" in help_now.plain_text
    kept = await emulator.next_message(ADA)
    assert "Kept" in kept.plain_text  # the reflection goes on
    ((stored,),) = bot.query("SELECT text FROM answers WHERE question = 'progress'")
    assert bot.decrypt(stored) == "Honestly some days I want to die"
    await bot.stop()
    assert "want to die" not in bot.log


async def test_urgent_answers_at_once_even_before_getting_started(
    emulator: Emulator, bot: BotProcess
):
    await emulator.send_text(ADA, "/urgent")
    reply = await emulator.next_message(ADA)
    assert "findahelpline.com" in reply.plain_text


async def test_delete_after_confirmation_leaves_nothing_about_the_client_in_any_table(
    emulator: Emulator, bot: BotProcess
):
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401  (every table on the metadata)

    other = 2002
    await onboard(emulator, other)  # someone else, who must keep everything
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/goals")
    menu = await emulator.next_message(ADA)
    await press(emulator, ADA, menu, "Add a goal")
    await emulator.send_text(ADA, "Sleep through the night")
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    await press(emulator, ADA, await emulator.next_message(ADA), "3")
    await emulator.send_text(ADA, "/fit")
    for _ in range(3):  # the reflection paused, the check's intro, its first item
        item = await emulator.next_message(ADA)
    await press(emulator, ADA, item, "Direct")
    assert bot.query("SELECT count(*) FROM fit_checks WHERE user_id = ?", ADA) == [(1,)]

    await emulator.send_text(ADA, "/delete")
    assert "paused and kept" in (await emulator.next_message(ADA)).plain_text
    confirm = await emulator.next_message(ADA)
    assert "can't be undone" in confirm.plain_text
    await emulator.send_text(ADA, "yes")  # typing isn't confirming: nothing is erased
    await emulator.next_message(ADA)
    assert bot.query("SELECT count(*) FROM goals") == [(1,)]

    await emulator.send_text(ADA, "/delete")
    confirm = await emulator.next_message(ADA)
    done = await press(emulator, ADA, confirm, "Yes, erase everything")
    assert "everything about you is erased" in done.plain_text
    for table in SQLModel.metadata.sorted_tables:
        column = "id" if table.name == "users" else "user_id"
        if column not in table.columns:
            continue
        rows = bot.query(f"SELECT count(*) FROM {table.name} WHERE {column} = ?", ADA)
        assert rows == [(0,)], f"{table.name} still holds the client"
    assert bot.query("SELECT count(*) FROM users WHERE id = ?", other) == [(1,)]


async def test_privacy_says_what_is_kept_and_who_can_read_it(emulator: Emulator, bot: BotProcess):
    await emulator.send_text(ADA, "/privacy")
    text = (await emulator.next_message(ADA)).plain_text
    assert "encrypted" in text and "not end-to-end encrypted" in text and "/delete" in text


async def test_a_practice_bot_admits_listed_and_invited_clients_only(
    emulator: Emulator, tmp_path, database_url: str
):
    from tests.e2e.conftest import BotProcess as Process

    env = {"ALLOWED_USER_IDS": "1001", "INVITE_CODES": "welcome-7f3a,spring-2027"}
    bot = Process(emulator, tmp_path, database_url, env)
    await bot.start()
    try:
        await emulator.send_text(1001, "/start")  # listed
        assert "Hello, and welcome" in (await emulator.next_message(1001)).plain_text
        await emulator.send_text(2002, "/start")  # neither listed nor invited
        refused = await emulator.next_message(2002)
        assert "run by a practice for its own clients" in refused.plain_text
        await emulator.send_text(2002, "/start wrong-code")  # refused once a window:
        await emulator.send_media(2002, "sticker")  # these two are not answered
        await emulator.send_text(3003, "/start spring-2027")  # invited by link
        assert "Hello, and welcome" in (await emulator.next_message(3003)).plain_text
        assert len(emulator.messages(2002)) == 1
        await emulator.next_message(3003)
        await emulator.send_text(3003, "Berlin")  # and from then on, simply a client
        assert "Europe/Berlin" in (await emulator.next_message(3003)).plain_text
    finally:
        await bot.stop()
    assert sorted(bot.query("SELECT id FROM users")) == [(1001,), (3003,)]
    assert bot.query("SELECT count(*) FROM flow_states WHERE user_id = 2002") == [(0,)]
    assert "welcome-7f3a" not in bot.log and "spring-2027" not in bot.log


async def test_a_forged_button_naming_another_clients_goal_changes_and_reveals_nothing(
    emulator: Emulator, bot: BotProcess
):
    victim, forger = 1001, 2002
    await onboard(emulator, victim)
    await emulator.send_text(victim, "/goals")
    await press(emulator, victim, await emulator.next_message(victim), "Add a goal")
    await emulator.send_text(victim, "Stop hiding from my mother")
    await emulator.next_message(victim)
    ((goal_id,),) = bot.query("SELECT id FROM goals")
    await onboard(emulator, forger)
    for data in (f"g:retire:{goal_id}", f"g:edit:{goal_id}", "p:1:start", "r:1:0:7"):
        await emulator.send_update(
            {
                "callback_query": {
                    "id": f"forged-{data}",
                    "from": {"id": forger, "is_bot": False, "first_name": "F"},
                    "chat_instance": "x",
                    "data": data,
                    "message": {
                        "message_id": 1,
                        "date": 0,
                        "chat": {"id": forger, "type": "private"},
                        "text": "x",
                    },
                }
            }
        )
    await emulator.no_message(forger, within=1.0)
    assert bot.query("SELECT retired_at FROM goals WHERE id = ?", goal_id) == [(None,)]
    said = " ".join(m.plain_text or "" for m in emulator.messages(forger))
    toasts = " ".join(str(c.params.get("text")) for c in emulator.calls_to("answerCallbackQuery"))
    assert "mother" not in said and "mother" not in toasts
    assert bot.query("SELECT count(*) FROM goals WHERE user_id = ?", forger) == [(0,)]

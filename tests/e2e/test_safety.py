"""Safety through the real bot: crisis resources at once, and the conversation goes on."""

from __future__ import annotations

from emulator import Emulator
from tests.support.players import onboard, press
from tests.support.process import BotProcess

ADA = 1001


async def test_words_of_danger_mid_reflection_read_as_care_from_start_to_end(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    for _ in range(4):
        q = await press(emulator, ADA, q, "2")  # low ratings: none of them listed at the end
    assert "making progress" in q.plain_text
    await emulator.send_text(ADA, "Honestly some days I want to die")
    help_now = await emulator.next_message(ADA)
    assert "If you are in danger, please call 112 now" in help_now.plain_text
    assert "TelefonSeelsorge" in help_now.plain_text
    choice = await emulator.next_message(ADA)
    assert choice.button_labels == ["Pause here", "Carry on"]
    said = choice.plain_text or ""
    assert not said.startswith("Kept") and "I don't keep" not in said
    await emulator.no_message(ADA, within=1.0)  # nothing form-like after it
    again = await press(emulator, ADA, choice, "Carry on")
    assert "Question 5 of 10" in again.plain_text and "making progress" in again.plain_text
    assert "want to die" not in again.plain_text  # their words kept, not quoted back
    # A light remark, then more words of danger a moment later: a short caring line.
    await emulator.send_text(ADA, "This homework is killing me lol")
    assert (await emulator.next_message(ADA)).plain_text.startswith("Kept.")  # obstacles
    await emulator.send_text(ADA, "I can't go on")
    short = await emulator.next_message(ADA)
    assert "I'm still here" in short.plain_text and "/urgent" in short.plain_text
    assert "TelefonSeelsorge" not in short.plain_text
    choice = await emulator.next_message(ADA)
    q = await press(emulator, ADA, choice, "Carry on")
    assert "obstacles" in q.plain_text and "go on" not in q.plain_text
    q = await press(emulator, ADA, q, "Next \u00bb")
    await emulator.send_text(ADA, "The breathing exercise helped")
    q = await emulator.next_message(ADA)
    for _ in range(3):
        q = await press(emulator, ADA, q, "Skip")
    ending = q.plain_text
    assert "It sounds like things are really hard" in ending and "/urgent" in ending
    assert "One thing you noted" not in ending and "homework" not in ending
    offer = await emulator.next_message(ADA)
    assert "bring what you wrote about feeling unsafe to your therapist" in offer.plain_text
    assert offer.button_labels == ["Yes, add it to my note", "No"]
    assert "lower than usual" not in offer.plain_text
    kept_out = await press(emulator, ADA, offer, "No")
    assert "stays out of your notes" in kept_out.plain_text
    await emulator.no_message(ADA, within=1.0)  # no list of low ratings after all

    await emulator.send_text(ADA, "/note")
    note = (await emulator.next_message(ADA)).plain_text
    assert "The breathing exercise helped" in note
    assert "want to die" not in note and "go on" not in note
    ((stored, flagged),) = bot.query("SELECT text, danger FROM answers WHERE question = 'progress'")
    assert "Honestly some days I want to die" in (bot.decrypt(stored) or "")  # nothing lost
    assert flagged in (1, True)
    await bot.stop()
    assert "want to die" not in bot.log and "go on" not in bot.log


async def test_words_of_danger_go_into_a_note_when_the_client_says_yes(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    q = await emulator.next_message(ADA)
    for _ in range(5):  # four ratings and the progress question
        q = await press(emulator, ADA, q, "Skip")
    q = await press(emulator, ADA, q, "Skip")  # obstacles
    await emulator.send_text(ADA, "I don't feel safe at home")  # "what was helpful?"
    await emulator.next_message(ADA)
    q = await press(emulator, ADA, await emulator.next_message(ADA), "Pause here")
    assert "/reflect picks up" in q.plain_text
    await emulator.send_text(ADA, "/reflect")
    resume = await emulator.next_message(ADA)
    q = await press(emulator, ADA, resume, "Continue where I left off")
    assert "helpful" in q.plain_text
    q = await press(emulator, ADA, q, "Next \u00bb")
    for _ in range(3):  # not helpful, felt right, bring up
        q = await press(emulator, ADA, q, "Skip")
    assert "really hard" in q.plain_text
    offer = await emulator.next_message(ADA)
    added = await press(emulator, ADA, offer, "Yes, add it to my note")
    assert "Added to your note" in added.plain_text
    await emulator.send_text(ADA, "/note")
    assert "I don't feel safe at home" in (await emulator.next_message(ADA)).plain_text


async def test_words_of_danger_outside_a_question_bring_help_and_nothing_form_like(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "everyone would be better off without me")
    help_now = await emulator.next_message(ADA)
    assert "please call 112 now" in help_now.plain_text
    await emulator.no_message(ADA, within=1.0)  # no "I don't keep messages..."
    await emulator.send_text(ADA, "i want to kil myself")
    short = await emulator.next_message(ADA)
    assert "I'm still here" in short.plain_text and "112" not in short.plain_text
    await emulator.no_message(ADA, within=1.0)
    await emulator.send_text(ADA, "/urgent")  # asked for: the whole message, always
    assert "please call 112 now" in (await emulator.next_message(ADA)).plain_text
    await emulator.send_text(ADA, "It's not safe to be honest with her about the homework")
    # No alarm: the words are welcome, offered for the next note as any others.
    assert "your next note" in (await emulator.next_message(ADA)).plain_text


async def test_a_safety_plan_is_written_shown_with_urgent_edited_exported_and_erased(
    emulator: Emulator, bot: BotProcess
):
    import json

    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/safetyplan")
    assert "safety plan" in (await emulator.next_message(ADA)).plain_text
    part = await emulator.next_message(ADA)
    assert "Part 1 of 6" in part.plain_text and "Warning signs" in part.plain_text
    written = {
        "Warning signs": "marker-5d2b: I stop answering my phone",
        "Who I can call": "Anna 0170 1234567",
        "My reasons for living": "My sister and the sea",
    }
    for _ in range(6):
        title = next(t for t in ("Warning signs", "What helps me cope", "People and places",
                                 "Who I can call", "Making my surroundings", "My reasons")
                     if t in part.plain_text)  # fmt: skip
        words = next((w for t, w in written.items() if t.startswith(title)), None)
        if words is None:
            part = await press(emulator, ADA, part, "Skip")
        else:
            await emulator.send_text(ADA, words)
            part = await emulator.next_message(ADA)
    assert "That's your plan" in part.plain_text
    card = await emulator.next_message(ADA)
    assert "My sister and the sea" in card.plain_text and "not written yet" in card.plain_text

    await emulator.send_text(ADA, "/urgent")
    assert "please call 112 now" in (await emulator.next_message(ADA)).plain_text
    plan = (await emulator.next_message(ADA)).plain_text
    assert "Your plan" in plan and "My sister and the sea" in plan and "Anna 0170" in plan

    await emulator.send_text(ADA, "/safetyplan")
    card = await emulator.next_message(ADA)
    part = await press(emulator, ADA, card, "Reasons for living")
    assert "Now: My sister and the sea" in part.plain_text
    await emulator.send_text(ADA, "My sister, the sea, and my dog Fritz")
    assert "Saved" in (await emulator.next_message(ADA)).plain_text
    assert "my dog Fritz" in (await emulator.next_message(ADA)).plain_text

    await emulator.send_text(ADA, "/export")
    await emulator.next_message(ADA)
    files = {}
    for _ in range(3):
        document = await emulator.next_message(ADA)
        assert document.filename is not None and document.file is not None
        files[document.filename.rsplit(".", 1)[1]] = document.file
    await emulator.next_message(ADA)
    exported = json.loads(files["json"])["safety_plan"]
    assert exported["reasons"] == "My sister, the sea, and my dog Fritz"
    assert "Anna 0170 1234567" in files["csv"].decode("utf-8-sig")
    assert b"marker-5d2b" not in bot.database_bytes()  # encrypted at rest

    await emulator.send_text(ADA, "/delete")
    await press(emulator, ADA, await emulator.next_message(ADA), "Yes, erase everything")
    assert bot.query("SELECT count(*) FROM safety_plans") == [(0,)]


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
    from tests.support.process import BotProcess as Process

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

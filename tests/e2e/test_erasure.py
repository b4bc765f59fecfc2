"""An erase is an erase: nothing of the client left in the database's files, and a press
delivered again after it (Telegram's redelivery after a crash) brings nothing back."""

from __future__ import annotations

import re
import signal

from cryptography.fernet import InvalidToken

from emulator import Emulator
from tests.support import databases as database
from tests.support.players import button, onboard, only_the_ratings, press, until
from tests.support.process import BotProcess

ADA, OTHER = 1001, 2002
GOAL, ANSWER = "marker-goal-6d1e", "marker-answer-6d1e"
TOPIC = "heard"  # the rating ADA means to raise: only she has a topic
# A Fernet token as stored (base64url, "gAAAAA..."): the words a thief with the key reads.
_TOKEN = re.compile(rb"gAAAAA[A-Za-z0-9_=-]{40,}")


def readable_words(bot: BotProcess, raw: bytes) -> set[str]:
    """Every encrypted text whole enough in `raw` to be decrypted with the bot's key."""
    from storage.crypto import cipher_from

    cipher = cipher_from(None, bot.workdir / "encryption.key")
    words: set[str] = set()
    for token in _TOKEN.findall(raw):
        try:
            words.add(cipher.decrypt(token).decode())
        except InvalidToken:
            continue  # a fragment: nothing to read
    return words


def file_bytes(bot: BotProcess) -> bytes:
    """SQLite: the file, its WAL and shared memory, raw. PostgreSQL: every page of every
    table as the server keeps it (free space and dead rows included), by pageinspect."""
    if database.on_sqlite(bot.database_url):
        return bot.database_bytes()
    bot.query("CREATE EXTENSION IF NOT EXISTS pageinspect")
    tables = [
        name for (name,) in bot.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ]
    raw = b""
    for table in tables:
        pages = bot.query(
            f"SELECT get_raw_page('{table}', block) FROM generate_series(0, "
            f"(pg_relation_size('{table}') / 8192)::int - 1) AS block"
        )
        raw += b"".join(bytes(page) for (page,) in pages)  # type: ignore[arg-type]
    return raw


async def a_client_with_a_goal_an_answer_and_a_topic(emulator: Emulator) -> None:
    """ADA: a comment on a rating (an answer), a low rating to raise (a topic), a goal."""
    await onboard(emulator, ADA)
    await only_the_ratings(emulator, ADA)
    await emulator.send_text(ADA, "/reflect")
    await emulator.next_message(ADA)
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, ANSWER)
    await emulator.next_message(ADA)  # kept with the question
    q = await emulator.next_message(ADA)  # and the question again
    for rating in ("2", "8", "8"):
        q = await press(emulator, ADA, q, rating)
    await press(emulator, ADA, q, "8")  # thanks
    offer = await emulator.next_message(ADA)
    assert "Added to your note" in (await press(emulator, ADA, offer, "Add to my note")).plain_text
    await emulator.send_text(ADA, "/goals")
    menu = await emulator.next_message(ADA)
    await press(emulator, ADA, menu, "Add a goal")
    await emulator.send_text(ADA, GOAL)
    await emulator.next_message(ADA)


async def test_after_delete_no_database_file_holds_the_clients_words(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, OTHER)
    await a_client_with_a_goal_an_answer_and_a_topic(emulator)
    # The rows are there to be found first: the scan can fail.
    assert {GOAL, ANSWER, TOPIC} <= readable_words(bot, file_bytes(bot))

    await emulator.send_text(ADA, "/delete")
    confirm = await emulator.next_message(ADA)
    done = await press(emulator, ADA, confirm, "Yes, erase everything")
    assert "everything about you is erased" in done.plain_text

    def gone() -> bool:
        raw = file_bytes(bot)
        return not ({GOAL, ANSWER, TOPIC} & readable_words(bot, raw)) and b"marker-" not in raw

    await until(gone, within=60)
    await onboard(emulator, OTHER + 1)  # more turns by someone else bring nothing back
    assert gone()
    assert bot.query("SELECT count(*) FROM users WHERE id = ?", OTHER) == [(1,)]


async def test_an_erase_press_delivered_again_after_kill_9_brings_nothing_back(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, ADA)
    await emulator.send_text(ADA, "/delete")
    confirm = await emulator.next_message(ADA)
    erase = button(confirm, "Yes, erase everything")
    await emulator.press(ADA, confirm, erase)
    assert "erased" in (await emulator.next_message(ADA)).plain_text
    await bot.stop(signal.SIGKILL)  # before the press is acknowledged: Telegram sends it again
    await bot.start()
    # And once more by hand, in case the acknowledgement got out before the kill.
    await emulator.press(ADA, confirm, erase, strict=False)
    await onboard(emulator, OTHER)  # the bot has moved on past both presses
    rows = database.every_row(bot.database_url)
    held = {table: found for table, found in rows.items() if any(ADA in row for row in found)}
    assert held == {}, f"the erased client is back in {sorted(held)}"


async def test_someone_unknown_may_ask_for_help_and_privacy_and_nothing_is_stored(
    emulator: Emulator, bot: BotProcess
):
    await emulator.send_text(ADA, "/urgent")  # help needs no account
    assert "findahelpline.com" in (await emulator.next_message(ADA)).plain_text
    await emulator.send_text(ADA, "/privacy")  # nor does reading what would be kept
    await emulator.next_message(ADA)
    await emulator.send_text(ADA, "/help")
    await emulator.next_message(ADA)
    assert bot.query("SELECT count(*) FROM users") == [(0,)]
    assert bot.query("SELECT count(*) FROM flow_states") == [(0,)]
    # Anything else is a start (tests/e2e/test_start.py), welcomed as /start is.
    await emulator.send_text(ADA, "/reflect")
    assert "Hello, and welcome" in (await emulator.next_message(ADA)).plain_text

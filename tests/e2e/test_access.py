"""A practice lets people in and out: revocation, strict mode, invite codes that can't be
guessed, and refusals that don't answer a flood."""

from __future__ import annotations

import asyncio
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

from emulator import Emulator
from features.kernel.texts import plain
from tests.support.players import onboard, press, until
from tests.support.process import REPO, BotProcess

ADA, BEA, GUESSER, HONEST = 1001, 2002, 6660, 7770
CODE, OTHER_CODE = "welcome-7f3a", "spring-2027"
URGENT = "findahelpline.com"
SLOW_DOWN = plain("flood.slow_down")


async def cli(bot: BotProcess, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ...` with the bot's settings, as the operator would run it (on a
    thread: the emulator it may ask runs on this loop)."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", *args],
        cwd=bot.workdir, env=bot.environment(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip


async def test_revoking_a_client_by_their_tag_refuses_them_from_their_next_message(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    bot = BotProcess(emulator, tmp_path, database_url, {"INVITE_CODES": f"{CODE},{OTHER_CODE}"})
    await bot.start()
    try:
        for client, code in ((ADA, CODE), (BEA, OTHER_CODE)):
            await emulator.send_text(client, f"/start {code}")
            for _ in range(2):  # the welcome, the time zone question
                await emulator.next_message(client)
        await until(lambda: bot.query("SELECT count(*) FROM users") == [(2,)])
        ((admission,),) = bot.query("SELECT admission FROM users WHERE id = ?", ADA)
        assert str(admission).startswith("invite:") and CODE not in str(admission)

        from handlers.context import ClientTags
        from storage.crypto import current_key

        tag = ClientTags(current_key(None, tmp_path / "encryption.key"))(ADA)
        done = await cli(bot, "revoke", tag)
        assert done.returncode == 0 and "Revoked" in done.stdout, done.stderr
        await emulator.send_text(ADA, "/help")
        refused = await emulator.next_message(ADA)
        assert "ended access" in refused.plain_text and URGENT in refused.plain_text
        await emulator.send_text(ADA, f"/start {CODE}")  # a revoked client stays out
        await emulator.send_text(BEA, "/help")  # the other client carries on
        assert "/reflect" in (await emulator.next_message(BEA)).plain_text
        await emulator.next_message(BEA)  # the time zone question again

        done = await cli(bot, "revoke", OTHER_CODE)  # everyone that code let in
        assert done.returncode == 0 and "INVITE_CODES" in done.stdout, done.stderr
        await emulator.send_text(BEA, "/help")
        assert "ended access" in (await emulator.next_message(BEA)).plain_text
        assert (await cli(bot, "revoke", "no-such-code-at-all")).returncode == 2
    finally:
        await bot.stop()
    assert len(emulator.messages(ADA)) == 3  # the welcome, its question, one refusal
    assert CODE not in bot.log and OTHER_CODE not in bot.log


async def test_in_strict_mode_a_withdrawn_code_or_id_is_refused_after_a_restart(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    env = {"ALLOWED_USER_IDS": str(BEA), "INVITE_CODES": f"{CODE},{OTHER_CODE}"}
    bot = BotProcess(emulator, tmp_path, database_url, env)
    await bot.start()
    await onboard(emulator, BEA)
    await emulator.send_text(ADA, f"/start {CODE}")
    for _ in range(2):
        await emulator.next_message(ADA)
    await bot.stop()

    # Not strict: once admitted, a client stays, whatever the lists now say.
    bot.extra_env.update(ALLOWED_USER_IDS="1", INVITE_CODES=OTHER_CODE)
    await bot.start()
    await emulator.send_text(ADA, "/help")
    assert "/reflect" in (await emulator.next_message(ADA)).plain_text
    await emulator.next_message(ADA)  # the time zone question again
    await bot.stop()

    bot.extra_env.update(ACCESS_STRICT="true")
    await bot.start()
    try:
        for client in (ADA, BEA):
            await emulator.send_text(client, "/help")
            refused = await emulator.next_message(client)
            assert "ended access" in refused.plain_text and URGENT in refused.plain_text
        await emulator.send_text(ADA, f"/start {OTHER_CODE}")  # a code still offered
        assert "Hello, and welcome" in (await emulator.next_message(ADA)).plain_text
    finally:
        await bot.stop()
    assert bot.query("SELECT count(*) FROM users WHERE id = ?", BEA) == [(1,)]  # kept


async def test_guessing_codes_is_cut_short_and_the_right_one_then_waits_an_hour(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    bot = BotProcess(emulator, tmp_path, database_url, {"INVITE_CODES": CODE})
    await bot.start()
    try:
        for guess in range(300):
            await emulator.send_text(GUESSER, f"/start guess-{guess:05d}")
        # After the guesses: the right code, from the guesser and from someone honest.
        await emulator.send_text(GUESSER, f"/start {CODE}")
        await emulator.send_text(HONEST, f"/start {CODE}")
        assert "Hello, and welcome" in (await emulator.next_message(HONEST, timeout=60)).plain_text
        await until(lambda: len(emulator.calls_to("getUpdates")) > 3, within=30)
        await asyncio.sleep(1.0)  # anything still to come from the guesser's updates
    finally:
        await bot.stop()
    # Refused once, and told once to slow down (the burst limiter, handlers.ordering); a code
    # from them is not even looked at once they guessed 5 wrong, so silence can't tell
    # them that a guess was right: the right code is refused too.
    said = sorted(message.plain_text or "" for message in emulator.messages(GUESSER))
    assert len(said) <= 2 and sum("can't start with you" in text for text in said) == 1
    assert all("can't start with you" in text or text == SLOW_DOWN for text in said)
    assert bot.query("SELECT count(*) FROM users WHERE id = ?", GUESSER) == [(0,)]
    wrong = [line for line in bot.log.splitlines() if "wrong invite code" in line]
    assert 1 <= len(wrong) <= 5
    assert str(GUESSER) not in bot.log and "guess-" not in bot.log


def test_codes_too_short_or_unfit_for_a_link_are_refused_at_start(tmp_path: Path):
    for codes in ("tiny7", "clinic#1", "good-code-1,bad code 2"):
        env = {**os.environ, "PYTHONPATH": str(REPO), "INVITE_CODES": codes}
        # A closed port on loopback: nothing may go further, should it get that far.
        env.update(
            TELEGRAM_BOT_TOKEN="123456:" + "A" * 35, TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot"
        )
        done = subprocess.run(
            [sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "INVITE_CODES" in lines[0] and "8-64" in lines[0]
        assert all(code not in lines[0] for code in ("tiny7", "clinic#1", "bad code 2"))


async def test_invites_prints_each_codes_link(emulator: Emulator, tmp_path: Path):
    bot = BotProcess(
        emulator, tmp_path, "sqlite:///unused", {"INVITE_CODES": f"{CODE},{OTHER_CODE}"}
    )
    done = await cli(bot, "invites")  # the username asked of the Bot API
    assert done.stdout.split() == [
        f"https://t.me/reflection_test_bot?start={CODE}",
        f"https://t.me/reflection_test_bot?start={OTHER_CODE}",
    ], done.stderr
    assert (await cli(bot, "invites", "--username", "@practice_bot")).stdout.startswith(
        "https://t.me/practice_bot?start="
    )


def file_modes(folder: Path) -> dict[str, int]:
    return {path.name: stat.S_IMODE(path.stat().st_mode) for path in folder.glob("bot.sqlite3*")}


async def test_the_database_files_are_private_and_a_readable_key_file_is_named(
    emulator: Emulator, tmp_path: Path
):
    bot = BotProcess(emulator, tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    await bot.start()
    try:
        await onboard(emulator, ADA)
        modes = file_modes(tmp_path)
        assert set(modes) >= {"bot.sqlite3", "bot.sqlite3-wal", "bot.sqlite3-shm"}
        assert set(modes.values()) == {0o600}, modes
    finally:
        await bot.stop()
    (tmp_path / "encryption.key").chmod(0o644)
    await bot.start()
    await bot.stop()
    warning = re.search(r"WARNING .*key file .*can be read by other users", bot.log)
    assert warning is not None


async def test_a_client_whose_access_ended_can_still_take_or_erase_their_words(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    bot = BotProcess(emulator, tmp_path, database_url, {"INVITE_CODES": CODE})
    await bot.start()
    try:
        await emulator.send_text(ADA, f"/start {CODE}")
        for _ in range(2):  # the welcome, the time zone question
            await emulator.next_message(ADA)
        await emulator.send_text(ADA, "Berlin")
        for _ in range(2):  # the time zone saved, the sessions introduced
            await emulator.next_message(ADA)
        await press(emulator, ADA, await emulator.next_message(ADA), "Later")

        from handlers.context import ClientTags
        from storage.crypto import current_key

        tag = ClientTags(current_key(None, tmp_path / "encryption.key"))(ADA)
        assert (await cli(bot, "revoke", tag)).returncode == 0

        await emulator.send_text(ADA, "/reflect")
        refused = await emulator.next_message(ADA)
        assert "ended access" in refused.plain_text and "/export" in refused.plain_text
        # Help in danger is never refused, and it is their country's.
        await emulator.send_text(ADA, "I want to die")
        helped = await emulator.next_message(ADA)
        assert "TelefonSeelsorge" in helped.plain_text and "ended access" not in helped.plain_text
        await emulator.send_text(ADA, "/export")
        assert "ended access" not in (await emulator.next_message(ADA)).plain_text
        await emulator.send_text(ADA, "/delete")
        confirm = await emulator.next_message(ADA)
        while "Yes, erase everything" not in confirm.button_labels:  # past the export's files
            confirm = await emulator.next_message(ADA)
        done = await press(emulator, ADA, confirm, "Yes, erase everything")
        assert "everything about you is erased" in done.plain_text
        await until(lambda: bot.query("SELECT count(*) FROM users WHERE id = ?", ADA) == [(0,)])
    finally:
        await bot.stop()


async def test_a_sender_silenced_for_wrong_codes_still_gets_help_in_danger(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    bot = BotProcess(emulator, tmp_path, database_url, {"INVITE_CODES": CODE})
    await bot.start()
    try:
        for guess in range(6):  # past the tries of the hour: nothing more is read...
            await emulator.send_text(GUESSER, f"/start guess-{guess:05d}")
        await until(lambda: emulator.pending_updates() == 0, within=30)
        await emulator.send_text(GUESSER, "/help")
        await emulator.send_text(GUESSER, "i want to kill myself")  # ...but this is
        await until(lambda: any(URGENT in (m.plain_text or "") and "112" in (m.plain_text or "")
                                for m in emulator.messages(GUESSER)), within=30)  # fmt: skip
    finally:
        await bot.stop()
    assert not any("what I can do" in (m.plain_text or "") for m in emulator.messages(GUESSER))

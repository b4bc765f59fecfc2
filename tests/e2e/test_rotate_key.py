"""`python -m bot rotate-key` while the bot runs: the running process follows its key file,
so every client carries on and everything they wrote stays readable."""

from __future__ import annotations

import asyncio
import sys

from cryptography.fernet import Fernet

from emulator import Emulator
from tests.e2e.reviewing import reflect
from tests.support.players import onboard, press
from tests.support.process import BotProcess

CLIENT = 4242
BEFORE = {"progress": "Sleeping better since March", "helpful": "The breathing exercise"}
GOAL = "Say no at work without feeling guilty"
AFTER = "Rotated, and still heard"


async def test_rotating_the_key_while_the_bot_runs_keeps_every_client_going(
    emulator: Emulator, bot: BotProcess
):
    await onboard(emulator, CLIENT)
    await reflect(emulator, CLIENT, (8, 9, 8, 9), dict(BEFORE))
    await emulator.send_text(CLIENT, "/goals")
    await press(emulator, CLIENT, await emulator.next_message(CLIENT), "Add a goal")
    await emulator.send_text(CLIENT, GOAL)
    assert GOAL in ((await emulator.next_message(CLIENT)).plain_text or "")
    old_key = (bot.workdir / "encryption.key").read_text().split()[0]

    rotating = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "rotate-key", cwd=bot.workdir, env=bot.environment(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    said, problem = await asyncio.wait_for(rotating.communicate(), timeout=60)
    assert rotating.returncode == 0, problem.decode()
    assert "Re-encrypted 3 stored texts" in said.decode()
    keys = (bot.workdir / "encryption.key").read_text().split()
    assert keys[1:] == [old_key]

    # The same running process: the goal, the summary, and a new reflection.
    await emulator.send_text(CLIENT, "/goals")
    assert GOAL in ((await emulator.next_message(CLIENT)).plain_text or "")
    await emulator.send_text(CLIENT, "/summary")
    summary = (await emulator.next_message(CLIENT)).plain_text or ""
    assert BEFORE["progress"] in summary and BEFORE["helpful"] in summary, summary
    await emulator.next_message(CLIENT)  # /summary was an aside: the goals menu again
    await emulator.send_text(CLIENT, "/reflect")
    await emulator.next_message(CLIENT)
    question = await emulator.next_message(CLIENT)
    while "8" in question.button_labels:  # the ratings, the goal's too
        question = await press(emulator, CLIENT, question, "8")
    await emulator.send_text(CLIENT, AFTER)
    kept = await emulator.next_message(CLIENT)
    assert (kept.plain_text or "").startswith("Kept."), kept.plain_text

    # Everything stored, before the rotation and after, reads with the new key alone.
    new = Fernet(keys[0].encode())
    stored = [
        text
        for sql in ("SELECT text FROM answers", "SELECT text FROM goals")
        for (text,) in bot.query(f"{sql} WHERE user_id = ? AND text IS NOT NULL", CLIENT)
    ]
    readable = sorted(new.decrypt(str(text).encode()).decode() for text in stored)
    assert readable == sorted([*BEFORE.values(), GOAL, AFTER])
    assert "UnreadableText" not in bot.log

"""Webhook mode through the real bot process: the emulator posts Telegram's updates to it,
with the secret; a request without the secret changes nothing; two replicas on one SQLite
file take turns, and one going down leaves the other serving."""

from __future__ import annotations

import asyncio
import random
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from emulator import Emulator
from handlers.polling import ALLOWED_UPDATES
from tests.drills.ledger import problems, read_reflections
from tests.support.databases import write_lock
from tests.support.players import Person, onboard, plan_answers, until
from tests.support.process import PUBLIC_WEBHOOK_URL, BotProcess

ADA = 1001
EVE = 4242
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Seconds without a reply before the client sends /reflect again (a replica was killed).
PATIENCE = 5.0


def sqlite_url(workdir: Path) -> str:
    return f"sqlite+aiosqlite:///{workdir / 'bot.sqlite3'}"


@pytest.fixture
async def webhook_bot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """The bot in webhook mode on a fresh SQLite file, the emulator posting to it."""
    process = BotProcess(emulator, tmp_path, sqlite_url(tmp_path), webhook=True)
    await process.start()
    yield process
    if process.process is not None:
        await process.stop()


@pytest.fixture
async def replicas(emulator: Emulator, tmp_path: Path) -> AsyncIterator[list[BotProcess]]:
    """Two bots in webhook mode on one SQLite file and key, the emulator alternating."""
    url = sqlite_url(tmp_path)
    pair = [BotProcess(emulator, tmp_path, url, webhook=True, name=name) for name in "ab"]
    for process in pair:  # one after the other: the first makes the key file
        await process.start()
    yield pair
    for process in pair:
        if process.process is not None:
            await process.stop()


def eve_says_start(update_id: int = 900_000) -> dict[str, Any]:
    """A /start from someone new, as Telegram would post it."""
    eve = {"id": EVE, "is_bot": False, "first_name": "Eve", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": EVE, "type": "private", "first_name": "Eve"},
            "from": eve,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def reflect_as_planned(emulator: Emulator, seed: int) -> Person:
    """ADA gets started and reflects, answering as planned, whatever happens to the bot."""
    await onboard(emulator, ADA)
    person = Person(emulator, ADA, plan_answers(ADA, random.Random(seed)), PATIENCE)
    await asyncio.wait_for(person.reflect(), timeout=90)
    return person


async def stored_once(bot: BotProcess, person: Person) -> list[str]:
    """What is wrong with ADA's answers as stored: none means each is there once, as given."""
    key_file = bot.workdir / "encryption.key"
    stored = await read_reflections(bot.database_url, key_file, [ADA])
    return problems(person.plan, stored[ADA])


async def test_the_bot_sets_its_webhook_with_the_secret_and_says_it_is_healthy(
    emulator: Emulator, webhook_bot: BotProcess
):
    (call,) = emulator.calls_to("setWebhook")
    assert call.ok
    assert emulator.webhook.url == PUBLIC_WEBHOOK_URL
    assert emulator.webhook.secret_token == webhook_bot.webhook_secret
    assert emulator.webhook.allowed_updates == ALLOWED_UPDATES
    assert emulator.webhook.max_connections == 40
    # Not polling, and not undoing the webhook.
    assert emulator.calls_to("getUpdates") == emulator.calls_to("deleteWebhook") == []
    async with httpx.AsyncClient(timeout=10) as client:
        health = await client.get(webhook_bot.health_url)
    assert (health.status_code, health.json()["healthy"]) == (200, True)


async def test_a_whole_reflection_through_webhook_delivery(
    emulator: Emulator, webhook_bot: BotProcess
):
    person = await reflect_as_planned(emulator, seed=7)
    assert await stored_once(webhook_bot, person) == []
    assert person.nudges == 0
    deliveries = emulator.webhook_deliveries
    assert deliveries and all(d.ok for d in deliveries), [d.error for d in deliveries]
    assert emulator.pending_updates() == 0
    assert await webhook_bot.stop() == 0
    for answer in person.plan.values():
        assert not isinstance(answer, str) or answer not in webhook_bot.log
    assert webhook_bot.webhook_secret not in webhook_bot.log
    # Stopping leaves the webhook set: another replica may still be serving.
    assert emulator.calls_to("deleteWebhook") == [] and emulator.webhook.url


async def test_a_stopping_bot_finishes_the_update_in_hand_before_it_exits(
    emulator: Emulator, webhook_bot: BotProcess
):
    await onboard(emulator, ADA)
    async with write_lock(webhook_bot.database_url, ADA):
        await emulator.send_text(ADA, "/reflect")
        await until(lambda: emulator.pending_updates() == 1, within=5)
        await asyncio.sleep(0.5)  # posted, and waiting for the database
        process = webhook_bot.process
        assert process is not None
        process.send_signal(signal.SIGTERM)
        await asyncio.sleep(0.5)
    await asyncio.wait_for(process.wait(), timeout=20)
    assert await webhook_bot.stop() == 0
    assert "short questions" in (await emulator.next_message(ADA)).plain_text
    # Answered 200 once handled: acknowledged, not posted again.
    assert emulator.pending_updates() == 0
    assert all(d.ok for d in emulator.webhook_deliveries)


async def test_a_wrong_or_missing_secret_gets_403_and_changes_nothing(
    emulator: Emulator, webhook_bot: BotProcess
):
    emulator.open_chat(EVE)  # so that a reply to her could be sent, were one made
    secret = webhook_bot.webhook_secret
    assert secret is not None
    wrong = ("x" + secret[1:]) if not secret.startswith("x") else ("y" + secret[1:])
    async with httpx.AsyncClient(timeout=10) as client:
        attempts: list[dict[str, str]] = [
            {SECRET_HEADER: wrong},
            {},
            {SECRET_HEADER: ""},
            {SECRET_HEADER: secret.upper()},
            {SECRET_HEADER: secret + "x"},
        ]
        for headers in attempts:
            refused = await client.post(
                webhook_bot.webhook_url, json=eve_says_start(), headers=headers
            )
            assert (refused.status_code, refused.content) == (403, b""), headers
        # With the secret, a body that is not JSON is refused too.
        garbled = await client.post(
            webhook_bot.webhook_url, content=b"{not json", headers={SECRET_HEADER: secret}
        )
        assert garbled.status_code == 400
        # An update this PTB can't read is acknowledged (200), or Telegram would post it
        # forever; logged by its id alone.
        unreadable = await client.post(
            webhook_bot.webhook_url,
            json={"update_id": 900_001, "message": {"chat": "Eve's secret"}},
            headers={SECRET_HEADER: secret},
        )
        assert unreadable.status_code == 200
        await asyncio.sleep(0.5)
        assert webhook_bot.query("SELECT count(*) FROM users") == [(0,)]
        assert webhook_bot.query("SELECT count(*) FROM flow_states") == [(0,)]
        assert emulator.messages(EVE) == []
        assert [c.method for c in emulator.calls if c.method.startswith("send")] == []
        assert "Refused a webhook request without the right secret token" in webhook_bot.log
        assert "Skipping update 900001, which can't be read (KeyError)" in webhook_bot.log
        assert "Eve's secret" not in webhook_bot.log

        # The same update with the secret is Telegram's: it is handled.
        accepted = await client.post(
            webhook_bot.webhook_url, json=eve_says_start(), headers={SECRET_HEADER: secret}
        )
    assert accepted.status_code == 200
    assert "companion for your therapy" in (await emulator.next_message(EVE)).plain_text
    assert webhook_bot.query("SELECT id FROM users") == [(EVE,)]


async def test_a_deeply_nested_body_is_400_and_the_server_header_names_no_version(
    emulator: Emulator, webhook_bot: BotProcess
):
    """A body nested past Python's recursion limit, with the secret, is refused with one
    log line; no answer names the software or its version."""
    secret = webhook_bot.webhook_secret
    assert secret is not None
    depth = 100_000
    nested = b'{"update_id": 900002, "x": ' + b"[" * depth + b"]" * depth + b"}"
    async with httpx.AsyncClient(timeout=10) as client:
        refused = await client.post(
            webhook_bot.webhook_url, content=nested, headers={SECRET_HEADER: secret}
        )
        health = await client.get(webhook_bot.health_url)
    assert refused.status_code == 400
    for answer in (refused, health):
        assert answer.headers["Server"] == "reflection-companion"
    log = webhook_bot.log
    assert "unreadable body (RecursionError)" in log
    assert "Traceback" not in log


async def test_an_update_posted_again_is_acknowledged_and_taken_once(
    emulator: Emulator, webhook_bot: BotProcess
):
    """Telegram posts an update again when it got no 200 (a proxy timed out, a process died
    after storing the turn): the repeat is acknowledged and changes nothing."""
    emulator.open_chat(EVE)
    headers = {SECRET_HEADER: webhook_bot.webhook_secret or ""}
    async with httpx.AsyncClient(timeout=10) as client:
        first = await client.post(webhook_bot.webhook_url, json=eve_says_start(), headers=headers)
        assert first.status_code == 200
        assert "companion for your therapy" in (await emulator.next_message(EVE)).plain_text
        # The 200 came once the turn was stored; its replies go out after (handlers.outbox).
        assert "time zone" in (await emulator.next_message(EVE)).plain_text
        replies = len(emulator.messages(EVE))
        again = await client.post(webhook_bot.webhook_url, json=eve_says_start(), headers=headers)
    assert again.status_code == 200
    await asyncio.sleep(1.0)
    assert len(emulator.messages(EVE)) == replies
    assert webhook_bot.query("SELECT count(*) FROM users") == [(1,)]
    assert "Update 900000 was already handled; ignoring the repeat" in webhook_bot.log


@pytest.mark.parametrize(
    ("webhook_env", "says"),
    [
        ({"WEBHOOK_URL": PUBLIC_WEBHOOK_URL}, "WEBHOOK_SECRET is not set"),
        ({"WEBHOOK_URL": PUBLIC_WEBHOOK_URL, "WEBHOOK_SECRET": "not a secret!"},
         "WEBHOOK_SECRET must be 1-256 characters"),
        ({"WEBHOOK_URL": "http://bot.example.org/telegram", "WEBHOOK_SECRET": "s3cret"},
         "WEBHOOK_URL must be the public https:// address"),
    ],
)  # fmt: skip
async def test_an_unusable_webhook_setting_is_one_line_and_no_traceback(
    emulator: Emulator, tmp_path: Path, webhook_env: dict[str, str], says: str
):
    bot = BotProcess(emulator, tmp_path, sqlite_url(tmp_path), extra_env=webhook_env)
    code, stderr = await run_to_exit(bot)
    assert code == 2
    # Nothing else: said before logging is even set up.
    assert stderr.startswith(f"Cannot start: {says}") and stderr.count("\n") == 1, stderr
    assert emulator.calls == []  # told before anything was tried


async def test_a_port_in_use_is_one_line_and_the_webhook_is_left_alone(
    emulator: Emulator, tmp_path: Path
):
    bot = BotProcess(emulator, tmp_path, sqlite_url(tmp_path), webhook=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", bot.webhook_port or 0))
        taken.listen()
        code, stderr = await run_to_exit(bot)
    assert code == 2
    assert explanation(stderr) == (
        f"Cannot start: can't listen on WEBHOOK_LISTEN 127.0.0.1 WEBHOOK_PORT {bot.webhook_port}"
        " (Address already in use). Is another process using that port?"
    )
    assert emulator.calls_to("setWebhook") == []


async def test_a_webhook_telegram_refuses_is_one_line(emulator: Emulator, tmp_path: Path):
    refusal = "Bad Request: bad webhook: Failed to resolve host: Name or service not known"
    emulator.fail_next(status=400, methods=["setWebhook"], description=refusal)
    bot = BotProcess(emulator, tmp_path, sqlite_url(tmp_path), webhook=True)
    code, stderr = await run_to_exit(bot)
    assert code == 2
    assert explanation(stderr) == (
        # PTB's wording of Telegram's description (it capitalizes the first letter only).
        "Cannot start: Telegram refused WEBHOOK_URL: Bad webhook: failed to resolve host: "
        "name or service not known"
    )


async def run_to_exit(bot: BotProcess) -> tuple[int, str]:
    """Run `python -m bot` to its end: its exit code and what it said on stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=bot.workdir, env=bot.environment(),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    except TimeoutError:
        process.kill()
        raise
    assert process.returncode is not None
    return process.returncode, stderr.decode()


def explanation(stderr: str) -> str:
    """The one line that explains a failed start, after the bot's own log lines (at DEBUG);
    and no traceback anywhere."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert [line for line in lines if line.startswith("Cannot start")] == lines[-1:], stderr
    return lines[-1]


async def test_two_replicas_on_one_sqlite_file_take_turns_and_store_every_answer_once(
    emulator: Emulator, replicas: list[BotProcess]
):
    person = await reflect_as_planned(emulator, seed=11)
    assert await stored_once(replicas[0], person) == []
    assert person.nudges == 0
    # The client's updates went to one replica, then the other, in turn.
    targets = [d.target for d in emulator.webhook_deliveries if d.ok]
    assert targets[:4] == [replicas[0].webhook_url, replicas[1].webhook_url] * 2
    assert abs(targets.count(replicas[0].webhook_url) - len(targets) / 2) <= 1


async def test_killing_one_replica_midway_leaves_the_other_serving(
    emulator: Emulator, replicas: list[BotProcess]
):
    first, second = replicas
    reflecting = asyncio.ensure_future(reflect_as_planned(emulator, seed=23))
    # Killed while the client is in the middle of the reflection.
    await until(lambda: bool(first.query("SELECT count(*) FROM answers")[0][0] >= 3), within=60)
    await first.stop(signal.SIGKILL)
    person = await reflecting
    assert await stored_once(second, person) == []
    since_kill = [d for d in emulator.webhook_deliveries if d.target == first.webhook_url]
    assert any(d.error == "Connection refused" for d in since_kill)
    assert emulator.pending_updates() == 0

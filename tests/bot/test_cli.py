"""Starting the bot: a problem an operator can fix is one clear line, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from emulator import Emulator
from tests.support.databases import encrypted_engine

# The bot's own command line in a subprocess, a second or so each: with the end-to-end
# tests, out of the quick tier.
pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def run_bot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    prefixes = ("TELEGRAM_", "DATABASE_", "ENCRYPTION_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    clean.update(
        PYTHONPATH=str(REPO),
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        ENCRYPTION_KEY_FILE=str(tmp_path / "encryption.key"),
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_a_missing_token_says_where_to_get_one_and_how_to_try_without(tmp_path: Path):
    result = run_bot(tmp_path)
    assert result.returncode == 2
    line = one_line(result)
    assert "@BotFather" in line and "python -m bot demo" in line


def test_a_token_in_dotenv_is_read(tmp_path: Path):
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=not-a-token\n")
    line = one_line(run_bot(tmp_path))
    assert "does not look like a bot token" in line


@pytest.mark.parametrize("token", ["abc", "123456:short", "123456789:" + "A" * 34 + " extra"])
def test_a_malformed_token_is_refused_without_echoing_it(tmp_path: Path, token: str):
    result = run_bot(tmp_path, TELEGRAM_BOT_TOKEN=token)
    assert result.returncode == 2
    line = one_line(result)
    assert "does not look like a bot token" in line
    assert token not in line


def test_a_bad_log_level_is_named(tmp_path: Path):
    line = one_line(run_bot(tmp_path, TELEGRAM_BOT_TOKEN="1:" + "A" * 35, LOG_LEVEL="LOUD"))
    assert "LOG_LEVEL" in line


def test_a_bad_log_format_is_named(tmp_path: Path):
    line = one_line(run_bot(tmp_path, TELEGRAM_BOT_TOKEN="1:" + "A" * 35, LOG_FORMAT="xml"))
    assert "LOG_FORMAT must be text or json" in line


def test_an_unreachable_bot_api_is_one_line(tmp_path: Path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_bot(
        tmp_path,
        TELEGRAM_BOT_TOKEN="123456789:" + "A" * 35,
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
    )
    assert result.returncode == 3
    assert "could not be reached" in one_line(result)


async def test_a_token_telegram_refuses_is_one_line(tmp_path: Path):
    async with Emulator() as emulator:
        wrong = "987654321:" + "B" * 35
        assert wrong != emulator.token
        import asyncio

        result = await asyncio.to_thread(
            run_bot, tmp_path, TELEGRAM_BOT_TOKEN=wrong, TELEGRAM_API_BASE_URL=emulator.base_url
        )
    assert result.returncode == 2
    line = one_line(result)
    assert "refused" in line and wrong not in line


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("not-a-url", "DATABASE_URL can't be used (ArgumentError)"),
        ("mysql://someone@127.0.0.1/db", "DATABASE_URL can't be used (ModuleNotFoundError)"),
        ("sqlite:////nonexistent/folder/bot.sqlite3", "(OperationalError)"),
        ("postgresql://nobody:hunter2@127.0.0.1:1/x", "(ConnectionRefusedError)"),
    ],
)
async def test_an_unusable_database_is_one_line_naming_it(tmp_path: Path, url: str, cause: str):
    import asyncio

    async with Emulator() as emulator:
        result = await asyncio.to_thread(
            run_bot,
            tmp_path,
            TELEGRAM_BOT_TOKEN=emulator.token,
            TELEGRAM_API_BASE_URL=emulator.base_url,
            DATABASE_URL=url,
        )
    assert result.returncode in (2, 3)
    lines = [line for line in result.stderr.splitlines() if " INFO " not in line and line.strip()]
    assert len(lines) == 1, result.stderr
    assert cause in lines[0] and "Traceback" not in result.stderr
    assert "hunter2" not in result.stderr


def test_a_malformed_encryption_key_is_one_line_and_not_echoed(tmp_path: Path):
    result = run_bot(
        tmp_path, TELEGRAM_BOT_TOKEN="123456789:" + "A" * 35, ENCRYPTION_KEY="hunter2-not-a-key"
    )
    assert result.returncode == 2
    line = one_line(result)
    assert "ENCRYPTION_KEY doesn't hold a valid key" in line and "new-key" in line
    assert "hunter2" not in result.stderr


def test_new_key_prints_a_usable_key(tmp_path: Path):
    result = run_bot(tmp_path, "new-key")
    assert result.returncode == 0
    from storage.crypto import cipher_from

    cipher = cipher_from(result.stdout.strip(), tmp_path / "unused")
    assert cipher.decrypt(cipher.encrypt(b"ok")) == b"ok"


async def test_env_example_copied_as_it_is_with_a_token_starts_the_bot(tmp_path: Path):
    """The README's way: cp .env.example .env, put the token in; nothing else edited."""
    import asyncio

    async with Emulator() as emulator:
        example = (REPO / ".env.example").read_text()
        example = example.replace("TELEGRAM_BOT_TOKEN=", f"TELEGRAM_BOT_TOKEN={emulator.token}")
        example = example.replace(
            "TELEGRAM_API_BASE_URL=https://api.telegram.org/bot",
            f"TELEGRAM_API_BASE_URL={emulator.base_url}",
        )
        (tmp_path / ".env").write_text(example)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TELEGRAM_", "DATABASE_", "ENCRYPTION_", "CRISIS_"))
        }
        env.update(PYTHONPATH=str(REPO), XDG_CONFIG_HOME=str(tmp_path / "config"))
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            await asyncio.wait_for(emulator.wait_for_call("deleteWebhook", timeout=30), 35)
            await emulator.send_text(1001, "/urgent")
            assert "findahelpline.com" in (await emulator.next_message(1001)).plain_text
        finally:
            process.terminate()
            _, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    assert (tmp_path / "config" / "reflection-companion" / "encryption.key").exists()
    assert (tmp_path / "reflection-companion.sqlite3").exists()


async def test_rotate_key_puts_a_new_key_first_and_keeps_everything_readable(tmp_path: Path):
    import asyncio

    from storage import clients
    from storage import goals as preferences
    from storage.db import session_factory, upgrade_schema

    key_file = tmp_path / "encryption.key"
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    engine = encrypted_engine(url, key_file=key_file)  # makes the first key
    await upgrade_schema(engine)
    async with session_factory(engine)() as session, session.begin():
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        await preferences.add_goal(session=session, user_id=1, text="walk every day")
    await engine.dispose()
    first_key = key_file.read_text().split()[0]

    result = await asyncio.to_thread(run_bot, tmp_path, "rotate-key", DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "Re-encrypted 1 stored texts" in result.stdout
    keys = key_file.read_text().split()
    assert len(keys) == 2 and keys[1] == first_key and keys[0] != first_key
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    reader = encrypted_engine(url, keys[0])  # the new key alone
    async with session_factory(reader)() as session:
        goals = await preferences.active_goals(session=session, user_id=1)
    await reader.dispose()
    assert [goal.text for goal in goals] == ["walk every day"]


async def test_rotate_key_with_encryption_key_waits_for_every_bot_to_know_the_new_key(
    tmp_path: Path,
):
    import asyncio

    from storage import clients
    from storage import goals as preferences
    from storage.crypto import new_key
    from storage.db import create_engine, session_factory, upgrade_schema

    old, new = new_key(), new_key()
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    engine = encrypted_engine(url, old)
    await upgrade_schema(engine)
    async with session_factory(engine)() as session, session.begin():
        await clients.get_or_create_user(session=session, user_id=1, chat_id=1, language="en")
        await preferences.add_goal(session=session, user_id=1, text="walk every day")
    written = await _goal_tokens(engine)
    await engine.dispose()

    keys = f"{new},{old}"
    refused = await asyncio.to_thread(
        run_bot, tmp_path, "rotate-key", DATABASE_URL=url, ENCRYPTION_KEY=keys
    )
    assert refused.returncode == 2
    said = one_line(refused)
    assert "restart" in said and "--restarted" in said and new not in said
    reader = create_engine(url)
    assert await _goal_tokens(reader) == written  # nothing re-encrypted
    await reader.dispose()

    done = await asyncio.to_thread(
        run_bot, tmp_path, "rotate-key", "--restarted", DATABASE_URL=url, ENCRYPTION_KEY=keys
    )
    assert done.returncode == 0, done.stderr
    assert "Re-encrypted 1 stored texts" in done.stdout
    reader = encrypted_engine(url, new)  # the new key alone
    async with session_factory(reader)() as session:
        goals = await preferences.active_goals(session=session, user_id=1)
    await reader.dispose()
    assert [goal.text for goal in goals] == ["walk every day"]


async def _goal_tokens(engine: object) -> list[str]:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import AsyncEngine

    assert isinstance(engine, AsyncEngine)
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT text FROM goals ORDER BY id"))
        return [str(token) for (token,) in rows.all()]


def test_a_malformed_allow_list_is_one_line(tmp_path: Path):
    result = run_bot(
        tmp_path, TELEGRAM_BOT_TOKEN="123456789:" + "A" * 35, ALLOWED_USER_IDS="1001,ada"
    )
    assert result.returncode == 2
    assert "ALLOWED_USER_IDS" in one_line(result)

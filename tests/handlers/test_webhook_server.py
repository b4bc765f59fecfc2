"""The webhook server in-process: its health check on both databases, and the limits a
request meets before anything is handled (the whole bot in webhook mode: tests/e2e)."""

from __future__ import annotations

import asyncio
import errno
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from telegram import Bot, Update

from handlers.webhook import SECRET_HEADER, Webhook, WebhookServer, WebhookUnusable
from storage.db import Database, create_engine
from tests.support.process import free_port

SECRET = "s3cret_-token"


class FakeApplication:
    """What the server uses of PTB's Application: the bot, the database, the processor."""

    def __init__(self, database: Database) -> None:
        self.bot = Bot("123456789:" + "A" * 35)
        self.bot_data = SimpleNamespace(database=database)
        self.update_processor = SimpleNamespace(process_update=self._in_order)
        self.handled: list[int] = []

    async def _in_order(self, update: Update, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def process_update(self, update: Update) -> None:
        self.handled.append(update.update_id)


@pytest.fixture
async def served(database_url: str) -> AsyncIterator[tuple[FakeApplication, str]]:
    """The server on a free port over the test database: (application, base URL)."""
    engine = create_engine(database_url)
    application = FakeApplication(Database(engine))
    port = free_port()
    webhook = Webhook("https://x.example/hook", SECRET, "127.0.0.1", port)
    server = WebhookServer(application, webhook)  # type: ignore[arg-type]
    await server.start()
    yield application, f"http://127.0.0.1:{port}"
    await server.stop()
    await engine.dispose()


async def test_health_is_ok_while_the_database_answers(served: tuple[FakeApplication, str]):
    _, base = served
    async with httpx.AsyncClient() as client:
        health = await client.get(f"{base}/healthz")
    assert health.status_code == 200
    assert health.json() == {
        "mode": "webhook", "database": "ok", "last_update_seconds_ago": None, "healthy": True
    }  # fmt: skip


@pytest.mark.parametrize(
    "unreachable",
    [
        "sqlite+aiosqlite:////nonexistent-directory/bot.sqlite3",
        "postgresql+asyncpg://postgres@127.0.0.1:1/none",
    ],
)
async def test_health_is_503_when_the_database_does_not_answer(unreachable: str):
    engine = create_engine(unreachable)
    port = free_port()
    webhook = Webhook("https://x.example/hook", SECRET, "127.0.0.1", port)
    server = WebhookServer(FakeApplication(Database(engine)), webhook)  # type: ignore[arg-type]
    await server.start()
    try:
        async with httpx.AsyncClient() as client:
            health = await client.get(f"http://127.0.0.1:{port}/healthz")
    finally:
        await server.stop()
        await engine.dispose()
    assert health.status_code == 503


async def test_health_does_not_wait_for_a_writer(tmp_path):
    """Another process holding SQLite's write lock doesn't make the bot look down."""
    path = tmp_path / "bot.sqlite3"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    port = free_port()
    webhook = Webhook("https://x.example/hook", SECRET, "127.0.0.1", port)
    server = WebhookServer(FakeApplication(Database(engine)), webhook)  # type: ignore[arg-type]
    await server.start()
    writer = None
    try:
        async with httpx.AsyncClient() as client:
            assert (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
            writer = sqlite3.connect(path, isolation_level=None)
            writer.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            health = await client.get(f"http://127.0.0.1:{port}/healthz")
            assert health.status_code == 200 and time.monotonic() - started < 1.0
    finally:
        if writer is not None:
            writer.close()
        await server.stop()
        await engine.dispose()


async def test_a_body_over_the_limit_is_refused_unread(served: tuple[FakeApplication, str]):
    application, base = served
    huge = b'{"update_id": 1, "padding": "' + b"x" * 2_000_000 + b'"}'
    async with httpx.AsyncClient() as client:
        refused = await client.post(f"{base}/hook", content=huge, headers={SECRET_HEADER: SECRET})
        # Only POST on the webhook's path; the rest is 404/405 and nothing is handled.
        elsewhere = await client.post(f"{base}/other", json={}, headers={SECRET_HEADER: SECRET})
        get = await client.get(f"{base}/hook")
        handled = await client.post(
            f"{base}/hook", json={"update_id": 7}, headers={SECRET_HEADER: SECRET}
        )
    assert refused.status_code == 413
    assert (elsewhere.status_code, get.status_code) == (404, 405)
    assert handled.status_code == 200
    assert application.handled == [7]


def test_the_health_path_cant_be_the_webhooks():
    webhook = Webhook("https://x.example/healthz", SECRET, "127.0.0.1", 8080)
    with pytest.raises(WebhookUnusable, match="health check"):
        WebhookServer(FakeApplication(None), webhook)  # type: ignore[arg-type]


async def test_a_flood_of_refused_requests_is_one_log_line_a_minute(
    served: tuple[FakeApplication, str], caplog: pytest.LogCaptureFixture, monkeypatch
):
    """A scanner knocking without the secret all day must not fill the log: the first
    refusal is a line, the rest are counted into one line a minute."""
    application, base = served
    clock = [1000.0]
    monkeypatch.setattr("handlers.once.time.monotonic", lambda: clock[0])
    caplog.set_level("WARNING", logger="handlers.webhook")
    async with httpx.AsyncClient() as client:
        for _ in range(50):
            refused = await client.post(f"{base}/hook", json={"update_id": 1})
            assert refused.status_code == 403
        clock[0] += 61
        refused = await client.post(f"{base}/hook", json={"update_id": 1})
    lines = [r.getMessage() for r in caplog.records if r.name == "handlers.webhook"]
    assert lines == [
        "Refused a webhook request without the right secret token",
        "Refused 50 more webhook requests without the right secret token",
    ]
    assert application.handled == []


async def test_an_unreadable_update_is_acknowledged_and_logged_by_a_numeric_id_alone(
    served: tuple[FakeApplication, str], caplog: pytest.LogCaptureFixture
):
    """Even with the secret, a body this PTB can't read is answered 200 (or Telegram would
    post it forever) and logged by its id, only when that is a number."""
    application, base = served
    caplog.set_level("ERROR", logger="handlers.webhook")
    headers = {SECRET_HEADER: SECRET}
    async with httpx.AsyncClient() as client:
        for update_id in (41, "my therapist said", None):
            body = {"update_id": update_id, "message": {"chat": "words of Eve's"}}
            answer = await client.post(f"{base}/hook", json=body, headers=headers)
            assert answer.status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "handlers.webhook"]
    assert lines[0].startswith("Skipping update 41, which can't be read")
    assert [line.split(",")[0] for line in lines[1:]] == ["Skipping update ?"] * 2
    assert not [line for line in lines if "therapist" in line or "Eve" in line]
    assert application.handled == []


async def _closed_by_server(port: int, sent: bytes, within: float) -> bool:
    """Whether the server closes a connection that sent `sent` and then nothing more."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(sent)
        await writer.drain()
        async with asyncio.timeout(within):
            while await reader.read(4096):
                pass
        return True
    except TimeoutError:
        return False
    finally:
        writer.close()


async def test_a_client_that_never_finishes_its_headers_is_dropped(
    database_url: str, monkeypatch: pytest.MonkeyPatch
):
    """A half-sent request (slowloris) holds a connection only as long as the limit."""
    monkeypatch.setattr("handlers.webhook.HEADER_TIMEOUT_SECONDS", 1.0)
    engine = create_engine(database_url)
    port = free_port()
    webhook = Webhook("https://x.example/hook", SECRET, "127.0.0.1", port)
    server = WebhookServer(FakeApplication(Database(engine)), webhook)  # type: ignore[arg-type]
    await server.start()
    try:
        half = b"POST /hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: "
        assert await _closed_by_server(port, half, within=8.0)
    finally:
        await server.stop()
        await engine.dispose()


async def test_a_body_that_never_arrives_whole_is_answered_408(
    database_url: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("handlers.webhook.BODY_TIMEOUT_SECONDS", 1.0)
    engine = create_engine(database_url)
    application = FakeApplication(Database(engine))
    port = free_port()
    webhook = Webhook("https://x.example/hook", SECRET, "127.0.0.1", port)
    server = WebhookServer(application, webhook)  # type: ignore[arg-type]
    await server.start()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {SECRET}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            '{"update_id": '.encode()
        )
        await writer.drain()
        async with asyncio.timeout(8):
            status = await reader.readline()
        assert status.split()[1] == b"408"
        # And the connection closes at once: the rest of the body isn't waited for.
        async with asyncio.timeout(2):
            while await reader.read(4096):
                pass
    finally:
        writer.close()
        await server.stop()
        await engine.dispose()
    assert application.handled == []


async def test_connections_past_the_cap_are_closed_as_they_come(
    served: tuple[FakeApplication, str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    monkeypatch.setattr("handlers.webhook.MAX_CONNECTIONS", 3)
    caplog.set_level("WARNING", logger="handlers.webhook")
    _, base = served
    port = int(base.rsplit(":", 1)[1])
    idle = [await asyncio.open_connection("127.0.0.1", port) for _ in range(3)]
    try:
        await asyncio.sleep(0.2)
        assert await _closed_by_server(port, b"", within=3.0)
    finally:
        for _, writer in idle:
            writer.close()
    lines = [r.getMessage() for r in caplog.records if r.name == "handlers.webhook"]
    assert lines == ["Closed a connection: 3 are open already"]
    # Once they are gone, a request is served again.
    await asyncio.sleep(0.2)
    async with httpx.AsyncClient() as client:
        assert (await client.get(f"{base}/healthz")).status_code == 200


async def test_a_deeply_nested_body_is_400_with_one_line_and_no_traceback(
    served: tuple[FakeApplication, str], caplog: pytest.LogCaptureFixture
):
    application, base = served
    caplog.set_level("DEBUG")
    depth = 100_000
    body = b'{"update_id": 1, "x": ' + b"[" * depth + b"]" * depth + b"}"
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{base}/hook", content=body, headers={SECRET_HEADER: SECRET})
        not_an_update = await client.post(
            f"{base}/hook", content=b"[1, 2]", headers={SECRET_HEADER: SECRET}
        )
    assert (answer.status_code, not_an_update.status_code) == (400, 400)
    assert application.handled == []
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in lines] == [
        "Webhook request with an unreadable body (RecursionError); answered 400",
        "Webhook request whose body is not an update; answered 400",
    ]
    assert not [r for r in lines if r.exc_info]


async def test_the_server_header_names_no_software_or_version(served: tuple[FakeApplication, str]):
    _, base = served
    async with httpx.AsyncClient() as client:
        answers = [
            await client.get(f"{base}/healthz"),
            await client.post(f"{base}/hook", json={"update_id": 1}),  # 403
            await client.post(
                f"{base}/hook", json={"update_id": 2}, headers={SECRET_HEADER: SECRET}
            ),
            await client.get(f"{base}/nowhere"),  # 404
        ]
    assert [a.status_code for a in answers] == [200, 403, 200, 404]
    for answer in answers:
        assert answer.headers["Server"] == "reflection-companion"


async def test_a_failing_health_check_is_one_log_line_a_minute(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    """Asked every few seconds by anyone, during an outage: not a line each."""
    clock = [1000.0]
    monkeypatch.setattr("handlers.once.time.monotonic", lambda: clock[0])
    caplog.set_level("WARNING", logger="handlers.health")
    engine = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/none")
    port = free_port()
    webhook = Webhook("https://x.example/hook", SECRET, "127.0.0.1", port)
    server = WebhookServer(FakeApplication(Database(engine)), webhook)  # type: ignore[arg-type]
    await server.start()
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(30):
                assert (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 503
            clock[0] += 61
            await client.get(f"http://127.0.0.1:{port}/healthz")
    finally:
        await server.stop()
        await engine.dispose()
    lines = [r.getMessage() for r in caplog.records if r.name == "handlers.health"]
    assert len(lines) == 2
    assert lines[0].startswith("Health check: the database did not answer (")
    assert lines[1].startswith("Health check: the database did not answer 30 more times")


async def test_accept_failing_at_the_file_limit_is_one_log_line_a_minute(
    served: tuple[FakeApplication, str], caplog: pytest.LogCaptureFixture
):
    """At the file limit asyncio reports every failed accept(); the server counts them."""
    caplog.set_level("DEBUG")
    loop = asyncio.get_running_loop()
    for _ in range(500):
        loop.call_exception_handler(
            {
                "message": "socket.accept() out of system resource",
                "exception": OSError(errno.EMFILE, "Too many open files"),
            }
        )
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in lines] == [
        "Can't accept connections: out of file descriptors or memory (Too many open files)"
    ]
    assert not lines[0].exc_info


async def test_a_refused_request_is_closed_without_waiting_for_its_body(
    served: tuple[FakeApplication, str],
):
    """A sender without the secret gets 403 and its connection closed: it can't hold one
    open by sending a body slowly."""
    application, base = served
    port = int(base.rsplit(":", 1)[1])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            b"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{"
        )
        await writer.drain()
        async with asyncio.timeout(2):
            status = await reader.readline()
            while await reader.read(4096):
                pass
        assert status.split()[1] == b"403"
    finally:
        writer.close()
    assert application.handled == []

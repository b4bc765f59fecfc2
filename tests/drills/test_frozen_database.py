"""PostgreSQL reachable but silent: a TCP proxy between the bot and the server stops passing
bytes while every socket stays open (a stuck middlebox, a network that drops packets).
Every client who writes meanwhile is told kindly, within seconds, that nothing can be saved
right now; the log says so once, with the cause; when the proxy forwards again (on new
connections: the old ones stay silent for good) the bot carries on by itself, and nothing
is lost: the answers from before are there, and the ones turned away are stored when sent
again."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from emulator import Emulator, SentMessage
from tests.drills.conftest import UNTHROTTLED
from tests.drills.scale import sized
from tests.support import databases as database
from tests.support.players import onboard, the_four_ratings_given
from tests.support.process import BotProcess

CLIENTS = sized(4, 20)
FROZEN = sized(12.0, 60.0)  # seconds the proxy passes nothing
ANSWER_WITHIN = 10.0  # seconds: every client who writes hears back within this
SORRY = "can't save anything right now"
LOUD = ("WARNING", "ERROR", "CRITICAL")
RECOVERED_WITHIN = 20.0  # seconds from the thaw until every client's answer is stored


class SilentProxy:
    """A TCP proxy on 127.0.0.1 to the PostgreSQL server that can go silent: `freeze()`
    stops every connection it carries (bytes are taken in, none passed on, nothing is
    closed), and connections opened while frozen are silent too. `thaw()` lets new
    connections through; the frozen ones stay silent until `close()`."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.frozen = False
        self.port = 0
        self._links: list[_Link] = []
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> SilentProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._server is not None
        self._server.close()
        for link in self._links:
            link.close()
        await self._server.wait_closed()

    def freeze(self) -> None:
        self.frozen = True
        for link in self._links:
            link.silent = True

    def thaw(self) -> None:
        self.frozen = False

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        link = _Link(writer, silent=self.frozen)
        self._links.append(link)
        if link.silent:
            link.tasks.append(asyncio.ensure_future(_swallow(reader)))
            return
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        link.writers.append(up_writer)
        link.tasks += [
            asyncio.ensure_future(link.pump(reader, up_writer)),
            asyncio.ensure_future(link.pump(up_reader, writer)),
        ]


class _Link:
    """One client connection through the proxy, and its upstream one."""

    def __init__(self, writer: asyncio.StreamWriter, *, silent: bool) -> None:
        self.silent = silent
        self.writers = [writer]
        self.tasks: list[asyncio.Future[None]] = []

    async def pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(65536):
            if self.silent:
                await _swallow(reader)  # taken in, never passed on
                return
            writer.write(data)
            await writer.drain()
        writer.close()  # one side hung up: so does the other, as TCP passes on a FIN

    def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        for writer in self.writers:
            writer.close()


async def _swallow(reader: asyncio.StreamReader) -> None:
    while await reader.read(65536):
        pass


@contextlib.asynccontextmanager
async def silent_proxy_to(database_url: str) -> AsyncIterator[tuple[SilentProxy, str]]:
    """The proxy, and the database URL that goes through it."""
    url = make_url(database_url)
    async with SilentProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        proxied = url.set(host="127.0.0.1", port=proxy.port)
        yield proxy, proxied.render_as_string(hide_password=False)


async def test_a_silent_database_gets_every_client_an_answer_and_recovers_by_itself(
    emulator: Emulator, tmp_path: Path, database_url: str
):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite is a file in the bot's own process: there is no connection to freeze")
    async with silent_proxy_to(database_url) as (proxy, proxied_url):
        # The prompt dispatcher looks at the database every half second meanwhile: a
        # background job must neither wedge nor fill the log.
        env = {**UNTHROTTLED, "DISPATCH_INTERVAL_SECONDS": "0.5"}
        bot = BotProcess(emulator, tmp_path, proxied_url, env)
        await bot.start()
        try:
            await _drill(emulator, bot, proxy, database_url)
        finally:
            await bot.stop()


async def _drill(emulator: Emulator, bot: BotProcess, proxy: SilentProxy, direct_url: str) -> None:
    users = [9500 + n for n in range(CLIENTS)]
    await asyncio.gather(*(_first_answer_kept(emulator, u) for u in users))

    logged_before = len(bot.log)
    proxy.freeze()
    frozen_at = time.monotonic()
    waits: list[float] = []

    async def turned_away(user: int, text: str) -> None:
        sent = time.monotonic()
        await emulator.send_text(user, text)
        sorry = await emulator.next_message(user, timeout=ANSWER_WITHIN + 20)
        waits.append(time.monotonic() - sent)
        assert SORRY in (sorry.plain_text or ""), sorry.plain_text

    # Everyone at once, as the freeze begins; then each again a little later, as people do.
    await asyncio.gather(*(turned_away(u, f"{u} during the freeze") for u in users))
    await asyncio.gather(*(turned_away(u, f"{u} during the freeze") for u in users))
    assert max(waits) < ANSWER_WITHIN, sorted(waits)
    # One line for the operator, naming the cause; not one per update.
    said = bot.log[logged_before:].splitlines()
    outage_lines = [line for line in said if any(f" {level} " in line for level in LOUD)]
    assert len(outage_lines) == 1, outage_lines
    assert "isn't answering: no answer in time" in outage_lines[0]
    await asyncio.sleep(max(0.0, FROZEN - (time.monotonic() - frozen_at)))

    proxy.thaw()
    thawed_at = time.monotonic()

    async def kept(user: int) -> float:
        await emulator.send_text(user, f"{user} during the freeze")
        reply = await emulator.next_message(user, timeout=RECOVERED_WITHIN + 10)
        assert (reply.plain_text or "").startswith("Kept."), reply.plain_text
        return time.monotonic() - thawed_at

    recovered = await asyncio.gather(*(kept(u) for u in users))
    assert max(recovered) < RECOVERED_WITHIN, recovered

    for user in users:
        # Straight to the server: the proxy runs on this thread's event loop, which a query
        # here would block.
        rows = database.query(
            direct_url,
            "SELECT question, text FROM answers WHERE user_id = ? AND text IS NOT NULL ORDER BY id",
            user,
        )
        texts = {question: bot.decrypt(text) for question, text in rows}
        assert texts == {
            "progress": f"{user} before the freeze",
            "obstacles": f"{user} during the freeze",
        }, texts
    log = bot.log
    assert "the freeze" not in log, "a client's words reached the log"
    assert "answers again" in log
    print(
        f"\nfrozen database drill: {CLIENTS} clients, frozen {FROZEN:.0f} s; "
        f"replies during the freeze within {min(waits):.1f}-{max(waits):.1f} s; "
        f"every client stored again {max(recovered):.1f} s after the thaw\n"
        f"{outage_lines[0]}"
    )


async def _first_answer_kept(emulator: Emulator, user: int) -> SentMessage:
    """The client rates the first four questions and answers the fifth in words; returns
    the sixth question (a text one)."""
    await onboard(emulator, user)
    question = await the_four_ratings_given(emulator, user)
    await emulator.send_text(user, f"{user} before the freeze")
    question = await emulator.next_message(user)
    assert (question.plain_text or "").startswith("Kept."), question.plain_text
    assert "Question 6 of 10" in (question.plain_text or "")
    return question

"""Webhook delivery as Telegram does it: posted with the secret, kept until a 2xx, tried
again after a failure, one chat at a time in order, and spread over local targets in turn
with a target that is down skipped."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiohttp import web

from emulator import Emulator
from emulator.webhooks import SECRET_HEADER
from tests.emulator.botapi import BotApi
from tests.support.players import until

HOOK = "https://bot.example.org/telegram"
SECRET = "s3cret_-token"
INLINE_QUERY = {
    "inline_query": {
        "id": "1",
        "from": {"id": 1001, "is_bot": False, "first_name": "A"},
        "query": "",
        "offset": "",
    }
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Target:
    """Stands in for the bot's webhook: records what is posted, answers as it is told."""

    def __init__(self, port: int = 0, *, hold: float = 0.0) -> None:
        self.port = port or free_port()
        self.hold = hold  # seconds each request takes
        self.answers: list[int] = []  # statuses to answer first; 200 after them
        self.received: list[dict[str, Any]] = []
        self.secrets: list[str | None] = []
        self.busy: list[int] = []  # chat ids of the requests in hand
        self.most_busy = 0
        self.overlapped_in_one_chat = False
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    def update_ids(self) -> list[int]:
        return [update["update_id"] for update in self.received]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/telegram", self._on_post)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _on_post(self, request: web.Request) -> web.Response:
        update = await request.json()
        chat = _chat_of(update)
        self.overlapped_in_one_chat |= chat in self.busy
        self.busy.append(chat)
        self.most_busy = max(self.most_busy, len(self.busy))
        try:
            await asyncio.sleep(self.hold)
        finally:
            self.busy.remove(chat)
        self.received.append(update)
        self.secrets.append(request.headers.get(SECRET_HEADER))
        return web.Response(status=self.answers.pop(0) if self.answers else 200)


def _chat_of(update: dict[str, Any]) -> int:
    body = next(value for key, value in update.items() if key != "update_id")
    return int(body.get("chat", {}).get("id", body.get("from", {}).get("id", 0)))


@pytest.fixture
async def target() -> AsyncIterator[Target]:
    hook = Target()
    await hook.start()
    yield hook
    await hook.stop()


async def _set_webhook(api: BotApi, **params: Any) -> None:
    assert await api.ok("setWebhook", url=HOOK, secret_token=SECRET, **params)


async def test_an_update_is_posted_with_the_secret_and_a_2xx_acknowledges_it(
    api: BotApi, emu: Emulator, target: Target
) -> None:
    emu.set_webhook_targets([target.url])
    sent = await emu.send_text(1001, "hello")
    await _set_webhook(api)
    await until(lambda: emu.pending_updates() == 0, within=5)
    assert [update["message"] for update in target.received] == [sent]
    assert target.secrets == [SECRET]
    info = await api.ok("getWebhookInfo")
    assert info["url"] == HOOK and info["pending_update_count"] == 0
    assert "last_error_message" not in info
    assert [d.ok for d in emu.webhook_deliveries] == [True]
    # As at Telegram: no polling while a webhook is set.
    assert "webhook is active" in await api.error("getUpdates", 409)


async def test_one_chats_updates_go_one_at_a_time_in_order_and_chats_side_by_side(
    api: BotApi, emu: Emulator
) -> None:
    hook = Target(hold=0.15)
    await hook.start()
    try:
        emu.set_webhook_targets([hook.url])
        for n in range(3):
            await emu.send_text(1001, f"a{n}")
            await emu.send_text(2002, f"b{n}")
        await _set_webhook(api)
        await until(lambda: emu.pending_updates() == 0, within=5)
    finally:
        await hook.stop()
    texts = [update["message"]["text"] for update in hook.received]
    assert [t for t in texts if t.startswith("a")] == ["a0", "a1", "a2"]
    assert [t for t in texts if t.startswith("b")] == ["b0", "b1", "b2"]
    assert not hook.overlapped_in_one_chat
    assert hook.most_busy == 2  # the two chats at once


async def test_max_connections_caps_the_posts_in_flight(api: BotApi, emu: Emulator) -> None:
    hook = Target(hold=0.1)
    await hook.start()
    try:
        emu.set_webhook_targets([hook.url])
        for user in (1001, 2002, 3003):
            await emu.send_text(user, "hi")
        await _set_webhook(api, max_connections=1)
        await until(lambda: emu.pending_updates() == 0, within=5)
    finally:
        await hook.stop()
    assert hook.most_busy == 1
    assert hook.update_ids() == sorted(hook.update_ids())


async def test_a_500_leaves_the_update_pending_and_it_is_posted_again(
    api: BotApi, emu: Emulator, target: Target
) -> None:
    target.answers = [500]
    emu.set_webhook_targets([target.url])
    await emu.send_text(1001, "first")
    await emu.send_text(1001, "second")
    await _set_webhook(api)
    await until(lambda: emu.pending_updates() == 0, within=5)
    # The failed one again, and only then the chat's next one.
    assert [u["message"]["text"] for u in target.received] == ["first", "first", "second"]
    failed, retried = emu.webhook_deliveries[:2]
    assert failed.status == 500 and retried.ok
    assert retried.started - failed.finished >= 0.15  # a pause before trying again
    info = await api.ok("getWebhookInfo")
    assert (
        info["last_error_message"] == "Wrong response from the webhook: 500 Internal Server Error"
    )
    assert isinstance(info["last_error_date"], int)


async def test_a_refused_connection_is_tried_again_until_the_bot_listens(
    api: BotApi, emu: Emulator
) -> None:
    hook = Target()  # not started yet: nobody listens on its port
    emu.set_webhook_targets([hook.url])
    await emu.send_text(1001, "are you there?")
    await _set_webhook(api)
    await until(lambda: len(emu.webhook_deliveries) >= 2, within=5)
    assert emu.pending_updates() == 1
    assert {d.error for d in emu.webhook_deliveries} == {"Connection refused"}
    assert (await api.ok("getWebhookInfo"))["last_error_message"] == "Connection refused"
    await hook.start()
    try:
        await until(lambda: emu.pending_updates() == 0, within=5)
    finally:
        await hook.stop()
    assert [u["message"]["text"] for u in hook.received] == ["are you there?"]


async def test_an_answer_that_takes_too_long_is_posted_again() -> None:
    async with Emulator(webhook_timeout_seconds=0.3) as emu, httpx.AsyncClient() as client:
        api = BotApi(client, emu)
        hook = Target(hold=0.5)
        await hook.start()
        try:
            emu.set_webhook_targets([hook.url])
            await emu.send_text(1001, "slow")
            await _set_webhook(api)
            await until(lambda: len(emu.webhook_deliveries) >= 1, within=5)
            hook.hold = 0.0
            await until(lambda: emu.pending_updates() == 0, within=5)
        finally:
            await hook.stop()
        first = emu.webhook_deliveries[0]
        assert first.status is None and first.error == "Read timeout expired"


async def test_two_targets_take_turns_and_one_that_is_down_is_skipped(
    api: BotApi, emu: Emulator
) -> None:
    first, second = Target(), Target()
    await first.start()
    await second.start()
    try:
        emu.set_webhook_targets([first.url, second.url])
        await _set_webhook(api)
        for n in range(4):
            await emu.send_text(1001, f"turn {n}")
            await until(lambda: emu.pending_updates() == 0, within=5)
        assert len(first.received) == len(second.received) == 2
        assert [d.target for d in emu.webhook_deliveries] == [first.url, second.url] * 2

        await first.stop()  # one replica goes down: the other takes everything
        for n in range(3):
            await emu.send_text(1001, f"after {n}")
        await until(lambda: emu.pending_updates() == 0, within=5)
        after = [u["message"]["text"] for u in second.received[2:]]
        assert after == ["after 0", "after 1", "after 2"]
        refused = [d for d in emu.webhook_deliveries if d.target == first.url and not d.ok]
        assert refused and all(d.error == "Connection refused" for d in refused)
    finally:
        await first.stop()
        await second.stop()


async def test_allowed_updates_from_set_webhook_keep_other_types_away(
    api: BotApi, emu: Emulator, target: Target
) -> None:
    emu.set_webhook_targets([target.url])
    await emu.send_update(INLINE_QUERY)
    await emu.send_text(1001, "hello")
    await _set_webhook(api, allowed_updates=["message"])
    await until(lambda: emu.pending_updates() == 0, within=5)
    assert [next(k for k in u if k != "update_id") for u in target.received] == ["message"]
    assert (await api.ok("getWebhookInfo"))["allowed_updates"] == ["message"]


async def test_ignore_allowed_updates_delivers_every_type_by_webhook_too(target: Target) -> None:
    async with (
        Emulator(ignore_allowed_updates=True, webhook_targets=[target.url]) as emu,
        httpx.AsyncClient() as client,
    ):
        await emu.send_update(INLINE_QUERY)
        await _set_webhook(BotApi(client, emu), allowed_updates=["message"])
        await until(lambda: emu.pending_updates() == 0, within=5)
    assert [next(k for k in u if k != "update_id") for u in target.received] == ["inline_query"]


async def test_without_targets_nothing_leaves_and_updates_wait(api: BotApi, emu: Emulator) -> None:
    await emu.send_text(1001, "hello")
    await _set_webhook(api)
    await asyncio.sleep(0.3)
    assert emu.pending_updates() == 1 and emu.webhook_deliveries == []
    # Back to polling: the update is still there.
    assert await api.ok("deleteWebhook")
    assert len(await api.ok("getUpdates")) == 1


async def test_no_secret_no_header(api: BotApi, emu: Emulator, target: Target) -> None:
    emu.set_webhook_targets([target.url])
    await emu.send_text(1001, "hello")
    assert await api.ok("setWebhook", url=HOOK)
    await until(lambda: emu.pending_updates() == 0, within=5)
    assert target.secrets == [None]


async def test_a_webhook_must_be_https_and_targets_must_be_local(
    api: BotApi, emu: Emulator
) -> None:
    description = await api.error("setWebhook", 400, url="http://bot.example.org/telegram")
    assert description == "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
    with pytest.raises(ValueError, match="must be on 127"):
        emu.set_webhook_targets(["http://example.org/telegram"])
    with pytest.raises(ValueError, match="must be on 127"):
        Emulator(webhook_targets=["https://10.0.0.1/telegram"])

"""Webhook delivery: once setWebhook is called, the emulator POSTs each update to the bot,
as Telegram does, and keeps it until the bot answers with a 2xx.

Like Telegram: the update as JSON with the secret token in X-Telegram-Bot-Api-Secret-Token;
a non-2xx answer, a refused connection or a timeout leaves it pending, and it is posted
again after a pause (`retry_seconds`), with the failure in getWebhookInfo's
last_error_message. One chat's updates go one at a time and in order (the next only after
the previous was acknowledged); different chats' concurrently, up to max_connections.

Unlike Telegram, nothing leaves 127.0.0.1: the webhook's public URL is never contacted.
Deliveries go to the local targets the driver names (`Emulator(webhook_targets=[...])`),
in turn, as a load balancer spreads them over replicas; a target that refuses the
connection is skipped for the next one, so a replica that is down leaves the others
serving. Without targets nothing is delivered, as for a URL Telegram can't reach.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from emulator.world import World

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass
class Delivery:
    """One POST of an update to a target, and how it went."""

    update_id: int
    target: str
    status: int | None  # None: no HTTP answer (refused, reset or timed out)
    error: str | None  # Telegram's wording, as in getWebhookInfo's last_error_message
    started: float  # time.monotonic()
    finished: float

    @property
    def ok(self) -> bool:
        """Whether the bot acknowledged the update."""
        return self.status is not None and 200 <= self.status < 300


def local_target(url: str) -> str:
    """`url` if it is an http(s) URL on this machine; a ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname not in _LOCAL_HOSTS:
        raise ValueError(f"webhook targets must be on 127.0.0.1 or localhost, not {url!r}")
    return url


def chat_key(update: dict[str, Any]) -> object:
    """What one-at-a-time delivery is per: the update's chat, else its user, else itself."""
    for key, value in update.items():
        if key == "update_id" or not isinstance(value, dict):
            continue
        chat = value.get("chat")
        message = value.get("message")
        if not isinstance(chat, dict) and isinstance(message, dict):
            chat = message.get("chat")  # a callback query
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return ("chat", chat["id"])
        sender = value.get("from") or value.get("user")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return ("user", sender["id"])
    return ("update", update.get("update_id"))


class WebhookSender:
    """Posts the pending updates to the targets while a webhook is set."""

    def __init__(
        self,
        world: World,
        targets: Iterable[str] = (),
        *,
        retry_seconds: float = 0.2,
        timeout_seconds: float = 30.0,
    ) -> None:
        self._world = world
        self._queue = world.updates
        self.targets: list[str] = [local_target(url) for url in targets]
        self.retry_seconds = retry_seconds
        self.timeout_seconds = timeout_seconds
        self.deliveries: list[Delivery] = []
        self._turn = itertools.count()
        self._in_flight: dict[int, object] = {}  # update_id -> chat key
        self._retry_at: dict[int, float] = {}  # update_id -> loop time of the next try
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop_task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._warned = False

    def set_targets(self, urls: Iterable[str]) -> None:
        """Deliver to these local URLs from now on, in turn."""
        self.targets = [local_target(url) for url in urls]
        self._queue.signal.notify()

    def start(self) -> None:
        """Begin delivering (in the running event loop)."""
        self._session = aiohttp.ClientSession()
        self._loop_task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop delivering; posts in flight are abandoned (their updates stay pending)."""
        tasks = [*self._tasks, *([self._loop_task] if self._loop_task else [])]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._loop_task = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        while True:
            pause = self._launch_ready()
            await self._queue.signal.wait(pause)

    def _launch_ready(self) -> float | None:
        """Start posting every update that may go now; seconds until a retry is due."""
        webhook = self._world.webhook
        if not webhook.url:
            return None
        if not self.targets:
            if not self._warned and self._queue.pending_count():
                self._warned = True
                logger.warning("A webhook is set but no webhook_targets: nothing is delivered")
            return None
        now = asyncio.get_running_loop().time()
        taken = set(self._in_flight.values())  # chats with an update on its way
        soonest: float | None = None
        for update in self._queue.deliverable():
            update_id, key = int(update["update_id"]), chat_key(update)
            if update_id in self._in_flight or key in taken:
                continue
            # This is the chat's oldest update: its later ones wait for it, sent or not.
            taken.add(key)
            due = self._retry_at.get(update_id, now)
            if due > now:
                soonest = due - now if soonest is None else min(soonest, due - now)
                continue
            if len(self._in_flight) >= max(webhook.max_connections, 1):
                break
            self._in_flight[update_id] = key
            task = asyncio.get_running_loop().create_task(self._deliver(update))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return soonest

    async def _deliver(self, update: dict[str, Any]) -> None:
        update_id = int(update["update_id"])
        try:
            delivered = await self._post(update)
        finally:
            del self._in_flight[update_id]
        if delivered:
            self._retry_at.pop(update_id, None)
            self._queue.acknowledge_one(update_id)
        else:
            self._retry_at[update_id] = asyncio.get_running_loop().time() + self.retry_seconds
        self._queue.signal.notify()
        self._world.changed.notify()

    async def _post(self, update: dict[str, Any]) -> bool:
        """POST to the next target in turn, on to the one after it while they refuse."""
        assert self._session is not None
        targets = list(self.targets)
        first = next(self._turn)
        secret = self._world.webhook.secret_token
        headers = {SECRET_HEADER: secret} if secret else {}
        timeout = aiohttp.ClientTimeout(total=self.timeout_seconds)
        for index in range(len(targets)):
            target = targets[(first + index) % len(targets)]
            started = time.monotonic()
            try:
                async with self._session.post(
                    target, json=update, headers=headers, timeout=timeout
                ) as response:
                    await response.read()
                    status, reason = response.status, response.reason
            except aiohttp.ClientConnectorError:
                self._record(update, target, None, "Connection refused", started)
                continue  # nobody listening there: the next target
            except TimeoutError:
                self._record(update, target, None, "Read timeout expired", started)
                return False
            except aiohttp.ClientError as problem:
                self._record(update, target, None, f"Connection failed: {problem}", started)
                return False
            if 200 <= status < 300:
                self._record(update, target, status, None, started)
                return True
            error = f"Wrong response from the webhook: {status} {reason or ''}".rstrip()
            self._record(update, target, status, error, started)
            return False
        return False

    def _record(
        self,
        update: dict[str, Any],
        target: str,
        status: int | None,
        error: str | None,
        started: float,
    ) -> None:
        update_id = int(update["update_id"])
        self.deliveries.append(
            Delivery(update_id, target, status, error, started, time.monotonic())
        )
        if error is not None:
            self._world.webhook.last_error_date = self._world.now()
            self._world.webhook.last_error_message = error
            logger.debug("webhook delivery of update %d to %s: %s", update_id, target, error)

"""Sending at the pace Telegram allows, where one chat's flood limit delays only that chat.

PTB's AIORateLimiter holds every request of the bot while it waits out any 429: a client
whose chat is over Telegram's one message a second would stall everyone's replies. Here
the overall rate is kept as AIORateLimiter keeps it (a leaky bucket over calls that name
a chat; groups also at their own rate), and a 429 for a chat makes only that chat's later
calls wait; a 429 for a call that names no chat holds everyone, as Telegram meant.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from handlers.metrics import Metrics

logger = logging.getLogger(__name__)

# Telegram: about 20 messages a minute in a group.
GROUP_MESSAGES_PER_MINUTE = 20
# Chats remembered at most before those no longer waiting are forgotten.
_REMEMBERED = 512


class ChatPacing(BaseRateLimiter[int]):
    """The bot's overall send rate, and Telegram's flood waits, per chat."""

    def __init__(
        self, overall_max_rate: float, max_retries: int = 3, metrics: Metrics | None = None
    ) -> None:
        self._metrics = metrics
        self._overall = AsyncLimiter(overall_max_rate, 1)
        self._max_retries = max_retries
        self._groups: dict[int | str, AsyncLimiter] = {}
        # Monotonic moments before which a chat (or, under None, everyone) must not send.
        self._not_before: dict[int | str | None, float] = {}

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Make the call at the allowed pace, waiting out a 429 for its chat and trying
        again, at most `max_retries` times."""
        chat = _chat_of(data.get("chat_id"))
        retries = rate_limit_args or self._max_retries
        for attempt in range(retries + 1):
            await self._wait_for(chat)
            try:
                return await self._paced(chat, callback, args, kwargs)
            except RetryAfter as flood:
                if self._metrics is not None:
                    self._metrics.flood_waits.inc()
                if attempt == retries:
                    raise
                if self._metrics is not None:
                    self._metrics.retries.inc()
                pause = retry_seconds(flood.retry_after) + 0.1
                logger.info("Flood limit hit by %s; that chat waits %.1f s", endpoint, pause)
                until = time.monotonic() + pause
                self._forget_past()
                self._not_before[chat] = max(until, self._not_before.get(chat, 0.0))
        raise AssertionError("unreachable")

    async def _paced(
        self,
        chat: int | str | None,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
    ) -> bool | JSONDict | list[JSONDict]:
        if chat is None:
            return await callback(*args, **kwargs)
        group = self._group(chat) if _is_group(chat) else None
        async with group or contextlib.nullcontext(), self._overall:
            return await callback(*args, **kwargs)

    async def _wait_for(self, chat: int | str | None) -> None:
        """Until neither this chat nor everyone is held by a flood wait."""
        while True:
            until = max(self._not_before.get(chat, 0.0), self._not_before.get(None, 0.0))
            delay = until - time.monotonic()
            if delay <= 0:
                return
            await asyncio.sleep(delay)

    def _group(self, chat: int | str) -> AsyncLimiter:
        limiter = self._groups.get(chat)
        if limiter is None:
            if len(self._groups) > _REMEMBERED:
                for key, old in list(self._groups.items()):
                    if old.has_capacity(old.max_rate):
                        del self._groups[key]
            limiter = self._groups[chat] = AsyncLimiter(GROUP_MESSAGES_PER_MINUTE, 60)
        return limiter

    def _forget_past(self) -> None:
        if len(self._not_before) <= _REMEMBERED:
            return
        now = time.monotonic()
        for key, until in list(self._not_before.items()):
            if until <= now:
                del self._not_before[key]


def _chat_of(chat_id: object) -> int | str | None:
    """The chat a call is for: a number, a @channel name, or None."""
    if chat_id is None:
        return None
    if isinstance(chat_id, int):
        return chat_id
    text = str(chat_id)
    return int(text) if text.lstrip("-").isdecimal() else text


def _is_group(chat: int | str) -> bool:
    """Groups and channels have negative ids or @names (as AIORateLimiter tells them)."""
    return isinstance(chat, str) or chat < 0


def retry_seconds(retry_after: object) -> float:
    """RetryAfter.retry_after is seconds, or a timedelta in newer PTB releases."""
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after) if isinstance(retry_after, int | float) else 1.0

"""Sending a reply, and trying again when Telegram or the network briefly fails."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, TimedOut

from features.kernel.texts import render
from features.kernel.vocabulary import Reply
from handlers.context import BotContext
from handlers.keyboards import keyboard

logger = logging.getLogger(__name__)

# Pauses between attempts to send a reply; Telegram's brief 5xx and network blips pass.
SEND_RETRY_PAUSES = (0.5, 1.5)


async def send(
    context: BotContext, chat_id: int, reply: Reply, language: str, *, at_most_once: bool = False
) -> None:
    """Send one catalogue reply with its buttons, trying again after a network failure or a
    server error (flood limits are waited out by the rate limiter). `at_most_once`: not
    after a timeout, when the message has most likely arrived (TimedOut is raised)."""
    await retrying(
        lambda: context.bot.send_message(
            chat_id,
            render(reply.text, language, **reply.args),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(reply.buttons, language),
        ),
        at_most_once=at_most_once,
    )


async def retrying(
    call: Callable[[], Awaitable[Any]], what: str = "message", *, at_most_once: bool = False
) -> None:
    """Make a sending call, trying again after a network blip or a server error."""
    for attempt, pause in enumerate((*SEND_RETRY_PAUSES, None)):
        try:
            await call()
            return
        except NetworkError as problem:  # not Forbidden: that won't mend
            if (
                pause is None
                or isinstance(problem, BadRequest)  # a NetworkError in PTB; it won't mend either
                or (at_most_once and isinstance(problem, TimedOut))
            ):
                raise
            logger.warning(
                "Sending a %s failed (%s), attempt %d", what, type(problem).__name__, attempt + 1
            )
            await asyncio.sleep(pause)

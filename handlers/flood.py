"""Answering an update turned away at the door (`handlers.ordering.SenderRate`): past a sender's
rate, a message is not kept; they hear it once per window, kindly, and a button press is
always answered, so its spinner stops."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application

from features.kernel.texts import plain, render
from handlers.outbox import Outbox

logger = logging.getLogger(__name__)


class TurnAway:
    """Called by the update processor for each update past its sender's rate."""

    def __init__(self, application: Application, outbox: Outbox) -> None:  # type: ignore[type-arg]
        self._application = application
        self._outbox = outbox
        self._answering: set[asyncio.Task[None]] = set()

    def __call__(self, update: Update, warn: bool) -> None:
        query = update.callback_query
        if query is not None:
            # Answered at once, not behind the chat's queued replies: Telegram refuses an
            # answer to a press more than a few seconds old.
            task = asyncio.get_running_loop().create_task(self._answer(update))
            self._answering.add(task)
            task.add_done_callback(self._answering.discard)
            return
        chat = update.effective_chat
        if not warn or chat is None or chat.type != chat.PRIVATE:
            return
        language = update.effective_user.language_code if update.effective_user else None
        text = render("flood.slow_down", language or "en")
        chat_id = chat.id

        async def slow_down() -> None:
            try:
                await self._application.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
            except TelegramError as problem:
                logger.info("Asking a sender to slow down failed (%s)", type(problem).__name__)

        # After the replies to what was kept, so the words "the last few" are true.
        self._outbox.post(self._application, chat_id, None, slow_down)

    async def _answer(self, update: Update) -> None:
        assert update.callback_query is not None
        language = update.effective_user.language_code if update.effective_user else None
        try:
            await update.callback_query.answer(plain("flood.slow_down_press", language or "en"))
        except TelegramError as problem:
            logger.info("Answering a press turned away failed (%s)", type(problem).__name__)

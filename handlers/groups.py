"""Group and channel chats: the bot works only in private, and stores nothing from groups."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from features.kernel.texts import render
from handlers.context import BotContext

logger = logging.getLogger(__name__)


# Commands in a group that get the pointer to the private chat; others are ignored, so a
# group isn't answered on every command.
_ANSWERED = ("start", "help")


async def on_group_command(update: Update, context: BotContext) -> None:
    """/start or /help in a group (or a command addressed to the bot by name) gets a pointer
    to the private chat; nothing is stored. Channels get nothing: it would be a public post."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or message.text is None or chat.type == chat.CHANNEL:
        return
    head = message.text.split(maxsplit=1)[0].removeprefix("/").lower()
    name, _, addressed = head.partition("@")
    ours = (context.bot.username or "").lower()
    if addressed and addressed != ours:
        return  # /start@another_bot is for that bot
    if name not in _ANSWERED and addressed != ours:
        return
    # A courtesy, sent in the background: Telegram allows only 20 messages a minute in a
    # group, and waiting for that here would hold up every client's updates behind it.
    # In the language of whoever asked (a group has no language of its own).
    language = update.effective_user.language_code if update.effective_user else None
    context.in_background(point_to_private(context, chat.id, language))


async def point_to_private(context: BotContext, chat_id: int, language: str | None) -> None:
    """Tell a group the bot works in a private chat (run it in the background)."""
    try:
        await context.bot.send_message(
            chat_id, render("private_only", language or "en", bot_username=context.bot.username)
        )
    except TelegramError as problem:
        # The group doesn't let the bot post, or the message is gone: so be it.
        logger.info("Could not point a group to the private chat (%s)", type(problem).__name__)


async def ignore(update: Update, context: BotContext) -> None:
    """Group messages, channel posts and service messages are not for us; ignoring them is
    deliberate."""

"""Group and channel chats: the bot works only in private, and stores nothing from groups."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.texts import render


async def on_group_command(update: Update, context: BotContext) -> None:
    """A command in a group gets a pointer to the private chat; nothing is stored."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(render("private_only", bot_username=context.bot.username))


async def ignore(update: Update, context: BotContext) -> None:
    """Group messages, channel posts and service messages are not for us; ignoring them is
    deliberate."""

"""What Telegram shows of the bot before and around a chat, in each language the bot
speaks: the command menu, the description (an empty chat's "What can this bot do?") and the
short description (the profile, shared links). Registered once at start, for everyone; no
client's choice registers anything (Telegram picks by the client's app language)."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats
from telegram.error import TelegramError

from features.kernel.texts import DEFAULT_LANGUAGE, offered, plain
from features.router import MENU

logger = logging.getLogger(__name__)


async def register(bot: Bot) -> None:
    """English as every language's fallback (no language code), then each other language
    offered. The menu in the default scope (as before) and in private chats, where the bot
    works. The default menu must be registered for the bot to start, as before; what
    Telegram refuses of the rest is logged and the start goes on (the default menu and
    English description stand in)."""
    await bot.set_my_commands(_commands(DEFAULT_LANGUAGE))
    for language in offered():
        code = None if language == DEFAULT_LANGUAGE else language
        try:
            await bot.set_my_commands(
                _commands(language), scope=BotCommandScopeAllPrivateChats(), language_code=code
            )
            await bot.set_my_description(plain("bot.description", language), language_code=code)
            await bot.set_my_short_description(
                plain("bot.short_description", language), language_code=code
            )
        except TelegramError as problem:
            # A refusal or a flood wait: the default menu stands meanwhile, in English.
            logger.warning(
                "Telegram refused the bot's menu or description in %s (%s)",
                language,
                problem.message,
            )


def _commands(language: str) -> list[BotCommand]:
    return [BotCommand(command.name, plain(command.description, language)) for command in MENU]

"""A bare aiogram 3 echo bot, for context beside the python-telegram-bot one.

`python -m benchmarks.echo_aiogram` reads TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL (in
PTB's form, ending in /bot) like the other bots do. aiogram's defaults: each update is
handled as a task of its own, so updates run concurrently. Needs the `bench` extra:
`pip install -e ".[bench]"`.
"""

from __future__ import annotations

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, Message

DEFAULT_BASE_URL = "https://api.telegram.org/bot"

dispatcher = Dispatcher()


@dispatcher.message(F.text)
async def echo(message: Message) -> None:
    """Send the client's text straight back."""
    await message.answer(message.text or "")


@dispatcher.callback_query()
async def pressed(query: CallbackQuery, bot: Bot) -> None:
    """Answer the press, then send the button's data back as a message."""
    await query.answer()
    if query.message is not None:
        await bot.send_message(query.message.chat.id, query.data or "")


async def serve() -> None:
    """Poll until SIGINT or SIGTERM (aiogram's own signal handling)."""
    base = os.environ.get("TELEGRAM_API_BASE_URL", DEFAULT_BASE_URL).removesuffix("/bot")
    session = AiohttpSession(api=TelegramAPIServer.from_base(base))
    bot = Bot(os.environ["TELEGRAM_BOT_TOKEN"], session=session)
    # As PTB does before polling; the benchmark also takes it as the sign of being ready.
    await bot.delete_webhook()
    await dispatcher.start_polling(bot)


def main() -> None:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING").upper())
    asyncio.run(serve())


if __name__ == "__main__":
    main()

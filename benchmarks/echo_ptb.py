"""A bare python-telegram-bot echo bot: the yardstick the full bot is measured against.

`python -m benchmarks.echo_ptb` reads TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL like the
bot does. PTB's defaults on purpose (updates processed one after another); `--concurrent`
turns on PTB's own concurrent_updates for comparison.
"""

from __future__ import annotations

import argparse
import logging
import os

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the client's text straight back."""
    message = update.effective_message
    if message is not None and message.text is not None:
        await context.bot.send_message(message.chat_id, message.text)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the press, then send the button's data back as a message."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_message(chat.id, query.data or "")


def main(argv: list[str] | None = None) -> None:
    """Build the echo bot from the environment and poll until SIGINT or SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.echo_ptb", description=__doc__)
    parser.add_argument(
        "--concurrent", action="store_true", help="PTB's concurrent_updates=True (default: off)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING").upper())
    builder = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ.get("TELEGRAM_API_BASE_URL", DEFAULT_BASE_URL))
    )
    if args.concurrent:
        builder = builder.concurrent_updates(True)
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(pressed))
    application.run_polling()


if __name__ == "__main__":
    main()

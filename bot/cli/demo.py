"""`python -m bot demo`: chat with the real bot in this terminal, no token needed.

The emulator (a local Bot API server) and the bot run in one process on a temporary
database; what you type is sent as a Telegram user would send it, and the bot's messages
are printed with their buttons numbered.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
import textwrap
from pathlib import Path

from pydantic import SecretStr

from bot.app import build_application
from bot.config import Settings
from bot.logs import configure_logging
from bot.serve import serve
from emulator import Emulator, SentMessage
from storage.crypto import new_key

YOU = 424242  # the demo user's Telegram id
QUIET_FOR = 0.4  # seconds without a new bot call that count as "the bot has answered"
INTRO = """\
This is a demo: you are chatting with the bot as a Telegram user would, through a local
stand-in for Telegram. Nothing leaves this machine, and everything is forgotten at the end.
Type a message and press Enter. When the bot shows buttons, type a button's number.
Start with /start. /quit or Ctrl-D ends the demo.
"""


def run_demo(settings: Settings) -> int:
    """Run the demo until the person quits."""
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends the demo like /quit
        asyncio.run(_demo(settings))
    print("\nDemo ended.")
    return 0


async def _demo(settings: Settings) -> None:
    with tempfile.TemporaryDirectory(prefix="reflection-demo-") as workdir:
        async with Emulator(bot_username="reflection_demo_bot") as emulator:
            demo_settings = settings.model_copy(
                update={
                    "telegram_bot_token": SecretStr(emulator.token),
                    "telegram_api_base_url": emulator.base_url,
                    "database_url": f"sqlite+aiosqlite:///{Path(workdir) / 'demo.sqlite3'}",
                    # A key for this demo only, forgotten with its database.
                    "encryption_key": SecretStr(new_key()),
                }
            )
            # The terminal is for the conversation; only real problems are logged.
            configure_logging("WARNING", secrets=[emulator.token])
            application = build_application(demo_settings, emulator.token)
            await serve(application, until=lambda: _converse(emulator))


async def _converse(emulator: Emulator) -> None:
    print(INTRO)
    shown: dict[int, int] = {}  # message id -> edits already printed
    while True:
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line or line.strip() in ("/quit", "/exit"):
            return
        text = line.strip()
        if not text:
            continue
        calls_before = len(emulator.calls)
        with_buttons = _last_with_buttons(emulator)
        if text.isdigit() and with_buttons is not None:
            choices = [data for row in with_buttons.buttons for _, data in row]
            if 1 <= int(text) <= len(choices) and choices[int(text) - 1]:
                await emulator.press(YOU, with_buttons, choices[int(text) - 1] or "")
            else:
                print(f"  (type a number from 1 to {len(choices)}, or a message)")
                continue
        else:
            await emulator.send_text(YOU, text)
        await _settle(emulator, calls_before)
        shown = _show_new(emulator, shown, calls_before)


async def _settle(emulator: Emulator, calls_before: int) -> None:
    """Wait until the bot has answered: a first call, then a short quiet spell."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    seen = calls_before
    quiet_since = loop.time()
    while loop.time() < deadline:
        await asyncio.sleep(0.05)
        now = len(_replies(emulator, calls_before))
        if now != seen:
            seen, quiet_since = now, loop.time()
        elif now > 0 and loop.time() - quiet_since >= QUIET_FOR:
            return


def _replies(emulator: Emulator, since: int) -> list[object]:
    return [
        call
        for call in emulator.calls[since:]
        if call.method.lower() not in ("getupdates", "getme", "deletewebhook")
    ]


def _show_new(emulator: Emulator, shown: dict[int, int], calls_before: int) -> dict[int, int]:
    """Print the bot messages that arrived or were redrawn (a toggled button) since the last
    time, and any notice the bot showed."""
    for call in emulator.calls[calls_before:]:
        if call.method.lower() == "answercallbackquery" and call.params.get("text"):
            print(f"  (notice: {call.params['text']})\n")
    for message in emulator.messages(YOU):
        seen = shown.get(message.message_id)
        if seen is None:
            _print_message(message)
        elif message.edits > seen and message.buttons:
            print("  (updated)")
            _print_message(message)
        shown[message.message_id] = message.edits
    return shown


def _print_message(message: SentMessage) -> None:
    text = message.plain_text or message.caption or f"[{message.method}]"
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(paragraph, width=76) or [""]
        for line in wrapped:
            print(f"  | {line}")
    number = 1
    for row in message.buttons:
        for label, _ in row:
            print(f"  [{number}] {label}")
            number += 1
    print()


def _last_with_buttons(emulator: Emulator) -> SentMessage | None:
    """The bot's latest message, if it offers buttons: a number then means a button."""
    messages = emulator.messages(YOU)
    if messages and messages[-1].buttons:
        return messages[-1]
    return None

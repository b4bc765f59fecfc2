"""`python -m bot demo`: chat with the real bot in this terminal, no token needed.

The emulator (a local Bot API server) and the bot run in one process on a temporary
database; what you type is sent as a Telegram user would send it, and the bot's messages
are printed as Telegram would show them: every button numbered (any visible one can be
pressed, as in Telegram), edits to earlier messages shown again, and photos and documents
saved to a folder whose paths are printed. The demo has its own clock, so weeks of sessions
can be lived in minutes: /wait moves it on, /next goes to the bot's next planned message.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import SecretStr

from bot.app import build_application
from bot.config import Settings
from bot.logs import configure_logging
from bot.serve import serve
from emulator import Emulator, SentMessage
from features.kernel.clock import FileClock
from storage import clients, schedules
from storage.crypto import new_key
from storage.db import Database

YOU = 424242  # the demo user's Telegram id
# Seconds without a new bot call that count as "the bot has answered" (a chart takes a
# moment to draw).
QUIET_FOR = 1.0
# How often the bot looks for prompts that came due: often, since the demo's clock jumps.
DISPATCH_SECONDS = 0.5
INTRO = """\
This is a demo: you are chatting with the bot as a Telegram user would, through a local
stand-in for Telegram. Nothing leaves this machine, and everything is forgotten at the end.
Type a message and press Enter. To press a button, type its number (any button still
shown, not only the newest); to send a number as a message, start it with ' (as in '7).
Photos and documents the bot sends are saved, and their paths printed.
The demo has its own clock: /time shows it, /wait 2h (or 30m, 3d, 1d4h) moves it on,
/next goes to the moment of the bot's next planned message.
Start with /start. /quit or Ctrl-D ends the demo.
"""
_WAIT = re.compile(r"^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$")


def run_demo(settings: Settings) -> int:
    """Run the demo until the person quits."""
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends the demo like /quit
        asyncio.run(_demo(settings))
    print("\nDemo ended.")
    return 0


async def _demo(settings: Settings) -> None:
    with tempfile.TemporaryDirectory(prefix="reflection-demo-") as workdir:
        clock = DemoClock(Path(workdir) / "clock")
        if settings.clock_file is not None:  # CLOCK_FILE: the demo starts at its moment
            clock.ahead = FileClock(settings.clock_file).now() - datetime.now(UTC)
        clock.write()
        async with Emulator(bot_username="reflection_demo_bot") as emulator:
            demo_settings = settings.model_copy(
                update={
                    "telegram_bot_token": SecretStr(emulator.token),
                    "telegram_api_base_url": emulator.base_url,
                    "database_url": f"sqlite+aiosqlite:///{Path(workdir) / 'demo.sqlite3'}",
                    # A key for this demo only, forgotten with its database.
                    "encryption_key": SecretStr(new_key()),
                    "clock_file": clock.path,
                    "dispatch_interval_seconds": DISPATCH_SECONDS,
                }
            )
            # The terminal is for the conversation; only real problems are logged.
            configure_logging("WARNING", secrets=[emulator.token])
            application = build_application(demo_settings, emulator.token)
            chat = Chat(emulator, clock, application.bot_data.database)
            ticking = asyncio.create_task(clock.tick())
            try:
                await serve(application, until=chat.converse)
            finally:
                ticking.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticking
        if chat.files is not None:
            print(f"\nThe photos and documents the bot sent are in {chat.files}")


@dataclass
class DemoClock:
    """The bot's clock in the demo (CLOCK_FILE): the real time, moved on by /wait and /next."""

    path: Path
    ahead: timedelta = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.ahead

    def write(self) -> None:
        fresh = self.path.with_suffix(".new")
        fresh.write_text(self.now().isoformat())
        fresh.replace(self.path)  # never half-written

    def move_to(self, moment: datetime) -> None:
        """Move the clock to `moment`, or (given a moment already past) keep it."""
        self.ahead = max(self.ahead, moment - datetime.now(UTC))
        self.write()

    async def tick(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            self.write()


@dataclass
class Chat:
    """The conversation in the terminal."""

    emulator: Emulator
    clock: DemoClock
    database: Database
    # message id -> edits already printed
    shown: dict[int, int] = field(default_factory=dict)
    # Every button printed: its number -> (message id, callback data).
    buttons: dict[int, tuple[int, str]] = field(default_factory=dict)
    files: Path | None = None
    saved: int = 0

    async def converse(self) -> None:
        print(INTRO)
        while True:
            line = await asyncio.to_thread(sys.stdin.readline)
            if not line or line.strip() in ("/quit", "/exit"):
                return
            text = line.strip()
            if not text:
                continue
            calls_before = len(self.emulator.calls)
            if text == "/time":
                print(f"  (it is {await self._when(self.clock.now())})\n")
                continue
            if text == "/next" or text.startswith("/wait"):
                await self._move_clock(text)
                continue
            pressed = self._button(text)
            if pressed is not None:
                message, data = pressed
                await self.emulator.press(YOU, message, data)
            else:
                await self.emulator.send_text(YOU, text.removeprefix("'"))
            await _settle(self.emulator, calls_before)
            self._show_new(calls_before)

    async def _move_clock(self, text: str) -> None:
        calls_before = len(self.emulator.calls)
        if text == "/next":
            async with self.database.transaction() as session:
                due = await schedules.next_due(session=session, user_id=YOU)
            if due is None:
                print("  (the bot has nothing planned: set your sessions with /schedule)\n")
                return
            self.clock.move_to(due + timedelta(seconds=5))
        else:
            found = _WAIT.match(text.removeprefix("/wait").strip())
            if found is None or not any(found.groups()):
                print("  (say how long, as in /wait 2h, /wait 30m, /wait 3d or /wait 1d4h)\n")
                return
            days, hours, minutes = (int(part or 0) for part in found.groups())
            self.clock.move_to(self.clock.now() + timedelta(days, hours=hours, minutes=minutes))
        print(f"  (it is now {await self._when(self.clock.now())})\n")
        await _settle(self.emulator, calls_before, first_within=3 * DISPATCH_SECONDS + 1)
        self._show_new(calls_before)

    async def _when(self, moment: datetime) -> str:
        """The moment in the client's time zone, once they have one."""
        async with self.database.transaction() as session:
            client = await clients.get_user(session=session, user_id=YOU)
        zone = client.time_zone if client is not None and client.time_zone else "UTC"
        local = moment.astimezone(ZoneInfo(zone))
        return f"{local:%A %d %B %Y, %H:%M} in {zone}"

    def _button(self, text: str) -> tuple[SentMessage, str] | None:
        """The button a typed number names, if it is still shown."""
        if not text.isdecimal() or int(text) not in self.buttons:
            return None
        message_id, data = self.buttons[int(text)]
        for message in self.emulator.messages(YOU):
            if message.message_id == message_id and not message.deleted:
                return (message, data) if message.has_callback(data) else None
        return None

    def _show_new(self, calls_before: int) -> None:
        """Print the bot messages that arrived or changed since the last time, and any
        notice the bot showed."""
        for call in self.emulator.calls[calls_before:]:
            if call.method.lower() == "answercallbackquery" and call.params.get("text"):
                print(f"  (notice: {call.params['text']})\n")
        for message in self.emulator.messages(YOU):
            seen = self.shown.get(message.message_id)
            if seen is None:
                self._print(message)
            elif message.deleted and seen >= 0:
                print(f"  (the bot deleted: {_first_line(message)})\n")
                self.shown[message.message_id] = -1
                continue
            elif message.edits > seen:
                print("  (edited)")
                self._print(message)
            if not message.deleted:
                self.shown[message.message_id] = message.edits

    def _print(self, message: SentMessage) -> None:
        if message.file is not None:
            print(f"  [{_kind(message)} saved: {self._save(message)}]")
        text = message.plain_text or message.caption or ""
        for paragraph in text.split("\n") if text else []:
            for line in textwrap.wrap(paragraph, width=76) or [""]:
                print(f"  | {line}")
        for row in message.buttons:
            for label, data in row:
                if data is None:
                    print(f"  [link] {label}")
                    continue
                print(f"  [{self._number(message.message_id, data)}] {label}")
        print()

    def _number(self, message_id: int, data: str) -> int:
        """A button's number: the same each time its message is shown again."""
        for number, button in self.buttons.items():
            if button == (message_id, data):
                return number
        number = len(self.buttons) + 1
        self.buttons[number] = (message_id, data)
        return number

    def _save(self, message: SentMessage) -> Path:
        if self.files is None:
            # Kept after the demo, so the person can open them: printed at the end too.
            self.files = Path(tempfile.mkdtemp(prefix="reflection-demo-files-"))
        self.saved += 1
        # Its own name when that says what it is (PTB names an uploaded photo after its
        # MIME type: "application.octet-stream"), otherwise "photo.png" and the like.
        named, extension = Path(message.filename or ""), _extension(message)
        csv_or_json = named.suffix.lower() in (".csv", ".json") and extension == "bin"
        if named.suffix.lower() == f".{extension}" or csv_or_json:
            name = named.name
        else:
            name = f"{_kind(message)}.{extension}"
        path = self.files / f"{self.saved:02d}-{name}"
        path.write_bytes(message.file or b"")
        return path


async def _settle(emulator: Emulator, calls_before: int, first_within: float = 10) -> None:
    """Wait until the bot has answered: a first call (within `first_within` seconds), then
    a short quiet spell."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + first_within
    seen = calls_before
    quiet_since = loop.time()
    while True:
        await asyncio.sleep(0.05)
        now = len(_replies(emulator, calls_before))
        if now != seen:
            seen, quiet_since = now, loop.time()
            deadline = max(deadline, loop.time() + 10)
        elif now > 0 and loop.time() - quiet_since >= QUIET_FOR:
            return
        if loop.time() >= deadline:
            return


def _replies(emulator: Emulator, since: int) -> list[object]:
    return [
        call
        for call in emulator.calls[since:]
        if call.method.lower() not in ("getupdates", "getme", "deletewebhook")
    ]


def _kind(message: SentMessage) -> str:
    return message.method.removeprefix("send").lower() or "file"


def _extension(message: SentMessage) -> str:
    """From what the file is, whatever it was sent as."""
    data = message.file or b""
    for magic, extension in ((b"\x89PNG", "png"), (b"\xff\xd8", "jpg"), (b"%PDF", "pdf")):
        if data.startswith(magic):
            return extension
    return "bin"


def _first_line(message: SentMessage) -> str:
    return (message.plain_text or message.caption or "").split("\n")[0][:60]

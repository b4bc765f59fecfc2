"""The in-memory Telegram world: users, chats, messages, files, callbacks and the call log."""

from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from emulator.errors import bad_request, forbidden
from emulator.faults import FaultPlan
from emulator.flood import FloodGate
from emulator.models import AnsweredCallback, ApiCall, SentMessage, UploadedFile
from emulator.updates import UpdateQueue
from emulator.waiting import Signal


@dataclass
class Chat:
    """A chat the emulator knows, with every message in it."""

    id: int
    type: str
    raw: dict[str, Any]
    next_message_id: int = 1
    user_messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    bot_messages: dict[int, SentMessage] = field(default_factory=dict)
    sent: list[SentMessage] = field(default_factory=list)

    def take_message_id(self) -> int:
        """Next message_id; user and bot messages share one sequence per chat."""
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def find_message(self, message_id: int) -> dict[str, Any] | None:
        """The current raw message with this id, from the user or the bot."""
        sent = self.bot_messages.get(message_id)
        if sent is not None and not sent.deleted:
            return sent.raw
        return self.user_messages.get(message_id)


@dataclass
class WebhookInfo:
    """What setWebhook stored, and how the last failed delivery went (emulator.webhooks)."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class PendingCallback:
    """A callback query the bot has to answer."""

    id: str
    user_id: int
    chat_id: int | None
    message_id: int | None
    data: str | None
    answered: bool = False


def default_token() -> str:
    """A well-formed fake token: digits, colon, 35 URL-safe characters."""
    return f"{secrets.randbelow(9 * 10**9) + 10**9}:{secrets.token_urlsafe(27)[:35]}"


class World:
    """All emulator state; Bot API methods and the driver both work on it."""

    def __init__(self, token: str, bot_username: str, bot_first_name: str) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_user: dict[str, Any] = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.updates = UpdateQueue()
        self.faults = FaultPlan()
        # Off unless a test or benchmark asks for Telegram-like flood limits.
        self.flood: FloodGate | None = None
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, Chat] = {}
        self.sent: list[SentMessage] = []
        self.edit_log: list[SentMessage] = []
        self.calls: list[ApiCall] = []
        self.callbacks: dict[str, PendingCallback] = {}
        self.answered: list[AnsweredCallback] = []
        self.files: dict[str, UploadedFile] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        # setMyDescription and setMyShortDescription, by language code ("" for the default).
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.webhook = WebhookInfo()
        self.blocked: set[int] = set()
        # One wake-up for every observable change (messages, edits, calls).
        self.changed = Signal()
        self._ids = itertools.count(1)

    @staticmethod
    def now() -> int:
        """Unix time, as in Telegram's `date` fields."""
        return int(time.time())

    def next_id(self) -> int:
        """A process-unique counter for file and callback ids."""
        return next(self._ids)

    def new_file_ids(self, kind: str) -> tuple[str, str]:
        """A (file_id, file_unique_id) pair that looks like Telegram's."""
        n = self.next_id()
        return f"EMU{kind[:2].upper()}{n:06d}{secrets.token_urlsafe(12)}", f"EMUQ{n:06d}"

    def user(self, user_id: int) -> dict[str, Any]:
        """The User object for `user_id`, created with defaults on first use."""
        if user_id not in self.users:
            self.users[user_id] = {
                "id": user_id,
                "is_bot": False,
                "first_name": f"User{user_id}",
                "language_code": "en",
            }
        return self.users[user_id]

    def ensure_chat(self, chat_id: int, chat_type: str, user: dict[str, Any]) -> Chat:
        """The chat, created from the first user who speaks in it."""
        chat = self.chats.get(chat_id)
        if chat is not None:
            return chat
        if chat_type == "private":
            raw = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            for key in ("last_name", "username"):
                if user.get(key):
                    raw[key] = user[key]
        else:
            raw = {"id": chat_id, "type": chat_type, "title": f"Test {chat_type} {chat_id}"}
        chat = Chat(chat_id, chat_type, raw)
        self.chats[chat_id] = chat
        return chat

    def find_chat(self, ref: int | str | None) -> Chat:
        """Resolve chat_id (int or @username) or answer Telegram's 400."""
        if ref is None:
            raise bad_request("chat_id is empty")
        if isinstance(ref, int):
            chat = self.chats.get(ref)
        else:
            name = ref.removeprefix("@").lower()
            chat = next(
                (c for c in self.chats.values() if str(c.raw.get("username", "")).lower() == name),
                None,
            )
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def chat_for_bot(self, ref: int | str | None) -> Chat:
        """A chat the bot may act in: it exists and its user has not blocked the bot."""
        chat = self.find_chat(ref)
        if chat.type == "private" and chat.id in self.blocked:
            raise forbidden("bot was blocked by the user")
        return chat

    def record_sent(self, chat: Chat, message: SentMessage) -> None:
        """Log a new bot message and wake the driver."""
        chat.bot_messages[message.message_id] = message
        chat.sent.append(message)
        self.sent.append(message)
        self.changed.notify()

    def record_edit(self, message: SentMessage) -> None:
        """Log an edit of a bot message and wake the driver."""
        message.edits += 1
        self.edit_log.append(message)
        self.changed.notify()

    def record_call(self, call: ApiCall) -> None:
        """Log an API call and wake the driver."""
        self.calls.append(call)
        self.changed.notify()

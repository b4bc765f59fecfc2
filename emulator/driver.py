"""The Emulator: runs the Bot API server and plays the users for tests and demos."""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from aiohttp import web

from emulator.builders import media_fields, member_change, text_fields, user_message
from emulator.flood import FloodGate, FloodLimit
from emulator.models import SentMessage
from emulator.observe import EmulatorView
from emulator.server import build_app
from emulator.webhooks import Delivery, WebhookSender
from emulator.world import Chat, PendingCallback, World, default_token

logger = logging.getLogger(__name__)

TOKEN_FORMAT = re.compile(r"\d+:[A-Za-z0-9_-]{35}")
CHAT_TYPES = frozenset({"private", "group", "supergroup", "channel"})


class Emulator(EmulatorView):
    """A local Telegram Bot API server on 127.0.0.1 plus an async driver for its users."""

    def __init__(
        self,
        *,
        token: str | None = None,
        bot_username: str = "reflection_test_bot",
        bot_first_name: str = "Reflection (emulated)",
        port: int = 0,
        host: str = "127.0.0.1",
        flood_limit: FloodLimit | None = None,
        ignore_allowed_updates: bool = False,
        webhook_targets: Iterable[str] = (),
        webhook_retry_seconds: float = 0.2,
        webhook_timeout_seconds: float = 30.0,
    ) -> None:
        """ignore_allowed_updates=True delivers every update type whatever the bot asked for
        in allowed_updates (Telegram never would): to test that a bot copes anyway.

        Once the bot calls setWebhook, updates are posted to `webhook_targets` (local URLs,
        taken in turn; one that refuses the connection is skipped) instead of being
        served to getUpdates; see emulator.webhooks. A failed delivery is tried again after
        `webhook_retry_seconds`; one unanswered for `webhook_timeout_seconds` has failed."""
        if token is not None and not TOKEN_FORMAT.fullmatch(token):
            raise ValueError("token must look like Telegram's: digits, ':', 35 of [A-Za-z0-9_-]")
        super().__init__(World(token or default_token(), bot_username, bot_first_name))
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._webhooks = WebhookSender(
            self._world,
            webhook_targets,
            retry_seconds=webhook_retry_seconds,
            timeout_seconds=webhook_timeout_seconds,
        )
        self.set_flood_limit(flood_limit)
        self._world.updates.ignore_allowed_updates = ignore_allowed_updates

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Bind and serve (port 0 picks a free port)."""
        # handler_cancellation: a bot that disconnects mid long-poll must not leave a
        # ghost poll behind; the short shutdown timeout keeps test teardown fast.
        runner = web.AppRunner(
            build_app(self._world),
            shutdown_timeout=1.0,
            handler_cancellation=True,
            access_log=None,
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        self._webhooks.start()
        logger.info("Bot API emulator listening on %s", self.base_url)

    async def stop(self) -> None:
        """Stop webhook delivery, release waiting long polls and close the server."""
        await self._webhooks.stop()
        self._world.updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port."""
        return self._port

    @property
    def base_url(self) -> str:
        """Give this to PTB as base_url; it appends the token."""
        return f"http://{self._host}:{self._port}/bot"

    @property
    def token(self) -> str:
        """The only token the emulator accepts."""
        return self._world.token

    @property
    def bot_id(self) -> int:
        """The bot's user id (the number before the token's colon)."""
        return self._world.bot_id

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot's User object."""
        return dict(self._world.bot_user)

    # --- webhook delivery ------------------------------------------------------------------

    @property
    def webhook_targets(self) -> tuple[str, ...]:
        """Where updates are posted while a webhook is set, in turn."""
        return tuple(self._webhooks.targets)

    def set_webhook_targets(self, urls: Iterable[str]) -> None:
        """Post updates to these local URLs from now on (say, two replicas of the bot)."""
        self._webhooks.set_targets(urls)

    def add_webhook_target(self, url: str) -> None:
        """One more local URL to post updates to (nothing if it is already one)."""
        if url not in self._webhooks.targets:
            self._webhooks.set_targets([*self._webhooks.targets, url])

    @property
    def webhook_deliveries(self) -> list[Delivery]:
        """Every webhook POST so far, in the order they finished, failures included."""
        return list(self._webhooks.deliveries)

    # --- users -----------------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """Set a user's profile (otherwise defaults are used on first message)."""
        user = self._world.user(user_id)
        user["first_name"] = first_name or user["first_name"]
        for key, value in (
            ("last_name", last_name),
            ("username", username),
            ("language_code", language_code),
        ):
            if value is None:
                user.pop(key, None)
            else:
                user[key] = value
        private = self._world.chats.get(user_id)
        if private is not None and private.type == "private":
            private.raw["first_name"] = user["first_name"]
            for key in ("last_name", "username"):
                if key in user:
                    private.raw[key] = user[key]
        return dict(user)

    def open_chat(self, user_id: int) -> None:
        """The user has a private chat with the bot (as after a /start long ago), and the
        bot gets no update for it: for seeding many clients at once."""
        self._speaker(user_id, None, "private")

    def _speaker(
        self, user_id: int, chat_id: int | None, chat_type: str
    ) -> tuple[dict[str, Any], Chat]:
        if chat_type not in CHAT_TYPES:
            raise ValueError(f"chat_type must be one of {sorted(CHAT_TYPES)}")
        user = self._world.user(user_id)
        target = user_id if chat_id is None else chat_id
        chat = self._world.ensure_chat(target, chat_type, user)
        if chat.type == "private" and user_id in self._world.blocked:
            # Writing to a bot you blocked means restarting it first, as Telegram clients do.
            self.unblock(user_id)
        return user, chat

    def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        # Deep copies: later edits must not rewrite updates already queued or delivered.
        return self._world.updates.push(copy.deepcopy(update))

    async def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """The user writes `text`; returns the user's Message dict."""
        user, chat = self._speaker(user_id, chat_id, chat_type)
        fields = text_fields(text)
        if reply_to is not None:
            replied = chat.find_message(reply_to)
            if replied is None:
                raise LookupError(f"no message {reply_to} in chat {chat.id} to reply to")
            fields["reply_to_message"] = copy.deepcopy(replied)
        message = user_message(self._world, user, chat, fields)
        self._push({_message_key(chat): message})
        return copy.deepcopy(message)

    async def send_media(
        self,
        user_id: int,
        kind: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        caption: str | None = None,
    ) -> dict[str, Any]:
        """The user sends a sticker, photo, voice, location, ...; returns the Message dict."""
        fields = media_fields(self._world, kind, caption)
        user, chat = self._speaker(user_id, chat_id, chat_type)
        message = user_message(self._world, user, chat, fields)
        self._push({_message_key(chat): message})
        return copy.deepcopy(message)

    async def edit_text(
        self, user_id: int, message_id: int, text: str, *, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The user edits one of their text messages: an edited_message update."""
        chat = self._world.chats.get(user_id if chat_id is None else chat_id)
        message = chat.user_messages.get(message_id) if chat else None
        if chat is None or message is None:
            raise LookupError(f"user message {message_id} not found in chat {chat_id or user_id}")
        message.pop("entities", None)
        message.update(text_fields(text))
        message["edit_date"] = self._world.now()
        self._push({"edited_" + _message_key(chat): message})
        return copy.deepcopy(message)

    async def send_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue any raw update (update_id assigned if missing); for fuzzing and odd cases."""
        self._register_chats(update)
        return copy.deepcopy(self._push(update))

    def _register_chats(self, update: dict[str, Any]) -> None:
        """Best effort: chats mentioned in raw updates become known, so the bot can reply."""
        for value in update.values():
            if not isinstance(value, dict):
                continue
            message = value.get("message") if "chat" not in value else value
            if not isinstance(message, dict) or not isinstance(message.get("chat"), dict):
                continue
            chat_raw = message["chat"]
            chat_id, chat_type = chat_raw.get("id"), chat_raw.get("type", "private")
            if not isinstance(chat_id, int) or chat_type not in CHAT_TYPES:
                continue
            sender = message.get("from")
            user = sender if isinstance(sender, dict) else {"first_name": "Someone"}
            chat = self._world.ensure_chat(chat_id, chat_type, {"first_name": "Someone", **user})
            message_id = message.get("message_id")
            if isinstance(message_id, int):
                chat.next_message_id = max(chat.next_message_id, message_id + 1)

    async def press(
        self,
        user_id: int,
        message: SentMessage | int,
        data: str,
        *,
        chat_id: int | None = None,
        strict: bool = True,
    ) -> str:
        """The user presses an inline button; returns the callback query id.

        `message` is a SentMessage or a message_id. With strict=True the message must exist
        and carry a button with this callback_data; strict=False allows stale presses.
        """
        if isinstance(message, SentMessage):
            target_chat, message_id = message.chat_id, message.message_id
        else:
            target_chat, message_id = (user_id if chat_id is None else chat_id), int(message)
        chat = self._world.chats.get(target_chat)
        sent = chat.bot_messages.get(message_id) if chat else None
        if strict and (sent is None or not sent.has_callback(data)):
            labels = [f"{t}={d}" for row in (sent.buttons if sent else []) for t, d in row]
            raise LookupError(
                f"chat {target_chat} message {message_id}: no button with callback_data "
                f"{data!r}; buttons: {labels if sent else 'message not found'}"
            )
        user, _ = self._speaker(user_id, target_chat, chat.type if chat else "private")
        query_id = f"{self._world.bot_id % 10**6}{self._world.next_id():012d}"
        query: dict[str, Any] = {
            "id": query_id,
            "from": user,
            "chat_instance": str(abs(target_chat) * 1_000_003 + self._world.bot_id),
            "data": data,
        }
        if sent is not None:
            query["message"] = sent.raw
        elif chat is not None:
            # What Telegram sends for a message the bot can no longer access.
            query["message"] = {"chat": chat.raw, "message_id": message_id, "date": 0}
        self._world.callbacks[query_id] = PendingCallback(
            query_id, user_id, target_chat, message_id, data
        )
        self._push({"callback_query": query})
        return query_id

    # --- blocking --------------------------------------------------------------------------

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to their chat answer 403; a my_chat_member update."""
        if user_id in self._world.blocked:
            return
        user = self._world.user(user_id)
        chat = self._world.ensure_chat(user_id, "private", user)
        self._world.blocked.add(user_id)
        self._push(member_change(self._world, user, chat, "member", "kicked"))

    def unblock(self, user_id: int) -> None:
        """The user restarts the bot: sends work again; a my_chat_member update."""
        if user_id not in self._world.blocked:
            return
        user = self._world.user(user_id)
        chat = self._world.ensure_chat(user_id, "private", user)
        self._world.blocked.discard(user_id)
        self._push(member_change(self._world, user, chat, "kicked", "member"))

    def is_blocked(self, user_id: int) -> bool:
        """Whether the user currently blocks the bot."""
        return user_id in self._world.blocked

    # --- faults ----------------------------------------------------------------------------

    def fail_next(
        self,
        n: int = 1,
        status: int = 500,
        *,
        retry_after: int | None = None,
        methods: Iterable[str] | None = None,
        description: str | None = None,
    ) -> None:
        """Answer the next `n` calls (of `methods`; default: any but getUpdates) with an error."""
        self._world.faults.fail_next(
            n, status, retry_after=retry_after, methods=methods, description=description
        )

    def slow_next(
        self, n: int = 1, delay: float = 1.0, methods: Iterable[str] | None = None
    ) -> None:
        """Delay the answer to the next `n` calls (default: any but getUpdates)."""
        self._world.faults.slow_next(n, delay, methods)

    def fail_every(
        self,
        nth: int = 10,
        status: int = 500,
        *,
        retry_after: int | None = None,
        methods: Iterable[str] | None = None,
    ) -> None:
        """Answer every `nth` call (of `methods`; default: any but getUpdates) with an error,
        until the faults are cleared."""
        self._world.faults.fail_every(nth, status, retry_after=retry_after, methods=methods)

    def stall_next(
        self, n: int = 1, delay: float = 10.0, methods: Iterable[str] | None = None
    ) -> None:
        """Hold the next `n` calls `delay` seconds before carrying them out: a bot that times
        out first leaves them undone, as with a request lost on the way. (`slow_next` carries
        the call out first: sent, but the answer comes late or not at all.)"""
        self._world.faults.stall_next(n, delay, methods)

    def clear_faults(self) -> None:
        """Drop every fault not yet consumed."""
        self._world.faults.clear()

    def set_flood_limit(self, limit: FloodLimit | None) -> None:
        """Answer 429 to messages over `limit` (see emulator.flood); None: no limit."""
        self._world.flood = FloodGate(limit) if limit is not None else None

    @property
    def flood_gate(self) -> FloodGate | None:
        """The flood limit in force, with the 429s it answered so far."""
        return self._world.flood


def _message_key(chat: Chat) -> str:
    return "channel_post" if chat.type == "channel" else "message"

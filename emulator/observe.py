"""The driver's read side: what the bot sent and called, and waiting for it."""

from __future__ import annotations

import json
from typing import Any

from emulator.errors import NoMessageError, UnexpectedMessageError
from emulator.methods import canonical
from emulator.models import AnsweredCallback, ApiCall, SentMessage
from emulator.world import WebhookInfo, World


def _preview(message: SentMessage) -> str:
    text = message.plain_text if message.plain_text is not None else f"<{message.method}>"
    return repr(text if len(text) <= 80 else text[:77] + "...")


class EmulatorView:
    """Queries and waits over the bot's output; cursors make each message consumed once."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._message_cursor: dict[int, int] = {}  # chat_id -> index into chat.sent
        self._edit_cursor: dict[int, int] = {}  # chat_id -> index into world.edit_log
        self._call_cursor: dict[str, int] = {}  # lower-case method -> index into world.calls

    # --- snapshots -------------------------------------------------------------------------

    def messages(self, chat_id: int) -> list[SentMessage]:
        """Every bot message in the chat, in order, reflecting later edits."""
        chat = self._world.chats.get(chat_id)
        return list(chat.sent) if chat else []

    @property
    def calls(self) -> list[ApiCall]:
        """Every API call the bot made, in completion order."""
        return list(self._world.calls)

    def calls_to(self, method: str) -> list[ApiCall]:
        """The calls of one method (any letter case)."""
        key = method.lower()
        return [c for c in self._world.calls if c.method.lower() == key]

    @property
    def answered_callbacks(self) -> list[AnsweredCallback]:
        """Every answerCallbackQuery the bot made successfully."""
        return list(self._world.answered)

    def pending_updates(self) -> int:
        """Updates the bot has not acknowledged yet."""
        return self._world.updates.pending_count()

    def queued_updates(self) -> list[dict[str, Any]]:
        """Copies of the updates the bot has not acknowledged yet, oldest first."""
        return self._world.updates.snapshot()

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """What setMyCommands stored for the scope (default scope) and language."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True), language_code
        return list(self._world.commands.get(key, []))

    def description(self, language_code: str = "") -> str:
        """What setMyDescription stored for the language ("" when nothing)."""
        return self._world.descriptions.get(language_code, "")

    def short_description(self, language_code: str = "") -> str:
        """What setMyShortDescription stored for the language ("" when nothing)."""
        return self._world.short_descriptions.get(language_code, "")

    @property
    def webhook(self) -> WebhookInfo:
        """What setWebhook stored."""
        return self._world.webhook

    # --- waiting ---------------------------------------------------------------------------
    # The `timeout` parameters are the driver's documented API, hence the ASYNC109 waivers.

    async def next_message(self, chat_id: int, timeout: float = 10.0) -> SentMessage:  # noqa: ASYNC109
        """The next bot message in the chat not yet consumed by this driver."""

        def ready() -> SentMessage | None:
            sent = self.messages(chat_id)
            index = self._message_cursor.get(chat_id, 0)
            return sent[index] if index < len(sent) else None

        found = await self._world.changed.wait_for(ready, timeout)
        if found is None:
            raise NoMessageError(self._silence_report(chat_id, "no new bot message", timeout))
        self._message_cursor[chat_id] = self._message_cursor.get(chat_id, 0) + 1
        return found

    async def no_message(self, chat_id: int, within: float = 1.0) -> None:
        """Assert the bot sends nothing new to the chat for `within` seconds."""

        def ready() -> SentMessage | None:
            sent = self.messages(chat_id)
            index = self._message_cursor.get(chat_id, 0)
            return sent[index] if index < len(sent) else None

        found = await self._world.changed.wait_for(ready, within)
        if found is not None:
            raise UnexpectedMessageError(
                f"chat {chat_id}: expected no new bot message, got {found.method} "
                f"#{found.message_id} {_preview(found)}"
            )

    async def next_edit(self, chat_id: int, timeout: float = 10.0) -> SentMessage:  # noqa: ASYNC109
        """The next edit of a bot message in the chat not yet consumed (the live message)."""

        def ready() -> tuple[int, SentMessage] | None:
            log = self._world.edit_log
            for index in range(self._edit_cursor.get(chat_id, 0), len(log)):
                if log[index].chat_id == chat_id:
                    return index, log[index]
            return None

        found = await self._world.changed.wait_for(ready, timeout)
        if found is None:
            raise NoMessageError(self._silence_report(chat_id, "no edit of a bot message", timeout))
        self._edit_cursor[chat_id] = found[0] + 1
        return found[1]

    async def wait_for_call(self, method: str, timeout: float = 10.0) -> ApiCall:  # noqa: ASYNC109
        """The next call of `method` (any outcome) not yet consumed by this driver."""
        key = method.lower()

        def ready() -> tuple[int, ApiCall] | None:
            calls = self._world.calls
            for index in range(self._call_cursor.get(key, 0), len(calls)):
                if calls[index].method.lower() == key:
                    return index, calls[index]
            return None

        found = await self._world.changed.wait_for(ready, timeout)
        if found is None:
            seen = sorted({c.method for c in self._world.calls})
            raise NoMessageError(
                f"no {canonical(method)} call within {timeout}s; methods called so far: {seen}"
            )
        self._call_cursor[key] = found[0] + 1
        return found[1]

    def _silence_report(self, chat_id: int, what: str, timeout: float) -> str:
        """A failure message that says what the bot did instead, to debug from the test log."""
        sent = self.messages(chat_id)
        lines = [f"{what} in chat {chat_id} within {timeout}s"]
        if chat_id not in self._world.chats:
            lines.append("the chat does not exist: no user has written in it")
        lines.append(
            f"bot messages in this chat ({len(sent)}): "
            + (", ".join(_preview(m) for m in sent[-5:]) or "none")
        )
        failed = [
            c
            for c in self._world.calls
            if not c.ok and str(c.params.get("chat_id")) == str(chat_id)
        ]
        for call in failed[-5:]:
            lines.append(f"failed {call.method}: {call.status} {call.description}")
        pending = self.pending_updates()
        if pending:
            polls = self.calls_to("getUpdates")
            lines.append(
                f"{pending} update(s) not yet acknowledged; getUpdates calls so far: {len(polls)}"
            )
            if self._world.webhook.url:
                error = self._world.webhook.last_error_message
                lines.append(f"a webhook is set; last delivery error: {error or 'none'}")
        return "; ".join(lines)

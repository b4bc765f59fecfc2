"""A client's private chat: every message, command and button press becomes a flow event."""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import TelegramError

from features.kernel.texts import plain
from features.kernel.vocabulary import Command, Edited, NonText, Press, Text
from handlers.context import BotContext
from handlers.turn import take_turn

# Message attributes that say what a non-text message carries, most specific first.
_KINDS = (
    "sticker", "photo", "voice", "video_note", "video", "animation", "audio", "document",
    "location", "venue", "contact", "poll", "dice", "game", "story", "invoice",
)  # fmt: skip


async def on_command(update: Update, context: BotContext) -> None:
    """A command, known or not, goes to the flow, which knows what each means right now."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    # Split at any whitespace: "/reflect" with a line of text under it is still /reflect.
    head, *rest = message.text.split(maxsplit=1) or [""]
    name = head.removeprefix("/").split("@", 1)[0].lower()
    await take_turn(update, context, Command(name, rest[0].strip() if rest else ""))


async def on_text(update: Update, context: BotContext) -> None:
    """A text message answers whatever the client is being asked."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    await take_turn(update, context, Text(message.text))


async def on_press(update: Update, context: BotContext) -> None:
    """A button press; the flow decides whether it still means anything. Only presses in
    the client's private chat count: one from a group or an inline message is answered
    (so its button stops spinning) and changes nothing."""
    query = update.callback_query
    if query is None:
        return
    chat = update.effective_chat
    if chat is None or chat.type != chat.PRIVATE:
        with contextlib.suppress(TelegramError):
            await query.answer(plain("private_only_short", query.from_user.language_code or "en"))
        return
    await take_turn(update, context, Press(query.data or ""))


async def on_non_text(update: Update, context: BotContext) -> None:
    """A sticker, photo, voice note...: the flow replies kindly that it needs text."""
    message = update.effective_message
    if message is None:
        return
    caption = message.caption or ""
    await take_turn(update, context, NonText(kind_of(message), message.media_group_id, caption))


async def on_edited(update: Update, context: BotContext) -> None:
    """An edited message: we don't re-read edits, and say so. Only for words the client
    changed: a shared live location arrives as an edit every few seconds while it moves."""
    message = update.effective_message
    if message is None or (message.text is None and message.caption is None):
        return
    await take_turn(update, context, Edited(message.text or message.caption or ""))


def kind_of(message: Message) -> str:
    """What a non-text message carries, as one word."""
    for kind in _KINDS:
        if getattr(message, kind, None):
            return kind
    return "other"

"""Text messages: sendMessage, the edit methods and deleteMessage."""

from __future__ import annotations

from typing import Any

from emulator.errors import bad_request
from emulator.methods.compose import (
    CAPTION_LIMIT,
    MESSAGE_LIMIT,
    formatted,
    inline_only,
    new_bot_message,
    parse_reply_markup,
    reply_target,
    sent_record,
    set_markup,
    text_content,
)
from emulator.methods.registry import method
from emulator.models import SentMessage
from emulator.params import Params
from emulator.world import World

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


@method("sendMessage")
async def send_message(world: World, p: Params) -> dict[str, Any]:
    """Send a text message."""
    chat = world.chat_for_bot(p.chat_ref())
    parsed = formatted(
        p,
        text_param="text",
        entities_param="entities",
        limit=MESSAGE_LIMIT,
        too_long="message is too long",
        empty="message text is empty",
    )
    assert parsed is not None  # `empty` is set, so formatted() raised instead
    markup = parse_reply_markup(p)
    raw = new_bot_message(world, chat, text_content(parsed), markup, reply_target(chat, p))
    world.record_sent(
        chat,
        sent_record(raw, chat, "sendMessage", p, text=p.text("text"), plain=parsed.plain),
    )
    return raw


def _editable(world: World, p: Params) -> SentMessage:
    """The bot message an edit method targets, or Telegram's error for it."""
    if p.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = world.chat_for_bot(p.chat_ref())
    message_id = p.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.bot_messages.get(message_id)
    if message is None or message.deleted:
        if message_id in chat.user_messages:
            raise bad_request("message can't be edited")
        raise bad_request("message to edit not found")
    return message


@method("editMessageText")
async def edit_message_text(world: World, p: Params) -> dict[str, Any]:
    """Replace a bot message's text; omitting reply_markup removes the keyboard, as on Telegram."""
    message = _editable(world, p)
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    parsed = formatted(
        p,
        text_param="text",
        entities_param="entities",
        limit=MESSAGE_LIMIT,
        too_long="MESSAGE_TOO_LONG",
        empty="message text is empty",
    )
    assert parsed is not None
    markup = inline_only(parse_reply_markup(p))
    if (
        parsed.plain == message.raw.get("text")
        and parsed.entities == message.raw.get("entities", [])
        and markup == message.reply_markup
    ):
        raise bad_request(NOT_MODIFIED)
    message.text = p.text("text")
    message.plain_text = parsed.plain
    message.parse_mode = p.text("parse_mode")
    message.raw.pop("entities", None)
    message.raw.update(text_content(parsed))
    message.raw["edit_date"] = world.now()
    set_markup(message, markup)
    world.record_edit(message)
    return message.raw


@method("editMessageCaption")
async def edit_message_caption(world: World, p: Params) -> dict[str, Any]:
    """Replace a media message's caption."""
    message = _editable(world, p)
    if message.text is not None:
        raise bad_request("there is no caption in the message to edit")
    parsed = formatted(
        p,
        text_param="caption",
        entities_param="caption_entities",
        limit=CAPTION_LIMIT,
        too_long="message caption is too long",
        empty=None,
    )
    markup = inline_only(parse_reply_markup(p))
    plain = parsed.plain if parsed else None
    entities = parsed.entities if parsed else []
    if (
        plain == message.raw.get("caption")
        and entities == message.raw.get("caption_entities", [])
        and markup == message.reply_markup
    ):
        raise bad_request(NOT_MODIFIED)
    message.caption = p.text("caption") if parsed else None
    message.plain_text = plain
    message.parse_mode = p.text("parse_mode")
    message.raw.pop("caption", None)
    message.raw.pop("caption_entities", None)
    if parsed:
        message.raw.update(text_content(parsed, "caption"))
    message.raw["edit_date"] = world.now()
    set_markup(message, markup)
    world.record_edit(message)
    return message.raw


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(world: World, p: Params) -> dict[str, Any]:
    """Replace or remove a bot message's inline keyboard."""
    message = _editable(world, p)
    markup = inline_only(parse_reply_markup(p))
    if markup == message.reply_markup:
        raise bad_request(NOT_MODIFIED)
    message.raw["edit_date"] = world.now()
    set_markup(message, markup)
    world.record_edit(message)
    return message.raw


@method("deleteMessage")
async def delete_message(world: World, p: Params) -> bool:
    """Delete a bot message, or a user's message in the chat."""
    chat = world.find_chat(p.chat_ref())
    message_id = p.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    sent = chat.bot_messages.pop(message_id, None)
    if sent is not None:
        sent.deleted = True
        world.changed.notify()
        return True
    if chat.user_messages.pop(message_id, None) is not None:
        return True
    raise bad_request("message to delete not found")

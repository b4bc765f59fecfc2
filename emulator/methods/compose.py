"""Shared building blocks for methods that create or change bot messages."""

from __future__ import annotations

from typing import Any

from emulator.entities import Parsed, parse_formatted, utf16_len
from emulator.errors import bad_request
from emulator.models import SentMessage, inline_buttons
from emulator.params import Params
from emulator.world import Chat, World

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def formatted(
    p: Params,
    *,
    text_param: str,
    entities_param: str,
    limit: int,
    too_long: str,
    empty: str | None,
) -> Parsed | None:
    """Parse a text or caption under parse_mode, enforcing Telegram's length rules."""
    text = p.text(text_param)
    if text is None and empty is None:
        return None
    parsed = parse_formatted(text or "", p.text("parse_mode"))
    if not parsed.plain.strip():
        if empty is not None:
            raise bad_request(empty)
        return None
    # Limits count UTF-16 code units of the text after entity parsing, as Telegram does.
    if utf16_len(parsed.plain) > limit:
        raise bad_request(too_long)
    explicit = p.array(entities_param)
    if explicit is not None and not p.text("parse_mode"):
        parsed.entities = explicit
    return parsed


def parse_reply_markup(p: Params) -> dict[str, Any] | None:
    """reply_markup validated like Telegram validates inline keyboards."""
    markup = p.obj("reply_markup", "can't parse reply keyboard markup JSON object")
    if markup is None or "inline_keyboard" not in markup:
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def _check_button(button: object) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request("can't parse inline keyboard button: Text must be a String")
    if not any(key in button for key in _BUTTON_ACTIONS):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    data = button.get("callback_data")
    if data is not None and (not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64):
        raise bad_request("BUTTON_DATA_INVALID")


def inline_only(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of reply_markup that shows on the message: a non-empty inline keyboard."""
    if markup and markup.get("inline_keyboard"):
        return markup
    return None


def reply_target(chat: Chat, p: Params) -> dict[str, Any] | None:
    """The message replied to (reply_to_message_id or reply_parameters), checked to exist."""
    params = p.obj("reply_parameters")
    target = p.integer("reply_to_message_id")
    allow_missing = p.flag("allow_sending_without_reply")
    if params is not None:
        value = params.get("message_id")
        target = value if isinstance(value, int) else None
        allow_missing = bool(params.get("allow_sending_without_reply", allow_missing))
    if target is None:
        return None
    found = chat.find_message(target)
    if found is None and not allow_missing:
        raise bad_request("message to be replied not found")
    return found


def text_content(parsed: Parsed, key: str = "text") -> dict[str, Any]:
    """Message fields for a text or caption with its entities."""
    content: dict[str, Any] = {key: parsed.plain}
    if parsed.entities:
        content["entities" if key == "text" else "caption_entities"] = parsed.entities
    return content


def new_bot_message(
    world: World,
    chat: Chat,
    content: dict[str, Any],
    markup: dict[str, Any] | None,
    reply: dict[str, Any] | None,
) -> dict[str, Any]:
    """A Message object sent by the bot into `chat`."""
    raw: dict[str, Any] = {
        "message_id": chat.take_message_id(),
        "from": world.bot_user,
        "chat": chat.raw,
        "date": world.now(),
    }
    if reply is not None:
        raw["reply_to_message"] = reply
    raw.update(content)
    if inline_only(markup):
        raw["reply_markup"] = markup
    return raw


def sent_record(
    raw: dict[str, Any],
    chat: Chat,
    method: str,
    p: Params,
    *,
    text: str | None = None,
    plain: str | None = None,
    caption: str | None = None,
) -> SentMessage:
    """The driver-facing record of a bot message."""
    markup = raw.get("reply_markup")
    return SentMessage(
        message_id=int(raw["message_id"]),
        chat_id=chat.id,
        method=method,
        text=text,
        plain_text=plain,
        parse_mode=p.text("parse_mode"),
        buttons=inline_buttons(markup),
        raw=raw,
        caption=caption,
        reply_markup=markup,
    )


def set_markup(message: SentMessage, markup: dict[str, Any] | None) -> None:
    """Replace (or remove) the inline keyboard of a message."""
    shown = inline_only(markup)
    if shown is None:
        message.raw.pop("reply_markup", None)
    else:
        message.raw["reply_markup"] = shown
    message.reply_markup = shown
    message.buttons = inline_buttons(shown)

"""Small methods: getMe, getChat, sendChatAction, answerCallbackQuery, bot commands, the
bot's description and short description."""

from __future__ import annotations

import json
import re
from typing import Any

from emulator.errors import bad_request
from emulator.methods.registry import method
from emulator.models import AnsweredCallback
from emulator.params import Params
from emulator.world import World

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
# A two-letter ISO 639-1 code, or empty for every language without its own.
_LANGUAGE_CODE = re.compile(r"(?:[a-z]{2})?")
_DESCRIPTION_LIMIT = 512
_SHORT_DESCRIPTION_LIMIT = 120


@method("getMe")
async def get_me(world: World, p: Params) -> dict[str, Any]:
    """The bot's own User object."""
    return {
        **world.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


@method("getChat")
async def get_chat(world: World, p: Params) -> dict[str, Any]:
    """ChatFullInfo for a known chat."""
    chat = world.find_chat(p.chat_ref())
    return {
        **chat.raw,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


@method("sendChatAction")
async def send_chat_action(world: World, p: Params) -> bool:
    """Show a chat action such as "typing"."""
    world.chat_for_bot(p.chat_ref())
    if p.text("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


@method("answerCallbackQuery")
async def answer_callback_query(world: World, p: Params) -> bool:
    """Answer a button press; each query can be answered once."""
    query_id = p.text("callback_query_id") or ""
    pending = world.callbacks.get(query_id)
    if pending is None or pending.answered:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    pending.answered = True
    world.answered.append(
        AnsweredCallback(
            callback_query_id=query_id,
            text=p.text("text"),
            show_alert=p.flag("show_alert"),
            url=p.text("url"),
            chat_id=pending.chat_id,
            message_id=pending.message_id,
            data=pending.data,
        )
    )
    return True


def _language_code(p: Params) -> str:
    code = p.text("language_code") or ""
    if not _LANGUAGE_CODE.fullmatch(code):
        raise bad_request("LANGUAGE_CODE_INVALID")
    return code


def _scope_key(p: Params) -> tuple[str, str]:
    scope = p.obj("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), _language_code(p)


@method("setMyCommands")
async def set_my_commands(world: World, p: Params) -> bool:
    """Store the command list for a scope and language."""
    commands = p.array("commands")
    if commands is None:
        raise bad_request('parameter "commands" is required')
    checked: list[dict[str, Any]] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand")
        command = item.get("command")
        description = item.get("description")
        if not isinstance(command, str) or not _COMMAND.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        checked.append({"command": command, "description": description})
    if len(checked) > 100:
        raise bad_request("too many commands")
    key = _scope_key(p)
    if checked:
        world.commands[key] = checked
    else:
        world.commands.pop(key, None)
    return True


@method("getMyCommands")
async def get_my_commands(world: World, p: Params) -> list[dict[str, Any]]:
    """The command list stored for exactly this scope and language."""
    return list(world.commands.get(_scope_key(p), []))


@method("deleteMyCommands")
async def delete_my_commands(world: World, p: Params) -> bool:
    """Forget the command list of a scope and language."""
    world.commands.pop(_scope_key(p), None)
    return True


def _set_text(store: dict[str, str], p: Params, name: str, limit: int) -> bool:
    """Store a description for a language; an empty one removes it."""
    language = _language_code(p)
    text = p.text(name) or ""
    if len(text) > limit:
        raise bad_request(f"{name.upper()}_INVALID")
    if text:
        store[language] = text
    else:
        store.pop(language, None)
    return True


@method("setMyDescription")
async def set_my_description(world: World, p: Params) -> bool:
    """The text an empty chat with the bot shows, for a language (up to 512 characters)."""
    return _set_text(world.descriptions, p, "description", _DESCRIPTION_LIMIT)


@method("getMyDescription")
async def get_my_description(world: World, p: Params) -> dict[str, str]:
    """The description stored for exactly this language."""
    return {"description": world.descriptions.get(_language_code(p), "")}


@method("setMyShortDescription")
async def set_my_short_description(world: World, p: Params) -> bool:
    """The text on the bot's profile and in shared links, for a language (up to 120)."""
    return _set_text(world.short_descriptions, p, "short_description", _SHORT_DESCRIPTION_LIMIT)


@method("getMyShortDescription")
async def get_my_short_description(world: World, p: Params) -> dict[str, str]:
    """The short description stored for exactly this language."""
    return {"short_description": world.short_descriptions.get(_language_code(p), "")}

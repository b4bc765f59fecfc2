"""Realistic minimal objects for what users send: texts, media, callbacks, member changes."""

from __future__ import annotations

import secrets
from typing import Any

from emulator.entities import command_entities
from emulator.world import Chat, World

MEDIA_KINDS = frozenset(
    {
        "sticker",
        "photo",
        "voice",
        "location",
        "document",
        "contact",
        "poll",
        "video",
        "animation",
        "audio",
        "video_note",
        "venue",
        "dice",
    }
)
_CAPTIONED = frozenset({"photo", "voice", "document", "video", "animation", "audio"})


def user_message(
    world: World, user: dict[str, Any], chat: Chat, content: dict[str, Any]
) -> dict[str, Any]:
    """A Message from `user` in `chat`; channel posts carry sender_chat instead of from."""
    raw: dict[str, Any] = {"message_id": chat.take_message_id()}
    if chat.type == "channel":
        raw["sender_chat"] = chat.raw
    else:
        raw["from"] = user
    raw.update({"chat": chat.raw, "date": world.now(), **content})
    chat.user_messages[raw["message_id"]] = raw
    return raw


def text_fields(text: str) -> dict[str, Any]:
    """text plus the bot_command entities Telegram would attach."""
    fields: dict[str, Any] = {"text": text}
    entities = command_entities(text)
    if entities:
        fields["entities"] = entities
    return fields


def _file(world: World, kind: str, size: int, **extra: Any) -> dict[str, Any]:
    file_id, unique_id = world.new_file_ids(kind)
    return {"file_id": file_id, "file_unique_id": unique_id, "file_size": size, **extra}


def media_fields(world: World, kind: str, caption: str | None) -> dict[str, Any]:
    """The message fields for one kind of non-text message."""
    if kind not in MEDIA_KINDS:
        raise ValueError(f"unknown media kind {kind!r}; choose from {sorted(MEDIA_KINDS)}")
    fields: dict[str, Any]
    if kind == "photo":
        fields = {
            "photo": [
                _file(world, "photo", 1_200, width=90, height=67),
                _file(world, "photo", 15_000, width=320, height=240),
                _file(world, "photo", 68_000, width=1280, height=960),
            ]
        }
    elif kind == "sticker":
        fields = {
            "sticker": _file(
                world,
                "sticker",
                24_000,
                type="regular",
                width=512,
                height=512,
                is_animated=False,
                is_video=False,
                emoji="🙂",
                set_name="EmulatedStickers",
            )
        }
    elif kind == "voice":
        fields = {"voice": _file(world, "voice", 9_000, duration=3, mime_type="audio/ogg")}
    elif kind == "audio":
        fields = {
            "audio": _file(
                world,
                "audio",
                3_000_000,
                duration=185,
                performer="Emulated Artist",
                title="Emulated Song",
                file_name="song.mp3",
                mime_type="audio/mpeg",
            )
        }
    elif kind == "document":
        fields = {
            "document": _file(
                world, "document", 20_000, file_name="notes.pdf", mime_type="application/pdf"
            )
        }
    elif kind == "video":
        fields = {
            "video": _file(
                world, "video", 900_000, width=640, height=360, duration=12, mime_type="video/mp4"
            )
        }
    elif kind == "animation":
        animation = _file(
            world,
            "animation",
            150_000,
            width=320,
            height=240,
            duration=2,
            file_name="animation.mp4",
            mime_type="video/mp4",
        )
        # Telegram sends a GIF both as animation and as document, for old clients.
        document = {
            key: animation[key]
            for key in ("file_id", "file_unique_id", "file_size", "file_name", "mime_type")
        }
        fields = {"animation": animation, "document": document}
    elif kind == "video_note":
        fields = {"video_note": _file(world, "video_note", 300_000, length=240, duration=5)}
    elif kind == "location":
        fields = {"location": {"latitude": 52.520008, "longitude": 13.404954}}
    elif kind == "venue":
        location = {"latitude": 52.516275, "longitude": 13.377704}
        fields = {
            "location": location,
            "venue": {
                "location": location,
                "title": "Brandenburg Gate",
                "address": "Pariser Platz, Berlin",
            },
        }
    elif kind == "contact":
        fields = {"contact": {"phone_number": "+15555550100", "first_name": "Alex"}}
    elif kind == "poll":
        fields = {
            "poll": {
                "id": str(secrets.randbelow(10**18)),
                "question": "How are you feeling?",
                "options": [
                    {"text": "Better", "voter_count": 0, "persistent_id": "0"},
                    {"text": "The same", "voter_count": 0, "persistent_id": "1"},
                ],
                "total_voter_count": 0,
                "is_closed": False,
                "is_anonymous": True,
                "type": "regular",
                "allows_multiple_answers": False,
                # Required since Bot API 9.6 / 10.0; PTB 22.8 refuses polls without them.
                "allows_revoting": False,
                "members_only": False,
            }
        }
    else:  # dice
        fields = {"dice": {"emoji": "🎲", "value": secrets.randbelow(6) + 1}}
    if caption is not None:
        if kind not in _CAPTIONED:
            raise ValueError(f"{kind} messages have no caption")
        fields["caption"] = caption
    return fields


def member_change(
    world: World, user: dict[str, Any], chat: Chat, old: str, new: str
) -> dict[str, Any]:
    """A my_chat_member update body: the bot's status in `chat` changed by `user`."""

    def member(status: str) -> dict[str, Any]:
        data: dict[str, Any] = {"user": world.bot_user, "status": status}
        if status == "kicked":
            data["until_date"] = 0
        return data

    return {
        "my_chat_member": {
            "chat": chat.raw,
            "from": user,
            "date": world.now(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
    }

"""File messages: sendPhoto and sendDocument (multipart upload, file_id or URL)."""

from __future__ import annotations

import mimetypes
from typing import Any

from emulator.errors import bad_request
from emulator.methods.compose import (
    CAPTION_LIMIT,
    formatted,
    new_bot_message,
    parse_reply_markup,
    reply_target,
    sent_record,
    text_content,
)
from emulator.methods.registry import method
from emulator.models import UploadedFile
from emulator.params import Params
from emulator.world import World


def _input_file(world: World, p: Params, name: str) -> tuple[UploadedFile, str | None]:
    """The file for parameter `name` and, if reused, its existing file_id."""
    if name in p.files:
        return p.files[name], None
    value = p.text(name)
    if value is None or value == "":
        raise bad_request(f"there is no {name} in the request")
    if value.startswith("attach://"):
        attached = p.files.get(value.removeprefix("attach://"))
        if attached is None:
            raise bad_request(f"there is no {name} in the request")
        return attached, None
    if value in world.files:
        return world.files[value], value
    if value.startswith(("http://", "https://")):
        # No outgoing connections: a URL is recorded, never fetched.
        return UploadedFile(data=None, url=value), None
    raise bad_request("wrong file identifier/HTTP URL specified")


async def _send_file(world: World, p: Params, method_name: str, kind: str) -> dict[str, Any]:
    chat = world.chat_for_bot(p.chat_ref())
    upload, reused_id = _input_file(world, p, kind)
    if upload.data is not None and not upload.data:
        raise bad_request("file must be non-empty")
    parsed = formatted(
        p,
        text_param="caption",
        entities_param="caption_entities",
        limit=CAPTION_LIMIT,
        too_long="message caption is too long",
        empty=None,
    )
    markup = parse_reply_markup(p)
    file_id, unique_id = world.new_file_ids(kind)
    if reused_id is not None:
        file_id = reused_id
    world.files[file_id] = upload
    size = len(upload.data) if upload.data is not None else 0
    content: dict[str, Any]
    if kind == "photo":
        content = {
            "photo": [
                {
                    "file_id": file_id,
                    "file_unique_id": unique_id,
                    "width": 0,
                    "height": 0,
                    "file_size": size,
                }
            ]
        }
    else:
        filename = upload.filename or "file"
        mime = upload.mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        content = {
            "document": {
                "file_id": file_id,
                "file_unique_id": unique_id,
                "file_name": filename,
                "mime_type": mime,
                "file_size": size,
            }
        }
    if parsed is not None:
        content.update(text_content(parsed, "caption"))
    raw = new_bot_message(world, chat, content, markup, reply_target(chat, p))
    record = sent_record(
        raw,
        chat,
        method_name,
        p,
        plain=parsed.plain if parsed else None,
        caption=p.text("caption") if parsed else None,
    )
    record.file = upload.data
    record.filename = upload.filename
    record.mime_type = upload.mime_type
    world.record_sent(chat, record)
    return raw


@method("sendPhoto")
async def send_photo(world: World, p: Params) -> dict[str, Any]:
    """Send a photo with an optional caption."""
    return await _send_file(world, p, "sendPhoto", "photo")


@method("sendDocument")
async def send_document(world: World, p: Params) -> dict[str, Any]:
    """Send a document with an optional caption."""
    return await _send_file(world, p, "sendDocument", "document")

"""Telegram-style HTML parsing: validation, plain text and message entities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from emulator.errors import ApiError, bad_request

# Tag name -> entity type; everything else is "Unsupported start tag", as on Telegram.
_TAG_ENTITY: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
# The Bot API supports only these named entities (plus all numeric ones).
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_NAME = re.compile(r"[A-Za-z0-9-]*")
_ATTRIBUTE = re.compile(
    r"""\s*([A-Za-z][A-Za-z0-9_-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"""
)
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?(?![^\s.,;:!?)])")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for limits and offsets."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    """A start tag waiting for its end tag."""

    name: str
    attrs: dict[str, str]
    offset: int
    language: str | None = None


@dataclass
class Parsed:
    """Result of parsing a formatted text: what a person sees plus its entities."""

    plain: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def _parse_error(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def parse_formatted(text: str, parse_mode: str | None) -> Parsed:
    """Parse `text` under `parse_mode` the way the Bot API does (HTML validated strictly)."""
    if parse_mode is None or parse_mode == "":
        return Parsed(text)
    mode = parse_mode.lower()
    if mode == "html":
        return parse_html(text)
    if mode in ("markdown", "markdownv2"):
        # Markdown is accepted but not interpreted: the text is shown as sent.
        return Parsed(text)
    raise bad_request("unsupported parse_mode")


def parse_html(text: str) -> Parsed:
    """Validate Telegram HTML and return plain text with entities (UTF-16 offsets)."""
    plain: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    position = 0  # UTF-16 offset of the end of `plain`
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char == "<":
            if i + 1 < n and text[i + 1] == "/":
                i = _close_tag(text, i, stack, entities, position)
            else:
                i = _open_tag(text, i, stack, position)
            continue
        if char == "&":
            decoded, i = _entity(text, i)
        else:
            decoded, i = char, i + 1
        plain.append(decoded)
        position += utf16_len(decoded)
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return Parsed("".join(plain), entities)


def _entity(text: str, start: int) -> tuple[str, int]:
    """Decode the character entity at `start`; a stray '&' is an error as on Telegram."""
    end = text.find(";", start + 1, start + 12)
    name = text[start + 1 : end] if end != -1 else ""
    if end != -1 and name in _NAMED_ENTITIES:
        return _NAMED_ENTITIES[name], end + 1
    if end != -1 and re.fullmatch(r"#(?:[0-9]{1,7}|[xX][0-9A-Fa-f]{1,6})", name):
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        if 0 < code <= 0x10FFFF:
            return chr(code), end + 1
    raise _parse_error(
        f'Unsupported HTML entity or unescaped "&" at byte offset {_byte_offset(text, start)}'
    )


def _tag_end(text: str, start: int) -> int:
    """Index of the '>' closing the tag at `start`, honouring quoted attribute values."""
    quote: str | None = None
    for j in range(start + 1, len(text)):
        char = text[j]
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == ">":
            return j
    return -1


def _open_tag(text: str, start: int, stack: list[_Open], position: int) -> int:
    offset = _byte_offset(text, start)
    end = _tag_end(text, start)
    if end == -1:
        raise _parse_error(f"Unclosed start tag at byte offset {offset}")
    body = text[start + 1 : end].rstrip("/").rstrip()
    match = _TAG_NAME.match(body)
    name = match.group(0).lower() if match else ""
    if name not in _TAG_ENTITY:
        raise _parse_error(f'Unsupported start tag "{name}" at byte offset {offset}')
    attrs: dict[str, str] = {}
    for attr in _ATTRIBUTE.finditer(body, len(name)):
        value = attr.group(2) or attr.group(3) or attr.group(4) or ""
        attrs[attr.group(1).lower()] = value
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise _parse_error(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
    if name == "tg-emoji" and "emoji-id" not in attrs:
        raise _parse_error(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {offset}')
    stack.append(_Open(name, attrs, position))
    return end + 1


def _close_tag(
    text: str,
    start: int,
    stack: list[_Open],
    entities: list[dict[str, Any]],
    position: int,
) -> int:
    offset = _byte_offset(text, start)
    end = text.find(">", start)
    if end == -1:
        raise _parse_error(f"Unclosed end tag at byte offset {offset}")
    name = text[start + 2 : end].strip().lower()
    if not stack:
        raise _parse_error(f"Unexpected end tag at byte offset {offset}")
    top = stack[-1]
    if top.name != name:
        raise _parse_error(
            f'Unmatched end tag at byte offset {offset}, expected "</{top.name}>", '
            f'found "</{name}>"'
        )
    stack.pop()
    _emit(top, stack, entities, position)
    return end + 1


def _emit(tag: _Open, stack: list[_Open], entities: list[dict[str, Any]], position: int) -> None:
    """Turn a closed tag into an entity; empty ones are dropped, as Telegram does."""
    length = position - tag.offset
    if length <= 0:
        return
    kind = _TAG_ENTITY[tag.name]
    entity: dict[str, Any] = {"type": kind, "offset": tag.offset, "length": length}
    if tag.name == "code" and stack and stack[-1].name == "pre":
        # <pre><code class="language-x"> becomes one pre entity carrying the language.
        language = tag.attrs.get("class", "")
        if language.startswith("language-"):
            stack[-1].language = language.removeprefix("language-")
            return
    if kind == "pre" and tag.language:
        entity["language"] = tag.language
    if kind == "text_link":
        href = tag.attrs.get("href")
        if not href:
            return
        entity["url"] = href
    if kind == "custom_emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    if kind == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    entities.append(entity)


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities for every /command in a user's text, as Telegram marks them."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group(0)),
        }
        for match in _COMMAND.finditer(text)
    ]

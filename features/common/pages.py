"""Fitting long text into Telegram messages: whole pieces per page, never a piece cut in
two unless it alone is longer than a page."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Telegram takes 4096 characters; a margin covers what we add around the pieces.
PAGE_LIMIT = 3600

_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s+"),
    re.compile(r"\s+"),
)


def size(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units): an emoji counts twice."""
    return len(text.encode("utf-16-le")) // 2


def pack(sizes: Sequence[int], limit: int = PAGE_LIMIT, separator: int = 1) -> list[list[int]]:
    """Group pieces (by index, in order) into pages whose sizes, joined, stay within
    `limit`. A piece larger than `limit` gets a page of its own."""
    pages: list[list[int]] = []
    current: list[int] = []
    used = 0
    for index, piece in enumerate(sizes):
        extra = piece + (separator if current else 0)
        if current and used + extra > limit:
            pages.append(current)
            current, used = [], 0
            extra = piece
        current.append(index)
        used += extra
    if current:
        pages.append(current)
    return pages


def split_text(text: str, limit: int, measure: Callable[[str], int] = size) -> list[str]:
    """Text too long for one page, in parts of at most `limit` (by `measure`), cut between
    paragraphs, then lines, then sentences, then words; mid-word only if a word is longer."""
    parts: list[str] = []
    while measure(text) > limit:
        head, text = _cut(text, limit, measure)
        parts.append(head)
    return [*parts, text]


def _cut(text: str, limit: int, measure: Callable[[str], int]) -> tuple[str, str]:
    for pattern in _BREAKS:
        best = None
        for match in pattern.finditer(text):
            if measure(text[: match.start()]) > limit:
                break
            if match.start() > 0:
                best = match
        if best is not None:
            head, tail = text[: best.start()].rstrip(), text[best.end() :].lstrip()
            if head and tail:
                return head, tail
    end = min(len(text), limit)
    while end > 1 and measure(text[:end]) > limit:
        end -= 1
    return text[:end], text[end:]

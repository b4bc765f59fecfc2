"""Finding words in what the client wrote: case, accents and apostrophes don't matter, a
word matches the start of a word ("sleep" finds "Sleeping"), and every word asked for must
be there. Plain text in, plain text out; all in memory, nothing kept.

Every text is folded whole first (fast, in C), and only the pieces shown get the slower
character-by-character fold that finds where a match is in the original words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Apostrophes are read both ways: gone ("dont" finds "don't", curly or straight) and as a space
# ("amour" finds "l'amour").
_APOSTROPHE_CHARS = "'\u2019\u02bc\u2018\uff07"
_NOT_WORD = re.compile(r"\W+")
_SPACES = re.compile(r"\s+")
_WORD_END = re.compile(r"[\w'\u2019\u02bc\u2018]*")

# An excerpt: this much before the first match and after it (characters), cut at a space.
_BEFORE = 70
_AFTER = 150
# At most this many words made bold in an excerpt.
_MOST_MARKS = 6


def fold(text: str) -> str:
    """The text as it is compared: casefolded, without accents or apostrophes."""
    return _without(_plain(text), "")


def _plain(text: str) -> str:
    """Casefolded, without accents; apostrophes still there."""
    if text.isascii():
        return text.lower()
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _accents() -> re.Pattern[str]:
    """The combining marks (the accents NFKD takes apart) of the Basic Multilingual Plane,
    as one character class: a regular expression drops them at C speed. (The few outside
    it, in historic scripts and notation, stay.)"""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    listed = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return re.compile(f"[{listed}]+")


_ACCENTS = _accents()


def _without(text: str, replacement: str) -> str:
    """The text with each apostrophe replaced (by nothing, or a space)."""
    for apostrophe in _APOSTROPHE_CHARS:
        if apostrophe in text:
            text = text.replace(apostrophe, replacement)
    return text


def _forms(plain: str) -> tuple[str, ...]:
    """The ways a folded text is read: without its apostrophes, and (if it has any) with
    each one a space."""
    dropped = _without(plain, "")
    return (dropped,) if len(dropped) == len(plain) else (dropped, _without(plain, " "))


def terms(query: str) -> tuple[str, ...]:
    """The words of a query, folded, each once, in order."""
    found = [word for word in _NOT_WORD.split(fold(query)) if word]
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class Query:
    """A query ready to match: its words, each found at the start of a word."""

    words: tuple[str, ...]

    @classmethod
    def of(cls, query: str) -> Query:
        return cls(terms(query))

    def matches(self, text: str) -> bool:
        """Whether every word of the query starts a word of the text."""
        forms = _forms(_plain(text))
        return all(any(pattern.search(form) for form in forms) for pattern in _patterns(self.words))


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A short part of a text around its first match: plain pieces and the matched words
    between them (`parts[0]`, then `marked[i]` followed by `parts[i + 1]`)."""

    parts: tuple[str, ...]
    marked: tuple[str, ...]


def excerpt(text: str, query: Query) -> Excerpt:
    """The part of `text` around its first match, with every matched word marked (the
    whole word: "sleeping" for "sleep"), cut at spaces, "…" where it was cut."""
    spans = sorted(
        {
            _whole_word(text, origin, found.start(), found.end())
            for folded, origin in _forms_with_origin(text)
            for pattern in _patterns(query.words)
            for found in pattern.finditer(folded)
        }
    )
    first = spans[0][0] if spans else 0
    start, end = _window(text, first)
    shown = [(s, e) for s, e in _merged(spans) if s >= start and e <= end][:_MOST_MARKS]
    parts, marked, at = [], [], start
    for s, e in shown:
        parts.append(text[at:s])
        marked.append(text[s:e])
        at = e
    parts.append(text[at:end])
    parts = [_SPACES.sub(" ", part) for part in parts]
    if start > 0:
        parts[0] = "\u2026" + parts[0].lstrip()
    if end < len(text):
        parts[-1] = parts[-1].rstrip() + "\u2026"
    if not shown:
        parts = [parts[0].strip()]
    else:
        parts[0], parts[-1] = parts[0].lstrip(), parts[-1].rstrip()
    return Excerpt(tuple(parts), tuple(marked))


@lru_cache(maxsize=64)
def _patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r"(?<!\w)" + re.escape(word)) for word in words)


def _forms_with_origin(text: str) -> list[tuple[str, list[int]]]:
    """Each form of the folded text (`_forms`), and for each of its characters the index
    of the original one it came from."""
    found = []
    for replacement in ("", " "):
        pieces: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            folded = _without(_plain(char), replacement)
            pieces.append(folded)
            origin.extend([index] * len(folded))
        found.append(("".join(pieces), origin))
        if not any(char in _APOSTROPHE_CHARS for char in text):
            break
    return found


def _whole_word(text: str, origin: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The span in the original text of the word a match (in the folded text) begins."""
    first = origin[start]
    last = origin[end - 1] + 1
    tail = _WORD_END.match(text, last)
    return first, tail.end() if tail is not None else last


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, at: int) -> tuple[int, int]:
    """Where an excerpt around `at` starts and ends: at a space, near the limits."""
    start = max(0, at - _BEFORE)
    if start > 0:
        space = text.find(" ", start, at)
        start = space + 1 if space != -1 else start
    end = min(len(text), at + _AFTER)
    if end < len(text):
        space = text.rfind(" ", at, end)
        end = space if space > at else end
    return start, end

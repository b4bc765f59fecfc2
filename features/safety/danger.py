"""Whether a client's words suggest they may be in danger: the phrase matcher behind
`CrisisData.suggests_danger`.

A miss could cost a life, a false alarm costs a kind message, so every rule here leans
towards showing help:
- phrases match whole words, whatever the case, accents, apostrophes or spacing
  ("I don\u2019t want to live", "dont want to live", "DON'T  want to live");
- one typo is forgiven in the distinctive words of a phrase ("kil myself", "sucidal"), but
  never when the typo makes an everyday word ("fill myself", "putting money aside"): a
  forgiven typo must be a word nobody writes on purpose;
- negation is not read at all ("I'm not suicidal anymore, but..." still shows help). The
  one exception is a phrase marked as hyperbole-prone ("killing me"), which a plainly light
  tone in the same message ("lol", "haha") sets aside; a hard phrase in that message still
  shows help.

Phrase syntax (one string per phrase, in crisis.json):
    words separated by spaces, each matched as a whole word;
    "a/b" matches either word;
    "*" matches up to three words of anything in between;
    "!a/b" last: the phrase doesn't count when the next word is one of these ("take my
      life back"); only for sense that can't be danger, since it can cause a miss;
    a leading "~" marks the phrase as hyperbole-prone (see above).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# How many words "*" may stand for.
GAP = 3
# Only these words forgive a typo: long or rare enough that a one-letter slip still says
# what it meant. Short, common words ("die", "end", "me") must be spelled right.
DISTINCTIVE = frozenset(
    {
        "kill", "killing", "myself", "suicide", "suicidal", "overdose", "overdosed",
        "overdosing", "cutting", "harming", "hurting", "alive", "unalive", "worthless",
        "hopeless", "pointless", "wrists", "hanging", "noose",
    }
)  # fmt: skip
# Everyday words one letter away from a distinctive word: never taken for a typo of it.
NOT_TYPOS = frozenset(
    {
        # kill
        "ill", "bill", "dill", "fill", "gill", "hill", "mill", "pill", "sill", "till",
        "will", "kilt", "kiln", "kilo", "kilts", "skill", "kid",
        # killing
        "billing", "filling", "milling", "tilling", "willing", "kilting", "kidding",
        # cutting, hurting, harming
        "putting", "gutting", "butting", "jutting", "nutting", "rutting", "cuttings",
        "hunting", "hurling", "curting", "charming", "farming", "warming", "harping",
        # overdose, overdosing
        "overdone", "overdoing",
        # alive
        "olive", "alike", "live",
        # hanging, noose
        "banging", "ganging", "hanking", "changing", "moose", "loose", "goose",
        "nose", "noise", "noisy",
        # hopeless, pointless
        "topless",
    }
)  # fmt: skip
# A plainly light tone: sets a hyperbole-prone phrase aside, never a hard one.
LIGHT = frozenset({"lol", "lmao", "lmfao", "rofl", "haha", "hahaha", "hehe", "jk", "xd"})
_LIGHT_SIGNS = ("\U0001f602", "\U0001f923", "\U0001f606", "\U0001f605", "\U0001f61c")


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase: each position is a set of words it accepts, or None for a gap."""

    parts: tuple[frozenset[str] | None, ...]
    soft: bool = False
    not_followed_by: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Phrases:
    """The compiled phrases, indexed by their first word: a long message is read once,
    trying at each word only the phrases that can start there."""

    by_first: Mapping[str, tuple[Phrase, ...]]
    # Phrases whose first word forgives a typo: tried at every word.
    fuzzy_first: tuple[Phrase, ...]


def compile_phrases(raw: Iterable[str]) -> Phrases:
    """The phrases of the data file, ready to match (blank ones dropped)."""
    phrases = []
    for text in raw:
        text = str(text).strip()
        soft = text.startswith("~")
        parts: list[frozenset[str] | None] = []
        text, _, unless = text.removeprefix("~").partition("!")
        not_followed = frozenset(w for part in unless.split("/") for w in words(part))
        for word in words(text, keep="*/"):
            if word == "*":
                parts.append(None)
            else:
                choices = frozenset(w for part in word.split("/") for w in words(part))
                if choices:
                    parts.append(choices)
        while parts and parts[0] is None:  # a gap at either end means nothing
            parts.pop(0)
        while parts and parts[-1] is None:
            parts.pop()
        if parts:
            phrases.append(Phrase(tuple(parts), soft, not_followed))
    by_first: dict[str, list[Phrase]] = defaultdict(list)
    for phrase in phrases:
        for word in phrase.parts[0] or ():
            by_first[word].append(phrase)
    fuzzy = tuple(p for p in phrases if (p.parts[0] or frozenset()) & DISTINCTIVE)
    indexed = {word: tuple(found) for word, found in by_first.items()}
    return Phrases(indexed, fuzzy)


def suggests_danger(text: str, phrases: Phrases) -> bool:
    """Whether the text holds one of the phrases (see the module's notes)."""
    tokens = words(text)
    light = any(t in LIGHT or _laughing(t) for t in tokens) or any(
        sign in text for sign in _LIGHT_SIGNS
    )
    # Each distinct word's distinctive words one slip away, worked out once per message.
    near = {token: _slips_of(token) for token in set(tokens)}
    for at, token in enumerate(tokens):
        starting = phrases.by_first.get(token, ())
        for phrase in (*starting, *phrases.fuzzy_first) if near[token] else starting:
            if phrase.soft and light:
                continue
            if _match_at(phrase, 0, tokens, at, near, typos=1):
                return True
    return False


def words(text: str, keep: str = "") -> list[str]:
    """The text's words, folded: lower case, accents and apostrophes gone ("don't" is
    "dont"), "my self" joined to "myself". `keep`: punctuation kept inside words."""
    decomposed = unicodedata.normalize("NFKD", text[:10_000])
    folded = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    folded = re.sub(r"['\u2019\u2018`\u00b4]", "", folded.lower())
    found = re.findall(rf"[\w{re.escape(keep)}]+", folded)
    joined: list[str] = []
    for word in found:
        if word == "self" and joined and joined[-1] == "my":
            joined[-1] = "myself"
        else:
            joined.append(word)
    return joined


def _laughing(token: str) -> bool:
    return len(token) >= 4 and set(token) <= {"h", "a"} and token.startswith("ha")


def _match_at(
    phrase: Phrase,
    index: int,
    tokens: list[str],
    at: int,
    near: Mapping[str, frozenset[str]],
    typos: int,
) -> bool:
    """Whether the phrase's parts from `index` match tokens from `at` on, with at most
    `typos` forgiven (`near`: each token's distinctive words one slip away)."""
    parts = phrase.parts
    if index == len(parts):
        return at >= len(tokens) or tokens[at] not in phrase.not_followed_by
    part = parts[index]
    if part is None:
        return any(
            _match_at(phrase, index + 1, tokens, at + skip, near, typos)
            for skip in range(GAP + 1)
            if at + skip <= len(tokens)
        )
    if at >= len(tokens):
        return False
    token = tokens[at]
    if token in part:
        return _match_at(phrase, index + 1, tokens, at + 1, near, typos)
    if typos and part & near[token]:
        return _match_at(phrase, index + 1, tokens, at + 1, near, typos - 1)
    return False


def _slips_of(token: str) -> frozenset[str]:
    """The distinctive words `token` is one slip away from, unless it is an everyday word
    in its own right."""
    if len(token) < 3 or token in NOT_TYPOS or token in DISTINCTIVE:
        return frozenset()
    return frozenset(w for w in DISTINCTIVE if _one_edit(token, w))


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped (not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))

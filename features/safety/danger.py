"""Whether a client's words suggest they may be in danger: the phrase matcher behind
`CrisisData.suggests_danger`.

A miss could cost a life, a false alarm costs a kind message, so every rule here leans
towards showing help:
- phrases match whole words, whatever the case, accents, apostrophes or spacing
  ("I don\u2019t want to live", "dont want to live", "DON'T  want to live"); the phrases
  of every language are matched in every message, whatever the client's language setting
  (people switch languages when they are distressed);
- one typo is forgiven in the distinctive words of a phrase ("kil myself", "sucidal"), but
  never when the typo makes an everyday word ("fill myself", "putting money aside"): a
  forgiven typo must be a word nobody writes on purpose;
- negation is not read at all ("I'm not suicidal anymore, but..." still shows help). The
  one exception is a phrase marked as hyperbole-prone ("killing me"), which a plainly light
  tone in the same message ("lol", "haha", "jaja", "mdr", a Russian ")))") sets aside; a
  hard phrase in that message still shows help.

Folding, the same for a message and for the phrases: lower case; accents dropped ("m\u00e1s"
is "mas", "\u00eatre" is "etre", and so Russian "yo" is "ye" and the short "i" is "i");
German sharp s is "ss"; apostrophes dropped inside a word ("don't" is "dont"), but a French
elided word is split off ("j'ai" is "j ai", "m'en" is "m en", "d'adieu" is "d adieu"). A
phrase word with a German umlaut matches both ways of writing it without one: "m\u00fcde"
matches "mude" and "muede".

Phrase syntax (one string per phrase, in crisis.json):
    words separated by spaces, each matched as a whole word;
    "a/b" matches either word;
    "stem*" (at least four letters before the star) matches any word that begins so:
      "suizid*" matches "Suizid", "suizidal", "Suizidgedanken"; for inflected languages
      (German compounds, Russian endings), never for short or everyday stems;
    "*" alone matches up to three words of anything in between;
    "!a/b" last: the phrase doesn't count when the next word is one of these ("take my
      life back"); only for sense that can't be danger, since it can cause a miss;
    a leading "~" marks the phrase as hyperbole-prone (see above).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# How many words "*" may stand for.
GAP = 3
# The shortest stem a "stem*" word may have, and the shortest that forgives a typo.
SHORTEST_STEM = 4
SHORTEST_FORGIVING_STEM = 6
# Only these words forgive a typo: long or rare enough that a one-letter slip still says
# what it meant. Short, common words ("die", "end", "me") must be spelled right. These are
# the English ones; each other language's are in the data file, next to its phrases
# ("typos"), and a "stem*" there forgives a slip in the word's beginning.
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
LIGHT = frozenset(
    {
        "lol", "lmao", "lmfao", "rofl", "haha", "hahaha", "hehe", "jk", "xd",
        "jeje", "jejeje", "mdr", "mdrr", "mdrrr", "ptdr", "xptdr",
        "\u043b\u043e\u043b", "\u0440\u0436\u0443", "\u0440\u0436\u0430\u043a\u0430",
    }
)  # fmt: skip
_LIGHT_SIGNS = ("\U0001f602", "\U0001f923", "\U0001f606", "\U0001f605", "\U0001f61c")
# Laughter written out: "hahaha", "jajaja" and "jsjsjs" (Spanish), and in Russian "akhakha"
# in Cyrillic or "xaxa" in Latin letters.
_LAUGHS = (
    frozenset("ha"),
    frozenset("ja"),
    frozenset("js"),  # "jsjsjs", Latin America
    frozenset("\u0445\u0430"),
    frozenset("xa"),
)
# A French elided word ("j'", "m'", "qu'"), split from the word it leans on.
_ELISION = re.compile(r"\b(c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu)['\u2019\u2018`\u00b4](?=\w)")
_UMLAUTS = str.maketrans({"\u00e4": "ae", "\u00f6": "oe", "\u00fc": "ue"})


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase: each position is a set of words it accepts (a "stem*" among them
    accepts every word beginning with the stem), or None for a gap."""

    parts: tuple[frozenset[str] | None, ...]
    soft: bool = False
    not_followed_by: frozenset[str] = frozenset()
    # Each position's stems, without their star (empty for a gap or a position without).
    stems: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Phrases:
    """The compiled phrases, indexed by their first word: a long message is read once,
    trying at each word only the phrases that can start there."""

    by_first: Mapping[str, tuple[Phrase, ...]]
    # Phrases whose first word forgives a typo: tried at every word.
    fuzzy_first: tuple[Phrase, ...]
    # Phrases whose first word is a stem, by that stem; and the stems' lengths.
    by_stem: Mapping[str, tuple[Phrase, ...]]
    stem_lengths: tuple[int, ...]
    # The words that forgive a typo (a "stem*" forgives one in a word's beginning), and
    # the everyday words never taken for a typo.
    distinctive: frozenset[str] = DISTINCTIVE
    not_typos: frozenset[str] = NOT_TYPOS
    # The distinctive words, and stems (without their star), by length: a slip changes
    # a word's length by one at most.
    forgiving_by_length: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    forgiving_stems_by_length: Mapping[int, tuple[str, ...]] = field(default_factory=dict)


def compile_phrases(
    raw: Iterable[str], distinctive: Iterable[str] = (), not_typos: Iterable[str] = ()
) -> Phrases:
    """The phrases of the data file, ready to match (blank ones dropped). `distinctive`
    and `not_typos` add to the English DISTINCTIVE and NOT_TYPOS (as folded by `words`)."""
    phrases = [phrase for text in raw if (phrase := _phrase(str(text)))]
    by_first: dict[str, list[Phrase]] = defaultdict(list)
    by_stem: dict[str, list[Phrase]] = defaultdict(list)
    for phrase in phrases:
        for word in phrase.parts[0] or ():
            if word.endswith("*"):
                by_stem[word[:-1]].append(phrase)
            else:
                by_first[word].append(phrase)
    forgiving = DISTINCTIVE | _folded_words(distinctive, keep="*")
    for word in forgiving:
        if word.endswith("*") and len(word) - 1 < SHORTEST_FORGIVING_STEM:
            raise ValueError(f"crisis phrases: the stem {word!r} is too short to forgive a typo")
    fuzzy = tuple(p for p in phrases if (p.parts[0] or frozenset()) & forgiving)
    return Phrases(
        by_first={word: tuple(found) for word, found in by_first.items()},
        fuzzy_first=fuzzy,
        by_stem={stem: tuple(found) for stem, found in by_stem.items()},
        stem_lengths=tuple(sorted({len(stem) for stem in by_stem})),
        distinctive=forgiving,
        not_typos=NOT_TYPOS | _folded_words(not_typos),
        forgiving_by_length=_by_length(w for w in forgiving if not w.endswith("*")),
        forgiving_stems_by_length=_by_length(w[:-1] for w in forgiving if w.endswith("*")),
    )


def _by_length(found: Iterable[str]) -> dict[int, tuple[str, ...]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for word in found:
        grouped[len(word)].append(word)
    return {length: tuple(sorted(words)) for length, words in grouped.items()}


def _phrase(text: str) -> Phrase | None:
    """One phrase of the data file, or None for a blank one."""
    text = text.strip()
    soft = text.startswith("~")
    text, _, unless = text.removeprefix("~").partition("!")
    not_followed = frozenset(w for part in unless.split("/") for w in words(part))
    # A word with an umlaut is read twice: "müde" as "mude" and as "muede".
    plain, spelled = words(text, keep="*/"), words(text.translate(_UMLAUTS), keep="*/")
    parts: list[frozenset[str] | None] = []
    for word, other in zip(plain, spelled, strict=True):
        if word == "*":
            parts.append(None)
            continue
        choices = frozenset(
            alternative
            for written in {*word.split("/"), *other.split("/")}
            if (alternative := _alternative(written, text))
        )
        if choices:
            parts.append(choices)
    while parts and parts[0] is None:  # a gap at either end means nothing
        parts.pop(0)
    while parts and parts[-1] is None:
        parts.pop()
    if not parts:
        return None
    stems = tuple(tuple(w[:-1] for w in part if w.endswith("*")) if part else () for part in parts)
    return Phrase(tuple(parts), soft, not_followed, stems)


def _alternative(written: str, phrase: str) -> str:
    """One alternative of a phrase word: a word, or a "stem*" of at least SHORTEST_STEM."""
    word = written.replace("*", "")
    if not written.endswith("*") or not word:
        return word
    if len(word) < SHORTEST_STEM or "*" in written[:-1]:
        raise ValueError(f"crisis phrases: {written!r} in {phrase!r} is not a stem to match")
    return word + "*"


def _folded_words(raw: Iterable[str], keep: str = "") -> frozenset[str]:
    """Each entry folded as `words` folds a message's words (both umlaut spellings)."""
    found: set[str] = set()
    for entry in raw:
        found.update(words(str(entry), keep=keep))
        found.update(words(str(entry).translate(_UMLAUTS), keep=keep))
    return frozenset(found)


def suggests_danger(text: str, phrases: Phrases) -> bool:
    """Whether the text holds one of the phrases (see the module's notes)."""
    tokens = words(text)
    light = (
        any(t in LIGHT or _laughing(t) for t in tokens)
        or any(sign in text for sign in _LIGHT_SIGNS)
        or ("))" in text and "(" not in text)  # the Russian smile, ")))"
    )
    # Each distinct word's distinctive words one slip away, worked out once per message.
    near = {token: _slips_of(token, phrases) for token in set(tokens)}
    for at, token in enumerate(tokens):
        starting = phrases.by_first.get(token, ())
        for length in phrases.stem_lengths:
            if length > len(token):
                break
            starting += phrases.by_stem.get(token[:length], ())
        for phrase in (*starting, *phrases.fuzzy_first) if near[token] else starting:
            if phrase.soft and light:
                continue
            if _match_at(phrase, 0, tokens, at, near, typos=1):
                return True
    return False


def words(text: str, keep: str = "") -> list[str]:
    """The text's words, folded (see the module's notes): "don't" is "dont", "j'ai" is
    "j ai", "my self" is joined to "myself". `keep`: punctuation kept inside words."""
    decomposed = unicodedata.normalize("NFKD", text[:10_000])
    folded = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    folded = _ELISION.sub(r"\1 ", folded.lower().replace("\u00df", "ss"))
    folded = re.sub(r"['\u2019\u2018`\u00b4]", "", folded)
    found = re.findall(rf"[\w{re.escape(keep)}]+", folded)
    joined: list[str] = []
    for word in found:
        if word == "self" and joined and joined[-1] == "my":
            joined[-1] = "myself"
        else:
            joined.append(word)
    return joined


def _laughing(token: str) -> bool:
    return len(token) >= 4 and len(set(token)) == 2 and frozenset(token) in _LAUGHS


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
    if token in part or any(token.startswith(stem) for stem in phrase.stems[index]):
        return _match_at(phrase, index + 1, tokens, at + 1, near, typos)
    if typos and part & near[token]:
        return _match_at(phrase, index + 1, tokens, at + 1, near, typos - 1)
    return False


def _slips_of(token: str, phrases: Phrases) -> frozenset[str]:
    """The distinctive words (and "stem*"s) `token` is one slip away from, unless it is an
    everyday word in its own right."""
    if len(token) < 3 or token in phrases.not_typos or token in phrases.distinctive:
        return frozenset()
    by_length = phrases.forgiving_by_length
    found: set[str] = set()
    for length in (len(token) - 1, len(token), len(token) + 1):
        found.update(word for word in by_length.get(length, ()) if _one_edit(token, word))
    for length, stems in phrases.forgiving_stems_by_length.items():
        if len(token) < length - 1:
            continue
        beginnings = {token[:n] for n in (length - 1, length, length + 1)}
        found.update(
            stem + "*"
            for stem in stems
            if not token.startswith(stem) and any(_one_edit(b, stem) for b in beginnings)
        )
    return frozenset(found)


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped (not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    at = 0  # the first difference
    while at < len(a) and at < len(b) and a[at] == b[at]:
        at += 1
    if len(a) < len(b):
        return a[at:] == b[at + 1 :]
    if len(a) > len(b):
        return a[at + 1 :] == b[at:]
    if a[at + 1 :] == b[at + 1 :]:  # one letter changed
        return True
    swapped = at + 1 < len(a) and a[at] == b[at + 1] and a[at + 1] == b[at]
    return swapped and a[at + 2 :] == b[at + 2 :]

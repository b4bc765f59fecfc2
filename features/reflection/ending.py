"""The end of a reflection: the thank-you, with one thing the client wrote reflected back,
and today's ratings set against the client's own history.

A rating is only ever compared with what the same client gave the same question before: the
first one is a starting point and said so; "lower than usual" needs at least three earlier
sessions to know what usual is; a drop of two from last time is said as such; a rise of two
or more is noticed warmly and never called low. A rating of 4 or less on one of the four
ratings is worth raising even without a history (not a goal's: progress starts low).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from features.common.lexicon import normalise
from features.common.questions import GOAL, OWN, RATINGS, goal_text
from features.kernel.vocabulary import Arg, Button, Facts, Ref, Reply
from features.reflection.loaded import ReflectionView

RAISE = "rr:"

# A rating this low, on one of the four ratings, is worth raising whatever came before.
LOW_RATING = 4
# A change this big, from last time or from the usual, is worth a word.
DROP = 2
RISE = 2
# How many earlier sessions it takes to speak of "usual".
USUAL_AFTER = 3

# Which answer the thank-you reflects back, first found first: what helped and what the
# client wants to bring up before the rest.
_ECHO_ORDER = ("helpful", "bring_up", "felt_right", "progress", "obstacles", "not_helpful")
_ECHO_LABELS = {"helpful": "reflection.echo_helpful", "bring_up": "reflection.echo_bring_up"}
# Fewer words than this (an emoji, "ok", "not sure", "not much, honestly") is not worth
# quoting back.
_ECHO_WORDS = 4
# What helped, answered with these first, says nothing helped: not quoted as what helped.
# In English, German ("Nichts", "Nicht viel"), Spanish ("Nada", "No mucho"), French ("Rien",
# "Pas grand-chose") and Russian ("Ничего", "Не особо"), compared as lexicon.normalise has it.
_NOTHING = frozenset({
    "no", "not", "nothing", "none", "nope",
    "nein", "nicht", "nichts", "nix", "kein", "keine",
    "nada", "ninguno", "ninguna", "ningun",
    "non", "rien", "pas", "aucun", "aucune",
    "нет", "не", "ничего", "ничто", "ни",
})  # fmt: skip
_QUOTE_LENGTH = 160


@dataclass(frozen=True, slots=True)
class Moved:
    """A rating set against the client's history: `kind` is "low" (low in itself), "last"
    (down from last time), "usual" (below their usual) or "up" (up from last time), and
    `then` the rating it is compared with (none for "low")."""

    key: str
    rating: int
    kind: str
    then: int | None = None


@dataclass(frozen=True, slots=True)
class Compared:
    """Today's ratings against the client's history."""

    to_raise: tuple[Moved, ...] = ()
    rises: tuple[Moved, ...] = ()
    first: tuple[Moved, ...] = ()
    # Whether no rating today had any history: the client's first ratings.
    all_first: bool = False


def compare(r: ReflectionView, earlier: Mapping[str, Sequence[int]]) -> Compared:
    """Each of today's ratings against the same question's earlier ones (newest first)."""
    to_raise: list[Moved] = []
    rises: list[Moved] = []
    first: list[Moved] = []
    for key in r.questions:
        answer = r.answers.get(key)
        if answer is None or answer.rating is None:
            continue
        rating, past = answer.rating, list(earlier.get(key, ()))
        low = key in RATINGS and rating <= LOW_RATING
        if not past:
            first.append(Moved(key, rating, "first"))
            if low:
                to_raise.append(Moved(key, rating, "low"))
            continue
        usual = sum(past) / len(past)
        if len(past) >= USUAL_AFTER and rating <= usual - DROP:
            to_raise.append(Moved(key, rating, "usual", round(usual)))
        elif rating <= past[0] - DROP:
            to_raise.append(Moved(key, rating, "last", past[0]))
        else:
            if rating >= past[0] + RISE:
                rises.append(Moved(key, rating, "up", past[0]))
            if low:
                to_raise.append(Moved(key, rating, "low"))
    rated = sum(1 for key in r.questions if key in r.answers and r.answers[key].rating is not None)
    all_first = bool(first) and len(first) == rated
    return Compared(tuple(to_raise), tuple(rises), tuple(first), all_first)


def thanks(r: ReflectionView, compared: Compared, facts: Facts) -> Reply:
    """The thank-you: a hard session acknowledged first, one thing the client wrote, and
    what their ratings show against their history."""
    if not any(a.rating is not None or a.text for a in r.answers.values()):
        return Reply("reflection.thanks_empty")  # all skipped: nothing to thank for keeping
    args: dict[str, Arg] = {"echo": echo(r), "ratings": _ratings_note(compared, facts)}
    return Reply("reflection.thanks_hard" if was_hard(r) else "reflection.thanks", args)


def was_hard(r: ReflectionView) -> bool:
    """A low session: the overall rating low, or (without one) the ratings given low on
    average."""
    overall = r.answers.get("overall")
    if overall is not None and overall.rating is not None:
        return overall.rating <= LOW_RATING
    given = [r.answers[k].rating for k in RATINGS if k in r.answers]
    ratings = [rating for rating in given if rating is not None]
    return bool(ratings) and sum(ratings) / len(ratings) <= LOW_RATING


def echo(r: ReflectionView) -> Arg:
    """One substantive thing the client wrote, to reflect back in the thank-you: not an
    emoji or a word or two, and never words that suggested danger."""
    order = [*_ECHO_ORDER, *(k for k in r.questions if k.startswith(OWN))]
    for key in order:
        answer = r.answers.get(key)
        if answer is None or not answer.text or answer.danger:
            continue
        if key == "helpful" and _says_nothing(answer.text):
            continue
        if _worded(answer.text) >= _ECHO_WORDS:
            label = Ref(_ECHO_LABELS.get(key, "reflection.echo_noted"))
            quote = shorten(answer.text, _QUOTE_LENGTH)
            return Ref("reflection.echo", {"label": label, "quote": quote})
    return ""


def _says_nothing(text: str) -> bool:
    """Whether an answer opens by saying nothing did ("Not much, honestly", "Nothing")."""
    first = normalise(text.split()[0]).strip(".,!?;:\u00a1\u00bf") if text.split() else ""
    return first in _NOTHING


def _worded(text: str) -> int:
    """How many words with letters in them the text holds."""
    return sum(1 for word in text.split() if any(ch.isalpha() for ch in word))


def _ratings_note(compared: Compared, facts: Facts) -> Arg:
    parts: list[Ref] = []
    if compared.all_first:
        parts.append(Ref("reflection.baseline"))
    elif compared.first:
        items = tuple(_labelled("rating.first_item", m, facts) for m in compared.first)
        parts.append(Ref("reflection.baseline_some", {"items": items}))
    if compared.rises:
        items = tuple(_labelled("rating.rise_item", m, facts) for m in compared.rises)
        parts.append(Ref("reflection.rises", {"items": items}))
    return tuple(parts) if parts else ""


def raise_offer(serial: int, to_raise: Sequence[Moved], facts: Facts) -> Reply:
    """The offer to put the ratings that stood out on the note for next session."""
    lead = "raise.lead_one" if len(to_raise) == 1 else "raise.lead_some"
    items = tuple(_raise_item(m, facts) for m in to_raise)
    buttons = (
        (
            Button("button.add_to_note", f"{RAISE}{serial}:add"),
            Button("button.not_now", f"{RAISE}{serial}:no"),
        ),
    )
    return Reply("reflection.raise_offer", {"lead": Ref(lead), "items": items}, buttons)


def kept(to_raise: Sequence[Moved]) -> list[list[object]]:
    """The ratings to raise as the offer's state keeps them."""
    return [[m.key, m.rating, m.kind, m.then] for m in to_raise]


def stored(data: Sequence[Sequence[object]]) -> tuple[Moved, ...]:
    """The ratings to raise from the offer's state (an older state held only key and
    rating)."""
    found = []
    for item in data:
        key, rating = str(item[0]), int(str(item[1]))
        kind = str(item[2]) if len(item) > 2 else "low"
        then = item[3] if len(item) > 3 else None
        found.append(Moved(key, rating, kind, int(str(then)) if then is not None else None))
    return tuple(found)


def _raise_item(moved: Moved, facts: Facts) -> Ref:
    how: Arg = Ref("raise.how_low")
    if moved.kind == "usual":
        how = Ref("raise.how_usual", {"then": str(moved.then)})
    elif moved.kind == "last":
        how = Ref("raise.how_last", {"then": str(moved.then)})
    say = "raise.say_goal" if moved.key.startswith(GOAL) else f"raise.say_{moved.key}"
    args: dict[str, Arg] = {
        "label": _label(moved.key, facts),
        "rating": str(moved.rating),
        "how": how,
        "say": Ref(say),
    }
    return Ref("raise.item", args)


def _labelled(text_id: str, moved: Moved, facts: Facts) -> Ref:
    args: dict[str, Arg] = {"label": _label(moved.key, facts), "rating": str(moved.rating)}
    if moved.then is not None:
        args["then"] = str(moved.then)
    return Ref(text_id, args)


def _label(key: str, facts: Facts) -> Ref:
    """What a rating question is called in a list: "Feeling heard and respected"."""
    if key.startswith(GOAL):
        text = goal_text(key, facts)
        goal: Arg = text if text is not None else Ref("raise.goal_retired")
        return Ref("rating.goal", {"goal": goal})
    return Ref(f"rating.{key}")


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"

"""How I've been: the four 0-10 ratings of the week before a session, asked in one
message that is redrawn in place at each tap.

One message, not four: sent on its own the evening before a session (after the note), it
shows one rating at a time, 0 to 10 in two rows (Telegram allows at most eight buttons in a
row) and "Skip these"; each tap keeps that rating and redraws the same message with the
next, showing those given so far, and the last ends it with a short thanks. A chat gets
one message, not four, and a skip is one tap for all of them.

Buttons carry `hb:<session date>:<part>:<rating>` or `hb:<session date>:skip`, and
`:r` (or `:p`) at the end when asked at the start of a reflection begun with /reflect (or
from a prompt), which then follows once the four are done or skipped. The stored row, not
the message, says where the client is: a press on an old message still keeps its rating
and shows what is left, a second press of the same button keeps nothing twice, and the
reflection follows only on the press that settles the four.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from features.common.loaded import WeekRatings
from features.kernel.vocabulary import (
    Arg,
    Button,
    Day,
    Effect,
    Facts,
    Goto,
    Outcome,
    Press,
    Redraw,
    Ref,
    Reply,
    State,
    Toast,
)
from features.progress.effects import RateWeek, SkipWeek
from features.progress.loaded import PressedWeek

PRESS = "hb:"
# The four, in the order they are asked (storage.wellbeing.PARTS, the columns).
PARTS = ("myself", "close", "daily", "overall")
SKIP = "skip"
# How a reflection waiting on the four was begun: its source, by the button's last part.
THEN = {"r": "reflect", "p": "prompt"}
# Where a reflection waiting on the four goes on (features/reflection).
REFLECTION_BEGIN = "reflection.begin"


@dataclass(frozen=True, slots=True)
class Pressed:
    """What a button of the four carries."""

    session_date: date
    part: int | None  # None: "Skip these"
    rating: int | None
    then: str | None  # the source of the reflection that follows, if one waits


def ask(session_date: date, week: WeekRatings | None, then: str | None = None) -> Reply | None:
    """The message asking the four (at the first not yet given), or None when they are
    settled: all given or skipped. `then` ("r" or "p"): a reflection follows them."""
    week = week or WeekRatings()
    if week.settled:
        return None
    return _asking(session_date, week, _next(week, -1), then)


def parse(data: str) -> Pressed | None:
    """The button's session date, part and rating (None for anything else)."""
    parts = data.removeprefix(PRESS).split(":")
    if not data.startswith(PRESS) or len(parts) not in (2, 3, 4):
        return None
    then = parts.pop() if parts[-1] in THEN else None
    try:
        day = date.fromisoformat(parts[0])
    except ValueError:
        return None
    if parts[1:] == [SKIP]:
        return Pressed(day, None, None, then)
    if len(parts) != 3 or not (parts[1].isdecimal() and parts[2].isdecimal()):
        return None
    part, rating = int(parts[1]), int(parts[2])
    if part >= len(PARTS) or rating > 10:
        return None
    return Pressed(day, part, rating, then)


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """A rating of the four, or "Skip these": kept, and the same message redrawn with the
    next one, or with thanks once they are settled (then the reflection, if one waits)."""
    pressed = parse(event.data)
    read = facts.get(PressedWeek)
    if pressed is None or read is None or read.session_date != pressed.session_date:
        return Outcome(state, (Toast("toast.stale_button"),))
    before = read.week or WeekRatings()
    source = "note" if pressed.then is None else "reflect"
    if pressed.part is None or pressed.rating is None:
        if before.skipped:
            return Outcome(state, (Toast("toast.how_already"), Redraw(_settled(pressed, before))))
        after = replace(before, skipped=True)
        effects: tuple[Effect, ...] = (SkipWeek(pressed.session_date, source),)
    else:
        given = list(before.given)
        given[pressed.part] = pressed.rating
        after = WeekRatings(given[0], given[1], given[2], given[3])
        unchanged = before.given[pressed.part] == pressed.rating and not before.skipped
        effects = (
            (Toast("toast.how_already"),)
            if unchanged
            else (
                RateWeek(pressed.session_date, PARTS[pressed.part], pressed.rating, source),
                Toast("toast.how_kept", {"n": str(pressed.rating)}),
            )
        )
    if not after.settled:
        following = _next(after, pressed.part if pressed.part is not None else -1)
        asking = _asking(pressed.session_date, after, following, pressed.then)
        return Outcome(state, (*effects, Redraw(asking)))
    shown = Redraw(_settled(pressed, after))
    if before.settled or pressed.then is None:
        return Outcome(state, (*effects, shown))
    # These four settled now: the reflection they were asked before begins.
    begin = {
        "source": THEN[pressed.then],
        "session_date": pressed.session_date,
        "asked": True,
    }
    return Outcome(state, (*effects, shown, Goto(REFLECTION_BEGIN, begin)))


def given_lines(week: WeekRatings) -> tuple[Ref, ...]:
    """One line for each rating given: "In myself: 6"."""
    return tuple(
        Ref("how.given_line", {"label": Ref(f"how.label.{key}"), "rating": str(rating)})
        for key, rating in zip(PARTS, week.given, strict=True)
        if rating is not None
    )


def _next(week: WeekRatings, after: int) -> int:
    """The next part not yet given: the first after `after`, else the first of all."""
    missing = [i for i, rating in enumerate(week.given) if rating is None]
    later = [i for i in missing if i > after]
    return (later or missing)[0]


def _asking(session_date: date, week: WeekRatings, part: int, then: str | None) -> Reply:
    key = PARTS[part]
    tail = f":{then}" if then else ""
    lines = given_lines(week)
    args: dict[str, Arg] = {
        "n": str(part + 1),
        "question": Ref(f"how.question.{key}"),
        "scale": Ref("how.scale"),
        "given": Ref("how.given", {"lines": lines}) if lines else "",
        "day": _day(session_date),
    }
    day = session_date.isoformat()
    numbers = [
        Button("button.how_number", f"{PRESS}{day}:{part}:{n}{tail}", {"n": str(n)})
        for n in range(11)
    ]
    skip = (Button("button.how_skip", f"{PRESS}{day}:{SKIP}{tail}"),)
    text = "how.ask" if then is None else "how.ask_reflect"
    return Reply(text, args, (tuple(numbers[:6]), tuple(numbers[6:]), skip))


def _settled(pressed: Pressed, week: WeekRatings) -> Reply:
    """The message once the four are settled: what was kept, with thanks."""
    day = _day(pressed.session_date)
    lines = given_lines(week)
    if not lines:
        return Reply("how.skipped", {"day": day})
    text = "how.kept" if all(r is not None for r in week.given) else "how.kept_some"
    return Reply(text, {"lines": lines, "day": day})


def _day(day: date) -> Day:
    return Day(day)

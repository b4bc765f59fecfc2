"""`/share`: a menu of what goes on a one-page PDF, edited in place as the client
chooses, then the page, sent to the client alone. Nothing is stored: the choice rides in
the menu's buttons (choice.py), and the page is made after the turn (SendDocument)."""

from __future__ import annotations

from datetime import date

from features.common.timezones import local_time
from features.kernel.vocabulary import (
    Button,
    Command,
    Facts,
    Outcome,
    Press,
    Redraw,
    Ref,
    Reply,
    SendDocument,
    State,
    Toast,
)
from features.share.choice import CANCEL, COUNTS, MAKE, Choice, first_choice, mark_of, parse
from features.share.document import SharePage
from features.share.loaded import ShareFacts
from features.share.page import chosen_anything, chosen_goals, page_of

# A goal on a button: long ones shortened (the page has them whole).
_GOAL_ON_BUTTON = 40


def command(state: State, command: Command, facts: Facts) -> Outcome:
    """/share: the menu, everything on to start with."""
    offered = facts[ShareFacts]
    if offered.note is None and not offered.rated and not offered.wellbeing and not offered.goals:
        return Outcome(state, (Reply("share.nothing"),))
    serial = offered.note.serial if offered.note is not None else 0
    return Outcome(state, (menu(first_choice(serial, offered.goals), offered),))


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """A toggle, a count, Make the page, or Cancel."""
    found = parse(event.data)
    offered = facts.get(ShareFacts)  # None: the data isn't ours, so nothing was read
    if found is None or offered is None:
        return Outcome(state, (Toast("toast.stale_button"),))
    choice, action = found
    if action == CANCEL:
        return Outcome(state, (Redraw(Reply("share.cancelled")),))
    serial = offered.note.serial if offered.note is not None else 0
    if choice.mark != mark_of(serial, offered.goals) or choice.note_serial != serial:
        return Outcome(state, (Toast("toast.share_changed"),))
    if action == MAKE:
        if not chosen_anything(choice, offered) or offered.page is None:
            return Outcome(state, (Toast("toast.share_choose"),))
        page = page_of(choice, offered, offered.page, _today(facts))
        return Outcome(state, (Redraw(Reply("share.making")), SendDocument(SharePage(page))))
    changed = choice.toggled(action, len(offered.goals))
    if changed is None:
        return Outcome(state, (Toast("toast.stale_button"),))
    return Outcome(state, (Redraw(menu(changed, offered)),))


def menu(choice: Choice, offered: ShareFacts) -> Reply:
    """The menu: what is on the page now, a toggle for each thing there is, the number of
    sessions, then Make the page and Cancel."""
    rows: list[tuple[Button, ...]] = []
    if offered.note is not None:
        rows.append((_toggle("button.share_note", choice.note, choice.data("note")),))
    if offered.rated:
        rows.append((_toggle("button.share_ratings", choice.ratings, choice.data("rat")),))
    if offered.wellbeing:
        rows.append((_toggle("button.share_trend", choice.trend, choice.data("trend")),))
    if offered.rated or offered.wellbeing:
        rows.append(
            tuple(
                Button(
                    "button.share_count_on" if n == choice.count else "button.share_count",
                    choice.data(f"n{n}"),
                    {"n": str(n)},
                )
                for n in COUNTS
            )
        )
    for position, words in enumerate(sorted(offered.goals.items())):
        on = position in choice.goals
        rows.append(
            (
                Button(
                    "button.share_goal_on" if on else "button.share_goal_off",
                    choice.data(f"g{position}"),
                    {"goal": _shortened(words[1])},
                ),
            )
        )
    rows.append(
        (
            Button("button.share_make", choice.data(MAKE)),
            Button("button.share_cancel", choice.data(CANCEL)),
        )
    )
    return Reply("share.menu", {"lines": _lines(choice, offered)}, tuple(rows))


def _lines(choice: Choice, offered: ShareFacts) -> tuple[Ref, ...]:
    lines = []
    note = offered.note
    if choice.note and note is not None:
        one = "_one" if note.kept == 1 else ""
        if note.session_date is not None:
            day = _day(note.session_date)
            lines.append(Ref(f"share.line.note_day{one}", {"day": day, "n": str(note.kept)}))
        else:
            lines.append(Ref(f"share.line.note{one}", {"n": str(note.kept)}))
    if choice.ratings and offered.rated:
        shown = min(choice.count, offered.rated)
        one = "_one" if shown == 1 else ""
        lines.append(Ref(f"share.line.ratings{one}", {"n": str(shown)}))
    if choice.trend and offered.wellbeing:
        shown = min(choice.count, offered.wellbeing)
        one = "_one" if shown == 1 else ""
        lines.append(Ref(f"share.line.trend{one}", {"n": str(shown)}))
    for words in chosen_goals(choice, offered).values():
        lines.append(Ref("share.line.goal", {"goal": words}))
    return tuple(lines) if lines else (Ref("share.line.nothing"),)


def _toggle(label: str, on: bool, data: str) -> Button:
    return Button("button.share_on" if on else "button.share_off", data, {"label": Ref(label)})


def _shortened(words: str) -> str:
    if len(words) <= _GOAL_ON_BUTTON:
        return words
    return words[: _GOAL_ON_BUTTON - 1].rstrip() + "\u2026"


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _today(facts: Facts) -> date:
    zone = facts.client.time_zone
    return local_time(zone, facts.now).date() if zone else facts.now.date()

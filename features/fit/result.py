"""What a finished /fit check says: where preference and experience match, where they don't
(what is worth raising now, with words to use, and what is worth watching), or (before
the first session) what the client is looking for and what to ask a prospective
therapist; and what changed since the check before.

Pure, and made of catalogue references only, so the chat and an export say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from features.common.timezones import local_time
from features.fit.items import (
    BOTH,
    BY_ID,
    DIMENSIONS,
    NO,
    NO_PREFERENCE,
    POLES,
    QUALITY_ITEMS,
    SKIP,
    UNSURE,
    YES,
    Item,
    choice_label,
    items_for,
    said_label,
)
from features.fit.loaded import FitView
from features.kernel.vocabulary import Arg, Day, Ref

Section = tuple[Ref, ...]

# With this many gaps worth raising (opposite poles, a quality answered "no"), the result says
# plainly that it is OK to decide this is not the right match, even if it "feels right".
MANY_GAPS = 3


def result_lines(
    check: FitView, previous: FitView | None = None, time_zone: str | None = None
) -> tuple[Ref, ...]:
    """A finished check's result as lines (catalogue references), section after section;
    with the check before it, what changed as well. For /export: render with `plain`."""
    return tuple(line for section in sections(check, previous, time_zone) for line in section)


def sections(
    check: FitView, previous: FitView | None = None, time_zone: str | None = None
) -> tuple[Section, ...]:
    """The result in parts that each fit one message."""
    parts = _fit(check) if check.seeing_therapist else _looking(check)
    if previous is not None:
        parts = (*parts, _changes(check, previous, time_zone))
    return parts


@dataclass(frozen=True, slots=True)
class Gap:
    """Where preference and experience don't meet: its line in the result, whether it is
    worth raising now (opposite poles, a quality answered "no") or watching, and the words
    the client could use (`fit.words.<words>`) to take it into their note."""

    line: Ref
    raise_now: bool
    label: Ref
    words: str | None


def _fit(check: FitView) -> tuple[Section, ...]:
    matches, gap_list = _compared(check)
    if not matches and not gap_list:
        return ((Ref("fit.head.title"), Ref("fit.result.nothing")),)
    first = (
        Ref("fit.head.title"),
        Ref("fit.head.matches"),
        *(matches or [Ref("fit.result.no_matches")]),
    )
    if not gap_list:
        return first, (Ref("fit.head.gaps"), Ref("fit.result.no_gaps"))
    raising = [gap.line for gap in gap_list if gap.raise_now]
    watching = [gap.line for gap in gap_list if not gap.raise_now]
    many = len(raising) >= MANY_GAPS and check.answers.get("q.feels_right") != NO
    lines: list[Ref] = []
    if raising:
        lines += [Ref("fit.head.raise"), *raising]
    if watching:
        lines += [Ref("fit.head.watch"), *watching, Ref("fit.watch.step")]
    closing = Ref("fit.closing.many" if many else "fit.closing.gaps")
    return first, (*lines, closing)


def gaps(check: FitView) -> tuple[Gap, ...]:
    """The gaps of a finished check (someone seeing a therapist), in the order shown."""
    if not check.seeing_therapist:
        return ()
    found = _compared(check)[1]
    return (*[g for g in found if g.raise_now], *[g for g in found if not g.raise_now])


def _compared(check: FitView) -> tuple[list[Ref], list[Gap]]:
    """Where the check matches (a line each), and its gaps, in item order."""
    answers = check.answers
    matches: list[Ref] = []
    found: list[Gap] = []
    for topic in DIMENSIONS:
        want, have = answers.get(f"pref.{topic}"), answers.get(f"exp.{topic}")
        if want in (None, SKIP, NO_PREFERENCE) or have in (None, SKIP):
            continue
        dim = Ref(f"fit.dim.{topic}")
        want_said = said_label(_pref(topic), str(want))
        if have == UNSURE:
            line = Ref("fit.line.unclear", {"dim": dim, "want": want_said})
            found.append(Gap(line, False, dim, None))
            continue
        have_said = said_label(_pref(topic), str(have))
        if want == have:
            matches.append(Ref("fit.line.match_dim", {"dim": dim, "have": have_said}))
            continue
        words = f"{topic}.{want}"
        args: dict[str, Arg] = {"dim": dim, "want": want_said, "have": have_said}
        if want in POLES and have in POLES:
            line = Ref("fit.line.raise_dim", {**args, "words": Ref(f"fit.words.{words}")})
            found.append(Gap(line, True, dim, words))
        else:
            found.append(Gap(Ref("fit.line.watch_dim", args), False, dim, words))
    for item in QUALITY_ITEMS:
        choice = answers.get(item.id)
        if choice in (None, SKIP):
            continue
        if choice == YES:
            matches.append(Ref("fit.line.match_quality", {"label": item.label}))
            continue
        found.append(_quality_gap(item, str(choice)))
    return matches, found


def _quality_gap(item: Item, choice: str) -> Gap:
    args: dict[str, Arg] = {"label": item.label, "choice": said_label(item, choice)}
    words = None if choice == UNSURE else item.topic
    if choice != NO:
        return Gap(Ref("fit.line.watch_quality", args), False, item.label, words)
    if item.topic == "feels_right":
        # Seed 004: said plainly and without judgement.
        return Gap(Ref("fit.line.not_right", args), True, item.label, words)
    line = Ref("fit.line.raise_quality", {**args, "words": Ref(f"fit.words.{item.topic}")})
    return Gap(line, True, item.label, words)


def _looking(check: FitView) -> tuple[Section, ...]:
    """Before the first session: what the client is looking for, and what to ask."""
    wants: list[Ref] = []
    asks: list[Ref] = []
    for topic in DIMENSIONS:
        want = check.answers.get(f"pref.{topic}")
        if want in (*POLES, BOTH):
            wants.append(Ref(f"fit.want.{topic}.{want}"))
            asks.append(Ref(f"fit.ask.{topic}"))
    looking = (Ref("fit.head.looking"), *(wants or [Ref("fit.want.open")]))
    asking = (Ref("fit.head.ask"), *asks, Ref("fit.ask.goals"), Ref("fit.ask.feedback"))
    return looking, (*asking, Ref("fit.closing.looking"))


def _changes(check: FitView, previous: FitView, time_zone: str | None) -> Section:
    """What the client answered differently from their check before, item by item."""
    lines = []
    for item in items_for(check.seeing_therapist):
        before, after = previous.answers.get(item.id), check.answers.get(item.id)
        if before in (None, SKIP) or after in (None, SKIP) or before == after:
            continue
        lines.append(
            Ref(
                "fit.change",
                {
                    "label": item.label,
                    "before": choice_label(item, str(before)),
                    "after": choice_label(item, str(after)),
                },
            )
        )
    head = Ref("fit.head.changes", {"date": day_of(previous, time_zone)})
    return (head, *(lines or [Ref("fit.changes.none")]))


def day_of(check: FitView, time_zone: str | None) -> Arg:
    """The day a check was done, on the client's calendar ("Tuesday 24 November")."""
    moment = check.finished_at or check.started_at
    if moment is None:
        return ""
    local: datetime = local_time(time_zone, moment) if time_zone else moment
    return Day(local.date())


def _pref(topic: str) -> Item:
    return BY_ID[f"pref.{topic}"]

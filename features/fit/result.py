"""What a finished /fit check says: where preference and experience match, where they don't
and a next step for each gap, or (before the first session) what the client is looking for
and what to ask a prospective therapist; and what changed since the check before.

Pure, and made of catalogue references only, so the chat and an export say the same.
"""

from __future__ import annotations

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
    SOMEWHAT,
    UNSURE,
    YES,
    Item,
    choice_label,
    items_for,
)
from features.fit.loaded import FitView
from features.kernel.vocabulary import Ref

Section = tuple[Ref, ...]

# With this many clear gaps (opposite poles, or a quality answered "no"), the result says
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


def _fit(check: FitView) -> tuple[Section, ...]:
    answers = check.answers
    matches: list[Ref] = []
    gaps: list[Ref] = []
    clear_gaps = 0
    for topic in DIMENSIONS:
        want, have = answers.get(f"pref.{topic}"), answers.get(f"exp.{topic}")
        if want in (None, SKIP, NO_PREFERENCE) or have in (None, SKIP):
            continue
        dim = Ref(f"fit.dim.{topic}")
        want_label = choice_label(_pref(topic), str(want))
        words = Ref(f"fit.words.{topic}.{want}")
        if have == UNSURE:
            gaps.append(Ref("fit.line.unclear", {"dim": dim, "want": want_label, **_wait()}))
            continue
        have_label = choice_label(_pref(topic), str(have))
        if want == have:
            matches.append(Ref("fit.line.match_dim", {"dim": dim, "have": have_label}))
            continue
        apart = want in POLES and have in POLES
        clear_gaps += apart
        step = _raise(words) if apart else _wait_or_raise(words)
        gaps.append(
            Ref("fit.line.gap_dim", {"dim": dim, "want": want_label, "have": have_label, **step})
        )
    for item in QUALITY_ITEMS:
        choice = answers.get(item.id)
        if choice in (None, SKIP):
            continue
        if choice == YES:
            matches.append(Ref("fit.line.match_quality", {"label": item.label}))
            continue
        clear_gaps += choice == NO
        gaps.append(
            Ref(
                "fit.line.gap_quality",
                {
                    "label": item.label,
                    "choice": choice_label(item, str(choice)),
                    **_step_for(item, str(choice)),
                },
            )
        )
    if not matches and not gaps:
        return ((Ref("fit.head.title"), Ref("fit.result.nothing")),)
    first = (
        Ref("fit.head.title"),
        Ref("fit.head.matches"),
        *(matches or [Ref("fit.result.no_matches")]),
    )
    if not gaps:
        return first, (Ref("fit.head.gaps"), Ref("fit.result.no_gaps"))
    many = clear_gaps >= MANY_GAPS and answers.get("q.feels_right") != NO
    closing = Ref("fit.closing.many" if many else "fit.closing.gaps")
    return first, (Ref("fit.head.gaps"), *gaps, closing)


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


def day_of(check: FitView, time_zone: str | None) -> str:
    """The day a check was done, on the client's calendar ("Tuesday 24 November")."""
    moment = check.finished_at or check.started_at
    if moment is None:
        return ""
    local: datetime = local_time(time_zone, moment) if time_zone else moment
    return f"{local:%A} {local.day} {local:%B}"


def _step_for(item: Item, choice: str) -> dict[str, Ref]:
    if choice == UNSURE:
        return _wait()
    if item.topic == "feels_right" and choice == NO:
        # Seed 004: said plainly and without judgement.
        return {"step": Ref("fit.step.ok_to_decide")}
    words = Ref(f"fit.words.{item.topic}")
    return _wait_or_raise(words) if choice == SOMEWHAT else _raise(words)


def _raise(words: Ref) -> dict[str, Ref]:
    return {"step": Ref("fit.step.raise", {"words": words})}


def _wait_or_raise(words: Ref) -> dict[str, Ref]:
    return {"step": Ref("fit.step.wait_or_raise", {"words": words})}


def _wait() -> dict[str, Ref]:
    return {"step": Ref("fit.step.wait")}


def _pref(topic: str) -> Item:
    return BY_ID[f"pref.{topic}"]

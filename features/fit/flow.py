"""/fit: "does this therapist feel right for me?", one tap at a time. First what the client
would like from a therapist, then what it is like with theirs, then the qualities of a good
fit; the result says where they match, where they don't and what to do about each gap, and
what changed since the check before. Before the first session it is "what am I looking for?".

Item buttons carry `f:<serial>:<position>:<choice>`: the check and the item they were sent
for, so a double tap or an older check's button changes nothing and says so. The start and
resume offers carry `fo:<serial>:<action>`. Every choice is stored as it is pressed, so a
restart or /cancel loses nothing, and /fit offers to continue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from features.common.loaded import LastSerial
from features.fit.effects import FinishFit, SaveFitChoice, StartFit
from features.fit.items import SKIP, Item, choice_label, items_for
from features.fit.loaded import FitChecks, FitView
from features.fit.result import day_of, gaps, sections
from features.kernel.texts import plain
from features.kernel.vocabulary import (
    Arg,
    Button,
    Command,
    Effect,
    Event,
    Facts,
    Goto,
    Outcome,
    Press,
    Redraw,
    Ref,
    Reply,
    State,
    Step,
    Toast,
)

PRESS = "f:"
OFFER = "fo:"
# A gap of the result taken into the note: `fn:<serial>:<added>:<index>`.
NOTE_GAP = "fn:"
# Where a gap goes: the memos' way to keep words for the next note (features/memos).
MEMO_KEEP = "memos.keep"
STEPS = frozenset({Step.FIT, Step.FIT_SEEING, Step.FIT_RESUME})
BACK = "back"


def reads_checks(state: State, event: Event) -> bool:
    """Whether this turn needs the client's checks loaded (kept off every other turn)."""
    if state.step in STEPS:
        return True
    if isinstance(event, Command):
        return event.name == "fit"
    return isinstance(event, Press) and event.data.startswith((PRESS, OFFER, NOTE_GAP))


def begin(state: State, facts: Facts) -> Outcome:
    """/fit: offer to carry on with an unfinished check; otherwise ask whether the client
    has started seeing this therapist (if nothing says so yet), or start."""
    check = facts[FitChecks].open
    if check is not None:
        if state.step is Step.FIT and state.data.get("serial") == check.serial:
            return Outcome(state, (ask(check, _position(state, check)),))
        offer = State(Step.FIT_RESUME, {"serial": check.serial})
        return Outcome(offer, (_resume_offer(check, facts),))
    serial = _next_serial(facts)
    last = facts[FitChecks].last
    seen = last is not None and last.seeing_therapist
    if facts[LastSerial].serial == 0 and not seen:
        # No reflection yet: perhaps before the first session.
        return Outcome(State(Step.FIT_SEEING, {"serial": serial}), (_seeing_offer(serial),))
    return _start(serial, seeing=True)


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """A /fit button, wherever the client is: checked against their open check and the
    item they are on."""
    if event.data.startswith(OFFER):
        return _offer_press(state, event.data, facts)
    check = facts[FitChecks].open
    if state.step is Step.FIT and (check is None or check.serial != state.data.get("serial")):
        return Outcome(State(), (Reply("fit.gone"),))
    serial, position, choice = _parse(event.data)
    if check is None or serial != check.serial:
        return Outcome(state, (Toast("fit.toast.old"),))
    if state.step is Step.FIT:
        current = _position(state, check)
    elif state.step is Step.FIT_RESUME:
        # A button of where they left off, still on screen: that is continuing.
        current = resume_at(check)
    else:
        return Outcome(state, (Toast("fit.toast.paused"),))
    if position != current:
        return Outcome(state, (Toast("toast.moved_on"),))
    return _choose(state, check, position, choice, facts)


def walking(state: State, event: Event, facts: Facts) -> Outcome:
    """Anything but a /fit button while on an item: the item again, with its buttons."""
    check = facts[FitChecks].open
    if check is None or check.serial != state.data.get("serial"):
        return Outcome(State(), (Reply("fit.gone"),))
    if isinstance(event, Press):
        return Outcome(state, (Toast("toast.stale_button"),))
    return Outcome(state, (Reply("fit.use_buttons"), ask(check, _position(state, check))))


def offer_lapses(state: State, event: Event, facts: Facts) -> Outcome | None:
    """An open offer waits for its own buttons (routed as /fit presses); anything else
    lets it lapse."""
    return None


def pause() -> Outcome:
    """/cancel: stop asking; every choice made stays, and /fit picks it up again."""
    return Outcome(State(), (Reply("fit.paused"),))


def note_paused(state: State, event: Event, outcome: Outcome) -> Outcome:
    """Leaving a check for another command or menu pauses it; say so, as a reflection does."""
    if state.step is not Step.FIT or outcome.state.step in STEPS:
        return outcome
    leaving = (isinstance(event, Command) and event.name != "cancel") or (
        isinstance(event, Press) and not event.data.startswith((PRESS, OFFER))
    )
    if not leaving:
        return outcome
    return Outcome(outcome.state, (Reply("fit.paused_for_command"), *outcome.effects))


def ask_again(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The open item or offer again, after an interruption."""
    check = facts[FitChecks].open
    if state.step is Step.FIT and check is not None and check.serial == state.data.get("serial"):
        return (ask(check, _position(state, check)),)
    if state.step is Step.FIT_RESUME and check is not None:
        return (_resume_offer(check, facts),)
    if state.step is Step.FIT_SEEING and check is None:
        return (_seeing_offer(_next_serial(facts)),)
    return ()


def ask(check: FitView, position: int) -> Reply:
    """One item: "3 of 16", the question, what it means, the client's choice so far, and
    its buttons (two by two, then Back and Skip)."""
    items = items_for(check.seeing_therapist)
    item = items[position]
    args: dict[str, Arg] = {
        "n": str(position + 1),
        "total": str(len(items)),
        "part": Ref(f"fit.part.{item.part}"),
        "question": item.question,
        "hint": item.hint,
        "so_far": _so_far(item, check.answers.get(item.id)),
    }
    choices = [_button(check, position, code, choice_label(item, code)) for code in item.choices]
    nav: tuple[Button, ...] = (_button(check, position, SKIP, Ref("button.skip")),)
    if position > 0:
        nav = (_button(check, position, BACK, Ref("button.back")), *nav)
    rows = (tuple(choices[:2]), tuple(choices[2:]), nav)
    return Reply("fit.item", args, rows)


def resume_at(check: FitView) -> int:
    """Where a check picks up: the first item not yet answered or skipped."""
    items = items_for(check.seeing_therapist)
    for position, item in enumerate(items):
        if item.id not in check.answers:
            return position
    return len(items) - 1


def _start(serial: int, seeing: bool) -> Outcome:
    check = FitView(serial, seeing)
    total = str(len(items_for(seeing)))
    intro = Reply("fit.intro" if seeing else "fit.intro_looking", {"total": total})
    state = State(Step.FIT, {"serial": serial, "position": 0})
    return Outcome(state, (StartFit(serial, seeing), intro, ask(check, 0)))


def _offer_press(state: State, data: str, facts: Facts) -> Outcome:
    raw, _, action = data.removeprefix(OFFER).partition(":")
    check = facts[FitChecks].open
    if state.step is Step.FIT_SEEING and check is None and action in ("seeing", "looking"):
        serial = _next_serial(facts)
        if raw == str(serial) and state.data.get("serial") == serial:
            return _start(serial, seeing=action == "seeing")
    resuming = state.step is Step.FIT_RESUME and check is not None and raw == str(check.serial)
    if resuming and check is not None and action in ("go", "top"):
        position = resume_at(check) if action == "go" else 0
        walking = State(Step.FIT, {"serial": check.serial, "position": position})
        return Outcome(walking, (ask(check, position),))
    return Outcome(state, (Toast("toast.stale_button"),))


def _choose(state: State, check: FitView, position: int, choice: str, facts: Facts) -> Outcome:
    item = items_for(check.seeing_therapist)[position]
    if choice == BACK and position > 0:
        moved = State(Step.FIT, {"serial": check.serial, "position": position - 1})
        return Outcome(moved, (ask(check, position - 1),))
    if choice == SKIP:
        if item.id in check.answers:  # a choice made before stays
            return _advance(check, position, check.answers, (Toast("toast.skipped"),), facts)
        skipped = (SaveFitChoice(check.serial, item.id, SKIP), Toast("toast.skipped"))
        return _advance(check, position, {**check.answers, item.id: SKIP}, skipped, facts)
    if choice in item.choices:
        saved = Toast("fit.toast.saved", {"choice": choice_label(item, choice)})
        effects = (SaveFitChoice(check.serial, item.id, choice), saved)
        return _advance(check, position, {**check.answers, item.id: choice}, effects, facts)
    return Outcome(state, (Toast("toast.stale_button"),))


def _advance(
    check: FitView,
    position: int,
    answers: Mapping[str, str],
    effects: tuple[Effect, ...],
    facts: Facts,
) -> Outcome:
    answered = replace(check, answers=answers)
    following = position + 1
    if following < len(items_for(check.seeing_therapist)):
        state = State(Step.FIT, {"serial": check.serial, "position": following})
        return Outcome(state, (*effects, ask(answered, following)))
    finished = replace(answered, finished_at=facts.now)
    results = sections(finished, facts[FitChecks].last, facts.client.time_zone)
    replies = [Reply("fit.section", {"lines": lines}) for lines in results]
    if gaps(finished):
        replies[1] = _gaps_with_buttons(finished, 0)  # the gaps: each may go into the note
    return Outcome(State(), (*effects, FinishFit(check.serial), *replies))


def note_gap(state: State, event: Press, facts: Facts) -> Outcome:
    """A gap of the last check's result taken into the client's next note, in the words
    they could use; its button then says so (the others stay)."""
    serial, added, index = _parse_note(event.data)
    last = facts[FitChecks].last
    found = gaps(last) if last is not None and last.serial == serial else ()
    if not 0 <= index < len(found) or found[index].words is None:
        return Outcome(state, (Toast("toast.stale_button"),))
    if added & (1 << index):
        return Outcome(state, (Toast("fit.toast.in_note"),))
    assert last is not None
    words = plain(f"fit.words.{found[index].words}", facts.client.language)
    redrawn = Redraw(_gaps_with_buttons(last, added | (1 << index)))
    where = {"step": state.step.value, "data": dict(state.data)}  # the client stays there
    return Outcome(state, (redrawn, Goto(MEMO_KEEP, {"words": words, **where})))


def _gaps_with_buttons(check: FitView, added: int) -> Reply:
    """The result's gaps, with a button under it for each gap that has words to use:
    "in your note" for those already added (`added`, one bit per gap)."""
    rows = []
    for index, gap in enumerate(gaps(check)):
        if gap.words is None:
            continue
        data = f"{NOTE_GAP}{check.serial}:{added}:{index}"
        label = "button.fit_in_note" if added & (1 << index) else "button.fit_to_note"
        rows.append((Button(label, data, {"gap": gap.label}),))
    # Said in the chat only (an export has no buttons).
    hint = (Ref("fit.note_hint"),) if rows else ()
    return Reply("fit.section", {"lines": (*sections(check)[1], *hint)}, tuple(rows))


def _parse_note(data: str) -> tuple[int, int, int]:
    """(serial, added, index) from a gap's button data; -1s for anything else."""
    parts = data.removeprefix(NOTE_GAP).split(":")
    if len(parts) != 3 or not all(part.isdecimal() and len(part) < 12 for part in parts):
        return -1, -1, -1
    return int(parts[0]), int(parts[1]), int(parts[2])


def _resume_offer(check: FitView, facts: Facts) -> Reply:
    items = items_for(check.seeing_therapist)
    answered = sum(1 for item in items if item.id in check.answers)
    args = {
        "date": day_of(check, facts.client.time_zone),
        "answered": str(answered),
        "total": str(len(items)),
    }
    buttons = (
        (Button("button.continue", f"{OFFER}{check.serial}:go"),),
        (Button("button.fit_top", f"{OFFER}{check.serial}:top"),),
    )
    return Reply("fit.resume_offer", args, buttons)


def _seeing_offer(serial: int) -> Reply:
    buttons = (
        (Button("button.fit_seeing", f"{OFFER}{serial}:seeing"),),
        (Button("button.fit_looking", f"{OFFER}{serial}:looking"),),
    )
    return Reply("fit.ask_seeing", buttons=buttons)


def _so_far(item: Item, choice: str | None) -> Arg:
    if choice is None:
        return ""
    if choice == SKIP:
        return Ref("fit.so_far_skipped")
    return Ref("fit.so_far", {"choice": choice_label(item, choice)})


def _button(check: FitView, position: int, code: str, label: Ref) -> Button:
    return Button(label.text, f"{PRESS}{check.serial}:{position}:{code}", label.args)


def _position(state: State, check: FitView) -> int:
    """The item the client is on, from their state; where the check picks up otherwise."""
    position = state.data.get("position")
    if isinstance(position, int) and 0 <= position < len(items_for(check.seeing_therapist)):
        return position
    return resume_at(check)


def _next_serial(facts: Facts) -> int:
    """The serial a new check takes: after every check the client has (one open at most)."""
    serials = [c.serial for c in (facts[FitChecks].open, facts[FitChecks].last) if c is not None]
    return max(serials, default=0) + 1


def _parse(data: str) -> tuple[int, int, str]:
    """(serial, position, choice) from button data; (-1, -1, "") for anything else."""
    parts = data.removeprefix(PRESS).split(":")
    if not data.startswith(PRESS) or len(parts) != 3 or not all(p.isdecimal() for p in parts[:2]):
        return -1, -1, ""
    return int(parts[0]), int(parts[1]), parts[2]

"""The post-session reflection: one question at a time, answered, skipped or gone back to,
left and resumed at the client's pace, and a gentle word about ratings that dropped.

Buttons carry `r:<serial>:<position>:<action>`: the reflection and the question they were
sent for. A press that doesn't match where the client is now (a double tap, last week's
message) changes nothing and says so.

While the client walks a reflection, their state holds which one and where they are
(`{"serial", "position"}`); the reflection's row is told their place only when they leave
it (`on_leave`) or finish. A state kept before it held the place has only the serial: the
row's place counts then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date

from features.common.loaded import LastSerial
from features.common.questions import GOAL, OWN, goal_text, is_rating, questions_for, wording
from features.common.timezones import local_time
from features.kernel.vocabulary import (
    Arg,
    Button,
    Effect,
    Event,
    Facts,
    NonText,
    Outcome,
    Press,
    Ref,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from features.reflection.effects import (
    AddTopics,
    DeclineTopics,
    FinishReflection,
    MoveTo,
    PutAnswer,
    ShareDanger,
    StartReflection,
)
from features.reflection.loaded import AnswerView, OpenReflection, RecentRatings, ReflectionView

PRESS = "r:"
RESUME = "rs:"
RAISE = "rr:"
SHARE = "rd:"

# Which answer the thank-you reflects back, first found first.
_ECHO_ORDER = ("helpful", "bring_up", "felt_right", "progress", "obstacles", "not_helpful")
_QUOTE_LENGTH = 160
_SO_FAR_LENGTH = 300
# The most one answer holds, across the messages added to it: enough for pages of
# reflection, and a bound on what one client can make every later read of it cost.
ANSWER_LIMIT = 20_000
# What joins two messages of one answer.
_JOIN = "\n\n"
# A rating this low, or this far below the client's own recent average, is worth raising.
LOW_RATING = 5
DROP = 2


def begin(facts: Facts, source: str = "reflect", session_date: date | None = None) -> Outcome:
    """/reflect (or a prompt's "Start now"): offer to resume an unfinished one, or start.
    A prompt names its session's date; /reflect means today's."""
    unfinished = facts[OpenReflection].view
    if unfinished is not None:
        return _offer_resume(unfinished)
    return _start(facts, source, session_date=session_date)


def pause(reflecting: bool) -> Outcome:
    """/cancel: stop asking; everything answered stays, and /reflect resumes."""
    return Outcome(State(), (Reply("reflection.paused" if reflecting else "cancel.done"),))


def reflecting(state: State, event: Event, facts: Facts) -> Outcome:
    """The client answers the current question: a rating, text, a button, or something else."""
    r = facts[OpenReflection].view
    if r is None or r.serial != state.data.get("serial"):
        return Outcome(State(), (Reply("reflection.gone"),))
    key = r.questions[r.position]
    if isinstance(event, Text):
        if _too_long(r, key, event.text):
            full = Reply("reflection.answer_full", {"limit": f"{ANSWER_LIMIT:,}"})
            return Outcome(state, (full, *ask_again(r, facts)))
        written = _put(r, key, _with_text(r, key, event.text))
        if not is_rating(key):
            noted = Reply("reflection.noted", buttons=((_button(r, "next", "button.next"),),))
            return Outcome(state, (written, noted))
        number = _as_rating(event.text)
        if number is not None:
            return _rate(r, key, number, facts)
        # A comment on a rating question is kept with it, never dropped; then the question
        # again, so its buttons are at hand (and in case it never arrived).
        kept = (written, Reply("reflection.comment_kept"))
        return Outcome(state, (*kept, ask(r, facts)))
    if isinstance(event, Press):
        return _press(state, r, key, event.data, facts)
    if isinstance(event, NonText):
        return Outcome(state, (Reply("reflection.only_text"),))
    return Outcome(state, ask_again(r, facts))


def in_danger(state: State, text: str, facts: Facts) -> Outcome:
    """Words that suggest danger, written as an answer (after the crisis message): kept
    with the question, flagged so no note holds them unless the client agrees, and no
    "Kept." as if nothing happened: the client chooses to pause or to carry on."""
    r = facts[OpenReflection].view
    if r is None or r.serial != state.data.get("serial"):
        return reflecting(state, Text(text), facts)
    key = r.questions[r.position]
    choice = (_button(r, "pause", "button.pause_here"), _button(r, "carry", "button.carry_on"))
    then = Reply("crisis.choice", buttons=(choice,))
    if _too_long(r, key, text):
        # The answer's limit holds here too; the client is told, gently, after the help.
        full = Reply("reflection.answer_full", {"limit": f"{ANSWER_LIMIT:,}"})
        return Outcome(state, (full, then))
    return Outcome(state, (_put(r, key, _with_text(r, key, text, danger=True)), then))


def offer_share(state: State, event: Event, facts: Facts) -> Outcome | None:
    """Bring what the client wrote about being in danger to their therapist's note, or
    keep it out. None: the offer lapses, and it stays out."""
    if not (isinstance(event, Press) and event.data.startswith(SHARE)):
        return None
    serial, _, action = event.data.removeprefix(SHARE).partition(":")
    if serial != str(state.data.get("serial")):
        return Outcome(state, (Toast("toast.stale_button"),))
    if action == "yes":
        return Outcome(State(), (ShareDanger(int(serial)), Reply("share.added")))
    return Outcome(State(), (Reply("share.kept_out"),))


def walked(state: State, r: ReflectionView | None) -> ReflectionView | None:
    """The client's open reflection at the question their state holds, while they walk
    it (the row's place is only kept when they leave it)."""
    position = state.data.get("position")
    if (
        state.step is not Step.REFLECTING
        or r is None
        or r.serial != state.data.get("serial")
        or not isinstance(position, int)
        or not r.questions
    ):
        return r
    at = min(max(position, 0), len(r.questions) - 1)
    return replace(r, position=at)


def on_leave(state: State, outcome: Outcome) -> tuple[Effect, ...]:
    """The client's place in their reflection, kept as they leave it for something else (a
    command, a menu, /cancel, a pause): while they walk it, only their state holds it. Not
    when they finish it (that keeps the place too), nor for a state that never held it."""
    serial, position = state.data.get("serial"), state.data.get("position")
    walking = state.step is Step.REFLECTING
    if not (walking and isinstance(serial, int) and isinstance(position, int)):
        return ()
    after = outcome.state
    if after.step is Step.REFLECTING and after.data.get("serial") == serial:
        return ()
    if any(isinstance(e, FinishReflection) and e.serial == serial for e in outcome.effects):
        return ()
    return (MoveTo(serial, position),)


def _walking(r: ReflectionView, state: State | None = None) -> State:
    """Walking the reflection, at its question `r.position` (with what else the state
    held, if given)."""
    kept = dict(state.data) if state is not None else {}
    return State(Step.REFLECTING, {**kept, "serial": r.serial, "position": r.position})


def _with_text(r: ReflectionView, key: str, text: str, *, danger: bool = False) -> AnswerView:
    """The answer with one more message: messages join into one answer, and one that
    suggested danger flags the whole answer, so a note leaves it out."""
    kept = r.answers.get(key, AnswerView())
    joined = f"{kept.text}{_JOIN}{text}" if kept.text else text
    return replace(kept, text=joined, skipped=False, danger=kept.danger or danger)


def _put(r: ReflectionView, key: str, answer: AnswerView) -> PutAnswer:
    return PutAnswer(r.serial, key, answer.rating, answer.text, answer.skipped, answer.danger)


def _too_long(r: ReflectionView, key: str, text: str) -> bool:
    """Whether this message would take the answer past its limit. It is then kept out
    whole, never cut: the client is told, and keeps their words in their own chat."""
    kept = r.answers[key].text if key in r.answers else None
    total = len(text) + (len(kept) + len(_JOIN) if kept else 0)
    return total > ANSWER_LIMIT


def offer_resume(state: State, event: Event, facts: Facts) -> Outcome | None:
    """Continue the unfinished reflection, or close it and start a new one.
    None: the event isn't an answer to the offer, which lapses."""
    # Not read for a press that is no answer to it (a time zone's, say): the offer lapses.
    found = facts.get(OpenReflection)
    r = found.view if found is not None else None
    if isinstance(event, Press) and event.data.startswith(PRESS) and r is not None:
        # A button on the reflection's own question, still on screen: that is continuing.
        return reflecting(_walking(r), event, facts)
    if not (isinstance(event, Press) and event.data.startswith(RESUME)):
        return None
    serial, _, action = event.data.removeprefix(RESUME).partition(":")
    if r is None or serial != str(r.serial):
        return Outcome(State(), (Toast("toast.stale_button"),))
    if action == "go":
        return Outcome(_walking(r), (ask(r, facts),))
    if action == "new":
        return _start(facts, "reflect", before=(FinishReflection(r.serial, complete=False),))
    return Outcome(state, (Toast("toast.stale_button"),))


def offer_raise(state: State, event: Event, facts: Facts) -> Outcome | None:
    """Put the dropped ratings on the note for next session, or not. None: the offer lapses."""
    if not (isinstance(event, Press) and event.data.startswith(RAISE)):
        return None
    serial, _, action = event.data.removeprefix(RAISE).partition(":")
    if serial != str(state.data.get("serial")):
        return Outcome(state, (Toast("toast.stale_button"),))
    ratings = tuple((str(k), int(v)) for k, v in state.data.get("ratings", []))
    if action == "add":
        return Outcome(State(), (AddTopics(int(serial), ratings), Reply("raise.added")))
    return Outcome(State(), (DeclineTopics(int(serial), ratings), Reply("raise.not_now")))


def ask(r: ReflectionView, facts: Facts) -> Reply:
    """The question the client is on, with its buttons and what they answered so far."""
    key = r.questions[r.position]
    args: dict[str, Arg] = {
        "n": str(r.position + 1),
        "total": str(len(r.questions)),
        "question": wording(key, facts),
        "so_far": _so_far(r.answers.get(key)),
    }
    nav: tuple[Button, ...] = (_button(r, "skip", "button.skip"),)
    if r.position > 0:
        nav = (_button(r, "back", "button.back"), *nav)
    if is_rating(key):
        numbers = [
            Button("button.number", f"{PRESS}{r.serial}:{r.position}:{n}", {"n": str(n)})
            for n in range(11)
        ]
        rows: tuple[tuple[Button, ...], ...] = (tuple(numbers[:6]), tuple(numbers[6:]), nav)
        return Reply("reflection.rating", args, rows)
    answer = r.answers.get(key)
    if answer is not None and answer.text:
        rows = ((*nav, _button(r, "next", "button.next")), (_button(r, "clear", "button.clear"),))
    else:
        rows = ((*nav, _button(r, "next", "button.next")),)
    return Reply("reflection.text", args, rows)


def ask_again(r: ReflectionView | None, facts: Facts) -> tuple[Reply, ...]:
    """The current question again, after an interruption."""
    return (ask(r, facts),) if r is not None else ()


def offer_again(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The open offer again (resume, or raise dropped ratings), after an interruption."""
    unfinished = facts[OpenReflection].view
    if state.step is Step.OFFER_RESUME and unfinished is not None:
        return (_resume_offer(unfinished),)
    if state.step is Step.OFFER_RAISE:
        return (_raise_offer(int(state.data.get("serial", 0)), _stored(state), facts),)
    if state.step is Step.OFFER_SHARE:
        return (_share_offer(int(state.data.get("serial", 0))),)
    return ()


def _start(
    facts: Facts,
    source: str,
    before: tuple[Effect, ...] = (),
    session_date: date | None = None,
) -> Outcome:
    questions = questions_for(facts)
    if not questions:
        return Outcome(State(), (*before, Reply("reflection.no_questions")))
    serial = facts[LastSerial].serial + 1
    r = ReflectionView(serial, questions, 0, session_date or _today(facts))
    started = StartReflection(serial, questions, r.session_date, source)
    intro = Reply("reflection.intro", {"total": str(len(questions))})
    return Outcome(_walking(r), (*before, started, intro, ask(r, facts)))


def _offer_resume(r: ReflectionView) -> Outcome:
    return Outcome(State(Step.OFFER_RESUME, {"serial": r.serial}), (_resume_offer(r),))


def _resume_offer(r: ReflectionView) -> Reply:
    day = r.session_date
    args = {
        "n": str(r.position + 1),
        "total": str(len(r.questions)),
        "date": f"{day:%A} {day.day} {day:%B}",
    }
    buttons = (
        (Button("button.continue", f"{RESUME}{r.serial}:go"),),
        (Button("button.start_new", f"{RESUME}{r.serial}:new"),),
    )
    return Reply("reflection.resume_offer", args, buttons)


def _press(state: State, r: ReflectionView, key: str, data: str, facts: Facts) -> Outcome:
    serial, position, action = _parse(data)
    if serial != r.serial:
        return Outcome(state, (Toast("toast.old_reflection"),))
    if position != r.position:
        return Outcome(state, (Toast("toast.moved_on"),))
    answer = r.answers.get(key, AnswerView())
    if action.isdigit() and is_rating(key) and int(action) <= 10:
        return _rate(r, key, int(action), facts)
    # A skip keeps what was rated or written; with nothing, the question is marked skipped.
    skipped = replace(answer, skipped=answer.rating is None and not answer.text)
    if action == "skip":
        return _advance(r, key, skipped, (_put(r, key, skipped), Toast("toast.skipped")), facts)
    if action == "next" and not is_rating(key):
        if answer.text:
            return _advance(r, key, answer, (), facts)
        return _advance(r, key, skipped, (_put(r, key, skipped),), facts)
    if action == "back" and r.position > 0:
        back = replace(r, position=r.position - 1)
        return Outcome(_walking(back, state), (ask(back, facts),))
    if action == "carry":
        return Outcome(state, (ask(r, facts),))
    if action == "pause":
        return Outcome(State(), (Reply("crisis.paused"),))
    if action == "clear" and not is_rating(key):
        cleared = replace(r, answers={k: v for k, v in r.answers.items() if k != key})
        forgotten = _put(r, key, replace(answer, text=None, danger=False))
        return Outcome(state, (forgotten, Toast("toast.cleared"), ask(cleared, facts)))
    return Outcome(state, (Toast("toast.stale_button"),))


def _rate(r: ReflectionView, key: str, number: int, facts: Facts) -> Outcome:
    rated = replace(r.answers.get(key, AnswerView()), rating=number, skipped=False)
    effects = (_put(r, key, rated), Toast("toast.rated", {"n": str(number)}))
    return _advance(r, key, rated, effects, facts)


def _advance(
    r: ReflectionView, key: str, answer: AnswerView, effects: tuple[Effect, ...], facts: Facts
) -> Outcome:
    answered = replace(r, answers={**r.answers, key: answer})
    following = r.position + 1
    if following < len(r.questions):
        moved = replace(answered, position=following)
        return Outcome(_walking(moved), (*effects, ask(moved, facts)))
    return _finish(answered, effects, facts)


def _finish(r: ReflectionView, effects: tuple[Effect, ...], facts: Facts) -> Outcome:
    if any(answer.danger for answer in r.answers.values()):
        # Danger was expressed: no quote to reflect back, no list of low ratings; one
        # line for how hard it sounds and where help is, and a question about the note.
        finished = FinishReflection(r.serial, complete=True, position=r.position)
        gentle = (finished, Reply("reflection.thanks_gentle"))
        state = State(Step.OFFER_SHARE, {"serial": r.serial})
        return Outcome(state, (*effects, *gentle, _share_offer(r.serial)))
    thanks = Reply("reflection.thanks", {"echo": _echo(r)})
    done = (*effects, FinishReflection(r.serial, complete=True, position=r.position), thanks)
    low = low_ratings(r, facts[RecentRatings].by_question)
    if not low:
        return Outcome(State(), done)
    state = State(Step.OFFER_RAISE, {"serial": r.serial, "ratings": [list(x) for x in low]})
    return Outcome(state, (*done, _raise_offer(r.serial, low, facts)))


def _share_offer(serial: int) -> Reply:
    buttons = (
        (Button("button.share_yes", f"{SHARE}{serial}:yes"),),
        (Button("button.share_no", f"{SHARE}{serial}:no"),),
    )
    return Reply("reflection.share_offer", buttons=buttons)


def low_ratings(r: ReflectionView, averages: Mapping[str, float]) -> tuple[tuple[str, int], ...]:
    """Ratings of 5 or less, or 2 or more below the client's own recent average."""
    low = []
    for key in r.questions:
        answer = r.answers.get(key)
        if not is_rating(key) or answer is None or answer.rating is None:
            continue
        average = averages.get(key)
        if answer.rating <= LOW_RATING or (average is not None and answer.rating <= average - DROP):
            low.append((key, answer.rating))
    return tuple(low)


def _raise_offer(serial: int, low: tuple[tuple[str, int], ...], facts: Facts) -> Reply:
    items = tuple(_raise_item(key, rating, facts) for key, rating in low)
    buttons = (
        (
            Button("button.add_to_note", f"{RAISE}{serial}:add"),
            Button("button.not_now", f"{RAISE}{serial}:no"),
        ),
    )
    return Reply("reflection.raise_offer", {"items": items}, buttons)


def _raise_item(key: str, rating: int, facts: Facts) -> Ref:
    if key.startswith(GOAL):
        text = goal_text(key, facts)
        goal: Arg = text if text is not None else Ref("raise.goal_retired")
        return Ref("raise.goal", {"rating": str(rating), "goal": goal})
    return Ref(f"raise.{key}", {"rating": str(rating)})


def _stored(state: State) -> tuple[tuple[str, int], ...]:
    return tuple((str(k), int(v)) for k, v in state.data.get("ratings", []))


def _echo(r: ReflectionView) -> Arg:
    """One thing the client wrote, to reflect back in the thank-you."""
    order = [*_ECHO_ORDER, *(k for k in r.questions if k.startswith(OWN))]
    for key in order:
        answer = r.answers.get(key)
        if answer is not None and answer.text and answer.text.strip():
            return Ref("reflection.echo", {"quote": _shorten(answer.text, _QUOTE_LENGTH)})
    return ""


def _so_far(answer: AnswerView | None) -> Arg:
    if answer is None:
        return ""
    if answer.rating is not None:
        return Ref("reflection.so_far_rating", {"rating": str(answer.rating)})
    if answer.text and answer.danger:
        # Not their hardest words quoted back under a question: only that they're kept.
        return Ref("reflection.so_far_kept")
    if answer.text:
        return Ref("reflection.so_far_text", {"text": _shorten(answer.text, _SO_FAR_LENGTH)})
    if answer.skipped:
        return Ref("reflection.so_far_skipped")
    return ""


def _button(r: ReflectionView, action: str, label: str) -> Button:
    return Button(label, f"{PRESS}{r.serial}:{r.position}:{action}")


def _parse(data: str) -> tuple[int, int, str]:
    """(serial, position, action) from button data; (-1, -1, "") for anything else."""
    parts = data.removeprefix(PRESS).split(":")
    if not data.startswith(PRESS) or len(parts) != 3 or not all(p.isdigit() for p in parts[:2]):
        return -1, -1, ""
    return int(parts[0]), int(parts[1]), parts[2]


def _as_rating(text: str) -> int | None:
    """A rating typed instead of pressed: "7", " 7 ", "7/10"."""
    cleaned = text.strip().removesuffix("/10").strip()
    if cleaned.isdigit() and len(cleaned) <= 2 and int(cleaned) <= 10:
        return int(cleaned)
    return None


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _today(facts: Facts) -> date:
    """The client's local date now: the date of the session they are reflecting on."""
    zone = facts.client.time_zone
    return local_time(zone, facts.now).date() if zone else facts.now.astimezone(UTC).date()

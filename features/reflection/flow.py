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

from dataclasses import replace
from datetime import UTC, date

from features.common.loaded import ClientSchedule, LastSerial, RecentWeeks
from features.common.questions import (
    RATINGS,
    is_rating,
    questions_for,
    scale,
    wording,
)
from features.common.timezones import local_time
from features.kernel.texts import plain
from features.kernel.vocabulary import (
    Arg,
    Button,
    Command,
    Day,
    Effect,
    Event,
    Facts,
    Goto,
    NonText,
    Outcome,
    Press,
    Redraw,
    Ref,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from features.reflection import ending, which
from features.reflection.effects import (
    AddTopics,
    DeclineTopics,
    FinishReflection,
    MoveTo,
    PutAnswer,
    ShareDanger,
    StartReflection,
)
from features.reflection.loaded import (
    AnswerView,
    OpenReflection,
    RecentRatings,
    ReflectedDates,
    ReflectionView,
)

PRESS = "r:"
RESUME = "rs:"
SHARE = "rd:"
WHICH = "rw:"
RAISE = ending.RAISE
# The action of "Skip the rest" (its button's data ends in it).
REST = "rest"
# Where a /reflect goes first when how the client has been that week wasn't answered.
HOW_IVE_BEEN = "progress.ask"

# The quick version, for busy days: the four ratings and what to bring up next time.
QUICK = (*RATINGS, "bring_up")

_SO_FAR_LENGTH = 300
# How much of a written answer, or of a long question, an answered question shows.
_ANSWERED_LENGTH = 60
_LABEL_LENGTH = 120
# The most one answer holds, across the messages added to it: enough for pages of
# reflection, and a bound on what one client can make every later read of it cost.
ANSWER_LIMIT = 20_000
# What joins two messages of one answer.
_JOIN = "\n\n"
# A typed day is a few words ("last Tuesday", "24 November 2026"); a longer message isn't
# one, and the offer lapses.
_LONGEST_DAY = 4


def begin(
    facts: Facts,
    source: str = "reflect",
    session_date: date | None = None,
    *,
    choose: bool = True,
    quick: bool = False,
    asked: bool = False,
) -> Outcome:
    """/reflect (or a prompt's "Start now"): offer to resume an unfinished one, or start.
    A prompt names its session's date; /reflect asks which session when more than one
    has no reflection yet (`which_session`); begun from elsewhere without a date (`choose`
    False), it looks back on today's. `quick` (a prompt's "Quick version", for busy days):
    only the ratings and what to bring up next time. `asked`: how the client has been
    was just asked (features/progress), so the questions follow at once."""
    unfinished = facts[OpenReflection].view
    if unfinished is not None:
        return _offer_resume(unfinished, session_date, source)
    if session_date is None and choose:
        return which_session(facts)
    return _start(facts, source, session_date=session_date, quick=quick, asked=asked)


def reflect(state: State, command: Command, facts: Facts) -> Outcome:
    """/reflect, or /reflect with a day ("/reflect last Tuesday", "/reflect 24.11."): a
    reflection on that day's session."""
    if not command.args.strip():
        return begin(facts)
    today = _today(facts)
    day = which.parse_day(command.args, today, facts.client.language)
    if day is not None and day <= today:
        return begin(facts, session_date=day)
    asking = State(Step.CHOOSE_SESSION, {"serial": facts[LastSerial].serial + 1, "days": []})
    return Outcome(
        asking, (Reply("reflection.day_future" if day else "reflection.day_unreadable"),)
    )


def which_session(facts: Facts, before: tuple[Effect, ...] = ()) -> Outcome:
    """The session a /reflect looks back on: today's, when no recent session but today's
    lacks a reflection (or the client has no schedule); otherwise the client chooses, from
    those sessions' days as buttons or another day typed (a single missed session is asked
    about too: a reflection is never silently dated to a day other than today)."""
    schedule = facts[ClientSchedule].schedule
    days = which.unreflected(schedule, facts[ReflectedDates].dates, facts.now)
    if not days or days == (_today(facts),):
        return _start(facts, "reflect", before)
    serial = facts[LastSerial].serial + 1
    state = State(Step.CHOOSE_SESSION, {"serial": serial, "days": [d.isoformat() for d in days]})
    return Outcome(state, (*before, _which_offer(state)))


def offer_session(state: State, event: Event, facts: Facts) -> Outcome | None:
    """The client names the session they reflect on: a day's button, or a day typed ("last
    Tuesday", "24 November", "24.11."). None: the offer lapses (a long message is no day)."""
    if isinstance(event, Press) and event.data.startswith(WHICH):
        serial, _, pressed = event.data.removeprefix(WHICH).partition(":")
        if serial != str(state.data.get("serial")):
            return Outcome(state, (Toast("toast.stale_button"),))
        if pressed == "other":
            return Outcome(state, (Reply("reflection.which_day"),))
        if pressed not in state.data.get("days", []):
            return Outcome(state, (Toast("toast.stale_button"),))
        return _chosen(state, date.fromisoformat(pressed), facts)
    if not isinstance(event, Text):
        return None
    today = _today(facts)
    day = which.parse_day(event.text, today, facts.client.language)
    if day is None:
        if len(event.text.split()) > _LONGEST_DAY:
            return None
        return Outcome(state, (Reply("reflection.day_unreadable"),))
    if day > today:
        return Outcome(state, (Reply("reflection.day_future"),))
    return _chosen(state, day, facts)


def _chosen(state: State, day: date, facts: Facts) -> Outcome:
    """A reflection on the session of `day`, unless one was begun since the offer."""
    unfinished = facts[OpenReflection].view
    if unfinished is not None:
        return _offer_resume(unfinished)
    if facts[LastSerial].serial + 1 != state.data.get("serial"):
        return Outcome(State(), (Toast("toast.stale_button"),))
    toast = Toast("toast.session_day", {"day": _day(day)})
    return _start(facts, "reflect", (toast,), session_date=day)


def _which_offer(state: State) -> Reply:
    serial = state.data.get("serial")
    days = [date.fromisoformat(day) for day in state.data.get("days", [])]
    if not days:  # asked after "/reflect <a day>" that couldn't be read
        return Reply("reflection.which_day")
    rows = tuple(
        (Button("button.session_day", f"{WHICH}{serial}:{d.isoformat()}", {"day": _day(d)}),)
        for d in days
    )
    another = (Button("button.another_day", f"{WHICH}{serial}:other"),)
    return Reply("reflection.which_session", buttons=(*rows, another))


def _day(day: date) -> Day:
    return Day(day)


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
            full = Reply("reflection.answer_full", {"limit": ANSWER_LIMIT})
            return Outcome(state, (full, *ask_again(r, facts)))
        answer = _with_text(r, key, event.text)
        written = _put(r, key, answer)
        if not is_rating(key) and r.position + 1 < len(r.questions):
            # Written is answered: the next question follows, saying once that this was
            # kept and how to add to it (no "Kept." of its own, after every message).
            return _advance(r, key, answer, (written,), facts, kept=True)
        if not is_rating(key):
            # The last question: more may follow, and Done ends it. "Kept." once, after
            # the first message; the ones after it are kept without a word.
            if key in r.answers and r.answers[key].text:
                return Outcome(state, (written,))
            done = Reply("reflection.noted", buttons=((_button(r, "next", "button.finish"),),))
            return Outcome(state, (written, done))
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
        full = Reply("reflection.answer_full", {"limit": ANSWER_LIMIT})
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
        closed = (FinishReflection(r.serial, complete=False),)
        # Begun from a prompt (or for a day named), the new one looks back on its session.
        named = state.data.get("session_date")
        if isinstance(named, str):
            source = str(state.data.get("source", "reflect"))
            return _start(facts, source, closed, session_date=date.fromisoformat(named))
        return which_session(facts, closed)
    return Outcome(state, (Toast("toast.stale_button"),))


def offer_raise(state: State, event: Event, facts: Facts) -> Outcome | None:
    """Put the dropped ratings on the note for next session, or not. None: the offer lapses."""
    if not (isinstance(event, Press) and event.data.startswith(RAISE)):
        return None
    serial, _, action = event.data.removeprefix(RAISE).partition(":")
    if serial != str(state.data.get("serial")):
        return Outcome(state, (Toast("toast.stale_button"),))
    to_raise = ending.stored(state.data.get("ratings", []))
    ratings = tuple((m.key, m.rating) for m in to_raise)
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
        "scale": scale(key),
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
        return Reply("reflection.rating", args, (*rows, *_rest(r)))
    answer = r.answers.get(key)
    if answer is not None and answer.text:
        rows = ((*nav, _button(r, "next", "button.next")), (_button(r, "clear", "button.clear"),))
    else:
        rows = ((*nav, _button(r, "next", "button.next")),)
    last = r.position == len(r.questions) - 1
    return Reply("reflection.text_last" if last else "reflection.text", args, (*rows, *_rest(r)))


def _rest(r: ReflectionView) -> tuple[tuple[Button, ...], ...]:
    """ "Skip the rest", on every question but the last (where Skip says as much)."""
    if r.position + 1 >= len(r.questions):
        return ()
    return ((_button(r, REST, "button.skip_rest"),),)


def ask_again(r: ReflectionView | None, facts: Facts) -> tuple[Reply, ...]:
    """The current question again, after an interruption."""
    return (ask(r, facts),) if r is not None else ()


def offer_again(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The open offer again (resume, or raise dropped ratings), after an interruption."""
    unfinished = facts[OpenReflection].view
    if state.step is Step.OFFER_RESUME and unfinished is not None:
        return (_resume_offer(unfinished),)
    if state.step is Step.OFFER_RAISE:
        to_raise = ending.stored(state.data.get("ratings", []))
        return (ending.raise_offer(int(state.data.get("serial", 0)), to_raise, facts),)
    if state.step is Step.OFFER_SHARE:
        return (_share_offer(int(state.data.get("serial", 0))),)
    if state.step is Step.CHOOSE_SESSION:
        return (_which_offer(state),)
    return ()


def _start(
    facts: Facts,
    source: str,
    before: tuple[Effect, ...] = (),
    session_date: date | None = None,
    quick: bool = False,
    asked: bool = False,
) -> Outcome:
    questions = questions_for(facts)
    if quick:
        questions = tuple(key for key in questions if key in QUICK)
    if not questions:
        return Outcome(State(), (*before, Reply("reflection.no_questions")))
    day = session_date or _today(facts)
    if source == "reflect" and not asked and facts[RecentWeeks].unsettled(day):
        # How the client has been that week wasn't answered: asked first, in one message
        # (features/progress); the questions follow once it is done or skipped.
        first = Goto(HOW_IVE_BEEN, {"session_date": day, "source": source})
        return Outcome(State(), (*before, first))
    serial = facts[LastSerial].serial + 1
    r = ReflectionView(serial, questions, 0, day)
    started = StartReflection(serial, questions, r.session_date, source)
    intro = Reply("reflection.intro", {"total": str(len(questions))})
    return Outcome(_walking(r), (*before, started, intro, ask(r, facts)))


def _offer_resume(
    r: ReflectionView, session_date: date | None = None, source: str = "reflect"
) -> Outcome:
    """Continue the unfinished one or start anew: on the session of the day named (a
    prompt's, say), if one was."""
    data: dict[str, object] = {"serial": r.serial}
    if session_date is not None:
        data |= {"session_date": session_date.isoformat(), "source": source}
    return Outcome(State(Step.OFFER_RESUME, data), (_resume_offer(r),))


def _resume_offer(r: ReflectionView) -> Reply:
    args: dict[str, Arg] = {
        "n": str(r.position + 1),
        "total": str(len(r.questions)),
        "date": _day(r.session_date),
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
    if action.isdecimal() and is_rating(key) and int(action) <= 10:
        rated = _rate(r, key, int(action), facts)
        return _answered(rated, r, key, replace(answer, rating=int(action)), facts)
    # A skip keeps what was rated or written; with nothing, the question is marked skipped.
    skipped = replace(answer, skipped=answer.rating is None and not answer.text)
    if action == "skip":
        moved = _advance(r, key, skipped, (_put(r, key, skipped), Toast("toast.skipped")), facts)
        return _answered(moved, r, key, skipped, facts)
    if action == "next" and not is_rating(key):
        if answer.text:
            return _answered(_advance(r, key, answer, (), facts), r, key, answer, facts)
        moved = _advance(r, key, skipped, (_put(r, key, skipped),), facts)
        return _answered(moved, r, key, skipped, facts)
    if action == REST:
        return _answered(_skip_the_rest(r, facts), r, key, answer, facts)
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


def _answered(
    outcome: Outcome, r: ReflectionView, key: str, answer: AnswerView, facts: Facts
) -> Outcome:
    """The outcome, with the pressed question redrawn as answered: its place, its words
    and what the client gave, in place of its buttons (one edit, so the chat keeps the
    answer after the buttons go)."""
    args: dict[str, Arg] = {
        "n": str(r.position + 1),
        "total": str(len(r.questions)),
        "question": _label(key, facts),
        "answer": _answer_shown(answer),
    }
    shown = Redraw(Reply("reflection.answered", args))
    return replace(outcome, effects=(shown, *outcome.effects))


def _label(key: str, facts: Facts) -> str:
    """The question in one short line, without its closing full stop: "I felt heard and
    respected". Rendered here so the line can be cut; escaped again when it is sent."""
    ref = Ref("question.progress") if key == "progress" else wording(key, facts)
    text = plain(ref.text, facts.client.language, **ref.args)
    return ending.shorten(text, _LABEL_LENGTH).removesuffix(".")


def _answer_shown(answer: AnswerView) -> Arg:
    """What an answered question shows of its answer: the rating, the start of what was
    written (only "written" for words that suggested danger), or "skipped"."""
    if answer.rating is not None:
        return str(answer.rating)
    if answer.text and answer.danger:
        return Ref("answered.written")
    if answer.text:
        return Ref("answered.text", {"text": ending.shorten(answer.text, _ANSWERED_LENGTH)})
    return Ref("answered.skipped")


def _rate(r: ReflectionView, key: str, number: int, facts: Facts) -> Outcome:
    rated = replace(r.answers.get(key, AnswerView()), rating=number, skipped=False)
    effects = (_put(r, key, rated), Toast("toast.rated", {"n": str(number)}))
    return _advance(r, key, rated, effects, facts)


def _advance(
    r: ReflectionView,
    key: str,
    answer: AnswerView,
    effects: tuple[Effect, ...],
    facts: Facts,
    *,
    kept: bool = False,
) -> Outcome:
    """On to the next question, or the end. `kept`: a written answer was just kept, and
    the next question says so first."""
    answered = replace(r, answers={**r.answers, key: answer})
    following = r.position + 1
    if following < len(r.questions):
        moved = replace(answered, position=following)
        question = ask(moved, facts)
        if kept:
            question = Reply(
                "reflection.kept_then",
                {"question": Ref(question.text, question.args)},
                question.buttons,
            )
        return Outcome(_walking(moved), (*effects, question))
    return _finish(answered, effects, facts)


def _skip_the_rest(r: ReflectionView, facts: Facts) -> Outcome:
    """ "Skip the rest": the reflection ends here, as it would after its last question.
    What was given is kept as it is; nothing is written for the questions left (this one
    among them), which read as unanswered."""
    return _finish(r, (), facts)


def _finish(r: ReflectionView, effects: tuple[Effect, ...], facts: Facts) -> Outcome:
    if any(answer.danger for answer in r.answers.values()):
        # Danger was expressed: no quote to reflect back, no list of low ratings; one
        # line for how hard it sounds and where help is, and a question about the note.
        finished = FinishReflection(r.serial, complete=True, position=r.position)
        gentle = (finished, Reply("reflection.thanks_gentle"))
        state = State(Step.OFFER_SHARE, {"serial": r.serial})
        return Outcome(state, (*effects, *gentle, _share_offer(r.serial)))
    compared = ending.compare(r, facts[RecentRatings].earlier)
    thanks = ending.thanks(r, compared, facts)
    done = (*effects, FinishReflection(r.serial, complete=True, position=r.position), thanks)
    if not compared.to_raise:
        return Outcome(State(), done)
    state = State(Step.OFFER_RAISE, {"serial": r.serial, "ratings": ending.kept(compared.to_raise)})
    return Outcome(state, (*done, ending.raise_offer(r.serial, compared.to_raise, facts)))


def _share_offer(serial: int) -> Reply:
    buttons = (
        (Button("button.share_yes", f"{SHARE}{serial}:yes"),),
        (Button("button.share_no", f"{SHARE}{serial}:no"),),
    )
    return Reply("reflection.share_offer", buttons=buttons)


def _so_far(answer: AnswerView | None) -> Arg:
    if answer is None:
        return ""
    if answer.rating is not None:
        return Ref("reflection.so_far_rating", {"rating": str(answer.rating)})
    if answer.text and answer.danger:
        # Not their hardest words quoted back under a question: only that they're kept.
        return Ref("reflection.so_far_kept")
    if answer.text:
        return Ref("reflection.so_far_text", {"text": ending.shorten(answer.text, _SO_FAR_LENGTH)})
    if answer.skipped:
        return Ref("reflection.so_far_skipped")
    return ""


def _button(r: ReflectionView, action: str, label: str) -> Button:
    return Button(label, f"{PRESS}{r.serial}:{r.position}:{action}")


def _parse(data: str) -> tuple[int, int, str]:
    """(serial, position, action) from button data; (-1, -1, "") for anything else."""
    parts = data.removeprefix(PRESS).split(":")
    if not data.startswith(PRESS) or len(parts) != 3 or not all(p.isdecimal() for p in parts[:2]):
        return -1, -1, ""
    return int(parts[0]), int(parts[1]), parts[2]


def _as_rating(text: str) -> int | None:
    """A rating typed instead of pressed: "7", " 7 ", "7/10"."""
    cleaned = text.strip().removesuffix("/10").strip()
    if cleaned.isdecimal() and len(cleaned) <= 2 and int(cleaned) <= 10:
        return int(cleaned)
    return None


def _today(facts: Facts) -> date:
    """The client's local date now: the date of the session they are reflecting on."""
    zone = facts.client.time_zone
    return local_time(zone, facts.now).date() if zone else facts.now.astimezone(UTC).date()

"""A turn loads only what the router says the step needs; no step may read anything else.

Every step, every kind of event: the facts hold exactly what `router.needs` declared (each
empty, then each full: a client with goals, own questions, a schedule, an open reflection
and an open check, so that the branches that read more when there is more are taken), and
stepping (and asking again, as after an error) must not read past them. A step that reads
an undeclared fact raises NotLoaded, which a client would meet as "sorry, something went
wrong".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from features import router
from features.checkin.loaded import CheckInLine
from features.common.loaded import (
    ClientSchedule,
    Goals,
    LastSerial,
    OwnQuestions,
    RecentWeeks,
    WeekRatings,
)
from features.common.session_times import PromptPreferences, SessionSchedule
from features.fit.loaded import FitChecks, FitView
from features.kernel.vocabulary import (
    SEALED,
    Client,
    Command,
    Edited,
    Event,
    Facts,
    NonText,
    Press,
    State,
    Step,
    Text,
)
from features.learned.loaded import ANSWER, Learned, LearnedItems, Piece, Writings
from features.progress.loaded import GoalRatings, PressedWeek, ProgressFacts
from features.reflection.loaded import (
    AnswerView,
    OpenReflection,
    RecentRatings,
    ReflectedDates,
    ReflectionView,
)
from features.review.history import History
from features.review.loaded import NoteFacts, SummaryWindow
from features.review.note import NoteItem, NoteView
from features.safety.crisis import load
from features.safety.loaded import SafetyPlan
from features.schedule.loaded import PressedPrompt, PromptView
from features.share.choice import first_choice
from features.share.loaded import (
    NoteEntry,
    NoteOnOffer,
    PageMaterial,
    RatedSession,
    ShareFacts,
    WellbeingRow,
)
from tests.support.facts import EMPTY

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
CLIENT = Client("Europe/Berlin")
GIVEN = Facts(CLIENT, NOW).having(load())

_QUESTIONS = ("heard", "focus", "approach", "overall", "goal:1", "helpful", "own:2", "bring_up")
FULL = (
    Goals({1: "Say no to my boss"}),
    OwnQuestions({2: "Did I say what I meant?"}),
    ClientSchedule(
        SessionSchedule(
            weekdays=(1,), start=time(19), time_zone="Europe/Berlin", anchor=date(2026, 11, 3)
        ),
        PromptPreferences(checkin_days=(3,), checkin_time=time(19)),
    ),
    LastSerial(3),
    OpenReflection(
        ReflectionView(
            4, _QUESTIONS, 0, date(2026, 11, 17), {"heard": AnswerView(7), "focus": AnswerView(3)}
        )
    ),
    RecentRatings({"heard": (6, 6), "focus": (7, 8), "overall": (5,)}),
    ReflectedDates(frozenset({date(2026, 11, 10)})),
    PressedPrompt(PromptView(1, "reflection", date(2026, 11, 17), "sent", NOW)),
    FitChecks(FitView(1, True, {"goals": "yes"}, NOW), FitView(0, True, {}, NOW, NOW)),
    SafetyPlan({"signs": "I stop eating"}),
    SummaryWindow(History(sessions=(), total=3)),
    NoteFacts(NoteView(0, (NoteItem("answer", 3, "bring_up", text="my sleep"),)), 2),
    LearnedItems(Learned((Piece(ANSWER, "helpful", "Sleep early", date(2026, 11, 17)),), 1, 3, 0)),
    Writings(tuple(Piece(ANSWER, "helpful", "sleep", date(2026, 11, d)) for d in range(1, 20))),
    ShareFacts(
        NoteOnOffer(3, date(2026, 11, 24), 2),
        rated=4,
        wellbeing=3,
        goals={1: "Say no to my boss"},
        page=PageMaterial(
            note_items=(
                NoteEntry("answer", "bring_up", "bring_up", words="my sleep"),
                NoteEntry("goal", "progress", "goal:1", rating=4, goal_id=1, goal="Say no"),
            ),
            sessions=(RatedSession(3, date(2026, 11, 17), {"heard": 7, "goal:1": 4}),),
            wellbeing=(WellbeingRow(date(2026, 11, 17), 5, 6, 4, 5),),
        ),
    ),
    CheckInLine("A long walk helped"),
    # Last week's four answered, this week's not: /reflect asks them first.
    RecentWeeks(
        date(2026, 10, 16),
        {date(2026, 11, 10): WeekRatings(5, 6, 5, 5)},
        frozenset(date(2026, 11, day) for day in (3, 10, 17)),
    ),
    # Three of the four given: the last press settles them, and a reflection may follow.
    PressedWeek(date(2026, 11, 17), WeekRatings(6, 5, 7)),
    ProgressFacts(
        tuple(
            (date(2026, 10, day), WeekRatings(5, 5, 5, 4 + day % 3))
            for day in (6, 13, 20, 27, 28, 29)
        ),
        (GoalRatings("Say no to my boss", ((date(2026, 11, 10), 4), (date(2026, 11, 17), 6))),),
        (3, 4, 2),
        date(2026, 11, 20),
    ),
)
# /share's buttons as the full facts' menu draws them (an empty one's are stale).
_SHARED = first_choice(3, {1: "Say no to my boss"})
_PREFIXES = [prefix for prefix, _ in router.ROUTER.buttons]
_SHAPES = ["", "x", "1", "1:2", "1:2:3", "1:start", "1:later", "1:skip", "0:done", "7d:1:1"]
EVENTS: list[Event] = [
    *(Command(name) for name in sorted(router.COMMAND_NAMES)),
    Command("summary", "90"),
    Command("summary", "bogus"),
    Command("nope"),
    Command("find", "sleep"),
    Press("fd:7:2"),
    Press("fd:8:2"),
    *(Press(prefix + shape) for prefix in _PREFIXES for shape in _SHAPES),
    *(Press(data) for data in ["r:1:0:7", "r:1:0:skip", "r:1:0:next", "r:1:0:back"]),
    *(Press(f"hb:2026-11-17:{end}") for end in ["0:7", "3:5", "3:5:r", "2:4:p", "skip", "skip:r"]),
    *(Press(data) for data in ["tz:Europe/Berlin", "cc:DE", "del:yes", "del:no", "zzz"]),
    Text("hello"),
    Text("Berlin"),
    Text("7"),
    Text("last Tuesday"),
    *(Press(_SHARED.data(action)) for action in ("make", "note", "g0", "n10", "cancel")),
    Press("rs:4:new"),
    Press("rw:4:2026-11-17"),
    Press("rw:4:other"),
    *(Press(f"ck:{what}:2026-11-19{more}") for what, more in [("f", ":4"), ("n", ""), ("d", "")]),
    Press("sc:checkin"),
    Press("sc:checkin:3"),
    Press("sc:checkin:all"),
    Press("sc:checkin:off"),
    Press("st:19:00"),
    Text("half six"),
    Text("23:00"),
    Text("I want to kill myself"),
    NonText("sticker"),
    NonText("photo", album="a1", words="I want to die"),
    Edited("I want to die"),
]
# States as a client may hold them: each step, with the data its flow keeps there.
STATES = [State(step) for step in Step] + [
    State(Step.REFLECTING, {"serial": 1, "position": 0}),
    State(Step.FIT, {"serial": 1, "item": 0}),
    State(Step.OFFER_RESUME, {"serial": 4, "session_date": "2026-11-17"}),
    State(Step.CHOOSE_SESSION, {"serial": 4, "days": ["2026-11-10", "2026-11-17"]}),
    State(Step.FIND_RESULTS, {SEALED: "sleep", "search": "7"}),
    State(Step.SET_CHECKIN_TIME, {"days": [3]}),
    State(Step.CHECKIN_LINE, {"day": "2026-11-19", "at": NOW.isoformat()}),
]


def _declared(state: State, event: Event, values: tuple[object, ...]) -> Facts:
    """The facts a turn would load for this event: each declared need, from `values`."""
    keys = {need.key for need in router.needs(state, event, GIVEN)}
    return GIVEN.having(*(value for value in values if type(value) in keys))


_IDS = {"ids": lambda s: f"{s.step.value}{'+' if s.data else ''}"}
_LOADED = pytest.mark.parametrize("values", [EMPTY, FULL], ids=["empty", "full"])


def test_full_has_a_value_of_every_kind_empty_has():
    assert sorted(type(value).__name__ for value in FULL) == sorted(
        type(value).__name__ for value in EMPTY
    )


@_LOADED
@pytest.mark.parametrize("state", STATES, **_IDS)
def test_every_step_reads_only_what_it_declared(state: State, values: tuple[object, ...]):
    for event in EVENTS:
        facts = _declared(state, event, values)
        router.step(state, event, facts)  # NotLoaded here: a need is missing


@_LOADED
@pytest.mark.parametrize("state", STATES, **_IDS)
def test_asking_again_reads_only_what_an_edit_declares(state: State, values: tuple[object, ...]):
    # After an error, handlers/errors.py loads what an edit would and asks again.
    router.ask_again(state, _declared(state, Edited(""), values))

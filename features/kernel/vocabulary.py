"""The vocabulary of every flow: states, events in, effects out. Plain data, no I/O.

A flow is a function `(state, event, facts) -> Outcome`. Effects are instructions: "say this
text with these buttons", "store this time zone". The turn engine stores the changes (each
feature's own, subclasses of `Change`) and the new state in one transaction, then the handler
layer sends the messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from features.common.session_times import PromptPreferences, SessionSchedule
from features.safety.crisis import CrisisData

if TYPE_CHECKING:
    from features.review.history import History
    from features.review.note import NoteView


class Step(StrEnum):
    """Where a client is in a conversation. Stored by value: never rename a member's value."""

    IDLE = "idle"
    ASK_TIME_ZONE = "ask_time_zone"
    REFLECTING = "reflecting"
    OFFER_RESUME = "offer_resume"
    OFFER_RAISE = "offer_raise"
    GOAL_NEW = "goal_new"
    GOAL_EDIT = "goal_edit"
    OWN_QUESTION_NEW = "own_question_new"
    SET_DAYS = "set_days"
    SET_TIME = "set_time"
    SET_LENGTH = "set_length"
    SET_FREQUENCY = "set_frequency"
    ADD_EXTRA = "add_extra"
    CONFIRM_DELETE = "confirm_delete"
    FIT = "fit"
    FIT_SEEING = "fit_seeing"
    FIT_RESUME = "fit_resume"
    ASK_COUNTRY = "ask_country"
    OFFER_SHARE = "offer_share"
    SAFETY_PLAN = "safety_plan"


@dataclass(frozen=True, slots=True)
class State:
    """A client's place in the conversation and what it has gathered so far (JSON-able)."""

    step: Step = Step.IDLE
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Client:
    """What the flows may know of the client beyond their state."""

    time_zone: str | None = None
    language: str = "en"
    disabled_questions: frozenset[str] = frozenset()
    # The country the client chose for crisis help (/country); None: their time zone's.
    country: str | None = None


@dataclass(frozen=True, slots=True)
class AnswerView:
    """What the client has answered to one question so far."""

    rating: int | None = None
    text: str | None = None
    skipped: bool = False
    # Words in it suggested the client may be in danger.
    danger: bool = False


@dataclass(frozen=True, slots=True)
class ReflectionView:
    """The client's unfinished reflection: its questions, where they are, what they said."""

    serial: int
    questions: tuple[str, ...]
    position: int
    session_date: date
    answers: Mapping[str, AnswerView] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PromptView:
    """A prompt the bot sent the client, as named by a pressed button."""

    id: int
    kind: str
    session_date: date
    status: str
    # When it was sent; for one whose send isn't recorded (under way, or interrupted by a
    # process that died), when it came due: its buttons expire all the same.
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class FitView:
    """One of the client's /fit checks: whether they see the therapist yet, what they chose."""

    serial: int
    seeing_therapist: bool
    answers: Mapping[str, str] = field(default_factory=dict)  # item id -> choice
    started_at: datetime | None = None
    finished_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """The world at the moment of the event.

    Everything past `now` is loaded only when the step or event needs it
    (`needs_context`), so a plain message doesn't cost the reflection queries.
    """

    client: Client
    now: datetime
    reflection: ReflectionView | None = None
    last_serial: int = 0
    goals: Mapping[int, str] = field(default_factory=dict)
    own_questions: Mapping[int, str] = field(default_factory=dict)
    # The client's average per rating question over their last few finished reflections.
    recent_ratings: Mapping[str, float] = field(default_factory=dict)
    # Their sessions and prompt preferences (features.common.session_times types), if they
    # set a schedule.
    schedule: SessionSchedule | None = None
    prompt_prefs: PromptPreferences = field(default_factory=PromptPreferences)
    neutral_wording: bool = False
    # The prompt a pressed button names, if it is one of the client's.
    prompt: PromptView | None = None
    # Phrases that suggest danger and where to get help (features/safety/data/crisis.json).
    crisis: CrisisData | None = None
    # /fit: the client's unfinished check and their last finished one (features/fit/flow.py).
    fit: FitView | None = None
    last_fit: FitView | None = None
    # For /summary and /export: the reflections in the asked-for window.
    history: History | None = None
    # For /note: the note a button names, or (for a new one) what a new note would hold.
    note: NoteView | None = None
    last_note_serial: int = 0
    # The client's safety plan, part key -> their words (None: none, or not loaded).
    safety_plan: Mapping[str, str] | None = None


# Events: what the client did.


@dataclass(frozen=True, slots=True)
class Text:
    """The client sent a text message."""

    text: str


@dataclass(frozen=True, slots=True)
class Command:
    """The client sent /name (args is what followed it)."""

    name: str
    args: str = ""


@dataclass(frozen=True, slots=True)
class Press:
    """The client pressed an inline button carrying `data`."""

    data: str


@dataclass(frozen=True, slots=True)
class NonText:
    """The client sent something that is not text: a sticker, photo, voice note, location...
    `album` names the media group it came in, if any (several photos sent at once)."""

    kind: str
    album: str | None = None
    # A caption the client wrote under it: read for words of danger only.
    words: str = ""


@dataclass(frozen=True, slots=True)
class Edited:
    """The client edited an earlier message (`words`, as it reads now: read for words of
    danger only; an edit changes no stored answer)."""

    words: str = ""


Event = Text | Command | Press | NonText | Edited


# Effects: what should happen.


@dataclass(frozen=True, slots=True)
class Ref:
    """A catalogue text used inside another one (a question inside "Question 3 of 9")."""

    text: str
    args: Mapping[str, Arg] = field(default_factory=dict)


# A text argument: a plain string (escaped when rendered: it may be the client's own words),
# a catalogue text, or several catalogue texts one per line.
Arg = str | Ref | tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: a label from the catalogue and the data it sends back."""

    label: str
    data: str
    args: Mapping[str, Arg] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reply:
    """Send the client a message from the catalogue, with optional rows of buttons."""

    text: str
    args: Mapping[str, Arg] = field(default_factory=dict)
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Redraw:
    """Replace the message whose button was pressed (a menu showing a toggle's new state)."""

    reply: Reply


@dataclass(frozen=True, slots=True)
class Toast:
    """A brief notice shown over the chat in answer to a button press."""

    text: str
    args: Mapping[str, Arg] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """One line of a chart: a rating question or a goal, one value per session."""

    label: Ref
    values: tuple[int | None, ...]
    goal: bool = False


@dataclass(frozen=True, slots=True)
class ShowChart:
    """Send a chart of ratings over these sessions' dates, as a photo."""

    dates: tuple[date, ...]
    series: tuple[ChartSeries, ...]


@dataclass(frozen=True, slots=True)
class SendExport:
    """Send the client everything they have, as PDF, CSV and JSON documents."""


class Change:
    """An effect a feature's store writes in the turn's transaction: each feature's own
    (features/<f>/effects.py) subclass it, and its store (features/<f>/store.py) has one
    function for each."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Goto:
    """Hand the client to another feature's named entry in the same turn, as the last
    effect of an outcome (onboarding goes on to the schedule's questions; a prompt's
    "Start now" begins a reflection). features/router.py calls the entry: the effects before
    the Goto stay, in order, then come the entry's; the state is the entry's. A feature names
    the entries it may go to in `Feature.goes_to`, so it never imports another feature."""

    entry: str
    args: Mapping[str, Any] = field(default_factory=dict)


# ShowChart and SendExport are sent after the commit, like replies (handlers/media.py); a
# Goto never leaves the router.
Effect = Reply | Redraw | Toast | ShowChart | SendExport | Change | Goto


@dataclass(frozen=True, slots=True)
class Outcome:
    """The state after an event and what to do about it."""

    state: State
    effects: tuple[Effect, ...] = ()

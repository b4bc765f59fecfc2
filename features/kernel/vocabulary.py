"""The vocabulary of every flow: states, events in, effects out. Plain data, no I/O.

A flow is a function `(state, event, facts) -> Outcome`. Effects are instructions: "say this
text with these buttons", "store this time zone". The turn engine stores the changes (each
feature's own, subclasses of `Change`) and the new state in one transaction, then the handler
layer sends the messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, Protocol, TypeVar, cast

Loaded = TypeVar("Loaded")


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
    GOALS_MENU = "goals_menu"
    OFFER_MEMO = "offer_memo"
    CHOOSE_SESSION = "choose_session"
    FIND_WORD = "find_word"
    FIND_RESULTS = "find_results"
    SET_CHECKIN_TIME = "set_checkin_time"
    CHECKIN_LINE = "checkin_line"


# In a state's data: words the client wrote that a step holds for a moment, until they
# choose what to do with them. Stored encrypted with the state, never in its plain JSON
# (features.kernel.engine); a step that holds words drops them when the client moves on.
SEALED = "_sealed"


@dataclass(frozen=True, slots=True)
class DangerSeen:
    """In the facts when the safety screen found words of danger in the event and gave help
    first: a step that would offer to keep the words for later doesn't."""


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


class NotLoaded(KeyError):
    """A step read something its feature didn't declare among its needs."""

    def __init__(self, key: type) -> None:
        super().__init__(key)
        self.key = key

    def __str__(self) -> str:
        return f"{self.key.__name__} was not loaded: declare it among the feature's needs"


@dataclass(frozen=True, slots=True)
class Facts:
    """The world at the moment of the event: the client, the time, and what the turn's
    steps declared they read (`Need`s, loaded in the turn's transaction) or were given
    (crisis data), each keyed by its type and owned by the feature that reads it.

    `facts[SomeType]` reads one (NotLoaded if it wasn't declared); `facts.get` gives None
    instead."""

    client: Client
    now: datetime
    loaded: Mapping[type, object] = field(default_factory=dict)

    def __getitem__(self, key: type[Loaded]) -> Loaded:
        try:
            return cast(Loaded, self.loaded[key])
        except KeyError:
            raise NotLoaded(key) from None

    def get(self, key: type[Loaded]) -> Loaded | None:
        return cast("Loaded | None", self.loaded.get(key))

    def having(self, *values: object) -> Facts:
        """These facts with `values` added (or put in place of ones of the same type)."""
        return replace(self, loaded={**self.loaded, **{type(v): v for v in values}})


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


def words_of(event: Event) -> str:
    """What the client wrote, wherever it came: a message, a caption, an edit."""
    if isinstance(event, Text):
        return event.text
    if isinstance(event, NonText | Edited):
        return event.words
    return ""


# Effects: what should happen.


@dataclass(frozen=True, slots=True)
class Ref:
    """A catalogue text used inside another one (a question inside "Question 3 of 9")."""

    text: str
    args: Mapping[str, Arg] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Plural:
    """A text that changes with a number: English has two forms, `one` (said for 1 only)
    and `other`; a translation has as many as its language's plural rules (Russian: 1, 2-4,
    5-20, fractions). `count` names the argument that chooses the form."""

    one: str
    other: str
    count: str = "n"


# A catalogue entry: a sentence, or one that changes with a number.
Wording = str | Plural


@dataclass(frozen=True, slots=True)
class Day:
    """A date, written in the client's language when rendered: "Tuesday 24 November" (with
    `year`, "Tuesday 24 November 2026"; `weekday=False` leaves the weekday out; `at`, a wall
    clock time after it: "Tuesday 24 November, 18:50"; `short`, in few letters: "Thu 26 Nov",
    or with `year` and no weekday "24 Nov 2026")."""

    day: date
    year: bool = False
    weekday: bool = True
    at: time | None = None
    short: bool = False
    # The month and year alone: "November 2026".
    month: bool = False


@dataclass(frozen=True, slots=True)
class Weekday:
    """A weekday's name in the client's language (0 is Monday); `short` is "Mon"."""

    number: int
    short: bool = False


@dataclass(frozen=True, slots=True)
class Listed:
    """Items joined as the client's language joins a list: "Monday and Thursday",
    "Montag und Donnerstag"; with `separator`, joined by it instead ("Mon, Thu")."""

    items: tuple[Arg, ...]
    separator: str | None = None
    # "or": the items are alternatives ("112 or 15", "112 oder 15", "112 ou 15").
    alternatives: bool = False


# A text argument: a plain string (escaped when rendered: it may be the client's own words),
# a number (written as the client's language writes numbers; it also chooses a `Plural`'s
# form), a catalogue text, several catalogue texts one per line, or a date, weekday or list
# written in the client's language.
Arg = str | int | Ref | tuple[Ref, ...] | Day | Weekday | Listed


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
    """Send a chart of ratings over these sessions' dates, as a photo: its title and
    caption are catalogue ids; `drawing` names how it is drawn ("ratings": /summary's,
    "progress": /progress's, how I've been with the thickest line for overall)."""

    dates: tuple[date, ...]
    series: tuple[ChartSeries, ...]
    title: str = "summary.chart_title"
    caption: str = "summary.chart_caption"
    drawing: str = "ratings"


@dataclass(frozen=True, slots=True)
class SendExport:
    """Send the client everything they have, as PDF, CSV and JSON documents."""


@dataclass(frozen=True, slots=True)
class MadeDocument:
    """A file made for the client: its name, its bytes and the caption sent with it."""

    filename: str
    data: bytes
    caption: Ref


class Document(Protocol):
    """What a feature lays out as a file (the share page): plain data until `make`, which
    the handlers call on a worker thread after the turn commits, so that drawing it holds
    up no other client's turn."""

    def make(self, language: str) -> MadeDocument: ...


@dataclass(frozen=True, slots=True)
class SendDocument:
    """Send the client a file made from `document`, in their own chat (and nowhere else)."""

    document: Document


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


# ShowChart, SendExport and SendDocument are sent after the commit, like replies
# (handlers/media.py); a Goto never leaves the router.
Effect = Reply | Redraw | Toast | ShowChart | SendExport | SendDocument | Change | Goto


@dataclass(frozen=True, slots=True)
class Outcome:
    """The state after an event and what to do about it."""

    state: State
    effects: tuple[Effect, ...] = ()

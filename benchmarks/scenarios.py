"""What a simulated client does, as plain data: steps, and what the database holds after.

A step is one client action (a text, or a press of a button on the bot's latest message with
buttons) and how many messages the bot answers it with. A scenario is an opening, then a
cycle repeated until the client has taken the asked number of actions. Adding a scenario is
a few lines at the bottom of this file; `python -m benchmarks throughput --scenario NAME`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import cycle, islice


@dataclass(frozen=True)
class Say:
    """The client writes `text`. `replies`: messages the bot answers with (None: until the
    chat goes quiet for a moment, for answers whose length varies)."""

    text: str
    replies: int | None = 1


@dataclass(frozen=True)
class Press:
    """The client presses the button labelled `label` (exact label first, else the first
    label containing it) on the bot's latest message that has buttons."""

    label: str
    replies: int | None = 1


Step = Say | Press


@dataclass(frozen=True)
class StateCheck:
    """After the run, `sql` (rows of client id, value) must give `expected` for every client
    that took at least `after_steps` steps. Plain SQL, for SQLite and PostgreSQL alike."""

    what: str
    sql: str
    expected: object
    after_steps: int


@dataclass(frozen=True)
class Scenario:
    """A client's part, by name."""

    name: str
    description: str
    opening: tuple[Step, ...]
    cycle: tuple[Step, ...]
    checks: tuple[StateCheck, ...] = ()

    def steps(self, actions: int) -> list[Step]:
        """The first `actions` steps: the opening, then the cycle again and again."""
        return list(islice([*self.opening, *islice(cycle(self.cycle), actions)], actions))


def expected_replies(steps: Sequence[Step]) -> int:
    """Messages the bot owes for these steps (a quiet-ended step counts as one)."""
    return sum(1 if step.replies is None else step.replies for step in steps)


ECHO = Scenario(
    name="echo",
    description="send texts, each echoed once (the bare echo bots)",
    opening=(),
    cycle=tuple(Say(f"hello {n}") for n in range(10)),
)

ONBOARDING = Scenario(
    name="onboarding",
    description="/start, a city, /help; then /timezone, a near miss, its button, /help",
    opening=(
        Say("/start", replies=2),  # the welcome and the time-zone question
        Say("Berlin", replies=3),  # "saved", then the sessions question
        Press("Later"),  # sessions some other time
        Say("/help"),
    ),
    cycle=(
        Say("/timezone", replies=2),  # the current zone and the question
        Say("Berln"),  # "did you mean", with a button per zone
        Press("Europe/Berlin"),  # the zone is saved
        Say("/help"),
    ),
    checks=(
        StateCheck(
            "time zone stored",
            "SELECT id, time_zone FROM users",
            expected="Europe/Berlin",
            after_steps=2,
        ),
    ),
)

_OPEN_ANSWERS = (
    "Slowly, yes: the panic comes less often.",
    "I avoid talking about my father.",
    "Naming the feeling before reacting.",
    "We ran out of time at the end.",
    "Mostly it felt right today.",
    "The argument with my sister.",
)

REFLECTION = Scenario(
    name="reflection",
    description="/start, a city; then whole reflections: /reflect, 4 ratings, 6 open answers",
    opening=(Say("/start", replies=2), Say("Berlin", replies=3), Press("Later")),
    cycle=(
        Say("/reflect", replies=2),  # the intro and question 1
        *(Press("7") for _ in range(4)),  # each rating: the next question
        # Each open answer: kept, and the next question at once; the last one's "Kept.",
        # then Done brings the thanks.
        *(Say(text) for text in _OPEN_ANSWERS),
        Press("Done"),
    ),
    checks=(
        StateCheck(
            "first rating stored once per reflection",
            "SELECT user_id, min(rating) FROM answers WHERE question = 'heard' GROUP BY user_id",
            expected=7,
            after_steps=4,
        ),
    ),
)

# What every reflection scenario's clients have stored after their first rating (step 5:
# /start, a city, Later, /reflect, the rating).
_FIRST_RATING = StateCheck(
    "first rating stored once per reflection",
    "SELECT user_id, min(rating) FROM answers WHERE question = 'heard' GROUP BY user_id",
    expected=7,
    after_steps=5,
)

REFLECTION_BUTTONS = Scenario(
    name="reflection-buttons",
    description="/start, a city; then reflections walked by buttons: 4 ratings, Skip on each "
    "of the 6 written questions",
    opening=REFLECTION.opening,
    cycle=(
        Say("/reflect", replies=2),
        *(Press("7") for _ in range(4)),
        *(Press("Skip") for _ in _OPEN_ANSWERS),  # the next question (the thanks at the end)
    ),
    checks=(
        _FIRST_RATING,
        StateCheck(
            "a skipped written question stored as skipped",
            "SELECT user_id, min(CASE WHEN skipped THEN 1 ELSE 0 END) FROM answers "
            "WHERE question = 'progress' GROUP BY user_id",
            expected=1,
            after_steps=9,
        ),
    ),
)

REFLECTION_TYPED = Scenario(
    name="reflection-typed",
    description="/start, a city; then reflections answered by typing: 4 ratings as digits, "
    "6 written answers, each bringing the next question (the last one's Done: the thanks)",
    opening=REFLECTION.opening,
    cycle=(
        Say("/reflect", replies=2),
        *(Say("7") for _ in range(4)),  # a typed rating: the next question
        *(Say(text) for text in _OPEN_ANSWERS),
        Press("Done"),
    ),
    checks=(
        _FIRST_RATING,
        StateCheck(
            "a written answer stored",
            "SELECT user_id, min(CASE WHEN text IS NULL THEN 0 ELSE 1 END) FROM answers "
            "WHERE question = 'progress' GROUP BY user_id",
            expected=1,
            after_steps=9,
        ),
    ),
)

SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (ECHO, ONBOARDING, REFLECTION, REFLECTION_BUTTONS, REFLECTION_TYPED)
}

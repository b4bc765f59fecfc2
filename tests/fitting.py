"""Playing a client through /fit without I/O: small steps the /fit flow tests share."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from features import router
from features.common.loaded import LastSerial
from features.fit.effects import FinishFit, SaveFitChoice, StartFit
from features.fit.loaded import FitChecks, FitView
from features.kernel.texts import plain
from features.kernel.vocabulary import (
    Client,
    Command,
    Facts,
    Outcome,
    Press,
    Reply,
    State,
    Step,
    Toast,
)
from tests.support.facts import facts_of
from tests.support.outcomes import check_outcome

NOW = datetime(2026, 11, 24, 18, 50, tzinfo=UTC)
LATER = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)
CLIENT = Client(time_zone="Europe/Berlin")
# A client who has reflected on sessions: /fit starts at once.
SEEING = facts_of(CLIENT, NOW, LastSerial(2))
# A client with no history at all.
NEW = facts_of(CLIENT, NOW)


def walking(position: int, answers=None, serial: int = 3, seeing: bool = True, **facts):
    """A client on item `position` of their check 3, with these choices made so far."""
    check = FitView(serial, seeing, answers or {}, NOW)
    state = State(Step.FIT, {"serial": serial, "position": position})
    return state, SEEING.having(FitChecks(check, facts.get("last_fit")))


def of(outcome: Outcome, kind: type) -> list:
    return [e for e in outcome.effects if isinstance(e, kind)]


def texts(outcome: Outcome) -> list[str]:
    return [e.text for e in outcome.effects if isinstance(e, Reply | Toast)]


def shown(reply: Reply) -> str:
    """What the client reads (the text without its markup)."""
    return plain(reply.text, **reply.args)


def labels(reply: Reply) -> list[str]:
    return [plain(b.label, **b.args) for row in reply.buttons for b in row]


def drive(
    facts: Facts, choices: list[str], seeing: bool = True, used: set[str] | None = None
) -> tuple[FitView, Outcome]:
    """Walk /fit from the command to the last press, storing what the flow says to store."""
    used = set() if used is None else used
    outcome = router.step(State(), Command("fit"), facts)
    used |= check_outcome(outcome)
    if outcome.state.step is Step.FIT_SEEING:
        action = "seeing" if seeing else "looking"
        outcome = router.step(
            outcome.state, Press(f"fo:{outcome.state.data['serial']}:{action}"), facts
        )
        used |= check_outcome(outcome)
    (started,) = of(outcome, StartFit)
    check = FitView(started.serial, started.seeing_therapist, {}, facts.now)
    for choice in choices:
        position = outcome.state.data["position"]
        pressed = Press(f"f:{check.serial}:{position}:{choice}")
        outcome = router.step(
            outcome.state, pressed, facts.having(FitChecks(check, facts[FitChecks].last))
        )
        used |= check_outcome(outcome)
        for saved in of(outcome, SaveFitChoice):
            check = replace(check, answers={**check.answers, saved.item: saved.choice})
    assert of(outcome, FinishFit) == [FinishFit(check.serial)]
    return replace(check, finished_at=facts.now), outcome

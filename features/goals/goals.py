"""/goals: the client's therapy goals in their own words: add, reword, set aside.

The progress question names them, and each gets its own 0 to 10 rating in a reflection.
Menu buttons carry `g:<action>[:<goal id>]` and are checked against the client's own
goals, so a forged or stale id does nothing.
"""

from __future__ import annotations

from features.common.loaded import Goals
from features.common.questions import MAX_GOAL_LENGTH, MAX_GOALS
from features.goals.effects import AddGoal, EditGoal, RetireGoal
from features.goals.wording import stop_after
from features.kernel.vocabulary import (
    Arg,
    Button,
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

PRESS = "g:"
_LABEL_LENGTH = 40


def show(facts: Facts, note: tuple[Reply, ...] = ()) -> Outcome:
    """The client's goals and what they can do with them. The menu stays open (shown again
    after something said in passing, as an unknown command) until the client does anything
    else."""
    return Outcome(State(Step.GOALS_MENU), (*note, menu(facts)))


def menu_open(state: State, event: Event, facts: Facts) -> Outcome | None:
    """Anything but the menu's own buttons (routed before this) closes the menu: the event
    is then answered as if the client were idle."""
    return None


def menu_again(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The menu again, after something said in passing."""
    return (menu(facts),)


def menu(facts: Facts) -> Reply:
    """The list of goals with add / reword / set aside buttons."""
    goals: Arg = tuple(
        Ref("goals.item", {"n": str(n), "goal": text})
        for n, text in enumerate(facts[Goals].texts.values(), start=1)
    )
    rows: list[tuple[Button, ...]] = [(Button("button.goal_add", f"{PRESS}add"),)]
    if facts[Goals].texts:
        rows.append(
            (
                Button("button.goal_edit", f"{PRESS}edit"),
                Button("button.goal_retire", f"{PRESS}retire"),
            )
        )
    return Reply(
        "goals.menu" if facts[Goals].texts else "goals.none", {"goals": goals}, tuple(rows)
    )


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """A goals-menu button."""
    action, _, raw_id = event.data.removeprefix(PRESS).partition(":")
    if action == "add":
        if len(facts[Goals].texts) >= MAX_GOALS:
            return Outcome(state, (Toast("toast.goals_full", {"max": MAX_GOALS}),))
        return Outcome(State(Step.GOAL_NEW), (Reply("goals.ask_new"),))
    if action in ("edit", "retire") and not raw_id:
        return Outcome(state, (_pick(action, facts),))
    goal_id = int(raw_id) if raw_id.isdecimal() else -1
    if goal_id not in facts[Goals].texts:
        return Outcome(state, (Toast("toast.stale_button"),))
    text = facts[Goals].texts[goal_id]
    if action == "edit":
        return Outcome(
            State(Step.GOAL_EDIT, {"goal_id": goal_id}), (Reply("goals.ask_edit", {"goal": text}),)
        )
    if action == "retire":
        return Outcome(State(), (RetireGoal(goal_id), Reply("goals.retired", {"goal": text})))
    return Outcome(state, (Toast("toast.stale_button"),))


def write(state: State, event: Event, facts: Facts) -> Outcome:
    """The client types a new goal, or a goal's new wording."""
    if isinstance(event, NonText) or not isinstance(event, Text):
        return Outcome(state, (Reply("goals.only_text"),))
    text = event.text.strip()
    if not text:
        return Outcome(state, ask_again(state))
    if len(text) > MAX_GOAL_LENGTH:
        return Outcome(state, (Reply("goals.too_long", {"max": MAX_GOAL_LENGTH}),))
    if state.step is Step.GOAL_EDIT:
        goal_id = int(state.data.get("goal_id", -1))
        if goal_id not in facts[Goals].texts:
            return Outcome(State(), (Reply("goals.gone"),))
        edited = Reply("goals.edited", {"goal": text, "stop": stop_after(text)})
        return Outcome(State(), (EditGoal(goal_id, text), edited))
    if len(facts[Goals].texts) >= MAX_GOALS:
        return Outcome(State(), (Reply("goals.full", {"max": MAX_GOALS}),))
    added = Reply("goals.added", {"goal": text, "stop": stop_after(text)})
    return Outcome(State(), (AddGoal(text), added))


def ask_again(state: State) -> tuple[Reply, ...]:
    """The goal question again, after an interruption."""
    if state.step is Step.GOAL_EDIT:
        return (Reply("goals.ask_edit_again"),)
    return (Reply("goals.ask_new"),)


def _pick(action: str, facts: Facts) -> Reply:
    rows = tuple(
        (Button("button.goal", f"{PRESS}{action}:{goal_id}", {"goal": _label(text)}),)
        for goal_id, text in facts[Goals].texts.items()
    )
    return Reply(f"goals.pick_{action}", buttons=rows)


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_LENGTH else text[: _LABEL_LENGTH - 1] + "\u2026"

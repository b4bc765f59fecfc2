"""/safetyplan: a safety plan the client writes in their own words, in the spirit of the
Stanley-Brown plan: warning signs, what helps them cope, people and places that help, who
they can call, how to make their surroundings safer, and their reasons for living.

The first time it walks through the parts one by one (each skippable, stoppable); after
that it shows the plan with a button per part to rewrite or clear it. The reasons for
living and who to call come with the crisis message, when the client has written them.
Buttons carry `sp:<part>:<action>`, or `sp:edit:<part>` from the plan.
"""

from __future__ import annotations

from collections.abc import Mapping

from features.kernel.vocabulary import (
    Arg,
    Button,
    Command,
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
    words_of,
)
from features.safety.crisis import CrisisData
from features.safety.effects import SaveSafetyPlan
from features.safety.loaded import SafetyPlan

PRESS = "sp:"
EDIT = "edit"
# The parts, in the order a plan is written and read.
PARTS = ("warning_signs", "coping", "people_places", "contacts", "surroundings", "reasons")
# Shown with the crisis message: what to hold on to, and who to reach.
IN_CRISIS = ("reasons", "contacts")
MAX_LENGTH = 2000


def shows_plan(state: State, event: Event, crisis: CrisisData | None) -> bool:
    """Whether this turn may show the plan, so it must be read: /safetyplan and its
    buttons, /urgent, anything while writing a part (asked again after /help, it shows
    what is written so far), and words that bring the crisis message, in a message, a
    caption or an edit."""
    if state.step is Step.SAFETY_PLAN:
        return True
    if isinstance(event, Command):
        return event.name in ("safetyplan", "urgent")
    if isinstance(event, Press):
        return event.data.startswith(PRESS)
    words = words_of(event)
    return bool(words) and crisis is not None and crisis.suggests_danger(words)


def show(facts: Facts, before: tuple[Reply, ...] = ()) -> Outcome:
    """/safetyplan: the plan with a button per part, or (none written yet) its first part."""
    plan = facts[SafetyPlan].parts or {}
    if not plan:
        state = State(Step.SAFETY_PLAN, {"part": 0, "walk": True})
        return Outcome(state, (*before, Reply("safety.intro"), _ask(0, plan, walk=True)))
    return Outcome(State(), (*before, card(plan)))


def card(plan: Mapping[str, str]) -> Reply:
    """The whole plan, each part with a button to rewrite it."""
    parts = tuple(_part(key, plan) for key in PARTS)
    labels = [Button(f"safety.button.{key}", f"{PRESS}{EDIT}:{key}") for key in PARTS]
    rows = tuple(tuple(labels[i : i + 2]) for i in range(0, len(labels), 2))
    return Reply("safety.plan", {"parts": parts}, rows)


def in_crisis(facts: Facts) -> tuple[Reply, ...]:
    """What of the plan to show with the crisis message ("Your plan: ..."): the reasons
    for living and who to call, or, without those, whatever the client wrote first."""
    plan = facts[SafetyPlan].parts or {}
    keys = [key for key in IN_CRISIS if plan.get(key)] or [k for k in PARTS if plan.get(k)][:2]
    if not keys:
        return ()
    parts = tuple(
        Ref("safety.crisis_part", {"title": Ref(f"safety.title.{k}"), "text": plan[k]})
        for k in keys
    )
    return (Reply("safety.in_crisis", {"parts": parts}),)


def writing(state: State, event: Event, facts: Facts) -> Outcome:
    """The client writes the part they are on."""
    index = _index(state)
    plan = dict(facts[SafetyPlan].parts or {})
    walk = bool(state.data.get("walk"))
    if isinstance(event, Text):
        text = event.text.strip()
        if len(text) > MAX_LENGTH:
            return Outcome(state, (Reply("safety.too_long", {"max": MAX_LENGTH}),))
        key = PARTS[index]
        plan[key] = text
        saved = SaveSafetyPlan(key, text)
        if walk:
            return _next(index, plan, (saved,))
        return Outcome(State(), (saved, Reply("safety.saved"), card(plan)))
    if isinstance(event, NonText):
        return Outcome(state, (Reply("safety.only_text"), _ask(index, plan, walk)))
    return Outcome(state, ask_again(state, facts))


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """A plan button: rewrite a part, skip, stop, keep or clear the one being written."""
    first, _, second = event.data.removeprefix(PRESS).partition(":")
    plan = dict(facts[SafetyPlan].parts or {})
    if first == EDIT and second in PARTS:
        paused = (Reply("reflection.paused_for_command"),) if state.step is Step.REFLECTING else ()
        index = PARTS.index(second)
        state = State(Step.SAFETY_PLAN, {"part": index, "walk": False})
        return Outcome(state, (*paused, _ask(index, plan, walk=False)))
    on_it = state.step is Step.SAFETY_PLAN and first == PARTS[_index(state)]
    if not on_it:
        return Outcome(state, (Toast("toast.stale_button"),))
    index = _index(state)
    if second == "skip" and state.data.get("walk"):
        return _next(index, plan, (Toast("toast.skipped"),))
    if second == "stop":
        return Outcome(State(), (Reply("safety.stopped"),))
    if second == "keep":
        return Outcome(State(), (card(plan),))
    if second == "clear":
        plan.pop(first, None)
        return Outcome(
            State(), (SaveSafetyPlan(first, ""), Toast("toast.cleared_part"), card(plan))
        )
    return Outcome(state, (Toast("toast.stale_button"),))


def ask_again(state: State, facts: Facts) -> tuple[Reply, ...]:
    """The part the client is writing, again, after an interruption."""
    return (_ask(_index(state), facts[SafetyPlan].parts or {}, bool(state.data.get("walk"))),)


def _next(index: int, plan: Mapping[str, str], done: tuple[SaveSafetyPlan | Toast, ...]) -> Outcome:
    following = index + 1
    if following < len(PARTS):
        state = State(Step.SAFETY_PLAN, {"part": following, "walk": True})
        return Outcome(state, (*done, _ask(following, plan, walk=True)))
    if not any(plan.get(key) for key in PARTS):
        return Outcome(State(), (*done, Reply("safety.nothing_written")))
    return Outcome(State(), (*done, Reply("safety.done"), card(plan)))


def _ask(index: int, plan: Mapping[str, str], walk: bool) -> Reply:
    key = PARTS[index]
    current = plan.get(key)
    so_far: Arg = Ref("safety.so_far", {"text": current}) if current else ""
    args: dict[str, Arg] = {
        "n": str(index + 1),
        "total": str(len(PARTS)),
        "title": Ref(f"safety.title.{key}"),
        "hint": Ref(f"safety.hint.{key}"),
        "so_far": so_far,
    }
    buttons: tuple[Button, ...]
    if walk:
        buttons = (
            Button("button.skip", f"{PRESS}{key}:skip"),
            Button("safety.button.stop", f"{PRESS}{key}:stop"),
        )
    else:
        buttons = (Button("safety.button.keep", f"{PRESS}{key}:keep"),)
        if current:
            buttons = (*buttons, Button("safety.button.clear", f"{PRESS}{key}:clear"))
    return Reply("safety.ask", args, (buttons,))


def _part(key: str, plan: Mapping[str, str]) -> Ref:
    text = plan.get(key)
    body: Arg = Ref("safety.words", {"text": text}) if text else Ref("safety.empty_part")
    return Ref("safety.part", {"title": Ref(f"safety.title.{key}"), "text": body})


def _index(state: State) -> int:
    raw = state.data.get("part", 0)
    return raw if isinstance(raw, int) and 0 <= raw < len(PARTS) else 0

"""/questions: which questions a reflection asks. Built-in ones can be turned off and on;
the client can add questions of their own. Buttons carry `qs:<action>[:<key or id>]`."""

from __future__ import annotations

from dataclasses import replace

from features.common.loaded import OwnQuestions
from features.common.questions import BUILT_IN, MAX_OWN_QUESTION_LENGTH, MAX_OWN_QUESTIONS
from features.goals.effects import AddOwnQuestion, RemoveOwnQuestion, SetQuestionEnabled
from features.goals.wording import stop_after
from features.kernel.vocabulary import (
    Button,
    Event,
    Facts,
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

PRESS = "qs:"


def show(facts: Facts) -> Outcome:
    """The questions, each with a button that turns it off or on."""
    return Outcome(State(), (menu(facts),))


def menu(facts: Facts) -> Reply:
    """Built-in questions with their on/off state, the client's own, and "add"."""
    disabled = facts.client.disabled_questions
    rows: list[tuple[Button, ...]] = [
        (
            Button(
                "button.question_off" if key in disabled else "button.question_on",
                f"{PRESS}t:{key}",
                {"label": Ref(f"label.{key}")},
            ),
        )
        for key in BUILT_IN
    ]
    rows += [
        (Button("button.own_remove", f"{PRESS}r:{question_id}", {"text": _label(text)}),)
        for question_id, text in facts[OwnQuestions].texts.items()
    ]
    rows.append((Button("button.own_add", f"{PRESS}add"),))
    own = tuple(
        Ref("questions.own_item", {"text": text}) for text in facts[OwnQuestions].texts.values()
    )
    return Reply("questions.menu", {"own": own}, tuple(rows))


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """A question-menu button: toggle, remove one of the client's own, or add one."""
    action, _, target = event.data.removeprefix(PRESS).partition(":")
    if action == "t" and target in BUILT_IN:
        enabled = target in facts.client.disabled_questions
        disabled = facts.client.disabled_questions ^ {target}
        after = replace(facts, client=replace(facts.client, disabled_questions=disabled))
        return Outcome(state, (SetQuestionEnabled(target, enabled), Redraw(menu(after))))
    if action == "r" and target.isdecimal() and int(target) in facts[OwnQuestions].texts:
        remaining = {k: v for k, v in facts[OwnQuestions].texts.items() if k != int(target)}
        after = facts.having(OwnQuestions(remaining))
        return Outcome(state, (RemoveOwnQuestion(int(target)), Redraw(menu(after))))
    if action == "add":
        if len(facts[OwnQuestions].texts) >= MAX_OWN_QUESTIONS:
            return Outcome(state, (Toast("toast.own_full", {"max": MAX_OWN_QUESTIONS}),))
        return Outcome(State(Step.OWN_QUESTION_NEW), (Reply("questions.ask_new"),))
    return Outcome(state, (Toast("toast.stale_button"),))


def write(state: State, event: Event, facts: Facts) -> Outcome:
    """The client types a question of their own."""
    if not isinstance(event, Text):
        return Outcome(state, (Reply("questions.only_text"),))
    text = event.text.strip()
    if not text:
        return Outcome(state, ask_again())
    if len(text) > MAX_OWN_QUESTION_LENGTH:
        return Outcome(state, (Reply("questions.too_long", {"max": MAX_OWN_QUESTION_LENGTH}),))
    if len(facts[OwnQuestions].texts) >= MAX_OWN_QUESTIONS:
        return Outcome(State(), (Reply("questions.full", {"max": MAX_OWN_QUESTIONS}),))
    added = Reply("questions.added", {"text": text, "stop": stop_after(text)})
    return Outcome(State(), (AddOwnQuestion(text), added))


def ask_again() -> tuple[Reply, ...]:
    """The "your own question" prompt again."""
    return (Reply("questions.ask_new"),)


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "\u2026"

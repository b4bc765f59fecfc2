"""The router's table: which feature answers each command, menu button and step, pinned row
by row; and the refusals when two features claim the same command, button prefix, step or
text id."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from features import router
from features.kernel.feature import CommandInfo, Enters, Feature, Need, OwnedTwice, Router
from features.kernel.vocabulary import Client, Command, Facts, Goto, Outcome, Reply, State, Step

REPO = Path(__file__).resolve().parents[2]

TABLE = [
    ("/urgent", "safety", "safety.screen.urgent"),
    ("/country", "safety", "safety.country.begin"),
    ("/safetyplan", "safety", "safety.safety_plan.show"),
    ("/start", "onboarding", "onboarding.flow.start"),
    ("/timezone", "onboarding", "onboarding.flow.change_time_zone"),
    ("/help", "onboarding", "onboarding.help.show_help"),
    ("/cancel", "onboarding", "onboarding.help.cancel"),
    ("/reflect", "reflection", "reflection.flow.reflect"),
    ("/schedule", "schedule", "schedule.setup.card"),
    ("/skip", "schedule", "schedule.feature.skip_pause_resume"),
    ("/pause", "schedule", "schedule.feature.skip_pause_resume"),
    ("/resume", "schedule", "schedule.feature.skip_pause_resume"),
    ("/summary", "review", "review.feature.read_back"),
    ("/note", "review", "review.feature.read_back"),
    ("/export", "review", "review.feature.read_back"),
    ("/progress", "progress", "progress.report.progress"),
    ("/fit", "fit", "fit.flow.begin"),
    ("/goals", "goals", "goals.goals.show"),
    ("/questions", "goals", "goals.own_questions.show"),
    ("/learned", "learned", "learned.feature.show_learned"),
    ("/find", "learned", "learned.find.command"),
    ("/share", "share", "share.flow.command"),
    ("/privacy", "privacy", "privacy.flow.privacy"),
    ("/delete", "privacy", "privacy.flow.delete"),
    ("/language", "language", "language.flow.show"),
    ("sp:*", "safety", "safety.safety_plan.press"),
    ("sc:*", "schedule", "schedule.setup.change"),
    ("p:*", "schedule", "schedule.prompts.press"),
    ("ck:*", "checkin", "checkin.flow.press"),
    ("sum:*", "review", "review.flow.press_summary"),
    ("n:*", "review", "review.flow.press_note"),
    ("hb:*", "progress", "progress.asking.press"),
    ("f:*", "fit", "fit.flow.press"),
    ("fo:*", "fit", "fit.flow.press"),
    ("fn:*", "fit", "fit.flow.note_gap"),
    ("g:*", "goals", "goals.goals.press"),
    ("qs:*", "goals", "goals.own_questions.press"),
    ("ln:*", "learned", "learned.feature.press_learned"),
    ("sh:*", "share", "share.flow.press"),
    ("lang:*", "language", "language.flow.press"),
    ("step idle", "onboarding", "onboarding.help.idle"),
    ("step ask_time_zone", "onboarding", "onboarding.flow.ask_time_zone"),
    (
        "step reflecting",
        "reflection",
        "reflection.flow.reflecting (/cancel: reflection.feature.pause)",
    ),
    ("step offer_resume", "reflection", "offer reflection.flow.offer_resume"),
    ("step offer_raise", "reflection", "offer reflection.flow.offer_raise"),
    ("step goal_new", "goals", "goals.goals.write"),
    ("step goal_edit", "goals", "goals.goals.write"),
    ("step own_question_new", "goals", "goals.own_questions.write"),
    ("step set_days", "schedule", "schedule.setup.answer"),
    ("step set_time", "schedule", "schedule.setup.answer"),
    ("step set_length", "schedule", "schedule.setup.answer"),
    ("step set_frequency", "schedule", "schedule.setup.answer"),
    ("step add_extra", "schedule", "schedule.setup.add_extra"),
    (
        "step confirm_delete",
        "privacy",
        "offer privacy.flow.confirm_delete (/cancel: privacy.flow.keep)",
    ),
    ("step fit", "fit", "fit.flow.walking (/cancel: fit.feature.pause)"),
    ("step fit_seeing", "fit", "offer fit.flow.offer_lapses"),
    ("step fit_resume", "fit", "offer fit.flow.offer_lapses"),
    ("step ask_country", "safety", "safety.country.answer"),
    ("step offer_share", "reflection", "offer reflection.flow.offer_share"),
    ("step safety_plan", "safety", "safety.safety_plan.writing"),
    ("step goals_menu", "goals", "offer goals.goals.menu_open"),
    ("step offer_memo", "memos", "offer memos.flow.choose (/cancel: memos.flow.cancel)"),
    ("step choose_session", "reflection", "offer reflection.flow.offer_session"),
    ("step find_word", "learned", "learned.find.asked (/cancel: learned.find.cancel)"),
    ("step find_results", "learned", "offer learned.find.turn_page"),
    ("step set_checkin_time", "schedule", "schedule.checkin_choice.answer_time"),
    (
        "step checkin_line",
        "checkin",
        "offer checkin.flow.line (/cancel: checkin.flow.cancel)",
    ),
    ("entry reflection.begin", "reflection", "reflection.feature.begin_for"),
    ("entry schedule.setup", "schedule", "schedule.feature.begin_setup"),
    ("entry progress.ask", "progress", "progress.feature.ask_first"),
    ("entry memos.offer", "memos", "memos.flow.offer"),
    ("entry memos.keep", "memos", "memos.flow.keep"),
    ("/<unknown>", "onboarding", "onboarding.help.unknown_command"),
    ("<edited>", "onboarding", "onboarding.help.edited"),
]


def test_every_command_button_and_step_goes_where_the_table_says():
    assert router.routes() == TABLE


def test_every_step_has_one_feature_leading_it():
    assert set(router.ROUTER.steps) == set(Step)


def test_the_menu_lists_every_command_a_feature_answers_once():
    assert sorted(command.name for command in router.MENU) == sorted(router.ROUTER.commands)
    assert set(router.ROUTER.commands) == router.COMMAND_NAMES


def test_no_button_prefix_hides_another():
    prefixes = [prefix for prefix, _ in router.ROUTER.buttons]
    assert not [(a, b) for a in prefixes for b in prefixes if a != b and b.startswith(a)]


def test_python_m_bot_routes_prints_the_table_without_any_configuration(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "routes"],
        cwd=tmp_path, env={**clean, "PYTHONPATH": str(REPO)},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert result.stdout.split() == [
        word for row in TABLE for column in row for word in column.split()
    ]
    assert len(result.stdout.splitlines()) == len(TABLE)


# Two features that can't both be registered.


def _answer(state: State, event: object, facts: object) -> Outcome:
    return Outcome(state)


def _feature(name: str, **declared: Any) -> Feature:
    return Feature(name=name, **declared)


def test_a_command_claimed_twice_is_refused():
    one = _feature("one", commands={"fit": _answer})
    other = _feature("other", commands={"fit": _answer})
    with pytest.raises(OwnedTwice, match="command 'fit' is claimed by one and other"):
        Router.build((one, other))


def test_a_button_prefix_claimed_twice_is_refused():
    one = _feature("one", buttons={"g:": _answer})
    other = _feature("other", buttons={"g:": _answer})
    with pytest.raises(OwnedTwice, match="button prefix 'g:'"):
        Router.build((one, other))


def test_a_button_prefix_inside_another_is_refused():
    one = _feature("one", buttons={"s": _answer})
    other = _feature("other", buttons={"sp:": _answer})
    with pytest.raises(OwnedTwice, match=r"'sp:' .* starts with 's'"):
        Router.build((one, other))


def test_a_step_led_twice_is_refused_whether_step_or_offer():
    one = _feature("one", steps={Step.FIT: _answer})
    other = _feature("other", offers={Step.FIT: _answer})
    with pytest.raises(OwnedTwice, match="step"):
        Router.build((one, other))


def test_a_text_id_defined_twice_is_refused():
    one = _feature("one", texts={"help": "Here's what I can do"})
    other = _feature("other", texts={"help": "Something else"})
    with pytest.raises(OwnedTwice, match="text id 'help'"):
        Router.build((one, other))


def test_a_feature_name_used_twice_is_refused():
    with pytest.raises(OwnedTwice, match="feature 'one'"):
        Router.build((_feature("one"), _feature("one")))


def test_a_feature_may_only_flag_and_list_its_own_commands_and_steps():
    with pytest.raises(ValueError, match="commands it doesn't answer"):
        Router.build((_feature("one", menu=(CommandInfo("fit", "command.fit"),)),))
    with pytest.raises(ValueError, match="commands it doesn't answer"):
        Router.build((_feature("one", interrupts=frozenset({"fit"})),))
    with pytest.raises(ValueError, match="offers too"):
        Router.build((_feature("one", steps={Step.FIT: _answer}, offers={Step.FIT: _answer}),))
    with pytest.raises(ValueError, match="steps it doesn't lead"):
        Router.build((_feature("one", cancel={Step.FIT: lambda state, facts: Outcome(state)}),))


def test_the_menu_order_must_name_each_menu_command_once():
    one = _feature("one", commands={"a": _answer, "b": _answer}, menu=(CommandInfo("a", "x"),) * 1)
    assert [c.name for c in Router.build((one,), ("a",)).menu] == ["a"]
    with pytest.raises(ValueError, match="menu order"):
        Router.build((one,), ("a", "b"))


def test_an_entry_named_twice_is_refused():
    one = _feature("one", entries={"one.begin": _enter})
    with pytest.raises(OwnedTwice, match=r"entry 'one\.begin' is claimed by one and other"):
        Router.build((one, _feature("other", entries={"one.begin": _enter})))


def test_a_goto_to_an_entry_no_feature_has_is_refused():
    one = _feature("one", entries={"one.begin": _enter})
    with pytest.raises(ValueError, match=r"two goes to entries no feature has: \['one.start'\]"):
        Router.build((one, _feature("two", goes_to=frozenset({"one.start"}))))


def test_an_entry_is_named_after_its_feature():
    with pytest.raises(ValueError, match=r"must be named one.<what>: \['two.begin'\]"):
        Router.build((_feature("one", entries={"two.begin": _enter}),))


def test_entry_needs_are_only_for_the_features_own_entries():
    with pytest.raises(ValueError, match=r"needs of entries it doesn't have: \['one.later'\]"):
        Router.build(
            (_feature("one", entries={"one.begin": _enter}, entry_needs={"one.later": ()}),)
        )


_WORDS = Need(Reply, lambda *args: None)  # made up: only its identity matters here


def _entering(entry: str) -> Any:
    return lambda state, event, given: (Enters(entry),)


def test_a_turn_that_enters_an_entry_reads_what_the_entry_declares():
    one = _feature("one", entries={"one.begin": _enter}, entry_needs={"one.begin": (_WORDS,)})
    two = _feature(
        "two",
        commands={"go": _go()},
        goes_to=frozenset({"one.begin"}),
        needs=_entering("one.begin"),
    )
    built = Router.build((one, two))
    assert built.needs(State(), Command("go"), _FACTS) == (_WORDS,)
    # The entry's owner isn't reached by the event: its own needs are not asked.
    assert [f.name for f in built.reached(State(), Command("go"))] == ["two"]


def test_entering_an_entry_not_in_goes_to_is_refused():
    one = _feature("one", entries={"one.begin": _enter}, entry_needs={"one.begin": (_WORDS,)})
    two = _feature("two", commands={"go": _go()}, needs=_entering("one.begin"))
    with pytest.raises(ValueError, match=r"two enters 'one.begin', not in its goes_to"):
        Router.build((one, two)).needs(State(), Command("go"), _FACTS)


def test_the_real_entries_are_the_ones_features_go_to():
    gone_to = {entry for feature in router.FEATURES for entry in feature.goes_to}
    assert (
        gone_to
        == set(router.ROUTER.entries)
        == {
            "reflection.begin",
            "schedule.setup",
            "memos.offer",
            "memos.keep",
            "progress.ask",
        }
    )


# A Goto resolved in the same step, with made-up features.


def _enter(facts: Facts, args: Any) -> Outcome:
    return Outcome(State(Step.GOAL_NEW, {"came_with": args["x"]}), (Reply("two.entered"),))


def _go(*effects: Any) -> Any:
    def answer(state: State, command: Command, facts: Facts) -> Outcome:
        return Outcome(State(Step.FIT), effects)

    return answer


_FACTS = Facts(Client(), datetime(2026, 1, 5, 9, 0, tzinfo=UTC))


@pytest.fixture
def made_up(monkeypatch):
    goto = Goto("two.in", {"x": "1"})
    one = _feature(
        "one",
        commands={
            "go": _go(Reply("one.before"), goto),
            "stray": _go(Reply("one.before"), Goto("two.in", {"x": "2"}), Reply("one.after")),
        },
        goes_to=frozenset({"two.in"}),
    )
    two = _feature("two", entries={"two.in": _enter}, commands={"sneak": _go(goto)})
    monkeypatch.setattr(router, "ROUTER", Router.build((one, two)))


def test_a_goto_calls_the_entry_keeping_the_effects_before_it(made_up):
    outcome = router._command(State(), Command("go"), _FACTS)
    assert outcome == Outcome(
        State(Step.GOAL_NEW, {"came_with": "1"}), (Reply("one.before"), Reply("two.entered"))
    )


def test_a_goto_not_named_in_goes_to_or_not_last_is_refused(made_up):
    with pytest.raises(ValueError, match=r"two goes to 'two\.in' without naming it in goes_to"):
        router._command(State(), Command("sneak"), _FACTS)
    with pytest.raises(ValueError, match="one returned a Goto that is not its last effect"):
        router._command(State(), Command("stray"), _FACTS)


def test_the_bot_refuses_to_start_with_a_clash():
    """The real features, one of them registered twice: the import of the table fails."""
    with pytest.raises(OwnedTwice):
        Router.build((*router.FEATURES, router.FEATURES[0]))


# The kernel's types and texts stand below every feature.


@pytest.mark.parametrize("module", ["features/kernel/feature.py", "features/kernel/texts.py"])
def test_the_kernel_imports_no_feature_no_telegram_and_no_storage(module):
    tree = ast.parse((REPO / module).read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    allowed: tuple[str, ...] = ("features.kernel", "__future__", "collections", "dataclasses")
    allowed += ("functools", "typing", "html", "re")
    assert {name for name in imported if name and not name.startswith(allowed)} == set()

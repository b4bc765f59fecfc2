"""What a finished /fit check says: matches, gaps each with a next step, what changed, what
to look for before the first session; and every text /fit has, used and rendering."""

from __future__ import annotations

from dataclasses import replace
from itertools import product

from features import router
from features.fit import texts as fit_texts
from features.fit.export import ON_PAPER
from features.fit.items import DIMENSIONS, ITEMS, PREFERENCES, QUALITY_ITEMS, choice_label
from features.fit.loaded import FitChecks, FitView
from features.fit.result import gaps, result_lines, sections
from features.kernel.texts import CATALOGUE, plain, render
from features.kernel.vocabulary import Command, Press, Redraw, Reply, State, Step, Text
from features.memos.effects import KeepMemo
from tests.fitting import (
    LATER,
    NEW,
    NOW,
    SEEING,
    drive,
    of,
    shown,
    walking,
)
from tests.support.outcomes import TELEGRAM_LIMIT, check_outcome, ids_in

# The result.

ALL_YES = ["a", "b", "a", "a", "b", "a", "b", "a", "a", "b", *["yes"] * 6]


def test_when_everything_matches_the_result_says_so_and_lists_no_gaps():
    _, outcome = drive(SEEING, ALL_YES)
    first, second = (shown(r) for r in of(outcome, Reply))
    assert "Where it matches" in first
    assert "Direct or indirect: direct, as you'd like." in plain(
        "fit.section", **of(outcome, Reply)[0].args
    )
    assert "Nothing stands out" in second
    assert outcome.state == State()


def test_gaps_worth_raising_get_words_and_the_rest_are_watched_together():
    choices = [
        "a", "a", "b", "both", "none",  # what the client would like
        "b", "unsure", "both", "a", "a",  # with their therapist
        "somewhat", "no", "unsure", "yes", "no", "somewhat",
    ]  # fmt: skip
    _, outcome = drive(SEEING, choices)
    gaps = plain("fit.section", **of(outcome, Reply)[1].args)
    raising, watching = gaps.split("Worth watching")
    # Opposite poles and a plain "no": worth raising, with words the client could use.
    assert "Direct or indirect: you'd like direct, and it's indirect. You could say: \u201cIt" in (
        raising
    )
    assert "Reliable and consistent: no. You could say:" in raising
    assert "Open to feedback: no. You could say:" in raising
    # The rest: short lines, one shared word about giving it time, no step for each.
    assert "Quiet or responding: you'd like mostly quiet; you're not sure yet how it is." in (
        watching
    )
    assert "Coping skills or old patterns: you'd like old patterns, and it's a bit of both." in (
        watching
    )
    assert "Structured or open: you'd like a bit of both, and it's structured." in watching
    assert "It feels right: somewhat." in watching
    assert watching.count("a few more sessions") == 1
    assert "Next step" not in gaps and "You could say" not in watching
    assert "Support or challenge" not in gaps  # no preference: nothing to compare
    matches = plain("fit.section", **of(outcome, Reply)[0].args)
    assert "A mirror for blind spots: yes." in matches
    # Nothing capitalised mid-sentence.
    for label in ("Direct", "Indirect", "Mostly quiet", "Old patterns", "A bit of both"):
        assert f"like {label}" not in gaps and f"it's {label}" not in gaps


def test_each_gap_with_words_gets_a_button_that_takes_it_into_the_note():
    choices = ["a", "a", "b", "both", "none", "b", "unsure", "both", "a", "a",
               "somewhat", "no", "unsure", "yes", "no", "somewhat"]  # fmt: skip
    check, outcome = drive(SEEING, choices)
    result = of(outcome, Reply)[1]
    labels = [plain(b.label, **b.args) for row in result.buttons for b in row]
    assert labels[0] == "\U0001f4dd Note: Direct or indirect"
    assert "\U0001f4dd Note: Quiet or responding" not in labels  # not sure yet: no words
    first = result.buttons[0][0].data
    facts = SEEING.having(FitChecks(last=check))
    pressed = router.step(State(), Press(first), facts)
    (kept,) = [e for e in pressed.effects if isinstance(e, KeepMemo)]
    assert kept.text.startswith("It helps me when you tell me plainly")
    (redraw,) = [e for e in pressed.effects if isinstance(e, Redraw)]
    redrawn = [plain(b.label, **b.args) for row in redraw.reply.buttons for b in row]
    assert redrawn[0] == "\u2705 In your note: Direct or indirect" and redrawn[1:] == labels[1:]
    again = router.step(State(), Press(redraw.reply.buttons[0][0].data), facts)
    assert not any(isinstance(e, KeepMemo) for e in again.effects)
    older = first.replace(f"fn:{check.serial}:", f"fn:{check.serial + 1}:")
    stale = router.step(State(), Press(older), facts)
    assert not any(isinstance(e, KeepMemo) for e in stale.effects)


def test_when_it_does_not_feel_right_it_is_ok_to_decide_it_is_not_the_match():
    _, outcome = drive(SEEING, [*ALL_YES[:-1], "no"])
    gaps = plain("fit.section", **of(outcome, Reply)[1].args)
    assert "It feels right: no." in gaps
    assert "It's completely OK to decide this isn't the right match for you" in gaps
    assert "say as much" in gaps
    assert "Several things don't fit" not in gaps


def test_many_clear_gaps_bring_the_same_word_even_if_it_feels_right():
    choices = [
        "a",
        "a",
        "a",
        "a",
        "a",
        "b",
        "b",
        "b",
        "b",
        "b",
        "no",
        "no",
        "yes",
        "yes",
        "yes",
        "yes",
    ]
    _, outcome = drive(SEEING, choices)
    gaps = plain("fit.section", **of(outcome, Reply)[1].args)
    assert "Several things don't fit right now" in gaps and "completely OK to decide" in gaps


def test_skipping_everything_is_fine_and_said_kindly():
    _, outcome = drive(SEEING, ["skip"] * 16)
    (only,) = of(outcome, Reply)
    assert "There isn't enough here to compare this time" in shown(only)


def test_a_second_check_shows_what_changed_since_the_first():
    first, _ = drive(SEEING, ALL_YES)
    second_choices = [*ALL_YES[:14], "no", "somewhat"]
    later = replace(SEEING, now=LATER).having(FitChecks(None, first))
    _, outcome = drive(later, second_choices)
    changes = plain("fit.section", **of(outcome, Reply)[-1].args)
    assert changes.startswith("Since your last fit check, on Tuesday 24 November")
    assert "Open to feedback: Yes \u2192 No" in changes
    assert "It feels right: Yes \u2192 Somewhat" in changes
    assert changes.count("\u2192") == 2
    same = drive(later.having(FitChecks(None, first)), ALL_YES)[1]
    assert "Your answers are the same as then." in shown(of(same, Reply)[-1])


def test_before_the_first_session_it_is_what_i_am_looking_for_and_what_to_ask():
    check, outcome = drive(NEW, ["a", "b", "both", "none", "skip"], seeing=False)
    assert check.seeing_therapist is False
    looking, asking = (plain("fit.section", **r.args) for r in of(outcome, Reply))
    assert looking.startswith("What I'm looking for in a therapist")
    assert "Someone direct, who says plainly what they see." in looking
    assert "Coping skills, and a look at old patterns too." in looking
    assert "structure" not in looking.lower()
    assert "Questions you could ask in a first session" in asking
    assert "How direct are you?" in asking and "How do you balance support" not in asking
    assert "completely OK to keep looking" in asking


def test_a_looking_check_then_a_seeing_one_compares_the_preferences():
    looked, _ = drive(NEW, ["a", "b", "both", "none", "a"], seeing=False)
    later = replace(SEEING, now=LATER).having(FitChecks(None, looked))
    _, outcome = drive(later, ["b", *ALL_YES[1:]])
    changes = plain("fit.section", **of(outcome, Reply)[-1].args)
    assert "Direct or indirect (what you'd like): Direct \u2192 Indirect" in changes
    assert "with your therapist" not in changes


# Every combination renders, fits in a message, and uses known texts only.


def test_every_pairing_of_preference_and_experience_renders():
    for topic in DIMENSIONS:
        for want, have in product(
            ("a", "b", "both", "none", "skip"), ("a", "b", "both", "unsure", "skip")
        ):
            check = FitView(1, True, {f"pref.{topic}": want, f"exp.{topic}": have}, NOW, NOW)
            for line in result_lines(check):
                assert plain(line.text, **line.args)
                assert ids_in(line) <= CATALOGUE["en"].keys()


def test_the_longest_result_and_changes_fit_in_telegram_messages():
    worst = (
        {item.id: "a" for item in PREFERENCES}
        | {f"exp.{topic}": "b" for topic in DIMENSIONS}
        | {item.id: "somewhat" for item in QUALITY_ITEMS}
    )
    before = {item.id: "both" for item in ITEMS[:10]} | {item.id: "no" for item in QUALITY_ITEMS}
    parts = sections(FitView(2, True, worst, NOW, LATER), FitView(1, True, before, NOW, NOW))
    for lines in parts:
        assert len(render("fit.section", lines=lines)) <= TELEGRAM_LIMIT


def test_result_lines_for_an_export_read_plainly():
    first, _ = drive(SEEING, ALL_YES)
    second, _ = drive(SEEING.having(FitChecks(None, first)), [*ALL_YES[:15], "no"])
    lines = [plain(line.text, **line.args) for line in result_lines(second, first, "Europe/Berlin")]
    assert lines[0].strip() == "How it fits, as you see it today"
    assert "\u2022 It feels right: Yes \u2192 No" in lines
    assert all("<" not in line for line in lines)
    assert [item.id for item in ITEMS][:5] == [item.id for item in PREFERENCES]


def test_every_fit_text_in_the_catalogue_is_used():
    """No dead texts: walking every kind of answer, offer and mishap meets each one."""
    used: set[str] = {command.description for command in router.MENU if command.name == "fit"}
    for state, facts in (walking(0), walking(3, seeing=False)):
        for event in (Command("fit"), Command("cancel"), Command("goals"), Text("x")):
            used |= check_outcome(router.step(state, event, facts))
    so_far = {"pref.style": "a", "pref.talk": "skip"}
    for event, (state, facts) in (
        (Press("f:3:9:a"), walking(4)),
        (Press("f:2:4:a"), walking(4)),
        (Text("x"), (State(Step.FIT, {"serial": 3}), SEEING)),
        (Press("f:3:4:a"), (State(), walking(4)[1])),
        (Command("fit"), (State(), walking(0, {"pref.style": "a"})[1])),
        (Command("fit"), (State(), NEW)),
        (Press("f:3:2:back"), walking(2, so_far)),
        (Press("f:3:1:back"), walking(1, so_far)),
    ):
        used |= check_outcome(router.step(state, event, facts))
    every_other = {item.id: "both" for item in ITEMS} | {"q.safe": "no"}
    before = SEEING.having(FitChecks(None, FitView(1, True, every_other, NOW, NOW)))
    mixed = [*ALL_YES[:10], "somewhat", "no", "no", "somewhat", "unsure", "somewhat"]
    many = [*"aaaaa", *"bbbbb", *["no"] * 5, "yes"]
    for choices in (ALL_YES, ["skip"] * 16, mixed, many, [*ALL_YES[:15], "no"]):
        drive(before, choices, used=used)
    for topic in DIMENSIONS:
        for want, have in product(("a", "b", "both"), ("a", "b", "both", "unsure")):
            check = FitView(1, True, {f"pref.{topic}": want, f"exp.{topic}": have}, NOW, NOW)
            used.update(*(ids_in(line) for line in result_lines(check)))
    for want in ("a", "b", "both", "none"):
        drive(NEW, [want] * 5, seeing=False, used=used)
    # An export names every choice, a skip included.
    used |= {choice_label(item, c).text for item in ITEMS for c in (*item.choices, "skip")}
    # A gap's words go into the note at the press of its button.
    for want, have in product(("a", "b", "both"), ("a", "b", "both")):
        check = FitView(1, True, {f"pref.{t}": want for t in DIMENSIONS} | {
            f"exp.{t}": have for t in DIMENSIONS} | {"q.feels_right": "no"}, NOW, NOW)  # fmt: skip
        used |= {f"fit.words.{gap.words}" for gap in gaps(check) if gap.words}
    check = FitView(1, True, {"q.safe": "no"}, NOW, NOW)
    facts = SEEING.having(FitChecks(last=check))
    pressed = router.step(State(), Press("fn:1:0:0"), facts)
    used |= check_outcome(pressed) | check_outcome(router.step(State(), Press("fn:1:1:0"), facts))
    # An export prints a command-free wording of the lines that name /fit.
    used |= {ON_PAPER[key] for key in used if key in ON_PAPER}
    unused = {key for key in fit_texts.EN if key not in used}
    assert unused == set(), f"texts /fit never uses: {sorted(unused)}"

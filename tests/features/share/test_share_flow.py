"""/share's menu and its buttons, stepped directly: everything on to start with, each
toggle redrawn in place, buttons from before a change refused kindly, and Make the page
sending one document to the client with exactly what they chose."""

from __future__ import annotations

from datetime import UTC, date, datetime

from features.kernel.texts import plain, render
from features.kernel.vocabulary import (
    Client,
    Command,
    Outcome,
    Press,
    Redraw,
    Reply,
    SendDocument,
    State,
    Toast,
)
from features.router import step
from features.share.choice import PRESS, first_choice, parse
from features.share.document import SharePage
from features.share.loaded import (
    NoteEntry,
    NoteOnOffer,
    PageMaterial,
    RatedSession,
    ShareFacts,
    WellbeingRow,
)
from tests.support.facts import facts_of

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
CLIENT = Client("Europe/Berlin")
GOALS = {4: "Sleep through the night", 9: "Say no to my boss"}
OFFERED = ShareFacts(note=NoteOnOffer(3, date(2026, 12, 1), 2), rated=10, wellbeing=6, goals=GOALS)
MATERIAL = PageMaterial(
    note_items=(
        NoteEntry("answer", "bring_up", "bring_up", words="My sister's visit"),
        NoteEntry("goal", "progress", "goal:9", rating=3, goal_id=9, goal=GOALS[9]),
    ),
    sessions=(
        RatedSession(1, date(2026, 11, 17), {"heard": 6, "goal:4": 2}),
        RatedSession(2, date(2026, 11, 24), {"heard": 8, "goal:9": 3}),
    ),
    wellbeing=(WellbeingRow(date(2026, 11, 24), 5, 6, 4, 5),),
)


def _menu(outcome: Outcome) -> Reply:
    [effect] = outcome.effects
    return effect.reply if isinstance(effect, Redraw) else effect  # type: ignore[return-value]


def _labels(reply: Reply) -> list[str]:
    return [plain(b.label, "en", **b.args) for row in reply.buttons for b in row]


def _data(reply: Reply, label: str) -> str:
    for row in reply.buttons:
        for b in row:
            if plain(b.label, "en", **b.args) == label:
                return b.data
    raise AssertionError(f"no {label!r} in {_labels(reply)}")


def _share(offered: ShareFacts = OFFERED) -> Reply:
    return _menu(step(State(), Command("share"), facts_of(CLIENT, NOW, offered)))


def test_the_menu_starts_with_everything_on_over_five_sessions_and_says_so():
    menu = _share()
    assert _labels(menu) == [
        "\u2705 My note",
        "\u2705 How my sessions felt",
        "\u2705 How I've been",
        "Last 3",
        "\u2705 Last 5",
        "Last 10",
        "\u2705 Sleep through the night",
        "\u2705 Say no to my boss",
        "Make the page",
        "Cancel",
    ]
    text = plain(menu.text, "en", **menu.args)
    assert "My note for Tuesday 1 December (2 items I kept)" in text
    assert "How my last 5 sessions felt" in text
    assert "everything is on it, over your last 5 sessions" in text
    assert "I don't send it to anyone else" in text
    assert "unless you said yes to sharing them" in text
    assert all(len(b.data.encode()) <= 64 for row in menu.buttons for b in row)


def test_how_ive_been_is_offered_only_when_there_are_ratings_of_it():
    menu = _share(ShareFacts(rated=2, goals=GOALS))
    assert not any("How I've been" in label for label in _labels(menu))
    assert not any("My note" in label for label in _labels(menu))
    # Fewer sessions than asked for: the menu says how many there are.
    assert "How my last 2 sessions felt" in plain(menu.text, "en", **menu.args)


def test_nothing_to_share_says_where_to_start():
    [reply] = step(State(), Command("share"), facts_of(CLIENT, NOW, ShareFacts())).effects
    assert isinstance(reply, Reply) and reply.text == "share.nothing"


def test_a_toggle_redraws_the_menu_in_place_with_the_choice_changed():
    menu = _share()
    pressed = step(State(), Press(_data(menu, "\u2705 Say no to my boss")), _facts())
    [redraw] = pressed.effects
    assert isinstance(redraw, Redraw)
    assert "\u2b1c Say no to my boss" in _labels(redraw.reply)
    text = plain(redraw.reply.text, "en", **redraw.reply.args)
    assert "Say no to my boss" not in text and "Sleep through the night" in text
    counted = _menu(step(State(), Press(_data(redraw.reply, "Last 10")), _facts()))
    assert "\u2705 Last 10" in _labels(counted) and "Last 5" in _labels(counted)
    counted_text = plain(counted.text, "en", **counted.args)
    assert "How my last 10 sessions felt" in counted_text
    assert "over the last 6 weeks I rated it" in counted_text  # all there are
    assert "\u2b1c Say no to my boss" in _labels(counted)  # the earlier choice stays


def test_make_the_page_sends_one_document_holding_only_the_choice():
    menu = _share()
    menu = _menu(step(State(), Press(_data(menu, "\u2705 Say no to my boss")), _facts()))
    menu = _menu(step(State(), Press(_data(menu, "\u2705 How I've been")), _facts()))
    made = step(State(), Press(_data(menu, "Make the page")), _facts(MATERIAL))
    assert made.state == State()
    redraw, send = made.effects
    assert isinstance(redraw, Redraw) and redraw.reply.text == "share.making"
    assert not redraw.reply.buttons  # no second page from the same menu
    assert isinstance(send, SendDocument) and isinstance(send.document, SharePage)
    page = send.document.page
    assert page.prepared_on == date(2026, 12, 1) and page.count == 5
    assert [g.words for g in page.goals] == ["Sleep through the night"]
    assert page.goals[0].ratings == ((1, date(2026, 11, 17), 2),)
    # The note's item about the goal left out is left out with it.
    assert page.note is not None
    assert [(s, [line.words for line in lines]) for s, lines in page.note] == [
        ("bring_up", ["My sister's visit"])
    ]
    assert page.wellbeing is None  # How I've been, left out
    assert page.sessions == MATERIAL.sessions


def test_make_with_nothing_chosen_asks_for_something_and_sends_nothing():
    offered = ShareFacts(rated=1)
    menu = _share(offered)
    menu = _menu(
        step(State(), Press(_data(menu, "\u2705 How my sessions felt")), _facts(offered=offered))
    )
    made = step(State(), Press(_data(menu, "Make the page")), _facts(MATERIAL, offered))
    assert made.effects == (Toast("toast.share_choose"),)


def test_buttons_from_before_the_goals_or_note_changed_are_refused_kindly():
    menu = _share()
    fewer = ShareFacts(OFFERED.note, 7, 6, {4: GOALS[4]})
    for label in ("Make the page", "\u2705 Sleep through the night"):
        pressed = step(State(), Press(_data(menu, label)), _facts(MATERIAL, fewer))
        assert pressed.effects == (Toast("toast.share_changed"),)
    newer = ShareFacts(NoteOnOffer(4, None, 1), 7, 6, GOALS)
    pressed = step(State(), Press(_data(menu, "Make the page")), _facts(MATERIAL, newer))
    assert pressed.effects == (Toast("toast.share_changed"),)
    assert "send /share" in render("toast.share_changed")


def test_cancel_clears_the_menu_and_makes_nothing():
    cancelled = step(State(), Press(_data(_share(), "Cancel")), _facts())
    [redraw] = cancelled.effects
    assert isinstance(redraw, Redraw) and redraw.reply == Reply("share.cancelled")


def test_mangled_button_data_is_a_stale_button():
    for data in ("x", "1:2", "3:7:5:3:abcd", "3:7:4:3:abcd:make", "3:9:5:3:abcd:make"):
        assert parse(PRESS + data) is None
        pressed = step(State(), Press(PRESS + data), _facts())
        assert pressed.effects == (Toast("toast.stale_button"),)


def test_the_choice_rides_in_the_button_and_comes_back_whole():
    choice = first_choice(3, GOALS)
    toggled = choice.toggled("g1", 2)
    assert toggled is not None
    assert parse(toggled.data("make")) == (toggled, "make")
    assert toggled.goals == frozenset({0}) and toggled.count == 5
    assert choice.toggled("g2", 2) is None and choice.toggled("n7", 2) is None


def _facts(material: PageMaterial | None = None, offered: ShareFacts = OFFERED):
    from dataclasses import replace

    return facts_of(CLIENT, NOW, replace(offered, page=material))

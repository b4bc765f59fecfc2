"""/learned and /find as pure steps: what they show, how they page, what they say when there
is nothing, and that the client's words are escaped and the query kept only sealed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from features import router
from features.kernel.texts import render
from features.kernel.vocabulary import (
    SEALED,
    Client,
    Command,
    DangerSeen,
    Facts,
    NonText,
    Outcome,
    Press,
    Redraw,
    Reply,
    State,
    Step,
    Text,
    Toast,
)
from features.learned import find, learned
from features.learned.loaded import (
    ANSWER,
    GOAL,
    MEMO,
    OWN_QUESTION,
    PLAN,
    Learned,
    LearnedItems,
    Piece,
    Writings,
)
from features.learned.search import Query
from tests.support.facts import facts_of
from tests.support.outcomes import check_outcome

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
CLIENT = Client("Europe/Berlin")


def learned_facts(*pieces: Piece, held_back: int = 0) -> Facts:
    return facts_of(CLIENT, NOW, LearnedItems(Learned(pieces, held_back, 41, 7)))


def writings_facts(*pieces: Piece, **more: object) -> Facts:
    return facts_of(CLIENT, NOW, Writings(pieces, **more))  # type: ignore[arg-type]


def shown(outcome: Outcome) -> list[str]:
    """Every message or redraw of the outcome, rendered as Telegram gets it."""
    check_outcome(outcome)
    found = []
    for effect in outcome.effects:
        reply = effect.reply if isinstance(effect, Redraw) else effect
        if isinstance(reply, Reply):
            found.append(render(reply.text, "en", **reply.args))
    return found


def buttons(outcome: Outcome) -> list[tuple[str, str]]:
    replies = [e.reply if isinstance(e, Redraw) else e for e in outcome.effects]
    return [
        (render(b.label), b.data)
        for reply in replies
        if isinstance(reply, Reply)
        for row in reply.buttons
        for b in row
    ]


def helped(day: date, text: str) -> Piece:
    return Piece(ANSWER, "helpful", text, day)


# /learned


def test_learned_with_nothing_yet_says_what_will_gather_there_and_how():
    outcome = router.step(State(), Command("learned"), learned_facts())
    (text,) = shown(outcome)
    assert "Nothing here yet" in text and "/reflect" in text
    assert outcome.state == State()


def test_learned_groups_by_month_newest_first_each_with_its_session_date():
    facts = learned_facts(
        helped(date(2026, 12, 1), "Naming the feeling"),
        Piece(ANSWER, "bring_up", "Ask about the holidays", date(2026, 12, 1)),
        Piece(MEMO, MEMO, "Tell her about Sunday", date(2026, 11, 29)),
        helped(date(2026, 11, 24), "The breathing exercise"),
        helped(date(2025, 11, 25), "A year ago: walking"),
    )
    (text,) = shown(router.step(State(), Command("learned"), facts))
    order = [
        "<b>December 2026</b>",
        "<i>What helped \u00b7 Tue 1 Dec</i>\nNaming the feeling",
        "<i>To bring up \u00b7 Tue 1 Dec</i>\nAsk about the holidays",
        "<b>November 2026</b>",
        "<i>Kept for your note \u00b7 Sun 29 Nov</i>\nTell her about Sunday",
        "<i>What helped \u00b7 Tue 24 Nov</i>\nThe breathing exercise",
        "<b>November 2025</b>",
        "<i>What helped \u00b7 Tue 25 Nov</i>\nA year ago: walking",
    ]
    positions = [text.index(line) for line in order]
    assert positions == sorted(positions)
    assert "Page" not in text and "hard moment" not in text


def test_learned_escapes_the_clients_words():
    facts = learned_facts(helped(date(2026, 11, 24), "<b>me</b> & <i>you</i>"))
    (text,) = shown(router.step(State(), Command("learned"), facts))
    assert "&lt;b&gt;me&lt;/b&gt; &amp; &lt;i&gt;you&lt;/i&gt;" in text


def test_learned_pages_never_cut_an_item_and_turn_on_the_same_items():
    long = "It helped to slow down and notice my breathing before answering. " * 12
    pieces = [helped(date(2026, 11, 24) - timedelta(weeks=n), f"{n:02d} {long}") for n in range(20)]
    facts = learned_facts(*pieces)
    first = router.step(State(), Command("learned"), facts)
    (page_one,) = shown(first)
    assert "Page 1 of " in page_one
    assert buttons(first) == [("Older \u00bb", "ln:41:7:2")]
    every = learned.pages(Learned(tuple(pieces), 0, 41, 7), "en")
    texts = [render(p.text, "en", **p.args) for p in every]
    for number in range(20):  # each item whole, on exactly one page
        assert sum(f"{number:02d} {long}".rstrip() in t for t in texts) == 1
    assert all(len(t) <= 4096 for t in texts)

    second = router.step(State(), Press("ln:41:7:2"), facts)
    assert isinstance(second.effects[0], Redraw)
    (page_two,) = shown(second)
    assert page_two == texts[1]
    assert "(continued)" in page_two or "<b>" in page_two.splitlines()[2]
    assert ("\u00ab Newer", "ln:41:7:1") in buttons(second)


def test_an_item_longer_than_a_page_is_split_between_pages_with_nothing_lost():
    words = " ".join(f"w{n}" for n in range(2000))
    every = learned.pages(Learned((helped(date(2026, 11, 24), words),), 0, 1, 0), "en")
    assert len(every) > 1
    texts = [render(p.text, "en", **p.args) for p in every]
    assert all(len(t) <= 4096 for t in texts)
    assert all(f"w{n} " in " ".join(texts) + " " for n in range(0, 2000, 97))


def test_a_mangled_or_past_the_end_page_button_does_nothing():
    facts = learned_facts(helped(date(2026, 11, 24), "walking"))
    for data in ("ln:41:7:9", "ln:x:7:1", "ln:41:7:0", "ln:"):
        outcome = router.step(State(), Press(data), facts)
        assert outcome.effects == (Toast("toast.stale_button"),)


def test_words_of_danger_left_out_are_named_gently_on_the_last_page():
    facts = learned_facts(helped(date(2026, 11, 24), "walking"), held_back=1)
    (text,) = shown(router.step(State(), Command("learned"), facts))
    assert "hard moment" in text and "/find" in text


def test_learned_during_a_reflection_is_read_in_passing():
    reflecting = State(Step.REFLECTING, {"serial": 1, "position": 0})
    outcome = router.step(reflecting, Command("learned"), learned_facts())
    assert outcome.state == reflecting


# /find


def test_find_alone_asks_for_the_word_and_the_next_message_is_the_query():
    facts = writings_facts(helped(date(2026, 11, 24), "Sleeping better since the walk"))
    asked = router.step(State(), Command("find"), facts)
    assert asked.state == State(Step.FIND_WORD)
    assert shown(asked) == [
        "What word should I look for? I'll search everything you've written here."
    ]
    found = router.step(asked.state, Text("sleep"), facts)
    (text,) = shown(found)
    assert found.state == State()
    assert "<b>\u201csleep\u201d</b>: found in one place" in text
    assert "<b>Sleeping</b> better since the walk" in text


def test_cancel_or_something_not_text_while_asked():
    asked = State(Step.FIND_WORD)
    cancelled = router.step(asked, Command("cancel"), writings_facts())
    assert cancelled.state == State() and shown(cancelled) == ["Okay, I won't look for anything."]
    sticker = router.step(asked, NonText("sticker"), writings_facts())
    assert sticker.state == asked and "only look for words" in shown(sticker)[0]
    assert router.ask_again(asked, writings_facts()) == (Reply("find.ask"),)


def test_words_of_danger_sent_as_the_query_search_nothing():
    facts = writings_facts(helped(date(2026, 11, 24), "I want to die some days")).having(
        DangerSeen()
    )
    outcome = find.asked(State(Step.FIND_WORD), Text("I want to die"), facts)
    assert outcome == Outcome(State())


def test_find_says_kindly_when_there_is_nothing_or_the_words_cant_be_used():
    empty = router.step(State(), Command("find", "sleep"), writings_facts())
    assert "nothing to look through yet" in shown(empty)[0]
    facts = writings_facts(helped(date(2026, 11, 24), "walking"))
    missing = router.step(State(), Command("find", "<i>sleep</i>"), facts)
    (text,) = shown(missing)
    assert text.startswith("Nothing found for \u201c&lt;i&gt;sleep&lt;/i&gt;\u201d.")
    assert "shorter word" in text and missing.state == State()
    no_words = router.step(State(Step.FIND_WORD), Text("?!"), facts)
    assert no_words.state == State(Step.FIND_WORD) and "I look for words" in shown(no_words)[0]
    too_long = router.step(State(Step.FIND_WORD), Text("a b c d e f"), facts)
    assert too_long.state == State(Step.FIND_WORD) and "more than I can" in shown(too_long)[0]


def test_find_shows_where_each_match_came_from_newest_first_with_the_words_escaped():
    facts = writings_facts(
        Piece(ANSWER, "helpful", "<script>Sleep</script> & rest", date(2026, 11, 24)),
        Piece(MEMO, MEMO, "sleep diary", date(2026, 11, 20)),
        Piece(ANSWER, "goal:3", "sleep is better", date(2026, 11, 17)),
        Piece(ANSWER, "own:4", "sleep, yes", date(2026, 11, 10)),
        Piece(GOAL, "3", "Sleep through the night", date(2025, 10, 1)),
        Piece(OWN_QUESTION, "4", "Did I sleep?", date(2025, 10, 1)),
        Piece(PLAN, "coping", "Sleep early", date(2025, 9, 1), dated=False),
        Piece(ANSWER, "helpful", "nothing to do with it", date(2026, 11, 30)),
        goals={3: "Sleep through the night"},
        own_questions={4: "Did I sleep?"},
    )
    outcome = router.step(State(), Command("find", "SLEEP"), facts)
    (text,) = shown(outcome)
    order = [
        "<i>What helped \u00b7 Tue 24 Nov</i>\n"
        "&lt;script&gt;<b>Sleep</b>&lt;/script&gt; &amp; rest",
        "<i>Kept for my note \u00b7 Fri 20 Nov</i>\n<b>sleep</b> diary",
        "<i>Progress on \u201cSleep through the night\u201d \u00b7 Tue 17 Nov</i>",
        "<i>\u201cDid I sleep?\u201d \u00b7 Tue 10 Nov</i>",
        "<i>A goal of mine \u00b7 Wed 1 Oct 2025</i>\n<b>Sleep</b> through the night",
        "<i>A question of my own \u00b7 Wed 1 Oct 2025</i>",
        "<i>My safety plan: Coping on my own</i>\n<b>Sleep</b> early",
    ]
    positions = [text.index(line) for line in order]
    assert positions == sorted(positions)
    assert "found in 7 places" in text and "nothing to do" not in text
    assert outcome.state == State()  # one page: nothing held


def test_many_matches_page_with_the_query_held_sealed_and_buttons_of_this_search_only():
    pieces = [helped(date(2026, 11, 24) - timedelta(weeks=n), f"sleep {n}") for n in range(20)]
    facts = writings_facts(*pieces)
    first = router.step(State(), Command("find", "sleep"), facts)
    assert first.state.step is Step.FIND_RESULTS
    assert first.state.data[SEALED] == "sleep"  # encrypted with the state, never plain
    assert set(first.state.data) == {SEALED, find.SEARCH}
    search = first.state.data[find.SEARCH]
    assert buttons(first) == [("Older \u00bb", f"fd:{search}:2")]
    assert "Page 1 of 3" in shown(first)[0]

    last = router.step(first.state, Press(f"fd:{search}:3"), facts)
    (text,) = shown(last)
    assert isinstance(last.effects[0], Redraw) and last.state == first.state
    assert "</b> 19" in text and "</b> 15" not in text and text.endswith("<i>Page 3 of 3.</i>")
    assert buttons(last) == [("\u00ab Newer", f"fd:{search}:2")]
    for stale in (f"fd:old{search}:2", f"fd:{search}:4", f"fd:{search}:x"):
        outcome = router.step(first.state, Press(stale), facts)
        assert outcome.effects == (Toast("toast.stale_button"),)


def test_anything_else_after_the_results_drops_the_query():
    held = State(Step.FIND_RESULTS, {SEALED: "sleep", find.SEARCH: "1"})
    outcome = router.step(held, Text("I slept well"), writings_facts())
    # The offer lapsed: the words are idle's, offered for the note, and the query is gone.
    assert outcome.state == State(Step.OFFER_MEMO, {SEALED: "I slept well"})
    cancelled = router.step(held, Command("cancel"), writings_facts())
    assert cancelled.state == State()


def test_find_during_a_reflection_pauses_it_first():
    reflecting = State(Step.REFLECTING, {"serial": 1, "position": 0})
    facts = writings_facts(helped(date(2026, 11, 24), "walking"))
    outcome = router.step(reflecting, Command("find", "walk"), facts)
    texts = [e.text for e in outcome.effects if isinstance(e, Reply)]
    assert texts == ["reflection.paused_for_command", "find.page"]


def test_a_query_of_several_words_finds_only_pieces_with_all_of_them():
    writings = Writings(
        (
            helped(date(2026, 11, 24), "My sister called"),
            helped(date(2026, 11, 17), "my brother"),
            helped(date(2026, 11, 10), "sister"),
        )
    )
    found = find.matches(Query.of("sister my"), writings)
    assert [piece.text for piece in found] == ["My sister called"]

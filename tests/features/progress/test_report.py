"""/progress in words and as a chart (features/progress/report.py): pure, no database. What
the numbers say and no more: the change from the first weeks (from six), the direction of
the last four, a kind word for the therapist when overall is level or falling, goals and
check-ins; an empty state that says what will come and when."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from features import router
from features.common.loaded import WeekRatings
from features.kernel.texts import plain
from features.kernel.vocabulary import Client, Command, Reply, ShowChart, State
from features.progress.loaded import GoalRatings, ProgressFacts
from tests.support.facts import facts_of

NOW = datetime(2026, 12, 8, 12, tzinfo=UTC)
HELPING = "I've been wondering whether what we're doing is helping."


def _weeks(overall: list[int], parts: int = 5) -> tuple[tuple[date, WeekRatings], ...]:
    first = date(2026, 9, 1)
    return tuple(
        (first + timedelta(weeks=n), WeekRatings(parts, parts, parts, rating))
        for n, rating in enumerate(overall)
    )


def _progress(read: ProgressFacts) -> tuple[str, ShowChart | None]:
    outcome = router.step(
        State(), Command("progress"), facts_of(Client("Europe/Berlin"), NOW, read)
    )
    [reply] = [e for e in outcome.effects if isinstance(e, Reply)]
    charts = [e for e in outcome.effects if isinstance(e, ShowChart)]
    words = " ".join(plain(reply.text, "en", **reply.args).split())
    return words, charts[0] if charts else None


def test_nothing_yet_says_what_progress_will_show_and_when():
    words, chart = _progress(ProgressFacts())
    assert "Nothing to show yet" in words and "/schedule" in words and "six" in words
    assert chart is None


def test_early_weeks_say_so_and_show_what_there_is():
    words, chart = _progress(ProgressFacts(_weeks([4, 5, 5])))
    assert "It's early days" in words and "Overall so far: 4, 5, 5." in words
    assert "Overall: 4, 5, 5 so far; with four ratings I can show a direction." in words
    assert chart is not None and chart.drawing == "progress"
    assert chart.title == "progress.chart_title"


def test_from_six_weeks_the_first_three_are_compared_with_the_latest_three():
    words, _ = _progress(ProgressFacts(_weeks([3, 4, 4, 5, 6, 7])))
    assert (
        "Overall, your first three weeks averaged 3.7 out of 10 and your latest three 6: "
        "2.3 points higher than when you started."
    ) in words
    assert "Overall: rising over your last four (4, 5, 6, 7)." in words
    assert HELPING not in words
    lower, _ = _progress(ProgressFacts(_weeks([7, 7, 7, 5, 5, 5])))
    assert "2 points lower than when you started" in lower


def test_level_or_falling_for_four_weeks_brings_words_to_say():
    level, _ = _progress(ProgressFacts(_weeks([6, 6, 6, 6])))
    assert "Overall: about level over your last four (6, 6, 6, 6)." in level
    assert "stayed about level" in level and HELPING in level
    falling, _ = _progress(ProgressFacts(_weeks([7, 6, 5, 4])))
    assert "Overall: falling over your last four (7, 6, 5, 4)." in falling
    assert "gone down" in falling and HELPING in falling


def test_never_a_claim_beyond_the_numbers():
    for overall in ([3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3], [5] * 6):
        words, _ = _progress(ProgressFacts(_weeks(overall)))
        for claim in ("improv", "better", "worse", "than usual", "normal"):
            assert claim not in words.lower()
        assert "not a test or a diagnosis" in words


def test_goals_and_check_ins_are_in_it_and_on_the_chart():
    goal = GoalRatings("Sleep through the night", tuple(
        (date(2026, 9, 1) + timedelta(weeks=n), r) for n, r in enumerate([2, 3, 5, 6])
    ))  # fmt: skip
    words, chart = _progress(ProgressFacts(_weeks([5, 5]), (goal,), (3, 4, 4, 2)))
    assert "\u201cSleep through the night\u201d: rising over your last four (2, 3, 5, 6)." in words
    assert "4 check-ins in the last four weeks, on average 3.2 on the five faces" in words
    assert chart is not None
    assert [s.goal for s in chart.series] == [False, False, False, False, True]
    assert chart.series[0].label.text == "how.label.overall"  # overall first
    assert chart.series[-1].values == (2, 3, 5, 6)
    assert chart.series[0].values == (5, 5, None, None)


def test_only_check_ins_still_show_them():
    words, chart = _progress(ProgressFacts(faces=(4,)))
    assert "One check-in in the last four weeks: 4" in words
    assert "You haven't rated how you've been yet" in words
    assert chart is None

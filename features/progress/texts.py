"""Texts of how I've been (the four ratings of the week before a session) and of /progress.
The four are in our own words, not any published questionnaire's."""

from __future__ import annotations

# How each of the four is named where it is shown: in the message, /progress, the chart.
_LABELS = {
    "myself": "In myself",
    "close": "In my close relationships",
    "daily": "In work, study or daily life",
    "overall": "Overall",
}

EN: dict[str, str] = {
    # The four ratings. Sent on its own the evening before a session (with the note), so
    # nothing in its first lines says what it is about; at /reflect, it says so.
    "how.ask": (
        "<b>How have you been this past week?</b>\n"
        "Four quick ratings, 0 to 10. Skip them if you'd rather.{given}\n\n"
        "<i>{n} of 4</i> \u00b7 <b>{question}</b>\n{scale}"
    ),
    "how.ask_reflect": (
        "<b>First, how have you been in the week before {day}?</b>\n"
        "Four quick ratings, 0 to 10, then we look back at your session. Skip them if "
        "you'd rather.{given}\n\n"
        "<i>{n} of 4</i> \u00b7 <b>{question}</b>\n{scale}"
    ),
    "how.question.myself": "How have you been in yourself?",
    "how.question.close": "How have things been in your close relationships?",
    "how.question.daily": "How have work, study or daily life been going?",
    "how.question.overall": "And overall, how has the week been?",
    "how.scale": "0 is as hard as it gets, 10 is as good as it gets.",
    "how.given": "\n\n{lines}",
    "how.given_line": "{label}: <b>{rating}</b>",
    **{f"how.label.{key}": label for key, label in _LABELS.items()},
    "how.kept": "<b>How I've been this past week</b>\n{lines}\n\nThank you. Kept for {day}.",
    "how.kept_some": (
        "<b>How I've been this past week</b>\n{lines}\n\n"
        "Thank you. Kept for {day}; the rest skipped."
    ),
    "how.skipped": "Skipped for this week, and that's fine. I won't ask again for {day}.",
    "button.how_number": "{n}",
    "button.how_skip": "Skip these",
    "toast.how_kept": "Kept: {n}",
    "toast.how_already": "Already kept.",
    # /progress.
    "command.progress": "Am I getting better? My ratings over time",
    "progress.empty": (
        "<b>Nothing to show yet.</b> /progress shows how you've been, week by week, by "
        "your own ratings, and how your goals are going: as a chart and in words.\n\n"
        "Once your sessions are in /schedule, I ask four quick ratings about your week "
        "the evening before each one, with your note, or at /reflect if they were missed. "
        "Your goals' ratings come from your reflections (/goals sets goals). With two "
        "weeks there's a chart; with six, a comparison with your first weeks."
    ),
    "progress.report": "{lines}",
    "progress.title": "<b>How you've been, by your own ratings</b>",
    "progress.span": "You've rated {n} weeks, from {first} to {last}.",
    "progress.span_one": "You've rated one week so far: the one before {first}.",
    "progress.no_weeks": (
        "You haven't rated how you've been yet: I ask the evening before each session, "
        "with your note."
    ),
    "progress.change.higher": (
        "Overall, your first three weeks averaged {first} out of 10 and your latest three "
        "{last}: {diff} points higher than when you started."
    ),
    "progress.change.lower": (
        "Overall, your first three weeks averaged {first} out of 10 and your latest three "
        "{last}: {diff} points lower than when you started."
    ),
    "progress.change.same": (
        "Overall, your first three weeks averaged {first} out of 10 and your latest three "
        "{last}: about the same as when you started."
    ),
    "progress.early": (
        "It's early days: with six weeks of ratings I can compare your latest weeks with "
        "your first ones. Overall so far: {values}."
    ),
    "progress.section.parts": "\n<b>Week by week</b>",
    "progress.section.goals": "\n<b>Your goals</b>, by the progress you rated after sessions",
    "progress.rising": "{label}: rising over your last four ({values}).",
    "progress.flat": "{label}: about level over your last four ({values}).",
    "progress.falling": "{label}: falling over your last four ({values}).",
    "progress.too_few": "{label}: {values} so far; with four ratings I can show a direction.",
    "progress.goal_label": "\u201c{goal}\u201d",
    "progress.checkins": (
        "\n<b>Between sessions</b>\n"
        "{n} check-ins in the last four weeks, on average {average} on the five faces "
        "(1 the hardest, 5 the best)."
    ),
    "progress.checkins_one": (
        "\n<b>Between sessions</b>\n"
        "One check-in in the last four weeks: {face} on the five faces (1 the hardest, "
        "5 the best)."
    ),
    "progress.suggest.flat": (
        "\nYour overall rating has stayed about level over your last four weeks. If that "
        "isn't where you'd like to be, it can help to say so to your therapist, in your "
        "own words or these: <i>\u201cI've been wondering whether what we're doing is "
        "helping.\u201d</i>"
    ),
    "progress.suggest.falling": (
        "\nYour overall rating has gone down over your last four weeks. That's worth "
        "talking about with your therapist; you could say: <i>\u201cI've been wondering "
        "whether what we're doing is helping.\u201d</i>"
    ),
    "progress.footer": (
        "\n<i>These are your own numbers, not a test or a diagnosis: they show what you "
        "rated, nothing more.</i>"
    ),
    "progress.chart_title": "How I've been, and my goals (0 to 10)",
    "progress.chart_caption": (
        "Your ratings week by week: how you've been (solid lines, overall the thickest) "
        "and your goals (dashed)."
    ),
}

"""Texts of /share: the menu of what goes on the page, the page itself (plain, in the
client's voice, no emoji: it is printed) and the caption it comes with."""

from __future__ import annotations

_NOTE_SECTIONS = {
    "bring_up": "I'd like to bring up",
    "felt_right": "Whether it has felt right",
    "how": "How therapy has felt lately",
    "progress": "Progress on my goals",
    "helpful": "What has helped",
    "not_helpful": "What hasn't helped",
    "obstacles": "Obstacles I've noticed",
}
_SESSION_COLUMNS = {
    "heard": "I felt heard and respected",
    "focus": "We worked on what I wanted",
    "approach": "The way my therapist works suits me",
    "overall": "The session was right for me",
}
_WELLBEING_COLUMNS = {
    "myself": "In myself",
    "close": "In my close relationships",
    "daily": "In work, study or daily life",
    "overall": "Overall",
}

EN: dict[str, str] = {
    "command.share": "A one-page PDF you choose, to give your therapist",
    # The menu: edited in place as the client chooses.
    "share.menu": (
        "<b>A page to share</b>\n"
        "I'll make a one-page PDF of what you choose and send it to you here, for you to "
        "forward to your therapist if you wish. I don't send it to anyone else.\n\n"
        "<b>On the page</b>\n{lines}\n\n"
        "<i>To start with, everything is on it, over your last 5 sessions: tap to leave "
        "something out. A goal you leave out stays off the whole page, your note included. "
        "Words that led me to check on your safety stay off too, unless you said yes to "
        "sharing them.</i>"
    ),
    "share.line.note": "\u2022 My note ({n} items I kept)",
    "share.line.note_one": "\u2022 My note (the one item I kept)",
    "share.line.note_day": "\u2022 My note for {day} ({n} items I kept)",
    "share.line.note_day_one": "\u2022 My note for {day} (the one item I kept)",
    "share.line.ratings": "\u2022 How my last {n} sessions felt, as I rated them",
    "share.line.ratings_one": "\u2022 How my last session felt, as I rated it",
    "share.line.trend": "\u2022 How I've been, over the last {n} weeks I rated it",
    "share.line.trend_one": "\u2022 How I've been, the one week I rated it",
    "share.line.goal": "\u2022 My goal \u201c{goal}\u201d and how I rated my progress",
    "share.line.nothing": "Nothing yet: tap what you'd like on it.",
    "share.nothing": (
        "There's nothing to put on a page yet. Once you've reflected on a session, kept a "
        "/note or set /goals, /share makes a page of what you choose, for you to give "
        "your therapist."
    ),
    "share.making": "Making your page\u2026",
    "share.cancelled": "No page made. /share starts again whenever you like.",
    "button.share_note": "My note",
    "button.share_ratings": "How my sessions felt",
    "button.share_trend": "How I've been",
    "button.share_on": "\u2705 {label}",
    "button.share_off": "\u2b1c {label}",
    "button.share_goal_on": "\u2705 {goal}",
    "button.share_goal_off": "\u2b1c {goal}",
    "button.share_count": "Last {n}",
    "button.share_count_on": "\u2705 Last {n}",
    "button.share_make": "Make the page",
    "button.share_cancel": "Cancel",
    "toast.share_choose": "Choose at least one thing for the page.",
    "toast.share_changed": (
        "Your note or goals have changed since: send /share for a fresh choice."
    ),
    # The caption the page comes with.
    "share.caption": (
        "Your page, to forward to your therapist if you wish: I haven't sent it to anyone "
        "else. It holds your words unencrypted, so keep it somewhere safe."
    ),
    "share.caption_shortened": (
        "Your page, to forward to your therapist if you wish: I haven't sent it to anyone "
        "else. It holds your words unencrypted, so keep it somewhere safe.\n\n"
        "To fit it on one page:\n{lines}"
    ),
    "share.shortened.cut": "\u2022 some long items are cut short, ending in \u2026",
    "share.shortened.sessions": "\u2022 it goes back {n} sessions rather than {asked}",
    "share.shortened.chart": "\u2022 the chart of how you've been is left out (its table is there)",
    "share.shortened.items": "\u2022 the last {n} items of your note are left out",
    "share.shortened.item": "\u2022 the last item of your note is left out",
    # The page: printed, so plain and with no emoji.
    "share.pdf.title": "What I'd like to share",
    "share.pdf.prepared": "Prepared by me on {day} to share with my therapist.",
    "share.pdf.note": "My note",
    "share.pdf.note_day": "My note for {day}",
    **{f"share.pdf.section.{key}": words for key, words in _NOTE_SECTIONS.items()},
    "share.pdf.line": "\u2022 {item}",
    "share.pdf.sessions": "How my last {n} sessions felt",
    "share.pdf.sessions_one": "How my last session felt",
    "share.pdf.sessions_scale": (
        "How true each was for me, from 0 (not at all) to 10 (completely)."
    ),
    "share.pdf.session_column": "Session",
    **{f"share.pdf.rating.{key}": words for key, words in _SESSION_COLUMNS.items()},
    "share.pdf.wellbeing": "How I've been",
    "share.pdf.wellbeing_scale": (
        "The week before each session, from 0 (very badly) to 10 (very well)."
    ),
    "share.pdf.wellbeing_column": "Week before",
    **{f"share.pdf.wellbeing.{key}": words for key, words in _WELLBEING_COLUMNS.items()},
    "share.pdf.goals": "My goals",
    "share.pdf.goal": "\u201c{goal}\u201d",
    "share.pdf.goal_ratings": "My progress, from 0 (none) to 10 (a lot): {ratings}.",
    "share.pdf.goal_rating": "{rating}/10 on {day}",
    "share.pdf.goal_unrated": "I haven't rated my progress on it in these sessions.",
    "share.pdf.rating": "{rating}/10",
    "share.pdf.none": "\u2013",
    # Ratings in the note, as the note words them.
    "share.low.heard": "I haven't always felt fully heard lately (I rated it {rating}/10).",
    "share.low.focus": (
        "I'd like us to spend more time on what matters most to me (I rated it {rating}/10)."
    ),
    "share.low.approach": "I'm not sure the way we work suits me (I rated it {rating}/10).",
    "share.low.overall": "A recent session didn't feel quite right (I rated it {rating}/10).",
    "share.low.goal": "How we're doing with my goal \u201c{goal}\u201d (I rated it {rating}/10).",
    "share.low.other": "Something I rated {rating}/10 that I'd like to talk about.",
    "share.drop.heard": "I've felt less heard lately: {previous}/10, then {rating}/10.",
    "share.drop.focus": "We've worked less on what I wanted: {previous}/10, then {rating}/10.",
    "share.drop.approach": "The way we work has suited me less: {previous}/10, then {rating}/10.",
    "share.drop.overall": "The last session felt less right: {previous}/10, then {rating}/10.",
    "share.drop.goal": (
        "My progress on \u201c{goal}\u201d feels smaller: {previous}/10, then {rating}/10."
    ),
    "share.drop.other": "A rating of mine went down: {previous}/10, then {rating}/10.",
    "share.progress.goal": "\u201c{goal}\u201d: {rating}/10.",
    "share.progress.goal_before": (
        "\u201c{goal}\u201d: {rating}/10 (the time before, {previous}/10)."
    ),
}

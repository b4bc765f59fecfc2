"""Texts of /summary, /note and /export: reading back what the client wrote."""

from __future__ import annotations

_RATING_LABELS = {
    "heard": "Felt heard and respected",
    "focus": "Worked on what I wanted",
    "approach": "The way my therapist works suits me",
    "overall": "The session overall",
}

EN: dict[str, str] = {
    "command.summary": "Your recent reflections, and how things are changing",
    "command.note": "A note of what to raise at your next session",
    "command.export": "Everything you've written, as files to keep",
    # /summary
    "summary.page": "{header}\n{body}{footer}",
    "summary.header.days": "<b>Your reflections from the last {days} days</b>: {count}{starts}.",
    "summary.header.all": "<b>All your reflections</b>: {count}{starts}.",
    "summary.header.reached": (
        "<b>Your last {count}</b>{starts}, reaching back past the last {days} days."
    ),
    "summary.header.reached_one": (
        "<b>Your last session</b>{starts}, from before the last {days} days."
    ),
    "summary.count": "{n} sessions",
    "summary.count.one": "1 session",
    "summary.count.only_started": "{n} reflections, only started",
    "summary.count.only_started_one": "one reflection, only started",
    "summary.starts": ", and {n} reflections only started",
    "summary.starts.one": ", and one reflection only started",
    "summary.only_started": " <i>(only started)</i>",
    "summary.session": "\n<b>\U0001f4c5 {day}</b>{unfinished}",
    "summary.session_continued": "\n<b>\U0001f4c5 {day}</b> <i>(continued)</i>",
    "summary.unfinished": " <i>(not finished)</i>",
    "summary.rating": "{label}: <b>{rating}</b>{trend}",
    "summary.rating_comment": "{label}: <b>{rating}</b>{trend}\n<i>{text}</i>",
    "summary.open": "\n<u>{label}</u>\n{text}",
    "summary.continued": "{text}",
    # How I've been (features/progress), the week before the session.
    "summary.week": (
        "How I'd been the week before: in myself <b>{myself}</b> \u00b7 in my close "
        "relationships <b>{close}</b> \u00b7 in work, study or daily life <b>{daily}</b> "
        "\u00b7 overall <b>{overall}</b>"
    ),
    "summary.out_of_ten": "{rating}/10",
    "summary.trend.up": " \u2191 from {previous}",
    "summary.trend.down": " \u2193 from {previous}",
    "summary.trend.same": " \u2192 as before",
    **{f"summary.label.{key}": label for key, label in _RATING_LABELS.items()},
    "summary.label.progress": "Progress towards my goals",
    "summary.label.obstacles": "Obstacles I noticed",
    "summary.label.helpful": "What helped",
    "summary.label.not_helpful": "What didn't help",
    "summary.label.felt_right": "Did it feel right?",
    "summary.label.bring_up": "To bring up next time",
    "summary.label.goal": "Progress on \u201c{goal}\u201d",
    "summary.label.goal_gone": "Progress on a goal",
    "summary.label.own": "{text}",
    "summary.label.own_gone": "A question of my own",
    "summary.label.other": "An answer",
    "summary.footer": "\n\n<i>Page {page} of {pages}. Older sessions come later.</i>",
    "export.pdf_checkins": "Check-ins between sessions",
    "export.checkin_question": "How's your day going?",
    "export.checkin_heading": "{day}: {word} ({face} of 5)",
    "export.checkin_heading_no_face": "{day}",
    "summary.checkins": (
        "<b>Between sessions</b>, how your days went (your check-ins, newest first):\n{faces}{more}"
    ),
    "summary.checkins_more": "\n…and {n} earlier. /export has them all.",
    "summary.none": (
        "There's nothing to show yet: you haven't reflected on a session. After your "
        "next session, /reflect asks a few short questions, and your answers will "
        "appear here, with how they change over time."
    ),
    "summary.none_in_window": (
        "You haven't reflected on a session in the last {days} days. /summary all shows "
        "everything you've written."
    ),
    "summary.usage": (
        "I didn't quite get that. /summary shows your last month, /summary 90 the last "
        "90 days, and /summary all everything."
    ),
    "summary.too_far": (
        "That's further back than I look (up to ten years). /summary all shows "
        "everything you've written."
    ),
    "summary.chart_title": "Your ratings over time (0 to 10)",
    "summary.chart_caption": (
        "How your ratings have moved. Dashed lines are progress on your goals."
    ),
    "button.newer": "\u00ab Newer",
    "button.older": "Older \u00bb",
    # The note for the next session (/note, and the one sent before a session).
    "note.draft": (
        "{opening}\n\n<b>{title}</b>\n{body}\n\n"
        "<i>Tap a number to leave that item out or put it back. Press Done when it's "
        "ready: you can read it out or forward it to your therapist.</i>"
    ),
    "note.final": "{opening}\n\n<b>{title}</b>\n{body}",
    "note.final_more": "{body}",
    "note.empty": (
        "{opening}\n\n<b>{title}</b>\nNothing noted this time, and that's fine. If "
        "something comes to mind, bring it."
    ),
    "note.empty_goals": (
        "{opening}\n\n<b>{title}</b>\nNothing noted this time, and that's fine. My goals, "
        "in case they help:\n{goals}"
    ),
    "note.final_empty": (
        "You've left everything out of this note, and that's fine. If something comes "
        "to mind before your session, bring it."
    ),
    "note.title": "What I'd like to talk about next session",
    "note.title_day": "What I'd like to talk about on {day}",
    "note.section.bring_up": "\n<u>I'd like to bring up</u>",
    "note.section.felt_right": "\n<u>Whether it has felt right</u>",
    "note.section.how": "\n<u>How therapy has felt lately</u>",
    "note.section.progress": "\n<u>Progress on my goals</u>",
    "note.section.helpful": "\n<u>What has helped</u>",
    "note.section.not_helpful": "\n<u>What hasn't helped</u>",
    "note.section.obstacles": "\n<u>Obstacles I've noticed</u>",
    "note.line": "\u2022 {item}",
    "note.line_draft": "{n}. {item}",
    "note.line_left_out": "<s>{n}. {item}</s> <i>(left out)</i>",
    "note.words": "{text}",
    "note.low.heard": "I haven't always felt fully heard lately (I rated it {rating}/10).",
    "note.low.focus": (
        "I'd like us to spend more time on what matters most to me (I rated it {rating}/10)."
    ),
    "note.low.approach": "I'm not sure the way we work suits me (I rated it {rating}/10).",
    "note.low.overall": "A recent session didn't feel quite right (I rated it {rating}/10).",
    "note.low.goal": ("How we're doing with my goal \u201c{goal}\u201d (I rated it {rating}/10)."),
    "note.low.other": "Something I rated {rating}/10 that I'd like to talk about.",
    "note.drop.heard": "I've felt less heard lately: {previous}/10, then {rating}/10.",
    "note.drop.focus": "We've worked less on what I wanted: {previous}/10, then {rating}/10.",
    "note.drop.approach": ("The way we work has suited me less: {previous}/10, then {rating}/10."),
    "note.drop.overall": "The last session felt less right: {previous}/10, then {rating}/10.",
    "note.drop.goal": (
        "My progress on \u201c{goal}\u201d feels smaller: {previous}/10, then {rating}/10."
    ),
    "note.drop.other": "A rating of mine went down: {previous}/10, then {rating}/10.",
    "note.progress.goal": "\u201c{goal}\u201d: {rating}/10.",
    "note.progress.goal_before": (
        "\u201c{goal}\u201d: {rating}/10 (the time before, {previous}/10)."
    ),
    "note.progress.goal_gone": "A goal I've since set aside: {rating}/10.",
    "note.progress.goal_gone_before": (
        "A goal I've since set aside: {rating}/10 (the time before, {previous}/10)."
    ),
    "note.goal_line": "\u2022 {goal}",
    "note.nothing": (
        "There's nothing for a note yet: you haven't written anything to raise since "
        "your last note. After your next session, /reflect asks what you'd like to "
        "bring up, and it will be here."
    ),
    "note.nothing_goals": (
        "There's nothing for a note yet: you haven't written anything to raise since "
        "your last note. Your goals, in case they help at your next session:\n{goals}\n\n"
        "After your next session, /reflect asks what you'd like to bring up, and it will "
        "be here."
    ),
    "button.note_in": "\u2705 {n}",
    "button.note_out": "\u2b1c {n}",
    "button.note_done": "Done",
    "toast.note_final": "This note is already final.",
    "toast.note_ready": "Your note is ready.",
    # /export
    "export.preparing": "Putting your files together\u2026",
    "export.nothing": (
        "There's nothing to export yet: you haven't written any reflections, goals or "
        "checks. After your next session, /reflect is a good place to start."
    ),
    "export.done": (
        "Here's everything you've written: a PDF to read or share, a spreadsheet (CSV) "
        "and a JSON file for other tools. They hold your words unencrypted, so keep "
        "them somewhere safe."
    ),
    "export.pdf_title": "My therapy reflections",
    "export.pdf_subtitle": (
        "Exported from my reflection companion on {day}. This copy is mine to keep or share."
    ),
    "export.pdf_sessions": "My sessions",
    "export.pdf_goals": "My goals",
    "export.session_heading": "{day}{state}",
    "export.rating": "{rating}/10{trend}",
    "export.goal_set": "Set on {day}.",
    "export.goal_set_aside": "Set aside on {day}.",
    "export.goal_progress": (
        "My latest rating of progress: {rating}/10, after the session of {day}."
    ),
    "export.week_label": "How I'd been the week before",
    "export.week": (
        "In myself {myself} \u00b7 in my close relationships {close} \u00b7 in work, "
        "study or daily life {daily} \u00b7 overall {overall}"
    ),
    "export.pdf_weeks": "How I've been, week by week",
    "export.week_heading": "The week before {day}",
    "export.week_skipped": "Skipped.",
    "export.pdf_fit": "Does this feel right? My checks",
    "export.fit_heading": "Check of {day}",
    "note.closed": "{opening}\n\nA few things you noted are ready to look over.",
    "note.closed_day": ("{opening}\n\nA few things you noted are ready to look over before {day}."),
    "button.note_open": "Open my notes",
    "note.opening": "For your next session \U0001f33f",
    "note.opening_neutral": "Your notes, ready when you are \U0001f33f",
}

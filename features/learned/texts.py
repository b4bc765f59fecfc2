"""Texts of /learned and /find: the client's own words, gathered and found again."""

from __future__ import annotations

from features.kernel.vocabulary import Plural, Wording

_QUESTION_LABELS = {
    "heard": "Felt heard and respected",
    "focus": "Worked on what I wanted",
    "approach": "The way my therapist works suits me",
    "overall": "The session overall",
    "progress": "Progress towards my goals",
    "obstacles": "Obstacles I noticed",
    "helpful": "What helped",
    "not_helpful": "What didn't help",
    "felt_right": "Did it feel right?",
    "bring_up": "To bring up",
}
_PLAN_PARTS = {
    "warning_signs": "Warning signs",
    "coping": "Coping on my own",
    "people_places": "People and places",
    "contacts": "Who I can call",
    "surroundings": "Safer surroundings",
    "reasons": "Reasons for living",
}

EN: dict[str, Wording] = {
    "command.learned": "What has helped you, and what you wanted to bring up",
    "command.find": "Look for a word in everything you've written",
    # /learned
    "learned.page": "{header}\n{body}{footer}{held_back}",
    "learned.header": (
        "<b>Things you've learned</b>: what helped, and what you wanted to bring up, newest first."
    ),
    "learned.month": "\n<b>{month}</b>",
    "learned.month_continued": "\n<b>{month}</b> <i>(continued)</i>",
    "learned.item": "\n<i>{label} \u00b7 {day}</i>\n{text}",
    "learned.continued": "{text}",
    "learned.label.helpful": "What helped",
    "learned.label.bring_up": "To bring up",
    "learned.label.memo": "Kept for your note",
    "learned.footer": "\n\n<i>Page {page} of {pages}. Older ones come later.</i>",
    "learned.footer_last": "\n\n<i>Page {page} of {pages}.</i>",
    "learned.held_back": (
        "\n\n<i>Some words you wrote at a hard moment are not listed here. They are still "
        "yours: /find and /summary all show them.</i>"
    ),
    "learned.none": (
        "Nothing here yet. After a session, /reflect asks what helped and what you'd like "
        "to bring up next time; what you write will gather here, month by month."
    ),
    # /find
    "find.ask": "What word should I look for? I'll search everything you've written here.",
    "find.not_text": "I can only look for words: send me one, or /cancel.",
    "find.cancelled": "Okay, I won't look for anything.",
    "find.no_words": (
        "I look for words: send one or two, like <i>/find sleep</i> or <i>/find my sister</i>."
    ),
    "find.too_long": "That's more than I can look for at once: try one to three words.",
    "find.nothing_written": (
        "There's nothing to look through yet. Once you've written something here (in "
        "/reflect, your /goals, your note), /find looks for words in all of it."
    ),
    "find.nothing_found": (
        "Nothing found for \u201c{query}\u201d. I look for words that start the same way, "
        "so a shorter word may find more: <i>sleep</i> finds <i>sleeping</i> too."
    ),
    "find.page": "{header}\n{body}{footer}",
    "find.header": "<b>\u201c{query}\u201d</b>: found in {count}, newest first.",
    "find.count": Plural("one place", "{n} places"),
    "find.match": "\n<i>{where} \u00b7 {day}</i>\n{excerpt}",
    "find.match_undated": "\n<i>{where}</i>\n{excerpt}",
    "find.mark": "{before}<b>{word}</b>{rest}",
    "find.footer": "\n\n<i>Page {page} of {pages}. Older ones come later.</i>",
    "find.footer_last": "\n\n<i>Page {page} of {pages}.</i>",
    **{f"find.from.{key}": label for key, label in _QUESTION_LABELS.items()},
    "find.from.goal_rating": "Progress on \u201c{goal}\u201d",
    "find.from.goal_rating_gone": "Progress on a goal",
    "find.from.own": "\u201c{text}\u201d",
    "find.from.own_gone": "A question of my own",
    "find.from.other": "An answer",
    "find.from.goal": "A goal of mine",
    "find.from.own_question": "A question of my own",
    "find.from.memo": "Kept for my note",
    "find.from.plan": "My safety plan: {part}",
    **{f"find.plan.{key}": label for key, label in _PLAN_PARTS.items()},
}

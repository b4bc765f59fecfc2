"""Texts of the reflection: its questions, its buttons, pausing and resuming, and the
gentle word about ratings that dropped."""

from __future__ import annotations

EN: dict[str, str] = {
    # The reflection.
    "reflection.intro": (
        "Let's look back at your session: {total} short questions. Answer what you like, "
        "skip anything, and go back if you change your mind. /cancel stops at any point "
        "and keeps what you've said."
    ),
    "reflection.rating": (
        "<i>Question {n} of {total}</i>\n\n<b>{question}</b>\n"
        "How true was this today? 0 is not at all, 10 is completely.{so_far}"
    ),
    "reflection.text": (
        "<i>Question {n} of {total}</i>\n\n<b>{question}</b>\n"
        "Write as much as you like, in one message or several, then press Next.{so_far}"
    ),
    "reflection.so_far_rating": "\n\nYour answer so far: <b>{rating}</b>.",
    "reflection.so_far_text": "\n\nSo far you wrote: <i>{text}</i>",
    "reflection.so_far_skipped": "\n\nYou skipped this one.",
    "reflection.noted": "Kept. Add more if you like, or press Next.",
    "reflection.comment_kept": "Thank you, I've kept that with this question.",
    "reflection.answer_full": (
        "This answer has reached its limit of {limit} characters, so I didn't add that "
        "last message; everything you wrote before it is kept. Your message is still here "
        "in our chat, and we can carry on from here."
    ),
    "reflection.only_text": (
        "I can only keep text, so I haven't kept that. If you'd like, type it instead."
    ),
    "reflection.thanks": (
        "Thank you for taking the time to reflect. Everything you wrote is kept privately "
        "for you; /privacy says who could access it.{echo}"
    ),
    "reflection.echo": "\n\nOne thing you noted: <i>\u201c{quote}\u201d</i>",
    "reflection.raise_offer": (
        "Thank you for rating honestly: that's what makes this useful. A few of today's "
        "ratings were lower than usual:\n\n{items}\n\n"
        "That can be worth raising with your therapist: a good therapist wants to hear "
        "it, and saying so often helps the work. Shall I add this to your note for next "
        "session?"
    ),
    "raise.heard": (
        "\u2022 Feeling heard and respected: {rating}/10. You could say: <i>\u201cI haven't "
        "always felt fully heard lately, and I'd like us to talk about that.\u201d</i>"
    ),
    "raise.focus": (
        "\u2022 Working on what you wanted: {rating}/10. You could say: <i>\u201cI'd like "
        "us to spend more of our time on what matters most to me right now.\u201d</i>"
    ),
    "raise.approach": (
        "\u2022 How well your therapist's way of working suits you: {rating}/10. You could say: "
        "<i>\u201cI'm not sure the way we're working suits me. Could we talk about "
        "how we work together?\u201d</i>"
    ),
    "raise.overall": (
        "\u2022 The session overall: {rating}/10. You could say: <i>\u201cLast session "
        "didn't feel quite right for me, and I'd like to understand why, together."
        "\u201d</i>"
    ),
    "raise.goal": (
        "\u2022 Progress on your goal \u201c{goal}\u201d: {rating}/10. You could say: "
        "<i>\u201cI'd like us to look at how we're doing with this goal.\u201d</i>"
    ),
    "raise.goal_retired": "a goal you've set aside",
    "raise.added": "Added to your note for next session. You decide whether to bring it up.",
    "raise.not_now": "That's fine. It stays in your reflection if you change your mind.",
    "reflection.paused": (
        "Okay, we'll stop here. Everything you answered is kept; /reflect picks up where "
        "you left off."
    ),
    "reflection.paused_for_command": (
        "Your reflection is paused and kept; /reflect picks up where you left off."
    ),
    "reflection.resume_offer": (
        "You have a reflection from {date} that you haven't finished: you were on "
        "question {n} of {total}. Would you like to continue it, or start a new one? "
        "Starting anew keeps what you already answered."
    ),
    "reflection.gone": (
        "That reflection has been closed, so there's nothing to answer there now. "
        "/reflect starts a new one."
    ),
    "reflection.no_questions": (
        "You've turned off every question, so there's nothing to ask. /questions turns "
        "some back on, or adds your own."
    ),
    # The questions, in our own words from the seed texts.
    "question.heard": "I felt heard and respected.",
    "question.focus": "We worked on what I wanted to work on.",
    "question.approach": "The way my therapist works suits me.",
    "question.overall": "Overall, today's session was right for me.",
    "question.goal": "How much progress do I feel on my goal: \u201c{goal}\u201d?",
    "question.goal_retired": "How much progress do I feel on a goal I've since set aside?",
    "question.goal_item": "\u2022 {goal}",
    "question.progress": "Are we making progress towards my goals?",
    "question.progress_with_goals": "Are we making progress towards my goals?\n{goals}",
    "question.obstacles": "What obstacles to change did I notice?",
    "question.helpful": "What was helpful in this session?",
    "question.not_helpful": "What wasn't helpful, or didn't sit right?",
    "question.felt_right": (
        "Did it feel right today? If something was off, even if it's hard to name, what was it?"
    ),
    "question.bring_up": "Is there anything I want to bring up next time?",
    "question.own": "{text}",
    "question.own_removed": "(A question of your own that you've since removed.)",
    "toast.rated": "Saved: {n}",
    "toast.skipped": "Skipped",
    "toast.cleared": "Cleared: write it afresh",
    "toast.moved_on": "Already answered. Use Back to change an answer.",
    "toast.old_reflection": "That's from an earlier reflection; nothing was changed.",
    "button.number": "{n}",
    "button.back": "\u00ab Back",
    "button.skip": "Skip",
    "button.next": "Next \u00bb",
    "button.clear": "Clear my answer",
    "button.continue": "Continue where I left off",
    "button.start_new": "Start a new one",
    "button.add_to_note": "Add to my note",
    "button.not_now": "Not now",
    "command.reflect": "Reflect on a session (or continue one)",
}

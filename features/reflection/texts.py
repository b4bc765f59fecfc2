"""Texts of the reflection: its questions, its buttons, pausing and resuming, and the
gentle word about ratings that dropped."""

from __future__ import annotations

from features.kernel.vocabulary import Plural, Wording

EN: dict[str, Wording] = {
    # The reflection.
    "reflection.intro": (
        "Let's look back at your session: {total} short questions. Answer what you like, "
        "skip anything, and go back if you change your mind. /cancel stops at any point "
        "and keeps what you've said."
    ),
    "reflection.rating": ("<i>Question {n} of {total}</i>\n\n<b>{question}</b>\n{scale}{so_far}"),
    "reflection.text": (
        "<i>Question {n} of {total}</i>\n\n<b>{question}</b>\n"
        "Write your answer in a message, as long as you like; the next question follows."
        "{so_far}"
    ),
    "reflection.text_last": (
        "<i>Question {n} of {total}</i>\n\n<b>{question}</b>\n"
        "Write your answer in a message, as long as you like.{so_far}"
    ),
    # What 0 and 10 mean, under each rating question (features/common/questions.py `scale`).
    # Without "today": a reflection may look back on a session days ago.
    "scale.true": "How true was this? 0 is not at all, 10 is completely.",
    "scale.progress": "0 is no progress at all, 10 is a lot of progress.",
    # After a written answer: the next question, saying once that the answer was kept.
    "reflection.noted": "Kept. Add more if you like, or press Done.",
    "reflection.kept_then": "<i>Kept. To add to it, press \u00ab Back.</i>\n\n{question}",
    # A question once answered: what the chat keeps of it when its buttons go.
    "reflection.answered": (
        "<i>Question {n} of {total}</i> \u00b7 {question} \u00b7 <b>{answer}</b>"
    ),
    "answered.text": "\u201c{text}\u201d",
    "answered.written": "written",
    "answered.skipped": "skipped",
    "reflection.so_far_rating": "\n\nYour answer so far: <b>{rating}</b>.",
    "reflection.so_far_text": "\n\nSo far you wrote: <i>{text}</i>",
    "reflection.so_far_skipped": "\n\nYou skipped this one.",
    "reflection.comment_kept": "Thank you, I've kept that with this question.",
    "reflection.answer_full": Plural(
        one=(
            "This answer has reached its limit of {limit} character, so I didn't add that "
            "last message; everything you wrote before it is kept. Your message is still here "
            "in our chat, and we can carry on from here."
        ),
        other=(
            "This answer has reached its limit of {limit} characters, so I didn't add that "
            "last message; everything you wrote before it is kept. Your message is still here "
            "in our chat, and we can carry on from here."
        ),
        count="limit",
    ),
    "reflection.only_text": (
        "I can only keep text, so I haven't kept that. If you'd like, type it instead."
    ),
    "reflection.thanks_empty": (
        "Nothing kept this time, and that's fine. /reflect is there whenever you'd like to "
        "look back on it."
    ),
    "reflection.thanks": (
        "Thank you for taking the time to reflect. Everything you wrote is kept privately "
        "for you; /privacy says who could access it.{echo}{ratings}"
    ),
    "reflection.thanks_hard": (
        "That sounds like it was a hard session, and I'm sorry it felt that way. Thank you "
        "for taking the time to reflect on it all the same. Everything you wrote is kept "
        "privately for you; /privacy says who could access it.{echo}{ratings}"
    ),
    "reflection.echo": "\n\n{label} <i>\u201c{quote}\u201d</i>",
    "reflection.echo_helpful": "What helped, in your words:",
    "reflection.echo_bring_up": "What you'd like to bring up next time:",
    "reflection.echo_noted": "One thing you noted:",
    # Today's ratings against the client's own history (features/reflection/ending.py).
    "reflection.baseline": (
        "\n\nThese are your first ratings, so they are a starting point: from your next "
        "reflection on, I can tell you how they move."
    ),
    "reflection.baseline_some": "\n\nRated for the first time, a starting point:\n{items}",
    "reflection.rises": "\n\nGood to see, up since last time:\n{items}",
    "rating.first_item": "\u2022 {label}: {rating}",
    "rating.rise_item": "\u2022 {label}: {rating}, up from {then} \U0001f331",
    "rating.heard": "Feeling heard and respected",
    "rating.focus": "Working on what you wanted",
    "rating.approach": "How well your therapist's way of working suits you",
    "rating.overall": "The session overall",
    "rating.goal": "Progress on your goal \u201c{goal}\u201d",
    "reflection.raise_offer": (
        "Thank you for rating honestly: that's what makes this useful. {lead}\n\n{items}\n\n"
        "That can be worth raising with your therapist: a good therapist wants to hear "
        "it, and saying so often helps the work. Shall I add this to your note for next "
        "session?"
    ),
    "raise.lead": Plural(
        one="One rating stood out today:", other="Some of today's ratings stood out:"
    ),
    "raise.item": ("\u2022 {label}: {rating}/10{how}. You could say: <i>\u201c{say}\u201d</i>"),
    "raise.how_usual": ", lower than your usual {then}",
    "raise.how_low": "",
    "raise.how_last": ", down from {then} last time",
    "raise.say_heard": (
        "I haven't always felt fully heard lately, and I'd like us to talk about that."
    ),
    "raise.say_focus": (
        "I'd like us to spend more of our time on what matters most to me right now."
    ),
    "raise.say_approach": (
        "I'm not sure the way we're working suits me. Could we talk about how we work together?"
    ),
    "raise.say_overall": (
        "Last session didn't feel quite right for me, and I'd like to understand why, together."
    ),
    "raise.say_goal": "I'd like us to look at how we're doing with this goal.",
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
        "A new one closes this one as it is: what you answered in it stays kept, but it "
        "can't be continued."
    ),
    # Which session a reflection looks back on (features/reflection/which.py).
    "reflection.which_session": (
        "Which session would you like to look back on? These haven't had a reflection "
        "yet. For another day, press \u201cAnother day\u201d or type it, for example "
        "\u201clast Tuesday\u201d, \u201c24 November\u201d or \u201c24.11.\u201d"
    ),
    "reflection.which_day": (
        "Which day was the session? Type it, for example \u201clast Tuesday\u201d, "
        "\u201c24 November\u201d or \u201c24.11.\u201d"
    ),
    "reflection.day_unreadable": (
        "I couldn't read that as a day. Which day was the session? For example "
        "\u201clast Tuesday\u201d, \u201c24 November\u201d or \u201c24.11.\u201d"
    ),
    "reflection.day_future": (
        "That day is still to come, so there's no session to look back on yet. Which day "
        "was it? For example \u201clast Tuesday\u201d or \u201c24.11.\u201d"
    ),
    "button.session_day": "{day}",
    "button.another_day": "Another day",
    "toast.session_day": "Looking back on {day}",
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
    "question.overall": "Overall, this session was right for me.",
    "question.goal": "How much progress do I feel on my goal: \u201c{goal}\u201d?",
    "question.goal_retired": "How much progress do I feel on a goal I've since set aside?",
    "question.goal_item": "\u2022 {goal}",
    "question.progress": "Are we making progress towards my goals?",
    "question.progress_with_goals": "Are we making progress towards my goals?\n{goals}",
    "question.obstacles": "What obstacles to change did I notice?",
    "question.helpful": "What was helpful in this session?",
    "question.not_helpful": "What wasn't helpful, or didn't sit right?",
    "question.felt_right": (
        "Did it feel right? If something was off, even if it's hard to name, what was it?"
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
    "button.skip_rest": "Skip the rest",
    "button.finish": "Done",
    "button.clear": "Clear my answer",
    "button.continue": "Continue where I left off",
    "button.start_new": "Start a new one",
    "button.add_to_note": "Add to my note",
    "button.not_now": "Not now",
    "command.reflect": "Reflect on a session (or continue one)",
}

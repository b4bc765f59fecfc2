"""The conversation's own texts: welcome, time zone, reflection, sessions, prompts, privacy."""

from __future__ import annotations

# Where urgent help is, said once in the welcome. Issue "crisis resources" makes it per country.
_URGENT_HELP = (
    "I'm not a therapist and not a crisis service. If you are in danger or need urgent help, "
    "call your local emergency number (112 in Europe, 911 in North America) or find a free, "
    "confidential helpline for your country at findahelpline.com."
)

EN: dict[str, str] = {
    "welcome": (
        "Hello, and welcome.\n\n"
        "I'm a quiet companion for your therapy. After each of your sessions I'll ask a "
        "few short questions: how it went, what helped, what didn't, and what you'd like "
        "to bring up next time. I keep your answers for you, and before your next session "
        "I'll hand you a note of what you wanted to raise.\n\n"
        "Your answers are yours. I don't send them to anyone, not even your therapist: "
        "you decide what to share.\n\n" + _URGENT_HELP
    ),
    "welcome_back": (
        "Welcome back. Your time zone is <b>{time_zone}</b>.\n/help shows everything I can do."
    ),
    "time_zone.ask": (
        "First, so that I ask at the right moments: <b>what's your time zone?</b>\n\n"
        "Type your city (like <i>Berlin</i>), a time zone (like <i>Europe/Berlin</i>) "
        "or a UTC offset (like <i>UTC+2</i>)."
    ),
    "time_zone.ask_change": (
        "Which time zone should I use? Type your city, a time zone like "
        "<i>Europe/Berlin</i>, or a UTC offset like <i>UTC+2</i>. /cancel keeps the "
        "current one."
    ),
    "time_zone.current": "Your time zone is <b>{time_zone}</b>.",
    "time_zone.saved": (
        "Thank you. I've set your time zone to <b>{time_zone}</b>: it's {local_time} "
        "there now.\nIf that's not your time, send /timezone to change it."
    ),
    "time_zone.fixed_offset_note": (
        "A UTC offset doesn't follow daylight saving time. If your clocks change in "
        "summer or winter, a city name keeps my timing right all year."
    ),
    "time_zone.did_you_mean": "Did you mean one of these?",
    "time_zone.unknown": (
        "I couldn't find that time zone. Could you try the nearest big city, a time zone "
        "like <i>Europe/Berlin</i>, or a UTC offset like <i>UTC+2</i>?"
    ),
    "time_zone.type_again": (
        "No problem. Type the nearest big city, or a UTC offset like <i>UTC-5</i>."
    ),
    "time_zone.location": (
        "Thanks, but I don't read locations. Please type your city instead, like <i>Berlin</i>."
    ),
    "time_zone.only_text": (
        "I can only read text here. Please type your city, like <i>Berlin</i>."
    ),
    "onboarding.done": (
        "That's all I need for now. /help shows what I can do, and you can come back any time."
    ),
    "help": "Here's what I can do:\n\n{commands}\n\n" + _URGENT_HELP,
    "crisis": (
        "It sounds like things may be very hard right now. You don't have to carry this "
        "alone.\n\n"
        "<b>If you are in danger, please call {emergency} now.</b>\n"
        "{where}{helplines}\n\n"
        "If you can, let someone you trust, or your therapist, know how you are. I'm a "
        "reflection companion, not a crisis service, and I'm still here: we can carry on "
        "whenever you like.\n\n{country_hint}"
    ),
    "crisis.helpline": "\u2022 {text}",
    # One helpline of the client's country; numbers stay digits and spaces, so a phone
    # offers to dial them.
    "crisis.where": "In {country}:\n",
    "crisis.line": "\u2022 <b>{name}</b>: {ways}{hours}",
    "crisis.ways.call": "call {number}",
    "crisis.ways.call_or_text": "call or text {number}",
    "crisis.ways.text": "text {number}",
    "crisis.ways.text_word": "text {word} to {number}",
    "crisis.ways.call_and": "call {number}, or {texting}",
    "crisis.hours": " ({hours})",
    "crisis.find_a_helpline": (
        "\u2022 Find a free, confidential helpline near you at findahelpline.com"
    ),
    "crisis.country_hint": "Not your country? /country",
    "crisis.country_hint_unknown": (
        "If you tell me your country with /country, I'll show its own numbers where I have them."
    ),
    # /country: which country's crisis numbers to show.
    "country.current_chosen": (
        "For crisis help I use the numbers for <b>{country}</b>, as you chose."
    ),
    "country.current_zone": (
        "For crisis help I use the numbers for <b>{country}</b>, from your time zone."
    ),
    "country.current_none": (
        "I don't know your country yet, so for crisis help I point to international options."
    ),
    "country.ask": (
        "Which country are you in? Type its name, like <i>New Zealand</i>, or its "
        "two-letter code, like <i>NZ</i>. /cancel keeps things as they are."
    ),
    "country.saved": (
        "Thank you. For crisis help I'll show the numbers for <b>{country}</b>. "
        "/urgent shows them any time."
    ),
    "country.saved_uncovered": (
        "Thank you, I'll remember <b>{country}</b>. I don't have its helplines yet, so for "
        "crisis help I'll point you to its emergency services and to findahelpline.com."
    ),
    "country.by_time_zone": (
        "Done: I'll go by your time zone again, which puts you in <b>{country}</b>."
    ),
    "country.by_time_zone_none": (
        "Done: I'll go by your time zone again. It doesn't tell me your country, so for "
        "crisis help I'll point to international options."
    ),
    "country.did_you_mean": "Did you mean one of these?",
    "country.unknown": (
        "Sorry, I couldn't find that country. Could you type its name in English, like "
        "<i>Germany</i>, or its two-letter code, like <i>DE</i>?"
    ),
    "country.only_text": (
        "I can only read text here. Please type your country, like <i>Germany</i> or <i>DE</i>."
    ),
    "privacy": (
        "<b>What I keep, and who can see it</b>\n\n"
        "\u2022 Your time zone (and your country, if you set one with /country), your "
        "session times, and when I message you.\n"
        "\u2022 Your answers, goals, own questions, /fit checks, /safetyplan and what you "
        "mean to raise next time, encrypted in the database. Ratings, dates, your session "
        "schedule and when I message you are kept plain, so I can show you how things "
        "change and message you on time, and so are your notes' choices (which answers "
        "each note holds).\n\n"
        "I never send what you write to anyone, your therapist included: you decide "
        "what to share. The person or practice running this bot holds the database and "
        "its key, so they could read it. Telegram carries our messages, and chats with "
        "bots are not end-to-end encrypted.\n\n"
        "/export sends you everything you've written, as a PDF, a spreadsheet and a "
        "JSON file. /delete erases everything about you, at any time, from the database "
        "at once. Copies in the backups of whoever runs this bot stay until those backups "
        "expire; ask them how long they keep them."
    ),
    "delete.confirm": (
        "<b>Erase everything?</b> Your answers, goals, questions, schedule and settings "
        "will be deleted for good (copies in the backups of whoever runs this bot stay "
        "until those backups expire). This can't be undone."
    ),
    "delete.done": (
        "Done: everything about you is erased. If you'd like to start again one day, "
        "/start is there. Take care."
    ),
    "delete.kept": "Nothing was deleted. Everything is as it was.",
    "stranger.start": (
        "Hello. I don't keep anything about you at the moment, so let's begin at the "
        "start: send /start and I'll explain what I do. If you need help right now, "
        "send /urgent."
    ),
    "stranger.press": "I don't keep anything about you now. Send /start to begin.",
    "access.refused": (
        "Hello. This companion is run by a practice for its own clients, so I can't "
        "start with you here. If you were given an invite link, please open it again. "
        "If you are in danger or need urgent help, call your local emergency number or "
        "find a helpline at findahelpline.com."
    ),
    "access.withdrawn": (
        "Hello. The practice that runs this companion has ended access for this "
        "account, so I can't carry on with you here. What you wrote is still yours: "
        "/export sends you a copy, and /delete erases everything. "
        "If you are in danger or need urgent help, call your local emergency number or "
        "find a helpline at findahelpline.com."
    ),
    "crisis.fallback": (
        "If you are in danger, please call your local emergency number now, or find a "
        "free helpline for your country at findahelpline.com."
    ),
    "cancel.done": "Okay, I've stopped there. Nothing you've told me is lost.",
    "cancel.nothing": "There's nothing to cancel right now. /help shows what I can do.",
    "unknown_command": "I don't know that command. /help lists the ones I do.",
    "edited": (
        "I only read new messages, so I didn't see that edit. If you changed your "
        "answer, please send it again."
    ),
    "idle.text": (
        "Thank you for writing. I'm not asking anything right now, and I don't keep "
        "messages sent outside a question. /help shows what I can do."
    ),
    "idle.non_text": (
        "I can only work with text messages, and I'm not asking anything right now. "
        "/help shows what I can do."
    ),
    "error": (
        "Sorry, something went wrong on my side. Nothing you've told me is lost: please "
        "try again in a moment."
    ),
    "error.delivery": (
        "Sorry, part of my reply didn't get through. What you sent is saved, so there's "
        "no need to send it again."
    ),
    "error.unreachable": (
        "Sorry, I can't save anything right now, so what you just sent may not be kept. "
        "Everything from before is safe. Please try again in a minute."
    ),
    "error.storage": (
        "Sorry, I can't save anything right now, so I haven't kept what you just sent. "
        "Everything from before is safe. Please send it again a little later."
    ),
    "flood.slow_down": (
        "That was a lot of messages at once, so I didn't keep the last few. Please send "
        "them again, a little more slowly."
    ),
    "flood.slow_down_press": "That was a lot at once. Please tap again in a few seconds.",
    "turn.too_slow": (
        "Sorry, that took me too long, so I didn't keep what you just sent. Everything "
        "from before is safe. Please send it again in a moment."
    ),
    "private_only": (
        "I only talk in a private chat, so that what you write stays between us. Open a "
        "chat with me directly: @{bot_username}"
    ),
    # Sessions (getting started, /schedule).
    "schedule.intro": (
        "Next, your sessions, so that I ask a little after each one ends and hand you a "
        "note the evening before the next."
    ),
    "schedule.ask_days": (
        "<b>Which days are your sessions usually on?</b> Tap each one, then Done."
    ),
    "schedule.days_by_button": (
        "Please tap the days on the buttons above, then Done. If your sessions aren't "
        "regular, or you'd rather not say, there's a button for that too."
    ),
    "schedule.ask_time": (
        "<b>What time do they start?</b> Tap a time, or type it, like <i>17:30</i> or "
        "<i>5:30pm</i>."
    ),
    "schedule.time_unclear": (
        "I couldn't read that as a time. Could you type it like <i>17:30</i>, "
        "<i>5:30pm</i> or <i>9am</i>?"
    ),
    "schedule.ask_length": "<b>How long is a session?</b>",
    "schedule.ask_frequency": "<b>How often do you have a session?</b>",
    "schedule.only_text": "Please answer with the buttons, or type the time if I asked for it.",
    "schedule.saved": "Thank you, that's set.\n\n{usual}{next}",
    "schedule.saved_irregular": (
        "That's fine. Whenever you've had a session, /reflect starts the questions, and "
        "/schedule sets regular sessions if that changes."
    ),
    "schedule.card": "{usual}{next}",
    "schedule.usual_weekly": "Your sessions: every {days} at {time}, {minutes} minutes.",
    "schedule.usual_every_two": ("Your sessions: every other {days} at {time}, {minutes} minutes."),
    "schedule.irregular": (
        "Your sessions aren't regular, so I don't prompt you: /reflect after a session."
    ),
    "schedule.next_line": (
        "\n\nYour next session: <b>{session}</b>.\n"
        "I'll ask how it went: {prompt}.\n"
        "Your note for it comes: {note}."
    ),
    "schedule.ask_delay": "How long after a session ends should I ask how it went?",
    "schedule.delay_15": "right after it ends",
    "schedule.delay_60": "an hour after",
    "schedule.delay_120": "two hours after",
    "schedule.delay_180": "three hours after",
    "schedule.delay_set": "Done: I'll ask {when}. /schedule shows the next time.",
    "schedule.ask_quiet": "When should I stay quiet? Nothing comes from me in these hours.",
    "schedule.quiet_hours": "from {hours}",
    "schedule.quiet_none": "never: prompts may come at any hour",
    "schedule.quiet_set": "Done: quiet hours {hours}.",
    "schedule.ask_extra": (
        "When is the extra session? Type the day and time, like <i>Thursday 10:00</i>."
    ),
    "schedule.extra_by_text": "Please type the day and time, like <i>Thursday 10:00</i>.",
    "schedule.extra_unclear": (
        "I couldn't read that as a day and time in the next two weeks. Try "
        "<i>Thursday 10:00</i> or <i>2026-12-03 17:30</i>, or /cancel."
    ),
    "schedule.extra_added": (
        "Added a session on {when}. I'll ask how it went afterwards, as usual."
    ),
    "schedule.paused_line": "\n\nPrompts are paused. /resume starts them again.",
    "schedule.none": (
        "You haven't told me your sessions yet, so I don't prompt you. /reflect works any time."
    ),
    "schedule.later": (
        "No problem. /reflect starts the questions whenever you like, and /schedule sets "
        "your sessions later."
    ),
    "schedule.skipped": (
        "Okay: no prompts around your session on {when}. The ones after it come as usual."
    ),
    "schedule.nothing_to_skip": "There's no upcoming session to skip.",
    "schedule.pause": "Prompts are paused; I won't message you until you send /resume.",
    "schedule.resume": "Prompts are back on. /schedule shows when the next one comes.",
    "schedule.neutral_on": ("From now on my prompts won't mention therapy or sessions at all."),
    "schedule.neutral_off": "My prompts will say again what they're about.",
    # Prompts the bot sends on its own. The first line is what a lock screen shows: it
    # never mentions therapy.
    "prompt.reflection": (
        "A moment to look back? \U0001f33f\n\n"
        "Your therapy session on {day} ended a little while ago. Would you like to "
        "reflect on it now? It takes about five minutes."
    ),
    "prompt.reminder": (
        "Just a gentle nudge \U0001f33f\n\n"
        "You haven't looked back on your session of {day} yet. Whenever you're ready, or "
        "skip it: I won't ask about it again."
    ),
    "prompt.reflection_neutral": (
        "A moment for your notes? \U0001f33f\n\nWould you like to write them now?"
    ),
    "prompt.reminder_neutral": (
        "Just a gentle nudge \U0001f33f\n\nYour notes are still open, whenever you like."
    ),
    "prompt.when_later": "When should I ask again?",
    "prompt.skipped": "Okay, not this time. /reflect is there if you change your mind.",
    "note.opening": "For your next session \U0001f33f",
    "note.opening_neutral": "Your notes for tomorrow \U0001f33f",
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
        "\u2022 Feeling heard and respected: {rating}. You could say: <i>\u201cI haven't "
        "always felt fully heard lately, and I'd like us to talk about that.\u201d</i>"
    ),
    "raise.focus": (
        "\u2022 Working on what you wanted: {rating}. You could say: <i>\u201cI'd like "
        "us to spend more of our time on what matters most to me right now.\u201d</i>"
    ),
    "raise.approach": (
        "\u2022 How your therapist works suiting you: {rating}. You could say: "
        "<i>\u201cI'm not sure the way we're working suits me. Could we talk about "
        "how we work together?\u201d</i>"
    ),
    "raise.overall": (
        "\u2022 The session overall: {rating}. You could say: <i>\u201cLast session "
        "didn't feel quite right for me, and I'd like to understand why, together."
        "\u201d</i>"
    ),
    "raise.goal": (
        "\u2022 Progress on your goal \u201c{goal}\u201d: {rating}. You could say: "
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
    # Short names of the questions, for the /questions menu.
    "label.heard": "Feeling heard and respected (0-10)",
    "label.focus": "Working on what I wanted (0-10)",
    "label.approach": "How my therapist works suits me (0-10)",
    "label.overall": "The session overall (0-10)",
    "label.progress": "Progress towards my goals",
    "label.obstacles": "Obstacles to change",
    "label.helpful": "What was helpful",
    "label.not_helpful": "What wasn't helpful",
    "label.felt_right": "Did it feel right?",
    "label.bring_up": "What to bring up next time",
    # /goals
    "goals.none": (
        "You haven't written any goals yet. Goals in your own words help me ask about "
        "progress: for example <i>feel less anxious at work</i> or <i>understand why I "
        "push people away</i>."
    ),
    "goals.menu": (
        "Your goals for therapy:\n{goals}\n\nEach reflection asks how much progress "
        "you feel on each of them."
    ),
    "goals.item": "{n}. {goal}",
    "goals.ask_new": "What's the goal? Write it in your own words, in a sentence or two.",
    "goals.ask_edit": "How would you like to word it now? Currently: <i>{goal}</i>",
    "goals.ask_edit_again": "Please send the new wording for your goal, or /cancel.",
    "goals.added": "Added your goal: <i>{goal}</i>. /goals shows them all.",
    "goals.edited": "Updated: <i>{goal}</i>.",
    "goals.retired": (
        "Set aside: <i>{goal}</i>. It won't be asked about any more; what you said "
        "about it stays in your history."
    ),
    "goals.gone": "That goal has been set aside meanwhile, so I left it as it was.",
    "goals.pick_edit": "Which goal would you like to reword?",
    "goals.pick_retire": "Which goal would you like to set aside?",
    "goals.too_long": (
        "That's a little long for a goal. Could you put it in up to {max} characters? "
        "Your longer thoughts have a place in the reflection questions."
    ),
    "goals.full": "You have {max} goals already; set one aside to add another. /goals",
    "goals.only_text": "I can only keep text. Please type your goal, or /cancel.",
    # /questions
    "questions.menu": (
        "These are the questions I ask after a session. Tap one to turn it off or on; "
        "your own questions come last.{own}"
    ),
    "questions.own_item": "\n\u2022 {text}",
    "questions.ask_new": "What would you like me to ask you after each session?",
    "questions.added": "Added: <i>{text}</i>. I'll ask it at the end of each reflection.",
    "questions.too_long": "Could you make it shorter, up to {max} characters?",
    "questions.full": "You have {max} questions of your own already. /questions",
    "questions.only_text": "I can only keep text. Please type your question, or /cancel.",
    "private_only_short": "I only work in a private chat with you.",
    "toast.stale_button": "That button is from an earlier message and no longer does anything.",
    "toast.ok": "Okay",
    "toast.use_buttons": "Please choose on the buttons",
    "toast.choose_a_day": "Tap at least one day, or choose one of the options below",
    "toast.prompt_closed": "That prompt has closed; /reflect works any time.",
    "toast.snoozed": "Okay, I'll ask again then.",
    "toast.rated": "Saved: {n}",
    "toast.skipped": "Skipped",
    "toast.cleared": "Cleared: write it afresh",
    "toast.moved_on": "Already answered. Use Back to change an answer.",
    "toast.old_reflection": "That's from an earlier reflection; nothing was changed.",
    "toast.goals_full": "You have {max} goals already; set one aside first.",
    "toast.own_full": "You have {max} questions of your own already.",
    "button.zone": "{time_zone}",
    "button.none": "None of these",
    "button.country": "{country}",
    "button.country_by_time_zone": "Go by my time zone",
    "button.day_on": "\u2705 {day}",
    "button.day_off": "{day}",
    "button.days_done": "Done",
    "button.irregular": "They aren't regular",
    "button.later": "Later",
    "button.time": "{time}",
    "button.minutes": "{minutes} min",
    "button.weekly": "Every week",
    "button.fortnightly": "Every 2 weeks",
    "button.change_sessions": "Change my sessions",
    "button.skip_next": "Skip the next one",
    "button.pause": "Pause prompts",
    "button.resume": "Resume prompts",
    "button.neutral_on": "Neutral wording",
    "button.neutral_off": "Say what prompts are about",
    "button.start_now": "Start now",
    "button.delete_yes": "Yes, erase everything",
    "button.delete_no": "No, keep it",
    "button.add_extra": "Add a one-off session",
    "button.delay": "When I ask",
    "button.quiet": "Quiet hours",
    "button.delay_choice": "{when}",
    "button.quiet_choice": "{hours}",
    "button.quiet_none": "No quiet hours",
    "button.skip_this_time": "Skip this time",
    "button.hours": "In {hours} h",
    "button.number": "{n}",
    "button.back": "\u00ab Back",
    "button.skip": "Skip",
    "button.next": "Next \u00bb",
    "button.clear": "Clear my answer",
    "button.continue": "Continue where I left off",
    "button.start_new": "Start a new one",
    "button.add_to_note": "Add to my note",
    "button.not_now": "Not now",
    "button.goal_add": "Add a goal",
    "button.goal_edit": "Reword one",
    "button.goal_retire": "Set one aside",
    "button.goal": "{goal}",
    "button.question_on": "\u2705 {label}",
    "button.question_off": "\u2b1c {label}",
    "button.own_remove": "\u2716 {text}",
    "button.own_add": "Add my own question",
    "command.reflect": "Reflect on a session (or continue one)",
    "command.goals": "Your therapy goals, in your words",
    "command.questions": "Choose the questions I ask",
    "command.schedule": "Your sessions, and when I message you",
    "command.skip": "No prompts around your next session",
    "command.pause": "Pause all prompts",
    "command.resume": "Start prompts again",
    "command.urgent": "Where to get help right now",
    "command.privacy": "What I keep, and who can see it",
    "command.delete": "Erase everything about you",
    "command.start": "Begin, or see your settings",
    "command.timezone": "Show or change your time zone",
    "command.country": "Your country, for the right crisis numbers",
    "command.help": "What I can do",
    "command.cancel": "Stop what we're doing; nothing is lost",
}

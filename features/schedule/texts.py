"""Texts of the client's sessions (getting started, /schedule, /skip, /pause, /resume)
and of the prompts the bot sends on its own around them."""

from __future__ import annotations

EN: dict[str, str] = {
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
    "schedule.days_unclear": (
        "I couldn't read that as days of the week. Tap them on the buttons above, then Done, "
        "or type them, like <i>Tuesdays and Thursdays</i>."
    ),
    "schedule.ask_time": (
        "<b>What time do they start?</b> Tap a time, or type it, like <i>17:30</i> or "
        "<i>5:30pm</i>."
    ),
    "schedule.ask_time_current": (
        "<b>What time do they start?</b> Now: <b>{time}</b>. Tap a time, or type it, like "
        "<i>17:30</i> or <i>5:30pm</i>."
    ),
    "schedule.time_unclear": (
        "I couldn't read that as a time. Could you type it like <i>17:30</i>, "
        "<i>5:30pm</i> or <i>9am</i>?"
    ),
    "schedule.time_morning_or_evening": (
        "Morning or evening? Could you add am or pm, like <i>6pm</i>, or use the 24-hour "
        "clock, like <i>18:00</i>?"
    ),
    "schedule.ask_length": "<b>How long is a session?</b> Tap one, or type the minutes.",
    "schedule.length_unclear": (
        "I couldn't read that as a length. Tap one of the buttons, or type the minutes, like "
        "<i>50</i> or <i>1 hour</i>."
    ),
    "schedule.length_out_of_range": (
        "I can follow sessions from 10 minutes to 4 hours long. Tap one of the buttons, or "
        "type the minutes, like <i>50</i>."
    ),
    "schedule.ask_frequency": "<b>How often do you have a session?</b>",
    "schedule.frequency_unclear": (
        "I couldn't read that. Tap Every week or Every 2 weeks, or type it, like <i>every "
        "other week</i>. If your sessions follow no pattern, /schedule lets you say they "
        "aren't regular."
    ),
    "schedule.only_text": (
        "I can't read a photo, sticker or file here: please answer with the buttons, or type "
        "the time if I asked for it."
    ),
    "schedule.saved": "Thank you, that's set.\n\n{usual}{next}{governs}",
    "schedule.saved_irregular": (
        "That's fine. Whenever you've had a session, /reflect starts the questions, and "
        "/schedule sets regular sessions if that changes."
    ),
    "schedule.card": "{usual}{next}{governs}",
    "schedule.governs": "{delay}{quiet}{wording}{checkin}",
    "schedule.upcoming": "{next}{note}{extra}{skipped}",
    "schedule.usual_weekly": "Your sessions: every {days} at {time}, {minutes} minutes.",
    "schedule.usual_every_two": ("Your sessions: every other {days} at {time}, {minutes} minutes."),
    "schedule.irregular_with_extra": (
        "Your sessions aren't regular: I prompt you around the one-off sessions you add, and "
        "/reflect works after any session."
    ),
    "schedule.irregular": (
        "Your sessions aren't regular, so I don't prompt you: /reflect after a session."
    ),
    "schedule.next_line": (
        "\n\nYour next session: <b>{session}</b>.\nI'll ask how it went: {prompt}."
    ),
    "schedule.note_line": "\nYour note for it comes: {note}.",
    "schedule.extra_line": "\n\nOne-off sessions: {sessions}.",
    "schedule.skipped_line": "\nSkipped: {days}.",
    "schedule.delay_line": "\n\nWhen I ask how a session went: {when}.",
    "schedule.delay_minutes": "{minutes} minutes after it ends",
    "schedule.quiet_line": "\nQuiet hours: {hours}.",
    "schedule.discreet_line": (
        "\nWording: discreet. What I send on my own never says what it's about."
    ),
    "schedule.explicit_line": (
        "\nWording: what I send on my own says it's about your therapy sessions."
    ),
    "schedule.ask_delay": "How long after a session ends should I ask how it went?",
    "schedule.delay_15": "right after it ends",
    "schedule.delay_60": "an hour after",
    "schedule.delay_120": "two hours after",
    "schedule.delay_180": "three hours after",
    "schedule.delay_set": "Done: I'll ask {when}. /schedule shows the next time.",
    "schedule.ask_quiet": "When should I stay quiet? Nothing comes from me in these hours.",
    "schedule.quiet_hours": "{start} to {end}",
    "schedule.quiet_none": "never: prompts may come at any hour",
    "schedule.quiet_set": "Done: quiet hours {hours}.",
    "schedule.ask_extra": (
        "When is the extra session? Type the day and time, like <i>Thursday 10:00</i>."
    ),
    "schedule.extra_by_text": "Please type the day and time, like <i>Thursday 10:00</i>.",
    "schedule.extra_unclear": (
        "I couldn't read that as a day and a time. Try <i>Thursday 10:00</i>, <i>tomorrow "
        "5pm</i> or <i>3 December 17:30</i>, or /cancel."
    ),
    "schedule.extra_no_day": (
        "I couldn't tell which day that is. Try <i>Thursday 10:00</i>, <i>tomorrow 5pm</i> "
        "or <i>3 December 17:30</i>, or /cancel."
    ),
    "schedule.extra_no_time": (
        "I found the day but not the time. Add it like <i>10:00</i> or <i>5pm</i>: "
        "<i>Thursday 10:00</i>, or /cancel."
    ),
    "schedule.extra_morning_or_evening": (
        "Morning or evening? Add am or pm, like <i>Thursday 6pm</i>, or use the 24-hour "
        "clock, like <i>Thursday 18:00</i>, or /cancel."
    ),
    "schedule.extra_past": (
        "That time has already passed. Which day and time is the session? Or /cancel."
    ),
    "schedule.extra_too_far": (
        "That's more than a year ahead. Which day and time is the session? Or /cancel."
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
    "schedule.neutral_on": (
        "Discreet again: what I send on my own won't say what it's about. The questions "
        "themselves come after you tap Start now."
    ),
    "schedule.neutral_off": (
        "From now on, what I send on my own says it's about your therapy sessions. Phones "
        "can show it on the lock screen."
    ),
    # The one-minute check-in between sessions (features/schedule/checkin_choice.py).
    "schedule.checkin_line": "\nCheck-in between sessions: {when}.",
    "schedule.checkin_when_off": "off",
    "schedule.checkin_when": "{days} at {time}",
    "schedule.checkin_when_quiet": (
        "{when}, but that's inside your quiet hours, so it doesn't come. Choose another time, "
        "or change the quiet hours"
    ),
    "schedule.checkin_every_day": "every day",
    "schedule.checkin_on_0": "Mondays",
    "schedule.checkin_on_1": "Tuesdays",
    "schedule.checkin_on_2": "Wednesdays",
    "schedule.checkin_on_3": "Thursdays",
    "schedule.checkin_on_4": "Fridays",
    "schedule.checkin_on_5": "Saturdays",
    "schedule.checkin_on_6": "Sundays",
    "schedule.ask_checkin_day": (
        "<b>A one-minute check-in between sessions.</b> On the day and at the time you "
        "choose, I ask how your day is going: one tap on a face, and a line if you like, "
        "which can go into your next note. None on days you have a session.\n{now}\n\n"
        "Which day?"
    ),
    "schedule.ask_checkin_time": (
        "<b>What time, {days}?</b> Tap one, or type it, like <i>19:00</i>, <i>7pm</i> or "
        "<i>half six</i>."
    ),
    "schedule.checkin_time_by_text": (
        "I can't read a photo, sticker or file here: please tap a time, or type it."
    ),
    "schedule.checkin_quiet": (
        "{time} is inside your quiet hours ({quiet}), when I don't send anything. How about "
        "{suggestion}? Tap a time, or type another."
    ),
    "schedule.checkin_set": (
        "Done: a check-in {when}. Not on days you have a session, and not while prompts are "
        "paused. /schedule changes it or turns it off."
    ),
    "schedule.checkin_off": (
        "Okay, no check-ins between sessions. /schedule turns them on again whenever you like."
    ),
    "button.checkin": "Check-in between sessions",
    "button.checkin_every_day": "Every day",
    "button.checkin_every_day_on": "\u2705 Every day",
    "button.checkin_off": "Off",
    # What the bot sends on its own. A lock screen shows the start of a message, lines run
    # together: by default (discreet) nothing in it says what it's about, and the
    # questions come after the client taps. The client may choose plain wording in /schedule.
    "prompt.reflection": (
        "A moment to look back? \U0001f33f\n\n"
        "Would you like to note a few thoughts from {when}? It takes about five minutes."
    ),
    "prompt.reminder": (
        "Just a gentle nudge \U0001f33f\n\n"
        "Your thoughts from {when} are still open, whenever you're ready. Or skip it: I won't "
        "ask about it again."
    ),
    "prompt.reflection_explicit": (
        "A moment to look back? \U0001f33f\n\n"
        "Your therapy session on {day} ended a little while ago. Would you like to "
        "reflect on it now? It takes about five minutes."
    ),
    "prompt.reminder_explicit": (
        "Just a gentle nudge \U0001f33f\n\n"
        "You haven't looked back on your session of {day} yet. Whenever you're ready, or "
        "skip it: I won't ask about it again."
    ),
    "prompt.today": "today",
    "prompt.when_later": "When should I ask again?",
    "prompt.skipped": "Okay, not this time. /reflect is there if you change your mind.",
    "toast.use_buttons": "Please choose on the buttons",
    "toast.choose_a_day": "Tap at least one day, or choose one of the options below",
    "toast.prompt_closed": "That prompt has closed; /reflect works any time.",
    "toast.snoozed": "Okay, I'll ask again then.",
    "button.day_on": "\u2705 {day}",
    "button.day_off": "{day}",
    "button.days_done": "Done",
    "button.irregular": "They aren't regular",
    "button.later": "Later",
    "button.time": "{time}",
    "button.time_current": "\u2705 {time}",
    "button.minutes": "{minutes} min",
    "button.minutes_current": "\u2705 {minutes} min",
    "button.weekly": "Every week",
    "button.fortnightly": "Every 2 weeks",
    "button.weekly_current": "\u2705 Every week",
    "button.fortnightly_current": "\u2705 Every 2 weeks",
    "button.change_sessions": "Change my sessions",
    "button.skip_next": "Skip the next one",
    "button.pause": "Pause prompts",
    "button.resume": "Resume prompts",
    "button.neutral_on": "Discreet wording",
    "button.neutral_off": "Say what messages are about",
    "button.start_now": "Start now",
    "button.quick_version": "Quick version",
    "button.add_extra": "Add a one-off session",
    "button.delay": "When I ask",
    "button.quiet": "Quiet hours",
    "button.delay_choice": "{when}",
    "button.quiet_choice": "{hours}",
    "button.quiet_none": "No quiet hours",
    "button.skip_this_time": "Skip this time",
    "button.hours": "In {hours} h",
    "command.schedule": "Your sessions, and when I message you",
    "command.skip": "No prompts around your next session",
    "command.pause": "Pause all prompts",
    "command.resume": "Start prompts again",
}

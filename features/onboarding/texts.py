"""Texts of getting started (welcome, time zone) and of the frame around every
conversation: /help, /cancel, what the bot says to something it can't use, to someone
who hasn't started, and when something goes wrong."""

from __future__ import annotations

# Where urgent help is, said once in the welcome and in /help.
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
    "time_zone.which_place": "There's more than one place called that. Which one do you mean?",
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
    "stranger.start": (
        "Hello. I don't keep anything about you at the moment, so let's begin at the "
        "start: send /start and I'll explain what I do. If you need help right now, "
        "send /urgent."
    ),
    "stranger.press": "I don't keep anything about you now. Send /start to begin.",
    "cancel.done": "Okay, I've stopped there. Nothing you've told me is lost.",
    "cancel.nothing": "There's nothing to cancel right now. /help shows what I can do.",
    "unknown_command": "I don't know that command. /help lists the ones I do.",
    "unknown_command.near": (
        "I don't know that command. Did you mean /{command}? /help lists the ones I do."
    ),
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
        "I only talk in a private chat, so that what you write isn't shown to a group. "
        "Open a chat with me directly: @{bot_username}"
    ),
    "private_only_short": "I only work in a private chat with you.",
    "toast.stale_button": "That button is from an earlier message and no longer does anything.",
    "toast.ok": "Okay",
    "button.zone": "{time_zone}",
    "button.place": "{place}",
    "button.none": "None of these",
    "command.start": "Begin, or see your settings",
    "command.timezone": "Show or change your time zone",
    "command.help": "What I can do",
    "command.cancel": "Stop what we're doing; nothing is lost",
}

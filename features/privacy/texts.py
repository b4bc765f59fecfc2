"""Texts of /privacy and /delete, and of who may use the bot (access)."""

from __future__ import annotations

EN: dict[str, str] = {
    "privacy": (
        "<b>What I keep, and who can see it</b>\n\n"
        "\u2022 Your time zone (and your country, if you set one with /country), your "
        "session times, and when I message you.\n"
        "\u2022 Your answers, goals, own questions, /fit checks, the lines you add to a "
        "check-in, /safetyplan and what you mean to raise next time, encrypted in the "
        "database. Ratings and check-in faces, dates, your session "
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
        "<b>Erase everything?</b> Your answers, ratings, check-ins, goals, questions, "
        "schedule and settings will be deleted for good (copies in the backups of "
        "whoever runs this bot stay until those backups expire). This can't be undone."
    ),
    "delete.done": (
        "Done: everything about you is erased. If you'd like to start again one day, "
        "/start is there. Take care."
    ),
    "delete.kept": "Nothing was deleted. Everything is as it was.",
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
    "button.delete_yes": "Yes, erase everything",
    "button.delete_no": "No, keep it",
    "command.privacy": "What I keep, and who can see it",
    "command.delete": "Erase everything about you",
}

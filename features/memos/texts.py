"""Texts of keeping something for the next note."""

from __future__ import annotations

EN: dict[str, str] = {
    "memo.offer": (
        "Thank you for writing. I'm not asking anything right now: would you like me to "
        "keep this for your next note, as something you want to bring up? If you add it, "
        "it's kept privately for you; /privacy says who could access it."
    ),
    "memo.kept": ("Added to your next note, under what you'd like to bring up. /note shows it."),
    "memo.kept_reflecting": "Added to your next note. Now, a few questions about your session.",
    "memo.left": "Okay, I haven't kept it.",
    "button.memo_add": "Add to my next note",
    "button.memo_reflect": "Reflect now",
    "button.memo_leave": "Leave it",
}

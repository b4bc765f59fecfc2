"""Texts of /language: which language the bot speaks with the client."""

from __future__ import annotations

EN: dict[str, str] = {
    "command.language": "The language I speak with you",
    "language.choose": (
        "Which language would you like me to speak? Earlier messages stay as they were."
    ),
    "language.only": "For now I can only speak English.",
    # Said in the language just chosen; {name} is that language's own name ("Deutsch").
    "language.set": "From now on I'll speak {name} with you.",
    "toast.language_unavailable": "I can't speak that language any more.",
    "button.language": "{name}",
    "button.language_current": "\u2705 {name}",
}

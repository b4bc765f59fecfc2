"""/language: the client chooses the language the bot speaks with them, from those whose
catalogue is complete (features/locale/). A button per language, each in its own name
("Deutsch", "Русский"). Choosing changes what is said from then on: earlier messages stay as
they are, and the confirmation comes in the new language."""

from __future__ import annotations

from features.kernel.formats import language_name
from features.kernel.texts import language_for, offered
from features.kernel.vocabulary import Button, Facts, Outcome, Press, Redraw, Reply, State, Toast
from features.language.effects import SetLanguage

PRESS = "lang:"


def show(state: State, facts: Facts) -> Outcome:
    """/language: the languages offered, the client's own marked. The client's step goes
    on where it was."""
    languages = offered()
    if len(languages) < 2:
        return Outcome(state, (Reply("language.only"),))
    current = language_for(facts.client.language)
    buttons = tuple(
        (
            Button(
                "button.language_current" if code == current else "button.language",
                f"{PRESS}{code}",
                {"name": language_name(code)},
            ),
        )
        for code in languages
    )
    return Outcome(state, (Reply("language.choose", buttons=buttons),))


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """A language pressed: speak it from now on, and say so in it (the menu becomes the
    confirmation). The client's step goes on where it was."""
    code = event.data.removeprefix(PRESS)
    if code not in offered():
        return Outcome(state, (Toast("toast.language_unavailable"),))
    confirmation = Reply("language.set", {"name": language_name(code)})
    return Outcome(state, (SetLanguage(code), Redraw(confirmation)))

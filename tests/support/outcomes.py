"""The one check of a flow's outcome that every flow test makes: what the bot would send
is known, renders, and Telegram would take it."""

from __future__ import annotations

from features.kernel.texts import CATALOGUE, plain, render
from features.kernel.vocabulary import Arg, Listed, Outcome, Redraw, Ref, Reply, Toast

# Telegram's limit on one message's text, in characters.
TELEGRAM_LIMIT = 4096


def ids_in(arg: Arg) -> set[str]:
    """Every catalogue id an argument refers to, however deeply."""
    if isinstance(arg, Ref):
        return {arg.text}.union(*(ids_in(a) for a in arg.args.values()))
    if isinstance(arg, Listed):
        return set().union(*(ids_in(item) for item in arg.items))
    if isinstance(arg, tuple):
        return set().union(*(ids_in(ref) for ref in arg))
    return set()  # words, a number, a date or a weekday


def check_outcome(outcome: Outcome) -> set[str]:
    """Known texts that render, buttons Telegram accepts, messages that fit in one; returns
    the catalogue ids the outcome used."""
    found: set[str] = set()
    for effect in outcome.effects:
        reply = effect.reply if isinstance(effect, Redraw) else effect
        if isinstance(reply, Reply):
            used = {reply.text}.union(*(ids_in(a) for a in reply.args.values()))
            for row in reply.buttons:
                for button in row:
                    assert 1 <= len(button.data.encode()) <= 64  # Telegram's callback_data limit
                    assert plain(button.label, **button.args)
                    used |= {button.label}.union(*(ids_in(a) for a in button.args.values()))
            assert used <= CATALOGUE["en"].keys(), used - CATALOGUE["en"].keys()
            found |= used
            assert len(render(reply.text, **reply.args)) <= TELEGRAM_LIMIT
        if isinstance(reply, Toast):
            assert reply.text in CATALOGUE["en"]
            found |= {reply.text}.union(*(ids_in(a) for a in reply.args.values()))
            assert plain(reply.text, **reply.args)
    return found

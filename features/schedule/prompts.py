"""The messages the bot sends on its own around a client's sessions, and their buttons.

Discretion: a lock screen shows a message's first lines run together, so by default a
prompt says nothing of what it is about (the questions come after Start now); a client can
choose plain wording in /schedule.

Buttons carry `p:<prompt id>:<action>`; the prompt must be the client's own, still open,
and not expired (4 days), or the press changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from features.common.loaded import ClientSchedule
from features.kernel.vocabulary import (
    Arg,
    Button,
    Day,
    Facts,
    Goto,
    Outcome,
    Press,
    Redraw,
    Ref,
    Reply,
    State,
    Toast,
)
from features.schedule.effects import ClosePrompts, SnoozePrompt
from features.schedule.loaded import PressedPrompt

PRESS = "p:"
SNOOZE_HOURS = (1, 2, 3, 4)
# Where "Start now" goes: a reflection begun for the prompt's session (features/reflection).
REFLECTION_BEGIN = "reflection.begin"


def reflection_prompt(
    prompt_id: int, session_date: date, neutral: bool, *, reminder: bool, today: date | None = None
) -> Reply:
    """ "Would you like to look back on your session?" with Start now / Quick version /
    Later / Skip;
    `today` is the client's local date, for "a few thoughts from today"."""
    text = "prompt.reminder" if reminder else "prompt.reflection"
    if not neutral:  # the client chose plain wording in /schedule
        text += "_explicit"
    when: Arg = Ref("prompt.today") if session_date == today else _day(session_date)
    return Reply(text, {"day": _day(session_date), "when": when}, _prompt_buttons(prompt_id))


# A prompt whose button was pressed has arrived, even if its send isn't recorded yet: the
# client can be quicker than the record's transaction (on another replica, say), and a
# replica starting marks sends under way elsewhere "interrupted".
RECEIVED = ("sent", "sending", "interrupted")


def press(state: State, event: Press, facts: Facts) -> Outcome:
    """Start now, Quick version, Later (then how many hours), or Skip this time."""
    parts = event.data.removeprefix(PRESS).split(":")
    prompt = facts[PressedPrompt].view
    if prompt is None or not parts[0].isdecimal() or int(parts[0]) != prompt.id:
        return Outcome(state, (Toast("toast.stale_button"),))
    open_kinds = ("reflection", "reminder")
    if (
        prompt.kind not in open_kinds
        or prompt.status not in RECEIVED
        or _expired(prompt.sent_at, facts)
    ):
        return Outcome(state, (Toast("toast.prompt_closed"),))
    action = parts[1] if len(parts) > 1 else ""
    if action in ("start", "quick"):
        # "Quick version", for busy days: the ratings and what to bring up next time.
        args = {"source": "prompt", "session_date": prompt.session_date}
        begin = Goto(REFLECTION_BEGIN, {**args, "quick": True} if action == "quick" else args)
        return Outcome(state, (ClosePrompts(prompt.session_date, "answered"), begin))
    if action == "later":
        hours = tuple(
            Button("button.hours", f"{PRESS}{prompt.id}:snooze:{h}", {"hours": str(h)})
            for h in SNOOZE_HOURS
        )
        return Outcome(state, (Redraw(Reply("prompt.when_later", buttons=(hours,))),))
    if (
        action == "snooze"
        and len(parts) == 3
        and parts[2].isdecimal()
        and int(parts[2]) in SNOOZE_HOURS
    ):
        return Outcome(state, (SnoozePrompt(prompt.id, int(parts[2])), Toast("toast.snoozed")))
    if action == "skip":
        return Outcome(
            state, (ClosePrompts(prompt.session_date, "skipped"), Reply("prompt.skipped"))
        )
    return Outcome(state, (Toast("toast.stale_button"),))


def _prompt_buttons(prompt_id: int) -> tuple[tuple[Button, ...], ...]:
    return (
        (
            Button("button.start_now", f"{PRESS}{prompt_id}:start"),
            Button("button.quick_version", f"{PRESS}{prompt_id}:quick"),
        ),
        (
            Button("button.later", f"{PRESS}{prompt_id}:later"),
            Button("button.skip_this_time", f"{PRESS}{prompt_id}:skip"),
        ),
    )


def _expired(sent_at: datetime | None, facts: Facts) -> bool:
    return (
        sent_at is not None
        and facts.now - sent_at > facts[ClientSchedule].prompt_prefs.expires_after
    )


def _day(session_date: date) -> Day:
    return Day(session_date)

"""Reading what the prompt buttons read (features/schedule/loaded.py), in the turn's
transaction."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from features.kernel.feature import Need
from features.kernel.vocabulary import Event, Facts, Press, State
from features.schedule.loaded import PressedPrompt, PromptView
from storage import schedules
from storage.models import User


def prompt_named(event: Event) -> int | None:
    """The prompt id a prompt button carries ("p:<id>:<action>")."""
    if isinstance(event, Press) and event.data.startswith("p:"):
        raw = event.data.split(":")[1] if event.data.count(":") >= 1 else ""
        return int(raw) if raw.isdecimal() else None
    return None


async def load_prompt(
    session: AsyncSession, user: User, state: State, event: Event, facts: Facts
) -> PressedPrompt:
    prompt_id = prompt_named(event)
    if prompt_id is None:
        return PressedPrompt()
    found = await schedules.of_client(session=session, user_id=user.id, prompt_id=prompt_id)
    if found is None or found.id is None:
        return PressedPrompt()
    sent_at = found.sent_at or found.due_at
    return PressedPrompt(
        PromptView(found.id, found.kind, found.session_date, found.status, sent_at)
    )


PROMPT = Need(PressedPrompt, load_prompt)

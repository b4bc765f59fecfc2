"""What the prompt buttons read, as loaded in the turn (features/schedule/loaders.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class PromptView:
    """A prompt the bot sent the client, as named by a pressed button."""

    id: int
    kind: str
    session_date: date
    status: str
    # When it was sent; for one whose send isn't recorded (under way, or interrupted by a
    # process that died), when it came due: its buttons expire all the same.
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class PressedPrompt:
    """The prompt a pressed button names, if it is one of the client's."""

    view: PromptView | None = None

"""What several features read of the client, as loaded in the turn (features/common/loaders.py
reads them): their active goals and own questions, their schedule and prompt preferences,
and the serial of their last reflection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from features.common.session_times import PromptPreferences, SessionSchedule


@dataclass(frozen=True, slots=True)
class Goals:
    """The client's active goals: id -> their words."""

    texts: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OwnQuestions:
    """The client's active own questions: id -> their words."""

    texts: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClientSchedule:
    """Their sessions and prompt preferences, if they set a schedule."""

    schedule: SessionSchedule | None = None
    prompt_prefs: PromptPreferences = field(default_factory=PromptPreferences)
    neutral_wording: bool = True  # discreet unless the client chose plain wording


@dataclass(frozen=True, slots=True)
class LastSerial:
    """The serial of the client's latest reflection (0: none yet)."""

    serial: int = 0

"""An optional flood limit like Telegram's: messages per second over all chats, and per chat.

Telegram documents the limits loosely ("about 30 messages per second" overall; "avoid more
than one message per second" in one chat, "short bursts" allowed) and publishes no burst
sizes. So each limit here is a token bucket: it refills at its rate and holds at most its
burst. Overall the burst is one second's worth (what PTB's AIORateLimiter assumes too); per
chat it is 3 messages (a bot's answer is often two or three messages at once; a fourth within
the same second is refused). A call over either limit is answered 429 with a whole-seconds
`retry_after`, as Telegram does, and changes nothing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from emulator.errors import ApiError, error_for_status

# Methods that put a message in a chat or change one; sendChatAction, answers to button
# presses, deletions and the bot's own settings are not messages.
_COUNTED_PREFIXES = ("send", "edit", "copy", "forward")
_NOT_COUNTED = frozenset({"sendchataction"})


def counts_as_message(method: str) -> bool:
    """Whether a call of this Bot API method is held to the flood limit."""
    key = method.lower()
    return key.startswith(_COUNTED_PREFIXES) and key not in _NOT_COUNTED


@dataclass(frozen=True)
class FloodLimit:
    """How many messages the emulator accepts: overall and in any one chat."""

    per_second: float = 30.0
    per_chat_per_second: float = 1.0
    per_chat_burst: float = 3.0
    # None: one second's worth, `per_second`.
    burst: float | None = None

    def __post_init__(self) -> None:
        if self.per_second <= 0 or self.per_chat_per_second <= 0:
            raise ValueError("flood limit rates must be positive")
        if self.per_chat_burst < 1 or (self.burst is not None and self.burst < 1):
            raise ValueError("a flood limit must allow a burst of at least one message")


@dataclass
class _Bucket:
    rate: float
    capacity: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self) -> float:
        """Seconds until one token is there (0 if it is, give or take float rounding)."""
        missing = 1.0 - self.tokens
        return missing / self.rate if missing > 1e-9 else 0.0


@dataclass
class FloodGate:
    """Applies a FloodLimit to calls as they come, and counts what it refused."""

    limit: FloodLimit
    clock: Callable[[], float] = time.monotonic
    # 429s answered because all chats together, or one chat, went over the limit.
    refused_overall: int = 0
    refused_in_chat: int = 0
    _overall: _Bucket = field(init=False)
    _chats: dict[int, _Bucket] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        capacity = self.limit.burst if self.limit.burst is not None else self.limit.per_second
        self._overall = _Bucket(self.limit.per_second, capacity, capacity, self.clock())

    def admit(self, method: str, chat_id: object) -> ApiError | None:
        """Take one message from the budgets, or the 429 to answer instead (taking nothing)."""
        if not counts_as_message(method):
            return None
        now = self.clock()
        self._overall.refill(now)
        chat = self._chat(chat_id, now)
        in_chat = chat.wait() if chat is not None else 0.0
        wait = max(self._overall.wait(), in_chat)
        if wait > 0:
            if in_chat > 0:
                self.refused_in_chat += 1
            else:
                self.refused_overall += 1
            # Telegram's retry_after is whole seconds, at least one.
            return error_for_status(429, max(1, math.ceil(wait)))
        self._overall.tokens -= 1
        if chat is not None:
            chat.tokens -= 1
        return None

    @property
    def refused(self) -> int:
        """Every 429 the limit has answered."""
        return self.refused_overall + self.refused_in_chat

    def _chat(self, chat_id: object, now: float) -> _Bucket | None:
        """The chat's bucket, refilled; None for a call naming no chat by number."""
        try:
            key = int(str(chat_id))
        except ValueError:
            return None  # an @username or no chat_id: the overall limit only
        bucket = self._chats.get(key)
        if bucket is None:
            burst = self.limit.per_chat_burst
            bucket = self._chats[key] = _Bucket(self.limit.per_chat_per_second, burst, burst, now)
        bucket.refill(now)
        return bucket

"""What a fan-out is asked for and what it produced: shared by benchmarks.fanout, which
measures, and benchmarks.fanout_report, which turns it into rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Options:
    """What `python -m benchmarks fanout` was asked for."""

    clients: int = 3000
    limit: float = 300.0  # messages/s: the emulator's flood limit
    # The bot is told to send this much less (TELEGRAM_MAX_MESSAGES_PER_SECOND), as an
    # operator leaves headroom: at exactly the limit, the network's jitter bunches a few
    # sends together and the server refuses one, and each refusal holds that chat's sends
    # for over a second (handlers.pacing).
    headroom: float = 0.02
    database: str = "sqlite"
    dispatch_interval: float = 1.0
    probe_every: float = 0.5  # a client presses "Start now" this often during the fan-out
    idle_probes: int = 10
    # No new prompt for this long: the bot has stopped sending; the rest count as lost.
    stall_seconds: float = 30.0

    @property
    def bot_limit(self) -> float:
        """What the bot is told it may send, messages/s."""
        return self.limit * (1 - self.headroom)


@dataclass
class Probe:
    """One client's press of "Start now" and when the bot's answer reached the emulator."""

    user: int
    pressed: float
    answered: float | None = None

    @property
    def seconds(self) -> float | None:
        return None if self.answered is None else self.answered - self.pressed


@dataclass
class Run:
    """What one fan-out produced."""

    options: Options
    delivered: Counter[int] = field(default_factory=Counter)  # client -> prompts received
    first: float = float("nan")
    last: float = float("nan")
    # Every message the limit let through from the first prompt to the last, not only prompts.
    accepted: int = 0
    refused_overall: int = 0
    refused_in_chat: int = 0
    during: list[Probe] = field(default_factory=list)
    idle: list[Probe] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    bot_cpu: float = float("nan")
    harness_cpu: float = float("nan")
    error: str | None = None

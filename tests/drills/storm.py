"""A bad day at Telegram: 5xx to every 10th call, bursts of 429 with retry_after, slow
answers, answers that come after the bot stopped waiting, and requests lost on the way."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass, field

from emulator import Emulator

# PTB gives up on an answer after 5 s (its default read timeout); these come later.
TOO_LATE = 6.0


@dataclass
class Storm:
    """Injects faults into the emulator at random moments until stopped; counts them."""

    emulator: Emulator
    rng: random.Random
    kinds: tuple[str, ...] = ("429", "slow", "timed out")
    every: tuple[int, int] = (10, 30)  # calls between two faults, at random in this range
    injected: Counter[str] = field(default_factory=Counter)
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Every 10th call fails from now on (polls counted apart), and the rest at random."""
        self.emulator.fail_every(10, 500)
        self.emulator.fail_every(10, 502, methods={"getUpdates"})
        self._stopping.clear()
        self._task = asyncio.create_task(self._blow())

    async def stop(self) -> None:
        """No more faults; those already injected are dropped."""
        self._stopping.set()
        if self._task is not None:
            await self._task
        self.emulator.clear_faults()

    async def _blow(self) -> None:
        # By calls, not by time: faults come at a rate per call, as Telegram's do, so a bot
        # slowed down by one fault isn't hit by more for it.
        seen = len(self.emulator.calls)
        gap = self.rng.randint(*self.every)
        while not self._stopping.is_set():
            try:
                await asyncio.wait_for(self._stopping.wait(), 0.05)
                return
            except TimeoutError:
                pass
            if len(self.emulator.calls) - seen < gap:
                continue
            seen, gap = len(self.emulator.calls), self.rng.randint(*self.every)
            self._inject(self.rng.choice(self.kinds))

    def _inject(self, kind: str) -> None:
        self.injected[kind] += 1
        if kind == "429":
            burst = self.rng.randint(2, 4)
            self.emulator.fail_next(burst, 429, retry_after=1)
        elif kind == "slow":
            self.emulator.slow_next(1, self.rng.uniform(0.5, 2.5))
        elif kind == "timed out":
            # Carried out, but the answer comes after the bot gave up waiting.
            self.emulator.slow_next(1, TOO_LATE)
        elif kind == "lost":
            # Never carried out: the bot gives up waiting first.
            self.emulator.stall_next(1, TOO_LATE)

    def answered(self) -> Counter[str]:
        """Failed answers the emulator gave, by status."""
        return Counter(str(call.status) for call in self.emulator.calls if not call.ok)

"""Fault injection: scripted failures and delays for the bot's next API calls."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from emulator.errors import ApiError, error_for_status

logger = logging.getLogger(__name__)

# With no explicit methods a fault skips getUpdates: a polling bot calls it constantly,
# so "the next call" would otherwise almost always be a poll, making tests flaky.
_UNTARGETED_SKIP = frozenset({"getupdates"})


@dataclass
class _Rule:
    remaining: int
    methods: frozenset[str] | None
    error: ApiError | None = None
    delay: float = 0.0

    def matches(self, method: str) -> bool:
        key = method.lower()
        if self.methods is None:
            return key not in _UNTARGETED_SKIP
        return key in self.methods


def _method_set(methods: Iterable[str] | None) -> frozenset[str] | None:
    if methods is None:
        return None
    if isinstance(methods, str):
        methods = [methods]
    return frozenset(m.lower() for m in methods)


class FaultPlan:
    """Queued failure and delay rules, each consumed by matching calls in the order added."""

    def __init__(self) -> None:
        self._failures: list[_Rule] = []
        self._delays: list[_Rule] = []

    def fail_next(
        self,
        n: int,
        status: int,
        *,
        retry_after: int | None = None,
        methods: Iterable[str] | None = None,
        description: str | None = None,
    ) -> None:
        """Answer the next `n` matching calls with `status` instead of executing them."""
        error = error_for_status(status, retry_after)
        if description is not None:
            error = ApiError(status, description, error.retry_after)
        self._failures.append(_Rule(n, _method_set(methods), error=error))

    def slow_next(self, n: int, delay: float, methods: Iterable[str] | None = None) -> None:
        """Delay the response to the next `n` matching calls by `delay` seconds."""
        self._delays.append(_Rule(n, _method_set(methods), delay=delay))

    def clear(self) -> None:
        """Drop every rule not yet consumed."""
        self._failures.clear()
        self._delays.clear()

    def pending(self) -> int:
        """How many faulted calls are still to come."""
        return sum(r.remaining for r in self._failures + self._delays)

    def take_failure(self, method: str) -> ApiError | None:
        """Consume the first failure rule matching `method`, if any."""
        rule = _take(self._failures, method)
        if rule is not None:
            logger.info("injecting %s into %s", rule.error and rule.error.status, method)
            return rule.error
        return None

    def take_delay(self, method: str) -> float:
        """Consume the first delay rule matching `method`; 0 if none."""
        rule = _take(self._delays, method)
        return rule.delay if rule is not None else 0.0


def _take(rules: list[_Rule], method: str) -> _Rule | None:
    for rule in rules:
        if rule.matches(method):
            rule.remaining -= 1
            if rule.remaining <= 0:
                rules.remove(rule)
            return rule
    return None

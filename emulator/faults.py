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


@dataclass
class _Every(_Rule):
    """Fails every `nth` matching call, until cleared."""

    nth: int = 10
    seen: int = 0


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
        self._stalls: list[_Rule] = []
        self._periodic: list[_Every] = []

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

    def fail_every(
        self,
        nth: int,
        status: int,
        *,
        retry_after: int | None = None,
        methods: Iterable[str] | None = None,
    ) -> None:
        """Answer every `nth` matching call with `status`, from now until cleared."""
        if nth < 1:
            raise ValueError("nth must be 1 or more")
        error = error_for_status(status, retry_after)
        self._periodic.append(_Every(0, _method_set(methods), error=error, nth=nth))

    def slow_next(self, n: int, delay: float, methods: Iterable[str] | None = None) -> None:
        """Delay the response to the next `n` matching calls by `delay` seconds."""
        self._delays.append(_Rule(n, _method_set(methods), delay=delay))

    def stall_next(self, n: int, delay: float, methods: Iterable[str] | None = None) -> None:
        """Hold the next `n` matching calls for `delay` seconds before carrying them out."""
        self._stalls.append(_Rule(n, _method_set(methods), delay=delay))

    def clear(self) -> None:
        """Drop every rule not yet consumed."""
        self._failures.clear()
        self._delays.clear()
        self._stalls.clear()
        self._periodic.clear()

    def pending(self) -> int:
        """How many faulted calls are still to come (not counting `fail_every`)."""
        return sum(r.remaining for r in self._failures + self._delays + self._stalls)

    def take_failure(self, method: str) -> ApiError | None:
        """Consume the first failure rule matching `method`, if any; else count the call
        against every `fail_every` rule, the first one whose turn it is failing it."""
        rule = _take(self._failures, method)
        if rule is None:
            rule = _count(self._periodic, method)
        if rule is not None:
            logger.info("injecting %s into %s", rule.error and rule.error.status, method)
            return rule.error
        return None

    def take_delay(self, method: str) -> float:
        """Consume the first delay rule matching `method`; 0 if none."""
        rule = _take(self._delays, method)
        return rule.delay if rule is not None else 0.0

    def take_stall(self, method: str) -> float:
        """Consume the first stall rule matching `method`; 0 if none."""
        rule = _take(self._stalls, method)
        return rule.delay if rule is not None else 0.0


def _take(rules: list[_Rule], method: str) -> _Rule | None:
    for rule in rules:
        if rule.matches(method):
            rule.remaining -= 1
            if rule.remaining <= 0:
                rules.remove(rule)
            return rule
    return None


def _count(rules: list[_Every], method: str) -> _Every | None:
    due = None
    for rule in rules:
        if rule.matches(method):
            rule.seen += 1
            if due is None and rule.seen % rule.nth == 0:
                due = rule
    return due

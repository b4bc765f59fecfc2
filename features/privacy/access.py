"""Who may use a practice's bot, how each client came in, and how access is taken back.

A client is admitted by the allow-list (ALLOWED_USER_IDS), by an invite code ("/start
CODE"), or because the bot is open to all; the way is stored with the client
(`users.admission`: "listed", "invite:<keyed hash of the code>", "open"; "revoked" once
`python -m bot revoke` took it back). The code itself is never stored: a keyed hash proves
which code it was without letting a copy of the database hand it out again.

With ACCESS_STRICT, a client is let in only while the way they came in still holds: their
id still listed, or their code still in INVITE_CODES. Without it, a client once admitted
stays admitted (until revoked).

Guessing codes is limited per sender, and a refused sender is answered once a window,
then not at all: both kept in this process's memory (a restart forgets them, which costs a
guesser a restart of someone else's bot), bounded in size.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

LISTED = "listed"
OPEN = "open"
REVOKED = "revoked"
_INVITE = "invite:"

# Failed invite codes a sender may try in a window; after that, nothing they send is
# checked or answered until the window has passed.
INVITE_TRIES = 5
WINDOW = timedelta(hours=1)
# Senders remembered at most (the oldest forgotten first): a flood of made-up ids can't
# grow the process without bound.
REMEMBERED = 10_000


_Memory = TypeVar("_Memory")


class CodeTags:
    """The keyed hash an invite code is stored by: HMAC-SHA256 under a key derived from
    the deployment's encryption key (its own, so a tag reveals nothing of that key)."""

    def __init__(self, secret: bytes) -> None:
        self._key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"invite codes"
        ).derive(secret)

    def __call__(self, code: str) -> str:
        """How a client admitted by `code` is marked ("invite:<hash>")."""
        digest = hmac.new(self._key, code.encode("utf-8"), hashlib.sha256).hexdigest()
        return _INVITE + digest[:32]


def admission_holds(
    admission: str | None,
    user_id: int,
    *,
    listed: frozenset[int],
    invites: Iterable[str],
    strict: bool,
    tags: CodeTags,
) -> bool:
    """Whether a client the bot knows may go on. A revoked one never; a listed id always;
    otherwise, in strict mode on a bot for some people only, while their invite code is
    still offered."""
    if admission == REVOKED:
        return False
    invites = tuple(invites)
    if user_id in listed or not strict or not (listed or invites):
        return True
    if admission is not None and admission.startswith(_INVITE):
        return any(hmac.compare_digest(admission, tags(code)) for code in invites)
    return False


@dataclass
class Doorkeeper:
    """What this process remembers of senders at the door: their failed codes and when
    each was last refused."""

    failures: OrderedDict[int, list[datetime]] = field(default_factory=OrderedDict)
    refused: OrderedDict[int, datetime] = field(default_factory=OrderedDict)

    def may_try_code(self, sender: int, now: datetime) -> bool:
        """Whether a code from this sender is still looked at in this window."""
        return len(self._recent_failures(sender, now)) < INVITE_TRIES

    def code_failed(self, sender: int, now: datetime) -> int:
        """Note a wrong code; returns how many this sender got wrong in the window."""
        recent = [*self._recent_failures(sender, now), now]
        self.failures[sender] = recent
        self.failures.move_to_end(sender)
        _forget_oldest(self.failures)
        return len(recent)

    def should_answer_refusal(self, sender: int, now: datetime) -> bool:
        """Whether to tell this sender they are refused: once a window, then silence."""
        last = self.refused.get(sender)
        if last is not None and now - last < WINDOW:
            return False
        self.refused[sender] = now
        self.refused.move_to_end(sender)
        _forget_oldest(self.refused)
        return True

    def _recent_failures(self, sender: int, now: datetime) -> list[datetime]:
        return [moment for moment in self.failures.get(sender, []) if now - moment < WINDOW]


def _forget_oldest(memory: OrderedDict[int, _Memory]) -> None:
    while len(memory) > REMEMBERED:
        memory.popitem(last=False)

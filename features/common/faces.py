"""The five faces of the check-in between sessions, 1 (a hard day) to 5 (a great one): the
check-in asks with them, /summary and /export show them."""

from __future__ import annotations

FACES = {1: "\U0001f61e", 2: "\U0001f641", 3: "\U0001f610", 4: "\U0001f642", 5: "\U0001f604"}

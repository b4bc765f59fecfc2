"""Reading what the bot stored, as an operator would: the storage functions and the key file,
and checking it against what each client meant to answer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage import clients, reflections
from storage.db import Database
from tests.support.databases import encrypted_engine
from tests.support.players import Answer


@dataclass(frozen=True)
class Stored:
    """One reflection as stored: whether it was finished, and each answer (decrypted)."""

    serial: int
    complete: bool
    finished: bool
    answers: dict[str, tuple[int | None, str | None, bool]]  # rating, text, skipped


async def read_reflections(
    database_url: str, key_file: Path, users: list[int]
) -> dict[int, list[Stored]]:
    """Every reflection of each client, oldest first, with its answers decrypted."""
    engine = encrypted_engine(database_url, key_file=key_file)
    database = Database(engine)
    found: dict[int, list[Stored]] = {}
    try:
        async with database.transaction() as session:
            for user in users:
                assert await clients.get_user(session=session, user_id=user) is not None, user
                found[user] = []
                last = await reflections.last_serial(session=session, user_id=user)
                for serial in range(1, last + 1):
                    row = await reflections.by_serial(session=session, user_id=user, serial=serial)
                    assert row is not None and row.id is not None, (user, serial)
                    answers = await reflections.answers_to(session=session, reflection_id=row.id)
                    found[user].append(
                        Stored(
                            serial,
                            row.complete,
                            row.finished_at is not None,
                            {a.question: (a.rating, a.text, a.skipped) for a in answers},
                        )
                    )
    finally:
        await engine.dispose()
    return found


def expected(plan: dict[str, Answer]) -> dict[str, tuple[int | None, str | None, bool]]:
    """The answers as they should be stored: a rating, a text, or a skip."""
    return {key: _as_stored(want) for key, want in plan.items()}


def _as_stored(want: Answer) -> tuple[int | None, str | None, bool]:
    if isinstance(want, int):
        return want, None, False
    if isinstance(want, str):
        return None, want, False
    return None, None, True


def problems(plan: dict[str, Answer], stored: list[Stored]) -> list[str]:
    """What is wrong with one client's reflections: none means every answer is there once,
    with the value given, in one finished reflection; any other reflection holds nothing."""
    finished = [r for r in stored if r.complete]
    if len(finished) != 1:
        return [f"{len(finished)} finished reflections: {stored}"]
    found: list[str] = []
    want = expected(plan)
    got = finished[0].answers
    for key in sorted(set(want) | set(got)):
        if got.get(key) != want.get(key):
            found.append(f"{key}: stored {got.get(key)!r}, answered {want.get(key)!r}")
    for other in stored:
        if other is not finished[0] and other.answers:
            found.append(f"reflection {other.serial} holds answers: {other.answers}")
    return found

"""The /fit part of /export (features/fit/export.py), read from a real database: every
finished check of the client's, oldest first, as data and as worded results."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from features import router  # noqa: F401  (installs the catalogue the results are worded from)
from features.fit.export import fit_results
from storage import clients, fits
from storage.db import Database

NOW = datetime(2026, 11, 24, 18, 50, tzinfo=UTC)
LATER = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)


async def test_every_finished_check_is_exported_with_what_changed(engine: AsyncEngine) -> None:
    database = Database(engine)
    async with database.transaction() as session:
        for user_id in (1, 2):
            await clients.get_or_create_user(
                session=session, user_id=user_id, chat_id=user_id, language="en"
            )
        for serial, feels_right, finished in ((1, "yes", NOW), (2, "no", LATER), (3, "no", None)):
            await fits.start(
                session=session, user_id=1, serial=serial, seeing_therapist=True, at=NOW
            )
            await fits.save_choice(
                session=session, user_id=1, serial=serial, item="q.feels_right", choice=feels_right
            )
            if finished is not None:  # the third is still open: not exported
                await fits.finish(session=session, user_id=1, serial=serial, at=finished)
        await fits.start(session=session, user_id=2, serial=1, seeing_therapist=False, at=NOW)
        await fits.finish(session=session, user_id=2, serial=1, at=NOW)

    async with database.transaction() as session:
        data, worded = await fit_results(session, 1, "Europe/Berlin", "en")

    assert data == [
        {
            "check": 1,
            "seeing_therapist": True,
            "answers": {"q.feels_right": "yes"},
            "finished_at": NOW.isoformat(),
        },
        {
            "check": 2,
            "seeing_therapist": True,
            "answers": {"q.feels_right": "no"},
            "finished_at": LATER.isoformat(),
        },
    ]
    assert [heading for heading, _ in worded] == [
        "Check of Tuesday 24 November",
        "Check of Tuesday 22 December",
    ]
    first, second = (lines for _, lines in worded)
    assert "\u2022 It feels right: Yes \u2192 No" in second
    assert not any("\u2192" in line for line in first)  # nothing before the first to change
    assert all("<" not in line for lines in (first, second) for line in lines)

"""While the database is down, one transaction at a time tries it and the others share what
it found: said once in the log, and no one turned away by a try older than themselves."""

from __future__ import annotations

import asyncio
import logging

import pytest

from storage.outage import DatabaseUnreachable, Outage


async def test_an_outage_is_said_once_and_its_waiters_share_the_try_under_way(
    caplog: pytest.LogCaptureFixture,
):
    ended: list[str] = []
    outage = Outage("db.example", lambda: ended.append("idle connections"))
    assert await outage.admit() is None  # up: nothing to wait for
    with caplog.at_level(logging.WARNING, logger="storage.outage"):
        outage.failed(None, "no answer in time")
        outage.failed(None, "no answer in time")  # another turn in flight, same outage
    assert ended == ["idle connections"]
    assert [r.getMessage() for r in caplog.records] == [
        "The database at db.example isn't answering: no answer in time. Clients who write "
        "are told nothing can be saved right now and to try again shortly; what was saved "
        "before is safe"
    ]

    trying = await outage.admit()  # the first to come tries the database
    assert trying is not None
    waiting = [asyncio.ensure_future(outage.admit()) for _ in range(3)]
    await asyncio.sleep(0.05)
    assert not any(w.done() for w in waiting)
    outage.failed(trying, "no answer in time")
    outage.settle(trying)
    # That try began before they came: not news to them. One of them tries afresh...
    await asyncio.sleep(0.05)
    (prober,) = [w for w in waiting if w.done()]
    fresh = prober.result()
    assert fresh is not None
    outage.failed(fresh, "no answer in time")
    outage.settle(fresh)
    # ... and that one began after the others came: they are told.
    for other in (w for w in waiting if w is not prober):
        with pytest.raises(DatabaseUnreachable, match="no answer in time"):
            await other


async def test_once_a_try_gets_through_everyone_waiting_goes_ahead():
    outage = Outage("db.example", lambda: None)
    outage.failed(None, "the connection failed (ConnectionRefusedError)")
    trying = await outage.admit()
    waiting = [asyncio.ensure_future(outage.admit()) for _ in range(3)]
    await asyncio.sleep(0)
    outage.answered(trying)
    outage.settle(trying)
    assert await asyncio.gather(*waiting) == [None, None, None]
    assert await outage.admit() is None


async def test_a_cancelled_try_lets_the_next_one_try():
    outage = Outage("db.example", lambda: None)
    outage.failed(None, "no answer in time")
    trying = await outage.admit()
    outage.settle(trying)  # cancelled: neither failed nor answered
    assert await outage.admit() is not None

"""Storing what the schedule decided: the client's sessions and each change to them, after
which their prompts are planned afresh; and what became of a prompt they answered.

The client's time zone is stored here too: their prompts are planned in it, so a new zone
plans them again at the same wall-clock times.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from features.common.loaders import preferences_of, schedule_of
from features.common.session_times import (
    NOT_REGULAR,
    first_session_date,
    next_session,
    out_of_quiet_hours,
    without_session,
)
from features.kernel.profile import SaveTimeZone
from features.kernel.store import Store, StoreContext
from features.schedule.effects import (
    AddExtraSession,
    ClosePrompts,
    SaveSchedule,
    SetCheckIn,
    SetNeutralWording,
    SetPaused,
    SetQuietHours,
    SetReflectionDelay,
    SkipNextSession,
    SnoozePrompt,
)
from features.schedule.planning import plan
from storage import clients, schedules
from storage.models import Schedule

# Quiet hours that start and end at the same time are none.
NO_QUIET_HOURS = ("00:00", "00:00")


async def plan_prompts(
    session: AsyncSession, row: Schedule, time_zone: str | None, now: datetime, *, afresh: bool
) -> None:
    """Plan the client's prompts from `now`: `afresh` after the schedule changed (pending
    ones are dropped first), else only adding what is missing."""
    if time_zone is None:
        return
    planned = plan(schedule_of(row, time_zone), preferences_of(row), now)
    if afresh:
        await schedules.replan(session=session, user_id=row.user_id, planned=planned)
    else:
        await schedules.ensure(session=session, user_id=row.user_id, planned=planned)


async def save_time_zone(effect: SaveTimeZone, ctx: StoreContext) -> None:
    """The client's time zone; their prompts, if they have a schedule, planned again at
    the same wall-clock times in it."""
    zone = effect.time_zone
    await clients.set_time_zone(session=ctx.session, user_id=ctx.user.id, time_zone=zone)
    ctx.user.time_zone = zone
    row = await schedules.get_schedule(session=ctx.session, user_id=ctx.user.id)
    if row is not None:
        await plan_prompts(ctx.session, row, zone, ctx.now, afresh=True)


async def save_schedule(effect: SaveSchedule, ctx: StoreContext) -> None:
    """The client's usual sessions, from the next one on: skipped and extra sessions of
    the old schedule are dropped."""
    zone = ctx.user.time_zone
    start = time.fromisoformat(effect.start)
    regular = effect.every_weeks != NOT_REGULAR and effect.weekdays and zone is not None
    anchor = (
        first_session_date(effect.weekdays, start, zone, ctx.now)
        if regular and zone is not None
        else ctx.now.date()
    )
    row = await schedules.get_schedule(session=ctx.session, user_id=ctx.user.id)
    row = row or Schedule(user_id=ctx.user.id, start_time=effect.start, anchor=anchor)
    row.weekdays = list(effect.weekdays)
    row.start_time = effect.start
    row.duration_minutes = effect.duration_minutes
    row.every_weeks = effect.every_weeks
    row.anchor = anchor
    row.skipped, row.extra = [], []
    await _replan(ctx, row)


async def skip_next_session(effect: SkipNextSession, ctx: StoreContext) -> None:
    """The client's next session left out (nothing to leave out: nothing changes)."""
    row = await _schedule(ctx)
    if row is None:
        return
    zone = ctx.user.time_zone
    if zone is not None:
        current = schedule_of(row, zone)
        upcoming = next_session(current, ctx.now)
        if upcoming is not None:
            changed = without_session(current, upcoming)
            row.skipped = sorted(day.isoformat() for day in changed.skipped)
            row.extra = [moment.isoformat() for moment in changed.extra]
    await _replan(ctx, row)


async def set_paused(effect: SetPaused, ctx: StoreContext) -> None:
    """No prompts while paused; planned again on resuming."""
    row = await _schedule(ctx)
    if row is not None:
        row.paused = effect.paused
        await _replan(ctx, row)


async def set_neutral_wording(effect: SetNeutralWording, ctx: StoreContext) -> None:
    """Prompts worded without therapy in them, or as usual."""
    row = await _schedule(ctx)
    if row is not None:
        row.neutral_wording = effect.on
        await _replan(ctx, row)


async def set_reflection_delay(effect: SetReflectionDelay, ctx: StoreContext) -> None:
    """How long after a session its reflection prompt comes."""
    row = await _schedule(ctx)
    if row is not None:
        row.reflection_delay_minutes = effect.minutes
        await _replan(ctx, row)


async def set_quiet_hours(effect: SetQuietHours, ctx: StoreContext) -> None:
    """The hours no prompt comes in, or none."""
    row = await _schedule(ctx)
    if row is None:
        return
    start, end = effect.start, effect.end
    if start is None or end is None:
        row.quiet_start, row.quiet_end = NO_QUIET_HOURS
    else:
        row.quiet_start, row.quiet_end = f"{start:%H:%M}", f"{end:%H:%M}"
    await _replan(ctx, row)


async def set_checkin(effect: SetCheckIn, ctx: StoreContext) -> None:
    """The check-in between sessions chosen, changed or turned off: planned afresh, so a
    pending one moves to the new time or is cancelled."""
    row = await _schedule(ctx)
    if row is None:
        return
    row.checkin_days = sorted(set(effect.weekdays)) if effect.at else []
    row.checkin_time = effect.at if effect.weekdays else None
    await _replan(ctx, row)


async def add_extra_session(effect: AddExtraSession, ctx: StoreContext) -> None:
    """A one-off session besides the usual ones (the same one twice is one)."""
    row = await _schedule(ctx)
    if row is not None:
        row.extra = sorted({*row.extra, effect.at.isoformat()})
        await _replan(ctx, row)


async def close_prompts(effect: ClosePrompts, ctx: StoreContext) -> None:
    """A session's reflection prompt answered or skipped: no reminder follows."""
    await schedules.close_session_prompts(
        session=ctx.session,
        user_id=ctx.user.id,
        session_date=effect.session_date,
        status=effect.status,
    )


async def snooze_prompt(effect: SnoozePrompt, ctx: StoreContext) -> None:
    """The prompt asked again in a few hours, moved out of the client's quiet hours."""
    due = ctx.now + timedelta(hours=effect.hours)
    row = await _schedule(ctx)
    if row is not None and ctx.user.time_zone is not None:
        due = out_of_quiet_hours(due, ctx.user.time_zone, preferences_of(row))
    await schedules.snooze(
        session=ctx.session, user_id=ctx.user.id, prompt_id=effect.prompt_id, due_at=due
    )


async def _schedule(ctx: StoreContext) -> Schedule | None:
    return await schedules.get_schedule(session=ctx.session, user_id=ctx.user.id)


async def _replan(ctx: StoreContext, row: Schedule) -> None:
    """The changed schedule stored, and the client's prompts planned afresh from now."""
    await schedules.save_schedule(session=ctx.session, schedule=row)
    await plan_prompts(ctx.session, row, ctx.user.time_zone, ctx.now, afresh=True)


STORE: Store = {
    SaveTimeZone: save_time_zone,
    SaveSchedule: save_schedule,
    SkipNextSession: skip_next_session,
    SetPaused: set_paused,
    SetNeutralWording: set_neutral_wording,
    SetReflectionDelay: set_reflection_delay,
    SetQuietHours: set_quiet_hours,
    AddExtraSession: add_extra_session,
    SetCheckIn: set_checkin,
    ClosePrompts: close_prompts,
    SnoozePrompt: snooze_prompt,
}

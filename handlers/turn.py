"""One turn of a client's conversation, as Telegram brings it: the turn itself (load, step,
store: features.kernel.engine) in a transaction tried again while the database is locked,
then the reply.

The answer and the state that follows it are written in one transaction; messages go out
only after it commits, queued for the client's chat (handlers.outbox), so the turn ends at
the commit. If the process dies in between, the client's next message finds the stored
state and the bot asks its question again: nothing is lost. A turn has a time limit
(TURN_TIMEOUT_SECONDS): one that overruns is rolled back and the client asked to send it
again, so no update stays unfinished for long (handlers.polling says why that matters).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from features import router
from features.kernel.engine import Engine, Sender, client_of, run_turn
from features.kernel.texts import plain, render
from features.kernel.vocabulary import (
    Client,
    Command,
    Effect,
    Event,
    Facts,
    Outcome,
    Press,
    Redraw,
    Reply,
    SendDocument,
    SendExport,
    ShowChart,
    State,
    Toast,
)
from features.memos.effects import ForgetHeld
from features.privacy import access
from features.privacy.effects import EraseClient
from features.safety.crisis import CrisisData
from handlers import media
from handlers.context import BotContext
from handlers.keyboards import keyboard
from handlers.sending import retrying, send
from storage.db import conflicting_write, database_locked
from storage.models import User

logger = logging.getLogger(__name__)


# Tries of a turn while another process holds SQLite's write lock (each waits up to the busy
# timeout, 10 s), or when it lost to a concurrent write on PostgreSQL; then the client is
# asked to try again.
LOCKED_ATTEMPTS = 3


class DeliveryFailed(Exception):
    """A turn was stored, but its reply could not be sent."""


class TurnTooSlow(Exception):
    """A turn ran past its time limit before its commit, and was rolled back whole."""


async def take_turn(update: Update, context: BotContext, event: Event) -> None:
    """Step the client's flow with `event`, store the outcome, then send the replies."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != chat.PRIVATE:
        # Only a private chat is the client's; nothing from elsewhere is stored.
        return
    if _silenced(context, user.id) and not _in_danger(context, event):
        # Too many wrong invite codes this hour: nothing they send is looked at or answered
        # (but words of danger, which always get help).
        await answer_press(update)
        return
    metrics, started = context.bot_data.metrics, time.monotonic()
    try:
        outcome, language = await _store(update, context, event)
    except TurnTooSlow:
        metrics.turn("too_slow", time.monotonic() - started)
        who, most = context.client_tag(user.id), context.settings.turn_timeout_seconds
        logger.warning("Update %s of client %s took longer than %.0f s; rolled back, the "
                       "client asked to send it again", update.update_id, who, most)  # fmt: skip
        await answer_press(update)
        _post(update, context, chat.id, _too_slow(context, chat.id, user.language_code))
        return
    except BaseException:
        metrics.turn("failed", time.monotonic() - started)
        raise
    metrics.turn("stored" if outcome is not None else "repeat", time.monotonic() - started)
    if outcome is None:
        # Delivered again after a restart: it was stored the first time; do nothing twice.
        logger.info("Update %s was already handled; ignoring the repeat", update.update_id)
        await answer_press(update)
        return
    if any(isinstance(effect, EraseClient | ForgetHeld) for effect in outcome.effects):
        # Erased, or words held for the client's choice dropped: no readable copy stays.
        context.in_background(_scrub(context, update.update_id))
    effects = outcome.effects

    async def replies() -> None:
        try:
            await deliver(update, context, effects, language)
        except Forbidden:
            raise  # they blocked the bot: there is no one to tell
        except TelegramError as problem:
            # Stored, but not all of the reply got through (the network, or a flood limit
            # that outlasted the rate limiter's retries): say so rather than "try again",
            # which would store the same answer a second time.
            raise DeliveryFailed from problem

    _post(update, context, chat.id, replies)


def _post(
    update: Update, context: BotContext, chat_id: int, deliver: Callable[[], Awaitable[None]]
) -> None:
    """Queue a delivery for the chat; its errors reach the error handler with the update."""
    context.outbox.post(context.application, chat_id, update, deliver)


def _too_slow(
    context: BotContext, chat_id: int, language: str | None
) -> Callable[[], Awaitable[None]]:
    async def apologise() -> None:
        await send(context, chat_id, Reply("turn.too_slow"), language or "en")

    return apologise


async def _store(update: Update, context: BotContext, event: Event) -> tuple[Outcome | None, str]:
    """The turn, stepped and stored in one transaction (None: this update was handled
    before), and the client's language. When another process holds SQLite's write lock
    past the busy timeout, or PostgreSQL rolled the turn back for a concurrent write (a
    deadlock with a background job, say), the transaction was rolled back whole: it is
    tried again, and reads what the other one committed.

    The turn's time limit covers the tries up to their commit, never the commit itself:
    cut short there, a commit could still land while the client is told it didn't, and
    their answer would be stored twice when they sent it again. The commit is bounded by
    the database's own timeouts (storage.db)."""
    deadline = asyncio.get_running_loop().time() + context.settings.turn_timeout_seconds
    for attempt in range(1, LOCKED_ATTEMPTS + 1):
        limit = asyncio.timeout_at(deadline)
        try:
            async with limit:
                async with context.database.transaction() as session:
                    turn = await _turn(session, update, context, event)
                    limit.reschedule(None)  # stored: the commit is not to be cut short
                return turn
        except TimeoutError:
            if limit.expired():
                raise TurnTooSlow from None
            raise  # a timeout of its own (the database's, say): the error handler's
        except DBAPIError as problem:
            conflict = conflicting_write(problem)
            if attempt == LOCKED_ATTEMPTS or not (conflict or database_locked(problem)):
                raise
            why = conflict or "the database is locked by another process"
            logger.warning("Update %s: %s; trying again", update.update_id, why)
    raise AssertionError("unreachable")


async def _turn(
    session: AsyncSession, update: Update, context: BotContext, event: Event
) -> tuple[Outcome | None, str]:
    """The turn inside its transaction (features.kernel.engine), with the router's step, the
    features' store functions, and this bot's door: who is admitted, who is met there."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    sender = Sender(user.id, chat.id, user.language_code)
    door = functools.partial(_door, context, user.id, event)
    engine = turn_engine(context.crisis, context.clock.now)
    return await run_turn(session, engine, sender, update.update_id, event, door)


def turn_engine(crisis: CrisisData | None, clock: Callable[[], datetime]) -> Engine:
    """The turn engine as this bot runs it: the router's step, what it needs loaded, and
    every feature's store functions."""

    given = (crisis,) if crisis is not None else ()
    return Engine(
        needs=router.needs, step=router.step, store=router.ROUTER.store, clock=clock, given=given
    )


def _door(
    context: BotContext, user_id: int, event: Event, client: User | None
) -> str | Outcome | None:
    """Whether the sender comes in: a client still admitted does; help in danger is given
    to anyone, and nothing follows it; a client whose access ended may still take or erase
    what they wrote; anyone else is met at the door (`_at_the_door`)."""
    ended = client is not None and not _still_admitted(context, client)
    if client is not None and not ended:
        return None
    if _in_danger(context, event):
        # Help in danger is never refused, whoever is asking, and nothing follows it: no
        # pointer to /start, no refusal.
        profile = client_of(client) if client is not None else Client()
        facts = Facts(profile, context.clock.now()).having(*_given(context))
        return Outcome(State(), (router.crisis_reply(facts),))
    if ended and _still_theirs(event):
        return None
    # Refused, or someone the bot keeps nothing about: nothing stored; or let in by /start
    # (or a first message of any kind, welcomed as /start would be).
    return _at_the_door(context, user_id, event, client=client)


def _still_admitted(context: BotContext, client: User) -> bool:
    """Whether a known client may go on: not revoked, and in strict mode still listed or
    holding a code still offered (features.privacy.access)."""
    settings = context.settings
    return access.admission_holds(
        client.admission,
        client.id,
        listed=settings.allowed_ids,
        invites=settings.invites,
        strict=settings.access_strict,
        tags=context.bot_data.code_tags,
    )


# What a client whose access was ended may still do: take a copy of what they wrote,
# erase it, read what is kept, and find urgent help.
_STILL_THEIRS_COMMANDS = frozenset({"export", "delete", "privacy", "urgent"})


def _still_theirs(event: Event) -> bool:
    if isinstance(event, Command):
        return event.name in _STILL_THEIRS_COMMANDS
    return isinstance(event, Press) and event.data.startswith(router.DELETE_PREFIX)


def _in_danger(context: BotContext, event: Event) -> bool:
    crisis, words = context.crisis, router.words_of(event)
    return bool(words) and crisis is not None and crisis.suggests_danger(words)


def _at_the_door(
    context: BotContext, user_id: int, event: Event, *, client: User | None
) -> str | Outcome:
    """For someone who isn't (or is no longer) a client: how their /start lets them in
    ("listed", "invite:<hash>", "open"), or what they are told instead, storing nothing.
    A refusal is said once a window, then not at all; a wrong invite code is logged by the
    sender's tag (never the code) and counted against their tries."""
    settings, known = context.settings, client is not None
    revoked = client is not None and client.admission == access.REVOKED
    if not known and (not settings.restricted or user_id in settings.allowed_ids):
        if router.welcomes(event):  # /start, or a first message of any kind
            return access.LISTED if settings.restricted else access.OPEN
        facts = Facts(Client(), context.clock.now()).having(*_given(context))
        return router.stranger(event, facts)
    if isinstance(event, Command) and event.name == "start" and event.args and not revoked:
        # A new code lets in someone new, or back someone whose code was withdrawn; a
        # revoked client stays out (features.privacy.access).
        tag = _offered_code(context, user_id, event.args)
        if tag is not None:
            return tag
    now = datetime.now(UTC)
    if not context.bot_data.doorkeeper.should_answer_refusal(user_id, now):
        return Outcome(State())
    why = "no longer admitted" if known else "not admitted"
    logger.info("Refused %s: %s", context.client_tag(user_id), why)
    return Outcome(State(), (Reply("access.withdrawn" if known else "access.refused"),))


def _offered_code(context: BotContext, user_id: int, args: str) -> str | None:
    """The stored mark of the invite code offered ("invite:<hash>"), or None when it is no
    code of this bot's (counted against the sender's tries)."""
    offered = args.strip()
    if any(
        hmac.compare_digest(offered.encode(), code.encode()) for code in context.settings.invites
    ):
        return context.bot_data.code_tags(offered)
    doorkeeper, tag = context.bot_data.doorkeeper, context.client_tag(user_id)
    failed = doorkeeper.code_failed(user_id, datetime.now(UTC))
    logger.warning("Sender %s offered a wrong invite code (%d this hour)", tag, failed)
    if failed >= access.INVITE_TRIES:
        logger.warning("Sender %s: nothing more from them is looked at for an hour", tag)
    return None


def _silenced(context: BotContext, user_id: int) -> bool:
    """A sender who offered too many wrong invite codes this hour, and isn't listed."""
    return (
        context.settings.restricted
        and user_id not in context.settings.allowed_ids
        and not context.bot_data.doorkeeper.may_try_code(user_id, datetime.now(UTC))
    )


async def _scrub(context: BotContext, update_id: int) -> None:
    """After an erase commits: the erased rows made unreadable from the database files."""
    started = time.monotonic()
    try:
        done = await context.database.scrub_after_erases()
    except Exception as problem:  # logged, never raised: the erase itself is committed
        logger.warning(
            "Update %s: scrubbing after an erase failed (%s)", update_id, type(problem).__name__
        )
        return
    if done is None:
        return  # a scrub under way runs once more for this erase
    if done:
        logger.info(
            "Update %s: erased rows scrubbed from the database files in %.1f s",
            update_id,
            time.monotonic() - started,
        )
    else:
        logger.warning(
            "Update %s: the database stayed busy after an erase; the erased rows wait for "
            "the next checkpoint or vacuum",
            update_id,
        )


def _given(context: BotContext) -> tuple[object, ...]:
    """What every turn is given rather than loads: the crisis data, if any."""
    return (context.crisis,) if context.crisis is not None else ()


async def deliver(
    update: Update, context: BotContext, effects: Iterable[Effect], language: str
) -> None:
    """Answer a pressed button (with its toast), redraw or unbutton the pressed message,
    then send the replies in order."""
    effects = tuple(effects)
    query = update.callback_query
    if query is not None:
        toast = next((e for e in effects if isinstance(e, Toast)), None)
        await answer_press(update, plain(toast.text, language, **toast.args) if toast else None)
        redraw = next((e for e in effects if isinstance(e, Redraw)), None)
        if redraw is not None:
            replies = any(
                isinstance(e, Reply | ShowChart | SendExport | SendDocument) for e in effects
            )
            await _redraw(update, redraw.reply, language, more_to_come=replies)
        else:
            await _drop_keyboard(update)
    chat = update.effective_chat
    if chat is None:
        return
    for effect in effects:
        if isinstance(effect, Reply):
            await send(context, chat.id, effect, language)
        elif (
            isinstance(effect, ShowChart | SendExport | SendDocument)
            and update.effective_user is not None
        ):
            await media.send_output(context, chat.id, update.effective_user.id, effect, language)


async def answer_press(update: Update, text: str | None = None) -> None:
    """Answer a button press (stops its spinner). Telegram refuses answers to presses older
    than a few seconds, e.g. ones handled after a restart: that is no reason to fail."""
    if update.callback_query is not None:
        with _courtesy("Answering a button press"):
            await update.callback_query.answer(text)


async def _redraw(update: Update, reply: Reply, language: str, *, more_to_come: bool) -> None:
    """Show a menu's new state (or an answered question) in the message whose button was
    pressed, tried again after a blip like any send. When replies follow (the next
    question), a redraw that still fails doesn't hold them back: they are what the client
    needs; the old message keeps its look, and its buttons answer "already answered"."""
    query = update.callback_query
    assert query is not None

    async def edit() -> None:
        # BadRequest: "not modified" (a quick double press, or a retry of an edit that
        # landed though its answer was lost) or too old to edit: nothing to do.
        with contextlib.suppress(BadRequest):
            await query.edit_message_text(
                render(reply.text, language, **reply.args),
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(reply.buttons, language),
            )

    if not more_to_come:
        await retrying(edit, "redrawn message")
        return
    with _courtesy("Redrawing the pressed message"):
        await retrying(edit, "redrawn message")


async def _drop_keyboard(update: Update) -> None:
    """Take the buttons off a message once one is pressed, so it can't be pressed twice."""
    query = update.callback_query
    message = query.message if query is not None else None
    markup = getattr(message, "reply_markup", None)
    if query is None or not isinstance(markup, InlineKeyboardMarkup):
        return
    # BadRequest: already gone (a second quick press) or too old to edit; nothing to do.
    with _courtesy("Taking the buttons off a message"):
        await query.edit_message_reply_markup(reply_markup=None)


@contextlib.contextmanager
def _courtesy(what: str) -> Iterator[None]:
    """A courtesy call that fails (a 5xx, a timeout, a flood limit) must not hold back the
    replies, which the client needs: a spinner stops by itself, an old button changes
    nothing. BadRequest (too old, already done) is no news at all."""
    try:
        yield
    except BadRequest:
        pass
    except (NetworkError, RetryAfter) as problem:
        logger.warning("%s failed (%s); replying anyway", what, type(problem).__name__)

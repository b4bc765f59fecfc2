"""When handling an update fails: log it (never the client's text), tell the client kindly,
and repeat the question they were in the middle of, so they don't lose their place."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot import flow
from bot.context import BotContext
from bot.texts import render
from handlers.facts import load_facts
from handlers.turn import DeliveryFailed, answer_press, send, state_of
from storage import repo
from storage.models import FlowState

logger = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure by type and traceback only; apologise and re-ask in a private chat."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if not isinstance(update, Update) or update.effective_chat is None:
        logger.error("Background failure: %s", type(error).__name__, exc_info=error)
        return
    chat = update.effective_chat
    if isinstance(error, Forbidden):
        # The client blocked the bot; we will hear from my_chat_member too.
        logger.info("Update %s: the client can't be reached (%s)", update_id, error.message)
        return
    logger.error("Update %s failed: %s", update_id, type(error).__name__, exc_info=error)
    if chat.type != chat.PRIVATE:
        return
    # After a failed delivery the turn was stored: "try again" would store it twice.
    apology = "error.delivery" if isinstance(error, DeliveryFailed) else "error"
    try:
        await answer_press(update)
        await context.bot.send_message(chat.id, render(apology), parse_mode=ParseMode.HTML)
        await _ask_again(update, context)
    except TelegramError as second:
        logger.warning("Could not tell the client about the failure: %s", type(second).__name__)
    except Exception:
        logger.exception("Could not re-ask after a failure")


async def _ask_again(update: Update, context: BotContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    async with context.database.transaction() as session:
        client = await repo.get_user(session=session, user_id=user.id)
        if client is None:
            return
        stored = await session.get(FlowState, user.id)
        if stored is None:
            return
        state = state_of(stored)
        facts = await load_facts(session, client, context.clock.now(), full=True)
    for reply in flow.ask_again(state, facts):
        await send(context, chat.id, reply, client.language)

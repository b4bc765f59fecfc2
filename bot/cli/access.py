"""`python -m bot revoke` and `python -m bot invites`: taking access back, handing it out."""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot.config import ConfigError, Settings
from features.privacy.access import REVOKED, CodeTags
from handlers.context import ClientTags
from storage import clients as repo
from storage.crypto import attach_cipher, cipher_from, current_key
from storage.db import Database, create_engine, upgrade_schema
from storage.models import User

# A client as the log names them (handlers.context.ClientTags).
_TAG = re.compile(rf"^[0-9a-f]{{{ClientTags.LENGTH}}}$")


class RevokeRefused(Exception):
    """Nothing matched, or the target can't be understood; the message says which."""


async def revoke(settings: Settings, target: str) -> str:
    """Refuse, from their next message on, the client the log names by `target` (their
    tag), or every client admitted by the invite code `target`. Their words stay stored
    until they are erased; the operator is reminded to take a code out of INVITE_CODES."""
    target = target.strip()
    key = settings.encryption_key.get_secret_value() if settings.encryption_key else None
    secret = current_key(key, settings.encryption_key_file)
    engine = create_engine(settings.database_url)
    attach_cipher(engine, cipher_from(key, settings.encryption_key_file))
    try:
        await upgrade_schema(engine)
        async with Database(engine).transaction() as session:
            if _TAG.match(target):
                tags = ClientTags(secret)
                ids = [i for i in (await session.exec(select(User.id))).all() if tags(i) == target]
                what = f"the client {target}"
            else:
                mark = CodeTags(secret)(target)
                found = select(User.id).where(col(User.admission) == mark)
                ids = list((await session.exec(found)).all())
                what = "the clients admitted by that code"
            count = await repo.set_admission(session=session, user_ids=ids, admission=REVOKED)
    finally:
        await engine.dispose()
    if not count:
        raise RevokeRefused(
            f"no client matches: give the {ClientTags.LENGTH}-character tag the log shows, "
            "or an invite code some client was admitted by"
        )
    note = "" if _TAG.match(target) else " Take the code out of INVITE_CODES too."
    return f"Revoked {what} ({count}): refused from their next message on.{note}"


async def invite_links(settings: Settings, username: str | None) -> list[str]:
    """The t.me link of each invite code; the bot's username from --username, or else
    asked of Telegram (getMe) with the bot's token."""
    if not settings.invites:
        raise ConfigError("INVITE_CODES is not set: there are no invites to print")
    if not username:
        from telegram import Bot

        token = settings.require_token()
        async with Bot(token, base_url=settings.telegram_api_base_url) as bot:
            username = bot.username
    username = username.removeprefix("@")
    return [f"https://t.me/{username}?start={code}" for code in settings.invites]

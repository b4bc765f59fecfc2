"""Storing the language the client chose."""

from __future__ import annotations

from features.kernel.store import Store, StoreContext
from features.language.effects import SetLanguage
from storage import clients


async def set_language(effect: SetLanguage, ctx: StoreContext) -> None:
    """The client's language; this turn's replies are already in it."""
    await clients.set_language(session=ctx.session, user_id=ctx.user.id, language=effect.language)
    ctx.user.language = effect.language


STORE: Store = {SetLanguage: set_language}

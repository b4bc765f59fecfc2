"""Update delivery settings: getUpdates and the webhook methods."""

from __future__ import annotations

import re
from typing import Any

from emulator.errors import bad_request, conflict
from emulator.methods.registry import method
from emulator.params import Params
from emulator.world import World

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


@method("getUpdates")
async def get_updates(world: World, p: Params) -> list[dict[str, Any]]:
    """Long-poll for updates; the offset acknowledges everything below it."""
    if world.webhook.url:
        raise conflict(
            "can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first"
        )
    offset = p.integer("offset", 0) or 0
    # Telegram clamps limit into 1..100 rather than rejecting it.
    limit = min(max(p.integer("limit", 100) or 100, 1), 100)
    timeout = max(p.number("timeout", 0.0), 0.0)
    allowed = p.array("allowed_updates")
    return await world.updates.poll(offset, limit, timeout, allowed)


@method("setWebhook")
async def set_webhook(world: World, p: Params) -> bool:
    """Store the webhook settings; an empty url removes the webhook. Updates are then
    posted to the driver's local targets, never to `url` (emulator.webhooks)."""
    url = p.text("url") or ""
    secret = p.text("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    if url and not url.lower().startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if p.flag("drop_pending_updates"):
        world.updates.drop_all()
    world.webhook.url = url
    world.webhook.secret_token = secret
    world.webhook.max_connections = p.integer("max_connections", 40) or 40
    allowed = p.array("allowed_updates")
    world.webhook.allowed_updates = [str(a) for a in allowed] if allowed is not None else None
    # One filter for both ways of receiving updates, as at Telegram.
    world.updates.set_allowed(allowed)
    world.updates.signal.notify()
    return True


@method("deleteWebhook")
async def delete_webhook(world: World, p: Params) -> bool:
    """Remove the webhook, optionally dropping pending updates."""
    if p.flag("drop_pending_updates"):
        world.updates.drop_all()
    world.webhook.url = ""
    world.webhook.secret_token = None
    return True


@method("getWebhookInfo")
async def get_webhook_info(world: World, p: Params) -> dict[str, Any]:
    """The stored webhook settings, in WebhookInfo shape."""
    info: dict[str, Any] = {
        "url": world.webhook.url,
        "has_custom_certificate": False,
        "pending_update_count": world.updates.pending_count(),
    }
    if world.webhook.url:
        info["max_connections"] = world.webhook.max_connections
        if world.webhook.allowed_updates is not None:
            info["allowed_updates"] = world.webhook.allowed_updates
        if world.webhook.last_error_message is not None:
            info["last_error_date"] = world.webhook.last_error_date
            info["last_error_message"] = world.webhook.last_error_message
    return info

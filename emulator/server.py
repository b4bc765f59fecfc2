"""The aiohttp application: routing, authentication, faults, envelopes and the call log."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiohttp import web

from emulator.errors import ApiError, bad_request
from emulator.methods import Handler, canonical, lookup
from emulator.models import ApiCall
from emulator.params import Params, read_params
from emulator.world import World

logger = logging.getLogger(__name__)

WORLD_KEY = web.AppKey("world", World)
# Telegram accepts uploads up to 50 MB; aiohttp's default body limit is 1 MiB.
MAX_BODY = 50 * 1024 * 1024


def build_app(world: World) -> web.Application:
    """An application answering the Bot API for `world`'s bot token."""
    app = web.Application(client_max_size=MAX_BODY)
    app[WORLD_KEY] = world
    app.router.add_route("*", "/bot{token}/{method}", handle_method)
    app.router.add_route("*", "/{tail:.*}", handle_unknown_path)
    return app


def _json(body: dict[str, Any], status: int) -> web.Response:
    return web.json_response(body, status=status)


async def handle_unknown_path(request: web.Request) -> web.Response:
    """Anything outside /bot<token>/<method> is Telegram's bare 404."""
    return _json(ApiError(404, "Not Found").envelope(), 404)


async def handle_method(request: web.Request) -> web.Response:
    """Authenticate, parse, maybe inject a fault, run the method, log the call."""
    world = request.app[WORLD_KEY]
    started = time.monotonic()
    method = canonical(request.match_info["method"])
    params = Params({})
    delay = 0.0
    try:
        if request.match_info["token"] != world.token:
            raise ApiError(401, "Unauthorized")
        params = await _parse(request)
        found = lookup(method)
        if found is None:
            raise ApiError(404, "Not Found")
        fault = world.faults.take_failure(method)
        if fault is not None:
            raise fault
        flooded = world.flood.admit(method, params.values.get("chat_id")) if world.flood else None
        if flooded is not None:
            raise flooded
        stall = world.faults.take_stall(method)
        if stall > 0:
            # Before the method runs: a bot that stops waiting (a timeout) leaves it undone.
            await asyncio.sleep(stall)
        # Only a call carried out is slowed (a failed one keeps the rule for the next).
        delay = world.faults.take_delay(method)
        result = await _run(found[1], world, params, method)
        status, body = 200, {"ok": True, "result": result}
    except ApiError as error:
        status, body = error.status, error.envelope()
    world.record_call(ApiCall(method, _loggable(params), status, started, body, dict(params.files)))
    if status != 200:
        logger.debug("%s -> %d %s", method, status, body.get("description"))
    if delay > 0:
        # The method already took effect: a slow answer models "sent, but the bot timed out".
        await asyncio.sleep(delay)
    return _json(body, status)


async def _parse(request: web.Request) -> Params:
    try:
        return await read_params(request)
    except web.HTTPException as exc:
        raise ApiError(exc.status, exc.reason) from None


async def _run(handler: Handler, world: World, params: Params, method: str) -> Any:
    try:
        return await handler(world, params)
    except ApiError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        # Odd parameter shapes that slipped past validation are the caller's fault, not a crash.
        logger.warning("%s: malformed parameters: %r", method, exc)
        raise bad_request(f"malformed parameters: {exc}") from None
    except Exception:
        logger.exception("emulator bug in %s", method)
        raise ApiError(500, "Internal Server Error") from None


def _loggable(params: Params) -> dict[str, Any]:
    """Parameters for the call log, with uploaded files summarized instead of inlined."""
    logged = dict(params.values)
    for name, upload in params.files.items():
        logged.setdefault(
            name,
            {
                "filename": upload.filename,
                "mime_type": upload.mime_type,
                "size": len(upload.data or b""),
            },
        )
    return logged

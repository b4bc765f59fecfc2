"""Bot API calls over aiohttp rather than PTB's default, httpx.

Why: httpx spends several times the CPU aiohttp does on each request, and at a few hundred
prompts a second (the rate benchmarks/fanout.py measures) that difference alone is more than
a core. PTB lets a bot bring its own request class; this one
keeps PTB's meaning: a call that runs out of time raises TimedOut, any other failure to reach
the server NetworkError, and every answer, errors included, goes back to PTB to read.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """PTB's networking on an aiohttp session: one connection pool, PTB's timeouts."""

    __slots__ = ("_connect", "_media_write", "_pool", "_pool_size", "_read", "_session", "_write")

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read, self._write = read_timeout, write_timeout
        self._connect, self._pool = connect_timeout, pool_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """How long a call waits for the server's answer, unless told otherwise."""
        return self._read

    async def initialize(self) -> None:
        """Open the connection pool."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        """Close the connection pool."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make one call; the HTTP status and body (PTB turns error answers into errors)."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else {}
        read = _given(read_timeout, self._read)
        write = _given(write_timeout, self._media_write if files else self._write)
        connect = _given(connect_timeout, self._connect)
        pool = _given(pool_timeout, self._pool)
        timeout = aiohttp.ClientTimeout(
            # aiohttp has no write timeout: a call takes at most all its timeouts together.
            total=_sum(pool, connect, write, read),
            connect=_sum(pool, connect),  # aiohttp's includes waiting for a free connection
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data, files), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as err:  # aiohttp's timeouts are TimeoutErrors too
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from err


def _given(value: ODVInput[float], default: float | None) -> float | None:
    """A timeout the call named, or this request's default for it."""
    return default if isinstance(value, DefaultValue) else value


def _sum(*timeouts: float | None) -> float | None:
    """Several timeouts one after another; None (no limit) if any is."""
    return None if any(t is None for t in timeouts) else sum(t for t in timeouts if t)


def _body(request_data: RequestData | None, files: dict[str, Any]) -> Any:
    """Form fields, as multipart with the files when there are any (as httpx sends them)."""
    fields = request_data.json_parameters if request_data else {}
    if not files:
        # Encoded here: aiohttp's FormData does far more work than plain fields need, on
        # every call.
        return aiohttp.payload.BytesPayload(
            urlencode(fields).encode(), content_type="application/x-www-form-urlencoded"
        )
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form

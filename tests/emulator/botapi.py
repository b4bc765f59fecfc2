"""A raw-HTTP Bot API client for the emulator's own tests."""

from __future__ import annotations

import json
from typing import Any

import httpx

from emulator import Emulator


class BotApi:
    """A thin raw-HTTP Bot API client, to see exactly what the emulator answers."""

    def __init__(self, client: httpx.AsyncClient, emu: Emulator) -> None:
        self.client = client
        self.emu = emu

    async def call(self, method: str, **params: Any) -> httpx.Response:
        """POST a form-encoded call, the way PTB sends parameters without files."""
        form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
        return await self.client.post(f"{self.emu.base_url}{self.emu.token}/{method}", data=form)

    async def ok(self, method: str, **params: Any) -> Any:
        """Call and return `result`, failing the test on an error envelope."""
        response = await self.call(method, **params)
        body = response.json()
        assert response.status_code == 200 and body["ok"], body
        return body["result"]

    async def error(self, method: str, status: int, **params: Any) -> str:
        """Call, expect Telegram's error envelope with `status`, return the description."""
        response = await self.call(method, **params)
        body = response.json()
        assert response.status_code == status, body
        assert body["ok"] is False and body["error_code"] == status, body
        return str(body["description"])

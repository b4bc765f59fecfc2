"""Request parsing: form, multipart, JSON and query string into one typed parameter set."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from emulator.errors import ApiError, bad_request
from emulator.models import UploadedFile

# Free text never gets JSON-decoded: a user's "[1, 2]" must stay a string.
_TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "action",
        "language_code",
        "inline_message_id",
        "photo",
        "document",
        "chat_id",
        "emoji",
        "business_connection_id",
        "message_effect_id",
        "ip_address",
        "certificate",
    }
)
_INT = re.compile(r"-?\d+")


@dataclass
class Params:
    """Normalized request parameters with Telegram-flavoured typed accessors."""

    values: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        """Whether the parameter was given (and is not JSON null)."""
        return self.values.get(name) is not None

    def text(self, name: str) -> str | None:
        """A string parameter; numbers are accepted and stringified, as Telegram does."""
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | str):
            return str(value)
        raise bad_request(f"parameter {name!r} must be a string")

    def integer(self, name: str, default: int | None = None) -> int | None:
        """An integer parameter; strings of digits are coerced."""
        value = self.values.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            raise bad_request(f"parameter {name!r} must be an integer")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT.fullmatch(value.strip()):
            return int(value.strip())
        raise bad_request(f"parameter {name!r} must be an integer")

    def number(self, name: str, default: float) -> float:
        """A numeric parameter (timeouts may be fractional in practice)."""
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"parameter {name!r} must be a number") from None

    def flag(self, name: str) -> bool:
        """A boolean parameter: true/false, 1/0, or JSON booleans."""
        value = self.values.get(name)
        if value is None or value is False or value == "":
            return False
        if value is True:
            return True
        if isinstance(value, int):
            return value != 0
        if isinstance(value, str) and value.lower() in ("true", "1", "false", "0"):
            return value.lower() in ("true", "1")
        raise bad_request(f"parameter {name!r} must be a boolean")

    def obj(self, name: str, what: str | None = None) -> dict[str, Any] | None:
        """A JSON-object parameter (already decoded during normalization)."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, dict):
            return value
        raise bad_request(what or f"can't parse {name} JSON object")

    def array(self, name: str, what: str | None = None) -> list[Any] | None:
        """A JSON-array parameter (already decoded during normalization)."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, list):
            return value
        raise bad_request(what or f"can't parse {name} JSON array")

    def chat_ref(self) -> int | str | None:
        """chat_id as an int, or an @username string."""
        value = self.values.get("chat_id")
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise bad_request("chat not found")
        if isinstance(value, int):
            return value
        if isinstance(value, str) and _INT.fullmatch(value.strip()):
            return int(value.strip())
        if isinstance(value, str):
            return value.strip()
        raise bad_request("chat not found")


def _decode(name: str, value: str) -> Any:
    """JSON-decode structured values sent as strings (PTB's form encoding)."""
    stripped = value.strip()
    if name in _TEXT_PARAMS or not stripped or stripped[0] not in "[{":
        return value
    try:
        return json.loads(stripped)
    except ValueError:
        # Left as a string: the method reports it in Telegram's words if it needs an object.
        return value


def normalize(raw: dict[str, Any]) -> dict[str, Any]:
    """Decode JSON-in-string values; everything else is left for typed accessors."""
    return {k: _decode(k, v) if isinstance(v, str) else v for k, v in raw.items()}


async def read_params(request: web.Request) -> Params:
    """Collect parameters from the query string and the body, whatever its encoding."""
    values: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    content_type = request.content_type
    try:
        if content_type == "application/json":
            body = await request.read()
            if body.strip():
                data = json.loads(body)
                if not isinstance(data, dict):
                    raise bad_request("JSON body must be an object")
                values.update(data)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form: MultiDictProxy[Any] = await request.post()
            for key, item in form.items():
                if isinstance(item, web.FileField):
                    files[key] = UploadedFile(
                        data=item.file.read(), filename=item.filename, mime_type=item.content_type
                    )
                elif isinstance(item, bytes):
                    values[key] = item.decode("utf-8", "replace")
                else:
                    values[key] = str(item)
    except (ApiError, web.HTTPException):
        raise
    except Exception as exc:
        # Any failure to decode an untrusted body is the client's fault: 400, never 500.
        raise bad_request(f"can't parse request body: {exc}".strip()) from None
    return Params(normalize(values), files)

"""What the log may say: clients by a keyed hash of their id, and tracebacks without the
messages that could quote them."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
import sys
from collections.abc import Callable

import pytest
from telegram.error import BadRequest

from bot.logs import (
    LIBRARY_FLOOR,
    OUR_PACKAGES,
    JsonFormatter,
    PrivateFormatter,
    RedactSecrets,
    configure_logging,
)
from handlers.context import ClientTags
from storage.crypto import KeyProblem

KEY = b"k" * 32
# Built at run time: a traceback shows its frames' source lines, which hold no client text.
SECRET = "-".join(["secret", "5e1d"])


def test_a_client_keeps_one_tag_and_the_tag_hides_the_id():
    tags = ClientTags(KEY)
    tag = tags(5550173921)
    assert tag == ClientTags(KEY)(5550173921)  # the same after a restart
    assert len(tag) == ClientTags.LENGTH and int(tag, 16) >= 0
    assert "5550173921" not in tag
    assert tags(5550173922) != tag


def test_another_deployments_key_gives_other_tags():
    assert ClientTags(KEY)(1001) != ClientTags(b"q" * 32)(1001)


def _formatted(error: BaseException) -> str:
    try:
        raise error
    except BaseException as raised:
        record = logging.LogRecord("bot", logging.ERROR, __file__, 1, "failed", None, None)
        record.exc_info = (type(raised), raised, raised.__traceback__)
        return PrivateFormatter("%(message)s").format(record)


def test_a_librarys_exception_message_is_withheld_but_its_frames_are_kept():
    try:
        sqlite3.connect(":memory:").execute(f"SELECT * FROM users WHERE id = '{SECRET}'")
    except sqlite3.OperationalError as error:
        text = _formatted(error)
    assert SECRET not in text and "no such table" not in text
    assert "sqlite3.OperationalError" in text and "test_logs.py" in text


def test_the_cause_of_an_exception_is_withheld_too():
    try:
        int(SECRET)
    except ValueError as cause:
        error = RuntimeError("outer")
        error.__cause__ = cause
    text = _formatted(error)
    assert SECRET not in text
    assert "ValueError" in text and "RuntimeError" in text


def test_telegrams_errors_and_our_own_keep_their_messages():
    assert "Message is too long" in _formatted(BadRequest("Message is too long"))
    assert "the key file is missing" in _formatted(KeyProblem("the key file is missing"))


def test_the_token_is_blanked_in_a_traceback():
    token = "123456:ABCdef"
    record = logging.LogRecord("bot", logging.ERROR, __file__, 1, "failed", None, None)
    try:
        raise BadRequest(f"bad url /bot{token}/sendMessage")
    except BadRequest as error:
        record.exc_info = (type(error), error, error.__traceback__)
    RedactSecrets([token]).filter(record)
    text = PrivateFormatter("%(message)s").format(record)
    assert token not in text and "<token>" in text


def _json_lines(
    monkeypatch: pytest.MonkeyPatch, log: Callable[[logging.Logger], None], token: str = ""
) -> list[dict[str, str]]:
    """What configure_logging(log_format="json") writes to stderr while `log` runs."""
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    root = logging.getLogger()
    names = ["", *OUR_PACKAGES, *LIBRARY_FLOOR]
    levels = {name: logging.getLogger(name).level for name in names}
    handlers = root.handlers[:]
    try:
        configure_logging("DEBUG", secrets=[token], log_format="json")
        log(logging.getLogger("handlers.turn"))
    finally:
        root.handlers[:] = handlers
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
    lines = stderr.getvalue().splitlines()
    return [json.loads(line) for line in lines]


def test_json_is_one_object_a_line_with_the_text_lines_fields(monkeypatch: pytest.MonkeyPatch):
    def log(logger: logging.Logger) -> None:
        logger.info("client %s blocked the bot\nand came back", "3f2a9c1b7d4e")
        logger.debug("a debug line", extra={"chat_id": 5550173921, "text": SECRET})

    first, second = _json_lines(monkeypatch, log)
    assert set(first) == {"time", "level", "logger", "message"}
    assert first["level"] == "INFO" and first["logger"] == "handlers.turn"
    assert first["message"] == "client 3f2a9c1b7d4e blocked the bot\nand came back"
    assert first["time"].endswith("+00:00")
    # A record's extra attributes never reach the JSON: the text line has no place for them.
    assert set(second) == {"time", "level", "logger", "message"}
    assert SECRET not in json.dumps(second) and "5550173921" not in json.dumps(second)


def test_json_tracebacks_withhold_library_messages_and_blank_the_token(
    monkeypatch: pytest.MonkeyPatch,
):
    token = "123456:ABCdef"

    def log(logger: logging.Logger) -> None:
        try:
            sqlite3.connect(":memory:").execute(f"SELECT * FROM users WHERE id = '{SECRET}'")
        except sqlite3.OperationalError:
            logger.exception("the turn failed")
        try:
            raise BadRequest(f"bad url /bot{token}/sendMessage")
        except BadRequest:
            logger.error("a send failed at /bot%s/sendMessage", token, exc_info=True)

    database, telegram = _json_lines(monkeypatch, log, token)
    assert database["message"] == "the turn failed"
    assert "sqlite3.OperationalError" in database["exception"]
    assert SECRET not in json.dumps(database) and "no such table" not in database["exception"]
    assert token not in json.dumps(telegram)
    assert "<token>" in telegram["message"] and "<token>" in telegram["exception"]


def test_a_json_record_is_one_line_whatever_it_holds():
    record = logging.LogRecord("bot", logging.INFO, __file__, 1, "a\rb\nc\u2028d", None, None)
    line = JsonFormatter().format(record)
    assert len(line.splitlines()) == 1 and line.isascii()
    assert json.loads(line)["message"] == "a\rb\nc\u2028d"

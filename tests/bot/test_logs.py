"""What the log may say: clients by a keyed hash of their id, and tracebacks without the
messages that could quote them."""

from __future__ import annotations

import logging
import sqlite3

from telegram.error import BadRequest

from bot.logs import PrivateFormatter, RedactSecrets
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

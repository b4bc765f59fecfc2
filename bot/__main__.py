"""`python -m bot` runs the bot; `python -m bot demo` lets you chat with it in the terminal."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot import __version__
from bot.config import ConfigError, Settings
from bot.logs import configure_logging
from bot.serve import serve, stop_signal
from handlers.health import HealthUnusable
from handlers.webhook import WebhookUnusable
from storage.crypto import KeyProblem, new_key
from storage.db import DatabaseUnavailable


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run; a problem an operator can fix is one line, no traceback."""
    # `reflection-companion` (the console command) or `python -m bot`: the same main().
    invoked = os.path.basename(sys.argv[0])
    prog = invoked if invoked == "reflection-companion" else "python -m bot"
    given = sys.argv[1:] if argv is None else argv
    if given[:1] == ["catalogue"]:
        # The translators' catalogues: its own arguments (bot/cli/catalogue.py), no settings.
        from bot.cli.catalogue import main as catalogue_main

        return catalogue_main(given[1:])
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    parser.add_argument(
        "--version", action="version", version=f"reflection-companion {__version__}"
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=[
            "run",
            "demo",
            "new-key",
            "rotate-key",
            "copy-db",
            "backup",
            "revoke",
            "invites",
            "routes",
            "catalogue",
        ],
        help=(
            "run: the bot, with long polling, or a webhook when WEBHOOK_URL is set "
            "(default); demo: try it in this terminal; "
            "new-key: print a new encryption key; rotate-key: re-encrypt everything with a "
            "new key; copy-db --to URL: copy everything into another, empty database "
            "(e.g. PostgreSQL, for several replicas), the bot stopped; "
            "backup PATH: a consistent copy of the SQLite database, the bot running or not; "
            "revoke TAG|CODE: refuse a client (by the tag the log shows) or everyone an "
            "invite code let in; invites: print each invite code's t.me link; "
            "routes: print which feature answers each command, button and step; "
            "catalogue extract|update|init LANG|check: the translations (README)"
        ),
    )
    parser.add_argument(
        "target",
        nargs="?",
        help="revoke: a client's tag, or an invite code; backup: the new file to write",
    )
    parser.add_argument(
        "--username", help="invites: the bot's @username (otherwise asked of Telegram)"
    )
    parser.add_argument(
        "--restarted",
        action="store_true",
        help=(
            "rotate-key with ENCRYPTION_KEY: every bot process was restarted with the new "
            "key first in ENCRYPTION_KEY"
        ),
    )
    parser.add_argument(
        "--to",
        metavar="URL",
        help="copy-db: the database to copy into, like postgresql://user@host/database",
    )
    args = parser.parse_args(argv)
    if args.command == "routes":
        return print_routes()
    try:
        settings = Settings()
    except ValidationError as problem:
        for error in problem.errors():
            name = ".".join(str(part) for part in error["loc"]).upper()
            print(f"Cannot start: {name}: {error['msg']}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print("Cannot start: .env is not a text file (UTF-8).", file=sys.stderr)
        return 2
    if args.command == "new-key":
        print(new_key())
        return 0
    try:
        if args.command == "rotate-key":
            from bot.cli.rotate_key import rotate_key

            print(asyncio.run(rotate_key(settings, restarted=args.restarted)))
            return 0
        if args.command == "copy-db":
            return copy_db(settings, args.to)
        if args.command == "backup":
            return backup(settings, args.target)
        if args.command in ("revoke", "invites"):
            return access_command(settings, args.command, args.target, args.username)
        if args.command == "demo":
            from bot.cli.demo import run_demo

            return run_demo(settings)
        return run(settings)
    except (ConfigError, KeyProblem, WebhookUnusable, HealthUnusable) as problem:
        print(f"Cannot start: {problem}", file=sys.stderr)
        return 2
    except (ArgumentError, ImportError) as problem:
        # A URL SQLAlchemy can't parse, or a database whose driver isn't installed.
        print(
            f"Cannot start: DATABASE_URL can't be used ({type(problem).__name__}). "
            "Use sqlite:///file.sqlite3 or postgresql://user@host/database.",
            file=sys.stderr,
        )
        return 2
    except DatabaseUnavailable as problem:
        print(
            f"Cannot start: the database at {safe_url(settings.database_url)} could not be "
            f"opened or upgraded ({problem}). Check DATABASE_URL and that the server is up.",
            file=sys.stderr,
        )
        return 3


def run(settings: Settings) -> int:
    """Run the bot (long polling, or a webhook) until SIGINT or SIGTERM."""
    token = settings.require_token()
    webhook = settings.webhook()
    configure_logging(
        settings.log_level,
        secrets=[token, webhook.secret if webhook else ""],
        log_format=settings.log_format,
    )
    from bot.app import build_application  # after logging is set up

    try:
        asyncio.run(
            serve(
                build_application(settings, token),
                stop_signal,
                webhook=webhook,
                health=settings.health(),
            )
        )
    except InvalidToken:
        print(
            "Cannot start: Telegram refused TELEGRAM_BOT_TOKEN. Copy it again from @BotFather.",
            file=sys.stderr,
        )
        return 2
    except NetworkError as problem:
        print(
            f"Cannot start: the Bot API at {settings.telegram_api_base_url} could not be "
            f"reached ({type(problem).__name__}). Check the network or TELEGRAM_API_BASE_URL.",
            file=sys.stderr,
        )
        return 3
    except TelegramError as problem:
        print(f"Cannot start: the Bot API said: {problem.message}", file=sys.stderr)
        return 3
    return 0


def print_routes() -> int:
    """The router's table: each command, menu button prefix and step, the feature that
    owns it and the function that answers. Needs no configuration."""
    from features.router import routes

    for what, feature, function in routes():
        print(f"{what:<22} {feature:<11} {function}")
    return 0


def access_command(
    settings: Settings, command: str, target: str | None, username: str | None
) -> int:
    """`revoke TAG|CODE` or `invites`; a refusal is one line."""
    from bot.cli.access import RevokeRefused, invite_links, revoke

    if command == "invites":
        try:
            print("\n".join(asyncio.run(invite_links(settings, username))))
        except TelegramError as problem:
            print(
                f"Cannot ask Telegram the bot's username ({type(problem).__name__}); "
                "give it: python -m bot invites --username NAME",
                file=sys.stderr,
            )
            return 3
        return 0
    if not target:
        print("Cannot revoke: name a client's tag or an invite code", file=sys.stderr)
        return 2
    try:
        print(asyncio.run(revoke(settings, target)))
    except RevokeRefused as problem:
        print(f"Cannot revoke: {problem}.", file=sys.stderr)
        return 2
    return 0


def backup(settings: Settings, target: str | None) -> int:
    """`backup PATH`: a consistent copy of the SQLite database; a refusal is one line."""
    from pathlib import Path

    from bot.cli.backup import BackupRefused
    from bot.cli.backup import backup as backup_database

    if not target:
        print("Cannot back up: name the new file: python -m bot backup PATH", file=sys.stderr)
        return 2
    try:
        print(backup_database(settings, Path(target)))
    except BackupRefused as problem:
        print(f"Cannot back up: {problem}.", file=sys.stderr)
        return 2
    return 0


def copy_db(settings: Settings, target: str | None) -> int:
    """Copy the database into the one named by --to; a refusal is one line."""
    from bot.cli.copy_db import CopyRefused, copy_database

    if not target:
        print("Cannot copy: name the target: python -m bot copy-db --to URL", file=sys.stderr)
        return 2
    try:
        print(asyncio.run(copy_database(settings, target, safe_url(target))))
    except CopyRefused as problem:
        print(f"Cannot copy to {safe_url(target)}: {problem}.", file=sys.stderr)
        return 2
    return 0


def safe_url(database_url: str) -> str:
    """The database URL with any password masked, fit for a message."""
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except ArgumentError:
        return "DATABASE_URL"


if __name__ == "__main__":
    sys.exit(main())

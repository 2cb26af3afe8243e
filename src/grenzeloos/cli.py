"""The ``grenzeloos`` command: one CLI for people and scripts.

Exit codes are part of the contract: 0 success, 1 a user error (one line on stderr, no
traceback, nothing written), 3 a merge conflict (the fields are named, nothing written).
Each app contributes its commands through a ``register(subparsers)`` function in its ``cli``
module; the handlers stay thin and call services.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_CONFLICT = 3

Handler = Callable[[argparse.Namespace], int | None]


class _Parser(argparse.ArgumentParser):
    """Usage errors follow the contract too: one line on stderr and exit code 1."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def _one_line(message: str) -> str:
    """The message with control characters (a newline in a quoted key, say) shown escaped, so an
    error stays the one line on stderr that the CLI contract promises."""
    return "".join(
        f"\\x{ord(char):02x}" if ord(char) < 32 or ord(char) == 127 else char for char in message
    )


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")
    import django

    django.setup()


def build_parser() -> argparse.ArgumentParser:
    from grenzeloos import backup, site_cli
    from grenzeloos.accounts import cli as accounts_cli
    from grenzeloos.canvas import cli as canvas_cli
    from grenzeloos.cases import cli as cases_cli
    from grenzeloos.collaborations import cli as collaborations_cli
    from grenzeloos.guidance import cli as guidance_cli
    from grenzeloos.ledger import cli as ledger_cli
    from grenzeloos.legal import cli as legal_cli

    parser = _Parser(
        prog="grenzeloos",
        description="Grenzeloos: collaborative innovation across organisational borders.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (
        site_cli,
        accounts_cli,
        collaborations_cli,
        canvas_cli,
        legal_cli,
        cases_cli,
        ledger_cli,
        backup,
    ):
        module.register(subparsers)
    # Guidance adds its commands to the canvas group: ``canvas check`` and ``canvas pitch``.
    guidance_cli.register_canvas_commands(_subcommands(subparsers.choices["canvas"]))
    return parser


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """The group of subcommands of a command's parser, for another app to add commands to."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def main(argv: Sequence[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        _setup_django()
    except ImproperlyConfigured as error:  # a setting in the environment the operator must fix
        print(f"grenzeloos: configuration error: {_one_line(str(error))}", file=sys.stderr)
        return EXIT_USER_ERROR
    from django.utils import translation

    from grenzeloos.canvas.document import CanvasValidationError
    from grenzeloos.canvas.services import MergeConflictError
    from grenzeloos.core.errors import UserError

    # Messages for scripts and terminals are English unless asked otherwise; documents the
    # CLI writes keep the product's own language choice.
    translation.activate(os.environ.get("GRENZELOOS_CLI_LANGUAGE", "en"))
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        _check_arguments(args)
        _ensure_migrated()
        return handler(args) or EXIT_OK
    except MergeConflictError as error:
        print(f"grenzeloos: {error}", file=sys.stderr)
        return EXIT_CONFLICT
    except (UserError, CanvasValidationError) as error:
        print(f"grenzeloos: error: {_one_line(str(error))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("grenzeloos: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        from django.conf import settings

        if settings.DEBUG:
            raise
        # A bug or a broken installation: still one line, and the way to see more.
        print(
            f"grenzeloos: unexpected error: {type(error).__name__}: {error} "
            "(set GRENZELOOS_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR


_PATH_ARGUMENTS = frozenset({"file", "output"})


def _check_arguments(args: argparse.Namespace) -> None:
    """Arguments are input too: bytes that are not UTF-8 arrive as lone surrogates."""
    from grenzeloos.core.errors import InvalidInput
    from grenzeloos.core.inputs import text_problem

    problems = []
    for name, value in vars(args).items():
        if name in _PATH_ARGUMENTS:
            continue  # file names may be any bytes; the files' contents are checked
        message = text_problem(value) if isinstance(value, str) else None
        if message:
            problems.append((f"argument {name}", message))
    if problems:
        raise InvalidInput(problems)


def _ensure_migrated() -> None:
    """Bring the database schema up to date first, so every command works on a new store."""
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

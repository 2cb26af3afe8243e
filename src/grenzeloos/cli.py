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


#: Every top-level command, the module that registers it (``register(subparsers)``) and its
#: one-line help, in the order ``--help`` lists them. Why here: ``grenzeloos --help``, the help
#: of one command and argument errors answer from the parser alone, without importing the other
#: apps or setting Django up (that took over a second of CPU before anything was printed).
#: tests/cli/test_fast_cli.py checks this table against the commands the modules register.
COMMANDS: dict[str, tuple[str, str]] = {
    "serve": ("grenzeloos.site_cli", "migrate if needed and serve the web app"),
    "demo": ("grenzeloos.site_cli", "load the example canvases (idempotent)"),
    "user": ("grenzeloos.accounts.cli", "accounts"),
    "profile": (
        "grenzeloos.accounts.cli",
        "a person's profile: display name, function, e-mail address",
    ),
    "notices": ("grenzeloos.accounts.cli", "a person's notices: mentions and more"),
    "members": ("grenzeloos.collaborations.cli", "members and invitations of a collaboration"),
    "collaboration": ("grenzeloos.collaborations.cli", "a collaboration's details"),
    "canvas": ("grenzeloos.canvas.cli", "collaboration canvases"),
    "legal": ("grenzeloos.legal.cli", "legal route check: procurement or State aid"),
    "cases": ("grenzeloos.cases.cli", "the case library"),
    "partners": ("grenzeloos.ledger.cli", "partners, commitments and contributions"),
    "report": ("grenzeloos.ledger.cli", "reports"),
    "org": ("grenzeloos.organisations.cli", "organisations and their contact persons"),
    "workshop": ("grenzeloos.workshop.cli", "workshops of a collaboration"),
    "governance": (
        "grenzeloos.governance.cli",
        "bodies, decisions, votes and the record of who did what",
    ),
    "problems": ("grenzeloos.meetingplace.cli", "the meeting place: problem statements"),
    "process": ("grenzeloos.processes.cli", "stage-gated processes and their items"),
    "challenge": ("grenzeloos.processes.cli", "challenges from call to prototype"),
    "backup": (
        "grenzeloos.backup",
        "write the whole store to one archive (safe while the app serves)",
    ),
    "restore": ("grenzeloos.backup", "restore an archive into an empty store (one transaction)"),
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command's parser: the whole tree, or (given ``argv``) only the tree of the command
    ``argv`` names, the other commands listed by name and help alone."""
    import importlib

    parser = _Parser(
        prog="grenzeloos",
        description="Grenzeloos: collaborative innovation across organisational borders.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    wanted = _command_named(argv) if argv is not None else None
    registered: set[str] = set()
    for name, (module_name, help_text) in COMMANDS.items():
        if module_name in registered:
            continue
        if argv is None or name == wanted or COMMANDS.get(wanted or "", ("",))[0] == module_name:
            importlib.import_module(module_name).register(subparsers)
            registered.add(module_name)
        else:
            subparsers.add_parser(name, help=help_text)
    if "canvas" in subparsers.choices and "grenzeloos.canvas.cli" in registered:
        # Guidance adds its commands to the canvas group: ``canvas check`` and ``canvas pitch``.
        from grenzeloos.guidance import cli as guidance_cli

        guidance_cli.register_canvas_commands(_subcommands(subparsers.choices["canvas"]))
    if "grenzeloos.organisations.cli" in registered:
        # The ledger adds ``org links`` and ``org refuse-link`` to the registry's ``org`` group.
        from grenzeloos.ledger import cli as ledger_cli

        ledger_cli.register_org_commands(_subcommands(subparsers.choices["org"]))
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` asks for: its first word that is not an option."""
    return next((word for word in argv if not word.startswith("-")), None)


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """The group of subcommands of a command's parser, for another app to add commands to."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # --help, -h and argument errors answer (and exit) here, before Django is set up.
    args = build_parser(words).parse_args(words)
    try:
        return _run(args)
    finally:
        _flush_quietly()


def _run(args: argparse.Namespace) -> int:
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
    except BrokenPipeError:
        # The reader stopped reading (``grenzeloos canvas list | head -1``): nothing is wrong.
        _silence_stdout()
        return EXIT_OK
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


def _flush_quietly() -> None:
    """Write out what is buffered now, so that a reader that has gone away is noticed here and
    not as "Exception ignored ... BrokenPipeError" when Python exits."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except ValueError:
        pass  # standard output was closed by the command itself


def _silence_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered goes nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # no file descriptor behind it (a test's captured output): nothing to silence


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

"""Errors that services raise and every interface (web, API, CLI) turns into a clear message."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext


class UserError(Exception):
    """Something the person asked cannot be done; the message says what and where."""


class NotFound(UserError):
    """The object does not exist or the person may not know of it (shown as 404, never 403)."""


class PermissionDenied(UserError):
    """The person may see the object but their role does not allow this action."""


class Conflict(UserError):
    """The request clashes with the object's current state (e.g. changing a signed-off record).

    The API answers 409; the web shows the message.
    """


class InvalidInput(UserError):
    """Input refused at the boundary (bad text, bad number, bad JSON); nothing was done.

    ``problems`` lists ``(path, message)`` pairs, the path naming the field (empty for the
    input as a whole), so each interface can point at what to fix.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "; ".join(f"{path}: {message}" if path else message for path, message in self.problems)
        )


class TooLarge(UserError):
    """The request body is larger than the installation accepts (HTTP 413)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            gettext("the request is larger than the limit of %(limit)s bytes") % {"limit": limit}
        )


def not_one_of(name: str, value: object, options: Iterable[str]) -> InvalidInput:
    """The refusal of a parameter that takes one of a few words ("format", "language")."""
    return InvalidInput(
        [
            (
                name,
                gettext("%(value)s is not one of %(options)s")
                % {"value": repr(value)[:60], "options": ", ".join(options)},
            )
        ]
    )


def not_a_whole_number(name: str, value: object) -> InvalidInput:
    """The refusal of a parameter that takes a whole number ("limit", "revision")."""
    return InvalidInput(
        [(name, gettext("%(value)s is not a whole number") % {"value": repr(value)[:60]})]
    )


class FieldError(UserError):
    """A value that cannot be used; ``field`` names it so forms can show the message there."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")

"""Errors that services raise and every interface (web, API, CLI) turns into a clear message."""

from __future__ import annotations


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

"""What people type on the command line, read the same way by every command.

An amount is read in the CLI's language with the product's one amount parser (the web forms'),
and an id must be a whole number; a refusal is a one-line :class:`~grenzeloos.core.errors.UserError`
that names the option or argument. Django and the parser are imported when a value is read, so
``grenzeloos --help`` stays fast.
"""

from __future__ import annotations

from decimal import Decimal


def amount(name: str, text: str | None) -> Decimal | None:
    """An amount typed on the command line (``--name``), read in the CLI's language; None when
    the option was not given."""
    if text is None:
        return None
    from django.utils import translation

    from grenzeloos.core.amounts import parse_amount
    from grenzeloos.core.errors import UserError

    try:
        return parse_amount(text, (translation.get_language() or "en")[:2])
    except UserError as error:
        raise UserError(f"--{name}: {error}") from None


def number(name: str, text: str) -> int:
    """An id typed on the command line: a whole number, or an error naming ``name``."""
    from grenzeloos.core.errors import UserError

    try:
        return int(text)
    except ValueError:
        raise UserError(f"{name}: {text!r} is not a number") from None

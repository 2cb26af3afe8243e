"""What every ledger use case shares: the field error and the bounds of names and bulk writes."""

from __future__ import annotations

from grenzeloos.core.errors import UserError

NAME_MAX = 200


_BULK = 5000


class FieldError(UserError):
    """A value that cannot be used; ``field`` names it so forms can show the message there."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")

"""What every ledger use case shares: the field error and the bounds of names and bulk writes."""

from __future__ import annotations

from grenzeloos.core.errors import FieldError
from grenzeloos.organisations.services import NAME_MAX

__all__ = ["NAME_MAX", "FieldError"]


_BULK = 5000

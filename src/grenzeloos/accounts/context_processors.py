"""What every page's main navigation needs from the accounts: the number of unread notices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest


def notices(request: HttpRequest) -> dict[str, Any]:
    """``unread_notices``: counted once, and only on a page that shows it (a template calls it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counted: list[int] = []

    def unread() -> int:
        if not counted:
            from grenzeloos.accounts.notices import unread_count

            counted.append(unread_count(actor=user))  # type: ignore[arg-type]
        return counted[0]

    count: Callable[[], int] = unread
    return {"unread_notices": count}

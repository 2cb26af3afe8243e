"""What every use case of the meeting place shares: the limits of a statement's text, checking
that someone is signed in, and checking typed text and vocabulary keys."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext

from grenzeloos import publication
from grenzeloos.core.errors import FieldError, NotFound
from grenzeloos.core.users import Actor

TITLE_MAX = 200
TEXT_MAX = 2000
THEMES_MAX = 10


def _signed_in(user: Any) -> Actor:
    if user is None or not user.is_authenticated or not user.is_active:
        raise NotFound(gettext("sign in first"))
    return user  # type: ignore[no-any-return]


def _text(name: str, value: str, *, limit: int, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise FieldError(name, gettext("this field is required"))
    if len(text) > limit:
        raise FieldError(
            name,
            gettext("at most %(max)s characters (this has %(length)s)")
            % {"max": limit, "length": len(text)},
        )
    return text


def _keys(name: str, values: Iterable[str], vocabulary: type[Any]) -> list[str]:
    allowed = publication.keys(vocabulary)
    found = list(dict.fromkeys(str(value) for value in values if str(value)))
    for value in found:
        if value not in allowed:
            raise FieldError(
                name,
                gettext("%(value)s is not one of %(options)s")
                % {"value": repr(value)[:60], "options": ", ".join(allowed)},
            )
    return found

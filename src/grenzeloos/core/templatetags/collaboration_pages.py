"""Links from one capability's template to another's page, through the port in
``core.extensions`` (``{% load collaboration_pages %}``)."""

from __future__ import annotations

from django import template

from grenzeloos.core.extensions import collaboration_menu as _menu
from grenzeloos.core.extensions import collaboration_url as _url

register = template.Library()


@register.simple_tag
def collaboration_url(key: str, collaboration_id: int) -> str:
    """The address of the collaboration's ``key`` page (``"canvas"``, ``"legal"``, ...), or
    ``""`` when no installed app offers it."""
    return _url(key, int(collaboration_id)) or ""


@register.simple_tag
def collaboration_menu(collaboration_id: int) -> list[tuple[str, str]]:
    """``(label, url)`` of the pages other apps list for the collaboration, in order."""
    return _menu(int(collaboration_id))

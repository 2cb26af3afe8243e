"""The values of a collaboration's choices (membership roles, status) as plain text, for the
command line to offer without importing Django's models: ``grenzeloos members add --role`` and
its help answer from the parser alone. :class:`~grenzeloos.collaborations.models.Role` and
``Status`` are the choices themselves; tests/cli/test_fast_cli.py checks the two agree."""

from __future__ import annotations

#: ``Role`` values, from most to least rights.
ROLES = ("owner", "editor", "reviewer", "commenter", "viewer")
#: ``Status`` values.
STATUSES = ("forming", "active", "closed")

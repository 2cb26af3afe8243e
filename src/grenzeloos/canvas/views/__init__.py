"""Web pages of the canvas. Thin: they call services and render templates.

Every form works as a plain HTML form; htmx only asks for a fragment instead of the whole
page (``is_htmx``), so the same view serves both. Permissions are checked once per request by
:func:`collaboration_view`, which also turns service errors into 404/403.

The views are a package by concern: ``collaborations`` (list, new, import, examples),
``page`` (the canvas page, a revision, a box), ``fields`` (editing a box), ``partners``,
``history`` (revisions, diff, restore) and ``exports``, with what they share in ``common``.
This module re-exports every view and setting, so ``from grenzeloos.canvas import views`` and
the URL conf keep working.
"""

from grenzeloos.canvas.views.collaborations import (
    LIST_PAGE_SIZE,
    MAX_IMPORT_BYTES,
    collaboration_create,
    collaboration_import,
    collaboration_list,
    example_copy,
    example_detail,
    example_list,
)
from grenzeloos.canvas.views.common import GRID_FIELDS, PARTNER_GROUP_LABELS, canvas_view
from grenzeloos.canvas.views.exports import export, export_choice
from grenzeloos.canvas.views.fields import field_edit
from grenzeloos.canvas.views.history import HISTORY_PAGE_SIZE, diff_view, history, restore
from grenzeloos.canvas.views.page import (
    CANVAS_CACHE_SECONDS,
    PANEL_DEPENDENCIES_SECONDS,
    canvas_detail,
    field_box,
    revision_detail,
)
from grenzeloos.canvas.views.partners import partner_edit, partner_remove

__all__ = [
    "CANVAS_CACHE_SECONDS",
    "GRID_FIELDS",
    "HISTORY_PAGE_SIZE",
    "LIST_PAGE_SIZE",
    "MAX_IMPORT_BYTES",
    "PANEL_DEPENDENCIES_SECONDS",
    "PARTNER_GROUP_LABELS",
    "canvas_detail",
    "canvas_view",
    "collaboration_create",
    "collaboration_import",
    "collaboration_list",
    "diff_view",
    "example_copy",
    "example_detail",
    "example_list",
    "export",
    "export_choice",
    "field_box",
    "field_edit",
    "history",
    "partner_edit",
    "partner_remove",
    "restore",
    "revision_detail",
]

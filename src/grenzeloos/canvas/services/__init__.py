"""Use cases of the canvas: create, save (with merge), restore, read and search.

Every function takes the acting user, checks the action through the collaborations access API,
runs in one transaction and writes an audit event, so web, API and CLI behave the same and
nothing is ever half written.

One module per concern, their public names re-exported here:

- :mod:`.reading`: the collaboration for an action, its revisions, history and differences,
  and the reader other apps reach through :mod:`grenzeloos.core.extensions`;
- :mod:`.starting`: a new collaboration from a document, for several owners, or from an example;
- :mod:`.saving`: a new revision, merged with what others saved meanwhile, and its errors;
- :mod:`.restoring`: an old revision made the latest again, and what that would change;
- :mod:`.listing`: the collaborations a person takes part in, a page at a time;
- :mod:`.search`: the same list searched by the canvas text, ranked or newest first, with
  :mod:`.search_sql` the queries it runs on each database.

The search's tuning constants (``RANKED_HITS``, ``WALK_DENSITY``) are not re-exported: they are
read in :mod:`.search`, so that is where they are changed.
"""

from __future__ import annotations

from grenzeloos.canvas.services.listing import CollaborationList
from grenzeloos.canvas.services.reading import (
    collaboration_for,
    diff,
    get_revision,
    head,
    head_number,
    history,
    read_snapshot,
)
from grenzeloos.canvas.services.restoring import RestoreSummary, restore, restore_summary
from grenzeloos.canvas.services.saving import (
    MESSAGE_MAX_LENGTH,
    MergeConflictError,
    StaleRevisionError,
    merged_with,
    save_canvas,
    update_fields,
    write_fields,
)
from grenzeloos.canvas.services.search import (
    SearchPages,
    collaboration_page,
    collaborations_for,
)
from grenzeloos.canvas.services.starting import (
    copy_example,
    create_collaboration,
    example_canvas,
    example_canvases,
    start_for_owners,
)

__all__ = [
    "MESSAGE_MAX_LENGTH",
    "CollaborationList",
    "MergeConflictError",
    "RestoreSummary",
    "SearchPages",
    "StaleRevisionError",
    "collaboration_for",
    "collaboration_page",
    "collaborations_for",
    "copy_example",
    "create_collaboration",
    "diff",
    "example_canvas",
    "example_canvases",
    "get_revision",
    "head",
    "head_number",
    "history",
    "merged_with",
    "read_snapshot",
    "restore",
    "restore_summary",
    "save_canvas",
    "start_for_owners",
    "update_fields",
    "write_fields",
]

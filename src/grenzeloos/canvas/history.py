"""Reading the history: consecutive saves by one person within a few minutes are one session.

Why: people save a box, fix a typo, save the next box; ten revisions in five minutes by one
person are one piece of work. The history page shows them as one editing session that can be
opened to its revisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Saves closer together than this, by the same person, belong to one session.
SESSION_GAP = dt.timedelta(minutes=10)


@dataclass
class Session:
    """Consecutive revisions (newest first) by one author."""

    author: str
    revisions: list[Any] = field(default_factory=list)

    @property
    def newest(self) -> Any:
        return self.revisions[0]

    @property
    def oldest(self) -> Any:
        return self.revisions[-1]


def sessions(revisions: Iterable[Any], *, gap: dt.timedelta = SESSION_GAP) -> list[Session]:
    """Revisions (newest first, with ``author_name`` and ``created_at``) grouped in sessions.

    A restore always starts a session of its own, so it is never hidden inside one.
    """
    result: list[Session] = []
    for revision in revisions:
        author = revision.author.get_username() if revision.author else ""
        current = result[-1] if result else None
        if (
            current is not None
            and current.author == author
            and not current.oldest.restored_from
            and not revision.restored_from
            and current.oldest.created_at - revision.created_at <= gap
        ):
            current.revisions.append(revision)
        else:
            result.append(Session(author=author, revisions=[revision]))
    return result

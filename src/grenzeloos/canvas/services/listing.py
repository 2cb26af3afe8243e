"""The list of the collaborations a person takes part in, without a search, a page at a time.

Why a module of its own: the list is read the same way by every page of collaborations (web,
API, CLI), with or without a search (:mod:`.search` reads its fields and falls back on it when
there are no words), and it reads a page by the list's index rather than sorting them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import overload

from django.contrib.auth.models import AnonymousUser

from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.users import Actor


class PagedRows:
    """Collaborations read like a list a page at a time, as paginators (Django's and DRF's)
    read a queryset: ``count()``, ``len()``, an index and slices in steps of one.

    A subclass says how many there are (:meth:`_counted`, asked once) and reads the rows from
    ``start`` to ``stop`` (:meth:`_rows`); the list without a search and a search's hits
    (:class:`~grenzeloos.canvas.services.search._Found`) differ only in those two.
    """

    def __init__(self, user: Actor | AnonymousUser) -> None:
        self.user = user
        self._count: int | None = None

    def _counted(self) -> int:
        raise NotImplementedError

    def _rows(self, start: int, stop: int) -> list[Collaboration]:
        raise NotImplementedError

    def count(self) -> int:
        if self._count is None:
            self._count = self._counted()
        return self._count

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Collaboration: ...

    @overload
    def __getitem__(self, index: slice) -> list[Collaboration]: ...

    def __getitem__(self, index: int | slice) -> Collaboration | list[Collaboration]:
        if isinstance(index, int):
            position = index + self.count() if index < 0 else index
            if not 0 <= position < self.count():
                raise IndexError(f"{type(self).__name__} index out of range")
            return self._rows(position, position + 1)[0]
        if index.step not in (None, 1):
            raise TypeError(f"a {type(self).__name__} is read in steps of one")
        start, stop, _step = index.indices(self.count())
        return self._rows(start, stop) if stop > start else []


class CollaborationList(PagedRows):
    """The collaborations a person takes part in, newest first, read a page at a time.

    Why not a plain queryset with the role: for a person in thousands of collaborations,
    sorting every one of them for a page of fifty costs tens of milliseconds. This reads one
    page in one narrow query the database answers from the list's index
    (:func:`~grenzeloos.collaborations.access.visible_in_order`), with only what a list shows.
    """

    #: From this many collaborations on, a page is found by walking the list's index.
    MANY = 500
    #: Rows read per query when the whole list is iterated (the CLI).
    CHUNK = 500
    #: What a row of the list shows (web, API and CLI).
    FIELDS = ("subject", "description", "status", "updated_at", "canvas__head_number")

    def _counted(self) -> int:
        return access.visible_count(self.user)

    def __iter__(self) -> Iterator[Collaboration]:
        for start in range(0, self.count(), self.CHUNK):
            yield from self._rows(start, start + self.CHUNK)

    def _rows(self, start: int, stop: int) -> list[Collaboration]:
        if stop <= start:
            return []
        ordered = access.visible_in_order(self.user, many=self.count() >= self.MANY)
        return list(ordered.select_related("canvas").only(*self.FIELDS)[start:stop])

"""The canvas of a collaboration and its revisions (who takes part lives in collaborations)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.inputs import tolerant


class Canvas(models.Model):
    """The canvas of a collaboration: which revision is the latest.

    The revisions hold the documents; this row is what a save locks and moves forward.
    """

    collaboration = models.OneToOneField(
        Collaboration,
        verbose_name=_("collaboration"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="canvas",
    )
    head_number = models.PositiveIntegerField(_("latest revision"), default=0)
    #: The head revision's visible text, folded (see :mod:`grenzeloos.canvas.search`).
    search_text = models.TextField(_("search text"), blank=True, default="")

    class Meta:
        verbose_name = _("canvas")
        verbose_name_plural = _("canvases")

    def __str__(self) -> str:
        return f"{self.collaboration} r{self.head_number}"


class Revision(models.Model):
    """One immutable saved state of a canvas: the whole document, its author and time.

    Revisions are only ever inserted. The unique (collaboration, number) pair is what makes two
    simultaneous saves safe: only one can become number N; the other is merged and retried.
    """

    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    document = models.JSONField(_("document"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    base_number = models.PositiveIntegerField(_("based on revision"), null=True, blank=True)
    restored_from = models.PositiveIntegerField(_("restored from revision"), null=True, blank=True)
    #: The fields this revision changed from the one before it (empty for the first), so the
    #: history names them without reading two documents per revision.
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ("collaboration", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=("collaboration", "number"), name="unique_revision_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} r{self.number}"

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Revision:
        """Read a revision tolerantly: text that is no longer accepted on input (a NUL, a lone
        surrogate, stored before the boundary refused them) shows as U+FFFD instead of
        breaking every page, export and command that shows the revision. Revisions are
        immutable, so this is the one way such a history stays readable."""
        revision = super().from_db(db, field_names, values)
        if "document" in revision.__dict__:
            revision.document = tolerant(revision.document)
        return revision

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.document)

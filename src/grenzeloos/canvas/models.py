"""A collaboration (samenwerking), who takes part in it, and its canvas revisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from grenzeloos.core.users import Actor


class Role(models.TextChoices):
    """Membership roles, from most to least rights."""

    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


#: Rank of each role; a higher rank includes every right of a lower one.
ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


class Collaboration(models.Model):
    """A partnership across organisational borders, described by its canvas."""

    subject = models.CharField(_("subject"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    head_number = models.PositiveIntegerField(_("latest revision"), default=0)
    members: models.ManyToManyField[Actor, Membership] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="collaborations"
    )

    class Meta:
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        ordering = ("-updated_at", "-id")

    def __str__(self) -> str:
        return self.subject


class Membership(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=("collaboration", "user"), name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.collaboration} ({self.role})"


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

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.document)

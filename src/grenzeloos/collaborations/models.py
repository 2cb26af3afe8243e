"""A collaboration (samenwerking), who takes part in it and in which role.

Every capability (canvas, legal route check, ...) hangs its own data on a collaboration and asks
:mod:`grenzeloos.collaborations.access` whether a person may do something with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from grenzeloos.core.users import Actor


class Role(models.TextChoices):
    """Membership roles, from most to least rights."""

    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    COMMENTER = "commenter", _("Commenter")
    VIEWER = "viewer", _("Viewer")


#: Rank of each role; a higher rank includes every right of a lower one. A reviewer ranks with a
#: commenter (reads and comments, never edits); what only a reviewer may do besides, such as
#: signing off a legal check, an action names in its ``also`` roles.
ROLE_RANK = {Role.VIEWER: 1, Role.COMMENTER: 2, Role.REVIEWER: 2, Role.EDITOR: 3, Role.OWNER: 4}


class Status(models.TextChoices):
    """Where a collaboration stands: partners still finding each other, working, or done."""

    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Collaboration(models.Model):
    """A partnership across organisational borders."""

    subject = models.CharField(_("subject"), max_length=300)
    description = models.CharField(_("description"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.FORMING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    members: models.ManyToManyField[Actor, Membership] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="collaborations"
    )

    class Meta:
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        ordering = ("-updated_at", "-id")
        # The list's order: its first page is read from here instead of sorting every row.
        indexes = [models.Index(fields=["-updated_at", "-id"], name="collaboration_recent")]

    def __str__(self) -> str:
        return self.subject


class Membership(models.Model):
    collaboration = models.ForeignKey(
        Collaboration,
        verbose_name=_("collaboration"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="memberships",
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


class Invitation(models.Model):
    """An e-mail address asked to join a collaboration in a role, through a single-use link.

    Only a hash of the link's secret is kept, so the table alone opens no collaboration. An
    invitation is *pending* until it is accepted, withdrawn or past ``expires_at``.
    """

    collaboration = models.ForeignKey(
        Collaboration,
        verbose_name=_("collaboration"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(_("language"), max_length=10, default="nl")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=("collaboration", "email"), name="invitation_by_email")]

    def __str__(self) -> str:
        return f"{self.email} – {self.collaboration_id} ({self.role})"

"""Personal API tokens: named, revocable, shown once; only a hash of each is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """One API token of one account. The token itself is never stored: only its SHA-256."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    #: The first characters of the token, so its owner can tell tokens apart.
    prefix = models.CharField(_("starts with"), max_length=12)
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "name"),
                condition=Q(revoked_at__isnull=True),
                name="accounts_apitoken_one_active_name",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Profile(models.Model):
    """How a person is named on documents and invitations (display name and function), and the
    e-mail address they asked to change to until they confirm it through the link sent there.

    The account's own ``email`` only ever changes to a confirmed address: an invitation to an
    address is accepted by the account that has it (see ``collaborations.services.accept``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    pending_email = models.EmailField(_("e-mail address awaiting confirmation"), blank=True)
    pending_since = models.DateTimeField(_("confirmation asked at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name or f"#{self.user_id}"

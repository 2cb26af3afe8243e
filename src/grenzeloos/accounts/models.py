"""Personal API tokens: named, revocable, shown once; only a hash of each is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
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


class Notice(models.Model):
    """An in-app notice for one person, from any capability (see
    :mod:`grenzeloos.accounts.notices`): what happened (``kind``), a short text, and where to
    look (``url``, a path in the app)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=40)
    text = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Not ``auto_now_add``: notices moved from elsewhere keep the moment they were made.
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=("recipient", "read_at"), name="accounts_notice_unread")]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind}"


class Digest(models.TextChoices):
    NONE = "none", _("none")
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")


class NoticePreference(models.Model):
    """What a person wants by e-mail besides the in-app notices, and in which language.

    Without a row nothing is e-mailed (the defaults)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="notice_preference",
    )
    email_mentions = models.BooleanField(_("e-mail me about mentions"), default=False)
    digest = models.CharField(
        _("e-mail digest"), max_length=10, choices=Digest.choices, default=Digest.NONE
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")

    def __str__(self) -> str:
        return f"#{self.user_id}"

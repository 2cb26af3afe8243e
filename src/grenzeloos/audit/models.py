"""The audit log: who did what, when, to which object.

It is append-only for everyone: events are added and never changed or deleted, by no interface
(the admin shows them read-only, no API or CLI command touches them). Here the model refuses
it; in the database a trigger refuses it as well (migration 0002). An account that acted
cannot be deleted (deactivate it), since its events point at it.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """Something tried to change or delete an audit event."""

    def __init__(self, what: str) -> None:
        super().__init__(f"the audit log is append-only: {what} refused")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("update")

    def delete(self) -> NoReturn:
        raise AppendOnly("delete")


class AuditEvent(models.Model):
    """One recorded use case. Written by services in the same transaction as the change."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100)
    target_type = models.CharField(_("target type"), max_length=100)
    target_id = models.CharField(_("target id"), max_length=64)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("target_type", "target_id"))]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("update")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("delete")

"""Recording audit events. Services call :func:`record` inside their own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from grenzeloos.audit.models import AuditEvent
from grenzeloos.core.users import Actor


def record(
    *,
    actor: Actor | None,
    action: str,
    target: models.Model,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event for ``action`` on ``target`` by ``actor``."""
    return record_about(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data,
    )


def record_about(
    *,
    actor: Actor | None,
    action: str,
    target_type: str,
    target_id: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event about something that is no single row: a list of a model's
    objects (``target_id`` empty), or an account name that may not exist."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        target_type=target_type,
        target_id=target_id[:64],
        data=data or {},
    )


def last_event_id() -> int:
    """The id of the latest audit event (0 before the first): it moves with every change made
    through the services, so a cache of what other apps' data looks like can key on it."""
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def events_for(target: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")


def record_admin_view(
    *,
    actor: Actor | None,
    model: type[models.Model],
    view: str,
    object_id: str = "",
    query: str = "",
) -> AuditEvent:
    """Note that staff looked at collaboration data in the admin site.

    ``view`` is ``list``, ``object`` or ``history``; ``query`` the list's filters and search.
    """
    data: dict[str, Any] = {"view": view}
    if query:
        data["query"] = query[:500]
    return record_about(
        actor=actor,
        action="admin.viewed",
        target_type=model._meta.label_lower,
        target_id=object_id,
        data=data,
    )

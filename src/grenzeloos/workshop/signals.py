"""Telling the running workshops' rooms that who may hear them may have changed.

A room's connection keeps its answer to "may this person hear the room" for the connection's
life (:mod:`grenzeloos.workshop.consumers`); these receivers make it ask again when a
membership of the workshop's collaboration is made, changed or removed, or an account is
switched off or on. They run for every way such a row is saved or deleted through the ORM, in
the saving transaction, and the rooms hear of it after the commit.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save

from grenzeloos.collaborations.models import Membership
from grenzeloos.workshop.events import members_changed
from grenzeloos.workshop.models import Participant, State, Workshop


def _membership_changed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    running = Workshop.objects.filter(
        collaboration_id=instance.collaboration_id, state=State.RUNNING
    ).values_list("pk", flat=True)
    for workshop_id in running:
        members_changed(workshop_id)


def _account_changed(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if created or (update_fields is not None and "is_active" not in update_fields):
        return
    running = (
        Participant.objects.filter(user_id=instance.pk, workshop__state=State.RUNNING)
        .values_list("workshop_id", flat=True)
        .distinct()
    )
    for workshop_id in running:
        members_changed(workshop_id)


def connect() -> None:
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="workshop.membership")
    post_delete.connect(
        _membership_changed, sender=Membership, dispatch_uid="workshop.membership.deleted"
    )
    post_save.connect(_account_changed, sender=get_user_model(), dispatch_uid="workshop.account")

"""Who gets the meeting place's e-mail digest, how often and in which language, and when each
person's last digest went out. Everything :mod:`.digest` needs of it is here, so the choice can
move to the person's notice preferences on the shared floor without touching the digest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from grenzeloos.audit.services import record
from grenzeloos.core.errors import FieldError
from grenzeloos.core.users import Actor
from grenzeloos.meetingplace.models import DigestFrequency, DigestSubscription
from grenzeloos.meetingplace.services.common import _signed_in


@dataclass(frozen=True)
class Subscriber:
    user: Any
    language: str
    last_sent: dt.datetime | None


def subscribers(frequency: str) -> Iterator[Subscriber]:
    """The active accounts with an e-mail address that chose the ``frequency`` digest."""
    rows = (
        DigestSubscription.objects.filter(frequency=frequency, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    for row in rows.iterator(chunk_size=500):
        yield Subscriber(user=row.user, language=row.language, last_sent=row.last_sent_at)


def mark_sent(user: Any, moment: dt.datetime) -> None:
    DigestSubscription.objects.filter(user=user).update(last_sent_at=moment)


def subscription_of(user: Any) -> DigestSubscription:
    """The person's choice (the default, unsaved, if they never chose: no digest)."""
    found = DigestSubscription.objects.filter(user_id=user.pk).first()
    return found if found is not None else DigestSubscription(user_id=user.pk)


def turn_off(user: Any) -> bool:
    """No more digests for ``user``; whether that changed anything."""
    return bool(
        DigestSubscription.objects.filter(user=user)
        .exclude(frequency=DigestFrequency.NONE)
        .update(frequency=DigestFrequency.NONE)
    )


@transaction.atomic
def set_digest(*, actor: Actor, frequency: str, language: str) -> DigestSubscription:
    """The actor's own choice: a digest daily, weekly or none, in a language. Choosing what was
    chosen stores and records nothing. Audited."""
    _signed_in(actor)
    if frequency not in DigestFrequency.values:
        raise FieldError(
            "frequency",
            gettext("%(value)s is not one of %(options)s")
            % {"value": repr(frequency)[:60], "options": ", ".join(DigestFrequency.values)},
        )
    if language not in dict(settings.LANGUAGES):
        raise FieldError(
            "language",
            gettext("%(value)s is not one of %(options)s")
            % {"value": repr(language)[:60], "options": ", ".join(dict(settings.LANGUAGES))},
        )
    found = DigestSubscription.objects.select_for_update().filter(user=actor).first()
    if found is None:
        found = DigestSubscription(user=actor)
    if found.pk is not None and (found.frequency, found.language) == (frequency, language):
        return found
    if found.pk is None and frequency == DigestFrequency.NONE:
        return found  # the default: nothing to store
    found.frequency, found.language = frequency, language
    found.save()
    record(
        actor=actor,
        action="meetingplace.digest_chosen",
        target=actor,  # type: ignore[arg-type]
        data={"frequency": frequency, "language": language},
    )
    return found

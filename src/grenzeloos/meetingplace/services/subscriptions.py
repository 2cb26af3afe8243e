"""Who gets the meeting place's e-mail digest, how often and in which language (the person's
notice preference on the shared floor, :mod:`grenzeloos.accounts.notices`), and when each
person's last digest went out (:class:`~grenzeloos.meetingplace.models.DigestMark`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from grenzeloos.accounts import notices
from grenzeloos.accounts.models import Digest, NoticePreference
from grenzeloos.meetingplace.models import DigestMark


@dataclass(frozen=True)
class Subscriber:
    user: Any
    language: str
    last_sent: dt.datetime | None


def subscribers(frequency: str) -> Iterator[Subscriber]:
    """The active accounts with an e-mail address that chose the ``frequency`` digest."""
    rows = (
        NoticePreference.objects.filter(digest=frequency, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    marks = dict(DigestMark.objects.values_list("user_id", "last_sent_at"))
    for row in rows.iterator(chunk_size=500):
        yield Subscriber(user=row.user, language=row.language, last_sent=marks.get(row.user_id))


def mark_sent(user: Any, moment: dt.datetime) -> None:
    DigestMark.objects.update_or_create(user=user, defaults={"last_sent_at": moment})


def turn_off(user: Any) -> bool:
    """No more digests for ``user`` (their other choices stay); whether that changed anything.
    The preference records the change in the audit log, as the person."""
    preference = notices.preference_of(user)
    if preference.digest == Digest.NONE:
        return False
    notices.set_preference(
        actor=user,
        email_mentions=preference.email_mentions,
        language=preference.language,
        digest=Digest.NONE,
    )
    return True

"""In-app notices for any capability, on the shared floor, and who wants which by e-mail.

A capability calls :func:`notify` inside its own use case (which writes its own audit event;
a notice is part of what that use case did). The person reads their notices on the notices
page, through ``/api/v1/me/notices`` or ``grenzeloos notices list``, and marks them read.

A kind names what happened. :data:`KINDS` gives each kind its label; a capability with a kind
of its own adds it with :func:`register_kind` in its ``AppConfig.ready``. The kinds in
:data:`EMAIL_PREFERENCES` are also e-mailed, after the transaction commits, to a person who
chose so on their profile, in the language they chose there.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grenzeloos.accounts.models import Digest, Notice, NoticePreference
from grenzeloos.audit.services import record
from grenzeloos.core.errors import FieldError
from grenzeloos.core.users import Actor

logger = logging.getLogger(__name__)

MENTION = "mention"
#: kind → its label (what happened), shown with each notice.
KINDS: dict[str, str | Promise] = {MENTION: _("Mentioned you")}
#: kind → the preference field that says whether the person wants it by e-mail too.
EMAIL_PREFERENCES: dict[str, str] = {MENTION: "email_mentions"}
#: A notice keeps this much text; the link leads to the whole.
TEXT_LIMIT = 300
URL_LIMIT = 500


def register_kind(kind: str, label: str | Promise) -> None:
    """Give a capability's own kind of notice its label (call from ``AppConfig.ready``)."""
    KINDS[kind] = label


def kind_label(kind: str) -> str:
    return str(KINDS.get(kind, kind))


def notify(
    *, recipient: Actor, kind: str, text: str, url: str, actor: Actor | None = None
) -> Notice:
    """Leave ``recipient`` a notice of ``kind`` with ``text`` and a link (a path in the app).

    If the recipient chose to have this kind by e-mail, a plain-text mail in their language goes
    to their address once the surrounding transaction commits (a mail that cannot be sent is
    logged; the notice stays)."""
    if kind not in KINDS:
        raise FieldError("kind", gettext("no such kind of notice: %(kind)s") % {"kind": kind})
    if not url.startswith("/") or len(url) > URL_LIMIT:
        raise FieldError("url", gettext("a notice links to a path in the app"))
    text = " ".join(text.split())
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1] + "…"
    notice = Notice.objects.create(recipient=recipient, kind=kind, text=text, url=url, actor=actor)
    field = EMAIL_PREFERENCES.get(kind)
    if field and recipient.email:
        preference = NoticePreference.objects.filter(user=recipient).first()
        if preference is not None and getattr(preference, field):
            transaction.on_commit(lambda: _send(notice, preference.language))
    return notice


def _send(notice: Notice, language: str) -> None:
    from grenzeloos.accounts.services import display_name

    with translation.override(language):
        context = {
            "name": display_name(notice.recipient),
            "by": display_name(notice.actor) if notice.actor else "",
            "label": kind_label(notice.kind),
            "text": notice.text,
            "link": settings.SITE_URL.rstrip("/") + notice.url,
            "settings_link": settings.SITE_URL.rstrip("/") + reverse("accounts:profile"),
        }
        subject = render_to_string("accounts/email/notice_subject.txt", context)
        body = render_to_string("accounts/email/notice_body.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [notice.recipient.email],
            fail_silently=False,
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("the e-mail of notice %s could not be sent", notice.pk)


def notices_of(*, actor: Actor, unread_only: bool = False) -> QuerySet[Notice]:
    """The actor's own notices, newest first."""
    found = Notice.objects.filter(recipient=actor)
    if unread_only:
        found = found.filter(read_at__isnull=True)
    return found.select_related("actor")


def unread_count(*, actor: Actor) -> int:
    return Notice.objects.filter(recipient=actor, read_at__isnull=True).count()


@transaction.atomic
def mark_read(*, actor: Actor, ids: list[int] | None = None) -> int:
    """Mark the actor's unread notices read: those of ``ids``, or all. Another person's notice
    is left alone (as if it did not exist). Answers how many were marked."""
    found = Notice.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        found = found.filter(pk__in=ids)
    return found.update(read_at=timezone.now())


def preference_of(user: Actor) -> NoticePreference:
    """The person's choices (the defaults, unsaved, if they never chose)."""
    found = NoticePreference.objects.filter(user=user).first()
    return found if found is not None else NoticePreference(user=user)


@transaction.atomic
def set_preference(
    *,
    actor: Actor,
    email_mentions: bool,
    language: str,
    digest: str | None = None,
) -> NoticePreference:
    """The actor's own choice of e-mails: mentions (yes/no), their language, and the digest
    (``None`` keeps it). Choosing what was chosen (or the defaults) stores and records nothing."""
    if language not in dict(settings.LANGUAGES):
        raise FieldError("language", gettext("no such language: %(value)s") % {"value": language})
    if digest is not None and digest not in Digest.values:
        raise FieldError("digest", gettext("no such digest: %(value)s") % {"value": digest})
    preference = NoticePreference.objects.select_for_update().filter(user=actor).first()
    if preference is None:
        preference = NoticePreference(user=actor)
    wanted = (email_mentions, language, preference.digest if digest is None else digest)
    if wanted == (preference.email_mentions, preference.language, preference.digest):
        return preference
    preference.email_mentions, preference.language, preference.digest = wanted
    preference.save()
    record(
        actor=actor,
        action="account.notice_preference_changed",
        target=actor,  # type: ignore[arg-type]
        data={"email_mentions": email_mentions, "language": language, "digest": wanted[2]},
    )
    return preference

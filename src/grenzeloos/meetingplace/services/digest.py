"""The e-mail digest: new problem statements that match one's own themes, daily or weekly, with
a signed link to turn it off without signing in.

Which statements a person's digest holds is :func:`digest_statements`: the open statements
published since their last digest that share a theme with their organisations' own statements
and that they may see (:func:`~grenzeloos.meetingplace.services.visibility.visible_statements`,
so a statement shared only with invited organisations never reaches anyone else's mailbox).
:func:`send_digests` sends them, run by a scheduler through ``grenzeloos problems digest``.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from grenzeloos.audit.services import record_about
from grenzeloos.core.errors import FieldError, NotFound
from grenzeloos.meetingplace import matching
from grenzeloos.meetingplace.models import Statement, StatementTerm, Status
from grenzeloos.meetingplace.services import subscriptions
from grenzeloos.meetingplace.services.visibility import (
    may_see,
    my_organisations,
    visible_statements,
)
from grenzeloos.organisations.models import ContactPerson

logger = logging.getLogger(__name__)

#: How far back a first digest looks, and how often each frequency is sent.
PERIODS = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}
#: A digest names at most this many statements (the newest); the page lists the rest.
DIGEST_LIMIT = 30
_SALT = "grenzeloos.meetingplace.digest-unsubscribe"


def own_themes(user: Any) -> list[str]:
    """The themes a person follows: those of the statements (not closed) of the organisations
    they speak for."""
    stored = (
        Statement.objects.filter(organisation_id__in=my_organisations(user).values("pk"))
        .exclude(status=Status.CLOSED)
        .values_list("themes", flat=True)
    )
    return sorted({theme for themes in stored for theme in matching.split(themes)})


def digest_statements(
    *,
    user: Any,
    since: dt.datetime,
    until: dt.datetime | None = None,
    limit: int = DIGEST_LIMIT,
) -> list[Statement]:
    """New statements since the last digest that match this person's organisations' themes and
    are visible to them: open, published after ``since`` (and up to ``until``), not their own
    organisations' nor written by them, sharing at least one theme; newest first."""
    themes = own_themes(user)
    if not themes:
        return []
    sharing = StatementTerm.objects.filter(term__in=[f"t:{theme}"[:64] for theme in themes]).values(
        "statement_id"
    )
    found = (
        visible_statements(user)
        .filter(status=Status.OPEN, created_at__gt=since, pk__in=sharing)
        .exclude(organisation_id__in=my_organisations(user).values("pk"))
        .exclude(author_id=user.pk)
    )
    if until is not None:
        found = found.filter(created_at__lte=until)
    found = found.select_related("organisation", "collaboration")
    return list(found.order_by("-created_at", "-pk")[:limit])


#: The kind of in-app notice a new statement that matches one's themes leaves.
NEW_STATEMENT = "meetingplace.new_statement"
#: A new statement leaves an in-app notice for at most this many people (those who follow its
#: themes the longest first: the lowest account numbers).
FOLLOWERS_LIMIT = 200


def followers(statement: Statement) -> list[Any]:
    """The people a new statement is news for: the active accounts of the contact persons of
    other organisations whose own statements (not closed) share one of its themes, who may see
    it. Its own organisation's people and its author are left out."""
    themes = matching.split(statement.themes)
    if not themes or statement.status != Status.OPEN:
        return []
    sharing = StatementTerm.objects.filter(term__in=[f"t:{theme}"[:64] for theme in themes]).values(
        "statement_id"
    )
    organisations = (
        Statement.objects.filter(pk__in=sharing, organisation__isnull=False)
        .exclude(status=Status.CLOSED)
        .exclude(pk=statement.pk)
        .values("organisation_id")
    )
    people = ContactPerson.objects.filter(
        organisation_id__in=organisations, erased_at__isnull=True, user__isnull=False
    )
    if statement.organisation_id is not None:
        own = ContactPerson.objects.filter(
            organisation_id=statement.organisation_id, user__isnull=False
        ).values("user_id")
        people = people.exclude(user_id__in=own)
    found = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=people.values("user_id"))
        .exclude(pk=statement.author_id or 0)
        .order_by("pk")[:FOLLOWERS_LIMIT]
    )
    candidates = list(found)
    seeing = may_see(statement, [user.pk for user in candidates])
    return [user for user in candidates if user.pk in seeing]


# --- The signed link to turn the digest off ---------------------------------------------------


def unsubscribe_token(user: Any) -> str:
    """The token of a person's unsubscribe link: signed with the site's secret key, so nobody
    can make one for another person; it names the account only, and stays the same in every
    digest (an old mail's link keeps working)."""
    return signing.Signer(salt=_SALT).sign_object({"user": user.pk})


def unsubscribe_url(user: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "meetingplace:unsubscribe", args=[unsubscribe_token(user)]
    )


def user_for_token(token: str) -> Any:
    """The active account an unsubscribe token was made for; :class:`NotFound` for a token
    that was changed, made with another key, or whose account is gone or deactivated."""
    try:
        data = signing.Signer(salt=_SALT).unsign_object(str(token)[:500])
        user = get_user_model().objects.get(pk=int(data["user"]), is_active=True)
    except (signing.BadSignature, KeyError, TypeError, ValueError, get_user_model().DoesNotExist):
        raise NotFound(gettext("this link does not work (any more)")) from None
    return user


@transaction.atomic
def unsubscribe(*, token: str) -> Any:
    """Turn the digest off for the person the signed ``token`` names, without signing in (their
    other notice choices stay). Turning it off again changes nothing. Audited, as that person,
    by their notice preference."""
    user = user_for_token(token)
    subscriptions.turn_off(user)
    return user


# --- Sending ---------------------------------------------------------------------------------


@dataclass
class DigestRun:
    frequency: str
    people: int  # how many subscribers were looked at
    sent: int  # how many got a mail (those with something new)
    statements: int  # how many statements the mails named together


def send_digests(*, frequency: str, now: dt.datetime | None = None) -> DigestRun:
    """Send the ``frequency`` digest (daily or weekly) to everyone who chose it and has an
    e-mail address: the statements new since their last digest (or, the first time, since one
    period ago), in the language they chose, with the link to turn it off. Nobody gets an
    empty mail. Each person's mark moves on, so no statement is sent twice. A mail that cannot
    be sent is logged and its mark stays, so the next run tries again. Audited per run."""
    if frequency not in PERIODS:
        raise FieldError(
            "frequency",
            gettext("%(value)s is not one of %(options)s")
            % {"value": repr(frequency)[:60], "options": ", ".join(PERIODS)},
        )
    moment = now or timezone.now()
    run = DigestRun(frequency=frequency, people=0, sent=0, statements=0)
    for subscriber in subscriptions.subscribers(frequency):
        run.people += 1
        user = subscriber.user
        since = subscriber.last_sent or moment - PERIODS[frequency]
        found = digest_statements(user=user, since=since, until=moment)
        if found:
            if not _send(user, found, language=subscriber.language):
                continue
            run.sent += 1
            run.statements += len(found)
        subscriptions.mark_sent(user, moment)
    record_about(
        actor=None,
        action="meetingplace.digest_sent",
        target_type="meetingplace.statement",
        data={"frequency": frequency, "sent": run.sent, "statements": run.statements},
    )
    return run


def _send(user: Any, statements: list[Statement], *, language: str) -> bool:
    from grenzeloos.accounts.services import display_name

    site = settings.SITE_URL.rstrip("/")
    unsubscribe_link = unsubscribe_url(user)
    themes = set(own_themes(user))
    with translation.override(language):
        context = {
            "name": display_name(user),
            "statements": [
                {
                    "title": statement.title,
                    "owner": statement.organisation.name
                    if statement.organisation
                    else statement.collaboration.subject
                    if statement.collaboration
                    else "",
                    "themes": ", ".join(t for t in matching.split(statement.themes) if t in themes),
                    "link": site + reverse("meetingplace:statement", args=[statement.pk]),
                }
                for statement in statements
            ],
            "count": len(statements),
            "unsubscribe_link": unsubscribe_link,
        }
        subject = render_to_string("meetingplace/email/digest_subject.txt", context)
        body = render_to_string("meetingplace/email/digest_body.txt", context)
    message = EmailMessage(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_link}>"},
    )
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError):
        logger.exception("the meeting place's digest to account %s could not be sent", user.pk)
        return False
    return True

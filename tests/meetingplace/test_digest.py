"""The e-mail digest: new statements that match one's own organisations' themes and that one
may see, daily or weekly, in one's language, with a signed link that stops it without signing
in (a changed token is refused; opening the link changes nothing, the button does)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grenzeloos.accounts import notices
from grenzeloos.accounts.models import Notice
from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main
from grenzeloos.meetingplace import services
from grenzeloos.meetingplace.models import Statement
from tests.meetingplace.factories import statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(town):
    """Deventer follows energy poverty (its own statement names it); a moment before the new
    statements of the others."""
    statement(
        town["deventer"],
        town["dirk"],
        "Energiearmoede bij huurders",
        "Huurders betalen te veel",
        themes="energiearmoede",
    )
    return timezone.now()


def _new(town, organisation, person, title, **data):
    return statement(town[organisation], town[person], title, "Wat ons pijn doet", **data)


def _choose(user, digest, language):
    notices.set_preference(actor=user, email_mentions=False, language=language, digest=digest)


def _digest_of(user):
    return notices.preference_of(user).digest


def _ids(found):
    return [s.pk for s in found]


def test_the_digest_holds_new_visible_statements_that_share_a_theme(town, themes) -> None:
    shared = _new(town, "zwolle", "zara", "Energiearmoede in wijken", themes="energiearmoede")
    _new(town, "zwolle", "zara", "Eenzaamheid", themes="eenzaamheid")  # no shared theme
    _new(  # shared only with the university: never in Deventer's digest
        town,
        "zwolle",
        "zara",
        "Geheime energiearmoede",
        themes="energiearmoede",
        visibility="invited",
        invited=[town["university"].pk],
    )
    _new(  # one sector only, not Deventer's
        town,
        "university",
        "uma",
        "Energiearmoede meten",
        themes="energiearmoede",
        visibility="sector",
        audience_sector="knowledge",
    )
    closed = _new(town, "housing", "hans", "Energiearmoede bij ons", themes="energiearmoede")
    services.close(actor=town["hans"], statement=closed)
    assert _ids(services.digest_statements(user=town["dirk"], since=themes)) == [shared.pk]
    # Nothing new since now; and whoever follows no theme gets nothing.
    assert services.digest_statements(user=town["dirk"], since=timezone.now()) == []
    assert services.digest_statements(user=town["nobody"], since=themes) == []


def test_an_invited_statement_reaches_only_the_invited_digest(town, themes) -> None:
    for organisation, person in (("university", "uma"), ("housing", "hans")):
        _new(town, organisation, person, "Eigen energiearmoede", themes="energiearmoede")
    since = timezone.now()
    secret = _new(
        town,
        "zwolle",
        "zara",
        "Geheime energiearmoede",
        themes="energiearmoede",
        visibility="invited",
        invited=[town["university"].pk],
    )
    got = {
        person: secret.pk in _ids(services.digest_statements(user=town[person], since=since))
        for person in ("zara", "dirk", "uma", "hans", "nobody")
    }
    assert got == {"zara": False, "dirk": False, "uma": True, "hans": False, "nobody": False}


def test_sending_the_daily_digest(town, themes, settings) -> None:
    settings.SITE_URL = "https://grenzeloos.example"
    _choose(town["dirk"], "daily", "en")
    _choose(town["uma"], "weekly", "nl")
    shared = _new(town, "zwolle", "zara", "Energiearmoede in wijken", themes="energiearmoede")
    run = services.send_digests(frequency="daily")
    assert (run.people, run.sent, run.statements) == (1, 1, 1)
    [sent] = mail.outbox
    assert sent.to == ["dirk@example.org"]
    assert sent.subject == "1 new problem statement that matches your themes"
    link = "https://grenzeloos.example" + reverse("meetingplace:statement", args=[shared.pk])
    assert "Energiearmoede in wijken (Gemeente Zwolle)" in sent.body and link in sent.body
    stop = services.unsubscribe_url(town["dirk"])
    assert stop in sent.body and sent.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    event = AuditEvent.objects.get(action="meetingplace.digest_sent")
    assert event.data == {"frequency": "daily", "sent": 1, "statements": 1}
    # The mark moved on: the next run names nothing twice and sends no empty mail.
    assert services.send_digests(frequency="daily").sent == 0
    assert len(mail.outbox) == 1


def test_the_digest_in_the_persons_language(town, themes) -> None:
    _choose(town["dirk"], "weekly", "nl")
    _new(town, "zwolle", "zara", "Energiearmoede in wijken", themes="energiearmoede")
    _new(town, "housing", "hans", "Energiearmoede bij ons", themes="energiearmoede")
    services.send_digests(frequency="weekly")
    [sent] = mail.outbox
    assert sent.subject == "2 nieuwe probleemstellingen die bij uw thema's passen"
    assert "Gedeelde thema's: energiearmoede" in sent.body


def test_a_first_digest_looks_back_one_period(town, themes) -> None:
    _choose(town["dirk"], "daily", "en")
    old = _new(town, "zwolle", "zara", "Oude energiearmoede", themes="energiearmoede")
    Statement.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    assert services.send_digests(frequency="daily").sent == 0


def test_the_meeting_place_says_which_digest_and_where_to_choose(town) -> None:
    _choose(town["dirk"], "weekly", "en")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(town["dirk"])
    page = client.get(reverse("meetingplace:statements")).content.decode()
    assert reverse("accounts:profile") + "#notices" in page


def test_the_signed_link_stops_the_digest_without_signing_in(town) -> None:
    _choose(town["dirk"], "daily", "en")
    url = reverse("meetingplace:unsubscribe", args=[services.unsubscribe_token(town["dirk"])])
    signed_out = Client()
    page = signed_out.get(url)  # a mail scanner follows the link: nothing changes
    assert page.status_code == 200 and b'method="post"' in page.content
    assert _digest_of(town["dirk"]) == "daily"
    changes = AuditEvent.objects.filter(action="account.notice_preference_changed")
    before = changes.count()
    done = signed_out.post(url)
    assert done.status_code == 200
    preference = notices.preference_of(town["dirk"])
    assert (preference.digest, preference.language) == ("none", "en")  # the rest stays
    event = changes.latest("pk")
    assert (event.actor_id, event.data["digest"]) == (town["dirk"].pk, "none")
    signed_out.post(url)  # again: nothing more to stop, nothing recorded
    assert changes.count() == before + 1


def test_a_changed_token_is_refused(town) -> None:
    _choose(town["dirk"], "daily", "en")
    token = services.unsubscribe_token(town["dirk"])
    value, signature = token.rsplit(":", 1)
    other = services.unsubscribe_token(town["zara"]).rsplit(":", 1)[0]
    for changed in (
        f"{value}:{signature[:-2]}xx",  # the signature altered
        f"{other}:{signature}",  # another account's name under this signature
        "no-such-link",
    ):
        url = reverse("meetingplace:unsubscribe", args=[changed])
        assert Client().get(url).status_code == 404
        assert Client().post(url).status_code == 404
    assert _digest_of(town["dirk"]) == "daily"


def test_the_digest_command(town, themes, capsys) -> None:
    _choose(town["dirk"], "weekly", "en")
    _new(town, "zwolle", "zara", "Energiearmoede in wijken", themes="energiearmoede")
    assert main(["problems", "digest", "--frequency", "weekly", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "frequency": "weekly",
        "people": 1,
        "sent": 1,
        "statements": 1,
    }
    assert len(mail.outbox) == 1


def test_a_new_statement_is_news_for_those_who_follow_its_themes_and_may_see_it(town) -> None:
    for organisation, person in (("deventer", "dirk"), ("university", "uma"), ("housing", "hans")):
        _new(town, organisation, person, "Eigen energiearmoede", themes="energiearmoede")
    _new(town, "zwolle", "zara", "Eigen eenzaamheid", themes="eenzaamheid")
    everyone = _new(town, "zwolle", "zara", "Energiearmoede in wijken", themes="energiearmoede")
    assert [u.username for u in services.followers(everyone)] == ["dirk", "uma", "hans"]
    secret = _new(
        town,
        "zwolle",
        "zara",
        "Geheime energiearmoede",
        themes="energiearmoede",
        visibility="invited",
        invited=[town["university"].pk],
    )
    assert [u.username for u in services.followers(secret)] == ["uma"]
    lonely = _new(town, "deventer", "dirk", "Eenzaamheid bij ouderen", themes="eenzaamheid")
    assert [u.username for u in services.followers(lonely)] == ["zara"]


def test_publishing_leaves_a_notice_for_those_who_follow_its_themes(town, themes) -> None:
    _new(town, "university", "uma", "Eigen energiearmoede", themes="energiearmoede")
    secret = _new(
        town,
        "zwolle",
        "zara",
        "Geheime energiearmoede",
        themes="energiearmoede",
        visibility="invited",
        invited=[town["university"].pk],
    )
    [notice] = Notice.objects.filter(
        kind="meetingplace.new_statement",
        url=reverse("meetingplace:statement", args=[secret.pk]),
    )
    assert (notice.recipient, notice.actor) == (town["uma"], town["zara"])
    assert notice.text == "Gemeente Zwolle: Geheime energiearmoede"
    assert notice.url == reverse("meetingplace:statement", args=[secret.pk])
    everyone = _new(town, "zwolle", "zara", "Energiearmoede overal", themes="energiearmoede")
    told = Notice.objects.filter(url=reverse("meetingplace:statement", args=[everyone.pk]))
    assert sorted(n.recipient.username for n in told) == ["dirk", "uma"]

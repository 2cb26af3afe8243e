"""Notices on the shared floor: any capability calls ``notify``; the person reads them on the
notices page (paged, marked read one by one or all), through the API and the CLI; the main
navigation says how many are unread in words; mentions are e-mailed, in the person's language
and only when they chose so on their profile."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from grenzeloos.accounts import notices
from grenzeloos.accounts.models import Notice, NoticePreference
from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main
from grenzeloos.core.errors import FieldError
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(user, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def _mention(recipient, actor, text: str = "Proeftuin: @vera klopt dit?") -> Notice:
    return notices.notify(
        recipient=recipient,
        kind=notices.MENTION,
        text=text,
        url="/governance/c/1/comments/#comment-1",
        actor=actor,
    )


def test_notify_keeps_a_short_text_and_refuses_an_unknown_kind_or_a_link_elsewhere():
    vera, olga = UserFactory(username="vera"), UserFactory(username="olga")
    notice = _mention(vera, olga, "x " * 400)
    assert len(notice.text) == notices.TEXT_LIMIT and notice.text.endswith("…")
    with pytest.raises(FieldError):
        notices.notify(recipient=vera, kind="nonsense", text="t", url="/")
    with pytest.raises(FieldError):
        notices.notify(recipient=vera, kind=notices.MENTION, text="t", url="https://evil.example/")
    assert Notice.objects.count() == 1


def test_marking_read_touches_only_ones_own_notices():
    vera, olga = UserFactory(username="vera"), UserFactory(username="olga")
    first, second = _mention(vera, olga), _mention(vera, olga)
    theirs = _mention(olga, vera)
    assert notices.unread_count(actor=vera) == 2
    assert notices.mark_read(actor=vera, ids=[first.pk, theirs.pk]) == 1
    assert notices.unread_count(actor=vera) == 1 and notices.unread_count(actor=olga) == 1
    assert notices.mark_read(actor=vera) == 1
    assert [n.pk for n in notices.notices_of(actor=vera, unread_only=True)] == []
    assert [n.pk for n in notices.notices_of(actor=vera)] == [second.pk, first.pk]


def test_a_mention_is_emailed_only_to_who_chose_so_in_their_language(
    django_capture_on_commit_callbacks,
):
    vera, olga, eddy = (UserFactory(username=name) for name in ("vera", "olga", "eddy"))
    notices.set_preference(actor=vera, email_mentions=True, language="nl")
    notices.set_preference(actor=eddy, email_mentions=True, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        _mention(vera, olga)
        _mention(olga, vera)  # olga chose nothing: no e-mail
        _mention(eddy, olga, "Proeftuin: @eddy kijk even")
    assert [m.to for m in mail.outbox] == [["vera@example.org"], ["eddy@example.org"]]
    dutch, english = mail.outbox
    assert dutch.subject == "Grenzeloos: Noemde u (olga)"
    assert "Noemde u — olga:\n\nProeftuin: @vera klopt dit?\n" in dutch.body
    link = settings.SITE_URL.rstrip("/") + "/governance/c/1/comments/#comment-1"
    assert f"Lees het in Grenzeloos:\n{link}\n" in dutch.body
    assert "U ontvangt dit bericht" in dutch.body
    assert english.subject == "Grenzeloos: Mentioned you (olga)"
    assert "You receive this e-mail because you asked for it" in english.body
    assert english.alternatives == [] and dutch.content_subtype == "plain"


def test_no_email_leaves_when_the_use_case_is_rolled_back(django_capture_on_commit_callbacks):
    vera, olga = UserFactory(username="vera"), UserFactory(username="olga")
    notices.set_preference(actor=vera, email_mentions=True, language="nl")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _mention(vera, olga)
        raise RuntimeError("the comment failed")
    assert mail.outbox == [] and Notice.objects.count() == 0


def test_the_choice_of_emails_on_the_profile_page(django_capture_on_commit_callbacks):
    vera = UserFactory(username="vera")
    client = _client(vera)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "E-mail me when someone mentions me" in page and "Language of the e-mails" in page
    # Saving the defaults stores and records nothing.
    unchanged = client.post(
        reverse("accounts:notice_preference"), {"notices-language": "nl"}, follow=False
    )
    assert unchanged.status_code == 302 and NoticePreference.objects.count() == 0
    chosen = client.post(
        reverse("accounts:notice_preference"),
        {"notices-email_mentions": "on", "notices-language": "en"},
    )
    assert chosen.status_code == 302
    preference = NoticePreference.objects.get(user=vera)
    assert (preference.email_mentions, preference.language, preference.digest) == (
        True,
        "en",
        "none",
    )
    assert AuditEvent.objects.filter(action="account.notice_preference_changed").count() == 1
    refused = client.post(reverse("accounts:notice_preference"), {"notices-language": "fr"})
    assert refused.status_code == 422 and "notices-language" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _mention(vera, UserFactory(username="olga"))
    assert len(mail.outbox) == 1


def test_the_notices_page_is_paged_and_marks_read_and_the_navigation_counts_in_words():
    vera, olga = UserFactory(username="vera"), UserFactory(username="olga")
    made = [_mention(vera, olga, f"Proeftuin: melding {n}") for n in range(27)]
    client = _client(vera)
    first = client.get(reverse("accounts:notices")).content.decode()
    assert "Notices (27 unread)" in first and "You have 27 unread notices." in first
    assert "melding 26" in first and "melding 1<" not in first and 'rel="next"' in first
    second = client.get(reverse("accounts:notices") + "?page=2").content.decode()
    assert "Page 2 of 2" in second and "melding 1<" in second
    # One notice read.
    response = client.post(reverse("accounts:notices"), {"notice": made[0].pk, "page": "2"})
    assert response.status_code == 302 and response["Location"].endswith("?page=2")
    assert notices.unread_count(actor=vera) == 26
    # Another's notice is not marked by naming it.
    theirs = _mention(olga, vera)
    client.post(reverse("accounts:notices"), {"notice": theirs.pk})
    assert notices.unread_count(actor=olga) == 1
    # All read: the navigation says "Notices" alone.
    client.post(reverse("accounts:notices"))
    page = client.get(reverse("accounts:notices")).content.decode()
    assert "You have 0 unread notices." in page and "unread)" not in page
    dutch = _client(olga, "nl").get(reverse("accounts:profile")).content.decode()
    assert "Meldingen (1 ongelezen)" in dutch


def test_notices_through_the_api():
    vera, olga = UserFactory(username="vera"), UserFactory(username="olga")
    first, second = _mention(vera, olga), _mention(vera, olga, "Proeftuin: nog een")
    _mention(olga, vera)
    client = _client(vera)
    body = client.get("/api/v1/me/notices").json()
    assert (body["count"], body["unread"], body["pages"]) == (2, 2, 1)
    assert [row["id"] for row in body["results"]] == [second.pk, first.pk]
    assert body["results"][0] | {"created_at": None} == {
        "id": second.pk,
        "kind": "mention",
        "label": "Mentioned you",
        "text": "Proeftuin: nog een",
        "url": "/governance/c/1/comments/#comment-1",
        "by": "olga",
        "created_at": None,
        "read_at": None,
    }
    marked = client.post(
        "/api/v1/me/notices/read", {"ids": [first.pk]}, content_type="application/json"
    )
    assert marked.json() == {"marked": 1, "unread": 1}
    unread = client.get("/api/v1/me/notices?unread=true").json()
    assert [row["id"] for row in unread["results"]] == [second.pk]
    assert client.post("/api/v1/me/notices/read", {}, content_type="application/json").json() == {
        "marked": 1,
        "unread": 0,
    }
    assert client.get("/api/v1/me/notices/preference").json() == {
        "email_mentions": False,
        "language": "nl",
        "digest": "none",
    }
    changed = client.put(
        "/api/v1/me/notices/preference",
        {"email_mentions": True, "language": "en", "digest": "weekly"},
        content_type="application/json",
    )
    assert changed.json() == {"email_mentions": True, "language": "en", "digest": "weekly"}
    # Leaving the digest out keeps it.
    kept = client.put(
        "/api/v1/me/notices/preference",
        {"email_mentions": False, "language": "en"},
        content_type="application/json",
    )
    assert kept.json() == {"email_mentions": False, "language": "en", "digest": "weekly"}
    assert Client().get("/api/v1/me/notices").status_code == 401


def test_notices_from_the_command_line(capsys):
    vera, olga = UserFactory(username="vera"), UserFactory(username="olga")
    notice = _mention(vera, olga)
    assert main(["notices", "list", "--as", "vera", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["id"], row["kind"], row["by"], row["read_at"]) for row in rows] == [
        (notice.pk, "mention", "olga", None)
    ]
    assert main(["notices", "list", "--as", "vera"]) == 0
    line = capsys.readouterr().out
    assert line.startswith(f"{notice.pk}\tunread\t") and "\tolga\tProeftuin: @vera" in line
    assert main(["notices", "read", "--as", "vera", str(notice.pk)]) == 0
    assert capsys.readouterr().out == "marked 1 read\n"
    assert main(["notices", "list", "--as", "vera", "--unread", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["notices", "list", "--as", "nobody"]) != 0
    assert "nobody" in capsys.readouterr().err

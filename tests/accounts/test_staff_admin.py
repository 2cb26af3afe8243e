"""Staff cannot become everyone: ``--staff`` is no superuser, the admin sets no password,
e-mail address or username, and staff act on accounts only through audited actions (a reset
link goes to the account's own address)."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from grenzeloos.accounts import services
from grenzeloos.audit.models import AuditEvent
from grenzeloos.cli import main
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Overgenomen-Wachtwoord-2026"


def _cli(capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    import io
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def staff(capsys):
    """Staff as the operator makes them: ``grenzeloos user add beheer --staff``."""
    code, _out, err = _cli(
        capsys,
        "user",
        "add",
        "beheer",
        "--staff",
        "--password-stdin",
        "--email",
        "beheer@x.org",
        stdin=NEW_PASSWORD + "-beheer\n",
    )
    assert code == 0, err
    return User.objects.get(username="beheer")


@pytest.fixture
def superuser(capsys):
    code, _out, err = _cli(capsys, "user", "add", "opper", "--superuser", "--email", "o@x.org")
    assert code == 0, err
    return User.objects.get(username="opper")


@pytest.fixture
def olga(make_user):
    return make_user("olga", email="olga@example.org")


def _visitor(language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    return client


def _client(user) -> Client:
    client = _visitor()
    client.force_login(user)
    return client


def _state(user) -> tuple:
    user = User.objects.get(pk=user.pk)
    return (
        user.username,
        user.email,
        user.first_name,
        user.is_active,
        user.is_staff,
        user.is_superuser,
        user.password,
    )


def test_staff_flag_makes_staff_and_no_superuser(staff):
    assert staff.is_staff and not staff.is_superuser
    event = AuditEvent.objects.get(action="account.created", target_id=str(staff.pk))
    assert event.data == {"staff": True, "superuser": False}


def test_only_the_cli_makes_a_superuser(superuser, olga, staff):
    assert superuser.is_superuser and superuser.is_staff
    with pytest.raises(services.PermissionDenied):
        services.create_user(actor=staff, username="nog-een", is_superuser=True)
    with pytest.raises(services.PermissionDenied):
        services.create_user(actor=None, username="nog-een", is_superuser=True)
    assert not User.objects.filter(username="nog-een").exists()


#: Every admin page of accounts, including the password form of Django's own user admin,
#: with what it answers to a POST by staff now.
ADMIN_POSTS = {
    "auth_user_changelist": 200,
    "auth_user_add": 403,
    "auth_user_change": 403,
    "auth_user_delete": 403,
    "auth_user_history": 200,
    # Django's UserAdmin page to set a password: gone; the catch-all sends to a missing object.
    "auth_user_password_change": 302,
}


def _account_admin_urls(target) -> dict[str, str]:
    urls = {}
    for pattern in admin.site._registry[User].urls:
        if pattern.name is None:
            continue
        args = [target.pk] if "object_id" in str(pattern.pattern) else []
        urls[pattern.name] = reverse(f"admin:{pattern.name}", args=args)
    urls["auth_user_password_change"] = f"/admin/auth/user/{target.pk}/password/"
    return urls


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_no_admin_page_sets_the_password_email_or_username_of_another_account(request, olga, who):
    actor = request.getfixturevalue(who)
    client = _client(actor)
    urls = _account_admin_urls(olga)
    assert set(urls) == set(ADMIN_POSTS), "declare what every admin page of accounts answers"
    before = _state(olga)
    payload = {
        "username": "overgenomen",
        "email": "aanvaller@example.org",
        "first_name": "Aanvaller",
        "password": NEW_PASSWORD,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "usable_password": "true",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "12:00:00",
        "post": "yes",
        "_save": "Save",
    }
    wrong = []
    for name, url in urls.items():
        response = client.post(url, payload)
        if response.status_code != ADMIN_POSTS[name]:
            wrong.append(f"POST {url}: {response.status_code}, declared {ADMIN_POSTS[name]}")
        assert _state(olga) == before, f"POST {url} as {who} changed the account"
    assert not wrong, wrong
    olga.refresh_from_db()
    assert olga.check_password(PASSWORD) and not olga.check_password(NEW_PASSWORD)
    assert not User.objects.filter(username="overgenomen").exists()


def test_the_account_pages_show_no_password_and_are_audited(staff, olga):
    client = _client(staff)
    page = client.get(reverse("admin:auth_user_change", args=[olga.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "olga@example.org" in body
    assert olga.password not in body and "md5$" not in body
    assert 'name="_save"' not in body and 'name="email"' not in body
    event = AuditEvent.objects.filter(action="admin.viewed").first()
    assert (event.actor, event.target_type, event.target_id) == (staff, "auth.user", str(olga.pk))


def _act(client, action, *users):
    return client.post(
        reverse("admin:auth_user_changelist"),
        {"action": action, "_selected_action": [user.pk for user in users]},
        follow=True,
    )


def test_each_staff_action_writes_one_audit_event(staff, olga, make_user):
    from axes.models import AccessAttempt

    client = _client(staff)
    before = AuditEvent.objects.count()

    _act(client, "deactivate", olga)
    olga.refresh_from_db()
    assert not olga.is_active
    _act(client, "reactivate", olga)
    olga.refresh_from_db()
    assert olga.is_active
    _act(client, "send_password_reset", olga)
    AccessAttempt.objects.create(username="olga", ip_address="10.0.0.1", failures_since_start=10)
    _act(client, "unlock", olga)
    assert not AccessAttempt.objects.filter(username="olga").exists()

    events = AuditEvent.objects.exclude(action="admin.viewed").order_by("pk")[before:]
    assert [(e.action, e.actor, e.target_id) for e in events] == [
        ("account.deactivated", staff, str(olga.pk)),
        ("account.reactivated", staff, str(olga.pk)),
        ("account.password_reset_sent", staff, str(olga.pk)),
        ("account.unlocked", staff, str(olga.pk)),
    ]


def test_a_reset_link_goes_to_the_accounts_own_address_only_and_works_once(staff, olga, make_user):
    make_user("tweeling", email="olga@example.org")  # another account with the same address
    client = _client(staff)
    response = _act(client, "send_password_reset", olga)
    assert "a reset link was sent to the account" in response.content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olga@example.org"]
    assert (message.cc, message.bcc, message.reply_to) == ([], [], [])
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    assert "olga" in message.body
    # Staff never see the link.
    assert link not in response.content.decode()
    event = AuditEvent.objects.get(action="account.password_reset_sent")
    assert link not in str(event.data)
    assert event.data == {"to": "olga@example.org"}

    visitor = _visitor()
    form_page = visitor.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = visitor.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Your new password is saved" in done.content.decode()
    olga.refresh_from_db()
    assert olga.check_password(NEW_PASSWORD)
    tweeling = User.objects.get(username="tweeling")
    assert tweeling.check_password(PASSWORD)
    event = AuditEvent.objects.get(action="account.password_reset")
    assert (event.actor, event.target_id) == (olga, str(olga.pk))

    again = _visitor().get(link, follow=True)
    assert "This link does not work (any more)" in again.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("nl", "Kies een nieuw wachtwoord", "Nieuw wachtwoord opslaan"),
        ("en", "Choose a new password", "Save the new password"),
    ],
)
def test_the_reset_pages_speak_dutch_and_english(staff, olga, language, heading, button):
    services.send_password_reset(actor=staff, user=olga, language=language)
    link = re.search(r"http://\S+?(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    visitor = _visitor(language)
    page = visitor.get(link, follow=True)
    assert heading in page.content.decode() and button in page.content.decode()
    done = visitor.get(reverse("accounts:password_reset_complete"))
    assert done.status_code == 200


def test_the_reset_email_speaks_the_chosen_language(staff, olga):
    services.send_password_reset(actor=staff, user=olga, language="nl")
    assert mail.outbox[0].subject == "Kies een nieuw wachtwoord voor Grenzeloos"


def test_no_reset_link_for_an_account_without_address_or_deactivated(staff, make_user):
    nobody = make_user("zonder", email="")
    with pytest.raises(services.Conflict):
        services.send_password_reset(actor=staff, user=nobody)
    gone = make_user("weg", is_active=False)
    with pytest.raises(services.Conflict):
        services.send_password_reset(actor=staff, user=gone)
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="account.password_reset_sent").exists()


def test_a_deactivated_account_is_refused_on_the_web_and_the_api(staff, olga):
    _token, key = services.create_token(actor=olga, name="script")
    session = _client(olga)
    api = reverse("api-canvas:collaborations")
    assert Client().get(api, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert session.get(reverse("canvas:list")).status_code == 200

    assert services.deactivate_account(actor=staff, user=olga) is True
    assert Client().get(api, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert session.get(reverse("canvas:list")).status_code == 302
    basic = Client().post(reverse("accounts:login"), {"username": "olga", "password": PASSWORD})
    assert basic.status_code == 200  # the form again: no sign-in
    assert "_auth_user_id" not in basic.client.session

    assert services.reactivate_account(actor=staff, user=olga) is True
    assert Client().get(api, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_staff_manage_people_a_superuser_also_manages_staff(staff, superuser, olga, make_user):
    colleague = make_user("collega", is_staff=True)
    with pytest.raises(services.PermissionDenied):
        services.deactivate_account(actor=staff, user=colleague)
    with pytest.raises(services.PermissionDenied):
        services.deactivate_account(actor=staff, user=superuser)
    with pytest.raises(services.PermissionDenied):
        services.send_password_reset(actor=staff, user=superuser)
    with pytest.raises(services.PermissionDenied):
        services.deactivate_account(actor=staff, user=staff)
    with pytest.raises(services.PermissionDenied):
        services.deactivate_account(actor=olga, user=staff)
    with pytest.raises(services.PermissionDenied):
        services.deactivate_account(actor=staff, user=services.cli_actor())
    assert services.deactivate_account(actor=superuser, user=colleague) is True
    assert services.deactivate_account(actor=superuser, user=colleague) is False
    colleague.refresh_from_db()
    assert not colleague.is_active
    assert AuditEvent.objects.filter(action="account.deactivated").count() == 1


def test_a_refused_action_in_the_admin_says_why_and_changes_nothing(staff, superuser):
    response = _act(_client(staff), "deactivate", superuser)
    assert "only a superuser manages the account opper of staff" in response.content.decode()
    superuser.refresh_from_db()
    assert superuser.is_active
    assert not AuditEvent.objects.filter(action="account.deactivated").exists()

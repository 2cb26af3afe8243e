"""Staff is not owner in the admin: collaboration data is read-only there, every view audited."""

from __future__ import annotations

import pytest
from django.contrib import admin, messages
from django.test import Client
from django.urls import reverse

from grenzeloos.audit.admin import AuditedReadOnlyAdmin
from grenzeloos.audit.models import AuditEvent
from grenzeloos.canvas.models import Canvas, Revision
from grenzeloos.collaborations.models import Collaboration, Membership, Role
from grenzeloos.legal import services as legal_services
from grenzeloos.legal.models import LegalAssessment

#: The apps whose rows are collaboration data (or the partners ledger).
COLLABORATION_DATA_APPS = {"collaborations", "canvas", "legal", "ledger"}


@pytest.fixture
def staff(make_user):
    return make_user("beheer", is_staff=True)


@pytest.fixture
def staff_client(staff):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(staff)
    return client


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_admin_of_collaboration_data_is_read_only_and_audited():
    registered = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in COLLABORATION_DATA_APPS
    }
    assert {Collaboration, Membership, Canvas, Revision, LegalAssessment} <= set(registered)
    wrong = [
        model._meta.label
        for model, model_admin in registered.items()
        if not isinstance(model_admin, AuditedReadOnlyAdmin)
    ]
    assert not wrong, f"admins of collaboration data that are not audited and read-only: {wrong}"


def test_staff_read_collaborations_and_every_view_is_audited(people, staff, staff_client):
    collaboration = people["collaboration"]
    before = AuditEvent.objects.filter(action="admin.viewed").count()

    listing = staff_client.get(_url(Collaboration, "changelist") + "?q=a")
    assert listing.status_code == 200
    assert collaboration.subject in listing.content.decode()
    event = AuditEvent.objects.filter(action="admin.viewed").first()
    assert event.actor == staff
    assert event.target_type == "collaborations.collaboration"
    assert event.target_id == ""
    assert event.data == {"view": "list", "query": "q=a"}

    page = staff_client.get(_url(Collaboration, "change", collaboration.pk))
    assert page.status_code == 200
    body = page.content.decode()
    # Shown, not editable: no inputs for its fields or its members, no save button.
    assert "olga" in body and "eddy" in body
    assert 'name="subject"' not in body
    assert 'name="memberships-0-role"' not in body
    assert 'name="_save"' not in body
    event = AuditEvent.objects.filter(action="admin.viewed").first()
    assert (event.target_id, event.data) == (str(collaboration.pk), {"view": "object"})

    history = staff_client.get(_url(Collaboration, "history", collaboration.pk))
    assert history.status_code == 200
    assert AuditEvent.objects.filter(action="admin.viewed").first().data == {"view": "history"}
    assert AuditEvent.objects.filter(action="admin.viewed").count() == before + 3


@pytest.mark.parametrize("model", [Collaboration, Membership, Canvas, Revision, LegalAssessment])
def test_each_model_lists_and_shows_read_only_with_an_audit_event(
    people, staff, staff_client, answers, model
):
    legal_services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=answers
    )
    obj = model.objects.first()
    assert staff_client.get(_url(model, "changelist")).status_code == 200
    page = staff_client.get(_url(model, "change", obj.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    events = AuditEvent.objects.filter(
        action="admin.viewed", actor=staff, target_type=model._meta.label_lower
    )
    assert [event.data["view"] for event in events] == ["object", "list"]
    assert events[0].target_id == str(obj.pk)


def test_staff_cannot_change_add_or_delete_memberships_in_the_admin(people, staff_client):
    collaboration = people["collaboration"]
    owner_membership = Membership.objects.get(collaboration=collaboration, role=Role.OWNER)
    # Demoting the last owner by posting the change form would break the last-owner rule.
    response = staff_client.post(
        _url(Collaboration, "change", collaboration.pk),
        {
            "subject": "Overgenomen",
            "status": "closed",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": owner_membership.pk,
            "memberships-0-collaboration": collaboration.pk,
            "memberships-0-role": "viewer",
        },
    )
    assert response.status_code == 403
    owner_membership.refresh_from_db()
    assert owner_membership.role == Role.OWNER
    collaboration.refresh_from_db()
    assert collaboration.subject != "Overgenomen"

    membership = Membership.objects.get(collaboration=collaboration, role=Role.VIEWER)
    assert staff_client.get(_url(Membership, "add")).status_code == 403
    assert (
        staff_client.post(_url(Membership, "delete", membership.pk), {"post": "yes"}).status_code
        == 403
    )
    assert (
        staff_client.post(
            _url(Collaboration, "delete", collaboration.pk), {"post": "yes"}
        ).status_code
        == 403
    )
    # No bulk delete action on the list either.
    response = staff_client.post(
        _url(Membership, "changelist"),
        {"action": "delete_selected", "_selected_action": [membership.pk], "post": "yes"},
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    # The action is unknown: the list itself comes back, no confirmation page, nothing deleted.
    assert response.status_code == 200
    assert "admin/change_list.html" in response.template_name
    assert "delete_selected_confirmation" not in " ".join(response.template_name)
    assert not AuditEvent.objects.filter(action__startswith="collaboration.unshared").exists()


def test_non_staff_see_nothing_and_leave_no_view_event(people):
    client = Client()
    client.force_login(people["owner"])
    response = client.get(_url(Collaboration, "changelist"))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="admin.viewed").exists()


# The admin of accounts and of the audit log, as a matrix ---------------------------------------
# Generated from the admin's URL patterns and actions: a new page or action of either admin
# fails ``test_every_account_and_audit_admin_page_and_action_is_declared`` until it is declared
# here. Visitors: a person without staff rights, staff (``user add --staff``), a superuser
# (``user add --superuser``) and anonymous.

ADMIN_ROLES = ("member", "staff", "superuser", "anonymous")
_NOT_IN = {"member": 302, "anonymous": 302}
_READ = {**_NOT_IN, "staff": 200, "superuser": 200}
_REFUSED = {**_NOT_IN, "staff": 403, "superuser": 403}

#: (model label, URL name without the model) → {method: {role: status}}
ADMIN_PAGES: dict[tuple[str, str], dict[str, dict[str, int]]] = {
    (label, page): {"get": get, "post": post}
    for label in ("auth.user", "audit.auditevent")
    for page, get, post in (
        ("changelist", _READ, _READ),  # a POST without an action shows the list again
        ("add", _REFUSED, _REFUSED),
        ("change", _READ, _REFUSED),
        ("delete", _REFUSED, _REFUSED),
        ("history", _READ, _READ),
    )
}

#: (model label, action) → {(actor, target): outcome}; "done" writes one audit event,
#: "unchanged" and "refused" write none (and "refused" says why).
_TARGETS = ("person", "colleague", "other superuser", "self")
ADMIN_ACTIONS: dict[tuple[str, str], dict[tuple[str, str], str]] = {
    ("auth.user", "deactivate"): {
        ("staff", "person"): "done",
        ("staff", "colleague"): "refused",
        ("staff", "other superuser"): "refused",
        ("staff", "self"): "refused",
        ("superuser", "person"): "done",
        ("superuser", "colleague"): "done",
        ("superuser", "other superuser"): "done",
        ("superuser", "self"): "refused",
    },
    # Targets are deactivated first (the signed-in actor stays active: nothing to do).
    ("auth.user", "reactivate"): {
        ("staff", "person"): "done",
        ("staff", "colleague"): "refused",
        ("staff", "other superuser"): "refused",
        ("staff", "self"): "unchanged",
        ("superuser", "person"): "done",
        ("superuser", "colleague"): "done",
        ("superuser", "other superuser"): "done",
        ("superuser", "self"): "unchanged",
    },
    ("auth.user", "send_password_reset"): {
        ("staff", "person"): "done",
        ("staff", "colleague"): "refused",
        ("staff", "other superuser"): "refused",
        ("staff", "self"): "done",
        ("superuser", "person"): "done",
        ("superuser", "colleague"): "done",
        ("superuser", "other superuser"): "done",
        ("superuser", "self"): "done",
    },
    # Lifting a lock takes nothing from anyone: staff may do it for every account.
    ("auth.user", "unlock"): {
        (actor, target): "done" for actor in ("staff", "superuser") for target in _TARGETS
    },
}
ACTION_EVENTS = {
    "deactivate": "account.deactivated",
    "reactivate": "account.reactivated",
    "send_password_reset": "account.password_reset_sent",
    "unlock": "account.unlocked",
}


@pytest.fixture
def admin_world(make_user):
    from grenzeloos.accounts import services as account_services

    operator = account_services.cli_actor()

    def account(name: str, **flags):
        return account_services.create_user(
            actor=operator, username=name, email=f"{name}@example.org", **flags
        )

    person = account("persoon")
    return {
        "users": {
            "member": person,
            "staff": account("beheer", is_staff=True),
            "superuser": account("opper", is_superuser=True),
            "anonymous": None,
        },
        "targets": {
            "person": person,
            "colleague": account("collega", is_staff=True),
            "other superuser": account("opper2", is_superuser=True),
        },
        "event": AuditEvent.objects.first(),
    }


def _admin_client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


def _admin_models():
    from django.contrib.auth import get_user_model

    return {"auth.user": get_user_model(), "audit.auditevent": AuditEvent}


def test_every_account_and_audit_admin_page_and_action_is_declared(rf, admin_world):
    declared_pages = set(ADMIN_PAGES)
    found_pages = set()
    for label, model in _admin_models().items():
        model_admin = admin.site._registry[model]
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        found_pages |= {
            (label, pattern.name.removeprefix(prefix))
            for pattern in model_admin.urls
            if pattern.name
        }
        for role in ("staff", "superuser"):
            request = rf.get("/admin/")
            request.user = admin_world["users"][role]
            actions = set(model_admin.get_actions(request))
            declared = {action for (owner, action) in ADMIN_ACTIONS if owner == label}
            assert actions == declared, f"{label} actions for {role}: {actions} vs {declared}"
    assert found_pages == declared_pages
    for outcomes in ADMIN_ACTIONS.values():
        assert set(outcomes) == {(a, t) for a in ("staff", "superuser") for t in _TARGETS}


@pytest.mark.parametrize(("label", "page"), sorted(ADMIN_PAGES))
def test_each_account_and_audit_admin_page_answers_each_visitor_as_declared(
    admin_world, label, page
):
    model = _admin_models()[label]
    target = admin_world["targets"]["person"] if label == "auth.user" else admin_world["event"]
    args = [target.pk] if page in ("change", "delete", "history") else []
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)
    users = {name: getattr(user, "password", None) for name, user in admin_world["users"].items()}
    events_before = AuditEvent.objects.exclude(action="admin.viewed").count()
    wrong = []
    for method, statuses in ADMIN_PAGES[(label, page)].items():
        for role in ADMIN_ROLES:
            client = _admin_client(admin_world["users"][role])
            data = {"post": "yes", "email": "x@example.org", "action": "x", "_save": "1"}
            response = client.post(url, data) if method == "post" else client.get(url)
            if response.status_code != statuses[role]:
                wrong.append(f"{method.upper()} {url} as {role}: {response.status_code}")
    assert not wrong, wrong
    # Nothing was changed or deleted by any of it.
    assert AuditEvent.objects.exclude(action="admin.viewed").count() == events_before
    for name, user in admin_world["users"].items():
        if user is not None:
            user.refresh_from_db()
            assert (user.password, user.email) == (users[name], f"{user.username}@example.org")


WRITE_ACTIONS = [
    (label, action, actor, target)
    for (label, action), outcomes in ADMIN_ACTIONS.items()
    for (actor, target) in outcomes
]


@pytest.mark.parametrize(("label", "action", "actor", "target"), WRITE_ACTIONS)
def test_each_admin_action_on_accounts_does_as_declared_and_is_audited(
    admin_world, label, action, actor, target
):
    from grenzeloos.accounts import services as account_services

    acting = admin_world["users"][actor]
    account = acting if target == "self" else admin_world["targets"][target]
    if action == "reactivate" and target != "self":
        account_services.deactivate_account(actor=account_services.cli_actor(), user=account)
    event_action = ACTION_EVENTS[action]
    before = AuditEvent.objects.filter(action=event_action).count()
    response = _admin_client(acting).post(
        reverse("admin:auth_user_changelist"),
        {"action": action, "_selected_action": [account.pk]},
        follow=True,
    )
    assert response.status_code == 200
    events = AuditEvent.objects.filter(action=event_action).order_by("-pk")
    outcome = ADMIN_ACTIONS[(label, action)][(actor, target)]
    if outcome == "done":
        assert events.count() == before + 1
        event = events.first()
        assert (event.actor_id, event.target_id) == (acting.pk, str(account.pk))
    else:
        assert events.count() == before
        shown = list(response.context["messages"])
        assert len(shown) == 1
        expected_level = messages.ERROR if outcome == "refused" else messages.WARNING
        assert shown[0].level == expected_level, str(shown[0])
    account.refresh_from_db()
    if action == "deactivate":
        assert account.is_active is (outcome != "done")
    if action == "reactivate":
        assert account.is_active is (outcome != "refused")

"""Staff is not owner in the admin: collaboration data is read-only there, every view audited."""

from __future__ import annotations

import pytest
from django.contrib import admin
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
    assert response.status_code in (200, 302)
    assert not AuditEvent.objects.filter(action__startswith="collaboration.unshared").exists()


def test_non_staff_see_nothing_and_leave_no_view_event(people):
    client = Client()
    client.force_login(people["owner"])
    response = client.get(_url(Collaboration, "changelist"))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="admin.viewed").exists()

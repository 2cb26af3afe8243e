"""The audit log is append-only for everyone, through every interface: the admin (one event or
a selection), the model, and on PostgreSQL raw SQL too (a trigger)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from grenzeloos.audit.models import AuditEvent
from grenzeloos.audit.services import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user("beheer", is_staff=True)


@pytest.fixture
def superuser(make_user):
    return make_user("opper", is_staff=True, is_superuser=True)


@pytest.fixture
def event(make_user):
    olga = make_user("olga")
    return record(actor=olga, action="canvas.updated", target=olga, data={"fields": ["dream"]})


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def _unchanged(event) -> bool:
    stored = AuditEvent.objects.filter(pk=event.pk).values().first()
    return stored is not None and (
        stored["action"],
        stored["target_id"],
        stored["data"],
        stored["actor_id"],
    ) == (event.action, event.target_id, event.data, event.actor_id)


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_nobody_deletes_or_changes_an_event_in_the_admin(request, event, who):
    client = _client(request.getfixturevalue(who))
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    changelist = reverse("admin:audit_auditevent_changelist")

    assert client.get(changelist).status_code == 200
    page = client.get(change)
    assert page.status_code == 200 and "canvas.updated" in page.content.decode()
    assert "deletelink" not in page.content.decode()
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(delete).status_code == 403
    assert (
        client.post(
            change, {"action": "x", "target_id": "1", "data": "{}", "_save": "1"}
        ).status_code
        == 403
    )
    assert client.post(reverse("admin:audit_auditevent_add"), {"action": "x"}).status_code == 403
    # No bulk action is offered (the list has no action form); posting one anyway only shows
    # the list again and deletes nothing.
    listing = client.get(changelist).content.decode()
    assert "delete_selected" not in listing and 'name="action"' not in listing
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"}
    )
    assert response.status_code == 200
    assert _unchanged(event)
    assert AuditEvent.objects.filter(action="canvas.updated").count() == 1


def test_staff_cannot_delete_the_record_of_their_own_reading(staff, event):
    client = _client(staff)
    client.get(reverse("admin:audit_auditevent_changelist"))
    client.get(reverse("admin:auth_user_changelist"))
    own = AuditEvent.objects.get(action="admin.viewed", actor=staff)
    response = client.post(
        reverse("admin:audit_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert (
        client.post(
            reverse("admin:audit_auditevent_delete", args=[own.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEvent.objects.filter(pk=own.pk).exists()


def test_the_model_refuses_changing_and_deleting(event):
    from grenzeloos.audit.models import AppendOnly

    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="erased")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.get(pk=event.pk).delete()
    stored = AuditEvent.objects.get(pk=event.pk)
    stored.action = "erased"
    with pytest.raises(AppendOnly):
        stored.save()
    assert _unchanged(event)


def test_an_account_that_acted_cannot_be_deleted(event):
    with pytest.raises(ProtectedError):
        get_user_model().objects.filter(pk=event.actor_id).delete()
    assert _unchanged(event)


def test_raw_sql_update_is_refused_by_the_database(event):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET action = 'erased' WHERE id = %s", [event.pk])
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET actor_id = NULL")
    assert _unchanged(event)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="on SQLite Django's flush empties tables with DELETE, so only the model refuses it",
)
def test_raw_sql_delete_is_refused_on_postgresql(event):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent")
    assert _unchanged(event)

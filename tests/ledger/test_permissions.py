"""Who may manage an organisation and its contact persons' personal data (AVG/GDPR): whoever
registered it, staff, owners of a collaboration it is a linked partner in, and the CLI operator.
Everyone signed in reads the registry, but e-mail addresses only show to those who may manage.
Checked through the service, the API and the web pages; a refused request writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.accounts.services import cli_actor
from grenzeloos.audit.models import AuditEvent
from grenzeloos.core.errors import PermissionDenied
from grenzeloos.ledger import services
from grenzeloos.ledger.models import ContactPerson, Organisation
from grenzeloos.ledger.services import OrganisationData

PARTNER = "Dakdekkersbedrijf Hoogendijk bv"
EMAIL = "henk@example.nl"
ALLOWED = ["registrar", "owner", "staff", "operator"]
REFUSED = ["editor", "viewer", "stranger"]


@pytest.fixture
def world(people, make_user) -> dict[str, Any]:
    """An organisation registered by rita, linked as partner in olga's collaboration."""
    registrar = make_user("rita")
    staff = make_user("priva", is_staff=True)
    organisation = services.create_organisation(
        actor=registrar, data=OrganisationData(name="Hoogendijk Dakwerken", sector="business")
    )
    person = services.add_contact(
        actor=registrar, organisation=organisation, name="Henk de Vries", email=EMAIL, role="baas"
    )
    services.link_partner(
        actor=people["owner"],
        collaboration_id=people["cid"],
        partner_name=PARTNER,
        organisation=organisation,
    )
    return {
        **people,
        "registrar": registrar,
        "staff": staff,
        "operator": cli_actor(),
        "organisation": organisation,
        "person": person,
    }


def _unchanged(world: dict[str, Any], events_before: int) -> None:
    person = ContactPerson.objects.get(pk=world["person"].pk)
    assert (person.name, person.email, person.erased_at) == ("Henk de Vries", EMAIL, None)
    assert Organisation.objects.get(pk=world["organisation"].pk).name == "Hoogendijk Dakwerken"
    assert AuditEvent.objects.count() == events_before


# --- Service ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALLOWED)
def test_service_allows_export_and_erase(world, role) -> None:
    actor = world[role]
    assert services.may_manage(user=actor, organisation=world["organisation"])
    exported = services.export_person(actor=actor, person=world["person"])
    assert exported["person"]["email"] == EMAIL
    services.erase_person(actor=actor, person=world["person"])
    person = ContactPerson.objects.get(pk=world["person"].pk)
    assert (person.name, person.email) == ("", "")
    assert person.erased_at is not None


@pytest.mark.parametrize("role", REFUSED)
def test_service_refuses_export_erase_and_changes(world, role) -> None:
    actor = world[role]
    before = AuditEvent.objects.count()
    assert not services.may_manage(user=actor, organisation=world["organisation"])
    with pytest.raises(PermissionDenied):
        services.export_person(actor=actor, person=world["person"])
    with pytest.raises(PermissionDenied):
        services.erase_person(actor=actor, person=world["person"])
    with pytest.raises(PermissionDenied):
        services.update_organisation(
            actor=actor,
            organisation=world["organisation"],
            data=OrganisationData(name="Overgenomen bv", sector="business"),
        )
    with pytest.raises(PermissionDenied):
        services.add_contact(actor=actor, organisation=world["organisation"], name="Indringer")
    _unchanged(world, before)
    assert ContactPerson.objects.count() == 1


def test_unowned_organisations_stay_with_staff_and_operator(world) -> None:
    Organisation.objects.filter(pk=world["organisation"].pk).update(created_by=None)
    organisation = Organisation.objects.get(pk=world["organisation"].pk)
    assert not services.may_manage(user=world["registrar"], organisation=organisation)
    assert services.may_manage(user=world["staff"], organisation=organisation)
    assert services.may_manage(user=world["operator"], organisation=organisation)


def test_owner_rights_end_when_the_partner_is_unlinked(world) -> None:
    services.link_partner(
        actor=world["owner"],
        collaboration_id=world["cid"],
        partner_name=PARTNER,
        organisation=None,
    )
    with pytest.raises(PermissionDenied):
        services.export_person(actor=world["owner"], person=world["person"])


# --- API -------------------------------------------------------------------------------------


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("role", ALLOWED)
def test_api_allows_export_and_erase(world, role) -> None:
    client = api(world[role])
    pid = world["person"].pk
    detail = client.get(f"/api/v1/organisations/{world['organisation'].pk}").json()
    assert detail["contacts"][0]["email"] == EMAIL
    exported = client.post(f"/api/v1/contacts/{pid}/export")
    assert exported.status_code == 200
    assert exported.json()["person"]["email"] == EMAIL
    erased = client.post(f"/api/v1/contacts/{pid}/erase")
    assert erased.status_code == 200
    assert ContactPerson.objects.get(pk=pid).email == ""


@pytest.mark.parametrize("role", REFUSED)
def test_api_refuses_export_and_erase(world, role) -> None:
    client = api(world[role])
    pid = world["person"].pk
    org_id = world["organisation"].pk
    before = AuditEvent.objects.count()
    detail = client.get(f"/api/v1/organisations/{org_id}")
    assert detail.status_code == 200
    assert detail.json()["name"] == "Hoogendijk Dakwerken"
    assert detail.json()["contacts"][0]["name"] == "Henk de Vries"
    assert "email" not in detail.json()["contacts"][0]
    assert EMAIL not in detail.content.decode()
    assert client.post(f"/api/v1/contacts/{pid}/export").status_code == 403
    assert client.post(f"/api/v1/contacts/{pid}/erase").status_code == 403
    changed = client.put(
        f"/api/v1/organisations/{org_id}", {"name": "Overgenomen", "sector": "business"}
    )
    assert changed.status_code == 403
    added = client.post(f"/api/v1/organisations/{org_id}/contacts", {"name": "Indringer"})
    assert added.status_code == 403
    _unchanged(world, before)


# --- Web -------------------------------------------------------------------------------------


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.parametrize("role", ["registrar", "owner", "staff"])
def test_web_allows_export_and_erase(world, role) -> None:
    client = web(world[role])
    page = client.get(reverse("ledger:organisation", args=[world["organisation"].pk]))
    assert EMAIL in page.content.decode()
    exported = client.post(reverse("ledger:contact_export", args=[world["person"].pk]))
    assert exported.status_code == 200
    assert exported.json()["person"]["email"] == EMAIL
    erased = client.post(reverse("ledger:contact_erase", args=[world["person"].pk]))
    assert erased.status_code == 302
    assert ContactPerson.objects.get(pk=world["person"].pk).erased_at is not None


@pytest.mark.parametrize("role", REFUSED)
def test_web_refuses_export_and_erase(world, role) -> None:
    client = web(world[role])
    pid = world["person"].pk
    org_id = world["organisation"].pk
    before = AuditEvent.objects.count()
    page = client.get(reverse("ledger:organisation", args=[org_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Henk de Vries" in text
    assert EMAIL not in text
    assert reverse("ledger:contact_erase", args=[pid]) not in text
    assert client.post(reverse("ledger:contact_export", args=[pid])).status_code == 403
    assert client.post(reverse("ledger:contact_erase", args=[pid])).status_code == 403
    changed = client.post(
        reverse("ledger:organisation", args=[org_id]), {"name": "Overgenomen", "sector": "business"}
    )
    assert changed.status_code == 403
    _unchanged(world, before)
    added = client.post(reverse("ledger:contact_add", args=[org_id]), {"name": "Indringer"})
    assert added.status_code == 403
    assert ContactPerson.objects.count() == 1

"""The organisation takeover of issue 26, walked through the API as an attacker would.

Any account could create a collaboration with a partner "P0", link that partner to someone
else's organisation and from then on read its contact persons' e-mail addresses, export and
erase their personal data and rename the organisation: linking made him "an owner of a
collaboration the organisation takes part in". Now a link confers nothing; the organisation's
managers see it and refuse it, and the refusal is kept with who and when.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from grenzeloos.audit.models import AuditEvent
from grenzeloos.ledger.models import ContactPerson, Organisation, Partner

EMAIL = "henk@hoogendijk.example"


def _client(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def _stored(org_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every stored column of the organisation and its contact persons."""
    return (
        list(Organisation.objects.filter(pk=org_id).values()),
        list(ContactPerson.objects.filter(organisation_id=org_id).order_by("pk").values()),
    )


@pytest.mark.django_db
def test_a_link_made_by_an_attacker_gives_him_nothing_and_the_victim_refuses_it(make_user):
    victim = _client(make_user("rita"))
    attacker_user = make_user("mallory")
    attacker = _client(attacker_user)

    # The victim registers her organisation and its contact person.
    created = victim.post(
        "/api/v1/organisations",
        {"name": "Hoogendijk Dakwerken", "sector": "business", "size_class": "small"},
        format="json",
    )
    assert created.status_code == 201, created.content
    org_id = created.json()["id"]
    added = victim.post(
        f"/api/v1/organisations/{org_id}/contacts",
        {"name": "Henk de Vries", "email": EMAIL, "role": "directeur"},
        format="json",
    )
    assert added.status_code == 201, added.content
    person_id = added.json()["id"]

    # The attacker creates his own collaboration with a partner P0 ...
    canvas = {
        "schema": "grenzeloos.canvas/1",
        "subject": "Overname",
        "partners": [{"name": "P0", "role": "founding", "sector": "business"}],
    }
    own = attacker.post("/api/v1/collaborations", canvas, format="json")
    assert own.status_code == 201, own.content
    cid = own.json()["id"]
    # ... and links P0 to the victim's organisation: allowed, it is his own ledger.
    linked = attacker.put(
        f"/api/v1/collaborations/{cid}/ledger/partners",
        {"partner": "P0", "organisation": org_id},
        format="json",
    )
    assert linked.status_code == 200, linked.content
    stored = _stored(org_id)

    # 1. Reading the contact persons' e-mail addresses.
    detail = attacker.get(f"/api/v1/organisations/{org_id}")
    assert detail.status_code == 200
    assert detail.json()["contacts"][0]["name"] == "Henk de Vries"
    assert "email" not in detail.json()["contacts"][0]
    assert EMAIL not in detail.content.decode()
    # 2. Exporting a contact person's personal data.
    exported = attacker.post(f"/api/v1/contacts/{person_id}/export")
    assert exported.status_code == 403
    assert EMAIL not in exported.content.decode()
    # 3. Renaming the organisation.
    renamed = attacker.put(
        f"/api/v1/organisations/{org_id}",
        {"name": "Overgenomen bv", "sector": "business"},
        format="json",
    )
    assert renamed.status_code == 403
    # 4. Erasing its contact persons, or adding his own.
    assert attacker.post(f"/api/v1/contacts/{person_id}/erase").status_code == 403
    intruder = attacker.post(
        f"/api/v1/organisations/{org_id}/contacts", {"name": "Indringer"}, format="json"
    )
    assert intruder.status_code == 403
    # 5. Seeing who else linked to it.
    assert attacker.get(f"/api/v1/organisations/{org_id}/links").status_code == 403
    assert _stored(org_id) == stored
    assert not AuditEvent.objects.filter(
        actor=attacker_user, action__startswith="ledger.contact"
    ).exists()

    # The victim sees the link: whose collaboration, which partner, who made it.
    links = victim.get(f"/api/v1/organisations/{org_id}/links")
    assert links.status_code == 200
    [link] = links.json()
    assert (link["collaboration"], link["partner"], link["linked_by"]) == (cid, "P0", "mallory")
    assert link["refused"] is False
    # She refuses it; the refusal is kept with who and when, and audited.
    refused = victim.post(f"/api/v1/organisations/{org_id}/links/{link['id']}/refuse")
    assert refused.status_code == 200, refused.content
    assert refused.json()["refused"] is True
    assert refused.json()["refused_by"] == "rita"
    assert refused.json()["refused_at"]
    assert AuditEvent.objects.filter(action="ledger.link_refused").count() == 1
    [link] = victim.get(f"/api/v1/organisations/{org_id}/links").json()
    assert link["refused"] is True

    # The attacker's ledger shows P0 as not linked, the link refused; linking again is refused.
    partners = attacker.get(f"/api/v1/collaborations/{cid}/ledger").json()["partners"]
    [p0] = [p for p in partners if p["name"] == "P0"]
    assert (p0["organisation"], p0["link_refused"]) == (None, True)
    again = attacker.put(
        f"/api/v1/collaborations/{cid}/ledger/partners",
        {"partner": "P0", "organisation": org_id},
        format="json",
    )
    assert again.status_code == 400
    assert Partner.objects.get(collaboration_id=cid, name="P0").organisation_id == org_id
    assert _stored(org_id) == stored

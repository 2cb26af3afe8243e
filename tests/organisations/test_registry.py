"""The registry on the shared floor meets the ledger only through its ports: the ledger's links
show on an organisation's page to its managers alone, and a person's export carries the ledger's
contributions under their own key; the registry itself imports no capability."""

from __future__ import annotations

import ast
from pathlib import Path

from django.test import Client
from django.urls import reverse

from grenzeloos.organisations import ports, services
from tests.accounts.factories import UserFactory
from tests.ledger.factories import ContributionFactory, PartnerFactory
from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

APP = Path(__file__).resolve().parents[2] / "src" / "grenzeloos" / "organisations"
CAPABILITIES = ("canvas", "legal", "guidance", "cases", "ledger")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_ledger_registers_its_panel_and_its_person_records(db):
    assert [panel.key for panel in ports.organisation_panels()] == ["ledger-links"]
    person = ContactPersonFactory()
    assert list(ports.person_records(person)) == ["contributions"]


def test_the_links_panel_shows_to_managers_only(db):
    registrant, stranger = UserFactory(), UserFactory()
    organisation = OrganisationFactory(created_by=registrant)
    partner = PartnerFactory(organisation=organisation, name="Hoogendijk in de proeftuin")
    url = reverse("organisations:organisation", args=[organisation.pk])
    managed = _client(registrant).get(url).content.decode()
    assert 'id="links"' in managed and partner.name in managed
    refuse = reverse("ledger:link_refuse", args=[organisation.pk, partner.pk])
    assert refuse in managed
    seen = _client(stranger).get(url).content.decode()
    assert 'id="links"' not in seen and partner.name not in seen


def test_a_persons_export_carries_the_ledgers_contributions(db):
    registrant = UserFactory()
    person = ContactPersonFactory(organisation=OrganisationFactory(created_by=registrant))
    ContributionFactory(person=person, description="dakschouw")
    exported = services.export_person(actor=registrant, person=person)
    assert list(exported) == ["schema", "exported_at", "person", "contributions"]
    assert [item["description"] for item in exported["contributions"]] == ["dakschouw"]


def test_the_registry_imports_no_capability():
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                assert not (
                    parts[0] == "grenzeloos" and len(parts) > 1 and parts[1] in CAPABILITIES
                ), f"{path.name} imports {name}"

"""A store written by the previous release (organisations and contact persons in the ledger app,
ledger 0005) upgrades to the shared organisations registry without losing anything: every row
of every table stays the same, partners, refused links and contributions still point at the same
organisations and persons, the content types (and so the permissions) follow the models, and every
organisation and ledger page, API answer and export reads the same before and after."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from grenzeloos.ledger.models import Contribution, LinkRefusal, Partner
from grenzeloos.organisations import services
from grenzeloos.organisations.models import ContactPerson, Organisation
from tests.accounts.factories import UserFactory
from tests.collaborations.test_migrations import _migrate
from tests.ledger.factories import make_collaboration

#: The previous release: the registry in the ledger, the organisations app not there yet.
PREVIOUS = [("ledger", "0005_report_header_and_volunteer_hours"), ("organisations", None)]
PREVIOUS_STATE = [("ledger", "0005_report_header_and_volunteer_hours")]


def _tables() -> list[str]:
    """Every table of the ledger and the registry (they keep the ledger's names), the accounts
    and the audit log."""
    return sorted(
        name
        for name in connection.introspection.table_names()
        if name.startswith(("ledger_", "organisations_", "audit_", "auth_user"))
    )


def _rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table above, column by column, in primary-key order."""
    found = {}
    with connection.cursor() as cursor:
        for table in _tables():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")  # noqa: S608 - our own tables
            found[table] = [tuple(row) for row in cursor.fetchall()]
    return found


_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"')


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return _TOKEN.sub("", body.decode())


def _pages(world: dict[str, Any]) -> dict[str, str]:
    """Every organisation and ledger page, API answer and export of the store, each read by the
    people who see most of it (a manager of the organisations, the collaboration's owner)."""
    manager, owner = Client(), Client()
    manager.force_login(world["rita"])
    owner.force_login(world["olga"])
    api = APIClient()
    api.force_authenticate(world["rita"])
    api_owner = APIClient()
    api_owner.force_authenticate(world["olga"])
    cid = world["cid"]
    urls = {
        "list": (manager, reverse("organisations:organisations")),
        "search": (manager, reverse("organisations:organisations") + "?q=Hoogendijk"),
        "ledger": (owner, reverse("ledger:ledger", args=[cid])),
        "report": (
            owner,
            reverse("ledger:report", args=[cid]) + "?start=2026-01-01&end=2026-12-31",
        ),
        "export.csv": (owner, reverse("ledger:export", args=[cid])),
        "api list": (api, "/api/v1/organisations"),
        "api ledger": (api_owner, f"/api/v1/collaborations/{cid}/ledger"),
    }
    for pk in world["organisations"]:
        urls[f"organisation {pk}"] = (manager, reverse("organisations:organisation", args=[pk]))
        urls[f"organisation {pk} (owner)"] = (
            owner,
            reverse("organisations:organisation", args=[pk]),
        )
        urls[f"api organisation {pk}"] = (api, f"/api/v1/organisations/{pk}")
        # Each organisation's links, read by one of its managers (rita registered the first two).
        registrant = api if pk != world["organisations"][-1] else api_owner
        urls[f"api links {pk}"] = (registrant, f"/api/v1/organisations/{pk}/links")
    pages = {name: _page(client, url) for name, (client, url) in urls.items()}
    for pk in world["people"]:
        exported = manager.post(reverse("organisations:contact_export", args=[pk])).json()
        exported.pop("exported_at")
        pages[f"person {pk}"] = repr(exported)
    return pages


def _write_previous_release_store() -> dict[str, Any]:
    """The store as the previous release wrote it, through its own models (ledger 0005)."""
    executor = _migrate(PREVIOUS)
    old = executor.loader.project_state(PREVIOUS_STATE).apps
    organisation = old.get_model("ledger", "Organisation")
    person = old.get_model("ledger", "ContactPerson")
    partner = old.get_model("ledger", "Partner")
    refusal = old.get_model("ledger", "LinkRefusal")
    ledger = old.get_model("ledger", "Ledger")
    commitment = old.get_model("ledger", "Commitment")
    batch = old.get_model("ledger", "ImportBatch")
    contribution = old.get_model("ledger", "Contribution")
    event = old.get_model("audit", "AuditEvent")

    rita, olga, mia = (UserFactory(username=name) for name in ("rita", "olga", "mia"))
    cid = make_collaboration(olga, "canvas-rich.json")
    # The previous release's content types: the models were the ledger's.
    ContentType.objects.filter(app_label="organisations").delete()
    old_types = {
        model: ContentType.objects.get_or_create(app_label="ledger", model=model)[0].pk
        for model in ("organisation", "contactperson")
    }
    ContentType.objects.clear_cache()

    hoogendijk = organisation.objects.create(
        name="Dakdekkersbedrijf Hoogendijk bv",
        sector="business",
        kvk_number="12345678",
        size_class="small",
        staff=Decimal("12.50"),
        turnover_eur=Decimal("1800000.00"),
        balance_sheet_eur=Decimal("950000.00"),
        size_basis="sme-2003-361",
        created_by_id=rita.pk,
    )
    gemeente = organisation.objects.create(
        name="Gemeente Groenedijk", sector="government", size_class="large", created_by_id=rita.pk
    )
    hogeschool = organisation.objects.create(
        name="Hogeschool Rijnland", sector="knowledge", kvk_number="87654321", created_by_id=olga.pk
    )
    henk = person.objects.create(
        organisation_id=hoogendijk.pk,
        name="Henk de Dakdekker",
        email="henk@example.nl",
        role="eigenaar",
    )
    mia_person = person.objects.create(
        organisation_id=gemeente.pk,
        name="Mia Ambtenaar",
        email="mia@example.nl",
        role="beleidsadviseur",
        user_id=mia.pk,
    )
    erased = person.objects.create(
        organisation_id=hoogendijk.pk, erased_at=timezone.now() - dt.timedelta(days=3)
    )
    linked_at = timezone.now() - dt.timedelta(days=10)
    dak = partner.objects.create(
        collaboration_id=cid,
        name="Dakdekkersbedrijf Hoogendijk bv",
        sector="business",
        organisation_id=hoogendijk.pk,
        linked_by_id=olga.pk,
        linked_at=linked_at,
        hourly_rate_eur=Decimal("85.00"),
    )
    refused = partner.objects.create(
        collaboration_id=cid,
        name="Gemeente Groenedijk",
        sector="government",
        organisation_id=gemeente.pk,
        linked_by_id=olga.pk,
        linked_at=linked_at,
    )
    refusal.objects.create(partner_id=refused.pk, organisation_id=gemeente.pk, refused_by_id=mia.pk)
    school = partner.objects.create(
        collaboration_id=cid, name="Hogeschool Rijnland", sector="knowledge"
    )
    ledger.objects.create(
        collaboration_id=cid,
        fte_hours=1600,
        hourly_rate_eur=Decimal("75.00"),
        target_split=[
            {"label": "bedrijven", "share": "50", "sectors": ["business"]},
            {"label": "overheid en kennis", "share": "50", "sectors": ["government", "knowledge"]},
        ],
    )
    commitment.objects.create(
        collaboration_id=cid,
        partner_id=dak.pk,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        kind="people",
        quantity=Decimal("240"),
        unit="hours",
        description="dakonderzoek",
        created_by_id=olga.pk,
    )
    imported = batch.objects.create(
        collaboration_id=cid, filename="uren.csv", sha256="0" * 64, rows=2, created_by_id=olga.pk
    )
    for day, who, quantity in ((3, henk, "16"), (10, erased, "8.5")):
        contribution.objects.create(
            collaboration_id=cid,
            partner_id=dak.pk,
            date=dt.date(2026, 3, day),
            kind="people",
            quantity=Decimal(quantity),
            unit="hours",
            description="schouwen",
            evidence="urenstaat maart",
            person_id=who.pk,
            batch_id=imported.pk,
            created_by_id=olga.pk,
        )
    contribution.objects.create(
        collaboration_id=cid,
        partner_id=school.pk,
        date=dt.date(2026, 4, 1),
        kind="money",
        quantity=Decimal("2500.00"),
        unit="EUR",
        created_by_id=olga.pk,
    )
    event.objects.create(
        actor_id=rita.pk,
        action="ledger.organisation_created",
        target_type="ledger.organisation",
        target_id=str(hoogendijk.pk),
    )
    return {
        "executor": executor,
        "rita": rita,
        "olga": olga,
        "cid": cid,
        "organisations": [hoogendijk.pk, gemeente.pk, hogeschool.pk],
        "people": [henk.pk, mia_person.pk, erased.pk],
        "partners": {"linked": dak.pk, "refused": refused.pk, "unlinked": school.pk},
        "content_types": old_types,
    }


@pytest.mark.django_db(transaction=True)
def test_previous_release_store_upgrades_without_loss():
    world = _write_previous_release_store()
    pages_before = _pages(world)
    rows_before = _rows()  # after reading: exports and sign-ins write audit events

    _migrate(world["executor"].loader.graph.leaf_nodes())

    # Every row of every table, column by column: nothing dropped, copied or rewritten.
    assert _rows() == rows_before
    # Every page, API answer and export reads the same.
    pages_after = _pages(world)
    assert pages_after.keys() == pages_before.keys()
    for name, page in pages_before.items():
        assert pages_after[name] == page, name

    # The registry's models read the old rows; the ledger's keys point at them.
    hoogendijk_pk, gemeente_pk, _ = world["organisations"]
    hoogendijk = Organisation.objects.get(pk=hoogendijk_pk)
    assert (hoogendijk.kvk_number, hoogendijk.size_class, hoogendijk.size_basis) == (
        "12345678",
        "small",
        "sme-2003-361",
    )
    assert (hoogendijk.staff, hoogendijk.turnover_eur) == (Decimal("12.50"), Decimal("1800000"))
    linked = Partner.objects.get(pk=world["partners"]["linked"])
    assert isinstance(linked.organisation, Organisation) and linked.organisation == hoogendijk
    refusal = LinkRefusal.objects.get()
    assert (refusal.partner_id, refusal.organisation_id) == (
        world["partners"]["refused"],
        gemeente_pk,
    )
    henk_pk = world["people"][0]
    henk = ContactPerson.objects.get(pk=henk_pk)
    assert [c.quantity for c in henk.contributions.all()] == [Decimal("16")]
    mia_person = ContactPerson.objects.get(pk=world["people"][1])
    assert services.may_manage(user=mia_person.user, organisation=mia_person.organisation)
    assert services.may_manage(user=world["rita"], organisation=hoogendijk)
    assert not services.may_manage(user=world["olga"], organisation=hoogendijk)
    assert Contribution.objects.filter(person__isnull=False).count() == 2
    # The content types moved with the models (same ids: permissions and admin history follow).
    ContentType.objects.clear_cache()
    moved = ContentType.objects.get_for_model(Organisation)
    assert (moved.app_label, moved.pk) == ("organisations", world["content_types"]["organisation"])
    assert (
        ContentType.objects.get_for_model(ContactPerson).pk
        == (world["content_types"]["contactperson"])
    )
    assert not ContentType.objects.filter(app_label="ledger", model="organisation").exists()
    # The pages show what was stored.
    page = pages_after[f"organisation {hoogendijk_pk}"]
    for text in ("12345678", "Henk de Dakdekker", "henk@example.nl", "eigenaar", "sme-2003-361"):
        assert text in page, text
    assert f"Contactpersoon #{world['people'][2]}: persoonsgegevens gewist" in page
    assert "Mia Ambtenaar" in pages_after[f"organisation {gemeente_pk}"]
    assert "mia" in pages_after[f"api links {gemeente_pk}"]  # refused by mia
    assert "Dakdekkersbedrijf Hoogendijk bv" in pages_after["ledger"]
    assert "2026-03-03" in pages_after["export.csv"]
    assert "schouwen" in pages_after[f"person {henk_pk}"]


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_without_loss():
    """Migrating back to the previous release (a downgrade after a failed roll-out) keeps every
    row too, and gives the content types back to the ledger."""
    world = _write_previous_release_store()
    _migrate(world["executor"].loader.graph.leaf_nodes())
    rows = _rows()

    _migrate(PREVIOUS)

    assert _rows() == rows
    assert (
        ContentType.objects.filter(app_label="ledger", model="organisation").get().pk
        == (world["content_types"]["organisation"])
    )
    _migrate(world["executor"].loader.graph.leaf_nodes())

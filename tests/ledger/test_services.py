"""Use cases: organisations, contact persons (export, erasure), partners, commitments taken over
from the canvas, contributions entered by hand, and the report's sums from the database."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from grenzeloos.audit.models import AuditEvent
from grenzeloos.core.errors import NotFound, PermissionDenied
from grenzeloos.ledger import services
from grenzeloos.ledger.models import Commitment, ContactPerson, Contribution
from grenzeloos.ledger.services import FieldError, OrganisationData
from grenzeloos.ledger.tabular import FileRefused

D = Decimal
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def org(actor, name="Hoogendijk Dakwerken", **extra):
    data = OrganisationData(name=name, sector=extra.pop("sector", "business"), **extra)
    return services.create_organisation(actor=actor, data=data)


def test_organisation_size_class_is_derived_from_figures(people) -> None:
    organisation = org(
        people["owner"],
        kvk_number="1234 5678",
        staff=D(49),
        turnover_eur=D(12_000_000),
        balance_sheet_eur=D(9_000_000),
    )
    assert organisation.kvk_number == "12345678"
    assert organisation.size_class == "small"  # balance sheet <= 10 m saves it
    assert organisation.size_basis == "sme-2003-361"
    with pytest.raises(FieldError, match=r"size_class.*Medium-sized under .*2003/361"):
        org(
            people["owner"],
            name="Tweede",
            size_class="small",
            staff=D(120),
            turnover_eur=D(1),
            balance_sheet_eur=D(1),
        )
    stated = org(people["owner"], name="Zonder cijfers", size_class="large")
    assert (stated.size_class, stated.size_basis) == ("large", "")


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "１２３４５６７８"])
def test_kvk_number_must_have_8_digits(people, kvk) -> None:
    with pytest.raises(FieldError, match="kvk_number"):
        org(people["owner"], kvk_number=kvk)


def test_kvk_number_and_name_are_unique(people) -> None:
    org(people["owner"], kvk_number="12345678")
    with pytest.raises(FieldError, match="name"):
        org(people["owner"], name="hoogendijk  dakwerken")
    with pytest.raises(FieldError, match="kvk_number"):
        org(people["owner"], name="Ander", kvk_number="12345678")


def test_figures_go_together(people) -> None:
    with pytest.raises(FieldError, match="together"):
        org(people["owner"], staff=D(3))


def test_erasing_a_person_keeps_the_contribution_history(people) -> None:
    organisation = org(people["owner"])
    person = services.add_contact(
        actor=people["owner"],
        organisation=organisation,
        name="Henk de Vries",
        email="henk@example.nl",
        role="uitvoerder",
    )
    services.add_contributions(
        actor=people["editor"],
        collaboration_id=people["cid"],
        entries=[
            {
                "date": "2026-02-01",
                "partner": "Dakdekkersbedrijf Hoogendijk bv",
                "kind": "people",
                "quantity": D(16),
                "unit": "hours",
                "description": "dak 1",
                "person": person.pk,
            }
        ],
    )
    exported = services.export_person(actor=people["owner"], person=person)
    assert exported["person"]["name"] == "Henk de Vries"
    assert exported["person"]["email"] == "henk@example.nl"
    assert [c["quantity"] for c in exported["contributions"]] == ["16.00"]
    json.dumps(exported)  # serialisable as it is

    before = services.progress_report(
        user=people["viewer"], collaboration_id=people["cid"], start=YEAR[0], end=YEAR[1]
    )
    services.erase_person(actor=people["owner"], person=person)
    person.refresh_from_db()
    assert (person.name, person.email, person.role) == ("", "", "")
    assert person.erased_at is not None
    contribution = Contribution.objects.get()
    assert contribution.person_id == person.pk
    after = services.progress_report(
        user=people["viewer"], collaboration_id=people["cid"], start=YEAR[0], end=YEAR[1]
    )
    assert [r.realised.hours for r in after.partners] == [r.realised.hours for r in before.partners]
    # No copy of the personal data is left in the audit log.
    for event in AuditEvent.objects.all():
        assert "Henk" not in json.dumps(event.data)
        assert "henk@example.nl" not in json.dumps(event.data)
    again = services.export_person(actor=people["owner"], person=person)
    assert again["person"]["name"] == "" and again["person"]["erased_at"]


def test_contact_email_is_checked(people) -> None:
    with pytest.raises(FieldError, match="email"):
        services.add_contact(
            actor=people["owner"], organisation=org(people["owner"]), name="X", email="geen"
        )


def test_take_over_commitments_from_the_canvas(people) -> None:
    result = services.take_over_commitments(
        actor=people["editor"],
        collaboration_id=people["cid"],
        period_start=YEAR[0],
        period_end=YEAR[1],
    )
    # canvas-rich.json: 0.6 fte, 240 hours, EUR 12,500.50 and 80 hours have amounts;
    # four contributions without an amount are listed as skipped.
    assert result.created == 4
    assert len(result.skipped) == 4
    lines = sorted(
        (c.partner.name, c.kind, c.quantity, c.unit)
        for c in Commitment.objects.select_related("partner")
    )
    assert lines == [
        ("Bewonersvereniging Het Zuiden", "network", D("80.00"), "hours"),
        ("Dakdekkersbedrijf Hoogendijk bv", "money", D("12500.50"), "EUR"),
        ("Dakdekkersbedrijf Hoogendijk bv", "people", D("240.00"), "hours"),
        ("Gemeente Groenedijk", "people", D("0.60"), "fte"),
    ]
    again = services.take_over_commitments(
        actor=people["editor"],
        collaboration_id=people["cid"],
        period_start=YEAR[0],
        period_end=YEAR[1],
    )
    assert (again.created, again.replaced) == (4, 4)
    assert Commitment.objects.count() == 4


def test_report_sums_what_was_logged_and_committed(people) -> None:
    cid = people["cid"]
    services.take_over_commitments(
        actor=people["editor"], collaboration_id=cid, period_start=YEAR[0], period_end=YEAR[1]
    )
    services.configure(actor=people["owner"], collaboration_id=cid, hourly_rate=D(50))
    services.link_partner(
        actor=people["owner"],
        collaboration_id=cid,
        partner_name="Dakdekkersbedrijf Hoogendijk bv",
        organisation=org(people["owner"]),
        hourly_rate=D(75),
    )
    services.add_contributions(
        actor=people["editor"],
        collaboration_id=cid,
        entries=[
            {
                "date": "2026-03-01",
                "partner": "Hoogendijk Dakwerken",
                "kind": "people",
                "quantity": D(100),
                "unit": "hours",
            },  # by the linked organisation's name
            {
                "date": "2026-04-01",
                "partner": "dakdekkersbedrijf hoogendijk BV",
                "kind": "money",
                "quantity": D("12500.50"),
                "unit": "EUR",
            },
            {
                "date": "2026-04-01",
                "partner": "Gemeente Groenedijk",
                "kind": "people",
                "quantity": D(900),
                "unit": "hours",
            },
            {
                "date": "2027-01-01",
                "partner": "Gemeente Groenedijk",
                "kind": "people",
                "quantity": D(999),
                "unit": "hours",
            },  # outside the period
        ],
    )
    report = services.progress_report(
        user=people["viewer"], collaboration_id=cid, start=YEAR[0], end=YEAR[1]
    )
    rows = {row.partner.name: row for row in report.partners}
    roofer = rows["Dakdekkersbedrijf Hoogendijk bv"]
    assert (roofer.committed.hours, roofer.realised.hours) == (240, 100)
    assert roofer.rate == 75
    assert roofer.realised_value == D("12500.50") + 100 * 75
    assert roofer.short
    city = rows["Gemeente Groenedijk"]
    assert (city.committed.hours, city.realised.hours) == (960, 900)  # 0.6 x 1,600
    assert city.rate == 50


def test_add_contributions_is_all_or_nothing_and_names_the_entry(people) -> None:
    entries = [
        {
            "date": "2026-03-01",
            "partner": "Gemeente Groenedijk",
            "kind": "people",
            "quantity": D(1),
            "unit": "hours",
        },
        {
            "date": "2026-03-01",
            "partner": "Gemeente Groenedijk",
            "kind": "people",
            "quantity": D(0),
            "unit": "hours",
        },
    ]
    with pytest.raises(FileRefused) as refused:
        services.add_contributions(
            actor=people["editor"], collaboration_id=people["cid"], entries=entries
        )
    assert [(p.line, p.column) for p in refused.value.problems] == [(2, "quantity")]
    assert Contribution.objects.count() == 0


def test_roles(people) -> None:
    cid = people["cid"]
    with pytest.raises(NotFound):
        services.progress_report(
            user=people["stranger"], collaboration_id=cid, start=YEAR[0], end=YEAR[1]
        )
    with pytest.raises(PermissionDenied):
        services.configure(actor=people["viewer"], collaboration_id=cid, fte_hours=1700)
    with pytest.raises(PermissionDenied):
        services.take_over_commitments(
            actor=people["viewer"], collaboration_id=cid, period_start=YEAR[0], period_end=YEAR[1]
        )


def test_target_split_is_validated(people) -> None:
    cid = people["cid"]
    ledger = services.configure(
        actor=people["owner"], collaboration_id=cid, target_split=services.THIRDS_EXAMPLE
    )
    assert [group["label"] for group in ledger.target_split] == [
        "companies",
        "knowledge and region",
        "national government",
    ]
    with pytest.raises(FieldError, match="add up to 90"):
        services.configure(
            actor=people["owner"],
            collaboration_id=cid,
            target_split=[{"label": "a", "share": 90, "sectors": ["business"]}],
        )
    with pytest.raises(FieldError, match=r"target_split\[0\].sectors"):
        services.configure(
            actor=people["owner"],
            collaboration_id=cid,
            target_split=[{"label": "a", "share": 100, "sectors": ["bedrijf"]}],
        )


def test_partners_merge_canvas_and_ledger(people) -> None:
    rows = services.list_partners(user=people["viewer"], collaboration_id=people["cid"])
    assert len(rows) == 6 and all(row.on_canvas and row.partner is None for row in rows)
    services.link_partner(
        actor=people["owner"],
        collaboration_id=people["cid"],
        partner_name="Hogeschool Rijnland",
        organisation=None,
        hourly_rate=D(90),
    )
    rows = {
        r.name: r
        for r in services.list_partners(user=people["viewer"], collaboration_id=people["cid"])
    }
    assert rows["Hogeschool Rijnland"].hourly_rate == D(90)
    assert rows["Hogeschool Rijnland"].sector == "knowledge"
    assert ContactPerson.objects.count() == 0

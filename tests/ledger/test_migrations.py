"""Organisations whose size class the ledger's former copy of the SME definition derived
("eu-sme-2003-361") name the legal rule with the same figures after the upgrade; nothing else
about them changes."""

from __future__ import annotations

import pytest

from grenzeloos.ledger.models import Organisation
from tests.collaborations.test_migrations import _migrate

BEFORE = [("ledger", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_stored_size_basis_names_the_legal_rule_after_the_upgrade():
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation_model = old.get_model("ledger", "Organisation")
    derived = organisation_model.objects.create(
        name="Afgeleid",
        sector="business",
        size_class="medium",
        staff=120,
        turnover_eur=30_000_000,
        balance_sheet_eur=20_000_000,
        size_basis="eu-sme-2003-361",
    )
    stated = organisation_model.objects.create(
        name="Opgegeven", sector="business", size_class="large"
    )

    _migrate(executor.loader.graph.leaf_nodes())

    upgraded = Organisation.objects.get(pk=derived.pk)
    assert (upgraded.size_class, upgraded.size_basis) == ("medium", "sme-2003-361")
    assert upgraded.staff == 120
    kept = Organisation.objects.get(pk=stated.pk)
    assert (kept.size_class, kept.size_basis) == ("large", "")


@pytest.mark.django_db(transaction=True)
def test_existing_links_stay_and_registrants_keep_managing_after_the_upgrade():
    """Migration 0003 (organisation managers, link refusals) only adds: the organisation, its
    contact person and the partner's link stay as they were; the registrant still manages it;
    the owner of the linking collaboration, who managed it before, no longer does."""
    from grenzeloos.ledger import services
    from grenzeloos.ledger.models import ContactPerson, Partner
    from tests.accounts.factories import UserFactory
    from tests.ledger.factories import make_collaboration

    registrant, owner = UserFactory(username="rita"), UserFactory(username="olga")
    cid = make_collaboration(owner)
    before = [("ledger", "0002_size_basis_legal_rule_id")]
    executor = _migrate(before)
    old = executor.loader.project_state(before).apps
    organisation = old.get_model("ledger", "Organisation").objects.create(
        name="Hoogendijk", sector="business", size_class="small", created_by_id=registrant.pk
    )
    person = old.get_model("ledger", "ContactPerson").objects.create(
        organisation_id=organisation.pk, name="Henk", email="h@example.nl"
    )
    partner = old.get_model("ledger", "Partner").objects.create(
        collaboration_id=cid, name="Hoogendijk bv", sector="business", organisation=organisation
    )

    _migrate(executor.loader.graph.leaf_nodes())

    upgraded = Organisation.objects.get(pk=organisation.pk)
    assert (upgraded.name, upgraded.size_class, upgraded.created_by_id) == (
        "Hoogendijk",
        "small",
        registrant.pk,
    )
    kept = ContactPerson.objects.get(pk=person.pk)
    assert (kept.name, kept.email, kept.user_id) == ("Henk", "h@example.nl", None)
    link = Partner.objects.get(pk=partner.pk)
    assert (link.organisation_id, link.linked_by_id, link.linked_at) == (upgraded.pk, None, None)
    assert services.may_manage(user=registrant, organisation=upgraded)
    assert not services.may_manage(user=owner, organisation=upgraded)
    [listed] = services.list_links(user=registrant, organisation=upgraded)
    assert (listed.partner, listed.refused, listed.linked_by) == ("Hoogendijk bv", False, "")


@pytest.mark.django_db(transaction=True)
def test_ledgers_and_partners_keep_their_figures_and_value_hours_after_the_upgrade():
    """Migration 0005 (report header, volunteers' hours) only adds fields with defaults: a
    ledger's settings and a partner's rate stay, the header is empty, hours stay valued."""
    from grenzeloos.ledger.models import Ledger, Partner
    from tests.accounts.factories import UserFactory
    from tests.ledger.factories import make_collaboration

    cid = make_collaboration(UserFactory(username="olga"))
    before = [("ledger", "0004_contribution_kind_labels_of_the_publication")]
    executor = _migrate(before)
    old = executor.loader.project_state(before).apps
    ledger = old.get_model("ledger", "Ledger").objects.create(
        collaboration_id=cid, fte_hours=1720, hourly_rate_eur=55, target_split=[]
    )
    partner = old.get_model("ledger", "Partner").objects.create(
        collaboration_id=cid, name="Buurtvereniging", sector="civil_society", hourly_rate_eur=30
    )

    _migrate(executor.loader.graph.leaf_nodes())

    upgraded = Ledger.objects.get(pk=ledger.pk)
    assert (upgraded.fte_hours, upgraded.hourly_rate_eur) == (1720, 55)
    assert (upgraded.funder, upgraded.project_reference) == ("", "")
    kept = Partner.objects.get(pk=partner.pk)
    assert (kept.hourly_rate_eur, kept.hours_valued) == (30, True)

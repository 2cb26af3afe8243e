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

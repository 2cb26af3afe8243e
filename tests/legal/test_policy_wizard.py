"""The organisation's own procurement bands in the web wizard (issue 20).

Before, own bands below the EU threshold could only come from an answers file or the API;
the wizard offered just one municipality's example. Now a screen beside the question takes
the policy's name and date and, per contract kind, the amounts below which one or several
operators are invited; the route check then uses those bands, in Dutch and English.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from grenzeloos.legal import services
from grenzeloos.legal.models import LegalAssessment

pytestmark = pytest.mark.django_db


def _purchase(value: int) -> dict[str, Any]:
    """A municipality buying supplies below the EU threshold, as the wizard stores it."""
    return {
        "schema": "grenzeloos.legal/1",
        "on_date": "2026-03-01",
        "authority": "sub_central",
        "government_role": "client",
        "consideration": True,
        "contract": {
            "kind": "supplies",
            "estimated_value_eur": value,
            "cross_border_interest": False,
        },
    }


def _client(user: Any, language: str = "nl") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


FORM = {
    "name": "Inkoop- en aanbestedingsbeleid gemeente Westervoort 2025",
    "date": "2025-06-12",
    "supplies_single": "40.000",
    "supplies_several": "",
    "works_single": "100.000",
    "works_several": "1.000.000",
}


def test_own_bands_entered_in_the_wizard_decide_the_procedure(people) -> None:
    client = _client(people["editor"])
    session = client.session
    session["legal_check_answers"] = _purchase(30_000)
    session.save()
    question = client.get("/legal/check/q/procurement_policy.example/").content.decode()
    assert 'href="/legal/check/policy/"' in question
    assert "Eigen inkoopdrempels van uw organisatie invullen" in question
    page = client.get("/legal/check/policy/").content.decode()
    assert "Naam van het inkoopbeleid" in page and "Leveringen" in page and "Werken" in page
    response = client.post("/legal/check/policy/", FORM)
    assert response.status_code == 302
    policy = client.session["legal_check_answers"]["procurement_policy"]
    assert policy["name"] == FORM["name"] and policy["date"] == "2025-06-12"
    assert policy["bands"] == [
        {"kinds": ["works"], "below_eur": 100_000, "procedure": "single_source"},
        {"kinds": ["works"], "below_eur": 1_000_000, "procedure": "multiple_private"},
        {"kinds": ["works"], "below_eur": None, "procedure": "national"},
        {"kinds": ["supplies"], "below_eur": 40_000, "procedure": "single_source"},
        {"kinds": ["supplies"], "below_eur": None, "procedure": "multiple_private"},
    ]
    outcome = services.evaluate(client.session["legal_check_answers"], explore=False)
    band = outcome["procurement"]["policy_band"]
    assert (band["procedure"], band["policy"], band["example"]) == (
        "single_source",
        FORM["name"],
        False,
    )
    again = client.get("/legal/check/q/procurement_policy.example/").content.decode()
    assert f"Eigen drempels: {FORM['name']}, vastgesteld op 12 juni 2025" in again
    summary = client.get("/legal/check/summary/").content.decode()
    assert "vastgesteld op 12 juni 2025" in summary
    # The form shows what was saved, so changing one amount keeps the others.
    refill = client.get("/legal/check/policy/").content.decode()
    assert 'value="40.000"' in refill and 'value="1.000.000"' in refill


def test_bands_that_do_not_rise_are_refused_with_the_field_named_in_english(people) -> None:
    client = _client(people["editor"], "en")
    session = client.session
    session["legal_check_answers"] = _purchase(30_000)
    session.save()
    wrong = {**FORM, "works_single": "1,000,000", "works_several": "100,000"}
    response = client.post("/legal/check/policy/", wrong)
    assert response.status_code == 422
    content = response.content.decode()
    assert "Inviting several operators must reach higher than inviting one." in content
    assert 'href="#id_works_several"' in content  # the error summary links the field
    empty = client.post("/legal/check/policy/", {"name": "Policy", "date": "2025-06-12"})
    assert "Enter at least one amount for one contract kind." in empty.content.decode()
    assert "procurement_policy" not in client.session["legal_check_answers"]


def test_own_bands_are_stored_on_an_assessment_and_only_editors_enter_them(people) -> None:
    assessment = services.create_assessment(
        actor=people["owner"], collaboration=people["collaboration"], answers=_purchase(60_000)
    )
    url = f"/legal/a/{assessment.pk}/policy/"
    assert _client(people["viewer"]).get(url)["Location"] == f"/legal/a/{assessment.pk}/"
    assert _client(people["viewer"]).post(url, FORM).status_code == 403
    response = _client(people["editor"]).post(url, FORM)
    assert response["Location"] == f"/legal/a/{assessment.pk}/q/procurement_policy.example/"
    stored = LegalAssessment.objects.get(pk=assessment.pk)
    assert stored.answers["procurement_policy"]["date"] == "2025-06-12"
    band = stored.outcome["procurement"]["policy_band"]
    assert (band["procedure"], band["policy"]) == ("multiple_private", FORM["name"])
    change = stored.answer_changes.order_by("-pk").first()
    assert change.author == people["editor"]
    assert change.paths == ["procurement_policy"]  # the whole policy was new
    assert change.changes[0]["new"]["date"] == "2025-06-12"

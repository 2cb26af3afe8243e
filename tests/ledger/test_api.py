"""The ledger's REST API: organisations, erasure, commitments, contributions all-or-nothing,
import refusals as problem+json, and the report in JSON and as files."""

from __future__ import annotations

import csv
import io

from rest_framework.test import APIClient

from grenzeloos.ledger.models import ContactPerson, Contribution

C = "/api/v1/collaborations/{}/ledger"


def api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_organisations_and_personal_data(people) -> None:
    client = api(people["owner"])
    created = client.post(
        "/api/v1/organisations",
        {
            "name": "Hogeschool Rijnland",
            "sector": "knowledge",
            "kvk_number": "87654321",
            "staff": 300,
            "turnover_eur": 40_000_000,
            "balance_sheet_eur": 30_000_000,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["size_class"] == "large"
    bad = client.post(
        "/api/v1/organisations",
        {"name": "X", "sector": "business", "kvk_number": "12"},
        format="json",
    )
    assert bad.status_code == 400
    assert bad["Content-Type"] == "application/problem+json"
    assert bad.json()["invalid_params"][0]["name"] == "kvk_number"
    org_id = created.json()["id"]
    person = client.post(
        f"/api/v1/organisations/{org_id}/contacts",
        {"name": "Ans Bakker", "email": "ans@example.nl"},
        format="json",
    )
    assert person.status_code == 201
    pid = person.json()["id"]
    assert client.post(f"/api/v1/contacts/{pid}/export").json()["person"]["name"] == "Ans Bakker"
    erased = client.post(f"/api/v1/contacts/{pid}/erase")
    assert erased.json() == {
        "id": pid,
        "name": "",
        "email": "",
        "role": "",
        "account": "",
        "erased": True,
    }
    assert ContactPerson.objects.get(pk=pid).email == ""
    detail = client.get(f"/api/v1/organisations/{org_id}").json()
    assert detail["contacts"][0]["erased"] is True


def test_commitments_contributions_and_report(people) -> None:
    cid = people["cid"]
    editor = api(people["editor"])
    taken = editor.post(
        C.format(cid) + "/commitments/take-over",
        {"period_start": "2026-01-01", "period_end": "2026-12-31"},
        format="json",
    )
    assert taken.json()["created"] == 4
    assert len(api(people["viewer"]).get(C.format(cid) + "/commitments").json()) == 4
    settings = editor.put(C.format(cid), {"fte_hours": 1600, "hourly_rate_eur": 50}, format="json")
    assert settings.status_code == 200, settings.content
    stored = editor.post(
        C.format(cid) + "/contributions",
        [
            {
                "date": "2026-02-01",
                "partner": "Gemeente Groenedijk",
                "kind": "people",
                "quantity": 480,
                "unit": "hours",
            },
            {
                "date": "2026-02-01",
                "partner": "Gemeente Groenedijk",
                "kind": "money",
                "quantity": "250.50",
                "unit": "EUR",
            },
        ],
        format="json",
    )
    assert stored.status_code == 201 and stored.json() == {"stored": 2}
    refused = editor.post(
        C.format(cid) + "/contributions",
        [
            {
                "date": "2026-02-01",
                "partner": "Niemand",
                "kind": "people",
                "quantity": 1,
                "unit": "hours",
            }
        ],
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["invalid_params"] == [
        {"name": "line 1.partner", "reason": "'Niemand' is not a partner of this collaboration"}
    ]
    report = api(people["viewer"]).get(C.format(cid) + "/report?start=2026-01-01&end=2026-12-31")
    assert report.status_code == 200
    city = next(p for p in report.json()["partners"] if p["partner"] == "Gemeente Groenedijk")
    assert (city["committed_hours"], city["realised_hours"]) == (960, 480)
    assert city["realised_value_eur"] == 480 * 50 + 250.5
    assert city["shortfall"] is True
    file = api(people["viewer"]).get(C.format(cid) + "/report.csv?start=2026-01-01&end=2026-12-31")
    rows = list(csv.DictReader(io.StringIO(file.content.decode())))
    assert {row["partner"] for row in rows} >= {"Gemeente Groenedijk"}
    assert (
        api(people["stranger"])
        .get(C.format(cid) + "/report?start=2026-01-01&end=2026-12-31")
        .status_code
        == 404
    )
    assert (
        api(people["viewer"]).post(C.format(cid) + "/contributions", [], format="json").status_code
        == 403
    )


def test_import_refusal_names_every_line(people) -> None:
    content = (
        b"date,partner,kind,quantity,unit,description,evidence\n"
        b"2026-01-01,Gemeente Groenedijk,people,1,hours,,\n"
        b"2026-01-01,Gemeente Groenedijk,people,1,days,,\n"
    )
    upload = io.BytesIO(content)
    upload.name = "uren.csv"
    response = api(people["editor"]).post(
        C.format(people["cid"]) + "/contributions/import", {"file": upload}, format="multipart"
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["line 3.unit"]
    assert Contribution.objects.count() == 0
    upload = io.BytesIO(content.replace(b"days", b"hours"))
    upload.name = "uren.csv"
    ok = api(people["editor"]).post(
        C.format(people["cid"]) + "/contributions/import", {"file": upload}, format="multipart"
    )
    assert ok.status_code == 201 and ok.json()["rows"] == 2
    listed = api(people["viewer"]).get(C.format(people["cid"]) + "/contributions").json()
    assert listed["count"] == 2


def test_the_report_runs_up_to_a_date_with_its_header_and_volunteers(people) -> None:
    """The API's report: drawn up to a date (pro rata commitments), the funder and reference
    from the ledger settings, a partner marked as volunteers, value per kind; shortfall is the
    shortfall (not the last CSV column)."""
    cid = people["cid"]
    editor = api(people["editor"])
    settings = editor.put(
        C.format(cid),
        {
            "fte_hours": 1600,
            "hourly_rate_eur": 50,
            "funder": "Provincie Gelderland",
            "project_reference": "PG-2026-0412",
        },
        format="json",
    )
    assert settings.status_code == 200, settings.content
    assert (settings.json()["funder"], settings.json()["project_reference"]) == (
        "Provincie Gelderland",
        "PG-2026-0412",
    )
    volunteers = editor.put(
        C.format(cid) + "/partners",
        {"partner": "Gemeente Groenedijk", "hours_valued": False},
        format="json",
    )
    assert volunteers.status_code == 200, volunteers.content
    city = next(p for p in volunteers.json() if p["name"] == "Gemeente Groenedijk")
    assert city["hours_valued"] is False
    editor.post(
        C.format(cid) + "/commitments",
        {
            "partner": "Gemeente Groenedijk",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "kind": "people",
            "quantity": 730,
            "unit": "hours",
        },
        format="json",
    )
    editor.post(
        C.format(cid) + "/contributions",
        [
            {
                "date": "2026-02-01",
                "partner": "Gemeente Groenedijk",
                "kind": "people",
                "quantity": 200,
                "unit": "hours",
            }
        ],
        format="json",
    )
    body = (
        api(people["viewer"])
        .get(C.format(cid) + "/report?start=2026-01-01&end=2026-12-31&up_to=2026-06-30")
        .json()
    )
    assert (body["up_to"], body["funder"], body["project_reference"]) == (
        "2026-06-30",
        "Provincie Gelderland",
        "PG-2026-0412",
    )
    city = next(p for p in body["partners"] if p["partner"] == "Gemeente Groenedijk")
    # 730 hours over 365 days: 362 due by 30 June; 200 realised, valued at nothing.
    assert (city["committed_hours"], city["realised_hours"]) == (362, 200)
    assert (city["realised_value_eur"], city["hours_valued"], city["shortfall"]) == (0, False, True)
    assert {"kind": "people", "committed_value_eur": 0, "realised_value_eur": 0} in body["by_kind"]

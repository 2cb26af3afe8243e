"""The ledger pages: roles, the table form with amounts typed the page's way, import refusals
listing every bad line, the organisation registry with erasure, the report page and downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from grenzeloos.ledger.models import ContactPerson, Contribution, Organisation

CSV_HEADER = "date,partner,kind,quantity,unit,description,evidence\n"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_ledger_page_by_role(people) -> None:
    url = reverse("ledger:ledger", args=[people["cid"]])
    assert client_for(people["stranger"]).get(url).status_code == 404
    viewer = client_for(people["viewer"]).get(url)
    assert viewer.status_code == 200
    assert "Gemeente Groenedijk" in viewer.content.decode()
    assert (
        client_for(people["viewer"])
        .post(reverse("ledger:take_over", args=[people["cid"]]))
        .status_code
        == 403
    )
    assert Client().get(url).status_code == 302  # sign in first


def test_table_form_reads_dutch_amounts_and_saves_all_rows(people) -> None:
    client = client_for(people["editor"])
    response = client.post(
        reverse("ledger:contributions_add", args=[people["cid"]]),
        {
            "date-0": "2026-03-02",
            "partner-0": "Gemeente Groenedijk",
            "kind-0": "people",
            "quantity-0": "1.250,5",
            "unit-0": "hours",
            "date-2": "2026-03-03",
            "partner-2": "Hogeschool Rijnland",
            "kind-2": "money",
            "quantity-2": "25.000",
            "unit-2": "EUR",
        },
    )
    assert response.status_code == 302
    assert sorted(Contribution.objects.values_list("quantity", flat=True)) == [
        Decimal("1250.50"),
        Decimal("25000.00"),
    ]


def test_table_form_refuses_all_rows_when_one_is_wrong(people) -> None:
    client = client_for(people["editor"])
    response = client.post(
        reverse("ledger:contributions_add", args=[people["cid"]]),
        {
            "date-0": "2026-03-02",
            "partner-0": "Gemeente Groenedijk",
            "kind-0": "people",
            "quantity-0": "8",
            "unit-0": "hours",
            "date-1": "2026-03-02",
            "partner-1": "Niemand bv",
            "kind-1": "people",
            "quantity-1": "8",
            "unit-1": "hours",
        },
    )
    assert response.status_code == 422
    assert "Rij 2, Partner: &#x27;Niemand bv&#x27; is geen partner van deze samenwerking" in (
        response.content.decode()
    )
    assert Contribution.objects.count() == 0


def _summary_and_rest(html: str) -> tuple[str, str]:
    """The error summary's markup, and the page after it (the summary must come first)."""
    start = html.index('<section class="utrecht-alert utrecht-alert--error gz-error-summary"')
    end = html.index("</section>", start)
    return html[start:end], html[end:]


def test_table_form_keeps_every_typed_row_and_links_each_wrong_cell(people) -> None:
    """One wrong row must not throw away what was typed: every row comes back as typed (the
    amount in the person's own notation), the summary at the top links to each wrong cell, and
    the cells carry their own message."""
    client = client_for(people["editor"])
    typed = {
        "date-0": "2026-03-02",
        "partner-0": "Gemeente Groenedijk",
        "kind-0": "people",
        "quantity-0": "1.250,5",
        "unit-0": "hours",
        "description-0": "overleg wijkteam",
        "date-1": "2026-03-03",
        "partner-1": "Niemand bv",
        "kind-1": "people",
        "quantity-1": "8",
        "unit-1": "hours",
        "date-4": "2026-03-04",
        "partner-4": "Hogeschool Rijnland",
        "kind-4": "money",
        "quantity-4": "50,000",
        "unit-4": "EUR",
        "evidence-4": "factuur 12",
    }
    response = client.post(reverse("ledger:contributions_add", args=[people["cid"]]), typed)
    assert response.status_code == 422
    assert Contribution.objects.count() == 0
    html = response.content.decode()
    summary, rest = _summary_and_rest(html)
    assert 'id="partners"' not in html[: html.index("gz-error-summary")]
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert 'href="#entry-partner-1"' in summary
    assert 'href="#entry-quantity-4"' in summary
    assert "Rij 5, Hoeveelheid: „50,000” is op twee manieren te lezen." in summary
    for name, value in typed.items():
        column, index = name.rsplit("-", 1)
        if column in ("kind", "unit"):
            assert f'<option value="{value}" selected>' in rest
        else:
            assert f'id="entry-{column}-{index}" value="{value}"' in rest
    assert 'id="entry-partner-1" value="Niemand bv" list="partner-names" ' in rest
    assert 'aria-invalid="true" aria-describedby="entry-partner-1-error"' in rest
    assert 'id="entry-partner-1-error">&#x27;Niemand bv&#x27; is geen partner' in rest
    assert 'aria-describedby="entry-quantity-0-error"' not in rest


def test_import_refusal_lists_every_bad_line(people) -> None:
    client = english(client_for(people["editor"]))
    content = (
        CSV_HEADER
        + "2026-01-01,Gemeente Groenedijk,people,8,hours,,\n"
        + "2026-13-01,Gemeente Groenedijk,people,8,hours,,\n"
        + "2026-01-02,Gemeente Groenedijk,people,acht,hours,,\n"
    ).encode()
    upload = io.BytesIO(content)
    upload.name = "uren.csv"
    response = client.post(reverse("ledger:import", args=[people["cid"]]), {"file": upload})
    assert response.status_code == 422
    text = response.content.decode()
    assert "line 3, date" in text
    assert "line 4, quantity" in text
    assert Contribution.objects.count() == 0
    # The list is the error summary at the top of the page (not below the table form), linked
    # to the file field, which says where to look.
    summary, rest = _summary_and_rest(text)
    assert 'id="partners"' not in text[: text.index("gz-error-summary")]
    assert "The file was refused; nothing was stored" in summary
    assert '<a class="utrecht-link" href="#id_file">line 3, date' in summary
    assert "the 2 problems are listed at the top of the page" in rest


def test_import_and_export_through_the_pages(people) -> None:
    client = client_for(people["editor"])
    upload = io.BytesIO(
        (CSV_HEADER + "2026-01-01,Hogeschool Rijnland,people,7.5,hours,les,L-1\n").encode()
    )
    upload.name = "uren.csv"
    assert (
        client.post(reverse("ledger:import", args=[people["cid"]]), {"file": upload}).status_code
        == 302
    )
    response = client_for(people["viewer"]).get(
        reverse("ledger:export", args=[people["cid"]]) + "?format=xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1:5] == ("Hogeschool Rijnland", "people", 7.5, "hours")


def test_report_page_and_downloads(people) -> None:
    client = client_for(people["editor"])
    client.post(
        reverse("ledger:take_over", args=[people["cid"]]),
        {"take-period_start": "2026-01-01", "take-period_end": "2026-12-31"},
    )
    url = reverse("ledger:report", args=[people["cid"]])
    page = english(client_for(people["viewer"])).get(url + "?start=2026-01-01&end=2026-12-31")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "Dakdekkersbedrijf Hoogendijk bv" in text
    assert "1 fte = 1,600 hours a year." in text
    bad = client_for(people["viewer"]).get(url + "?start=2026-13-01&end=2026-12-31")
    assert bad.status_code == 422
    download = client_for(people["viewer"]).get(
        reverse("ledger:report_download", args=[people["cid"], "csv"])
        + "?start=2026-01-01&end=2026-12-31"
    )
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert b"partner,organisation,sector" in download.content
    assert (
        client_for(people["viewer"])
        .get(reverse("ledger:report_download", args=[people["cid"], "exe"]) + "?start=x")
        .status_code
        == 400
    )


def test_organisation_pages_with_export_and_erasure(people) -> None:
    client = english(client_for(people["owner"]))
    response = client.post(
        reverse("organisations:organisations"),
        {
            "name": "Hoogendijk Dakwerken",
            "sector": "business",
            "kvk_number": "12345678",
            "staff": "120",
            "turnover_eur": "30,000,000",
            "balance_sheet_eur": "20,000,000",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.size_class == "medium"
    bad = client.post(
        reverse("organisations:organisations"),
        {"name": "X", "sector": "business", "kvk_number": "123"},
    )
    assert bad.status_code == 422
    assert "8 digits" in bad.content.decode()
    client.post(
        reverse("organisations:contact_add", args=[organisation.pk]),
        {"name": "Henk de Vries", "email": "henk@example.nl", "role": "uitvoerder"},
    )
    person = ContactPerson.objects.get()
    exported = client.post(reverse("organisations:contact_export", args=[person.pk]))
    assert exported.json()["person"]["email"] == "henk@example.nl"
    client.post(reverse("organisations:contact_erase", args=[person.pk]))
    page = client.get(
        reverse("organisations:organisation", args=[organisation.pk])
    ).content.decode()
    assert "Henk" not in page
    assert f"Contact person #{person.pk}: personal data erased" in page


@pytest.mark.parametrize("name", ["organisations"])
def test_anonymous_people_sign_in_first(db, name) -> None:
    assert Client().get(reverse(f"organisations:{name}")).status_code == 302


def test_the_canvas_page_links_to_the_ledger(people) -> None:
    page = client_for(people["viewer"]).get(reverse("canvas:detail", args=[people["cid"]]))
    assert reverse("ledger:ledger", args=[people["cid"]]) in page.content.decode()


# --- The agreed split as a form -------------------------------------------------------------


def _settings_post(people, shares: dict[str, str]) -> dict[str, str]:
    from grenzeloos.ledger import services

    names = [
        row.name
        for row in services.list_partners(user=people["editor"], collaboration_id=people["cid"])
    ]
    data = {"fte_hours": "1600", "hourly_rate": "", "split_tolerance": "5"}
    for number, name in enumerate(names):
        data[f"split-partner_{number}"] = shares.get(name, "")
    return data


def test_the_split_is_a_form_with_one_row_per_partner(people) -> None:
    from grenzeloos.ledger.models import Ledger

    client = client_for(people["editor"])
    page = client.get(reverse("ledger:ledger", args=[people["cid"]])).content.decode()
    assert 'name="target_split"' not in page
    assert 'name="split-partner_0"' in page and "Afgesproken verdeling" in page
    response = client.post(
        reverse("ledger:settings", args=[people["cid"]]),
        _settings_post(
            people,
            {
                "Gemeente Groenedijk": "50",
                "Hogeschool Rijnland": "33,5",
                "Dakdekkersbedrijf Hoogendijk bv": "16,5",
            },
        ),
    )
    assert response.status_code == 302
    split = Ledger.objects.get(collaboration_id=people["cid"]).target_split
    assert {group["label"]: group["share"] for group in split} == {
        "Gemeente Groenedijk": "50",
        "Hogeschool Rijnland": "33.5",
        "Dakdekkersbedrijf Hoogendijk bv": "16.5",
    }
    assert all(group["partners"] == [group["label"]] for group in split)
    page = client.get(reverse("ledger:ledger", args=[people["cid"]])).content.decode()
    assert 'value="33,5"' in page


def test_a_wrong_split_keeps_what_was_typed_and_says_so_at_the_field(people) -> None:
    from grenzeloos.ledger.models import Ledger

    client = client_for(people["editor"])
    url = reverse("ledger:settings", args=[people["cid"]])
    typed = _settings_post(
        people,
        {
            "Gemeente Groenedijk": "50",
            "Hogeschool Rijnland": "veel",
            "Dakdekkersbedrijf Hoogendijk bv": "20",
        },
    )
    response = client.post(url, typed)
    assert response.status_code == 422
    html = response.content.decode()
    field = next(name for name, value in typed.items() if value == "veel")
    summary, rest = _summary_and_rest(html)
    assert f'href="#id_{field}"' in summary
    assert "Hogeschool Rijnland: „veel” is geen bedrag." in summary
    assert f'id="id_{field}_error">„veel” is geen bedrag.' in rest
    assert f'id="id_{field}" value="veel" ' in rest
    assert "Expecting" not in html
    short = client.post(
        url,
        _settings_post(
            people,
            {
                "Gemeente Groenedijk": "50",
                "Hogeschool Rijnland": "20",
                "Dakdekkersbedrijf Hoogendijk bv": "20",
            },
        ),
    )
    assert short.status_code == 422
    assert 'id="split-error">De delen tellen op tot 90 %; samen moeten ze 100 % zijn.' in (
        short.content.decode()
    )
    assert (
        Ledger.objects.filter(collaboration_id=people["cid"]).exclude(target_split=[]).count() == 0
    )


def test_a_split_by_sector_from_the_api_keeps_its_groups_in_the_form(people) -> None:
    from grenzeloos.ledger import services
    from grenzeloos.ledger.models import Ledger

    services.configure(
        actor=people["owner"], collaboration_id=people["cid"], target_split=services.THIRDS_EXAMPLE
    )
    client = english(client_for(people["editor"]))
    page = client.get(reverse("ledger:ledger", args=[people["cid"]])).content.decode()
    assert "group: Business" in page
    assert 'name="split-group_1" id="id_split-group_1" value="33.34"' in page
    data = _settings_post(people, {})
    data.update({"split-group_0": "33.33", "split-group_1": "33.34", "split-group_2": "33.33"})
    assert client.post(reverse("ledger:settings", args=[people["cid"]]), data).status_code == 302
    assert (
        Ledger.objects.get(collaboration_id=people["cid"]).target_split == services.THIRDS_EXAMPLE
    )


# --- The progress report's content (issue 27) -------------------------------------------------


def test_report_header_fields_are_set_in_the_settings_and_the_report_runs_up_to_a_date(
    people,
) -> None:
    from grenzeloos.ledger import services
    from grenzeloos.ledger.models import Ledger

    client = english(client_for(people["editor"]))
    data = _settings_post(people, {})
    data.update({"funder": "Provincie Gelderland", "project_reference": "PG-2026-0412"})
    assert client.post(reverse("ledger:settings", args=[people["cid"]]), data).status_code == 302
    ledger = Ledger.objects.get(collaboration_id=people["cid"])
    assert (ledger.funder, ledger.project_reference) == ("Provincie Gelderland", "PG-2026-0412")
    services.add_commitment(
        actor=people["editor"],
        collaboration_id=people["cid"],
        partner_name="Gemeente Groenedijk",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        kind="money",
        quantity=Decimal(12000),
        unit="EUR",
    )
    url = reverse("ledger:report", args=[people["cid"]])
    page = client.get(url + "?start=2026-01-01&end=2026-12-31&up_to=2026-03-31")
    text = page.content.decode()
    assert page.status_code == 200
    for expected in ("Provincie Gelderland", "PG-2026-0412", "Issued on", "2026-03-31"):
        assert expected in text
    assert "up_to=2026-03-31" in text  # the downloads are drawn up to the same date
    download = client.get(
        reverse("ledger:report_download", args=[people["cid"], "csv"])
        + "?start=2026-01-01&end=2026-12-31&up_to=2026-03-31"
    )
    full = client.get(
        reverse("ledger:report_download", args=[people["cid"], "csv"])
        + "?start=2026-01-01&end=2026-12-31"
    )
    quarter = {
        row["partner"]: row for row in csv.DictReader(io.StringIO(download.content.decode()))
    }
    year = {row["partner"]: row for row in csv.DictReader(io.StringIO(full.content.decode()))}
    # 90 of 365 days of 12,000: 2,958.90 due by 31 March; the whole year's 12,000 beside it.
    assert quarter["Gemeente Groenedijk"]["committed_cash_eur"] == "2958.90"
    assert quarter["Gemeente Groenedijk"]["committed_period_value_eur"] == "12000"
    assert year["Gemeente Groenedijk"]["committed_cash_eur"] == "12000"
    outside = client.get(url + "?start=2026-01-01&end=2026-12-31&up_to=2027-01-31")
    assert outside.status_code == 422
    assert "Choose a date from the start to the end of the period." in outside.content.decode()


def test_a_partner_can_be_marked_as_volunteers_whose_hours_are_not_valued(people) -> None:
    from grenzeloos.ledger.models import Partner

    client = client_for(people["editor"])
    response = client.post(
        reverse("ledger:partner", args=[people["cid"]]),
        {
            "partner": "Gemeente Groenedijk",
            "organisation": "",
            "hourly_rate": "45",
            "volunteers": "on",
        },
    )
    assert response.status_code == 302
    partner = Partner.objects.get(collaboration_id=people["cid"], name="Gemeente Groenedijk")
    assert not partner.hours_valued
    page = client.get(reverse("ledger:ledger", args=[people["cid"]])).content.decode()
    assert "checked> <label" in page and "Vrijwilligers: uren niet gewaardeerd" in page


def test_an_import_without_a_file_says_so_at_the_top_and_at_the_field(people) -> None:
    response = english(client_for(people["editor"])).post(
        reverse("ledger:import", args=[people["cid"]]), {}
    )
    assert response.status_code == 422
    summary, rest = _summary_and_rest(response.content.decode())
    assert "Nothing was imported" in summary
    assert 'href="#id_file">Contributions file (CSV or XLSX): This field is required.' in summary
    assert "This field is required." in rest


def test_a_refused_commitment_keeps_what_was_typed_with_the_message_at_its_field(people) -> None:
    from grenzeloos.ledger.models import Commitment

    response = english(client_for(people["editor"])).post(
        reverse("ledger:commitment_add", args=[people["cid"]]),
        {
            "partner": "Gemeente Groenedijk",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "kind": "money",
            "quantity": "2.500",
            "unit": "hours",
            "description": "cofinanciering",
        },
    )
    assert response.status_code == 422
    assert not Commitment.objects.exists()
    summary, rest = _summary_and_rest(response.content.decode())
    assert "The commitment was not added" in summary
    assert 'href="#id_quantity">Quantity: “2.500” can be read in two ways.' in summary
    assert 'value="cofinanciering"' in rest and 'value="2.500"' in rest


def _partner_row(people, name: str) -> str:
    """The prefix of a partner's row in the partners table (its form's field names)."""
    from grenzeloos.ledger import services

    names = [
        row.name
        for row in services.list_partners(user=people["editor"], collaboration_id=people["cid"])
    ]
    return f"p{names.index(name)}"


@pytest.mark.parametrize("posted_prefix", [True, False])
def test_a_refused_partner_keeps_what_was_typed_with_the_message_at_its_field(
    people, posted_prefix
) -> None:
    """The partner form flashed its error above the page and showed the stored values again;
    now the summary at the top links to the field in the partner's row, which keeps what was
    typed and says what is wrong (also when posted without the row's prefix, as a script
    would)."""
    from grenzeloos.ledger.models import Partner

    row = _partner_row(people, "Gemeente Groenedijk")
    prefix = f"{row}-" if posted_prefix else ""
    response = english(client_for(people["editor"])).post(
        reverse("ledger:partner", args=[people["cid"]]),
        {
            "prefix": row if posted_prefix else "",
            f"{prefix}partner": "Gemeente Groenedijk",
            f"{prefix}organisation": "999999",
            f"{prefix}hourly_rate": "2.500",
            f"{prefix}volunteers": "on",
        },
    )
    assert response.status_code == 422
    assert not Partner.objects.filter(
        collaboration_id=people["cid"], name="Gemeente Groenedijk", hours_valued=False
    ).exists()
    summary, rest = _summary_and_rest(response.content.decode())
    assert "Partner Gemeente Groenedijk was not saved" in summary
    assert f'href="#id_{row}-hourly_rate">Hourly rate (EUR): “2.500” can be read in two ways.' in (
        summary
    )
    assert f'href="#id_{row}-organisation">Organisation: Select a valid choice.' in summary
    assert f'id="id_{row}-hourly_rate-error">“2.500” can be read in two ways.' in rest
    assert f'id="id_{row}-organisation-error">Select a valid choice.' in rest
    assert 'value="2.500" aria-invalid="true"' in rest
    assert f'aria-describedby="id_{row}-hourly_rate-error"' in rest
    assert f'aria-describedby="id_{row}-organisation-error"' in rest
    assert f'id="id_{row}-volunteers" name="{row}-volunteers" checked' in rest


def test_a_refused_take_over_keeps_the_dates_with_the_message_at_its_field(people) -> None:
    """The take-over flashed "give the period as two dates" and emptied the dates; now the
    summary at the top links to the wrong date, which keeps what was typed and says why, and
    the service's refusal (an end before the start) shows at its field too."""
    from grenzeloos.ledger.models import Commitment

    client = english(client_for(people["editor"]))
    url = reverse("ledger:take_over", args=[people["cid"]])
    response = client.post(url, {"take-period_start": "2026-02-30", "take-period_end": ""})
    assert response.status_code == 422
    summary, rest = _summary_and_rest(response.content.decode())
    assert "The commitments were not taken over" in summary
    assert 'href="#id_take-period_start">From: Enter a valid date.' in summary
    assert 'href="#id_take-period_end">To: This field is required.' in summary
    assert 'value="2026-02-30"' in rest and "Enter a valid date." in rest
    backwards = client.post(
        url, {"take-period_start": "2026-12-31", "take-period_end": "2026-01-01"}
    )
    assert backwards.status_code == 422
    summary, rest = _summary_and_rest(backwards.content.decode())
    assert 'href="#id_take-period_end">To: the period ends before it starts' in summary
    assert 'value="2026-12-31"' in rest and 'value="2026-01-01"' in rest
    assert not Commitment.objects.exists()

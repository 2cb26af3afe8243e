"""Decisions and pulse results as files for minutes and annual reports (CSV, PDF, ODT, read
back) on the web, the API and the CLI; the pulse's trend chart is accessible, shows the same
figures as the table beside it, and nothing of a period below five answers."""

from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from odf import teletype
from odf.opendocument import load
from odf.text import H, P

from grenzeloos.cli import main
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.governance import pulse, services
from tests.accounts.factories import UserFactory

KEYS = tuple(pulse.STATEMENTS)
SVG = "{http://www.w3.org/2000/svg}"


def _text(fmt: str, content: bytes) -> str:
    """The words of a PDF or ODT file, without whitespace (PDF extraction breaks lines)."""
    if fmt == "pdf":
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    else:
        document = load(io.BytesIO(content))
        parts = [teletype.extractText(e) for e in document.getElementsByType(P)]
        parts += [teletype.extractText(e) for e in document.getElementsByType(H)]
        text = "\n".join(parts)
    return "".join(text.split())


def _squash(text: str) -> str:
    return "".join(text.split())


def _client(user, language: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def _cli(*args) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def decided(people, capsys) -> int:
    """A steering group that adopted canvas revision 1 (from the CLI); the collaboration id."""
    cid = people["collaboration"].pk
    assert (
        _cli("governance", "body", "Stuurgroep", "--collaboration", cid, "--kind", "steering_group")
        == 0
    )
    body = int(capsys.readouterr().out)
    assert _cli("governance", "seat", body, "Eddy", "--user", "eddy") == 0
    assert _cli("governance", "decide", body, "Canvas vaststellen", "--adopt-revision", 1) == 0
    decision = int(capsys.readouterr().out.split()[-1])
    assert _cli("governance", "vote", decision, "for", "--as", "eddy") == 0
    assert _cli("governance", "close", decision, "--reasoning", "Iedereen akkoord.") == 0
    capsys.readouterr()
    return cid


@pytest.mark.parametrize("fmt", ["pdf", "odt"])
def test_the_decisions_as_pdf_and_odt_on_the_web_and_the_api(people, decided, fmt):
    page = _client(people["viewer"]).get(reverse("governance:governance", args=[decided]))
    url = reverse("governance:decisions_export", args=[decided])
    assert f'href="{url}?format={fmt}"' in page.content.decode()
    response = _client(people["viewer"]).get(url, {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="decisions-{decided}.{fmt}"'
    text = _text(fmt, response.content)
    for words in (
        "Decisions",
        "Canvas vaststellen",
        "Stuurgroep",
        "adopted",
        "Reasoning: Iedereen akkoord.",
        "1 for, 0 against, 0 abstained; 1 took part, 1 needed for the quorum",
    ):
        assert _squash(words) in text
    api = _client(people["viewer"]).get(
        f"/api/v1/collaborations/{decided}/governance/decisions.{fmt}", {"language": "nl"}
    )
    assert api.status_code == 200
    dutch = _text(fmt, api.content)
    assert _squash("Besluiten") in dutch and _squash("Redenering: Iedereen akkoord.") in dutch


def test_the_decision_files_refuse_an_unknown_format_and_strangers(people, decided):
    url = reverse("governance:decisions_export", args=[decided])
    assert _client(people["viewer"]).get(url, {"format": "docx"}).status_code == 404
    assert _client(people["stranger"]).get(url, {"format": "pdf"}).status_code == 404
    api = f"/api/v1/collaborations/{decided}/governance/decisions"
    assert _client(people["viewer"]).get(f"{api}.docx").status_code == 400
    assert _client(people["viewer"]).get(f"{api}.pdf", {"language": "de"}).status_code == 400
    assert _client(people["stranger"]).get(f"{api}.pdf").status_code == 404
    csv_rows = _client(people["viewer"]).get(url).content.decode().splitlines()
    assert csv_rows[1].split(",")[:8] == [
        "Stuurgroep",
        "Canvas vaststellen",
        "canvas_revision",
        "1",
        "",
        "consent",
        "closed",
        "adopted",
    ]


def test_the_decisions_from_the_command_line(people, decided, tmp_path, capsys):
    target = tmp_path / "besluiten.odt"
    code = _cli(
        "governance", "export", "decisions", "--collaboration", decided, "--format", "odt",
        "-o", target,
    )  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out == f"decisions written to {target}\n"
    assert _squash("Canvas vaststellen") in _text("odt", target.read_bytes())
    assert _squash("Uitkomst: aangenomen") in _text("odt", target.read_bytes())


@pytest.fixture
def answered(people) -> int:
    """2026-Q3: five answers (two sectors, neither at five); 2026-Q4: four answers."""
    cid = people["collaboration"].pk
    for n in range(9):
        user = UserFactory(username=f"lid{n}")
        Membership.objects.create(
            collaboration=people["collaboration"], user=user, role=Role.VIEWER
        )
        services.answer_pulse(
            actor=user,
            collaboration_id=cid,
            period="2026-Q3" if n < 5 else "2026-Q4",
            sector="citizens" if n % 2 else "government",
            scores={key: 1 + (n + index) % 5 for index, key in enumerate(KEYS)},
        )
    return cid


def _chart_figures(page: str) -> dict[tuple[str, str], str]:
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    root = ElementTree.fromstring(svg.group(0))  # noqa: S314 - our own page
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "pulse-chart-title pulse-chart-desc"
    assert root.find(f"{SVG}title").get("id") == "pulse-chart-title"
    assert root.find(f"{SVG}desc").text.startswith("Bar chart of the mean score per statement")
    return {
        (text.get("data-statement"), text.get("data-period")): text.text
        for text in root.iter(f"{SVG}text")
        if text.get("data-period")
    }


def test_the_trend_chart_shows_the_figures_of_the_table(people, answered):
    page = _client(people["viewer"]).get(reverse("governance:pulse", args=[answered]))
    html = page.content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<script" not in svg and "href" not in svg
    figures = _chart_figures(html)
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    cells = re.findall(r'<td class="utrecht-table__cell" data-label="([^"]+)">([^<]*)', table)
    periods = ("2026-Q3", "2026-Q4")
    expected = [(period, figures[(key, period)]) for key in KEYS for period in periods]
    assert [(label, value.strip()) for label, value in cells] == expected
    q3 = [1 + (n + index) % 5 for n in range(5) for index in range(len(KEYS))]
    assert figures[(KEYS[0], "2026-Q3")] == f"{sum(q3[:: len(KEYS)]) / 5:.1f}" == "3.0"
    # Four answers in 2026-Q4: no bar and no figure, in the chart as in the table.
    assert {figures[(key, "2026-Q4")] for key in KEYS} == {"fewer than 5 answers"}
    assert svg.count("<rect") == len(KEYS)
    assert _squash("Download the results for minutes and annual reports") in _squash(html)


def test_the_pulse_has_no_chart_before_anyone_answered(people):
    page = _client(people["viewer"]).get(
        reverse("governance:pulse", args=[people["collaboration"].pk])
    )
    assert "<svg" not in page.content.decode()


@pytest.mark.parametrize("fmt", ["pdf", "odt"])
def test_the_pulse_as_pdf_and_odt_holds_only_what_may_be_shown(people, answered, fmt):
    url = reverse("governance:pulse_export", args=[answered])
    response = _client(people["viewer"]).get(url, {"format": fmt})
    assert response.status_code == 200
    text = _text(fmt, response.content)
    assert _squash("Health pulse") in text and _squash("fewer than 5 answers") in text
    assert _squash("We work towards a goal we share.") in text
    assert "3.0" in text
    assert _squash("Per sector") not in text  # neither sector reached five answers
    if fmt == "pdf":  # the chart is drawn, its words with it: once in the chart, once in the table
        assert text.count(_squash("fewer than 5 answers")) == 2 * len(KEYS)
    api = _client(people["viewer"]).get(
        f"/api/v1/collaborations/{answered}/governance/pulse.{fmt}", {"language": "nl"}
    )
    assert api.status_code == 200
    assert _squash("Gezondheidspeiling") in _text(fmt, api.content)


def test_the_pulse_as_csv_has_no_row_below_five(people, answered, tmp_path, capsys):
    target = tmp_path / "pulse.csv"
    code = _cli(
        "governance", "export", "pulse", "--collaboration", answered, "--format", "csv",
        "-o", target,
    )  # fmt: skip
    assert code == 0
    rows = list(csv.reader(io.StringIO(target.read_text())))
    assert rows[0] == ["period", "group", "respondents", *KEYS]
    assert [row[:3] for row in rows[1:]] == [["2026-Q3", "all", "5"]]
    web = _client(people["viewer"]).get(reverse("governance:pulse_export", args=[answered]))
    assert list(csv.reader(io.StringIO(web.content.decode()))) == rows

"""Who may submit to a challenge (the contact persons of a registry organisation), the files
that come with a submission (bounded in size, typed by their content, read only by those who
may read the submission) and the decision as a file (PDF, ODT, CSV), read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from odf import teletype
from odf.opendocument import load
from odf.table import TableCell
from odf.text import P

from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.core.errors import PermissionDenied
from grenzeloos.processes import challenges
from grenzeloos.processes.models import Attachment, Submission
from tests.accounts.factories import UserFactory
from tests.processes.test_challenges import speaks_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _as(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.CHALLENGE_ATTACHMENT_MAX_BYTES = 1024
    return settings.MEDIA_ROOT


@pytest.fixture
def call(people):
    """Olga's challenge; Eddy and Ada assess; Vera (for Bakwacht bv) and Ada's colleague
    Bram (for Afvalradar bv, a viewer too) submit."""
    collaboration = people["collaboration"]
    ada, bram = UserFactory(username="ada"), UserFactory(username="bram")
    for person in (ada, bram):
        Membership.objects.create(collaboration=collaboration, user=person, role=Role.VIEWER)
    challenge = challenges.create_challenge(
        actor=people["owner"],
        collaboration_id=collaboration.pk,
        title="Volle afvalbakken",
        theme="Schone stad",
        problem="Bakken raken vol voor de ronde.",
        budget=Decimal("25000"),
        deadline=dt.date(2099, 1, 1),
        owner_role="Probleemeigenaar",
        owner_hours=Decimal("80"),
        reserved_budget=Decimal("25000"),
    )
    for person in (people["editor"], ada):
        challenges.add_assessor(actor=people["owner"], challenge_id=challenge.pk, user=person)
    mine = challenges.submit(
        actor=people["viewer"],
        challenge_id=challenge.pk,
        organisation_id=speaks_for(people["viewer"], "Bakwacht bv").pk,
        title="Bakwacht",
        summary="Een sensor in elke bak.",
    )
    theirs = challenges.submit(
        actor=bram,
        challenge_id=challenge.pk,
        organisation_id=speaks_for(bram, "Afvalradar bv").pk,
        title="Afvalradar",
        summary="Camera's op de wagen.",
    )
    return {"challenge": challenge, "ada": ada, "bram": bram, "mine": mine, "theirs": theirs}


# --- Who may submit -----------------------------------------------------------------------


def test_only_a_contact_person_submits_for_an_organisation(people, call):
    other = speaks_for(call["bram"], "Andermans bv")
    with pytest.raises(PermissionDenied, match="only the contact persons of Andermans bv"):
        challenges.submit(
            actor=people["viewer"],
            challenge_id=call["challenge"].pk,
            organisation_id=other.pk,
            title="Geleend",
            summary="Namens een ander.",
        )
    pk = people["collaboration"].pk
    page = _as(people["viewer"]).post(
        reverse("processes:challenge", args=[pk, call["challenge"].pk]),
        {"action": "submit", "organisation": other.pk, "title": "Geleend", "summary": "Zo"},
    )
    assert page.status_code == 422
    assert "only the contact persons of Andermans bv with an account" in page.content.decode()
    api = _as(people["viewer"]).post(
        f"/api/v1/collaborations/{pk}/challenges/{call['challenge'].pk}/submissions",
        {"organisation": other.pk, "title": "Geleend", "summary": "Zo"},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert Submission.objects.filter(title="Geleend").count() == 0


def test_the_submission_form_offers_only_ones_own_organisations(people, call):
    pk = people["collaboration"].pk
    url = reverse("processes:challenge", args=[pk, call["challenge"].pk])
    page = _as(people["viewer"]).get(url).content.decode()
    assert "Bakwacht bv</option>" in page and "Afvalradar bv</option>" not in page
    nobody = _as(people["editor"]).get(url).content.decode()
    assert 'name="organisation"' not in nobody and "You are no contact person" in nobody


def test_a_submission_through_the_api_is_sent_for_the_organisation(people, call):
    pk = people["collaboration"].pk
    mine = speaks_for(people["viewer"], "Derde bv")
    answer = _as(people["viewer"]).post(
        f"/api/v1/collaborations/{pk}/challenges/{call['challenge'].pk}/submissions",
        {"organisation": mine.pk, "title": "Derde idee", "summary": "Zo"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert (answer.json()["organisation"], answer.json()["organisation_id"]) == (
        "Derde bv",
        mine.pk,
    )


# --- Attachments --------------------------------------------------------------------------


def test_a_renamed_program_is_refused_whatever_its_name_and_claimed_type(people, call, files):
    pk = people["collaboration"].pk
    url = reverse("processes:challenge", args=[pk, call["challenge"].pk])
    upload = SimpleUploadedFile("offerte.pdf", EXE, content_type="application/pdf")
    page = _as(people["viewer"]).post(
        url, {"action": "attach", "submission": call["mine"].pk, "file": upload}
    )
    assert page.status_code == 422
    assert "only PDF, ODT, DOCX, PNG and JPEG files are accepted" in page.content.decode()
    assert Attachment.objects.count() == 0


def test_a_file_over_the_limit_is_refused_naming_the_limit(people, call, files, settings):
    settings.CHALLENGE_ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    pk = people["collaboration"].pk
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (2 * 1024 * 1024), "application/pdf")
    answer = _as(people["viewer"]).post(
        f"/api/v1/collaborations/{pk}/challenge-submissions/{call['mine'].pk}/attachments",
        {"file": big},
    )
    assert answer.status_code == 400
    assert answer.json()["invalid_params"] == [
        {"name": "file", "reason": "the file is larger than the limit of 2 MB"}
    ]
    assert Attachment.objects.count() == 0


def test_only_who_sent_the_submission_adds_files(people, call, files):
    with pytest.raises(PermissionDenied, match="only who sent the submission"):
        challenges.attach(
            actor=call["bram"], submission_id=call["mine"].pk, name="x.pdf", content=io.BytesIO(PDF)
        )


def test_a_file_is_read_by_owner_assessors_and_its_sender_never_other_submitters(
    people, call, files
):
    pk = people["collaboration"].pk
    uploaded = _as(people["viewer"]).post(
        f"/api/v1/collaborations/{pk}/challenge-submissions/{call['mine'].pk}/attachments",
        {"file": SimpleUploadedFile("schets.png", PNG, content_type="text/plain")},
    )
    assert uploaded.status_code == 201
    assert (uploaded.json()["kind"], uploaded.json()["size"]) == ("png", len(PNG))
    attachment = Attachment.objects.get()
    assert attachment.file.read() == PNG
    # Ada declares a conflict with Bakwacht: she no longer reads its files.
    challenges.declare_interest(actor=call["ada"], submission_id=call["mine"].pk, reason="Zus")
    web = reverse("processes:challenge_attachment", args=[pk, call["challenge"].pk, attachment.pk])
    api = f"/api/v1/collaborations/{pk}/challenge-attachments/{attachment.pk}"
    listing = f"/api/v1/collaborations/{pk}/challenge-submissions/{call['mine'].pk}/attachments"
    expected = {"owner": 200, "editor": 200, "viewer": 200, "ada": 404, "bram": 404, "sam": 404}
    who = {**people, "ada": call["ada"], "bram": call["bram"], "sam": people["stranger"]}
    answers = {}
    for name in expected:
        client = _as(who[name])
        answers[name] = (
            client.get(web).status_code,
            client.get(api).status_code,
            client.get(listing).status_code,
        )
    assert answers == {name: (status,) * 3 for name, status in expected.items()}
    download = _as(people["owner"]).get(web)
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"] == 'attachment; filename="schets.png"'
    assert download.content == PNG
    page = _as(call["bram"]).get(reverse("processes:challenge", args=[pk, call["challenge"].pk]))
    assert "schets.png" not in page.content.decode()


# --- The decision as a file ---------------------------------------------------------------


def _decided(people, call):
    challenge = call["challenge"]
    for person in (people["editor"], call["ada"]):
        for submission, value in ((call["mine"], 4), (call["theirs"], 3)):
            challenges.score(
                actor=person,
                submission_id=submission.pk,
                scores={"innovation": value, "value": value, "scalability": value},
            )
    challenges.invite_best(actor=people["owner"], challenge_id=challenge.pk)
    challenges.propose(
        actor=people["viewer"],
        submission_id=call["mine"].pk,
        specification="Veertig sensoren en een kaart voor de reiniging.",
        amount=Decimal("24000"),
    )
    challenges.choose_winner(
        actor=people["owner"],
        challenge_id=challenge.pk,
        submission_id=call["mine"].pk,
        reason="Best beoordeeld en binnen budget.",
    )
    return challenge


def test_the_decision_reads_back_from_pdf_odt_and_csv(people, call):
    challenge = _decided(people, call)
    pk = people["collaboration"].pk
    client = _as(people["viewer"])

    def get(fmt):
        answer = client.get(reverse("processes:challenge_export", args=[pk, challenge.pk, fmt]))
        assert answer.status_code == 200, fmt
        return answer.content

    document = pdfium.PdfDocument(get("pdf"))
    pdf = " ".join(
        " ".join(document[n].get_textpage().get_text_range().split()) for n in range(len(document))
    )
    for text in (
        "Final proposals",
        "Veertig sensoren en een kaart voor de reiniging.",
        "Best beoordeeld en binnen budget.",
        "Bakwacht (Bakwacht bv)",
    ):
        assert text in pdf, text
    odt = load(io.BytesIO(get("odt")))
    odt_text = " ".join(
        teletype.extractText(e) for kind in (P, TableCell) for e in odt.getElementsByType(kind)
    )
    assert "Veertig sensoren en een kaart voor de reiniging." in odt_text
    assert "Best beoordeeld en binnen budget." in odt_text
    rows = list(csv.DictReader(io.StringIO(get("csv").decode())))
    assert [
        (r["rank"], r["submission"], r["invited_to_pitch"], r["proposal_amount"], r["winner"])
        for r in rows
    ] == [("1", "Bakwacht", "yes", "24000.00", "yes"), ("2", "Afvalradar", "yes", "", "no")]
    assert rows[0]["reason"] == "Best beoordeeld en binnen budget."


def test_files_are_added_and_listed_on_the_command_line(people, call, files, tmp_path, capsys):
    from grenzeloos.cli import main

    drawing = tmp_path / "schets.png"
    drawing.write_bytes(PNG)
    mine = str(call["mine"].pk)
    assert main(["challenge", "attach", mine, str(drawing), "--as", "vera", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert (added["name"], added["kind"], added["size"]) == ("schets.png", "png", len(PNG))
    assert Attachment.objects.get(pk=added["id"]).submission_id == call["mine"].pk

    # Another submitter neither adds to nor reads Vera's submission.
    assert main(["challenge", "attach", mine, str(drawing), "--as", "bram"]) == 1
    assert "only who sent the submission may add files to it" in capsys.readouterr().err
    assert main(["challenge", "files", mine, "--as", "bram"]) == 1
    assert f"submission {mine} not found" in capsys.readouterr().err

    assert main(["challenge", "files", mine, "--as", "olga", "--json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == [added["id"]]

    program = tmp_path / "schets.pdf"
    program.write_bytes(EXE)
    assert main(["challenge", "attach", mine, str(program), "--as", "vera"]) == 1
    assert "only PDF, ODT, DOCX, PNG and JPEG files are accepted" in capsys.readouterr().err
    assert Attachment.objects.filter(submission=call["mine"]).count() == 1


def test_an_upload_without_the_file_field_is_refused_naming_it(people, call, files):
    pk = people["collaboration"].pk
    answer = _as(people["viewer"]).post(
        f"/api/v1/collaborations/{pk}/challenge-submissions/{call['mine'].pk}/attachments",
        {"bestand": "schets.pdf"},
        headers={"accept-language": "en"},
    )
    assert (answer.status_code, answer.json()) == (
        400,
        {
            "type": "about:blank",
            "title": "Invalid input",
            "status": 400,
            "detail": "file: send the file in the field “file”",
            "invalid_params": [{"name": "file", "reason": "send the file in the field “file”"}],
        },
    )
    assert Attachment.objects.count() == 0

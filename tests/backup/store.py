"""A store to back up, and everything its exports say, for the backup tests.

Run in a process of its own against the store its environment names (``GRENZELOOS_DATA_DIR``
or ``DATABASE_URL``)::

    python -m tests.backup.store seed          # accounts, canvases, legal, ledger, cases, ...
    python -m tests.backup.store exports FILE  # every export of every collaboration, as JSON

The exports are what the CLI writes (canvas JSON and Markdown of every revision, history,
members, invitations, partners, commitments, the progress report, the legal motivation of
every stored assessment, the case library, API tokens, the audit trail) so a restore that loses
or changes anything shows as a difference.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def seed(count: int = 3) -> None:
    """Some of everything: accounts with profiles and tokens, collaborations with members,
    invitations and several revisions, signed-off and draft legal assessments, a ledger with
    organisations, contact persons, commitments and contributions, a team's own case."""
    import datetime as dt
    from decimal import Decimal

    from django.conf import settings
    from django.contrib.auth.models import Group, Permission

    from grenzeloos.accounts import services as accounts
    from grenzeloos.canvas import services as canvas
    from grenzeloos.canvas.models import Canvas
    from grenzeloos.cases import services as cases
    from grenzeloos.collaborations import services as collaborations
    from grenzeloos.collaborations.models import Role
    from grenzeloos.governance import services as governance
    from grenzeloos.ledger.models import Kind, Unit
    from grenzeloos.organisations.models import ContactPerson, Organisation
    from grenzeloos.processes import challenges
    from grenzeloos.processes import services as processes
    from tests.accounts.factories import UserFactory
    from tests.canvas.factories import load_fixture
    from tests.cases.conftest import team_case
    from tests.collaborations.factories import add_members
    from tests.ledger.factories import (
        CommitmentFactory,
        ContactPersonFactory,
        ContributionFactory,
        OrganisationFactory,
        PartnerFactory,
    )
    from tests.legal.factories import AssessmentFactory

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    operator = accounts.cli_actor()
    olga = UserFactory(username="olga", first_name="Olga", last_name="Ëlders", email="o@x.nl")
    eddy = UserFactory(username="eddy", email="eddy@example.org")
    vera = UserFactory(username="vera")
    reviewers = Group.objects.create(name="reviewers")
    reviewers.permissions.add(Permission.objects.get(codename="view_auditevent"))
    vera.groups.add(reviewers)
    vera.user_permissions.add(Permission.objects.get(codename="view_revision"))
    accounts.create_token(actor=olga, name="Rapportage")
    accounts.create_token(actor=eddy, name="Koppeling €")
    cases.import_library(actor=None)
    cases.create_case(actor=olga, document=team_case())
    for index in range(count):
        fixture = "canvas-rich.json" if index % 2 == 0 else "canvas-minimal.json"
        collaboration = canvas.create_collaboration(
            actor=olga, document=load_fixture(fixture), message=f"start {index}"
        )
        add_members(collaboration, Role.EDITOR, [eddy])
        add_members(collaboration, Role.VIEWER, [vera])
        for step in range(3):
            collaboration.refresh_from_db()
            head = Canvas.objects.get(pk=collaboration.pk).head_number
            canvas.update_fields(
                actor=eddy if step % 2 else olga,
                collaboration=collaboration,
                changes={"dream": f"Droom {index}.{step}: één café’s € — \u00e9"},
                base_revision=head,
            )
        collaborations.invite(
            actor=olga, collaboration=collaboration, email=f"gast{index}@example.org", role="viewer"
        )
        AssessmentFactory(collaboration=collaboration, author=olga, signed_off_by=eddy)
        AssessmentFactory(collaboration=collaboration, author=eddy)
        organisation = OrganisationFactory(created_by=olga)
        ContactPersonFactory(organisation=organisation)
        partner = PartnerFactory(collaboration=collaboration, organisation=organisation)
        CommitmentFactory(partner=partner, quantity=Decimal("240.00"))
        CommitmentFactory(
            partner=partner, kind=Kind.MONEY, quantity=Decimal("1234.56"), unit=Unit.EUR
        )
        ContributionFactory.create_batch(4, partner=partner, date=dt.date(2026, 3, 2))
        body = governance.create_body(
            actor=olga, collaboration_id=collaboration.pk, name="Stuurgroep", kind="steering_group"
        )
        for person, weight in ((olga, 2), (eddy, 1)):
            governance.add_seat(
                actor=olga, body_id=body.pk, name=person.username, user=person, weight=weight
            )
        decision = governance.propose(
            actor=olga,
            body_id=body.pk,
            title=f"Begroting {index}",
            method="majority",
            weighted=True,
        )
        governance.vote(actor=eddy, decision_id=decision.pk, choice="against")
        governance.vote(actor=olga, decision_id=decision.pk, choice="for")
        governance.close(actor=olga, decision_id=decision.pk, reasoning="Aangenomen, 2 tegen 1.")
        seed_workshop(collaboration, index, olga=olga, vera=vera)
        adopt = governance.propose(
            actor=olga,
            body_id=body.pk,
            title="Canvas vaststellen",
            subject="canvas_revision",
            revision=1,
        )
        governance.vote(actor=eddy, decision_id=adopt.pk, choice="for")
        governance.close(actor=olga, decision_id=adopt.pk)
        question = governance.add_comment(
            actor=eddy,
            collaboration_id=collaboration.pk,
            box="financing",
            text="Wie betaalt de proeftuin, @olga?",
            question=True,
        )
        governance.add_comment(
            actor=olga, collaboration_id=collaboration.pk, parent_id=question.pk, text="De €."
        )
        governance.answer_pulse(
            actor=eddy,
            collaboration_id=collaboration.pk,
            period="2026-Q4",
            sector="business",
            scores=dict.fromkeys(
                (
                    "shared_goal",
                    "energy",
                    "open_interests",
                    "equal_voice",
                    "community",
                    "commitment",
                ),
                4,
            ),
        )
        seed_meeting_place(index, olga, eddy)
        process = processes.copy_template(
            actor=olga, collaboration_id=collaboration.pk, template_key="innovation-model-theme"
        )
        item = processes.add_item(
            actor=eddy,
            process_id=process.pk,
            name=f"Slimme stad {index}",
            linked_collaboration_id=collaboration.pk,
        )
        processes.move_item(
            actor=eddy,
            item_id=item.pk,
            to_stage="round_table",
            reason="Studie af.",
            revision=1,
            criteria={"study_done": "Gepubliceerd.", "problem_owner": "De gemeente."},
        )
        processes.close_item(
            actor=olga,
            item_id=item.pk,
            outcome="stopped",
            reason="Niemand liep mee.",
            lessons="Eerst de probleemeigenaar.",
            revision=2,
        )
        challenge = challenges.create_challenge(
            actor=olga,
            collaboration_id=collaboration.pk,
            title=f"Volle afvalbakken {index}",
            theme="Schone stad",
            problem="Bakken raken vol voor de ronde.",
            budget=Decimal("25000"),
            deadline=dt.date(2099, 1, 1),
            owner_role="Probleemeigenaar",
            owner_hours=Decimal("80"),
            reserved_budget=Decimal("25000"),
        )
        challenges.add_assessor(actor=olga, challenge_id=challenge.pk, user=eddy)
        start_up = Organisation.objects.create(
            name=f"Start bv {index}", sector="business", size_class="small"
        )
        ContactPerson.objects.create(
            organisation=start_up, name="Eddy", email=f"eddy{index}@example.org", user=eddy
        )
        submission = challenges.submit(
            actor=eddy,
            challenge_id=challenge.pk,
            organisation_id=start_up.pk,
            title="Idee",
            summary="Sensoren.",
        )
        challenges.attach(
            actor=eddy,
            submission_id=submission.pk,
            name=f"schets {index}.png",
            content=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes([index]) * 64),
        )
        challenges.score(
            actor=eddy,
            submission_id=submission.pk,
            scores={"innovation": 4, "value": 3, "scalability": 5},
        )
    assert operator.pk


def seed_workshop(collaboration: Any, index: int, *, olga: Any, vera: Any) -> None:
    """A workshop with a guest and a member, clustered and dotted notes and an adoption."""
    from grenzeloos.canvas.models import Canvas
    from grenzeloos.workshop import services as workshops

    made = workshops.create_workshop(
        actor=olga,
        collaboration_id=collaboration.pk,
        title=f"Startsessie {index}",
        steps=[
            workshops.StepInput(box="pitch", minutes=5),
            workshops.StepInput(question="Wie mist er nog?"),
        ],
        dots=2,
    )
    made = workshops.start(actor=olga, workshop_id=made.pk)
    guest = workshops.join_as_guest(code=made.guest_code, display_name="Gäst €")
    member = workshops.join(actor=vera, workshop_id=made.pk)
    note, _ = workshops.add_note(participant=guest, key=f"s{index}-1", text="Één haven’s lucht")
    workshops.add_note(participant=member, key=f"s{index}-2", text="Schone lucht")
    workshops.place_dot(participant=member, note_id=note.pk)
    cluster = workshops.add_cluster(actor=olga, workshop_id=made.pk, name="Haven")
    workshops.cluster_note(actor=olga, note_id=note.pk, cluster_id=cluster.pk)
    workshops.adopt(
        actor=olga,
        workshop_id=made.pk,
        step_id=made.steps.get(box="pitch").pk,
        text="Samen naar een schone haven.",
        base_revision=Canvas.objects.get(pk=collaboration.pk).head_number,
    )
    if index % 2:
        workshops.close(actor=olga, workshop_id=made.pk)


def seed_meeting_place(index: int, owner: Any, partner: Any) -> None:
    """A statement shared only with one organisation, its answer and both sides' comparison."""
    from grenzeloos.meetingplace import services as meet
    from tests.organisations.factories import ContactPersonFactory, OrganisationFactory

    mine = OrganisationFactory(name=f"Gemeente Één {index}", sector="government")
    theirs = OrganisationFactory(name=f"Coöperatie {index}", sector="civil_society")
    ContactPersonFactory(organisation=mine, user=owner)
    ContactPersonFactory(organisation=theirs, user=partner)
    statement = meet.publish(
        actor=owner,
        organisation=mine,
        data=meet.StatementData(
            title=f"Energiearmoede in de wijk {index}",
            hurts="Huishoudens betalen hun energierekening niet — ‘één’ café",
            themes="energiearmoede, coöperatie",
            seeking=["knowledge_partner"],
            interests=["societal"],
            visibility="invited",
            invited=[theirs.pk],
        ),
    )
    answer = meet.answer(
        actor=partner, statement=statement, organisation=theirs, kind="shared", framing="Ook hier"
    )
    for person in (owner, partner):
        meet.compare(
            actor=person,
            answer=answer,
            same_people="yes",
            same_cause="partly",
            same_goal="yes",
            will_invest=True,
        )


def exports() -> dict[str, Any]:
    """Everything the CLI shows of the store, keyed by what was asked."""
    from django.contrib.auth import get_user_model

    from grenzeloos.audit.models import AuditEvent
    from grenzeloos.canvas.models import Revision
    from grenzeloos.cli import main
    from grenzeloos.collaborations.models import Collaboration
    from grenzeloos.documents import render
    from grenzeloos.legal import services as legal
    from grenzeloos.legal.models import LegalAssessment

    result: dict[str, Any] = {}
    folder = Path(tempfile.mkdtemp(prefix="grenzeloos-exports-"))

    def run(*args: Any) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main([str(a) for a in args])
        assert code == 0, args
        return out.getvalue()

    def written(*args: Any) -> str:
        target = folder / "out"
        run(*args, "-o", target)
        return target.read_text(encoding="utf-8")

    for pk in Collaboration.objects.order_by("pk").values_list("pk", flat=True):
        key = f"collaboration {pk}"
        result[f"{key} history"] = run("canvas", "history", pk, "--json")
        result[f"{key} show"] = run("canvas", "show", pk, "--json")
        for number in Revision.objects.filter(collaboration_id=pk).values_list("number", flat=True):
            for kind in ("json", "md"):
                result[f"{key} r{number} {kind}"] = written(
                    "canvas", "export", pk, "--revision", number, "--format", kind
                )
        result[f"{key} members"] = run("members", "list", pk, "--json")
        result[f"{key} invitations"] = run("members", "invitations", pk, "--json")
        result[f"{key} partners"] = run("partners", "list", "--collaboration", pk, "--json")
        result[f"{key} commitments"] = run(
            "partners", "commitments", "--collaboration", pk, "--json"
        )
        result[f"{key} report"] = written(
            "report", "progress", pk, "--from", "2026-01-01", "--to", "2026-12-31", "--format", "md"
        )
        result[f"{key} contributions"] = written(
            "partners", "export", "--collaboration", pk, "--format", "csv"
        )
    for assessment in LegalAssessment.objects.order_by("pk"):
        result[f"assessment {assessment.pk}"] = render(legal.motivation(assessment), "md").decode()
        result[f"assessment {assessment.pk} record"] = repr(legal.record_info(assessment))
    result["cases"] = run("cases", "list", "--json")
    result["organisations"] = run("org", "list", "--json")
    for username in get_user_model().objects.order_by("pk").values_list("username", flat=True):
        if username != "grenzeloos-cli":
            result[f"tokens {username}"] = run("user", "token", "list", username, "--json")
    # The audit trail is no export: its data's keys in sorted order (PostgreSQL's jsonb keeps
    # its own order of the keys).
    result["audit"] = [
        [
            e.pk,
            e.actor_id,
            e.action,
            e.target_type,
            e.target_id,
            json.dumps(e.data, sort_keys=True),
            e.created_at.isoformat(),
        ]
        for e in AuditEvent.objects.order_by("pk")
    ]
    result["governance"] = governance_rows()
    result["workshops"] = workshop_rows()
    from grenzeloos.workshop.models import Workshop

    for ident in Workshop.objects.order_by("pk").values_list("pk", flat=True):
        result[f"workshop {ident}"] = run("workshop", "show", ident, "--json")
        result[f"workshop {ident} notes"] = written("workshop", "export", ident)
    result["meetingplace"] = meetingplace_rows()
    result["processes"] = processes_rows()
    result["accounts"] = [
        [
            u.pk,
            u.username,
            u.password,
            u.email,
            u.first_name,
            u.last_name,
            u.is_staff,
            u.date_joined.isoformat(),
            sorted(u.groups.values_list("name", flat=True)),
            sorted(u.user_permissions.values_list("codename", flat=True)),
        ]
        for u in get_user_model().objects.order_by("pk")
    ]
    return result


def governance_rows() -> list[Any]:
    """Every body, seat, decision, vote and comment as stored, with the notices and the choices
    of e-mails about them (on the shared floor since the notices moved there)."""
    import uuid

    from grenzeloos.accounts.models import Notice, NoticePreference
    from grenzeloos.governance.models import (
        Body,
        Comment,
        Decision,
        PulseAnswer,
        PulseTaken,
        Seat,
        Vote,
    )

    def plain(value: Any) -> Any:
        if hasattr(value, "isoformat"):
            return value.isoformat()
        if isinstance(value, dict):
            return json.dumps(value, sort_keys=True)
        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    return [
        [model.__name__, *[plain(v) for v in row]]
        for model in (
            Body,
            Seat,
            Decision,
            Vote,
            Comment,
            Notice,
            NoticePreference,
            PulseAnswer,
            PulseTaken,
        )
        for row in model.objects.order_by("pk").values_list()
    ]


def workshop_rows() -> list[Any]:
    """Every row of the workshops as stored (guest codes and tokens included)."""
    from grenzeloos.workshop.models import (
        Adoption,
        Cluster,
        Dot,
        Note,
        Participant,
        Step,
        Workshop,
    )

    def plain(value: Any) -> Any:
        return value.isoformat() if hasattr(value, "isoformat") else value

    return [
        [model.__name__, *[plain(v) for v in row]]
        for model in (Workshop, Step, Participant, Cluster, Note, Dot, Adoption)
        for row in model.objects.order_by("pk").values_list()
    ]


def meetingplace_rows() -> list[Any]:
    """Every statement (with whom it invited), answer and comparison as stored, and what a
    search finds (the search index is rebuilt by the restore's inserts)."""
    from grenzeloos.accounts.services import cli_actor
    from grenzeloos.meetingplace import services as meet
    from grenzeloos.meetingplace.models import Answer, Comparison, Statement

    def plain(value: Any) -> Any:
        return value.isoformat() if hasattr(value, "isoformat") else value

    rows: list[Any] = [
        [model.__name__, *[plain(v) for v in row]]
        for model in (Statement, Answer, Comparison)
        for row in model.objects.order_by("pk").values_list()
    ]
    rows += [
        ["invited", s.pk, sorted(s.invited.values_list("pk", flat=True))]
        for s in Statement.objects.order_by("pk")
    ]
    found = meet.find_statements(user=cli_actor(), search="energiearmoede wijk")
    rows.append(["search", sorted(s.pk for s in found)])
    return rows


def processes_rows() -> list[Any]:
    """Every process, version, item and move, and every challenge with its assessors,
    submissions (their files' content too), declarations, scores and milestones, as stored."""
    import hashlib

    from grenzeloos.processes.models import (
        Assessor,
        Attachment,
        Challenge,
        InterestDeclaration,
        Item,
        Milestone,
        Process,
        ProcessVersion,
        Score,
        Submission,
        Transition,
    )

    def plain(value: Any) -> Any:
        if hasattr(value, "isoformat"):
            return value.isoformat()
        if type(value).__name__ == "Decimal":
            return str(value)
        if isinstance(value, dict | list):
            return json.dumps(value, sort_keys=True)
        return value

    return [
        [model.__name__, *[plain(v) for v in row]]
        for model in (
            Process,
            ProcessVersion,
            Item,
            Transition,
            Challenge,
            Assessor,
            Submission,
            InterestDeclaration,
            Score,
            Milestone,
            Attachment,
        )
        for row in model.objects.order_by("pk").values_list()
    ] + [
        ["stored file", a.file.name, hashlib.sha256(a.file.read()).hexdigest()]
        for a in Attachment.objects.order_by("pk")
    ]


if __name__ == "__main__":
    setup()
    if sys.argv[1] == "seed":
        seed()
    elif sys.argv[1] == "exports":
        Path(sys.argv[2]).write_text(json.dumps(exports(), indent=1, ensure_ascii=False))

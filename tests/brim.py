"""A store filled to the brim, for the checks that look at every page and document.

Long organisation and person names, every canvas box and the agreements checklist filled, six
partners with three contributions each, 40 revisions, a legal consortium of four, 50 ledger
rows, the case library, a pending invitation and an API token: what a real team reaches after
a year. Made with the factories (``tests/*/factories.py``) and the services, so audit events
and revisions are the real ones. ``fill_to_the_brim()`` returns the records the pages need.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core import mail

from grenzeloos.accounts import services as account_services
from grenzeloos.canvas.document import CONTRIBUTION_KINDS, INTERESTS, MONEY_LOCATIONS, SECTORS
from grenzeloos.cases import services as case_services
from grenzeloos.collaborations import services as collaboration_services
from grenzeloos.ledger.models import Kind, Unit
from grenzeloos.organisations.models import Organisation
from grenzeloos.processes import challenges as challenge_services
from grenzeloos.processes import services as process_services
from tests.accounts.factories import UserFactory
from tests.canvas.factories import CanvasFactory, canvas_document
from tests.ledger.factories import (
    CommitmentFactory,
    ContactPersonFactory,
    ContributionFactory,
    OrganisationFactory,
    PartnerFactory,
)
from tests.legal.factories import AssessmentFactory

CONSORTIUM = Path(__file__).resolve().parents[1] / "docs/examples/legal-consortium-example.json"

#: Real-world long names: the longest words Dutch organisations carry.
PARTNER_NAMES = (
    "Coöperatieve Vereniging Duurzame Daken en Groene Gevels Midden-Nederland U.A.",
    "Hoogheemraadschap van de Krimpenerwaard en de Alblasserwaard",
    "Gemeentelijke Gezondheidsdienst Regio Groenedijk-Zuidoost",
    "Stichting Kennisontwikkeling Klimaatbestendige Binnenstedelijke Herinrichting",
    "Technische Universiteit Eindhoven, faculteit Bouwkunde en Gebouwde Omgeving",
    "Dakdekkersbedrijf Gebroeders Van den Hoogenband-Vermeulen Installatietechniek bv",
)
PARAGRAPH = (
    "In 2030 is één op de vijf daken in de regio een groen dak; bewoners, ondernemers, "
    "woningcorporaties en de gemeente delen de kosten en de opbrengsten naar rato, en de "
    "samenwerkingsovereenkomst regelt wie welke verantwoordelijkheid draagt (€ 1.250.000 "
    "aan waterbergingskosten bespaard per jaar). "
)


def _text(times: int = 3) -> str:
    return (PARAGRAPH * times).strip()


def brim_document() -> dict[str, Any]:
    """The canvas: every box long, the agreements checklist answered, six partners with three
    contributions each (hours, euros and a location) and long names."""
    partners = []
    for index, name in enumerate(PARTNER_NAMES):
        partners.append(
            {
                "name": name,
                "role": ("founding", "founding", "sponsoring", "sponsoring", "stakeholder")[
                    index % 5
                ],
                "sector": SECTORS[index % len(SECTORS)],
                "interests": [
                    INTERESTS[index % len(INTERESTS)],
                    INTERESTS[(index + 3) % len(INTERESTS)],
                    {"other": "Kennisdeling over klimaatadaptatie in de bebouwde omgeving"},
                ],
                "contributions": [
                    {
                        "kind": "people",
                        "description": "Projectleider en twee procesbegeleiders, 0,6 fte",
                        "amount": 1250 + index,
                        "unit": "hours",
                    },
                    {
                        "kind": "money",
                        "description": "Cofinanciering van de haalbaarheidsstudie",
                        "amount": 1250000 + index,
                        "unit": "EUR",
                    },
                    {
                        "kind": CONTRIBUTION_KINDS[(index % 4) + 2],
                        "description": "Vergaderzaal, proefdaken en meetapparatuur",
                    },
                ],
            }
        )
    document = canvas_document(
        subject="Coöperatie Zeeën van Ruimte – klimaatbestendige binnensteden ’t Groene Hart",
        version="werkversie na de derde stuurgroepvergadering",
        dream=_text(),
        societal_value=_text(),
        proposition=_text(),
        action_lines=[f"Actielijn {number}: {PARAGRAPH.strip()}" for number in range(1, 9)],
        financing=_text(),
        neutral_ground=_text(),
        governance=_text(),
        agreements=_text(),
        pitch=_text(4),
        agreements_checklist={
            "liability": _text(2),
            "money_location": MONEY_LOCATIONS[0],
            "money_flows": _text(2),
            "ownership": _text(2),
            "legal_form": _text(2),
        },
    )
    document["partners"] = partners
    return document


def fill_to_the_brim() -> dict[str, Any]:
    """Build the store; return its owner, collaboration, assessment, organisation, token and
    invitation link token."""
    owner = UserFactory(username="olga.vandenhoogenband")
    editors = [UserFactory(username=f"eddy.samenwerkingscoordinator{n}") for n in (1, 2)]
    viewers = [UserFactory(username=f"vera.kwartiermaker{n}") for n in (1, 2, 3)]
    collaboration = CanvasFactory(
        owner=owner, document=brim_document(), editors=editors, viewers=viewers, revisions=40
    )
    outbox = len(mail.outbox)
    collaboration_services.invite(
        actor=owner,
        collaboration=collaboration,
        email="projectsecretariaat.klimaatadaptatie@groenedijk-zuidoost.example.org",
        role="viewer",
    )
    invitation_token = re.search(r"/invitation/([^/\s]+)/", mail.outbox[outbox].body)
    assert invitation_token is not None

    organisations = []
    partners = []
    for index, name in enumerate(PARTNER_NAMES):
        organisation = OrganisationFactory(name=name, created_by=owner)
        ContactPersonFactory(
            organisation=organisation,
            name="Maria-Antoinette van Oldenbarnevelt-Hooijdonk",
            email=f"m.vanoldenbarnevelt{index}@example.org",
        )
        organisations.append(organisation)
        partner = PartnerFactory(collaboration=collaboration, name=name, organisation=organisation)
        partners.append(partner)
        CommitmentFactory(partner=partner, description="Uren projectleiding en procesbegeleiding")
        CommitmentFactory(
            partner=partner,
            kind=Kind.MONEY,
            quantity=Decimal("1250000.00"),
            unit=Unit.EUR,
            description="Cofinanciering",
        )
    for row in range(50):
        money = row % 3 == 0
        ContributionFactory(
            partner=partners[row % len(partners)],
            date=dt.date(2026, 1, 1) + dt.timedelta(days=row * 5),
            kind=Kind.MONEY if money else Kind.PEOPLE,
            quantity=Decimal("125000.50") if money else Decimal("7.50"),
            unit=Unit.EUR if money else Unit.HOURS,
            description="Werksessie met bewoners over de inrichting van het proefdak",
        )

    answers = json.loads(CONSORTIUM.read_text(encoding="utf-8"))
    assessment = AssessmentFactory(
        collaboration=collaboration,
        author=owner,
        answers=answers,
        title="Routetoets staatssteun consortium klimaatbestendige binnensteden",
    )
    case_services.import_library(actor=None)
    account_services.create_token(
        actor=owner, name="Koppeling met het subsidieportaal van de provincie"
    )
    workshop, note = _workshop(owner, editors, collaboration)
    governed = _governance(owner, editors, viewers, collaboration.pk)
    statement, answer = _meeting_place(owner, organisations)
    process = process_services.copy_template(
        actor=owner, collaboration_id=collaboration.pk, template_key="scaling-hop-step-jump"
    )
    process_items = [
        process_services.add_item(
            actor=owner,
            process_id=process.pk,
            name=f"Klimaatadaptief dakenprogramma met waterberging, deelproject {number}",
            linked_collaboration_id=collaboration.pk if number == 1 else None,
        )
        for number in range(1, 7)
    ]
    aspects = ("technology", "business_model", "regulation", "public")
    process_services.move_item(
        actor=owner,
        item_id=process_items[0].pk,
        to_stage="lab",
        reason="Alle vier puzzelstukken zijn beantwoord in de intake met de woningcorporatie.",
        revision=1,
        criteria=dict.fromkeys(aspects, "Beantwoord in de intake; zie het verslag."),
    )
    challenge = challenge_services.create_challenge(
        actor=owner,
        collaboration_id=collaboration.pk,
        title="Vroegtijdig signaleren van overvolle ondergrondse afvalcontainers in de binnenstad",
        theme="Schone en leefbare binnenstad",
        problem="Containers raken vol voordat de inzamelronde langskomt; afval belandt ernaast.",
        budget=Decimal("25000"),
        deadline=dt.date(2099, 12, 31),
        owner_role="Probleemeigenaar en opdrachtgever voor de prototypefase",
        owner_hours=Decimal("120"),
        reserved_budget=Decimal("25000"),
    )
    challenge_services.add_assessor(actor=owner, challenge_id=challenge.pk, user=owner)
    for number in range(1, 4):
        start_up = Organisation.objects.create(
            name=f"Sensortechniek en Data-analyse Zuid-Holland bv {number}",
            sector="business",
            size_class="small",
            created_by=owner,
        )
        submission = challenge_services.submit(
            actor=owner,
            challenge_id=challenge.pk,
            organisation_id=start_up.pk,
            title=f"Vulgraadsensor met voorspellend ophaalschema, variant {number}",
            summary="Een sensor in elke container en een kaart die de ronde plant.",
        )
        # The one assessor scores all three: the ranking (two tied) shows, and its file opens.
        challenge_services.score(
            actor=owner,
            submission_id=submission.pk,
            scores={"innovation": 4, "value": 3 + number % 2, "scalability": 4},
        )
    return {
        "workshop": workshop,
        "note": note,
        "challenge": challenge,
        "process": process,
        "process_item": process_items[0],
        "owner": owner,
        "collaboration": collaboration,
        "assessment": assessment,
        "statement": statement,
        "answer": answer,
        "organisation": organisations[0],
        "invitation_token": invitation_token.group(1),
        "governance": governed,
    }


def _workshop(owner: Any, editors: list[Any], collaboration: Any) -> tuple[Any, Any]:
    """A running workshop with long notes by members and a guest, a cluster and dots."""
    from grenzeloos.workshop import services as workshops

    made = workshops.create_workshop(
        actor=owner,
        collaboration_id=collaboration.pk,
        title="Co-creatiesessie klimaatbestendige binnensteden met bewoners en ondernemers",
        steps=[
            workshops.StepInput(box="agreements", minutes=25),
            workshops.StepInput(box="partners", minutes=15),
            workshops.StepInput(
                question="Welke bewonersorganisaties en ondernemersverenigingen missen we nog?"
            ),
        ],
    )
    made = workshops.start(actor=owner, workshop_id=made.pk)
    guest = workshops.join_as_guest(
        code=made.guest_code, display_name="Maria-Antoinette van Oldenbarnevelt"
    )
    first = None
    for index, person in enumerate(
        [guest, *[workshops.join(actor=e, workshop_id=made.pk) for e in editors]]
    ):
        note, _ = workshops.add_note(
            participant=person,
            key=f"brim-{index}",
            text=_text(1)[:240],
        )
        workshops.place_dot(participant=person, note_id=note.pk)
        first = first or note
    cluster = workshops.add_cluster(
        actor=owner, workshop_id=made.pk, name="Samenwerkingsovereenkomst en governance"
    )
    workshops.cluster_note(actor=owner, note_id=first.pk, cluster_id=cluster.pk)
    return made, first


def _governance(owner: Any, editors: list[Any], viewers: list[Any], cid: int) -> dict[str, int]:
    """A steering group of six with long names and terms, a closed decision that adopted
    revision 30, an open one, and a question with a mention and a reply."""
    from grenzeloos.governance import services

    body = services.create_body(
        actor=owner,
        collaboration_id=cid,
        name="Stuurgroep klimaatbestendige binnensteden en groene daken",
        kind="steering_group",
        mandate=_text(),
    )
    for index, person in enumerate([owner, *editors, *viewers]):
        services.add_seat(
            actor=owner,
            body_id=body.pk,
            name=f"{person.username} (voorzitter van de programmaraad)",
            user=person,
            organisation=PARTNER_NAMES[index % len(PARTNER_NAMES)],
            weight=1 + index % 3,
            term_start=dt.date(2026, 1, 1),
            term_end=dt.date(2029, 12, 31),
            financier=index == 5,
            sponsor=index == 0,
        )
    adopted = services.propose(
        actor=owner,
        body_id=body.pk,
        title="Het canvas van de samenwerking vaststellen na de derde werksessie",
        proposal=_text(),
        subject="canvas_revision",
        revision=30,
    )
    for person in [owner, *editors]:
        services.vote(actor=person, decision_id=adopted.pk, choice="for")
    services.close(actor=owner, decision_id=adopted.pk, reasoning=_text())
    open_one = services.propose(
        actor=owner,
        body_id=body.pk,
        title="Begroting 2027 en de afgesproken verdeling van de cofinanciering",
        method="majority",
        weighted=True,
        subject="budget",
        reference="2027",
    )
    services.vote(actor=editors[0], decision_id=open_one.pk, choice="against")
    question = services.add_comment(
        actor=editors[0],
        collaboration_id=cid,
        box="financing",
        question=True,
        text=f"@{owner.username} {_text()}",
    )
    services.add_comment(actor=owner, collaboration_id=cid, parent_id=question.pk, text=_text())
    return {"body": body.pk, "decision": open_one.pk, "comment": question.pk}


def _meeting_place(owner: Any, organisations: list[Any]) -> tuple[Any, Any]:
    """A long problem statement of the first organisation, a like one of the second (a match)
    and the second's answer to the first, compared on one side."""
    from grenzeloos.meetingplace import services as meet

    def publish(organisation: Any, title: str) -> Any:
        return meet.publish(
            actor=owner,
            organisation=organisation,
            data=meet.StatementData(
                title=title,
                hurts=_text(),
                for_whom=_text(1),
                tried=_text(2),
                themes="klimaatbestendigheidsmaatregelen, energiearmoede, wateroverlastbestrijding",
                seeking=["knowledge_partner", "financier", "regulator"],
                interests=["societal", "knowledge"],
            ),
        )

    first = publish(organisations[0], "Wateroverlast en hittestress in versteende binnensteden")
    publish(organisations[1], "Hittestress in binnensteden zonder groen")
    answer = meet.answer(
        actor=owner,
        statement=first,
        organisation=organisations[1],
        kind="shared",
        framing=_text(1),
    )
    meet.compare(
        actor=owner,
        answer=answer,
        same_people="yes",
        same_cause="partly",
        same_goal="yes",
        will_invest=True,
        note=_text(1),
    )
    return first, answer

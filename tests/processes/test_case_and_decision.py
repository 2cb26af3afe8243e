"""A closed item turned into a case of its owner's own library (through the case library's
port), and a gate passed by an adopted decision of one of the collaboration's bodies (through
the governance port): the rules, what is recorded, and what each app sees."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html
from rest_framework.test import APIClient

from grenzeloos.audit.models import AuditEvent
from grenzeloos.cases.models import Case, Visibility
from grenzeloos.cases.services import get_case, visible_cases
from grenzeloos.core import extensions
from grenzeloos.core.errors import Conflict, FieldError, NotFound, PermissionDenied
from grenzeloos.governance import services as governance
from grenzeloos.processes import services
from grenzeloos.processes.models import Item
from tests.ledger.factories import make_collaboration

FOUR = {
    "technology": "The heat pump works at the test ground.",
    "business_model": "A housing corporation pays per house.",
    "regulation": "The municipality allows it under the building code.",
    "public": "Tenants liked it in the survey.",
}


@pytest.fixture
def item(people):
    process = services.copy_template(
        actor=people["owner"],
        collaboration_id=people["collaboration"].pk,
        template_key="scaling-hop-step-jump",
    )
    return services.add_item(actor=people["editor"], process_id=process.pk, name="Heat pump")


def _revision(item) -> int:
    return Item.objects.get(pk=item.pk).revision


def _pass_intake_and_stop(people, item) -> None:
    services.move_item(
        actor=people["editor"],
        item_id=item.pk,
        to_stage="lab",
        reason="All four aspects are answered.",
        revision=_revision(item),
        criteria=FOUR,
    )
    services.close_item(
        actor=people["editor"],
        item_id=item.pk,
        outcome="stopped",
        reason="No housing corporation would pay.",
        lessons="Ask who pays before the lab.\n\nTenants want to see it working first.",
        revision=_revision(item),
    )


def _adopted(people, title="Door naar het lab", *, against=False):
    """A decision of the steering group, closed: adopted (or rejected with ``against``)."""
    body = governance.create_body(
        actor=people["owner"],
        collaboration_id=people["collaboration"].pk,
        name=f"Stuurgroep {title}",
        kind="steering_group",
    )
    governance.add_seat(actor=people["owner"], body_id=body.pk, name="Olga", user=people["owner"])
    decision = governance.propose(
        actor=people["owner"], body_id=body.pk, title=title, method="majority"
    )
    governance.vote(
        actor=people["owner"], decision_id=decision.pk, choice="against" if against else "for"
    )
    return governance.close(actor=people["owner"], decision_id=decision.pk)


# --- A closed item as a case ----------------------------------------------------------------


def test_a_closed_item_becomes_a_private_case_of_the_owner_with_its_stages_and_lessons(
    people, item
):
    _pass_intake_and_stop(people, item)
    with translation.override("en"):
        reference = services.turn_into_case(
            actor=people["owner"],
            item_id=item.pk,
            theme="sustainability",
            condition="right_partners",
        )
    case = get_case(user=people["owner"], slug=reference.slug)
    assert (case.visibility, case.author, case.name) == (
        Visibility.PRIVATE,
        people["owner"],
        "Heat pump",
    )
    assert reference.url == f"/cases/{case.slug}/"
    document = case.document
    assert document["theme"] == "sustainability"
    steps = [step["en"] for step in document["process"]]
    assert len(steps) == 2
    assert "gate passed from Intake on four aspects to Lab" in steps[0]
    assert steps[0].endswith(": All four aspects are answered.")
    assert "closed in Lab" in steps[1]
    assert steps[1].endswith(": No housing corporation would pay.")
    assert document["lessons"] == [
        {"condition": "right_partners", "text": {"en": "Ask who pays before the lab."}},
        {"condition": "right_partners", "text": {"en": "Tenants want to see it working first."}},
    ]
    assert "closed as stopped" in document["summary"]["en"]
    # Only its author sees the draft until they publish it.
    assert not visible_cases(user=people["editor"]).filter(pk=case.pk).exists()
    item.refresh_from_db()
    assert (item.case_slug, item.case_url, item.case_drafted_by) == (
        case.slug,
        reference.url,
        people["owner"],
    )
    assert AuditEvent.objects.filter(action="processes.item_case_drafted").count() == 1
    with pytest.raises(Conflict, match="already"):
        services.turn_into_case(
            actor=people["owner"], item_id=item.pk, theme="sustainability", condition="independence"
        )


def test_only_owners_turn_only_closed_items_into_cases(people, item):
    with pytest.raises(Conflict, match="only a closed item"):
        services.turn_into_case(
            actor=people["owner"], item_id=item.pk, theme="sustainability", condition="independence"
        )
    _pass_intake_and_stop(people, item)
    with pytest.raises(PermissionDenied):
        services.turn_into_case(
            actor=people["editor"],
            item_id=item.pk,
            theme="sustainability",
            condition="independence",
        )
    with pytest.raises(NotFound):
        services.turn_into_case(
            actor=people["stranger"],
            item_id=item.pk,
            theme="sustainability",
            condition="independence",
        )
    with pytest.raises(FieldError, match="theme"):
        services.turn_into_case(
            actor=people["owner"], item_id=item.pk, theme="weather", condition="independence"
        )
    assert not Case.objects.exists()


def test_a_second_case_of_the_same_name_gets_a_free_slug(people, item):
    _pass_intake_and_stop(people, item)
    again = services.add_item(actor=people["editor"], process_id=item.process_id, name="Heat pump")
    _pass_intake_and_stop(people, again)
    first = services.turn_into_case(
        actor=people["owner"], item_id=item.pk, theme="sustainability", condition="independence"
    )
    second = services.turn_into_case(
        actor=people["owner"], item_id=again.pk, theme="sustainability", condition="independence"
    )
    assert (first.slug, second.slug) == ("heat-pump", "heat-pump-2")


def test_without_a_case_library_nothing_is_turned_and_nothing_recorded(people, item, monkeypatch):
    _pass_intake_and_stop(people, item)
    monkeypatch.setattr(extensions.CASE_DRAFTER, "_implementation", None)
    monkeypatch.setattr(extensions.CASE_THEMES, "_implementation", None)
    assert extensions.case_themes() == {}
    with pytest.raises(NotFound, match="case library"):
        services.turn_into_case(
            actor=people["owner"], item_id=item.pk, theme="sustainability", condition="independence"
        )
    assert Item.objects.get(pk=item.pk).case_slug == ""


def test_the_drafter_port_makes_a_case_from_a_draft_in_one_language(people):
    reference = extensions.draft_case(
        actor=people["viewer"],
        draft=extensions.CaseDraft(
            name="Slimme lantaarnpaal",
            theme="digital_technology",
            language="nl",
            domain="Opschalen in de gemeente",
            summary="Een korte samenvatting.",
            steps=[f"Stap {n}" for n in range(60)],
            lessons="Eerst de beheerder spreken.",
            condition="common_ground",
        ),
    )
    case = get_case(user=people["viewer"], slug=reference.slug)
    process = case.document["process"]
    assert len(process) == 50
    assert process[48] == {"nl": "Stap 48"}
    assert process[49]["nl"].startswith("…") and "11" in process[49]["nl"]
    with pytest.raises(FieldError, match="condition"):
        extensions.draft_case(
            actor=people["viewer"],
            draft=extensions.CaseDraft(
                name="X",
                theme="digital_technology",
                language="nl",
                domain="d",
                summary="s",
                steps=[],
                lessons="l",
                condition="luck",
            ),
        )


# --- A gate passed by a body's decision ---------------------------------------------------------


def test_the_decisions_port_lists_only_adopted_closed_decisions_newest_first(people):
    assert extensions.adopted_decisions(people["collaboration"].pk) == []
    first = _adopted(people, "Eerste")
    _adopted(people, "Verworpen", against=True)
    governance.propose(
        actor=people["owner"], body_id=first.body_id, title="Nog open", method="majority"
    )
    second = _adopted(people, "Tweede")
    found = extensions.adopted_decisions(people["collaboration"].pk)
    assert [(d.id, d.title, d.body) for d in found] == [
        (second.pk, "Tweede", "Stuurgroep Tweede"),
        (first.pk, "Eerste", "Stuurgroep Eerste"),
    ]
    assert found[0].on == timezone.localdate(second.closed_at)
    assert found[0].url == f"/governance/c/{people['collaboration'].pk}/decisions/{second.pk}/"


def test_a_gate_passed_by_an_adopted_decision_records_it_and_needs_no_written_reason(people, item):
    decision = _adopted(people)
    with pytest.raises(FieldError, match="reason"):
        services.move_item(
            actor=people["editor"],
            item_id=item.pk,
            to_stage="lab",
            reason="",
            revision=_revision(item),
            criteria=FOUR,
        )
    with pytest.raises(FieldError, match="criteria.public"):
        services.move_item(
            actor=people["editor"],
            item_id=item.pk,
            to_stage="lab",
            reason="",
            revision=_revision(item),
            criteria={k: v for k, v in FOUR.items() if k != "public"},
            decision_id=decision.pk,
        )
    transition = services.move_item(
        actor=people["editor"],
        item_id=item.pk,
        to_stage="lab",
        reason="",
        revision=_revision(item),
        criteria=FOUR,
        decision_id=decision.pk,
    )
    assert (transition.decision_id, transition.decision_body, transition.decision_title) == (
        decision.pk,
        "Stuurgroep Door naar het lab",
        "Door naar het lab",
    )
    assert transition.reason == ""
    with translation.override("nl"):
        text = services.decided_by_body(transition)
    assert text.startswith("besloten door Stuurgroep Door naar het lab op ")
    event = AuditEvent.objects.filter(action="processes.item_advance").get()
    assert event.data["decision"] == decision.pk


def test_a_rejected_or_foreign_decision_does_not_pass_a_gate(people, item):
    rejected = _adopted(people, "Niet doen", against=True)
    foreign_body = governance.create_body(
        actor=people["owner"],
        collaboration_id=make_collaboration(people["owner"]),
        name="Andere stuurgroep",
        kind="steering_group",
    )
    governance.add_seat(
        actor=people["owner"], body_id=foreign_body.pk, name="Olga", user=people["owner"]
    )
    foreign = governance.propose(
        actor=people["owner"], body_id=foreign_body.pk, title="Elders", method="majority"
    )
    governance.vote(actor=people["owner"], decision_id=foreign.pk, choice="for")
    governance.close(actor=people["owner"], decision_id=foreign.pk)
    for decision_id in (rejected.pk, foreign.pk, 999_999):
        with pytest.raises(FieldError, match="decision: choose an adopted decision"):
            services.move_item(
                actor=people["editor"],
                item_id=item.pk,
                to_stage="lab",
                reason="Besloten.",
                revision=_revision(item),
                criteria=FOUR,
                decision_id=decision_id,
            )
    assert not item.transitions.exists()


def test_closing_by_a_decision_and_the_case_says_who_decided(people, item):
    decision = _adopted(people, "Stoppen")
    services.close_item(
        actor=people["editor"],
        item_id=item.pk,
        outcome="stopped",
        reason="",
        lessons="Stop early when nobody pays.",
        revision=_revision(item),
        decision_id=decision.pk,
    )
    with translation.override("en"):
        reference = services.turn_into_case(
            actor=people["owner"], item_id=item.pk, theme="sustainability", condition="independence"
        )
    step = get_case(user=people["owner"], slug=reference.slug).document["process"][0]["en"]
    assert "closed in Intake on four aspects, decided by Stuurgroep Stoppen on " in step
    assert step.endswith(f"(decision {decision.pk}: Stoppen)")


# --- Web, API and CLI ---------------------------------------------------------------------------


def test_on_the_web_a_gate_is_passed_by_a_decision_and_a_closed_item_becomes_a_case(
    client, people, item
):
    pk = people["collaboration"].pk
    decision = _adopted(people)
    url = reverse("processes:item", args=[pk, item.pk])
    client.force_login(people["editor"])
    form = html.fromstring(client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content)
    options = form.xpath("//select[@id='id_decision']/option")
    assert [o.get("value") for o in options] == ["", str(decision.pk)]
    assert form.xpath("//textarea[@id='id_reason']/@required") == []
    posted = {"to_stage": "lab", "revision": "1", "decision": str(decision.pk), "reason": ""}
    for key, note in FOUR.items():
        posted[f"met_{key}"] = "on"
        posted[f"note_{key}"] = note
    assert client.post(url, posted).status_code == 302
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Besloten door Stuurgroep Door naar het lab op " in page

    services.close_item(
        actor=people["editor"],
        item_id=item.pk,
        outcome="stopped",
        reason="Niemand betaalt.",
        lessons="Vraag eerst wie betaalt.",
        revision=_revision(item),
    )
    # The editor sees no button; posting anyway is refused.
    assert "id_case_theme" not in client.get(url).content.decode()
    case_url = reverse("processes:item_case", args=[pk, item.pk])
    assert client.post(case_url, {"theme": "sustainability"}).status_code == 403

    client.force_login(people["owner"])
    page = html.fromstring(client.get(url).content)
    assert page.xpath("//form[@action=$a]//button", a=case_url)
    refused = client.post(case_url, {"theme": "weather", "condition": "independence"})
    assert refused.status_code == 422
    assert 'href="#id_case_theme"' in refused.content.decode()
    answer = client.post(case_url, {"theme": "sustainability", "condition": "independence"})
    assert answer.status_code == 302
    case = Case.objects.get()
    assert answer["Location"] == reverse("cases:detail", args=[case.slug])
    assert client.get(answer["Location"]).status_code == 200
    again = client.get(url).content.decode()
    assert "id_case_theme" not in again
    assert f'href="{answer["Location"]}"' in again
    assert client.post(case_url, {"theme": "sustainability", "condition": "x"}).status_code == 409


def test_through_the_api_a_move_names_its_decision_and_an_item_becomes_a_case(people, item):
    pk = people["collaboration"].pk
    decision = _adopted(people)
    editor = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    editor.force_authenticate(people["editor"])
    moved = editor.post(
        f"/api/v1/collaborations/{pk}/process-items/{item.pk}/moves",
        {"to_stage": "lab", "revision": 1, "criteria": FOUR, "decision": decision.pk},
        format="json",
    )
    assert moved.status_code == 201
    recorded = moved.json()["transitions"][0]
    assert (recorded["reason"], recorded["decision"]["id"], recorded["decision"]["body"]) == (
        "",
        decision.pk,
        "Stuurgroep Door naar het lab",
    )
    closed = editor.post(
        f"/api/v1/collaborations/{pk}/process-items/{item.pk}/close",
        {"outcome": "stopped", "reason": "Nobody pays.", "lessons": "Ask first.", "revision": 2},
        format="json",
    )
    assert closed.status_code == 201
    case_path = f"/api/v1/collaborations/{pk}/process-items/{item.pk}/case"
    body = {"theme": "sustainability", "condition": "common_ground"}
    assert editor.post(case_path, body, format="json").status_code == 403
    owner = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    owner.force_authenticate(people["owner"])
    made = owner.post(case_path, body, format="json")
    assert made.status_code == 201
    assert made.json() == {"slug": "heat-pump", "name": "Heat pump", "url": "/cases/heat-pump/"}
    assert owner.post(case_path, body, format="json").status_code == 409
    detail = owner.get(f"/api/v1/collaborations/{pk}/process-items/{item.pk}").json()
    assert detail["case"] == "heat-pump"


def test_from_the_command_line_a_gate_by_decision_and_a_case(people, item, capsys):
    from grenzeloos.accounts.services import CLI_USERNAME
    from grenzeloos.cli import main

    decision = _adopted(people)
    arguments = ["process", "advance", str(item.pk), "--to", "lab", "--reason", ""]
    for key, note in FOUR.items():
        arguments += ["--criterion", f"{key}={note}"]
    assert main([*arguments, "--decision", str(decision.pk)]) == 0
    capsys.readouterr()
    assert Item.objects.get(pk=item.pk).transitions.get().decision_id == decision.pk
    assert (
        main(
            [
                "process",
                "close",
                str(item.pk),
                "--outcome",
                "stopped",
                "--reason",
                "Stopped.",
                "--lessons",
                "Ask first.",
            ]
        )
        == 0
    )
    capsys.readouterr()
    code = main(
        [
            "process",
            "case",
            str(item.pk),
            "--theme",
            "sustainability",
            "--condition",
            "common_ground",
            "--language",
            "en",
            "--json",
        ]
    )
    out, _err = capsys.readouterr()
    assert code == 0
    assert json.loads(out) == {"slug": "heat-pump", "name": "Heat pump", "url": "/cases/heat-pump/"}
    assert Case.objects.get().author.username == CLI_USERNAME

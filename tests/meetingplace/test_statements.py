"""Problem statements: who sees them (a matrix over the ways of sharing), answers, the round
table, matching with reasons, the missing seat and starting a collaboration in one step."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from grenzeloos.audit.models import AuditEvent
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.core import extensions
from grenzeloos.core.errors import Conflict, FieldError, NotFound, PermissionDenied
from grenzeloos.meetingplace import services
from grenzeloos.meetingplace.models import Statement, Status
from tests.canvas.factories import CanvasFactory
from tests.meetingplace.factories import statement

pytestmark = pytest.mark.django_db


def _shared_ways(town):
    zwolle, zara = town["zwolle"], town["zara"]
    return {
        "everyone": statement(zwolle, zara, "Open probleem", "Energiearmoede in wijken"),
        "sector": statement(
            zwolle,
            zara,
            "Sectorprobleem",
            "Energiearmoede bij gemeenten",
            visibility="sector",
            audience_sector="government",
        ),
        "invited": statement(
            zwolle,
            zara,
            "Uitgenodigd probleem",
            "Energiearmoede, alleen voor de universiteit",
            visibility="invited",
            invited=[town["university"].pk],
        ),
    }


# Who sees which statement of Zwolle: its own person, another government (same sector), the
# invited university, the housing association (neither), a person of no organisation.
MATRIX = {
    "zara": {"everyone", "sector", "invited"},
    "dirk": {"everyone", "sector"},
    "uma": {"everyone", "invited"},
    "hans": {"everyone"},
    "nobody": {"everyone"},
}


@pytest.mark.parametrize("viewer", sorted(MATRIX))
def test_visibility_matrix_in_list_search_show_and_matches(town, viewer) -> None:
    ways = _shared_ways(town)
    user = town[viewer]
    expected = MATRIX[viewer]
    names = {pk: way for way, pk in ((w, s.pk) for w, s in ways.items())}

    listed = {names[s.pk] for s in services.find_statements(user=user)}
    assert listed == expected
    searched = {names[s.pk] for s in services.find_statements(user=user, search="energiearmoede")}
    assert searched == expected
    for way, item in ways.items():
        if way in expected:
            assert services.get_statement(user=user, pk=item.pk).pk == item.pk
        else:
            with pytest.raises(NotFound):
                services.get_statement(user=user, pk=item.pk)

    # Deventer's own statement on the same problem: what the viewer's matches may hold.
    own, person = town["deventer"], town["dirk"]
    probe = statement(own, person, "Ook energiearmoede", "Energiearmoede in onze wijken")
    matched = {m.statement.pk for m in services.matches(user=user, statement=probe).statements}
    # The viewer may see the probe (open to everyone) and is matched only with what they see.
    seen = {names[pk] for pk in matched if pk in names}
    assert seen == expected


def test_signed_out_sees_nothing(town) -> None:
    ways = _shared_ways(town)
    assert list(services.visible_statements(AnonymousUser())) == []
    with pytest.raises(NotFound):
        services.get_statement(user=AnonymousUser(), pk=ways["everyone"].pk)


def test_publishing_needs_a_person_of_the_organisation(town) -> None:
    with pytest.raises(PermissionDenied):
        statement(town["zwolle"], town["dirk"], "Niet van mij", "Iets")
    with pytest.raises(FieldError) as refused:
        statement(town["zwolle"], town["zara"], "Zonder sector", "x", visibility="sector")
    assert refused.value.field == "audience_sector"
    with pytest.raises(FieldError) as refused:
        statement(town["zwolle"], town["zara"], "Niemand", "x", visibility="invited")
    assert refused.value.field == "invited"
    with pytest.raises(FieldError) as refused:
        statement(town["zwolle"], town["zara"], "Zoek", "x", seeking=["money"])
    assert refused.value.field == "seeking"


def test_a_forming_collaboration_publishes_its_problem(people) -> None:
    collaboration = people["collaboration"]
    published = services.publish(
        actor=people["editor"],
        collaboration_id=collaboration.pk,
        data=services.StatementData(title="Onze opgave", hurts="Eenzaamheid"),
    )
    assert published.collaboration_id == collaboration.pk
    with pytest.raises(PermissionDenied):
        services.publish(
            actor=people["viewer"],
            collaboration_id=collaboration.pk,
            data=services.StatementData(title="Mag niet", hurts="x"),
        )
    collaboration.status = "active"
    collaboration.save()
    with pytest.raises(Conflict):
        services.publish(
            actor=people["editor"],
            collaboration_id=collaboration.pk,
            data=services.StatementData(title="Te laat", hurts="x"),
        )


def test_answers_are_seen_by_the_owner_and_by_the_answering_organisation_only(town) -> None:
    problem = statement(town["zwolle"], town["zara"], "Energiearmoede", "Hoge energierekening")
    deventer = services.answer(
        actor=town["dirk"],
        statement=problem,
        organisation=town["deventer"],
        kind="shared",
        framing="Bij ons vooral in oude huurwoningen",
    )
    services.answer(
        actor=town["uma"],
        statement=problem,
        organisation=town["university"],
        kind="knowledge",
        framing="Wij meten energiearmoede per buurt",
    )
    owner_sees = {
        a.organisation.name for a in services.answers_for(user=town["zara"], statement=problem)
    }
    assert owner_sees == {"Gemeente Deventer", "Universiteit Twente"}
    assert [a.pk for a in services.answers_for(user=town["dirk"], statement=problem)] == [
        deventer.pk
    ]
    assert services.answers_for(user=town["hans"], statement=problem) == []
    with pytest.raises(PermissionDenied):
        services.answer(
            actor=town["hans"],
            statement=problem,
            organisation=town["deventer"],
            kind="shared",
            framing="Namens een ander",
        )


def test_matches_are_ranked_with_their_reasons(town, make_user) -> None:
    problem = statement(
        town["zwolle"],
        town["zara"],
        "Energiearmoede in oude wijken",
        "Huishoudens kunnen hun energierekening niet betalen",
        themes="energiearmoede, wijken",
        seeking=["knowledge_partner"],
    )
    same = statement(
        town["deventer"],
        town["dirk"],
        "Energierekening te hoog",
        "Veel huishoudens in Deventer betalen hun energierekening niet",
        themes="Energiearmoede",
    )
    knowledge = statement(
        town["university"],
        town["uma"],
        "Onderzoek naar huishoudens",
        "Wij zoeken gemeenten voor onderzoek",
        seat="knowledge_partner",
    )
    unrelated = statement(town["housing"], town["hans"], "Groen dak", "Daktuinen aanleggen")
    # Zwolle and Deventer sat together before, in a collaboration Zara can see.
    CanvasFactory(owner=town["zara"], editors=[town["dirk"]], subject="Warmtetransitie IJssel")

    found = services.matches(user=town["zara"], statement=problem)
    order = [m.statement.pk for m in found.statements]
    assert order == [same.pk, knowledge.pk]
    assert unrelated.pk not in order
    first = found.statements[0]
    assert first.reasons == [
        "both name energiearmoede",
        "both speak of huishoudens, energierekening, betalen",
        "also government",
        "Gemeente Zwolle and Gemeente Deventer sat together in Warmtetransitie IJssel",
    ]
    assert found.statements[1].reasons[-1] == "offers what you seek: knowledge partner"
    assert [o.organisation.name for o in found.organisations] == [
        "Gemeente Deventer",
        "Universiteit Twente",
    ]
    # The table Zwolle and Deventer shared is not named to someone who was not at it.
    outsider_view = services.matches(user=town["hans"], statement=problem).statements
    assert all("sat together" not in reason for m in outsider_view for reason in m.reasons)


def test_reasons_in_the_users_language(town) -> None:
    from django.utils import translation

    problem = statement(
        town["zwolle"], town["zara"], "Eenzaamheid", "Ouderen", themes="eenzaamheid"
    )
    statement(town["deventer"], town["dirk"], "Ook eenzaamheid", "Jongeren", themes="eenzaamheid")
    with translation.override("nl"):
        reasons = services.matches(user=town["zara"], statement=problem).statements[0].reasons
    assert reasons[0] == "beide noemen eenzaamheid"


def _confirm(answer, owner, answerer) -> None:
    for actor in (owner, answerer):
        services.compare(
            actor=actor,
            answer=answer,
            same_people="yes",
            same_cause="partly",
            same_goal="yes",
            will_invest=True,
        )


def test_a_side_saved_unchanged_stores_and_records_nothing(town) -> None:
    problem = statement(town["zwolle"], town["zara"], "Energiearmoede", "Hoge rekeningen")
    answer = services.answer(
        actor=town["dirk"],
        statement=problem,
        organisation=town["deventer"],
        kind="shared",
        framing="Ook bij ons",
    )
    side = {"same_people": "yes", "same_cause": "no", "same_goal": "yes", "will_invest": True}
    first = services.compare(actor=town["dirk"], answer=answer, **side)
    events = AuditEvent.objects.count()
    again = services.compare(actor=town["dirk"], answer=answer, **side)
    assert (again.pk, again.updated_at) == (first.pk, first.updated_at)
    assert AuditEvent.objects.count() == events


def test_the_round_table_must_agree_on_both_sides_before_starting(town) -> None:
    problem = statement(town["zwolle"], town["zara"], "Energiearmoede", "Hoge rekeningen")
    answer = services.answer(
        actor=town["dirk"],
        statement=problem,
        organisation=town["deventer"],
        kind="shared",
        framing="Ook bij ons",
    )
    services.compare(
        actor=town["dirk"],
        answer=answer,
        same_people="yes",
        same_cause="yes",
        same_goal="yes",
        will_invest=True,
    )
    with pytest.raises(Conflict):
        services.start_collaboration(actor=town["zara"], statement=problem)
    services.compare(
        actor=town["zara"],
        answer=answer,
        same_people="no",
        same_cause="yes",
        same_goal="yes",
        will_invest=True,
    )
    with pytest.raises(Conflict):  # the owner finds other people suffer: only the words match
        services.start_collaboration(actor=town["zara"], statement=problem)
    assert Statement.objects.get(pk=problem.pk).status == Status.OPEN


def test_statement_to_collaboration_in_one_step(town) -> None:
    problem = statement(
        town["zwolle"],
        town["zara"],
        "Energiearmoede in oude wijken",
        "Huishoudens betalen hun energierekening niet",
        for_whom="Huurders met een laag inkomen",
        interests=["societal", "knowledge"],
    )
    answer = services.answer(
        actor=town["dirk"],
        statement=problem,
        organisation=town["deventer"],
        kind="shared",
        framing="Bij ons vooral in oude huurwoningen",
        interests=["cost_saving"],
    )
    _confirm(answer, town["zara"], town["dirk"])
    with pytest.raises(PermissionDenied):
        services.start_collaboration(actor=town["dirk"], statement=problem)

    pk = services.start_collaboration(actor=town["zara"], statement=problem)

    document = extensions.read_canvas(pk).document
    assert document["subject"] == "Energiearmoede in oude wijken"
    assert document["dream"] == (
        "Energiearmoede in oude wijken\n\nHuishoudens betalen hun energierekening niet"
    )
    assert document["societal_value"] == (
        "Huurders met een laag inkomen\n\nGemeente Deventer: Bij ons vooral in oude huurwoningen"
    )
    assert [(p["name"], p["role"], p["sector"], p["interests"]) for p in document["partners"]] == [
        ("Gemeente Zwolle", "founding", "government", ["societal", "knowledge"]),
        ("Gemeente Deventer", "founding", "government", ["cost_saving"]),
    ]
    members = {m.user.username: m.role for m in Membership.objects.filter(collaboration_id=pk)}
    assert members == {"zara": Role.OWNER, "dirk": Role.OWNER}
    started = Statement.objects.get(pk=problem.pk)
    assert (started.status, started.started_id) == (Status.STARTED, pk)
    event = AuditEvent.objects.get(action="meetingplace.collaboration_started")
    assert event.data["collaboration"] == pk
    assert event.data["owners"] == ["dirk", "zara"]
    with pytest.raises(Conflict):
        services.start_collaboration(actor=town["zara"], statement=problem)


def test_starting_is_one_transaction(town, monkeypatch) -> None:
    problem = statement(town["zwolle"], town["zara"], "Energiearmoede", "Hoge rekeningen")
    answer = services.answer(
        actor=town["dirk"],
        statement=problem,
        organisation=town["deventer"],
        kind="shared",
        framing="Ook bij ons",
    )
    _confirm(answer, town["zara"], town["dirk"])
    from grenzeloos.collaborations import services as collaboration_services

    def broken_share(**kwargs):
        raise RuntimeError("the second owner could not be added")

    monkeypatch.setattr(collaboration_services, "share", broken_share)
    from grenzeloos.collaborations.models import Collaboration

    before = Collaboration.objects.count()
    with pytest.raises(RuntimeError):
        services.start_collaboration(actor=town["zara"], statement=problem)
    assert Collaboration.objects.count() == before
    assert Statement.objects.get(pk=problem.pk).status == Status.OPEN
    assert not AuditEvent.objects.filter(action="meetingplace.collaboration_started").exists()


def test_the_missing_seat(town, make_user) -> None:
    owner = town["zara"]
    collaboration = CanvasFactory(
        owner=owner,
        document={
            "schema": "grenzeloos.canvas/1",
            "subject": "Warmte in de wijk",
            "partners": [
                {"name": "Gemeente Zwolle", "role": "founding", "sector": "government"},
                {
                    "name": "Energiebedrijf",
                    "role": "sponsoring",
                    "sector": "business",
                    "contributions": [{"kind": "money", "description": "budget"}],
                },
            ],
        },
    )
    statement(
        town["university"], town["uma"], "Kennis over warmte", "Onderzoek", seat="knowledge_partner"
    )
    table = services.missing_seats(user=owner, collaboration_id=collaboration.pk)
    assert table.sectors == ["business", "government"]
    assert table.seats == ["financier", "problem_owner", "solution_provider"]
    missing = [(e.kind, e.key) for e in table.missing]
    assert missing == [
        ("sector", "knowledge"),
        ("sector", "civil_society"),
        ("sector", "citizens"),
        ("seat", "end_users"),
        ("seat", "knowledge_partner"),
        ("seat", "regulator"),
    ]
    by_key = {e.key: e for e in table.missing}
    knowledge = by_key["knowledge_partner"].organisations
    assert [(s.organisation.name, s.reason) for s in knowledge] == [
        ("Universiteit Twente", "states this place in “Kennis over warmte”")
    ]
    regulator = [s.organisation.name for s in by_key["regulator"].organisations]
    assert regulator == ["Gemeente Deventer"]  # Zwolle sits at the table already
    assert [s.organisation.name for s in by_key["civil_society"].organisations] == [
        "Woonstichting Wijk"
    ]
    with pytest.raises(NotFound):
        services.missing_seats(user=town["hans"], collaboration_id=collaboration.pk)


def test_the_missing_seat_names_cases_through_the_case_port(town) -> None:
    from grenzeloos.cases.services import import_library

    import_library(actor=None)
    collaboration = CanvasFactory(
        owner=town["zara"],
        document={
            "schema": "grenzeloos.canvas/1",
            "subject": "Alleen wij",
            "partners": [{"name": "Gemeente Zwolle", "role": "founding", "sector": "government"}],
        },
    )
    table = services.missing_seats(user=town["zara"], collaboration_id=collaboration.pk)
    knowledge = {e.key: e for e in table.missing}["knowledge"]
    assert knowledge.cases, "the library has cases with a knowledge institution"
    assert {case.why for case in knowledge.cases} == {
        "a partner from the sector Knowledge institution took part"
    }
    assert all(case.url.startswith("/cases/") for case in knowledge.cases)


def test_who_may_see_one_statement_is_the_rule_of_the_lists(town) -> None:
    ways = _shared_ways(town)
    answered = statement(town["zwolle"], town["zara"], "Beantwoord en gesloten", "Iets")
    services.answer(
        actor=town["hans"],
        statement=answered,
        organisation=town["housing"],
        kind="knowledge",
        framing="Wij weten ervan",
    )
    services.close(actor=town["zara"], statement=answered)
    people = ["zara", "dirk", "uma", "hans", "nobody"]
    for item in [*ways.values(), answered]:
        seeing = services.may_see(item, [town[p].pk for p in people])
        for person in people:
            listed = services.visible_statements(town[person]).filter(pk=item.pk).exists()
            assert (town[person].pk in seeing) == listed, (item.title, person)

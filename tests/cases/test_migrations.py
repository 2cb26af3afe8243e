"""The store of the previous release upgrades to the publication's one vocabulary without loss:
every case that said ``partner_not_government`` or ``distributed`` for where the money sits says
``partner`` or ``spread`` after migration 0003, in its column and in its stored document, and
every other key and field of every case stays exactly as it was; going back restores them."""

from __future__ import annotations

import copy

import pytest

from grenzeloos.cases import search
from grenzeloos.cases.library import library_cases
from grenzeloos.cases.models import Case
from tests.collaborations.test_migrations import _migrate

BEFORE = [("cases", "0002_slug_unique_per_author_and_among_shared")]
FORMER = {"partner_not_government": "partner", "distributed": "spread"}


def _previous_release_documents() -> list[dict]:
    """Every library case as the previous release stored it, plus a team case per money key."""
    documents = []
    for document in library_cases():
        old = copy.deepcopy(document)
        old["money_location"] = {new: former for former, new in FORMER.items()}.get(
            old["money_location"], old["money_location"]
        )
        documents.append(old)
    for index, key in enumerate(
        ["separate_entity", "partner_not_government", "intermediary", "distributed", None]
    ):
        team = copy.deepcopy(documents[8])
        team.pop("source")
        team.pop("example_canvas")
        team.update(slug=f"team-{index}", name=f"Team {index}", money_location=key)
        documents.append(team)
    return documents


@pytest.mark.django_db(transaction=True)
def test_stored_money_keys_are_upgraded_and_nothing_else_changes():
    executor = _migrate(BEFORE)
    old_case = executor.loader.project_state(BEFORE).apps.get_model("cases", "Case")
    before = {}
    for position, document in enumerate(_previous_release_documents()):
        case = old_case.objects.create(
            slug=document["slug"],
            name=document["name"],
            document=document,
            visibility="library" if "source" in document else "published",
            position=position,
            theme=document["theme"],
            legal_form=document.get("legal_form") or "",
            money_location=document.get("money_location") or "",
            sectors="|government|business|",
            search_index=" woord ",
        )
        before[case.pk] = (document, case.money_location)
    assert {column for _, column in before.values()} >= set(FORMER)

    _migrate(executor.loader.graph.leaf_nodes())

    after = {case.pk: case for case in Case.objects.all()}
    assert set(after) == set(before)
    for pk, (document, column) in before.items():
        case = after[pk]
        expected_key = FORMER.get(document.get("money_location"), document.get("money_location"))
        assert case.document == {**document, "money_location": expected_key}
        assert case.money_location == FORMER.get(column, column)
        assert (case.slug, case.theme, case.legal_form, case.sectors, case.search_index) == (
            document["slug"],
            document["theme"],
            document.get("legal_form") or "",
            "|government|business|",
            # 0004 computes every stored index again with today's stems.
            search.serialise(search.index_for(case.document)),
        )
    # The upgraded library is what the shipped case files say now.
    shipped = {document["slug"]: document for document in library_cases()}
    for case in after.values():
        if case.slug in shipped:
            assert case.document == shipped[case.slug]
    assert not Case.objects.filter(money_location__in=list(FORMER)).exists()

    # And back: the previous release finds its own keys again.
    _migrate(BEFORE)
    reverted = executor.loader.project_state(BEFORE).apps.get_model("cases", "Case")
    for case in reverted.objects.all():
        document, column = before[case.pk]
        assert (case.document, case.money_location) == (document, column)
    _migrate(executor.loader.graph.leaf_nodes())

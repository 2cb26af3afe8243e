"""Search finds what people see on a canvas, accents ignored, best hits first, in pages.

Why: the stored JSON escapes "coöperatie", so searching it found nothing for words with
diacritics; and searching every revision's JSON does not scale to 10,000 collaborations.
Runs on SQLite and (with scripts/with-postgres.sh) on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from grenzeloos.canvas import services
from grenzeloos.canvas.document import empty_document
from grenzeloos.canvas.models import Canvas
from grenzeloos.canvas.search import fold, visible_text
from grenzeloos.canvas.views import LIST_PAGE_SIZE
from grenzeloos.core.errors import UserError


def canvas(owner: Any, subject: str, **fields: Any) -> Any:
    return services.create_collaboration(
        actor=owner, document={**empty_document(subject), **fields}
    )


@pytest.fixture
def owner(make_user):
    return make_user("zoeker")


@pytest.fixture
def three(owner):
    cooperatie = canvas(
        owner,
        "Bewonerscoöperatie Zeeën van Ruimte",
        dream="Een energiecafé in elke wijk; de coöperatie beheert de daken.",
        partners=[
            {
                "name": "Stichting Groene Daken",
                "role": "founding",
                "sector": "civil_society",
                "contributions": [{"kind": "people", "description": "Vrijwilligers café"}],
            }
        ],
    )
    once = canvas(owner, "Proeftuin mobiliteit", dream="Eén coöperatie voor deelfietsen.")
    other = canvas(owner, "Schuldhulp", dream="Vroeg signaleren van schulden.")
    return cooperatie, once, other


def found(owner, query: str) -> list[int]:
    return [c.pk for c in services.collaborations_for(user=owner, search=query)]


@pytest.mark.parametrize(
    "query", ["coöperatie", "cooperatie", "COOPERATIE", "energiecafé", "energiecafe"]
)
def test_words_with_and_without_diacritics(owner, three, query):
    cooperatie, once, other = three
    hits = found(owner, query)
    assert cooperatie.pk in hits and other.pk not in hits


def test_best_hit_first(owner, three):
    cooperatie, once, _ = three
    # "coöperatie" is in the first one's subject and dream, once in the second's dream.
    assert found(owner, "cooperatie") == [cooperatie.pk, once.pk]


def test_every_word_must_be_there_and_partner_text_counts(owner, three):
    cooperatie, once, _ = three
    assert found(owner, "bewonerscooperatie") == [cooperatie.pk]
    assert found(owner, "groene vrijwilligers") == [cooperatie.pk]
    assert found(owner, "cooperatie deelfietsen") == [once.pk]
    assert found(owner, "schema") == []  # keys of the JSON are not what people see


def test_inflections(owner, three):
    cooperatie, once, _ = three
    # "daken" is in the text; searching a part of a word finds it on every database.
    assert found(owner, "dak") == [cooperatie.pk]
    if connection.vendor == "postgresql":
        # The Dutch full-text configuration stems: "wijken" finds "wijk".
        assert found(owner, "wijken") == [cooperatie.pk]


@pytest.fixture
def warmte(owner):
    return canvas(
        owner,
        "Warmtenet Noord",
        dream="Een warmtenet voor de buurt, en zonnepanelen op het dak van de coöperatie.",
        societal_value="Bewoners van de Zeeën-wijk betalen minder voor energie.",
    )


@pytest.mark.parametrize(
    "query",
    ["coöperatie", "Cooperatie", "COÖPERATIE", "zeeen", "Zeeën", "zeeën-wijk", "buurt"],
)
def test_diacritics_and_case_on_every_database(owner, warmte, query):
    assert found(owner, query) == [warmte.pk]


@pytest.mark.parametrize(
    ("query", "stem_only"),
    [
        ("buurten", "buurt"),  # plural in the query, singular in the canvas
        ("daken", "dak"),
        ("zonnepaneel", "zonnepanelen"),  # singular in the query, plural in the canvas
        ("coöperatie buurten", None),  # every word: one as written, one inflected
    ],
)
def test_inflections_on_postgresql_and_their_limit_on_sqlite(owner, warmte, query, stem_only):
    if connection.vendor == "postgresql":
        # The Dutch configuration reduces both sides to the same stem.
        assert found(owner, query) == [warmte.pk]
    else:
        # Without a stemmer SQLite finds a word only where the query is part of the text: the
        # inflected form in the query finds nothing, the form in the canvas does.
        assert found(owner, query) == []
        if stem_only:
            assert found(owner, stem_only) == [warmte.pk]


def test_index_follows_the_head_revision(owner, three):
    cooperatie, *_ = three
    services.update_fields(
        actor=owner,
        collaboration=cooperatie,
        changes={"dream": "Een zonnepark op de dijk."},
        base_revision=1,
    )
    assert cooperatie.pk in found(owner, "zonnepark")
    assert "zonnepark" in Canvas.objects.get(pk=cooperatie.pk).search_text
    assert found(owner, "energiecafe") == []


def test_strangers_find_nothing(owner, three, make_user):
    assert found(make_user("vreemde"), "cooperatie") == []


def test_search_is_bounded(owner):
    with pytest.raises(UserError, match="200"):
        services.collaborations_for(user=owner, search="a" * 201)
    with pytest.raises(UserError, match="10"):
        services.collaborations_for(user=owner, search=" ".join("abcdefghijk"))


def test_fold_and_visible_text():
    assert fold("Bewonerscoöperatie Energiecafé ZEEËN") == "bewonerscooperatie energiecafe zeeen"
    text = visible_text({**empty_document("Ruimte"), "action_lines": ["Eerste stap"]})
    assert "ruimte" in text and "eerste stap" in text and "grenzeloos.canvas" not in text


def test_list_page_search_paging_and_bounds(owner, three):
    client = Client()
    client.force_login(owner)
    body = client.get(reverse("canvas:list"), {"q": "cooperatie"}).content.decode()
    assert "Bewonerscoöperatie" in body and "Schuldhulp" not in body
    too_long = client.get(reverse("canvas:list"), {"q": "x" * 300})
    assert too_long.status_code == 400 and "200" in too_long.content.decode()
    for number in range(2 * LIST_PAGE_SIZE + 5):
        canvas(owner, f"Extra {number}")
    first = client.get(reverse("canvas:list")).content.decode()
    assert first.count('class="utrecht-table__row"') == 1 + LIST_PAGE_SIZE  # with the header
    last = client.get(reverse("canvas:list"), {"page": 3}).content.decode()
    assert last.count('class="utrecht-table__row"') == 1 + 8  # three of the fixture + 5 extra
    assert "Extra 0" in last and f"Extra {2 * LIST_PAGE_SIZE + 4}" in first


def test_api_list_is_paged_with_count_and_links(owner, three):
    for number in range(3):
        canvas(owner, f"Extra {number}")
    client = APIClient()
    client.force_authenticate(owner)
    page = client.get("/api/v1/collaborations?page_size=4").json()
    assert page["count"] == 6 and len(page["results"]) == 4
    assert page["previous"] is None and "page=2" in page["next"]
    rest = client.get(page["next"]).json()
    assert len(rest["results"]) == 2 and rest["next"] is None
    hits = client.get("/api/v1/collaborations", {"search": "coöperatie"}).json()
    assert hits["count"] == 2
    assert client.get("/api/v1/collaborations", {"search": "x" * 300}).status_code == 400

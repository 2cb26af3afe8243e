"""Three-way merge: unit cases and properties that must hold for any edits."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from grenzeloos.canvas.document import LONG_TEXT_FIELDS, TEXT_FIELDS, validate
from grenzeloos.canvas.merge import merge, merge_order, merge_text
from grenzeloos.core.sentences import sentences
from tests.canvas.factories import load_fixture


def base_document():
    return validate(load_fixture("canvas-rich.json"))


def test_different_fields_both_survive():
    base = base_document()
    ours = {**base, "dream": "Onze nieuwe droom"}
    theirs = {**base, "pitch": "Hun nieuwe pitch"}
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.document["dream"] == "Onze nieuwe droom"
    assert result.document["pitch"] == "Hun nieuwe pitch"


def test_same_field_changed_differently_conflicts_and_names_it():
    base = base_document()
    result = merge(base, {**base, "dream": "A"}, {**base, "dream": "B"})
    assert not result.clean
    assert result.conflicting_fields == ("dream",)
    conflict = result.conflicts[0]
    assert (conflict.base, conflict.ours, conflict.theirs) == (base["dream"], "A", "B")


def test_same_change_on_both_sides_is_no_conflict():
    base = base_document()
    result = merge(base, {**base, "dream": "A"}, {**base, "dream": "A"})
    assert result.clean and result.document["dream"] == "A"


def test_partners_added_at_the_same_time_both_survive():
    base = base_document()
    new_a = {"name": "Nieuw A", "role": "stakeholder", "sector": "citizens"}
    new_b = {"name": "Nieuw B", "role": "sponsoring", "sector": "business"}
    ours = validate({**base, "partners": [*base["partners"], new_a]})
    theirs = validate({**base, "partners": [*base["partners"], new_b]})
    result = merge(base, ours, theirs)
    assert result.clean
    names = [p["name"] for p in result.document["partners"]]
    assert names[:6] == [p["name"] for p in base["partners"]]
    assert set(names[6:]) == {"Nieuw A", "Nieuw B"}


def test_editing_different_partners_merges_and_same_partner_conflicts():
    base = base_document()
    ours = copy.deepcopy(base)
    theirs = copy.deepcopy(base)
    ours["partners"][0]["role"] = "sponsoring"
    theirs["partners"][3]["interests"] = ["image"]
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.document["partners"][0]["role"] == "sponsoring"
    assert result.document["partners"][3]["interests"] == ["image"]

    theirs["partners"][0]["sector"] = "business"
    clash = merge(base, ours, theirs)
    assert [c.path for c in clash.conflicts] == ["partners[Gemeente Groenedijk]"]


def test_partner_removed_on_one_side_and_changed_on_the_other_conflicts():
    base = base_document()
    ours = copy.deepcopy(base)
    ours["partners"] = ours["partners"][1:]
    theirs = copy.deepcopy(base)
    theirs["partners"][0]["role"] = "stakeholder"
    assert merge(base, ours, theirs).conflicting_fields == ("partners",)


def test_action_lines_merge_item_by_item():
    base = base_document()
    lines = base["action_lines"]
    ours = {**base, "action_lines": [lines[0], "Onze nieuwe lijn", lines[1], lines[2]]}
    theirs = {**base, "action_lines": [lines[0], lines[1], lines[2] + " (aangepast)"]}
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.document["action_lines"] == [
        lines[0],
        "Onze nieuwe lijn",
        lines[1],
        lines[2] + " (aangepast)",
    ]


def test_merge_order_inserts_after_their_predecessor():
    assert merge_order(["a", "b"], ["a", "b", "x"], ["y", "a", "b"]) == ["y", "a", "b", "x"]


# --- properties ------------------------------------------------------------------------------

words = st.sampled_from(["droom", "samen", "één", "€", "wijk", "data", "’t", "pilot"])
texts = st.lists(words, max_size=6).map(" ".join)
line_pool = [f"Actie {i}" for i in range(12)]
partner_names = [f"Partner {c}" for c in "ABCDEFGH"]


@st.composite
def partners(draw, names):
    return {
        "name": draw(st.sampled_from(names)),
        "role": draw(st.sampled_from(["founding", "sponsoring", "stakeholder"])),
        "sector": draw(st.sampled_from(["government", "business", "citizens"])),
        "interests": draw(st.lists(st.sampled_from(["knowledge", "image"]), unique=True)),
        "contributions": [],
    }


@st.composite
def documents(draw):
    partner_list = draw(
        st.lists(partners(partner_names), max_size=5, unique_by=lambda p: p["name"])
    )
    return validate(
        {
            "schema": "grenzeloos.canvas/1",
            "subject": "Onderwerp " + draw(texts),
            **{field: draw(texts) for field in LONG_TEXT_FIELDS},
            "action_lines": draw(st.lists(st.sampled_from(line_pool), unique=True, max_size=6)),
            "partners": partner_list,
        }
    )


@st.composite
def edits(draw, base):
    """An edit of ``base``: some text fields, some action lines, some partners."""
    document = copy.deepcopy(base)
    for field in draw(st.lists(st.sampled_from(LONG_TEXT_FIELDS), unique=True, max_size=3)):
        document[field] = draw(texts)
    lines = [line for line in document["action_lines"] if draw(st.booleans())]
    for line in draw(st.lists(st.sampled_from(line_pool), unique=True, max_size=3)):
        if line not in lines and line not in base["action_lines"]:
            lines.insert(draw(st.integers(0, len(lines))), line)
    document["action_lines"] = lines
    return validate(document)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_merging_with_an_unchanged_side_gives_the_other_side(data):
    base = data.draw(documents())
    edited = data.draw(edits(base))
    assert merge(base, edited, base).document == edited
    assert merge(base, base, edited).document == edited
    assert merge(base, edited, edited).document == edited


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_conflicts_are_symmetric_and_only_where_both_changed(data):
    base = data.draw(documents())
    ours = data.draw(edits(base))
    theirs = data.draw(edits(base))
    forward = merge(base, ours, theirs)
    backward = merge(base, theirs, ours)
    assert set(forward.conflicting_fields) == set(backward.conflicting_fields)
    for field in forward.conflicting_fields:
        assert ours[field] != base[field] and theirs[field] != base[field]
        assert ours[field] != theirs[field]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_clean_merge_keeps_every_change_of_both_sides(data):
    base = data.draw(documents())
    ours = data.draw(edits(base))
    theirs = data.draw(edits(base))
    result = merge(base, ours, theirs)
    for field in TEXT_FIELDS:
        if field in result.conflicting_fields:
            continue
        if ours[field] != base[field]:
            assert result.document[field] == ours[field]
        elif theirs[field] != base[field]:
            assert result.document[field] == theirs[field]
        else:
            assert result.document[field] == base[field]
    merged_lines = result.document["action_lines"]
    assert len(merged_lines) == len(set(merged_lines))
    for side in (ours, theirs):
        for line in side["action_lines"]:
            if line not in base["action_lines"]:
                assert line in merged_lines
        for line in base["action_lines"]:
            if line not in side["action_lines"]:
                assert line not in merged_lines
    # The result is itself a valid canvas.
    assert validate(result.document) == result.document


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_different_partners_edited_concurrently_never_conflict(data):
    base = data.draw(documents().filter(lambda d: len(d["partners"]) >= 2))
    ours = copy.deepcopy(base)
    theirs = copy.deepcopy(base)
    ours["partners"][0]["role"] = (
        "stakeholder" if base["partners"][0]["role"] != "stakeholder" else "founding"
    )
    theirs["partners"][1]["interests"] = ["image", "knowledge"]
    extra = data.draw(partners(["Partner X", "Partner Y"]))
    theirs["partners"].append(extra)
    result = merge(base, ours, theirs)
    assert result.clean
    merged = {p["name"]: p for p in result.document["partners"]}
    assert merged[ours["partners"][0]["name"]] == ours["partners"][0]
    assert merged[theirs["partners"][1]["name"]] == theirs["partners"][1]
    assert extra["name"] in merged


# --- sentence by sentence (the "combine" of the conflict view) -------------------------------

GOVERNANCE = "Een stuurgroep besluit. Zij komt ca. 4 keer per jaar bijeen."


def test_two_added_sentences_are_combined_once_each_and_marked():
    ours = GOVERNANCE + " Wij voegen een adviesraad toe."
    theirs = GOVERNANCE + " De voorzitter rouleert o.a. per jaar."
    merged = merge_text(GOVERNANCE, ours, theirs)
    assert merged.text == (
        "Een stuurgroep besluit. Zij komt ca. 4 keer per jaar bijeen. "
        "De voorzitter rouleert o.a. per jaar. Wij voegen een adviesraad toe."
    )
    assert [(s.text, s.source) for s in merged.sentences if s.differs] == [
        ("De voorzitter rouleert o.a. per jaar.", "theirs"),
        ("Wij voegen een adviesraad toe.", "ours"),
    ]


def test_two_wholly_different_texts_are_kept_as_two_paragraphs():
    merged = merge_text("Oud.", "Tekst van mij.", "Tekst van hen.")
    assert merged.text == "Tekst van hen.\n\nTekst van mij."


def test_changes_in_different_sentences_merge_without_overlap():
    ours = "Een stuurgroep van vijf besluit. Zij komt ca. 4 keer per jaar bijeen."
    theirs = "Een stuurgroep besluit. Zij komt ca. 6 keer per jaar bijeen."
    merged = merge_text(GOVERNANCE, ours, theirs)
    assert not merged.overlapping
    assert merged.text == "Een stuurgroep van vijf besluit. Zij komt ca. 6 keer per jaar bijeen."


def test_a_removed_sentence_stays_removed_and_paragraphs_are_kept():
    base = "Eerste zin. Tweede zin.\n\nDerde zin."
    ours = "Eerste zin.\n\nDerde zin."
    theirs = "Eerste zin. Tweede zin.\n\nDerde zin. Vierde zin."
    assert merge_text(base, ours, theirs).text == "Eerste zin.\n\nDerde zin. Vierde zin."


sentence_pool = [f"Zin {n} over ca. {n} partners." for n in range(20)]


@st.composite
def sentence_edit(draw, base: list[str], pool: list[str]):
    """``base`` with some sentences removed and some new ones (from ``pool``) inserted."""
    kept = [s for s in base if draw(st.booleans())]
    for new in draw(st.lists(st.sampled_from(pool), unique=True, max_size=3)):
        kept.insert(draw(st.integers(0, len(kept))), new)
    return kept


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_sentence_merge_keeps_every_addition_once_and_unchanged_sentences_in_order(data):
    base = data.draw(st.lists(st.sampled_from(sentence_pool[:10]), unique=True, max_size=6))
    ours = data.draw(sentence_edit(base, [f"Onze zin {n}." for n in range(4)]))
    theirs = data.draw(sentence_edit(base, [f"Hun zin {n}." for n in range(4)]))
    merged = merge_text(" ".join(base), " ".join(ours), " ".join(theirs))
    result = [s.text for s in merged.sentences]
    assert sentences(merged.text) == result  # the text reads back as the same sentences
    # Never repeats a sentence.
    assert len(result) == len(set(result))
    # Never loses a sentence either side added.
    for side in (ours, theirs):
        for sentence in side:
            if sentence not in base:
                assert sentence in result
    # Sentences both kept appear once, in their order; removed ones are gone.
    unchanged = [s for s in base if s in ours and s in theirs]
    assert [s for s in result if s in unchanged] == unchanged
    for sentence in base:
        if sentence not in ours or sentence not in theirs:
            assert sentence not in result


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_sentence_merge_with_an_unchanged_side_gives_the_other_side(data):
    base = data.draw(st.lists(st.sampled_from(sentence_pool), unique=True, max_size=6))
    edited = " ".join(data.draw(sentence_edit(base, sentence_pool)))
    text = " ".join(base)
    assert merge_text(text, edited, text).text == edited
    assert merge_text(text, text, edited).text == edited
    assert merge_text(text, edited, edited).text == edited

"""The pitch builder: the paper canvas's pitch questions answered from the canvas, in two lengths
and two languages, tailored to an audience from the interests the canvas states."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grenzeloos.core.errors import UserError
from grenzeloos.guidance.pitch import MAX_WORDS, build_pitch, resolve_audience
from tests.canvas.factories import large_canvas
from tests.guidance.canvases import exemplary


def test_short_pitch_answers_the_canvas_questions_in_about_sixty_words() -> None:
    pitch = build_pitch(exemplary(), length="short", language="en")
    assert 35 <= pitch.words <= 75
    text = pitch.text
    assert "In 2030 leeft geen gezin in Oost meer met schuldenzorgen" in text  # the dream
    assert "minder stress en armoede voor gezinnen" in text  # what it brings society
    assert "Gemeente Oost" in text and "Spaarbank Oost" in text  # with whom
    assert text.endswith("Join us.")


def test_long_pitch_is_longer_and_adds_proposition_and_first_steps() -> None:
    short = build_pitch(exemplary(), length="short", language="en")
    long = build_pitch(exemplary(), length="long", language="en")
    assert short.words < long.words <= 230
    assert "vroegsignaleringsaanpak" in long.text
    assert "binnen zes weken een co-creatiesessie" in long.text
    assert "Hogeschool Oost" in long.text and "Wijkraad Oost" in long.text


@pytest.mark.parametrize("length", ["short", "long"])
def test_long_texts_fit_the_word_limit_in_whole_sentences(length: str) -> None:
    pitch = build_pitch(large_canvas(), length=length, language="nl")
    assert pitch.words <= MAX_WORDS[length]
    assert "…" not in pitch.text
    assert (
        "Onze droom: Samenwerken over grenzen heen vraagt vertrouwen, geduld en een gedeelde "
        "droom." in pitch.text
    )


def test_a_first_sentence_too_long_for_the_pitch_is_left_out_not_cut_off() -> None:
    long_sentence = " ".join(["woord"] * 60) + "."
    document = exemplary(dream=long_sentence + " Korte zin.")
    pitch = build_pitch(document, length="short", language="nl")
    assert "woord" not in pitch.text and "…" not in pitch.text
    assert pitch.text.startswith("We werken samen aan ")


def test_sentences_are_not_split_at_abbreviations() -> None:
    document = exemplary(
        dream="Wij vergroenen ca. 40 daken, o.a. in Oost, m.b.t. de hitte. Daarna de hele stad.",
        societal_value="Bijv. 3.5 graden koeler. Minder schade.",
    )
    pitch = build_pitch(document, length="short", language="nl")
    assert "Onze droom: Wij vergroenen ca. 40 daken, o.a. in Oost, m.b.t. de hitte." in pitch.text
    assert "oplevert: bijv. 3.5 graden koeler." in pitch.text


def test_an_other_interest_loses_its_label_and_a_long_one_is_left_out() -> None:
    document = exemplary()
    document["partners"][1]["interests"] = [
        {"other": "Anders: Nieuwe klanten in de wijk."},
        {"other": "Wij willen graag groeien. En meer verdienen aan onze diensten."},
    ]
    pitch = build_pitch(document, audience="Spaarbank Oost", length="short", language="nl")
    assert pitch.text.endswith("Voor Spaarbank Oost levert het nieuwe klanten in de wijk op.")
    assert "Anders" not in pitch.text and "groeien" not in pitch.text


def test_a_partner_as_audience_hears_what_it_gains_from_its_interests() -> None:
    pitch = build_pitch(exemplary(), audience="hogeschool oost", length="short", language="en")
    assert pitch.audience.kind == "partner"
    assert pitch.text.endswith(
        "For Hogeschool Oost it brings knowledge built up together with the other partners and "
        "a way to meet and attract talent."
    )


def test_an_organisation_type_hears_what_its_partners_gain() -> None:
    pitch = build_pitch(exemplary(), audience="bedrijven", length="long", language="en")
    assert pitch.audience.kind == "sector" and pitch.audience.sector == "business"
    assert (
        "For companies it brings a visible contribution to society, a stronger name on this "
        "subject and lower costs through shared work." in pitch.text
    )


def test_an_other_interest_is_quoted_as_written() -> None:
    document = exemplary()
    document["partners"][1]["interests"] = [{"other": "nieuwe klanten in de wijk"}]
    pitch = build_pitch(document, audience="Spaarbank Oost", length="short", language="en")
    assert pitch.text.endswith("For Spaarbank Oost it brings nieuwe klanten in de wijk.")


def test_an_outside_organisation_is_invited() -> None:
    pitch = build_pitch(exemplary(), audience="  Gemeente   Utrecht ", language="en")
    assert pitch.audience.kind == "organisation"
    assert pitch.text.endswith("We would like Gemeente Utrecht to join us.")


def test_dutch_pitch() -> None:
    pitch = build_pitch(exemplary(), audience="Wijkraad Oost", length="short", language="nl")
    assert pitch.text.startswith("Onze droom: In 2030 leeft geen gezin")
    assert "Dat doen we met" in pitch.text
    assert pitch.text.endswith(
        "Voor Wijkraad Oost levert het een zichtbare bijdrage aan de samenleving en een breder "
        "netwerk rond dit thema op."
    )


def test_an_almost_empty_canvas_still_gives_a_pitch() -> None:
    pitch = build_pitch({"schema": "grenzeloos.canvas/1", "subject": "Groene daken"}, language="en")
    assert pitch.text == "We work together on Groene daken. Join us."


def test_unknown_length_is_a_user_error() -> None:
    with pytest.raises(UserError, match="length 'medium'"):
        build_pitch(exemplary(), length="medium")


def test_resolve_audience_prefers_a_partner_over_a_type() -> None:
    document = exemplary()
    document["partners"][0]["name"] = "Overheid"
    assert resolve_audience(document, "overheid").kind == "partner"
    assert resolve_audience(document, "kennisinstellingen").sector == "knowledge"
    assert resolve_audience(document, None).kind == "general"


@settings(max_examples=60, deadline=None)
@given(
    dream=st.text(max_size=400),
    value=st.text(max_size=400),
    lines=st.lists(st.text(min_size=1, max_size=80), max_size=6),
    names=st.lists(st.text(min_size=1, max_size=30), max_size=12, unique=True),
    length=st.sampled_from(["short", "long"]),
    language=st.sampled_from(["nl", "en"]),
)
def test_pitch_is_deterministic_and_within_its_limit(dream, value, lines, names, length, language):
    document = exemplary(
        dream=dream,
        societal_value=value,
        action_lines=lines,
        partners=[{"name": n, "role": "founding", "sector": "business"} for n in names],
    )
    first = build_pitch(document, length=length, language=language)
    assert first == build_pitch(document, length=length, language=language)
    assert first.words <= MAX_WORDS[length]

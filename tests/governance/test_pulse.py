"""The health pulse: answers are anonymous and a group's figures show only from five answers
(four show nothing, five the aggregate, never one person's answer); one answer per person and
period; the canvas page shows the red/amber/green summary."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.test import Client
from django.urls import reverse

from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.core.errors import Conflict, InvalidInput
from grenzeloos.governance import pulse, services
from grenzeloos.governance.models import PulseAnswer
from tests.accounts.factories import UserFactory

KEYS = tuple(pulse.STATEMENTS)


def _scores(value: int, **other: int) -> dict[str, int]:
    return {key: other.get(key, value) for key in KEYS}


def test_four_answers_show_nothing_and_five_show_the_mean():
    answers = [_scores(n) for n in (1, 2, 3, 4)]
    assert pulse.aggregate(answers) == pulse.Aggregate(shown=False, respondents=None, means={})
    shown = pulse.aggregate([*answers, _scores(5, energy=1)])
    assert shown.shown and shown.respondents == 5
    assert shown.means["shared_goal"] == Fraction(3) and shown.colour("shared_goal") == "amber"
    assert shown.means["energy"] == Fraction(11, 5) and shown.colour("energy") == "red"
    assert pulse.colour(Fraction(4)) == "green"


def test_a_statement_left_out_or_off_the_scale_is_refused():
    for scores in (_scores(3, energy=6), {k: 3 for k in KEYS[1:]}, {**_scores(3), "x": 1}):
        with pytest.raises(ValueError):
            pulse.validate(scores)


@pytest.fixture
def members(people):
    found = [people["owner"], people["editor"], people["viewer"]]
    for n in range(4):
        user = UserFactory(username=f"lid{n}")
        Membership.objects.create(
            collaboration=people["collaboration"], user=user, role=Role.VIEWER
        )
        found.append(user)
    return found


def test_answers_are_stored_without_the_person_and_once_a_period(people, members):
    cid = people["collaboration"].pk
    for index, member in enumerate(members[:4]):
        services.answer_pulse(
            actor=member,
            collaboration_id=cid,
            period="2026-Q4",
            sector="government" if index < 3 else "business",
            scores=_scores(4 if index else 2),
        )
    with pytest.raises(Conflict):
        services.answer_pulse(
            actor=members[0],
            collaboration_id=cid,
            period="2026-Q4",
            sector="business",
            scores=_scores(5),
        )
    with pytest.raises(InvalidInput, match="period"):
        services.answer_pulse(
            actor=members[5],
            collaboration_id=cid,
            period="Q4",
            sector="business",
            scores=_scores(5),
        )
    fields = {field.name for field in PulseAnswer._meta.get_fields()}
    assert fields == {"id", "collaboration", "period", "sector", "scores"}
    (four,) = services.pulse_results(actor=people["viewer"], collaboration_id=cid)
    assert not four.overall.shown and not any(g.shown for g in four.groups.values())
    services.answer_pulse(
        actor=members[4],
        collaboration_id=cid,
        period="2026-Q4",
        sector="business",
        scores=_scores(4),
    )
    (five,) = services.pulse_results(actor=people["viewer"], collaboration_id=cid)
    assert five.overall.shown and five.overall.means["community"] == Fraction(18, 5)
    # Three answered for government and two for business: neither group shows.
    assert {sector: g.shown for sector, g in five.groups.items()} == {
        "government": False,
        "business": False,
    }


def test_the_pulse_page_and_the_canvas_summary(people, members):
    cid = people["collaboration"].pk
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(people["viewer"])
    form = {"period": services.current_period(), "sector": "citizens", **_scores(5)}
    assert client.post(reverse("governance:pulse", args=[cid]), form).status_code == 302
    assert client.post(reverse("governance:pulse", args=[cid]), form).status_code == 400
    page = client.get(reverse("governance:pulse", args=[cid])).content.decode()
    assert "You answered this period" in page and "fewer than 5 answers" in page
    assert "Health pulse " not in client.get(reverse("canvas:detail", args=[cid])).content.decode()
    for member in members[3:7]:
        services.answer_pulse(
            actor=member,
            collaboration_id=cid,
            period=services.current_period(),
            sector="citizens",
            scores=_scores(2),
        )
    canvas = client.get(reverse("canvas:detail", args=[cid])).content.decode()
    assert f"Health pulse {services.current_period()}" in canvas
    assert canvas.count("gz-pulse--red") == len(KEYS)  # a mean of (5 + 4 × 2) / 5 = 2.6


def test_the_pulse_through_the_api_shows_no_group_below_five(people, members):
    cid = people["collaboration"].pk
    url = f"/api/v1/collaborations/{cid}/governance/pulse"
    for index, member in enumerate(members[:5]):
        client = Client()
        client.force_login(member)
        answer = {
            "period": "2026-11",
            "sector": "government" if index else "business",
            "scores": _scores(3 + index % 2),
        }
        response = client.post(url, answer, content_type="application/json")
        assert response.status_code == 204
    again = client.post(url, answer, content_type="application/json")
    assert again.status_code == 409
    (period,) = client.get(url).json()
    assert period["period"] == "2026-11"
    assert period["groups"][0] == {
        "group": "all",
        "shown": True,
        "respondents": 5,
        "means": dict.fromkeys(KEYS, 3.4),
    }
    assert {
        g["group"]: (g["shown"], g["respondents"], g["means"]) for g in period["groups"][1:]
    } == {
        "business": (False, None, {}),
        "government": (False, None, {}),
    }

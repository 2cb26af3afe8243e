"""Quorum and outcome of a body's vote under every method, weighting and tie (no database)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grenzeloos.governance.voting import (
    Ballot,
    Choice,
    Method,
    Outcome,
    needed_for_quorum,
    tally,
)

F, A, X = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN


def board(*choices, weights=None):
    weights = weights or [1] * len(choices)
    return [
        Ballot(f"m{n}", choice, weight)
        for n, (choice, weight) in enumerate(zip(choices, weights, strict=True))
    ]


@pytest.mark.parametrize(
    ("voting", "quorum", "needed"),
    [
        (5, Fraction(1, 2), 3),
        (4, Fraction(1, 2), 2),
        (6, Fraction(2, 3), 4),
        (7, Fraction(2, 3), 5),
        (1, Fraction(1, 2), 1),
        (10, Fraction(0), 1),
        (3, Fraction(1), 3),
    ],
)
def test_quorum_is_the_share_rounded_up(voting, quorum, needed):
    assert needed_for_quorum(voting, quorum) == needed


@pytest.mark.parametrize(
    ("method", "choices", "outcome"),
    [
        # Majority: abstentions count for the quorum, not for the outcome; a tie rejects.
        (Method.MAJORITY, (F, F, A, X, None), Outcome.ADOPTED),
        (Method.MAJORITY, (F, A, X, X, None), Outcome.REJECTED),
        (Method.MAJORITY, (F, A, A, None, None), Outcome.REJECTED),
        (Method.MAJORITY, (F, None, None, None, None), Outcome.NO_QUORUM),
        # Unanimity: every voting member for; an abstention or an absent member blocks.
        (Method.UNANIMITY, (F, F, F, F, F), Outcome.ADOPTED),
        (Method.UNANIMITY, (F, F, F, F, X), Outcome.REJECTED),
        (Method.UNANIMITY, (F, F, F, F, None), Outcome.REJECTED),
        # Consent: adopted unless someone objects; abstaining is consenting.
        (Method.CONSENT, (F, X, X, None, None), Outcome.ADOPTED),
        (Method.CONSENT, (F, F, F, F, A), Outcome.REJECTED),
        (Method.CONSENT, (X, None, None, None, None), Outcome.NO_QUORUM),
        # Advice decides nothing, but needs the quorum to be advice of the body.
        (Method.ADVICE, (A, A, A, F, None), Outcome.ADVISED),
        (Method.ADVICE, (A, None, None, None, None), Outcome.NO_QUORUM),
    ],
)
def test_outcome_per_method(method, choices, outcome):
    assert tally(board(*choices), method=method).outcome == outcome


def test_a_tie_is_marked_and_rejects():
    result = tally(board(F, F, A, A, X), method=Method.MAJORITY)
    assert (result.tie, result.outcome) == (True, Outcome.REJECTED)
    assert (result.for_weight, result.against_weight, result.abstain_weight) == (2, 2, 1)


def test_weights_decide_a_majority_and_the_quorum():
    # A founding partner's two votes outweigh one against; the same votes unweighted tie.
    assert tally(board(F, A, None, weights=[2, 1, 1]), method=Method.MAJORITY).outcome == (
        Outcome.ADOPTED
    )
    assert tally(board(F, A, None), method=Method.MAJORITY).tie
    # Quorum by weight: 2 of 6 present is not half, 3 of 6 is.
    assert tally(board(F, None, None, weights=[2, 2, 2]), method=Method.MAJORITY).outcome == (
        Outcome.NO_QUORUM
    )
    result = tally(board(F, None, weights=[3, 3]), method=Method.MAJORITY)
    assert (result.present, result.needed, result.outcome) == (3, 3, Outcome.ADOPTED)


def test_members_without_a_vote_count_nowhere():
    ballots = [*board(F, F, A), Ballot("subsidy giver", A, 5, voting=False)]
    result = tally(ballots, method=Method.CONSENT)
    assert result.against_weight == 1 and result.voting_weight == 3
    assert tally(ballots, method=Method.MAJORITY).outcome == Outcome.ADOPTED


def test_one_ballot_per_member_and_whole_weights():
    with pytest.raises(ValueError, match="one ballot"):
        tally([Ballot("anna", F), Ballot("anna", A)], method=Method.MAJORITY)
    for weight in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="whole number"):
            Ballot("anna", F, weight)  # type: ignore[arg-type]


def test_a_body_without_voting_members_decides_nothing():
    result = tally([Ballot("observer", F, voting=False)], method=Method.MAJORITY)
    assert result.outcome == Outcome.NO_QUORUM and result.voting_weight == 0


choices = st.sampled_from([F, A, X, None])
ballots = st.lists(
    st.tuples(choices, st.integers(1, 5), st.booleans()), min_size=1, max_size=12
).map(
    lambda rows: [
        Ballot(f"m{n}", choice, weight, voting) for n, (choice, weight, voting) in enumerate(rows)
    ]
)
quorums = st.fractions(min_value=0, max_value=1, max_denominator=10)
methods = st.sampled_from(list(Method))


@given(ballots, methods, quorums)
def test_without_quorum_nothing_is_decided(rows, method, quorum):
    result = tally(rows, method=method, quorum=quorum)
    present = sum(b.weight for b in rows if b.voting and b.choice is not None)
    assert result.present == present
    assert (result.outcome == Outcome.NO_QUORUM) == (
        result.voting_weight == 0 or present < needed_for_quorum(result.voting_weight, quorum)
    )


@given(ballots, quorums)
def test_unanimity_implies_majority_and_consent(rows, quorum):
    if tally(rows, method=Method.UNANIMITY, quorum=quorum).outcome == Outcome.ADOPTED:
        assert tally(rows, method=Method.MAJORITY, quorum=quorum).outcome == Outcome.ADOPTED
        assert tally(rows, method=Method.CONSENT, quorum=quorum).outcome == Outcome.ADOPTED


@given(ballots, methods, quorums, st.data())
def test_a_vote_changed_to_for_never_turns_adopted_into_rejected(rows, method, quorum, data):
    before = tally(rows, method=method, quorum=quorum)
    index = data.draw(st.integers(0, len(rows) - 1))
    old = rows[index]
    if old.choice is None:  # casting a vote could make the quorum: compare like with like
        return
    changed = [*rows[:index], Ballot(old.member, F, old.weight, old.voting), *rows[index + 1 :]]
    after = tally(changed, method=method, quorum=quorum)
    if before.outcome == Outcome.ADOPTED:
        assert after.outcome == Outcome.ADOPTED


@given(ballots, methods, quorums, st.integers(2, 4))
def test_equal_weights_are_one_member_one_vote(rows, method, quorum, factor):
    single = [Ballot(b.member, b.choice, 1, b.voting) for b in rows]
    scaled = [Ballot(b.member, b.choice, factor, b.voting) for b in rows]
    assert tally(single, method=method, quorum=quorum).outcome == (
        tally(scaled, method=method, quorum=quorum).outcome
    )


@given(ballots, methods, quorums)
def test_ballots_of_members_without_a_vote_change_nothing(rows, method, quorum):
    voters = [b for b in rows if b.voting]
    assert tally(voters, method=method, quorum=quorum) == tally(rows, method=method, quorum=quorum)

"""How a body decides: quorum and outcome of a vote under each method, as plain functions.

No database: a decision's votes go in as :class:`Ballot` rows, the result comes out as a
:class:`Tally` that the services store and the pages, the API, the CLI and the minutes show. One
function, so every interface counts the same way, and a property test can state the rules:

* **Quorum** — enough voting members took part: ``quorum`` is the share of the voting members
  (by number, or by weight when votes are weighted) that must have cast a vote, abstentions
  included. Without quorum nothing is decided, whatever the votes say.
* **Majority** — more weight for than against among the votes cast; abstentions do not count
  either way. A tie rejects the proposal ("bij staking van stemmen is het voorstel verworpen",
  the usual rule of Dutch associations and foundations).
* **Unanimity** — every voting member voted for: an abstention or a member who did not vote
  blocks it as surely as a vote against.
* **Consent** — adopted unless a voting member objects (a vote against is an objection);
  abstaining is consenting, as the sociocratic rounds in the publication's cases work.
* **Advice** — a body that advises decides nothing: the tally records the advice given (for,
  against, abstained) and the outcome is always *advised*.

Members without a vote (an observer, a subsidy giver kept out of the board, a secretary) may sit
in a body: their ballots are counted nowhere. Weights (e.g. by partner role) are positive whole
numbers; one member, one vote when they are all 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Method(StrEnum):
    CONSENT = "consent"
    MAJORITY = "majority"
    UNANIMITY = "unanimity"
    ADVICE = "advice"


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Outcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"
    ADVISED = "advised"


@dataclass(frozen=True)
class Ballot:
    """One member of the body: whether they vote, their weight, and their vote (None: not cast)."""

    member: str
    choice: Choice | None = None
    weight: int = 1
    voting: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.weight, bool) or not isinstance(self.weight, int) or self.weight < 1:
            raise ValueError(f"weight of {self.member!r} must be a whole number from 1")


@dataclass(frozen=True)
class Tally:
    method: Method
    outcome: Outcome
    quorum_met: bool
    #: Weight present (votes cast, abstentions included) against the weight needed.
    present: int
    needed: int
    voting_weight: int
    for_weight: int
    against_weight: int
    abstain_weight: int
    #: True when for and against were equal (majority only): the tie rejected the proposal.
    tie: bool = False


def needed_for_quorum(voting_weight: int, quorum: Fraction) -> int:
    """The least weight present that makes the quorum: ``quorum`` of the voting weight, rounded
    up (a quorum of one half of 5 members is 3), and at least 1."""
    if not 0 <= quorum <= 1:
        raise ValueError("quorum is a share between 0 and 1")
    share = quorum * voting_weight
    whole = share.numerator // share.denominator
    return max(1, whole + (1 if share != whole else 0))


def tally(ballots: Iterable[Ballot], *, method: Method, quorum: Fraction = Fraction(1, 2)) -> Tally:
    """The quorum and outcome of a vote (see the module docstring for the rules)."""
    voting = [ballot for ballot in ballots if ballot.voting]
    members = [ballot.member for ballot in voting]
    if len(set(members)) != len(members):
        raise ValueError("a member has one ballot")
    weight = {choice: 0 for choice in Choice}
    for ballot in voting:
        if ballot.choice is not None:
            weight[Choice(ballot.choice)] += ballot.weight
    voting_weight = sum(ballot.weight for ballot in voting)
    present = sum(weight.values())
    needed = needed_for_quorum(voting_weight, quorum)
    quorum_met = voting_weight > 0 and present >= needed
    tie = False
    if not quorum_met:
        outcome = Outcome.NO_QUORUM
    elif method == Method.ADVICE:
        outcome = Outcome.ADVISED
    elif method == Method.CONSENT:
        outcome = Outcome.REJECTED if weight[Choice.AGAINST] else Outcome.ADOPTED
    elif method == Method.UNANIMITY:
        outcome = Outcome.ADOPTED if weight[Choice.FOR] == voting_weight else Outcome.REJECTED
    else:
        tie = weight[Choice.FOR] == weight[Choice.AGAINST]
        outcome = (
            Outcome.ADOPTED if weight[Choice.FOR] > weight[Choice.AGAINST] else Outcome.REJECTED
        )
    return Tally(
        method=Method(method),
        outcome=outcome,
        quorum_met=quorum_met,
        present=present,
        needed=needed,
        voting_weight=voting_weight,
        for_weight=weight[Choice.FOR],
        against_weight=weight[Choice.AGAINST],
        abstain_weight=weight[Choice.ABSTAIN],
        tie=tie,
    )

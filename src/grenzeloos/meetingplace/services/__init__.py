"""Use cases of the meeting place: publish a problem, answer one, compare at the round table,
find the others who share it, see which seats are empty, and start the collaboration.

One module per concern, their public names re-exported here:

- :mod:`.visibility`: who speaks for which organisation, and who sees which statement
  (:func:`visible_statements`, the one place that decides it);
- :mod:`.statements`: publishing, closing, the lists and search;
- :mod:`.answers`: answers and the round-table comparison;
- :mod:`.finding`: matches, ranked with their reasons;
- :mod:`.seats`: the missing seats at a forming collaboration's table;
- :mod:`.starting`: from statement to collaboration in one step;
- :mod:`.digest`: the e-mail digest of new statements that match one's themes, and its signed
  link to stop it; :mod:`.subscriptions`: who chose which digest.
"""

from __future__ import annotations

from grenzeloos.meetingplace.models import (
    Agreement,
    Answer,
    AnswerKind,
    ClosedReason,
    Comparison,
    Side,
    Statement,
    StatementTerm,
    Status,
    Visibility,
)
from grenzeloos.meetingplace.services.answers import (
    answer,
    answers_for,
    compare,
    confirmed,
    get_answer,
)
from grenzeloos.meetingplace.services.common import TEXT_MAX, THEMES_MAX, TITLE_MAX
from grenzeloos.meetingplace.services.digest import (
    DIGEST_LIMIT,
    PERIODS,
    DigestRun,
    digest_statements,
    followers,
    own_themes,
    send_digests,
    unsubscribe,
    unsubscribe_token,
    unsubscribe_url,
    user_for_token,
)
from grenzeloos.meetingplace.services.finding import (
    CANDIDATES,
    COUNT_CAP,
    MATCH_FIELDS,
    POSTINGS,
    THEME_WEIGHT,
    WORDS_REASON,
    Match,
    Matches,
    OrganisationMatch,
    matches,
)
from grenzeloos.meetingplace.services.seats import EmptySeat, Suggestion, Table, missing_seats
from grenzeloos.meetingplace.services.starting import start_collaboration
from grenzeloos.meetingplace.services.statements import (
    StatementData,
    close,
    find_statements,
    list_statements,
    publish,
    statement_page,
)
from grenzeloos.meetingplace.services.subscriptions import Subscriber
from grenzeloos.meetingplace.services.visibility import (
    get_statement,
    may_see,
    my_organisations,
    owns,
    visible_statements,
)

__all__ = [
    "CANDIDATES",
    "COUNT_CAP",
    "DIGEST_LIMIT",
    "MATCH_FIELDS",
    "PERIODS",
    "POSTINGS",
    "TEXT_MAX",
    "THEMES_MAX",
    "THEME_WEIGHT",
    "TITLE_MAX",
    "WORDS_REASON",
    "Agreement",
    "Answer",
    "AnswerKind",
    "ClosedReason",
    "Comparison",
    "DigestRun",
    "EmptySeat",
    "Match",
    "Matches",
    "OrganisationMatch",
    "Side",
    "Statement",
    "StatementData",
    "StatementTerm",
    "Status",
    "Subscriber",
    "Suggestion",
    "Table",
    "Visibility",
    "answer",
    "answers_for",
    "close",
    "compare",
    "confirmed",
    "digest_statements",
    "find_statements",
    "followers",
    "get_answer",
    "get_statement",
    "list_statements",
    "matches",
    "may_see",
    "missing_seats",
    "my_organisations",
    "own_themes",
    "owns",
    "publish",
    "send_digests",
    "start_collaboration",
    "statement_page",
    "unsubscribe",
    "unsubscribe_token",
    "unsubscribe_url",
    "user_for_token",
    "visible_statements",
]

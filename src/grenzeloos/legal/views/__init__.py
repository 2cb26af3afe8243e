"""Web pages of the legal route check: a one-question-per-screen wizard, its outcome, and the
assessments of a collaboration (list, sign-off, send back, reopen, downloads).

Why one wizard for two places: a policy officer may just want to check a situation
(stand-alone, answers in the session, :mod:`.check`) or record the check on a collaboration
(answers on a draft :class:`LegalAssessment`, :mod:`.assessments`). A :class:`~.flow.Flow` hides
where the answers live, so every screen (:mod:`.flow`) is the same. Forms are plain HTML forms;
nothing needs JavaScript. Permissions come from the collaboration: viewers read, editors write,
reviewers sign off, strangers get 404, anonymous people sign in.
"""

from grenzeloos.legal.views.assessments import (
    assessment_beneficiary,
    assessment_beneficiary_add,
    assessment_beneficiary_remove,
    assessment_detail,
    assessment_new,
    assessment_partners,
    assessment_policy,
    assessment_question,
    assessment_reason,
    assessment_reopen,
    assessment_report,
    assessment_send_back,
    assessment_sign_off,
    assessment_start,
    assessment_summary,
    collaboration_assessments,
)
from grenzeloos.legal.views.check import (
    check_beneficiary,
    check_beneficiary_add,
    check_beneficiary_remove,
    check_outcome,
    check_policy,
    check_question,
    check_report,
    check_reset,
    check_start,
    check_summary,
)
from grenzeloos.legal.views.flow import SESSION_KEY

__all__ = [
    "SESSION_KEY",
    "assessment_beneficiary",
    "assessment_beneficiary_add",
    "assessment_beneficiary_remove",
    "assessment_detail",
    "assessment_new",
    "assessment_partners",
    "assessment_policy",
    "assessment_question",
    "assessment_reason",
    "assessment_reopen",
    "assessment_report",
    "assessment_send_back",
    "assessment_sign_off",
    "assessment_start",
    "assessment_summary",
    "check_beneficiary",
    "check_beneficiary_add",
    "check_beneficiary_remove",
    "check_outcome",
    "check_policy",
    "check_question",
    "check_report",
    "check_reset",
    "check_start",
    "check_summary",
    "collaboration_assessments",
]

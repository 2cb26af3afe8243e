"""Use cases of guidance: the advice check and the pitch of a collaboration's canvas.

Both only read. The caller fetches the collaboration through the one access API
(``collaborations.access``, action ``guidance.view``), which proves the acting person may see it;
these functions then read the canvas through the port in ``core.extensions`` and run the plain
engines (:mod:`~grenzeloos.guidance.advice`, :mod:`~grenzeloos.guidance.pitch`).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import UserError
from grenzeloos.core.extensions import CanvasSnapshot, has_legal_assessment, read_canvas
from grenzeloos.guidance.advice import Facts, Report, check
from grenzeloos.guidance.pitch import Pitch, build_pitch

LANGUAGES = ("nl", "en")


def _language(language: str) -> str:
    code = (language or "").split("-")[0].lower()
    if code not in LANGUAGES:
        raise UserError(
            _("language %(value)r is not one of %(options)s")
            % {"value": language, "options": ", ".join(LANGUAGES)}
        )
    return code


def report_for_snapshot(snapshot: CanvasSnapshot, *, language: str) -> Report:
    """The advice check of one canvas revision, with the facts on record about it."""
    return check(
        snapshot.document,
        facts=Facts(has_legal_assessment=has_legal_assessment(snapshot.collaboration_id)),
        language=_language(language),
        collaboration=snapshot.collaboration_id,
        revision=snapshot.revision,
    )


def advice(*, collaboration: Collaboration, language: str, revision: int | None = None) -> Report:
    """The advice check of the collaboration's canvas (its latest revision unless given)."""
    return report_for_snapshot(read_canvas(collaboration.pk, revision), language=language)


def pitch(
    *,
    collaboration: Collaboration,
    language: str,
    audience: str | None = None,
    length: str = "short",
) -> Pitch:
    """A drafted pitch from the collaboration's latest canvas."""
    snapshot = read_canvas(collaboration.pk)
    return build_pitch(
        snapshot.document, audience=audience, length=length, language=_language(language)
    )

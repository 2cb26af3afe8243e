"""The advice panel on the canvas page, registered through ``core.extensions``.

The canvas page checks access before it renders panels, so the panel needs no check of its own.
It updates as people edit by fetching the canvas page again after every successful save (htmx
``hx-select`` of the panel), and drafts a pitch through the same page (GET parameters), so it
adds no endpoint that would need a permission check of its own. The drafted pitch is saved with
the canvas's own field form, which does the canvas's own checks and merge.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from grenzeloos.core.extensions import (
    CanvasPageContext,
    collaboration_url,
    document_digest,
    has_legal_assessment,
)
from grenzeloos.guidance.advice import SEVERITIES, Finding, Report
from grenzeloos.guidance.pitch import LENGTHS, SECTOR_ALIASES, build_pitch, sector_audience_label
from grenzeloos.guidance.services import report_for_snapshot

LANGUAGES = ("nl", "en")


def advice_report(context: CanvasPageContext) -> Report:
    return report_for_snapshot(context.snapshot, language=translation.get_language() or "nl")


def _pitch_form(context: CanvasPageContext) -> dict[str, Any]:
    """The draft-pitch form as asked for in the page's GET parameters, and its draft if asked."""
    query = context.request.GET
    document = context.snapshot.document
    audience = query.get("pitch_audience", "").strip()[:200]
    length = query.get("pitch_length", "short")
    length = length if length in LENGTHS else "short"
    language = query.get("pitch_language", translation.get_language() or "nl")
    language = language if language in LANGUAGES else "nl"
    partners = [str(p.get("name", "")) for p in document.get("partners") or []]
    sectors = [(key, sector_audience_label(key)) for key in SECTOR_ALIASES]
    draft = None
    if "pitch_length" in query:
        draft = build_pitch(document, audience=audience or None, length=length, language=language)
    return {
        "audience": audience,
        "length": length,
        "language": language,
        "partners": partners,
        "sectors": sectors,
        "lengths": [("short", _("Short (about 60 words)")), ("long", _("Long (about 200 words)"))],
        "languages": [("nl", "Nederlands"), ("en", "English")],
        "draft": draft,
        # A pitch on the canvas already (hand-written or saved before): replacing it asks first.
        "current": " ".join(str(document.get("pitch") or "").split()),
    }


#: The link to the page where a finding is settled, besides its box on the canvas.
def _elsewhere(finding: Finding, collaboration_id: int) -> list[dict[str, str]]:
    labels = {
        "legal": _("Go to the legal route check"),
        "ledger": _("Go to partners and contributions"),
    }
    links = []
    for place in finding.act[1:]:
        url = collaboration_url(place["place"], collaboration_id)
        if url:
            links.append({"url": url, "label": labels[place["place"]]})
    return links


def _conditions(report: Report, collaboration_id: int) -> list[dict[str, Any]]:
    severity_labels = {"warning": _("Warning"), "advice": _("Advice"), "info": _("Note")}
    status_labels = {
        "ok": _("In order"),
        "advice": _("Worth a look"),
        "warning": _("Needs attention"),
    }
    conditions = []
    for condition in report.conditions:
        conditions.append(
            {
                "key": condition.key,
                "title": condition.title,
                "section": condition.section,
                "status": condition.status,
                "status_label": status_labels[condition.status],
                "findings": [
                    {
                        "id": finding.id,
                        "severity": finding.severity,
                        "severity_label": severity_labels[finding.severity],
                        "message": finding.message,
                        "anchor": finding.act[0]["anchor"],
                        "elsewhere": _elsewhere(finding, collaboration_id),
                        "lesson": finding.lesson,
                    }
                    for finding in condition.findings
                ],
            }
        )
    return conditions


#: How long a rendered advice panel stays cached (a new revision makes a new key at once).
PANEL_CACHE_SECONDS = 600


def depends_on(request: HttpRequest, collaboration_id: int) -> str:
    """Besides the canvas: whether a legal route check is on record (one finding depends on
    it), and a pitch asked for in the page's GET parameters."""
    pitch = sorted(
        (name, value) for name, value in request.GET.items() if name.startswith("pitch_")
    )
    return f"legal={has_legal_assessment(collaboration_id)}" + (f";pitch={pitch}" if pitch else "")


def render_panel(context: CanvasPageContext) -> str:
    """The panel; without a pitch asked for it is the same for every viewer of a revision
    with the same rights and language, so it is cached by those (and by whether a legal route
    check is on record, which one finding depends on)."""
    if any(name.startswith("pitch_") for name in context.request.GET):
        return _render(context)
    snapshot = context.snapshot
    key = (
        f"guidance-panel:{document_digest(snapshot.document)}:"
        f"{snapshot.collaboration_id}:{snapshot.revision}:"
        f"{translation.get_language() or 'nl'}:{context.editable}:"
        f"{has_legal_assessment(snapshot.collaboration_id)}"
    )
    html = cache.get(key)
    if html is None:
        html = str(_render(context))
        cache.set(key, html, PANEL_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, cached


def _render(context: CanvasPageContext) -> str:
    report = advice_report(context)
    return render_to_string(
        "guidance/_panel.html",
        {
            "conditions": _conditions(report, context.snapshot.collaboration_id),
            "summary": {severity: report.count(severity) for severity in SEVERITIES},
            "counts": report.counts_text(),
            "collaboration_id": context.snapshot.collaboration_id,
            "revision": context.snapshot.revision,
            "editable": context.editable,
            "pitch": _pitch_form(context),
        },
        request=context.request,
    )

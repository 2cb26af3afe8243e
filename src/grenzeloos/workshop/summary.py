"""The summary of a workshop as a document of the shared document model (PDF, ODT, DOCX,
Markdown): who took part, every step with its notes ranked by their dots, and what was adopted
into which canvas revision. Words in the active language."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grenzeloos.documents import BulletList, Document, Heading, KeyValue, Paragraph, Table
from grenzeloos.documents.model import Block
from grenzeloos.workshop import services
from grenzeloos.workshop.models import Workshop


def summary_document(workshop: Workshop) -> Document:
    blocks: list[Block] = [
        KeyValue(
            (
                (_("Collaboration"), str(workshop.collaboration)),
                (_("State"), str(workshop.get_state_display())),
                (
                    _("Facilitator"),
                    workshop.facilitator.get_username() if workshop.facilitator else "—",
                ),
                (
                    _("Notes"),
                    _("anonymous notes") if workshop.anonymous else _("named notes"),
                ),
                (_("Dots per participant"), str(workshop.dots)),
                (_("Prepared"), formats.date_format(workshop.created_at, "DATETIME_FORMAT")),
            )
        ),
        Heading(_("Participants")),
    ]
    guest = _("guest")
    participants = [
        f"{p.display_name} ({guest})" if p.is_guest else p.display_name
        for p in workshop.participants.all()
    ]
    blocks.append(
        BulletList(tuple(participants)) if participants else Paragraph(_("Nobody took part."))
    )
    for step in workshop.steps.all():
        blocks.append(
            Heading(_("Step %(n)s: %(title)s") % {"n": step.position, "title": str(step)}, level=1)
        )
        ranked = services.ranking(step)
        if not ranked:
            blocks.append(Paragraph(_("No notes yet.")))
            continue
        blocks.append(
            Table(
                (_("Note"), _("Author"), _("Cluster"), _("Dots")),
                tuple(
                    (
                        item.note.text,
                        "—" if workshop.anonymous else item.note.participant.display_name,
                        item.note.cluster.name if item.note.cluster else "—",
                        str(item.dots),
                    )
                    for item in ranked
                ),
            )
        )
    blocks.append(Heading(_("Adopted")))
    adoptions = list(workshop.adoptions.all())
    if adoptions:
        blocks.append(
            Table(
                (_("Canvas box"), _("Revision"), _("Text")),
                tuple((str(a.get_box_display()), str(a.revision), a.text) for a in adoptions),
            )
        )
    else:
        blocks.append(Paragraph(_("Nothing was adopted into the canvas.")))
    return Document(
        title=workshop.title,
        language=(get_language() or "nl")[:2],
        blocks=tuple(blocks),
        subtitle=_("Workshop summary"),
        footer=str(workshop.collaboration),
    )

"""A submission's files: what may be attached, and who may read them.

A file is accepted by what its content shows it is (PDF, ODT, DOCX, PNG or JPEG, told by
``filetype``), never by its name, and up to a size limit set in the settings. Only the
challenge's owner, its assessors without a conflict of interest, and who sent the submission
may read its files. Held apart from the submission itself because files bring their own
rules: typing, limits, storage and reading access.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import IO

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.collaborations.access import collaboration_for
from grenzeloos.core.errors import Conflict, FieldError, NotFound, PermissionDenied
from grenzeloos.core.users import Actor
from grenzeloos.processes.access import CHALLENGE_VIEW
from grenzeloos.processes.models import (
    Assessor,
    Attachment,
    AttachmentKind,
    InterestDeclaration,
    Submission,
)

from .common import _submission

#: The kinds of file accepted, by what the content says it is (``filetype``'s extension).
ATTACHMENT_KINDS = {
    "pdf": AttachmentKind.PDF,
    "odt": AttachmentKind.ODT,
    "docx": AttachmentKind.DOCX,
    "png": AttachmentKind.PNG,
    "jpg": AttachmentKind.JPEG,
}
ATTACHMENT_TYPES = {
    AttachmentKind.PDF: "application/pdf",
    AttachmentKind.ODT: "application/vnd.oasis.opendocument.text",
    AttachmentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    AttachmentKind.PNG: "image/png",
    AttachmentKind.JPEG: "image/jpeg",
}
#: Attachments per submission.
ATTACHMENTS_MAX = 10


def attachment_limit() -> int:
    return int(settings.CHALLENGE_ATTACHMENT_MAX_BYTES)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"


def _file_name(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = "".join(ch for ch in base if ch.isprintable())[:200]
    return base or "attachment"


@transaction.atomic
def attach(*, actor: Actor, submission_id: int, name: str, content: IO[bytes]) -> Attachment:
    """Add a file to one's own submission: at most :func:`attachment_limit` bytes, and a PDF,
    ODT, DOCX, PNG or JPEG as its content shows (never by its name or the browser's word)."""
    submission = _submission(actor, submission_id)
    if submission.submitted_by_id != actor.pk:
        raise PermissionDenied(_("only who sent the submission may add files to it"))
    if submission.challenge.winner_id is not None:
        raise Conflict(_("the winner is on record; the submissions stay as they are"))
    if Attachment.objects.filter(submission=submission).count() >= ATTACHMENTS_MAX:
        raise Conflict(_("a submission has at most %(count)s files") % {"count": ATTACHMENTS_MAX})
    limit = attachment_limit()
    data = content.read(limit + 1)
    if len(data) > limit:
        raise FieldError(
            "file",
            _("the file is larger than the limit of %(limit)s") % {"limit": megabytes(limit)},
        )
    if not data:
        raise FieldError("file", _("the file is empty"))
    guessed = filetype.guess(data)
    kind = ATTACHMENT_KINDS.get(guessed.extension) if guessed is not None else None
    if kind is None:
        raise FieldError(
            "file",
            _("only PDF, ODT, DOCX, PNG and JPEG files are accepted; this file is none of them"),
        )
    attachment = Attachment(
        submission=submission,
        name=_file_name(name),
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(data), save=False)
    attachment.save()
    record(
        actor=actor,
        action="challenges.attached",
        target=submission,
        data={"attachment": attachment.pk, "kind": kind, "size": len(data)},
    )
    return attachment


def may_read_submission(actor: Actor, submission: Submission) -> bool:
    """Who may read a submission's files: the challenge's owner, its assessors without a
    conflict of interest with it, and who sent it — never another submitter."""
    if actor.pk is None:
        return False
    challenge = submission.challenge
    if actor.pk in (challenge.owner_id, submission.submitted_by_id):
        return True
    return (
        Assessor.objects.filter(challenge=challenge, user_id=actor.pk).exists()
        and not InterestDeclaration.objects.filter(
            submission=submission, assessor_id=actor.pk
        ).exists()
    )


def attachments(*, actor: Actor, submission_id: int) -> list[Attachment]:
    """A submission's files, for those who may read them (others: not found)."""
    submission = _submission(actor, submission_id)
    if not may_read_submission(actor, submission):
        raise NotFound(_("submission %(id)s not found") % {"id": submission_id})
    return list(Attachment.objects.filter(submission=submission).order_by("pk"))


def attachment_for(*, actor: Actor, attachment_id: int) -> Attachment:
    """One attachment to download; not found for whoever may not read its submission."""
    attachment = (
        Attachment.objects.select_related("submission__challenge").filter(pk=attachment_id).first()
    )
    missing = NotFound(_("attachment %(id)s not found") % {"id": attachment_id})
    if attachment is None:
        raise missing
    collaboration_for(actor, attachment.submission.challenge.collaboration_id, CHALLENGE_VIEW)
    if not may_read_submission(actor, attachment.submission):
        raise missing
    return attachment

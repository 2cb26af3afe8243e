"""Sending a submission: on behalf of an organisation of the shared registry, by one of its
contact persons, before the challenge's deadline.

Its files are in :mod:`.files`; the final proposal after the pitch in :mod:`.award`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grenzeloos.audit.services import record
from grenzeloos.core.errors import Conflict, FieldError, PermissionDenied
from grenzeloos.core.users import Actor
from grenzeloos.organisations.models import Organisation
from grenzeloos.organisations.services import may_manage, my_organisations
from grenzeloos.processes.access import CHALLENGE_SUBMIT
from grenzeloos.processes.models import Submission

from .common import _text, challenge_for


def submitting_organisations(actor: Actor) -> list[Organisation]:
    """The organisations ``actor`` may submit for: those whose contact person they are (the
    registry's rule, the one the meeting place publishes by)."""
    return list(my_organisations(actor).order_by("name", "pk"))


@transaction.atomic
def submit(
    *, actor: Actor, challenge_id: int, organisation_id: int, title: str, summary: str
) -> Submission:
    """A submission on behalf of an organisation of the shared registry; only its contact
    persons with an account (and who registered it) may send one for it."""
    challenge = challenge_for(actor, challenge_id, CHALLENGE_SUBMIT)
    if timezone.localdate() > challenge.deadline:
        raise Conflict(_("the deadline of this challenge has passed"))
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise FieldError(
            "organisation",
            _("organisation %(id)s is not in the registry") % {"id": organisation_id},
        )
    if not may_manage(user=actor, organisation=organisation):
        raise PermissionDenied(
            _(
                "only the contact persons of %(name)s with an account may send a submission "
                "for it; ask one of them to add you as a contact person in the registry"
            )
            % {"name": organisation.name}
        )
    submission = Submission.objects.create(
        challenge=challenge,
        organisation=organisation.name[:200],
        on_behalf_of=organisation,
        submitted_by=actor,
        title=_text(title, "title", 200),
        summary=_text(summary, "summary", 10000),
    )
    record(
        actor=actor,
        action="challenges.submitted",
        target=submission,
        data={"organisation": organisation.pk},
    )
    return submission

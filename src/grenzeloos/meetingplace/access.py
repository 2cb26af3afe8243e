"""The meeting place's action on a collaboration and the lowest role it needs
(see collaborations.access). Statements of organisations need no collaboration: who sees them is
decided by :func:`grenzeloos.meetingplace.services.visible_statements`."""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

PUBLISH = declare(
    "meetingplace.publish",
    Role.EDITOR,
    _("publish a problem statement for the collaboration while it is forming"),
).name
VIEW = declare(
    "meetingplace.view",
    Role.VIEWER,
    _("see the collaboration's problem statements, the answers and the missing seats"),
).name
